// A shop's order export — the file a newcomer brings first (test/helpers/orders-csv.ts: Shopify's
// columns) — read as what it is: interactions (a user bought an item at a time), its item the line's
// SKU, its time the order's; EVENT_TYPE added with one value when the file has none; the columns
// Personalize cannot use (the order number, the e-mail address, one value in every row) proposed to
// be left out with why; the fixer writes the copy that way. Before, the type guess said USERS, the
// ITEM_ID candidates were the order number and the e-mail, and the review ended in two dead ends.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixFile } from '../../src/fix/index.js';
import { planHeader } from '../../src/fix/header.js';
import { candidatesFor, rankedFor, unnamedKeys } from '../../src/flow/machine/steps-name-columns.js';
import { guessDatasetType, inferSchema, type InferOptions } from '../../src/schema/index.js';
import { eventTypeProblem, looksLikeOrders } from '../../src/schema/usable.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { ORDERS_HEADER, ordersCsv } from '../helpers/orders-csv.js';

async function* one(t: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(t, 'utf8');
}
const infer = (csv: string, o: InferOptions = {}) => inferSchema(one(csv), o);

describe('order exports: column names', () => {
  it.each([
    ['Lineitem sku,Customer ID,Created at', 'Lineitem sku', 'Created at'],
    ['Variant SKU,Customer ID,Paid at', 'Variant SKU', 'Paid at'],
    ['Variant ID,customer_id,Order date', 'Variant ID', 'Order date'],
    ['Product Variant ID,Customer ID,Ordered at', 'Product Variant ID', 'Ordered at'],
    ['Lineitem product id,Customer ID,Purchase date', 'Lineitem product id', 'Purchase date'],
    ['Artikelnummer,Kundennummer_egal,customer,Bestelldatum', 'Artikelnummer', 'Bestelldatum'],
  ])('%s: interactions, ITEM_ID and TIMESTAMP named', async (header, item, time) => {
    expect(guessDatasetType(header.split(','))?.type).toBe('INTERACTIONS');
    const r = await infer(`${header}\n${Array.from({ length: 30 }, (_, i) => header.split(',').map((c) => (c === time ? '2026-06-05 12:41:03 +0100' : `${c.length}-${i % 7}`)).join(',')).join('\n')}\n`);
    expect(r.fields.find((f) => f.name === 'ITEM_ID')?.column).toBe(item);
    expect(r.fields.find((f) => f.name === 'TIMESTAMP')?.column).toBe(time);
    // the fixer renames the same columns (one table: validate/aliases.ts)
    const plan = planHeader(header, parseSchema(JSON.stringify(r.schema)), { required: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'] });
    expect(plan.missing).toEqual([]);
    expect(plan.renames.find((x) => x.to === 'ITEM_ID')?.from).toBe(item);
  });

  it('more specific first: Created at is the order time, not Paid at (Shopify has both, Paid at first); an e-mail is never USER_ID', async () => {
    const plan = planHeader('Email,Paid at,Lineitem sku,Created at', parseSchema(JSON.stringify({ type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }], version: '1.0' })), { required: [] });
    expect(plan.renames.find((x) => x.to === 'TIMESTAMP')?.from).toBe('Created at');
    expect(plan.missing).toEqual(['USER_ID']);
    expect(guessDatasetType(['Customer Email', 'Lineitem sku', 'Created at'])?.type).toBe('ITEMS');
  });

  it("Shopify's whole order export: INTERACTIONS, Customer ID → USER_ID, Lineitem sku → ITEM_ID, Created at → TIMESTAMP", async () => {
    const r = await infer(ordersCsv(300));
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.renames).toEqual(expect.arrayContaining([{ column: 'Customer ID', field: 'USER_ID' }, { column: 'Lineitem sku', field: 'ITEM_ID' }, { column: 'Created at', field: 'TIMESTAMP' }]));
  });
});

