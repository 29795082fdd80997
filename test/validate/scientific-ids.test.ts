// IDs in scientific notation (1.00001E+11): a spreadsheet (Excel) wrote long numeric IDs so and kept
// six digits, so different users became one. Counted by the engine over every row (the fast lane
// hands such lines over: a '+' among an ID's last bytes), the same on both lanes and on two threads,
// and said once per column (ID_SCIENTIFIC) with the count and the first line. Before, the report only
// said "Only 2 users have 2 or more interactions" of a file of 200.
import { createReadStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEngine } from './bundle.js';
import { fastLaneCounters } from '../../src/validate/fastlane.js';
import { parseSchema } from '../../src/validate/index.js';
import { isScientific, maybeScientific } from '../../src/validate/scientific-ids.js';
import { inferSchema } from '../../src/schema/index.js';
import { bothLanes, comparable, run } from './helpers.js';

const SCHEMA_JSON = {
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }],
};
const SCHEMA = parseSchema(JSON.stringify(SCHEMA_JSON), 'test');
const b = (s: string) => Buffer.from(s);

function csv(n: number, user: (i: number) => string, item: (i: number) => string = (i) => `i${i % 50}`): string {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP\n';
  for (let i = 0; i < n; i++) s += `${user(i)},${item(i)},${1_700_000_000 + i}\n`;
  return s;
}

const both = (text: string) => bothLanes(text, SCHEMA);

describe('isScientific', () => {
  it('d(.d+)E+d{1,3}, e or E, a sign before it; nothing else', () => {
    for (const v of ['1.00001E+11', '1E+5', '9.9e+14', '-1.2E+12', '1.23456789012E+100']) {
      expect(isScientific(b(v), 0, v.length), v).toBe(true);
      expect(maybeScientific(b(v), 0, v.length), v).toBe(true);
    }
    for (const v of ['1.2E-5', '12E+5', '1.E+5', 'E+11', '1.2E+', '1.2E+1234', 'user+11', 'a1.2E+11', '1.2E11', '100001234567']) expect(isScientific(b(v), 0, v.length), v).toBe(false);
    // (the last byte a '+' is no exponent: not even looked at)
    expect(maybeScientific(b('abc+'), 0, 4)).toBe(false);
  });
});

describe('ID_SCIENTIFIC', () => {
  it('USER_IDs Excel rounded: one warning with the count, the first line and value, and why it cannot be repaired', async () => {
    const r = await both(csv(60, (i) => (i % 3 === 2 ? `u${i}` : `1.0000${i % 4}E+11`)));
    const w = r.warnings.filter((x) => x.code === 'ID_SCIENTIFIC');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ line: 2, column: 'USER_ID', severity: 'warning' });
    expect(w[0].message).toBe('Line 2, column USER_ID: "1.00000E+11" is a number in scientific notation, and so are 40 IDs of the column: a spreadsheet (Excel) writes long numeric IDs so and keeps only 6 significant digits, so different users became one and their histories are merged. Personalize takes an ID as written. This cannot be repaired from the file: export the IDs again from where they come from, or, in the spreadsheet, format the column as Text (or Number with no decimals) before saving it as CSV.');
  });

  it('an ITEM_ID alone, in the words of items; plain IDs (a + inside, the bench\'s user-082300): none, and they stay in the fast lane', async () => {
    const one = await both(csv(30, (i) => `u${i}`, (i) => (i === 7 ? '4.5E+12' : `i${i}`)));
    expect(one.warnings.find((x) => x.code === 'ID_SCIENTIFIC')?.message).toMatch(/^Line 9, column ITEM_ID: "4\.5E\+12" is a number in scientific notation, the only such ID of the column: .* keeps only 2 significant digits, so different items became one\. Personalize/);
    const plain = await both(csv(30, (i) => (i === 4 ? 'a+b+c' : `user-0823${i}00`)));
    expect(plain.warnings.map((x) => x.code)).not.toContain('ID_SCIENTIFIC');
    const before = fastLaneCounters.lines;
    await run(csv(30, (i) => `user-0823${i}00`), { schema: SCHEMA, fastLane: true });
    expect(fastLaneCounters.lines - before).toBe(30);
  });

  it('the schema inference says it of USER_ID too', async () => {
    const r = await inferSchema((async function* () { yield Buffer.from(csv(20, (i) => `1.0000${i % 2}E+11`)); })());
    expect(r.problems.find((p) => p.code === 'ID_SCIENTIFIC')?.message).toBe('USER_ID (column USER_ID): 100 % of values are numbers in scientific notation (e.g. "1.00000E+11"): a spreadsheet (Excel) writes long numeric IDs so and rounds them, so different users became one. This cannot be repaired from the file: export the IDs again as text.');
  });
});

describe('on two threads (the built engine)', () => {
  it("the count and first line are the file's, not a part's: the same warnings as one thread", async () => {
    const { engine } = await bundledEngine('pi-sci-');
    const dir = mkdtempSync(join(tmpdir(), 'pi-sci-file-'));
    const file = join(dir, 'sheet.csv');
    writeFileSync(file, csv(40000, (i) => (i > 30000 && i % 100 === 7 ? `1.2345${i % 10}E+11` : `u${i % 900}`)));
    const schema = engine.parseSchema(JSON.stringify(SCHEMA_JSON));
    const src = () => ({ name: file, path: file, size: statSync(file).size, open: () => createReadStream(file) });
    const one = await engine.validateCsv(src(), { schema });
    const two = await engine.validateCsv(src(), { schema, workers: 2, parallelMinBytes: 1 });
    expect(comparable(two).warnings).toEqual(comparable(one).warnings);
    expect(one.warnings.find((w) => w.code === 'ID_SCIENTIFIC')).toMatchObject({ line: 30009, column: 'USER_ID' });
    expect(one.warnings.find((w) => w.code === 'ID_SCIENTIFIC')?.message).toContain('and so are 100 IDs of the column');
  });
});
