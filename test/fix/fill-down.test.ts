// A Shopify products export's later variant rows leave the product's columns empty (Title, Type …):
// src/fix/fill-down.ts fills them from the product's first row before the fixer reads the file —
// byte for byte otherwise, the line count kept (a description over several lines copied as one) —
// and leaves any other file exactly as it is, whatever the chunks it arrives in.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillDown, fixFilled, shopifyProductColumns, type FillDown } from '../../src/fix/fill-down.js';
import { inferSchema } from '../../src/schema/index.js';
import { parseSchema } from '../../src/validate/index.js';
import { productsCsv } from '../helpers/shop-csv.js';

async function run(text: string | Buffer, chunk = 1 << 20): Promise<{ out: Buffer; stats: FillDown }> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  async function* pieces() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const stats: FillDown = { rows: 0, values: 0 };
  const parts: Buffer[] = [];
  for await (const p of fillDown(pieces(), stats)) parts.push(Buffer.from(p));
  return { out: Buffer.concat(parts), stats };
}

async function* one(t: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(t, 'utf8');
}

/** A products export of 20 products (later variants' product columns empty) on disk, and the ECOMMERCE items schema of its filled-in form. */
async function productsExport() {
  const dir = mkdtempSync(join(tmpdir(), 'pi-filldown-'));
  const path = join(dir, 'products_export.csv');
  const { csv, skus } = productsCsv(20, true);
  writeFileSync(path, csv);
  const full = await inferSchema(one(productsCsv(20, false).csv), { datasetType: 'ITEMS', domain: 'ECOMMERCE' });
  return { dir, path, csv, skus, schema: parseSchema(JSON.stringify(full.schema)) };
}

describe('fill-down of a Shopify products export', () => {
  it('the product columns only (not Variant …, Option1 Value, Image …), from the same Handle', () => {
    const p = shopifyProductColumns(['Handle', 'Title', 'Type', 'Option1 Value', 'Variant SKU', 'Variant Price', 'Image Src', 'Gift Card']);
    expect(p).toEqual({ key: 0, fill: [1, 2] });
    expect(shopifyProductColumns(['Handle', 'Title'])).toBeUndefined();
    expect(shopifyProductColumns(['SKU', 'Variant SKU'])).toBeUndefined();
  });

  it('later variants get the first row\'s values (a description over several lines as one line), the line count and every other byte kept; in any chunks', async () => {
    const blank = productsCsv(12, true).csv;
    for (const chunk of [1 << 20, 7, 1]) {
      const { out, stats } = await run(blank, chunk);
      const text = out.toString('utf8');
      expect(text.split('\n').length).toBe(blank.split('\n').length);
      expect(text.startsWith('\uFEFFHandle,')).toBe(true);
      // each filled row is the full export's row, its description's breaks written as spaces
      const rows = (s: string) => s.split('\r\n');
      const filled = rows(text).filter((l) => l.startsWith('t-shirt-grau-1,') && l.includes(',M,SKU-0000-2,'));
      expect(filled).toHaveLength(1);
      expect(filled[0]).toContain('"<p>Unser T-Shirt in grau, aus 100 % Bio-Baumwolle.</p> <ul> <li>Passform: ""regular""</li>');
      expect(filled[0]).toContain(',Nordfaden,T-Shirts,"cotton, summer",TRUE,Size,M,SKU-0000-2,');
      expect(stats.rows).toBe(productsCsv(12, true).skus.length - 12); // every variant row after a product's first
      expect(stats.example).toMatchObject({ column: 'Title', after: 'T-Shirt grau 1' });
    }
  });

  it('any other file, byte for byte (Windows-1252 bytes, a BOM, no final line end)', async () => {
    const other = Buffer.concat([Buffer.from('\uFEFFUSER_ID,NAME\r\nu1,'), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), Buffer.from('\r\nu2,x')]);
    for (const chunk of [1 << 20, 3]) expect((await run(other, chunk)).out.equals(other)).toBe(true);
    const blank = productsCsv(3, true).csv.replace(/\r\n$/, '');
    expect((await run(blank)).out.toString('utf8').endsWith('active')).toBe(true);
  });

  it('fixFilled (fix, Fix and continue, the several-files fix): an ECOMMERCE items copy with every variant, none set aside, the summary saying it first', async () => {
    const { dir, path, csv, skus, schema } = await productsExport();
    const r = await fixFilled({ name: path, path, open: () => one(csv) }, schema, { output: join(dir, 'out.csv'), datasetType: 'ITEMS', domain: 'ECOMMERCE', rejects: join(dir, 'rejects.csv') });
    expect(r.summary.rejected).toBe(0);
    expect(r.summary.changes[0]).toMatchObject({ kind: 'fill-down', rows: skus.length - 20, example: { column: 'Title', after: 'T-Shirt grau 1' } });
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(1 + skus.length);
  });

  it('with no dataset type given, the schema\'s record name (Items) says it: `fix products_export.csv --schema items.json` fills in too', async () => {
    const { dir, path, csv, skus, schema } = await productsExport();
    expect(schema.inferredDatasetType).toBe('ITEMS');
    const r = await fixFilled({ name: path, path, open: () => one(csv) }, schema, { output: join(dir, 'out.csv'), rejects: join(dir, 'rejects.csv') });
    expect(r.summary.rejected).toBe(0);
    expect(r.summary.changes[0]).toMatchObject({ kind: 'fill-down', rows: skus.length - 20 });
  });
});

