// Issue #19's walk, as a new user would take it: a brand-new account (`sandbox --seed none`, started
// detached with --print-env), the three sample files of one group in the current folder — the
// mismatch variant (items with ITEM_IDs prefixed sku-, users with USER_IDs in upper case) — and
// `personalize-import --plain` in a real 80×24 terminal (tmux). Enter at every question except the
// new group's name → the folder is the CSV step's default, the three files are typed by their
// columns, the cross-file warning is shown with its examples before anything is created, the three
// datasets are created and imported ACTIVE, and the end lists the three job ARNs. Then the account
// is read back through the real SDK client.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, enterThroughPlain, MISMATCHED, newUserEnv, readAccount, startEmptySandbox, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('plain mode: a whole dataset group from three files (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('three files with mismatched IDs → the cross-file warning with examples → three datasets created, three jobs ACTIVE, three ARNs; only the group name typed', async () => {
    const env = startEmptySandbox('pi-sbx-multi-');
    expect(env.AWS_ENDPOINT_URL_PERSONALIZE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const work = workFolder('pi-multi-user-', MISMATCHED);
    term = new Terminal(['node', CLI, '--plain'], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const typed = await enterThroughPlain(t, 'my-shop', 120_000);
    expect(await t.exitCode(30_000)).toBe(0);
    expect(typed).toBe(1);
    const all = t.history();
    const flat = all.replace(/\s+/g, ' ');
    // what the user saw on the way, in this order
    const order = [
      '1) ＋ Create the dataset from my CSV',
      '1) ./ — this folder: interactions, items, users',
      '3 files for dataset group my-shop (Custom), each typed by its columns:',
      'interactions interactions.csv → new dataset my-shop-interactions',
      'Across the files: 6 warnings',
      'first: line 2 "item-051"',
      'Likely cause: ITEM_ID is written with a different prefix',
      'Likely cause: USER_ID is written with a different letter case',
      'Create the missing datasets and import the 3 files',
      '✔ Dataset my-shop-interactions [INTERACTIONS] is ACTIVE.',
      'Import jobs: 3 of 3 ACTIVE',
    ];
    let from = 0;
    for (const s of order) {
      const i = flat.indexOf(s, from);
      expect(i, `"${s}" after position ${from}:\n${all}`).toBeGreaterThanOrEqual(0);
      from = i;
    }
    expect(flat).toMatch(/items +✓ ACTIVE/);
    // a report line longer than the terminal goes on under its own text (a hanging indent), not at column 0
    const rows = all.split('\n');
    const cause = rows.findIndex((l) => l.includes('Likely cause:'));
    expect(rows[cause].length, all).toBeGreaterThan(60);
    expect(rows[cause + 1], all).toMatch(new RegExp(`^ {${/^ */.exec(rows[cause])![0].length + 1},}\\S`));
    // an ARN is longer than the terminal is wide: the terminal wraps it (a full row runs on into the next)
    const unwrapped = all.split('\n').reduce((acc, l) => (acc.endsWith('\u0000') ? `${acc.slice(0, -1)}${l}` : `${acc}\n${l}`) + (l.length === 80 ? '\u0000' : ''), '');
    const arns = [...unwrapped.matchAll(/arn:aws:personalize:us-east-1:\d{12}:dataset-import-job\/my-shop-(interactions|items|users)-[\w-]+/g)].map((m) => m[1]);
    expect(new Set(arns)).toEqual(new Set(['interactions', 'items', 'users']));
    expect(all.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(all).not.toMatch(/\x1b\[/);
    // the end follows the group: its jobs through history; not one job's summary saying "Status not known" of an ACTIVE job
    expect(all).toContain('  personalize-import history --dataset-group my-shop --region us-east-1');
    expect(all).not.toMatch(/Status +not known|^Import job:$/m);

    // and what the account holds now: three datasets, each with one ACTIVE job
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.groups).toEqual([['my-shop', 'ACTIVE']]);
    expect(account.datasets.map((d) => [d.type, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', ['ACTIVE']], ['ITEMS', ['ACTIVE']], ['USERS', ['ACTIVE']]]);
  }, 300_000);
});
