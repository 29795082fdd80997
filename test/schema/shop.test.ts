// A Shopify store's products and customers exports (test/helpers/shop-csv.ts) inferred for an
// ECOMMERCE group, and the fixer's copy of each: before, the products export had no PRICE and no
// CATEGORY_L1 (Variant Price and Type were fields of their own: "MISSING_REQUIRED … Add them"), the
// fixer could not rename "Body (HTML)" to the BODY_HTML the inference named it (a dead end: "the
// fixer cannot repair it"), and the customers export sent the customers' names, phones, street
// addresses, postcodes and notes to Personalize as categories and strings.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixFile } from '../../src/fix/index.js';
import { planHeader } from '../../src/fix/header.js';
import { inferSchema } from '../../src/schema/index.js';
import { personalData } from '../../src/schema/usable.js';
import { parseSchema } from '../../src/validate/index.js';
import { SHOP_CUSTOMERS_HEADER, SHOP_PRODUCTS_HEADER, writeShopExports } from '../helpers/shop-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'pi-shop-schema-'));
const paths = writeShopExports(dir, { products: 80 });
const infer = (path: string, type: 'ITEMS' | 'USERS') => inferSchema(createReadStream(path), { datasetType: type, domain: 'ECOMMERCE', leaveOut: 'proposed' });

describe('a Shopify products export for an ECOMMERCE group', () => {
  it('ITEM_ID is the Variant SKU (the key the orders use, not the Handle), PRICE the Variant Price, CATEGORY_L1 the Type; the description textual; nothing blocks Create', async () => {
    const r = await infer(paths.products, 'ITEMS');
    const col = (name: string) => r.fields.find((f) => f.name === name)?.column;
    expect([col('ITEM_ID'), col('PRICE'), col('CATEGORY_L1')]).toEqual(['Variant SKU', 'Variant Price', 'Type']);
    expect(r.fields.find((f) => f.name === 'PRICE')).toMatchObject({ type: 'float', nullable: false });
    expect(r.fields.find((f) => f.name === 'CATEGORY_L1')).toMatchObject({ categorical: true });
    expect(r.fields.find((f) => f.column === 'Body (HTML)')).toMatchObject({ name: 'BODY_HTML', textual: true });
    expect(r.fields.find((f) => f.column === 'Handle')?.name).toBe('Handle');
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.code)).not.toContain('MISSING_REQUIRED');
    // one value in every row: left out, with why
    expect(r.leftOut.map((u) => [u.column, u.kind])).toEqual([['Vendor', 'constant'], ['Option1 Name', 'constant'], ['Variant Requires Shipping', 'constant'], ['Gift Card', 'constant'], ['Status', 'constant']]);
  });

  it('the fixer renames every column the way the inference names it (Body (HTML) → BODY_HTML) and joins the descriptions written over several lines', async () => {
    const r = await infer(paths.products, 'ITEMS');
    const schema = parseSchema(JSON.stringify(r.schema));
    expect(planHeader(SHOP_PRODUCTS_HEADER, schema, { required: ['ITEM_ID', 'PRICE', 'CATEGORY_L1'], dropUnknown: true }).missing).toEqual([]);
    const out = join(dir, 'products.fixed.csv');
    const fx = await fixFile({ name: paths.products, path: paths.products, open: () => createReadStream(paths.products) }, schema, { output: out, dropUnknown: true, datasetType: 'ITEMS', domain: 'ECOMMERCE' });
    expect(fx.problem).toBeUndefined();
    expect(fx.summary.rejected).toBe(0);
    const lines = readFileSync(out, 'utf8').split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toBe('Handle,Title,BODY_HTML,CATEGORY_L1,Tags,Published,OPTION1_VALUE,ITEM_ID,VARIANT_INVENTORY_QTY,PRICE,VARIANT_COMPARE_AT_PRICE,IMAGE_SRC');
    expect(lines.length).toBe(1 + 144);
    expect(lines[1]).toMatch(/^t-shirt-grau-1,"T-Shirt grau 1","<p>Unser T-Shirt in grau, aus 100 % Bio-Baumwolle\.<\/p> <ul> <li>Passform: \\"regular\\"<\/li>/);
  });
});

describe('a Shopify customers export: personal data left out by its column names, with why', () => {
  it('names, e-mail, company, street address, postcode, phone and the note are left out; the city, region, country, marketing consent and totals stay', async () => {
    const r = await infer(paths.customers, 'USERS');
    expect(r.leftOut.map((u) => [u.column, u.kind])).toEqual([
      ['First Name', 'personal'], ['Last Name', 'personal'], ['Email', 'email'], ['Default Address Company', 'personal'], ['Default Address Address1', 'personal'],
      ['Default Address Zip', 'personal'], ['Phone', 'personal'], ['Note', 'personal'], ['Tax Exempt', 'constant'],
    ]);
    expect(r.leftOut.find((u) => u.column === 'Phone')!.reason).toMatch(/^phone numbers \(by its name, e\.g\. "\+49 151 \d+"\): personal data/);
    expect(r.fields.map((f) => f.column)).toEqual(['Customer ID', 'Accepts Email Marketing', 'Default Address City', 'Default Address Province Code', 'Default Address Country Code', 'Total Spent', 'Total Orders', 'Tags']);
    expect(SHOP_CUSTOMERS_HEADER.split(',').length).toBe(17);
  });

  it.each([
    ['First Name', 'USERS', "a person's name"], ['Name', 'USERS', "a person's name"], ['Name', 'INTERACTIONS', undefined], ['Name', 'ITEMS', undefined],
    ['Lineitem name', 'INTERACTIONS', undefined], ['Billing Name', 'INTERACTIONS', "a person's name"], ['Shipping Street', 'INTERACTIONS', 'a street address or postcode'],
    ['Default Address Phone', 'USERS', 'phone numbers'], ['Default Address City', 'USERS', undefined], ['Billing Country', 'INTERACTIONS', undefined],
    ['Accepts Email Marketing', 'USERS', undefined], ['Notes', 'INTERACTIONS', 'notes written about the customer'], ['Note', 'ITEMS', undefined], ['PLZ', 'USERS', 'a street address or postcode'],
  ] as const)('%s in %s: %s', (column, type, what) => {
    expect(personalData(column, type)).toBe(what);
  });
});
