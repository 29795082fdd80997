// The fixer on an order export (src/fix/retail.ts and the row fixer): IDs written as decimals
// (13085.0, a pandas float column) written as 13085 — only when every non-empty value of the column
// is so: fixFile fixes again with the copy's ID_DECIMAL columns — and, asked (dropReturns), the
// returns and cancellations (a negative Quantity, an Invoice C…) set aside with their reason.
import { createReadStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixFile } from '../../src/fix/index.js';
import { fixFilled } from '../../src/fix/fill-down.js';
import { idDecimalColumns } from '../../src/fix/retail.js';
import { parseSchema } from '../../src/validate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-retail-'));
const SCHEMA = parseSchema(JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'Invoice', type: ['null', 'string'] }, { name: 'Quantity', type: ['null', 'long'] }],
}), 'retail');
const T0 = 1_700_000_000;
let k = 0;

/** a UCI-like export (lower-case header, so the fixer has something to repair too): `user(i)` the Customer ID of row i */
function file(n: number, row: (i: number) => { user?: string; invoice?: string; qty?: string }): { input: string; output: string; rejects: string } {
  let s = 'user_id,item_id,timestamp,Invoice,Quantity\n';
  for (let i = 0; i < n; i++) {
    const r = row(i);
    s += `${r.user ?? `${13000 + (i % 40)}.0`},i${i % 9},${T0 + i},${r.invoice ?? 489000 + i},${r.qty ?? 3}\n`;
  }
  const base = join(dir, `f${k++}`);
  writeFileSync(`${base}.csv`, s);
  return { input: `${base}.csv`, output: `${base}.fixed.csv`, rejects: `${base}.rejects.csv` };
}
const source = (path: string) => ({ name: path, path, open: () => createReadStream(path) });
const column = (csv: string, c: number) => csv.trim().split('\n').slice(1).map((l) => l.split(',')[c]);

describe('IDs written as decimals', () => {
  it('13085.0 in every non-empty USER_ID (some empty, set aside): written 13085, counted in the summary with an example; the copy has no ID_DECIMAL left', async () => {
    const f = file(30, (i) => (i % 7 === 2 ? { user: '' } : {}));
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output, rejects: f.rejects });
    expect(r.output).toBe(f.output);
    const users = column(readFileSync(f.output, 'utf8'), 0);
    expect(users).toHaveLength(26);
    expect(users.every((u) => /^\d+$/.test(u))).toBe(true);
    expect(users[0]).toBe('13000');
    const change = r.summary.changes.find((c) => c.kind === 'id-decimal');
    expect(change).toMatchObject({ rows: 26, values: 26, example: { line: 2, column: 'USER_ID', before: '13000.0', after: '13000' } });
    expect(idDecimalColumns(r.report)).toEqual([]);
    expect(r.summary.rejected).toBe(4);
  });

  it('one 13085.5 in the column: nothing rewritten (not a column of whole numbers)', async () => {
    const f = file(20, (i) => (i === 11 ? { user: '13085.5' } : {}));
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output });
    // (written; not valid: fewer than 1,000 interactions)
    expect(r.output).toBe(f.output);
    const users = column(readFileSync(f.output, 'utf8'), 0);
    expect(users[0]).toBe('13000.0');
    expect(users[11]).toBe('13085.5');
    expect(r.summary.changes.map((c) => c.kind)).not.toContain('id-decimal');
  });

  it('1.0e5 among them: nothing rewritten either', async () => {
    const f = file(20, (i) => (i === 3 ? { user: '1.0e5' } : {}));
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output });
    expect(column(readFileSync(f.output, 'utf8'), 0)[3]).toBe('1.0e5');
    expect(r.summary.changes.map((c) => c.kind)).not.toContain('id-decimal');
  });

  it('a WooCommerce-style fill-down source (read twice): its counts are not doubled by the second pass', async () => {
    // fixFilled wraps a WooCommerce order export (Customer User ID 0 emptied): the second pass reads it again
    let s = 'Order ID,Customer User ID,SKU,Order Date\n';
    for (let i = 0; i < 12; i++) s += `${100 + i},${i % 4 === 0 ? 0 : `${700 + i}.0`},sku${i % 3},2026-01-0${1 + (i % 9)}T10:00:00Z\n`;
    const input = join(dir, 'woo.csv');
    writeFileSync(input, s);
    const woo = parseSchema(JSON.stringify({ type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }] }), 'woo');
    const r = await fixFilled(source(input), woo, { output: join(dir, 'woo.fixed.csv'), rejects: join(dir, 'woo.rejects.csv'), datasetType: 'INTERACTIONS', dropUnknown: true });
    expect(column(readFileSync(join(dir, 'woo.fixed.csv'), 'utf8'), 0)).toEqual(['701', '702', '703', '705', '706', '707', '709', '710', '711']);
    expect(r.summary.notes.join('\n')).toMatch(/^3 rows have Customer User ID 0/m);
  });
});

describe('returns and cancellations', () => {
  const rows = (i: number) => (i % 10 === 4 ? { qty: '-2' } : i === 7 ? { invoice: 'C489449', qty: '1' } : {});

  it('dropReturns: negative-quantity rows and a C invoice go to the rejects file with their reason, the rest written', async () => {
    const f = file(30, rows);
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output, rejects: f.rejects, dropReturns: true });
    expect(r.summary.rejected).toBe(4);
    expect(r.rejects.listed).toEqual([
      { line: 6, reason: 'a return (Quantity negative), not a purchase: set aside as asked' },
      { line: 9, reason: 'a cancellation (Invoice starting with C), not a purchase: set aside as asked' },
      { line: 16, reason: 'a return (Quantity negative), not a purchase: set aside as asked' },
      { line: 26, reason: 'a return (Quantity negative), not a purchase: set aside as asked' },
    ]);
    expect(readFileSync(f.rejects, 'utf8').split('\n')[1]).toBe('6,"a return (Quantity negative), not a purchase: set aside as asked","13004.0,i4,1700000004,489004,-2"');
    const out = readFileSync(f.output, 'utf8');
    expect(out).not.toMatch(/,-2\n|C489449/);
    expect(column(out, 0)).toHaveLength(26);
    // the warning is gone from the copy; the IDs were written as whole numbers too
    expect(r.report?.warnings.map((w) => w.code)).not.toContain('ORDERS_NOT_BOUGHT');
    expect(column(out, 0)[0]).toBe('13000');
  });

  it('without dropReturns they are kept, and the copy still says so (ORDERS_NOT_BOUGHT)', async () => {
    const f = file(30, rows);
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output, rejects: f.rejects });
    expect(r.summary.rejected).toBe(0);
    expect(existsSync(f.rejects)).toBe(false);
    expect(readFileSync(f.output, 'utf8')).toContain('C489449');
    expect(r.report?.warnings.find((w) => w.code === 'ORDERS_NOT_BOUGHT')).toMatchObject({ line: 6, column: 'Quantity' });
  });
});
