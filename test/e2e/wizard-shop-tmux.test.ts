// A Shopify store's three exports in the Ink wizard (80×24, a brand-new account, a new ECOMMERCE
// group): the shop owner's real starting point, to ACTIVE. Enter at every question but the group's
// name and its kind: the CSV step suggests the folder holding the exports (shop/); each file is typed
// by its columns (the products one row per variant, the later ones with the product's columns empty,
// as Shopify writes them: filled in by the fix); the orders file is asked its EVENT_TYPE (purchase offered); the review lists per
// file the columns left out and why (personal data, one value in every row, the order number) and
// offers the fixed copies; the guest checkouts are set aside with consent; the copies are checked
// again (IDs across the files: all found) and imported, three jobs ACTIVE. The account read back.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { writeShopExports } from '../helpers/shop-csv.js';
import { CLI, ensureBuilt, newUserEnv, readAccount, startEmptySandbox, walkInk, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard: a Shopify store\'s orders, products and customers into a new ECOMMERCE group', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('shop/ suggested → 3 files typed → EVENT_TYPE purchase → left out per file, fixed (guests set aside) → checked across → 3 jobs ACTIVE, no personal data', async () => {
    const env = startEmptySandbox('pi-sbx-ink-shop-');
    const work = workFolder('pi-ink-shop-', {});
    writeShopExports(join(work, 'shop'), { products: 80, blankVariantRows: true });
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const screens = await walkInk(t, (s) => (/Name of the new dataset group/.test(s) ? ['type:my-shop'] : /What kind of dataset group is/.test(s) ? ['Down'] : []));
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const all = screens.join('\n-----\n');
    expect(screens.find((x) => /CSV file — or a folder/.test(x)), all).toMatch(/❯ shop\/ — interactions, items, users/);
    expect(screens.find((x) => /Import these 3 files\?/.test(x)), all).toMatch(/❯ Check these files/);
    expect(screens.find((x) => /EVENT_TYPE for every row of shop\/orders_export\.csv/.test(x)), all).toMatch(/› Purchase/);
    expect(screens.find((x) => /Some files have errors; nothing was created/.test(x)), all).toMatch(/❯ Fix the files with errors and check again/);
    expect(screens.find((x) => /35 rows of shop\/orders_export\.csv cannot be fixed without guessing/.test(x)), all).toMatch(/❯ Write them to orders_export\.rejects\.csv and fix the rest/);
    expect(screens.find((x) => /Create the missing datasets and import the 3 files\?/.test(x)), all).toMatch(/❯ Create the missing datasets and import the 3 files/);
    const said = t.history().replace(/\s+/g, ' ');
    // what a newcomer reads above the review: each file's type and why, what each copy leaves out and why
    expect(said).toMatch(/items shop\/products_export\.csv → new dataset my-shop-items from its columns: ITEM_ID \(column Variant SKU\)/);
    expect(said).toMatch(/customers_export\.csv — personal data: First Name, Last Name, Email, Default Address Company, Default Address Address1, Default Address Zip, Phone, Note; one value in every row: Tax Exempt/);
    expect(said).toMatch(/✔ Event type Purchase in every row of shop\/orders_export\.csv/);
    // the later variants' rows (Shopify leaves their product columns empty) filled in, none set aside
    expect(said).toMatch(/a product's values filled in on its other variants' rows \(Shopify writes them on its first row only\)/);
    expect(said).toMatch(/ITEM_ID not in the items file: 0 % of interactions · USER_ID not in the users file: 0 %/);
    expect(said).toMatch(/Import jobs: 3 of 3 ACTIVE/);
    expect(readFileSync(join(work, 'shop', 'customers_export.fixed.csv'), 'utf8')).not.toMatch(/@example\.com|\+49 151/);
    expect(existsSync(join(work, 'shop', 'orders_export.rejects.csv'))).toBe(true);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.groups).toEqual([['my-shop', 'ACTIVE']]);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']], ['ITEMS', 'ACTIVE', ['ACTIVE']], ['USERS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[2].fields.map((f) => f.name)).toEqual(['USER_ID', 'ACCEPTS_EMAIL_MARKETING', 'DEFAULT_ADDRESS_CITY', 'DEFAULT_ADDRESS_PROVINCE_CODE', 'DEFAULT_ADDRESS_COUNTRY_CODE', 'TOTAL_SPENT', 'TOTAL_ORDERS', 'Tags']);
    expect(account.datasets[0].fields.map((f) => f.name)).toContain('EVENT_TYPE');
    expect(account.datasets[1].fields.map((f) => f.name)).toEqual(expect.arrayContaining(['ITEM_ID', 'PRICE', 'CATEGORY_L1']));
  }, 300_000);
});
