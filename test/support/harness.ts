import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createServices, type AppContext } from '../../src/app.ts';
import { seedDefaultLevels, ensureFirstAdmin } from '../../src/bootstrap.ts';
import { systemClock, type Clock } from '../../src/platform/clock.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createFieldCipher } from '../../src/platform/crypto/field-cipher.ts';
import { createTokenSigner, generateSigningKeyPem } from '../../src/platform/crypto/signer.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrator.ts';
import type { App } from '../../src/platform/http/types.ts';
import { buildServer } from '../../src/server.ts';

export const ADMIN_PASSWORD = 'Admin-test-2026';

/** 'postgres' when FANGKONG_TEST_DATABASE_URL is set: the whole suite then runs on PostgreSQL. */
export const TEST_DIALECT = process.env.FANGKONG_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** A fresh, empty, migrated database per call: an in-memory SQLite, or a new PostgreSQL database dropped on close. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.FANGKONG_TEST_DATABASE_URL;
  if (!base) return { url: 'sqlite::memory:', drop: async () => {} };
  const name = `fk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // The app's pool has been ended; its sockets may still be closing, so give them a moment before forcing.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name}`);
          break;
        } catch (err) {
          if (attempt >= 20) { await c.query(`drop database if exists ${name} with (force)`); break; }
          if ((err as { code?: string }).code !== '55006') throw err;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await c.end();
    },
  };
}

export interface TestApp {
  ctx: AppContext;
  app: App;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const { url, drop } = await freshDatabaseUrl();
  const config = loadConfig({
    FANGKONG_DATA_DIR: path.join(os.tmpdir(), 'fangkong-test'),
    FANGKONG_DATABASE_URL: url.startsWith('sqlite') ? 'sqlite::memory:' : url,
    FANGKONG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    FANGKONG_DEMO: '0',
    ...opts.env,
  });
  const database = createDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const clock = opts.clock ?? systemClock;
  const cipher = createFieldCipher(randomBytes(32).toString('hex'));
  const signer = createTokenSigner(generateSigningKeyPem());
  const ctx: AppContext = {
    config, database, clock, cipher, signer, services: createServices(database, clock, cipher, config, signer),
    close: () => database.close(),
  };
  await seedDefaultLevels(ctx);
  await ensureFirstAdmin(ctx);
  const app = await buildServer(ctx);
  await app.ready();
  return {
    ctx, app, config,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
