import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { buildServer } from '../src/server.ts';
import { benchApp, type Bench } from './harness.ts';

/** Fixed-duration closed-loop load from a worker thread; the same client drives both servers. */
async function load(port: number, path: string, seconds: number, concurrency: number): Promise<number> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { port, path, seconds, concurrency } });
  const [result] = (await once(worker, 'message')) as [{ rate: number; failed: number }];
  await worker.terminate();
  if (result.failed > 0) throw new Error(`${result.failed} requests to ${path} failed`);
  return result.rate;
}

export const healthHttp: Bench = async ({ db, quick }) => {
  const seconds = quick ? 1 : 4;
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', database: db, time: new Date().toISOString() }));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const { ctx, close } = await benchApp(db);
  const app = await buildServer(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appPort = (app.server.address() as AddressInfo).port;
  const barePort = (bare.address() as AddressInfo).port;
  try {
    await load(barePort, '/', 0.5, 16);
    await load(appPort, '/api/health', 0.5, 16);
    const baseline = await load(barePort, '/', seconds, 16);
    const value = await load(appPort, '/api/health', seconds, 16);
    return [{ bench: 'health-http', figure: `GET /api/health throughput (${db})`, value, unit: 'req/s', baseline, ratio: value / baseline }];
  } finally {
    await app.close();
    bare.close();
    await close();
  }
};
