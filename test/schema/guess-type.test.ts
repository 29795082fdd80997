// Typing a file from its data, not its header alone: a users or items dataset has one row per ID, so
// a file whose only ID column repeats row after row is an event log; public datasets a newcomer
// brings (goodbooks ratings.csv, UCI Online Retail II, H&M transactions_train.csv) were typed USERS
// or stopped for a TIMESTAMP the file held under another name.
import { describe, expect, it } from 'vitest';
import { guessDatasetType, guessFromSample } from '../../src/schema/guess-type.js';
import { inferSchema } from '../../src/schema/index.js';

async function* chunks(text: string, size = 4096): AsyncGenerator<Uint8Array> {
  const b = Buffer.from(text);
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
const csv = (header: string, rows: string[]) => `${header}\n${rows.join('\n')}\n`;
const infer = (text: string) => inferSchema(chunks(text));
/** n rows of `row(i)` */
const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i));

describe('an ID column that repeats: an event log, not a table', () => {
  it('a USER_ID repeating on most rows, no ITEM_ID: interactions, and the reason says why', async () => {
    // 40 rows, 10 customers: 30 of 40 rows repeat one
    const text = csv('customer_id,score', rows(40, (i) => `c${i % 10},${i % 5}`));
    const g = await guessFromSample(chunks(text));
    expect(g.guess).toEqual({ type: 'INTERACTIONS', reason: 'customer_id repeats on 75 % of rows: an interactions file, not a users table (one row per user); it has no ITEM_ID column' });
    const r = await infer(text);
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.datasetTypeReason).toBe('guessed from the columns: customer_id repeats on 75 % of rows: an interactions file, not a users table (one row per user); it has no ITEM_ID column');
    // and what it lacks is named: never a USERS dataset created from it
    expect(r.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message).toMatch(/no column for ITEM_ID, TIMESTAMP/);
  });

  it('an ITEM_ID repeating, no USER_ID: interactions (an items table has one row per item)', async () => {
    const g = await guessFromSample(chunks(csv('sku,qty', rows(30, (i) => `s${i % 3},1`))));
    expect(g.guess).toEqual({ type: 'INTERACTIONS', reason: 'sku repeats on 90 % of rows: an interactions file, not an items table (one row per item); it has no USER_ID column' });
  });

  it('a users table (one row per user, a duplicate or two) stays USERS; an items table stays ITEMS', async () => {
    const users = csv('user_id,age', [...rows(40, (i) => `u${i},${20 + (i % 30)}`), 'u1,21']);
    expect((await guessFromSample(chunks(users))).guess?.type).toBe('USERS');
    expect((await infer(users)).datasetTypeReason).toBe('guessed from the columns: USER_ID (column user_id) without ITEM_ID: a users dataset');
    expect((await guessFromSample(chunks(csv('item_id,price', rows(40, (i) => `i${i},${i}.5`))))).guess?.type).toBe('ITEMS');
    // a third of its rows repeated (an export run twice over part of it): still a users file, its duplicates warned of
    expect((await guessFromSample(chunks(csv('user_id,age', [...rows(60, (i) => `u${i},30`), ...rows(30, (i) => `u${i},30`)])))).guess?.type).toBe('USERS');
  });

  it('too few rows to say (under 20): the header decides, as before; and without data the header alone', async () => {
    expect((await guessFromSample(chunks(csv('user_id,age', rows(10, () => 'u1,30'))))).guess?.type).toBe('USERS');
    expect(guessDatasetType(['user_id', 'age'])?.type).toBe('USERS');
    expect(guessDatasetType(['user_id', 'age'], [{ counted: 100, repeats: 80 }, undefined])?.reason).toBe('user_id repeats on 80 % of rows: an interactions file, not a users table (one row per user); it has no ITEM_ID column');
  });

  it('--map names read first: the mapped field is the one counted', async () => {
    const g = await guessFromSample(chunks(csv('Kunde,Wert', rows(30, (i) => `k${i % 2},${i}`))), (h) => h.map((c) => (c === 'Kunde' ? 'USER_ID' : undefined)));
    expect(g.guess?.reason).toBe('USER_ID repeats on 93 % of rows: an interactions file, not a users table (one row per user); it has no ITEM_ID column');
  });
});

