// The IDs of a catalog file (items or users), in 4 bytes a slot: a 64-bit fingerprint's first half
// picks the home slot, its second half is the stored tag (open addressing, linear probing), as the
// validator's TagSet (src/validate/hash.ts). A parallel bit a slot records "an interaction mentions
// it". Sized once from the file's line count (the caller counts them first), kept ≤ 70 % full, so
// 5 M IDs take 2^23 slots = 32 MB + 1 MB of bits, and it never grows (no copy, no peak).
//
// An absent ID is taken for present only if an unrelated ID with the same 32-bit tag sits in its
// probe run (about probe length × 2^-32 a lookup: ~0.002 false hits over a million lookups).

export class IdSet {
  private readonly tags: Int32Array;
  private readonly seen: Uint32Array;
  private readonly mask: number;
  private readonly maxSize: number;
  size = 0;
  /** the set was sized too small for the file (only with an undercounted expectation): later IDs are not held */
  saturated = false;
  /** IDs that repeat an earlier one of the same file */
  repeats = 0;
  /** distinct IDs an interaction mentions */
  mentioned = 0;

  /** @param expected how many IDs at most (e.g. the file's line count) */
  constructor(expected: number) {
    let slots = 1 << 10;
    while (slots * 0.7 < expected) slots *= 2;
    this.tags = new Int32Array(slots);
    this.seen = new Uint32Array(slots >>> 5);
    this.mask = slots - 1;
    this.maxSize = Math.floor(slots * 0.9);
  }

  /** bytes held (for the memory figures) */
  get bytes(): number {
    return this.tags.byteLength + this.seen.byteLength;
  }

  /** 1: added; 2: already there (a repeat); 0: the set is full */
  add(h1: number, h2: number): number {
    if (h2 === 0) h2 = 1; // 0 marks an empty slot
    const a = this.tags;
    const mask = this.mask;
    let i = h1 & mask;
    for (;;) {
      const k = a[i];
      if (k === 0) break;
      if (k === h2) {
        this.repeats++;
        return 2;
      }
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

  /** reads the ID's home slot only (a batch touches its slots first, so their misses overlap) */
  touch(h1: number): number {
    return this.tags[h1 & this.mask];
  }

  /** the slot holding the ID, or -1 */
  find(h1: number, h2: number): number {
    if (h2 === 0) h2 = 1;
    const a = this.tags;
    const mask = this.mask;
    let i = h1 & mask;
    for (;;) {
      const k = a[i];
      if (k === 0) return -1;
      if (k === h2) return i;
      i = (i + 1) & mask;
    }
  }

  isMarked(slot: number): boolean {
    return (this.seen[slot >>> 5] & (1 << (slot & 31))) !== 0;
  }

  /** marks the slot's ID as mentioned by an interaction */
  mark(slot: number): void {
    const w = slot >>> 5;
    const bit = 1 << (slot & 31);
    if ((this.seen[w] & bit) === 0) {
      this.seen[w] |= bit;
      this.mentioned++;
    }
  }
}
