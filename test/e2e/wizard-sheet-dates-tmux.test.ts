// A spreadsheet's export in the Ink wizard, 80×24, a brand-new account (`sandbox --seed none`), Enter
// at every question but the group's name: separated by ";" with decimal commas (Excel in a German
// locale), the item under "Product Code" and the order time as Excel's serial dates (a date column
// formatted as a number: 45000.5208333333, and 45000 where the time is midnight). Before, Product
// Code was no ITEM_ID spelling (the newcomer had to name it), and "Fix and continue" dropped the
// dates' fractions: a valid copy of times on 1 January 1970, imported. Now: the schema review says
// what the dates are, the copy holds their epoch seconds, the job reaches ACTIVE.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, enterThroughInk, newUserEnv, readAccount, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** 2023-03-15T00:00:00Z, Excel's 45000 */
const DAY = 1678838400;

function sheet(rows: number): string {
  let s = '\uFEFFCustomer;Product Code;Order Date;Rating\r\n';
  for (let i = 0; i < rows; i++) {
    const day = 45000 + Math.floor(i / 20);
    s += `C${100 + (i % 60)};SKU-${i % 45};${i % 10 === 9 ? String(day) : `${day}.${String(20833 + i).padStart(10, '3')}`};${(i % 5) + 1},5\r\n`;
  }
  return s;
}

describe("the Ink wizard with a spreadsheet's dates (sandbox --seed none)", () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it("Product Code is ITEM_ID; the review says the dates are a spreadsheet's; Fix and continue writes their epoch seconds; ACTIVE", async () => {
    const env = startEmptySandbox('pi-sbx-sheet-');
    const work = mkdtempSync(join(tmpdir(), 'pi-sheet-user-'));
    writeFileSync(join(work, 'orders.csv'), sheet(1500));
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const { screens, typed } = await enterThroughInk(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const flat = t.history().replace(/\s+/g, ' ');
    expect(flat).toMatch(/ITEM_ID \(column Product Code\)\s+string/);
    expect(flat).not.toMatch(/Which column holds ITEM_ID/);
    expect(flat).toMatch(/TIMESTAMP \(column Order Date\): the values are a spreadsheet's dates \(Excel's serial dates: days since 1899-12-30, e\.g\. "45000\.3333320833" is 2023-03-15T\d\d:\d\dZ\), not epoch seconds/);
    expect(flat).toMatch(/spreadsheet dates \(Excel's serial dates: days since 1899-12-30\) converted to epoch seconds: 1,500 values in 1,500 rows/);
    const fixed = readFileSync(join(work, 'orders.fixed.csv'), 'utf8').split(/\r?\n/);
    expect(fixed[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_VALUE');
    expect(fixed[1]).toBe(`C100,SKU-0,${DAY + Math.round(0.3333320833 * 86400)},1.5`);
    // (the midnight ones: whole days, read as such once the column said it)
    expect(fixed[10]).toBe(`C109,SKU-9,${DAY},5.5`);
    expect(flat).toMatch(/Import job: arn:aws:personalize:us-east-1:\d+:dataset-import-job\/my-shop-inter[a-z -]*\d{8}-\d{6} Status ACTIVE/);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
  }, 300_000);
});
