import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { parseMainlandIdNumber } from '../../platform/id-number.ts';
import { subtreeEnd, type Actor } from '../../platform/policy.ts';
import { documentPurpose, normaliseDocument } from '../registry/registry.identity.ts';
import { resolveResidentCode } from './codes.ts';
import { DeskRepository, isUniqueViolation, type HouseholdRow, type ResidentPlace, type SampleJoinedRow, type TubeRow } from './desk.repository.ts';
import type { HouseholdMemberView, SampleView, ScanResult, TScanInput, TubeView, TubeStatus } from './desk.schema.ts';
import type { NatDeps } from './nat.deps.ts';
import type { RoundRow } from './plan.repository.ts';

// The registration core shared by desks and door-to-door sampling: open a tube, scan a person into it, undo, close.
// Each write is one transaction and the answer is returned only after it commits (acknowledged = durable). Client
// ids make every write idempotent: the same id again answers from the stored row and writes nothing.

/** Where samples are taken: a desk of a site, or a door-to-door team (no desk, no site). */
export interface Station {
  round: RoundRow;
  siteId: string | null;
  deskId: string | null;
  /** Places in a tube opened here. */
  capacity: number;
  source: 'desk' | 'door' | 'resample';
}

/** A client time is kept when it is plausible (not ahead of the server, at most a day old), else the server's. */
export function acceptedTime(clientAt: string | undefined, now: Date): string {
  if (!clientAt) return now.toISOString();
  const t = new Date(clientAt).getTime();
  if (Number.isNaN(t) || t > now.getTime() + 5 * 60_000 || t < now.getTime() - 24 * 3600_000) return now.toISOString();
  return new Date(t).toISOString();
}

export function tubeView(t: TubeRow): TubeView {
  return {
    id: t.id, barcode: t.barcode, deskId: t.desk_id, source: t.source, capacity: t.capacity,
    sampleCount: t.sample_count, status: t.status as TubeStatus, openedAt: t.opened_at, closedAt: t.closed_at,
  };
}

export function sampleView(s: SampleJoinedRow): SampleView {
  return {
    id: s.id, tubeId: s.tube_id, tubeBarcode: s.tube_barcode, residentId: s.resident_id, name: s.name, method: s.method,
    sampledAt: s.sampled_at, duplicateOf: s.duplicate_of, undone: s.undone_at !== null,
  };
}

/** The desk's 同行人员 list: the other active members of the household, each with whether the round counted them. */
function householdList(rows: HouseholdRow[], householdId: string, exceptId: string): HouseholdMemberView[] {
  return rows
    .filter((r) => r.household_id === householdId && r.status === 'active' && r.id !== exceptId)
    .map((r) => ({ residentId: r.id, name: r.name, sampled: r.sample_id !== null }));
}

function requireOpenRound(round: RoundRow): void {
  if (round.status !== 'open') throw new AppError('NAT_ROUND_NOT_OPEN', `round is ${round.status}`);
}

/** Runs `work` as one unit of the group commit; a unique violation (a concurrent retry committed first) runs it
 * once more, when the idempotency check finds the winner's row and answers with it. */
export async function onceInTransaction<T>(deps: NatDeps, work: (trx: Executor) => Promise<T>): Promise<T> {
  try {
    return await deps.writes.run(work);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return deps.writes.run(work);
  }
}

export interface ScanOptions {
  method?: string;
  within?: (trx: Executor, sample: { id: string; sampled_at: string }) => Promise<void>;
}

/** What is remembered of a tube: the fields that never change once it is opened. */
interface TubeIdentity { id: string; barcode: string; desk_id: string | null; opened_by: string | null }
const TUBE_MEMORY = 5000;

export class Registrar {
  private readonly tubes = new Map<string, TubeIdentity>();

  constructor(private readonly deps: NatDeps) {}

  async openTube(actor: Actor, station: Station, input: { id: string; barcode: string; at?: string }, ex: Executor): Promise<TubeView> {
    const repo = new DeskRepository(ex);
    const same = await repo.findTube(input.id);
    if (same) {
      if (same.round_id !== station.round.id || same.barcode !== input.barcode) throw new AppError('CONFLICT', 'tube id reused', [{ path: 'id', message: 'registry.id_reused' }]);
      return tubeView(same);
    }
    requireOpenRound(station.round);
    const taken = await repo.findTubeByBarcode(station.round.id, input.barcode);
    if (taken) {
      // Scanning the open tube of this very desk again simply resumes it (a reloaded page, a second phone).
      if (taken.desk_id === station.deskId && taken.status === 'open' && taken.source === station.source) return tubeView(taken);
      throw new AppError('NAT_TUBE_TAKEN', `tube ${input.barcode} already used`, [{ path: 'barcode', message: 'nat.barcode' }]);
    }
    const row: TubeRow = {
      id: input.id, round_id: station.round.id, barcode: input.barcode, site_id: station.siteId, desk_id: station.deskId,
      source: station.source, capacity: station.capacity, status: 'open', sample_count: 0, bag_id: null, result: 'pending',
      result_at: null, opened_by: actor.accountId || null, opened_at: acceptedTime(input.at, this.deps.clock.now()), closed_at: null,
    };
    await repo.insertTube(row);
    return tubeView(row);
  }

