// `import --create` on a real terminal (tmux, 80×24) against a sandbox started as `sandbox --seed
// none` starts it (an empty account), in this process: the inferred schema and each creation are
// shown as they happen, then the import runs to ACTIVE. No questions: every answer is a flag.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDatasetGroupsCommand, ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { CLI, Terminal } from '../helpers/tmux.js';
import { ensureBuilt, ROOT, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import --create on a terminal', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.6 });
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  it('creates the group, schema and dataset from the CSV, then imports to ACTIVE', async () => {
    term = new Terminal(['node', CLI, 'import', '--csv', join(SAMPLES, 'interactions.csv'), '--dataset-group', 'new-shop', '--dataset-type', 'interactions', '--create', '--interval', '0.05'], {
      cols: 80, rows: 24, cwd: ROOT,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    // the creation is shown live, each resource going to ACTIVE
    await term.waitFor(/Creating dataset group new-shop…/, 60_000);
    const done = await term.waitFor('✔ Imported into new-shop-interactions.', 60_000);
    expect(done).not.toMatch(/Error|at .*\.js:\d+/);
    expect(await term.exitCode()).toBe(0);
    const groups = (await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((g) => [g.name, g.status])).toEqual([['new-shop', 'ACTIVE']]);
    const jobs = (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: 'arn:aws:personalize:us-east-1:111122223333:dataset/new-shop/INTERACTIONS' }))).datasetImportJobs ?? [];
    expect(jobs.map((j) => j.status)).toEqual(['ACTIVE']);
  });

  it('--fix on an export the schema cannot take as it is: the type said as guessed, one next step, no "Validation failed" right before the fix', async () => {
    // lower-case header and epoch milliseconds: the inferred schema has a problem --fix repairs after creating
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-fix-'));
    let csv = 'user_id,item_id,timestamp,event_type\n';
    for (let i = 0; i < 1200; i++) csv += `u${i % 40},i${i % 97},${1764979200000 + i * 60_000},click\n`;
    writeFileSync(join(dir, 'events.csv'), csv);
    term = new Terminal(['node', CLI, 'import', '--csv', 'events.csv', '--dataset-group', 'ms-shop', '--create', '--fix', '--interval', '0.05'], {
      cols: 80, rows: 24, cwd: dir,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    await term.waitFor('✔ Imported into ms-shop-interactions.', 60_000);
    expect(await term.exitCode()).toBe(0);
    const all = term.history().replace(/\n(?=\S)/g, '\n').replace(/\s+/g, ' ');
    // no --dataset-type: the schema's explanation says the type was guessed, as the line before it does
    expect(all).toContain('Dataset type INTERACTIONS: guessed from the columns: USER_ID (column user_id)');
    expect(all).not.toMatch(/Dataset type INTERACTIONS: given/);
    // schema infer's closing lines (its own command; no schema on stdout here) are not import's
    expect(all).not.toMatch(/this command does not change the file|save this schema/);
    expect(all).toContain('The schema can be created: after the dataset exists, --fix writes a copy of the file');
    // the original's report is not the run's end: the fix follows, said so
    expect(all).not.toContain('Validation failed');
    expect(all).toContain('✖ events.csv would fail its import as it is (1,204 errors). Fixing events.csv → events.fixed.csv …');
  });

  const openPlain = (group: string) => {
    term = new Terminal(['node', CLI, 'import', '--csv', join(SAMPLES, 'interactions.csv'), '--dataset-group', group, '--dataset-type', 'interactions', '--interval', '0.05'], {
      cols: 80, rows: 24, cwd: ROOT,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    return term;
  };

  it('without --create a missing group is offered: Stop creates nothing and exits 2 naming --create', async () => {
    const t = openPlain('other-shop');
    await t.waitFor(/Create dataset group other-shop and its INTERACTIONS dataset\?/, 30_000);
    expect(t.screen()).toMatch(/There is no dataset group named other-shop here/);
    t.type('2');
    t.send('Enter');
    await t.waitFor(/Pass --create/);
    expect(await t.exitCode()).toBe(2);
    const groups = (await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.map((g) => g.name)).not.toContain('other-shop');
  });

  it('without --create a missing group is offered: Enter creates it, then the import runs to ACTIVE', async () => {
    const t = openPlain('third-shop');
    await t.waitFor(/Create dataset group third-shop and its INTERACTIONS dataset\?/, 30_000);
    t.send('Enter');
    await t.waitFor('✔ Imported into third-shop-interactions.', 60_000);
    expect(await t.exitCode()).toBe(0);
    const groups = (await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
    expect(groups.find((g) => g.name === 'third-shop')?.status).toBe('ACTIVE');
  });
});
