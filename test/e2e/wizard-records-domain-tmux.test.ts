// Record by record into a Domain dataset group (ECOMMERCE), the Ink wizard at 80×24: a newcomer's
// walk read "other recipes need a new solution version" on the screen that offers it — but a
// Domain group has recommenders, which Personalize retrains by itself every 7 days, and no recipe
// or solution version of the user's. The screen now says what happens in such a group, as the
// bulk import's "What happens next" does (src/flow/next.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, highlight, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('record by record in an ECOMMERCE group (80×24)', () => {
  it('the offer says what the recommenders do with new items, not what recipes need', async () => {
    const work = tmp('pi-rec-domain-');
    const rows = ['ITEM_ID,PRICE,CATEGORY_L1'];
    for (let i = 0; i < 40; i++) rows.push(`item-${i},${(9.5 + i).toFixed(2)},${['shoes', 'shirts', 'hats'][i % 3]}`);
    writeFileSync(join(work, 'items.csv'), `${rows.join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd: work });
    await at(t, '❯ Continue');
    t.send('Enter');
    await highlight(t, 'sandbox-ecommerce');
    t.send('Enter');
    await at(t, /❯ sandbox-ecommerce-interactions/);
    await highlight(t, 'sandbox-ecommerce-items');
    t.send('Enter');
    await at(t, 'CSV files here');
    t.send('C-u');
    t.type('items.csv');
    await at(t, /› items\.csv\s*\n/);
    t.send('Enter');
    let s = await t.waitFor((x) => /How should the records go in\?|Continue anyway/.test(x), 60_000);
    if (!s.includes('How should the records go in?')) {
      await at(t, 'Continue anyway');
      t.send('Enter');
    }
    s = await at(t, 'How should the records go in?', 60_000);
    const text = s.replace(/\s+/g, ' ');
    expect(text, s).toContain('Top picks for you and Recommended for you add them within two hours');
    expect(text, s).toContain('Personalize retrains your ECOMMERCE recommenders on all the data every 7 days; no solution version to train');
    expect(text, s).not.toMatch(/recipes? need|User-Personalization/);
    expect(s.replace(/\n+$/, '').split('\n').length, s).toBeLessThanOrEqual(24);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
