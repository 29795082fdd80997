// A newcomer's own export in the Ink wizard, 80×24, a brand-new account (`sandbox --seed none`): a
// ;-separated file with CRLF line ends, lower-case and aliased header names (user_id, product_id,
// event_time, event_type), ISO dates and prices written with a decimal comma (16,63 — how Excel
// writes a CSV where the comma is the decimal mark). Enter at every question except the group's
// name: the schema worked out from it types price a float (not a string Personalize would not train
// on) and says the decimal commas will be fixed; "Fix and continue" writes the copy with points and
// epoch seconds; the import ends ACTIVE with the price field a float.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, enterThroughInk, newUserEnv, readAccount, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** 1,100 events of 40 users (the validator's minimums: 1,000 records, 25 active users), one day */
function europeanExport(): string {
  const lines = ['user_id;product_id;event_time;event_type;price'];
  const kinds = ['view', 'purchase', 'add to cart'];
  for (let i = 0; i < 1100; i++) {
    const at = new Date(Date.UTC(2026, 2, 1, 8, 0, 0) + i * 60_000).toISOString().replace('.000Z', 'Z');
    const price = i === 0 ? '16,63' : i === 1 ? '1.234,50' : `${1 + (i % 90)},${String(i % 100).padStart(2, '0')}`;
    lines.push(`u${i % 40};"sku ${i % 300}";${at};${kinds[i % 3]};${price}`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe('the Ink wizard with a messy European export (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('; separated, aliased header, ISO dates, decimal commas → price typed float → Fix and continue → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-messy-');
    const work = mkdtempSync(join(tmpdir(), 'pi-messy-user-'));
    writeFileSync(join(work, 'events export.csv'), europeanExport());
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const { screens, typed } = await enterThroughInk(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    const history = t.history();
    const flat = history.replace(/\s+/g, ' ');
    // the schema review: price is a float, with why, and the decimal commas named with their fix
    expect(history).toMatch(/^ {2}price +float +no +-$/m);
    expect(flat).toContain('with a decimal comma, e.g. "16,63"): float');
    expect(flat).toMatch(/Column price: 100 % of values are numbers written with a decimal comma \(e\.g\. "16,63"\); Personalize reads a point \("16\.63"\)\. “Fix and continue” \(personalize-import fix\) writes them with a point\./);
    expect(flat).not.toContain('Column price: a string that is neither categorical nor textual');
    // Fix and continue was offered and taken; its summary says what changed, with an example
    expect(screens.join('\n')).toMatch(/❯ Fix and continue/);
    expect(flat).toMatch(/numbers with a decimal comma written with a point: 1,100 values in 1,100 rows/);
    expect(flat).toMatch(/line 2, price: 16,63 → 16\.63/);
    // the copy holds points and epoch seconds; the user's file is as it was
    const fixed = readFileSync(join(work, 'events export.fixed.csv'), 'utf8').split('\n');
    expect(fixed[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,price\r');
    expect(fixed[1]).toBe('u0,"sku 0",1772352000,view,16.63\r');
    expect(fixed[2]).toBe('u1,"sku 1",1772352060,purchase,1234.50\r');
    expect(readFileSync(join(work, 'events export.csv'), 'utf8')).toBe(europeanExport());
    expect(history).toMatch(/arn:aws:personalize:us-east-1:\d{12}:dataset-import-job\//);

    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.find((f) => f.name === 'price')).toEqual({ name: 'price', type: 'float' });
  }, 300_000);
});
