// A small in-memory fixed-window rate limiter for public (no sign-in) endpoints. One process, so memory is
// the right place; counts reset on restart, which for abuse control of a sign-up form is acceptable.

export interface RateLimiterOptions {
  /** Length of a window in milliseconds. */
  windowMs: number;
  /** Requests allowed per key in one window. */
  max: number;
  /** Keys remembered at most; beyond it expired keys are dropped, then the oldest. */
  maxKeys?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

export interface RateLimiter {
  /** Counts one request for `key`; false when the key has used up its window. */
  check(key: string): boolean;
  /** Requests left for `key` in its current window. */
  remaining(key: string): number;
  readonly windowMs: number;
  readonly max: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { windowMs, max } = options;
  if (!(windowMs > 0) || !(max > 0)) throw new Error('rate limiter needs a positive window and limit');
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();

  const prune = (at: number) => {
    for (const [key, w] of windows) if (at - w.start >= windowMs) windows.delete(key);
    // Still full of live keys (a flood of addresses): forget the oldest; Map keeps insertion order.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };

  const current = (key: string, at: number) => {
    const w = windows.get(key);
    return w && at - w.start < windowMs ? w : undefined;
  };

  return {
    windowMs,
    max,
    check(key) {
      const at = now();
      const w = current(key, at);
      if (w) {
        if (w.count >= max) return false;
        w.count++;
        return true;
      }
      windows.delete(key);
      if (windows.size >= maxKeys) prune(at);
      windows.set(key, { start: at, count: 1 });
      return true;
    },
    remaining(key) {
      const w = current(key, now());
      return w ? Math.max(0, max - w.count) : max;
    },
  };
}
