import type { Executor } from '../../platform/db/database.ts';
import type { DutyAssignmentTable, DutyShiftTable } from '../../platform/db/tables/duty.ts';
import type { Scope } from '../../platform/policy.ts';
import { personIdsInSubtree, visiblePersonIds, visiblePostIds } from './duty.scope.ts';

/** Runs a query per slice of ids, so long id lists stay under the dialects' parameter limits. */
async function inChunks<T>(ids: string[], run: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await run(ids.slice(i, i + 500))));
  return out;
}

export interface ShiftRow extends DutyShiftTable {
  post_name: string;
  node_id: string;
  node_name: string;
  node_path: string;
  min_rest_minutes: number | null;
  late_grace_minutes: number | null;
}

export interface AssignmentRow extends DutyAssignmentTable {
  person_name: string;
  sex: string | null;
  att_id: string | null;
  att_in: string | null;
  att_out: string | null;
  att_late: number | null;
}

export interface CommitmentRow {
  person_id: string;
  shift_id: string;
  starts_at: string;
  ends_at: string;
  min_rest_minutes: number | null;
}

/** Every SQL statement about concrete shifts and who holds them. */
export class RosterRepository {
  constructor(private readonly ex: Executor) {}

  private shiftQuery() {
    return this.ex.selectFrom('duty_shifts as s')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dp.node_id')
      .selectAll('s')
      .select(['dp.name as post_name', 'dp.node_id', 'n.name as node_name', 'n.path as node_path', 'dp.min_rest_minutes', 'dp.late_grace_minutes']);
  }

  /** Shifts of these posts starting on the days [fromDay, toDay]. */
  async shiftsOnDays(postIds: string[], fromDay: string, toDay: string): Promise<ShiftRow[]> {
    if (postIds.length === 0) return [];
    return this.shiftQuery().where('s.post_id', 'in', postIds).where('s.day', '>=', fromDay).where('s.day', '<=', toDay)
      .orderBy('s.starts_at').orderBy('s.name').orderBy('s.id').execute();
  }

  /** Shifts of these posts that touch [fromIso, toIso). */
  async shiftsBetween(postIds: string[], fromIso: string, toIso: string): Promise<ShiftRow[]> {
    if (postIds.length === 0) return [];
    return this.shiftQuery().where('s.post_id', 'in', postIds).where('s.starts_at', '<', toIso).where('s.ends_at', '>', fromIso)
      .orderBy('s.starts_at').orderBy('s.id').execute();
  }

  async findShift(id: string, scope: Scope): Promise<ShiftRow | undefined> {
    let q = this.shiftQuery().where('s.id', '=', id);
    if (scope.kind !== 'all') q = q.where('s.post_id', 'in', visiblePostIds(this.ex, scope));
    return q.executeTakeFirst();
  }

  async insertShift(row: DutyShiftTable): Promise<void> {
    await this.ex.insertInto('duty_shifts').values(row).execute();
  }

  async updateShift(id: string, patch: Partial<Omit<DutyShiftTable, 'id' | 'post_id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('duty_shifts').set(patch).where('id', '=', id).execute();
  }

