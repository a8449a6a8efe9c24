// Closed-loop POST load for certificate verification (keep-alive, in a worker thread so the server under test keeps
// the main thread). Each request posts {token} from a rotating list. Posts {rate, failed} back to the parent.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, path, seconds, concurrency, tokens } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const bodies = tokens.map((token) => Buffer.from(JSON.stringify({ token })));
const until = Date.now() + seconds * 1000;
let done = 0;
let failed = 0;
let next = 0;

function once() {
  const body = bodies[next++ % bodies.length];
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode !== 200) failed++; resolve(); });
    });
    req.on('error', () => { failed++; resolve(); });
    req.end(body);
  });
}

async function worker() {
  while (Date.now() < until) {
    await once();
    done++;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
agent.destroy();
parentPort.postMessage({ rate: done / seconds, failed });
