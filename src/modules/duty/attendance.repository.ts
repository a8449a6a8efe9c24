import type { Executor } from '../../platform/db/database.ts';
import type { DutyAttendanceTable, DutyDailyNoteTable } from '../../platform/db/tables/duty.ts';
import type { Scope } from '../../platform/policy.ts';
import { nodeIdsInSubtree, personIdsInSubtree, personOfAccount, visiblePersonIds, visiblePostIds } from './duty.scope.ts';

export interface AttendanceRow extends DutyAttendanceTable {
  post_id: string;
  post_name: string;
  node_path: string;
  shift_name: string;
  day: string;
  starts_at: string;
  ends_at: string;
  person_name: string;
}

export interface PersonShiftRow {
  shift_id: string;
  post_id: string;
  name: string;
  day: string;
  starts_at: string;
  ends_at: string;
  late_grace_minutes: number | null;
  att_id: string | null;
  att_in: string | null;
  att_out: string | null;
  att_late: number | null;
}

export interface NoteRow extends DutyDailyNoteTable {
  person_name: string;
}

export interface ServiceRow {
  person_id: string;
  person_name: string;
  unit_id: string | null;
  unit_name: string | null;
  ends_at: string;
  att_in: string | null;
  att_out: string | null;
  att_late: number | null;
}

/** Every SQL statement about check-ins, daily notes and service records. */
export class AttendanceRepository {
  constructor(private readonly ex: Executor) {}

  async personOfAccount(accountId: string): Promise<string | null> {
    return personOfAccount(this.ex, accountId);
  }

  async personName(id: string): Promise<string | undefined> {
    return (await this.ex.selectFrom('people').select('name').where('id', '=', id).executeTakeFirst())?.name;
  }

  async person(id: string, scope: Scope): Promise<{ id: string; name: string; home_path: string | null } | undefined> {
    let q = this.ex.selectFrom('people').leftJoin('jurisdiction_nodes as h', 'h.id', 'people.home_node_id')
      .select(['people.id', 'people.name', 'h.path as home_path']).where('people.id', '=', id);
    if (scope.kind !== 'all') q = q.where('people.id', 'in', visiblePersonIds(this.ex, scope));
    return q.executeTakeFirst();
  }

  /** The person's active shifts at a post touching [fromIso, toIso), with their check-in if any. */
  async personShiftsAtPost(personId: string, postId: string, fromIso: string, toIso: string): Promise<PersonShiftRow[]> {
    return this.ex.selectFrom('duty_assignments as a')
      .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .leftJoin('duty_attendance as t', (j) => j.onRef('t.shift_id', '=', 'a.shift_id').onRef('t.person_id', '=', 'a.person_id'))
      .select([
        's.id as shift_id', 's.post_id', 's.name', 's.day', 's.starts_at', 's.ends_at', 'dp.late_grace_minutes',
        't.id as att_id', 't.checked_in_at as att_in', 't.checked_out_at as att_out', 't.late_minutes as att_late',
      ])
      .where('a.person_id', '=', personId).where('a.status', '=', 'active').where('s.post_id', '=', postId)
      .where('s.starts_at', '<', toIso).where('s.ends_at', '>', fromIso)
      .orderBy('s.starts_at').execute();
  }

  private attendanceQuery() {
    return this.ex.selectFrom('duty_attendance as t')
      .innerJoin('duty_shifts as s', 's.id', 't.shift_id')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dp.node_id')
      .innerJoin('people as p', 'p.id', 't.person_id')
      .selectAll('t')
      .select(['s.post_id', 'dp.name as post_name', 'n.path as node_path', 's.name as shift_name', 's.day', 's.starts_at', 's.ends_at', 'p.name as person_name']);
  }

  async findAttendance(id: string): Promise<AttendanceRow | undefined> {
    return this.attendanceQuery().where('t.id', '=', id).executeTakeFirst();
  }

  async findByCheckOut(checkOutId: string): Promise<AttendanceRow | undefined> {
    return this.attendanceQuery().where('t.check_out_id', '=', checkOutId).executeTakeFirst();
  }

