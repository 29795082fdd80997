// Rows with more or fewer values than the header: the inference says so before the schema is
// created (before, a file where a third of the prices were written 12,50 gave a clean schema, and
// the dataset was created for a file whose validation then failed on 990 rows).
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../src/schema/index.js';

async function* chunks(text: string, size = 5): AsyncGenerator<Uint8Array> {
  const b = Buffer.from(text, 'utf8');
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
const widths = async (csv: string) => (await inferSchema(chunks(csv))).problems.filter((p) => p.code === 'COLUMN_COUNT');

describe('records with a value too many or too few', () => {
  it('a decimal comma that split a price: counted, the first line named, the column and the likely number said', async () => {
    const lines = ['User Id,Product SKU,Event Time,Action,Price'];
    for (let i = 0; i < 30; i++) lines.push(`u${i},SKU-${i},${1767225600 + i},view,${i % 3 === 0 ? `${i},50` : i % 3 === 1 ? '' : '9.99'}`);
    const [p, ...more] = await widths(`${lines.join('\r\n')}\r\n`);
    expect(more).toEqual([]);
    expect(p.severity).toBe('error');
    // rows 0, 3, …, 27: lines 2, 5, …
    expect(p.message).toMatch(/^10 of 30 records \(33 %\) have more values than the header's 5 columns \(first: line 2, 6 values\)/);
    expect(p.message).toContain('column Price looks split in two by a decimal comma (line 2: 0,50, likely 0.50)');
    expect(p.message).toContain('--rejects');
  });

  it('a comma inside unquoted text: the advice is to quote it; a row with too few values is its own finding, with its line after a quoted line break', async () => {
    const csv = 'USER_ID,ITEM_ID,TIMESTAMP,COMMENT\nu1,i1,1767225600,"two\nlines"\nu2,i2,1767225601,fine, really\nu3,i3\nu4,i4,1767225602,ok\n';
    const [wide, narrow] = await widths(csv);
    expect(wide.message).toMatch(/^1 of 4 records \(25 %\) have more values than the header's 4 columns \(first: line 4, 5 values\)/);
    expect(wide.message).toContain('A value with an unquoted "," in it is split in two');
    expect(wide.message).not.toContain('decimal comma');
    expect(narrow.message).toMatch(/^1 of 4 records \(25 %\) have fewer values than the header's 4 columns \(first: line 5, 2 values\)/);
  });

  it('every record as wide as the header: nothing said', async () => {
    expect(await widths('USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1767225600\nu2,"i,2",1767225601\n')).toEqual([]);
  });
});
