// The CSV question of "＋ Create the dataset from my CSV" on a real 80×24 screen (built CLI, embedded
// sandbox), in a folder holding the CSVs of two dataset types: the field's default is then the
// folder ("./ — this folder: interactions, items"), a choice shown by its label. Ctrl-U then a path
// typed at once (a paste, keys faster than a redraw): before, the field's change handler still saw
// the folder choice of the last render and threw the typed path away, so the field stood empty and
// Enter said "Type a path". Now the path typed is the field's value. Each screen polled, no sleeps.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('wizard: a path pasted over the folder suggested at the CSV question', () => {
  it('Ctrl-U then events.csv at once, in a folder of interactions and items: the field holds events.csv and Enter reviews it', async () => {
    const cwd = tmp('pi-csv-paste-cwd-');
    const events = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
    for (let i = 0; i < 1200; i++) events.push(`user-${i % 97},sku-${i % 150},${1767225600 + i * 60},click`);
    writeFileSync(join(cwd, 'events.csv'), `${events.join('\n')}\n`);
    writeFileSync(join(cwd, 'products.csv'), `SKU,Category,Price\n${Array.from({ length: 150 }, (_, i) => `sku-${i},${['shoes', 'bags', 'hats'][i % 3]},${(9.5 + i).toFixed(2)}`).join('\n')}\n`);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    // (the helper waits for "› events.csv" after Ctrl-U and the typed name, then presses Enter)
    await newGroupFromCsv(t, 'paste-shop', 'events.csv');
    await at(t, '❯ Create schema and interactions dataset', 60_000);
    await t.historyWith((h) => h.includes('Schema worked out from events.csv'));
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
  }, 180_000);
});
