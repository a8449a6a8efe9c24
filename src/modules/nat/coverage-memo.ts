/**
 * Reuses the answer of a slow aggregate for a short while. The coverage page polls every ~10 s, and many people
 * may watch a whole district: a scan that took longer than `slowMs` (a million roster rows) is answered from
 * memory until `ttlMs` has passed (wall time, not the app clock), so it costs one scan per period, not one per
 * viewer. Fast answers are never kept, so small subtrees and the tests always read fresh figures.
 */
export class SlowQueryMemo {
  private readonly entries = new Map<string, { until: number; value: unknown }>();

  constructor(private readonly slowMs = 100, private readonly ttlMs = 10_000, private readonly maxEntries = 1000) {}

  async get<T>(key: string, run: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > performance.now()) return hit.value as T;
    const started = performance.now();
    const value = await run();
    if (performance.now() - started > this.slowMs) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { until: performance.now() + this.ttlMs, value });
    } else if (hit) {
      this.entries.delete(key);
    }
    return value;
  }
}
