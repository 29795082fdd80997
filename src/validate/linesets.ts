// The duplicate sets: 64-bit fingerprints (hash.ts) of records or whole lines in 4-byte tags, a
// plain set (TagSet: record IDs) and a partitioned one for the lines of big files
// (PartitionedTagSet, whose layout the fast lane's line set shares and worker threads compare).

/**
 * A fixed-size set of 64-bit fingerprints in 4 bytes a slot: `h1` picks the home slot, `h2` is the
 * stored tag (open addressing, linear probing; 16 tags a cache line). Half the bytes of a [h1, h2]
 * slot, so the same memory holds twice the keys. A new key is reported as a repeat only if an
 * unrelated key with the same 32-bit tag sits in its probe run (about probe length × 2^-32 per
 * lookup: ~0.01 false repeats over 10 M records). At its cap it cannot grow (the slot's bits of h1
 * are not stored), so a known size allocates it there; untouched pages are never made resident. For
 * input of unknown size it starts small and keeps each slot's h1 beside it until it reaches the cap.
 */
export class TagSet {
  private tags: Int32Array;
  private mask: number;
  private maxSize: number;
  /** while the set grows (growableSlots): each slot's h1, to place its tag in the next size */
  private h1s: Int32Array | null = null;
  size = 0;
  saturated = false;

  /** @param startSlots a smaller size to start at (input of unknown size): the set grows to `slots` as keys come (growableSlots) */
  constructor(
    private readonly slots: number,
    private readonly maxLoadQuarters = 3,
    startSlots = slots,
  ) {
    const n = Math.min(slots, startSlots);
    this.tags = new Int32Array(n);
    this.mask = n - 1;
    this.maxSize = (n / 4) * maxLoadQuarters;
    if (n < slots) this.h1s = new Int32Array(n);
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
      if (this.h1s) {
        this.grow();
        return this.add(h1, h2);
      }
      this.saturated = true;
      return 0;
    }
    a[i] = h2;
    if (this.h1s) this.h1s[i] = h1;
    this.size++;
    return 1;
  }

  private grow(): void {
    const [tags, h1s] = regrow(this.tags, this.h1s!, 1, nextSlots(this.tags.length, this.slots), this.slots);
    this.tags = tags;
    this.h1s = h1s;
    this.mask = tags.length - 1;
    this.maxSize = (tags.length / 4) * this.maxLoadQuarters;
  }
}

/**
 * A duplicate set for input of unknown size starts at this many slots (256 KiB) instead of its cap
 * (64 MiB: allocating it cost more than checking a small file) and grows as keys come.
 */
export const GROW_START_SLOTS = 1 << 16;

/**
 * The next size of a growing set: ×4 up to 1/16 of the cap, then the cap itself, where the set
 * stops growing (and stops keeping h1): at the cap it is the set a known size gets, and growing
 * into it holds at most 1/16 of it twice (tags and h1) beside it for a moment.
 */
function nextSlots(slots: number, cap: number): number {
  return slots * 4 > cap / 16 ? cap : slots * 4;
}

/**
 * Puts every tag of `tags` (split into `parts` partitions by h1's top bits; its h1 in `h1s` at the
 * same slot) at its place in a set of `slots` slots: the keys a set of that size would hold had it
 * taken them from the start. Returns the new tags and, below the cap, their h1.
 */
