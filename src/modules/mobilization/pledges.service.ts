import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { refNotFound } from './dispatch.service.ts';
import type { MobilizationDeps } from './dispatch.views.ts';
import { PledgesRepository, type PledgeFilter, type PledgeViewRow } from './pledges.repository.ts';
import { ReachRepository, type NodeRef } from './reach.repository.ts';
import { TeamsRepository } from './teams.repository.ts';
import type {
  PledgeCounts, PledgeView, TFulfilmentInput, TPledgeCountsQuery, TPledgeInput, TPledgeListQuery, TPledgeUpdateInput,
} from './teams.schema.ts';

/** 亮承诺 / 践诺: a member's pledge for a place (optionally within a team) and the entries of keeping it. */
export class PledgesService {
  constructor(private readonly deps: MobilizationDeps) {}

  async list(actor: Actor, query: TPledgeListQuery): Promise<Page<PledgeView>> {
    const scope = requirePermission(actor, 'mobilization.read');
    const filter = await this.filter(query);
    if (!filter) return { items: [], next: null };
    const repo = new PledgesRepository(this.deps.db);
    const rows = await repo.list(scope, { ...filter, after: query.after, limit: query.limit });
    const page = rows.slice(0, query.limit);
    const items = await this.withFulfilments(repo, page);
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  async counts(actor: Actor, query: TPledgeCountsQuery): Promise<PledgeCounts> {
    const scope = requirePermission(actor, 'mobilization.read');
    const filter = await this.filter(query);
    if (!filter) return { pledges: 0, fulfilled: 0, fulfilments: 0, people: 0 };
    return new PledgesRepository(this.deps.db).counts(scope, filter);
  }

  async get(actor: Actor, id: string): Promise<PledgeView> {
    const scope = requirePermission(actor, 'mobilization.read');
    const repo = new PledgesRepository(this.deps.db);
    const row = await repo.find(id, scope);
    if (!row) throw notFound('pledge');
    return (await this.withFulfilments(repo, [row]))[0];
  }

  async create(actor: Actor, input: TPledgeInput): Promise<PledgeView> {
    const scope = requirePermission(actor, 'mobilization.write');
    const id = input.id ?? newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new PledgesRepository(trx);
      if (input.id && (await repo.findRaw(id))) {
        const mine = await repo.find(id, scope);
        if (!mine) throw new AppError('CONFLICT', 'id already used', [{ path: 'id', message: 'already used' }]);
        return (await this.withFulfilments(repo, [mine]))[0];
      }
      const reach = new ReachRepository(trx);
      if (!(await reach.person(input.personId, scope))) throw refNotFound('personId', 'person');
      const team = input.teamId ? await new TeamsRepository(trx).find(input.teamId, scope) : undefined;
      if (input.teamId && !team) throw refNotFound('teamId', 'team');
      const nodeId = input.nodeId ?? team?.nodeId;
      if (!nodeId) throw new AppError('VALIDATION', 'a place is required', [{ path: 'nodeId', message: 'mobilization.place_required' }]);
      const node = await this.place(trx, scope, nodeId);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, person_id: input.personId, node_id: node.id, team_id: team?.id ?? null, content: input.content, pledged_on: input.pledgedOn,
        created_by: actor.accountId || null, created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'pledge.create', entityType: 'pledge', entityId: id, scopePath: node.path,
        details: { personId: input.personId, nodeId: node.id, teamId: team?.id ?? null, pledgedOn: input.pledgedOn },
      });
      return (await this.withFulfilments(repo, [(await repo.find(id, { kind: 'all' }))!]))[0];
    });
  }

  async update(actor: Actor, id: string, input: TPledgeUpdateInput): Promise<PledgeView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new PledgesRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('pledge');
      if (input.teamId && !(await new TeamsRepository(trx).find(input.teamId, scope))) throw refNotFound('teamId', 'team');
      await repo.update(id, {
        ...(input.content !== undefined ? { content: input.content } : {}),
        ...(input.pledgedOn !== undefined ? { pledged_on: input.pledgedOn } : {}),
        ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'pledge.update', entityType: 'pledge', entityId: id, scopePath: current.nodePath,
        details: { fields: Object.keys(input) },
      });
      return (await this.withFulfilments(repo, [(await repo.find(id, { kind: 'all' }))!]))[0];
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'mobilization.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new PledgesRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('pledge');
      await repo.delete(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'pledge.delete', entityType: 'pledge', entityId: id, scopePath: current.nodePath,
        details: { personId: current.personId, content: current.content },
      });
    });
  }

  /** 践诺: one entry of keeping the pledge. Idempotent by the entry's client-made id. */
  async addFulfilment(actor: Actor, pledgeId: string, input: TFulfilmentInput): Promise<PledgeView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new PledgesRepository(trx);
      const pledge = await repo.find(pledgeId, scope);
      if (!pledge) throw notFound('pledge');
      const id = input.id ?? newId();
      const existing = input.id ? await repo.findFulfilment(id) : undefined;
      if (existing && existing.pledge_id !== pledgeId) throw new AppError('CONFLICT', 'id already used', [{ path: 'id', message: 'already used' }]);
      if (!existing) {
        await repo.insertFulfilment({
          id, pledge_id: pledgeId, done_on: input.doneOn, note: input.note, created_by: actor.accountId || null,
          created_at: this.deps.clock.now().toISOString(),
        });
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'pledge.fulfil', entityType: 'pledge', entityId: pledgeId, scopePath: pledge.nodePath,
          details: { fulfilmentId: id, doneOn: input.doneOn },
        });
      }
      return (await this.withFulfilments(repo, [pledge]))[0];
    });
  }

  async removeFulfilment(actor: Actor, pledgeId: string, fulfilmentId: string): Promise<void> {
    const scope = requirePermission(actor, 'mobilization.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new PledgesRepository(trx);
      const pledge = await repo.find(pledgeId, scope);
      if (!pledge) throw notFound('pledge');
      const entry = await repo.findFulfilment(fulfilmentId);
      if (!entry || entry.pledge_id !== pledgeId) throw notFound('fulfilment');
      await repo.deleteFulfilment(fulfilmentId);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'pledge.fulfilment_remove', entityType: 'pledge', entityId: pledgeId, scopePath: pledge.nodePath,
        details: { fulfilmentId, doneOn: entry.done_on },
      });
    });
  }

  /** Resolves the node filter to a path; null when the node does not exist (an empty answer). */
  private async filter(query: { personId?: string; teamId?: string; nodeId?: string }): Promise<PledgeFilter | null> {
    const filter: PledgeFilter = { personId: query.personId, teamId: query.teamId };
    const nodePath = await new ReachRepository(this.deps.db).pathFilter(query.nodeId);
    if (nodePath === null) return null;
    filter.nodePath = nodePath;
    return filter;
  }

  private async withFulfilments(repo: PledgesRepository, rows: PledgeViewRow[]): Promise<PledgeView[]> {
    const entries = await repo.fulfilments(rows.map((r) => r.id));
    return rows.map(({ nodePath: _path, ...view }) => ({ ...view, fulfilments: entries.get(view.id) ?? [] }));
  }

  /** A pledge's place: inside the subtree; a unit liaison's people pledge wherever they serve. */
  private async place(ex: Executor, scope: Scope, nodeId: string): Promise<NodeRef> {
    const reach = new ReachRepository(ex);
    const node = scope.kind === 'unit' ? await reach.node(nodeId) : await reach.nodeInScope(nodeId, scope);
    if (!node) throw refNotFound('nodeId', 'node');
    return node;
  }
}
