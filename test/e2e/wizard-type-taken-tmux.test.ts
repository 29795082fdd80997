// "＋ Create the dataset from my CSV" in a group that already has a dataset of the file's type, the
// Ink wizard at 80×24. A group holds one dataset of each type; the review still asked "Create schema
// sandbox-shop-interactions-2 and dataset sandbox-shop-interactions?" (the create choice disabled,
// "Name the columns" or another the default). Now it says so plainly and defaults to what can be
// done: import into the dataset of that type — the file then checked against its schema.
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, sandboxWizard } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('a file of a type the group has already (80×24)', () => {
  it('the review says the group has its interactions dataset and imports into it by default', async () => {
    const t = sandboxWizard({ cols: 80, rows: 24 });
    await at(t, '❯ Continue');
    t.send('Enter');
    await at(t, '❯ sandbox-shop');
    t.send('Enter');
    await at(t, /❯ sandbox-shop-interactions/);
    await highlight(t, '＋ Create the dataset from my CSV');
    t.send('Enter');
    await at(t, 'CSV files here');
    t.send('C-u');
    t.type('samples/interactions.csv');
    await at(t, /› samples\/interactions\.csv\s*\n/);
    t.send('Enter');
    const review = await at(t, /import samples\/interactions\.csv into it\?[^]*❯ /, 60_000);
    const flat = review.replace(/\s+/g, ' ');
    expect(flat, review).toContain('sandbox-shop already has its interactions dataset, sandbox-shop-interactions: import samples/interactions.csv into it?');
    // the highlighted choice (Enter's) is the import into it; creating a second one is not offered
    expect(review, review).toMatch(/^❯ Import into sandbox-shop-interactions$/m);
    expect(review).not.toMatch(/Create schema|Name the columns|interactions-2/);
    expect(review.replace(/\n+$/, '').split('\n').length, review).toBeLessThanOrEqual(24);
    expect(t.history().replace(/\s+/g, ' ')).toContain('A dataset group holds one dataset of each type, and sandbox-shop has its INTERACTIONS dataset already: sandbox-shop-interactions.');
    t.send('Enter');
    // the file is checked against that dataset's schema (nothing created: the sample's warnings asked)
    const next = await at(t, /Validation +step 5 of 9[^]*Continue anyway/, 60_000);
    expect(next.replace(/\s+/g, ' ')).toContain('Dataset sandbox-shop-interactions [INTERACTIONS] in sandbox-shop (Custom)');
    expect(t.history()).not.toMatch(/Creating schema|CreateSchema|sandbox-shop-interactions-2/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
