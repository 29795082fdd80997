// Issue #12's walk, as a new user would take it: a brand-new account (`sandbox --seed none`, started
// detached with --print-env), a CSV with Personalize header names in the current folder, and
// `personalize-import --plain` in a real 80×24 terminal (tmux). Enter at every question except the
// new group's name → the dataset group, the schema and the dataset are created on the way and the
// import ends ACTIVE. Then the account is read back through the real SDK client.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDatasetCommand, DescribeSchemaCommand, ListDatasetGroupsCommand, ListDatasetImportJobsCommand, ListDatasetsCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Terminal } from '../helpers/tmux.js';
import { CLI, cliEnv, ensureBuilt, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** `eval "$(personalize-import sandbox --print-env …)"`'s variables, as a map. */
function startEmptySandbox(dir: string): Record<string, string> {
  const out = execFileSync(process.execPath, [CLI, 'sandbox', '--print-env', '--data-dir', dir, '--seed', 'none', '--job-seconds', '0'], { env: cliEnv(), encoding: 'utf8', timeout: 60_000 });
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]] = m[2];
  return env;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('plain mode in a brand-new account (sandbox --seed none)', () => {
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('a CSV with Personalize names → group, schema and dataset created → ACTIVE import; only the group name typed', async () => {
    const sbDir = mkdtempSync(join(tmpdir(), 'pi-sbx-empty-'));
    onTestFinished(() => {
      try {
        execFileSync(process.execPath, [CLI, 'sandbox', '--stop', '--data-dir', sbDir], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
    });
    const env = startEmptySandbox(sbDir);
    expect(env.AWS_ENDPOINT_URL_PERSONALIZE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const work = mkdtempSync(join(tmpdir(), 'pi-new-user-'));
    copyFileSync(join(SAMPLES, 'interactions.csv'), join(work, 'events.csv'));

    term = new Terminal(['node', CLI, '--plain'], {
      cols: 80, rows: 24, cwd: work,
      env: { ...env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    const t = term;
    const PROMPT = '(< back):';
    let typed = 0;
    let asked = 0;
    // answer every prompt as it comes: Enter, except the new group's name
    for (;;) {
      await t.waitFor(() => count(t.history(), PROMPT) > asked || existsSync(t.exitFile), 90_000);
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
  }, 240_000);
});
