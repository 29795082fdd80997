// `personalize-import import` end to end: the built CLI as a child process with no terminal, against
// a sandbox running in this process (real SDK clients on both sides, no mocks). --json is parsed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDatasetImportJobCommand, ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli, SAMPLES, start } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import without a terminal: missing flags', () => {
  it('exits 2 naming every missing flag, before anything slow starts', async () => {
    const r = await runCli(['import', '--json'], cliEnv());
    // eslint-disable-next-line no-console
    console.log(`import with no TTY and missing flags exited ${r.code} after ${r.ms} ms`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--dataset-arn (or --dataset-group with --dataset-type)');
    expect(r.stderr).toContain('--csv <file> (or --data-location s3://…)');
    expect(r.stderr).toContain('no terminal');
    expect(jsonDoc(r).error.kind).toBe('usage');
  });

  it('names --bucket for a local CSV and --dataset-type for a group alone', async () => {
    // a file whose columns do not say its dataset (one that is not there is named as such first)
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-import-flags-')), 'x.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const r = await runCli(['import', '--dataset-group', 'shop', '--csv', csv], cliEnv());
    console.log(`import with no TTY and missing flags exited ${r.code} after ${r.ms} ms`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing --dataset-type, --bucket\./);
    expect(r.stdout).toBe('');
  });
});

