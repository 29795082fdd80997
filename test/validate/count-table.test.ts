// The fast lane's users/items count table (wasm/fastlane.ts) sized to what it holds: its 64 parts
// double while small and past SMALL_PART slots grow by a sixteenth at 4/5 full, to sizes that are no
// power of two (the home slot is h2 scaled to the part's size). Exact counts through every growth
// step — keys with one row, a few, and past the slot's 6-bit count (the overflow table) — and the
// memory it takes: 10 M users in about 100 MB instead of 128.
import { describe, expect, it } from 'vitest';
import { FastLane } from '../../src/validate/fastlane.js';
import { WasmCountTable } from '../../src/validate/fastlane-tables.js';

/** key k's fingerprint: h1 a bijection of k (never 0, so every key is distinct), h2 scrambled */
const h1Of = (k: number) => Math.imul(k + 1, 0x9e3779b1);
const h2Of = (k: number) => Math.imul(k ^ (k >>> 13), 0x85ebca6b) ^ Math.imul(k + 7, 0xc2b2ae35);
/** rows key k has: most 1 or 2, every 997th 70 (past the 6-bit count), key 3 a thousand */
const rowsOf = (k: number) => (k === 3 ? 1000 : k % 997 === 0 ? 70 : 1 + (k % 2));

function fill(t: WasmCountTable, keys: number): Map<number, number> {
  const want = new Map<number, number>();
  // rows in rounds, as a file interleaves its users: round r counts a row of each key (ascending)
  // that has more than r rows — the keys left are kept in a list that shrinks, rather than looking
  // at every key in each of the 1,000 rounds (1.2 billion checks for a 1.2 M-key table: 8 s of CPU)
  let live = Int32Array.from({ length: keys }, (_, k) => k);
  for (let round = 0; live.length > 0; round++) {
    for (const k of live) t.inc(h1Of(k), h2Of(k));
    live = live.filter((k) => rowsOf(k) > round + 1);
  }
  for (let k = 0; k < keys; k++) want.set(rowsOf(k), (want.get(rowsOf(k)) ?? 0) + 1);
  return want;
}

function tally(t: { forEachCount(fn: (c: number) => void): void }): Map<number, number> {
  const got = new Map<number, number>();
  t.forEachCount((c) => got.set(c, (got.get(c) ?? 0) + 1));
  return got;
}

const parts = (fl: FastLane, t: number) => Array.from({ length: fl.exports.tableParts() }, (_, p) => fl.exports.tablePartSlots(t, p));

describe('the fast lane count table, sized to what it holds', () => {
  it('counts exactly through growth to part sizes that are no power of two, and stays 75–80 % full', () => {
    const fl = FastLane.create()!;
    const t = new WasmCountTable(fl, 0, 1 << 16, 1 << 24);
    // 1.2 M keys: ~18,750 a part, past SMALL_PART (16,384 slots ≈ 13,107 keys at 4/5)
    const keys = 1_200_000;
    const want = fill(t, keys);
    expect(t.size).toBe(keys);
    expect(t.saturated).toBe(false);
    expect(tally(t)).toEqual(want);
    const slots = parts(fl, 0);
    // every part grew past the doubling sizes, to a size that is no power of two
    for (const s of slots) {
      expect(s).toBeGreaterThan(1 << 14);
      expect(s & (s - 1)).not.toBe(0);
    }
    const total = slots.reduce((a, b) => a + b, 0);
    // compact: at most 4/5 full, and not much emptier than a sixteenth's growth leaves (a doubling
    // table would hold these keys in 2^21 slots, 56 % full)
    expect(keys / total).toBeLessThanOrEqual(0.8);
    expect(keys / total).toBeGreaterThan(0.74);
  });

  it('a grown table exports and merges into another with the same counts', () => {
    const fl = FastLane.create()!;
    const a = new WasmCountTable(fl, 0, 1 << 16, 1 << 24);
    const want = fill(a, 900_000);
    // another module's users table (the items table, 1, is a set: its counts stop at 63)
    const b = new WasmCountTable(FastLane.create()!, 0, 1 << 10, 1 << 24);
    b.mergeSlots(a.exportSlots());
    expect(b.size).toBe(900_000);
    expect(tally(b)).toEqual(want);
    // merged counts arrive whole (tableAdd with n > 1): same counts again, each doubled
    b.mergeSlots(a.exportSlots());
    expect(tally(b)).toEqual(new Map([...want].map(([c, n]) => [2 * c, n])));
  });

  it('at its largest size (a cap that is no power of two a part) it fills to its load and says it is saturated', () => {
    const fl = FastLane.create()!;
    // 64 parts of 3,000 slots at most (a small part: ¾ full at most), 2,250 keys a part
    const t = new WasmCountTable(fl, 0, 1 << 10, 64 * 3000);
    fill(t, 200_000);
    expect(t.saturated).toBe(true);
    expect(Math.max(...parts(fl, 0))).toBe(3000);
    expect(t.size).toBeLessThanOrEqual(64 * 2250);
    expect(t.size).toBeGreaterThan(64 * 2250 * 0.95);
  });
});
