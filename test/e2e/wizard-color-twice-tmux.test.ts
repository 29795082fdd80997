// A spreadsheet whose header names an extra column twice (USER_ID,ITEM_ID,TIMESTAMP,color,color: a
// colour, then a size), at the schema review of "＋ Create the dataset from my CSV" in a new Custom
// group, the Ink wizard at 80×24. "Change a field" → color → "Leave this column out" left out both
// columns (by name) and the review then said the file would fail its import; now the choice names
// the 4th column, the review keeps color, Enter creates, and the copy “Fix and continue” writes
// takes color from the 5th column.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { colorTwiceCsv } from '../helpers/color-twice-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('a header naming color twice at the schema review (80×24)', () => {
  it('the 4th column left out by its place: the review keeps color, and the copy takes the 5th', async () => {
    const cwd = tmp('pi-color-cwd-');
    writeFileSync(join(cwd, 'sheet.csv'), colorTwiceCsv());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'color-shop', 'sheet.csv');
    await at(t, /Create schema color-shop-interactions/, 60_000);
    await highlight(t, 'Change a field');
    t.send('Enter');
    await at(t, /Which field\?/);
    await highlight(t, 'color: string');
    t.send('Enter');
    await at(t, /Change color \(string/);
    await highlight(t, 'Leave this column out');
    const choice = await at(t, /the other column of that name stays/);
    expect(choice.replace(/\s+/g, ' ')).toContain('color (the 4th column): not in the schema, dropped from the copy “Fix and continue” writes (the other column of that name stays)');
    t.send('Enter');
    const review = await at(t, /❯ Create schema and interactions dataset/, 60_000);
    expect(review).not.toMatch(/would fail its import|Not available/);
    await t.waitFor(() => /color \(the 4th column\): left out by you/.test(t.history()), 30_000);
    t.send('Enter');
    await at(t, /❯ Fix and continue/, 60_000);
    t.send('Enter');
    const fixed = await at(t, /Continue anyway|Which bucket/, 60_000);
    expect(fixed).not.toMatch(/✖/);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes('USER_ID,ITEM_ID,TIMESTAMP,color,color → USER_ID,ITEM_ID,TIMESTAMP,color'));
    const copy = readFileSync(join(cwd, 'sheet.fixed.csv'), 'utf8').split('\n');
    expect(copy.slice(0, 3)).toEqual(['USER_ID,ITEM_ID,TIMESTAMP,color', 'U0,I0,1767225600,S', 'U7,I13,1767225660,M']);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
