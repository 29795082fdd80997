// Numbers written with a unit ("34 years", "1.5 kg"): the fixer writes the number alone where the
// column's numbers share one unit (years, Year and year are one), rejects a value in another unit
// (never converted) or a fraction in a whole-number column, and leaves ordinals ("2nd") as errors.
// The validation's "Fix and continue" offer (isFixable) takes such values.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixFile, isFixable } from '../../src/fix/index.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-units-'));
const schema = (fields: [string, string][]) =>
  parseSchema(JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields: fields.map(([name, type]) => ({ name, type })) }));
const USERS = schema([['USER_ID', 'string'], ['AGE', 'int'], ['HEIGHT', 'float']]);
let n = 0;

async function fix(text: string) {
  const output = join(dir, `out-${n++}.csv`);
  const rejects = `${output}.rejects`;
  const r = await fixFile({ name: 'users.csv', open: () => Readable.from([Buffer.from(text)]) }, USERS, { output, rejects });
  return { r, out: r.output ? readFileSync(output, 'utf8') : undefined, rejected: r.rejects.count ? readFileSync(rejects, 'utf8') : '' };
}

describe('numbers with a unit', () => {
  it('one unit in the column, however written (years, Year, 1 year): the numbers alone; counted and shown as a change', async () => {
    const { r, out } = await fix('USER_ID,AGE,HEIGHT\nu1,34 years,1.82 m\nu2,1 year,1.5m\nu3,45,2\nu4,29 Years,1.7 m\nu5,"52 years old",1.6 m\n');
    expect(out).toBe('USER_ID,AGE,HEIGHT\nu1,34,1.82\nu2,1,1.5\nu3,45,2\nu4,29,1.7\nu5,52,1.6\n');
    expect(r.fixed).toBe(true);
    const c = r.summary.changes.find((x) => x.kind === 'unit-removed');
    expect(c).toMatchObject({ values: 8, rows: 4 }); // u3's 45 and 2 are plain
    expect(c?.example).toMatchObject({ line: 2, column: 'AGE', before: '34 years', after: '34' });
  });

  it('another unit than the column\'s first (months beside years), a fraction in an int column, an ordinal: rejected, each with why', async () => {
    const { r, out } = await fix('USER_ID,AGE,HEIGHT\nu1,34 years,1.8\nu2,12 months,1.8\nu3,40.5 years,1.8\nu4,2nd,1.8\nu5,30 yrs,1.8\n');
    // (rows set aside into the rejects file; the rest written)
    expect(out).toBe('USER_ID,AGE,HEIGHT\nu1,34,1.8\n');
    expect(r.rejects.listed).toEqual([
      { line: 3, reason: 'AGE "12 months" is in another unit than the column\'s first number with a unit (years): write the column\'s numbers in one unit' },
      { line: 4, reason: 'AGE "40.5 years" is 40.5, not a whole number (int)' },
      { line: 5, reason: 'AGE "2nd" is not a whole number (int)' },
      { line: 6, reason: 'AGE "30 yrs" is in another unit than the column\'s first number with a unit (years): write the column\'s numbers in one unit' },
    ]);
  });

  it('the validation of such a file offers the fix (isFixable), and not for an ordinal', async () => {
    const check = async (text: string) => {
      const report = await validateCsv({ name: 'users.csv', stream: Readable.from([Buffer.from(text)]) }, { schema: USERS });
      expect(report.valid).toBe(false);
      return isFixable(report, USERS, text.split('\n')[0]);
    };
    expect(await check('USER_ID,AGE,HEIGHT\nu1,34 years,1.8 m\nu2,35,1.7\n')).toBe(true);
    expect(await check('USER_ID,AGE,HEIGHT\nu1,2nd,1.8\n')).toBe(false);
  });
});
