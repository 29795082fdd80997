// "＋ Create the dataset from my CSV" then "Fix and continue" on a real 80×24 screen (built CLI,
// embedded sandbox) with an interactions file as Excel saves it: a BOM, CRLF, ";" between the values,
// and at its end rows holding only separators (`;;;;`: rows formatted but left empty), one of
// spaces, and a blank line. Before, the review said "USER_ID is required, yet 3 of 1,203 values are
// empty" (for each required field) and made EVENT_TYPE / EVENT_VALUE optional because of them, and
// the fix asked about "3 rows cannot be fixed without guessing" (a rejects file). Now the review
// says the empty rows were skipped, the fields stay required, and Fix and continue leaves them out
// of its copy, says so, and goes on — no rejects question. Each screen polled, no sleeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: an Excel export ending in rows of separators only', () => {
  it('80×24: the review skips them and says so, Fix and continue leaves them out without the rejects question', async () => {
    const cwd = tmp('pi-emptyrows-cwd-');
    const lines = ['USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;EVENT_VALUE'];
    for (let i = 0; i < 1200; i++) lines.push(`u${i % 97};SKU_${i % 150};${1767225600 + i * 60};${i % 3 ? 'click' : 'purchase'};${(i % 5) + 1}`);
    lines.push(';;;;', ';;;;', ' ; ;;; ', '');
    writeFileSync(join(cwd, 'excel.csv'), `\uFEFF${lines.join('\r\n')}\r\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'excel-empty', 'excel.csv');
    await at(t, '❯ Create schema and interactions dataset', 60_000);
    const review = flat(await t.historyWith((h) => flat(h).includes('(the whole file, 1,200 rows; 3 empty rows skipped: only separators)')));
    expect(review).toContain('(the whole file, 1,200 rows; 3 empty rows skipped: only separators)');
    expect(review).not.toMatch(/is required, yet|values are empty/);
    expect(review).toMatch(/EVENT_TYPE\s+string\s/);
    expect(review).not.toMatch(/EVENT_(TYPE|VALUE)\s+\S+\s+(yes|optional)/);
    t.send('Enter');
    await at(t, '❯ Fix and continue', 120_000);
    t.send('Enter');
    await at(t, '❯ Continue anyway', 60_000);
    const said = flat(await t.historyWith((h) => flat(h).includes('3 empty rows (only separators) left out')));
    expect(said).toContain('3 empty rows (only separators) left out');
    expect(said).toContain('1 blank line left out');
    expect(said).not.toMatch(/without guessing|rejects\.csv|set aside/);
    const rows = t.screen().replace(/\n+$/, '').split('\n');
    expect(rows.every((l) => l.length <= 80), t.screen()).toBe(true);
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
    const copy = readFileSync(join(cwd, 'excel.fixed.csv'), 'utf8').split(/\r?\n/);
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
    expect(copy).toHaveLength(1202);
    expect(copy.slice(1, -1).every((l) => /^u\d+,SKU_\d+,\d+,(click|purchase),\d$/.test(l))).toBe(true);
  }, 240_000);
});
