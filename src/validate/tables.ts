// Byte-keyed count tables for the hot path (the JS lane; the fast lane has its own in
// wasm/fastlane.ts). Keys are 64-bit fingerprints (hash.ts: two 32-bit hashes of the bytes), stored
// interleaved in one typed array with open addressing (one cache miss per lookup): no strings, no
// per-key objects. A JS Map of strings would allocate a string per row and halve throughput.
//
// Each table has a slot cap so memory stays bounded; once it is full, new keys are no longer added
// (`saturated` says so) and counts for them are approximate.

import { SKETCH_REGISTERS, sketchAdd, sketchMerge } from './sketch.js';

/** murmur3's finalizer: FNV's low bits are weak, and linear probing needs well-spread slots */
function slotOf(h1: number, h2: number): number {
  let h = h1 ^ Math.imul(h2, 0x27d4eb2d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** fingerprint → count; `stride` int32s a slot: [h1, h2, count] (12 bytes), or [h1, h2] for a set */
export class FingerprintTable {
  private slots: Int32Array;
  private mask: number;
  size = 0;
  saturated = false;
  private readonly stride: number;

  /**
   * @param withCounts false: a set (8 bytes a slot) whose inc() answers 1 for new keys and 2 for repeats
   */
  constructor(
    initialSlots = 1 << 14,
    private readonly maxSlots = 1 << 22,
    private readonly withCounts = true,
    /** fill level that triggers growth (or saturation at the cap), in quarters: 2 = half full */
    private readonly maxLoadQuarters = 2,
  ) {
    this.stride = withCounts ? 3 : 2;
    this.slots = new Int32Array(initialSlots * this.stride);
    this.mask = initialSlots - 1;
  }

  /**
   * Reads the key's home slot and nothing else. Touching a batch of keys first lets the CPU overlap
   * their cache misses; the inc() calls that follow then find the lines in cache.
   */
  touch(h1: number, h2: number): number {
    return this.slots[(slotOf(h1 === 0 ? 1 : h1, h2) & this.mask) * this.stride];
  }

  /** Adds one to the key's count and returns the new count (0 when the table is full and the key is new). */
  inc(h1: number, h2: number): number {
    if (h1 === 0) h1 = 1; // 0 marks an empty slot
    const a = this.slots;
    const mask = this.mask;
    const stride = this.stride;
    let i = slotOf(h1, h2) & mask;
    for (;;) {
      const p = i * stride;
      const k = a[p];
      if (k === 0) break;
      if (k === h1 && a[p + 1] === h2) return this.withCounts ? ++a[p + 2] : 2;
      i = (i + 1) & mask;
    }
    if ((this.size + 1) * 4 > (mask + 1) * this.maxLoadQuarters) {
      if (mask + 1 >= this.maxSlots) {
        this.saturated = true;
        return 0;
      }
      this.grow();
      return this.inc(h1, h2);
    }
    const p = i * stride;
    a[p] = h1;
    a[p + 1] = h2;
    if (this.withCounts) a[p + 2] = 1;
    this.size++;
    return 1;
  }

  private grow(): void {
    const old = this.slots;
    const stride = this.stride;
    const n = (this.mask + 1) * 2;
    const a = new Int32Array(n * stride);
    const mask = n - 1;
    for (let p = 0; p < old.length; p += stride) {
      const h1 = old[p];
      if (h1 === 0) continue;
      const h2 = old[p + 1];
      let i = slotOf(h1, h2) & mask;
      while (a[i * stride] !== 0) i = (i + 1) & mask;
      const q = i * stride;
      a[q] = h1;
      a[q + 1] = h2;
      if (stride > 2) a[q + 2] = old[p + 2];
    }
    this.slots = a;
    this.mask = mask;
  }

  /** the raw slots, to send to another thread */
  exportSlots(): { slots: Int32Array; stride: number; saturated: boolean } {
    return { slots: this.slots, stride: this.stride, saturated: this.saturated };
  }

  /** adds another table's keys and counts (from exportSlots, possibly from a worker thread) */
  mergeSlots(other: { slots: Int32Array; stride: number; saturated: boolean }): void {
    const a = other.slots;
    const st = other.stride;
    if (other.saturated) this.saturated = true;
    for (let p = 0; p < a.length; p += st) {
      if (a[p] === 0) continue;
      const n = st > 2 ? a[p + 2] : 1;
      if (this.inc(a[p], a[p + 1]) > 0 && this.withCounts) this.addToLast(a[p], a[p + 1], n - 1);
    }
  }

  /** inc() for the [h1, h2] pairs in buf[from, to), home slots loaded first so the misses overlap */
  incAll(buf: Int32Array, from: number, to: number): void {
    const a = this.slots;
    const mask = this.mask;
    const stride = this.stride;
    let x = 0;
    for (let q = from; q < to; q += 2) {
      const h1 = buf[q];
      x ^= a[(slotOf(h1 === 0 ? 1 : h1, buf[q + 1]) & mask) * stride];
    }
    this.touched ^= x;
    for (let q = from; q < to; q += 2) this.inc(buf[q], buf[q + 1]);
  }

  /** keeps the prefetch loads from being optimized away */
  touched = 0;

  /** adds n to the key's count (a new key starts at n); false when the table is full and the key is new */
  add(h1: number, h2: number, n: number): boolean {
    if (this.inc(h1, h2) === 0) return false;
    if (this.withCounts) this.addToLast(h1 === 0 ? 1 : h1, h2, n - 1);
    return true;
  }

  private addToLast(h1: number, h2: number, n: number): void {
    if (n === 0) return;
    const a = this.slots;
    let i = slotOf(h1, h2) & this.mask;
    for (;;) {
      const p = i * this.stride;
      if (a[p] === h1 && a[p + 1] === h2) {
        a[p + 2] += n;
        return;
      }
      if (a[p] === 0) return;
      i = (i + 1) & this.mask;
    }
  }

  /** every key's count (1 for sets) */
  forEachCount(fn: (count: number) => void): void {
    const a = this.slots;
    const stride = this.stride;
    for (let p = 0; p < a.length; p += stride) if (a[p] !== 0) fn(stride > 2 ? a[p + 2] : 1);
  }
}

/**
 * FingerprintTable's interface (count or set), split by the fingerprint's top bits into 64 tables
 * that each fit the L2 cache, with updates buffered per part. One table of a few MB costs a DRAM
 * miss per row (profiling: ~150 ns a row for 200 k users on a busy machine); applying a part's 2048
 * buffered updates at once touches only that part's lines and pages, mostly in cache. Counts only
 * matter at the end, so the deferral changes nothing: call flush() before reading.
 */
export class BufferedTable {
  private static readonly BITS = 6;
  private static readonly BUF = 4096;
  private readonly parts: FingerprintTable[] = [];
  private readonly buf: Int32Array;
  private readonly fill: Int32Array;

  /** HyperLogLog registers of every key counted (sketch.ts): the distinct count once the table is full */
  readonly sketch = new Uint8Array(SKETCH_REGISTERS);

  constructor(initialSlots = 1 << 16, maxSlots = 1 << 22, private readonly withCounts = true) {
    const n = 1 << BufferedTable.BITS;
    // filled to ¾ before growing: half the bytes of ½, and probing stays in cache during a flush
    for (let p = 0; p < n; p++) this.parts.push(new FingerprintTable(Math.max(16, initialSlots / n), Math.max(16, maxSlots / n), withCounts, 3));
    this.buf = new Int32Array(n * BufferedTable.BUF * 2);
    this.fill = new Int32Array(n);
  }

  /** counts the key (applied later, in its part's batch) */
  inc(h1: number, h2: number): void {
    sketchAdd(this.sketch, h1, h2);
    const p = h1 >>> (32 - BufferedTable.BITS);
    const f = this.fill[p];
    const q = (p * BufferedTable.BUF + f) * 2;
    this.buf[q] = h1;
    this.buf[q + 1] = h2;
    if (f + 1 === BufferedTable.BUF) this.flushPart(p, f + 1);
    else this.fill[p] = f + 1;
  }

  private flushPart(p: number, n: number): void {
    const q = p * BufferedTable.BUF * 2;
    this.parts[p].incAll(this.buf, q, q + n * 2);
    this.fill[p] = 0;
  }

  /** applies every buffered update */
  flush(): void {
    for (let p = 0; p < this.fill.length; p++) if (this.fill[p] > 0) this.flushPart(p, this.fill[p]);
  }

  get size(): number {
    this.flush();
    let n = 0;
    for (const t of this.parts) n += t.size;
    return n;
  }

  get saturated(): boolean {
    this.flush();
    return this.parts.some((t) => t.saturated);
  }

  set saturated(v: boolean) {
    if (v) this.parts[0].saturated = true;
  }

  forEachCount(fn: (count: number) => void): void {
    this.flush();
    for (const t of this.parts) t.forEachCount(fn);
  }

  /** every part's slots (not copied: transfer them), to send to another thread */
  exportSlots(): { parts: Int32Array[]; stride: number; saturated: boolean; sketch: Uint8Array } {
    this.flush();
    const all = this.parts.map((t) => t.exportSlots());
    return { parts: all.map((x) => x.slots), stride: all[0].stride, saturated: all.some((x) => x.saturated), sketch: this.sketch.slice() };
  }

  mergeSlots(other: { parts: Int32Array[]; stride: number; saturated: boolean; sketch: Uint8Array }): void {
    this.flush();
    const st = other.stride;
    if (other.saturated) this.saturated = true;
    sketchMerge(this.sketch, other.sketch);
    for (const a of other.parts) {
      for (let q = 0; q < a.length; q += st) {
        const h1 = a[q];
        if (h1 === 0) continue;
        if (!this.parts[h1 >>> (32 - BufferedTable.BITS)].add(h1, a[q + 1], st > 2 ? a[q + 2] : 1)) this.saturated = true;
      }
    }
  }
}
