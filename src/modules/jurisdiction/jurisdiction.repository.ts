import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { JurisdictionNodeTable } from '../../platform/db/schema.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { JurisdictionLevel, JurisdictionNode, TLevelInput } from './jurisdiction.schema.ts';

export type NodeRow = JurisdictionNodeTable;

/**
 * Every column of another capability that points at a jurisdiction node, as [label, table, column]; the label is
 * the key of the HAS_DEPENDENTS detail (the web app names it). A new capability with such a column adds it here.
 */
const NODE_REFERENCES: ReadonlyArray<readonly [string, string, string]> = [
  ['units', 'units', 'node_id'],
  ['partyOrgs', 'party_orgs', 'node_id'],
  ['responsibilityAreas', 'responsibility_areas', 'node_id'],
  ['vanguardPosts', 'vanguard_posts', 'node_id'],
  ['accounts', 'accounts', 'node_id'],
  ['people', 'people', 'home_node_id'],
  ['residents', 'residents', 'household_id'],
  ['dispatchBatches', 'dispatch_batches', 'node_id'],
  ['dispatchMembers', 'dispatch_members', 'node_id'],
  ['reportedIn', 'dispatch_members', 'reported_node_id'],
  ['pairings', 'unit_pairings', 'node_id'],
  ['teams', 'assault_teams', 'node_id'],
  ['pledges', 'pledges', 'node_id'],
  ['volunteerSignups', 'volunteer_signups', 'node_id'],
  ['reportForms', 'report_forms', 'node_id'],
  ['dailyReports', 'report_submissions', 'node_id'],
  ['reportReminders', 'report_reminders', 'node_id'],
  // screening
  ['screeningCampaigns', 'screening_campaigns', 'node_id'],
  ['screeningTasks', 'screening_tasks', 'node_id'],
  ['screeningHouseholds', 'screening_task_households', 'household_id'],
  // outsiders: arrivals answer to a node (the household stayed at, or the community of a hotel stay)
  ['arrivals', 'arrivals', 'scope_node_id'],
  // nat (nucleic-acid rounds, sites, site areas and batch slots stand on nodes)
  ['natRounds', 'nat_rounds', 'node_id'],
  ['natSites', 'nat_sites', 'node_id'],
  ['natSiteAreas', 'nat_site_areas', 'node_id'],
  ['natSlots', 'nat_slots', 'node_id'],
  // nat desk: home-visit tasks are grouped under a building node
  ['natDoorTasks', 'nat_door_tasks', 'building_id'],
  // nat results: a positive case stays tied to the household it was found in
  ['natCases', 'nat_cases', 'household_id'],
];

/** Every SQL statement about the jurisdiction tree. Scope is applied in the query, never after loading. */
export class JurisdictionRepository {
  constructor(private readonly ex: Executor) {}

