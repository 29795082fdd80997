// PartitionedTagSet: repeats are reported exactly once per repeated key, and countShared() finds
// the keys two sets have in common wherever linear probing displaced them.
import { describe, expect, it } from 'vitest';
import { FastLane } from '../../src/validate/fastlane.js';
import { PartitionedTagSet, TagSet } from '../../src/validate/linesets.js';
import { mulberry32Int } from '../helpers/random.js';

const rng = mulberry32Int;

describe('PartitionedTagSet', () => {
  it('reports each repeat once, after drain(), with its line and batch', () => {
    const seen: [number, number][] = [];
    const set = new PartitionedTagSet(1 << 14, (line, seq) => seen.push([line, seq]));
    const r = rng(1);
    const keys = Array.from({ length: 5000 }, () => [r(), r()] as const);
    keys.forEach(([h1, h2], i) => set.add(h1, h2, i, 7));
    keys.slice(0, 300).forEach(([h1, h2], i) => set.add(h1, h2, 10000 + i, 8));
    set.drain();
    expect(seen.sort((x, y) => x[0] - y[0])).toEqual(Array.from({ length: 300 }, (_, i) => [10000 + i, 8]));
    expect(set.size).toBe(5000);
  });

  it('countShared counts the common keys of two sets filled to various loads', () => {
    for (const [n, common] of [[2000, 0], [12000, 5000], [30000, 30000], [30000, 1], [36000, 20000]]) {
      const a = new PartitionedTagSet(1 << 16, () => {});
      const b = new PartitionedTagSet(1 << 16, () => {});
      const r = rng(n + common);
      const shared = Array.from({ length: common }, () => [r(), r()] as const);
      const onlyA = Array.from({ length: n - common }, () => [r(), r()] as const);
      const onlyB = Array.from({ length: n - common }, () => [r(), r()] as const);
      // interleave so shared keys land at different probe positions in the two sets
      [...onlyA, ...shared].forEach(([h1, h2], i) => a.add(h1, h2, i, 0));
      [...shared.slice().reverse(), ...onlyB].forEach(([h1, h2], i) => b.add(h1, h2, i, 0));
      a.drain();
      b.drain();
      expect(a.saturated || b.saturated).toBe(false);
      expect(PartitionedTagSet.countShared(a.exportTags(), b.exportTags())).toBe(common);
      expect(PartitionedTagSet.countShared(b.exportTags(), a.exportTags())).toBe(common);
    }
  });

  it("the fast lane's line set (probed a cache line, 16 slots, at a time) puts every tag in PartitionedTagSet's slot and reports the same repeats, up to saturation", () => {
    const fl = FastLane.create()!;
    const slots = 1 << 16;
    const ex = fl.exports;
    expect(ex.lineSetInit(slots, 64)).toBe(1);
    const js: [number, number][] = [];
    const wasm: [number, number][] = [];
    const set = new PartitionedTagSet(slots, (line, seq) => js.push([line, seq]));
    const r = rng(99);
    // 60 k keys into 48 k places: past saturation; every 7th key again (a repeat), some tags 0 (stored as 1)
    // and homes at a partition's last slots (runs that wrap around its end)
    const keys: [number, number][] = [];
    for (let i = 0; i < 60000; i++) {
      const h1 = i % 97 === 0 ? (r() | 0xff) : r();
      keys.push([h1, i % 1001 === 0 ? 0 : r()]);
      if (i % 7 === 0) keys.push(keys[(i * 31) % keys.length]);
    }
    keys.forEach(([h1, h2], i) => {
      set.add(h1, h2, i, i >> 10);
      ex.lineAdd(h1, h2, i, i >> 10);
      const n = ex.repeatCount();
      const p = ex.repeatsPtr() >> 2;
      for (let k = 0; k < n; k++) wasm.push([fl.int32[p + 2 * k], fl.int32[p + 2 * k + 1]]);
      ex.clearRepeats();
    });
    set.drain();
    ex.lineDrain();
    for (let k = 0; k < ex.repeatCount(); k++) wasm.push([fl.int32[(ex.repeatsPtr() >> 2) + 2 * k], fl.int32[(ex.repeatsPtr() >> 2) + 2 * k + 1]]);
    expect(set.saturated).toBe(true);
    expect(ex.lineSaturated()).toBe(1);
    expect(js.length).toBeGreaterThan(1000);
    expect(wasm.sort((a, b) => a[0] - b[0])).toEqual(js.sort((a, b) => a[0] - b[0]));
    const p = ex.lineTagsPtr() >> 2;
    expect(Array.from(fl.int32.subarray(p, p + slots))).toEqual(Array.from(set.exportTags()));
  });

  it("the fast lane's lineCountShared (two workers' count across parts) gives countShared's answer, over any range of partitions", () => {
    const fl = FastLane.create()!;
    expect(fl).not.toBeNull();
    const slots = 1 << 16;
    // up to the sets' ¾ (saturated: the longest runs, some wrapping around a partition's end)
    for (const [n, common] of [[2000, 0], [12000, 5000], [30000, 30000], [36000, 20000], [60000, 30000]]) {
      const a = new PartitionedTagSet(slots, () => {});
      const b = new PartitionedTagSet(slots, () => {});
      const r = rng(7 * n + common);
      const shared = Array.from({ length: common }, () => [r(), r()] as const);
      [...Array.from({ length: n - common }, () => [r(), r()] as const), ...shared].forEach(([h1, h2], i) => a.add(h1, h2, i, 0));
      [...shared.slice().reverse(), ...Array.from({ length: n - common }, () => [r(), r()] as const)].forEach(([h1, h2], i) => b.add(h1, h2, i, 0));
      a.drain();
      b.drain();
      const at = fl.exports.scratch(slots * 8);
      fl.int32.set(a.exportTags(), at >> 2);
      fl.int32.set(b.exportTags(), (at >> 2) + slots);
      for (const [from, to] of [[0, 256], [0, 100], [100, 256], [37, 38]]) {
        const want = PartitionedTagSet.countShared(a.exportTags(), b.exportTags(), from, to);
        expect(fl.exports.lineCountShared(at, at + slots * 4, slots, from, to)).toBe(want);
        expect(fl.exports.lineCountShared(at + slots * 4, at, slots, from, to)).toBe(PartitionedTagSet.countShared(b.exportTags(), a.exportTags(), from, to));
        if (from === 0 && to === 256 && !a.saturated && !b.saturated) expect(want).toBe(common);
      }
    }
  });

  it('a set started small (input of unknown size) grows to its cap with the same repeats, size and saturation as one made at its cap', () => {
    const cap = 1 << 18;
    const r = rng(5);
    // past ¾ of the cap (saturated), through every size on the way (2^12, 2^14, then the cap);
    // every 5th key again: repeats of keys taken in each of the sizes
    const keys: [number, number][] = [];
    for (let i = 0; i < 230000; i++) {
      keys.push([r(), i % 1009 === 0 ? 0 : r()]);
      if (i % 5 === 0) keys.push(keys[(i * 7919) % keys.length]);
    }
    const seen: [number, number][][] = [[], []];
    const sets = [new PartitionedTagSet(cap, (line, seq) => seen[0].push([line, seq])), new PartitionedTagSet(cap, (line, seq) => seen[1].push([line, seq]), 3, undefined, 1 << 12)];
    const plain = [new TagSet(cap), new TagSet(cap, 3, 1 << 12)];
    const added: number[][] = [[], []];
    keys.forEach(([h1, h2], i) => {
      for (const k of [0, 1]) {
        sets[k].add(h1, h2, i, i >> 12);
        added[k].push(plain[k].add(h1, h2));
      }
    });
    for (const s of sets) s.drain();
    expect(seen[0].length).toBeGreaterThan(40000);
    expect(seen[1]).toEqual(seen[0]);
    expect([sets[1].size, sets[1].saturated]).toEqual([sets[0].size, true]);
    expect(added[1]).toEqual(added[0]);
    expect([plain[1].size, plain[1].saturated]).toEqual([plain[0].size, true]);
  });
});
