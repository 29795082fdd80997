// A validation report's wrapped lines keep their indent in the Ink wizard (real terminal, built CLI,
// 60x20): the sample with a missing column, "a" for every finding, then "Show all findings", which
// prints every finding above the question (to the scrollback when the screen is full). Ink wrapped
// those at column 0 ("  ✗ Line 1: … the schema" / " requires it" / "field optional…", as the finding
// then read); a row now
// goes on under the finding's text, and never starts with the space it was broken at.
// At 60x20 every finding does not fit the live frame: "a" expanded it in place, the frame grew
// taller than the terminal and Ink redrew it whole, leaving a copy of the screen in the scrollback
// ("✔ Where" twice, #16 items 3 and 8). "a" now prints the report once above the question; the live
// frame stays within the screen. Every screen is polled for, no fixed sleeps.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { at, pickCsvFile, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { breakSpaces } from '../helpers/screen-rows.js';

/** every row of the last finding starting with `start` in `text`, up to the next finding or blank row */
function lastFinding(text: string, start: string): string[] {
  const rows = text.split('\n');
  let i = -1;
  rows.forEach((r, j) => (r.startsWith(start) ? (i = j) : undefined));
  expect(i, text).toBeGreaterThanOrEqual(0);
  const out = [rows[i]];
  for (const r of rows.slice(i + 1)) {
    // the next finding, a blank row, or what comes under the list (its key hint, the question)
    if (r === '' || /^ {2}[✗!…] |^ {4}↳ /.test(r) || /^(a fewer|a all findings|The file has errors|✔ )/.test(r)) break;
    out.push(r);
  }
  return out;
}

describe('validation findings in a 60x20 terminal', () => {
  it('"a" prints every finding once above the question (no copy of the screen in the scrollback); a finding\'s wrapped rows go on under its text there and in "Show all findings"', async () => {
    const t = sandboxWizard({ cols: 60, rows: 20 });
    await pickCsvFile(t, 'samples/interactions-missing-column.csv');
    await at(t, 'a all findings');
    t.send('a', true);
    // every finding, printed once above the question; the live area is the answers and the question
    await t.waitFor(() => t.history().includes('  ! Column EVENT_VALUE') && !t.screen().includes('a all findings') && t.screen().includes('❯ Pick another file'), 30_000);
    const all = await at(t, '❯ Pick another file');
    const scroll = t.history();
    // never a frame as tall as the screen: no copy of it left in the scrollback
    // (at most once: in a 20-row terminal the answers fold into "✔ … 4 earlier answers", and under load
    // Ink may draw no frame with "✔ Where" before they do — CI, Node 20, session 35)
    expect((scroll.match(/✔ Where/g) ?? []).length, scroll).toBeLessThanOrEqual(1);
    expect(scroll.match(/Validation {2}step 5 of 9/g) ?? [], scroll).toHaveLength(1);
    expect(scroll.match(/✖ 1 error: this file would fail the import/g) ?? [], scroll).toHaveLength(1);
    expect(all.split('\n').filter((r) => r !== '').length, all).toBeLessThan(20);
    expect(all, all).not.toMatch(/a fewer/);
    const live = lastFinding(scroll, '  ✗ Line 1: ');
    expect(live.length, scroll).toBeGreaterThan(1);
    for (const r of live.slice(1)) expect(r, scroll).toMatch(/^ {4}\S/);
    expect(breakSpaces(scroll, 60), scroll).toEqual([]);
    // "Show all findings": the third choice
    t.send('Down');
    t.send('Down');
    await at(t, '❯ Show all findings');
    t.send('Enter');
    await t.waitFor(() => (t.history().match(/ITEM_ID column/g) ?? []).length >= 2 && t.screen().includes('❯ Pick another file'), 30_000);
    const history = t.history();
    const printed = lastFinding(history, '  ✗ Line 1: ');
    expect(printed.length, history).toBeGreaterThan(1);
    for (const r of printed.slice(1)) expect(r, history).toMatch(/^ {4}\S/);
    expect(printed.join(' ').replace(/\s+/g, ' ')).toContain('every INTERACTIONS dataset needs it. Add the column, or rename the column that holds it ITEM_ID.');
    const warn = lastFinding(history, '  ! Column EVENT_VALUE');
    expect(warn.length, history).toBeGreaterThan(1);
    for (const r of warn.slice(1)) expect(r, history).toMatch(/^ {4}\S/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);

  it('where every finding fits under the terminal\'s height (80x44), "a" expands the list in place and "a" again folds it', async () => {
    const dir = tmp('pi-fi-csv-');
    writeFileSync(join(dir, 'events.csv'), `USER_ID,ITEM_ID,TIMESTAMP,event\n${Array.from({ length: 30 }, (_, i) => `u${i},i${i},1767225600,click`).join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 44, cwd: dir });
    await pickCsvFile(t, 'events.csv');
    await at(t, 'a all findings');
    t.send('a', true);
    const all = await at(t, 'a fewer');
    expect(all).toContain('Every record has the same timestamp');
    expect(all).toContain('❯ Pick another file');
    expect(t.history().match(/✔ Where/g) ?? []).toHaveLength(1);
    t.send('a', true);
    await at(t, 'a all findings');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
