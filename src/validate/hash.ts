// Byte-keyed tables for the hot path. Keys are 64-bit fingerprints (two 32-bit hashes of the bytes),
// stored interleaved in one typed array with open addressing (one cache miss per lookup): no
// strings, no per-key objects. A JS Map of strings would allocate a string per row and halve
// throughput.
//
// Each table has a slot cap so memory stays bounded; once it is full, new keys are no longer added
// (`saturated` says so) and counts for them are approximate.

import { SKETCH_REGISTERS, sketchAdd, sketchMerge } from './sketch.js';

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

/** the second hash of the last hashPair() call */
export let pairLow = 0;

/** hash1 and a second, independent hash in one pass; returns the first, leaves the second in pairLow */
export function hashPair(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  let g = (0x9747b28c ^ (e - s)) | 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    h = Math.imul(h ^ c, 16777619);
    g = Math.imul(g ^ c, 0x5bd1e995) ^ (g >>> 13);
  }
  pairLow = g;
  return h;
}

/** the second half of the last hashWords() call */
export let wordsLow = 0;

/**
 * A 64-bit fingerprint of bytes [s, e), four bytes at a time (unaligned little-endian reads through
 * `dv`, a DataView on `b`): two independent 32-bit lanes, each murmur3-style. Returns the first
 * lane and leaves the second in `wordsLow`. About four times fewer multiply steps than the
 * byte-at-a-time FNV above, which is what the hot path spends its hashing time on.
 */
