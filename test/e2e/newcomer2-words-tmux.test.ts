// What newcomers' walks read at 80×24 (session 28, round 2):
// - a catalog of 130 columns: the 29 beyond an items dataset's 100 were offered as "Leave out 29
//   columns Personalize cannot use" under "29 columns Personalize cannot use, or should not get" —
//   neither true of them: Personalize has no room for them. At the validation step the file's
//   "column title is not in the schema (…)" listed all 101 field names; now a few and a count.
// - a completeness warning said its column twice: "! column EVENT_VALUE: Column EVENT_VALUE is filled
//   in 19.5 % of records; …".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, pickCsvFile, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { wideCatalog } from '../helpers/wide-catalog.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('what a wide catalog and a sparse column say (80×24)', () => {
  it('a catalog of 130 columns: left out as columns Personalize has no room for; the check after create names a few fields', async () => {
    const cwd = tmp('pi-nc2-wide-cwd-');
    writeFileSync(join(cwd, 'catalog.csv'), wideCatalog());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'roomy-shop', 'catalog.csv');
    const review = await at(t, /❯ Leave out 29 columns/, 60_000);
    expect(review).toMatch(/^❯ Leave out 29 columns Personalize has no room for$/m);
    const said = await t.historyWith((h) => /columns Personalize [a-z ]+:/.test(h) && h.includes('come first in the header'), 30_000);
    expect(said).toContain('! 29 columns Personalize has no room for:');
    expect(said).not.toMatch(/cannot use/);
    t.send('Enter');
    await at(t, /❯ Create schema and items dataset/, 60_000);
    t.send('Enter');
    // created, the original file checked against the 101 fields: its 29 other columns are not in the schema
    await at(t, /Validation +step \d of \d+[^]*❯ /, 90_000);
    const checked = flat(await t.historyWith((h) => /column title is not in the schema/.test(flat(h)), 30_000));
    expect(checked).toContain('column title is not in the schema (ITEM_ID, category, attr_0, attr_1, attr_2 and 96 more)');
    expect(checked).not.toContain('attr_97, attr_98');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 180_000);

  it('a column filled in 19.5 % of records: the warning names it once', async () => {
    const t = sandboxWizard({ cols: 80, rows: 24 });
    await pickCsvFile(t, 'samples/interactions-missing-column.csv');
    await at(t, 'a all findings', 60_000);
    t.send('a', true);
    const shown = flat(await t.historyWith((h) => flat(h).includes('EVENT_VALUE is filled in 19.5 %'), 30_000));
    expect(shown).toContain('! Column EVENT_VALUE is filled in 19.5 % of records;');
    expect(shown).not.toMatch(/column EVENT_VALUE: Column EVENT_VALUE/i);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
