// The fixer's look for a decimal comma (src/fix/decimal-proof.ts) and what the row fixer does with
// its answer: a comma-separated Google Sheets export of a German locale writes "12,50"; a column
// with such a value reads "1,234" as 1.234 too, on both of a big file's threads alike, since the
// look is taken once, from the file's first 16 MiB.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decimalProof } from '../../src/fix/decimal-proof.js';
import { planHeader } from '../../src/fix/header.js';
import { OutBuffer } from '../../src/fix/out-buffer.js';
import { RowFixer } from '../../src/fix/rows.js';
import { parseSchema } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'decimal-proof-'));
const items = parseSchema(SCHEMAS.items);
const local = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { name, path };
};

describe('decimal proof: which number columns say their decimal mark is a comma', () => {
  it('a value only a decimal comma reads (12,50 · 0,500 · 1.234,50 · "€4,5") proves its column, in the fixed file\'s column order', async () => {
    // RANK before PRICE in the file: the answer is in the fixed file's order, the schema's (ITEM_ID, PRICE, CATEGORY_L1, RANK)
    const f = local('a.csv', 'ITEM_ID,RANK,PRICE,CATEGORY_L1\ni1,1,"1,234",shoes\ni2,"1.234,00","12,50",bags\n');
    expect(await decimalProof(f, items, { output: 'x' })).toEqual([0, 1, 0, 1]);
    expect(await decimalProof(local('b.csv', 'ITEM_ID,PRICE,CATEGORY_L1\ni1,"€4,5",shoes\n'), items, { output: 'x' })).toEqual([0, 1, 0]);
  });

  it('nothing proven: only numbers that read two ways, or a comma grouping thousands beside the decimal comma (1,234.50), or the proof past the bytes looked at', async () => {
    expect(await decimalProof(local('c.csv', 'ITEM_ID,PRICE,CATEGORY_L1\ni1,"1,250",shoes\ni2,"12,500",bags\ni3,4.5,bags\n'), items, { output: 'x' })).toBeUndefined();
    expect(await decimalProof(local('d.csv', 'ITEM_ID,PRICE,CATEGORY_L1\ni1,"12,50",shoes\ni2,"1,234.50",bags\n'), items, { output: 'x' })).toBeUndefined();
    const late = `ITEM_ID,PRICE,CATEGORY_L1\n${Array.from({ length: 5000 }, (_, i) => `i${i},"1,250",shoes\n`).join('')}i9,"12,50",bags\n`;
    expect(await decimalProof(local('e.csv', late), items, { output: 'x' }, 1 << 16)).toBeUndefined();
    expect(await decimalProof(local('e.csv', late), items, { output: 'x' })).toEqual([0, 1, 0]);
  });

  it('not looked for: a ;-separated file (its separator says it), --decimal, a stream that cannot be read twice', async () => {
    expect(await decimalProof(local('f.csv', 'ITEM_ID;PRICE;CATEGORY_L1\ni1;12,50;shoes\n'), items, { output: 'x' })).toBeUndefined();
    expect(await decimalProof(local('g.csv', 'ITEM_ID,PRICE,CATEGORY_L1\ni1,"12,50",shoes\n'), items, { output: 'x', decimal: 'point' })).toBeUndefined();
    expect(await decimalProof({ name: 's.csv', stream: Readable.from([Buffer.from('ITEM_ID,PRICE,CATEGORY_L1\ni1,"12,50",shoes\n')]) }, items, { output: 'x' })).toBeUndefined();
    // an S3 object is opened again: read like a local file
    expect(await decimalProof({ name: 's3://b/k.csv', open: () => Readable.from([Buffer.from('ITEM_ID,PRICE,CATEGORY_L1\ni1,"12,50",shoes\n')]) }, items, { output: 'x' })).toEqual([0, 1, 0]);
  });

  it('Excel\'s "Unicode text" (UTF-16, tabs, values unquoted): decoded first', async () => {
    const f = local('h.tsv', Buffer.from('\uFEFFITEM_ID\tPRICE\tCATEGORY_L1\ni1\t12,50\tshoes\n', 'utf16le'));
    expect(await decimalProof(f, items, { output: 'x' })).toEqual([0, 1, 0]);
  });
});

describe('the row fixer with the answer', () => {
  const fix = (line: string, opts: ConstructorParameters<typeof RowFixer>[1]) => {
    const fx = new RowFixer(planHeader('ITEM_ID,PRICE,CATEGORY_L1', items, { required: ['ITEM_ID'] }), opts);
    const out = new OutBuffer(256);
    const b = Buffer.from(line);
    const why = fx.fix(b, 0, b.length, out, 2);
    return { why, out: Buffer.from(out.buf.subarray(0, out.pos)).toString(), fx };
  };

  it('"1,234": 1.234 in a proven column or with --decimal comma, 1234 with --decimal point, else rejected with why and what to do', () => {
    expect(fix('i1,"1,234",shoes', { decimalProof: [0, 1, 0] }).out).toBe('i1,1.234,shoes');
    expect(fix('i1,"1,234",shoes', { decimal: 'comma' }).out).toBe('i1,1.234,shoes');
    expect(fix('i1,"1,234",shoes', { decimal: 'point' }).out).toBe('i1,1234,shoes');
    expect(fix('i1,"1,234",shoes', {}).why).toBe('PRICE "1,234" could be 1.234 (a decimal comma) or 1234 (a comma grouping thousands), and no value of the column says which: pass --decimal comma or --decimal point, or write it as 1.234 or 1234');
  });

  it('1.234 unquoted: as it is in a comma file; where the comma is the decimal mark (a proven column), 1234 only with --decimal comma', () => {
    expect(fix('i1,1.234,shoes', {}).out).toBe('i1,1.234,shoes');
    expect(fix('i1,1.234,shoes', { decimalProof: [0, 1, 0] }).why).toMatch(/^PRICE "1\.234" could be 1234 \(a point grouping thousands: the column has decimal commas\) or 1\.234 \(a decimal point\)/);
    expect(fix('i1,1.234,shoes', { decimal: 'comma' }).out).toBe('i1,1234,shoes');
    // the one-pass path hands such a line to the general path (above), and takes it as it is otherwise
    const fx = new RowFixer(planHeader('ITEM_ID,PRICE,CATEGORY_L1', items, { required: ['ITEM_ID'] }), { decimalProof: [0, 1, 0] });
    const b = Buffer.from('i1,1.234,shoes\n');
    fx.block(b, 0, b.length, new OutBuffer(256), 2, 1 << 15, 1 << 20);
    expect(fx.taken).toBe(0);
  });

  it('a row set aside changed nothing: its values are not counted, nor shown as the example', () => {
    const fx = new RowFixer(planHeader('ITEM_ID,PRICE,RANK', items, { required: ['ITEM_ID'] }));
    const out = new OutBuffer(256);
    const at = (line: string, n: number) => fx.fix(Buffer.from(line), 0, Buffer.byteLength(line), out, n);
    expect(at('i1,"12,50","12,5"', 2)).toBe('RANK "12,5" is 12.5, not a whole number (int)');
    expect(fx.values[8]).toBe(0);
    expect(fx.examples[8]).toBeUndefined();
    expect(at('i2,"7,99",3', 3)).toBeUndefined();
    expect([fx.values[8], fx.rows[8], fx.examples[8]?.line]).toEqual([1, 1, 3]);
  });
});
