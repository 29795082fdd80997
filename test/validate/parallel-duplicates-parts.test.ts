// Lines repeated across parts are counted by the workers themselves, each over its share of the
// duplicate set's partitions (shared memory): with three parts every pair of parts is compared, and
// the total matches one thread's count. Needs built JavaScript (see parallel.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { bundledEngine, interactionsRun } from './bundle.js';

let engine: typeof Engine;
let dir: string;

beforeAll(async () => {
  ({ dir, engine } = await bundledEngine('pi-pardup3-'));
});

describe('DUPLICATE_RECORD across three parts', () => {
  for (const fastLane of [true, false]) it(`counts repeats of every earlier part, once each (${fastLane ? 'fast lane' : 'JS only'})`, async () => {
    const lines: string[] = [];
    for (let i = 0; i < 60000; i++) lines.push(`user${i % 900},item${i},${1600000000 + i},click,1.5`);
    // part 1 (~20000–40000) repeats 10 lines of part 0; part 2 repeats 7 of part 0 and 4 of part 1
    for (let k = 0; k < 10; k++) lines[25000 + k * 100] = lines[k * 700];
    for (let k = 0; k < 7; k++) lines[45000 + k * 100] = lines[10000 + k * 300];
    for (let k = 0; k < 4; k++) lines[50000 + k * 100] = lines[30000 + k * 300];
    const file = join(dir, 'dups3.csv');
    writeFileSync(file, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${lines.join('\n')}\n`);
    const { schema, now, src } = interactionsRun(engine, file);
    const one = await engine.validateCsv(src(), { schema, now, fastLane });
    const three = await engine.validateCsv(src(), { schema, now, fastLane, workers: 3, parallelMinBytes: 1 });
    expect(one.stats.issueCounts.DUPLICATE_RECORD).toBe(21);
    const across = three.warnings.filter((w) => w.code === 'DUPLICATE_RECORD' && w.line === undefined);
    expect(across).toHaveLength(1);
    expect(across[0].message).toMatch(/^21 records in a later part of the file repeat a record of an earlier part exactly \(the file was checked in 3 parts/);
    expect(three.stats.issueCounts.DUPLICATE_RECORD).toBe(21);
    expect(three.stats.approximate).toBe(true);
    expect(three.rows).toBe(60000);
  });
});
