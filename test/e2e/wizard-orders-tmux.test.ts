// A shop's order export in the Ink wizard (80×24, a brand-new account, a new ECOMMERCE group) — the
// coordinator's walk of session 20, to ACTIVE. Enter at every question but the group's name and its
// kind: the CSV is typed INTERACTIONS from its columns (Lineitem sku, Customer ID, Created at); the
// review offers "Leave out 4 columns Personalize cannot use" (the order number, the e-mail, two
// one-value columns, each with why) and then "Add EVENT_TYPE with one value in every row" (asked:
// purchase offered), each the default while Create is blocked; Create; Fix and continue (EVENT_TYPE
// written, the columns dropped), the guest checkouts set aside; the job ACTIVE. The account read back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { ordersCsv } from '../helpers/orders-csv.js';
import { CLI, ensureBuilt, newUserEnv, readAccount, startEmptySandbox, walkInk, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard: an order export into a new ECOMMERCE group', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('Shopify orders → interactions → leave out 4 columns → EVENT_TYPE purchase → created → fixed (guests set aside) → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-ink-orders-');
    const work = workFolder('pi-ink-orders-', {});
    writeFileSync(join(work, 'orders_export.csv'), ordersCsv(1200));
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const screens = await walkInk(t, (s) => (/Name of the new dataset group/.test(s) ? ['type:my-shop'] : /What kind of dataset group is/.test(s) ? ['Down'] : []));
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const reviews = screens.filter((x) => /Create schema my-shop-interactions and dataset/.test(x));
    expect(reviews.length, screens.join('\n-----\n')).toBe(3);
    expect(reviews[0]).toMatch(/❯ Leave out 4 columns Personalize cannot use/);
    expect(reviews[1]).toMatch(/❯ Add EVENT_TYPE with one value in every row/);
    expect(reviews[2]).toMatch(/❯ Create schema and interactions dataset/);
    const asked = screens.find((x) => /EVENT_TYPE for every row/.test(x));
    expect(asked).toMatch(/› Purchase/);
    const history = t.history();
    // what a newcomer reads above the review: the type and why, each column left out and why
    expect(history.replace(/\s+/g, ' ')).toMatch(/Dataset type INTERACTIONS: guessed from the columns: USER_ID \(column Customer ID\) and ITEM_ID \(column Lineitem sku\)/);
    expect(history.replace(/\s+/g, ' ')).toMatch(/Email: e-mail addresses \(100 % of values, e\.g\. "kunde0@example\.com"\): personal data/);
    expect(history).toMatch(/✔ Event type +Purchase in every row\n/);
    expect(screens.some((x) => /34 rows cannot be fixed without guessing/.test(x))).toBe(true);
    // worked out again after each answer, the type still says why (not "given")
    expect(history.replace(/\s+/g, ' ')).not.toMatch(/Dataset type INTERACTIONS: given/);
    expect(history.replace(/\s+/g, ' ')).toMatch(/4 dropped \(Name, Email, Financial Status, Billing Country\), EVENT_TYPE added \(Purchase in every row\)/);
    const copy = readFileSync(join(work, 'orders_export.fixed.csv'), 'utf8');
    expect(copy.split(/\r?\n/)[0]).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,EVENT_TYPE');
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.groups).toEqual([['my-shop', 'ACTIVE']]);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.map((f) => f.name)).toEqual(['TIMESTAMP', 'LINEITEM_QUANTITY', 'LINEITEM_NAME', 'LINEITEM_PRICE', 'ITEM_ID', 'USER_ID', 'EVENT_TYPE']);
  }, 300_000);
});
