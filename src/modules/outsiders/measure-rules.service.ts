import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { MeasureRulesRepository, type RegionRiskRow, type RuleVersionRow } from './measure-rules.repository.ts';
import type { OutsidersDeps } from './outsiders.deps.ts';
import { proposeMeasures } from './outsiders.rules.ts';
import {
  zRuleSet, type ProposalView, type RegionRiskView, type RiskLevel, type RuleVersionView, type TRegionRiskInput,
  type TRuleVersionInput,
} from './outsiders.schema.ts';

export function ruleVersionView(row: RuleVersionRow, today: string, next: RuleVersionRow | undefined): RuleVersionView {
  const state = row.effective_from > today ? 'pending' : next && next.effective_from <= today ? 'superseded' : 'in_force';
  return {
    id: row.id, name: row.name, effectiveFrom: row.effective_from, rules: zRuleSet.parse(JSON.parse(row.rules)), note: row.note,
    state, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function regionRiskView(r: RegionRiskRow): RegionRiskView {
  return { id: r.id, region: r.region, riskLevel: r.risk_level as RiskLevel, since: r.since, until: r.until, note: r.note };
}

/**
 * The measures rule set (versions with an effective day) and the region risk list. Both are data only
 * measures.manage edits; a version is immutable once its day has come, so a change of policy is a new version
 * and arrivals already registered keep the measures they were given.
 */
export class MeasureRulesService {
  constructor(private readonly deps: OutsidersDeps) {}

  private today(): string {
    return shanghaiDay(this.deps.clock.now());
  }

  async list(actor: Actor): Promise<RuleVersionView[]> {
    requirePermission(actor, 'outsiders.read');
    const rows = await new MeasureRulesRepository(this.deps.db).versions();
    const today = this.today();
    // rows are newest first: the "next" version of rows[i] is rows[i - 1].
    return rows.map((r, i) => ruleVersionView(r, today, rows[i - 1]));
  }

  /** The version in force on `day` and what it proposes for each level. */
  async proposal(actor: Actor, riskLevel: RiskLevel, arrivalDate: string): Promise<ProposalView> {
    requirePermission(actor, 'outsiders.read');
    const version = await new MeasureRulesRepository(this.deps.db).inForce(arrivalDate);
    if (!version) return { version: null, measures: [] };
    return {
      version: { id: version.id, name: version.name, effectiveFrom: version.effective_from },
      measures: proposeMeasures(zRuleSet.parse(JSON.parse(version.rules)), riskLevel, arrivalDate),
    };
  }

  async create(actor: Actor, input: TRuleVersionInput): Promise<RuleVersionView> {
    requirePermission(actor, 'measures.manage');
    const id = input.id ?? newId();
    const today = this.today();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new MeasureRulesRepository(trx);
      if (await repo.version(id)) return;
      this.checkFuture(input.effectiveFrom, today);
      if (await repo.byEffectiveFrom(input.effectiveFrom)) {
        throw new AppError('CONFLICT', 'a version already starts that day', [{ path: 'effectiveFrom', message: 'outsiders.version_day_taken' }]);
      }
      const at = this.deps.clock.now().toISOString();
      await repo.insertVersion({
        id, name: input.name, effective_from: input.effectiveFrom, rules: JSON.stringify(input.rules), note: input.note ?? null,
        created_by: actor.username, created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'measure_rules.create', entityType: 'measure_rule_version', entityId: id, details: { effectiveFrom: input.effectiveFrom, name: input.name },
      });
    });
    return this.get(actor, id);
  }

  /** Only a version not yet in force changes; one in force or past is immutable (make a new version). */
  async update(actor: Actor, id: string, input: TRuleVersionInput): Promise<RuleVersionView> {
    requirePermission(actor, 'measures.manage');
    const today = this.today();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new MeasureRulesRepository(trx);
      const current = await repo.version(id);
      if (!current) throw notFound('rule version');
      this.checkPending(current, today);
      this.checkFuture(input.effectiveFrom, today);
      const other = await repo.byEffectiveFrom(input.effectiveFrom);
      if (other && other.id !== id) {
        throw new AppError('CONFLICT', 'a version already starts that day', [{ path: 'effectiveFrom', message: 'outsiders.version_day_taken' }]);
      }
      await repo.updateVersion(id, {
        name: input.name, effective_from: input.effectiveFrom, rules: JSON.stringify(input.rules), note: input.note ?? null,
        updated_at: this.deps.clock.now().toISOString(),
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'measure_rules.update', entityType: 'measure_rule_version', entityId: id, details: { effectiveFrom: input.effectiveFrom },
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'measures.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new MeasureRulesRepository(trx);
      const current = await repo.version(id);
      if (!current) return;
      this.checkPending(current, this.today());
      await repo.deleteVersion(id);
      await recordAudit(trx, this.deps.clock, actor, { action: 'measure_rules.delete', entityType: 'measure_rule_version', entityId: id });
    });
  }

  async get(actor: Actor, id: string): Promise<RuleVersionView> {
    const view = (await this.list(actor)).find((v) => v.id === id);
    if (!view) throw notFound('rule version');
    return view;
  }

  private checkFuture(day: string, today: string): void {
    if (day < today) {
      throw new AppError('VALIDATION', 'a version cannot start in the past', [{ path: 'effectiveFrom', message: 'outsiders.version_past' }]);
    }
  }

  private checkPending(row: RuleVersionRow, today: string): void {
    if (row.effective_from <= today) {
      throw new AppError('CONFLICT', 'a version in force is immutable', [{ path: 'effectiveFrom', message: 'outsiders.version_immutable' }]);
    }
  }

  async regionRisks(actor: Actor, query: { q?: string; date?: string }): Promise<RegionRiskView[]> {
    requirePermission(actor, 'outsiders.read');
    return (await new MeasureRulesRepository(this.deps.db).regionRisks(query)).map(regionRiskView);
  }

  async saveRegionRisk(actor: Actor, input: TRegionRiskInput, id?: string): Promise<RegionRiskView> {
    requirePermission(actor, 'measures.manage');
    const rowId = id ?? input.id ?? newId();
    const saved = await this.deps.db.transaction().execute(async (trx) => {
      const repo = new MeasureRulesRepository(trx);
      const current = await repo.regionRisk(rowId);
      const at = this.deps.clock.now().toISOString();
      const values = { region: input.region, risk_level: input.riskLevel, since: input.since, until: input.until ?? null, note: input.note ?? null, updated_at: at };
      if (id && !current) throw notFound('region risk');
      if (current && !id) return current; // a retried create
      if (current) await repo.updateRegionRisk(rowId, values);
      else await repo.insertRegionRisk({ id: rowId, ...values, created_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: current ? 'region_risk.update' : 'region_risk.create', entityType: 'region_risk', entityId: rowId,
        details: { region: input.region, riskLevel: input.riskLevel, since: input.since, until: input.until ?? null },
      });
      return (await repo.regionRisk(rowId))!;
    });
    return regionRiskView(saved);
  }

  async removeRegionRisk(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'measures.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new MeasureRulesRepository(trx);
      if (!(await repo.regionRisk(id))) return;
      await repo.deleteRegionRisk(id);
      await recordAudit(trx, this.deps.clock, actor, { action: 'region_risk.delete', entityType: 'region_risk', entityId: id });
    });
  }
}

