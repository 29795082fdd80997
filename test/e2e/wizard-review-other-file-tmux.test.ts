// "＋ Create the dataset from my CSV" on a real 80×24 screen (built CLI, embedded sandbox): at the
// schema review of one file, Esc back to the CSV question and another file picked. Before, the
// dataset type guessed for the first file was kept as if asked for, and its reason with it: a
// products export picked after an event log was reviewed as an INTERACTIONS dataset "guessed from
// the columns: USER_ID and ITEM_ID" (the event log's columns), its product columns judged as an
// event's. Now each file's type is guessed from its own columns, unless the user chose one for it.
// Each screen polled, no sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: the schema review of a second file guesses its own dataset type', () => {
  it('events.csv reviewed, Esc, products.csv: ITEMS from its own columns, not the INTERACTIONS guessed for events.csv', async () => {
    const cwd = tmp('pi-review-other-cwd-');
    const events = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
    for (let i = 0; i < 1200; i++) events.push(`user-${i % 97},sku-${i % 150},${1767225600 + i * 60},click`);
    writeFileSync(join(cwd, 'events.csv'), `${events.join('\n')}\n`);
    const products = ['SKU,Category,Price'];
    for (let i = 0; i < 150; i++) products.push(`sku-${i},${['shoes', 'bags', 'hats'][i % 3]},${(9.5 + i).toFixed(2)}`);
    writeFileSync(join(cwd, 'products.csv'), `${products.join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'two-files', 'events.csv');
    await at(t, '❯ Create schema and interactions dataset', 60_000);
    await t.historyWith((h) => flat(h).includes('Dataset type INTERACTIONS: guessed from the columns: USER_ID and ITEM_ID')); // throws, with the scrollback, when it never comes
    // Esc: back at the CSV question, another file typed
    t.send('Escape');
    await at(t, 'CSV files here');
    t.send('C-u');
    t.type('products.csv');
    await at(t, /› products\.csv\s*\n/);
    t.send('Enter');
    const review = await at(t, /Create schema two-files-[\w-]+ and dataset two-files-[\w-]+\?/, 60_000);
    const since = (h: string) => flat(h.slice(h.lastIndexOf('Schema worked out from products.csv')));
    const after = since(await t.historyWith((h) => h.includes('Schema worked out from products.csv') && since(h).includes('Dataset type ITEMS')));
    expect(after).toContain('Dataset type ITEMS: guessed from the columns: ITEM_ID (column SKU)');
    expect(after).not.toContain('USER_ID and ITEM_ID');
    expect(flat(review)).toContain('Create schema two-files-items and dataset two-files-items?');
    expect(review).toContain('Create schema and items dataset');
    const rows = review.replace(/\n+$/, '').split('\n');
    expect(rows.every((l) => l.length <= 80), review).toBe(true);
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
  }, 180_000);
});
