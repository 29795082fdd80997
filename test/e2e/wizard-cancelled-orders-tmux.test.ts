// A Shopify order export with orders that were not bought, in the Ink wizard (80×24, a brand-new
// account, a new ECOMMERCE group, Enter at every step but the group's name and kind): some rows'
// Financial Status is voided (never paid) and some orders have a time in "Cancelled at" (Shopify marks
// a cancelled order so, not by a status). With EVENT_TYPE Purchase added to every row, the review
// names both (ORDERS_NOT_BOUGHT: how many, what to do), proposes leaving "Cancelled at" out with why,
// and the import goes on to ACTIVE without it. Every screen polled, no fixed sleeps.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { writeShopExports } from '../helpers/shop-csv.js';
import { CLI, ensureBuilt, newUserEnv, readAccount, startEmptySandbox, walkInk, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard: an order export with voided and cancelled orders', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('Purchase in every row → the voided and the cancelled orders named with what to do; "Cancelled at" left out with why → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-ink-cancel-');
    const work = workFolder('pi-ink-cancel-', {});
    const shop = writeShopExports(mkdtempSync(join(tmpdir(), 'pi-ink-cancel-shop-')), { products: 40 });
    const [head, ...rows] = readFileSync(shop.orders, 'utf8').split('\r\n');
    const data = rows.filter(Boolean);
    let cancelled = 0;
    const lines = [`${head},Cancelled at`, ...data.map((l, i) => {
      const cancel = i % 40 === 5 ? (cancelled++, '2026-07-01 10:00:00 +0100') : '';
      return `${i % 45 === 7 ? l.replace(',paid,', ',voided,') : l},${cancel}`;
    })];
    writeFileSync(join(work, 'orders_export.csv'), `${lines.join('\r\n')}\r\n`);
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const screens = await walkInk(t, (s) => {
      if (/Name of the new dataset group/.test(s)) return ['type:my-shop'];
      if (/What kind of dataset group is/.test(s)) return ['Down'];
      return [];
    });
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    for (const x of screens) expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    // (polled: what the run printed last can reach the scrollback after the exit file)
    const said = (await t.historyWith((h) => /Column Cancelled at has a time in/.test(h.replace(/\s+/g, ' ')))).replace(/\s+/g, ' ');
    expect(said).toContain('Column Financial Status holds orders that were not, or are no longer, bought (voided): with EVENT_TYPE "Purchase" in every row they count as that event too.');
    expect(said).toContain(`Column Cancelled at has a time in ${cancelled} of ${data.length.toLocaleString('en-US')} rows: orders cancelled after they were placed; with EVENT_TYPE "Purchase" in every row they count as that event too. Export the orders that were not cancelled if they should not.`);
    expect(said).toMatch(/Cancelled at: when an order was cancelled \(by its name, e\.g\. "2026-07-01 10:00:00 \+0100"; empty for the others\): it marks orders that were not bought/);
    // the copy and the dataset without it
    expect(readFileSync(join(work, 'orders_export.fixed.csv'), 'utf8').split(/\r?\n/)[0]).not.toMatch(/CANCEL/i);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.map((f) => f.name)).not.toContain('CANCELLED_AT');
  }, 120_000);
});
