import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { assignPerson } from './assignment.service.ts';
import { DispatchRepository, type MemberJoinedRow } from './dispatch.repository.ts';
import type {
  DispatchMemberView, PublicReportInPlace, PublicReportInResult, ReportInCodeView, TArrivalListQuery, TPublicReportInInput,
} from './dispatch.schema.ts';
import { memberView, PUBLIC_ACTOR, type MobilizationDeps } from './dispatch.views.ts';
import type { TAssignInput } from './mobilization.schema.ts';
import { ReachRepository } from './reach.repository.ts';
import { ReportInRepository } from './report-in.repository.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Names are compared without spaces: "王 小明" on a phone keyboard is 王小明. */
const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * 报到: the receiving community sees who is coming, records the report-in (by its QR code or a button) and
 * puts the person into a team, on a post or in a responsibility area.
 */
export class ArrivalsService {
  constructor(private readonly deps: MobilizationDeps) {}

  /** Both sides read: the community its arrivals, the unit (liaison) the status of its own people. */
  async list(actor: Actor, query: TArrivalListQuery): Promise<Page<DispatchMemberView>> {
    const scope = requirePermission(actor, 'mobilization.read');
    const nodePath = await new ReachRepository(this.deps.db).pathFilter(query.nodeId);
    if (nodePath === null) return { items: [], next: null };
    const rows = await new DispatchRepository(this.deps.db).listMembers(scope, { ...query, nodePath });
    const items = rows.slice(0, query.limit).map((r) => memberView(r, this.deps.cipher));
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  async get(actor: Actor, id: string): Promise<DispatchMemberView> {
    const scope = requirePermission(actor, 'mobilization.read');
    const row = await new DispatchRepository(this.deps.db).findMember(id, scope, false);
    if (!row) throw notFound('dispatched person');
    return memberView(row, this.deps.cipher);
  }

  /** The community confirms a report-in by a button. Idempotent: a second confirmation changes nothing. */
  async confirm(actor: Actor, id: string): Promise<DispatchMemberView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DispatchRepository(trx);
      const member = await this.receivingMember(repo, id, scope);
      if (member.reported_at) return memberView(member, this.deps.cipher);
      await repo.updateMember(id, {
        reported_at: this.deps.clock.now().toISOString(), report_method: 'confirm', reported_node_id: member.node_id,
        reported_by: actor.accountId || null,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'dispatch_member.report_in', entityType: 'dispatch_member', entityId: id, scopePath: member.node_path,
        details: { personId: member.person_id, batchId: member.batch_id, method: 'confirm' },
      });
      return memberView((await repo.findMember(id, { kind: 'all' }, false))!, this.deps.cipher);
    });
  }

  /** Puts a reported-in person into a team, on a vanguard post or in a responsibility area within reach. */
  async assign(actor: Actor, id: string, input: TAssignInput): Promise<DispatchMemberView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DispatchRepository(trx);
      const member = await this.receivingMember(repo, id, scope);
      if (!member.reported_at) throw new AppError('VALIDATION', 'not reported in yet', [{ path: 'id', message: 'mobilization.not_reported' }]);
      const at = this.deps.clock.now().toISOString();
      const target = await assignPerson(trx, scope, member.person_id, input, at);
      if (member.assignment_kind !== target.kind || member.assignment_id !== target.id) {
        await repo.updateMember(id, { assignment_kind: target.kind, assignment_id: target.id, assigned_at: at });
      }
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'dispatch_member.assign', entityType: 'dispatch_member', entityId: id, scopePath: member.reported_node_path ?? member.node_path,
        details: {
          personId: member.person_id, kind: target.kind, targetId: target.id, role: input.role,
          previous: member.assignment_kind ? { kind: member.assignment_kind, id: member.assignment_id } : null,
        },
      });
      return memberView((await repo.findMember(id, { kind: 'all' }, false))!, this.deps.cipher);
    });
  }

  // ---------------------------------------------------------------- report-in codes

  async code(actor: Actor, nodeId: string): Promise<ReportInCodeView> {
    const scope = requirePermission(actor, 'mobilization.read');
    const node = await new ReachRepository(this.deps.db).nodeInScope(nodeId, scope);
    if (!node) throw notFound('node');
    const row = await new ReportInRepository(this.deps.db).findByNode(node.id);
    const token = row ? this.deps.cipher.decrypt(row.token_enc) : null;
    return { nodeId: node.id, nodeName: node.name, token, path: token ? `/report-in/${token}` : null, createdAt: row?.created_at ?? null };
  }

  /** Makes the place's code, or a new one that replaces it (the old QR stops working). */
  async regenerateCode(actor: Actor, nodeId: string): Promise<ReportInCodeView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const node = await new ReachRepository(trx).nodeInScope(nodeId, scope);
      if (!node) throw notFound('node');
      const repo = new ReportInRepository(trx);
      const replaced = !!(await repo.findByNode(node.id));
      const token = randomBytes(32).toString('base64url');
      const at = this.deps.clock.now().toISOString();
      await repo.replace({ node_id: node.id, token_hash: hashToken(token), token_enc: this.deps.cipher.encrypt(token), created_at: at, created_by: actor.accountId || null });
      await recordAudit(trx, this.deps.clock, actor, {
        action: replaced ? 'report_in_code.regenerate' : 'report_in_code.create', entityType: 'report_in_code', entityId: node.id,
        scopePath: node.path, details: { nodeName: node.name },
      });
      return { nodeId: node.id, nodeName: node.name, token, path: `/report-in/${token}`, createdAt: at };
    });
  }

  // ---------------------------------------------------------------- public (no account)

  /** The place a report-in code belongs to; an unknown or replaced code is not found. */
  async publicPlace(token: string): Promise<PublicReportInPlace> {
    const code = await new ReportInRepository(this.deps.db).findByHash(hashToken(token));
    if (!code) throw notFound('report-in code');
    return { nodeName: code.node_name, parentName: code.parent_name };
  }

  /**
   * A person scans the place's code and gives name and mobile number. It matches people dispatched to the
   * place (or the street above it) by the phone's blind index and the name; the visitor learns nothing about
   * anyone else. Idempotent: reporting in again records nothing new.
   */
  async publicReportIn(token: string, input: TPublicReportInInput): Promise<PublicReportInResult> {
    return this.deps.db.transaction().execute(async (trx) => {
      const code = await new ReportInRepository(trx).findByHash(hashToken(token));
      if (!code) throw notFound('report-in code');
      const repo = new DispatchRepository(trx);
      const placeAndAncestors = code.node_path.split('/').filter(Boolean);
      const now = this.deps.clock.now();
      const candidates = await repo.reportInCandidates(
        this.deps.cipher.blindIndex(input.phone, 'phone'), placeAndAncestors, code.node_path, shanghaiDay(now),
      );
      const matched = candidates.filter((c) => sameName(c.person_name, input.name));
      if (matched.length === 0) {
        throw new AppError('NOT_FOUND', 'no one with this name and phone is dispatched here', [{ path: 'phone', message: 'mobilization.not_dispatched_here' }]);
      }
      const at = now.toISOString();
      const fresh = matched.filter((m) => !m.reported_at);
      for (const m of fresh) {
        await repo.updateMember(m.id, { reported_at: at, report_method: 'qr', reported_node_id: code.node_id, reported_by: null });
        await recordAudit(trx, this.deps.clock, PUBLIC_ACTOR, {
          action: 'dispatch_member.report_in', entityType: 'dispatch_member', entityId: m.id, scopePath: code.node_path,
          details: { personId: m.person_id, method: 'qr', nodeId: code.node_id },
        });
      }
      const earliest = matched.map((m) => m.reported_at ?? at).sort()[0];
      return { recorded: fresh.length > 0, personName: matched[0].person_name, placeName: code.node_name, reportedAt: earliest };
    });
  }

  /** The member if the actor is on the receiving side; the sending side reads but does not confirm or assign. */
  private async receivingMember(repo: DispatchRepository, id: string, scope: Scope): Promise<MemberJoinedRow> {
    const row = await repo.findMember(id, scope, true);
    if (row) return row;
    if (await repo.findMember(id, scope, false)) throw new AppError('FORBIDDEN', 'the receiving community confirms and assigns');
    throw notFound('dispatched person');
  }
}
