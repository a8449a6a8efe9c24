import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB, PersonTable } from '../../platform/db/schema.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { TPersonListQuery } from './people.schema.ts';

export type PersonRow = PersonTable;

export interface PersonJoinedRow extends PersonRow {
  unit_name: string | null;
  branch_name: string | null;
  home_node_name: string | null;
  home_node_path: string | null;
}

export interface PersonSearch extends Omit<TPersonListQuery, 'q' | 'limit'> {
  limit: number;
  nameLike?: string;
  phoneHash?: string;
  idNumberHash?: string;
  /** Path of nodeId, resolved by the service. */
  nodePath?: string;
}

type PeopleEb = ExpressionBuilder<DB & { p: PersonTable }, 'p'>;

/** People of the workforce. The actor's scope becomes part of every WHERE clause. */
/** [label, table, column] of every row that keeps a person from being deleted (every capability adds its own). */
const PERSON_REFERENCES: ReadonlyArray<readonly [string, string, string]> = [
  ['posts', 'post_members', 'person_id'],
  ['accounts', 'accounts', 'person_id'],
  ['areasLed', 'responsibility_areas', 'leader_person_id'],
  ['dutyLeads', 'duty_post_leads', 'person_id'],
  ['dutyShifts', 'duty_assignments', 'person_id'],
  ['dutyShifts', 'duty_attendance', 'person_id'],
  ['dutyShifts', 'duty_swaps', 'from_person_id'],
  ['dutyShifts', 'duty_swaps', 'to_person_id'],
  ['dutyShifts', 'duty_successions', 'from_person_id'],
  ['dutyShifts', 'duty_successions', 'to_person_id'],
  ['dutyAvailability', 'duty_unavailability', 'person_id'],
  ['dutyAvailability', 'duty_availability', 'person_id'],
  ['dutyNotes', 'duty_daily_notes', 'person_id'],
  ['screeningTasks', 'screening_assignees', 'person_id'],
  ['declarations', 'declaration_entries', 'person_id'],
  ['natSiteStaff', 'nat_site_staff', 'person_id'],
];

export class PeopleRepository {
  constructor(private readonly ex: Executor) {}

  private inSubtree(eb: PeopleEb, path: string) {
    const end = subtreeEnd(path);
    return eb.or([
      eb('p.home_node_id', 'in', eb.selectFrom('jurisdiction_nodes').select('id').where('path', '>=', path).where('path', '<', end)),
      eb('p.unit_id', 'in', eb.selectFrom('units as su').innerJoin('jurisdiction_nodes as sn', 'sn.id', 'su.node_id')
        .select('su.id').where('sn.path', '>=', path).where('sn.path', '<', end)),
    ]);
  }

  private scoped(scope: Scope) {
    let q = this.ex.selectFrom('people as p');
    if (scope.kind === 'subtree') q = q.where((eb) => this.inSubtree(eb, scope.path));
    else if (scope.kind === 'unit') q = q.where('p.unit_id', '=', scope.unitId);
    else if (scope.kind === 'none') q = q.where(sql<boolean>`1 = 0`);
    return q;
  }

  private joined(scope: Scope) {
    return this.scoped(scope)
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('party_orgs as b', 'b.id', 'p.branch_id')
      .leftJoin('jurisdiction_nodes as h', 'h.id', 'p.home_node_id')
      .selectAll('p')
      .select(['u.name as unit_name', 'b.name as branch_name', 'h.name as home_node_name', 'h.path as home_node_path']);
  }

  /** Keyset page ordered by id; fetches limit + 1 rows so the caller knows whether another page exists. */
  async search(scope: Scope, s: PersonSearch): Promise<PersonJoinedRow[]> {
    let q = this.joined(scope).orderBy('p.id').limit(s.limit + 1);
    if (s.after) q = q.where('p.id', '>', s.after);
    if (s.unitId) q = q.where('p.unit_id', '=', s.unitId);
    if (s.branchId) q = q.where('p.branch_id', '=', s.branchId);
    if (s.politicalStatus) q = q.where('p.political_status', '=', s.politicalStatus);
    if (s.category) q = q.where('p.category', '=', s.category);
    if (s.nodePath) {
      const path = s.nodePath;
      q = q.where('p.home_node_id', 'in', (eb) => eb.selectFrom('jurisdiction_nodes').select('id')
        .where('path', '>=', path).where('path', '<', subtreeEnd(path)));
    }
    if (s.phoneHash) q = q.where('p.phone_hash', '=', s.phoneHash);
    if (s.idNumberHash) q = q.where('p.id_number_hash', '=', s.idNumberHash);
    if (s.nameLike) {
      const pattern = `%${s.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<boolean>`p.name like ${pattern} escape '\\'`);
    }
    return q.execute();
  }

  async find(id: string, scope: Scope): Promise<PersonJoinedRow | undefined> {
    return this.joined(scope).where('p.id', '=', id).executeTakeFirst();
  }

  async findByIdNumberHash(hash: string): Promise<PersonRow | undefined> {
    return this.ex.selectFrom('people').selectAll().where('id_number_hash', '=', hash).executeTakeFirst();
  }

  async findByNameAndPhoneHash(name: string, phoneHash: string): Promise<PersonRow | undefined> {
    return this.ex.selectFrom('people').selectAll().where('name', '=', name).where('phone_hash', '=', phoneHash).executeTakeFirst();
  }

  async findRaw(id: string): Promise<PersonRow | undefined> {
    return this.ex.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: PersonRow): Promise<void> {
    await this.ex.insertInto('people').values(row).execute();
  }

  async update(id: string, patch: Partial<PersonRow>): Promise<void> {
    await this.ex.updateTable('people').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('people').where('id', '=', id).execute();
  }

  /** What still refers to the person (rows that cascade with the person are not counted). */
  async countDependents(id: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [label, table, column] of PERSON_REFERENCES) {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(this.ex);
      counts[label] = (counts[label] ?? 0) + Number(r.rows[0]?.n ?? 0);
    }
    return counts;
  }

  async unitExists(id: string): Promise<{ id: string; name: string } | undefined> {
    return this.ex.selectFrom('units').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  async branchExists(id: string): Promise<{ id: string; name: string } | undefined> {
    return this.ex.selectFrom('party_orgs').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  }

  async nodeNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async nodePath(id: string): Promise<string | undefined> {
    const r = await this.ex.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirst();
    return r?.path;
  }
}