describe('order exports: what the review proposes', () => {
  it('in an ECOMMERCE group: EVENT_TYPE missing and too many metadata columns, each with its way out', async () => {
    const r = await infer(ordersCsv(300), { domain: 'ECOMMERCE' });
    const msg = (code: string) => r.problems.find((p) => p.code === code)?.message ?? '';
    expect(msg('MISSING_REQUIRED')).toMatch(/no column for EVENT_TYPE\..*--event-type Purchase/);
    expect(msg('TOO_MANY_FIELDS')).toMatch(/the file has 7 .* Leave out Name, Email, Financial Status, Billing Country \(of no use to Personalize\)\.$/);
    expect(r.eventTypeDefault).toBe('Purchase');
    expect(r.unusable.map((u) => [u.column, u.kind])).toEqual([['Name', 'unique'], ['Email', 'email'], ['Financial Status', 'constant'], ['Billing Country', 'constant']]);
    expect(r.unusable.find((u) => u.kind === 'email')!.reason).toMatch(/personal data/);
    expect(r.leftOut).toEqual([]);
  });

  it('with EVENT_TYPE given and the proposed columns left out, nothing blocks the schema', async () => {
    const r = await infer(ordersCsv(300), { domain: 'ECOMMERCE', eventType: 'purchase', leaveOut: 'proposed', keep: ['billing country'] });
    expect(r.fields.map((f) => f.name)).toEqual(['TIMESTAMP', 'LINEITEM_QUANTITY', 'LINEITEM_NAME', 'LINEITEM_PRICE', 'ITEM_ID', 'USER_ID', 'BILLING_COUNTRY', 'EVENT_TYPE']);
    expect(r.fields.at(-1)).toMatchObject({ name: 'EVENT_TYPE', type: 'string', nullable: false, added: 'purchase' });
    expect(r.leftOut.map((u) => u.column)).toEqual(['Name', 'Email', 'Financial Status']);
    expect(r.problems.filter((p) => ['MISSING_REQUIRED', 'TOO_MANY_FIELDS', 'DUPLICATE_FIELD'].includes(p.code))).toEqual([]);
    // the e-mail column is not described as a string of no use: it is not in the schema at all
    expect(r.problems.some((p) => p.column === 'Email')).toBe(false);
  });

  it('purchase in every row: voided and expired payments (Financial Status) and the orders with a Cancelled at time are named, with what to do', async () => {
    // Shopify writes Cancelled at only for cancelled orders; Financial Status voided / expired: never paid
    const lines = ordersCsv(300).split('\r\n');
    const shop = [`${lines[0]},Cancelled at`, ...lines.slice(1, -1).map((l, i) => {
      const status = i % 40 === 1 ? 'voided' : i % 40 === 2 ? 'expired' : 'paid';
      return `${l.replace(',paid,', `,${status},`)},${i % 50 === 0 ? '2026-06-07 09:12:44 +0100' : ''}`;
    })].join('\r\n');
    const r = await infer(`${shop}\r\n`, { domain: 'ECOMMERCE', eventType: 'Purchase' });
    expect(r.problems.filter((p) => p.code === 'ORDERS_NOT_BOUGHT').map((p) => p.message)).toEqual([
      'Column Financial Status holds orders that were not, or are no longer, bought (voided, expired): with EVENT_TYPE "Purchase" in every row they count as that event too. Export the orders of the statuses you mean (completed, processing) if they should not.',
      'Column Cancelled at has a time in 6 of 300 rows: orders cancelled after they were placed; with EVENT_TYPE "Purchase" in every row they count as that event too. Export the orders that were not cancelled if they should not.',
    ]);
    // the column itself is proposed to be left out (what it marks are rows, not a property of one), and left out the warning stays
    expect(r.unusable.find((u) => u.column === 'Cancelled at')).toMatchObject({ kind: 'cancelled', reason: 'when an order was cancelled (by its name, e.g. "2026-06-07 09:12:44 +0100"; empty for the others): it marks orders that were not bought, which Personalize cannot read from a field — export the orders without them instead' });
    const out = await infer(`${shop}\r\n`, { domain: 'ECOMMERCE', eventType: 'Purchase', leaveOut: 'proposed' });
    expect(out.leftOut.map((u) => u.column)).toContain('Cancelled at');
    expect(out.fields.map((f) => f.column)).not.toContain('Cancelled at');
    expect(out.problems.filter((p) => p.code === 'ORDERS_NOT_BOUGHT').map((p) => p.column)).toEqual(['Financial Status', 'Cancelled at']);
    // no event given to every row (the file's own EVENT_TYPE decides), or no order cancelled: nothing said
    expect((await infer(`${shop}\r\n`, { domain: 'ECOMMERCE' })).problems.map((p) => p.code)).not.toContain('ORDERS_NOT_BOUGHT');
    const none = shop.replaceAll('2026-06-07 09:12:44 +0100', '').replaceAll(',voided,', ',paid,').replaceAll(',expired,', ',paid,');
    expect((await infer(`${none}\r\n`, { domain: 'ECOMMERCE', eventType: 'Purchase' })).problems.map((p) => p.code)).not.toContain('ORDERS_NOT_BOUGHT');
  });

  it('--keep names a column by its header cell or its field: the fixed copy (header BILLING_COUNTRY) keeps "Billing Country" too', async () => {
    const copy = ordersCsv(300).replace(/^\uFEFF[^\r]*/, 'NAME_,EMAIL,FINANCIAL_STATUS,TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,BILLING_COUNTRY');
    for (const keep of ['Billing Country', 'billing_country', 'BILLING_COUNTRY']) {
      const r = await infer(copy, { domain: 'ECOMMERCE', eventType: 'purchase', leaveOut: 'proposed', keep: [keep] });
      expect(r.fields.map((f) => f.name), keep).toContain('BILLING_COUNTRY');
      expect(r.leftOut.map((u) => u.column), keep).toEqual(['NAME_', 'EMAIL', 'FINANCIAL_STATUS']);
    }
    // everything kept: too many metadata fields, and the message names the kept ones (not "leave out" what was kept)
    const all = await infer(ordersCsv(300), { domain: 'ECOMMERCE', eventType: 'purchase', leaveOut: 'proposed', keep: ['Name', 'Email', 'Financial Status', 'Billing Country'] });
    expect(all.problems.find((p) => p.code === 'TOO_MANY_FIELDS')!.message).toMatch(/Keep fewer of the columns kept \(Name, Email, Financial Status, Billing Country\), or drop others\.$/);
  });

  it('not proposed: a different value in every row of an Items file (a title), a column of few rows, numbers', async () => {
    const items = await infer(`ITEM_ID,TITLE\n${Array.from({ length: 40 }, (_, i) => `i${i},Title number ${i}`).join('\n')}\n`);
    expect(items.unusable).toEqual([]);
    const few = await infer(`USER_ID,ITEM_ID,TIMESTAMP,ORDER_NO\n${Array.from({ length: 60 }, (_, i) => `u${i},i${i},${1767225600 + i},#${i}`).join('\n')}\n`);
    expect(few.unusable).toEqual([]);
    const numbers = await infer(`USER_ID,ITEM_ID,TIMESTAMP,AMOUNT\n${Array.from({ length: 40 }, (_, i) => `u${i % 5},i${i % 9},${1767225600 + i},${i}.5`).join('\n')}\n`);
    expect(numbers.unusable).toEqual([]);
  });

  it('looks like orders: a quantity, price or order column (then purchase is the event type offered)', () => {
    expect(looksLikeOrders(ORDERS_HEADER.split(','))).toBe(true);
    expect(looksLikeOrders(['OrderQty', 'user', 'sku'])).toBe(true);
    expect(looksLikeOrders(['user_id', 'item_id', 'timestamp'])).toBe(false);
    expect(eventTypeProblem('purchase')).toBeUndefined();
    expect(eventTypeProblem(' ')).toMatch(/purchase/);
    expect(eventTypeProblem('a,b')).toMatch(/no comma/);
  });
});

describe('"Which column holds …?": every column that could, the likeliest first', () => {
  it('ITEM_ID: the SKU first (its name and its values), the order number and e-mail last; the type not said twice', async () => {
    // a header whose SKU column has a name the tool does not know: the user names it
    const csv = ordersCsv(300).replace('Lineitem sku', 'Lineitem code').replace('Customer ID', 'Kunde');
    const r = await infer(csv, { datasetType: 'INTERACTIONS' });
    const { missing, columns } = unnamedKeys(r.fields, 'INTERACTIONS', undefined);
    expect(missing).toEqual(['USER_ID', 'ITEM_ID']);
    // categorical strings and renamed columns are candidates too (before: only Name and Email)
    expect(columns.map((f) => f.column)).toEqual(expect.arrayContaining(['Lineitem code', 'Kunde', 'Financial Status', 'Lineitem name']));
    expect(rankedFor('ITEM_ID', columns, r.looks)[0].column).toBe('Lineitem code');
    expect(rankedFor('USER_ID', columns, r.looks)[0].column).toBe('Kunde');
    const ranked = rankedFor('ITEM_ID', columns, r.looks).map((f) => f.column);
    expect(ranked.indexOf('Email')).toBeGreaterThan(ranked.indexOf('Lineitem code'));
  });

  it('a domain\'s required fields (ECOMMERCE items: PRICE, CATEGORY_L1) are asked too, EVENT_TYPE is not (“Add EVENT_TYPE” gives it)', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `A-${i},${['Küche', 'Garten', 'Bücher'][i % 3]},${(i % 40) + 1}.5,Artikel Nummer ${i},${1767225600 + i}`);
    const r = await infer(`Artikel-Nr,Warengruppe,Preis,Bezeichnung,Stand\n${rows.join('\n')}\n`, { datasetType: 'ITEMS', domain: 'ECOMMERCE' });
    const { missing, columns } = unnamedKeys(r.fields, 'ITEMS', 'ECOMMERCE', r.looks);
    expect(missing).toEqual(['PRICE', 'CATEGORY_L1']);
    // by name (Preis, Warengruppe) and by values (a number; few distinct strings), whatever the file's order
    expect(rankedFor('PRICE', [...columns].reverse(), r.looks)[0].column).toBe('Preis');
    expect(rankedFor('CATEGORY_L1', [...columns].reverse(), r.looks)[0].column).toBe('Warengruppe');
    // a Custom group asks nothing for them
    expect(unnamedKeys(r.fields, 'ITEMS', undefined).missing).toEqual([]);
    // no column that could be a price (only text): PRICE is not asked (the review says to add it, or use a Custom group)
    const text = Array.from({ length: 50 }, (_, k) => `i${k},bags,A bag for every day number ${k}`);
    const t = await infer(`ITEM_ID,CATEGORY,DESCRIPTION\n${text.join('\n')}\n`, { datasetType: 'ITEMS', domain: 'ECOMMERCE' });
    expect(unnamedKeys(t.fields, 'ITEMS', 'ECOMMERCE', t.looks).missing).toEqual([]);
    expect(candidatesFor('PRICE', unnamedKeys(r.fields, 'ITEMS', 'ECOMMERCE', r.looks).columns, r.looks).map((f) => f.column)).not.toContain('Bezeichnung');
    // ECOMMERCE interactions without EVENT_TYPE: not a column to name here
    const i = await infer('USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1767225600\nu2,i2,1767225601\n', { datasetType: 'INTERACTIONS', domain: 'ECOMMERCE' });
    expect(unnamedKeys(i.fields, 'INTERACTIONS', 'ECOMMERCE').missing).toEqual([]);
  });
});

