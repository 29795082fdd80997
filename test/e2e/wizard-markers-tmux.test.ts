// A users export whose AGE (["null", "int"] in the sandbox's Users schema) writes missing values as
// markers (NULL, n/a, N/A: src/validate/markers.ts), in a real terminal (tmux, built CLI: npm run
// build first) at 80×24: the validation says a marker looks like one and that “Fix and continue”
// writes it empty; Fix and continue is offered as the default, and its summary says how many markers
// of AGE were written empty; the copy checked again is valid and the walk goes on to the bucket.
// Each screen is polled, no fixed sleeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, pickCsvFile, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: Fix and continue on missing-value markers at 80×24', () => {
  it('the finding names the marker, Fix and continue writes the markers empty, the summary line says so, the copy is valid', async () => {
    const cwd = tmp('pi-markers-wiz-');
    const age = (i: number) => (i % 10 === 3 ? ['NULL', 'n/a', 'N/A'][Math.floor(i / 10) % 3] : i % 41 === 0 ? '' : String(18 + (i % 60)));
    const rows = Array.from({ length: 1200 }, (_, i) => `user-${String(i).padStart(4, '0')},${['gold', 'silver', 'bronze'][i % 3]},${age(i)}`);
    writeFileSync(join(cwd, 'users.csv'), `USER_ID,MEMBERSHIP,AGE\n${rows.join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await pickCsvFile(t, 'users.csv', 'users');
    const report = flat(await at(t, '❯ Fix and continue', 60_000));
    expect(report).toMatch(/✖ 120 errors: this file would fail the import\./);
    expect(report).toContain('Line 5, column AGE: "NULL" is not a whole number: it looks like a missing-value marker, and AGE is optional. “Fix and continue” (personalize-import fix) writes it empty, which Personalize reads as a missing value.');
    expect(report).toContain('Every error is one the fixer repairs.');
    t.send('Enter');
    const fixed = flat(await at(t, '❯ personalize-sandbox-data', 60_000));
    expect(fixed).toMatch(/✓ fixed: users\.fixed\.csv — 1,200 rows from 1,200 rows of users\.csv, valid/);
    expect(fixed).toContain('AGE: 120 missing-value markers (NULL, n/a, N/A) written empty');
    expect(fixed).toContain('e.g. line 5, AGE: NULL → ""');
    expect(fixed).toMatch(/✔ Validation 1,200 rows, no errors/);
    // drawn once: not again in the scrollback
    expect(t.history().split('missing-value markers (NULL, n/a, N/A) written empty').length - 1).toBe(1);
    t.send('C-c');
    expect(await t.exitCode(20_000)).toBe(130);
    const copy = readFileSync(join(cwd, 'users.fixed.csv'), 'utf8').trim().split('\n').slice(1);
    expect(copy.map((l) => l.split(',')[2])).toEqual(rows.map((r) => r.split(',')[2]).map((v) => (/^[a-z/]+$/i.test(v) ? '' : v)));
  }, 120_000);
});
