// Rows without values — separators only (Excel's `;;;;` under a formatted range, a `;;;;;` wider one),
// spaces between separators, blank lines — carry no data: `fix` (the wizard's "Fix and continue",
// `import --fix`) leaves them out of its copy and says so in its changes, instead of setting them
// aside as "rows that cannot be fixed without guessing" (nothing is lost). The same copy and summary
// on the JS path, with the fast lane and on two threads; the copy's report keeps the input's line
// numbers. isFixable offers a file whose only errors are such rows (EMPTY_ROW).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixFile, isFixable, renderSummary, setAsideRows } from '../../src/fix/index.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import type * as Fix from '../../src/fix/index.js';
import { builtFixer } from './built.js';
import { SCHEMAS } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-empty-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const schema = parseSchema(SCHEMAS.interactions);

const filler = (sep: string) => Array.from({ length: 1040 }, (_, i) => [`u${i % 40}`, `i${i % 97}`, String(1767000000 + i * 60), 'click', '1.5'].join(sep));
/** an Excel export: BOM, ";", CRLF; rows of separators only in the middle and at the end, blank lines */
const excel = `\uFEFF${['USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;EVENT_VALUE', ...filler(';').slice(0, 500), ';;;;', '', ...filler(';').slice(500), ';;;;', ';;;;;', ' ; ;;\t; ', '', ''].join('\r\n')}\r\n`;
// the input's lines: 502 ;;;; · 503 blank · 1044 ;;;; · 1045 ;;;;; · 1046 spaces · 1047, 1048 blank

function expectLeftOut(r: Fix.FixResult, out: string) {
  expect(r.summary.rejected).toBe(0);
  expect(r.rejects.listed).toEqual([]);
  expect(r.fixed, renderSummary(r)).toBe(true);
  expect(r.summary.changes.filter((c) => /empty-rows|blank-lines/.test(c.kind))).toEqual([
    { kind: 'empty-rows', label: 'empty rows (only separators) left out', rows: 4, values: 0 },
    { kind: 'blank-lines', label: 'blank lines left out', rows: 3, values: 0 },
  ]);
  expect(r.summary.written).toBe(1040);
  const text = renderSummary(r);
  expect(text).toContain('\n  4 empty rows (only separators) left out\n');
  expect(text).toContain('\n  3 blank lines left out\n');
  expect(text).not.toMatch(/cannot be fixed|Rejected/);
  const lines = out.split(/\r?\n/);
  expect(lines[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
  expect(lines.slice(1, -1)).toEqual(filler(','));
  expect(lines.at(-1)).toBe('');
}

describe('rows without values in fix', () => {
  it('an Excel export: the empty rows and blank lines left out and counted, nothing set aside, the copy valid (JS path)', async () => {
    const input = join(dir, 'excel.csv');
    writeFileSync(input, excel);
    const r = await fixFile({ name: input, path: input }, schema, { output: join(dir, 'excel.fixed.csv') });
    expectLeftOut(r, readFileSync(join(dir, 'excel.fixed.csv'), 'utf8'));
  });

  it('a row with a value in it is still set aside: an empty USER_ID beside an item is a row with a missing value, not an empty row', async () => {
    const input = join(dir, 'partial.csv');
    writeFileSync(input, excel.replace(' ; ;;\t; ', ' ;i1;;\t; '));
    const r = await fixFile({ name: input, path: input }, schema, { output: join(dir, 'partial.fixed.csv') });
    // (its USER_ID is a space: blank, as the fixer names it since blank IDs count as missing)
    expect(r.rejects.listed).toEqual([{ line: 1046, reason: expect.stringMatching(/USER_ID is blank \(only spaces\)/) }]);
    expect(r.summary.changes.find((c) => c.kind === 'empty-rows')?.rows).toBe(3);
  });

  it('isFixable: a comma file whose only errors are rows of separators is offered, with nothing to set aside', async () => {
    const comma = Buffer.from(excel.replace(/;/g, ','));
    const report = await validateCsv({ name: 'x.csv', stream: Readable.from([comma]) }, { schema });
    expect(report.errors.map((e) => e.code)).toEqual(['EMPTY_ROW', 'EMPTY_ROW', 'EMPTY_ROW', 'EMPTY_ROW']);
    expect(isFixable(report, schema, 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE')).toBe(true);
    expect(setAsideRows(report, schema)).toBeUndefined();
  });

  describe('built (fast lane, two threads)', () => {
    let fix: typeof Fix;
    let built: string;
    beforeAll(async () => {
      ({ dir: built, fix } = await builtFixer('fix-empty-rows-built-'));
    }, 60_000);

    it('the fast lane: the same copy and changes', async () => {
      const input = join(built, 'excel.csv');
      writeFileSync(input, excel);
      const r = await fix.fixFile({ name: input, path: input }, schema, { output: join(built, 'excel.fixed.csv') });
      expectLeftOut(r, readFileSync(join(built, 'excel.fixed.csv'), 'utf8'));
    });

    it('two threads (a comma file with LF line ends, split in the middle): the halves\' counts merged, the copy the one thread\'s', async () => {
      const rows = Array.from({ length: 40_000 }, (_, i) => (i % 1000 === 999 ? ',,,,' : i % 1000 === 500 ? '' : `u${i % 40},i${i % 97},${1767000000 + i},click,1.5`));
      const input = join(built, 'big.csv');
      writeFileSync(input, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${rows.join('\n')}\n`);
      const run = (workers: number) => fix.fixFile({ name: input, path: input }, schema, { output: join(built, `big-${workers}.csv`), workers, parallelMinBytes: 1 << 19 });
      const one = await run(1);
      const two = await run(2);
      expect(readFileSync(join(built, 'big-2.csv')).equals(readFileSync(join(built, 'big-1.csv')))).toBe(true);
      expect(two.summary.changes).toEqual(one.summary.changes);
      expect(two.summary.changes).toEqual([{ kind: 'empty-rows', label: 'empty rows (only separators) left out', rows: 40, values: 0 }, { kind: 'blank-lines', label: 'blank lines left out', rows: 40, values: 0 }]);
      expect(two.fixed).toBe(true);
      expect(two.summary.written).toBe(39_920);
    }, 120_000);
  });
});
