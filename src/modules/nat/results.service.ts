import { createHash } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { can, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Lang, SheetFormat } from '../../platform/transfer/index.ts';
import type { Page } from '../../platform/validation.ts';
import { labFormat, labTemplate, readLabFile, validateLabLines } from './lab-file.ts';
import type { NatDeps } from './nat.deps.ts';
import { findRoundInScope, roundVisible, type RoundRow } from './plan.repository.ts';
import { applyTubeResult, ResultApplier, type ApplyContext } from './results-apply.ts';
import { ResultsRepository } from './results.repository.ts';
import {
  NatPositiveRulesInput, type CaseExposure, type CaseView, type LabImportOutcome, type LabImportView, type LabLineError,
  type NatPositiveRules, type ResampleView, type ResultsRoundView, type ResultsSummary, type TCaseListQuery,
  type THandEntryInput, type TubeResult, type TubeResultOutcome,
} from './results.schema.ts';

export type LabImportAnswer = { ok: true; outcome: LabImportOutcome } | { ok: false; errors: LabLineError[] };

/** Lab results of a round (检测结果): import and hand entry, the rules they trigger, cases and the dashboard. */
export class NatResultsService {
  constructor(readonly deps: NatDeps) {}

  private repo(ex = this.deps.db) {
    return new ResultsRepository(ex);
  }

  private async round(scope: Scope, roundId: string): Promise<RoundRow> {
    const round = await findRoundInScope(this.deps.db, scope, roundId);
    if (!round) throw notFound('round');
    return round;
  }

  /** Results are applied for a whole round by whoever's area covers it (the street or district command). */
  private static coversRound(scope: Scope, round: RoundRow): boolean {
    return scope.kind === 'all' || (scope.kind === 'subtree' && round.node_path.startsWith(scope.path));
  }

  private async roundToApply(actor: Actor, roundId: string): Promise<RoundRow> {
    const scope = requirePermission(actor, 'nat.results');
    const round = await this.round(scope, roundId);
    if (!NatResultsService.coversRound(scope, round)) {
      throw new AppError('FORBIDDEN', 'lab results are applied by an account whose area covers the whole round');
    }
    return round;
  }

