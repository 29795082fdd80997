// A newcomer's Google Analytics export in the Ink wizard, 80×24, a brand-new account (`sandbox --seed
// none`), Enter at every question but the group's name: event_date (20240110) before event_timestamp
// (epoch microseconds), event_name, user_pseudo_id, item_id — as BigQuery's GA4 export names them.
// The schema worked out from it is an Interactions one: user_pseudo_id the USER_ID (a string, not a
// double), event_timestamp the TIMESTAMP and event_date a field of its own (it used to take
// TIMESTAMP, the µs column then a DUPLICATE_FIELD that blocked creating the dataset — or, with the
// type forced, Fix wrote 20240110 as the timestamp: 1970). "Fix and continue" writes the copy with
// the header renamed and the µs converted; the import ends ACTIVE.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, enterThroughInk, newUserEnv, readAccount, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** 1,100 events of 40 users (the validator's minimums: 1,000 records, 25 active users), one day */
function gaExport(): string {
  const lines = ['event_date,event_timestamp,event_name,user_pseudo_id,item_id'];
  const kinds = ['view_item', 'add_to_cart', 'purchase'];
  for (let i = 0; i < 1100; i++) {
    const us = (1772352000 + i * 60) * 1_000_000 + (i % 1000) * 997;
    lines.push(`20260301,${us},${kinds[i % 3]},${1000000 + (i % 40)}.${1650000000 + (i % 40)},SKU_${i % 300}`);
  }
  return lines.join('\n') + '\n';
}

describe('the Ink wizard with a Google Analytics export (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('user_pseudo_id → USER_ID, event_timestamp (µs) → TIMESTAMP, event_date kept → Fix and continue → ACTIVE', async () => {
    const env = startEmptySandbox('pi-sbx-ga-');
    const work = mkdtempSync(join(tmpdir(), 'pi-ga-user-'));
    writeFileSync(join(work, 'ga4-events.csv'), gaExport());
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const { screens, typed } = await enterThroughInk(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    const flat = t.history().replace(/\s+/g, ' ');
    // the schema review: an interactions dataset from user_pseudo_id and item_id, nothing blocking
    expect(flat).toMatch(/Dataset type INTERACTIONS: guessed from the columns: USER_ID \(column user_pseudo_id\) and ITEM_ID \(column item_id\)/);
    expect(flat).toContain('Column event_date could also be field TIMESTAMP, but column event_timestamp is TIMESTAMP; event_date is kept as a field of its own.');
    expect(flat).not.toContain('DUPLICATE_FIELD');
    expect(flat).not.toMatch(/would be field TIMESTAMP/);
    expect(screens.join('\n')).toMatch(/❯ Fix and continue/);
    // the copy: the header renamed, TIMESTAMP from event_timestamp in seconds, event_date as it was
    const fixed = readFileSync(join(work, 'ga4-events.fixed.csv'), 'utf8').split('\n');
    expect(fixed[0]).toBe('event_date,TIMESTAMP,EVENT_TYPE,USER_ID,ITEM_ID');
    expect(fixed[1]).toBe('20260301,1772352000,view_item,1000000.1650000000,SKU_0');
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    const fields = account.datasets[0].fields;
    expect(fields.find((f) => f.name === 'USER_ID')).toEqual({ name: 'USER_ID', type: 'string' });
    expect(fields.find((f) => f.name === 'event_date')).toEqual({ name: 'event_date', type: 'long' });
  }, 300_000);
});
