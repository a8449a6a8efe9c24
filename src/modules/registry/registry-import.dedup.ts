// A set of 64-bit fingerprints → first row number, in typed arrays: 1,000,000 keys take ~24 MB instead of the
// ~100 MB of a Map of hex strings. Fingerprints are the first 64 bits of an HMAC/SHA digest; two different
// numbers share one with probability ~n²/2^65 (≈ 3·10⁻⁸ for a million rows).

const EMPTY = 0;

export class FingerprintSet {
  private keys: Uint32Array;
  private rows: Uint32Array;
  private size = 0;

  constructor(capacity = 1 << 14) {
    this.keys = new Uint32Array(capacity * 2);
    this.rows = new Uint32Array(capacity);
  }

  /** Records `hex` (≥ 16 hex chars) for row `row` (≥ 1); returns the earlier row that had it, or 0. */
  addOrGet(hex: string, row: number): number {
    const hi = parseInt(hex.slice(0, 8), 16) >>> 0;
    const lo = parseInt(hex.slice(8, 16), 16) >>> 0;
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    const found = this.probe(hi, lo);
    if (this.rows[found] !== EMPTY) return this.rows[found];
    this.keys[found * 2] = hi;
    this.keys[found * 2 + 1] = lo;
    this.rows[found] = row;
    this.size++;
    return 0;
  }

  private probe(hi: number, lo: number): number {
    const mask = this.rows.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.rows[i] !== EMPTY && (this.keys[i * 2] !== hi || this.keys[i * 2 + 1] !== lo)) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.rows = new Uint32Array(oldRows.length * 2);
    for (let i = 0; i < oldRows.length; i++) {
      if (oldRows[i] === EMPTY) continue;
      const j = this.probe(oldKeys[i * 2], oldKeys[i * 2 + 1]);
      this.keys[j * 2] = oldKeys[i * 2];
      this.keys[j * 2 + 1] = oldKeys[i * 2 + 1];
      this.rows[j] = oldRows[i];
    }
  }
}
