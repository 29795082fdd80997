// Issue #12's walk in the Ink wizard (the plain-mode walk is plain-create-tmux.test.ts): a brand-new
// account (`sandbox --seed none`, started detached with --print-env), a CSV with Personalize header
// names in the current folder, `personalize-import` in a real 80×24 terminal. Enter at every
// question except the new group's name → group, schema and dataset created on the way, the import
// ends ACTIVE; then the account is read back through the real SDK client.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, ensureBuilt, enterThroughInk, MISMATCHED, newUserEnv, readAccount, startEmptySandbox, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('the Ink wizard in a brand-new account (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('a CSV with Personalize names → group, schema and dataset created → ACTIVE import; only the group name typed', async () => {
    const env = startEmptySandbox('pi-sbx-ink-empty-');
    const work = workFolder('pi-ink-new-user-', { 'events.csv': 'interactions.csv' });
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    const { screens, typed } = await enterThroughInk(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    const seen = screens.join('\n');
    // what the user saw on the way: the new group offered, the schema worked out from the CSV
    expect(seen).toMatch(/＋ New dataset group/);
    expect(seen).toMatch(/Create dataset group my-shop\?/);
    // once created, the summary names the group (not the "＋ New dataset group" choice)
    const afterCreate = screens.slice(screens.findIndex((x) => /Create dataset group my-shop\?/.test(x)) + 1).join('\n');
    expect(afterCreate).toMatch(/✔ Group +my-shop \(Custom, created\)/);
    expect(afterCreate).not.toMatch(/✔ Group +＋ New dataset group/);
    expect(seen).toMatch(/＋ Create the dataset from my CSV/);
    expect(seen).toMatch(/TIMESTAMP +long/);
    expect(seen).toMatch(/Create schema and interactions dataset/);
    // …and, once made, the dataset by its name, the CSV chosen before it still in the summary
    const afterDataset = screens.slice(screens.findIndex((x) => /Create schema and interactions dataset/.test(x)) + 1).join('\n');
    expect(afterDataset).toMatch(/✔ Dataset +my-shop-interactions \[INTERACTIONS\] \(created\)\n✔ CSV +events\.csv/);
    expect(afterDataset).not.toMatch(/✔ Dataset +＋ Create/);
    // the schema review (13 rows at 80 columns, and its question) is taller than the terminal can
    // show with it: its table goes to the scrollback once, whole — no frame so tall that Ink clears
    // the screen and writes it again (it did: the table twice, its last reason lost from the copy)
    const once = (text: string) => t.history().split(text).length - 1;
    expect(once('EVENT_VALUE is a float in Personalize'), t.history()).toBe(1);
    expect(once('TIMESTAMP is epoch seconds (long) in Personalize'), t.history()).toBe(1);
    expect(once('Schema worked out from events.csv'), t.history()).toBe(1);
    // …and the question left on screen says where its table went (a newcomer saw only its end)
    const review = screens.find((x) => /Create schema and interactions dataset/.test(x))!;
    expect(review).toContain('↑ What this question is about is printed above it: scroll up to read it.');
    expect(t.history()).toMatch(/arn:aws:personalize:us-east-1:\d{12}:dataset-import-job\//);

    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.groups).toEqual([['my-shop', 'ACTIVE']]);
    expect(account.datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']]]);
    expect(account.datasets[0].fields.slice(0, 3)).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
  }, 300_000);
});

