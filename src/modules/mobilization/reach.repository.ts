import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';

// How far an actor reaches into mobilisation data, as SQL. Sub-queries to be used as `x IN (...)`.
//   subtree: places in the subtree, units located there, people living there or whose unit is located there,
//            and people dispatched into (or reported in at) the subtree;
//   unit:    the liaison's own unit and its people.

export type NotAll = Exclude<Scope, { kind: 'all' }>;

export const never = sql<SqlBool>`1 = 0`;

export function nodeIdsIn(ex: Executor, path: string) {
  return ex.selectFrom('jurisdiction_nodes as rn').select('rn.id').where('rn.path', '>=', path).where('rn.path', '<', subtreeEnd(path));
}

export function unitIdsIn(ex: Executor, path: string) {
  return ex.selectFrom('units as ru').select('ru.id').where('ru.node_id', 'in', nodeIdsIn(ex, path));
}

/** People the actor may put into a team, post or pledge. */
export function reachablePersonIds(ex: Executor, scope: NotAll) {
  const q = ex.selectFrom('people as rp').select('rp.id');
  if (scope.kind === 'unit') return q.where('rp.unit_id', '=', scope.unitId);
  if (scope.kind === 'none') return q.where(never);
  const nodes = () => nodeIdsIn(ex, scope.path);
  return q.where((eb) => eb.or([
    eb('rp.home_node_id', 'in', nodes()),
    eb('rp.unit_id', 'in', unitIdsIn(ex, scope.path)),
    eb('rp.id', 'in', ex.selectFrom('dispatch_members as rd').select('rd.person_id')
      .where((e2) => e2.or([e2('rd.node_id', 'in', nodes()), e2('rd.reported_node_id', 'in', nodes())]))),
  ]));
}

export interface NodeRef {
  id: string;
  name: string;
  path: string;
  levelCode: string;
}

export interface UnitRef {
  id: string;
  name: string;
  nodePath: string | null;
}

export interface PlaceRef {
  id: string;
  name: string;
  nodeId: string;
  nodePath: string;
}

/** Looks up what a write points at, within the actor's reach; out of reach reads as missing. */
export class ReachRepository {
  constructor(private readonly ex: Executor) {}

  /** A node inside the subtree scope (any node for 'all'; none for other scopes). */
  async nodeInScope(id: string, scope: Scope): Promise<NodeRef | undefined> {
    if (scope.kind === 'unit' || scope.kind === 'none') return undefined;
    return this.node(id, scope.kind === 'subtree' ? scope.path : null);
  }

  /** Any node, or only within `path`'s subtree. */
  /** The path of a list's optional place filter: undefined when none is asked for, null when the node does not exist. */
  async pathFilter(nodeId: string | undefined): Promise<string | null | undefined> {
    if (!nodeId) return undefined;
    return (await this.node(nodeId))?.path ?? null;
  }

  async node(id: string, within: string | null = null): Promise<NodeRef | undefined> {
    let q = this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path', 'level_code as levelCode']).where('id', '=', id);
    if (within) q = q.where('path', '>=', within).where('path', '<', subtreeEnd(within));
    return q.executeTakeFirst();
  }

  async nodesByIds(ids: string[]): Promise<Array<{ id: string; name: string; parentId: string | null }>> {
    if (ids.length === 0) return [];
    return this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'parent_id as parentId']).where('id', 'in', ids).execute();
  }

  /** A unit the actor acts for: its own (liaison), one located in its subtree, or any (admin). */
  async unit(id: string, scope: Scope): Promise<UnitRef | undefined> {
    let q = this.ex.selectFrom('units as u').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
      .select(['u.id', 'u.name', 'n.path as nodePath']).where('u.id', '=', id);
    if (scope.kind === 'unit') q = q.where('u.id', '=', scope.unitId);
    else if (scope.kind === 'subtree') q = q.where('u.node_id', 'in', nodeIdsIn(this.ex, scope.path));
    else if (scope.kind === 'none') return undefined;
    return q.executeTakeFirst();
  }

  /** Every unit's id and name, for pickers: a community pairs with, or records a team of, a unit located elsewhere. */
  async unitOptions(): Promise<Array<{ id: string; name: string }>> {
    return this.ex.selectFrom('units').select(['id', 'name']).orderBy('name').orderBy('id').execute();
  }

  async anyUnit(id: string): Promise<UnitRef | undefined> {
    return this.ex.selectFrom('units as u').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
      .select(['u.id', 'u.name', 'n.path as nodePath']).where('u.id', '=', id).executeTakeFirst();
  }

  async person(id: string, scope: Scope): Promise<{ id: string; name: string; unitId: string | null; politicalStatus: string } | undefined> {
    let q = this.ex.selectFrom('people as p').select(['p.id', 'p.name', 'p.unit_id as unitId', 'p.political_status as politicalStatus'])
      .where('p.id', '=', id);
    if (scope.kind !== 'all') q = q.where('p.id', 'in', reachablePersonIds(this.ex, scope));
    return q.executeTakeFirst();
  }

  /** People the actor may put into a team or record a pledge for, by name fragment or exact phone (blind index). */
  async searchPeople(scope: Scope, f: { nameLike?: string; phoneHash?: string; limit: number }) {
    let q = this.ex.selectFrom('people as p').leftJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.id', 'p.name', 'p.political_status as politicalStatus', 'u.name as unitName'])
      .orderBy('p.name').orderBy('p.id').limit(f.limit);
    if (scope.kind !== 'all') q = q.where('p.id', 'in', reachablePersonIds(this.ex, scope));
    if (f.phoneHash) q = q.where('p.phone_hash', '=', f.phoneHash);
    if (f.nameLike) {
      const pattern = `%${f.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<SqlBool>`p.name like ${pattern} escape '\\'`);
    }
    return q.execute();
  }

  async peopleByIds(ids: string[]): Promise<Array<{ id: string; name: string; unitId: string | null }>> {
    if (ids.length === 0) return [];
    return this.ex.selectFrom('people').select(['id', 'name', 'unit_id as unitId']).where('id', 'in', ids).execute();
  }

  /** A vanguard post placed in the subtree (the rule of the org module's addMember for place-bound accounts). */
  async post(id: string, scope: Scope): Promise<PlaceRef | undefined> {
    if (scope.kind === 'unit' || scope.kind === 'none') return undefined;
    let q = this.ex.selectFrom('vanguard_posts as x').innerJoin('jurisdiction_nodes as n', 'n.id', 'x.node_id')
      .select(['x.id', 'x.name', 'x.node_id as nodeId', 'n.path as nodePath']).where('x.id', '=', id);
    if (scope.kind === 'subtree') q = q.where('n.path', '>=', scope.path).where('n.path', '<', subtreeEnd(scope.path));
    return q.executeTakeFirst();
  }

  /** A responsibility area placed in the subtree. */
  async area(id: string, scope: Scope): Promise<PlaceRef | undefined> {
    if (scope.kind === 'unit' || scope.kind === 'none') return undefined;
    let q = this.ex.selectFrom('responsibility_areas as x').innerJoin('jurisdiction_nodes as n', 'n.id', 'x.node_id')
      .select(['x.id', 'x.name', 'x.node_id as nodeId', 'n.path as nodePath']).where('x.id', '=', id);
    if (scope.kind === 'subtree') q = q.where('n.path', '>=', scope.path).where('n.path', '<', subtreeEnd(scope.path));
    return q.executeTakeFirst();
  }
}
