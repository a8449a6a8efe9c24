import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../platform/rate-limit.ts';

// The fixed-window limiter behind the public pages (platform/rate-limit.ts).
describe('rate limiter', () => {
  it('allows max requests per key in a window, then refuses until the window ends', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ windowMs: 60_000, max: 3, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.check('a'))).toEqual([true, true, true, false]);
    expect(limiter.remaining('a')).toBe(0);
    expect(limiter.check('b')).toBe(true);
    now += 59_999;
    expect(limiter.check('a')).toBe(false);
    now += 1;
    expect(limiter.check('a')).toBe(true);
    expect(limiter.remaining('a')).toBe(2);
  });

  it('forgets expired keys, then the oldest, when it holds too many', () => {
    let now = 0;
    const limiter = createRateLimiter({ windowMs: 1000, max: 1, maxKeys: 3, now: () => now });
    for (const k of ['a', 'b', 'c']) expect(limiter.check(k)).toBe(true);
    expect(limiter.check('d')).toBe(true);
    // 'a' was the oldest live key and was dropped to make room: it may ask again.
    expect(limiter.check('a')).toBe(true);
    expect(limiter.check('d')).toBe(false);
    now += 1000;
    expect(['b', 'c', 'd'].map((k) => limiter.check(k))).toEqual([true, true, true]);
  });

  it('refuses nonsense options', () => {
    expect(() => createRateLimiter({ windowMs: 0, max: 1 })).toThrow();
    expect(() => createRateLimiter({ windowMs: 1000, max: 0 })).toThrow();
  });
});
