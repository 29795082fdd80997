// "Fix and continue" for a Google Sheets export of a German locale saved as comma-separated CSV, in a
// real terminal (tmux, 80x24, the built CLI: npm run build first): its EVENT_VALUE is written with a
// decimal comma and therefore quoted ("1,5"). The validation names the cause and the fix; Fix and
// continue is offered (before session 20 the fixer would have set every row aside: "Pick another
// file"), its summary shows the change line, and the copy holds the numbers with a point — "1,250"
// too, since its column has "0,5". Each screen is polled (helpers/wizard-terminal.ts), no fixed sleeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, pickCsvFile, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';

const flat = (s: string) => s.replace(/\s+/g, ' ');
/** "0,5" "1,250" "2,5" "3,250" …: every other value reads two ways alone (1.250 or 1250?) */
const value = (i: number) => `${i % 9},${i % 2 ? '250' : '5'}`;

describe('wizard: Fix and continue, numbers with a decimal comma in a comma-separated file', () => {
  it('80x24: the finding says "written with a decimal comma" → Fix and continue → the change line → the copy with points', async () => {
    const cwd = tmp('pi-wizdecimal-cwd-');
    const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},${1767225600 + i * 60},click,"${value(i)}"`);
    writeFileSync(join(cwd, 'sheets.csv'), `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${rows.join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await pickCsvFile(t, 'sheets.csv');
    await at(t, '❯ Fix and continue', 60_000);
    const report = flat(await t.historyWith((h) => flat(h).includes('"0,5" is not a number such as 4.5')));
    expect(report).toContain('"0,5" is not a number such as 4.5');
    expect(report).toContain('It is 0.5 written with a decimal comma: “Fix and continue” (personalize-import fix) writes it as 0.5.');
    t.send('Enter');
    await at(t, '❯ Continue anyway', 60_000);
    const summary = flat(await t.historyWith((h) => /numbers with a decimal comma written with a point: 1,200 values in 1,200 rows/.test(flat(h))));
    expect(summary).toMatch(/numbers with a decimal comma written with a point: 1,200 values in 1,200 rows/);
    expect(summary).toContain('e.g. line 2, EVENT_VALUE: 0,5 → 0.5');
    t.send('C-c');
    await t.exitCode(20_000);
    const copy = readFileSync(join(cwd, 'sheets.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
    expect(copy.slice(1, 4)).toEqual(['u0,i0,1767225600,click,0.5', 'u1,i1,1767225660,click,1.250', 'u2,i2,1767225720,click,2.5']);
    expect(copy).toHaveLength(1202);
  }, 120_000);
});
