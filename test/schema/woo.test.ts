// A WooCommerce store's exports (test/helpers/woo-csv.ts) inferred as the wizard and `import --create`
// infer them. Before: the order export was typed ITEMS ("Customer User ID" was no USER_ID spelling),
// its ITEM_ID was "Item #" (the line's position in its order: 1, 2, 3) and "Product ID" a
// DUPLICATE_FIELD error (ITEM_ID_19); as interactions its 12 metadata columns (the billing names kept)
// stopped Create with TOO_MANY_FIELDS and no way in the wizard to drop one ("Drop some columns");
// the product export had no PRICE (its "Regular price": MISSING_REQUIRED for an ECOMMERCE group) and
// its CATEGORY_L1 was the Type (simple, variable, variation), the variations' Categories being empty.
import { createReadStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planHeader } from '../../src/fix/header.js';
import { fillDown, fixFilled, wooList } from '../../src/fix/fill-down.js';
import { inferSchema } from '../../src/schema/index.js';
import { ColumnStats } from '../../src/schema/columns.js';
import { surplusColumns } from '../../src/schema/usable.js';
import { parseSchema } from '../../src/validate/index.js';
import { WOO_ORDERS_COLUMNS, writeWooExports } from '../helpers/woo-csv.js';

const paths = writeWooExports(mkdtempSync(join(tmpdir(), 'pi-woo-schema-')));
const header = WOO_ORDERS_COLUMNS.map((c) => (/[\s,"]/.test(c) ? `"${c}"` : c)).join(',');

describe('a WooCommerce order export', () => {
  it('is interactions: USER_ID the Customer User ID, ITEM_ID the SKU (not "Item #", the line number), TIMESTAMP the Order Date', async () => {
    const r = await inferSchema(createReadStream(paths.orders), {});
    const col = (name: string) => r.fields.find((f) => f.name === name)?.column;
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.datasetTypeReason).toMatch(/USER_ID \(column Customer User ID\) and ITEM_ID \(column SKU\)/);
    expect([col('USER_ID'), col('ITEM_ID'), col('TIMESTAMP')]).toEqual(['Customer User ID', 'SKU', 'Order Date']);
    expect(r.fields.find((f) => f.column === 'Item #')?.name).toBe('ITEM_NUMBER');
    // the Product ID beside the SKU is a field of its own, not a second ITEM_ID (an error: ITEM_ID_19)
    expect(r.fields.find((f) => f.column === 'Product ID')?.name).toBe('PRODUCT_ID');
    expect(r.problems.map((p) => p.code)).not.toContain('DUPLICATE_FIELD');
  });

  it('left out: the billing names with the e-mail, phone and note (personal data), then the least telling columns until 5 metadata columns remain, so Create is blocked no more; the guest checkouts (Customer User ID 0) counted as empty USER_IDs', async () => {
    const r = await inferSchema(createReadStream(paths.orders), { domain: 'ECOMMERCE', eventType: 'purchase', leaveOut: 'proposed' });
    const by = (kind: string) => r.leftOut.filter((u) => u.kind === kind).map((u) => u.column);
    expect([...by('personal'), ...by('email')]).toEqual(['Billing First Name', 'Billing Last Name', 'Billing Phone', 'Customer Note', 'Billing Email']);
    // the order's number on each of its lines: left out by its name (it repeats only within an order)
    expect(by('order')).toEqual(['Order ID']);
    expect(r.leftOut.find((u) => u.column === 'Order ID')?.reason).toMatch(/^an order's number \(by its name, e\.g\. "\d+"\): only the lines of one order share it/);
    expect(by('surplus')).toEqual(['Item #', 'Product ID', 'Variation ID', 'Product Name', 'Item Cost', 'Order Total']);
    expect(r.leftOut.find((u) => u.column === 'Item #')?.reason).toMatch(/takes at most 5 metadata columns, and Order Status, Billing City, Billing Country, Payment Method Title, Quantity say more than an ID or a line number/);
    expect(r.fields.map((f) => f.name)).toEqual(['TIMESTAMP', 'ORDER_STATUS', 'USER_ID', 'BILLING_CITY', 'BILLING_COUNTRY', 'PAYMENT_METHOD_TITLE', 'ITEM_ID', 'Quantity', 'EVENT_TYPE']);
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['TIMESTAMP_DATES', 'REQUIRED_EMPTY']);
    // the guest checkouts (Customer User ID 0): rows the fix sets aside, named before anything is created (import --create stops without --fix-rejects)
    expect(r.problems.find((p) => p.code === 'REQUIRED_EMPTY')?.message).toMatch(/^USER_ID \(column Customer User ID\) is required, yet [\d,]+ of [\d,]+ (sampled )?values are empty or 0 \(WooCommerce's guest checkouts: orders without a customer account\)/);
    // every row a purchase: the cancelled and refunded orders too — said, with what to do
    expect(r.problems.find((p) => p.code === 'ORDERS_NOT_BOUGHT')?.message).toBe('Column Order Status holds orders that were not, or are no longer, bought (refunded, cancelled): with EVENT_TYPE "purchase" in every row they count as that event too. Export the orders of the statuses you mean (completed, processing) if they should not.');
    // the Product ID left out needs no "could also be ITEM_ID" warning
    expect(r.problems.map((p) => p.code)).not.toContain('ALSO_NAMES_FIELD');
  });

  it('--keep keeps a column the limit would leave out, and another one goes instead', async () => {
    const r = await inferSchema(createReadStream(paths.orders), { leaveOut: 'proposed', keep: ['Item Cost'] });
    expect(r.fields.map((f) => f.column)).toContain('Item Cost');
    expect(r.leftOut.map((u) => u.column)).toContain('Quantity');
    expect(r.fields.filter((f) => !['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE'].includes(f.name))).toHaveLength(5);
  });

  it('the fixer renames the header the way the schema names it: SKU → ITEM_ID, "Item #" is no ITEM_ID', async () => {
    const r = await inferSchema(createReadStream(paths.orders), { datasetType: 'INTERACTIONS' });
    const plan = planHeader(header, parseSchema(JSON.stringify(r.schema)), { required: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'] });
    const named = Object.fromEntries(plan.from.map((i, k) => [plan.outNames[k], plan.inNames[i]]));
    expect(named).toMatchObject({ USER_ID: 'Customer User ID', ITEM_ID: 'SKU', TIMESTAMP: 'Order Date', ITEM_NUMBER: 'Item #', PRODUCT_ID: 'Product ID' });
    expect(plan.missing).toEqual([]);
  });
});

describe('a WooCommerce product export for an ECOMMERCE group', () => {
  it('PRICE is the Regular price (MISSING_REQUIRED before), CATEGORY_L1 the Categories (not the Type: simple, variable, variation); ITEM_ID the SKU the orders name', async () => {
    const r = await inferSchema(fillDown(createReadStream(paths.products), { rows: 0, values: 0 }), { domain: 'ECOMMERCE' });
    const col = (name: string) => r.fields.find((f) => f.name === name)?.column;
    expect([r.datasetType, col('ITEM_ID'), col('PRICE'), col('CATEGORY_L1')]).toEqual(['ITEMS', 'SKU', 'Regular price', 'Categories']);
    expect(r.fields.find((f) => f.column === 'Type')?.name).toBe('Type');
    expect(r.problems.map((p) => p.code)).not.toContain('MISSING_REQUIRED');
    // the variations' Categories come from their variable product's row (fill-down): not "required, yet empty"
    expect(r.problems.filter((p) => p.code === 'REQUIRED_EMPTY').map((p) => p.field)).toEqual(['PRICE']);
  });

  it('fixFilled: every variation kept with its product\'s categories; only the variable products\' own rows (no price: their variations have it) set aside', async () => {
    const r0 = await inferSchema(fillDown(createReadStream(paths.products), { rows: 0, values: 0 }), { domain: 'ECOMMERCE' });
    const dir = mkdtempSync(join(tmpdir(), 'pi-woo-fix-'));
    const r = await fixFilled({ name: paths.products, path: paths.products, open: async () => createReadStream(paths.products) }, parseSchema(JSON.stringify(r0.schema)), { output: join(dir, 'out.csv'), rejects: join(dir, 'rejects.csv'), datasetType: 'ITEMS', domain: 'ECOMMERCE' });
    const variable = readFileSync(paths.products, 'utf8').split('\n').filter((l) => /^\d+,variable,/.test(l)).length;
    const variations = readFileSync(paths.products, 'utf8').split('\n').filter((l) => /^\d+,variation,/.test(l)).length;
    expect(r.summary.rejected).toBe(variable);
    expect(r.rejects.listed[0].reason).toBe("PRICE is empty (a WooCommerce variable product's own row has none: its variations have the prices), and the schema needs a value");
    expect(r.summary.changes[0]).toMatchObject({ kind: 'fill-down', rows: variations });
    const [head, ...rows] = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(head.split(',')).toContain('CATEGORY_L1');
    expect(rows.find((l) => l.includes('woo-hoodiezip-1-blue'))).toMatch(/"Clothing > Hoodies"/);
    // a list of categories or tags ("Clothing > T-shirts, Sale") with Personalize's separator: two categories, not one
    expect(rows.find((l) => l.includes('woo-tshirtorganic-2-s'))).toMatch(/"Clothing > T-shirts\|Sale"/);
    expect(r.summary.changes.find((c) => c.kind === 'lists')).toMatchObject({ example: { column: 'Tags', before: 'warm, winter', after: 'warm|winter' } });
  });

  it('wooList: ", " between entries becomes "|"; a comma inside an entry (\\,) stays; one entry, or one holding | already, is left alone', () => {
    expect(wooList('"Clothing > T-shirts, Sale"')).toBe('"Clothing > T-shirts|Sale"');
    expect(wooList('"Books\\, Comics, Sale"')).toBe('"Books, Comics|Sale"');
    expect(wooList('"Clothing > Hoodies"')).toBeUndefined();
    expect(wooList('Music')).toBeUndefined();
    expect(wooList('"a|b, c"')).toBeUndefined();
  });
});

describe('surplusColumns', () => {
  const stats = (values: string[]) => {
    const s = new ColumnStats("c");
    for (const v of values) s.add(v);
    return s;
  };
  const col = (column: string, values: string[], alias = false) => ({ column, field: column.toUpperCase().replace(/\W+/g, '_'), s: stats(values), alias });

  it('none at or under the limit; over it, IDs first, then a product name, then numbers; categories kept', () => {
    const cols = [col('Order ID', ['1', '2']), col('Status', ['paid', 'open']), col('Product Name', ['A', 'B']), col('Total', ['1.5', '2']), col('Country', ['DE', 'FR'])];
    expect(surplusColumns(cols, 5, 'INTERACTIONS', () => false)).toEqual([]);
    expect(surplusColumns(cols, 2, 'INTERACTIONS', () => false).map((u) => [u.column, u.kind])).toEqual([['Order ID', 'surplus'], ['Product Name', 'surplus'], ['Total', 'surplus']]);
    expect(surplusColumns(cols, 2, 'INTERACTIONS', (c) => c.column === 'Order ID').map((u) => u.column)).toEqual(['Product Name', 'Total', 'Country']);
  });
});