export function hashWords(dv: DataView, b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  let h = 0x9e3779b9 ^ len;
  let g = 0x85ebca6b ^ Math.imul(len, 0x27d4eb2d);
  let i = s;
  for (const end4 = e - 4; i <= end4; i += 4) {
    const w = dv.getInt32(i, true);
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    g = Math.imul(g ^ w, 0x5bd1e995);
    g ^= g >>> 15;
  }
  if (i < e) {
    let w = b[i];
    if (i + 1 < e) w |= b[i + 1] << 8;
    if (i + 2 < e) w |= b[i + 2] << 16;
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    g = Math.imul(g ^ w, 0x5bd1e995);
    g ^= g >>> 15;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  g ^= g >>> 13;
  g = Math.imul(g, 0xc2b2ae35);
  g ^= g >>> 16;
  wordsLow = g;
  return h;
}

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
 * A fixed-size set of 64-bit fingerprints in 4 bytes a slot: `h1` picks the home slot, `h2` is the
 * stored tag (open addressing, linear probing; 16 tags a cache line). Half the bytes of a [h1, h2]
 * slot, so the same memory holds twice the keys. A new key is reported as a repeat only if an
 * unrelated key with the same 32-bit tag sits in its probe run (about probe length × 2^-32 per
 * lookup: ~0.01 false repeats over 10 M records). It cannot grow (the slot's bits of h1 are not
 * stored), so it is allocated at its cap; untouched pages are never made resident.
 */
export class TagSet {
  private readonly tags: Int32Array;
  private readonly mask: number;
  private readonly maxSize: number;
  size = 0;
  saturated = false;

  constructor(slots: number, maxLoadQuarters = 3) {
    this.tags = new Int32Array(slots);
    this.mask = slots - 1;
    this.maxSize = (slots / 4) * maxLoadQuarters;
  }

  /** reads the key's home slot only (see FingerprintTable.touch) */
  touch(h1: number): number {
    return this.tags[h1 & this.mask];
  }

  /** 1: new key added; 2: seen before; 0: new, but the set is full (not added) */
  add(h1: number, h2: number): number {
    if (h2 === 0) h2 = 1; // 0 marks an empty slot
    const a = this.tags;
    const mask = this.mask;
    let i = h1 & mask;
    for (;;) {
      const k = a[i];
      if (k === 0) break;
      if (k === h2) return 2;
      i = (i + 1) & mask;
    }
    if (this.size >= this.maxSize) {
      this.saturated = true;
      return 0;
    }
    a[i] = h2;
    this.size++;
    return 1;
  }
}

/**
 * The duplicate-line set for big files, TLB- and cache-friendly. A lookup in one 64 MB table is a
 * DRAM miss plus a page walk (4 KiB pages; nested in a VM) per record, which profiling showed was
 * half the engine's time. Here the set is split into 256 partitions by the fingerprint's top bits
 * (256 KiB each); a record is only appended to its partition's buffer, and a full buffer is checked
 * against its partition in one go, while those few pages stay in the TLB and caches.
 *
 * The answer for each record is the same as checking it at once: a partition's records are checked
 * in arrival order, and records of other partitions cannot be equal to it. Only *when* a repeat is
 * reported changes: `onRepeat(line, seq)` is called later (at the latest from `drain()`), with the
 * `seq` given to add(), so the caller can put the finding where it belongs (IssueCollector.noteLate).
 */
export class PartitionedTagSet {
  private static readonly BITS = 8;
  /** partitions: countShared() can be split into ranges of them */
  static readonly PARTS = 1 << PartitionedTagSet.BITS;
  /** records buffered per partition: 2048 for 2^24 slots (8 MB of buffers), 512 for 2^23 (2 MB) */
  private readonly BUF: number;
  private readonly tags: Int32Array;
  private readonly partSlots: number;
  private readonly partMask: number;
  private readonly partMax: number;
  /** per partition: h1, h2, line, seq of each waiting record */
  private readonly buf: Int32Array;
  private readonly fill: Int32Array;
  private readonly partSize: Int32Array;
  size = 0;
  saturated = false;
  /** keeps the prefetch loads from being optimized away */
  touched = 0;

  /** @param slots total tag slots (a power of two ≥ 2^12), 4 bytes each */
  /** @param tags the slots, zeroed (e.g. on a SharedArrayBuffer another thread compares afterwards); default: allocated here */
  constructor(slots: number, private readonly onRepeat: (line: number, seq: number) => void, maxLoadQuarters = 3, tags?: Int32Array) {
    const parts = 1 << PartitionedTagSet.BITS;
    this.tags = tags && tags.length === slots ? tags : new Int32Array(slots);
    this.partSlots = slots / parts;
    this.partMask = this.partSlots - 1;
    this.partMax = (this.partSlots / 4) * maxLoadQuarters;
    // a worker's half-size set keeps small buffers: two of them must fit the memory budget too
    this.BUF = slots >= 1 << 24 ? 2048 : Math.max(64, slots >>> 14);
    this.buf = new Int32Array(parts * this.BUF * 4);
    this.fill = new Int32Array(parts);
    this.partSize = new Int32Array(parts);
  }

  add(h1: number, h2: number, line: number, seq: number): void {
    const p = h1 >>> (32 - PartitionedTagSet.BITS);
    const f = this.fill[p];
    const q = (p * this.BUF + f) * 4;
    const buf = this.buf;
    buf[q] = h1;
    buf[q + 1] = h2 === 0 ? 1 : h2; // 0 marks an empty slot
    buf[q + 2] = line;
    buf[q + 3] = seq;
    if (f + 1 === this.BUF) this.drainPart(p, f + 1);
    else this.fill[p] = f + 1;
  }

  /** checks every waiting record (call before reading the results) */
  drain(): void {
    for (let p = 0; p < this.fill.length; p++) if (this.fill[p] > 0) this.drainPart(p, this.fill[p]);
  }

  /** the tag slots, to send to another thread (drain() first) */
  exportTags(): Int32Array {
    return this.tags;
  }

  /**
   * How many keys of set `b` are also in set `a` (two sets of the same size, e.g. from the two halves
   * of a file checked on two threads). A key's home slot is not stored, but it lies in b's run of
   * occupied slots up to the key, and in `a` the key sits between that home and the end of a's run
   * there: so `a` is searched from the start of b's run to the first empty slot of `a` after the
   * key's place. Partitions are the same in both sets, and searches stay inside them.
   */
  static countShared(a: Int32Array, b: Int32Array, fromPart = 0, toPart = PartitionedTagSet.PARTS): number {
    const parts = PartitionedTagSet.PARTS;
    const partSlots = b.length / parts;
    const mask = partSlots - 1;
    let shared = 0;
    for (let p = fromPart; p < toPart; p++) {
      const base = p * partSlots;
      // walk b's runs from an empty slot; for the run [s, e], a's candidates are [s, f] with f
      // the first empty slot of a at or after e
      let e0 = 0;
      while (e0 < partSlots && b[base + e0] !== 0) e0++;
      if (e0 === partSlots) continue; // cannot happen: a partition is never filled past ¾
      let i = (e0 + 1) & mask;
      let left = mask; // slots after e0 still to visit
      while (left > 0) {
        if (b[base + i] === 0) {
          i = (i + 1) & mask;
          left--;
          continue;
        }
        const s = i;
        let len = 0;
        while (left > 0 && b[base + i] !== 0) {
          i = (i + 1) & mask;
          left--;
          len++;
        }
        // a's region: from s through the run's last slot, then on to an empty slot of a
        let r = len;
        let j = (s + len - 1) & mask;
        while (r <= mask && a[base + j] !== 0) {
          j = (j + 1) & mask;
          r++;
        }
        for (let k = 0; k < len; k++) {
          const tag = b[base + ((s + k) & mask)];
          for (let m = 0; m < r; m++) {
            if (a[base + ((s + m) & mask)] === tag) {
              shared++;
              break;
            }
          }
        }
      }
    }
    return shared;
  }

  private drainPart(p: number, n: number): void {
    const buf = this.buf;
    const a = this.tags;
    const mask = this.partMask;
    const base = p * this.partSlots;
    const q0 = p * this.BUF * 4;
    let size = this.partSize[p];
    // load every home slot first: independent loads, so their cache misses overlap
    let x = 0;
    for (let q = q0, end = q0 + n * 4; q < end; q += 4) x ^= a[base + (buf[q] & mask)];
    this.touched ^= x;
    for (let q = q0, end = q0 + n * 4; q < end; q += 4) {
      const h2 = buf[q + 1];
      let i = buf[q] & mask;
      let k = a[base + i];
      while (k !== 0 && k !== h2) {
        i = (i + 1) & mask;
        k = a[base + i];
      }
      if (k === h2) this.onRepeat(buf[q + 2], buf[q + 3]);
      else if (size < this.partMax) {
        a[base + i] = h2;
        size++;
      } else this.saturated = true;
    }
    this.size += size - this.partSize[p];
    this.partSize[p] = size;
    this.fill[p] = 0;
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
