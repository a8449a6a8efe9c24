import type { Executor } from '../../platform/db/database.ts';
import type { Scope } from '../../platform/policy.ts';
import { orgIdsInSubtree, visibleAreaIds, visibleOrgIds, visiblePostIds } from './org.scope.ts';

export interface ChainOrgRow {
  id: string; kind: string; name: string; parent_id: string | null; unit_name: string | null; node_name: string | null;
  place_name: string | null; starts_on: string | null; ends_on: string | null;
}
export interface ChainAreaRow { id: string; name: string; branch_id: string; node_name: string | null; leader_name: string | null }
export interface ChainPostRow { id: string; name: string; area_id: string; node_name: string | null; duty: string | null }
export interface ChainMemberRow { post_id: string; person_id: string; role: string; name: string }

const CHUNK = 500;

/** The five-level chain in four set-based reads: orgs, their areas, those areas' posts, those posts' members. */
export class ChainRepository {
  constructor(private readonly ex: Executor) {}

  /**
   * Orgs within reach; with a filter, the orgs matching it (a unit's, or those placed in / whose unit is
   * located in a subtree) together with every org below them, found by one recursive query.
   */
  async orgs(scope: Scope, filter: { unitId?: string; nodePath?: string }): Promise<ChainOrgRow[]> {
    const { unitId, nodePath } = filter;
    const base = this.ex.withRecursive('chain(id)', (db) => {
      let seed = db.selectFrom('party_orgs').select('party_orgs.id');
      if (unitId) seed = seed.where('party_orgs.unit_id', '=', unitId);
      if (nodePath) seed = seed.where('party_orgs.id', 'in', orgIdsInSubtree(this.ex, nodePath));
      return seed.union((eb) => eb.selectFrom('party_orgs as c').innerJoin('chain', 'chain.id', 'c.parent_id').select('c.id'));
    });
    let q = base.selectFrom('party_orgs as po')
      .leftJoin('units as u', 'u.id', 'po.unit_id')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'po.node_id')
      .select(['po.id', 'po.kind', 'po.name', 'po.parent_id', 'u.name as unit_name', 'n.name as node_name', 'po.place_name', 'po.starts_on', 'po.ends_on'])
      .orderBy('po.name').orderBy('po.id');
    if (unitId || nodePath) q = q.where('po.id', 'in', (eb) => eb.selectFrom('chain').select('chain.id'));
    if (scope.kind !== 'all') q = q.where('po.id', 'in', visibleOrgIds(this.ex, scope));
    return q.execute();
  }

  async areas(branchIds: string[], scope: Scope): Promise<ChainAreaRow[]> {
    return this.chunked(branchIds, (ids) => {
      let q = this.ex.selectFrom('responsibility_areas as ra')
        .leftJoin('jurisdiction_nodes as n', 'n.id', 'ra.node_id')
        .leftJoin('people as l', 'l.id', 'ra.leader_person_id')
        .select(['ra.id', 'ra.name', 'ra.branch_id', 'n.name as node_name', 'l.name as leader_name'])
        .where('ra.branch_id', 'in', ids);
      if (scope.kind !== 'all') q = q.where('ra.id', 'in', visibleAreaIds(this.ex, scope));
      return q.execute();
    });
  }

  async posts(areaIds: string[], scope: Scope): Promise<ChainPostRow[]> {
    return this.chunked(areaIds, (ids) => {
      let q = this.ex.selectFrom('vanguard_posts as vp')
        .leftJoin('jurisdiction_nodes as n', 'n.id', 'vp.node_id')
        .select(['vp.id', 'vp.name', 'vp.area_id', 'n.name as node_name', 'vp.duty'])
        .where('vp.area_id', 'in', ids);
      if (scope.kind !== 'all') q = q.where('vp.id', 'in', visiblePostIds(this.ex, scope));
      return q.execute();
    });
  }

  /** Members of posts already known to be within reach. */
  async members(postIds: string[]): Promise<ChainMemberRow[]> {
    return this.chunked(postIds, (ids) => this.ex.selectFrom('post_members as m').innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.post_id', 'm.person_id', 'm.role', 'p.name']).where('m.post_id', 'in', ids).execute());
  }

  /** Bounded IN lists: a large deployment's chain stays within the dialects' parameter limits. */
  private async chunked<T>(ids: string[], read: (ids: string[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
    return out;
  }
}
