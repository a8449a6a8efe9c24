// Seeded randomness for demo and test data. Math.random would make every demo database different and
// every failing data-driven test unreproducible; sfc32 is small, fast and passes PractRand well enough.

export interface Rng {
  /** The seed this generator was created from (forks have their own derived seed). */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks an item with probability proportional to its weight; zero-weight items are never picked. */
  weightedPick<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A shuffled copy; the input is left alone. */
  shuffle<T>(items: readonly T[]): T[];
  /** n distinct items (by position), in random order. */
  sample<T>(items: readonly T[], n: number): T[];
  /**
   * An independent generator derived from this one's seed and a label, without consuming any of this
   * generator's output. Generating each part of a data set from its own fork keeps that part the same
   * when other parts change size.
   */
  fork(label: string | number): Rng;
}

function splitmix32(state: number): () => number {
  let a = state | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** cyrb53: a 53-bit string hash, so derived seeds are safe integers like the ones callers pass in. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  // Both halves of the seed feed the state, so seeds that differ only above bit 32 still differ.
  const mix = splitmix32((seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x85ebca6b));
  const raw = sfc32(mix(), mix(), mix(), mix());
  for (let i = 0; i < 12; i++) raw();
  const next = () => raw() / 4294967296;

  const rng: Rng = {
    seed,
    next,
    int(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weightedPick(entries) {
      let total = 0;
      for (const [, w] of entries) {
        if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and >= 0, got ${w}`);
        total += w;
      }
      if (total <= 0) throw new RangeError('weightedPick needs at least one positive weight');
      let r = next() * total;
      let last: (typeof entries)[number] | undefined;
      for (const entry of entries) {
        if (entry[1] <= 0) continue;
        last = entry;
        r -= entry[1];
        if (r < 0) return entry[0];
      }
      // Only reachable through floating-point rounding at the very top of the range.
      return last![0];
    },
    chance(p) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`chance needs 0 <= p <= 1, got ${p}`);
      return next() < p;
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
      }
      return out;
    },
    sample(items, n) {
      if (!Number.isSafeInteger(n) || n < 0 || n > items.length) {
        throw new RangeError(`cannot sample ${n} of ${items.length}`);
      }
      return rng.shuffle(items).slice(0, n);
    },
    fork(label) {
      return createRng(hash53(`${seed}\u0000${label}`));
    },
  };
  return rng;
}
