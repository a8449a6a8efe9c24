import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Executor } from '../../platform/db/database.ts';
import { RegistryRepository } from '../registry/registry.repository.ts';
import { MAX_CAMPAIGN_HOUSEHOLDS, planTasks } from './campaign-tasks.ts';
import type { ScreeningDeps } from './screening.deps.ts';
import { ScreeningRepository, type CampaignRow, type Worker } from './screening.repository.ts';
import type {
  CampaignProgress, CampaignView, MyTaskView, Tabulation, TAssigneesInput, TaskView, TCampaignInput, TVisitInput,
  VisitResult, VisitView,
} from './screening.schema.ts';
import { addCounts, assigneeViews, campaignView, countsOf, emptyCounts, taskNameIds } from './screening.views.ts';
import { tabulate, writeTabulation } from './tabulation.ts';
import { VisitRecorder } from './visits.service.ts';

/** Door-to-door screening (入户登记排查): campaigns, tasks per building, visits, progress and the night tabulation. */
export class ScreeningService {
  private readonly visits: VisitRecorder;

  constructor(readonly deps: ScreeningDeps) {
    this.visits = new VisitRecorder(deps);
  }

  private repo(ex: Executor = this.deps.db) {
    return new ScreeningRepository(ex);
  }

  private async view(c: CampaignRow, ex: Executor = this.deps.db): Promise<CampaignView> {
    const names = await new RegistryRepository(ex).nodeNames([c.node_id]);
    const sizes = await this.repo(ex).campaignSizes([c.id]);
    return campaignView(c, names.get(c.node_id) ?? '', sizes.get(c.id));
  }

