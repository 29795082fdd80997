// On the embedded sandbox, in a folder holding the user's own export: the CSV question suggests that
// file, not the sandbox's sample (80×24, Ink). Walked before: Enter at the CSV question validated
// samples/interactions.csv while the user's export.csv sat in the folder, listed second.
import { utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const ROOT = resolve(__dirname, '../..');

/** Enter at Where, Group (sandbox-shop) and Dataset (its interactions): the CSV step comes next */
async function toCsvStep(t: ReturnType<typeof sandboxWizard>): Promise<void> {
  for (const m of ['❯ Continue', '❯ sandbox-shop', /❯ sandbox-shop-interactions/]) {
    await at(t, m);
    t.send('Enter');
  }
}

describe('the Ink wizard on the sandbox, the user\'s own export in the folder', () => {
  it('the CSV question suggests export.csv first, the sample after it; Enter checks export.csv', async () => {
    const work = tmp('pi-own-csv-');
    const rows = Array.from({ length: 1200 }, (_, i) => `K${i % 60};A${i % 90};${String((i % 28) + 1).padStart(2, '0')}.11.2025;${i % 3 ? 'Ansicht' : 'Kauf'}`);
    writeFileSync(join(work, 'export.csv'), `Kunden-Nr;Artikel-Nr;Datum;Aktion\r\n${rows.join('\r\n')}\r\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd: work });
    await toCsvStep(t);
    const csv = await at(t, 'CSV files here');
    expect(csv).toMatch(/› export\.csv\n/);
    const list = csv.slice(csv.indexOf('CSV files here')).split('\n').slice(1, 3);
    expect(list[0]).toBe('❯ export.csv');
    // the sample's row: its absolute path and what it is — cut with … at 80 columns when the clone's path is long
    const sample = `${join(ROOT, 'samples', 'interactions.csv')}  (the sandbox’s sample interactions)`;
    expect(list[1]).toMatch(/^ {2}\//);
    expect(sample.startsWith(list[1].trim().replace(/…$/, '')), list[1]).toBe(true);
    t.send('Enter');
    // export.csv checked (its fixed copy named; the summary, short of rows, keeps the group and dataset)
    const checked = await at(t, /✔ CSV +export\.csv|Validation +step 5 of 9[^]*export\.fixed\.csv/);
    expect(checked).not.toMatch(/samples\/interactions\.csv/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);

  it('a folder of 12 monthly exports: the newest suggested; ↓ sent three at a time moves three files, and the picked one stays on screen', async () => {
    const work = tmp('pi-many-csv-');
    const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 60},i${i % 90},${1764979200 + i * 60},click`);
    for (let m = 1; m <= 12; m++) {
      const f = join(work, `export-2026-${String(m).padStart(2, '0')}.csv`);
      writeFileSync(f, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.join('\n')}\n`);
      // exported at each month's end (the suggestion was the oldest by name: January's, imported long ago)
      const t = new Date(Date.UTC(2026, m, 0, 18));
      utimesSync(f, t, t);
    }
    const t = sandboxWizard({ cols: 80, rows: 24, cwd: work });
    await toCsvStep(t);
    const first = await at(t, /❯ export-2026-12\.csv/);
    expect(first).toMatch(/› export-2026-12\.csv/);
    // one send-keys: the three keys reach the wizard in one read
    t.send(['Down', 'Down', 'Down']);
    const moved = await at(t, /› export-2026-09\.csv/);
    expect(moved).toMatch(/❯ export-2026-09\.csv/);
    t.send(['Down', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down']);
    const far = await at(t, /› export-2026-02\.csv/);
    // the 11th of 12 is on screen, highlighted, with the files above it counted
    expect(far).toMatch(/❯ export-2026-02\.csv/);
    expect(far).toMatch(/↑ \d+ more/);
    for (const l of far.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    t.send('Enter');
    await at(t, /✔ CSV +export-2026-02\.csv/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
