// isFixable on the validator's real reports: offered for files whose every error the fixer repairs,
// not for one with an error it would have to guess at. And the date reader's edges.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isFixable, parseDateText, readTimestamp, setAsideRows } from '../../src/fix/index.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { CASES, SCHEMAS } from './corpus.js';

const report = (bytes: Buffer, schema: keyof typeof SCHEMAS) => validateCsv({ name: 'x.csv', stream: Readable.from([bytes]) }, { schema: parseSchema(SCHEMAS[schema]) });

describe('isFixable', () => {
  it('true for the corpus files the fixer makes valid with nothing set aside (and that the validator rejects)', async () => {
    let judged = 0;
    for (const c of CASES) {
      if (c.rejects?.length || c.options?.map) continue;
      const r = await report(c.bytes, c.schema);
      if (r.valid) continue;
      judged++;
      // the first line's text: a header of aliases only reads as a record (NO_HEADER) to the validator
      const first = c.bytes.toString('utf8').split('\n')[0];
      expect(isFixable(r, parseSchema(SCHEMAS[c.schema]), first, undefined, undefined, undefined, c.options?.decimal), `${c.name}: ${r.errors.map((e) => e.code).join(', ')}`).toBe(true);
      if (r.errors.some((e) => e.code === 'NO_HEADER')) expect(isFixable(r, parseSchema(SCHEMAS[c.schema]))).toBe(false);
    }
    expect(judged).toBeGreaterThanOrEqual(8);
  });

  it('a comma file with numbers written with a decimal comma (a German Sheets export): offered when each reads one way or its column says which; "1,250" alone (1.25 or 1250?) only with --decimal, else a row to set aside', async () => {
    const items = parseSchema(SCHEMAS.items);
    const german = await report(Buffer.from('ITEM_ID,PRICE,CATEGORY_L1,RANK\ni1,"12,50",shoes,"1.234,00"\ni2,"1,234",shoes,1\ni3,"1 234,50",bags,2\ni4,"€42,19",bags,3\n'), 'items');
    expect(german.errors.map((e) => e.code)).toEqual(['TYPE_FLOAT', 'TYPE_FLOAT', 'TYPE_FLOAT', 'TYPE_FLOAT', 'TYPE_INT']);
    expect(isFixable(german, items)).toBe(true);
    // an int column's 12,50 is no whole number
    expect(isFixable(await report(Buffer.from('ITEM_ID,PRICE,CATEGORY_L1,RANK\ni1,1,shoes,"12,50"\n'), 'items'), items)).toBe(false);
    const rows = ['ITEM_ID,PRICE,CATEGORY_L1', 'i1,"1,250",shoes', ...Array.from({ length: 8 }, (_, k) => `i${k + 2},${k},shoes`), 'i10,"4.5 €",bags'];
    const twoWays = await report(Buffer.from(`${rows.join('\n')}\n`), 'items');
    expect(isFixable(twoWays, items)).toBe(false);
    expect(setAsideRows(twoWays, items)).toEqual({ rows: 1 });
    expect(isFixable(twoWays, items, undefined, undefined, undefined, undefined, 'comma')).toBe(true);
    expect(isFixable(twoWays, items, undefined, undefined, undefined, undefined, 'point')).toBe(true);
  });

  it('a header with trailing separators (two columns without a name: HEADER_DUPLICATE_COLUMN) is fixable; two columns of one name are not', async () => {
    const rows = (h: string) => Buffer.from(`${h}\n${Array.from({ length: 3 }, (_, i) => `u${i},i${i},${1767225600 + i},click${h.endsWith(',') ? ',,,' : ',x'}`).join('\n')}\n`);
    const blank = await report(rows('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,,,'), 'interactions');
    expect(blank.errors.filter((e) => e.code === 'HEADER_DUPLICATE_COLUMN')).toHaveLength(2);
    expect(blank.errors.every((e) => e.code === 'HEADER_DUPLICATE_COLUMN' || /^TOO_FEW/.test(e.code))).toBe(true);
    const dup = await report(rows('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,NOTE,NOTE'), 'interactions');
    const only = (r: typeof blank) => ({ ...r, errors: r.errors.filter((e) => e.code === 'HEADER_DUPLICATE_COLUMN') });
    expect(isFixable(only(blank), parseSchema(SCHEMAS.interactions))).toBe(true);
    expect(isFixable(only(dup), parseSchema(SCHEMAS.interactions))).toBe(false);
  });

  it('false when an error needs a guess (a word in a number column, an ID too long, a column no rule names)', async () => {
    const rej = CASES.find((c) => c.rejects?.length)!;
    expect(isFixable(await report(rej.bytes, rej.schema), parseSchema(SCHEMAS[rej.schema]))).toBe(false);
    const unnamed = Buffer.from('cust_no,age\nu1,30\n');
    expect(isFixable(await report(unnamed, 'users'), parseSchema(SCHEMAS.users))).toBe(false);
    const named = Buffer.from('customer_id,age\nu1,30\n');
    expect(isFixable(await report(named, 'users'), parseSchema(SCHEMAS.users))).toBe(true);
    expect(isFixable(await report(Buffer.from('USER_ID,AGE\nu1,yes\n'), 'users'), parseSchema(SCHEMAS.users))).toBe(false);
    expect(isFixable(await report(Buffer.from('USER_ID,AGE\nu1, 30\n'), 'users'), parseSchema(SCHEMAS.users))).toBe(true);
    // a price with a currency symbol is fixed (the symbol removed), one with a comma grouping thousands
    // too (1,234.50 reads one way); "$1,234" (1.234 or 1234?) with nothing in its column to say which is not
    expect(isFixable(await report(Buffer.from('ITEM_ID,PRICE,CATEGORY_L1\ni1,$61.75,shoes\ni2,4.5 $,bags\n'), 'items'), parseSchema(SCHEMAS.items))).toBe(true);
    expect(isFixable(await report(Buffer.from('ITEM_ID,PRICE,CATEGORY_L1\ni1,"$1,234.50",shoes\n'), 'items'), parseSchema(SCHEMAS.items))).toBe(true);
    expect(isFixable(await report(Buffer.from('ITEM_ID,PRICE,CATEGORY_L1\ni1,"$1,234",shoes\n'), 'items'), parseSchema(SCHEMAS.items))).toBe(false);
  });

  it('true for values over several lines (a shop export), found at each record\'s first line; not for a stray quote, nor a wrong value count far from a quote', async () => {
    const items = parseSchema(SCHEMAS.items);
    const shop = Buffer.from('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,a,"Soft cotton.\nwashable, in 3 colours\nend"\ni2,2,b,"one"\ni3,3,c,"x\n"\n');
    const r = await report(shop, 'items');
    // each value's first line; its continuation lines are the record's (src/validate/multiline.ts), not findings of their own
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['UNTERMINATED_QUOTE', 2], ['UNTERMINATED_QUOTE', 6]]);
    expect(r.rows).toBe(3);
    expect(isFixable(r, items)).toBe(true);
    const stray = await report(Buffer.from('ITEM_ID,PRICE,CATEGORY_L1\ni1,1,"a\ni2,2,b\n'), 'items');
    expect(stray.errors.map((e) => e.code)).toEqual(['UNTERMINATED_QUOTE']);
    expect(isFixable(stray, items)).toBe(false);
    const far = await report(Buffer.from(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,a,"b\nc"\n${'i,1,a,b\n'.repeat(120)}i9,9\n`), 'items');
    expect(isFixable(far, items)).toBe(false);
  });

  it('a backslash then "" in an RFC 4180 export (JSON with an escaped quote): one finding for its line, QUOTE_BACKSLASH_RFC, which the fixer repairs — not rows to set aside', async () => {
    const items = parseSchema(SCHEMAS.items);
    const json = Buffer.from(['ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION', String.raw`i1,5,shoes,"{""name"": ""T-Shirt \""Classic\"""", ""size"": ""M""}"`, String.raw`i2,6,shoes,"{""name"": ""Mug, 350 ml""}"`, String.raw`i3,7,bags,"{""name"": ""Cap \""Pro\"""", ""size"": ""L""}"`, ''].join('\n'));
    const r = await report(json, 'items');
    expect(r.errors.map((e) => [e.code, e.line, e.column])).toEqual([['QUOTE_BACKSLASH_RFC', 2, 'DESCRIPTION'], ['QUOTE_BACKSLASH_RFC', 4, 'DESCRIPTION']]);
    expect(r.errors[0].message).toBe(String.raw`Line 2, column DESCRIPTION: \"" in a value whose quotes are doubled (RFC 4180, as pandas writes JSON with an escaped quote). Personalize reads \" as an escaped quote, so the value ends early and the line is misread; read as RFC 4180 it is a backslash, then a quote. personalize-import fix writes it as Personalize reads it (\\ and \").`);
    expect(isFixable(r, items)).toBe(true);
    expect(setAsideRows(r)).toBeUndefined();
    // a value broken either way (no doubled quote: nothing says the file is RFC 4180) stays what it was
    const stray = await report(Buffer.from(String.raw`ITEM_ID,PRICE,CATEGORY_L1` + '\n' + String.raw`i1,5,"a \"b"c,shoes` + '\n'), 'items');
    expect(stray.errors.map((e) => e.code)).toContain('BAD_QUOTING');
  });

  it('false for a valid report (nothing to fix)', async () => {
    expect(isFixable(await report(Buffer.from('USER_ID,AGE\nu1,30\n'), 'users'), parseSchema(SCHEMAS.users))).toBe(false);
  });
});

