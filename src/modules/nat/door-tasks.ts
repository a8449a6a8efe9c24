import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, subtreeEnd, type Actor, type Scope } from '../../platform/policy.ts';
import { onceInTransaction, type Registrar, type Station } from './desk-scan.ts';
import type { ScanResult, TubeView } from './desk.schema.ts';
import { DoorRepository, type DoorCandidate } from './door.repository.ts';
import type {
  DoorGenerateResult, DoorTaskList, DoorTaskView, TDoorAssignInput, TDoorGenerateInput, TDoorOutcomeInput, TDoorScanInput, TDoorTubeInput,
} from './door.schema.ts';
import type { NatDeps } from './nat.deps.ts';
import { findRoundInScope, type RoundRow } from './plan.repository.ts';

// Home-visit tasks (敲门行动): one per person who cannot come out — special needs that keep them in (kinds are a
// parameter), under control after a positive pool, or under confirmed home isolation on the round's days — grouped
// by building. Generating again adds only who is new. A team works them at the doors with the same registration
// as a desk, into a door tube; re-sample tasks (made by the results part) take a single tube each.

const REASON_ORDER = ['home_isolation', 'sealed', 'special_needs'] as const;

export class DoorTasks {
  constructor(private readonly deps: NatDeps, private readonly registrar: Registrar) {}

  private async round(scope: Scope, roundId: string): Promise<RoundRow> {
    const round = await findRoundInScope(this.deps.db, scope, roundId);
    if (!round) throw notFound('round');
    return round;
  }

  /** The part of the round the actor reaches: the round's subtree, narrowed to the actor's own. */
  private reach(scope: Scope, round: RoundRow): string {
    if (scope.kind === 'subtree' && scope.path.startsWith(round.node_path)) return scope.path;
    return round.node_path;
  }

