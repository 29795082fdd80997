// IDs written as decimals (ID_DECIMAL: 13085.0 in every value of an ID column, as pandas writes a
// float column with empty cells) and an order export's returns and cancellations given as
// interactions (ORDERS_NOT_BOUGHT: a negative Quantity, an Invoice C489449 — the UCI Online Retail
// convention): counted over every row, the first line and value named, the same on both lanes.
import { createReadStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEngine } from './bundle.js';
import { fastLaneCounters } from '../../src/validate/fastlane.js';
import { parseSchema } from '../../src/validate/index.js';
import { dotZeroExample, isCancelledInvoice, isDotZero, isInvoiceColumn, isNegative, isQuantityColumn, returnsCountOf, withoutDotZero } from '../../src/validate/returns.js';
import { bothLanes, comparable, run } from './helpers.js';

const SCHEMA_JSON = {
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'Invoice', type: ['null', 'string'], categorical: true }, { name: 'Quantity', type: ['null', 'long'] }],
};
const SCHEMA = parseSchema(JSON.stringify(SCHEMA_JSON), 'test');
const USERS = parseSchema(JSON.stringify({
  type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'COUNTRY', type: 'string', categorical: true }],
}), 'users');

const b = (s: string) => Buffer.from(s);
const T0 = 1_700_000_000;

/** interactions: `user(i)` the USER_ID of row i, invoice and quantity likewise */
function csv(n: number, row: (i: number) => { user: string; item?: string; invoice?: string; qty?: string }): string {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,Invoice,Quantity\n';
  for (let i = 0; i < n; i++) {
    const r = row(i);
    s += `${r.user},${r.item ?? `i${i % 7}`},${T0 + i},${r.invoice ?? String(489000 + i)},${r.qty ?? '2'}\n`;
  }
  return s;
}

/** both lanes: the same report (the fast lane hands the lines with such values to the engine) */
const both = (text: string, schema = SCHEMA) => bothLanes(text, schema);

describe('the byte predicates', () => {
  it('a whole number with a point and zeros only', () => {
    for (const v of ['13085.0', '7.0', '0.0']) expect(isDotZero(b(v), 0, v.length), v).toBe(true);
    // (pandas writes one zero: 7.00 is a number formatted so, not a float column's ID)
    for (const v of ['13085', '13085.5', '1.0e5', '.0', '13085.', '13085.01', '7.00', '-1.0', 'a1.0', '']) expect(isDotZero(b(v), 0, v.length), v).toBe(false);
    expect(withoutDotZero('13085.0')).toBe('13085');
    expect(withoutDotZero('13085.5')).toBeUndefined();
  });
  it('a negative quantity, a cancelled invoice, and the columns that hold them', () => {
    for (const v of ['-1', '-24', '-1.5']) expect(isNegative(b(v), 0, v.length), v).toBe(true);
    for (const v of ['1', '-', '-.', '0', '-x', '']) expect(isNegative(b(v), 0, v.length), v).toBe(false);
    for (const v of ['C489449', 'c1']) expect(isCancelledInvoice(b(v), 0, v.length), v).toBe(true);
    for (const v of ['489449', 'C', 'CX1', 'A489449']) expect(isCancelledInvoice(b(v), 0, v.length), v).toBe(false);
    for (const c of ['Quantity', 'Qty', 'Lineitem quantity', 'order_qty']) expect(isQuantityColumn(c), c).toBe(true);
    for (const c of ['Quantity sold by', 'Price']) expect(isQuantityColumn(c), c).toBe(false);
    for (const c of ['Invoice', 'InvoiceNo', 'Invoice Number', 'invoice_id']) expect(isInvoiceColumn(c), c).toBe(true);
    for (const c of ['InvoiceDate', 'Order']) expect(isInvoiceColumn(c), c).toBe(false);
  });
});

