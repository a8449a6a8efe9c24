import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { JurisdictionNodeTable } from '../../platform/db/schema.ts';
import type { ArrivalMeasureTable, ArrivalTable } from '../../platform/db/tables/outsiders.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';

export type ArrivalRow = ArrivalTable;
export type MeasureRow = ArrivalMeasureTable;
export type NodeRow = JurisdictionNodeTable;

export interface ArrivalSearch {
  limit: number;
  after?: string;
  nodePath?: string;
  nameLike?: string;
  idNumberHash?: string;
  phoneHash?: string;
  regionLike?: string;
  riskLevel?: string;
  from?: string;
  to?: string;
}

export interface DueRow extends MeasureRow {
  name: string;
  phone_enc: string | null;
  from_region: string;
  risk_level: string;
  arrival_date: string;
  stay_node_id: string | null;
  stay_text: string | null;
  stay_path: string | null;
}

function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column` (an alias's scope_path) within the subtree of `path`: a path range, byte order. */
function inSubtree(column: 'a.scope_path' | 'm.scope_path', path: string) {
  return sql<boolean>`${sql.ref(column)} >= ${path} and ${sql.ref(column)} < ${subtreeEnd(path)}`;
}

/** Arrivals and their measures. Every read applies the actor's scope on the record's scope path in SQL. */
export class OutsidersRepository {
  constructor(private readonly ex: Executor) {}

  private arrivals(scope: Scope) {
    let q = this.ex.selectFrom('arrivals as a');
    // Arrivals belong to places; a unit-bound account (or one without a node) reaches none of them.
    if (scope.kind === 'subtree') q = q.where(inSubtree('a.scope_path', scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q;
  }

  /** Keyset page, newest first; limit + 1 rows so the caller knows whether another page exists. */
  async search(scope: Scope, s: ArrivalSearch): Promise<ArrivalRow[]> {
    let q = this.arrivals(scope).selectAll('a').orderBy('a.id', 'desc').limit(s.limit + 1);
    if (s.after) q = q.where('a.id', '<', s.after);
    if (s.nodePath) { const p = s.nodePath; q = q.where(inSubtree('a.scope_path', p)); }
    if (s.idNumberHash) q = q.where('a.id_number_hash', '=', s.idNumberHash);
    if (s.phoneHash) q = q.where('a.phone_hash', '=', s.phoneHash);
    if (s.nameLike) q = q.where(sql<boolean>`a.name like ${likePattern(s.nameLike)} escape '\\'`);
    if (s.regionLike) q = q.where(sql<boolean>`a.from_region like ${likePattern(s.regionLike)} escape '\\'`);
    if (s.riskLevel) q = q.where('a.risk_level', '=', s.riskLevel);
    if (s.from) q = q.where('a.arrival_date', '>=', s.from);
    if (s.to) q = q.where('a.arrival_date', '<=', s.to);
    return q.execute();
  }

  async find(id: string, scope: Scope): Promise<ArrivalRow | undefined> {
    return this.arrivals(scope).selectAll('a').where('a.id', '=', id).executeTakeFirst();
  }

  async findRaw(id: string): Promise<ArrivalRow | undefined> {
    return this.ex.selectFrom('arrivals').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByDocumentDay(hash: string, day: string): Promise<ArrivalRow | undefined> {
    return this.ex.selectFrom('arrivals').selectAll().where('id_number_hash', '=', hash).where('arrival_date', '=', day).executeTakeFirst();
  }

  async insert(row: ArrivalRow): Promise<void> {
    await this.ex.insertInto('arrivals').values(row).execute();
  }

  async insertMeasure(row: MeasureRow): Promise<void> {
    await this.ex.insertInto('arrival_measures').values(row).execute();
  }

  async measuresOf(arrivalIds: string[]): Promise<Map<string, MeasureRow[]>> {
    const map = new Map<string, MeasureRow[]>();
    if (arrivalIds.length === 0) return map;
    const rows = await this.ex.selectFrom('arrival_measures').selectAll().where('arrival_id', 'in', arrivalIds).orderBy('arrival_id').orderBy('seq').execute();
    for (const r of rows) map.set(r.arrival_id, [...(map.get(r.arrival_id) ?? []), r]);
    return map;
  }

  async findMeasure(id: string, scope: Scope): Promise<MeasureRow | undefined> {
    let q = this.ex.selectFrom('arrival_measures as m').selectAll('m').where('m.id', '=', id);
    if (scope.kind === 'subtree') q = q.where(inSubtree('m.scope_path', scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q.executeTakeFirst();
  }

  async updateMeasure(id: string, patch: Partial<MeasureRow>): Promise<void> {
    await this.ex.updateTable('arrival_measures').set(patch).where('id', '=', id).execute();
  }

  /**
   * Open measures touching `day` within the scope (and optional subtree): the due-today list picks from these
   * tests due that day, isolations ending that day and monitoring in progress.
   */
  async dueOn(scope: Scope, day: string, nodePath: string | undefined): Promise<DueRow[]> {
    let q = this.ex.selectFrom('arrival_measures as m').innerJoin('arrivals as a', 'a.id', 'm.arrival_id')
      .leftJoin('jurisdiction_nodes as h', 'h.id', 'a.stay_node_id')
      .selectAll('m')
      .select(['a.name', 'a.phone_enc', 'a.from_region', 'a.risk_level', 'a.arrival_date', 'a.stay_node_id', 'a.stay_text', 'h.path as stay_path'])
      .where('m.status', 'in', ['proposed', 'confirmed'])
      .where('m.starts_on', '<=', day).where('m.ends_on', '>=', day)
      .where((eb) => eb.or([
        eb.and([eb('m.kind', '=', 'tests'), sql<boolean>`m.test_days like ${likePattern(`"${day}"`)} escape '\\'`]),
        eb.and([eb('m.kind', 'in', ['central_isolation', 'home_isolation']), eb('m.ends_on', '=', day)]),
        eb('m.kind', '=', 'home_monitoring'),
      ]))
      .orderBy('m.kind').orderBy('a.name').orderBy('m.id');
    if (scope.kind === 'subtree') q = q.where(inSubtree('m.scope_path', scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    if (nodePath) q = q.where(inSubtree('m.scope_path', nodePath));
    return q.execute();
  }

  async findNode(id: string, scope: Scope): Promise<NodeRow | undefined> {
    let q = this.ex.selectFrom('jurisdiction_nodes').selectAll().where('id', '=', id);
    if (scope.kind === 'subtree') q = q.where('path', '>=', scope.path).where('path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q.executeTakeFirst();
  }

  async nodeNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** A resident within the scope (their household's path), to link an arrival to the registry. */
  async findResident(id: string, scope: Scope): Promise<{ id: string; household_id: string } | undefined> {
    let q = this.ex.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id']).where('r.id', '=', id);
    if (scope.kind === 'subtree') q = q.where('h.path', '>=', scope.path).where('h.path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q.executeTakeFirst();
  }

  /** The active resident with this document number living in `household_id`, if any (automatic link). */
  async residentByDocument(hash: string, householdId: string): Promise<string | undefined> {
    const r = await this.ex.selectFrom('residents').select('id').where('id_number_hash', '=', hash)
      .where('household_id', '=', householdId).where('status', '=', 'active').executeTakeFirst();
    return r?.id;
  }
}
