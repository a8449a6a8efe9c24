import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
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

/**
 * Tables holding ciphertexts of the field key; rotation walks each of them. `key` is the row's key column;
 * `idNumber` / `phone` say which number pairs (ciphertext + blind index) it has; `secret` names a lone
 * ciphertext without a blind index (the report-in QR token, whose lookup hash is a plain SHA-256).
 */
export const ENCRYPTED_TABLES = ['residents', 'people', 'volunteer_signups', 'report_in_codes', 'arrivals', 'declaration_entries'] as const;
export type EncryptedTable = (typeof ENCRYPTED_TABLES)[number];

interface TableSpec { key: string; idNumber?: boolean; phone?: boolean; idType?: boolean; secret?: string }
const SPECS: Record<EncryptedTable, TableSpec> = {
  residents: { key: 'id', idNumber: true, phone: true, idType: true },
  people: { key: 'id', idNumber: true, phone: true },
  volunteer_signups: { key: 'id', phone: true },
  report_in_codes: { key: 'node_id', secret: 'token_enc' },
  // outsiders: arrivals hold document numbers (by type, like residents) and phones
  arrivals: { key: 'id', idNumber: true, phone: true, idType: true },
  // declarations: the personal link token, kept encrypted to show the link again (lookup by SHA-256)
  declaration_entries: { key: 'id', secret: 'token_enc' },
};

export interface EncryptedRow {
  id: string;
  id_type: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  /** A lone ciphertext (report_in_codes.token_enc). */
  secret_enc: string | null;
}

/** SQL of key rotation: rows still holding a ciphertext of another key version, in key order. */
export class KeyRotationRepository {
  constructor(private readonly ex: Executor) {}

  /** Untyped access: the tables differ in shape, the columns come from SPECS (never from input). */
  private get any(): Kysely<any> {
    return this.ex as unknown as Kysely<any>;
  }

  private stale(table: EncryptedTable, version: string) {
    const spec = SPECS[table];
    const prefix = `${version}.%`;
    const columns = [spec.idNumber && 'id_number_enc', spec.phone && 'phone_enc', spec.secret].filter((c): c is string => !!c);
    return (eb: ExpressionBuilder<any, any>) => eb.or(columns.map((c) => eb.and([eb(c, 'is not', null), eb(c, 'not like', prefix)])));
  }

  async staleBatch(table: EncryptedTable, version: string, after: string | null, limit: number): Promise<EncryptedRow[]> {
    const spec = SPECS[table];
    const col = (name: string | false | undefined, as: string) => (name ? sql.ref(name) : sql`null`).as(as);
    let q = this.any.selectFrom(table)
      .select([
        col(spec.key, 'id'), col(spec.idType && 'id_type', 'id_type'),
        col(spec.idNumber && 'id_number_enc', 'id_number_enc'), col(spec.idNumber && 'id_number_hash', 'id_number_hash'),
        col(spec.phone && 'phone_enc', 'phone_enc'), col(spec.phone && 'phone_hash', 'phone_hash'), col(spec.secret, 'secret_enc'),
      ])
      .where(this.stale(table, version))
      .orderBy(spec.key).limit(limit);
    if (after) q = q.where(spec.key, '>', after);
    return (await q.execute()) as unknown as EncryptedRow[];
  }

  async rewrite(table: EncryptedTable, id: string, values: Omit<EncryptedRow, 'id' | 'id_type'>): Promise<void> {
    const spec = SPECS[table];
    const set: Record<string, string | null> = {};
    if (spec.idNumber) Object.assign(set, { id_number_enc: values.id_number_enc, id_number_hash: values.id_number_hash });
    if (spec.phone) Object.assign(set, { phone_enc: values.phone_enc, phone_hash: values.phone_hash });
    if (spec.secret) set[spec.secret] = values.secret_enc;
    await this.any.updateTable(table).set(set).where(spec.key, '=', id).execute();
  }

  async countStale(table: EncryptedTable, version: string): Promise<number> {
    const r = await this.any.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
      .where(this.stale(table, version)).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
