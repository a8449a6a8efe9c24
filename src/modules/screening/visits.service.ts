import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { AppError, notFound, type ErrorDetail } from '../../platform/errors.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { reconcileIdentity } from '../registry/registry.identity.ts';
import { RegistryRepository } from '../registry/registry.repository.ts';
import { pathBelow, placeNames, residentViews } from '../registry/registry.views.ts';
import { ResidentWriter } from '../registry/registry-writes.ts';
import type { ScreeningDeps } from './screening.deps.ts';
import { ScreeningRepository, type CampaignRow, type TaskRow, type Worker } from './screening.repository.ts';
import type { NeedKind } from '../registry/registry.schema.ts';
import type { Counts, Outcome, Symptom, TaskView, TVisitInput, VisitResult, VisitView } from './screening.schema.ts';
import { assigneeViews, campaignView, countsOf, emptyCounts, taskNameIds } from './screening.views.ts';
import { VisitsRepository, type VisitPersonRow, type VisitRow } from './visits.repository.ts';

/** Visits at the doors: the phone page's task, recording a visit (idempotent by client id), a household's history. */
export class VisitRecorder {
  private readonly writer: ResidentWriter;

  constructor(private readonly deps: ScreeningDeps) {
    this.writer = new ResidentWriter(deps);
  }

  private async reach(scope: Scope, worker: Worker, taskId: string): Promise<{ task: TaskRow; campaign: CampaignRow }> {
    const repo = new ScreeningRepository(this.deps.db);
    const task = await repo.findTask(taskId, scope, worker);
    if (!task) throw notFound('task');
    const campaign = await repo.findCampaignRaw(task.campaign_id);
    if (!campaign) throw notFound('campaign');
    return { task, campaign };
  }

  private async counts(scope: Scope, worker: Worker, task: TaskRow): Promise<Counts> {
    const [row] = await new ScreeningRepository(this.deps.db).taskCounts(task.campaign_id, scope, worker, task.id);
    return row ? countsOf(row) : emptyCounts();
  }