describe('import against the sandbox', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const env = () => cliEnv({ ...sb.env });
  const interactions = () => sb.seeded.datasetArn('custom', 'INTERACTIONS');
  const jobs = async (datasetArn: string) => (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn }))).datasetImportJobs ?? [];
  const keys = async (bucket: string, prefix: string) => ((await sb.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);

  it('FULL from a local CSV: validates, uploads, creates, waits → ACTIVE, exit 0, one JSON document', async () => {
    const r = await runCli(['import', '--dataset-arn', interactions(), '--csv', join(SAMPLES, 'interactions.csv'), '--prefix', 'e2e/full/', '--interval', '0.05', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', importMode: 'FULL' });
    expect(doc.dataLocation).toMatch(new RegExp(`^s3://${sb.sandbox.bucket}/e2e/full/interactions-\\d{8}-\\d{6}-[a-z2-9]{4}\\.csv$`));
    expect(doc.datasetImportJobArn).toMatch(/:dataset-import-job\/sandbox-shop-interactions-\d{8}-\d{6}$/);
    expect(doc.validation).toMatchObject({ skipped: false, valid: true, rows: 1200 });
    expect(doc.upload).toMatchObject({ bucket: sb.sandbox.bucket, key: doc.dataLocation.slice(`s3://${sb.sandbox.bucket}/`.length), bytes: readFileSync(join(SAMPLES, 'interactions.csv')).length });
    expect(doc.preflight.ok).toBe(true);
    expect(doc).not.toHaveProperty('failureReason');
    // logs went to stderr
    expect(r.stderr).toContain('Uploaded s3://');
    expect(r.stderr).toMatch(/ACTIVE/);
    const [job] = await jobs(interactions());
    expect(job.datasetImportJobArn).toBe(doc.datasetImportJobArn);
    expect(job.status).toBe('ACTIVE');
  });

  it('FULL over existing bulk data without --yes: exit 2 saying which import it would replace; nothing created', async () => {
    const before = await jobs(interactions());
    const last = before.find((j) => j.status === 'ACTIVE')!;
    const r = await runCli(['import', '--dataset-arn', interactions(), '--csv', join(SAMPLES, 'interactions.csv'), '--mode', 'full', '--json'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`FULL replaces all bulk data in sandbox-shop-interactions: the records imported by job ${last.jobName}`);
    expect(r.stderr).toMatch(/ACTIVE \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(r.stderr).toContain('--yes');
    expect(jsonDoc(r).error.message).toContain(last.jobName);
    expect((await jobs(interactions())).length).toBe(before.length);
  });

  it('no --mode over existing data: exit 2 asking for --mode', async () => {
    const r = await runCli(['import', '--dataset-arn', interactions(), '--csv', join(SAMPLES, 'interactions.csv')], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds bulk data .*Pass --mode full\|incremental/);
  });

  it('FULL over existing data with --yes: proceeds to ACTIVE, noting what it replaced', async () => {
    const before = (await jobs(interactions())).length;
    const r = await runCli(['import', '--dataset-arn', interactions(), '--csv', join(SAMPLES, 'interactions.csv'), '--mode', 'full', '--yes', '--job-name', 'e2e-full-again', '--interval', '0.05', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(jsonDoc(r)).toMatchObject({ status: 'ACTIVE', importMode: 'FULL' });
    expect(jsonDoc(r).datasetImportJobArn).toMatch(/dataset-import-job\/e2e-full-again$/);
    expect(r.stderr).toMatch(/Note: FULL replaces all bulk data .* Confirmed by --yes/);
    expect((await jobs(interactions())).length).toBe(before + 1);
  });

  it('INCREMENTAL after a FULL → ACTIVE', async () => {
    const r = await runCli(['import', '--dataset-arn', interactions(), '--csv', join(SAMPLES, 'interactions.csv'), '--mode', 'incremental', '--tag', 'team=e2e', '--interval', '0.05', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(jsonDoc(r)).toMatchObject({ status: 'ACTIVE', importMode: 'INCREMENTAL' });
  });

  it('--data-location: data already in S3 is validated in place, not uploaded, and imported', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'e2e/users/users.csv', Body: readFileSync(join(SAMPLES, 'users.csv')) }));
    const r = await runCli(['import', '--dataset-group', 'sandbox-shop', '--dataset-type', 'users', '--data-location', `s3://${sb.sandbox.bucket}/e2e/users/`, '--interval', '0.05', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', importMode: 'FULL', dataLocation: `s3://${sb.sandbox.bucket}/e2e/users/` });
    expect(doc.validation).toMatchObject({ valid: true, rows: 60 });
    expect(doc.upload).toMatchObject({ skipped: true });
    expect(r.stderr).not.toContain('Uploading');
  });

  it('validation errors: exit 1 with the report, nothing uploaded, no job created', async () => {
    const arn = sb.seeded.datasetArn('domain', 'INTERACTIONS');
    const before = (await jobs(arn)).length;
    const r = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'interactions-missing-column.csv'), '--prefix', 'e2e/invalid/', '--json'], env());
    expect(r.code).toBe(1);
    const doc = jsonDoc(r);
    expect(doc.validation.valid).toBe(false);
    expect(doc.validation.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(doc.validation.errors)).toContain('ITEM_ID');
    expect(doc).not.toHaveProperty('datasetImportJobArn');
    expect(doc).not.toHaveProperty('upload');
    expect(r.stderr).toMatch(/✗ invalid: .*interactions-missing-column\.csv/);
    // said once, by the run's end (the report's line only marks the failure)
    expect(r.stderr).toContain('The CSV has errors; nothing was uploaded or created. Fix the lines listed above and run this again.');
    expect(r.stderr.match(/nothing was uploaded/gi)).toHaveLength(1);
    expect(await keys(sb.sandbox.bucket, 'e2e/invalid/')).toEqual([]);
    expect((await jobs(arn)).length).toBe(before);
  });

  it('the no-grant bucket is caught by preflight before a job is created: exit 3, the statement to add', async () => {
    const arn = sb.seeded.datasetArn('custom', 'ITEMS');
    const before = (await jobs(arn)).length;
    const r = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'items.csv'), '--bucket', sb.sandbox.noGrantBucket, '--json'], env());
    expect(r.code).toBe(3);
    const doc = jsonDoc(r);
    expect(doc.preflight.ok).toBe(false);
    const policy = doc.preflight.checks.find((c: { id: string }) => c.id === 'bucket-policy');
    expect(policy.status).toBe('FAIL');
    // only the bucket side is missing: the role (read through the sandbox's IAM) is fine
    expect(doc.preflight.checks.find((c: { id: string }) => c.id === 'role-trust').status).toBe('PASS');
    expect(doc).not.toHaveProperty('datasetImportJobArn');
    expect(r.stderr).toContain('FAIL        The bucket policy lets Personalize read the data');
    expect(r.stderr).toContain('"Service": "personalize.amazonaws.com"');
    expect(r.stderr).toContain('the import job was NOT created');
    expect((await jobs(arn)).length).toBe(before);
  });

  it('a job that fails: exit 1 with the catalogue cause and fix (--skip-validation loudly noted)', async () => {
    const arn = sb.seeded.datasetArn('domain', 'INTERACTIONS');
    const r = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'interactions-missing-column.csv'), '--skip-validation', '--interval', '0.05'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('VALIDATION SKIPPED (--skip-validation)');
    expect(r.stdout).toContain('CREATE FAILED');
    expect(r.stdout).toContain('Input CSV is missing the following columns: [ITEM_ID]');
    expect(r.stdout).toMatch(/Cause: .+/);
    expect(r.stdout).toMatch(/Fix: {3}.+/);
    expect(r.stdout).toContain('personalize-import diagnose arn:aws:personalize:');
  });

  it('--profile fills dataset, bucket, prefix and role; an unknown one names the saved ones', async () => {
    const e = env();
    openProfileStore(e).store.save({
      name: 'domain-items', datasetGroupArn: sb.seeded.domainGroupArn, datasetArn: sb.seeded.datasetArn('domain', 'USERS'),
      bucket: sb.sandbox.bucket, prefix: 'from-profile/', roleArn: sb.sandbox.roleArn,
    });
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-users-')), 'members.csv');
    writeFileSync(csv, 'USER_ID,MEMBERSHIP\n' + Array.from({ length: 30 }, (_, i) => `user-${i},"gold"`).join('\n') + '\n');
    const r = await runCli(['import', '--profile', 'domain-items', '--csv', csv, '--job-name', 'from-profile-1', '--interval', '0.05', '--json'], e);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonDoc(r)).toMatchObject({ status: 'ACTIVE', dataLocation: expect.stringMatching(new RegExp(`^s3://${sb.sandbox.bucket}/from-profile/members-\\d{8}-\\d{6}-[a-z2-9]{4}\\.csv$`)) });
    expect(jsonDoc(r).datasetImportJobArn).toMatch(/\/from-profile-1$/);
    const unknown = await runCli(['import', '--profile', 'nope', '--csv', csv], e);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No saved profile named 'nope' \(looked in .*\)\.\n.*domain-items/);
    // a profile whose dataset is gone (deleted since, or another region): the hint names the profile, not a --dataset-arn it was not given
    openProfileStore(e).store.save({
      name: 'gone', datasetGroupArn: sb.seeded.domainGroupArn, datasetArn: `${sb.seeded.domainGroupArn.replace(':dataset-group/', ':dataset/')}/ACTIONS`,
      bucket: sb.sandbox.bucket, roleArn: sb.sandbox.roleArn,
    });
    const gone = await runCli(['import', '--profile', 'gone', '--csv', csv], e);
    expect(gone.code, gone.stderr).toBe(2);
    expect(gone.stderr.replace(/\s+/g, ' ')).toMatch(/The saved profile gone names dataset \S*\/ACTIONS, which is not in this account and region \(deleted since, or another region\)\. Pass --dataset-type \(or --dataset-arn\)/);
    expect(gone.stderr).toContain('personalize-import profiles delete gone');
    expect(gone.stderr).not.toMatch(/Check --dataset-arn/);
  });

  it('--dataset-group as an ARN, --debug (no secret in the log), --publish-attribution-metrics warned without an attribution', async () => {
    const r = await runCli(['import', '--dataset-group', sb.seeded.domainGroupArn, '--dataset-type', 'items', '--csv', join(SAMPLES, 'items.csv'), '--skip-validation',
      '--publish-attribution-metrics', '--no-wait', '--debug', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc.datasetImportJobArn).toMatch(/dataset-import-job\/sandbox-ecommerce-items-/);
    expect(r.stderr).toMatch(/CreateDatasetImportJob/);
    expect(r.stderr).not.toContain(sb.sandbox.secretAccessKey);
    expect(r.stderr).toMatch(/--publish-attribution-metrics is set but dataset group sandbox-ecommerce has no metric attribution/);
    const { datasetImportJob } = await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: doc.datasetImportJobArn }));
    expect(datasetImportJob?.publishAttributionMetricsToS3).toBe(true);
  });

  it('an unknown dataset group is a usage error naming the groups there', async () => {
    const r = await runCli(['import', '--dataset-group', 'nope', '--dataset-type', 'items', '--csv', join(SAMPLES, 'items.csv')], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no dataset group named nope.*\n.*sandbox-shop/);
  });
});

