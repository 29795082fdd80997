// A newcomer's Google Analytics 4 export as BigQuery writes it, in the Ink wizard at 80×24 on a
// brand-new account (`sandbox --seed none`), Enter at every question but the group's name. Its items
// array flattened (items.item_id) and user_id filled only for visitors who signed in (one row in
// three), user_pseudo_id in every row. Before: items.item_id was left out as "an ID" and "the file has
// no column for ITEM_ID" blocked the dataset; named by hand, two rows in three were set aside as empty
// USER_IDs and the review's highlighted answer was "Pick another file". Now items.item_id is ITEM_ID,
// the review highlights keeping those visitors by their user_pseudo_id, and every row is imported.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { ga4Csv } from '../helpers/ga4-csv.js';
import { CLI, ensureBuilt, enterThroughInk, newUserEnv, readAccount, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard with a GA4 export whose visitors mostly never signed in (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('items.item_id → ITEM_ID; the review highlights keeping them by user_pseudo_id; Enter → every row ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-ga4v-');
    const work = mkdtempSync(join(tmpdir(), 'pi-ga4v-user-'));
    writeFileSync(join(work, 'ga4-events.csv'), ga4Csv(1200, 3, 'items.item_id'));
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const { screens } = await enterThroughInk(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    const flat = t.history().replace(/\s+/g, ' ');
    expect(flat).toContain('ITEM_ID (column items.item_id)');
    expect(flat).toContain("800 of its rows have no user_id: visitors who never signed in (Google Analytics' export names them by user_pseudo_id)");
    expect(screens.join('\n')).toMatch(/❯ Create schema and dataset, anonymous visitors by\s+their user_pseudo_id/);
    const fixed = readFileSync(join(work, 'ga4-events.fixed.csv'), 'utf8').trim().split('\n');
    expect(fixed).toHaveLength(1201);
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
  }, 300_000);
});
