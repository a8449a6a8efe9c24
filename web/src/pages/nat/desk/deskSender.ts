import type { SyncItemResult } from '@shared/modules/nat/desk.schema.ts';
import { api, ApiError } from '../../../api/client.ts';
import { count, oldest, remove, type QueuedOp } from './scanQueue.ts';

// Drains the IndexedDB queue to POST /api/nat/desk/sync: one request in flight at a time, oldest first, in batches.
// An item leaves the queue only once the server answered it (applied, or refused for good: a closed tube, a bad
// number). A lost connection or a server error keeps everything and retries with backoff (1 s doubling to 30 s),
// and at once when the browser says it is online again. Client ids make a resend of an applied item a no-op.

const BATCH = 50;
const MAX_DELAY_MS = 30_000;

export interface SenderEvents {
  /** The server's answer to one queued operation. */
  onResult(op: QueuedOp, result: SyncItemResult): void;
  /** How many operations are still waiting. */
  onCount(waiting: number): void;
  /** Whether the last attempt reached the server. */
  onReachable(reachable: boolean): void;
}

export class DeskSender {
  private running = false;
  private again = false;
  private delay = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly online = () => { this.delay = 0; this.kick(); };

  constructor(private readonly events: SenderEvents) {
    window.addEventListener('online', this.online);
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.online);
    if (this.timer) clearTimeout(this.timer);
  }

  /** Start draining now (after an enqueue, on 'online', on a timer); coalesces while a request is in flight. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    let retryLater = false;
    try {
      for (;;) {
        const ops = await oldest(BATCH);
        if (ops.length === 0) break;
        let answer: { results: SyncItemResult[] };
        try {
          answer = await api.post<{ results: SyncItemResult[] }>('/api/nat/desk/sync', { items: ops.map((o) => o.item) });
        } catch (e) {
          const transient = !(e instanceof ApiError) || e.code === 'NETWORK' || e.status >= 500 || e.status === 0;
          this.events.onReachable(!(e instanceof ApiError && e.code === 'NETWORK'));
          if (transient || e.code === 'UNAUTHENTICATED' || e.code === 'CSRF') { retryLater = true; break; }
          // The whole batch refused (cannot happen for items the page built with the shared schema): report each
          // item as refused so one bad entry cannot block the desk for ever.
          for (const op of ops) this.events.onResult(op, { ok: false, error: { code: e.code, message: e.message, details: e.details } });
          await remove(ops.map((o) => o.key));
          continue;
        }
        this.events.onReachable(true);
        this.delay = 0;
        ops.forEach((op, i) => {
          const result = answer.results[i];
          if (result) this.events.onResult(op, result);
        });
        await remove(ops.slice(0, answer.results.length).map((o) => o.key));
        this.events.onCount(await count());
      }
    } finally {
      this.running = false;
      this.events.onCount(await count().catch(() => 0));
    }
    if (this.again) { this.again = false; this.kick(); return; }
    if (retryLater && !this.stopped) {
      this.delay = Math.min(MAX_DELAY_MS, this.delay ? this.delay * 2 : 1000);
      this.timer = setTimeout(() => { this.timer = null; this.kick(); }, this.delay);
    }
  }
}
