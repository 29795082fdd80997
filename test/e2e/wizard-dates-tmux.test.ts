// "How are the dates written?" in a real terminal (tmux, 80x24, the built CLI: npm run build first):
// a newcomer's export with dates day first in numbers only (01.11.2026 00:00, 13.11.2026 further
// down) is asked the order once, day first the default because of that line; Enter, Fix and continue,
// and on to an ACTIVE import of the copy, whose review names the order. Started with --dates, the
// wizard does not ask. Each screen is polled (helpers/wizard-terminal.ts), no fixed sleeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/tmux.js';
import { at, pickCsvFile, sandboxWizard, terminal, tmp } from '../helpers/wizard-terminal.js';

const flat = (s: string) => s.replace(/\s+/g, ' ');
const p2 = (n: number) => String(n).padStart(2, '0');

/** 1,200 distinct interactions of 40 users, November 2026, day first in numbers; `days` in file order */
function export_(dir: string, days: number[]): string {
  const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},${p2(days[Math.floor(i / 10) % days.length])}.11.2026 ${p2(Math.floor(i / 60) % 24)}:${p2(i % 60)},${i % 5 ? 'click' : 'purchase'}`);
  writeFileSync(join(dir, 'bestellungen.csv'), `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.join('\n')}\n`);
  return 'bestellungen.csv';
}

describe('wizard: How are the dates written?', () => {
  it('day first (13.11.2026 on line 32) at 80x24: asked with day first the default → Fix and continue → the copy in epoch seconds → review names the order → ACTIVE', async () => {
    const cwd = tmp('pi-wizdates-cwd-');
    const file = export_(cwd, [1, 2, 3, 13, 14, 15]);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await pickCsvFile(t, file);
    const asked = flat(await at(t, '❯ 1 November (day first)', 60_000));
    expect(asked).toContain('How are the dates written? 01.11.2026 is:');
    expect(asked).toContain('11 January (month first)');
    // the reason for the default, and no flag to pass in a wizard that asks it
    const shown = flat(t.history());
    expect(shown).toContain('13.11.2026 00:30 (line 32) can only be 13 November: the day first in this file.');
    expect(shown).toMatch(/01\.11\.2026 could be 1 November or 11 January\./);
    expect(shown).not.toMatch(/pass --dates/);
    t.send('Enter');
    const fix = flat(await at(t, '❯ Fix and continue'));
    expect(fix).toMatch(/✔ Dates +day first \(01\.11\.2026 = 1 November\)/);
    t.send('Enter');
    await at(t, '❯ Continue anyway', 60_000);
    await t.historyWith((h) => /dates converted to epoch seconds: 1,200 values in 1,200 rows/.test(flat(h)));
    t.send('Enter');
    for (const m of ['Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import', 'Job name:', 'IAM role Personalize assumes', 'Tags (key=value']) {
      await at(t, m);
      t.send('Enter');
    }
    const review = flat(await at(t, 'Create the import job now?'));
    expect(review).toMatch(/Dates +day first \(01\.11\.2026 = 1 November\) → epoch seconds in the copy/);
    expect(review).toContain('bestellungen.fixed.csv');
    t.send('Enter');
    expect(flat(await at(t, 'What happens next', 60_000))).toMatch(/Imported \(ACTIVE\)/);
    t.send('C-c');
    await t.exitCode(20_000);
    const copy = readFileSync(join(cwd, 'bestellungen.fixed.csv'), 'utf8').split('\n');
    expect(copy[1]).toBe(`u0,i0,${Date.UTC(2026, 10, 1) / 1000},purchase`);
    expect(copy[31]).toBe(`u30,i30,${Date.UTC(2026, 10, 13, 0, 30) / 1000},purchase`);
  }, 180_000);

  it('every day ≤ 12, started with --dates month-first: not asked — the summary says it came from --dates — and Fix and continue reads 01.11.2026 as 11 January; a wrong --dates is a usage error naming it', async () => {
    const cwd = tmp('pi-wizdates2-cwd-');
    const file = export_(cwd, [1, 2, 3, 4, 5, 6]);
    const bad = terminal(['node', CLI, '--sandbox', '--dates', 'european'], { cols: 80, rows: 24, cwd, env: { NO_COLOR: '1' } });
    expect(await bad.exitCode(20_000)).toBe(2);
    expect(flat(bad.history())).toContain("personalize-import: --dates 'european' is not day-first or month-first.");
    const t = terminal(['node', CLI, '--sandbox', '--dates', 'month-first', '--sandbox-job-seconds', '1', '--sandbox-data-dir', tmp('pi-wizdates2-data-')], {
      cols: 80, rows: 24, cwd, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-wizdates2-cfg-'), NO_COLOR: '1' },
    });
    await pickCsvFile(t, file);
    const fix = flat(await at(t, '❯ Fix and continue', 60_000));
    expect(fix).toMatch(/✔ Dates +month first \(01\.11\.2026 = 11 January\)/);
    expect(fix).not.toContain('How are the dates written?');
    t.send('Enter');
    await at(t, '❯ Continue anyway', 60_000);
    t.send('C-c');
    await t.exitCode(20_000);
    expect(readFileSync(join(cwd, 'bestellungen.fixed.csv'), 'utf8').split('\n')[1]).toBe(`u0,i0,${Date.UTC(2026, 0, 11) / 1000},purchase`);
  }, 120_000);
});