describe('ID_DECIMAL', () => {
  it('every non-empty USER_ID written as 13085.0, some empty: one warning with the count, the first line and value', async () => {
    const r = await both(csv(40, (i) => ({ user: i % 5 === 3 ? '' : `${13085 + (i % 9)}.0` })), parseSchema(JSON.stringify({
      type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
      fields: [{ name: 'USER_ID', type: ['null', 'string'] }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'Invoice', type: ['null', 'string'] }, { name: 'Quantity', type: ['null', 'long'] }],
    }), 't'));
    const w = r.warnings.filter((x) => x.code === 'ID_DECIMAL');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ line: 2, column: 'USER_ID', severity: 'warning' });
    expect(w[0].message).toBe('Line 2, column USER_ID: "13085.0" is a whole number written as a decimal, and so are all 32 values of the column (pandas and Excel write a number column so when some of its cells are empty). Personalize reads IDs as text: 13085.0 here and 13085 in the users file or in the events your app sends are two different users. “Fix and continue” (personalize-import fix) writes them as 13085.');
    expect(dotZeroExample(w[0].message)).toEqual({ value: '13085.0', whole: '13085' });
  });

  it('one 13085.5 in the column: no warning (not a column of whole numbers); nor for plain IDs or 1.0e5', async () => {
    const half = await both(csv(30, (i) => ({ user: i === 17 ? '13085.5' : `${13085 + i}.0` })));
    expect(half.warnings.map((x) => x.code)).not.toContain('ID_DECIMAL');
    const plain = await both(csv(30, (i) => ({ user: i === 5 ? '1.0e5' : String(13085 + i) })));
    expect(plain.warnings.map((x) => x.code)).not.toContain('ID_DECIMAL');
    // IDs that end in 0 or 00 go to the engine from the fast lane, and are not taken for decimals
    const tens = await both(csv(30, (i) => ({ user: String(100 * (i + 1)) })));
    expect(tens.warnings.map((x) => x.code)).not.toContain('ID_DECIMAL');
    // IDs ending in zeros with no point before them stay in the fast lane (the bench's user-082300)
    const before = fastLaneCounters.lines;
    await run(csv(30, (i) => ({ user: `user-0823${i}00` })), { schema: SCHEMA, fastLane: true });
    expect(fastLaneCounters.lines - before).toBe(30);
  });

  it('a users file: its USER_ID, in the words of users', async () => {
    let s = 'USER_ID,COUNTRY\n';
    for (let i = 0; i < 12; i++) s += `${500 + i}.0,UK\n`;
    const r = await both(s, USERS);
    expect(r.warnings.find((x) => x.code === 'ID_DECIMAL')?.message).toMatch(/^Line 2, column USER_ID: "500\.0" is .* all 12 values .* 500\.0 here and 500 in the users file .* two different users/);
  });
});

