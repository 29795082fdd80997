// With worker threads each part of the file has its own duplicate set, so a line repeating a line of
// an earlier part is found only when the parts' sets are compared: it is counted, reported without
// a line number, and the report says it is approximate. Needs built JavaScript (see parallel.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { bundledEngine, interactionsRun } from './bundle.js';

let engine: typeof Engine;
let dir: string;

beforeAll(async () => {
  ({ dir, engine } = await bundledEngine('pi-pardup-'));
});

describe('DUPLICATE_RECORD with worker threads', () => {
  for (const fastLane of [true, false]) it(`repeats across the two parts are counted without line numbers; repeats within a part keep theirs (${fastLane ? 'fast lane' : 'JS only'})`, async () => {
    const lines: string[] = [];
    for (let i = 0; i < 40000; i++) lines.push(`user${i % 900},item${i},${1600000000 + i},click,1.5`);
    // second half: 30 lines repeat lines of the first half, 5 repeat earlier lines of the second half
    for (let k = 0; k < 30; k++) lines[20500 + k * 300] = lines[k * 500];
    for (let k = 0; k < 5; k++) lines[39000 + k] = lines[30000 + k];
    const file = join(dir, 'dups.csv');
    writeFileSync(file, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${lines.join('\n')}\n`);
    const { schema, now, src } = interactionsRun(engine, file);
    const one = await engine.validateCsv(src(), { schema, now, fastLane });
    const two = await engine.validateCsv(src(), { schema, now, fastLane, workers: 2, parallelMinBytes: 1 });
    const d1 = one.warnings.filter((w) => w.code === 'DUPLICATE_RECORD');
    expect(d1[0].count).toBe(35);
    expect(one.stats.approximate).toBeUndefined();
    const d2 = two.warnings.filter((w) => w.code === 'DUPLICATE_RECORD');
    expect(d2.slice(0, 5).map((w) => w.line)).toEqual([39002, 39003, 39004, 39005, 39006]);
    expect(d2[5].line).toBeUndefined();
    expect(d2[5].message).toMatch(/^30 records in a later part of the file repeat a record of an earlier part exactly/);
    expect(two.stats.issueCounts.DUPLICATE_RECORD).toBe(35);
    expect(d2[0].count).toBe(35);
    expect(two.stats.approximate).toBe(true);
    expect(two.stats.approximateReasons).toEqual(['The file was checked in two parts at once: repeats of a line of the other part are counted, not located.']);
  });

  it('a time-ordered file: repeats across the split, in one run of equal timestamps, are counted from the parts\' runs as from their sets', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 40000; i++) lines.push(`user${i % 900},item${i},${1600000000 + Math.floor(i / 4)},click,1.5`);
    // the 100 lines around the byte middle (where the file is split) share one timestamp; three
    // lines after the middle repeat lines before it
    let bytes = 0;
    const half = lines.reduce((n, l) => n + l.length + 1, 0) / 2;
    let mid = 0;
    while (bytes < half) bytes += lines[mid++].length + 1;
    for (let i = mid - 50; i < mid + 50; i++) lines[i] = `user${i % 900},item${i},${1600000000 + Math.floor((mid - 50) / 4)},click,1.5`;
    for (let k = 0; k < 3; k++) lines[mid + 40 + k] = lines[mid - 40 + k];
    const file = join(dir, 'sorted-dups.csv');
    writeFileSync(file, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${lines.join('\n')}\n`);
    const { schema, now, src } = interactionsRun(engine, file);
    const one = await engine.validateCsv(src(), { schema, now });
    expect(one.warnings.filter((w) => w.code === 'DUPLICATE_RECORD').map((w) => w.line)).toEqual([mid + 42, mid + 43, mid + 44]);
    const fast = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 1 });
    const slow = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 1, fastLane: false });
    const strip = (r: typeof one) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(fast)).toEqual(strip(slow));
    expect(fast.warnings.find((w) => w.code === 'DUPLICATE_RECORD')?.message).toMatch(/^3 records in a later part of the file repeat a record of an earlier part exactly/);
  });
});

