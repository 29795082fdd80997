// Exact-duplicate rows (--drop-duplicates): a set of 64-bit fingerprints of the fixed rows' bytes in
// two typed arrays (open addressing), grown up to 2^23 slots (64 MB); when that fills, later rows
// are no longer checked and `full` says so (the summary then says the check was partial).
const MAX_BITS = 23;

export class RowSet {
  private bits = 16;
  private hi = new Int32Array(1 << this.bits);
  private lo = new Int32Array(1 << this.bits);
  private size = 0;
  full = false;

  /** true when the row was seen before; adds it otherwise */
  seen(b: Uint8Array, s: number, e: number): boolean {
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0x2545f491 | 0;
    for (let i = s; i < e; i++) {
      const x = b[i];
      h1 = Math.imul(h1 ^ x, 0x01000193);
      h2 = Math.imul(h2 ^ x, 0x5bd1e995) ^ (h2 >>> 13);
    }
    h1 ^= h1 >>> 16;
    h1 = Math.imul(h1, 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 ^= e - s;
    if (h1 === 0 && h2 === 0) h2 = 1; // 0,0 marks an empty slot
    if (this.size * 10 >= 7 << this.bits) {
      if (this.bits >= MAX_BITS) {
        this.full = true;
        return this.has(h1, h2);
      }
      this.rehash();
    }
    const mask = (1 << this.bits) - 1;
    for (let j = (h1 ^ (h2 * 31)) & mask; ; j = (j + 1) & mask) {
      if (this.hi[j] === 0 && this.lo[j] === 0) {
        this.hi[j] = h1;
        this.lo[j] = h2;
        this.size++;
        return false;
      }
      if (this.hi[j] === h1 && this.lo[j] === h2) return true;
    }
  }

  private has(h1: number, h2: number): boolean {
    const mask = (1 << this.bits) - 1;
    for (let j = (h1 ^ (h2 * 31)) & mask; ; j = (j + 1) & mask) {
      if (this.hi[j] === 0 && this.lo[j] === 0) return false;
      if (this.hi[j] === h1 && this.lo[j] === h2) return true;
    }
  }

  private rehash(): void {
    const { hi, lo } = this;
    this.bits++;
    this.hi = new Int32Array(1 << this.bits);
    this.lo = new Int32Array(1 << this.bits);
    const mask = (1 << this.bits) - 1;
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] === 0 && lo[i] === 0) continue;
      let j = (hi[i] ^ (lo[i] * 31)) & mask;
      while (this.hi[j] !== 0 || this.lo[j] !== 0) j = (j + 1) & mask;
      this.hi[j] = hi[i];
      this.lo[j] = lo[i];
    }
  }
}
