import type { Executor } from '../../platform/db/database.ts';
import type {
  ScreeningHouseholdStatusTable, ScreeningVisitPersonTable, ScreeningVisitTable,
} from '../../platform/db/tables/screening.ts';
import type { ResidentJoinedRow } from '../registry/registry.repository.ts';

export type VisitRow = ScreeningVisitTable;
export type VisitPersonRow = ScreeningVisitPersonTable;
export type StatusRow = ScreeningHouseholdStatusTable;

export interface TaskHouseholdRow {
  household_id: string;
  household_path: string;
  door_order: number;
  outcome: string | null;
  visits: number | null;
  updated_at: string | null;
  symptomatic: number | null;
}

/** Visits at the doors and the latest status of each household. Callers reach a task through its scope first. */
export class VisitsRepository {
  constructor(private readonly ex: Executor) {}

  async taskHouseholds(taskId: string): Promise<TaskHouseholdRow[]> {
    return this.ex.selectFrom('screening_task_households as th')
      .leftJoin('screening_household_status as s', (j) => j.onRef('s.campaign_id', '=', 'th.campaign_id').onRef('s.household_id', '=', 'th.household_id'))
      .select(['th.household_id', 'th.household_path', 'th.door_order', 's.outcome', 's.visits', 's.updated_at', 's.symptomatic'])
      .where('th.task_id', '=', taskId).orderBy('th.door_order').execute();
  }

  async taskHousehold(taskId: string, householdId: string): Promise<{ household_path: string } | undefined> {
    return this.ex.selectFrom('screening_task_households').select('household_path')
      .where('task_id', '=', taskId).where('household_id', '=', householdId).executeTakeFirst();
  }

  /** Active residents of a task's households, in door order then id. */
  async residentsOfTask(taskId: string): Promise<ResidentJoinedRow[]> {
    return this.ex.selectFrom('screening_task_households as th')
      .innerJoin('residents as r', 'r.household_id', 'th.household_id')
      .innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .selectAll('r').select(['h.path as household_path', 'h.name as household_name'])
      .where('th.task_id', '=', taskId).where('r.status', '=', 'active')
      .orderBy('th.door_order').orderBy('r.id').execute();
  }

  /** Which of these residents are active residents of the household. */
  async activeResidentsOf(householdId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('residents').select(['id', 'name'])
      .where('household_id', '=', householdId).where('status', '=', 'active').where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async findVisit(id: string): Promise<VisitRow | undefined> {
    return this.ex.selectFrom('screening_visits').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async visitsOf(campaignId: string, householdId: string): Promise<VisitRow[]> {
    return this.ex.selectFrom('screening_visits').selectAll()
      .where('campaign_id', '=', campaignId).where('household_id', '=', householdId).orderBy('id', 'desc').execute();
  }

  async peopleOf(visitIds: string[]): Promise<Array<VisitPersonRow & { name: string }>> {
    if (visitIds.length === 0) return [];
    return this.ex.selectFrom('screening_visit_people as vp').innerJoin('residents as r', 'r.id', 'vp.resident_id')
      .selectAll('vp').select('r.name').where('vp.visit_id', 'in', visitIds).orderBy('vp.visit_id').orderBy('vp.resident_id').execute();
  }

  async insertVisit(row: VisitRow, people: VisitPersonRow[]): Promise<void> {
    await this.ex.insertInto('screening_visits').values(row).execute();
    if (people.length > 0) await this.ex.insertInto('screening_visit_people').values(people).execute();
  }

  async status(campaignId: string, householdId: string): Promise<StatusRow | undefined> {
    return this.ex.selectFrom('screening_household_status').selectAll()
      .where('campaign_id', '=', campaignId).where('household_id', '=', householdId).executeTakeFirst();
  }

  async insertStatus(row: StatusRow): Promise<void> {
    await this.ex.insertInto('screening_household_status').values(row).execute();
  }

  async updateStatus(campaignId: string, householdId: string, patch: Partial<StatusRow>): Promise<void> {
    await this.ex.updateTable('screening_household_status').set(patch)
      .where('campaign_id', '=', campaignId).where('household_id', '=', householdId).execute();
  }
}
