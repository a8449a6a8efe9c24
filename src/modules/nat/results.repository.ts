import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { NatSampleTable, NatTubeTable } from '../../platform/db/tables/nat.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import { DEFAULT_POSITIVE_RULES, NatPositiveRulesInput, type NatPositiveRules, type TubeResult } from './results.schema.ts';

// All SQL of the results part: tubes and their members, the roster's result and control columns, re-sampling
// tasks, cases, revocations, the lab import ledger and the dashboard counts.

const RULES_KEY = 'nat.positiveRules';
const CHUNK = 500;

export type TubeRow = Pick<NatTubeTable, 'id' | 'barcode' | 'capacity' | 'source' | 'result' | 'site_id' | 'desk_id'>;
export type MemberRow = Pick<NatSampleTable, 'id' | 'resident_id' | 'household_id' | 'node_path' | 'site_id' | 'desk_id' | 'sampled_at' | 'door_task_id' | 'duplicate_of'>
  & { task_reason: string | null };

/** `column` inside the actor's subtree, as a path range (aliased tables welcome). */
function pathIn(column: string, scope: Scope): RawBuilder<boolean> {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  if (scope.kind !== 'subtree') return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.ref(column)} >= ${scope.path} and ${sql.ref(column)} < ${subtreeEnd(scope.path)})`;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export class ResultsRepository {
  constructor(private readonly ex: Executor) {}

  async loadRules(): Promise<NatPositiveRules> {
    const row = await this.ex.selectFrom('settings').select('value').where('key', '=', RULES_KEY).executeTakeFirst();
    if (!row) return { ...DEFAULT_POSITIVE_RULES };
    try {
      const parsed = NatPositiveRulesInput.partial().safeParse(JSON.parse(row.value));
      return { ...DEFAULT_POSITIVE_RULES, ...(parsed.success ? parsed.data : {}) };
    } catch {
      return { ...DEFAULT_POSITIVE_RULES };
    }
  }

  async saveRules(rules: NatPositiveRules, at: string): Promise<void> {
    const value = JSON.stringify(rules);
    const updated = await this.ex.updateTable('settings').set({ value, updated_at: at }).where('key', '=', RULES_KEY).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await this.ex.insertInto('settings').values({ key: RULES_KEY, value, updated_at: at }).execute();
  }

  async tubesByBarcodes(roundId: string, barcodes: string[]): Promise<Map<string, TubeRow>> {
    const out = new Map<string, TubeRow>();
    for (const part of chunks([...new Set(barcodes)])) {
      const rows = await this.ex.selectFrom('nat_tubes')
        .select(['id', 'barcode', 'capacity', 'source', 'result', 'site_id', 'desk_id'])
        .where('round_id', '=', roundId).where('barcode', 'in', part).execute();
      for (const r of rows) out.set(r.barcode, r);
    }
    return out;
  }

  async setTubeResults(tubeIds: string[], result: TubeResult, at: string): Promise<void> {
    for (const part of chunks(tubeIds)) {
      await this.ex.updateTable('nat_tubes').set({ result, result_at: at }).where('id', 'in', part).execute();
    }
  }

  /** Samples in the tubes that are not undone, with the reason of the door task they were taken for, by tube. */
  async samplesOfTubes(tubeIds: string[]): Promise<Map<string, MemberRow[]>> {
    const out = new Map<string, MemberRow[]>();
    for (const part of chunks(tubeIds)) {
      const rows = await this.ex.selectFrom('nat_samples as s')
        .leftJoin('nat_door_tasks as d', 'd.id', 's.door_task_id')
        .select(['s.tube_id', 's.id', 's.resident_id', 's.household_id', 's.node_path', 's.site_id', 's.desk_id', 's.sampled_at',
          's.door_task_id', 's.duplicate_of', 'd.reason as task_reason'])
        .where('s.tube_id', 'in', part).where('s.undone_at', 'is', null)
        .orderBy('s.tube_id').orderBy('s.sampled_at').orderBy('s.id').execute();
      for (const { tube_id, ...row } of rows) {
        const list = out.get(tube_id) ?? [];
        list.push(row);
        out.set(tube_id, list);
      }
    }
    return out;
  }

  async rosterRows(roundId: string, residentIds: string[]) {
    const out: Array<{ resident_id: string; result: string | null; control_status: string | null; sample_id: string | null }> = [];
    for (const part of chunks(residentIds)) {
      out.push(...await this.ex.selectFrom('nat_round_residents')
        .select(['resident_id', 'result', 'control_status', 'sample_id'])
        .where('round_id', '=', roundId).where('resident_id', 'in', part).execute());
    }
    return out;
  }

  /** Sets the roster's result (and control) for a member; a sampled person missing from the roster gets a required=0 row. */
  async setRosterResult(roundId: string, m: MemberRow, values: { result: string; control_status?: string | null }): Promise<void> {
    const updated = await this.ex.updateTable('nat_round_residents').set(values)
      .where('round_id', '=', roundId).where('resident_id', '=', m.resident_id).executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return;
    await this.ex.insertInto('nat_round_residents').values({
      round_id: roundId, resident_id: m.resident_id, household_id: m.household_id, node_path: m.node_path, required: 0,
      exempt_reason: null, sampled_at: m.sampled_at, sample_id: m.id, result: values.result, control_status: values.control_status ?? null,
    }).execute();
  }

  async setRosterResultMany(roundId: string, residentIds: string[], result: string): Promise<void> {
    for (const part of chunks(residentIds)) {
      await this.ex.updateTable('nat_round_residents').set({ result }).where('round_id', '=', roundId).where('resident_id', 'in', part).execute();
    }
  }

  async openResampleTask(roundId: string, residentId: string) {
    return this.ex.selectFrom('nat_door_tasks').select(['id', 'source_tube_id'])
      .where('round_id', '=', roundId).where('resident_id', '=', residentId)
      .where('reason', '=', 'resample').where('status', '=', 'open').executeTakeFirst();
  }

  async resampleTaskFromTube(roundId: string, residentId: string, tubeId: string) {
    return this.ex.selectFrom('nat_door_tasks').select('id')
      .where('round_id', '=', roundId).where('resident_id', '=', residentId)
      .where('reason', '=', 'resample').where('source_tube_id', '=', tubeId).executeTakeFirst();
  }

  async insertDoorTask(row: {
    id: string; round_id: string; resident_id: string; household_id: string; building_id: string; node_path: string;
    source_tube_id: string; at: string;
  }): Promise<void> {
    await this.ex.insertInto('nat_door_tasks').values({
      id: row.id, round_id: row.round_id, resident_id: row.resident_id, household_id: row.household_id,
      building_id: row.building_id, node_path: row.node_path, reason: 'resample', source_tube_id: row.source_tube_id,
      team_id: null, assignee_person_id: null, status: 'open', sample_id: null, visited_at: null, note: null,
      created_at: row.at, updated_at: row.at,
    }).execute();
  }

  /** A correction to negative withdraws the re-sampling tasks of that tube nobody has visited yet. */
  async deleteOpenResamplesOfTube(tubeId: string): Promise<number> {
    const r = await this.ex.deleteFrom('nat_door_tasks').where('source_tube_id', '=', tubeId)
      .where('reason', '=', 'resample').where('status', '=', 'open').executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** The building a household belongs to: its nearest ancestor of level 'building', else its parent. */
  async buildingOf(householdPath: string): Promise<string> {
    const ids = householdPath.split('/').filter(Boolean);
    const buildings = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'path'])
      .where('id', 'in', ids).where('level_code', '=', 'building').execute();
    if (buildings.length > 0) return buildings.sort((a, b) => b.path.length - a.path.length)[0].id;
    return ids.length > 1 ? ids[ids.length - 2] : ids[0];
  }

  async caseOf(roundId: string, residentId: string, tubeId: string) {
    return this.ex.selectFrom('nat_cases').select('id')
      .where('round_id', '=', roundId).where('resident_id', '=', residentId).where('tube_id', '=', tubeId).executeTakeFirst();
  }

  async insertCase(row: { id: string; round_id: string; resident_id: string; tube_id: string; household_id: string; node_path: string; exposure: string; at: string }) {
    await this.ex.insertInto('nat_cases').values({
      id: row.id, round_id: row.round_id, resident_id: row.resident_id, tube_id: row.tube_id, household_id: row.household_id,
      node_path: row.node_path, detected_at: row.at, exposure: row.exposure, status: 'open', created_at: row.at,
    }).execute();
  }

  async revokeCertificate(roundId: string, residentId: string, reason: string, at: string, actorId: string | null): Promise<void> {
    const exists = await this.ex.selectFrom('nat_certificate_revocations').select('resident_id')
      .where('round_id', '=', roundId).where('resident_id', '=', residentId).executeTakeFirst();
    if (exists) return;
    await this.ex.insertInto('nat_certificate_revocations')
      .values({ round_id: roundId, resident_id: residentId, reason, revoked_at: at, actor_id: actorId }).execute();
  }

  async importByHash(roundId: string, hash: string) {
    return this.ex.selectFrom('nat_lab_imports').selectAll().where('round_id', '=', roundId).where('file_hash', '=', hash).executeTakeFirst();
  }

  async insertImport(row: { id: string; round_id: string; file_name: string; file_hash: string; lines: number; applied_at: string; actor_id: string | null; actor_name: string }) {
    await this.ex.insertInto('nat_lab_imports').values(row).execute();
  }

  async imports(roundId: string) {
    return this.ex.selectFrom('nat_lab_imports').selectAll().where('round_id', '=', roundId)
      .orderBy('applied_at', 'desc').orderBy('id', 'desc').limit(50).execute();
  }

  /**
   * Tube counts by result. An actor whose scope covers the round counts every tube; one inside the round (a
   * community in a street's round) counts the tubes holding a sample of their place.
   */
  async tubeCounts(roundId: string, scope: Scope, wholeRound: boolean) {
    let q = this.ex.selectFrom('nat_tubes as t').select(['t.result', (eb) => eb.fn.countAll<number>().as('n')])
      .where('t.round_id', '=', roundId).where('t.sample_count', '>', 0);
    if (!wholeRound) {
      q = q.where((eb) => eb.exists(eb.selectFrom('nat_samples as s').select('s.id')
        .whereRef('s.tube_id', '=', 't.id').where('s.undone_at', 'is', null).where(pathIn('s.node_path', scope))));
    }
    return q.groupBy('t.result').execute();
  }

  async resampleCounts(roundId: string, scope: Scope) {
    return this.ex.selectFrom('nat_door_tasks').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', '=', roundId).where('reason', '=', 'resample')
      .where(pathIn('node_path', scope)).groupBy('status').execute();
  }

  async controlledCount(roundId: string, scope: Scope): Promise<number> {
    const r = await this.ex.selectFrom('nat_round_residents').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId).where('control_status', 'is not', null)
      .where(pathIn('node_path', scope)).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async openCaseCount(roundId: string, scope: Scope): Promise<number> {
    const r = await this.ex.selectFrom('nat_cases').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId).where('status', '=', 'open')
      .where(pathIn('node_path', scope)).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async cases(roundId: string, scope: Scope, q: { status: 'open' | 'closed' | 'all'; limit: number; before?: string }) {
    let query = this.ex.selectFrom('nat_cases as c')
      .innerJoin('residents as r', 'r.id', 'c.resident_id')
      .innerJoin('nat_tubes as t', 't.id', 'c.tube_id')
      .select(['c.id', 'c.round_id', 'c.resident_id', 'c.node_path', 'c.detected_at', 'c.status', 'c.exposure', 'r.name', 't.barcode'])
      .where('c.round_id', '=', roundId).where(pathIn('c.node_path', scope));
    if (q.status !== 'all') query = query.where('c.status', '=', q.status);
    if (q.before) query = query.where('c.id', '<', q.before);
    return query.orderBy('c.id', 'desc').limit(q.limit + 1).execute();
  }

  async findCase(caseId: string, scope: Scope) {
    return this.ex.selectFrom('nat_cases').selectAll().where('id', '=', caseId)
      .where(pathIn('node_path', scope)).executeTakeFirst();
  }

  async setCaseStatus(caseId: string, status: string): Promise<void> {
    await this.ex.updateTable('nat_cases').set({ status }).where('id', '=', caseId).execute();
  }

  async resamples(roundId: string, scope: Scope, limit: number) {
    return this.ex.selectFrom('nat_door_tasks as d')
      .innerJoin('residents as r', 'r.id', 'd.resident_id')
      .leftJoin('nat_tubes as t', 't.id', 'd.source_tube_id')
      .select(['d.id', 'd.resident_id', 'd.node_path', 'd.status', 'd.created_at', 'r.name', 't.barcode'])
      .where('d.round_id', '=', roundId).where('d.reason', '=', 'resample')
      .where(pathIn('d.node_path', scope))
      .orderBy('d.status').orderBy('d.node_path').orderBy('d.id').limit(limit).execute();
  }

  async nodeNames(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('id', 'in', part).execute();
      for (const r of rows) out.set(r.id, r.name);
    }
    return out;
  }
}
