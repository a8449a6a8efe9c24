import type { Executor } from '../../platform/db/database.ts';
import type { PostMemberTable, VanguardPostTable } from '../../platform/db/schema.ts';
import type { Scope } from '../../platform/policy.ts';
import { countWhere, visiblePostIds } from './org.scope.ts';
import type { PostMemberRole, PostMemberView, PostView } from './org.schema.ts';

export type PostRow = VanguardPostTable;
export type PostViewRow = PostView & { nodePath: string };

/** Every SQL statement about vanguard posts (党员先锋岗) and the members who hold them. */
export class PostsRepository {
  constructor(private readonly ex: Executor) {}

  private scoped(scope: Scope) {
    let q = this.ex.selectFrom('vanguard_posts as vp')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'vp.node_id')
      .leftJoin('responsibility_areas as ra', 'ra.id', 'vp.area_id')
      .selectAll('vp')
      .select(['n.name as node_name', 'n.path as node_path', 'ra.name as area_name'])
      .select((eb) => eb.selectFrom('post_members as m').select((e2) => e2.fn.countAll<number>().as('n'))
        .whereRef('m.post_id', '=', 'vp.id').as('member_count'));
    if (scope.kind !== 'all') q = q.where('vp.id', 'in', visiblePostIds(this.ex, scope));
    return q;
  }

  async list(scope: Scope, query: { areaId?: string }): Promise<PostViewRow[]> {
    let q = this.scoped(scope).orderBy('vp.name').orderBy('vp.id');
    if (query.areaId) q = q.where('vp.area_id', '=', query.areaId);
    return (await q.execute()).map(toView);
  }

  async find(id: string, scope: Scope): Promise<PostViewRow | undefined> {
    const r = await this.scoped(scope).where('vp.id', '=', id).executeTakeFirst();
    return r && toView(r);
  }

  async insert(row: PostRow): Promise<void> {
    await this.ex.insertInto('vanguard_posts').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<PostRow, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('vanguard_posts').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('vanguard_posts').where('id', '=', id).execute();
  }

  async countDependents(id: string): Promise<Record<string, number>> {
    return { members: await countWhere(this.ex, 'post_members', 'post_id', id) };
  }

  /** Leaders first, then by name. */
  async listMembers(postId: string): Promise<PostMemberView[]> {
    const rows = await this.membersQuery().where('m.post_id', '=', postId)
      .orderBy('m.role').orderBy('p.name').orderBy('p.id').execute();
    return rows.map(toMemberView);
  }

  async findMember(postId: string, personId: string): Promise<PostMemberView | undefined> {
    const r = await this.membersQuery().where('m.post_id', '=', postId).where('m.person_id', '=', personId).executeTakeFirst();
    return r && toMemberView(r);
  }

  async insertMember(row: PostMemberTable): Promise<void> {
    await this.ex.insertInto('post_members').values(row).execute();
  }

  async updateMemberRole(postId: string, personId: string, role: PostMemberRole): Promise<void> {
    await this.ex.updateTable('post_members').set({ role }).where('post_id', '=', postId).where('person_id', '=', personId).execute();
  }

  async deleteMember(postId: string, personId: string): Promise<void> {
    await this.ex.deleteFrom('post_members').where('post_id', '=', postId).where('person_id', '=', personId).execute();
  }

  private membersQuery() {
    return this.ex.selectFrom('post_members as m').innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['m.post_id', 'm.person_id', 'm.role', 'm.created_at', 'p.name', 'p.political_status']);
  }
}

function toView(r: PostRow & { node_name: string; node_path: string; area_name: string | null; member_count: number | string | null }): PostViewRow {
  return {
    id: r.id, name: r.name, areaId: r.area_id, areaName: r.area_name, nodeId: r.node_id, nodeName: r.node_name,
    nodePath: r.node_path, duty: r.duty, memberCount: Number(r.member_count ?? 0), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function toMemberView(r: { post_id: string; person_id: string; role: string; created_at: string; name: string; political_status: string }): PostMemberView {
  return {
    postId: r.post_id, personId: r.person_id, personName: r.name, politicalStatus: r.political_status,
    role: r.role as PostMemberRole, createdAt: r.created_at,
  };
}
