// The HyperLogLog sketch behind the distinct users/items count once their table is full: accurate
// to its stated error on 20 M IDs, merged across threads exactly, and used by both lanes.
import { describe, expect, it } from 'vitest';
import { hashWords, wordsLow } from '../../src/validate/hash.js';
import { SKETCH_ERROR, SKETCH_REGISTERS, sketchAdd, sketchEstimate, sketchMerge } from '../../src/validate/sketch.js';
import { run, schema } from './helpers.js';

/** the engine's fingerprint of "user-<i>" (bytes written in place: no string a key) */
function fingerprint(buf: Uint8Array, dv: DataView, i: number): [number, number] {
  buf.set([117, 115, 101, 114, 45]); // "user-"
  let n = 5;
  const digits = String(i);
  for (let k = 0; k < digits.length; k++) buf[n++] = digits.charCodeAt(k);
  const h1 = hashWords(dv, buf, 0, n);
  return [h1, wordsLow];
}

describe('HyperLogLog sketch', () => {
  it('estimates 20 M distinct IDs within three standard errors, and every checkpoint on the way', () => {
    const regs = new Uint8Array(SKETCH_REGISTERS);
    const buf = new Uint8Array(64);
    const dv = new DataView(buf.buffer);
    const checkpoints = new Set([1000, 100_000, 1_000_000, 5_000_000, 10_000_000, 20_000_000]);
    const seen: [number, number][] = [];
    for (let i = 1; i <= 20_000_000; i++) {
      const [h1, h2] = fingerprint(buf, dv, i);
      sketchAdd(regs, h1, h2);
      if (checkpoints.has(i)) seen.push([i, sketchEstimate(regs)]);
    }
    for (const [n, est] of seen) expect(Math.abs(est - n) / n, `${n} IDs: estimated ${Math.round(est)}`).toBeLessThan(3 * SKETCH_ERROR);
    // repeats change nothing
    const before = regs.slice();
    for (let i = 1; i <= 100_000; i++) {
      const [h1, h2] = fingerprint(buf, dv, i);
      sketchAdd(regs, h1, h2);
    }
    expect(regs).toEqual(before);
  }, 120_000);

  it('two halves merged are the sketch of the whole (as worker threads merge)', () => {
    const whole = new Uint8Array(SKETCH_REGISTERS);
    const a = new Uint8Array(SKETCH_REGISTERS);
    const b = new Uint8Array(SKETCH_REGISTERS);
    const buf = new Uint8Array(64);
    const dv = new DataView(buf.buffer);
    for (let i = 0; i < 300_000; i++) {
      const [h1, h2] = fingerprint(buf, dv, i);
      sketchAdd(whole, h1, h2);
      // overlapping halves: IDs 100k–200k in both
      if (i < 200_000) sketchAdd(a, h1, h2);
      if (i >= 100_000) sketchAdd(b, h1, h2);
    }
    sketchMerge(a, b);
    expect(a).toEqual(whole);
  });

  for (const fastLane of [true, false]) it(`a users table that overflows: the user count is the sketch's estimate, said approximate with its error (${fastLane ? 'fast lane' : 'JS only'})`, async () => {
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < 40_000; i++) s += `user-${i},i${i % 50},${1596238243 + i},click,\n`;
    const r = await run(s, { schema: schema('interactions.json'), tableSlots: 4096, fastLane });
    expect(r.stats.approximate).toBe(true);
    expect(Math.abs(r.stats.uniqueUsers! - 40_000) / 40_000).toBeLessThan(3 * SKETCH_ERROR);
    expect(r.stats.approximateReasons!.join(' ')).toMatch(/HyperLogLog estimate, ±0\.8 %/);
    // the items fit: exact
    expect(r.stats.uniqueItems).toBe(50);
  });
});
