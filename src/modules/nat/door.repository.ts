import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { NatDoorTaskTable } from '../../platform/db/tables/nat.ts';
import { subtreeEnd } from '../../platform/policy.ts';
import type { DoorTaskView, TDoorAssignInput } from './door.schema.ts';
import type { RoundRow } from './plan.repository.ts';

// SQL of door-to-door tasks. `path` is always the part of the round the actor reaches (a range scan).

export interface DoorCandidate { resident_id: string; household_id: string; path: string; reason: string }

export class DoorRepository {
  constructor(private readonly ex: Executor) {}

  private residentsIn(path: string) {
    return this.ex.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .where('h.path', '>=', path).where('h.path', '<', subtreeEnd(path)).where('r.status', '=', 'active');
  }

  /** Not yet sampled this round (no roster row, or one without a counted sample). */
  private unsampled(roundId: string) {
    return sql<boolean>`not exists (select 1 from nat_round_residents rr where rr.round_id = ${roundId} and rr.resident_id = r.id and rr.sample_id is not null)`;
  }

  async homebound(roundId: string, path: string, kinds: readonly string[]): Promise<DoorCandidate[]> {
    return this.residentsIn(path)
      .where((eb) => eb.exists(eb.selectFrom('resident_needs as n').select('n.kind').whereRef('n.resident_id', '=', 'r.id').where('n.kind', 'in', [...kinds])))
      .where(this.unsampled(roundId))
      .select(['r.id as resident_id', 'r.household_id', 'h.path', sql<string>`'special_needs'`.as('reason')]).execute();
  }

  async controlled(roundId: string, path: string): Promise<DoorCandidate[]> {
    return this.ex.selectFrom('nat_round_residents as r')
      .where('r.round_id', '=', roundId).where('r.control_status', 'is not', null).where('r.sample_id', 'is', null)
      .where('r.node_path', '>=', path).where('r.node_path', '<', subtreeEnd(path))
      .select(['r.resident_id', 'r.household_id', 'r.node_path as path', sql<string>`'sealed'`.as('reason')]).execute();
  }

  /** Confirmed home isolation that overlaps the round's days. */
  async homeIsolated(round: RoundRow, path: string): Promise<DoorCandidate[]> {
    return this.residentsIn(path)
      .innerJoin('arrival_measures as m', 'm.resident_id', 'r.id')
      .where('m.kind', '=', 'home_isolation').where('m.status', '=', 'confirmed')
      .where('m.starts_on', '<=', round.ends_on).where('m.ends_on', '>=', round.starts_on)
      .where(this.unsampled(round.id))
      .select(['r.id as resident_id', 'r.household_id', 'h.path', sql<string>`'home_isolation'`.as('reason')]).distinct().execute();
  }

  async residentsWithTasks(roundId: string): Promise<Set<string>> {
    const rows = await this.ex.selectFrom('nat_door_tasks').select('resident_id')
      .where('round_id', '=', roundId).where('reason', '<>', 'resample').execute();
    return new Set(rows.map((r) => r.resident_id));
  }

  /** Household path → the building above it (or the household's parent where there is no building level). */
  async buildingsOf(paths: string[]): Promise<Map<string, string>> {
    const ids = new Set<string>();
    for (const p of paths) for (const id of p.split('/').filter(Boolean)) ids.add(id);
    const buildings = new Set<string>();
    for (let i = 0, all = [...ids]; i < all.length; i += 500) {
      const rows = await this.ex.selectFrom('jurisdiction_nodes').select('id').where('id', 'in', all.slice(i, i + 500)).where('level_code', '=', 'building').execute();
      for (const r of rows) buildings.add(r.id);
    }
    const out = new Map<string, string>();
    for (const p of paths) {
      const parts = p.split('/').filter(Boolean);
      out.set(p, [...parts].reverse().find((id) => buildings.has(id)) ?? parts[parts.length - 2] ?? parts[parts.length - 1]);
    }
    return out;
  }

  async insertTask(row: NatDoorTaskTable): Promise<void> {
    await this.ex.insertInto('nat_door_tasks').values(row).execute();
  }

  async teamExists(id: string): Promise<boolean> {
    return !!(await this.ex.selectFrom('assault_teams').select('id').where('id', '=', id).executeTakeFirst());
  }

