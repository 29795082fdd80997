// The several-files review's "Fix the files with errors and check again" in the Ink wizard at 80×24
// (built CLI, embedded sandbox): a folder holding a shop's two exports — interactions with
// spreadsheet column names (User Id, Product SKU, Event Time, Action) and ISO dates, items keyed by
// a lower-case sku. The review said what to rename and offered no fix; now it offers the fix as its
// default, writes a fixed copy beside each file, shows what changed, checks the copies again (both
// valid), and imports them to ACTIVE. The objects the jobs read are then read back from the
// sandbox's S3: the fixed copies, byte for byte. Each screen is polled, no fixed sleeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startSandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/sandbox.js';
import { EPOCH0, messyShopFiles } from '../helpers/messy-csv.js';
import type { Terminal } from '../helpers/tmux.js';
import { at, newGroupToCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** From step 1 to the several-files review: a new Custom group `name`, its datasets from the folder's CSVs (`folder`: the CSV step's suggestion), checked */
async function toCheckedFolder(t: Terminal, name: string, folder: string): Promise<void> {
  await newGroupToCsv(t, name);
  await at(t, folder);
  t.send('Enter');
  await at(t, '❯ Check these files');
  t.send('Enter');
}

describe('wizard: several files, fix the files with errors and check again', () => {
  it('a folder of two messy exports at 80x24: the review offers the fix → fixed copies, what changed → checked again, both valid → both imported to ACTIVE, the objects are the copies', async () => {
    const cwd = tmp('pi-sevfix-cwd-');
    const data = tmp('pi-sevfix-data-');
    const { interactions, items } = messyShopFiles();
    writeFileSync(join(cwd, 'interactions.csv'), interactions);
    writeFileSync(join(cwd, 'items.csv'), items);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd, data });
    await toCheckedFolder(t, 'shop-fix', '› ./ — this folder: interactions, items');
    // the review: both files have errors, both fixable; the fix is the default
    const offered = flat(await at(t, '❯ Fix the files with errors and check again', 60_000));
    expect(offered).toContain('Some files have errors; nothing was created. What now?');
    expect(offered).toContain('writes interactions.fixed.csv, items.fixed.csv beside them');
    const before = flat(await t.historyWith((h) => /✗ items +items\.csv: 1 error/.test(flat(h))));
    expect(before).toMatch(/✗ items +items\.csv: 1 error/);
    expect(before).toContain('interactions.csv → interactions.fixed.csv: the fixer repairs its errors');
    expect(before).toContain('items.csv → items.fixed.csv: the fixer repairs its errors');
    t.send('Enter');
    // fixed, checked again: both valid, the import the default
    await at(t, '❯ Create the missing datasets and import both files', 60_000);
    const after = flat(await t.historyWith((h) => flat(h).includes('User Id,Product SKU,Event Time,Action → USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE')));
    expect(after).toContain('User Id,Product SKU,Event Time,Action → USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(after).toMatch(/dates converted to epoch seconds: 1,200 values in 1,200 rows/);
    expect(after).toContain('sku,price → ITEM_ID,price');
    expect(after).toMatch(/✓ interactions +interactions\.fixed\.csv: 1,200 rows valid/);
    expect(after).toMatch(/✓ items +items\.fixed\.csv: 80 rows valid/);
    expect(after.split('Fixing interactions.csv → interactions.fixed.csv').length - 1, 'fixed once').toBe(1);
    t.send('Enter');
    await at(t, 'Import jobs: 2 of 2 ACTIVE', 90_000);
    // the end: it exits by itself, 0 (a Ctrl-C sent here raced that exit and could reach the pane's
    // shell between the program's end and its writing the exit code)
    expect(await t.exitCode(20_000)).toBe(0);
    // the embedded sandbox ended with the run: no command printed that a new one could not answer
    // (`history --sandbox --dataset-group …` was, and ended "no dataset group of that name here", exit 2)
    const end = flat(t.history());
    expect(end).toContain('The embedded sandbox stopped with this command, and these jobs with it');
    expect(end).not.toMatch(/personalize-import (history|status|diagnose) --sandbox/);

    // the files untouched, the copies beside them; the objects the jobs read are the copies
    expect(readFileSync(join(cwd, 'interactions.csv'), 'utf8')).toBe(interactions);
    const fixed = { interactions: readFileSync(join(cwd, 'interactions.fixed.csv'), 'utf8'), items: readFileSync(join(cwd, 'items.fixed.csv'), 'utf8') };
    expect(fixed.interactions.split('\n')[1]).toBe(`u0,sku-0,${EPOCH0},click`);
    const sb = await startSandbox({ dataDir: data, jobSeconds: 0 });
    try {
      const { s3 } = sandboxClients(sb);
      const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: sb.bucket }))).Contents ?? []).map((o) => o.Key!);
      for (const name of ['interactions', 'items'] as const) {
        const key = keys.find((k) => new RegExp(`/${name}\\.fixed[^/]*\\.csv$`).test(k));
        expect(key, keys.join(', ')).toBeDefined();
        const body = await (await s3.send(new GetObjectCommand({ Bucket: sb.bucket, Key: key }))).Body!.transformToString();
        expect(body).toBe(fixed[name]);
      }
      expect(keys.some((k) => /\/(interactions|items)(-[\w-]+)?\.csv$/.test(k) && !/fixed/.test(k)), keys.join(', ')).toBe(false);
      s3.destroy();
    } finally {
      await sb.close();
    }
  }, 180_000);

  it('a ";" folder whose orders write dates day first in numbers (80x24): the fix asks "How are the dates in bestellungen.csv written?" with day first highlighted (line 42 proves it) — not every row to the rejects file — then both files imported to ACTIVE', async () => {
    const cwd = tmp('pi-sevfix-dates-cwd-');
    const data = tmp('pi-sevfix-dates-data-');
    const p2 = (x: number) => String(x).padStart(2, '0');
    const orders = Array.from({ length: 1200 }, (_, i) => `u${i % 40};sku-${i % 90};${p2([1, 2, 13, 14][Math.floor(i / 20) % 4])}.11.2026 ${p2(Math.floor(i / 60) % 24)}:${p2(i % 60)};view`);
    writeFileSync(join(cwd, 'bestellungen.csv'), `User Id;Product SKU;Date;Action\r\n${orders.join('\r\n')}\r\n`);
    writeFileSync(join(cwd, 'artikel.csv'), `Product SKU;Title\r\n${Array.from({ length: 90 }, (_, i) => `sku-${i};Artikel ${i}`).join('\r\n')}\r\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd, data });
    await toCheckedFolder(t, 'laden', '› ./ — this folder:');
    await at(t, '❯ Fix the files with errors and check again', 60_000);
    t.send('Enter');
    const asked = flat(await at(t, 'How are the dates in bestellungen.csv written? 01.11.2026 is:', 60_000));
    expect(asked).toContain('❯ 1 November (day first)');
    expect(asked).toMatch(/13\.11\.2026 \d\d:\d\d \(line 42\) can only be 13 November: the day first in this file\./);
    expect(asked).not.toContain('Write them to bestellungen.rejects.csv');
    t.send('Enter');
    await at(t, '❯ Create the missing datasets and import both files', 60_000);
    // printed above the frame: it can reach the scrollback after the frame is drawn (polled, not read once)
    await t.historyWith((h) => /✓ interactions +bestellungen\.fixed\.csv: 1,200 rows valid/.test(flat(h)));
    t.send('Enter');
    await at(t, 'Import jobs: 2 of 2 ACTIVE', 90_000);
    // the end: it exits by itself, 0 (a Ctrl-C sent here raced that exit and could reach the pane's
    // shell between the program's end and its writing the exit code)
    expect(await t.exitCode(20_000)).toBe(0);
    expect(readFileSync(join(cwd, 'bestellungen.fixed.csv'), 'utf8').split(/\r?\n/)[1]).toBe(`u0,sku-0,${Date.UTC(2026, 10, 1) / 1000},view`);
  }, 300_000);
});
