// Issue #12's walk in the Ink wizard (the plain-mode walk is plain-create-tmux.test.ts): a brand-new
// account (`sandbox --seed none`, started detached with --print-env), a CSV with Personalize header
// names in the current folder, `personalize-import` in a real 80×24 terminal. Enter at every
// question except the new group's name → group, schema and dataset created on the way, the import
// ends ACTIVE; then the account is read back through the real SDK client.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDatasetCommand, DescribeSchemaCommand, ListDatasetGroupsCommand, ListDatasetImportJobsCommand, ListDatasetsCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, cliEnv, ensureBuilt, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

function startEmptySandbox(dir: string): Record<string, string> {
  const out = execFileSync(process.execPath, [CLI, 'sandbox', '--print-env', '--data-dir', dir, '--seed', 'none', '--job-seconds', '0'], { env: cliEnv(), encoding: 'utf8', timeout: 60_000 });
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]] = m[2];
  return env;
}


/**
 * Answers every question with Enter, except the new group's name (my-shop): a question is on screen
 * when its key hints say what Enter does and the screen has settled (the same for 3 polls — a run
 * step's spinner never settles, so it is never taken for one).
 */
async function enterThrough(t: Terminal): Promise<{ screens: string[]; typed: number }> {
  const asking = /Enter (choose|next)/;
  let answered = '';
  let typed = 0;
  const screens: string[] = [];
  for (;;) {
    let streak = 0;
    let prev = '';
    const s = await t.waitFor((x) => {
      if (existsSync(t.exitFile)) return true;
      streak = x === prev ? streak + 1 : 0;
      prev = x;
      return streak >= 3 && x !== answered && asking.test(x);
    }, 120_000);
    if (existsSync(t.exitFile)) break;
    screens.push(s);
    answered = s;
    if (/Name of the new dataset group/.test(s)) {
      t.send('C-u');
      t.type('my-shop');
      await t.waitFor('my-shop');
      typed++;
    }
    t.send('Enter');
    if (screens.length > 40) throw new Error(`too many questions:\n${screens.join('\n-----\n')}`);
  }
  return { screens, typed };
}

describe('the Ink wizard in a brand-new account (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('a CSV with Personalize names → group, schema and dataset created → ACTIVE import; only the group name typed', async () => {
    const sbDir = mkdtempSync(join(tmpdir(), 'pi-sbx-ink-empty-'));
    onTestFinished(() => {
      try {
        execFileSync(process.execPath, [CLI, 'sandbox', '--stop', '--data-dir', sbDir], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
    });
    const env = startEmptySandbox(sbDir);
    const work = mkdtempSync(join(tmpdir(), 'pi-ink-new-user-'));
    copyFileSync(join(SAMPLES, 'interactions.csv'), join(work, 'events.csv'));
    term = new Terminal(['node', CLI], {
      cols: 80, rows: 24, cwd: work,
      env: { ...env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const t = term;
    const { screens, typed } = await enterThrough(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    const seen = screens.join('\n');
    // what the user saw on the way: the new group offered, the schema worked out from the CSV
    expect(seen).toMatch(/＋ New dataset group/);
    expect(seen).toMatch(/Create dataset group my-shop\?/);
    expect(seen).toMatch(/＋ Create the dataset from my CSV/);
    expect(seen).toMatch(/TIMESTAMP +long/);
    expect(seen).toMatch(/Create schema and interactions dataset/);
    expect(t.history()).toMatch(/arn:aws:personalize:us-east-1:\d{12}:dataset-import-job\//);

    const client = new PersonalizeClient({ region: 'us-east-1', endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    onTestFinished(() => client.destroy());
    const groups = (await client.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((g) => [g.name, g.status])).toEqual([['my-shop', 'ACTIVE']]);
    const datasets = (await client.send(new ListDatasetsCommand({ datasetGroupArn: groups[0].datasetGroupArn }))).datasets ?? [];
    expect(datasets.map((d) => [d.datasetType?.toUpperCase(), d.status])).toEqual([['INTERACTIONS', 'ACTIVE']]);
    const ds = (await client.send(new DescribeDatasetCommand({ datasetArn: datasets[0].datasetArn }))).dataset!;
    const schema = JSON.parse((await client.send(new DescribeSchemaCommand({ schemaArn: ds.schemaArn }))).schema!.schema!);
    expect(schema.fields.slice(0, 3)).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
    const jobs = (await client.send(new ListDatasetImportJobsCommand({ datasetArn: ds.datasetArn }))).datasetImportJobs ?? [];
    expect(jobs.map((j) => j.status)).toEqual(['ACTIVE']);
  }, 300_000);
});

describe('the Ink wizard: a whole dataset group from three files (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('three files with mismatched IDs → the cross-file warning → three datasets created, three jobs ACTIVE, three ARNs; only the group name typed', async () => {
    const sbDir = mkdtempSync(join(tmpdir(), 'pi-sbx-ink-multi-'));
    onTestFinished(() => {
      try {
        execFileSync(process.execPath, [CLI, 'sandbox', '--stop', '--data-dir', sbDir], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
    });
    const env = startEmptySandbox(sbDir);
    const work = mkdtempSync(join(tmpdir(), 'pi-ink-multi-user-'));
    copyFileSync(join(SAMPLES, 'interactions.csv'), join(work, 'interactions.csv'));
    copyFileSync(join(SAMPLES, 'items-sku-prefix.csv'), join(work, 'items.csv'));
    copyFileSync(join(SAMPLES, 'users-uppercase.csv'), join(work, 'users.csv'));
    term = new Terminal(['node', CLI], {
      cols: 80, rows: 24, cwd: work,
      env: { ...env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const t = term;
    const { screens, typed } = await enterThrough(t);
    expect(await t.exitCode(30_000), t.history()).toBe(0);
    expect(typed).toBe(1);
    const history = t.history();
    expect(screens.join('\n')).toContain('this folder: interactions, items, users');
    // the cross-file report is taller than the terminal: printed above the question (scrollback)
    const question = screens.find((x) => x.includes('Create the missing datasets and import the 3 files?'));
    expect(question, screens.join('\n-----\n')).toBeDefined();
    const before = history.slice(0, history.lastIndexOf('Create the missing datasets and import the 3 files?')).replace(/\s+/g, ' ');
    expect(before).toContain('Likely cause: ITEM_ID is written with a different prefix');
    expect(before).toContain('Likely cause: USER_ID is written with a different letter case');
    expect(history.replace(/\s+/g, ' ')).toContain('Import jobs: 3 of 3 ACTIVE');

    const client = new PersonalizeClient({ region: 'us-east-1', endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    onTestFinished(() => client.destroy());
    const groups = (await client.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((g) => [g.name, g.status])).toEqual([['my-shop', 'ACTIVE']]);
    const datasets = (await client.send(new ListDatasetsCommand({ datasetGroupArn: groups[0].datasetGroupArn }))).datasets ?? [];
    expect(datasets.map((d) => d.datasetType?.toUpperCase()).sort()).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);
    for (const d of datasets) {
      const jobs = (await client.send(new ListDatasetImportJobsCommand({ datasetArn: d.datasetArn }))).datasetImportJobs ?? [];
      expect(jobs.map((j) => j.status)).toEqual(['ACTIVE']);
      // every job's ARN is in what the user has after the run (the terminal may wrap it)
      expect(history.replace(/\n/g, ''), d.name).toContain(jobs[0].datasetImportJobArn!);
    }
  }, 300_000);
});
