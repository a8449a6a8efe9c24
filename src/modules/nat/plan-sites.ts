import { recordAudit } from '../../platform/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { NatDeps } from './nat.deps.ts';
import type { DeskView, SiteView, StaffView, TAreasInput, TDeskInput, TSiteInput, TSiteUpdateInput, TStaffInput } from './nat.schema.ts';
import {
  areasTakenElsewhere, deleteSiteRows, deskHasWork, deskView, findPersonForStaff, listSiteRows, replaceAreas, siteHasWork,
  siteViews, staffView,
} from './plan-sites.repository.ts';
import { findNodeInScope, findRoundInScope, findSiteInScope, type RoundRow, type SiteRow } from './plan.repository.ts';

// Sites (点位), their desks (采样台), staff from the workforce, and the compounds assigned to each site.

const fieldError = (path: string, message: string) => new AppError('VALIDATION', message, [{ path, message }]);

export class NatSitesService {
  constructor(private readonly deps: NatDeps) {}

  private now(): string { return this.deps.clock.now().toISOString(); }

  /** A node the actor reaches that also lies inside the round's subtree. */
  private async nodeInRound(trx: Tx, scope: Scope, round: RoundRow, nodeId: string, path: string) {
    const node = await findNodeInScope(trx, scope, nodeId);
    if (!node) throw fieldError(path, 'ref.outside_scope');
    if (!node.path.startsWith(round.node_path)) throw fieldError(path, 'nat.place_outside_round');
    return node;
  }

  private async siteForWrite(trx: Tx, scope: Scope, siteId: string): Promise<{ site: SiteRow; round: RoundRow }> {
    const site = await findSiteInScope(trx, scope, siteId);
    if (!site) throw notFound('site');
    const round = await trx.selectFrom('nat_rounds').selectAll().where('id', '=', site.round_id).executeTakeFirstOrThrow();
    return { site, round };
  }

