import type { Executor } from '../../platform/db/database.ts';
import type { ResponsibilityAreaTable } from '../../platform/db/schema.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import { countWhere, nodeIdsInSubtree, visibleAreaIds } from './org.scope.ts';
import type { AreaView, PartyOrgKind } from './org.schema.ts';

export type AreaRow = ResponsibilityAreaTable;
export type AreaViewRow = AreaView & { nodePath: string };

/** Every SQL statement about responsibility areas (党员责任区). */
export class AreasRepository {
  constructor(private readonly ex: Executor) {}

  private scoped(scope: Scope) {
    let q = this.ex.selectFrom('responsibility_areas as ra')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'ra.node_id')
      .leftJoin('party_orgs as b', 'b.id', 'ra.branch_id')
      .leftJoin('people as l', 'l.id', 'ra.leader_person_id')
      .selectAll('ra')
      .select(['n.name as node_name', 'n.path as node_path', 'b.name as branch_name', 'b.kind as branch_kind', 'l.name as leader_name'])
      .select((eb) => eb.selectFrom('vanguard_posts as vp').select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('vp.area_id', '=', 'ra.id').as('post_count'));
    if (scope.kind !== 'all') q = q.where('ra.id', 'in', visibleAreaIds(this.ex, scope));
    return q;
  }

  async list(scope: Scope, query: { branchId?: string; nodePath?: string }): Promise<AreaViewRow[]> {
    let q = this.scoped(scope).orderBy('ra.name').orderBy('ra.id');
    if (query.branchId) q = q.where('ra.branch_id', '=', query.branchId);
    if (query.nodePath) q = q.where('ra.node_id', 'in', nodeIdsInSubtree(this.ex, query.nodePath));
    return (await q.execute()).map(toView);
  }

  async find(id: string, scope: Scope): Promise<AreaViewRow | undefined> {
    const r = await this.scoped(scope).where('ra.id', '=', id).executeTakeFirst();
    return r && toView(r);
  }

  /** Posts of an area that would lie outside `path` (when the area moves). */
  async countPostsOutside(areaId: string, path: string): Promise<number> {
    const r = await this.ex.selectFrom('vanguard_posts as vp').innerJoin('jurisdiction_nodes as n', 'n.id', 'vp.node_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('vp.area_id', '=', areaId)
      .where((eb) => eb.or([eb('n.path', '<', path), eb('n.path', '>=', subtreeEnd(path))]))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(row: AreaRow): Promise<void> {
    await this.ex.insertInto('responsibility_areas').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<AreaRow, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('responsibility_areas').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('responsibility_areas').where('id', '=', id).execute();
  }

  async countDependents(id: string): Promise<Record<string, number>> {
    return { posts: await countWhere(this.ex, 'vanguard_posts', 'area_id', id) };
  }
}

function toView(r: AreaRow & {
  node_name: string; node_path: string; branch_name: string | null; branch_kind: string | null; leader_name: string | null;
  post_count: number | string | null;
}): AreaViewRow {
  return {
    id: r.id, name: r.name, nodeId: r.node_id, nodeName: r.node_name, nodePath: r.node_path,
    branchId: r.branch_id, branchName: r.branch_name, branchKind: r.branch_kind as PartyOrgKind | null,
    leaderPersonId: r.leader_person_id, leaderName: r.leader_name, postCount: Number(r.post_count ?? 0),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
