// A row of separators only (Excel writes `;;;;` for rows that were formatted but left empty; `,,,,` in
// a comma file), or of spaces between them, carries no data: the validator names it once, EMPTY_ROW
// with its line and the count, instead of a REQUIRED_VALUE_MISSING for every required column, and it
// is no record (not in stats.rows, no DUPLICATE_RECORD for the second one, no COLUMN_COUNT for a
// wider one). It stays an error: PERSONALIZE-FACTS.md says nothing of the service skipping such a
// line, which it would read as a record of empty required values. The same report from the JS engine
// and the bundled engine's fast lane, on one thread and two. A blank line stays what it was (counted
// in stats.blankLines, no finding); a row with one value stays a row with missing values.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { bundledEngine, interactionsRun } from './bundle.js';
import { NOW, run, schema } from './helpers.js';

const filler = Array.from({ length: 1040 }, (_, i) => `u${i % 40},i${i % 97},${1767000000 + i * 60},click,1.5`);
const csv = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE', ...filler, ',,,,', ' , ,,\t, ', '', ',,,,,', ',,,,', ',i1,1767000000,click,1'].join('\r\n') + '\r\n';
// lines: header 1, filler 2..1041, then 1042 ,,,, 1043 spaces 1044 blank 1045 ,,,,, 1046 ,,,, 1047 a row without USER_ID
const EMPTY = [1042, 1043, 1045, 1046];

function expectEmptyRows(r: Engine.ValidationReport) {
  expect(r.errors.map((e) => `${e.code}@${e.line}`)).toEqual([...EMPTY.map((l) => `EMPTY_ROW@${l}`), 'REQUIRED_VALUE_MISSING@1047']);
  expect(r.errors[0].message).toBe('Line 1042 has no values (only separators): Personalize would read it as a record with every value empty, and the import job would fail. Delete the line, or let personalize-import fix leave such rows out of its copy (nothing is lost).');
  expect(r.stats.issueCounts.EMPTY_ROW).toBe(4);
  expect(r.warnings.map((w) => w.code)).not.toContain('DUPLICATE_RECORD');
  expect(r.stats.rows).toBe(1041);
  expect(r.stats.blankLines).toBe(1);
  expect(r.valid).toBe(false);
}

describe('EMPTY_ROW', () => {
  it('rows of separators or spaces only: one finding a row, not a missing value per column; not records', async () => {
    const r = await run(csv, { schema: schema('interactions.json') });
    expectEmptyRows(r);
    // in any chunks (a row cut between reads)
    expectEmptyRows(await run(csv, { schema: schema('interactions.json') }, 5));
  });

  describe('the bundled engine (fast lane, worker threads)', () => {
    let engine: typeof Engine;
    let dir: string;
    beforeAll(async () => {
      ({ dir, engine } = await bundledEngine('empty-row-'));
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('the same report with the fast lane, without it, and on two workers', async () => {
      const file = join(dir, 'excel.csv');
      writeFileSync(file, csv);
      const { schema: s, src } = interactionsRun(engine, file);
      for (const o of [{}, { fastLane: false }, { workers: 2, parallelMinBytes: 1 }]) {
        expectEmptyRows(await engine.validateCsv(src(), { schema: s, now: NOW, ...o }));
      }
    }, 60_000);
  });
});
