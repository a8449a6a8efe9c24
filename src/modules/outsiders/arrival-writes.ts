import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { documentPurpose, reconcileIdentity } from '../registry/registry.identity.ts';
import { MeasureRulesRepository } from './measure-rules.repository.ts';
import type { OutsidersDeps } from './outsiders.deps.ts';
import { OutsidersRepository, type MeasureRow, type NodeRow } from './outsiders.repository.ts';
import { adjustedTestDays, proposeMeasures } from './outsiders.rules.ts';
import { zRuleSet, type MeasureKind, type RiskLevel, type TArrivalInput, type TMeasureCloseInput, type TMeasureConfirmInput } from './outsiders.schema.ts';
import { parseTestDays } from './outsiders.views.ts';

const OPEN = ['proposed', 'confirmed'];

/** Registering arrivals and working their measures; each write in one transaction with its audit row. */
export class ArrivalWriter {
  constructor(private readonly deps: OutsidersDeps) {}

  private today(): string {
    return shanghaiDay(this.deps.clock.now());
  }

  /**
   * Registers an arrival and proposes its measures from the rule-set version in force on the arrival day.
   * A retry with the same client id writes nothing; the same document on the same day is a duplicate.
   */
  async create(actor: Actor, input: TArrivalInput): Promise<string> {
    const scope = requirePermission(actor, 'outsiders.write');
    const id = input.id ?? newId();
    const today = this.today();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new OutsidersRepository(trx);
      if (await repo.findRaw(id)) return;
      if (input.arrivalDate > today) {
        throw new AppError('VALIDATION', 'arrival date in the future', [{ path: 'arrivalDate', message: 'outsiders.date_future' }]);
      }
      const identity = reconcileIdentity({ idType: input.idType, idNumber: input.idNumber ?? null, birthDate: null, sex: null }, today);
      const place = await this.place(repo, scope, actor, input);
      const rules = new MeasureRulesRepository(trx);
      const riskLevel = input.riskLevel ?? (await rules.regionLevelOn(input.fromRegion, input.arrivalDate));
      if (!riskLevel) {
        throw new AppError('VALIDATION', 'risk level unknown', [{ path: 'riskLevel', message: 'outsiders.risk_unknown' }]);
      }
      const { cipher } = this.deps;
      const idHash = identity.idNumber ? cipher.blindIndex(identity.idNumber, documentPurpose(input.idType)) : null;
      if (idHash && (await repo.findByDocumentDay(idHash, input.arrivalDate))) {
        throw new AppError('CONFLICT', 'already registered for this day', [{ path: 'idNumber', message: 'outsiders.duplicate' }]);
      }
      let residentId: string | null = null;
      if (input.residentId) {
        if (!(await repo.findResident(input.residentId, scope))) {
          throw new AppError('NOT_FOUND', 'resident not found', [{ path: 'residentId', message: 'ref.outside_scope' }]);
        }
        residentId = input.residentId;
      } else if (idHash && input.stayNodeId) {
        // Someone returning home is already in the registry: link them without asking.
        residentId = (await repo.residentByDocument(idHash, input.stayNodeId)) ?? null;
      }
      const version = await rules.inForce(input.arrivalDate);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, name: input.name, id_type: input.idType,
        id_number_enc: identity.idNumber ? cipher.encrypt(identity.idNumber) : null, id_number_hash: idHash,
        phone_enc: input.phone ? cipher.encrypt(input.phone) : null, phone_hash: input.phone ? cipher.blindIndex(input.phone, 'phone') : null,
        from_region: input.fromRegion, risk_level: riskLevel, arrival_date: input.arrivalDate,
        stay_node_id: input.stayNodeId ?? null, stay_text: input.stayNodeId ? null : input.stayText ?? null,
        scope_node_id: place.id, scope_path: place.path, registered_via: input.registeredVia,
        checkpoint_name: input.checkpointName ?? null, resident_id: residentId, rule_version_id: version?.id ?? null,
        notes: input.notes ?? null, created_by: actor.username, created_at: at, updated_at: at,
      });
      const proposed = version ? proposeMeasures(zRuleSet.parse(JSON.parse(version.rules)), riskLevel as RiskLevel, input.arrivalDate) : [];
      let seq = 0;
      for (const m of proposed) {
        await repo.insertMeasure({
          id: newId(), arrival_id: id, resident_id: residentId, node_path: input.stayNodeId ? place.path : null, scope_path: place.path,
          kind: m.kind, starts_on: m.startsOn, ends_on: m.endsOn, test_days: m.testDays ? JSON.stringify(m.testDays) : null,
          status: 'proposed', proposed_kind: m.kind, proposed_starts_on: m.startsOn, proposed_ends_on: m.endsOn, reason: null,
          seq: seq++, confirmed_by: null, confirmed_at: null, closed_at: null, created_at: at, updated_at: at,
        });
      }
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'arrival.create', entityType: 'arrival', entityId: id, scopePath: place.path,
        // Personal values never go into the audit log.
        details: { riskLevel, arrivalDate: input.arrivalDate, ruleVersionId: version?.id ?? null, measures: proposed.map((m) => m.kind) },
      });
    });
    return id;
  }

  /** The household stayed at, or for a free-text stay the chosen node (default: the account's own). */
  private async place(repo: OutsidersRepository, scope: Scope, actor: Actor, input: TArrivalInput): Promise<NodeRow> {
    if (input.stayNodeId) {
      const node = await repo.findNode(input.stayNodeId, scope);
      if (!node) throw new AppError('NOT_FOUND', 'household not found', [{ path: 'stayNodeId', message: 'ref.outside_scope' }]);
      if (node.level_code !== 'household') {
        throw new AppError('INVALID_LEVEL', 'stays are households', [{ path: 'stayNodeId', message: 'registry.not_household' }]);
      }
      return node;
    }
    const nodeId = input.nodeId ?? actor.nodeId;
    if (!nodeId) throw new AppError('VALIDATION', 'choose the responsible place', [{ path: 'nodeId', message: 'outsiders.node_required' }]);
    const node = await repo.findNode(nodeId, scope);
    if (!node) throw new AppError('NOT_FOUND', 'node not found', [{ path: 'nodeId', message: 'ref.outside_scope' }]);
    return node;
  }

  /** Confirms a proposed measure as it is, or adjusted (kind, dates) with a reason. Repeating it changes nothing. */
  async confirm(actor: Actor, measureId: string, input: TMeasureConfirmInput): Promise<string> {
    const scope = requirePermission(actor, 'outsiders.confirm');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new OutsidersRepository(trx);
      const m = await this.open(repo, scope, measureId);
      const kind = input.kind ?? (m.kind as MeasureKind);
      const startsOn = input.startsOn ?? m.starts_on;
      const endsOn = input.endsOn ?? m.ends_on;
      if (endsOn < startsOn) throw new AppError('VALIDATION', 'ends before it starts', [{ path: 'endsOn', message: 'date.range' }]);
      const changed = kind !== m.kind || startsOn !== m.starts_on || endsOn !== m.ends_on;
      if (changed && !input.reason) {
        throw new AppError('VALIDATION', 'an adjustment needs a reason', [{ path: 'reason', message: 'outsiders.reason_required' }]);
      }
      if (!changed && m.status === 'confirmed') return m.arrival_id;
      const at = this.deps.clock.now().toISOString();
      const patch: Partial<MeasureRow> = { status: 'confirmed', confirmed_by: actor.username, confirmed_at: at, updated_at: at };
      if (changed) {
        const days = adjustedTestDays(kind, startsOn, endsOn, parseTestDays(m.test_days));
        Object.assign(patch, { kind, starts_on: startsOn, ends_on: endsOn, test_days: days ? JSON.stringify(days) : null, reason: input.reason ?? null });
      }
      await repo.updateMeasure(m.id, patch);
      await recordAudit(trx, this.deps.clock, actor, {
        action: changed ? 'arrival_measure.adjust' : 'arrival_measure.confirm', entityType: 'arrival_measure', entityId: m.id, scopePath: m.scope_path,
        details: changed ? { from: { kind: m.kind, startsOn: m.starts_on, endsOn: m.ends_on }, to: { kind, startsOn, endsOn }, reason: input.reason } : {},
      });
      return m.arrival_id;
    });
  }

  /** Confirms every still-proposed measure of an arrival as proposed (one tap for the usual case). */
  async confirmAll(actor: Actor, arrivalId: string): Promise<void> {
    const scope = requirePermission(actor, 'outsiders.confirm');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new OutsidersRepository(trx);
      const arrival = await repo.find(arrivalId, scope);
      if (!arrival) throw notFound('arrival');
      const at = this.deps.clock.now().toISOString();
      const proposed = (await repo.measuresOf([arrivalId])).get(arrivalId)?.filter((m) => m.status === 'proposed') ?? [];
      for (const m of proposed) {
        await repo.updateMeasure(m.id, { status: 'confirmed', confirmed_by: actor.username, confirmed_at: at, updated_at: at });
      }
      if (proposed.length > 0) {
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'arrival_measure.confirm', entityType: 'arrival', entityId: arrivalId, scopePath: arrival.scope_path,
          details: { measures: proposed.map((m) => m.id) },
        });
      }
    });
  }

  /** Marks a measure done or cancelled (cancelling needs a reason). The same request again changes nothing. */
  async close(actor: Actor, measureId: string, input: TMeasureCloseInput): Promise<string> {
    const scope = requirePermission(actor, 'outsiders.confirm');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new OutsidersRepository(trx);
      const m = await repo.findMeasure(measureId, scope);
      if (!m) throw notFound('measure');
      if (m.status === input.status) return m.arrival_id;
      if (!OPEN.includes(m.status)) {
        throw new AppError('CONFLICT', 'the measure is closed', [{ path: 'status', message: 'outsiders.measure_closed' }]);
      }
      if (input.status === 'cancelled' && !input.reason) {
        throw new AppError('VALIDATION', 'cancelling needs a reason', [{ path: 'reason', message: 'outsiders.reason_required' }]);
      }
      const at = this.deps.clock.now().toISOString();
      await repo.updateMeasure(m.id, { status: input.status, closed_at: at, updated_at: at, ...(input.reason ? { reason: input.reason } : {}) });
      await recordAudit(trx, this.deps.clock, actor, {
        action: `arrival_measure.${input.status}`, entityType: 'arrival_measure', entityId: m.id, scopePath: m.scope_path,
        details: { reason: input.reason ?? null },
      });
      return m.arrival_id;
    });
  }

  private async open(repo: OutsidersRepository, scope: Scope, id: string): Promise<MeasureRow> {
    const m = await repo.findMeasure(id, scope);
    if (!m) throw notFound('measure');
    if (!OPEN.includes(m.status)) {
      throw new AppError('CONFLICT', 'the measure is closed', [{ path: 'status', message: 'outsiders.measure_closed' }]);
    }
    return m;
  }
}
