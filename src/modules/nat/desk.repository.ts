import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { NatSampleTable, NatTubeTable } from '../../platform/db/tables/nat.ts';

// SQL of desk registration. Scope is settled by the caller through the desk (plan.repository findDeskWithSite);
// a tube, sample or bag is then reached only through that desk's round and site.

export type TubeRow = NatTubeTable;
export type SampleRow = NatSampleTable;
export interface SampleJoinedRow extends SampleRow { tube_barcode: string; name: string }
export interface ResidentPlace { id: string; name: string; household_id: string; path: string; status: string }
export interface HouseholdRow extends ResidentPlace { id_number_hash: string | null; sample_id: string | null }

export class DeskRepository {
  constructor(private readonly ex: Executor) {}

  private samplesJoined() {
    return this.ex.selectFrom('nat_samples as s')
      .innerJoin('nat_tubes as t', 't.id', 's.tube_id')
      .innerJoin('residents as r', 'r.id', 's.resident_id')
      .selectAll('s').select(['t.barcode as tube_barcode', 'r.name']);
  }

  findSample(id: string): Promise<SampleJoinedRow | undefined> {
    return this.samplesJoined().where('s.id', '=', id).executeTakeFirst();
  }

  samplesOfTube(tubeId: string): Promise<SampleJoinedRow[]> {
    return this.samplesJoined().where('s.tube_id', '=', tubeId).orderBy('s.created_at').orderBy('s.id').execute();
  }

  async findTube(id: string): Promise<TubeRow | undefined> {
    return (await tubeById(this.ex, { id })).rows[0];
  }

  async findTubeByBarcode(roundId: string, barcode: string): Promise<TubeRow | undefined> {
    return (await tubeByBarcode(this.ex, { roundId, barcode })).rows[0];
  }

