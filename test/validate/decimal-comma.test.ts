// A line with one value too many because a price was written 12,50 in a comma-separated file: the
// COLUMN_COUNT message names the column and the likely number instead of only "quote values that
// contain commas". The last such pair of digit values is taken, so a timestamp before the price is
// not mistaken for the split number.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSchema, validateCsv } from '../../src/validate/index.js';

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
