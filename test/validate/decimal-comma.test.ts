// A line with one value too many because a price was written 12,50 in a comma-separated file: the
// COLUMN_COUNT message names the column and the likely number instead of only "quote values that
// contain commas". The last such pair of digit values is taken, so a timestamp before the price is
// not mistaken for the split number. And the reader of numbers with a locale's marks ("12,50" quoted,
// "1.234,50", "1 234,50") and the TYPE_* findings it explains.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { MARK_COMMA, MARK_POINT, R_TWO, markReadings, readMarked, readingsOf } from '../../src/validate/decimal-comma.js';

const schema = parseSchema(JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'PRICE', type: ['null', 'float'], default: null }, { name: 'EVENT_TYPE', type: 'string' }],
}));
const messages = async (csv: string) => {
  const r = await validateCsv({ name: 'x.csv', stream: Readable.from([Buffer.from(csv)]) }, { schema });
  return r.errors.filter((e) => e.code === 'COLUMN_COUNT').map((e) => [e.line, e.column, e.message]);
};

describe('COLUMN_COUNT with a decimal comma', () => {
  it('names the column and the number with a point; a comma in text keeps the general advice', async () => {
    const got = await messages('USER_ID,ITEM_ID,TIMESTAMP,PRICE,EVENT_TYPE\nu1,i1,1767225600,9.5,view\nu2,i2,1767225601,12,50,view\nu3,i3,1767225602,,buy,now\n"u4",i4,1767225603,7,"5",view\n');
    expect(got[0]).toEqual([3, 'PRICE', 'Line 3 has 6 values but the header has 5 columns: "12,50" (from column PRICE on) looks like a number written with a decimal comma. Write decimals with a point (12.50), or quote such values.']);
    expect(got[1][2]).toBe('Line 4 has 6 values but the header has 5 columns. Quote values that contain commas ("a,b"), and check for a missing or extra comma.');
    // a quoted value is not a split number
    expect(got[2][2]).toMatch(/^Line 5 .*Quote values that contain commas/);
  });
});

describe('a ";" file whose column names are its own (an export in another language)', () => {
  it('is WRONG_SEPARATOR (the fixer writes a comma-separated copy), not one column with a decimal comma on every line', async () => {
    const r = await validateCsv({ name: 'x.csv', stream: Readable.from([Buffer.from('Kunde;Artikel;Zeitpunkt;Ereignis;Preis\nk1;A-1;1793491200;Kauf;12,50\nk2;A-2;1793491260;Kauf;3,10\n')]) }, { schema });
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([['WRONG_SEPARATOR', 1]]);
    expect(r.errors[0].message).toMatch(/separated by semicolons \(Kunde;Artikel;Zeitpunkt;Ereignis…\)/);
  });
});

describe('numbers written with a locale\'s marks (the reader fix, validate and schema infer share)', () => {
  const read = (v: string, mark: number) => {
    const b = Buffer.from(v);
    const o = new Uint8Array(b.length + 2);
    const q = readMarked(b, 0, b.length, mark, o, 0);
    return q < 0 ? undefined : Buffer.from(o.subarray(0, q)).toString();
  };
  const how = (v: string) => ['none', 'comma', 'point', 'same', 'two'][markReadings(Buffer.from(v), 0, Buffer.byteLength(v))];

  it('a decimal comma, thousands grouped by points, spaces, NBSP or the narrow NBSP (French); a sign', () => {
    expect(['12,50', '-0,5', '1.234,50', '1 234,50', '1\u00a0234,50', '1\u202f234,5', '12.345.678,9', '1.234.567', '0,500', '1234,567'].map((v) => read(v, MARK_COMMA))).toEqual(['12.50', '-0.5', '1234.50', '1234.50', '1234.50', '1234.5', '12345678.9', '1234567', '0.500', '1234.567']);
    // groups of 3 after 1–3 digits (not a 0), one kind of separator; the mark then digits
    expect(['12.34,5', ',5', '5,', '1.234 567,8', '0.123,4', '1,2,3', '12,5a', '1..234,5', ''].map((v) => read(v, MARK_COMMA))).toEqual(Array(9).fill(undefined));
    expect(['1,234.50', '1,234,567', '1 234', '12.5'].map((v) => read(v, MARK_POINT))).toEqual(['1234.50', '1234567', '1234', '12.5']);
  });

  it('how a value reads: only one way (12,50 · 1,234.50), alike (1 234), or two ways (1,234 · 1.234)', () => {
    expect(['12,50', '0,500', '1.234,50', '1.234.567', '-0,5'].map(how)).toEqual(Array(5).fill('comma'));
    expect(['1,234.50', '1,234,567', '12.5', '0.125'].map(how)).toEqual(Array(4).fill('point'));
    expect(['1 234', '1234'].map(how)).toEqual(['same', 'same']);
    expect(['1,234', '12,500', '-1,250', '1.234'].map(how)).toEqual(Array(4).fill('two'));
    expect(['abc', '1,2,3', '€5', '1e5'].map(how)).toEqual(Array(4).fill('none'));
    expect(readingsOf(' 1,250 ')).toEqual({ r: R_TWO, comma: '1.250', point: '1250' });
  });
});

