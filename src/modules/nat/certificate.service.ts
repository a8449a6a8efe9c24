import { AppError, notFound } from '../../platform/errors.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { extractToken, maskName, resolveResidentCode } from './codes.ts';
import { certificateStatus, certificateSubject, sampledRoundsOf } from './certificate.repository.ts';
import type { NatDeps } from './nat.deps.ts';
import type { CertificateView, VerifyVerdict } from './nat.schema.ts';
import { pathTail } from '../registry/registry.views.ts';
import { findRoundInScope, nodeNames } from './plan.repository.ts';

// Completion certificates (green card, 完成证明): an Ed25519-signed 'c' token {r resident, n round, t sampled at,
// x expires at, i issuer, h masked name}. Issued on request from the roster's sampled_at; the signature lets a
// checkpoint verify offline with the public key; the server's verify adds expiry and revocation (withdrawn,
// sample undone, positive).

export const CERTIFICATE_KIND = 'c';

export interface SelfServiceView {
  residentId: string; nameMasked: string; household: string; code: string; certificates: CertificateView[];
}

export class CertificateService {
  constructor(private readonly deps: NatDeps) {}

  private sign(round: { id: string; name: string; certificate_valid_hours: number; issuer: string }, residentId: string, name: string, sampledAt: string): CertificateView {
    const expiresAt = new Date(new Date(sampledAt).getTime() + round.certificate_valid_hours * 3600_000).toISOString();
    const nameMasked = maskName(name);
    const token = this.deps.signer.sign(CERTIFICATE_KIND, { r: residentId, n: round.id, t: sampledAt, x: expiresAt, i: round.issuer, h: nameMasked });
    return {
      token, roundId: round.id, roundName: round.name, residentId, nameMasked, sampledAt, expiresAt,
      issuer: round.issuer, keyId: this.deps.signer.keyId,
    };
  }

  /** The certificate of a sampled resident of a round the actor reaches (the resident's household in scope). */
  async issue(actor: Actor, roundId: string, residentId: string): Promise<CertificateView> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await findRoundInScope(this.deps.db, scope, roundId);
    if (!round) throw notFound('round');
    const subject = await certificateSubject(this.deps.db, scope, roundId, residentId);
    if (!subject) throw notFound('resident');
    if (!subject.sampled_at) throw new AppError('NAT_NOT_SAMPLED');
    if (subject.revoked) throw new AppError('CONFLICT', 'the certificate of this resident was revoked');
    const issuer = (await nodeNames(this.deps.db, [round.node_id])).get(round.node_id) ?? '';
    return this.sign({ ...round, issuer }, residentId, subject.name, subject.sampled_at);
  }

  /**
   * Public verdict on a certificate token: signature and kind, expiry, the round still existing, and neither
   * revoked nor undone nor positive since. Answers with the masked name only.
   */
  async verify(token: string): Promise<VerifyVerdict> {
    const checked = this.deps.signer.verify(extractToken(token), CERTIFICATE_KIND);
    if (!checked.ok) return { valid: false, reason: checked.problem };
    const c = checked.claims;
    if (typeof c.r !== 'string' || typeof c.n !== 'string' || typeof c.t !== 'string' || typeof c.x !== 'string') {
      return { valid: false, reason: 'malformed' };
    }
    if (!(Date.parse(c.x) > this.deps.clock.now().getTime())) return { valid: false, reason: 'expired' };
    const status = await certificateStatus(this.deps.db, c.n, c.r);
    if (!status) return { valid: false, reason: 'unknown_round' };
    if (status.revoked || !status.sampled_at || status.result === 'positive' || status.result === 'pool_positive') {
      return { valid: false, reason: 'revoked' };
    }
    return {
      valid: true, roundId: c.n, roundName: status.round_name, residentId: c.r, name: String(c.h ?? ''),
      sampledAt: c.t, expiresAt: c.x, issuer: String(c.i ?? ''),
    };
  }

  publicKey(): { alg: 'Ed25519'; keyId: string; publicKey: string; format: string } {
    return { alg: 'Ed25519', keyId: this.deps.signer.keyId, publicKey: this.deps.signer.publicKey, format: 'FK1' };
  }

  /**
   * A resident's own page, opened from their personal code (the code is the key: whoever holds it may see its
   * QR and certificates, exactly what the holder could show anyway). Certificates of the last rounds sampled.
   */
  async selfService(code: string): Promise<SelfServiceView> {
    const residentId = await resolveResidentCode(this.deps.db, this.deps.signer, code);
    const rows = await sampledRoundsOf(this.deps.db, residentId);
    const person = await this.deps.db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.name', 'h.path']).where('r.id', '=', residentId).executeTakeFirstOrThrow();
    const place = pathTail(person.path, 3);
    const issuers = await nodeNames(this.deps.db, [...rows.map((r) => r.node_id), ...place]);
    const household = place.map((id) => issuers.get(id) ?? '').filter(Boolean).join(' ');
    const certificates = rows
      .filter((r) => !r.revoked && r.result !== 'positive' && r.result !== 'pool_positive')
      .map((r) => this.sign({ id: r.round_id, name: r.round_name, certificate_valid_hours: r.certificate_valid_hours, issuer: issuers.get(r.node_id) ?? '' }, residentId, person.name, r.sampled_at));
    return { residentId, nameMasked: maskName(person.name), household, code: extractToken(code), certificates };
  }
}
