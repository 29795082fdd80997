// A Mixpanel event export (event, distinct_id, time, properties) at the schema review of "＋ Create the
// dataset from my CSV", the Ink wizard at 80×24: distinct_id is read as USER_ID (before: the columns
// "do not say which dataset it is for"), the missing ITEM_ID is said to be inside properties, and
// “Take ITEM_ID from product_id in properties” (the default) gives the schema and the copy ITEM_ID.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { mixpanelCsv } from '../helpers/mixpanel-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('a Mixpanel export at the schema review (80×24)', () => {
  it('USER_ID from distinct_id; ITEM_ID taken from properties (product_id) into the copy', async () => {
    const cwd = tmp('pi-mixpanel-cwd-');
    writeFileSync(join(cwd, 'events.csv'), mixpanelCsv());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'mixpanel-shop', 'events.csv');
    await at(t, /❯ Take ITEM_ID from product_id in properties/, 60_000);
    await t.waitFor(() => /holds it in its JSON/.test(t.history()), 30_000);
    const said = t.history().replace(/\s+/g, ' ');
    expect(said).toMatch(/USER_ID \(column distinct_id\) string/);
    expect(said).toContain("Column properties holds it in its JSON (product_id in 1,200 of 1,200 values, as Mixpanel writes an event's properties), where Personalize does not look: in the wizard, “Take ITEM_ID from product_id” gives the copy “Fix and continue” writes an ITEM_ID column with it; or export product_id as a column of its own and start again.");
    // (it said "neither this tool nor Personalize reads" beside this tool's own offer, and to rename properties to ITEM_ID)
    expect(said).not.toMatch(/neither this tool|rename that header cell/);
    t.send('Enter');
    await at(t, /❯ Create schema and interactions dataset/, 60_000);
    t.send('Enter');
    await at(t, /❯ Fix and continue/, 60_000);
    t.send('Enter');
    const fixed = await at(t, /Continue anyway|Which bucket/, 60_000);
    expect(fixed).not.toMatch(/✖/);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes('ITEM_ID taken from product_id in the JSON of column properties'));
    expect(readFileSync(join(cwd, 'events.fixed.csv'), 'utf8').split('\n')[0].split(',')).toContain('ITEM_ID');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
