// "＋ Create the dataset from my CSV" on a real 80×24 screen (built CLI, embedded sandbox) with an
// analytics export (Amplitude's columns) written as RFC 4180 — quotes doubled — whose JSON holds an
// escaped quote in a product's name: \"" reads, in Personalize's dialect, as an escaped quote then a
// closing one, so that value's quote stays open past its line. Before, the schema's sample read the
// rest of the file into that record: "the whole file, 4 rows" for 1,200 rows, "1 of 4 records (25 %)
// have more values … (first: line 5, 4,000-odd values)". Now each such line is a record of its own,
// its values read as "Fix and continue" reads them (RFC 4180: a backslash, then a quote), and the
// column is seen for what it is: JSON in every row; the validation names the finding, which "Fix and
// continue" repairs — before, it set those rows aside. Each screen polled, no sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: the schema review of a file with a quote open at a line end', () => {
  it('an Amplitude-style export, every 8th line with \\"" in its JSON: 1,200 rows read, none too wide, the JSON column named; fixed with none set aside', async () => {
    const cwd = tmp('pi-open-quote-cwd-');
    const lines = ['user_id,product_id,event_type,event_time,event_properties'];
    for (let i = 0; i < 1200; i++) {
      const name = i % 8 === 3 ? 'T-Shirt \\""Classic\\""' : 'Mug, 350 ml';
      lines.push(`user_${i % 97},SKU_${i % 150},Product Viewed,2026-11-03 14:${String(i % 60).padStart(2, '0')}:01.123000,"{""product_id"": ""SKU_${i % 150}"", ""name"": ""${name}"", ""price"": ${i % 90}.5}"`);
    }
    writeFileSync(join(cwd, 'amplitude.csv'), `${lines.join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'amp-shop', 'amplitude.csv');
    await at(t, /Create schema amp-shop-interactions and dataset amp-shop-interactions\?|would fail its import even fixed/, 60_000);
    const said = flat(await t.historyWith((h) => flat(h).includes('Schema worked out from amplitude.csv (the whole file, 1,200 rows).')));
    expect(said).toContain('Schema worked out from amplitude.csv (the whole file, 1,200 rows).');
    // read as "Fix and continue" reads them (a backslash, then a quote): no line too wide, every value JSON
    expect(said).not.toMatch(/have more values than the header/);
    expect(said).toContain('event_properties: JSON (100 % of values, e.g. {"product_id": "SKU_0", "name": "Mug, 350 ml"');
    expect(said).not.toContain('4 rows');
    const rows = t.screen().replace(/\n+$/, '').split('\n');
    expect(rows.every((l) => l.length <= 80), t.screen()).toBe(true);
    // created, then validated: those lines are an error the fixer repairs, not rows to set aside
    await at(t, '❯ Create schema and interactions dataset');
    t.send('Enter');
    const verdict = await at(t, '❯ Fix and continue', 90_000);
    await t.historyWith((h) => /Line 5, column event_properties: \\"" in a value whose quotes are doubled \(RFC 4180/.test(flat(h)));
    expect(flat(verdict)).toContain('Every error is one the fixer repairs.');
    expect(verdict).not.toMatch(/set aside|cannot fix/);
    t.send('Enter');
    await t.waitFor((x) => /Continue anyway|Which bucket\?/.test(x), 90_000);
    await t.historyWith((h) => /fixed: amplitude\.fixed\.csv — 1,200 rows from 1,200 rows of amplitude\.csv/.test(flat(h)));
    expect(t.history()).not.toContain('amplitude.rejects.csv');
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
  }, 180_000);
});
