import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../src/server.ts';
import { benchApp, type Bench } from './harness.ts';

/** Fixed-duration closed-loop load with keep-alive connections; the same client drives both servers. */
async function load(port: number, path: string, seconds: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (Date.now() < until) {
      await new Promise<void>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => { if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`)); else resolve(); });
        }).on('error', reject);
      });
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return done / seconds;
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
