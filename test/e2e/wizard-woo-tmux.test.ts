// A WooCommerce store's order export in the Ink wizard (80×24, a brand-new account, a new ECOMMERCE
// group), to ACTIVE: Enter at every question but the group's name and its kind. Before, the file was
// typed ITEMS ("Customer User ID" was no USER_ID spelling) with "Item #" — the line's position in its
// order — as ITEM_ID; typed interactions by hand, the review then blocked Create ("Interactions
// datasets allow at most 5 metadata fields; the file has 12 … Drop some columns") with no choice that
// drops one. Now: USER_ID the Customer User ID, ITEM_ID the SKU, "Leave out 12 columns" (the billing
// names and contacts as personal data; the order's and line's IDs, the product's name and the amounts
// over the 5 an interactions dataset takes, each with why) the default, then EVENT_TYPE purchase,
// Create, Fix and continue (the product name written over two lines joined; the guest checkouts —
// Customer User ID 0, which Personalize would read as one customer — set aside with consent), the job
// ACTIVE and its ARN on screen. The account read back. Then the folder with both exports, as a group:
// the variations' rows get their variable product's Categories (CATEGORY_L1, no longer the Type:
// simple / variable / variation), the IDs match across the files, two jobs ACTIVE.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { writeWooExports } from '../helpers/woo-csv.js';
import { CLI, ensureBuilt, newUserEnv, readAccount, startEmptySandbox, walkInk, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard: a WooCommerce order export into a new ECOMMERCE group', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('WooCommerce orders → interactions (Customer User ID, SKU) → leave out 12 columns → EVENT_TYPE purchase → created → fixed → ACTIVE, the job ARN shown', async () => {
    const env = startEmptySandbox('pi-sbx-ink-woo-');
    const work = workFolder('pi-ink-woo-', {});
    const { orders } = writeWooExports(join(work, 'woo'), { orderRows: 1_500 });
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: join(work, 'woo'), env: newUserEnv(env) });
    const t = term;
    // (the products export beside it is for the group walk: pick the orders file alone)
    const screens = await walkInk(t, (s) => (/Name of the new dataset group/.test(s) ? ['type:woo-shop'] : /What kind of dataset group is/.test(s) ? ['Down'] : /CSV file — or a folder/.test(s) ? ['type:orders-2026-03-31.csv'] : []));
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const all = screens.join('\n-----\n');
    const reviews = screens.filter((x) => /Create schema woo-shop-interactions and dataset/.test(x));
    expect(reviews.length, all).toBe(3);
    // (a personal, an order number and columns beyond the 5: the heading above says all three; the choice fits 80 columns)
    expect(reviews[0]).toMatch(/^❯ Leave out the 12 columns listed above$/m);
    expect(reviews[1]).toMatch(/❯ Add EVENT_TYPE with one value in every row/);
    expect(reviews[2]).toMatch(/❯ Create schema and interactions dataset/);
    const said = t.history().replace(/\s+/g, ' ');
    expect(said).toMatch(/Dataset type INTERACTIONS: guessed from the columns: USER_ID \(column Customer User ID\) and ITEM_ID \(column SKU\)/);
    expect(said).toMatch(/Billing First Name: a person's name/);
    // columns left out for one reason are named together (Item #, Product ID, Variation ID: …)
    expect(said).toMatch(/Item #, Product ID, Variation ID: an interactions dataset takes at most 5 metadata columns, and Order Status, Billing City, Billing Country, Payment Method Title, Quantity say more than an ID or a line number/);
    expect(said).not.toMatch(/Drop some columns/);
    expect(said).toMatch(/line breaks inside quoted values joined/);
    expect(said).toContain('! 12 columns Personalize cannot use, should not get, or has no room for:');
    // the guest checkouts (Customer User ID 0) set aside with consent, not read as one customer
    expect(screens.find((x) => /rows of orders-2026-03-31\.csv cannot be fixed|rows cannot be fixed without guessing/.test(x)), all).toMatch(/❯ Write them to/);
    expect(said).toMatch(/USER_ID is empty \(an order without a customer account: a guest checkout, Customer User ID 0\)/);
    expect(said).toMatch(/\d+ rows have Customer User ID 0: WooCommerce's guest checkouts/);
    expect(said).toMatch(/Import job: arn:aws:personalize:us-east-1:\d+:dataset-import-job\/woo-shop-inter[a-z -]*\d{8}-\d{6} Status ACTIVE/);
    expect(readFileSync(orders.replace(/\.csv$/, '.fixed.csv'), 'utf8').split('\n')[0]).toBe('TIMESTAMP,ORDER_STATUS,USER_ID,BILLING_CITY,BILLING_COUNTRY,PAYMENT_METHOD_TITLE,ITEM_ID,Quantity,EVENT_TYPE');
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.groups).toEqual([['woo-shop', 'ACTIVE']]);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
  }, 300_000);

  it('the folder with both exports → typed interactions and items → EVENT_TYPE purchase → fixed (guests and the variable products\' own rows set aside, the variations given their categories) → IDs match → 2 jobs ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-ink-woo2-');
    const work = workFolder('pi-ink-woo2-', {});
    writeWooExports(join(work, 'woo'));
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const screens = await walkInk(t, (s) => (/Name of the new dataset group/.test(s) ? ['type:woo-group'] : /What kind of dataset group is/.test(s) ? ['Down'] : []));
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const all = screens.join('\n-----\n');
    expect(screens.find((x) => /CSV file — or a folder/.test(x)), all).toMatch(/❯ woo\/ — interactions, items/);
    const said = t.history().replace(/\s+/g, ' ');
    const flat = (re: RegExp) => (screens.find((x) => re.test(x)) ?? '').replace(/\s+/g, ' ');
    expect(flat(/Import these 2 files\?/)).toMatch(/interactions woo\/orders-2026-03-31\.csv → new dataset woo-group-interactions from its columns: USER_ID \(column Customer User ID\) and ITEM_ID \(column SKU\)/);
    expect(said).toMatch(/orders-2026-03-31\.csv — an order number: Order ID; personal data: Billing First Name, Billing Last Name, Billing Email, Billing Phone, Customer Note; more than the dataset takes: Item #, Product ID, Variation ID, Product Name, Item Cost, Order Total/);
    expect(said).toMatch(/a variable product's categories, tags and descriptions filled in on its variations' rows \(WooCommerce leaves them empty there\)/);
    expect(said).toMatch(/PRICE is empty \(a WooCommerce variable product's own row has none: its variations have the prices\), and the schema needs a value/);
    expect(flat(/rows of woo\/orders-2026-03-31\.csv cannot be fixed/)).toMatch(/USER_ID is empty \(an order without a customer account: a guest checkout, Customer User ID 0\)/);
    expect(said).toMatch(/ITEM_ID not in the items file: 0 % of interactions/);
    expect(said).toMatch(/Import jobs: 2 of 2 ACTIVE/);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']], ['ITEMS', 'ACTIVE', ['ACTIVE']]]);
    // the items' CATEGORY_L1 is the shop's Categories (Clothing > Hoodies), not its Type (simple, variable, variation)
    expect(account.datasets[1].fields.map((f) => f.name)).toEqual(expect.arrayContaining(['ITEM_ID', 'PRICE', 'CATEGORY_L1', 'Type']));
    const items = readFileSync(join(work, 'woo', 'wc-product-export-31-3-2026-1711890000000.fixed.csv'), 'utf8').split('\n');
    const cat = items[0].split(',').indexOf('CATEGORY_L1');
    expect(cat).toBeGreaterThan(-1);
    expect(items.find((l) => l.includes(',woo-hoodiezip-1-blue,'))).toMatch(/"Clothing > Hoodies"/);
  }, 300_000);
});
