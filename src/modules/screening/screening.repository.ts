import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type {
  ScreeningAssigneeTable, ScreeningCampaignTable, ScreeningTaskHouseholdTable, ScreeningTaskTable,
} from '../../platform/db/tables/screening.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';

export type CampaignRow = ScreeningCampaignTable;
export type TaskRow = ScreeningTaskTable;

export interface TaskCountsRow {
  id: string;
  node_id: string;
  node_path: string;
  households_total: number;
  visited: number;
  nobody_home: number;
  refused: number;
  people_present: number;
  symptomatic: number;
  arrivals: number;
  needs_found: number;
  new_people: number;
}

export interface AssigneeRow {
  task_id: string;
  person_id: string | null;
  account_id: string | null;
  person_name: string | null;
  account_name: string | null;
}

/** Who is asking for tasks: a worker reaches the tasks assigned to their account or to their linked person. */
export interface Worker {
  accountId: string;
  /** When set, only tasks assigned to this worker; managers pass null and reach every task in scope. */
  onlyAssigned: boolean;
}

const CHUNK = 500;

function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const num = (v: unknown): number => Number(v ?? 0);

/** Campaigns and their tasks. Scope is a path range in every query; out of scope reads as not found. */
export class ScreeningRepository {
  constructor(private readonly ex: Executor) {}

  /** A campaign the scope reaches: its node lies in the scope, or the scope lies inside the campaign's subtree. */
  async findCampaign(id: string, scope: Scope): Promise<CampaignRow | undefined> {
    return this.campaigns(scope).where('c.id', '=', id).executeTakeFirst();
  }

