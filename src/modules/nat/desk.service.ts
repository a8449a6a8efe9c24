import { AppError, notFound } from '../../platform/errors.ts';
import { pathInScope, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { BagDesk } from './desk-bags.ts';
import { onceInTransaction, Registrar, sampleView, tubeView, type Station } from './desk-scan.ts';
import { DeskRepository, type SampleJoinedRow, type TubeRow } from './desk.repository.ts';
import type {
  BagView, DeskView, HandoverResult, SampleView, ScanResult, SiteBagsView, SyncItemResult, TBagOpenInput, THandoverInput, TScanInput,
  TSyncItem, TTubeOpenInput, TubeView,
} from './desk.schema.ts';
import { DoorTasks } from './door-tasks.ts';
import type { DoorGenerateResult, DoorTaskList, TDoorAssignInput, TDoorGenerateInput, TDoorOutcomeInput, TDoorScanInput, TDoorTubeInput, DoorTaskView } from './door.schema.ts';
import type { NatDeps } from './nat.deps.ts';
import { findDeskWithSite, findRoundInScope, type DeskWithSite } from './plan.repository.ts';

const DESK_CACHE_MS = 2000;

/** Desk registration (采样登记), bags and courier handover, and door-to-door sampling (敲门行动). */
export class NatDeskService {
  private readonly registrar: Registrar;
  private readonly bags: BagDesk;
  private readonly door: DoorTasks;
  private readonly deskCache = new Map<string, { at: number; value: DeskWithSite }>();

  constructor(readonly deps: NatDeps) {
    this.registrar = new Registrar(deps);
    this.bags = new BagDesk(deps);
    this.door = new DoorTasks(deps, this.registrar);
  }

  /**
   * The desk with its site and round through the actor's scope. Remembered for a moment per desk and scope: a busy
   * desk sends several scans a second and these three reads would otherwise be a third of each scan's queries. A
   * round closed by the planner is refused at most DESK_CACHE_MS later.
   */
  private async deskOf(scope: Scope, deskId: string): Promise<DeskWithSite> {
    const key = `${deskId}|${scope.kind === 'subtree' ? scope.path : scope.kind === 'unit' ? scope.unitId : scope.kind}`;
    const hit = this.deskCache.get(key);
    if (hit && Date.now() - hit.at < DESK_CACHE_MS) return hit.value;
    const found = await findDeskWithSite(this.deps.db, scope, deskId);
    if (!found) throw notFound('desk');
    if (this.deskCache.size > 1000) this.deskCache.clear();
    this.deskCache.set(key, { at: Date.now(), value: found });
    return found;
  }

  private station(d: DeskWithSite): Station {
    const capacity = d.desk.kind === 'single' ? 1 : d.site.pool_size ?? d.round.pool_size;
    return { round: d.round, siteId: d.site.id, deskId: d.desk.id, capacity, source: 'desk' };
  }

  /** The desk page's state: the round, the newest open tube with its scans, the desk's count so far. */
  async desk(actor: Actor, deskId: string): Promise<DeskView> {
    const scope = requirePermission(actor, 'nat.register');
    const d = await this.deskOf(scope, deskId);
    const repo = new DeskRepository(this.deps.db);
    const tube = await repo.newestOpenTube(deskId);
    const samples = tube ? await repo.samplesOfTube(tube.id) : [];
    return {
      id: d.desk.id, name: d.desk.name, kind: d.desk.kind, roundId: d.round.id, roundName: d.round.name, roundStatus: d.round.status,
      siteId: d.site.id, siteName: d.site.name, capacity: this.station(d).capacity, tube: tube ? tubeView(tube) : null,
      samples: samples.map(sampleView), sampledCount: await repo.countedAtDesk(deskId),
    };
  }

  async openTube(actor: Actor, input: TTubeOpenInput): Promise<TubeView> {
    const scope = requirePermission(actor, 'nat.register');
    const station = this.station(await this.deskOf(scope, input.deskId));
    return onceInTransaction(this.deps, (trx) => this.registrar.openTube(actor, station, input, trx));
  }

  async scan(actor: Actor, input: TScanInput): Promise<ScanResult> {
    const scope = requirePermission(actor, 'nat.register');
    const station = this.station(await this.deskOf(scope, input.deskId));
    return this.registrar.scan(actor, station, input);
  }

  /** A sample the actor reaches: through its desk's site, or (door samples) through the person's place. */
  private async sampleInScope(scope: Scope, sampleId: string): Promise<SampleJoinedRow> {
    const sample = await new DeskRepository(this.deps.db).findSample(sampleId);
    if (!sample) throw notFound('sample');
    if (sample.desk_id) await this.deskOf(scope, sample.desk_id);
    else if (!pathInScope(scope, sample.node_path)) throw notFound('sample');
    return sample;
  }

  private async tubeInScope(scope: Scope, actor: Actor, tubeId: string): Promise<TubeRow> {
    const tube = await new DeskRepository(this.deps.db).findTube(tubeId);
    if (!tube) throw notFound('tube');
    if (tube.desk_id) await this.deskOf(scope, tube.desk_id);
    else if (tube.opened_by !== (actor.accountId || null) && scope.kind !== 'all') throw notFound('tube');
    return tube;
  }

  async undo(actor: Actor, sampleId: string): Promise<SampleView> {
    const scope = requirePermission(actor, 'nat.register');
    const sample = await this.sampleInScope(scope, sampleId);
    return this.deps.db.transaction().execute(async (trx) => {
      const fresh = await new DeskRepository(trx).findSample(sampleId);
      return this.registrar.undo(actor, fresh ?? sample, trx);
    });
  }

  async closeTube(actor: Actor, tubeId: string): Promise<TubeView> {
    const scope = requirePermission(actor, 'nat.register');
    const tube = await this.tubeInScope(scope, actor, tubeId);
    return this.deps.db.transaction().execute(async (trx) => {
      const fresh = await new DeskRepository(trx).findTube(tubeId);
      return this.registrar.close(actor, fresh ?? tube, trx);
    });
  }

  /**
   * An offline desk's queue, applied in order, each item in its own transaction and exactly once (client ids).
   * A refused item (a closed tube, a bad ID number) is answered and the rest go on; an unexpected failure stops
   * the batch with an error so the client sends it again — the items already applied answer the same the second time.
   */
  async sync(actor: Actor, items: TSyncItem[]): Promise<SyncItemResult[]> {
    requirePermission(actor, 'nat.register');
    const results: SyncItemResult[] = [];
    for (const item of items) {
      try {
        results.push({ ok: true, result: await this.applyItem(actor, item) });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ ok: false, error: { code: err.code, message: err.message, details: err.details } });
      }
    }
    return results;
  }

  private applyItem(actor: Actor, item: TSyncItem): Promise<ScanResult | TubeView | SampleView> {
    switch (item.op) {
      case 'open_tube': return this.openTube(actor, item.input);
      case 'scan': return this.scan(actor, item.input);
      case 'undo': return this.undo(actor, item.sampleId);
      case 'close_tube': return this.closeTube(actor, item.tubeId);
    }
  }

  // Bags and courier handover (转运袋交接).

  async openBag(actor: Actor, input: TBagOpenInput): Promise<BagView> {
    return this.bags.open(actor, input);
  }

  async addTubeToBag(actor: Actor, bagId: string, tubeBarcode: string): Promise<BagView> {
    return this.bags.addTube(actor, bagId, tubeBarcode);
  }

  async sealBag(actor: Actor, bagId: string): Promise<BagView> {
    return this.bags.seal(actor, bagId);
  }

  async bag(actor: Actor, bagId: string): Promise<BagView> {
    return this.bags.get(actor, bagId);
  }

  async siteBags(actor: Actor, siteId: string): Promise<SiteBagsView> {
    return this.bags.site(actor, siteId);
  }

  async handover(actor: Actor, input: THandoverInput): Promise<HandoverResult> {
    return this.bags.handover(actor, input);
  }

  // Door-to-door sampling (敲门行动 / 上门采样).

  async generateDoorTasks(actor: Actor, roundId: string, input: TDoorGenerateInput): Promise<DoorGenerateResult> {
    return this.door.generate(actor, roundId, input);
  }

  async assignDoorTasks(actor: Actor, roundId: string, input: TDoorAssignInput): Promise<{ updated: number }> {
    return this.door.assign(actor, roundId, input);
  }

  async doorTasks(actor: Actor, roundId: string, mine: boolean): Promise<DoorTaskList> {
    return this.door.list(actor, roundId, mine);
  }

  async openDoorTube(actor: Actor, roundId: string, input: TDoorTubeInput): Promise<TubeView> {
    return this.door.openTube(actor, roundId, input);
  }

  async doorScan(actor: Actor, taskId: string, input: TDoorScanInput): Promise<ScanResult> {
    return this.door.scan(actor, taskId, input);
  }

  async doorOutcome(actor: Actor, taskId: string, input: TDoorOutcomeInput): Promise<DoorTaskView> {
    return this.door.outcome(actor, taskId, input);
  }

  /** For the door page header: the round in the actor's reach. */
  async roundName(actor: Actor, roundId: string): Promise<{ id: string; name: string; status: string }> {
    const scope = requirePermission(actor, 'nat.register');
    const round = await findRoundInScope(this.deps.db, scope, roundId);
    if (!round) throw notFound('round');
    return { id: round.id, name: round.name, status: round.status };
  }
}
