import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { NatSampleTable, NatTubeTable } from '../../platform/db/tables/nat.ts';
import { subtreeEnd } from '../../platform/policy.ts';

// SQL of desk registration. Scope is settled by the caller through the desk (plan.repository findDeskWithSite);
// a tube, sample or bag is then reached only through that desk's round and site.

export type TubeRow = NatTubeTable;
export type SampleRow = NatSampleTable;
export interface SampleJoinedRow extends SampleRow { tube_barcode: string; name: string }
export interface ResidentPlace { id: string; name: string; household_id: string; path: string; status: string }

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

  findTube(id: string): Promise<TubeRow | undefined> {
    return this.ex.selectFrom('nat_tubes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findTubeByBarcode(roundId: string, barcode: string): Promise<TubeRow | undefined> {
    return this.ex.selectFrom('nat_tubes').selectAll().where('round_id', '=', roundId).where('barcode', '=', barcode).executeTakeFirst();
  }

  newestOpenTube(deskId: string): Promise<TubeRow | undefined> {
    return this.ex.selectFrom('nat_tubes').selectAll().where('desk_id', '=', deskId).where('status', '=', 'open')
      .orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  async insertTube(row: TubeRow): Promise<void> {
    await this.ex.insertInto('nat_tubes').values(row).execute();
  }

  /**
   * Takes one place in an open tube that still has room; closes it when that was the last place. One UPDATE, so
   * two desks racing for the last place cannot both have it (PostgreSQL re-checks the WHERE under the row lock).
   */
  async takePlace(tubeId: string, at: string): Promise<TubeRow | undefined> {
    return this.ex.updateTable('nat_tubes')
      .set({
        sample_count: sql`sample_count + 1`,
        status: sql`case when sample_count + 1 >= capacity then 'closed' else 'open' end`,
        closed_at: sql`case when sample_count + 1 >= capacity then ${at} else closed_at end`,
      })
      .where('id', '=', tubeId).where('status', '=', 'open').where(sql<boolean>`sample_count < capacity`)
      .returningAll().executeTakeFirst();
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
    await this.ex.insertInto('nat_samples').values(row).execute();
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
    const r = await this.ex.updateTable('nat_round_residents').set({ sample_id: sampleId, sampled_at: sampledAt })
      .where('round_id', '=', roundId).where('resident_id', '=', person.id).where('sample_id', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return sampleId;
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
   * A resident with the household path, if they live inside `path` (the round's subtree). Looked up by id or blind
   * index first (an index hit), the path checked after: a range condition in the same query can lead the planner
   * to walk the whole subtree instead.
   */
  async residentIn(path: string, where: { id?: string; idNumberHash?: string }): Promise<ResidentPlace | undefined> {
    let q = this.ex.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.name', 'r.household_id', 'h.path', 'r.status']);
    if (where.id) q = q.where('r.id', '=', where.id);
    if (where.idNumberHash) q = q.where('r.id_number_hash', '=', where.idNumberHash);
    const rows = (await q.limit(20).execute()).filter((r) => r.path >= path && r.path < subtreeEnd(path));
    return rows.find((r) => r.status === 'active') ?? rows[0];
  }

  /** Does the resident exist at all (to tell "outside the round" from "unknown")? */
  async residentExists(where: { id?: string; idNumberHash?: string }): Promise<boolean> {
    let q = this.ex.selectFrom('residents').select('id');
    if (where.id) q = q.where('id', '=', where.id);
    if (where.idNumberHash) q = q.where('id_number_hash', '=', where.idNumberHash);
    return !!(await q.limit(1).executeTakeFirst());
  }

  householdMembers(roundId: string, householdId: string, exceptId: string) {
    return this.ex.selectFrom('residents as r')
      .leftJoin('nat_round_residents as rr', (j) => j.onRef('rr.resident_id', '=', 'r.id').on('rr.round_id', '=', roundId))
      .select(['r.id', 'r.name', 'rr.sample_id'])
      .where('r.household_id', '=', householdId).where('r.status', '=', 'active').where('r.id', '<>', exceptId)
      .orderBy('r.id').execute();
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
