// Issue #12's walk, as a new user would take it: a brand-new account (`sandbox --seed none`, started
// detached with --print-env), a CSV with Personalize header names in the current folder, and
// `personalize-import --plain` in a real 80×24 terminal (tmux). Enter at every question except the
// new group's name → the dataset group, the schema and the dataset are created on the way and the
// import ends ACTIVE. Then the account is read back through the real SDK client.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, enterThroughPlain, newUserEnv, readAccount, startEmptySandbox, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('plain mode in a brand-new account (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('a CSV with Personalize names → group, schema and dataset created → ACTIVE import; only the group name typed', async () => {
    const env = startEmptySandbox('pi-sbx-empty-');
    expect(env.AWS_ENDPOINT_URL_PERSONALIZE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const work = workFolder('pi-new-user-', { 'events.csv': 'interactions.csv' });
    term = new Terminal(['node', CLI, '--plain'], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    // answer every prompt as it comes: Enter, except the new group's name
    const typed = await enterThroughPlain(t, 'my-shop', 90_000);
    expect(await t.exitCode(30_000)).toBe(0);
    expect(typed).toBe(1);
    const all = t.history();
    // what the user saw on the way
    expect(all).toMatch(/1\) ＋ New dataset group/);
    expect(all).toMatch(/No dataset groups in us-east-1 yet: create the first one here/);
    expect(all).toMatch(/Create dataset group my-shop\?/);
    expect(all).toMatch(/✔ Dataset group my-shop \(Custom\) is ACTIVE/);
    expect(all).toMatch(/1\) ＋ Create the dataset from my CSV/);
    expect(all).toMatch(/Working out the schema from events\.csv \(the whole file\)…/);
    expect(all).toMatch(/Dataset type INTERACTIONS: guessed from the columns/);
    expect(all).toMatch(/TIMESTAMP +long +no +-\n/);
    expect(all).toMatch(/\n  TIMESTAMP is epoch seconds/);
    expect(all).toMatch(/Create schema and interactions dataset/);
    expect(all).toMatch(/✔ Dataset my-shop-interactions \[INTERACTIONS\] is ACTIVE/);
    expect(all).toMatch(/✔ Imported into my-shop-interactions/);
    expect(all).not.toMatch(/\x1b\[/);

    // and what the account holds now
    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.groups).toEqual([['my-shop', 'ACTIVE']]);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.slice(0, 3)).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
  }, 240_000);
});
