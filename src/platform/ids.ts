// Time-sortable ids (ULID layout: 48-bit milliseconds + 80 random bits, Crockford base32, 26 chars).
// Pure and browser-safe so an offline client can mint ids for records it creates before it syncs;
// the server accepts client ids wherever a write must be idempotent.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

let lastTime = -1;
let lastRandom: number[] = [];

function randomDigits(): number[] {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b & 31);
}

/** Within one millisecond the random part is incremented, so ids made in a burst still sort in order. */
export function newId(now: number = Date.now()): string {
  let random: number[];
  if (now === lastTime) {
    random = lastRandom.slice();
    for (let i = random.length - 1; i >= 0; i--) {
      if (random[i] < 31) { random[i]++; break; }
      random[i] = 0;
    }
  } else {
    random = randomDigits();
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + random.map((d) => ALPHABET[d]).join('');
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Milliseconds encoded in an id; used to tell when a client-made record was created. */
export function idTime(id: string): number {
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + ALPHABET.indexOf(id[i]);
  return t;
}
