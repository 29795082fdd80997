// `personalize-import diagnose` run in-process against the sandbox through its endpoint env
// (AWS_ENDPOINT_URL_PERSONALIZE / _S3 / _IAM), as a user pointing the CLI at it would. The
// sandbox's IAM serves the seeded role (trusts Personalize, may read both buckets), so the role
// checks PASS here; refusals and other roles are covered in test/diagnose/ with a fake AccessApi.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { run } from '../../src/commands/diagnose.js';
import { isAppError } from '../../src/core/errors.js';
import type { Io } from '../../src/core/ports.js';

const sb = withSandbox({ jobSeconds: 0 });

function capture(env: Record<string, string>, cwd = process.cwd()): { io: Io; out: () => string; err: () => string } {
  const o: Buffer[] = [];
  const e: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (b: Buffer) => o.push(b));
  stderr.on('data', (b: Buffer) => e.push(b));
  return { io: { stdout, stderr, stdin: new PassThrough(), isTTY: false, env: { ...env, NO_COLOR: '1' }, cwd }, out: () => Buffer.concat(o).toString(), err: () => Buffer.concat(e).toString() };
}

async function exitOf(p: Promise<number>): Promise<number> {
  try {
    return await p;
  } catch (e) {
    if (isAppError(e)) return e.exitCode;
    throw e;
  }
}

async function importJob(name: string, bucket: string, key: string, file: string): Promise<string> {
  await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(new URL(`../../samples/${file}`, import.meta.url)) }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
    dataSource: { dataLocation: `s3://${bucket}/${key}` }, roleArn: sb.sandbox.roleArn, importMode: 'FULL',
  }));
  const job = await sb.waitForJob(r.datasetImportJobArn!);
  return job.datasetImportJobArn!;
}

let noGrantJob: string;
let missingColumnJob: string;
let goodJob: string;
beforeAll(async () => {
  noGrantJob = await importJob('diag-nogrant', sb.sandbox.noGrantBucket, 'diag/interactions.csv', 'interactions.csv');
  missingColumnJob = await importJob('diag-missing-col', sb.sandbox.bucket, 'diag/missing.csv', 'interactions-missing-column.csv');
  goodJob = await importJob('diag-good', sb.sandbox.bucket, 'diag/good.csv', 'interactions.csv');
});

