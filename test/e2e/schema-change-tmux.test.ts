// Issue #12's add-columns offer in a real terminal (tmux, built CLI: npm run build first), 80×24: an
// Items CSV with a column the sandbox's Items schema lacks. The offer (the report, what adding
// means, two choices) fits the screen: moving between its choices redraws it in place — a frame as
// tall as the terminal made Ink clear the screen and write it again on every key (a copy of the
// offer in the scrollback each time). After "Add COLOR", the summary of answers says the schema
// changed (the file is checked again, now without the warning).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { at, pickCsvFile, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { SAMPLES } from './import-helpers.js';

describe('wizard: the add-columns offer (Items) at 80×24', () => {
  it('drawn in place while choosing; "Add COLOR" → UpdateDataset, checked again, the summary says so', async () => {
    const dir = tmp('pi-add-column-');
    const [head, ...rows] = readFileSync(join(SAMPLES, 'items.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'items-color.csv'), [`${head},COLOR`, ...rows.map((r, i) => `${r},${['red', 'blue', 'green'][i % 3]}`)].join('\n') + '\n');
    const t = sandboxWizard({ cols: 80, rows: 24, cwd: dir });
    await pickCsvFile(t, 'items-color.csv', 'items');
    await at(t, '❯ Continue without it');
    t.send('Down');
    await at(t, '❯ Add COLOR to the schema');
    t.send('Up');
    await at(t, '❯ Continue without it');
    t.send('Down');
    await at(t, '❯ Add COLOR to the schema');
    const offered = t.history();
    expect(offered.split('Add the new columns to the dataset’s schema?').length - 1, offered).toBe(1);
    expect(offered.split('has a column the schema of sandbox-shop-items lacks: COLOR').length - 1, offered).toBe(1);
    t.send('Enter');
    // checked again: no warning now; a small file is offered record by record — the bulk job's
    // bucket question is short enough for every answer above it
    const how = await at(t, /✔ Validation +80 rows, no errors\n[\s\S]*❯ Import record by record/, 60_000);
    expect(how).not.toMatch(/column COLOR is not in the schema/);
    t.send('Down');
    await at(t, '❯ Bulk import job');
    t.send('Enter');
    await at(t, /✔ Dataset +sandbox-shop-items \[ITEMS\], COLOR added to its schema\n[\s\S]*Which bucket\?/);
    t.send('C-c');
    expect(await t.exitCode(20_000)).toBe(130);
  }, 120_000);
});
