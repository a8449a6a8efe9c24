import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { idNumberCheckDigit } from '../src/platform/id-number.ts';
import { newId } from '../src/platform/ids.ts';
import { buildServer } from '../src/server.ts';
import { benchApp, percentile, type Bench, type Figure } from './harness.ts';

/**
 * Desk scan registration over HTTP, durable: a scan is answered after its transaction commits (SQLite WAL with
 * synchronous=NORMAL, as the app runs; PostgreSQL default fsync). N desks scan concurrently (closed loop, keep-alive)
 * by typed ID number — validated, blind-indexed, looked up, tube place taken, roster claimed — through the whole
 * Fastify stack (session cookie, CSRF, zod). Baseline, same run, same stack, same body, same concurrency: a route
 * that does ONE plain INSERT of the request per request (POST /api/bench/insert, registered only here).
 * ratio = scans/s ÷ baseline inserts/s (target ≥ 0.6 on SQLite). Also the batched sync path an offline desk uses
 * (50 queued items per request, each item its own transaction), in scans/s against the same baseline.
 */

const DESKS = 8;
const POOL = 10;

function idNumberOf(i: number): string {
  const first17 = `110105${String(19500101 + (i % 28) + 100 * (1 + (i % 12)) - 100).padStart(8, '0')}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

interface Slice { ops: number; seconds: number; latencies: number[]; used: number }

async function run(worker: Worker, mode: string, seconds: number, desks: { deskId: string; idNumbers: string[] }[]): Promise<Slice> {
  const elu0 = performance.eventLoopUtilization();
  worker.postMessage({ mode, seconds, desks });
  const [r] = (await once(worker, 'message')) as [Slice & { failed: number }];
  if (r.failed > 0) throw new Error(`${r.failed} ${mode} requests failed`);
  if (process.env.NATDESK_DEBUG) {
    console.error(mode, { ops: r.ops, p50: percentile(r.latencies, 50), elu: performance.eventLoopUtilization(elu0).utilization.toFixed(2) });
  }
  return r;
}

/** Side by side: each mode runs in short slices taking turns, so a machine that slows down or speeds up mid-run
 * weighs on every mode alike; the figures sum the slices. */
async function interleaved(rounds: number, slice: number, modes: Record<string, (seconds: number) => Promise<Slice>>) {
  const total: Record<string, { ops: number; seconds: number; latencies: number[] }> = {};
  for (const go of Object.values(modes)) await go(slice); // warm-up, not counted
  for (let r = 0; r < rounds; r++) {
    for (const [mode, go] of Object.entries(modes)) {
      const one = await go(slice);
      const t = (total[mode] ??= { ops: 0, seconds: 0, latencies: [] });
      t.ops += one.ops;
      t.seconds += one.seconds;
      t.latencies.push(...one.latencies);
    }
  }
  return Object.fromEntries(Object.entries(total).map(([mode, t]) => {
    t.latencies.sort((x, y) => x - y);
    return [mode, { rate: t.ops / t.seconds, p99: percentile(t.latencies, 99) }];
  }));
}

export const natDesk: Bench = async ({ db, quick }) => {
  const residents = quick ? 8000 : 60_000;
  const { ctx, close } = await benchApp(db);
  const d = ctx.database.db;
  const at = new Date().toISOString();
  // A community → compound → building → entrance → households of 3, straight into the tables.
  const nodes: { id: string; parent_id: string | null; level_code: string; name: string; code: null; path: string; depth: number; created_at: string; updated_at: string }[] = [];
  const add = (parent: (typeof nodes)[number] | null, level: string, name: string) => {
    const id = newId();
    const row = { id, parent_id: parent?.id ?? null, level_code: level, name, code: null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, created_at: at, updated_at: at };
    nodes.push(row);
    return row;
  };
  const community = add(null, 'community', '基准社区');
  const compound = add(community, 'compound', '基准小区');
  const entrance = add(add(compound, 'building', '1号楼'), 'entrance', '1单元');
  const households = Array.from({ length: Math.ceil(residents / 3) }, (_, i) => add(entrance, 'household', `${i + 1}室`));
  const people = Array.from({ length: residents }, (_, i) => ({ id: newId(), idNumber: idNumberOf(i * 7919 + 13), household: households[Math.floor(i / 3)] }));
  // Distinct numbers only (the generator may repeat one now and then).
  const seen = new Set<string>();
  const unique = people.filter((p) => !seen.has(p.idNumber) && seen.add(p.idNumber));
  const roundId = newId();
  const siteId = newId();
  const deskIds = Array.from({ length: DESKS }, () => newId());
  await d.transaction().execute(async (trx) => {
    for (let i = 0; i < nodes.length; i += 500) await trx.insertInto('jurisdiction_nodes').values(nodes.slice(i, i + 500)).execute();
    await trx.insertInto('nat_rounds').values({
      id: roundId, name: '基准轮次', number: 1, node_id: community.id, node_path: community.path, starts_on: at.slice(0, 10), ends_on: at.slice(0, 10),
      pool_size: POOL, bag_size: 20, certificate_valid_hours: 48, required_rule: '{}', status: 'open', roster_built_at: at, created_by: null, created_at: at, updated_at: at,
    }).execute();
    await trx.insertInto('nat_sites').values({
      id: siteId, round_id: roundId, name: '基准点位', node_id: compound.id, node_path: compound.path, address: null, opens_at: '07:00', closes_at: '19:00',
      pool_size: null, created_at: at, updated_at: at,
    }).execute();
    await trx.insertInto('nat_desks').values(deskIds.map((id, i) => ({ id, round_id: roundId, site_id: siteId, name: `${i + 1}号台`, kind: 'pooled', created_at: at }))).execute();
    for (let i = 0; i < unique.length; i += 300) {
      const part = unique.slice(i, i + 300);
      await trx.insertInto('residents').values(part.map((p) => ({
        id: p.id, household_id: p.household.id, name: '基准居民', sex: null, birth_date: null, birth_year: null, id_type: 'id_card',
        id_number_enc: ctx.cipher.encrypt(p.idNumber), id_number_hash: ctx.cipher.blindIndex(p.idNumber, 'id_number'), phone_enc: null,
        phone_hash: null, relation: 'head', residence_type: 'permanent', status: 'active', status_date: null, notes: null, anonymised_at: null,
        created_at: at, updated_at: at,
      }))).execute();
      await trx.insertInto('nat_round_residents').values(part.map((p) => ({
        round_id: roundId, resident_id: p.id, household_id: p.household.id, node_path: p.household.path, required: 1, exempt_reason: null,
        sampled_at: null, sample_id: null, result: null, control_status: null,
      }))).execute();
    }
  });
  await sql`create table bench_inserts (id varchar(26) primary key, body text not null, created_at varchar(30) not null)`.execute(d);

  const app = await buildServer(ctx);
  // The baseline route: the same stack (auth hook, CSRF, JSON parsing) and one plain INSERT per request.
  app.post('/api/bench/insert', async (req) => {
    const body = req.body as { id: string };
    await sql`insert into bench_inserts (id, body, created_at) values (${body.id}, ${JSON.stringify(body)}, ${new Date().toISOString()})`.execute(d);
    return { id: body.id };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  let worker: Worker | undefined;
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Bench-pass-2026' } });
    const auth = { cookie: String(login.headers['set-cookie']).split(';')[0], csrf: (JSON.parse(login.body) as { csrfToken: string }).csrfToken };
    // Each desk works through its own slice of the people (no duplicates until a slice runs out).
    const slice = Math.floor(unique.length / (DESKS * 3));
    const desksFor = (part: number) => deskIds.map((deskId, i) => ({
      deskId, idNumbers: unique.slice((part * DESKS + i) * slice, (part * DESKS + i + 1) * slice).map((p) => p.idNumber),
    }));
    // Each mode takes turns in slices of a second; a mode's desks go on through their people from slice to slice.
    const cursors = [0, 0, 0];
    const slicesOf = (part: number, mode: string) => async (secs: number) => {
      const desks = desksFor(part).map((dk) => ({ ...dk, idNumbers: [...dk.idNumbers.slice(cursors[part]!), ...dk.idNumbers.slice(0, cursors[part]!)] }));
      const r = await run(worker!, mode, secs, desks);
      cursors[part] = (cursors[part]! + r.used) % slice;
      return r;
    };
    worker = new Worker(new URL('./nat-desk-load.mjs', import.meta.url), { workerData: { port, ...auth, pool: POOL, batch: 50 } });
    const { baseline, scan: scans, sync: synced } = await interleaved(quick ? 1 : 5, quick ? 1 : 1, {
      baseline: slicesOf(0, 'baseline'), scan: slicesOf(1, 'scan'), sync: slicesOf(2, 'sync'),
    });
    const figures: Figure[] = [
      { bench: 'nat-desk', figure: `desk scans over HTTP, durable, ${DESKS} desks (${db})`, value: scans.rate, unit: 'scans/s', baseline: baseline.rate, ratio: scans.rate / baseline.rate },
      { bench: 'nat-desk', figure: `desk scan p99 latency (${db})`, value: scans.p99, unit: 'ms', baseline: baseline.p99, ratio: baseline.p99 / scans.p99 },
      { bench: 'nat-desk', figure: `offline sync, batches of 50 (${db})`, value: synced.rate, unit: 'scans/s', baseline: baseline.rate, ratio: synced.rate / baseline.rate },
      { bench: 'nat-desk', figure: `offline sync p99 per batch of 50 (${db})`, value: synced.p99, unit: 'ms', baseline: baseline.p99, ratio: baseline.p99 / synced.p99 },
    ];
    return figures;
  } finally {
    await worker?.terminate();
    await app.close();
    await close();
  }
};
