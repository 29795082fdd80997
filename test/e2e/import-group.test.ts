// `import --csv TYPE=FILE …` end to end: the built CLI as a child process with no terminal against a
// sandbox started as `sandbox --seed none` starts it (an empty account). Three sample files → three
// datasets created → three jobs ACTIVE, every ARN in jobs[]; then one job failing while the others
// reach ACTIVE (exit 1, each outcome and explanation); the usage errors; Ctrl-C listing the jobs.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDatasetImportJobCommand, ListDatasetGroupsCommand, ListDatasetImportJobsCommand, ListDatasetsCommand } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli, SAMPLES, start } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const S = (n: string) => join(SAMPLES, n);

describe('import with several --csv files against sandbox --seed none (no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0.3, seed: 'none', createSeconds: 0.2 });
  const env = () => cliEnv({ ...sb.env });
  const base = (group: string) => ['import', '--dataset-group', group, '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json'];
  const three = ['--csv', `interactions=${S('interactions.csv')}`, '--csv', `items=${S('items.csv')}`, '--csv', `users=${S('users.csv')}`];
  const groups = async () => (await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];

  it('without --create: exit 2 naming --create, nothing created; flags that do not fit several files are named', async () => {
    const r = await runCli([...base('shop'), ...three], env());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/no dataset group named shop here; pass --create to create it and its 3 datasets/);
    expect(jsonDoc(r).error.kind).toBe('usage');
    const r2 = await runCli([...base('shop'), ...three, '--job-name', 'x'], env());
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--job-name does not go with several --csv files/);
    expect(await groups()).toEqual([]);
  });

  it('an invalid file: exit 1, its report shown, nothing created or uploaded', async () => {
    const r = await runCli([...base('shop'), '--create', '--csv', `interactions=${S('interactions.csv')}`, '--csv', `items=${S('items-long-id.csv')}`], env());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/ID_TOO_LONG \(line 12, ITEM_ID\)/);
    expect(r.stderr).toMatch(/Nothing was created or uploaded/);
    expect(jsonDoc(r).validation.map((v: { valid: boolean }) => v.valid)).toEqual([true, false]);
    expect(await groups()).toEqual([]);
  });

  it('--csv <folder> --dry-run: each file typed by its columns, checked, nothing created or uploaded, exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-group-'));
    for (const [from, to] of [['interactions.csv', 'a.csv'], ['items-sku-prefix.csv', 'b.csv'], ['users.csv', 'c.csv']]) copyFileSync(S(from), join(dir, to));
    const r = await runCli(['import', '--dataset-group', 'shop', '--bucket', sb.sandbox.bucket, '--csv', dir, '--dry-run', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc.dryRun).toBe(true);
    expect(doc.validation.map((v: { datasetType: string; file: string }) => [v.datasetType, v.file.slice(-5)])).toEqual([['INTERACTIONS', 'a.csv'], ['ITEMS', 'b.csv'], ['USERS', 'c.csv']]);
    expect(doc.crossFile.missingItems.causes[0]).toMatchObject({ kind: 'prefix', rows: 1200, likely: true });
    expect(r.stderr).toMatch(/Likely cause: ITEM_ID is written with a different prefix/);
    expect(r.stderr.replace(/\s+/g, ' ')).toMatch(/Dry run: nothing was created or uploaded\. The run with --create would create dataset group shop \(Custom\) and the interactions dataset shop-interactions, items dataset shop-items, users dataset shop-users \(each with the schema inferred above, or an equal one the account has\), then upload 3 files to s3:\/\/[^ ]+ and create 3 import jobs \(FULL\)\./);
    expect(doc.wouldCreate).toEqual({ datasetGroup: { name: 'shop', domain: null }, datasets: ['INTERACTIONS', 'ITEMS', 'USERS'].map((type) => ({ type, name: `shop-${type.toLowerCase()}`, datasetGroup: 'shop' })) });
    expect(doc).not.toHaveProperty('jobs');
    expect(await groups()).toEqual([]);
    // --create --dry-run (refused before): the same check, what --create would create said, nothing created
    const c = await runCli(['import', '--dataset-group', 'shop', '--bucket', sb.sandbox.bucket, '--csv', dir, '--create', '--dry-run', '--json'], env());
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr.replace(/\s+/g, ' ')).toMatch(/Dry run: nothing was created or uploaded\. The run would create dataset group shop \(Custom\) and the interactions dataset shop-interactions/);
    expect(jsonDoc(c).wouldCreate).toEqual(doc.wouldCreate);
    expect(await groups()).toEqual([]);
  });

  it('a file with more warnings of one kind than a report lists (20): the summary and --json count them all', async () => {
    // the summary said "20 warnings" (the findings kept) for a users file with 30 repeated users
    const dir = mkdtempSync(join(tmpdir(), 'pi-group-'));
    copyFileSync(S('interactions.csv'), join(dir, 'a.csv'));
    const users = readFileSync(S('users.csv'), 'utf8');
    writeFileSync(join(dir, 'c.csv'), users + users.split('\n').slice(1, 31).join('\n') + '\n');
    const r = await runCli(['import', '--dataset-group', 'shop', '--bucket', sb.sandbox.bucket, '--csv', dir, '--dry-run', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const users2 = jsonDoc(r).validation.find((v: { datasetType: string }) => v.datasetType === 'USERS');
    expect(users2.warnings).toBe(30);
    expect(r.stderr).toMatch(/c\.csv: 90 rows valid \(USERS; schema [^)]*\), 30 warnings/);
  });

  it('--create: the group and three datasets created, three jobs ACTIVE, exit 0, every ARN in jobs[]', async () => {
    const r = await runCli([...base('shop'), '--create', ...three], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc.jobs.map((j: { datasetType: string; status: string }) => [j.datasetType, j.status])).toEqual([['INTERACTIONS', 'ACTIVE'], ['ITEMS', 'ACTIVE'], ['USERS', 'ACTIVE']]);
    for (const j of doc.jobs) expect(j.datasetImportJobArn).toMatch(/^arn:aws:personalize:us-east-1:111122223333:dataset-import-job\/shop-/);
    expect(Object.keys(doc.created)).toEqual(['interactions', 'items', 'users']);
    expect(doc.crossFile.findings).toEqual([]);
    expect(doc.upload).toHaveLength(3);
    // what the service holds: three datasets, each with its one ACTIVE job
    const ds = (await sb.personalize.send(new ListDatasetsCommand({ datasetGroupArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/shop' }))).datasets ?? [];
    expect(ds.map((d) => d.datasetType).sort()).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);
    for (const d of ds) {
      const jobs = (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: d.datasetArn }))).datasetImportJobs ?? [];
      expect(jobs.map((j) => j.status)).toEqual(['ACTIVE']);
    }
    // the human summary (stderr with --json) lists the three ARNs
    expect(r.stderr).toMatch(/Jobs \(3 of 3 ACTIVE\):/);
    expect(r.stderr.match(/✓ (interactions|items|users) +ACTIVE +arn:aws:personalize:\S+dataset-import-job\//g)).toHaveLength(3);
  });

  it('datasets with data: FULL needs --yes; then one job fails while the others reach ACTIVE — exit 1, each outcome explained', async () => {
    const again = await runCli([...base('shop'), ...three], env());
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/has data already: a FULL import replaces it/);
    expect(again.stderr).toMatch(/--mode incremental/);

    const r = await runCli([...base('shop'), '--mode', 'incremental', '--skip-validation', '--csv', `interactions=${S('interactions.csv')}`, '--csv', `items=${S('items-long-id.csv')}`, '--csv', `users=${S('users.csv')}`], env());
    expect(r.code, r.stderr).toBe(1);
    const doc = jsonDoc(r);
    expect(doc.jobs.map((j: { datasetType: string; status: string }) => [j.datasetType, j.status])).toEqual([['INTERACTIONS', 'ACTIVE'], ['ITEMS', 'CREATE FAILED'], ['USERS', 'ACTIVE']]);
    const failed = doc.jobs[1];
    expect(failed.failureReason).toMatch(/Length cannot be more than 256 characters for ITEM_ID/);
    expect(failed.explanation.fix.length).toBeGreaterThan(10);
    expect(r.stderr).toMatch(/Validation skipped \(--skip-validation\)/);
    expect(r.stderr).toMatch(/Jobs \(2 of 3 ACTIVE\):/);
    expect(r.stderr).toMatch(/✗ items +CREATE FAILED +arn:aws:personalize:\S+\n +.+: .+\n +→ /);
  });

  it('--mode incremental with new datasets beside one with data: the new ones take FULL (said first), the one with data INCREMENTAL — all ACTIVE, exit 0', async () => {
    const first = await runCli([...base('shop2'), '--create', '--dataset-type', 'interactions', '--csv', S('interactions.csv')], env());
    expect(first.code, first.stderr).toBe(0);
    const r = await runCli([...base('shop2'), '--create', '--mode', 'incremental', ...three], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/--mode incremental: the items and users datasets have no bulk data yet, so their first import is FULL \(it replaces nothing\)/);
    const doc = jsonDoc(r);
    expect(doc.jobs.map((j: { datasetType: string; status: string }) => [j.datasetType, j.status])).toEqual([['INTERACTIONS', 'ACTIVE'], ['ITEMS', 'ACTIVE'], ['USERS', 'ACTIVE']]);
    const modes: Record<string, string | undefined> = {};
    for (const j of doc.jobs) modes[j.datasetType] = (await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: j.datasetImportJobArn }))).datasetImportJob?.importMode;
    expect(modes).toEqual({ INTERACTIONS: 'INCREMENTAL', ITEMS: 'FULL', USERS: 'FULL' });
  });

  it('no role yet: the missing --role-arn names access setup, which runs as printed; its role then imports the files', async () => {
    const e = env();
    delete e.PERSONALIZE_SANDBOX_ROLE_ARN;
    const args = ['import', '--dataset-group', 'shop3', '--create', '--bucket', sb.sandbox.noGrantBucket, '--interval', '0.05', ...three];
    const r = await runCli(args, e);
    expect(r.code).toBe(2);
    const cmd = /No role yet\? personalize-import (access setup .*?) creates one/.exec(r.stderr.replace(/\n\s+/g, ' '));
    expect(cmd, r.stderr).not.toBeNull();
    expect(cmd![1]).toBe(`access setup --bucket ${sb.sandbox.noGrantBucket} --yes`);
    const setup = await runCli(cmd![1].split(' '), e);
    expect(setup.code, setup.stderr + setup.stdout).toBe(0);
    const role = /--role-arn (arn:aws:iam::\d{12}:role\/\S+)/.exec(setup.stdout)![1];
    const done = await runCli([...args, '--role-arn', role, '--json'], e);
    expect(done.code, done.stderr).toBe(0);
    expect(jsonDoc(done).jobs.map((j: { status: string }) => j.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });
});

describe('import with several --csv files: Ctrl-C while the jobs run', () => {
  const sb = withSandbox({ jobSeconds: 60, seed: 'none', createSeconds: 0.2 });
  it('exit 130; the jobs that exist are listed and said to keep running', async () => {
    const run = start(['import', '--dataset-group', 'slow', '--create', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.2',
      '--csv', `interactions=${S('interactions.csv')}`, '--csv', `items=${S('items.csv')}`], cliEnv({ ...sb.env }));
    await run.waitFor(/interactions +job created: /, 60_000);
    await run.waitFor(/items +job created: /, 60_000);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/Stopped watching\. These 2 import jobs exist and keep running in AWS/);
    expect(r.stdout.match(/^ {2}(items|interactions) +arn:aws:personalize:\S+dataset-import-job\//gm)).toHaveLength(2);
  }, 90_000);
});