function regrow(tags: Int32Array, h1s: Int32Array, parts: number, slots: number, cap: number): [Int32Array, Int32Array | null] {
  const out = new Int32Array(slots);
  const outH1 = slots < cap ? new Int32Array(slots) : null;
  const oldPart = tags.length / parts;
  const newPart = slots / parts;
  const mask = newPart - 1;
  for (let p = 0; p < parts; p++) {
    const base = p * newPart;
    for (let j = p * oldPart, end = j + oldPart; j < end; j++) {
      const tag = tags[j];
      if (tag === 0) continue;
      const h1 = h1s[j];
      let i = h1 & mask;
      while (out[base + i] !== 0) i = (i + 1) & mask;
      out[base + i] = tag;
      if (outH1) outH1[base + i] = h1;
    }
  }
  return [out, outH1];
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
  private BUF: number;
  private tags: Int32Array;
  private partSlots: number;
  private partMask: number;
  private partMax: number;
  /** while the set grows (startSlots < slots): each slot's h1, to place its tag in the next size */
  private h1s: Int32Array | null = null;
  /** per partition: h1, h2, line, seq of each waiting record */
  private buf: Int32Array;
  private readonly fill: Int32Array;
  private readonly partSize: Int32Array;
  size = 0;
  saturated = false;
  /** keeps the prefetch loads from being optimized away */
  touched = 0;

  /** @param slots total tag slots (a power of two ≥ 2^12), 4 bytes each */
  /** @param tags the slots, zeroed (e.g. on a SharedArrayBuffer another thread compares afterwards); default: allocated here */
  /** @param startSlots a smaller size to start at (input of unknown size; not with `tags`): the set grows to `slots` as lines come, finding the same repeats */
  constructor(
    private readonly slots: number,
    private readonly onRepeat: (line: number, seq: number) => void,
    private readonly maxLoadQuarters = 3,
    tags?: Int32Array,
    startSlots = slots,
  ) {
    const parts = 1 << PartitionedTagSet.BITS;
    const n = tags ? slots : Math.max(parts * 16, Math.min(slots, startSlots));
    this.tags = tags && tags.length === slots ? tags : new Int32Array(n);
    if (n < slots) this.h1s = new Int32Array(n);
    this.partSlots = this.partMask = this.partMax = this.BUF = 0;
    this.buf = this.sized(n);
    this.fill = new Int32Array(parts);
    this.partSize = new Int32Array(parts);
  }

  /** the sizes that follow from `n` slots, and new (empty) buffers for them */
  private sized(n: number): Int32Array {
    this.partSlots = n / PartitionedTagSet.PARTS;
    this.partMask = this.partSlots - 1;
    this.partMax = (this.partSlots / 4) * this.maxLoadQuarters;
    // a worker's half-size set keeps small buffers: two of them must fit the memory budget too
    this.BUF = n >= 1 << 24 ? 2048 : Math.max(64, n >>> 14);
    return new Int32Array(PartitionedTagSet.PARTS * this.BUF * 4);
  }

  /**
   * the next size (see nextSlots): every tag placed again by its h1; the records still waiting in
   * their partitions' buffers are moved to the new buffers, but for partition `draining`'s, which
   * its drainPart goes on reading from the old buffer
   */
  private grow(draining: number): void {
    const oldBuf = this.buf;
    const oldBUF = this.BUF;
    const [tags, h1s] = regrow(this.tags, this.h1s!, PartitionedTagSet.PARTS, nextSlots(this.tags.length, this.slots), this.slots);
    this.tags = tags;
    this.h1s = h1s;
    this.buf = this.sized(tags.length);
    for (let p = 0; p < PartitionedTagSet.PARTS; p++) {
      if (p === draining) continue;
      const f = this.fill[p];
      this.buf.set(oldBuf.subarray(p * oldBUF * 4, (p * oldBUF + f) * 4), p * this.BUF * 4);
    }
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
    const q0 = p * this.BUF * 4;
    let a = this.tags;
    let mask = this.partMask;
    let base = p * this.partSlots;
    let h1s = this.h1s;
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
        if (h1s) h1s[base + i] = buf[q];
        size++;
      } else if (h1s) {
        // growing: the set of the next size, then this record again (not in it: it is new)
        this.size += size - this.partSize[p];
        this.partSize[p] = size;
        this.grow(p);
        a = this.tags;
        mask = this.partMask;
        base = p * this.partSlots;
        h1s = this.h1s;
        q -= 4;
      } else this.saturated = true;
    }
    this.size += size - this.partSize[p];
    this.partSize[p] = size;
    this.fill[p] = 0;
  }
}
