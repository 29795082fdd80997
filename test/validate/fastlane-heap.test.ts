// The fast lane's shared heap (src/validate/wasm/fastlane.ts, alloc / heapMark / heapReset): what the
// worker threads allocated in the parent's memory is given back after each two-thread check, without
// writing it (zeroing it there faulted in every page the workers had reserved, most never touched:
// ~86 MB and 60–215 ms after each check of a small file). Memory handed out again must still read as
// zero, as fresh memory does (alloc's callers count on it: tableInit does not clear its parts).
import { describe, expect, it } from 'vitest';
import { FastLane } from '../../src/validate/fastlane.js';

const bytes = (lane: FastLane, at: number, n: number) => new Uint8Array(lane.memory.buffer as SharedArrayBuffer, at, n);
const all = (b: Uint8Array, v: number) => b.every((x) => x === v);

describe('the fast lane heap given back and handed out again', () => {
  it('heapReset writes nothing; alloc zeroes what it hands out again, only that', () => {
    const lane = FastLane.create()!;
    expect(lane).not.toBeNull();
    const mark = lane.exports.heapMark();
    // a "worker" on the same memory: its own areas come from the shared heap
    const worker = FastLane.create(lane.memory)!;
    const used = worker.region(1 << 20)!;
    used.fill(0xab);
    const at = used.byteOffset;
    lane.exports.heapReset(mark);
    expect(lane.exports.heapMark()).toBe(mark);
    // given back, not written
    expect(all(bytes(lane, at, 1 << 20), 0xab)).toBe(true);
    // handed out again (a region of 256 KiB where the worker's instance and region were): zero,
    // with the 128 bytes a scan may read past it
    const again = lane.region(256 << 10)!;
    expect(again.byteOffset).toBeLessThanOrEqual(at);
    expect(all(bytes(lane, again.byteOffset, (256 << 10) + 128), 0)).toBe(true);
    // what was not handed out again keeps its old bytes until it is
    const past = Math.max(at, again.byteOffset + (256 << 10) + 128 + 64);
    expect(at + (1 << 20) - past).toBeGreaterThan(1 << 19);
    expect(all(bytes(lane, past, at + (1 << 20) - past), 0xab)).toBe(true);
    const rest = lane.region(1 << 20)!;
    expect(all(bytes(lane, rest.byteOffset, (1 << 20) + 128), 0)).toBe(true);
    // past everything ever given back: fresh memory, zero as it is
    const fresh = lane.region(4 << 20)!;
    expect(fresh.byteOffset).toBeGreaterThan(at);
    expect(all(fresh, 0)).toBe(true);
  });

  it('a second instance started on given-back memory counts from empty tables and sets', () => {
    const lane = FastLane.create()!;
    const mark = lane.exports.heapMark();
    for (let round = 0; round < 2; round++) {
      const w = FastLane.create(lane.memory)!;
      // dirty everything it allocated: its areas, and a big region after them
      const r = w.region(2 << 20)!;
      r.fill(0xff);
      lane.exports.heapReset(mark);
    }
    const w = FastLane.create(lane.memory)!;
    const r = w.region(2 << 20)!;
    expect(all(r, 0)).toBe(true);
  });
});
