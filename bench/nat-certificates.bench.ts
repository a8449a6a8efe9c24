import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { newId } from '../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../src/platform/policy.ts';
import { buildServer } from '../src/server.ts';
import { benchApp, type Bench, type Figure } from './harness.ts';

/**
 * Completion-certificate verification: Ed25519 signature + expiry + one indexed lookup (round, roster row,
 * revocation). 1) In the service: verifications/s with 16 concurrent callers. 2) Over HTTP: POST
 * /api/nat/certificates/verify (the whole Fastify stack, zod) against a bare node:http server that parses the same
 * body and calls the same service method, same run, same client, same concurrency. ratio = endpoint ÷ bare
 * (target ≥ 0.5). Tokens rotate over a few hundred residents, a tenth of them revoked.
 */

const CONCURRENCY = 16;

async function load(port: number, path: string, seconds: number, tokens: string[]): Promise<number> {
  const worker = new Worker(new URL('./nat-certificates-load.mjs', import.meta.url), { workerData: { port, path, seconds, concurrency: CONCURRENCY, tokens } });
  const [r] = (await once(worker, 'message')) as [{ rate: number; failed: number }];
  await worker.terminate();
  if (r.failed > 0) throw new Error(`${r.failed} requests to ${path} failed`);
  return r.rate;
}

export const natCertificates: Bench = async ({ db, quick }) => {
  const seconds = quick ? 1 : 4;
  const residents = quick ? 300 : 2000;
  const { ctx, close } = await benchApp(db);
  const d = ctx.database.db;
  const at = new Date().toISOString();
  const certificates = ctx.services.natPlan.certificates;
  let app: Awaited<ReturnType<typeof buildServer>> | null = null;
  const bare = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let token = '';
      try { token = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token?: unknown }).token ?? ''); } catch { /* bad body */ }
      certificates.verify(token).then((verdict) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(verdict));
      }, () => { res.writeHead(500); res.end(); });
    });
  });
  try {
    const community = newId();
    const household = newId();
    await d.insertInto('jurisdiction_nodes').values([
      { id: community, parent_id: null, level_code: 'community', name: '基准社区', code: null, path: `/${community}/`, depth: 0, created_at: at, updated_at: at },
      { id: household, parent_id: community, level_code: 'household', name: '101室', code: null, path: `/${community}/${household}/`, depth: 1, created_at: at, updated_at: at },
    ]).execute();
    const roundId = newId();
    await d.insertInto('nat_rounds').values({
      id: roundId, name: '基准轮次', number: 1, node_id: community, node_path: `/${community}/`, starts_on: at.slice(0, 10), ends_on: at.slice(0, 10),
      pool_size: 10, bag_size: 20, certificate_valid_hours: 48, required_rule: '{}', status: 'open', roster_built_at: at, created_by: null, created_at: at, updated_at: at,
    }).execute();
    const ids = Array.from({ length: residents }, () => newId());
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      await d.insertInto('residents').values(part.map((id, j) => ({
        id, household_id: household, name: `居民${i + j}`, sex: null, birth_date: null, birth_year: null, id_type: 'none', id_number_enc: null,
        id_number_hash: null, phone_enc: null, phone_hash: null, relation: 'other', residence_type: 'permanent', status: 'active', status_date: null,
        notes: null, anonymised_at: null, created_at: at, updated_at: at,
      }))).execute();
      await d.insertInto('nat_round_residents').values(part.map((id) => ({
        round_id: roundId, resident_id: id, household_id: household, node_path: `/${community}/${household}/`, required: 1, exempt_reason: null,
        sampled_at: at, sample_id: newId(), result: null, control_status: null,
      }))).execute();
    }
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(residents / 300)) === 0).slice(0, 300);
    const tokens: string[] = [];
    for (const id of sample) tokens.push((await certificates.issue(SYSTEM_ACTOR, roundId, id)).token);
    await d.insertInto('nat_certificate_revocations').values(sample.filter((_, i) => i % 10 === 0).map((id) => ({
      round_id: roundId, resident_id: id, reason: 'bench', revoked_at: at, actor_id: null,
    }))).execute();

    // 1) the service alone
    let n = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: CONCURRENCY }, async (_, w) => {
      let i = w;
      while (Date.now() < until) {
        await certificates.verify(tokens[i % tokens.length]!);
        i += CONCURRENCY;
        n++;
      }
    }));
    const serviceRate = n / seconds;

    // 2) HTTP endpoint vs bare node:http doing the same verification
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    app = await buildServer(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const appPort = (app.server.address() as AddressInfo).port;
    const barePort = (bare.address() as AddressInfo).port;
    await load(barePort, '/', 0.5, tokens);
    await load(appPort, '/api/nat/certificates/verify', 0.5, tokens);
    const baseline = await load(barePort, '/', seconds, tokens);
    const value = await load(appPort, '/api/nat/certificates/verify', seconds, tokens);
    const figures: Figure[] = [
      { bench: 'nat-certificates', figure: `certificate verification in the service, 16 callers (${db})`, value: serviceRate, unit: 'ops/s', baseline: serviceRate, ratio: 1 },
      { bench: 'nat-certificates', figure: `POST /api/nat/certificates/verify vs bare node:http (${db})`, value, unit: 'req/s', baseline, ratio: value / baseline },
    ];
    return figures;
  } finally {
    await app?.close();
    bare.close();
    await close();
  }
};
