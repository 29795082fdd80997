// UCI's Online Retail II (test/helpers/retail-csv.ts) in the Ink wizard, 80×24, a brand-new account
// (`sandbox --seed none`), Enter at every question but the group's name. Before, it was typed USERS
// (StockCode was no ITEM_ID spelling, InvoiceDate no time) and a users dataset created from invoice
// lines. Now: interactions of Customer ID, StockCode and InvoiceDate; "Fix and continue" renames them;
// the dates question shows the file's proof (12/13/2009, past the fixer's first 1,000 rejects, which
// all read both ways) and month first is its default; the guest lines set aside with consent; ACTIVE.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { retailCsv } from '../helpers/retail-csv.js';
import { CLI, ensureBuilt, enterThroughInk, newUserEnv, readAccount, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard with UCI Online Retail II (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('interactions (Customer ID, StockCode, InvoiceDate) → created → Fix and continue → dates month first, proven by the file → guests set aside → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-retail-');
    const work = mkdtempSync(join(tmpdir(), 'pi-retail-user-'));
    writeFileSync(join(work, 'online_retail_II.csv'), retailCsv(1500));
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const { screens, typed } = await enterThroughInk(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    for (const x of screens) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    const all = screens.join('\n-----\n');
    const flat = t.history().replace(/\s+/g, ' ');
    expect(flat).toMatch(/Dataset type INTERACTIONS: guessed from the columns: USER_ID \(column Customer ID\) and ITEM_ID \(column StockCode\): an item interactions dataset/);
    expect(flat).toMatch(/TIMESTAMP \(column InvoiceDate\) long/);
    expect(flat).not.toMatch(/USERS|a users dataset/);
    expect(screens.find((x) => /Create schema my-shop-interactions and dataset/.test(x)), all).toMatch(/❯ Create schema and interactions dataset/);
    // the dates question: the file's proof, and month first its default (it had none: Enter did nothing)
    const dates = (screens.find((x) => /How are the dates written\?/.test(x)) ?? '').replace(/\s+/g, ' ');
    expect(dates, all).toMatch(/12\/13\/2009 [\d:]+ \(line 1,058\) can only be 13 December: the month first in this file\./);
    expect(dates).toMatch(/❯ 1 December \(month first\)/);
    // the column as the file names it, beside the copy's name for it
    expect(dates).toMatch(/TIMESTAMP \(column InvoiceDate\) has dates in numbers only/);
    expect(flat).toMatch(/Dates month first \(12\/1\/2009 = 1 December\)/);
    // the guest lines (no Customer ID) set aside with consent
    expect(screens.find((x) => /rows cannot be fixed/.test(x)), all).toMatch(/❯ Write them to online_retail_II\.rejects\.csv/);
    const fixed = readFileSync(join(work, 'online_retail_II.fixed.csv'), 'utf8').split('\n');
    // (Country, one value in every row, is proposed to be left out; Enter at the review keeps it)
    expect(fixed[0]).toBe('Invoice,ITEM_ID,Description,Quantity,TIMESTAMP,Price,USER_ID,Country');
    expect(fixed[1].split(',')[4]).toBe(String(Date.UTC(2009, 11, 1, 7, 0) / 1000));
    expect(flat).toMatch(/Import job: arn:aws:personalize:us-east-1:\d+:dataset-import-job\/my-shop-inter[a-z -]*\d{8}-\d{6} Status ACTIVE/);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
  }, 300_000);
});