  async task(actor: Actor, scope: Scope, worker: Worker, taskId: string): Promise<TaskView> {
    const { task, campaign } = await this.reach(scope, worker, taskId);
    const visits = new VisitsRepository(this.deps.db);
    const registry = new RegistryRepository(this.deps.db);
    const [households, residents, assignees, sizes] = await Promise.all([
      visits.taskHouseholds(task.id), visits.residentsOfTask(task.id),
      new ScreeningRepository(this.deps.db).assigneesOf([task.id]), new ScreeningRepository(this.deps.db).campaignSizes([campaign.id]),
    ]);
    const residentList = await residentViews(registry, residents, this.deps.cipher);
    const byHousehold = new Map<string, typeof residentList>();
    for (const r of residentList) byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r]);
    const taskIds = taskNameIds(task.node_id, task.node_path, campaign.node_path);
    const names = await placeNames(registry, [[campaign.node_id, ...taskIds], ...households.map((h) => pathBelow(h.household_path, task.node_path))]);
    return {
      id: task.id, campaign: campaignView(campaign, names.get(campaign.node_id) ?? '', sizes.get(campaign.id)),
      nodeId: task.node_id, name: taskIds.map((id) => names.get(id) ?? '').join(' '),
      assignees: assigneeViews(assignees).get(task.id) ?? [],
      households: households.map((h) => ({
        householdId: h.household_id, doorOrder: h.door_order,
        name: pathBelow(h.household_path, task.node_path).map((id) => names.get(id) ?? '').join(' ') || (names.get(h.household_id) ?? ''),
        outcome: (h.outcome as Outcome | null) ?? null, visits: Number(h.visits ?? 0), lastVisitAt: h.updated_at,
        symptomatic: Number(h.symptomatic ?? 0), residents: byHousehold.get(h.household_id) ?? [],
      })),
      counts: await this.counts(scope, worker, task),
      canManage: !worker.onlyAssigned,
    };
  }

  async history(scope: Scope, worker: Worker, taskId: string, householdId: string): Promise<VisitView[]> {
    const { task } = await this.reach(scope, worker, taskId);
    const repo = new VisitsRepository(this.deps.db);
    if (!(await repo.taskHousehold(task.id, householdId))) throw notFound('household');
    return this.views(await repo.visitsOf(task.campaign_id, householdId));
  }

  private async views(rows: VisitRow[]): Promise<VisitView[]> {
    const people = await new VisitsRepository(this.deps.db).peopleOf(rows.map((r) => r.id));
    return rows.map((v) => ({
      id: v.id, householdId: v.household_id, outcome: v.outcome as Outcome, visitedAt: v.visited_at, actorName: v.actor_name, note: v.note,
      people: people.filter((p) => p.visit_id === v.id).map((p) => ({
        residentId: p.resident_id, name: p.name, temperature: p.temperature === null ? null : Number(p.temperature),
        symptoms: JSON.parse(p.symptoms) as Symptom[], symptomatic: p.symptomatic === 1, travelFrom: p.travel_from,
        arrivalDate: p.arrival_date, isNew: p.is_new === 1, needsAdded: JSON.parse(p.needs_added) as NeedKind[],
      })),
    }));
  }

  async record(actor: Actor, scope: Scope, worker: Worker, taskId: string, input: TVisitInput): Promise<VisitResult> {
    const { task, campaign } = await this.reach(scope, worker, taskId);
    const visits = new VisitsRepository(this.deps.db);
    const done = await visits.findVisit(input.id);
    if (done) return this.retried(scope, worker, task, done, input);
    const today = shanghaiDay(this.deps.clock.now());
    if (campaign.status !== 'open') throw new AppError('CONFLICT', 'the campaign is closed', [{ path: 'id', message: 'screening.campaign_closed' }]);
    if (today < campaign.start_date || today > campaign.end_date) {
      throw new AppError('CONFLICT', 'outside the campaign dates', [{ path: 'id', message: 'screening.outside_dates' }]);
    }
    const household = await visits.taskHousehold(task.id, input.householdId);
    if (!household) throw new AppError('NOT_FOUND', 'household not in this task', [{ path: 'householdId', message: 'screening.not_in_task' }]);
    this.check(input, today);
    const known = await visits.activeResidentsOf(input.householdId, input.present.map((p) => p.residentId));
    const strangers = input.present.flatMap((p, i) => (known.has(p.residentId) ? [] : [{ path: `present.${i}.residentId`, message: 'screening.not_in_household' }]));
    if (strangers.length > 0) throw new AppError('VALIDATION', 'not a resident of this household', strangers);
    await this.registerNewPeople(actor, input);

    const threshold = Number(campaign.fever_threshold);
    const symptomatic = (o: { temperature?: number | null; symptoms: Symptom[] }) => (o.symptoms.length > 0 || (o.temperature ?? 0) >= threshold ? 1 : 0);
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new VisitsRepository(trx);
      if (await repo.findVisit(input.id)) return;
      const registry = new RegistryRepository(trx);
      const needs = await registry.needsOf(input.present.map((p) => p.residentId));
      const people: VisitPersonRow[] = [];
      for (const p of input.present) {
        const have = new Set((needs.get(p.residentId) ?? []).map((n) => n.kind));
        const added = p.needsFound.filter((k) => !have.has(k));
        if (added.length > 0) {
          await registry.replaceNeeds(p.residentId, [...(needs.get(p.residentId) ?? []).map((n) => ({ kind: n.kind, note: n.note })), ...added.map((kind) => ({ kind, note: null }))]);
        }
        people.push(this.person(input.id, p.residentId, p, symptomatic(p), 0, added));
      }
      for (const n of input.newPeople) people.push(this.person(input.id, n.id, n, symptomatic(n), 1, (n.needs ?? []).map((x) => x.kind)));
      const figures = {
        people_present: people.length, symptomatic: people.reduce((s, p) => s + p.symptomatic, 0),
        arrivals: people.filter((p) => p.travel_from || p.arrival_date).length,
        needs_found: people.reduce((s, p) => s + (JSON.parse(p.needs_added) as string[]).length, 0), new_people: input.newPeople.length,
      };
      await repo.insertVisit({
        id: input.id, campaign_id: campaign.id, task_id: task.id, household_id: input.householdId, outcome: input.outcome, visited_at: at,
        actor_id: actor.accountId || null, actor_name: actor.username, note: input.note ?? null, ...figures,
      }, people);
      const current = await repo.status(campaign.id, input.householdId);
      const latest = { last_visit_id: input.id, outcome: input.outcome, ...figures, updated_at: at };
      if (!current) await repo.insertStatus({ campaign_id: campaign.id, household_id: input.householdId, task_id: task.id, visits: 1, ...latest });
      // Visit ids are time-ordered: a late retry of an earlier visit counts but does not overwrite a newer outcome.
      else await repo.updateStatus(campaign.id, input.householdId, { visits: current.visits + 1, ...(input.id > current.last_visit_id ? latest : {}) });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'screening.visit', entityType: 'household', entityId: input.householdId, scopePath: household.household_path,
        details: { campaignId: campaign.id, visitId: input.id, outcome: input.outcome, newPeople: figures.new_people, needsFound: figures.needs_found },
      });
    });
    const [visit] = await this.views([(await visits.findVisit(input.id))!]);
    return { visit, counts: await this.counts(scope, worker, task) };
  }

  private async retried(scope: Scope, worker: Worker, task: TaskRow, done: VisitRow, input: TVisitInput): Promise<VisitResult> {
    if (done.task_id !== task.id || done.household_id !== input.householdId) {
      throw new AppError('CONFLICT', 'this id belongs to another visit', [{ path: 'id', message: 'registry.id_reused' }]);
    }
    const [visit] = await this.views([done]);
    return { visit, counts: await this.counts(scope, worker, task) };
  }

  private check(input: TVisitInput, today: string): void {
    const details: ErrorDetail[] = [];
    if (input.outcome !== 'visited' && (input.present.length > 0 || input.newPeople.length > 0)) {
      details.push({ path: 'present', message: 'screening.nobody_seen' });
    }
    const future = (list: Array<{ arrivalDate?: string | null }>, key: string) => list.forEach((p, i) => {
      if (p.arrivalDate && p.arrivalDate > today) details.push({ path: `${key}.${i}.arrivalDate`, message: 'registry.date_future' });
    });
    future(input.present, 'present');
    future(input.newPeople, 'newPeople');
    input.newPeople.forEach((n, i) => {
      try {
        reconcileIdentity({ idType: n.idType, idNumber: n.idNumber ?? null, birthDate: n.birthDate ?? null, sex: n.sex ?? null }, today);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        details.push(...err.details.map((d) => ({ ...d, path: `newPeople.${i}.${d.path ?? ''}` })));
      }
    });
    if (details.length > 0) throw new AppError('VALIDATION', 'the visit has invalid fields', details);
  }

  /**
   * New people go through the registry's own rules (ID check, one active registration per number). Each is
   * registered by its client id before the visit is stored, so a retried submission registers nobody twice.
   */
  private async registerNewPeople(actor: Actor, input: TVisitInput): Promise<void> {
    if (input.newPeople.length === 0) return;
    requirePermission(actor, 'registry.write');
    for (const [i, n] of input.newPeople.entries()) {
      const { temperature: _t, symptoms: _s, travelFrom: _f, arrivalDate: _a, ...resident } = n;
      try {
        await this.writer.create(actor, { ...resident, householdId: input.householdId });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        throw new AppError(err.code, err.message, err.details.map((d) => ({ ...d, path: `newPeople.${i}.${d.path ?? ''}` })));
      }
    }
  }

  private person(visitId: string, residentId: string, o: { temperature?: number | null; symptoms: Symptom[]; travelFrom?: string | null; arrivalDate?: string | null }, symptomatic: number, isNew: number, needs: string[]): VisitPersonRow {
    return {
      visit_id: visitId, resident_id: residentId, temperature: o.temperature ?? null, symptoms: JSON.stringify(o.symptoms), symptomatic,
      travel_from: o.travelFrom ?? null, arrival_date: o.arrivalDate ?? null, is_new: isNew, needs_added: JSON.stringify(needs),
    };
  }
}
