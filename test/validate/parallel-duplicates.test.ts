// With worker threads each part of the file has its own duplicate set, so a line repeating a line of
// an earlier part is found only when the parts' sets are compared: it is counted, reported without
// a line number, and the report says it is approximate. Needs built JavaScript (see parallel.test.ts).
import { readFileSync, statSync, writeFileSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { ROOT, bundledEngine } from './bundle.js';

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
    const schema = engine.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
    const size = statSync(file).size;
    const now = new Date('2026-11-23T00:00:00Z');
    const src = () => ({ name: file, path: file, size, open: () => createReadStream(file) });
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
  });
});
