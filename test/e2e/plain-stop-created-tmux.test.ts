// Ctrl-C at a question in plain mode (`--plain`, a real 80×24 terminal, the embedded sandbox), after
// the run created a dataset group. Before, plain mode's line reader rejected the question and the run
// ended with "Stopped." alone, while the Ink wizard at the same question says what is true: the group
// this run created stays, named, no import job, nothing uploaded. Now plain mode says the same, exit 130.
// Each prompt polled, no sleeps.
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, terminal, tmp } from '../helpers/wizard-terminal.js';
import { CLI } from '../helpers/tmux.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('plain mode: Ctrl-C at a question after a group was created', () => {
  it('a new group, then Ctrl-C at the Dataset question: the group is named as created and staying, exit 130', async () => {
    const t = terminal(['node', CLI, '--sandbox', '--plain', '--sandbox-job-seconds', '1', '--sandbox-data-dir', tmp('pi-plain-stop-data-')], {
      cols: 80, rows: 24, cwd: ROOT, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-plain-stop-cfg-'), NO_COLOR: '1' },
    });
    const groups = await t.waitFor(/(\d+)\) ＋ New dataset group[\s\S]*Choose 1-\d+ \[1\] \(< back\):\s*$/, 60_000);
    t.type(/(\d+)\) ＋ New dataset group/.exec(groups)![1]);
    t.send('Enter');
    await t.waitFor(/Name of the new dataset group\n\[my-dataset-group\] \(< back\):\s*$/);
    t.type('stop-plain');
    t.send('Enter');
    await t.waitFor(/What kind of dataset group is stop-plain\?[\s\S]*\(< back\):\s*$/);
    t.send('Enter');
    await t.waitFor(/Create dataset group stop-plain\?[\s\S]*\(< back\):\s*$/);
    t.send('Enter');
    await t.waitFor(/＋ Create the dataset from my CSV[\s\S]*Choose 1-1 \[1\] \(< back\):\s*$/, 60_000);
    t.send('C-c');
    expect(await t.exitCode(30_000), t.history()).toBe(130);
    const end = flat(t.history().slice(t.history().lastIndexOf('Choose 1-1 [1]')));
    expect(end).toContain('Stopped. Created by this run (they stay): dataset group stop-plain. No import job was created in Personalize. Nothing was uploaded.');
  }, 180_000);
});
