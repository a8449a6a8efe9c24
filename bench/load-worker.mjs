// Closed-loop HTTP load with keep-alive connections, run in a worker thread so the server under test keeps the
// main thread to itself. Posts {rate} (requests per second) back to the parent.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, path, seconds, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const until = Date.now() + seconds * 1000;
let done = 0;
let failed = 0;

function once() {
  return new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode !== 200) failed++; resolve(); });
    }).on('error', () => { failed++; resolve(); });
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
