import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database, type Executor } from '../../src/platform/db/database.ts';
import { GroupCommit } from '../../src/platform/db/group-commit.ts';
import { prepared } from '../../src/platform/db/prepared.ts';
import { freshDatabaseUrl, TEST_DIALECT } from '../support/harness.ts';

// The group commit (concurrent units share a transaction on SQLite) and compiled-once queries, on both dialects.

interface Probe { gc_probe: { id: string; n: number; note: string | null } }

let database: Database;
let drop: () => Promise<void>;
const probe = () => database.db as unknown as Kysely<Probe>;

beforeEach(async () => {
  const fresh = await freshDatabaseUrl();
  drop = fresh.drop;
  database = createDatabase(fresh.url);
  await probe().schema.createTable('gc_probe')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('note', 'varchar(100)')
    .execute();
});

afterEach(async () => {
  await database.close();
  await drop();
});

const insert = (ex: Executor, id: string, n: number) =>
  (ex as unknown as Kysely<Probe>).insertInto('gc_probe').values({ id, n, note: null }).execute();

describe(`group commit (${TEST_DIALECT})`, () => {
  it('commits concurrent units and undoes only the one that fails', async () => {
    const writes = new GroupCommit(database);
    const results = await Promise.allSettled([
      writes.run(async (trx) => { await insert(trx, 'a', 1); return 'a'; }),
      writes.run(async (trx) => { await insert(trx, 'b', 2); throw new Error('refused after writing'); }),
      writes.run(async (trx) => { await insert(trx, 'c', 3); return 'c'; }),
      // A primary-key clash with a unit of the same batch: the database refuses it, the others stand.
      writes.run(async (trx) => { await insert(trx, 'a', 4); return 'a again'; }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused after writing');
    const rows = await probe().selectFrom('gc_probe').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.n])).toEqual([['a', 1], ['c', 3]]);
  });

  it('answers a unit only once what it wrote is committed', async () => {
    const writes = new GroupCommit(database);
    const seen = await Promise.all(Array.from({ length: 20 }, (_, i) => writes.run(async (trx) => {
      await insert(trx, `u${String(i).padStart(2, '0')}`, i);
      return i;
    }).then(async (i) => {
      // Read outside the unit's transaction: the row must already be there for everyone.
      const row = await probe().selectFrom('gc_probe').select('n').where('id', '=', `u${String(i).padStart(2, '0')}`).executeTakeFirst();
      return row?.n;
    })));
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('a unit that fails alone rejects with its own error and writes nothing', async () => {
    const writes = new GroupCommit(database);
    await expect(writes.run(async (trx) => { await insert(trx, 'x', 1); throw new Error('no'); })).rejects.toThrow('no');
    expect(await probe().selectFrom('gc_probe').selectAll().execute()).toEqual([]);
  });
});

describe(`prepared queries (${TEST_DIALECT})`, () => {
  const byN = prepared((ex, p: { least: number; note: string }) => (ex as unknown as Kysely<Probe>).selectFrom('gc_probe')
    .select(['id', 'n']).where('n', '>=', p.least).where((eb) => eb.or([eb('note', '=', p.note), eb('note', 'is', null)]))
    .orderBy('n').limit(2));

  it('binds each call its own values and keeps the constants it was compiled with', async () => {
    for (const [id, n] of [['a', 1], ['b', 2], ['c', 3], ['d', 4]] as const) await insert(database.db, id, n);
    expect((await byN(database.db, { least: 2, note: 'x' })).rows).toEqual([{ id: 'b', n: 2 }, { id: 'c', n: 3 }]);
    expect((await byN(database.db, { least: 4, note: 'x' })).rows).toEqual([{ id: 'd', n: 4 }]);
    // The same compiled query inside a transaction.
    await database.db.transaction().execute(async (trx) => {
      await insert(trx, 'e', 5);
      expect((await byN(trx, { least: 5, note: 'x' })).rows).toEqual([{ id: 'e', n: 5 }]);
    });
  });

  it('refuses a placeholder used as SQL text and a missing value', async () => {
    const asText = prepared((ex, p: { column: string }) => (ex as unknown as Kysely<Probe>).selectFrom('gc_probe').select(sql.ref(p.column).as('v')));
    await expect(asText(database.db, { column: 'id' })).rejects.toThrow(/placeholder was used as SQL text/);
    await expect(byN(database.db, { least: 1 } as { least: number; note: string })).rejects.toThrow(/no value for "note"/);
  });
});