describe('TYPE_FLOAT / TYPE_INT of a value written with a decimal comma (a German Sheets export saved as CSV)', () => {
  const items = parseSchema(JSON.stringify({
    type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
    fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'PRICE', type: 'float' }, { name: 'STOCK', type: ['null', 'int'] }],
  }));
  const found = async (csv: string) => (await validateCsv({ name: 'x.csv', stream: Readable.from([Buffer.from(csv)]) }, { schema: items })).errors.map((e) => [e.code, e.message]);

  it('names the cause and what Fix writes; "1,234" says it reads two ways and what decides', async () => {
    const got = await found('ITEM_ID,PRICE,STOCK\nA1,"12,50","1.234,00"\nA2,"1,234","12,50"\nA3,"€42,19",1\nA4,"1,234.50","1 234"\nA5,"$4.5",2\n');
    // (a report lists its findings code by code)
    expect(got).toEqual([
      ['TYPE_FLOAT', 'Line 2, column PRICE: "12,50" is not a number such as 4.5 (a dot for decimals, no thousands separators). It is 12.50 written with a decimal comma: “Fix and continue” (personalize-import fix) writes it as 12.50.'],
      ['TYPE_FLOAT', 'Line 3, column PRICE: "1,234" is not a number such as 4.5 (a dot for decimals, no thousands separators). It reads two ways: 1.234 with a decimal comma, 1234 with a comma grouping thousands. “Fix and continue” (personalize-import fix) reads it with a decimal comma when another value of the column has one (such as 12,50); else pass --decimal comma or --decimal point to fix (or import --fix).'],
      ['TYPE_FLOAT', 'Line 4, column PRICE: "€42,19" is not a number such as 4.5 (a dot for decimals, no thousands separators). It is an amount in €, 42.19 written with a decimal comma: “Fix and continue” (personalize-import fix) writes it as 42.19, without the symbol.'],
      ['TYPE_FLOAT', 'Line 5, column PRICE: "1,234.50" is not a number such as 4.5 (a dot for decimals, no thousands separators). It is 1234.50 written with its thousands grouped: “Fix and continue” (personalize-import fix) writes it as 1234.50.'],
      ['TYPE_FLOAT', 'Line 6, column PRICE: "$4.5" is not a number such as 4.5 (a dot for decimals, no thousands separators). It is an amount in $: “Fix and continue” (personalize-import fix) writes it without the symbol (4.5).'],
      ['TYPE_INT', 'Line 2, column STOCK: "1.234,00" is not a whole number between -2147483648 and 2147483647. It is 1234 written with a decimal comma: “Fix and continue” (personalize-import fix) writes it as 1234.'],
      ['TYPE_INT', 'Line 3, column STOCK: "12,50" is not a whole number between -2147483648 and 2147483647. It is 12.50 written with a decimal comma: not a whole number either.'],
      ['TYPE_INT', 'Line 5, column STOCK: "1 234" is not a whole number between -2147483648 and 2147483647. It is 1234 written with its thousands grouped: “Fix and continue” (personalize-import fix) writes it as 1234.'],
    ]);
  });

  it('a number with a unit ("34 years", "1.5 kg"): says what to export instead, and that the fix step writes the number where the column has one unit; an ordinal or a fraction in an int column gets no such hint', async () => {
    const got = await found('ITEM_ID,PRICE,STOCK\nA1,1.5 kg,34 pcs\nA2,2,2nd\nA3,3,1.5 kg\n');
    expect(got).toEqual([
      ['TYPE_FLOAT', 'Line 2, column PRICE: "1.5 kg" is not a number such as 4.5 (a dot for decimals, no thousands separators). It is a number with a unit: export it as 1.5 (the unit can go in the column\'s name), or let the fix step write 1.5 (it does where the column\'s numbers are all in one unit).'],
      ['TYPE_INT', 'Line 2, column STOCK: "34 pcs" is not a whole number between -2147483648 and 2147483647. It is a number with a unit: export it as 34 (the unit can go in the column\'s name), or let the fix step write 34 (it does where the column\'s numbers are all in one unit).'],
      ['TYPE_INT', 'Line 3, column STOCK: "2nd" is not a whole number between -2147483648 and 2147483647.'],
      ['TYPE_INT', 'Line 4, column STOCK: "1.5 kg" is not a whole number between -2147483648 and 2147483647.'],
    ]);
  });
});
