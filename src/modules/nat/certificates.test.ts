import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/support/client.ts';
import { createTokenSigner, generateSigningKeyPem } from '../../platform/crypto/signer.ts';
import { natWorld, type NatWorld } from './nat.fixtures.ts';

const SAMPLED_AT = '2026-02-21T07:30:00.000Z';

describe('completion certificates: issue, verify (signature, expiry, revocation), public key, resident page', () => {
  let w: NatWorld;
  let admin: Client;
  const verify = async (token: string) => {
    const res = await w.t.app.inject({ method: 'POST', url: '/api/nat/certificates/verify', payload: { token } });
    return JSON.parse(res.body);
  };
  beforeAll(async () => {
    w = await natWorld();
    admin = w.admin;
    await w.db.updateTable('nat_round_residents').set({ sampled_at: SAMPLED_AT, sample_id: 'S-wang' })
      .where('round_id', '=', w.round.id).where('resident_id', '=', w.residents.wangDa).execute();
  });
  afterAll(async () => { await w.t.close(); });

  it('issues a signed certificate only for a sampled resident, in scope', async () => {
    const notYet = await admin.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.zhao}`);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('NAT_NOT_SAMPLED');
    const cert = await admin.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.wangDa}`);
    expect(cert.status).toBe(200);
    expect(cert.body).toMatchObject({
      roundName: '第三轮全员核酸检测', nameMasked: '王*明', sampledAt: SAMPLED_AT, expiresAt: '2026-02-23T07:30:00.000Z', issuer: '东街街道',
    });
    const secB = await w.as('cert_sec_b', 'community_secretary', w.world.communityB);
    expect((await secB.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.wangDa}`)).status).toBe(404);
    const verdict = await verify(cert.body.token);
    expect(verdict).toEqual({
      valid: true, roundId: w.round.id, roundName: '第三轮全员核酸检测', residentId: w.residents.wangDa, name: '王*明',
      sampledAt: SAMPLED_AT, expiresAt: '2026-02-23T07:30:00.000Z', issuer: '东街街道',
    });
  });

  it('rejects forged, altered and wrong-kind tokens', async () => {
    const { token } = (await admin.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.wangDa}`)).body;
    const [prefix, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const alter = (patch: Record<string, unknown>) => `${prefix}.${Buffer.from(JSON.stringify({ ...claims, ...patch })).toString('base64url')}.${sig}`;
    expect(await verify(alter({ x: '2027-01-01T00:00:00.000Z' }))).toEqual({ valid: false, reason: 'bad_signature' });
    expect(await verify(alter({ r: w.residents.zhao }))).toEqual({ valid: false, reason: 'bad_signature' });
    const other = createTokenSigner(generateSigningKeyPem());
    expect(await verify(other.sign('c', { ...claims }))).toEqual({ valid: false, reason: 'unknown_key' });
    // Another key pretending to be ours (same key id): the signature does not hold.
    const forged = other.sign('c', { r: w.residents.zhao, n: w.round.id, t: SAMPLED_AT, x: '2026-03-01T00:00:00Z' }).split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(forged[1]!, 'base64url').toString()), kid: w.t.ctx.signer.keyId })).toString('base64url');
    expect(await verify(`${forged[0]}.${forgedBody}.${forged[2]}`)).toEqual({ valid: false, reason: 'bad_signature' });
    expect(await verify(w.codeOf(w.residents.wangDa))).toEqual({ valid: false, reason: 'wrong_kind' });
    expect(await verify('not a token')).toEqual({ valid: false, reason: 'malformed' });
    const ghostRound = w.t.ctx.signer.sign('c', { r: w.residents.wangDa, n: '01ARZ3NDEKTSV4RRFFQ69G5FAV', t: SAMPLED_AT, x: '2026-03-01T00:00:00Z' });
    expect(await verify(ghostRound)).toEqual({ valid: false, reason: 'unknown_round' });
    const tooBig = await w.t.app.inject({ method: 'POST', url: '/api/nat/certificates/verify', payload: { token: 'x'.repeat(3000) } });
    expect(tooBig.statusCode).toBe(400);
  });

  it('verifies in the browser way: WebCrypto Ed25519 with the public key alone', async () => {
    const key = await w.t.app.inject({ method: 'GET', url: '/api/nat/certificates/public-key' });
    expect(key.statusCode).toBe(200);
    const { publicKey, keyId, alg } = JSON.parse(key.body);
    expect(alg).toBe('Ed25519');
    const { token } = (await admin.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.wangDa}`)).body;
    const imported = await webcrypto.subtle.importKey('raw', Buffer.from(publicKey, 'base64url'), { name: 'Ed25519' }, false, ['verify']);
    const [p, b, s] = token.split('.');
    const ok = await webcrypto.subtle.verify('Ed25519', imported, Buffer.from(s, 'base64url'), new TextEncoder().encode(`${p}.${b}`));
    expect(ok).toBe(true);
    const bad = await webcrypto.subtle.verify('Ed25519', imported, Buffer.from(s, 'base64url'), new TextEncoder().encode(`${p}.${b}x`));
    expect(bad).toBe(false);
    expect(JSON.parse(Buffer.from(b, 'base64url').toString()).kid).toBe(keyId);
  });

  it('refuses revoked, undone and positive certificates, and expired ones', async () => {
    await w.db.updateTable('nat_round_residents').set({ sampled_at: SAMPLED_AT, sample_id: 'S-li' })
      .where('round_id', '=', w.round.id).where('resident_id', '=', w.residents.liOld).execute();
    const li = (await admin.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.liOld}`)).body.token;
    expect((await verify(li)).valid).toBe(true);
    await w.db.insertInto('nat_certificate_revocations').values({ round_id: w.round.id, resident_id: w.residents.liOld, reason: 'wrong person', revoked_at: SAMPLED_AT, actor_id: null }).execute();
    expect(await verify(li)).toEqual({ valid: false, reason: 'revoked' });
    expect((await admin.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.liOld}`)).status).toBe(409);

    const wang = (await admin.get(`/api/nat/rounds/${w.round.id}/certificates/${w.residents.wangDa}`)).body.token;
    await w.db.updateTable('nat_round_residents').set({ result: 'pool_positive' }).where('round_id', '=', w.round.id).where('resident_id', '=', w.residents.wangDa).execute();
    expect(await verify(wang)).toEqual({ valid: false, reason: 'revoked' });
    await w.db.updateTable('nat_round_residents').set({ result: 'negative' }).where('round_id', '=', w.round.id).where('resident_id', '=', w.residents.wangDa).execute();
    expect((await verify(wang)).valid).toBe(true);

    w.clock.set('2026-02-23T07:30:01Z'); // 48 h and a second after sampling
    expect(await verify(wang)).toEqual({ valid: false, reason: 'expired' });
    w.clock.set('2026-02-21T08:00:00Z');
  });

  it('gives a resident their code and certificates from the personal code alone', async () => {
    const page = await w.t.app.inject({ method: 'POST', url: '/api/nat/me', payload: { code: w.codeOf(w.residents.wangDa) } });
    expect(page.statusCode).toBe(200);
    const body = JSON.parse(page.body);
    expect(body).toMatchObject({ residentId: w.residents.wangDa, nameMasked: '王*明', household: '1号楼 1单元 101室' });
    expect(body.certificates).toHaveLength(1);
    expect((await verify(body.certificates[0].token)).valid).toBe(true);
    const none = await w.t.app.inject({ method: 'POST', url: '/api/nat/me', payload: { code: 'FK1.abc.def' } });
    expect(JSON.parse(none.body).error.code).toBe('NAT_CODE_INVALID');
  });
});
