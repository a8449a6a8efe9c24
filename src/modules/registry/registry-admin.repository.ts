import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { subtreeEnd } from '../../platform/policy.ts';

export interface RetentionSelection {
  /** UTC ISO instant: residents registered before it. */
  cutoff: string;
  /** Limit to a subtree (path of the chosen node). */
  path?: string;
}

type Picked = SelectQueryBuilder<DB & { r: DB['residents']; h: DB['jurisdiction_nodes'] }, 'r' | 'h', object>;

/** SQL of the retention run: which records go, counted per community (or village), and the anonymising updates. */
export class RetentionRepository {
  constructor(private readonly ex: Executor) {}

  private picked(s: RetentionSelection): Picked {
    let q = this.ex.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .where('r.created_at', '<', s.cutoff).where('r.anonymised_at', 'is', null);
    if (s.path) q = q.where('h.path', '>=', s.path).where('h.path', '<', subtreeEnd(s.path));
    return q;
  }

  private withCommunity(s: RetentionSelection) {
    return this.picked(s).leftJoin('jurisdiction_nodes as c', (j) => j
      .on('c.level_code', 'in', ['community', 'village'])
      .on(sql<boolean>`h.path >= c.path and h.path < c.path || '~'`));
  }

  async countsByCommunity(s: RetentionSelection): Promise<Array<{ id: string | null; name: string | null; residents: number; with_id: number; with_phone: number }>> {
    const rows = await this.withCommunity(s)
      .select(['c.id', 'c.name'])
      .select((eb) => [
        eb.fn.count<number>('r.id').as('residents'),
        eb.fn.count<number>('r.id_number_enc').as('with_id'),
        eb.fn.count<number>('r.phone_enc').as('with_phone'),
      ])
      .groupBy(['c.id', 'c.name']).orderBy('c.name').execute();
    return rows.map((r) => ({ ...r, residents: Number(r.residents), with_id: Number(r.with_id), with_phone: Number(r.with_phone) }));
  }

  async movesByCommunity(s: RetentionSelection): Promise<Map<string | null, number>> {
    const rows = await this.withCommunity(s)
      .innerJoin('resident_events as e', 'e.resident_id', 'r.id')
      .where('e.kind', '=', 'moved')
      .select('c.id').select((eb) => eb.fn.count<number>('e.id').as('moves'))
      .groupBy('c.id').execute();
    return new Map(rows.map((r) => [r.id, Number(r.moves)]));
  }

  /**
   * Personal data goes; the rows, their households, sex, birth year and kinds of need stay, so the counts per
   * household and building are what they were.
   */
  async anonymise(s: RetentionSelection, at: string): Promise<number> {
    const ids = this.picked(s).select('r.id');
    await this.ex.updateTable('resident_events').set({ reason: null }).where('resident_id', 'in', ids).execute();
    await this.ex.updateTable('resident_needs').set({ note: null }).where('resident_id', 'in', ids).execute();
    const result = await this.ex.updateTable('residents')
      .set({
        name: '某某', id_number_enc: null, id_number_hash: null, phone_enc: null, phone_hash: null, birth_date: null,
        notes: null, anonymised_at: at, updated_at: at,
      })
      .where('id', 'in', ids).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

/** Tables whose personal numbers are encrypted with the field key; rotation walks each of them. */
export const ENCRYPTED_TABLES = ['residents', 'people'] as const;
export type EncryptedTable = (typeof ENCRYPTED_TABLES)[number];

export interface EncryptedRow {
  id: string;
  id_type: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
}

/** SQL of key rotation: rows still holding a ciphertext of another key version, in id order. */
export class KeyRotationRepository {
  constructor(private readonly ex: Executor) {}

  async staleBatch(table: EncryptedTable, version: string, after: string | null, limit: number): Promise<EncryptedRow[]> {
    const prefix = `${version}.%`;
    const idType = table === 'residents' ? sql<string | null>`id_type` : sql<string | null>`null`;
    let q = this.ex.selectFrom(table)
      .select(['id', 'id_number_enc', 'id_number_hash', 'phone_enc', 'phone_hash'])
      .select(idType.as('id_type'))
      .where((eb) => eb.or([
        eb.and([eb('id_number_enc', 'is not', null), eb('id_number_enc', 'not like', prefix)]),
        eb.and([eb('phone_enc', 'is not', null), eb('phone_enc', 'not like', prefix)]),
      ]))
      .orderBy('id').limit(limit);
    if (after) q = q.where('id', '>', after);
    return q.execute();
  }

  async rewrite(table: EncryptedTable, id: string, values: Omit<EncryptedRow, 'id' | 'id_type'>): Promise<void> {
    await this.ex.updateTable(table).set(values).where('id', '=', id).execute();
  }

  async countStale(table: EncryptedTable, version: string): Promise<number> {
    const prefix = `${version}.%`;
    const r = await this.ex.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([
        eb.and([eb('id_number_enc', 'is not', null), eb('id_number_enc', 'not like', prefix)]),
        eb.and([eb('phone_enc', 'is not', null), eb('phone_enc', 'not like', prefix)]),
      ])).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
