// Load for the desk bench, in a worker thread so the server under test keeps the main thread. The worker stays up
// between slices (its connections kept alive) and runs one slice per message. Each of `desks`
// loops plays one sampling desk, closed loop over keep-alive HTTP: open a tube, scan `pool` people into it (it
// closes itself), next tube… Modes: 'scan' (POST /api/nat/desk/scans), 'sync' (batches of `batch` queued items to
// POST /api/nat/desk/sync), 'baseline' (POST /api/bench/insert: one plain INSERT per request through the same
// stack, the same body). Posts {ops, seconds, latencies (ms, sorted), failed} back.
import http from 'node:http';
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { port, cookie, csrf, pool, batch } = workerData;
const agent = new http.Agent({ keepAlive: true });
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let last = 0;
let seq = 0;
function ulid() {
  const now = Date.now();
  seq = now === last ? seq + 1 : 0;
  last = now;
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  const r = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[r[i] & 31];
  return time + rand;
}

function post(path, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1', port, path, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie, 'x-csrf-token': csrf },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(payload);
  });
}

let tubeSeq = 0;

async function desk(d, index, mode, until, tally) {
  let person = 0;
  let tube = null;
  let inTube = pool;
  const nextPerson = () => d.idNumbers[person++ % d.idNumbers.length];
  const newTube = () => ({ id: ulid(), deskId: d.deskId, barcode: `BN-${index}-${++tubeSeq}-${Date.now() % 100000}` });
  while (Date.now() < until) {
    if (mode === 'sync') {
      const items = [];
      while (items.length < batch) {
        if (inTube >= pool) { tube = newTube(); items.push({ op: 'open_tube', input: tube }); inTube = 0; }
        items.push({ op: 'scan', input: { id: ulid(), deskId: d.deskId, tubeBarcode: tube.barcode, idNumber: nextPerson() } });
        inTube++;
      }
      const t0 = performance.now();
      const r = await post('/api/nat/desk/sync', { items });
      tally.latencies.push(performance.now() - t0);
      if (r.status !== 200 || r.body.includes('"ok":false')) tally.failed++;
      else tally.ops += items.filter((i) => i.op === 'scan').length;
      continue;
    }
    if (mode === 'scan' && inTube >= pool) {
      tube = newTube();
      const r = await post('/api/nat/desk/tubes', tube);
      if (r.status !== 200) { tally.failed++; continue; }
      inTube = 0;
    }
    const id = ulid();
    const body = { id, deskId: d.deskId, tubeBarcode: tube?.barcode ?? 'BN-BASELINE', idNumber: nextPerson() };
    const t0 = performance.now();
    const r = await post(mode === 'scan' ? '/api/nat/desk/scans' : '/api/bench/insert', body);
    tally.latencies.push(performance.now() - t0);
    if (r.status !== 200) tally.failed++;
    else { tally.ops++; inTube++; }
  }
  return person;
}

parentPort.on('message', async ({ mode, seconds, desks }) => {
  const tally = { ops: 0, latencies: [], failed: 0, used: 0 };
  const until = Date.now() + seconds * 1000;
  await Promise.all(desks.map(async (d, i) => { tally.used = Math.max(tally.used, await desk(d, i, mode, until, tally)); }));
  tally.latencies.sort((a, b) => a - b);
  parentPort.postMessage({ ...tally, seconds });
});
