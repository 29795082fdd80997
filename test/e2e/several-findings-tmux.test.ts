// A shop's two exports in one folder, in the Ink wizard at 80×24 on a new account (`sandbox --seed
// none`): a catalogue whose key is SKU and a customer list whose key is customer_id. The files are
// typed items and users, their schemas inferred (ITEM_ID, USER_ID), and the validation of each says
// which column to rename — beside the missing column, as the one-file validation does — instead of
// "line 1: Line 1: the header has no USER_ID column … Add the column" with customer_id unmentioned.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, newUserEnv, settled, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('several files with export column names (Ink wizard, sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('each file with errors names the column to rename beside the missing one, each line said once', async () => {
    const env = startEmptySandbox('pi-sbx-sev-');
    const work = mkdtempSync(join(tmpdir(), 'pi-sev-user-'));
    writeFileSync(join(work, 'catalog.csv'), `SKU,Name,Colour\n${Array.from({ length: 30 }, (_, i) => `sku-${i},Shirt ${i},${i % 2 ? 'red' : 'blue'}`).join('\n')}\n`);
    writeFileSync(join(work, 'customers.csv'), `customer_id,Country\n${Array.from({ length: 30 }, (_, i) => `c${i},${i % 2 ? 'DE' : 'FR'}`).join('\n')}\n`);
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    // Enter at every question (the new group's name typed) until the review of the two files
    let answered = '';
    for (let n = 0; ; n++) {
      expect(n, t.history()).toBeLessThan(20);
      let prev = '';
      let streak = 0;
      const s = await t.waitFor((x) => {
        streak = x === prev ? streak + 1 : 0;
        prev = x;
        return streak >= 3 && x !== answered && /Enter (choose|next)/.test(x);
      }, 60_000);
      if (/Some files have errors/.test(s)) break;
      answered = s;
      if (/Name of the new dataset group/.test(s)) {
        t.send('C-u');
        t.type('my-shop');
        await t.waitFor('my-shop');
        answered = await settled(t); // the name typed: Enter answers this screen, not the next one
      }
      t.send('Enter');
    }
    const flat = t.history().replace(/\s+/g, ' ');
    expect(flat).toMatch(/✗ items +catalog\.csv: 1 error/);
    expect(flat).toMatch(/✗ users +customers\.csv: 1 error/);
    expect(flat).toContain('probably ITEM_ID under another name: rename the column SKU to ITEM_ID.');
    expect(flat).toContain('probably USER_ID under another name: rename the column customer_id to USER_ID.');
    expect(flat).not.toMatch(/line 1: Line 1/i);
    t.send('C-c');
    await t.exitCode(30_000);
  }, 180_000);
});