  async listLevels(): Promise<JurisdictionLevel[]> {
    const rows = await this.ex.selectFrom('jurisdiction_levels').selectAll().orderBy('rank').orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, rank: r.rank }));
  }

  async findLevel(code: string): Promise<JurisdictionLevel | undefined> {
    const r = await this.ex.selectFrom('jurisdiction_levels').selectAll().where('code', '=', code).executeTakeFirst();
    return r && { code: r.code, nameZh: r.name_zh, nameEn: r.name_en, rank: r.rank };
  }

  async upsertLevel(level: TLevelInput, at: string): Promise<void> {
    await this.ex
      .insertInto('jurisdiction_levels')
      .values({ code: level.code, name_zh: level.nameZh, name_en: level.nameEn, rank: level.rank, created_at: at })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name_zh: level.nameZh, name_en: level.nameEn, rank: level.rank }))
      .execute();
  }

  async countNodesAtLevel(code: string): Promise<number> {
    const r = await this.ex.selectFrom('jurisdiction_nodes').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('level_code', '=', code).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async deleteLevel(code: string): Promise<void> {
    await this.ex.deleteFrom('jurisdiction_levels').where('code', '=', code).execute();
  }

  /** A node the scope reaches, or undefined (out of scope reads as not found). */
  async findNode(id: string, scope: Scope): Promise<NodeRow | undefined> {
    let q = this.ex.selectFrom('jurisdiction_nodes').selectAll().where('id', '=', id);
    if (scope.kind === 'subtree') q = q.where('path', '>=', scope.path).where('path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') return undefined;
    return q.executeTakeFirst();
  }

  async findNodesByIds(ids: string[]): Promise<NodeRow[]> {
    if (ids.length === 0) return [];
    return this.ex.selectFrom('jurisdiction_nodes').selectAll().where('id', 'in', ids).execute();
  }

  async findChildByName(parentId: string | null, name: string): Promise<NodeRow | undefined> {
    let q = this.ex.selectFrom('jurisdiction_nodes').selectAll().where('name', '=', name);
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    return q.executeTakeFirst();
  }

  /** Children of a node with their own child counts, for a lazily opened tree. */
  async listChildren(parentId: string): Promise<JurisdictionNode[]> {
    return this.listWithChildCount((n) => sql<boolean>`${n}.parent_id = ${parentId}`);
  }

  async listRoots(): Promise<JurisdictionNode[]> {
    return this.listWithChildCount((n) => sql<boolean>`${n}.parent_id is null`);
  }

  async listByIds(ids: string[]): Promise<JurisdictionNode[]> {
    if (ids.length === 0) return [];
    return this.listWithChildCount((n) => sql<boolean>`${n}.id in (${sql.join(ids)})`);
  }

  private async listWithChildCount(where: (alias: ReturnType<typeof sql.ref>) => ReturnType<typeof sql<boolean>>): Promise<JurisdictionNode[]> {
    const rows = await this.ex
      .selectFrom('jurisdiction_nodes as n')
      .select(['n.id', 'n.parent_id', 'n.level_code', 'n.name', 'n.code', 'n.depth'])
      .select((eb) =>
        eb.selectFrom('jurisdiction_nodes as c').select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('c.parent_id', '=', 'n.id').as('child_count'),
      )
      .where(where(sql.ref('n')))
      .orderBy('n.name')
      .execute();
    return rows.map((r) => ({
      id: r.id, parentId: r.parent_id, levelCode: r.level_code, name: r.name, code: r.code, depth: r.depth,
      childCount: Number(r.child_count ?? 0),
    }));
  }

  async search(q: string, scope: Scope, limit: number): Promise<NodeRow[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let query = this.ex.selectFrom('jurisdiction_nodes').selectAll()
      .where(sql<boolean>`name like ${pattern} escape '\\'`)
      .orderBy('depth').orderBy('name').limit(limit);
    if (scope.kind === 'subtree') query = query.where('path', '>=', scope.path).where('path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') return [];
    return query.execute();
  }

  async insertNode(row: NodeRow): Promise<void> {
    await this.ex.insertInto('jurisdiction_nodes').values(row).execute();
  }

  async updateNode(id: string, patch: Partial<Pick<NodeRow, 'name' | 'code' | 'updated_at'>>): Promise<void> {
    await this.ex.updateTable('jurisdiction_nodes').set(patch).where('id', '=', id).execute();
  }

  /** Re-roots a whole subtree in one statement: every path under oldPath is rewritten under newPath. */
  async moveSubtree(id: string, newParentId: string, oldPath: string, newPath: string, depthDelta: number, at: string): Promise<void> {
    await this.ex.updateTable('jurisdiction_nodes').set({ parent_id: newParentId }).where('id', '=', id).execute();
    await this.ex
      .updateTable('jurisdiction_nodes')
      .set({
        path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
        depth: sql<number>`depth + ${depthDelta}`,
        updated_at: at,
      })
      .where('path', '>=', oldPath)
      .where('path', '<', subtreeEnd(oldPath))
      .execute();
  }

  async deleteNode(id: string): Promise<void> {
    await this.ex.deleteFrom('jurisdiction_nodes').where('id', '=', id).execute();
  }

  async countChildren(id: string): Promise<number> {
    const r = await this.ex.selectFrom('jurisdiction_nodes').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Records elsewhere that point at a node; a node with any of them cannot be deleted. */
  async countDependents(id: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [label, table, column] of NODE_REFERENCES) {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(this.ex);
      counts[label] = (counts[label] ?? 0) + Number(r.rows[0]?.n ?? 0);
    }
    return counts;
  }

  /** What belongs to the node alone and goes with it (its report-in QR code). */
  async deleteOwned(id: string): Promise<void> {
    await this.ex.deleteFrom('report_in_codes').where('node_id', '=', id).execute();
  }

  /** The whole subtree in path order (parents before children), for export. */
  async *streamSubtree(path: string | null, batch = 1000): AsyncGenerator<NodeRow> {
    let after = '';
    for (;;) {
      let q = this.ex.selectFrom('jurisdiction_nodes').selectAll().where('path', '>', after).orderBy('path').limit(batch);
      if (path) q = q.where('path', '>=', path).where('path', '<', subtreeEnd(path));
      const rows = await q.execute();
      for (const r of rows) yield r;
      if (rows.length < batch) return;
      after = rows[rows.length - 1].path;
    }
  }
}