  async generate(actor: Actor, roundId: string, input: TDoorGenerateInput): Promise<DoorGenerateResult> {
    const scope = requirePermission(actor, 'nat.manage');
    const round = await this.round(scope, roundId);
    const path = this.reach(scope, round);
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DoorRepository(trx);
      const found: DoorCandidate[] = [];
      if (input.includeHomeIsolation) found.push(...(await repo.homeIsolated(round, path)).map((c) => ({ ...c, reason: 'home_isolation' })));
      if (input.includeControlled) found.push(...(await repo.controlled(round.id, path)).map((c) => ({ ...c, reason: 'sealed' })));
      if (input.needKinds.length > 0) found.push(...(await repo.homebound(round.id, path, input.needKinds)).map((c) => ({ ...c, reason: 'special_needs' })));
      const byPerson = new Map<string, DoorCandidate>();
      for (const c of found) {
        const prev = byPerson.get(c.resident_id);
        if (!prev || REASON_ORDER.indexOf(c.reason as never) < REASON_ORDER.indexOf(prev.reason as never)) byPerson.set(c.resident_id, c);
      }
      const already = await repo.residentsWithTasks(round.id);
      const fresh = [...byPerson.values()].filter((c) => !already.has(c.resident_id));
      const buildings = await repo.buildingsOf(fresh.map((c) => c.path));
      const now = this.deps.clock.now().toISOString();
      const byReason: Record<string, number> = {};
      for (const c of fresh) {
        byReason[c.reason] = (byReason[c.reason] ?? 0) + 1;
        await repo.insertTask({
          id: newId(), round_id: round.id, resident_id: c.resident_id, household_id: c.household_id,
          building_id: buildings.get(c.path) ?? c.household_id, node_path: c.path, reason: c.reason, source_tube_id: null,
          team_id: null, assignee_person_id: null, status: 'open', sample_id: null, visited_at: null, note: null, created_at: now, updated_at: now,
        });
      }
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'nat.door.generate', entityType: 'nat_round', entityId: round.id, scopePath: path, details: { created: fresh.length, byReason },
      });
      return { created: fresh.length, existing: byPerson.size - fresh.length, byReason };
    });
  }

  async assign(actor: Actor, roundId: string, input: TDoorAssignInput): Promise<{ updated: number }> {
    const scope = requirePermission(actor, 'nat.manage');
    const round = await this.round(scope, roundId);
    const path = this.reach(scope, round);
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DoorRepository(trx);
      if (input.teamId && !(await repo.teamExists(input.teamId))) throw new AppError('VALIDATION', 'no team', [{ path: 'teamId', message: 'ref.not_found' }]);
      if (input.personId && !(await repo.personExists(input.personId))) throw new AppError('VALIDATION', 'no person', [{ path: 'personId', message: 'ref.not_found' }]);
      const updated = await repo.assign(round.id, path, input, this.deps.clock.now().toISOString());
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.door.assign', entityType: 'nat_round', entityId: round.id, scopePath: path, details: { ...input, updated } });
      return { updated };
    });
  }

  /** Tasks by building; `mine` keeps those assigned to the signed-in worker's person or one of their teams. */
  async list(actor: Actor, roundId: string, mine: boolean): Promise<DoorTaskList> {
    const scope = requirePermission(actor, 'nat.register');
    const round = await this.round(scope, roundId);
    const repo = new DoorRepository(this.deps.db);
    const personId = mine ? await repo.personOfAccount(actor.accountId) : null;
    const rows = await repo.tasks(round.id, this.reach(scope, round), mine ? { personId } : null);
    const buildings = new Map<string, DoorTaskList['buildings'][number]>();
    for (const t of rows) {
      let b = buildings.get(t.buildingId);
      if (!b) buildings.set(t.buildingId, (b = { id: t.buildingId, name: t.building, parentName: t.buildingParent, tasks: [] }));
      b.tasks.push(t);
    }
    return { round: { id: round.id, name: round.name, status: round.status, poolSize: round.pool_size }, buildings: [...buildings.values()] };
  }

  private async taskInScope(scope: Scope, taskId: string) {
    const task = await new DoorRepository(this.deps.db).task(taskId);
    if (!task) throw notFound('door task');
    const round = await this.round(scope, task.round_id);
    const path = this.reach(scope, round);
    if (!(task.node_path >= path && task.node_path < subtreeEnd(path))) throw notFound('door task');
    return { task, round };
  }

  private doorStation(round: RoundRow, single: boolean): Station {
    return { round, siteId: null, deskId: null, capacity: single ? 1 : round.pool_size, source: single ? 'resample' : 'door' };
  }

  /** A door tube carried by the worker: pooled (the round's pool size), or single for re-samples. */
  async openTube(actor: Actor, roundId: string, input: TDoorTubeInput): Promise<TubeView> {
    const scope = requirePermission(actor, 'nat.register');
    const round = await this.round(scope, roundId);
    return onceInTransaction(this.deps, (trx) => this.registrar.openTube(actor, this.doorStation(round, input.single), input, trx));
  }

  async scan(actor: Actor, taskId: string, input: TDoorScanInput): Promise<ScanResult> {
    const scope = requirePermission(actor, 'nat.register');
    const { task, round } = await this.taskInScope(scope, taskId);
    const tube = await this.deps.db.selectFrom('nat_tubes').select(['source', 'capacity']).where('round_id', '=', round.id).where('barcode', '=', input.tubeBarcode).executeTakeFirst();
    if (task.reason === 'resample' && tube && tube.capacity !== 1) {
      throw new AppError('VALIDATION', 're-samples take a single tube', [{ path: 'tubeBarcode', message: 'nat.tube_unknown' }]);
    }
    const station = this.doorStation(round, tube?.capacity === 1);
    return this.registrar.scan(actor, station, {
      id: input.id, deskId: '', tubeBarcode: input.tubeBarcode, residentId: task.resident_id, idType: 'id_card', doorTaskId: task.id, at: input.at,
    }, {
      method: 'manual',
      within: (trx, sample) => new DoorRepository(trx).markSampled(task.id, sample.id, sample.sampled_at, this.deps.clock.now().toISOString()),
    });
  }

  async outcome(actor: Actor, taskId: string, input: TDoorOutcomeInput): Promise<DoorTaskView> {
    const scope = requirePermission(actor, 'nat.register');
    const { task } = await this.taskInScope(scope, taskId);
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DoorRepository(trx);
      if (task.status === 'sampled') throw new AppError('CONFLICT', 'already sampled');
      const now = this.deps.clock.now().toISOString();
      await repo.setOutcome(task.id, input.status, input.note ?? null, now);
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.door.outcome', entityType: 'nat_door_task', entityId: task.id, scopePath: task.node_path, details: { status: input.status } });
      const [view] = await repo.tasks(task.round_id, task.node_path, null, task.id);
      return view;
    });
  }
}