describe('ORDERS_NOT_BOUGHT: returns and cancellations', () => {
  it('negative Quantity rows and C-prefixed invoices: counted, the first line named with its values', async () => {
    const r = await both(csv(60, (i) => ({ user: `u${i % 6}`, ...(i % 10 === 4 ? { qty: '-3' } : {}), ...(i % 20 === 9 ? { invoice: `C${489000 + i}`, qty: '-1' } : {}), ...(i === 55 ? { invoice: 'C999' } : {}) })));
    const w = r.warnings.filter((x) => x.code === 'ORDERS_NOT_BOUGHT');
    expect(w).toHaveLength(1);
    // rows 4, 14, 24, 34, 44, 54 negative; 9, 29, 49 cancelled and negative; 55 cancelled only
    expect(w[0]).toMatchObject({ line: 6, column: 'Quantity' });
    expect(w[0].message).toBe('Line 6: 10 rows are returns or cancellations (negative Quantity -3, invoice C489009; 9 with a negative quantity, 4 with a cancelled invoice): imported as purchases they teach Personalize that the customer wanted what they sent back or cancelled. Leave them out — personalize-import fix --drop-returns --rejects <file> sets them aside, as does import --fix --fix-rejects --drop-returns and the wizard\'s “Fix and continue, returns and cancellations set aside” — or give them an EVENT_TYPE of their own (such as return).');
    expect(returnsCountOf(w[0].message)).toBe(10);
  });

  it('a C-prefixed invoice alone (no negative quantity): named by the invoice', async () => {
    const r = await both(csv(20, (i) => ({ user: `u${i}`, ...(i === 7 ? { invoice: 'C489449' } : {}) })));
    const w = r.warnings.find((x) => x.code === 'ORDERS_NOT_BOUGHT')!;
    expect(w).toMatchObject({ line: 9, column: 'Invoice' });
    expect(w.message).toMatch(/^Line 9: 1 row is a return or cancellation \(invoice C489449\): imported as purchases/);
  });

  it('the watched columns keep their own checks in the fast lane: a word in a long Quantity, an int out of range, an empty value', async () => {
    const r = await both(csv(30, (i) => ({ user: `u${i}`, ...(i === 5 ? { qty: 'x' } : i === 9 ? { qty: '' } : i === 12 ? { qty: '-7', invoice: '' } : {}) })));
    expect(r.errors.find((e) => e.code === 'TYPE_LONG')).toMatchObject({ line: 7, column: 'Quantity' });
    expect(r.warnings.find((w) => w.code === 'ORDERS_NOT_BOUGHT')).toMatchObject({ line: 14 });
    const ints = parseSchema(JSON.stringify({ ...SCHEMA_JSON, fields: [...SCHEMA_JSON.fields.slice(0, 4), { name: 'Quantity', type: 'int' }] }), 'ints');
    const big = await both(csv(20, (i) => ({ user: `u${i}`, ...(i === 3 ? { qty: '3000000000' } : {}) })), ints);
    expect(big.errors.find((e) => e.code === 'TYPE_INT')).toMatchObject({ line: 5, column: 'Quantity' });
  });

  it('none: no warning; an EVENT_TYPE with several values may tell them apart: no warning either', async () => {
    expect((await both(csv(20, (i) => ({ user: `u${i}` })))).warnings.map((x) => x.code)).not.toContain('ORDERS_NOT_BOUGHT');
    const typed = parseSchema(JSON.stringify({
      type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
      fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }, { name: 'Quantity', type: 'long' }],
    }), 'typed');
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,Quantity\n';
    for (let i = 0; i < 20; i++) s += `u${i},i${i},${T0 + i},${i % 4 ? 'purchase' : 'return'},${i % 4 ? 1 : -1}\n`;
    expect((await both(s, typed)).warnings.map((x) => x.code)).not.toContain('ORDERS_NOT_BOUGHT');
  });
});

describe('on two threads (the built engine)', () => {
  it('the counts and first lines of both warnings are the file\'s, not a part\'s: the same report as one thread', async () => {
    const { engine } = await bundledEngine('pi-returns-');
    const dir = mkdtempSync(join(tmpdir(), 'pi-returns-file-'));
    const file = join(dir, 'retail.csv');
    // the returns only in the second half, the IDs .0 throughout; ITEM_IDs with a space after them (ID_SPACES) in both halves
    writeFileSync(file, csv(40000, (i) => ({ user: `${13000 + (i % 500)}.0`, ...(i % 4000 === 2500 ? { item: `i${i} ` } : {}), ...(i > 30000 && i % 1000 === 3 ? { qty: '-2', invoice: `C${i}` } : {}) })));
    const schema = engine.parseSchema(JSON.stringify(SCHEMA_JSON));
    const src = () => ({ name: file, path: file, size: statSync(file).size, open: () => createReadStream(file) });
    const one = await engine.validateCsv(src(), { schema });
    const two = await engine.validateCsv(src(), { schema, workers: 2, parallelMinBytes: 1 });
    expect(comparable(two).warnings).toEqual(comparable(one).warnings);
    expect(one.warnings.find((w) => w.code === 'ID_DECIMAL')).toMatchObject({ line: 2, column: 'USER_ID' });
    expect(one.warnings.find((w) => w.code === 'ID_DECIMAL')?.message).toContain('are all 40,000 values of the column');
    expect(one.warnings.find((w) => w.code === 'ID_SPACES')?.message).toMatch(/^Line 2502, column ITEM_ID: "i2500 " has a space after it, and so do 10 IDs of the column in all\./);
    expect(one.warnings.find((w) => w.code === 'ORDERS_NOT_BOUGHT')).toMatchObject({ line: 30005 });
    expect(one.warnings.find((w) => w.code === 'ORDERS_NOT_BOUGHT')?.message).toMatch(/^Line 30005: 10 rows are returns or cancellations \(negative Quantity -2, invoice C30003\)/);
  });
});
