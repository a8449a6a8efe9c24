import type { Executor } from '../../platform/db/database.ts';
import type { DutyPostTable, DutyShiftTemplateTable, DutySuccessionTable } from '../../platform/db/tables/duty.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import { nodeIdsInSubtree, visiblePersonIds, visiblePostIds } from './duty.scope.ts';

export type PostRow = DutyPostTable & { node_name: string; node_path: string; vanguard_post_name: string | null };
export type TemplateRow = DutyShiftTemplateTable;

export interface LeadRow {
  post_id: string;
  rank: number;
  person_id: string;
  person_name: string;
}

export interface SuccessionRow extends DutySuccessionTable {
  post_name: string;
  from_person_name: string;
  to_person_name: string | null;
}

/** Every SQL statement about duty posts: the posts, their coverage templates, lead chains and successions. */
export class DutyPostsRepository {
  constructor(private readonly ex: Executor) {}

  private scoped(scope: Scope) {
    let q = this.ex.selectFrom('duty_posts as dp')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dp.node_id')
      .leftJoin('vanguard_posts as vp', 'vp.id', 'dp.vanguard_post_id')
      .selectAll('dp')
      .select(['n.name as node_name', 'n.path as node_path', 'vp.name as vanguard_post_name']);
    if (scope.kind !== 'all') q = q.where('dp.id', 'in', visiblePostIds(this.ex, scope));
    return q;
  }

  async list(scope: Scope, filter: { nodePath?: string; postId?: string } = {}): Promise<PostRow[]> {
    let q = this.scoped(scope).where('dp.active', '=', 1);
    if (filter.nodePath) q = q.where('n.path', '>=', filter.nodePath).where('n.path', '<', subtreeEnd(filter.nodePath));
    if (filter.postId) q = q.where('dp.id', '=', filter.postId);
    return q.orderBy('n.path').orderBy('dp.name').orderBy('dp.id').execute();
  }

  async find(id: string, scope: Scope): Promise<PostRow | undefined> {
    return this.scoped(scope).where('dp.id', '=', id).executeTakeFirst();
  }

  async findByToken(token: string): Promise<PostRow | undefined> {
    return this.scoped({ kind: 'all' }).where('dp.token', '=', token).where('dp.active', '=', 1).executeTakeFirst();
  }

  async insert(row: DutyPostTable): Promise<void> {
    await this.ex.insertInto('duty_posts').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<DutyPostTable, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('duty_posts').set(patch).where('id', '=', id).execute();
  }

