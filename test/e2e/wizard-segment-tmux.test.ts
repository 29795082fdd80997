// A Segment tracks export whose visitors who never signed in have no user_id, imported into a new
// Custom group through the Ink wizard at 80×24: at “Fix and continue” the rows without a user_id are
// counted and "…anonymous visitors by their anonymous_id" writes the copy with their anonymous_id as
// USER_ID (before: nothing was said of them and they were set aside).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { segmentCsv } from '../helpers/segment-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('a Segment export with anonymous visitors (80×24)', () => {
  it('the fix step counts them and imports them under their anonymous_id', async () => {
    const cwd = tmp('pi-segment-cwd-');
    writeFileSync(join(cwd, 'tracks.csv'), segmentCsv(1600, 4));
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'segment-shop', 'tracks.csv');
    await at(t, /❯ Create schema and interactions dataset/, 60_000);
    // anonymous_id left out of the schema, why said (it was a required, categorical field)
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes("anonymous_id: Segment's ID for a visitor's browser"));
    t.send('Enter');
    await at(t, /❯ Fix and continue/, 60_000);
    await highlight(t, 'Fix and continue, anonymous visitors by their anonymous_id');
    const screen = await at(t, /USER_ID is the anonymous_id in the 400 rows/);
    expect(screen.split('\n').every((l) => l.length <= 80)).toBe(true);
    await t.waitFor(() => /400 rows have no user_id/.test(t.history()), 30_000);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes("400 rows have no user_id: visitors who never signed in (Segment's export names them by anonymous_id)"));
    t.send('Enter');
    await at(t, /Continue anyway|Which bucket/, 60_000);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes("the row's anonymous_id written instead"));
    // the answer's row, too long for 80 columns: cut inside its words and its path, "(" kept with ")"
    // (cut as one text it read "✔ Fix  fix and continue, anonymous visitors by their anonymous_id (tracks…")
    await t.historyWith(/✔ Fix +fix and continue, anonymous[^\n()]* \([^\n()]*csv\)\n/);
    const copy = readFileSync(join(cwd, 'tracks.fixed.csv'), 'utf8').trim().split('\n');
    expect(copy).toHaveLength(1601);
    const user = copy[0].split(',').indexOf('USER_ID');
    expect(copy[2].split(',')[user]).toBe('a-1');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