  async rounds(actor: Actor): Promise<ResultsRoundView[]> {
    const scope = requirePermission(actor, 'nat.read');
    const rows = await this.deps.db.selectFrom('nat_rounds').select(['id', 'name', 'number', 'starts_on', 'status'])
      .where((eb) => roundVisible(eb, 'nat_rounds.node_path', scope))
      .orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(100).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, number: r.number, startsOn: r.starts_on, status: r.status }));
  }

  async rules(actor: Actor): Promise<NatPositiveRules> {
    requirePermission(actor, 'nat.read');
    return this.repo().loadRules();
  }

  /** The rule set is global: only administrators (scope all) change it. */
  async updateRules(actor: Actor, input: NatPositiveRules): Promise<NatPositiveRules> {
    const scope = requirePermission(actor, 'nat.results');
    if (scope.kind !== 'all') throw new AppError('FORBIDDEN', 'the positive-result rules are set by administrators');
    const rules = NatPositiveRulesInput.parse(input);
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo(trx).saveRules(rules, this.deps.clock.now().toISOString());
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.rules.update', entityType: 'settings', entityId: 'nat.positiveRules', details: { ...rules } });
    });
    return rules;
  }

  template(format: SheetFormat, lang: Lang): Promise<Buffer> {
    return labTemplate(format, lang);
  }

  /**
   * A lab result file, all or nothing: every line is checked first and any error answers the list with nothing
   * applied; the same file (sha256) applied again answers 'already_applied' and changes nothing.
   */
  async importLabFile(
    actor: Actor, roundId: string, file: { buffer: Buffer; fileName: string; correction: boolean; lang: Lang },
  ): Promise<LabImportAnswer> {
    const round = await this.roundToApply(actor, roundId);
    const format = labFormat(file.fileName);
    if (!format) throw new AppError('IMPORT_FILE', 'only .xlsx and .csv files can be imported', [{ path: 'file', message: file.fileName }]);
    const hash = createHash('sha256').update(file.buffer).digest('hex');
    const earlier = await this.repo().importByHash(round.id, hash);
    if (earlier) return { ok: true, outcome: alreadyApplied(earlier) };
    const lines = await readLabFile(file.buffer, format, file.lang);
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        const repo = this.repo(trx);
        if (await repo.importByHash(round.id, hash)) throw new AlreadyApplied();
        const tubes = await repo.tubesByBarcodes(round.id, lines.map((l) => l.barcode).filter(Boolean));
        const { valid, errors } = validateLabLines(lines, tubes, { correction: file.correction, lang: file.lang });
        if (errors.length > 0) return { ok: false as const, errors };
        const importId = newId();
        const at = this.deps.clock.now().toISOString();
        await repo.insertImport({
          id: importId, round_id: round.id, file_name: file.fileName.slice(0, 200), file_hash: hash, lines: lines.length,
          applied_at: at, actor_id: actor.accountId || null, actor_name: actor.username,
        });
        const ctx: ApplyContext = { ex: trx, clock: this.deps.clock, cipher: this.deps.cipher, actor, roundId: round.id, rules: await repo.loadRules() };
        const outcome: LabImportOutcome = {
          status: 'applied', importId, fileName: file.fileName, lines: lines.length, changed: 0, unchanged: 0,
          counts: { negative: 0, positive: 0, invalid: 0 }, casesCreated: 0, resamplesCreated: 0,
        };
        const applier = new ResultApplier(ctx);
        await applier.prepare(valid.filter((v) => v.tube.result !== v.result).map((v) => v.tube));
        for (const v of valid) {
          const r = await applier.apply(v.tube, v.result);
          outcome.counts[v.result]++;
          if (r.changed) outcome.changed++;
          else outcome.unchanged++;
          outcome.casesCreated += r.casesCreated;
          outcome.resamplesCreated += r.resamplesCreated;
        }
        await applier.finish();
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'nat.lab_import', entityType: 'nat_lab_import', entityId: importId, scopePath: round.node_path,
          details: { roundId: round.id, fileName: file.fileName, hash, lines: lines.length, correction: file.correction, ...outcome.counts, changed: outcome.changed, cases: outcome.casesCreated, resamples: outcome.resamplesCreated },
        });
        return { ok: true as const, outcome };
      });
    } catch (err) {
      // A second upload of the same file that raced the first: its answer is the first one's.
      if (!(err instanceof AlreadyApplied) && !isUniqueViolation(err)) throw err;
      const row = await this.repo().importByHash(round.id, hash);
      if (!row) throw err;
      return { ok: true, outcome: alreadyApplied(row) };
    }
  }

  /** One tube's result typed in by hand; the same result again changes nothing. */
  async enterResult(actor: Actor, roundId: string, input: THandEntryInput): Promise<TubeResultOutcome> {
    const round = await this.roundToApply(actor, roundId);
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const tube = (await repo.tubesByBarcodes(round.id, [input.barcode])).get(input.barcode);
      if (!tube) throw new AppError('NOT_FOUND', 'no tube with this barcode in the round', [{ path: 'barcode', message: 'nat.lab_unknown_tube' }]);
      if (tube.result !== 'pending' && tube.result !== input.result && !input.correction) {
        throw new AppError('NAT_RESULT_CONFLICT', `the tube is already ${tube.result}`, [{ path: 'correction', message: 'nat.lab_result_conflict' }]);
      }
      const ctx: ApplyContext = { ex: trx, clock: this.deps.clock, cipher: this.deps.cipher, actor, roundId: round.id, rules: await repo.loadRules() };
      const outcome = await applyTubeResult(ctx, tube, input.result);
      if (outcome.changed) {
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'nat.result.enter', entityType: 'nat_tube', entityId: tube.id, scopePath: round.node_path,
          details: { roundId: round.id, barcode: tube.barcode, from: tube.result, to: input.result, correction: input.correction },
        });
      }
      return outcome;
    });
  }

  async summary(actor: Actor, roundId: string): Promise<ResultsSummary> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await this.round(scope, roundId);
    const whole = NatResultsService.coversRound(scope, round);
    const repo = this.repo();
    const tubes = { pending: 0, negative: 0, positive: 0, invalid: 0 };
    for (const r of await repo.tubeCounts(round.id, scope, whole)) {
      if (r.result in tubes) tubes[r.result as keyof typeof tubes] = Number(r.n);
    }
    let resamplesOutstanding = 0;
    let resamplesDone = 0;
    for (const r of await repo.resampleCounts(round.id, scope)) {
      if (r.status === 'open') resamplesOutstanding += Number(r.n);
      else if (r.status === 'sampled') resamplesDone += Number(r.n);
      else resamplesOutstanding += Number(r.n); // nobody home / refused: still to be sampled
    }
    return {
      roundId: round.id, roundName: round.name, canApply: whole && can(actor, 'nat.results'), tubes,
      resamplesOutstanding, resamplesDone, controlled: await repo.controlledCount(round.id, scope), openCases: await repo.openCaseCount(round.id, scope),
    };
  }

  /** Cases of the round inside the actor's area, newest first, with their exposure. */
  async cases(actor: Actor, roundId: string, query: TCaseListQuery): Promise<Page<CaseView>> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await this.round(scope, roundId);
    const repo = this.repo();
    const rows = await repo.cases(round.id, scope, query);
    const page = rows.slice(0, query.limit);
    const names = await repo.nodeNames(page.flatMap((r) => addressIds(r.node_path)));
    const items = page.map((r): CaseView => ({
      id: r.id, roundId: r.round_id, residentId: r.resident_id, residentName: r.name, address: address(r.node_path, names),
      tubeBarcode: r.barcode, detectedAt: r.detected_at, status: r.status as CaseView['status'], exposure: JSON.parse(r.exposure) as CaseExposure,
    }));
    return { items, next: rows.length > query.limit ? page[page.length - 1].id : null };
  }

  async setCaseStatus(actor: Actor, caseId: string, status: 'open' | 'closed'): Promise<{ id: string; status: string }> {
    const scope = requirePermission(actor, 'nat.results');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const row = await repo.findCase(caseId, scope);
      if (!row) throw notFound('case');
      if (row.status !== status) {
        await repo.setCaseStatus(caseId, status);
        await recordAudit(trx, this.deps.clock, actor, { action: 'nat.case.status', entityType: 'nat_case', entityId: caseId, scopePath: row.node_path, details: { from: row.status, to: status } });
      }
      return { id: caseId, status };
    });
  }

  async resamples(actor: Actor, roundId: string): Promise<ResampleView[]> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await this.round(scope, roundId);
    const repo = this.repo();
    const rows = await repo.resamples(round.id, scope, 500);
    const names = await repo.nodeNames(rows.flatMap((r) => addressIds(r.node_path)));
    return rows.map((r) => ({
      id: r.id, residentId: r.resident_id, residentName: r.name, address: address(r.node_path, names),
      sourceBarcode: r.barcode ?? null, status: r.status, createdAt: r.created_at,
    }));
  }

  async imports(actor: Actor, roundId: string): Promise<LabImportView[]> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await this.round(scope, roundId);
    const rows = await this.repo().imports(round.id);
    return rows.map((r) => ({ id: r.id, fileName: r.file_name, lines: r.lines, appliedAt: r.applied_at, actorName: r.actor_name }));
  }
}

class AlreadyApplied extends Error {}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed: nat_lab_imports/.test(e?.message ?? '');
}

function alreadyApplied(row: { id: string; file_name: string; lines: number }): LabImportOutcome {
  return {
    status: 'already_applied', importId: row.id, fileName: row.file_name, lines: row.lines, changed: 0, unchanged: 0,
    counts: { negative: 0, positive: 0, invalid: 0 } satisfies Record<TubeResult, number>, casesCreated: 0, resamplesCreated: 0,
  };
}

/** The compound, building, entrance and household of a household path. */
function addressIds(path: string): string[] {
  return path.split('/').filter(Boolean).slice(-4);
}

function address(path: string, names: Map<string, string>): string {
  return addressIds(path).map((id) => names.get(id) ?? '').filter(Boolean).join(' ');
}
