// Two exports a newcomer brings, at the schema review of "＋ Create the dataset from my CSV" in a new
// Custom group, the Ink wizard at 80×24:
// - an items catalog of 130 columns: each of the 29 beyond an items dataset's 100 said why by
//   listing the 100 kept (some 500 lines above the question); now one line per reason, the kept
//   counted past a few;
// - a spreadsheet whose header names "event type" twice: after "Leave out event type" the review
//   still blocked Create with the duplicate and defaulted to "Keep the columns left out" (a dead
//   end); now the message says which places, and after leaving the second out Enter creates.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { wideCatalog } from '../helpers/wide-catalog.js';
import { twiceCsv } from '../helpers/twice-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('wide and doubled headers at the schema review (80×24)', () => {
  it('a catalog of 130 columns: the columns beyond the 100 on one line with their reason', async () => {
    const cwd = tmp('pi-wide-cwd-');
    writeFileSync(join(cwd, 'catalog.csv'), wideCatalog());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'wide-shop', 'catalog.csv');
    await at(t, /❯ Leave out 29 columns/, 60_000);
    // (the lines above the question are in the scrollback once the frame under them is drawn)
    await t.waitFor(() => /come first in the header/.test(t.history()), 30_000);
    const said = t.history();
    const flat = said.replace(/\s+/g, ' ');
    expect(flat).toContain('attr_124, attr_125, attr_126: an items dataset takes at most 100 metadata columns, and category, attr_0, attr_1, attr_2, attr_3 and 95 more come first in the header');
    // the reason once, not once per column; the kept ones never listed whole
    expect(said.match(/takes at most 100 metadata columns/g)?.length, said).toBe(2);
    expect(flat).not.toContain('attr_97, attr_98');
    t.send('Enter');
    const next = await at(t, /❯ Create schema and items dataset/, 60_000);
    expect(next).toContain('Keep the columns left out (title, attr_99');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);

  it('"event type" twice: which places collide, and after leaving the second out Enter creates', async () => {
    const cwd = tmp('pi-dup-cwd-');
    writeFileSync(join(cwd, 'sheet.csv'), twiceCsv());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'dup-shop', 'sheet.csv');
    await at(t, /❯ Leave out event type/, 60_000);
    await t.waitFor(() => /names event type twice/.test(t.history()), 30_000);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes('✗ The header names event type twice (the 4th and the 5th column): the 5th would be field EVENT_TYPE, which the 4th already is.'));
    t.send('Enter');
    const next = await at(t, /❯ Create schema and interactions dataset/, 60_000);
    expect(next).not.toContain('Not available');
    t.send('Enter');
    // created; the copy “Fix and continue” writes has the name once
    await at(t, /❯ Fix and continue/, 60_000);
    t.send('Enter');
    const fixed = await at(t, /Continue anyway|Which bucket/, 60_000);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes('User ID,item.id,event.time,event type,event type → USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'));
    expect(fixed).not.toMatch(/✖/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