  /** Creates the campaign and one task per building of its subtree; a retry with the same id answers the same. */
  async createCampaign(actor: Actor, input: TCampaignInput): Promise<CampaignView> {
    const scope = requirePermission(actor, 'screening.manage');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const existing = await repo.findCampaignRaw(id);
      if (existing) {
        if (existing.node_id !== input.nodeId) throw new AppError('CONFLICT', 'this id belongs to another campaign', [{ path: 'id', message: 'registry.id_reused' }]);
        return;
      }
      const node = await new RegistryRepository(trx).findNode(input.nodeId, scope);
      if (!node) throw new AppError('NOT_FOUND', 'node not found', [{ path: 'nodeId', message: 'ref.outside_scope' }]);
      const at = this.deps.clock.now().toISOString();
      await repo.insertCampaign({
        id, name: input.name, node_id: node.id, node_path: node.path, start_date: input.startDate, end_date: input.endDate,
        record_temperature: input.recordTemperature ? 1 : 0, record_symptoms: input.recordSymptoms ? 1 : 0,
        record_travel: input.recordTravel ? 1 : 0, fever_threshold: input.feverThreshold, notes: input.notes ?? null,
        status: 'open', created_by: actor.accountId || null, created_at: at, updated_at: at,
      });
      const plan = await planTasks(repo, id, node, at);
      if (plan.households.length === 0) {
        throw new AppError('VALIDATION', 'no households under this node', [{ path: 'nodeId', message: 'screening.no_households' }]);
      }
      if (plan.households.length > MAX_CAMPAIGN_HOUSEHOLDS) {
        throw new AppError('VALIDATION', 'too many households for one campaign', [{ path: 'nodeId', message: 'screening.too_many_households' }]);
      }
      await repo.insertTasks(plan.tasks, plan.households);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'screening.campaign_create', entityType: 'screening_campaign', entityId: id, scopePath: node.path,
        details: { name: input.name, tasks: plan.tasks.length, households: plan.households.length },
      });
    });
    return this.getCampaign(actor, id);
  }

  async listCampaigns(actor: Actor, status: 'open' | 'closed' | 'all'): Promise<CampaignView[]> {
    const scope = requirePermission(actor, 'screening.read');
    const repo = this.repo();
    const rows = await repo.listCampaigns(scope, status === 'all' ? null : status);
    const [names, sizes] = await Promise.all([
      new RegistryRepository(this.deps.db).nodeNames([...new Set(rows.map((r) => r.node_id))]),
      repo.campaignSizes(rows.map((r) => r.id)),
    ]);
    return rows.map((r) => campaignView(r, names.get(r.node_id) ?? '', sizes.get(r.id)));
  }

  async getCampaign(actor: Actor, id: string): Promise<CampaignView> {
    const scope = requirePermission(actor, 'screening.read');
    const row = await this.repo().findCampaign(id, scope);
    if (!row) throw notFound('campaign');
    return this.view(row);
  }

  /** Closes a campaign: no more visits; its figures stay. */
  async closeCampaign(actor: Actor, id: string): Promise<CampaignView> {
    const scope = requirePermission(actor, 'screening.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await this.managed(this.repo(trx), id, scope);
      if (row.status === 'closed') return;
      await this.repo(trx).updateCampaign(id, { status: 'closed', updated_at: this.deps.clock.now().toISOString() });
      await recordAudit(trx, this.deps.clock, actor, { action: 'screening.campaign_close', entityType: 'screening_campaign', entityId: id, scopePath: row.node_path });
    });
    return this.getCampaign(actor, id);
  }

  /** A campaign whose whole subtree the manager reaches (seeing a wider campaign is not managing it). */
  private async managed(repo: ScreeningRepository, id: string, scope: Scope): Promise<CampaignRow> {
    const row = await repo.findCampaign(id, scope);
    if (!row) throw notFound('campaign');
    if (!pathInScope(scope, row.node_path)) throw new AppError('FORBIDDEN', 'the campaign covers more than your jurisdiction');
    return row;
  }

  /** Replaces who works a task: people of the workforce and/or accounts. */
  async assign(actor: Actor, taskId: string, input: TAssigneesInput): Promise<TaskView> {
    const scope = requirePermission(actor, 'screening.manage');
    const added: string[] = [];
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const task = await repo.findTask(taskId, scope, { accountId: actor.accountId, onlyAssigned: false });
      if (!task) throw notFound('task');
      const before = new Set((await repo.assigneesOf([taskId])).map((a) => a.account_id));
      const personIds = [...new Set(input.personIds)];
      const accountIds = [...new Set(input.accountIds)];
      const [people, accounts] = await Promise.all([repo.existingPeople(personIds), repo.existingAccounts(accountIds)]);
      const details = [
        ...personIds.flatMap((p, i) => (people.has(p) ? [] : [{ path: `personIds.${i}`, message: 'ref.not_found' }])),
        ...accountIds.flatMap((a, i) => (accounts.has(a) ? [] : [{ path: `accountIds.${i}`, message: 'ref.not_found' }])),
      ];
      if (details.length > 0) throw new AppError('VALIDATION', 'unknown assignees', details);
      const at = this.deps.clock.now().toISOString();
      await repo.replaceAssignees(taskId, [
        ...personIds.map((p) => ({ id: newId(), task_id: taskId, person_id: p, account_id: null, assigned_at: at })),
        ...accountIds.map((a) => ({ id: newId(), task_id: taskId, person_id: null, account_id: a, assigned_at: at })),
      ]);
      added.push(...accountIds.filter((a) => !before.has(a)));
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'screening.assign', entityType: 'screening_task', entityId: taskId, scopePath: task.node_path, details: { personIds, accountIds },
      });
    });
    // Only accounts newly given the task hear of it; saving the same list again sends nothing.
    for (const accountId of added) {
      await this.deps.notifier.send({
        recipient: { accountId }, kind: 'screening.assigned', refId: taskId,
        title: '入户排查任务 / Screening task', body: '您有新的入户排查任务，请在“入户排查”中查看。/ You have a new door-to-door screening task.',
      });
    }
    return this.task(actor, taskId);
  }

  private worker(actor: Actor): Worker {
    return { accountId: actor.accountId, onlyAssigned: !can(actor, 'screening.manage') };
  }

  /** Live progress per building of a campaign (the tasks in the actor's reach). */
  async progress(actor: Actor, campaignId: string): Promise<CampaignProgress> {
    const scope = requirePermission(actor, 'screening.read');
    const repo = this.repo();
    const row = await repo.findCampaign(campaignId, scope);
    if (!row) throw notFound('campaign');
    const counts = await repo.taskCounts(campaignId, scope, { accountId: actor.accountId, onlyAssigned: false });
    const names = await new RegistryRepository(this.deps.db).nodeNames([...new Set(counts.flatMap((t) => taskNameIds(t.node_id, t.node_path, row.node_path)))]);
    const assignees = assigneeViews(await repo.assigneesOf(counts.map((t) => t.id)));
    const total = emptyCounts();
    const tasks = counts.map((t) => {
      const c = countsOf(t);
      addCounts(total, c);
      const name = taskNameIds(t.node_id, t.node_path, row.node_path).map((id) => names.get(id) ?? '').join(' ');
      return { taskId: t.id, nodeId: t.node_id, name, assignees: assignees.get(t.id) ?? [], ...c };
    });
    return { campaign: await this.view(row), tasks, total, at: this.deps.clock.now().toISOString() };
  }

  /** The night tabulation (晚间汇总): per building, compound and community, as on screen and in the sheet. */
  async tabulation(actor: Actor, campaignId: string): Promise<Tabulation> {
    const scope = requirePermission(actor, 'screening.read');
    const repo = this.repo();
    const row = await repo.findCampaign(campaignId, scope);
    if (!row) throw notFound('campaign');
    const counts = await repo.taskCounts(campaignId, scope, { accountId: actor.accountId, onlyAssigned: false });
    return tabulate(repo, await this.view(row), counts);
  }

  async tabulationSheet(actor: Actor, campaignId: string, lang: 'zh' | 'en'): Promise<{ name: string; body: Buffer }> {
    requirePermission(actor, 'data.export');
    const tab = await this.tabulation(actor, campaignId);
    return { name: `${tab.campaign.name}-${lang === 'en' ? 'tabulation' : '汇总'}.xlsx`, body: await writeTabulation(tab, lang) };
  }

  /** The tasks the account works (assigned to it or to its person), open campaigns only. */
  async myTasks(actor: Actor): Promise<MyTaskView[]> {
    const scope = requirePermission(actor, 'screening.work');
    const repo = this.repo();
    const tasks = await repo.myTasks(actor.accountId, scope);
    const out: MyTaskView[] = [];
    const byCampaign = new Map<string, typeof tasks>();
    for (const t of tasks) byCampaign.set(t.campaign_id, [...(byCampaign.get(t.campaign_id) ?? []), t]);
    const names = await new RegistryRepository(this.deps.db).nodeNames([...new Set(tasks.flatMap((t) => t.node_path.split('/').filter(Boolean).slice(-3)))]);
    for (const [campaignId, list] of byCampaign) {
      const counts = new Map((await repo.taskCounts(campaignId, scope, { accountId: actor.accountId, onlyAssigned: true })).map((c) => [c.id, c]));
      for (const t of list) {
        const c = counts.get(t.id);
        out.push({
          taskId: t.id, campaignId, campaignName: t.campaign_name, startDate: t.start_date, endDate: t.end_date,
          name: t.node_path.split('/').filter(Boolean).slice(-3).map((id) => names.get(id) ?? '').join(' '),
          ...(c ? countsOf(c) : emptyCounts()),
        });
      }
    }
    return out;
  }

  /** A task with its households in door order, their latest outcome and (masked) residents: the phone page. */
  async task(actor: Actor, taskId: string): Promise<TaskView> {
    const scope = requirePermission(actor, 'screening.work');
    return this.visits.task(actor, scope, this.worker(actor), taskId);
  }

  async recordVisit(actor: Actor, taskId: string, input: TVisitInput): Promise<VisitResult> {
    const scope = requirePermission(actor, 'screening.work');
    return this.visits.record(actor, scope, this.worker(actor), taskId, input);
  }

  /** Every visit of one household in this task's campaign, newest first (a revisit keeps the earlier ones). */
  async householdVisits(actor: Actor, taskId: string, householdId: string): Promise<VisitView[]> {
    const scope = requirePermission(actor, 'screening.work');
    return this.visits.history(scope, this.worker(actor), taskId, householdId);
  }
}