// A WooCommerce order export names a guest checkout's customer 0 (Customer User ID): before, the
// fixed copy kept them, and Personalize read every guest as one customer who bought a quarter of the
// shop (the validation counted "0" as one more user; nothing said so).
describe('the guest checkouts of a WooCommerce order export', () => {
  it('Customer User ID 0 is emptied (only there, only with guests asked for), and fixFilled sets those rows aside as guest checkouts, saying why', async () => {
    const text = '"Order ID","Customer User ID",SKU\n7,0,a\n8,"0",b\n9,10,c\n10,00,d\n';
    const guests = async (t: string) => {
      const stats: FillDown = { rows: 0, values: 0, guests: 0 };
      const parts: Buffer[] = [];
      for await (const p of fillDown(one(t), stats)) parts.push(Buffer.from(p));
      return { out: Buffer.concat(parts).toString('utf8'), stats };
    };
    expect(await guests(text)).toEqual({ out: '"Order ID","Customer User ID",SKU\n7,,a\n8,,b\n9,10,c\n10,00,d\n', stats: { rows: 0, values: 0, guests: 2 } });
    expect((await run(text)).out.toString('utf8')).toBe(text);

    const { writeWooExports } = await import('../helpers/woo-csv.js');
    const dir = mkdtempSync(join(tmpdir(), 'pi-woo-guests-'));
    const { orders } = writeWooExports(dir, { orderRows: 400 });
    const inferred = await inferSchema(one(readFileSync(orders, 'utf8')), { leaveOut: 'proposed', eventType: 'purchase' });
    const r = await fixFilled({ name: orders, path: orders, open: () => one(readFileSync(orders, 'utf8')) }, parseSchema(JSON.stringify(inferred.schema)), {
      output: join(dir, 'out.csv'), datasetType: 'INTERACTIONS', rejects: join(dir, 'rejects.csv'), add: { EVENT_TYPE: 'purchase' }, dropUnknown: true,
    });
    const guestRows = readFileSync(orders, 'utf8').split('\n').filter((l) => /^\d+,"[^"]+",\w+,0,/.test(l)).length;
    expect(guestRows).toBeGreaterThan(50);
    expect(r.summary.rejected).toBe(guestRows);
    expect(r.rejects.listed[0].reason).toBe('USER_ID is empty (an order without a customer account: a guest checkout, Customer User ID 0), and the schema needs a value');
    expect(r.summary.notes.join('\n')).toMatch(new RegExp(`${guestRows} rows have Customer User ID 0: WooCommerce's guest checkouts`));
    const [head, ...rows] = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    const user = head.split(',').indexOf('USER_ID');
    expect(rows).toHaveLength(400 - guestRows);
    expect(rows.filter((l) => l.split(',')[user] === '0')).toEqual([]);
  });
});
