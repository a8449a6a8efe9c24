import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../../../test/support/harness.ts';
import { createDatabase, type Database } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrator.ts';
import { down, up } from '../../platform/db/migrations/20261123_0002_mobilization.ts';

const TABLES = [
  'dispatch_batches', 'dispatch_members', 'report_in_codes', 'unit_pairings', 'assault_teams', 'assault_team_members', 'pledges',
  'pledge_fulfilments', 'volunteer_signups',
];

// The mobilisation migration runs down and up again on the dialect under test (SQLite, or PostgreSQL).
describe('mobilization migration', () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl();
    drop = fresh.drop;
    database = createDatabase(fresh.url);
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  const existing = async () => {
    const names = database.dialect === 'postgres'
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(database.db)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(database.db)).rows;
    return names.map((r) => r.name).filter((n) => TABLES.includes(n)).sort();
  };

  it('creates every table, drops them all, and creates them again', async () => {
    expect(await existing()).toEqual([...TABLES].sort());
    await down(database.db);
    expect(await existing()).toEqual([]);
    await up(database.db);
    expect(await existing()).toEqual([...TABLES].sort());
  });
});
