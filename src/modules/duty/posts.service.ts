import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { can, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { newPostToken, refNotFound, type DutyDeps } from './duty.deps.ts';
import {
  ALL_WEEKDAYS, type DutyPostKind, type DutyPostView, type SuccessionView, type TDutyPostInput, type TDutyPostListQuery,
  type TDutyPostUpdateInput, type TLeadsInput, type TShiftTemplateInput, type TSuccessionListQuery, type UnavailabilityReason,
} from './duty.schema.ts';
import { DutyPostsRepository, type PostRow, type SuccessionRow, type TemplateRow } from './posts.repository.ts';

/** Duty posts (值守点位): where, what kind, the coverage requirement, the lead chain and the QR token. */
export class DutyPostsService {
  constructor(private readonly deps: DutyDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new DutyPostsRepository(ex);
  }

  async list(actor: Actor, query: TDutyPostListQuery): Promise<DutyPostView[]> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = this.repo();
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await repo.nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    return this.views(repo, actor, await repo.list(scope, { nodePath }));
  }

  async get(actor: Actor, id: string): Promise<DutyPostView> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = this.repo();
    const row = await repo.find(id, scope);
    if (!row) throw notFound('duty post');
    return (await this.views(repo, actor, [row]))[0];
  }

  async create(actor: Actor, input: TDutyPostInput): Promise<DutyPostView> {
    const scope = requirePermission(actor, 'duty.write');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const existing = await repo.find(id, { kind: 'all' });
      if (existing) {
        // A retried create answers with the same post, if the actor may see it.
        if (!(await repo.find(id, scope))) throw notFound('duty post');
        return;
      }
      const node = await this.checkRefs(repo, scope, input);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, name: input.name, kind: input.kind, node_id: input.nodeId, vanguard_post_id: input.vanguardPostId ?? null,
        phone: input.phone ?? null, note: input.note ?? null, token: newPostToken(),
        min_rest_minutes: input.minRestHours !== undefined && input.minRestHours !== null ? Math.round(input.minRestHours * 60) : null,
        late_grace_minutes: input.lateGraceMinutes ?? null, active: 1, created_at: at, updated_at: at,
      });
      await this.writeTemplates(repo, id, [], input.shifts, at);
      await repo.replaceLeads(id, input.leadPersonIds, at);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_post.create', entityType: 'duty_post', entityId: id, scopePath: node.path,
        details: { name: input.name, kind: input.kind, nodeId: input.nodeId, shifts: input.shifts.length, leads: input.leadPersonIds.length },
      });
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: TDutyPostUpdateInput): Promise<DutyPostView> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('duty post');
      const node = await this.checkRefs(repo, scope, {
        nodeId: input.nodeId ?? current.node_id,
        vanguardPostId: input.vanguardPostId !== undefined ? input.vanguardPostId : undefined,
        leadPersonIds: input.leadPersonIds,
      });
      const at = this.deps.clock.now().toISOString();
      await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.nodeId !== undefined ? { node_id: input.nodeId } : {}),
        ...(input.vanguardPostId !== undefined ? { vanguard_post_id: input.vanguardPostId } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.minRestHours !== undefined ? { min_rest_minutes: input.minRestHours === null ? null : Math.round(input.minRestHours * 60) } : {}),
        ...(input.lateGraceMinutes !== undefined ? { late_grace_minutes: input.lateGraceMinutes } : {}),
        updated_at: at,
      });
      if (input.shifts) await this.writeTemplates(repo, id, await repo.templates([id]), input.shifts, at);
      if (input.leadPersonIds) await repo.replaceLeads(id, input.leadPersonIds, at);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_post.update', entityType: 'duty_post', entityId: id, scopePath: node.path,
        details: { fields: Object.keys(input) },
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('duty post');
      const blocking = Object.entries(await repo.countDependents(id)).filter(([, n]) => n > 0);
      if (blocking.length > 0) {
        throw new AppError('HAS_DEPENDENTS', `duty post still has ${blocking.map(([k, n]) => `${n} ${k}`).join(', ')}`,
          blocking.map(([k, n]) => ({ path: k, message: String(n) })));
      }
      await repo.delete(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_post.delete', entityType: 'duty_post', entityId: id, scopePath: current.node_path, details: { name: current.name },
      });
    });
  }

  /** Lead, deputy, next in line. A new chain ends any acting arrangement only by being the new chain. */
  async setLeads(actor: Actor, id: string, input: TLeadsInput): Promise<DutyPostView> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('duty post');
      await this.checkLeads(repo, scope, input.personIds);
      await repo.replaceLeads(id, input.personIds, this.deps.clock.now().toISOString());
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_post.leads', entityType: 'duty_post', entityId: id, scopePath: current.node_path,
        details: { personIds: input.personIds },
      });
    });
    return this.get(actor, id);
  }

  /** A new QR token: the printed code stops working (e.g. a photo of it went round). */
  async rotateToken(actor: Actor, id: string): Promise<DutyPostView> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('duty post');
      await repo.update(id, { token: newPostToken(), updated_at: this.deps.clock.now().toISOString() });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_post.token', entityType: 'duty_post', entityId: id, scopePath: current.node_path,
      });
    });
    return this.get(actor, id);
  }

  async successions(actor: Actor, query: TSuccessionListQuery): Promise<SuccessionView[]> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = this.repo();
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await repo.nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    return (await repo.successions(scope, { nodePath, postId: query.postId })).map(successionView);
  }

  private async checkRefs(
    repo: DutyPostsRepository, scope: Scope,
    input: { nodeId: string; vanguardPostId?: string | null; leadPersonIds?: string[] },
  ): Promise<{ path: string }> {
    const node = await repo.node(input.nodeId, scope);
    if (!node) throw refNotFound('nodeId', 'node');
    if (input.vanguardPostId && !(await repo.vanguardPost(input.vanguardPostId, scope))) throw refNotFound('vanguardPostId', 'vanguard post');
    if (input.leadPersonIds) await this.checkLeads(repo, scope, input.leadPersonIds);
    return node;
  }

  private async checkLeads(repo: DutyPostsRepository, scope: Scope, personIds: string[]): Promise<void> {
    const reach = await repo.peopleInReach(personIds, scope);
    const missing = personIds.map((id, i) => ({ id, i })).filter((x) => !reach.has(x.id));
    if (missing.length > 0) {
      throw new AppError('NOT_FOUND', 'person not found', missing.map((m) => ({ path: `leadPersonIds.${m.i}`, message: 'not found, or outside your jurisdiction' })));
    }
  }

  /** Replaces the requirement; templates keep their ids (and their shifts) when the input names them. */
  private async writeTemplates(repo: DutyPostsRepository, postId: string, existing: TemplateRow[], shifts: TShiftTemplateInput[], at: string) {
    const known = new Set(existing.map((t) => t.id));
    const kept = new Set<string>();
    for (const [sort, s] of shifts.entries()) {
      const values = {
        name: s.name, start_time: s.start, end_time: s.end, required: s.required, night: s.night ? 1 : 0,
        weekdays: [...new Set(s.weekdays ?? ALL_WEEKDAYS)].sort().join(''), sort,
      };
      if (s.id && known.has(s.id)) {
        kept.add(s.id);
        await repo.updateTemplate(s.id, values);
      } else {
        await repo.insertTemplate({ id: newId(), post_id: postId, ...values, created_at: at });
      }
    }
    for (const t of existing) if (!kept.has(t.id)) await repo.deleteTemplate(t.id, at);
  }

  private async views(repo: DutyPostsRepository, actor: Actor, rows: PostRow[]): Promise<DutyPostView[]> {
    const ids = rows.map((r) => r.id);
    const nowIso = this.deps.clock.now().toISOString();
    const templates = await repo.templates(ids);
    const leads = await repo.leads(ids);
    const successions = await repo.successionsAt(ids, nowIso);
    const away = await repo.unavailableAt([...new Set(leads.map((l) => l.person_id))], nowIso);
    const showToken = can(actor, 'duty.write');
    return rows.map((r) => {
      const chain = leads.filter((l) => l.post_id === r.id);
      const acting = successions.find((s) => s.post_id === r.id);
      const currentLead = acting
        ? (acting.to_person_id ? { personId: acting.to_person_id, personName: acting.to_person_name ?? '', acting: true } : null)
        : chain[0] ? { personId: chain[0].person_id, personName: chain[0].person_name, acting: false } : null;
      return {
        id: r.id, name: r.name, kind: r.kind as DutyPostKind, nodeId: r.node_id, nodeName: r.node_name,
        vanguardPostId: r.vanguard_post_id, vanguardPostName: r.vanguard_post_name, phone: r.phone, note: r.note,
        minRestHours: r.min_rest_minutes === null ? null : r.min_rest_minutes / 60, lateGraceMinutes: r.late_grace_minutes,
        shifts: templates.filter((t) => t.post_id === r.id).map((t) => ({
          id: t.id, name: t.name, start: t.start_time, end: t.end_time, required: t.required, night: t.night === 1,
          weekdays: t.weekdays.split('').map(Number),
        })),
        leads: chain.map((l) => ({ rank: l.rank, personId: l.person_id, personName: l.person_name, unavailable: away.has(l.person_id) })),
        currentLead,
        token: showToken ? r.token : null,
        createdAt: r.created_at, updatedAt: r.updated_at,
      };
    });
  }
}

export function successionView(r: SuccessionRow): SuccessionView {
  return {
    id: r.id, postId: r.post_id, postName: r.post_name, fromPersonId: r.from_person_id, fromPersonName: r.from_person_name,
    toPersonId: r.to_person_id, toPersonName: r.to_person_name, fromAt: r.from_at, untilAt: r.until_at,
    reason: r.reason as UnavailabilityReason, createdAt: r.created_at,
  };
}
