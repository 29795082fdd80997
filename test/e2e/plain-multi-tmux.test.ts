// Issue #19's walk, as a new user would take it: a brand-new account (`sandbox --seed none`, started
// detached with --print-env), the three sample files of one group in the current folder — the
// mismatch variant (items with ITEM_IDs prefixed sku-, users with USER_IDs in upper case) — and
// `personalize-import --plain` in a real 80×24 terminal (tmux). Enter at every question except the
// new group's name → the folder is the CSV step's default, the three files are typed by their
// columns, the cross-file warning is shown with its examples before anything is created, the three
// datasets are created and imported ACTIVE, and the end lists the three job ARNs. Then the account
// is read back through the real SDK client.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDatasetGroupsCommand, ListDatasetImportJobsCommand, ListDatasetsCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
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

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('plain mode: a whole dataset group from three files (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('three files with mismatched IDs → the cross-file warning with examples → three datasets created, three jobs ACTIVE, three ARNs; only the group name typed', async () => {
    const sbDir = mkdtempSync(join(tmpdir(), 'pi-sbx-multi-'));
    onTestFinished(() => {
      try {
        execFileSync(process.execPath, [CLI, 'sandbox', '--stop', '--data-dir', sbDir], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
    });
    const env = startEmptySandbox(sbDir);
    expect(env.AWS_ENDPOINT_URL_PERSONALIZE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const work = mkdtempSync(join(tmpdir(), 'pi-multi-user-'));
    copyFileSync(join(SAMPLES, 'interactions.csv'), join(work, 'interactions.csv'));
    copyFileSync(join(SAMPLES, 'items-sku-prefix.csv'), join(work, 'items.csv'));
    copyFileSync(join(SAMPLES, 'users-uppercase.csv'), join(work, 'users.csv'));

    term = new Terminal(['node', CLI, '--plain'], {
      cols: 80, rows: 24, cwd: work,
      env: { ...env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const t = term;
    const PROMPT = '(< back):';
    let typed = 0;
    let asked = 0;
    for (;;) {
      await t.waitFor(() => count(t.history(), PROMPT) > asked || existsSync(t.exitFile), 120_000);
      const all = t.history();
      const n = count(all, PROMPT);
      if (n === asked) break; // the program ended
      const at = all.lastIndexOf(PROMPT);
      const question = all.slice(asked ? all.lastIndexOf(PROMPT, at - 1) : 0, at);
      asked = n;
      if (question.includes('Name of the new dataset group')) {
        t.type('my-shop');
        typed++;
      }
      t.send('Enter');
      if (asked > 40) throw new Error(`too many questions:\n${all}`);
    }
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
    // an ARN is longer than the terminal is wide: the terminal wraps it (a full row runs on into the next)
    const unwrapped = all.split('\n').reduce((acc, l) => (acc.endsWith('\u0000') ? `${acc.slice(0, -1)}${l}` : `${acc}\n${l}`) + (l.length === 80 ? '\u0000' : ''), '');
    const arns = [...unwrapped.matchAll(/arn:aws:personalize:us-east-1:\d{12}:dataset-import-job\/my-shop-(interactions|items|users)-[\w-]+/g)].map((m) => m[1]);
    expect(new Set(arns)).toEqual(new Set(['interactions', 'items', 'users']));
    expect(all.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(all).not.toMatch(/\x1b\[/);

    // and what the account holds now: three datasets, each with one ACTIVE job
    const client = new PersonalizeClient({ region: 'us-east-1', endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    onTestFinished(() => client.destroy());
    const groups = (await client.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((g) => [g.name, g.status])).toEqual([['my-shop', 'ACTIVE']]);
    const datasets = (await client.send(new ListDatasetsCommand({ datasetGroupArn: groups[0].datasetGroupArn }))).datasets ?? [];
    expect(datasets.map((d) => d.datasetType?.toUpperCase()).sort()).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);
    for (const d of datasets) {
      const jobs = (await client.send(new ListDatasetImportJobsCommand({ datasetArn: d.datasetArn }))).datasetImportJobs ?? [];
      expect(jobs.map((j) => j.status)).toEqual(['ACTIVE']);
    }
  }, 300_000);
});
