// "＋ Create the dataset from my CSV" on a real 80×24 screen (built CLI, embedded sandbox) with an
// analytics export (Amplitude's columns) written as RFC 4180 — quotes doubled — whose JSON holds an
// escaped quote in a product's name: \"" reads, in Personalize's dialect, as an escaped quote then a
// closing one, so that value's quote stays open past its line. Before, the schema's sample read the
// rest of the file into that record: "the whole file, 4 rows" for 1,200 rows, "1 of 4 records (25 %)
// have more values … (first: line 5, 4,000-odd values)". Now each such line is a record of its own,
// as the validation and "Fix and continue" read it. Each screen polled, no sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: the schema review of a file with a quote open at a line end', () => {
  it('an Amplitude-style export, every 8th line with \\"" in its JSON: 1,200 rows read, those lines counted as too wide', async () => {
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
    const said = flat(t.history());
    expect(said).toContain('Schema worked out from amplitude.csv (the whole file, 1,200 rows).');
    expect(said).toMatch(/150 of 1,200 records \(1[23] %\) have more values than the header's 5 columns \(first: line 5, \d values\)/);
    expect(said).not.toContain('4 rows');
    const rows = t.screen().replace(/\n+$/, '').split('\n');
    expect(rows.every((l) => l.length <= 80), t.screen()).toBe(true);
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
  }, 180_000);
});