  /** Number of active holders per shift. */
  async activeCounts(shiftIds: string[]): Promise<Map<string, number>> {
    if (shiftIds.length === 0) return new Map();
    const rows = await this.ex.selectFrom('duty_assignments').select(['shift_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('shift_id', 'in', shiftIds).where('status', '=', 'active').groupBy('shift_id').execute();
    return new Map(rows.map((r) => [r.shift_id, Number(r.n)]));
  }

  private assignmentQuery() {
    return this.ex.selectFrom('duty_assignments as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .leftJoin('duty_attendance as t', (j) => j.onRef('t.shift_id', '=', 'a.shift_id').onRef('t.person_id', '=', 'a.person_id'))
      .selectAll('a')
      .select(['p.name as person_name', 'p.sex', 't.id as att_id', 't.checked_in_at as att_in', 't.checked_out_at as att_out', 't.late_minutes as att_late']);
  }

  async assignmentsOf(shiftIds: string[]): Promise<AssignmentRow[]> {
    if (shiftIds.length === 0) return [];
    return this.assignmentQuery().where('a.shift_id', 'in', shiftIds).orderBy('a.created_at').orderBy('a.id').execute();
  }

  async findAssignment(id: string): Promise<AssignmentRow | undefined> {
    return this.assignmentQuery().where('a.id', '=', id).executeTakeFirst();
  }

  async activeAssignment(shiftId: string, personId: string): Promise<AssignmentRow | undefined> {
    return this.assignmentQuery().where('a.shift_id', '=', shiftId).where('a.person_id', '=', personId)
      .where('a.status', '=', 'active').executeTakeFirst();
  }

  async insertAssignment(row: DutyAssignmentTable): Promise<void> {
    await this.ex.insertInto('duty_assignments').values(row).execute();
  }

  /** Many rows in multi-row INSERTs (the assistant plans thousands at once). */
  async insertAssignments(rows: readonly DutyAssignmentTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.ex.insertInto('duty_assignments').values(rows.slice(i, i + 500)).execute();
    }
  }

  async updateAssignment(id: string, patch: Partial<Omit<DutyAssignmentTable, 'id' | 'shift_id' | 'person_id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('duty_assignments').set(patch).where('id', '=', id).execute();
  }

  async deleteAssignment(id: string): Promise<void> {
    await this.ex.deleteFrom('duty_swaps').where('assignment_id', '=', id).execute();
    await this.ex.deleteFrom('duty_assignments').where('id', '=', id).execute();
  }

  /** Active shifts of these people touching [fromIso, toIso), with their post's rest rule. */
  async commitments(personIds: string[], fromIso: string, toIso: string): Promise<CommitmentRow[]> {
    return inChunks(personIds, (ids) => this.ex.selectFrom('duty_assignments as a')
      .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .select(['a.person_id', 'a.shift_id', 's.starts_at', 's.ends_at', 'dp.min_rest_minutes'])
      .where('a.person_id', 'in', ids).where('a.status', '=', 'active')
      .where('s.starts_at', '<', toIso).where('s.ends_at', '>', fromIso)
      .execute());
  }

  /** The assistant's pool: people in reach, optionally only those of a subtree or exactly some ids. */
  async candidates(scope: Scope, filter: { poolPath?: string; personIds?: string[] }): Promise<Array<{ id: string; name: string; sex: string | null }>> {
    let q = this.ex.selectFrom('people').select(['people.id', 'people.name', 'people.sex']);
    if (scope.kind !== 'all') q = q.where('people.id', 'in', visiblePersonIds(this.ex, scope));
    if (filter.poolPath) q = q.where('people.id', 'in', personIdsInSubtree(this.ex, filter.poolPath));
    if (filter.personIds) {
      if (filter.personIds.length === 0) return [];
      q = q.where('people.id', 'in', filter.personIds);
    }
    return q.orderBy('people.id').limit(5000).execute();
  }

  async person(id: string, scope: Scope): Promise<{ id: string; name: string; sex: string | null } | undefined> {
    let q = this.ex.selectFrom('people').select(['people.id', 'people.name', 'people.sex']).where('people.id', '=', id);
    if (scope.kind !== 'all') q = q.where('people.id', 'in', visiblePersonIds(this.ex, scope));
    return q.executeTakeFirst();
  }

  async windows(personIds: string[]): Promise<Array<{ person_id: string; weekday: number; start_time: string; end_time: string }>> {
    return inChunks(personIds, (ids) => this.ex.selectFrom('duty_availability').select(['person_id', 'weekday', 'start_time', 'end_time'])
      .where('person_id', 'in', ids).orderBy('person_id').orderBy('weekday').orderBy('start_time').execute());
  }

  async unavailability(personIds: string[], fromIso: string, toIso: string): Promise<Array<{ person_id: string; from_at: string; to_at: string }>> {
    return inChunks(personIds, (ids) => this.ex.selectFrom('duty_unavailability').select(['person_id', 'from_at', 'to_at'])
      .where('person_id', 'in', ids).where('from_at', '<', toIso).where('to_at', '>', fromIso).execute());
  }
}
