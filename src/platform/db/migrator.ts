import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.ts';
import * as foundation from './migrations/20261123_0001_foundation.ts';
import * as mobilization from './migrations/20261123_0002_mobilization.ts';
import * as duty from './migrations/20261123_0003_duty.ts';
import * as reports from './migrations/20261123_0004_reports.ts';
import * as registry from './migrations/20261123_0005_registry.ts';
import * as screening from './migrations/20261123_0006_screening.ts';
import * as outsiders from './migrations/20261123_0007_outsiders.ts';
import * as declarations from './migrations/20261123_0008_declarations.ts';
import * as nat from './migrations/20261123_0009_nat.ts';

// Migrations are listed here (not discovered from the file system) so they bundle and run the same everywhere.
const MIGRATIONS: Record<string, Migration> = {
  '20261123_0001_foundation': foundation,
  '20261123_0002_mobilization': mobilization,
  '20261123_0003_duty': duty,
  '20261123_0004_reports': reports,
  '20261123_0005_registry': registry,
  '20261123_0006_screening': screening,
  '20261123_0007_outsiders': outsiders,
  '20261123_0008_declarations': declarations,
  '20261123_0009_nat': nat,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDown(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).map((r) => r.migrationName);
}
