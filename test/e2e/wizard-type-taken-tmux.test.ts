// "＋ Create the dataset from my CSV" in a group that already has a dataset of the file's type, the
// Ink wizard at 80×24. A group holds one dataset of each type; the review still asked "Create schema
// sandbox-shop-interactions-2 and dataset sandbox-shop-interactions?" (the create choice disabled,
// "Name the columns" or another the default). Now it says so plainly and defaults to what can be
// done: import into the dataset of that type — the file then checked against its schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { segmentCsv } from '../helpers/segment-csv.js';
import type { Terminal } from '../helpers/tmux.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/**
 * Enter at Where and Group (sandbox-shop), "＋ Create the dataset from my CSV", `file` typed at the
 * CSV question and Enter. `escBack`: Esc at the CSV question first — back at the dataset step, the
 * highlight is on "＋ Create…" again, not on the first dataset (where it went: Esc, Enter imported
 * into sandbox-shop-interactions) — and Enter there.
 */
async function createFromCsv(t: Terminal, file: string, escBack = false): Promise<void> {
  await at(t, '❯ Continue');
  t.send('Enter');
  await at(t, '❯ sandbox-shop');
  t.send('Enter');
  await at(t, /❯ sandbox-shop-interactions/);
  await highlight(t, '＋ Create the dataset from my CSV');
  t.send('Enter');
  await at(t, 'CSV files here');
  if (escBack) {
    t.send('Escape');
    const back = await at(t, /Dataset +step 3 of 9[^]*Enter choose/);
    expect(back, back).toMatch(/^❯ ＋ Create the dataset from my CSV$/m);
    t.send('Enter');
    await at(t, 'CSV files here');
  }
  t.send('C-u');
  t.type(file);
  await at(t, new RegExp(`› ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\n`));
  t.send('Enter');
}

describe('a file of a type the group has already (80×24)', () => {
  it('the review says the group has its interactions dataset and imports into it by default (Esc from the CSV step back to "＋ Create…" on the way)', async () => {
    const t = sandboxWizard({ cols: 80, rows: 24 });
    await createFromCsv(t, 'samples/interactions.csv', true);
    const review = await at(t, /import samples\/interactions\.csv into it\?[^]*❯ /, 60_000);
    const flat = review.replace(/\s+/g, ' ');
    expect(flat, review).toContain('sandbox-shop already has its interactions dataset, sandbox-shop-interactions: import samples/interactions.csv into it?');
    // the highlighted choice (Enter's) is the import into it; creating a second one is not offered
    expect(review, review).toMatch(/^❯ Import into sandbox-shop-interactions$/m);
    expect(review).not.toMatch(/Create schema|Name the columns|interactions-2/);
    expect(review.replace(/\n+$/, '').split('\n').length, review).toBeLessThanOrEqual(24);
    // printed above the review (the scrollback): polled until it has arrived, not read once
    const said = 'A dataset group holds one dataset of each type, and sandbox-shop has its INTERACTIONS dataset already: sandbox-shop-interactions.';
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes(said)); // throws, with the scrollback, when it never comes
    t.send('Enter');
    // the file is checked against that dataset's schema (nothing created: the sample's warnings asked)
    const next = await at(t, /Validation +step 5 of 9[^]*Continue anyway/, 60_000);
    expect(next.replace(/\s+/g, ' ')).toContain('Dataset sandbox-shop-interactions [INTERACTIONS] in sandbox-shop (Custom)');
    expect(t.history()).not.toMatch(/Creating schema|CreateSchema|sandbox-shop-interactions-2/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);

  // a Segment tracks export (user_id, product_id, event, ISO timestamps): the wizard checked it
  // against the schema inferred for a second interactions dataset and fixed it on trial, and listed
  // that schema, before saying the group has one; now it says so at once, with the fields of the
  // dataset the file can go into, and nothing of a new schema
  it('a Segment export: said before any check against an inferred schema, the dataset’s own fields shown', async () => {
    const cwd = tmp('pi-taken-cwd-');
    writeFileSync(join(cwd, 'segment.csv'), segmentCsv());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await createFromCsv(t, 'segment.csv');
    const review = await at(t, /import segment\.csv into it\?[^]*❯ /, 60_000);
    const flat = review.replace(/\s+/g, ' ');
    // the whole review on the screen: the type guessed, taken, and the fields the file is checked against
    expect(flat, review).toContain('Dataset type INTERACTIONS: guessed from the columns');
    expect(flat, review).toContain('A dataset group holds one dataset of each type, and sandbox-shop has its INTERACTIONS dataset already: sandbox-shop-interactions.');
    expect(flat, review).toContain('sandbox-shop-interactions’s fields: USER_ID* ITEM_ID* TIMESTAMP* EVENT_TYPE* EVENT_VALUE (* required)');
    expect(review, review).toMatch(/^❯ Import into sandbox-shop-interactions$/m);
    expect(review).not.toContain('printed above it');
    expect(review.replace(/\n+$/, '').split('\n').length, review).toBeLessThanOrEqual(24);
    // no check against, or table of, a schema for a second interactions dataset
    expect(t.history()).not.toMatch(/against this schema|fixed on trial|Field +Type|anonymous_id/);
    t.send('Enter');
    // checked against sandbox-shop-interactions' schema: its header names the fixer renames
    const next = await at(t, /Validation +step 5 of 9[^]*❯ Fix and continue/, 60_000);
    expect(next.replace(/\s+/g, ' ')).toContain('segment.fixed.csv');
    const checked = 'Dataset sandbox-shop-interactions [INTERACTIONS] in sandbox-shop (Custom)';
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes(checked)); // throws, with the scrollback, when it never comes
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