  async attendanceOf(shiftId: string, personId: string): Promise<AttendanceRow | undefined> {
    return this.attendanceQuery().where('t.shift_id', '=', shiftId).where('t.person_id', '=', personId).executeTakeFirst();
  }

  async insertAttendance(row: DutyAttendanceTable): Promise<void> {
    await this.ex.insertInto('duty_attendance').values(row).execute();
  }

  async checkOut(id: string, checkOutId: string, atIso: string): Promise<void> {
    await this.ex.updateTable('duty_attendance').set({ checked_out_at: atIso, check_out_id: checkOutId, updated_at: atIso })
      .where('id', '=', id).execute();
  }

  // ---------------------------------------------------------------- daily notes

  private noteQuery() {
    return this.ex.selectFrom('duty_daily_notes as d').innerJoin('people as p', 'p.id', 'd.person_id')
      .selectAll('d').select('p.name as person_name');
  }

  async findNote(id: string): Promise<NoteRow | undefined> {
    return this.noteQuery().where('d.id', '=', id).executeTakeFirst();
  }

  async noteOf(personId: string, day: string): Promise<NoteRow | undefined> {
    return this.noteQuery().where('d.person_id', '=', personId).where('d.day', '=', day).executeTakeFirst();
  }

  async insertNote(row: DutyDailyNoteTable): Promise<void> {
    await this.ex.insertInto('duty_daily_notes').values(row).execute();
  }

  async updateNote(id: string, content: string, authorId: string | null, atIso: string): Promise<void> {
    await this.ex.updateTable('duty_daily_notes').set({ content, author_id: authorId, updated_at: atIso }).where('id', '=', id).execute();
  }

  async listNotes(scope: Scope, filter: { day?: string; nodePath?: string; personId?: string }): Promise<NoteRow[]> {
    let q = this.noteQuery();
    if (scope.kind !== 'all') q = q.where('d.person_id', 'in', visiblePersonIds(this.ex, scope));
    if (filter.day) q = q.where('d.day', '=', filter.day);
    if (filter.nodePath) q = q.where('d.person_id', 'in', personIdsInSubtree(this.ex, filter.nodePath));
    if (filter.personId) q = q.where('d.person_id', '=', filter.personId);
    return q.orderBy('d.day', 'desc').orderBy('d.updated_at', 'desc').orderBy('d.id').limit(500).execute();
  }

  async nodePath(id: string): Promise<string | undefined> {
    return (await this.ex.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirst())?.path;
  }

  // ---------------------------------------------------------------- service records

  /**
   * Active assignments on shifts starting on [fromDay, toDay], with check-ins. A place-bound account sees the
   * service given at its posts (also by people sent down from elsewhere); a unit liaison its own people's service.
   */
  async service(scope: Scope, filter: { fromDay: string; toDay: string; nodePath?: string; unitId?: string; personId?: string }): Promise<ServiceRow[]> {
    let q = this.ex.selectFrom('duty_assignments as a')
      .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('duty_attendance as t', (j) => j.onRef('t.shift_id', '=', 'a.shift_id').onRef('t.person_id', '=', 'a.person_id'))
      .select([
        'a.person_id', 'p.name as person_name', 'p.unit_id', 'u.name as unit_name', 's.ends_at',
        't.checked_in_at as att_in', 't.checked_out_at as att_out', 't.late_minutes as att_late',
      ])
      .where('a.status', '=', 'active').where('s.day', '>=', filter.fromDay).where('s.day', '<=', filter.toDay);
    if (scope.kind === 'unit') q = q.where('p.unit_id', '=', scope.unitId);
    else if (scope.kind !== 'all') q = q.where('s.post_id', 'in', visiblePostIds(this.ex, scope));
    if (filter.nodePath) q = q.where('dp.node_id', 'in', nodeIdsInSubtree(this.ex, filter.nodePath));
    if (filter.unitId) q = q.where('p.unit_id', '=', filter.unitId);
    if (filter.personId) q = q.where('a.person_id', '=', filter.personId);
    return q.orderBy('p.name').orderBy('a.person_id').orderBy('s.starts_at').execute();
  }
}
