// "＋ Create the dataset from my CSV" on a real 80×24 screen (built CLI, embedded sandbox) with a file
// as Excel saves it in much of Europe: a BOM, CRLF, ";" between the values, a decimal comma, and a ";"
// closing every line — an empty column without a name. Before, the review proposed a field FIELD for
// that column ("The CSV header must be renamed ( → FIELD)", "Leave out  — : …") and Create put it in
// the schema for good, while "Fix and continue" dropped the column from its copy. Now the column
// gets no field, and the review says why. Each screen polled, no sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: a column without a name in the schema review', () => {
  it('an Excel export whose lines end in ";": no field for the empty column, a line says it is left out and why, the Avro schema has none', async () => {
    const cwd = tmp('pi-unnamed-cwd-');
    const lines = ['USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;EVENT_VALUE;'];
    for (let i = 0; i < 1200; i++) lines.push(`u${i % 97};SKU_${i % 150};${1767225600 + i * 60};${i % 3 ? 'click' : 'purchase'};${i % 500},${String(i % 100).padStart(2, '0')};`);
    writeFileSync(join(cwd, 'excel.csv'), `\uFEFF${lines.join('\r\n')}\r\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'excel-shop', 'excel.csv');
    const review = await at(t, '❯ Create schema and interactions dataset', 60_000);
    const said = flat(await t.historyWith((h) => flat(h).includes('A column without a name (the 6th, after EVENT_VALUE) is left out')));
    expect(said).toContain('A column without a name (the 6th, after EVENT_VALUE) is left out of the schema: no field can be named so (an export\'s trailing separator: no value in any row).');
    expect(said).not.toMatch(/FIELD \(column \)| → FIELD|Leave out {2}/);
    expect(review).not.toContain('Leave out');
    // what CreateSchema would be sent: no field for the column
    await highlight(t, 'Show the Avro schema JSON');
    t.send('Enter');
    // (one read of the scrollback for both: the JSON printed whole, the question drawn under it)
    let said2 = '';
    await t.waitFor((s) => {
      said2 = t.history();
      const at = said2.lastIndexOf('"type": "record"');
      return at >= 0 && said2.indexOf('"version": "1.0"', at) > 0 && s.includes('❯ ');
    }, 30_000);
    const json = said2.slice(said2.lastIndexOf('"type": "record"'), said2.lastIndexOf('"version": "1.0"'));
    expect(json).toContain('"name": "EVENT_VALUE"');
    expect(json).not.toContain('"name": "FIELD"');
    const rows = t.screen().replace(/\n+$/, '').split('\n');
    expect(rows.every((l) => l.length <= 80), t.screen()).toBe(true);
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
    expect(flat(t.screen())).toContain('Created by this run (they stay): dataset group excel-shop.');
  }, 180_000);
});
