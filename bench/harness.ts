import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openApp, type AppContext } from '../src/app.ts';
import { ensureFirstAdmin, seedDefaultLevels } from '../src/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';

export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  /** The same figure for the baseline measured in the same run. */
  baseline: number;
  /** value relative to the baseline; > 1 means faster than the baseline for rates, see each bench. */
  ratio: number;
}

export interface BenchOptions {
  db: 'sqlite' | 'postgres';
  quick: boolean;
}

export type Bench = (opts: BenchOptions) => Promise<Figure[]>;

export function print(f: Figure): void {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  console.log(JSON.stringify({ ...f, value: round(f.value), baseline: round(f.baseline), ratio: round(f.ratio) }));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A throwaway app on SQLite (temp dir) or on a fresh PostgreSQL database, dropped afterwards. */
export async function benchApp(db: 'sqlite' | 'postgres'): Promise<{ ctx: AppContext; url: string; close(): Promise<void> }> {
  const dir = path.join(os.tmpdir(), `fangkong-bench-${randomBytes(4).toString('hex')}`);
  let url = `sqlite:${path.join(dir, 'bench.db')}`;
  let drop = async () => {};
  if (db === 'postgres') {
    const base = process.env.FANGKONG_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `fk_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const ctx = await openApp(loadConfig({ FANGKONG_DATA_DIR: dir, FANGKONG_DATABASE_URL: url, FANGKONG_ADMIN_PASSWORD: 'Bench-pass-2026', FANGKONG_DEMO: '0' }));
  await seedDefaultLevels(ctx);
  await ensureFirstAdmin(ctx);
  return { ctx, url, close: async () => { await ctx.close(); await drop(); } };
}
