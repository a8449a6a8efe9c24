import type { Executor } from '../../platform/db/database.ts';
import type { DutyUnavailabilityTable } from '../../platform/db/tables/duty.ts';
import type { Scope } from '../../platform/policy.ts';
import { personIdsInSubtree, personOfAccount, visiblePersonIds } from './duty.scope.ts';
import type { ShiftRow } from './roster.repository.ts';

export interface UnavailabilityRow extends DutyUnavailabilityTable {
  person_name: string;
}

export type ReleasableRow = ShiftRow & { assignment_id: string };

/** Every SQL statement about declared availability windows and unavailability periods. */
export class AvailabilityRepository {
  constructor(private readonly ex: Executor) {}

  async personOfAccount(accountId: string): Promise<string | null> {
    return personOfAccount(this.ex, accountId);
  }

  async person(id: string, scope: Scope): Promise<{ id: string; name: string; home_path: string | null } | undefined> {
    let q = this.ex.selectFrom('people').leftJoin('jurisdiction_nodes as h', 'h.id', 'people.home_node_id')
      .select(['people.id', 'people.name', 'h.path as home_path']).where('people.id', '=', id);
    if (scope.kind !== 'all') q = q.where('people.id', 'in', visiblePersonIds(this.ex, scope));
    return q.executeTakeFirst();
  }

  async windows(personId: string): Promise<Array<{ weekday: number; start_time: string; end_time: string }>> {
    return this.ex.selectFrom('duty_availability').select(['weekday', 'start_time', 'end_time'])
      .where('person_id', '=', personId).orderBy('weekday').orderBy('start_time').execute();
  }

  async replaceWindows(personId: string, windows: Array<{ id: string; weekday: number; start: string; end: string }>, at: string): Promise<void> {
    await this.ex.deleteFrom('duty_availability').where('person_id', '=', personId).execute();
    if (windows.length === 0) return;
    await this.ex.insertInto('duty_availability').values(windows.map((w) => ({
      id: w.id, person_id: personId, weekday: w.weekday, start_time: w.start, end_time: w.end, created_at: at,
    }))).execute();
  }

  private unavailabilityQuery() {
    return this.ex.selectFrom('duty_unavailability as u').innerJoin('people as p', 'p.id', 'u.person_id')
      .selectAll('u').select('p.name as person_name');
  }

  async findUnavailability(id: string): Promise<UnavailabilityRow | undefined> {
    return this.unavailabilityQuery().where('u.id', '=', id).executeTakeFirst();
  }

  async listUnavailability(scope: Scope, filter: { nodePath?: string; personId?: string; currentAt?: string }): Promise<UnavailabilityRow[]> {
    let q = this.unavailabilityQuery();
    if (scope.kind !== 'all') q = q.where('u.person_id', 'in', visiblePersonIds(this.ex, scope));
    if (filter.nodePath) q = q.where('u.person_id', 'in', personIdsInSubtree(this.ex, filter.nodePath));
    if (filter.personId) q = q.where('u.person_id', '=', filter.personId);
    if (filter.currentAt) q = q.where('u.to_at', '>', filter.currentAt);
    return q.orderBy('u.from_at', 'desc').orderBy('u.id', 'desc').limit(200).execute();
  }

  async insertUnavailability(row: DutyUnavailabilityTable): Promise<void> {
    await this.ex.insertInto('duty_unavailability').values(row).execute();
  }

  async updateUnavailability(id: string, patch: Partial<Pick<DutyUnavailabilityTable, 'to_at' | 'released_count'>>): Promise<void> {
    await this.ex.updateTable('duty_unavailability').set(patch).where('id', '=', id).execute();
  }

  /** Acting leads installed because of this period stand down when it ends early. */
  async endSuccessions(unavailabilityId: string, atIso: string): Promise<void> {
    await this.ex.updateTable('duty_successions').set({ until_at: atIso })
      .where('unavailability_id', '=', unavailabilityId).where('until_at', '>', atIso).execute();
  }

  /**
   * Active assignments of the person on shifts touching [fromIso, toIso) that have not ended by `nowIso` and
   * have no check-in: the shifts an unavailability takes away.
   */
  async releasable(personId: string, fromIso: string, toIso: string, nowIso: string): Promise<ReleasableRow[]> {
    return this.ex.selectFrom('duty_assignments as a')
      .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dp.node_id')
      .leftJoin('duty_attendance as t', (j) => j.onRef('t.shift_id', '=', 'a.shift_id').onRef('t.person_id', '=', 'a.person_id'))
      .selectAll('s')
      .select(['a.id as assignment_id', 'dp.name as post_name', 'dp.node_id', 'n.name as node_name', 'n.path as node_path', 'dp.min_rest_minutes', 'dp.late_grace_minutes'])
      .where('a.person_id', '=', personId).where('a.status', '=', 'active').where('t.id', 'is', null)
      .where('s.starts_at', '<', toIso).where('s.ends_at', '>', fromIso).where('s.ends_at', '>', nowIso)
      .orderBy('s.starts_at').execute();
  }

  /** What an earlier call released and installed, to answer a retried call the same way. */
  async releasedBy(unavailabilityId: string): Promise<ReleasableRow[]> {
    return this.ex.selectFrom('duty_assignments as a')
      .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dp.node_id')
      .selectAll('s')
      .select(['a.id as assignment_id', 'dp.name as post_name', 'dp.node_id', 'n.name as node_name', 'n.path as node_path', 'dp.min_rest_minutes', 'dp.late_grace_minutes'])
      .where('a.unavailability_id', '=', unavailabilityId).orderBy('s.starts_at').execute();
  }

  async release(assignmentId: string, reason: string, unavailabilityId: string, atIso: string): Promise<void> {
    await this.ex.updateTable('duty_assignments')
      .set({ status: 'released', released_reason: reason, released_at: atIso, unavailability_id: unavailabilityId, updated_at: atIso })
      .where('id', '=', assignmentId).execute();
  }

  async nodePath(id: string): Promise<string | undefined> {
    return (await this.ex.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirst())?.path;
  }
}
