import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import { inScope, roundVisible } from './plan.repository.ts';

// All SQL of live coverage. Counts are aggregates over nat_round_residents' indexes: the path index
// (round_id, node_path, required, sampled_at, exempt_reason) covers the totals, and the partial index of untested
// rows (required = 1 and sampled_at is null) serves the untested count and the keyset list. The partial index's
// predicate is written as literals (not bound parameters) so that SQLite can prove the index applies.

const UNTESTED = sql<boolean>`required = 1 and sampled_at is null`;

export interface CountsRow {
  required: number;
  sampled: number;
  exempt: number;
  sampled_not_required: number;
}

export interface NodeRow {
  id: string;
  parent_id: string | null;
  name: string;
  level_code: string;
  path: string;
}

export interface UntestedKey {
  resident_id: string;
  household_id: string;
  node_path: string;
  control_status: string | null;
}

export interface SlotRow {
  site_id: string;
  node_path: string;
}

const num = (v: unknown) => Number(v ?? 0);

export class CoverageRepository {
  constructor(private readonly ex: Executor) {}

  /**
   * The round (if the scope reaches it) with the candidate nodes, in one round trip: the page polls, and each
   * trip counts on a busy server. Rows: one per candidate found (or one with null node columns).
   */
  async roundWithNodes(roundId: string, scope: Scope, nodeIds: string[]) {
    return this.ex.selectFrom('nat_rounds as r')
      .leftJoin('jurisdiction_nodes as n', (j) => j.on((eb) => eb.or([
        eb('n.id', '=', eb.ref('r.node_id')), ...(nodeIds.length ? [eb('n.id', 'in', nodeIds)] : []),
      ])))
      .selectAll('r')
      .select(['n.id as n_id', 'n.parent_id as n_parent_id', 'n.name as n_name', 'n.level_code as n_level_code', 'n.path as n_path'])
      .where('r.id', '=', roundId).where((eb) => roundVisible(eb, 'r.node_path', scope))
      .execute();
  }

  async findNode(id: string, scope: Scope): Promise<NodeRow | undefined> {
    return this.ex.selectFrom('jurisdiction_nodes').select(['id', 'parent_id', 'name', 'level_code', 'path'])
      .where('id', '=', id).where((eb) => inScope(eb, 'jurisdiction_nodes.path', scope)).executeTakeFirst();
  }

  async nodesByIds(ids: string[]): Promise<NodeRow[]> {
    if (ids.length === 0) return [];
    return this.ex.selectFrom('jurisdiction_nodes').select(['id', 'parent_id', 'name', 'level_code', 'path'])
      .where('id', 'in', ids).execute();
  }

  async children(parentId: string): Promise<Array<NodeRow & { child_count: number }>> {
    const rows = await this.ex.selectFrom('jurisdiction_nodes as n')
      .select(['n.id', 'n.parent_id', 'n.name', 'n.level_code', 'n.path'])
      .select((eb) => eb.selectFrom('jurisdiction_nodes as c').select((e) => e.fn.countAll<number>().as('k'))
        .whereRef('c.parent_id', '=', 'n.id').as('child_count'))
      .where('n.parent_id', '=', parentId).execute();
    return rows.map((r) => ({ ...r, child_count: num(r.child_count) }));
  }

  async hasChildren(id: string): Promise<boolean> {
    return !!(await this.ex.selectFrom('jurisdiction_nodes').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst());
  }

  /** Required / sampled / exempt under a path (index only). */
  async counts(roundId: string, path: string): Promise<CountsRow> {
    const r = await this.ex.selectFrom('nat_round_residents')
      .select([
        sql<number>`sum(case when required = 1 then 1 else 0 end)`.as('required'),
        sql<number>`sum(case when required = 1 and sampled_at is not null then 1 else 0 end)`.as('sampled'),
        sql<number>`sum(case when required = 0 and exempt_reason is not null then 1 else 0 end)`.as('exempt'),
        sql<number>`sum(case when required = 0 and sampled_at is not null then 1 else 0 end)`.as('sampled_not_required'),
      ])
      .where('round_id', '=', roundId).where('node_path', '>=', path).where('node_path', '<', subtreeEnd(path))
      .executeTakeFirst();
    return { required: num(r?.required), sampled: num(r?.sampled), exempt: num(r?.exempt), sampled_not_required: num(r?.sampled_not_required) };
  }

