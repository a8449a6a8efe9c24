import { createDatabase } from '../platform/db/database.ts';
import { migrateDown, migrateToLatest } from '../platform/db/migrator.ts';
import { loadConfig } from '../platform/config.ts';
import { parseOptions } from './context.ts';

export async function runMigrate(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { down: { type: 'boolean' } });
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl);
  try {
    const done = values.down ? await migrateDown(database.db) : await migrateToLatest(database.db);
    console.log(done.length ? `${values.down ? 'Reverted' : 'Applied'}: ${done.join(', ')}` : 'Database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}
