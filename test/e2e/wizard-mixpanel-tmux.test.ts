// A Mixpanel event export (event, distinct_id, time, properties) at the schema review of "＋ Create the
// dataset from my CSV", the Ink wizard at 80×24: distinct_id is read as USER_ID (before: the columns
// "do not say which dataset it is for"), and the missing ITEM_ID is said to be inside properties.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { mixpanelCsv } from '../helpers/mixpanel-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('a Mixpanel export at the schema review (80×24)', () => {
  it('USER_ID from distinct_id; ITEM_ID said to be in properties (product_id)', async () => {
    const cwd = tmp('pi-mixpanel-cwd-');
    writeFileSync(join(cwd, 'events.csv'), mixpanelCsv());
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'mixpanel-shop', 'events.csv');
    await at(t, /Create schema mixpanel-shop-interactions/, 60_000);
    await t.waitFor(() => /holds it in its JSON/.test(t.history()), 30_000);
    const said = t.history().replace(/\s+/g, ' ');
    expect(said).toMatch(/USER_ID \(column distinct_id\) string/);
    expect(said).toContain("Column properties holds it in its JSON (product_id in 1,200 of 1,200 values, as Mixpanel writes an event's properties)");
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
