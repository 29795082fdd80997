// Timestamps written as a spreadsheet's dates (Excel's serial dates: 45000.5208 is 2023-03-15 12:30,
// 45000 that day): read by dates.ts, counted by the engine over every row (TIMESTAMP_SERIAL when every
// value of a timestamp column is one), the same on both lanes and on two threads; a fractional one's
// TYPE_LONG says what it is. Before, the fixer "dropped the fraction" of 45000.5208 and called the
// copy valid: times on 1 January 1970.
import { createReadStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEngine } from './bundle.js';
import { parseSchema } from '../../src/validate/index.js';
import { SERIAL_END, SERIAL_MIN, excelSerial, readTimestamp, serialDateOf, timeRead } from '../../src/validate/dates.js';
import { serialColumns, serialExample } from '../../src/validate/serial-dates.js';
import { bothLanes, comparable, run } from './helpers.js';

const SCHEMA_JSON = {
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }],
};
const SCHEMA = parseSchema(JSON.stringify(SCHEMA_JSON), 'test');
const b = (s: string) => Buffer.from(s);
/** 2023-03-15T00:00:00Z */
const DAY = 1678838400;

function csv(n: number, ts: (i: number) => string): string {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP\n';
  for (let i = 0; i < n; i++) s += `u${i % 7},i${i % 5},${ts(i)}\n`;
  return s;
}

const both = (text: string) => bothLanes(text, SCHEMA);

describe('excelSerial', () => {
  it('days since 1899-12-30, the fraction the time of day (rounded to the second), 1970 to 2099 only', () => {
    expect(excelSerial(b('45000'), 0, 5)).toBe(DAY);
    expect(excelSerial(b('45000.5'), 0, 7)).toBe(DAY + 43200);
    expect(excelSerial(b('45000.5208333333'), 0, 16)).toBe(DAY + 12 * 3600 + 30 * 60);
    expect(excelSerial(b('45000.0000'), 0, 10)).toBe(DAY);
    expect(excelSerial(b('45000.99999999999999999'), 0, 23)).toBe(DAY + 86400);
    expect(excelSerial(b(String(SERIAL_MIN)), 0, 5)).toBe(0);
    expect(excelSerial(b(String(SERIAL_END - 1)), 0, 5)).toBe(Date.UTC(2099, 11, 31) / 1000);
    for (const v of [String(SERIAL_MIN - 1), String(SERIAL_END), '4500', '450000', '45000.', '45000.5x', '-45000', '45,000', ' 45000', '4500.05', '1596238243.5']) {
      expect(excelSerial(b(v), 0, v.length), v).toBeNaN();
    }
    // a value inside a line: only its bytes
    expect(excelSerial(b('u1,45000.25,x'), 3, 11)).toBe(DAY + 21600);
    expect(serialDateOf(' 45000.25 ')).toBe(DAY + 21600);
    expect(serialDateOf('2023-03-15')).toBeUndefined();
  });

  it("readTimestamp: a fractional serial is a spreadsheet's date (read as UTC), not seconds with a fraction; whole ones stay epoch seconds (NaN: nothing to convert)", () => {
    expect(readTimestamp(b('45000.5'), 0, 7)).toBe(DAY + 43200);
    expect(timeRead).toMatchObject({ kind: 'serial', assumedUtc: true });
    expect(readTimestamp(b('1596238243.5'), 0, 12)).toBe(1596238243);
    expect(timeRead.kind).toBe('fraction');
    expect(readTimestamp(b('12345.5'), 0, 7)).toBe(12345);
    expect(timeRead.kind).toBe('fraction');
    expect(readTimestamp(b('45000'), 0, 5)).toBeNaN();
  });
});

