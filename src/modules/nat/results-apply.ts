import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy.ts';
import { buildExposure } from './cases-exposure.ts';
import { ResultsRepository, type MemberRow, type TubeRow } from './results.repository.ts';
import type { NatPositiveRules, TubeResult, TubeResultOutcome } from './results.schema.ts';

// What a tube's result does to the people in it (the rules of the issue, with the control statuses as data):
//  negative        → each member's roster result 'negative' (a negative re-sample may lift a pool's control);
//  positive pool   → 'pool_positive', control per rules.poolPositive, one single-tube re-sampling task each;
//  positive single → 'positive', control per rules.positive, a case with exposure, the certificate revoked;
//  invalid         → 'invalid' (unless already worse), a re-sampling task each when rules.resampleInvalid.
// Always called inside the caller's transaction, so a file is applied whole or not at all.

export interface ApplyContext {
  ex: Executor;
  clock: Clock;
  cipher: FieldCipher;
  actor: Actor;
  roundId: string;
  rules: NatPositiveRules;
}

/**
 * A re-sample's swab counts even though the person was sampled before in the round: a re-sampling tube, a sample
 * taken for a re-sampling door task, or any single tube (its result can only be that person's, wherever they
 * walked in for it).
 */
function isResample(tube: TubeRow, s: MemberRow): boolean {
  return tube.source === 'resample' || tube.capacity <= 1 || s.task_reason === 'resample';
}

/**
 * The tube's members: samples not undone and not flagged as a second scan of someone already sampled (a
 * duplicate is not in the pool's count and must not be re-sampled twice), one per person.
 */
export function acceptedMembers(tube: TubeRow, samples: MemberRow[]): MemberRow[] {
  const seen = new Set<string>();
  const out: MemberRow[] = [];
  for (const s of samples) {
    if (s.duplicate_of !== null && !isResample(tube, s)) continue;
    if (seen.has(s.resident_id)) continue;
    seen.add(s.resident_id);
    out.push(s);
  }
  return out;
}

interface RosterState {
  result: string | null;
  control_status: string | null;
}

/**
 * Applies the results of many tubes in one transaction with few statements: the members of every tube and their
 * roster rows are read up front, tube results and plain negatives are written in bulk at `finish()`; positives,
 * invalids and lifted controls are written one by one (they are few). The in-memory roster keeps the rules right
 * when one person appears in several tubes of the same file.
 */
export class ResultApplier {
  private readonly repo: ResultsRepository;
  private readonly at: string;
  private samples = new Map<string, MemberRow[]>();
  private readonly roster = new Map<string, RosterState>();
  private readonly plainNegative = new Set<string>();
  private readonly tubeResults = new Map<TubeResult, string[]>();

  constructor(private readonly ctx: ApplyContext) {
    this.repo = new ResultsRepository(ctx.ex);
    this.at = ctx.clock.now().toISOString();
  }

  /** Reads the members of the tubes about to change and their roster rows. */
  async prepare(tubes: TubeRow[]): Promise<void> {
    this.samples = await this.repo.samplesOfTubes(tubes.map((t) => t.id));
    const people = new Set<string>();
    for (const list of this.samples.values()) for (const s of list) people.add(s.resident_id);
    for (const r of await this.repo.rosterRows(this.ctx.roundId, [...people])) {
      this.roster.set(r.resident_id, { result: r.result, control_status: r.control_status });
    }
  }

  private async write(m: MemberRow, values: { result: string; control_status?: string | null }): Promise<void> {
    this.plainNegative.delete(m.resident_id);
    await this.repo.setRosterResult(this.ctx.roundId, m, values);
    const before = this.roster.get(m.resident_id);
    this.roster.set(m.resident_id, { result: values.result, control_status: values.control_status !== undefined ? values.control_status : before?.control_status ?? null });
  }

