import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { CertificateService } from './certificate.service.ts';
import { NatCodesService } from './codes-service.ts';
import type { NatDeps } from './nat.deps.ts';
import type { RosterCounts, RoundStatus, RoundView, TNatDefaults, TRoundInput, TRoundUpdateInput } from './nat.schema.ts';
import { loadNatDefaults, saveNatDefaults } from './plan-defaults.ts';
import { buildRoster, parseRequiredRule, rosterCounts } from './plan-roster.ts';
import { NatSitesService } from './plan-sites.ts';
import { NatSlotsService } from './plan-slots.ts';
import {
  findNodeInScope, findRoundInScope, listRoundsInScope, nodeNames, ownsRound, type RoundRow,
} from './plan.repository.ts';

// Planning a nucleic-acid round: the round itself, its roster and the defaults. Sites, slots, codes and
// certificates are their own services, reached through this one (app.ts constructs only natPlan).

export function roundView(r: RoundRow, names: Map<string, string>): RoundView {
  return {
    id: r.id, name: r.name, number: r.number, nodeId: r.node_id, nodeName: names.get(r.node_id) ?? '', nodePath: r.node_path,
    startsOn: r.starts_on, endsOn: r.ends_on, poolSize: r.pool_size, bagSize: r.bag_size,
    certificateValidHours: r.certificate_valid_hours, requiredRule: parseRequiredRule(r.required_rule),
    status: r.status as RoundStatus, rosterBuiltAt: r.roster_built_at, createdAt: r.created_at,
  };
}

export class NatPlanService {
  readonly sites: NatSitesService;
  readonly slots: NatSlotsService;
  readonly codes: NatCodesService;
  readonly certificates: CertificateService;

  constructor(readonly deps: NatDeps) {
    this.sites = new NatSitesService(deps);
    this.slots = new NatSlotsService(deps);
    this.codes = new NatCodesService(deps);
    this.certificates = new CertificateService(deps);
  }

  async listRounds(actor: Actor): Promise<RoundView[]> {
    const scope = requirePermission(actor, 'nat.read');
    const rows = await listRoundsInScope(this.deps.db, scope);
    const names = await nodeNames(this.deps.db, rows.map((r) => r.node_id));
    return rows.map((r) => roundView(r, names));
  }

  async getRound(actor: Actor, id: string): Promise<RoundView> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await findRoundInScope(this.deps.db, scope, id);
    if (!round) throw notFound('round');
    return roundView(round, await nodeNames(this.deps.db, [round.node_id]));
  }

  async defaults(actor: Actor): Promise<TNatDefaults> {
    requirePermission(actor, 'nat.read');
    return loadNatDefaults(this.deps.db);
  }

  /** Only those who edit rule sets (admin, command) change the defaults; rounds already made keep their copy. */
  async saveDefaults(actor: Actor, value: TNatDefaults): Promise<TNatDefaults> {
    requirePermission(actor, 'measures.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      await saveNatDefaults(trx, value, this.deps.clock.now().toISOString());
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.defaults.update', entityType: 'setting', entityId: 'nat.defaults', details: { ...value } });
    });
    return value;
  }

  async createRound(actor: Actor, input: TRoundInput): Promise<RoundView> {
    const scope = requirePermission(actor, 'nat.manage');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('nat_rounds').select('id').where('id', '=', id).executeTakeFirst()) return; // retried create
      const node = await findNodeInScope(trx, scope, input.nodeId);
      if (!node) throw new AppError('VALIDATION', 'node outside scope', [{ path: 'nodeId', message: 'ref.outside_scope' }]);
      const d = await loadNatDefaults(trx);
      const at = this.deps.clock.now().toISOString();
      const rule = input.requiredRule ?? { exemptUnderAgeYears: d.exemptUnderAgeYears };
      await trx.insertInto('nat_rounds').values({
        id, name: input.name, number: input.number, node_id: node.id, node_path: node.path,
        starts_on: input.startsOn, ends_on: input.endsOn, pool_size: input.poolSize ?? d.poolSize,
        bag_size: input.bagSize ?? d.bagSize, certificate_valid_hours: input.certificateValidHours ?? d.certificateValidHours,
        required_rule: JSON.stringify(rule), status: 'planned', roster_built_at: null,
        created_by: actor.accountId || null, created_at: at, updated_at: at,
      }).execute();
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'nat.round.create', entityType: 'nat_round', entityId: id, scopePath: node.path,
        details: { name: input.name, number: input.number },
      });
    });
    return this.getRound(actor, id);
  }

  async updateRound(actor: Actor, id: string, input: TRoundUpdateInput): Promise<RoundView> {
    const scope = requirePermission(actor, 'nat.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const round = await findRoundInScope(trx, scope, id);
      if (!round || !ownsRound(scope, round)) throw notFound('round');
      const startsOn = input.startsOn ?? round.starts_on;
      const endsOn = input.endsOn ?? round.ends_on;
      if (endsOn < startsOn) throw new AppError('VALIDATION', 'ends before starts', [{ path: 'endsOn', message: 'date.range' }]);
      await trx.updateTable('nat_rounds').set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.number !== undefined ? { number: input.number } : {}),
        starts_on: startsOn, ends_on: endsOn,
        ...(input.poolSize !== undefined ? { pool_size: input.poolSize } : {}),
        ...(input.bagSize !== undefined ? { bag_size: input.bagSize } : {}),
        ...(input.certificateValidHours !== undefined ? { certificate_valid_hours: input.certificateValidHours } : {}),
        ...(input.requiredRule !== undefined ? { required_rule: JSON.stringify(input.requiredRule) } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      }).where('id', '=', id).execute();
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'nat.round.update', entityType: 'nat_round', entityId: id, scopePath: round.node_path, details: { ...input },
      });
    });
    return this.getRound(actor, id);
  }

  /** Builds or refreshes the roster from the registry by the round's rule; running it again changes nothing. */
  async buildRoster(actor: Actor, id: string): Promise<RosterCounts> {
    const scope = requirePermission(actor, 'nat.manage');
    return this.deps.db.transaction().execute(async (trx) => {
      const round = await findRoundInScope(trx, scope, id);
      if (!round || !ownsRound(scope, round)) throw notFound('round');
      const at = this.deps.clock.now().toISOString();
      const counts = await buildRoster(trx, round, at);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'nat.roster.build', entityType: 'nat_round', entityId: id, scopePath: round.node_path,
        details: { required: counts.required, exempt: counts.exempt },
      });
      return counts;
    });
  }

  /** Roster counts; an actor inside the round's subtree sees the counts of their own part only. */
  async roster(actor: Actor, id: string): Promise<RosterCounts> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await findRoundInScope(this.deps.db, scope, id);
    if (!round) throw notFound('round');
    const within = scope.kind === 'subtree' && !ownsRound(scope, round) ? scope.path : undefined;
    return rosterCounts(this.deps.db, id, within);
  }
}