  async findCampaignRaw(id: string): Promise<CampaignRow | undefined> {
    return this.ex.selectFrom('screening_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listCampaigns(scope: Scope, status: 'open' | 'closed' | null): Promise<CampaignRow[]> {
    let q = this.campaigns(scope).orderBy('c.start_date', 'desc').orderBy('c.id', 'desc').limit(200);
    if (status) q = q.where('c.status', '=', status);
    return q.execute();
  }

  private campaigns(scope: Scope) {
    let q = this.ex.selectFrom('screening_campaigns as c').selectAll('c');
    if (scope.kind === 'subtree') {
      const p = scope.path;
      q = q.where((eb) => eb.or([
        eb.and([eb('c.node_path', '>=', p), eb('c.node_path', '<', subtreeEnd(p))]),
        // A campaign over the whole community is visible to a building's account; its tasks stay filtered.
        sql<boolean>`${p} >= c.node_path and ${p} < c.node_path || '~'`,
      ]));
    } else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q;
  }

  async insertCampaign(row: CampaignRow): Promise<void> {
    await this.ex.insertInto('screening_campaigns').values(row).execute();
  }

  async updateCampaign(id: string, patch: Partial<CampaignRow>): Promise<void> {
    await this.ex.updateTable('screening_campaigns').set(patch).where('id', '=', id).execute();
  }

  /** Households of a subtree in path order (door order), with their path. */
  async householdsUnder(path: string): Promise<Array<{ id: string; path: string; parent_id: string | null }>> {
    return this.ex.selectFrom('jurisdiction_nodes').select(['id', 'path', 'parent_id'])
      .where('level_code', '=', 'household').where('path', '>=', path).where('path', '<', subtreeEnd(path))
      .orderBy('path').execute();
  }

  async nodeLevels(ids: string[]): Promise<Map<string, { level_code: string; path: string; name: string }>> {
    const map = new Map<string, { level_code: string; path: string; name: string }>();
    for (const part of chunks(ids)) {
      const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'level_code', 'path', 'name']).where('id', 'in', part).execute();
      for (const r of rows) map.set(r.id, r);
    }
    return map;
  }

  async insertTasks(tasks: TaskRow[], households: ScreeningTaskHouseholdTable[]): Promise<void> {
    for (const part of chunks(tasks, 200)) await this.ex.insertInto('screening_tasks').values(part).execute();
    for (const part of chunks(households, 400)) await this.ex.insertInto('screening_task_households').values(part).execute();
  }

  /** Tasks and households of campaigns (for the campaign list). */
  async campaignSizes(ids: string[]): Promise<Map<string, { tasks: number; households: number }>> {
    const map = new Map<string, { tasks: number; households: number }>();
    if (ids.length === 0) return map;
    const rows = await this.ex.selectFrom('screening_tasks').select(['campaign_id'])
      .select((eb) => [eb.fn.countAll<number>().as('tasks'), eb.fn.sum<number>('households_total').as('households')])
      .where('campaign_id', 'in', ids).groupBy('campaign_id').execute();
    for (const r of rows) map.set(r.campaign_id, { tasks: num(r.tasks), households: num(r.households) });
    return map;
  }

  /** A task the worker reaches: in scope, and assigned to them unless they manage. */
  async findTask(id: string, scope: Scope, worker: Worker): Promise<TaskRow | undefined> {
    return this.tasks(scope, worker).selectAll('t').where('t.id', '=', id).executeTakeFirst();
  }

  private tasks(scope: Scope, worker: Worker) {
    let q = this.ex.selectFrom('screening_tasks as t');
    if (scope.kind === 'subtree') q = q.where('t.node_path', '>=', scope.path).where('t.node_path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    if (worker.onlyAssigned) q = q.where((eb) => assignedTo(eb, worker.accountId));
    return q;
  }

  /** Each task of a campaign in reach with its households counted by latest outcome, in path order. */
  async taskCounts(campaignId: string, scope: Scope, worker: Worker, taskId?: string): Promise<TaskCountsRow[]> {
    const rows = await this.tasks(scope, worker)
      .$if(taskId !== undefined, (q) => q.where('t.id', '=', taskId!))
      .leftJoin('screening_household_status as s', 's.task_id', 't.id')
      .select(['t.id', 't.node_id', 't.node_path', 't.households_total'])
      .select([
        sql<number>`sum(case when s.outcome = 'visited' then 1 else 0 end)`.as('visited'),
        sql<number>`sum(case when s.outcome = 'nobody_home' then 1 else 0 end)`.as('nobody_home'),
        sql<number>`sum(case when s.outcome = 'refused' then 1 else 0 end)`.as('refused'),
        sql<number>`sum(s.people_present)`.as('people_present'),
        sql<number>`sum(s.symptomatic)`.as('symptomatic'),
        sql<number>`sum(s.arrivals)`.as('arrivals'),
        sql<number>`sum(s.needs_found)`.as('needs_found'),
        sql<number>`sum(s.new_people)`.as('new_people'),
      ])
      .where('t.campaign_id', '=', campaignId)
      .groupBy(['t.id', 't.node_id', 't.node_path', 't.households_total'])
      .orderBy('t.node_path')
      .execute();
    return rows.map((r) => ({
      ...r, households_total: num(r.households_total), visited: num(r.visited), nobody_home: num(r.nobody_home), refused: num(r.refused),
      people_present: num(r.people_present), symptomatic: num(r.symptomatic), arrivals: num(r.arrivals),
      needs_found: num(r.needs_found), new_people: num(r.new_people),
    }));
  }

  /** Open-campaign tasks assigned to the account (or its person), with their campaign, newest campaign first. */
  async myTasks(accountId: string, scope: Scope): Promise<Array<TaskRow & { campaign_name: string; start_date: string; end_date: string }>> {
    return this.tasks(scope, { accountId, onlyAssigned: true })
      .innerJoin('screening_campaigns as c', 'c.id', 't.campaign_id')
      .selectAll('t').select(['c.name as campaign_name', 'c.start_date', 'c.end_date'])
      .where('c.status', '=', 'open')
      .orderBy('c.id', 'desc').orderBy('t.node_path').limit(200).execute();
  }

  async assigneesOf(taskIds: string[]): Promise<AssigneeRow[]> {
    const out: AssigneeRow[] = [];
    for (const part of chunks(taskIds)) {
      out.push(...await this.ex.selectFrom('screening_assignees as a')
        .leftJoin('people as p', 'p.id', 'a.person_id').leftJoin('accounts as acc', 'acc.id', 'a.account_id')
        .select(['a.task_id', 'a.person_id', 'a.account_id', 'p.name as person_name', 'acc.display_name as account_name'])
        .where('a.task_id', 'in', part).orderBy('a.task_id').orderBy('a.id').execute());
    }
    return out;
  }

  async replaceAssignees(taskId: string, rows: ScreeningAssigneeTable[]): Promise<void> {
    await this.ex.deleteFrom('screening_assignees').where('task_id', '=', taskId).execute();
    if (rows.length > 0) await this.ex.insertInto('screening_assignees').values(rows).execute();
  }

  async existingPeople(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.ex.selectFrom('people').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  }

  async existingAccounts(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.ex.selectFrom('accounts').select('id').where('id', 'in', ids).where('active', '=', 1).execute();
    return new Set(rows.map((r) => r.id));
  }
}

/** The task is assigned to this account, or to the person the account is linked to. */
function assignedTo(eb: ExpressionBuilder<DB & { t: ScreeningTaskTable }, 't'>, accountId: string) {
  return eb.exists(eb.selectFrom('screening_assignees as a').select('a.id').whereRef('a.task_id', '=', 't.id')
    .where((w) => w.or([
      w('a.account_id', '=', accountId),
      w('a.person_id', '=', w.selectFrom('accounts as me').select('me.person_id').where('me.id', '=', accountId)),
    ])));
}