describe('the fixer writes the copy: EVENT_TYPE added, the columns left out dropped', () => {
  it('an orders export against the schema the review proposes: valid but for the guest checkouts (set aside)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-orders-'));
    const input = join(dir, 'orders_export.csv');
    writeFileSync(input, ordersCsv(1200));
    const r = await infer(readFileSync(input, 'utf8'), { domain: 'ECOMMERCE', eventType: 'purchase', leaveOut: 'proposed' });
    const schema = parseSchema(JSON.stringify(r.schema));
    const out = join(dir, 'orders_export.fixed.csv');
    const f = await fixFile({ name: input, path: input, open: () => Readable.from([readFileSync(input)]) }, schema, {
      output: out, rejects: join(dir, 'orders_export.rejects.csv'), add: { EVENT_TYPE: 'purchase' }, dropUnknown: true, datasetType: 'INTERACTIONS', domain: 'ECOMMERCE',
    });
    expect(f.summary.rejected).toBe(34);
    expect(f.report?.valid).toBe(true);
    const text = readFileSync(out, 'utf8');
    const [head, first] = text.split(/\r?\n/);
    expect(head).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,EVENT_TYPE');
    expect(first).toMatch(/^\d{10},\d,"[^"]*",\d+\.\d\d,SKU-\d{4},7\d{9},purchase$/);
    expect(text).not.toMatch(/@example\.com|#10\d\d/);
    const header = f.summary.changes.find((c) => c.kind === 'header')!;
    expect(header.label).toMatch(/4 dropped \(Name, Email, Financial Status, Billing Country\), EVENT_TYPE added \(purchase in every row\)/);
    // the copy passes the validator as a whole
    const v = await validateCsv({ name: out, path: out, open: () => Readable.from([readFileSync(out)]) }, { schema, datasetType: 'INTERACTIONS', domain: 'ECOMMERCE', mode: 'FULL' });
    expect(v.errors).toEqual([]);
  });

  it('an added value with a comma or a quote is written quoted, Personalize-style', () => {
    const schema = parseSchema(JSON.stringify({ type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'EVENT_TYPE', type: 'string' }], version: '1.0' }));
    const plan = planHeader('USER_ID', schema, { required: ['EVENT_TYPE'], add: { EVENT_TYPE: 'a "b", c' } });
    expect(plan.missing).toEqual([]);
    expect(plan.from).toEqual([0, -1]);
    expect(plan.values[1]).toBe('"a \\"b\\", c"');
  });
});