  async list(actor: Actor, roundId: string): Promise<SiteView[]> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await findRoundInScope(this.deps.db, scope, roundId);
    if (!round) throw notFound('round');
    return siteViews(this.deps.db, round, await listSiteRows(this.deps.db, scope, roundId));
  }

  async get(actor: Actor, siteId: string): Promise<SiteView> {
    const scope = requirePermission(actor, 'nat.read');
    const site = await findSiteInScope(this.deps.db, scope, siteId);
    if (!site) throw notFound('site');
    const round = await this.deps.db.selectFrom('nat_rounds').selectAll().where('id', '=', site.round_id).executeTakeFirstOrThrow();
    return (await siteViews(this.deps.db, round, [site]))[0]!;
  }

  async create(actor: Actor, roundId: string, input: TSiteInput): Promise<SiteView> {
    const scope = requirePermission(actor, 'nat.manage');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('nat_sites').select('id').where('id', '=', id).executeTakeFirst()) return;
      const round = await findRoundInScope(trx, scope, roundId);
      if (!round) throw notFound('round');
      const node = await this.nodeInRound(trx, scope, round, input.nodeId, 'nodeId');
      const at = this.now();
      await trx.insertInto('nat_sites').values({
        id, round_id: round.id, name: input.name, node_id: node.id, node_path: node.path, address: input.address ?? null,
        opens_at: input.opensAt, closes_at: input.closesAt, pool_size: input.poolSize ?? null, created_at: at, updated_at: at,
      }).execute();
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.site.create', entityType: 'nat_site', entityId: id, scopePath: node.path, details: { name: input.name } });
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, siteId: string, input: TSiteUpdateInput): Promise<SiteView> {
    const scope = requirePermission(actor, 'nat.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const { site, round } = await this.siteForWrite(trx, scope, siteId);
      const opensAt = input.opensAt ?? site.opens_at;
      const closesAt = input.closesAt ?? site.closes_at;
      if (closesAt <= opensAt) throw fieldError('closesAt', 'nat.closes_before_opens');
      const node = input.nodeId ? await this.nodeInRound(trx, scope, round, input.nodeId, 'nodeId') : undefined;
      await trx.updateTable('nat_sites').set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(node ? { node_id: node.id, node_path: node.path } : {}),
        ...(input.address !== undefined ? { address: input.address ?? null } : {}),
        ...(input.poolSize !== undefined ? { pool_size: input.poolSize ?? null } : {}),
        opens_at: opensAt, closes_at: closesAt, updated_at: this.now(),
      }).where('id', '=', siteId).execute();
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.site.update', entityType: 'nat_site', entityId: siteId, scopePath: site.node_path, details: { ...input } });
    });
    return this.get(actor, siteId);
  }

  /** A site with no tubes yet can go (with its desks, staff, areas and slots); afterwards it is history. */
  async remove(actor: Actor, siteId: string): Promise<void> {
    const scope = requirePermission(actor, 'nat.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const { site } = await this.siteForWrite(trx, scope, siteId);
      if (await siteHasWork(trx, siteId)) throw new AppError('HAS_DEPENDENTS', 'the site already has tubes');
      await deleteSiteRows(trx, siteId);
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.site.delete', entityType: 'nat_site', entityId: siteId, scopePath: site.node_path, details: { name: site.name } });
    });
  }

  async addDesk(actor: Actor, siteId: string, input: TDeskInput): Promise<DeskView> {
    const scope = requirePermission(actor, 'nat.manage');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const { site } = await this.siteForWrite(trx, scope, siteId);
      const existing = await trx.selectFrom('nat_desks').select('site_id').where('id', '=', id).executeTakeFirst();
      if (existing) {
        if (existing.site_id !== siteId) throw new AppError('CONFLICT', 'desk id used at another site');
        return;
      }
      await trx.insertInto('nat_desks').values({ id, round_id: site.round_id, site_id: siteId, name: input.name, kind: input.kind, created_at: this.now() }).execute();
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.desk.create', entityType: 'nat_desk', entityId: id, scopePath: site.node_path, details: { name: input.name, kind: input.kind } });
    });
    const desk = await this.deps.db.selectFrom('nat_desks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return deskView(desk);
  }

  async removeDesk(actor: Actor, siteId: string, deskId: string): Promise<void> {
    const scope = requirePermission(actor, 'nat.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const { site } = await this.siteForWrite(trx, scope, siteId);
      const desk = await trx.selectFrom('nat_desks').select('id').where('id', '=', deskId).where('site_id', '=', siteId).executeTakeFirst();
      if (!desk) throw notFound('desk');
      if (await deskHasWork(trx, deskId)) throw new AppError('HAS_DEPENDENTS', 'the desk already has tubes');
      await trx.updateTable('nat_site_staff').set({ desk_id: null }).where('desk_id', '=', deskId).execute();
      await trx.deleteFrom('nat_desks').where('id', '=', deskId).execute();
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.desk.delete', entityType: 'nat_desk', entityId: deskId, scopePath: site.node_path });
    });
  }

  async addStaff(actor: Actor, siteId: string, input: TStaffInput): Promise<StaffView> {
    const scope = requirePermission(actor, 'nat.manage');
    const id = newId();
    const name = await this.deps.db.transaction().execute(async (trx) => {
      const { site } = await this.siteForWrite(trx, scope, siteId);
      const person = await findPersonForStaff(trx, scope, input.personId);
      if (!person) throw fieldError('personId', 'ref.outside_scope');
      if (input.deskId) {
        const desk = await trx.selectFrom('nat_desks').select('site_id').where('id', '=', input.deskId).executeTakeFirst();
        if (!desk || desk.site_id !== siteId) throw fieldError('deskId', 'nat.desk_other_site');
      }
      await trx.insertInto('nat_site_staff').values({
        id, round_id: site.round_id, site_id: siteId, desk_id: input.deskId ?? null, person_id: person.id, role: input.role,
        from_at: input.fromAt ?? null, to_at: input.toAt ?? null, created_at: this.now(),
      }).execute();
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.staff.add', entityType: 'nat_site', entityId: siteId, scopePath: site.node_path, details: { personId: person.id, role: input.role } });
      return person.name;
    });
    const row = await this.deps.db.selectFrom('nat_site_staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return staffView(row, name);
  }

  async removeStaff(actor: Actor, siteId: string, staffId: string): Promise<void> {
    const scope = requirePermission(actor, 'nat.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const { site } = await this.siteForWrite(trx, scope, siteId);
      const gone = await trx.deleteFrom('nat_site_staff').where('id', '=', staffId).where('site_id', '=', siteId).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) throw notFound('staff');
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.staff.remove', entityType: 'nat_site', entityId: siteId, scopePath: site.node_path, details: { staffId } });
    });
  }

  /** Replaces the places assigned to a site; a place belongs to at most one site of a round. */
  async setAreas(actor: Actor, siteId: string, input: TAreasInput): Promise<SiteView> {
    const scope = requirePermission(actor, 'nat.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const { site, round } = await this.siteForWrite(trx, scope, siteId);
      const ids = [...new Set(input.nodeIds)];
      const rows = [];
      for (const [i, nodeId] of ids.entries()) {
        const node = await this.nodeInRound(trx, scope, round, nodeId, `nodeIds.${i}`);
        rows.push({ round_id: round.id, site_id: siteId, node_id: node.id, node_path: node.path });
      }
      const taken = await areasTakenElsewhere(trx, round.id, siteId, ids);
      if (taken.length > 0) {
        throw new AppError('VALIDATION', 'area assigned to another site', taken.map((t) => ({ path: `nodeIds.${ids.indexOf(t)}`, message: 'nat.area_taken' })));
      }
      await replaceAreas(trx, siteId, rows);
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.site.areas', entityType: 'nat_site', entityId: siteId, scopePath: site.node_path, details: { nodeIds: ids } });
    });
    return this.get(actor, siteId);
  }
}