  /**
   * Resolves who is being sampled, with the rest of their household for the desk's list; anyone outside the
   * round's subtree is refused.
   */
  private async person(repo: DeskRepository, round: RoundRow, input: TScanInput): Promise<{ person: ResidentPlace; household: HouseholdMemberView[] }> {
    let where: { id?: string; idNumberHash?: string };
    if (input.code !== undefined) where = { id: await resolveResidentCode(this.deps.db, this.deps.signer, input.code) };
    else if (input.residentId !== undefined) where = { id: input.residentId };
    else {
      const raw = input.idNumber ?? '';
      let normalised: string | null;
      if (input.idType === 'id_card') {
        const parsed = parseMainlandIdNumber(raw, { today: shanghaiDay(this.deps.clock.now()) });
        if (!parsed.ok) throw new AppError('VALIDATION', 'bad ID number', [{ path: 'idNumber', message: `id_number.${parsed.reason}` }]);
        normalised = parsed.value;
      } else {
        normalised = normaliseDocument(raw);
        if (!normalised) throw new AppError('VALIDATION', 'bad document number', [{ path: 'idNumber', message: 'registry.document_format' }]);
      }
      where = { idNumberHash: this.deps.cipher.blindIndex(normalised, documentPurpose(input.idType)) };
    }
    const rows = await repo.householdsOf(round.id, where);
    const matches = rows.filter((r) => (where.id ? r.id === where.id : r.id_number_hash === where.idNumberHash));
    const inRound = matches.filter((r) => r.path >= round.node_path && r.path < subtreeEnd(round.node_path));
    const person = inRound.find((r) => r.status === 'active') ?? inRound[0];
    if (!person) {
      if (matches.length > 0) throw new AppError('NAT_NOT_IN_ROUND', 'resident outside the round');
      throw new AppError('VALIDATION', 'no such resident', [{ path: input.idNumber ? 'idNumber' : 'residentId', message: 'nat.resident_unknown' }]);
    }
    return { person, household: householdList(rows, person.household_id, person.id) };
  }

  private async answer(repo: DeskRepository, sampleId: string): Promise<ScanResult> {
    const s = await repo.findSample(sampleId);
    const tube = s && (await repo.findTube(s.tube_id));
    if (!s || !tube) throw notFound('sample');
    const rows = await repo.householdsOf(s.round_id, { id: s.resident_id });
    return { sample: sampleView(s), tube: tubeView(tube), household: householdList(rows, s.household_id, s.resident_id) };
  }

  /**
   * The tube a scan names, checked to belong to the station. What is checked (id, desk, opener) never changes once
   * a tube is opened, so it is remembered; whether the tube still has room is settled by the place-taking UPDATE.
   */
  private async tubeFor(repo: DeskRepository, actor: Actor, station: Station, barcode: string): Promise<TubeIdentity> {
    const key = `${station.round.id}|${barcode}`;
    let tube = this.tubes.get(key);
    if (!tube) {
      const row = await repo.findTubeByBarcode(station.round.id, barcode);
      if (row) {
        tube = { id: row.id, barcode: row.barcode, desk_id: row.desk_id, opened_by: row.opened_by };
        if (this.tubes.size >= TUBE_MEMORY) this.tubes.delete(this.tubes.keys().next().value!);
        this.tubes.set(key, tube);
      }
    }
    if (!tube || tube.desk_id !== station.deskId || (station.deskId === null && tube.opened_by !== (actor.accountId || null))) {
      throw new AppError('VALIDATION', 'unknown tube', [{ path: 'tubeBarcode', message: 'nat.tube_unknown' }]);
    }
    return tube;
  }

  /**
   * Registers one person into an open tube of the station. The reads (tube, person and household) run before the
   * write; the write holds only the statements whose conditions make them safe on their own: the sample's primary
   * key (a retry or a concurrent retry loses, and is answered with the stored row), the tube's conditional
   * place-taking UPDATE and the roster's conditional claim. It goes through the group commit, so concurrent scans
   * share a transaction on SQLite; each is answered after that commits. `within` adds writes to the same unit
   * (the door task's outcome).
   */
  async scan(actor: Actor, station: Station, input: TScanInput, opts: ScanOptions = {}): Promise<ScanResult> {
    const repo = new DeskRepository(this.deps.db);
    try {
      return await this.register(repo, actor, station, input, opts);
    } catch (err) {
      // A retry of a scan that was stored answers as the first time did, whatever became of the round or the tube
      // since (the stored row is looked for only here, off the common path).
      if ((err instanceof AppError || isUniqueViolation(err)) && (await repo.sampleExists(input.id))) return this.replay(repo, station, input.id);
      throw err;
    }
  }