describe('the Ink wizard: a whole dataset group from three files (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('three files with mismatched IDs → the cross-file warning → three datasets created, three jobs ACTIVE, three ARNs; only the group name typed', async () => {
    const env = startEmptySandbox('pi-sbx-ink-multi-');
    const work = workFolder('pi-ink-multi-user-', MISMATCHED);
    term = new Terminal(['node', CLI], { cols: 80, rows: 24, cwd: work, env: newUserEnv(env) });
    const t = term;
    // every screen polled on the way: the group run's live rows are among them
    const live: string[] = [];
    const { screens, typed } = await enterThroughInk(t, (x) => {
      if (/Import jobs: \d of 3 ACTIVE|Uploading 3 files/.test(x) && live.at(-1) !== x) live.push(x);
    });
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    const history = t.history();
    expect(screens.join('\n')).toContain('this folder: interactions, items, users');
    // while the jobs ran: one row per job with its state and its own running time, the headline
    // saying what happens now (not "Uploading" once the uploads are done), within 80×24
    const row = (type: string, state: string) => new RegExp(`^ +\\S ${type} +${type}\\.csv +(${state})\\b.* \\d+:\\d\\d$`, 'm');
    const running = live.find((x) => /Import jobs: [0-2] of 3 ACTIVE/.test(x) && ['interactions', 'items', 'users'].every((ty) => row(ty, 'CREATE PENDING|CREATE IN_PROGRESS|ACTIVE|uploaded|waiting').test(x)));
    expect(running, live.join('\n-----\n')).toBeDefined();
    expect(running!, running).toMatch(row('items|users|interactions', 'CREATE PENDING|CREATE IN_PROGRESS'));
    expect(running!, running).not.toMatch(/Uploading 3 files/);
    // the step says where the jobs run, plural, and not "in AWS" (a sandbox at its endpoint)
    expect(running!.replace(/\s+/g, ' '), running).toMatch(/The jobs run at http:\/\/\S+, not in AWS; this screen follows them until they finish\./);
    for (const x of live) {
      expect(x.replace(/\n$/, '').split('\n').length, x).toBeLessThanOrEqual(24);
      expect(x.split('\n').every((l) => l.length <= 80), x).toBe(true);
    }
    // and at the end each row's outcome
    for (const ty of ['interactions', 'items', 'users']) expect(history, history).toMatch(new RegExp(`^ +✔ ${ty} +${ty}\\.csv +ACTIVE +\\d+:\\d\\d$`, 'm'));
    expect(history).toMatch(/^Import jobs ended: 3 ACTIVE$/m);
    // the files typed by their columns: a reason wider than the terminal goes on under its own text, not at column 0
    const files = screens.find((x) => x.includes('Import these 3 files?'))!.split('\n');
    const reason = files.findIndex((l) => /^ {15}from its columns: USER_ID and ITEM_ID/.test(l));
    expect(reason, files.join('\n')).toBeGreaterThan(0);
    if (!files[reason].endsWith('dataset')) expect(files[reason + 1], files.join('\n')).toMatch(/^ {16,}\S/);
    // the cross-file report is taller than the terminal: printed above the question (scrollback)
    const question = screens.find((x) => x.includes('Create the missing datasets and import the 3 files?'));
    expect(question, screens.join('\n-----\n')).toBeDefined();
    // the purpose line breaks between words: not a row starting with the space it broke at (' press Enter.')
    expect(question!, question).not.toMatch(/^ \S/m);
    const before = history.slice(0, history.lastIndexOf('Create the missing datasets and import the 3 files?')).replace(/\s+/g, ' ');
    expect(before).toContain('Likely cause: ITEM_ID is written with a different prefix');
    expect(before).toContain('Likely cause: USER_ID is written with a different letter case');
    // with examples and their lines: the first absent IDs, and the two spellings side by side
    expect(before).toContain('first: line 2 "item-051"');
    expect(before).toContain('interactions.csv line 2 says "item-051", items.csv has "sku-item-051"');
    // a report line longer than the terminal goes on under its own text (a hanging indent), not at column 0
    const reportRows = history.slice(0, history.lastIndexOf('Create the missing datasets and import the 3 files?')).split('\n');
    const cause = reportRows.findIndex((l) => l.includes('Likely cause:'));
    const lead = /^ */.exec(reportRows[cause])![0].length;
    expect(reportRows[cause].length, reportRows.join('\n')).toBeGreaterThan(60);
    expect(reportRows[cause + 1], reportRows.join('\n')).toMatch(new RegExp(`^ {${lead + 1},}\\S`));
    expect(history.replace(/\s+/g, ' ')).toContain('Import jobs: 3 of 3 ACTIVE');

    const account = await readAccount(env.AWS_ENDPOINT_URL_PERSONALIZE);
    expect(account.groups).toEqual([['my-shop', 'ACTIVE']]);
    expect(account.datasets.map((d) => [d.type, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', ['ACTIVE']], ['ITEMS', ['ACTIVE']], ['USERS', ['ACTIVE']]]);
    // every job's ARN is in what the user has after the run (the terminal may wrap it)
    for (const d of account.datasets) expect(history.replace(/\n/g, ''), d.name).toContain(d.jobs[0].arn);
    // the end follows the group: its jobs through history; not one job's summary saying "Status not known" of an ACTIVE job
    expect(history).toContain('  personalize-import history --dataset-group my-shop --region us-east-1');
    expect(history).not.toMatch(/Status +not known|^Import job:$/m);
  }, 300_000);
});