describe('setAsideRows', () => {
  const events = (n: number, bad: (i: number) => string | undefined) =>
    Buffer.from(`user_id,item_id,timestamp\n${Array.from({ length: n }, (_, i) => bad(i) ?? `u${i % 30},i${i},${1767225600 + i}`).join('\n')}\n`);
  const inter = parseSchema(SCHEMAS.interactions);
  it('a few rows the fixer sets aside beside errors it repairs: offered, the rows counted', async () => {
    const r = await report(events(1100, (i) => (i === 7 ? 'u1,i1,1767225600,x' : i === 9 ? 'u2,"i2,1767225600' : undefined)), 'interactions');
    expect(isFixable(r, inter)).toBe(false);
    expect(setAsideRows(r, inter)).toEqual({ rows: 2 });
  });
  it('a Windows file (CRLF) is judged by its rows like any other: its header line, read up to the LF, ends in a CR — before, that CR made it an old-Mac CR-only file, judged by its header alone, and a file with 990 rows of a value too many was said to be "every error one the fixer repairs"', async () => {
    const crlf = Buffer.from(events(1100, (i) => (i === 7 ? 'u1,i1,1767225600,x' : undefined)).toString().replace(/\n/g, '\r\n'));
    const r = await report(crlf, 'interactions');
    const header = crlf.toString('utf8').split('\n')[0];
    expect(header.endsWith('\r')).toBe(true);
    expect(isFixable(r, inter, header)).toBe(false);
    expect(setAsideRows(r, inter, header)).toEqual({ rows: 1 });
    // an old-Mac file (CR only) is still judged by its header
    const cr = Buffer.from(events(1100, () => undefined).toString().replace(/\n/g, '\r'));
    const crReport = await report(cr, 'interactions');
    expect(isFixable(crReport, inter, cr.toString('utf8').slice(0, 65536))).toBe(true);
  });
  it('not when those rows are half the file or more, nor for a file-wide error, nor when nothing is to be set aside, nor when nothing else is to be repaired', async () => {
    const upper = (b: Buffer) => Buffer.from(b.toString().replace('user_id,item_id,timestamp', 'USER_ID,ITEM_ID,TIMESTAMP'));
    expect(setAsideRows(await report(upper(events(1100, (i) => (i === 7 ? 'u1,i1,1767225600,x' : undefined))), 'interactions'), inter)).toBeUndefined();
    expect(setAsideRows(await report(events(100, (i) => (i % 2 ? `u${i},i${i},1767225600,x` : undefined)), 'interactions'), inter)).toBeUndefined();
    // 40 rows: fewer than 1,000 interactions is no row to set aside
    expect(setAsideRows(await report(events(40, (i) => (i === 3 ? 'u1,i1,1767225600,x' : undefined)), 'interactions'), inter)).toBeUndefined();
    expect(setAsideRows(await report(events(1100, () => undefined), 'interactions'), inter)).toBeUndefined();
  });
});

