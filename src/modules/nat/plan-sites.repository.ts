import type { Executor } from '../../platform/db/database.ts';
import type { NatSiteAreaTable, NatSiteStaffTable } from '../../platform/db/tables/nat.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { AreaView, DeskView, SiteView, StaffView, DeskKind, StaffRole } from './nat.schema.ts';
import { inScope, nodeNames, type DeskRow, type RoundRow, type SiteRow } from './plan.repository.ts';

// SQL of sites, desks, staff and site areas. Sites are scoped by the place they stand in.

export async function listSiteRows(ex: Executor, scope: Scope, roundId: string): Promise<SiteRow[]> {
  return ex.selectFrom('nat_sites').selectAll()
    .where('round_id', '=', roundId)
    .where((eb) => inScope(eb, 'nat_sites.node_path', scope))
    .orderBy('node_path').orderBy('name').orderBy('id')
    .execute();
}

export async function siteViews(ex: Executor, round: RoundRow, sites: SiteRow[]): Promise<SiteView[]> {
  if (sites.length === 0) return [];
  const ids = sites.map((s) => s.id);
  const [desks, staff, areas] = await Promise.all([
    ex.selectFrom('nat_desks').selectAll().where('site_id', 'in', ids).orderBy('name').orderBy('id').execute(),
    ex.selectFrom('nat_site_staff as s').innerJoin('people as p', 'p.id', 's.person_id')
      .selectAll('s').select('p.name as person_name')
      .where('s.site_id', 'in', ids).orderBy('s.role').orderBy('p.name').execute(),
    ex.selectFrom('nat_site_areas as a').innerJoin('jurisdiction_nodes as n', 'n.id', 'a.node_id')
      .select(['a.site_id', 'a.node_id', 'a.node_path', 'n.name', 'n.level_code'])
      .where('a.site_id', 'in', ids).orderBy('a.node_path').execute(),
  ]);
  const names = await nodeNames(ex, sites.map((s) => s.node_id));
  return sites.map((s) => ({
    id: s.id, roundId: s.round_id, name: s.name, nodeId: s.node_id, nodeName: names.get(s.node_id) ?? '',
    address: s.address, opensAt: s.opens_at, closesAt: s.closes_at, poolSize: s.pool_size,
    effectivePoolSize: s.pool_size ?? round.pool_size,
    desks: desks.filter((d) => d.site_id === s.id).map(deskView),
    staff: staff.filter((m) => m.site_id === s.id).map((m) => staffView(m, m.person_name)),
    areas: areas.filter((a) => a.site_id === s.id).map((a): AreaView => ({
      nodeId: a.node_id, nodeName: a.name, nodePath: a.node_path, levelCode: a.level_code,
    })),
  }));
}

export function deskView(d: DeskRow): DeskView {
  return { id: d.id, siteId: d.site_id, name: d.name, kind: d.kind as DeskKind };
}

export function staffView(m: NatSiteStaffTable, personName: string): StaffView {
  return {
    id: m.id, siteId: m.site_id, deskId: m.desk_id, personId: m.person_id, personName, role: m.role as StaffRole,
    fromAt: m.from_at, toAt: m.to_at,
  };
}

/** Areas of the round already given to a site other than `siteId`, among the node ids asked for. */
export async function areasTakenElsewhere(ex: Executor, roundId: string, siteId: string, nodeIds: string[]): Promise<string[]> {
  if (nodeIds.length === 0) return [];
  const rows = await ex.selectFrom('nat_site_areas').select('node_id')
    .where('round_id', '=', roundId).where('site_id', '<>', siteId).where('node_id', 'in', nodeIds).execute();
  return rows.map((r) => r.node_id);
}

export async function replaceAreas(ex: Executor, siteId: string, rows: NatSiteAreaTable[]): Promise<void> {
  await ex.deleteFrom('nat_site_areas').where('site_id', '=', siteId).execute();
  if (rows.length > 0) await ex.insertInto('nat_site_areas').values(rows).execute();
}

/** Whether a site still has work recorded (tubes or samples): then it cannot be deleted. */
export async function siteHasWork(ex: Executor, siteId: string): Promise<boolean> {
  const tube = await ex.selectFrom('nat_tubes').select('id').where('site_id', '=', siteId).limit(1).executeTakeFirst();
  return !!tube;
}

export async function deskHasWork(ex: Executor, deskId: string): Promise<boolean> {
  const tube = await ex.selectFrom('nat_tubes').select('id').where('desk_id', '=', deskId).limit(1).executeTakeFirst();
  return !!tube;
}

export async function deleteSiteRows(ex: Executor, siteId: string): Promise<void> {
  await ex.deleteFrom('nat_slots').where('site_id', '=', siteId).execute();
  await ex.deleteFrom('nat_site_areas').where('site_id', '=', siteId).execute();
  await ex.deleteFrom('nat_site_staff').where('site_id', '=', siteId).execute();
  await ex.deleteFrom('nat_desks').where('site_id', '=', siteId).execute();
  await ex.deleteFrom('nat_sites').where('id', '=', siteId).execute();
}

/** A person of the workforce the actor reaches: home place in scope, or none recorded (unit staff sent down). */
export async function findPersonForStaff(ex: Executor, scope: Scope, personId: string) {
  let q = ex.selectFrom('people as p').leftJoin('jurisdiction_nodes as n', 'n.id', 'p.home_node_id')
    .select(['p.id', 'p.name', 'n.path']).where('p.id', '=', personId);
  if (scope.kind === 'subtree') {
    const sp = scope.path;
    q = q.where((eb) => eb.or([eb('n.path', 'is', null), eb.and([eb('n.path', '>=', sp), eb('n.path', '<', subtreeEnd(sp))])]));
  } else if (scope.kind !== 'all') return undefined;
  return q.executeTakeFirst();
}