describe('TIMESTAMP_SERIAL', () => {
  it('every TIMESTAMP a whole serial (a valid file, but 1970): one warning with the count, the first line and value, and what fix writes', async () => {
    const r = await both(csv(40, (i) => String(45000 + (i >> 2))));
    // (too small a file to import: only that)
    expect(r.errors.map((e) => e.code)).toEqual(['TOO_FEW_INTERACTIONS', 'TOO_FEW_ACTIVE_USERS']);
    const w = r.warnings.filter((x) => x.code === 'TIMESTAMP_SERIAL');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ line: 2, column: 'TIMESTAMP', severity: 'warning' });
    expect(w[0].message).toBe(`Line 2, column TIMESTAMP: "45000" is a spreadsheet's date (Excel's serial date: days since 1899-12-30), 2023-03-15, not epoch seconds, and so are all 40 values of the column (Excel, Google Sheets and LibreOffice save a date column so when it is formatted as a number). As epoch seconds they are times on 1 January 1970. “Fix and continue” (personalize-import fix) writes them as epoch seconds (${DAY} here, read as UTC).`);
    expect(serialExample(w[0].message)).toEqual({ value: '45000', seconds: String(DAY) });
    expect(serialColumns(r)).toEqual(['TIMESTAMP']);
    // each value's own warning names the reading too
    expect(r.warnings.find((x) => x.code === 'TIMESTAMP_ANCIENT')?.message).toBe("Line 2, column TIMESTAMP: 45000 (1970-01-01T12:30:00Z) is before 1990: it looks like a spreadsheet's date (Excel's serial date 45000 is 2023-03-15), not epoch seconds. Write the time as epoch seconds (personalize-import fix converts a column of such dates).");
  });

  it('fractional serials: TYPE_LONG says what the value is and when; the column warning too, with the time', async () => {
    const r = await both(csv(30, (i) => `${45000 + i}.5208333333`));
    const e = r.errors.find((x) => x.code === 'TYPE_LONG')!;
    expect(e.message).toBe(`Line 2, column TIMESTAMP: "45000.5208333333" is not Unix epoch seconds, a whole number like 1596238243. It is a spreadsheet's date (Excel's serial date: days since 1899-12-30), 2023-03-15T12:30:00Z: in epoch seconds ${DAY + 45000} (read as UTC). Convert the column to epoch seconds (personalize-import fix does).`);
    expect(r.warnings.find((x) => x.code === 'TIMESTAMP_SERIAL')?.message).toMatch(/^Line 2, column TIMESTAMP: "45000\.5208333333" is a spreadsheet's date \(Excel's serial date: days since 1899-12-30\), 2023-03-15T12:30Z, not epoch seconds, and so are all 30 values/);
  });

  it('not every value: no column warning (a mixed column is no column of dates); epoch seconds alone: none', async () => {
    const mixed = await both(csv(30, (i) => (i === 17 ? '1700000000' : String(45000 + i))));
    expect(mixed.warnings.map((x) => x.code)).not.toContain('TIMESTAMP_SERIAL');
    expect(mixed.warnings.map((x) => x.code)).toContain('TIMESTAMP_ANCIENT');
    const outside = await both(csv(30, (i) => (i === 3 ? '12345' : String(45000 + i))));
    expect(outside.warnings.map((x) => x.code)).not.toContain('TIMESTAMP_SERIAL');
    const epoch = await both(csv(30, (i) => String(1_700_000_000 + i)));
    expect(epoch.warnings.map((x) => x.code)).not.toContain('TIMESTAMP_SERIAL');
  });
});

describe('on two threads (the built engine)', () => {
  it("the count and first line are the file's, not a part's: the same warnings as one thread", async () => {
    const { engine } = await bundledEngine('pi-serial-');
    const dir = mkdtempSync(join(tmpdir(), 'pi-serial-file-'));
    const file = join(dir, 'sheet.csv');
    writeFileSync(file, csv(40000, (i) => (i % 3 ? `${45000 + (i >> 8)}.${String(i % 1000).padStart(3, '0')}` : String(45000 + (i >> 8)))));
    const schema = engine.parseSchema(JSON.stringify(SCHEMA_JSON));
    const src = () => ({ name: file, path: file, size: statSync(file).size, open: () => createReadStream(file) });
    const one = await engine.validateCsv(src(), { schema });
    const two = await engine.validateCsv(src(), { schema, workers: 2, parallelMinBytes: 1 });
    expect(comparable(two).warnings).toEqual(comparable(one).warnings);
    expect(one.warnings.find((w) => w.code === 'TIMESTAMP_SERIAL')).toMatchObject({ line: 2, column: 'TIMESTAMP' });
    expect(one.warnings.find((w) => w.code === 'TIMESTAMP_SERIAL')?.message).toContain('are all 40,000 values of the column');
  });
});