  newestOpenTube(deskId: string): Promise<TubeRow | undefined> {
    return this.ex.selectFrom('nat_tubes').selectAll().where('desk_id', '=', deskId).where('status', '=', 'open')
      .orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  async insertTube(row: TubeRow): Promise<void> {
    await insertTube(this.ex, row);
  }

  /**
   * Takes one place in an open tube that still has room; closes it when that was the last place. One UPDATE, so
   * two desks racing for the last place cannot both have it (PostgreSQL re-checks the WHERE under the row lock).
   */
  async takePlace(tubeId: string, at: string): Promise<TubeRow | undefined> {
    return (await takePlace(this.ex, { tubeId, at })).rows[0];
  }

  async sampleExists(id: string): Promise<boolean> {
    return !!(await this.ex.selectFrom('nat_samples').select('id').where('id', '=', id).executeTakeFirst());
  }

  /** Gives a place back (an undone scan); a tube that had closed itself at capacity opens again. */
  async givePlaceBack(tubeId: string): Promise<void> {
    await this.ex.updateTable('nat_tubes')
      .set({
        sample_count: sql`sample_count - 1`,
        status: sql`case when status = 'closed' then 'open' else status end`,
        closed_at: sql`case when status = 'closed' then null else closed_at end`,
      })
      .where('id', '=', tubeId).where('sample_count', '>', 0).execute();
  }

  async closeTube(tubeId: string, at: string): Promise<void> {
    await this.ex.updateTable('nat_tubes').set({ status: 'closed', closed_at: at })
      .where('id', '=', tubeId).where('status', '=', 'open').execute();
  }

  async insertSample(row: SampleRow): Promise<void> {
    await insertSample(this.ex, row);
  }

  async markDuplicate(sampleId: string, of: string | null): Promise<void> {
    await this.ex.updateTable('nat_samples').set({ duplicate_of: of }).where('id', '=', sampleId).execute();
  }

  async markUndone(sampleId: string, at: string): Promise<void> {
    await this.ex.updateTable('nat_samples').set({ undone_at: at }).where('id', '=', sampleId).execute();
  }

  /** The person's earliest sample this round that still counts (not undone), if any. */
  firstLiveSample(roundId: string, residentId: string): Promise<SampleRow | undefined> {
    return this.ex.selectFrom('nat_samples').selectAll()
      .where('round_id', '=', roundId).where('resident_id', '=', residentId).where('undone_at', 'is', null)
      .orderBy('sampled_at').orderBy('id').limit(1).executeTakeFirst();
  }

  /**
   * Makes `sampleId` the person's counted sample when none is yet. Returns the sample that counts afterwards:
   * this one, or the earlier one (then this scan is a duplicate). A person not on the roster gets a row with
   * required = 0 (sampled although not in the round's population).
   */
  async claimRoster(roundId: string, person: ResidentPlace, sampleId: string, sampledAt: string): Promise<string> {
    const r = await claimRoster(this.ex, { roundId, residentId: person.id, sampleId, sampledAt });
    if (Number(r.numAffectedRows) === 1) return sampleId;
    const row = await this.ex.selectFrom('nat_round_residents').select('sample_id')
      .where('round_id', '=', roundId).where('resident_id', '=', person.id).executeTakeFirst();
    if (row?.sample_id) return row.sample_id;
    if (!row) {
      await this.ex.insertInto('nat_round_residents').values({
        round_id: roundId, resident_id: person.id, household_id: person.household_id, node_path: person.path,
        required: 0, exempt_reason: 'not_on_roster', sampled_at: sampledAt, sample_id: sampleId, result: null, control_status: null,
      }).onConflict((oc) => oc.columns(['round_id', 'resident_id']).doNothing()).execute();
      const again = await this.ex.selectFrom('nat_round_residents').select('sample_id')
        .where('round_id', '=', roundId).where('resident_id', '=', person.id).executeTakeFirst();
      return again?.sample_id ?? sampleId;
    }
    return sampleId;
  }

  /** Points the roster at the sample that now counts (or none) after an undo. */
  async setRosterSample(roundId: string, residentId: string, sample: { id: string; sampled_at: string } | null): Promise<void> {
    await this.ex.updateTable('nat_round_residents')
      .set({ sample_id: sample?.id ?? null, sampled_at: sample?.sampled_at ?? null })
      .where('round_id', '=', roundId).where('resident_id', '=', residentId).execute();
  }

  rosterSampleOf(roundId: string, residentId: string): Promise<{ sample_id: string | null } | undefined> {
    return this.ex.selectFrom('nat_round_residents').select('sample_id')
      .where('round_id', '=', roundId).where('resident_id', '=', residentId).executeTakeFirst();
  }

  /**
   * The residents matching `where` (by id or blind index) together with everyone of their households, each with the
   * household path and whether the round has counted them: the person and the desk's household list in one query.
   * Found by id or blind index first (an index hit), the round's subtree checked by the caller: a range condition in
   * the same query can lead the planner to walk the whole subtree instead.
   */
  async householdsOf(roundId: string, where: { id?: string; idNumberHash?: string }): Promise<HouseholdRow[]> {
    const { rows } = where.id !== undefined
      ? await householdsById(this.ex, { roundId, id: where.id })
      : await householdsByIdNumber(this.ex, { roundId, hash: where.idNumberHash ?? '' });
    return rows;
  }

  async countedAtDesk(deskId: string): Promise<number> {
    const r = await this.ex.selectFrom('nat_samples').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('desk_id', '=', deskId).where('undone_at', 'is', null).where('duplicate_of', 'is', null).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}

/** True for a primary-key / unique violation on either dialect (a concurrent retry won the insert). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE');
}

// The statements of a desk scan, compiled once (see platform/db/prepared.ts).

const TUBE_COLUMNS = [
  'id', 'round_id', 'barcode', 'site_id', 'desk_id', 'source', 'capacity', 'status', 'sample_count', 'bag_id', 'result', 'result_at',
  'opened_by', 'opened_at', 'closed_at',
] as const satisfies readonly (keyof TubeRow)[];
const SAMPLE_COLUMNS = [
  'id', 'round_id', 'tube_id', 'resident_id', 'household_id', 'node_path', 'site_id', 'desk_id', 'door_task_id', 'method', 'sampled_at',
  'duplicate_of', 'undone_at', 'registrar_id', 'created_at',
] as const satisfies readonly (keyof SampleRow)[];

function pick<T, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
}

const tubeById = prepared((ex, p: { id: string }) => ex.selectFrom('nat_tubes').selectAll().where('id', '=', p.id));
const tubeByBarcode = prepared((ex, p: { roundId: string; barcode: string }) =>
  ex.selectFrom('nat_tubes').selectAll().where('round_id', '=', p.roundId).where('barcode', '=', p.barcode));
const insertTube = prepared((ex, p: TubeRow) => ex.insertInto('nat_tubes').values(pick(p, TUBE_COLUMNS)));
const insertSample = prepared((ex, p: SampleRow) => ex.insertInto('nat_samples').values(pick(p, SAMPLE_COLUMNS)));

/**
 * Takes one place in an open tube that still has room; closes it when that was the last place. One UPDATE, so
 * two desks racing for the last place cannot both have it (PostgreSQL re-checks the WHERE under the row lock).
 */
const takePlace = prepared((ex, p: { tubeId: string; at: string }) => ex.updateTable('nat_tubes')
  .set({
    sample_count: sql`sample_count + 1`,
    status: sql`case when sample_count + 1 >= capacity then 'closed' else 'open' end`,
    closed_at: sql`case when sample_count + 1 >= capacity then ${p.at} else closed_at end`,
  })
  .where('id', '=', p.tubeId).where('status', '=', 'open').where(sql<boolean>`sample_count < capacity`)
  .returningAll());

const claimRoster = prepared((ex, p: { roundId: string; residentId: string; sampleId: string; sampledAt: string }) =>
  ex.updateTable('nat_round_residents').set({ sample_id: p.sampleId, sampled_at: p.sampledAt })
    .where('round_id', '=', p.roundId).where('resident_id', '=', p.residentId).where('sample_id', 'is', null));

/** Everyone of the households of the matching residents, each with the household path and the round's sample. */
function households(ex: Executor, roundId: string) {
  return ex.selectFrom('residents as m')
    .innerJoin('jurisdiction_nodes as h', 'h.id', 'm.household_id')
    .innerJoin('residents as r', 'r.household_id', 'm.household_id')
    .leftJoin('nat_round_residents as rr', (j) => j.onRef('rr.resident_id', '=', 'r.id').on('rr.round_id', '=', roundId))
    .select(['r.id', 'r.name', 'r.household_id', 'h.path', 'r.status', 'r.id_number_hash', 'rr.sample_id']);
}
const householdsById = prepared((ex, p: { roundId: string; id: string }) => households(ex, p.roundId).where('m.id', '=', p.id));
const householdsByIdNumber = prepared((ex, p: { roundId: string; hash: string }) =>
  households(ex, p.roundId).where('m.id_number_hash', '=', p.hash));
