// Byte-keyed tables for the hot path. Keys are 64-bit fingerprints (two 32-bit hashes of the bytes),
// stored in typed arrays with open addressing: no strings, no per-key objects. A JS Map of strings
// would allocate a string per row and halve throughput.
//
// Each table has a slot cap so memory stays bounded; once it is full, new keys are no longer added
// (`saturated` says so) and counts for them are approximate.

export function hash1(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 16777619);
  return h;
}

export function hash2(b: Uint8Array, s: number, e: number): number {
  let h = (0x9747b28c ^ (e - s)) | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x5bd1e995) ^ (h >>> 13);
  return h;
}

export class FingerprintTable {
  private k1: Int32Array;
  private k2: Int32Array;
  counts: Uint32Array;
  private mask: number;
  size = 0;
  saturated = false;

  constructor(
    initialSlots = 1 << 14,
    private readonly maxSlots = 1 << 22,
  ) {
    this.k1 = new Int32Array(initialSlots);
    this.k2 = new Int32Array(initialSlots);
    this.counts = new Uint32Array(initialSlots);
    this.mask = initialSlots - 1;
  }

  /** Adds one to the key's count and returns the new count (0 when the table is full and the key is new). */
  inc(h1: number, h2: number): number {
    if (h1 === 0) h1 = 1; // 0 marks an empty slot
    const k1 = this.k1;
    const mask = this.mask;
    let i = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    for (;;) {
      const k = k1[i];
      if (k === 0) break;
      if (k === h1 && this.k2[i] === h2) return ++this.counts[i];
      i = (i + 1) & mask;
    }
    if ((this.size + 1) * 4 > (mask + 1) * 3) {
      if (mask + 1 >= this.maxSlots) {
        this.saturated = true;
        return 0;
      }
      this.grow();
      return this.inc(h1, h2);
    }
    k1[i] = h1;
    this.k2[i] = h2;
    this.counts[i] = 1;
    this.size++;
    return 1;
  }

  private grow(): void {
    const o1 = this.k1;
    const o2 = this.k2;
    const oc = this.counts;
    const n = o1.length * 2;
    this.k1 = new Int32Array(n);
    this.k2 = new Int32Array(n);
    this.counts = new Uint32Array(n);
    this.mask = n - 1;
    for (let j = 0; j < o1.length; j++) {
      const h1 = o1[j];
      if (h1 === 0) continue;
      const h2 = o2[j];
      let i = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & this.mask;
      while (this.k1[i] !== 0) i = (i + 1) & this.mask;
      this.k1[i] = h1;
      this.k2[i] = h2;
      this.counts[i] = oc[j];
    }
  }

  /** every non-zero count */
  forEachCount(fn: (count: number) => void): void {
    const c = this.counts;
    for (let i = 0; i < c.length; i++) if (c[i] !== 0) fn(c[i]);
  }
}
