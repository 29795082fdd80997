// personalize-import validate and fix on a UCI "Online Retail II"-shaped export (the built CLI as a
// child process): Customer ID written 13085.0 (pandas wrote the integer IDs as floats because some
// are empty), cancelled invoices C… with a negative Quantity. validate warns of the returns
// (ORDERS_NOT_BOUGHT) and, once the header names USER_ID, of the IDs (ID_DECIMAL); fix writes 13085
// and, with --drop-returns, sets the returns aside in --rejects.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.PI_CLI ?? join(ROOT, 'dist/cli.js');
const SCHEMA = JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'Invoice', type: 'string', categorical: true }, { name: 'ITEM_ID', type: 'string' }, { name: 'Quantity', type: 'long' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'Price', type: 'float' }, { name: 'USER_ID', type: 'string' }],
});
const MAP = ['--map', 'Customer ID=USER_ID', '--map', 'StockCode=ITEM_ID', '--map', 'InvoiceDate=TIMESTAMP', '--dates', 'month-first', '--drop-unknown'];

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 1,200 rows; every 50th a cancellation (C, negative Quantity), every 40th a guest (no Customer ID) */
function retail(header = 'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country') {
  let s = `${header}\n`;
  for (let i = 0; i < 1200; i++) {
    const cancelled = i % 50 === 7;
    s += `${cancelled ? 'C' : ''}${489435 + (i >> 2)},8512${i % 9}A,"WHITE ""HEART"" HOLDER",${cancelled ? -(1 + (i % 5)) : 1 + (i % 5)},12/${1 + (i % 9)}/2009 ${7 + (i % 10)}:${10 + (i % 40)},2.55,${i % 40 === 13 ? '' : `${13000 + (i % 60)}.0`},United Kingdom\n`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fix-retail-cli-'));
  const input = join(dir, 'online_retail_II.csv');
  const schema = join(dir, 'schema.json');
  writeFileSync(input, s);
  writeFileSync(schema, SCHEMA);
  return { dir, input, schema, out: join(dir, 'retail.fixed.csv'), rej: join(dir, 'retail.rejects.csv') };
}

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
});

describe('an Online Retail II export (built CLI)', () => {
  it('validate: the returns and cancellations with their count and first line; with USER_ID named, the IDs written as decimals', () => {
    const f = retail();
    const r = cli('validate', f.input, '--schema', f.schema);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ORDERS_NOT_BOUGHT (line 9, Quantity): 24 rows are returns or cancellations (negative Quantity -3, invoice C489436): imported as purchases they teach Personalize');
    const named = retail('Invoice,ITEM_ID,Description,Quantity,TIMESTAMP,Price,USER_ID,Country');
    const v = cli('validate', named.input, '--schema', named.schema, '--json');
    const report = JSON.parse(v.stdout);
    const w = report.warnings.find((x: { code: string }) => x.code === 'ID_DECIMAL');
    expect(w).toMatchObject({ line: 2, column: 'USER_ID', severity: 'warning' });
    expect(w.message).toContain('"13000.0" is a whole number written as a decimal, and so are all 1,170 values of the column');
  });

  it('fix --drop-returns without --rejects: exit 2, naming the flag to add; nothing written', () => {
    const f = retail();
    const r = cli('fix', f.input, '--schema', f.schema, ...MAP, '-o', f.out, '--drop-returns');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fix: --drop-returns sets the returns and cancellations aside: pass --rejects <file> for them.');
    expect(existsSync(f.out)).toBe(false);
  });

  it('fix --drop-returns --rejects: 13085.0 written 13085, the cancellations and guests set aside with their reasons; the copy valid, without either warning (exit 1: rows set aside)', () => {
    const f = retail();
    const r = cli('fix', f.input, '--schema', f.schema, ...MAP, '-o', f.out, '--rejects', f.rej, '--drop-returns');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/IDs written as decimals .*: 1,146 values in 1,146 rows\n\s+e\.g\. line 2, USER_ID: 13000\.0 → 13000/);
    expect(r.stdout).toMatch(/a cancellation \(Invoice starting with C\), not a purchase: set aside as asked|a return \(Quantity negative\), not a purchase: set aside as asked/);
    const rows = readFileSync(f.out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('Invoice,ITEM_ID,Quantity,TIMESTAMP,Price,USER_ID');
    expect(rows).toHaveLength(1147);
    expect(rows[1]).toMatch(/^489435,85120A,1,\d+,2\.55,13000$/);
    expect(rows.some((l) => /^C|,-\d/.test(l))).toBe(false);
    const rejects = readFileSync(f.rej, 'utf8');
    expect(rejects).toContain('9,"a return (Quantity negative), not a purchase: set aside as asked","C489436,');
    expect(rejects).toContain('15,"USER_ID is empty, and the schema needs a value","489438,');
    // (rows set aside: exit 1, as fix's help says, the copy written)
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✓ written: .*retail\.fixed\.csv — 1,146 rows from 1,200 rows of .*online_retail_II\.csv, valid/);
    const again = JSON.parse(cli('validate', f.out, '--schema', f.schema, '--json').stdout);
    expect(again.warnings.map((x: { code: string }) => x.code)).not.toContain('ID_DECIMAL');
    expect(again.warnings.map((x: { code: string }) => x.code)).not.toContain('ORDERS_NOT_BOUGHT');
  });
});
