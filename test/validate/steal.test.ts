// A thread done with its parts of a big local file cuts the unread rest of a part still in sorted
// mode at a newline and checks the second half as a new part (src/validate/steal.ts). The parts'
// claims on their own (cuts after a newline, no byte read twice or skipped), and a run cut so at
// run time against one thread: the same report, the bad lines of the later parts numbered from the
// file. Needs built JavaScript for the worker thread (see parallel.test.ts).
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { NOT_YET, PartClaims } from '../../src/validate/steal.js';
import { bundledEngine, interactionsRun, ROOT } from './bundle.js';

let engine: typeof Engine & { fastLaneCounters: { partsTaken: number; stealReruns: number } };
let dir: string;
let sorted: string;
let shuffled: string;
let repeats: string;

/** `n` lines in time order (or not), a bad event value every 10,000 lines (a bad timestamp would end sorted mode) */
function rows(n: number, inOrder: boolean): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const ts = 1600000000 + (inOrder ? i >> 2 : (i * 7919) % n);
    lines.push(`user-${String(i % 5000).padStart(6, '0')},item-${i % 3001},${ts},click,${i % 10}.5${i % 10_000 === 7 ? 'x' : ''}`);
  }
  return `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${lines.join('\n')}\n`;
}

beforeAll(async () => {
  ({ dir, engine } = (await bundledEngine('pi-steal-', join(ROOT, 'test/validate/entries/engine-counters.ts'))) as unknown as { dir: string; engine: typeof engine });
  // ≈ 5 MB: five 1 MiB blocks for the worker's part
  sorted = join(dir, 'sorted.csv');
  writeFileSync(sorted, rows(120_000, true));
  shuffled = join(dir, 'shuffled.csv');
  writeFileSync(shuffled, rows(120_000, false));
  // in time order, every line repeated 2000 times (a run of one timestamp): a cut at run time falls between two equal lines
  repeats = join(dir, 'repeats.csv');
  const lines: string[] = [];
  for (let i = 0; i < 120_000; i++) lines.push(`user-${String((i / 2000) | 0).padStart(6, '0')},item-7,${1600000000 + ((i / 2000) | 0)},click,1.5`);
  writeFileSync(repeats, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${lines.join('\n')}\n`);
});

describe('the parts claims', () => {
  it('cut a sorted part\'s rest after a newline near its middle; every byte is claimed once', () => {
    const bytes = readFileSync(sorted);
    const first = bytes.indexOf(10) + 1;
    const mid = bytes.indexOf(10, first + 1000) + 1;
    const claims = PartClaims.create([first, mid, bytes.length], 64 << 10);
    // part 0 read whole; part 1 one block
    while (claims.claim(0, 1 << 20));
    expect(claims.claim(1, 100_000)).toEqual([mid, 100_000]);
    const fd = openSync(sorted, 'r');
    try {
      // not before its reader has said it is sorted (ask again)
      expect(claims.steal(fd)).toBe(NOT_YET);
      claims.setSorted(1, true);
      const k = claims.steal(fd);
      expect(k).toBe(2);
      const cut = claims.start(2);
      expect(bytes[cut - 1]).toBe(10);
      expect(cut).toBeGreaterThan(mid + 100_000);
      expect(Math.abs(cut - (mid + 100_000 + (bytes.length - mid - 100_000) / 2))).toBeLessThan(200);
      expect(claims.end(1)).toBe(cut);
      expect(claims.end(2)).toBe(bytes.length);
      expect(claims.order(claims.count())).toEqual([0, 1, 2]);
      // the rest of part 1 up to the cut, then nothing: the new part has the rest
      let pos = mid + 100_000;
      for (let c = claims.claim(1, 1 << 20); c; c = claims.claim(1, 1 << 20)) {
        expect(c[0]).toBe(pos);
        pos += c[1];
      }
      expect(pos).toBe(cut);
      // a part out of sorted mode is not cut; nor a rest under the least given
      claims.setSorted(2, false);
      expect(claims.steal(fd)).toBe(-1);
      claims.setSorted(2, true);
      expect(claims.steal(fd)).toBe(3);
      while (claims.claim(2, 1 << 20));
      while (claims.claim(3, 1 << 20));
      expect(claims.steal(fd)).toBe(-1);
    } finally {
      closeSync(fd);
    }
  });
});

describe('a run whose parts are cut at run time', () => {
  it('reports exactly what one thread reports, the bad lines of the later parts numbered from the file', async () => {
    const { schema, now, src } = interactionsRun(engine, sorted);
    const one = await engine.validateCsv(src(), { schema, now });
    const bytes = readFileSync(sorted);
    // a tiny first part: this thread is done with it long before the worker thread has booted and cuts the worker's part
    const cut = bytes.indexOf(10, bytes.indexOf(10) + 2000) + 1;
    // (on a loaded machine this thread can be held off the CPU until the worker's part is done: no
    // cut then — a CI run saw it once — so the run is made again, up to 5 times, until one is cut)
    let two: typeof one | undefined;
    let cuts = 0;
    for (let attempt = 0; attempt < 5 && cuts === 0; attempt++) {
      const taken = engine.fastLaneCounters.partsTaken;
      two = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 0, splitAt: [cut], stealMinBytes: 64 << 10 });
      cuts = engine.fastLaneCounters.partsTaken - taken;
      expect(two.valid).toBe(one.valid);
    }
    expect(cuts).toBeGreaterThanOrEqual(1);
    const strip = (r: typeof one) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(two!)).toEqual(strip(one));
    expect(one.stats.issueCounts.TYPE_FLOAT).toBe(12);
    expect(two!.errors.filter((e) => e.code === 'TYPE_FLOAT').map((e) => e.line)).toEqual(Array.from({ length: 12 }, (_, k) => 9 + k * 10_000));
  });

  it('lines repeated across a cut made at run time: checked again without such cuts, the report as with the first cut alone', async () => {
    const { schema, now, src } = interactionsRun(engine, repeats);
    const bytes = readFileSync(repeats);
    const cut = bytes.indexOf(10, bytes.indexOf(10) + 2000) + 1;
    const fixed = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 0, splitAt: [cut] });
    const reruns = engine.fastLaneCounters.stealReruns;
    const two = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 0, splitAt: [cut], stealMinBytes: 64 << 10 });
    expect(engine.fastLaneCounters.stealReruns - reruns).toBe(1);
    const strip = (r: typeof fixed) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(two)).toEqual(strip(fixed));
    // repeats within the first part named, the ones across the first cut counted
    expect(fixed.stats.issueCounts.DUPLICATE_RECORD).toBe(120_000 - 60);
    expect(fixed.stats.approximate).toBe(true);
  });

  it('does not cut a part out of time order (its lines may repeat any line before the cut)', async () => {
    const { schema, now, src } = interactionsRun(engine, shuffled);
    const bytes = readFileSync(shuffled);
    const cut = bytes.indexOf(10, bytes.indexOf(10) + 2000) + 1;
    const taken = engine.fastLaneCounters.partsTaken;
    const fixed = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 0, splitAt: [cut] });
    const two = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 0, splitAt: [cut], stealMinBytes: 64 << 10 });
    expect(engine.fastLaneCounters.partsTaken - taken).toBe(0);
    const strip = (r: typeof fixed) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(two)).toEqual(strip(fixed));
  });
});
