// The wizard started with `--keep color` on a header that names color twice (USER_ID,ITEM_ID,
// TIMESTAMP,color,color, each one value in every row), at 80×24. --keep color does not say which
// one: the wizard ended at the schema step with exit 2 — after creating the dataset group the user
// had just confirmed. Now the flag is not applied, the review says so (and how to keep one), and
// "Keep one of the columns left out…" names each by its place; the 5th kept, the review offers to
// leave out the 4th. Every screen polled, no fixed sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { colorTwiceConstantCsv } from '../helpers/color-twice-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('--keep color of a header naming color twice (80×24)', () => {
  it('the review says the flag is not applied and asks which; the 5th kept → only the 4th left to leave out', async () => {
    const cwd = tmp('pi-keep-flag-cwd-');
    writeFileSync(join(cwd, 'sheet.csv'), colorTwiceConstantCsv());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd, args: ['--keep', 'color'] });
    await newGroupFromCsv(t, 'keep-flag', 'sheet.csv');
    const review = await at(t, /❯ Leave out 2 columns/, 60_000);
    expect(review).not.toMatch(/✖|exit/i);
    const above = await t.historyWith(/--keep color is not applied/, 30_000);
    expect(above.replace(/\n +/g, ' ')).toContain('--keep color is not applied: the header names color more than once (the 4th and the 5th column). To keep one, use “Keep one of the columns left out…” (it names each by its place), or start again with --keep color@4 or --keep color@5.');
    await highlight(t, 'Keep one of the columns left out…');
    t.send('Enter');
    const keep = await at(t, /Which column should the schema keep\?/);
    expect(keep).toContain('color (the 5th column) — one value in every row');
    await highlight(t, 'color (the 5th column) — one value in every row');
    t.send('Enter');
    const after = await at(t, /❯ Leave out color \(the 4th column\)/, 60_000);
    for (const s of [review, keep, after]) expect(s.split('\n').every((l) => l.length <= 80)).toBe(true);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