  async personExists(id: string): Promise<boolean> {
    return !!(await this.ex.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst());
  }

  async personOfAccount(accountId: string): Promise<string | null> {
    if (!accountId) return null;
    const row = await this.ex.selectFrom('accounts').select('person_id').where('id', '=', accountId).executeTakeFirst();
    return row?.person_id ?? null;
  }

  async assign(roundId: string, path: string, input: TDoorAssignInput, now: string): Promise<number> {
    let q = this.ex.updateTable('nat_door_tasks')
      .set({ ...(input.teamId !== undefined ? { team_id: input.teamId } : {}), ...(input.personId !== undefined ? { assignee_person_id: input.personId } : {}), updated_at: now })
      .where('round_id', '=', roundId).where('node_path', '>=', path).where('node_path', '<', subtreeEnd(path));
    if (input.taskIds) q = q.where('id', 'in', input.taskIds);
    if (input.buildingId) q = q.where('building_id', '=', input.buildingId).where('status', '<>', 'sampled');
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  task(id: string): Promise<NatDoorTaskTable | undefined> {
    return this.ex.selectFrom('nat_door_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async markSampled(taskId: string, sampleId: string, at: string, now: string): Promise<void> {
    await this.ex.updateTable('nat_door_tasks').set({ status: 'sampled', sample_id: sampleId, visited_at: at, updated_at: now })
      .where('id', '=', taskId).execute();
  }

  async setOutcome(taskId: string, status: string, note: string | null, now: string): Promise<void> {
    await this.ex.updateTable('nat_door_tasks').set({ status, note, visited_at: status === 'open' ? null : now, updated_at: now })
      .where('id', '=', taskId).execute();
  }

  /** Tasks in `path`, in door order; `mine` narrows to a person and their teams. */
  async tasks(roundId: string, path: string, mine: { personId: string | null } | null, taskId?: string): Promise<DoorTaskView[]> {
    let q = this.ex.selectFrom('nat_door_tasks as t')
      .innerJoin('residents as r', 'r.id', 't.resident_id')
      .innerJoin('jurisdiction_nodes as h', 'h.id', 't.household_id')
      .leftJoin('jurisdiction_nodes as b', 'b.id', 't.building_id')
      .leftJoin('jurisdiction_nodes as bp', 'bp.id', 'b.parent_id')
      .leftJoin('assault_teams as at', 'at.id', 't.team_id')
      .leftJoin('people as p', 'p.id', 't.assignee_person_id')
      .selectAll('t').select(['r.name', 'h.name as household', 'b.name as building', 'bp.name as building_parent', 'at.name as team_name', 'p.name as assignee_name'])
      .where('t.round_id', '=', roundId).where('t.node_path', '>=', path).where('t.node_path', '<', subtreeEnd(path))
      .orderBy('t.node_path').orderBy('t.id');
    if (taskId) q = q.where('t.id', '=', taskId);
    if (mine) {
      const personId = mine.personId ?? '';
      q = q.where((eb) => eb.or([
        eb('t.assignee_person_id', '=', personId),
        eb('t.team_id', 'in', eb.selectFrom('assault_team_members').select('team_id').where('person_id', '=', personId)),
      ]));
    }
    const rows = await q.execute();
    const needs = rows.length ? await this.ex.selectFrom('resident_needs').select(['resident_id', 'kind'])
      .where('resident_id', 'in', [...new Set(rows.map((r) => r.resident_id))]).execute() : [];
    const byResident = new Map<string, string[]>();
    for (const n of needs) byResident.set(n.resident_id, [...(byResident.get(n.resident_id) ?? []), n.kind]);
    return rows.map((t) => ({
      id: t.id, residentId: t.resident_id, name: t.name, householdId: t.household_id, household: t.household, buildingId: t.building_id,
      building: t.building ?? '', buildingParent: t.building_parent, reason: t.reason, status: t.status, needs: byResident.get(t.resident_id) ?? [], teamId: t.team_id,
      assigneePersonId: t.assignee_person_id, teamName: t.team_name, assigneeName: t.assignee_name, sampleId: t.sample_id, visitedAt: t.visited_at, note: t.note,
    }));
  }
}
