// Byte-keyed tables for the hot path. Keys are 64-bit fingerprints (two 32-bit hashes of the bytes),
// stored interleaved in one typed array with open addressing (one cache miss per lookup): no
// strings, no per-key objects. A JS Map of strings would allocate a string per row and halve
// throughput.
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
