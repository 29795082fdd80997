// An interactions CSV of 1,500 rows whose only error is line 702's empty USER_ID (some USER_IDs
// padded " u29"), in a real terminal (tmux, built CLI: npm run build first) at 80×24: it was a dead
// end ("Pick another file" / "Quit", the user sent off to `personalize-import fix --rejects`), and
// the padded IDs' warning promised a “Fix and continue” not on screen. Now "Set aside 1 row and
// continue" is the default, naming the line and the rejects file; chosen, the copy is checked again,
// valid, and the walk goes on. Each screen is polled, no fixed sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, pickCsvFile, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { asideCsvText } from '../helpers/aside-csv.js';

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: rows to set aside as the only errors at 80×24', () => {
  it('"Set aside 1 row and continue" is offered with the line and the rejects file; chosen, the copy is valid and the walk goes on', async () => {
    const cwd = tmp('pi-aside-wiz-');
    writeFileSync(join(cwd, 'events.csv'), asideCsvText());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await pickCsvFile(t, 'events.csv');
    const offer = flat(await at(t, '❯ Set aside 1 row and continue', 60_000));
    expect(offer).toContain('The only errors are a row of 1,500 that cannot be imported as written. Set it aside and import the rest?');
    expect(offer).toContain('writes events.fixed.csv, and events.rejects.csv with that row beside it');
    // the lines about the question, printed above it (scrollback at 24 rows)
    const above = flat(t.history());
    expect(above).toContain('Set aside: line 702 (column USER_ID: empty).');
    expect(above).toMatch(/and it to \S*events\.rejects\.csv with its original line number/);
    expect(above).toContain('The copy trims the spaces around the IDs of USER_ID (" u29" → u29)');
    t.send('Enter');
    const fixed = flat(await at(t, '❯ Continue anyway (1 warning)', 60_000));
    expect(fixed).toContain('✔ Fix set aside 1 row and continue (events.fixed.csv, events.rejects.csv)');
    expect(fixed).toMatch(/✔ Validation 1,499 rows, no errors, 1 warning/);
    const summary = flat(await t.historyWith((h) => flat(h).includes('spaces trimmed around IDs and numbers: 30 values in 30 rows')));
    expect(summary).toContain('spaces trimmed around IDs and numbers: 30 values in 30 rows');
    expect(summary).toContain('Rejected: 1 row, written to events.rejects.csv');
    t.send('C-c');
    expect(await t.exitCode(20_000)).toBe(130);
  }, 120_000);
});
