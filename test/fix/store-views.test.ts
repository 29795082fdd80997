// A Magento 2 product export (test/helpers/magento-csv.ts) through the fixer's pass (store-views.ts,
// run by fill-down.ts). Before: its store-view rows (store_view_code "de": the sku again, only the
// name and url_key) were read as items — "CATEGORY_L1 is required, yet … empty", PRICE empty, and as
// a second record of an ID they would have replaced the item; its dates "3/12/20, 10:40 AM" were
// "neither whole numbers nor dates" (a two-digit year was never read); its categories kept the root
// "Default Category/" on every path and "," between paths, one category to Personalize.
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { fillDown, fixFilled, wooList, type FillDown } from '../../src/fix/fill-down.js';
import { isFixable, setAsideRows } from '../../src/fix/fixable.js';
import { inferSchema } from '../../src/schema/infer.js';
import { listValue, magentoCategories } from '../../src/fix/lists.js';
import { rejectLines } from '../../src/fix/render.js';
import { magentoColumns, magentoDate, storeViewGroup, storeViewReason } from '../../src/fix/store-views.js';
import { fullYear, parseDateText } from '../../src/validate/dates.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { MAGENTO_COLUMNS, magentoCsv } from '../helpers/magento-csv.js';

const { csv, products, storeViewLines } = magentoCsv(12);
const dir = mkdtempSync(join(tmpdir(), 'pi-magento-fix-'));
const path = join(dir, 'catalog_product.csv');
writeFileSync(path, csv);

async function text(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

describe('Magento: what the pass recognizes and reads', () => {
  it('magentoColumns: a header with sku, store_view_code and attribute_set_code / product_type; not a WooCommerce or Shopify one', () => {
    expect(magentoColumns(MAGENTO_COLUMNS)).toEqual({ sku: 0, view: 1, categories: 4 });
    expect(magentoColumns(['sku', 'store_view_code', 'name'])).toBeUndefined();
    expect(magentoColumns(['ID', 'Type', 'SKU', 'Name', 'Regular price', 'Categories', 'Parent'])).toBeUndefined();
    expect(magentoColumns(['Handle', 'Title', 'Variant SKU', 'Variant Price'])).toBeUndefined();
  });

  it('magentoDate: en_US short dates (M/d/yy, h:mm AM/PM) year first — month first unless --dates says day first, ICU\'s two-digit year; other dates untouched', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    expect(magentoDate('3/12/20, 10:40 AM', undefined, now)).toBe('2020-03-12 10:40');
    expect(magentoDate('11/7/24, 8:42 PM', undefined, now)).toBe('2024-11-07 20:42');
    expect(magentoDate('1/27/20, 12:05 AM', undefined, now)).toBe('2020-01-27 00:05');
    // ICU 72 and later: a narrow no-break space before AM/PM
    expect(magentoDate('3/12/20, 10:40\u202fAM', undefined, now)).toBe('2020-03-12 10:40');
    expect(magentoDate('3/12/20, 10:40 AM', 'day-first', now)).toBe('2020-12-03 10:40');
    expect(magentoDate('3/28/20, 9:34 AM', 'day-first', now)).toBeUndefined();
    for (const v of ['2020-03-12 10:40:00', '03/12/2020 10:40', '12.03.20, 10:40', '3/12/20', 'MH04']) expect(magentoDate(v, undefined, now)).toBeUndefined();
  });

  it('fullYear: ICU\'s window, 80 years back and 20 ahead; parseDateText still reads no two-digit year unless told', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect([20, 46, 47, 99, 0].map((y) => fullYear(y, now))).toEqual([2020, 2046, 1947, 1999, 2000]);
    expect(parseDateText('3/12/20, 10:40 AM', 'month-first')).toBeUndefined();
    expect(parseDateText('3/12/20, 10:40 AM', 'month-first', { twoDigitYears: true, now })?.seconds).toBe(Date.parse('2020-03-12T10:40:00Z') / 1000);
  });

  it('categories: each path without the root, "|" between them (the rule WooCommerce\'s lists use, lists.ts); WooCommerce\'s lists as before', () => {
    expect(magentoCategories('"Default Category/Gear,Default Category/Gear/Bags"')).toBe('"Gear|Gear/Bags"');
    expect(magentoCategories('Default Category/Men/Tops/Jackets')).toBe('Men/Tops/Jackets');
    // a product on the root alone: nothing left; two roots naming one path: once
    expect(magentoCategories('"Default Category,Default Category/Gear"')).toBe('"Gear"');
    expect(magentoCategories('"Default Category/Gear,Luma Root/Gear"')).toBe('"Gear"');
    expect(magentoCategories('')).toBeUndefined();
    expect(magentoCategories('"Default Category/A|B,Default Category/C"')).toBeUndefined();
    expect(wooList('"Clothing > T-shirts, Sale"')).toBe('"Clothing > T-shirts|Sale"');
    expect(wooList('"Books\\, Comics"')).toBeUndefined();
    expect(listValue('a;b', /;/, (x) => x.toUpperCase())).toBe('A|B');
  });

  it('the rejects\' listing: a store view\'s rows on one line (each has its own sku and default row)', () => {
    const listed = [{ line: 2, reason: 'PRICE "24.5.00" is not a number such as 4.5' }, ...[[22, 'MH04', 17], [43, 'MH08', 38], [64, 'MH12', 59]].map(([line, sku, home]) => ({ line: line as number, reason: storeViewReason(sku as string, 'de', home as number) }))];
    expect(storeViewGroup(listed[1].reason)?.key).toBe('store view de');
    expect(storeViewGroup(listed[0].reason)).toBeUndefined();
    expect(rejectLines(listed, 20).lines).toEqual([
      '  line 2: PRICE "24.5.00" is not a number such as 4.5',
      "  lines 22, 43, 64: store view de's overrides — each item's default row (store_view_code empty) holds it; e.g. sku MH04, its default row line 17",
    ]);
    expect(rejectLines(listed.slice(1, 2), 20).lines).toEqual(["  line 22: sku MH04's override for store view de — the default row (line 17) holds the item"]);
  });
});