describe('import against a sandbox with slow jobs', () => {
  const sb = withSandbox({ jobSeconds: 120 });
  const env = () => cliEnv({ ...sb.env });

  it('--no-wait returns the ARN as soon as the job exists', async () => {
    const r = await runCli(['import', '--dataset-arn', sb.seeded.datasetArn('custom', 'ITEMS'), '--csv', join(SAMPLES, 'items.csv'), '--no-wait', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc.datasetImportJobArn).toMatch(/dataset-import-job\/sandbox-shop-items-/);
    // not waited for: the 120-second job is still running
    expect(['CREATE PENDING', 'CREATE IN_PROGRESS']).toContain(doc.status);
    expect(r.stderr).toContain(`personalize-import status ${doc.datasetImportJobArn}`);
  });

  it('Ctrl-C while waiting: the job keeps running, the status command is printed, exit 130', async () => {
    const run = start(['import', '--dataset-arn', sb.seeded.datasetArn('custom', 'USERS'), '--csv', join(SAMPLES, 'users.csv'), '--interval', '0.05'], env());
    await run.waitFor(/CREATE PENDING/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    const arn = /Created import job \S+: (\S+)/.exec(r.stdout)![1];
    // (the sandbox the environment points at, not AWS)
    expect(r.stderr).toMatch(/The import job keeps running at http:\/\/127\.0\.0\.1:\d+ \(not in AWS\)/);
    expect(r.stderr).toContain(`personalize-import status ${arn}`);
  });

  it('Ctrl-C while waiting with --json: still exactly one document, marked interrupted', async () => {
    const run = start(['import', '--dataset-arn', sb.seeded.datasetArn('domain', 'USERS'), '--data-location', `s3://${sb.sandbox.bucket}/nothing-yet.csv`, '--skip-validation', '--interval', '0.05', '--json'], env());
    // the data is not there: preflight says so and stops before the job (exit 1, a data problem)
    const missing = await run.done;
    expect(missing.code).toBe(1);
    expect(jsonDoc(missing).preflight.checks[0]).toMatchObject({ id: 'data-exists', status: 'FAIL' });
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'nothing-yet.csv', Body: readFileSync(join(SAMPLES, 'users.csv')) }));
    const again = start(['import', '--dataset-arn', sb.seeded.datasetArn('domain', 'USERS'), '--data-location', `s3://${sb.sandbox.bucket}/nothing-yet.csv`, '--skip-validation', '--interval', '0.05', '--json'], env());
    await again.waitFor(/CREATE PENDING/);
    again.child.kill('SIGINT');
    const r = await again.done;
    expect(r.code).toBe(130);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'CREATE PENDING', interrupted: true });
    expect(r.stderr).toContain(`personalize-import status ${doc.datasetImportJobArn}`);
  });

  it('--sandbox: an embedded sandbox with its role and bucket as defaults', async () => {
    const r = await runCli(['import', '--sandbox', '--sandbox-job-seconds', '0', '--dataset-group', 'sandbox-shop', '--dataset-type', 'users', '--csv', join(SAMPLES, 'users.csv'), '--interval', '0.05', '--json'], cliEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(jsonDoc(r)).toMatchObject({ status: 'ACTIVE', upload: { bucket: 'personalize-sandbox-data', key: expect.stringMatching(/^users-\d{8}-\d{6}-[a-z2-9]{4}\.csv$/) } });
    expect(r.stderr).toContain('(from the sandbox)');
  });

  it('Ctrl-C during the upload aborts the multipart upload (no parts left), exit 130, no job', async () => {
    // 24 MB (5 parts) with parts answered 1 s, 2 s, … late: still uploading when Ctrl-C lands
    const dir = mkdtempSync(join(tmpdir(), 'pi-big-'));
    const file = join(dir, 'big.csv');
    const row = 'user-001,item-001,1767225600,click,\n';
    writeFileSync(file, 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n' + row.repeat(Math.ceil((24 * 1024 * 1024) / row.length)));
    sb.sandbox.setUploadPartDelay(1000);
    onTestFinished(() => sb.sandbox.setUploadPartDelay(0));
    const arn = sb.seeded.datasetArn('domain', 'INTERACTIONS');
    const run = start(['import', '--dataset-arn', arn, '--csv', file, '--prefix', 'e2e/abort/', '--skip-validation'], env());
    await run.waitFor(/Uploading /);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(130);
    expect(r.stderr).toMatch(/cancelled|stopped/i);
    const uploads = await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
    expect(((await sb.s3.send(new ListObjectsV2Command({ Bucket: sb.sandbox.bucket, Prefix: 'e2e/abort/' }))).Contents ?? [])).toEqual([]);
    expect((await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: arn }))).datasetImportJobs ?? []).toEqual([]);
  });
});
