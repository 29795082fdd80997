// Keys typed the moment a wizard screen appears, in a real terminal (tmux, 80×24, the built wizard on
// its embedded sandbox). Ink writes a frame during React's commit and its useInput subscribed a turn
// later, so a key read in between was lost: a loaded CI run typed "sandbox-shop" into the FULL
// confirmation and the field stayed empty. Here the keys go the first time a poll sees the CSV
// question (not two polls later, as the walks wait), again and again: each must land in the field.
// The moment is one turn of the event loop, so this race is rare on an idle machine; the component
// test (test/ui/ink/keys.test.tsx) types into that very turn and fails without the fix every time.
import { beforeAll, describe, expect, it } from 'vitest';
import { at, sandboxWizard } from '../helpers/wizard-terminal.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('wizard: keys typed as a screen appears (80×24)', () => {
  it('a path typed the moment the CSV question shows is in its field, every time', async () => {
    const t = sandboxWizard({ cols: 80, rows: 24 });
    await at(t, '❯ Continue', 60_000);
    t.send('Enter');
    await at(t, '❯ sandbox-shop');
    t.send('Enter');
    for (let k = 1; k <= 6; k++) {
      await at(t, '❯ sandbox-shop-interactions');
      t.send('Enter');
      // the first sight of the question (one poll), then the keys at once
      await t.waitFor('CSV files here', 30_000);
      t.send('C-u');
      t.type(`typed-at-once-${k}.csv`);
      // lost keys leave the suggested sample there: the wait then fails with that screen
      const csv = await at(t, new RegExp(`› typed-at-once-${k}\\.csv\\s*\\n`), 20_000);
      expect(csv, `try ${k}`).toContain('CSV files here');
      // Esc: back to the dataset, for the next try
      t.send('Escape');
    }
  }, 180_000);
});