describe('Magento: the pass over an export', () => {
  it('read for schema inference: the store-view rows left out as blank lines (line numbers stay), categories and dates rewritten, counted', async () => {
    const stats: FillDown = { rows: 0, values: 0 };
    const out = await text(fillDown(createReadStream(path), stats));
    const lines = out.split('\n');
    expect(lines.length).toBe(csv.split('\n').length);
    for (const l of storeViewLines) expect(lines[l - 1]).toBe('');
    expect(lines[products[0].line - 1]).toMatch(/^MH01,,Bag,simple,"Gear\|Gear\/Bags",base,/);
    expect(lines[products[0].line + 2]).toMatch(/,2020-01-01 01:00,2024-11-07 08:42,/);
    expect(stats.magento).toMatchObject({ storeViews: storeViewLines.length, views: ['de'], dates: { rows: 12, values: 24 }, lists: { rows: 12, values: 12 } });
    expect(stats.magento!.storeViewExample).toEqual({ line: storeViewLines[0], sku: products[2].sku, view: 'de', defaultLine: products[2].line, columns: ['name', 'product_online', 'url_key'] });
  });

  it('fixFilled: the store-view rows set aside with their reason (the default row holds the item), CATEGORY_L1 without the root, CREATION_TIMESTAMP in epoch seconds', async () => {
    const schema = parseSchema(JSON.stringify({
      type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
      fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'CATEGORY_L1', type: 'string', categorical: true }, { name: 'PRICE', type: 'float' }, { name: 'CREATION_TIMESTAMP', type: 'long' }, { name: 'name', type: 'string' }],
    }));
    const r = await fixFilled({ name: path, path, open: async () => createReadStream(path) }, schema, { output: join(dir, 'out.csv'), rejects: join(dir, 'rejects.csv'), datasetType: 'ITEMS', domain: 'ECOMMERCE', dropUnknown: true, map: { sku: 'ITEM_ID', categories: 'CATEGORY_L1', price: 'PRICE', created_at: 'CREATION_TIMESTAMP' } });
    expect(r.fixed, JSON.stringify(r.report?.errors.slice(0, 3))).toBe(false); // written and valid, rows set aside
    expect(r.report?.valid).toBe(true);
    expect(r.summary.rejected).toBe(storeViewLines.length);
    expect(r.rejects.listed.map((x) => x.line)).toEqual(storeViewLines);
    expect(r.rejects.listed[0].reason).toBe(`sku ${products[2].sku}'s override for store view de — the default row (line ${products[2].line}) holds the item`);
    // the rejects file holds the row as the export wrote it
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').split('\n');
    expect(rejects[1]).toBe(`${storeViewLines[0]},"sku ${products[2].sku}'s override for store view de — the default row (line ${products[2].line}) holds the item","${csv.split('\n')[storeViewLines[0] - 1]}"`);
    const [head, ...rows] = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(head).toBe('ITEM_ID,CATEGORY_L1,PRICE,CREATION_TIMESTAMP,name');
    expect(rows).toHaveLength(products.length);
    expect(rows[0]).toBe(`MH01,"Gear|Gear/Bags",32.00,${Date.parse('2020-01-01T01:00:00Z') / 1000},Joust Duffle Bag 1`);
    expect(rows[2]).toMatch(/^MH03,"Collections\/Eco Friendly\|Women\/Tops\/Tees",/);
    expect(r.summary.changes.map((c) => c.kind).slice(0, 2)).toEqual(['lists', 'magento-dates']);
    expect(r.summary.changes[1].example).toEqual({ line: 2, column: 'created_at', before: '1/1/20, 1:00 AM', after: '2020-01-01 01:00' });
    expect(r.summary.notes.join('\n')).toMatch(/4 rows are store-view overrides \(store_view_code de; line \d+: sku MH03 again, its default row line \d+\): set aside/);
  });

  it('every store-view row goes through the row fixer, not the fast lane: one a schema of optional fields would take is still set aside', async () => {
    const schema = parseSchema(JSON.stringify({
      type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
      fields: [{ name: 'ITEM_ID', type: 'string' }, ...['store_view_code', 'product_type', 'name'].map((name) => ({ name, type: ['null', 'string'], default: null }))],
    }));
    const small = join(dir, 'plain.csv');
    writeFileSync(small, 'sku,store_view_code,product_type,name\nA1,,simple,Bag\nA1,de,simple,Tasche\nB2,,simple,Hat\nC3,de,simple,Hut\n');
    const r = await fixFilled({ name: small, path: small, open: async () => createReadStream(small) }, schema, { output: join(dir, 'plain.out.csv'), rejects: join(dir, 'plain.rejects.csv'), datasetType: 'ITEMS', map: { sku: 'ITEM_ID' } });
    expect(r.rejects.listed).toEqual([{ line: 3, reason: "sku A1's override for store view de — the default row (line 2) holds the item" }]);
    // C3 has no default row before it: not an override of one, kept
    expect(readFileSync(join(dir, 'plain.out.csv'), 'utf8')).toBe('ITEM_ID,store_view_code,product_type,name\nA1,,simple,Bag\nB2,,simple,Hat\nC3,de,simple,Hut\n');
  });

  it('"Fix and continue" is offered for it (fixable.ts): its short dates are dates the fixer reads, and its store-view rows are counted as rows, not as their six empty values each', async () => {
    // one line a record (descriptions without line breaks): the validator reaches every value
    const flat = csv.replace(/\n(?=<|\/?ul>|<\/p>)/g, ' ');
    const filled: FillDown = { rows: 0, values: 0 };
    const inferred = await inferSchema(fillDown(Readable.from([Buffer.from(flat)]), filled), { datasetType: 'ITEMS', domain: 'ECOMMERCE', leaveOut: 'proposed' });
    const schema = parseSchema(JSON.stringify(inferred.schema));
    const report = await validateCsv({ name: 'x.csv', stream: Readable.from([Buffer.from(flat)]) }, { schema, datasetType: 'ITEMS', domain: 'ECOMMERCE' });
    const header = flat.split('\n')[0];
    expect(report.errors.filter((e) => e.code === 'REQUIRED_VALUE_MISSING').length).toBeGreaterThan(storeViewLines.length);
    // 8 store-view rows of 32: about as many set aside (before: each empty value a row, more than half the file, not offered)
    const aside = setAsideRows(report, schema, header)!;
    expect(aside.rows).toBeGreaterThanOrEqual(storeViewLines.length);
    expect(aside.rows * 2).toBeLessThan(report.rows);
    // a Magento export's short date in a timestamp column: the fixer reads it (the pass writes it year first)
    const dated = 'sku,store_view_code,attribute_set_code,CATEGORY_L1,PRICE,CREATION_TIMESTAMP\nMH01,,Bag,Gear,32.00,"3/12/20, 10:40 AM"\nMH02,,Bag,Gear,45.00,"11/7/24, 8:42 PM"\n';
    const items = parseSchema(JSON.stringify({ type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'CATEGORY_L1', type: 'string', categorical: true }, { name: 'PRICE', type: 'float' }, { name: 'CREATION_TIMESTAMP', type: 'long' }] }));
    const r = await validateCsv({ name: 'd.csv', stream: Readable.from([Buffer.from(dated)]) }, { schema: items, datasetType: 'ITEMS' });
    expect(r.errors.map((e) => e.code)).toContain('TYPE_LONG');
    expect(isFixable(r, items, dated.split('\n')[0])).toBe(true);
    // the same dates in a file that is no Magento export: a two-digit year is not read
    const other = dated.replace('store_view_code,attribute_set_code', 'view,set');
    expect(isFixable(await validateCsv({ name: 'o.csv', stream: Readable.from([Buffer.from(other)]) }, { schema: items, datasetType: 'ITEMS' }), items, other.split('\n')[0])).toBe(false);
  });
});