  private async register(repo: DeskRepository, actor: Actor, station: Station, input: TScanInput, opts: ScanOptions): Promise<ScanResult> {
    requireOpenRound(station.round);
    const tube = await this.tubeFor(repo, actor, station, input.tubeBarcode);
    // Who before the tube's state: a bad ID number is the same answer however often it is sent.
    const { person, household } = await this.person(repo, station.round, input);
    const now = this.deps.clock.now();
    const sampledAt = acceptedTime(input.at, now);
    const row = {
      id: input.id, round_id: station.round.id, tube_id: tube.id, resident_id: person.id, household_id: person.household_id,
      node_path: person.path, site_id: station.siteId, desk_id: station.deskId, door_task_id: input.doorTaskId ?? null,
      method: opts.method ?? (input.code !== undefined ? 'code' : input.residentId !== undefined ? 'household' : 'id_number'),
      sampled_at: sampledAt, duplicate_of: null as string | null, undone_at: null, registrar_id: actor.accountId || null, created_at: now.toISOString(),
    };
    const after = await this.deps.writes.run(async (trx) => {
      const w = new DeskRepository(trx);
      row.duplicate_of = null;
      await w.insertSample(row);
      const placed = await w.takePlace(tube.id, now.toISOString());
      if (!placed) {
        const state = await w.findTube(tube.id);
        throw new AppError('NAT_TUBE_CLOSED', `tube ${tube.barcode} is ${state?.status === 'open' ? 'full' : state?.status ?? 'gone'}`);
      }
      // The swab is in the tube either way (a positive pool reaches everyone in it); the round counts the person once.
      const counted = await w.claimRoster(station.round.id, person, input.id, sampledAt);
      if (counted !== input.id) {
        row.duplicate_of = counted;
        await w.markDuplicate(input.id, counted);
      }
      if (opts.within) await opts.within(trx, row);
      return placed;
    });
    // Answered from what was just written and read (no re-read).
    return { sample: sampleView({ ...row, tube_barcode: tube.barcode, name: person.name }), tube: tubeView(after), household };
  }

  private async replay(repo: DeskRepository, station: Station, sampleId: string): Promise<ScanResult> {
    const existing = await repo.findSample(sampleId);
    if (!existing || existing.round_id !== station.round.id) throw new AppError('CONFLICT', 'sample id reused', [{ path: 'id', message: 'registry.id_reused' }]);
    return this.answer(repo, sampleId);
  }

  /** Undoes a scan: it no longer counts, its place in the tube is free, and the person's count is recomputed. */
  async undo(actor: Actor, sample: SampleJoinedRow, ex: Executor): Promise<SampleView> {
    const repo = new DeskRepository(ex);
    if (sample.undone_at) return sampleView(sample);
    const tube = await repo.findTube(sample.tube_id);
    if (!tube || (tube.status !== 'open' && tube.status !== 'closed')) throw new AppError('NAT_TUBE_CLOSED', 'the tube has left the desk');
    const at = this.deps.clock.now().toISOString();
    await repo.markUndone(sample.id, at);
    await repo.givePlaceBack(tube.id);
    const roster = await repo.rosterSampleOf(sample.round_id, sample.resident_id);
    if (roster?.sample_id === sample.id) {
      const next = await repo.firstLiveSample(sample.round_id, sample.resident_id);
      if (next) await repo.markDuplicate(next.id, null);
      await repo.setRosterSample(sample.round_id, sample.resident_id, next ?? null);
      await ex.updateTable('nat_samples').set({ duplicate_of: next?.id ?? null })
        .where('duplicate_of', '=', sample.id).where('id', '<>', next?.id ?? '').execute();
    }
    await recordAudit(ex, this.deps.clock, actor, {
      action: 'nat.sample.undo', entityType: 'nat_sample', entityId: sample.id, scopePath: sample.node_path,
      details: { tube: tube.barcode },
    });
    const after = await repo.findSample(sample.id);
    return sampleView(after ?? sample);
  }

  async close(actor: Actor, tube: TubeRow, ex: Executor): Promise<TubeView> {
    const repo = new DeskRepository(ex);
    if (tube.status === 'open') {
      await repo.closeTube(tube.id, this.deps.clock.now().toISOString());
      await recordAudit(ex, this.deps.clock, actor, {
        action: 'nat.tube.close', entityType: 'nat_tube', entityId: tube.id, details: { barcode: tube.barcode, samples: tube.sample_count },
      });
    }
    return tubeView((await repo.findTube(tube.id)) ?? tube);
  }
}
