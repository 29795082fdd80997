// The duplicate sets: 64-bit fingerprints (hash.ts) of records or whole lines in 4-byte tags, a
// plain set (TagSet: record IDs) and a partitioned one for the lines of big files
// (PartitionedTagSet, whose layout the fast lane's line set shares and worker threads compare).

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
