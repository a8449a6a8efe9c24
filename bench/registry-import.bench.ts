import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { AppContext } from '../src/app.ts';
import { newId } from '../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../src/platform/policy.ts';
import { benchApp, type Bench, type Figure } from './harness.ts';
import { benchTree, resident, withPeakRss, writeCsv, writeXlsx } from './registry-rows.ts';

/**
 * Resident import of N generated rows (1,000,000; 20,000 with FANGKONG_BENCH_QUICK=1) from CSV and from XLSX,
 * through the same service path as POST /api/registry/imports (spooled file → validation pass → batched
 * writes; households are created by the import). Baseline, same run: a raw batched INSERT of the same
 * residents rows (better-sqlite3 prepared statement, 5,000 rows per transaction; on PostgreSQL pg multi-row
 * INSERTs of 1,000 rows) into the same migrated table with its indexes. The baseline's values (ids,
 * ciphertexts, blind indexes) are computed outside its timing, so it is the bare database cost of the rows —
 * it leaves out parsing, validation, encryption, households, history events and needs, which the import does.
 * ratio = import rows/s ÷ baseline rows/s (target ≥ 0.2 for CSV on SQLite).
 */
export const registryImport: Bench = async ({ db, quick }) => {
  const total = Number(process.env.FANGKONG_BENCH_ROWS) || (quick ? 20_000 : 1_000_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fangkong-bench-import-'));
  try {
    const csv = path.join(dir, 'residents.csv');
    const xlsx = path.join(dir, 'residents.xlsx');
    await writeCsv(csv, total);
    await writeXlsx(xlsx, total);
    const baseline = await baselineRate(db, total);
    const figures: Figure[] = [];
    for (const [format, file] of [['csv', csv], ['xlsx', xlsx]] as const) {
      const bytes = (await stat(file)).size;
      const { rate, peakMb, startMb } = await importRate(db, total, format, file);
      figures.push({ bench: 'registry-import', figure: `${format.toUpperCase()} import of ${total} residents (${db}, ${(bytes / 1e6).toFixed(0)} MB)`, value: rate, unit: 'rows/s', baseline, ratio: rate / baseline });
      figures.push({ bench: 'registry-import', figure: `${format.toUpperCase()} import peak RSS (${db}; baseline = RSS before)`, value: peakMb, unit: 'MB', baseline: startMb, ratio: peakMb / startMb });
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

async function importRate(db: 'sqlite' | 'postgres', total: number, format: 'csv' | 'xlsx', file: string) {
  const app = await benchApp(db);
  try {
    const { communityId } = await benchTree(app.ctx, total);
    const copy = path.join(path.dirname(file), `upload-${newId()}.${format}`);
    // The service deletes the spooled upload when the job ends, as after an HTTP upload.
    await (await import('node:fs/promises')).copyFile(file, copy);
    global.gc?.();
    const startMb = process.memoryUsage().rss / 1024 / 1024;
    const t0 = performance.now();
    const { result, peakMb } = await withPeakRss(async () => {
      const imports = app.ctx.services.registry.imports;
      const job = await imports.start(SYSTEM_ACTOR, { path: copy, fileName: `residents.${format}`, format, nodeId: communityId, acceptValid: false, lang: 'zh' });
      return imports.wait(SYSTEM_ACTOR, job.id);
    });
    const seconds = (performance.now() - t0) / 1000;
    if (result.state !== 'done' || result.created !== total) throw new Error(`import ended ${result.state}: ${JSON.stringify({ ...result, errors: result.errors.slice(0, 3) })}`);
    return { rate: total / seconds, peakMb, startMb };
  } finally {
    await app.close();
  }
}

/** The residents rows as the import would store them (values computed here, outside the timing). */
function rowsOf(ctx: AppContext, from: number, to: number, households: string[], at: string): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = from; i < to; i++) {
    const r = resident(i);
    rows.push([
      newId(), households[Math.floor(i / 3) % households.length], r.name, r.sex, r.birthDate, Number(r.birthDate.slice(0, 4)), 'id_card',
      ctx.cipher.encrypt(r.idNumber), ctx.cipher.blindIndex(r.idNumber, 'id_number'), ctx.cipher.encrypt(r.phone), ctx.cipher.blindIndex(r.phone, 'phone'),
      'head', 'permanent', 'active', null, null, null, at, at,
    ]);
  }
  return rows;
}

const COLUMNS = ['id', 'household_id', 'name', 'sex', 'birth_date', 'birth_year', 'id_type', 'id_number_enc', 'id_number_hash', 'phone_enc',
  'phone_hash', 'relation', 'residence_type', 'status', 'status_date', 'notes', 'anonymised_at', 'created_at', 'updated_at'];

async function baselineRate(db: 'sqlite' | 'postgres', total: number): Promise<number> {
  const app = await benchApp(db);
  const chunk = db === 'sqlite' ? 5000 : 1000;
  const at = new Date().toISOString();
  let timed = 0;
  try {
    const { entranceIds } = await benchTree(app.ctx, total);
    // Households exist up front for the baseline (foreign keys); the import creates its own.
    const households: string[] = [];
    const nodes = entranceIds.flatMap((e) => Array.from({ length: 30 }, (_, k) => {
      const id = newId();
      households.push(id);
      return { id, parent_id: e, level_code: 'household', name: `${k}室`, code: null, path: `/x/${id}/`, depth: 5, created_at: at, updated_at: at };
    }));
    for (let i = 0; i < nodes.length; i += 2000) await app.ctx.database.db.insertInto('jurisdiction_nodes').values(nodes.slice(i, i + 2000)).execute();
    if (db === 'sqlite') {
      const file = app.url.replace(/^sqlite:/, '');
      const raw = new Sqlite(file);
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      const insert = raw.prepare(`insert into residents (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
      const many = raw.transaction((rows: unknown[][]) => { for (const r of rows) insert.run(r); });
      for (let i = 0; i < total; i += chunk) {
        const rows = rowsOf(app.ctx, i, Math.min(total, i + chunk), households, at);
        const t0 = performance.now();
        many(rows);
        timed += performance.now() - t0;
      }
      raw.close();
    } else {
      const client = new pg.Client({ connectionString: app.url });
      await client.connect();
      for (let i = 0; i < total; i += chunk * 5) {
        const batches: unknown[][][] = [];
        for (let j = i; j < Math.min(total, i + chunk * 5); j += chunk) batches.push(rowsOf(app.ctx, j, Math.min(total, j + chunk, i + chunk * 5), households, at));
        const t0 = performance.now();
        await client.query('begin');
        for (const rows of batches) {
          const params: unknown[] = [];
          const tuples = rows.map((r) => `(${r.map((v) => { params.push(v); return `$${params.length}`; }).join(',')})`);
          await client.query(`insert into residents (${COLUMNS.join(', ')}) values ${tuples.join(',')}`, params);
        }
        await client.query('commit');
        timed += performance.now() - t0;
      }
      await client.end();
    }
    return total / (timed / 1000);
  } finally {
    await app.close();
  }
}