  /** Who must still be tested under a path: a count over the partial index only. */
  async untestedCount(roundId: string, path: string): Promise<number> {
    const r = await this.ex.selectFrom('nat_round_residents').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId).where('node_path', '>=', path).where('node_path', '<', subtreeEnd(path)).where(UNTESTED)
      .executeTakeFirst();
    return num(r?.n);
  }

  /** One page of untested people in door order, keyset by (node_path, resident_id). */
  async untestedPage(roundId: string, path: string, after: { path: string; id: string } | null, limit: number): Promise<UntestedKey[]> {
    let q = this.ex.selectFrom('nat_round_residents').select(['resident_id', 'household_id', 'node_path', 'control_status'])
      .where('round_id', '=', roundId).where('node_path', '<', subtreeEnd(path)).where(UNTESTED);
    if (after) {
      // The first term bounds the index range; the second skips the cursor's own path up to its resident.
      q = q.where('node_path', '>=', after.path)
        .where((eb) => eb.or([eb('node_path', '>', after.path), eb('resident_id', '>', after.id)]));
    } else {
      q = q.where('node_path', '>=', path);
    }
    return q.orderBy('node_path').orderBy('resident_id').limit(limit).execute();
  }

  async residents(ids: string[]): Promise<Map<string, { name: string; phone_enc: string | null }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('residents').select(['id', 'name', 'phone_enc']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  async needs(ids: string[]): Promise<Map<string, Array<{ kind: string; note: string | null }>>> {
    const out = new Map<string, Array<{ kind: string; note: string | null }>>();
    if (ids.length === 0) return out;
    const rows = await this.ex.selectFrom('resident_needs').select(['resident_id', 'kind', 'note'])
      .where('resident_id', 'in', ids).orderBy('resident_id').orderBy('kind').execute();
    for (const r of rows) {
      const list = out.get(r.resident_id) ?? [];
      list.push({ kind: r.kind, note: r.note });
      out.set(r.resident_id, list);
    }
    return out;
  }

  /** The latest home-visit task of each person this round. */
  async doorTasks(roundId: string, ids: string[]): Promise<Map<string, { reason: string; status: string }>> {
    const out = new Map<string, { reason: string; status: string }>();
    if (ids.length === 0) return out;
    const rows = await this.ex.selectFrom('nat_door_tasks').select(['resident_id', 'reason', 'status', 'created_at'])
      .where('round_id', '=', roundId).where('resident_id', 'in', ids).orderBy('created_at').execute();
    for (const r of rows) out.set(r.resident_id, { reason: r.reason, status: r.status });
    return out;
  }

  /** People first sampled per time bucket under a path (UTC text prefixes; Shanghai is a whole-hour offset). */
  async series(roundId: string, path: string, bucketMinutes: number): Promise<Array<{ hour: string; part: number; n: number }>> {
    const hour = sql<string>`substr(sampled_at, 1, 13)`;
    const part = sql<number>`cast(substr(sampled_at, 15, 2) as integer) / ${sql.lit(bucketMinutes)}`;
    let q = this.ex.selectFrom('nat_round_residents')
      .select([hour.as('hour'), sql<number>`count(*)`.as('n')])
      .where('round_id', '=', roundId).where('node_path', '>=', path).where('node_path', '<', subtreeEnd(path))
      .where('required', '=', 1).where('sampled_at', 'is not', null);
    if (bucketMinutes < 60) {
      const rows = await q.select(part.as('part')).groupBy([hour, part]).orderBy('hour').orderBy('part').execute();
      return rows.map((r) => ({ hour: r.hour, part: num(r.part), n: num(r.n) }));
    }
    q = q.groupBy(hour).orderBy('hour');
    return (await q.execute()).map((r) => ({ hour: r.hour, part: 0, n: num(r.n) }));
  }

  // ------------------------------------------------------------------------------------------ sites

  async sites(roundId: string, scope: Scope) {
    return this.ex.selectFrom('nat_sites').select(['id', 'name', 'opens_at', 'closes_at', 'node_path'])
      .where('round_id', '=', roundId).where((eb) => inScope(eb, 'nat_sites.node_path', scope))
      .orderBy('name').execute();
  }

  async desksPerSite(roundId: string): Promise<Map<string, number>> {
    const rows = await this.ex.selectFrom('nat_desks').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', '=', roundId).groupBy('site_id').execute();
    return new Map(rows.map((r) => [r.site_id, num(r.n)]));
  }

  /** Accepted samples (not duplicates, not undone) per site and UTC hour. */
  async samplesPerSiteHour(roundId: string): Promise<Array<{ site_id: string | null; hour: string; n: number }>> {
    const rows = await this.ex.selectFrom('nat_samples')
      .select(['site_id', sql<string>`substr(sampled_at, 1, 13)`.as('hour'), sql<number>`count(*)`.as('n')])
      .where('round_id', '=', roundId).where('duplicate_of', 'is', null).where('undone_at', 'is', null)
      .groupBy(['site_id', sql`substr(sampled_at, 1, 13)`]).execute();
    return rows.map((r) => ({ site_id: r.site_id, hour: r.hour, n: num(r.n) }));
  }

  /** Accepted samples since `since` per site, with the number of desks that took them. */
  async recentPerSite(roundId: string, siteIds: string[], since: string): Promise<Map<string, { n: number; desks: number }>> {
    if (siteIds.length === 0) return new Map();
    // Listing the sites lets the (round_id, site_id, sampled_at) index seek each site's recent range.
    const rows = await this.ex.selectFrom('nat_samples')
      .select(['site_id', sql<number>`count(*)`.as('n'), sql<number>`count(distinct desk_id)`.as('desks')])
      .where('round_id', '=', roundId).where('site_id', 'in', siteIds).where('sampled_at', '>=', since)
      .where('duplicate_of', 'is', null).where('undone_at', 'is', null).groupBy('site_id').execute();
    return new Map(rows.filter((r) => r.site_id).map((r) => [r.site_id as string, { n: num(r.n), desks: num(r.desks) }]));
  }

  async tubesPerSite(roundId: string): Promise<Map<string, { open: number; closed: number }>> {
    const rows = await this.ex.selectFrom('nat_tubes')
      .select(['site_id', sql<number>`sum(case when status = 'open' then 1 else 0 end)`.as('open'), sql<number>`count(*)`.as('n')])
      .where('round_id', '=', roundId).groupBy('site_id').execute();
    return new Map(rows.filter((r) => r.site_id).map((r) => [r.site_id as string, { open: num(r.open), closed: num(r.n) - num(r.open) }]));
  }

  /** Batch slots of the round that have started by `now`. */
  async startedSlots(roundId: string, now: string): Promise<SlotRow[]> {
    return this.ex.selectFrom('nat_slots').select(['site_id', 'node_path'])
      .where('round_id', '=', roundId).where('starts_at', '<=', now).execute();
  }
}