  async apply(tube: TubeRow, result: TubeResult): Promise<TubeResultOutcome> {
    const outcome: TubeResultOutcome = { tubeId: tube.id, barcode: tube.barcode, result, changed: false, members: 0, casesCreated: 0, resamplesCreated: 0 };
    if (tube.result === result) return outcome;
    const { ctx } = this;
    outcome.changed = true;
    this.tubeResults.set(result, [...(this.tubeResults.get(result) ?? []), tube.id]);
    if (tube.result !== 'pending' && result === 'negative') await this.repo.deleteOpenResamplesOfTube(tube.id);
    const members = acceptedMembers(tube, this.samples.get(tube.id) ?? []);
    outcome.members = members.length;
    const single = tube.capacity <= 1;
    for (const m of members) {
      const current = this.roster.get(m.resident_id);
      // A confirmed positive is never overwritten by another tube's result.
      const keepPositive = current?.result === 'positive' && result !== 'positive';
      if (result === 'negative') {
        if (keepPositive) continue;
        const lift = single && isResample(tube, m) && ctx.rules.releaseOnNegativeResample && current?.control_status === ctx.rules.poolPositive;
        if (current && !lift) {
          // Most tubes are negative pools: these rows are set in one statement at the end.
          this.plainNegative.add(m.resident_id);
          current.result = 'negative';
        } else {
          await this.write(m, { result: 'negative', ...(lift ? { control_status: null } : {}) });
        }
      } else if (result === 'positive' && !single) {
        if (!keepPositive) await this.write(m, { result: 'pool_positive', control_status: current?.control_status ?? ctx.rules.poolPositive });
        if (await addResample(this.repo, ctx, tube, m, this.at)) outcome.resamplesCreated++;
      } else if (result === 'positive') {
        await this.write(m, { result: 'positive', control_status: ctx.rules.positive });
        if (await openCase(this.repo, ctx, tube, m, this.at)) outcome.casesCreated++;
      } else {
        const worse = current?.result === 'pool_positive' || current?.result === 'positive';
        if (!worse) await this.write(m, { result: 'invalid' });
        if (ctx.rules.resampleInvalid && await addResample(this.repo, ctx, tube, m, this.at)) outcome.resamplesCreated++;
      }
    }
    return outcome;
  }

  async finish(): Promise<void> {
    for (const [result, ids] of this.tubeResults) await this.repo.setTubeResults(ids, result, this.at);
    await this.repo.setRosterResultMany(this.ctx.roundId, [...this.plainNegative], 'negative');
  }
}

/** One tube (hand entry). */
export async function applyTubeResult(ctx: ApplyContext, tube: TubeRow, result: TubeResult): Promise<TubeResultOutcome> {
  const applier = new ResultApplier(ctx);
  await applier.prepare(tube.result === result ? [] : [tube]);
  const outcome = await applier.apply(tube, result);
  await applier.finish();
  return outcome;
}

/** One re-sampling task per person from this tube, and never a second open one for the same person. */
async function addResample(repo: ResultsRepository, ctx: ApplyContext, tube: TubeRow, m: MemberRow, at: string): Promise<boolean> {
  if (await repo.resampleTaskFromTube(ctx.roundId, m.resident_id, tube.id)) return false;
  if (await repo.openResampleTask(ctx.roundId, m.resident_id)) return false;
  await repo.insertDoorTask({
    id: newId(), round_id: ctx.roundId, resident_id: m.resident_id, household_id: m.household_id,
    building_id: await repo.buildingOf(m.node_path), node_path: m.node_path, source_tube_id: tube.id, at,
  });
  return true;
}

async function openCase(repo: ResultsRepository, ctx: ApplyContext, tube: TubeRow, m: MemberRow, at: string): Promise<boolean> {
  // A positive person's completion certificate must not verify any more.
  await repo.revokeCertificate(ctx.roundId, m.resident_id, `positive tube ${tube.barcode}`, at, ctx.actor.accountId || null);
  if (await repo.caseOf(ctx.roundId, m.resident_id, tube.id)) return false;
  const exposure = await buildExposure(ctx.ex, ctx.cipher, ctx.roundId, m);
  const id = newId();
  await repo.insertCase({
    id, round_id: ctx.roundId, resident_id: m.resident_id, tube_id: tube.id, household_id: m.household_id,
    node_path: m.node_path, exposure: JSON.stringify(exposure), at,
  });
  await recordAudit(ctx.ex, ctx.clock, ctx.actor, {
    action: 'nat.case.create', entityType: 'nat_case', entityId: id, scopePath: m.node_path,
    details: { roundId: ctx.roundId, tube: tube.barcode, household: exposure.household.length, staff: exposure.staff.length },
  });
  return true;
}