describe('diagnose <job-arn>', () => {
  it('a job that failed on the no-grant bucket: names the bucket policy and prints the statement to add', async () => {
    const c = capture(sb.env);
    expect(await run([noGrantJob], { io: c.io })).toBe(0);
    const out = c.out();
    expect(out).toContain('CREATE FAILED');
    expect(out).toContain('Insufficient privileges for accessing data in S3');
    expect(out).toContain('Diagnosis: Personalize could not read the data in S3');
    expect(out).toMatch(/FAIL\s+The bucket policy lets Personalize read the data/);
    expect(out).toContain(`Bucket policy statement for ${sb.sandbox.noGrantBucket}:`);
    expect(out).toContain(`"arn:aws:s3:::${sb.sandbox.noGrantBucket}/*"`);
    expect(out).toContain('"Service": "personalize.amazonaws.com"');
    // the sandbox's IAM: the role trusts Personalize and may read the bucket; only the bucket policy is missing
    expect(out).toMatch(/PASS\s+The service role exists and trusts Personalize/);
    expect(out).toMatch(/PASS\s+The service role can read the bucket/);
    expect(out).toMatch(/PASS\s+The S3 data exists/);
    expect(c.err()).toBe('');
  });

  it('--json parses, and --report writes the Markdown with the filled-in statements', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diag-'));
    const c = capture(sb.env, dir);
    expect(await run([noGrantJob, '--json', '--report', 'out.md'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.match).toMatchObject({ known: true, id: 's3-insufficient-privileges' });
    expect(doc.checks.find((x: { id: string }) => x.id === 'bucket-policy').status).toBe('FAIL');
    expect(doc.statementsToAdd['bucket-policy'].Resource).toEqual([`arn:aws:s3:::${sb.sandbox.noGrantBucket}`, `arn:aws:s3:::${sb.sandbox.noGrantBucket}/*`]);
    // the merged policy keeps the bucket's own statement and adds Personalize's
    expect(doc.mergedBucketPolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['OwnerOnly', 'PersonalizeS3BucketAccessPolicy']);
    expect(doc.report).toBe(path.join(dir, 'out.md'));
    const md = readFileSync(path.join(dir, 'out.md'), 'utf8');
    expect(md).toContain('# Amazon Personalize import job diagnosis: diag-nogrant');
    expect(md).toContain('## What to change');
    expect(md).toContain(`### Bucket policy statement for ${sb.sandbox.noGrantBucket}`);
    expect(md).toContain(`aws s3api put-bucket-policy --bucket ${sb.sandbox.noGrantBucket}`);
    expect(md).toContain('| The bucket policy lets Personalize read the data | ❌ FAIL |');
    expect(md).toContain('```json');
  });

  it('a job that failed on a missing column: catalogue + validation name ITEM_ID', async () => {
    const c = capture(sb.env);
    expect(await run([missingColumnJob], { io: c.io })).toBe(0);
    const out = c.out();
    expect(out).toContain('Diagnosis: The CSV header lacks columns the schema requires');
    expect(out).toContain('Add the column ITEM_ID');
    expect(out).toMatch(/FAIL\s+The data passes validation/);
    expect(out).toContain('ITEM_ID');
    expect(out).not.toContain('Bucket policy statement');
  });

  it('--no-validate skips reading the data', async () => {
    const c = capture(sb.env);
    expect(await run([missingColumnJob, '--no-validate', '--json'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.checks.find((x: { id: string }) => x.id === 'data-valid')).toMatchObject({ status: 'CANT_CHECK', detail: 'Skipped (--no-validate).' });
  });

  it('an ACTIVE job: no failure reason, validation PASS, exit 0', async () => {
    const c = capture(sb.env);
    expect(await run([goodJob, '--json'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.job.status).toBe('ACTIVE');
    expect(doc.match).toMatchObject({ known: false, id: 'not-failed', title: 'The job succeeded (ACTIVE)' });
    expect(doc.checks.find((x: { id: string }) => x.id === 'data-valid').status).toBe('PASS');
  });

  it('usage: a malformed ARN names the argument (exit 2); another resource type is named', async () => {
    const c = capture(sb.env);
    const e = await run(['arn:aws:personalize:us-east-1:111122223333:dataset/x/INTERACTIONS'], { io: c.io }).catch((x: unknown) => x);
    expect(isAppError(e) && e.exitCode).toBe(2);
    expect((e as Error).message).toContain('<job-arn>');
    expect((e as Error).message).toContain('dataset ARN');
    expect(await exitOf(run([], { io: c.io }))).toBe(2);
    expect(await exitOf(run(['not-an-arn'], { io: c.io }))).toBe(2);
    expect(await exitOf(run([goodJob, '--bogus'], { io: c.io }))).toBe(2);
  });

  it('a job that does not exist: exit 2 with the ARN named', async () => {
    const c = capture(sb.env);
    const arn = 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/never-made';
    const e = await run([arn], { io: c.io }).catch((x: unknown) => x);
    expect(isAppError(e) && e.exitCode).toBe(2);
    expect((e as Error).message).toContain('never-made');
  });

  it('no credentials: exit 3', async () => {
    const env = { ...sb.env };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const c = capture({ ...env, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' });
    const saved = { ...process.env };
    // the SDK's default chain reads process.env for files/metadata: point it nowhere for this test
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[k];
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent';
    process.env.AWS_CONFIG_FILE = '/nonexistent';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      expect(await exitOf(run([goodJob], { io: c.io }))).toBe(3);
    } finally {
      process.env = saved;
    }
  });
});