describe('the public datasets a newcomer brings', () => {
  it('goodbooks ratings.csv (user_id,book_id,rating): interactions, rating its EVENT_VALUE, and no time — said plainly, nothing made up', async () => {
    const r = await infer(csv('user_id,book_id,rating', rows(60, (i) => `${i % 12},${(i * 7) % 25},${1 + (i % 5)}`)));
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.fields.map((f) => `${f.column}→${f.name}:${f.type}`)).toEqual(['user_id→USER_ID:string', 'book_id→ITEM_ID:string', 'rating→EVENT_VALUE:float']);
    const m = r.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message;
    expect(m).toMatch(/the file has no column for TIMESTAMP\. No column holds times or dates: Personalize takes no interaction without the time it happened/);
    expect(m).not.toMatch(/rating|book_id/);
    expect(r.named).toBeUndefined();
  });

  it('UCI Online Retail II: Customer ID, StockCode, InvoiceDate are USER_ID, ITEM_ID, TIMESTAMP', async () => {
    const r = await infer(csv('Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country', rows(40, (i) => `${489434 + (i >> 2)},${['85123A', '84879', '22041'][i % 3]},THING ${i % 3},${1 + (i % 6)},12/${1 + (i % 19)}/2009 7:45,2.55,${13085 + (i % 7)}.0,United Kingdom`)));
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.datasetTypeReason).toBe('guessed from the columns: USER_ID (column Customer ID) and ITEM_ID (column StockCode): an item interactions dataset');
    expect(r.renames).toEqual([{ column: 'StockCode', field: 'ITEM_ID' }, { column: 'InvoiceDate', field: 'TIMESTAMP' }, { column: 'Customer ID', field: 'USER_ID' }]);
    expect(r.problems.some((p) => p.code === 'MISSING_REQUIRED')).toBe(false);
  });

  it('H&M transactions_train.csv: t_dat, the only column of dates, is the TIMESTAMP (the fixer is told: named), converted by --fix', async () => {
    const r = await infer(csv('t_dat,customer_id,article_id,price,sales_channel_id', rows(30, (i) => `2018-09-${10 + (i % 20)},c${i % 4},0${663713001 + (i % 9)},0.0508,${1 + (i % 2)}`)));
    expect(r.datasetType).toBe('INTERACTIONS');
    const t = r.fields.find((f) => f.name === 'TIMESTAMP')!;
    expect(t.column).toBe('t_dat');
    expect(t.reason).toMatch(/^the only column of dates \(e\.g\. "2018-09-10"\): when each event happened, the TIMESTAMP; /);
    expect(r.named).toEqual({ t_dat: 'TIMESTAMP' });
    expect(r.problems.map((p) => p.code)).not.toContain('MISSING_REQUIRED');
    expect(r.problems.map((p) => p.code)).toContain('TIMESTAMP_DATES');
  });

  it('two columns of dates: neither is picked; only they (not a price or a channel) are named as what may hold the time', async () => {
    const r = await infer(csv('order_day,ship_day,customer_id,article_id,price,sales_channel_id', rows(30, (i) => `2018-09-${10 + (i % 20)},2018-10-01,c${i % 4},a${i % 9},0.05,${1 + (i % 2)}`)));
    expect(r.named).toBeUndefined();
    expect(r.problems.find((p) => p.code === 'MISSING_REQUIRED')!.message).toBe('Interactions datasets need USER_ID, ITEM_ID, TIMESTAMP; the file has no column for TIMESTAMP. If TIMESTAMP is among its columns under another name (order_day, ship_day), rename that header cell to TIMESTAMP and start again; otherwise add it to the CSV.');
  });

  it('Retailrocket events.csv stays as it was: interactions by its columns', async () => {
    const r = await infer(csv('timestamp,visitorid,event,itemid,transactionid', rows(30, (i) => `14332213710${10 + i},${i % 5},view,${i % 7},`)));
    expect(r.datasetType).toBe('INTERACTIONS');
    expect(r.named).toBeUndefined();
    expect(r.fields.map((f) => f.name)).toEqual(['TIMESTAMP', 'USER_ID', 'EVENT_TYPE', 'ITEM_ID', 'transactionid']);
  });
});