  /** Assignments, check-ins and successions are history: a post that has them is not deleted. */
  async countDependents(id: string): Promise<Record<string, number>> {
    const shifts = this.ex.selectFrom('duty_shifts').select('id').where('post_id', '=', id);
    const count = async (q: Promise<{ n: number | string } | undefined>) => Number((await q)?.n ?? 0);
    return {
      assignments: await count(this.ex.selectFrom('duty_assignments').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shift_id', 'in', shifts).executeTakeFirst()),
      attendance: await count(this.ex.selectFrom('duty_attendance').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shift_id', 'in', shifts).executeTakeFirst()),
      successions: await count(this.ex.selectFrom('duty_successions').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('post_id', '=', id).executeTakeFirst()),
    };
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('duty_shifts').where('post_id', '=', id).execute();
    await this.ex.deleteFrom('duty_post_leads').where('post_id', '=', id).execute();
    await this.ex.deleteFrom('duty_shift_templates').where('post_id', '=', id).execute();
    await this.ex.deleteFrom('duty_posts').where('id', '=', id).execute();
  }

  async templates(postIds: string[]): Promise<TemplateRow[]> {
    if (postIds.length === 0) return [];
    return this.ex.selectFrom('duty_shift_templates').selectAll().where('post_id', 'in', postIds)
      .orderBy('post_id').orderBy('sort').execute();
  }

  async insertTemplate(row: TemplateRow): Promise<void> {
    await this.ex.insertInto('duty_shift_templates').values(row).execute();
  }

  async updateTemplate(id: string, patch: Partial<Omit<TemplateRow, 'id' | 'post_id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('duty_shift_templates').set(patch).where('id', '=', id).execute();
  }

  /** Removes a template; future shifts made from it that nobody holds go too, the rest stay as history. */
  async deleteTemplate(id: string, nowIso: string): Promise<void> {
    const held = this.ex.selectFrom('duty_assignments').select('shift_id');
    await this.ex.deleteFrom('duty_shifts').where('template_id', '=', id).where('starts_at', '>', nowIso)
      .where('id', 'not in', held).execute();
    await this.ex.updateTable('duty_shifts').set({ template_id: null }).where('template_id', '=', id).execute();
    await this.ex.deleteFrom('duty_shift_templates').where('id', '=', id).execute();
  }

  async leads(postIds: string[]): Promise<LeadRow[]> {
    if (postIds.length === 0) return [];
    return this.ex.selectFrom('duty_post_leads as l').innerJoin('people as p', 'p.id', 'l.person_id')
      .select(['l.post_id', 'l.rank', 'l.person_id', 'p.name as person_name'])
      .where('l.post_id', 'in', postIds).orderBy('l.post_id').orderBy('l.rank').execute();
  }

  async replaceLeads(postId: string, personIds: string[], at: string): Promise<void> {
    await this.ex.deleteFrom('duty_post_leads').where('post_id', '=', postId).execute();
    if (personIds.length === 0) return;
    await this.ex.insertInto('duty_post_leads')
      .values(personIds.map((person_id, rank) => ({ post_id: postId, rank, person_id, created_at: at }))).execute();
  }

  /** Posts whose chain names this person, with the whole chain, for succession. */
  async chainsWith(personId: string): Promise<Array<{ post_id: string; post_name: string; node_path: string; chain: string[] }>> {
    const rows = await this.ex.selectFrom('duty_post_leads as l')
      .innerJoin('duty_posts as dp', 'dp.id', 'l.post_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dp.node_id')
      .select(['l.post_id', 'l.rank', 'l.person_id', 'dp.name as post_name', 'n.path as node_path'])
      .where('l.post_id', 'in', this.ex.selectFrom('duty_post_leads').select('post_id').where('person_id', '=', personId))
      .orderBy('l.post_id').orderBy('l.rank').execute();
    const byPost = new Map<string, { post_id: string; post_name: string; node_path: string; chain: string[] }>();
    for (const r of rows) {
      const entry = byPost.get(r.post_id) ?? { post_id: r.post_id, post_name: r.post_name, node_path: r.node_path, chain: [] };
      entry.chain.push(r.person_id);
      byPost.set(r.post_id, entry);
    }
    return [...byPost.values()];
  }

  private successionQuery() {
    return this.ex.selectFrom('duty_successions as s')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .innerJoin('people as fp', 'fp.id', 's.from_person_id')
      .leftJoin('people as tp', 'tp.id', 's.to_person_id')
      .selectAll('s')
      .select(['dp.name as post_name', 'fp.name as from_person_name', 'tp.name as to_person_name']);
  }

  async successions(scope: Scope, filter: { nodePath?: string; postId?: string }): Promise<SuccessionRow[]> {
    let q = this.successionQuery();
    if (scope.kind !== 'all') q = q.where('s.post_id', 'in', visiblePostIds(this.ex, scope));
    if (filter.postId) q = q.where('s.post_id', '=', filter.postId);
    if (filter.nodePath) q = q.where('dp.node_id', 'in', nodeIdsInSubtree(this.ex, filter.nodePath));
    return q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(200).execute();
  }

  async successionsFor(unavailabilityId: string): Promise<SuccessionRow[]> {
    return this.successionQuery().where('s.unavailability_id', '=', unavailabilityId).orderBy('s.id').execute();
  }

  /** Successions in force at an instant, newest first (the newest wins). */
  async successionsAt(postIds: string[], atIso: string): Promise<SuccessionRow[]> {
    if (postIds.length === 0) return [];
    return this.successionQuery().where('s.post_id', 'in', postIds)
      .where('s.from_at', '<=', atIso).where('s.until_at', '>', atIso)
      .orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').execute();
  }

  async insertSuccession(row: DutySuccessionTable): Promise<void> {
    await this.ex.insertInto('duty_successions').values(row).execute();
  }

  async node(id: string, scope: Scope): Promise<{ id: string; name: string; path: string } | undefined> {
    let q = this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path']).where('id', '=', id);
    if (scope.kind === 'subtree') q = q.where('path', '>=', scope.path).where('path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') return undefined;
    return q.executeTakeFirst();
  }

  async nodePath(id: string): Promise<string | undefined> {
    return (await this.ex.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirst())?.path;
  }

  /** A vanguard post placed within the actor's subtree (any, for 'all'). */
  async vanguardPost(id: string, scope: Scope): Promise<{ id: string; name: string } | undefined> {
    let q = this.ex.selectFrom('vanguard_posts').select(['vanguard_posts.id', 'vanguard_posts.name']).where('vanguard_posts.id', '=', id);
    if (scope.kind === 'subtree') q = q.where('vanguard_posts.node_id', 'in', nodeIdsInSubtree(this.ex, scope.path));
    else if (scope.kind !== 'all') return undefined;
    return q.executeTakeFirst();
  }

  /** The ids among `ids` that are people in reach. */
  async peopleInReach(ids: string[], scope: Scope): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    let q = this.ex.selectFrom('people').select('people.id').where('people.id', 'in', ids);
    if (scope.kind !== 'all') q = q.where('people.id', 'in', visiblePersonIds(this.ex, scope));
    return new Set((await q.execute()).map((r) => r.id));
  }

  /** People among `ids` unavailable at an instant. */
  async unavailableAt(ids: string[], atIso: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.ex.selectFrom('duty_unavailability').select('person_id').where('person_id', 'in', ids)
      .where('from_at', '<=', atIso).where('to_at', '>', atIso).execute();
    return new Set(rows.map((r) => r.person_id));
  }

  /** People among `ids` with any unavailability overlapping [from, to). */
  async unavailableDuring(ids: string[], fromIso: string, toIso: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.ex.selectFrom('duty_unavailability').select('person_id').where('person_id', 'in', ids)
      .where('from_at', '<', toIso).where('to_at', '>', fromIso).execute();
    return new Set(rows.map((r) => r.person_id));
  }
}
