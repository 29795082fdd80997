// "Keep one of the columns left out…" in the Ink wizard at 80×24, for a header that names an extra
// column twice (USER_ID,ITEM_ID,TIMESTAMP,color,color, each one value in every row: both proposed to
// be left out, the default). The choice lists each color by its place; the 5th is picked; the review
// says that one is kept, Create is the default; the copy “Fix and continue” writes has color from the
// 5th column. Before, both were one answer (keep:color): both came back and the doubled name blocked
// Create. Every screen polled, no fixed sleeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { colorTwiceConstantCsv } from '../helpers/color-twice-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('keeping one of two columns named color (80×24)', () => {
  it('leave out both (Enter) → Keep one… → color (the 5th column) → kept, created, the copy takes the 5th', async () => {
    const cwd = tmp('pi-keep-twice-cwd-');
    writeFileSync(join(cwd, 'sheet.csv'), colorTwiceConstantCsv());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'keep-twice', 'sheet.csv');
    await at(t, /❯ Leave out 2 columns/, 60_000);
    t.send('Enter');
    await at(t, /Keep the columns left out \(/, 60_000);
    await highlight(t, 'Keep one of the columns left out…');
    t.send('Enter');
    const keep = await at(t, /Which column should the schema keep\?/);
    expect(keep).toContain('color (the 4th column) — one value in every row');
    expect(keep).toContain('color (the 5th column) — one value in every row');
    await highlight(t, 'color (the 5th column) — one value in every row');
    t.send('Enter');
    const review = await at(t, /❯ Create schema and interactions dataset/, 60_000);
    expect(review).not.toMatch(/names color twice|Not available/);
    await t.waitFor(() => /color \(the 5th column\): one value in every row/.test(t.history()), 30_000);
    t.send('Enter');
    await at(t, /❯ Fix and continue/, 60_000);
    t.send('Enter');
    const fixed = await at(t, /Continue anyway|Which bucket/, 60_000);
    expect(fixed).not.toMatch(/✖/);
    const copy = readFileSync(join(cwd, 'sheet.fixed.csv'), 'utf8').split('\n');
    expect(copy.slice(0, 2)).toEqual(['USER_ID,ITEM_ID,TIMESTAMP,color', 'U0,I0,1767225600,XL']);
    for (const s of [keep, review]) expect(s.split('\n').every((l) => l.length <= 80)).toBe(true);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