describe('dates', () => {
  const ts = (s: string) => readTimestamp(Buffer.from(s), 0, Buffer.byteLength(s));
  it('reads ISO 8601 and common text exactly, as Date.parse does with an explicit zone', () => {
    for (const [text, iso] of [
      ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z'],
      ['2024-02-29T23:59:59+05:45', '2024-02-29T23:59:59+05:45'],
      ['1969-12-31T23:59:59Z', '1969-12-31T23:59:59Z'],
      ['2026-01-02 03:04', '2026-01-02T03:04:00Z'],
      ['2026-01-02t03:04:05.999-08', '2026-01-02T03:04:05-08:00'],
      ['Fri, 02 Jan 2026 03:04:05 +0100', '2026-01-02T03:04:05+01:00'],
      ['02-Jan-2026 03:04', '2026-01-02T03:04:00Z'],
      ['September 30, 2026 12:00 AM', '2026-09-30T00:00:00Z'],
      ['2026.01.02 23:00 UTC', '2026-01-02T23:00:00Z'],
    ]) expect(ts(text), text).toBe(Date.parse(iso) / 1000);
    expect(ts('1767323045123')).toBe(1767323045);
    expect(ts('1767323045123456')).toBe(1767323045);
    expect(ts('1767323045.75')).toBe(1767323045);
  });
  it('does not guess: day/month order, impossible dates, named zones, words', () => {
    for (const text of ['01/02/2026', '2026-02-30', '2026-13-01', '2026-01-02T25:00:00Z', '2026-01-02 03:04:05 PST', 'yesterday', '2026-01-02T03', '1e12', '']) expect(ts(text), text).toBeNaN();
    expect(parseDateText('Sepulveda 3, 2026')).toBeUndefined();
  });
});
