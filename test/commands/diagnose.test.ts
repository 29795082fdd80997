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
let lowerCaseJob: string;
beforeAll(async () => {
  // the same good file with its header in lower case: the service (and the sandbox) report the columns as missing
  const text = readFileSync(new URL('../../samples/interactions.csv', import.meta.url), 'utf8');
  const lower = text.replace(/^[^\n]*/, (h) => h.toLowerCase());
  await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'diag/lower.csv', Body: lower }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: 'diag-lower-case', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
    dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/diag/lower.csv` }, roleArn: sb.sandbox.roleArn, importMode: 'FULL',
  }));
  lowerCaseJob = (await sb.waitForJob(r.datasetImportJobArn!)).datasetImportJobArn!;
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
    // the command that makes the change for you, filled in (the list only described the statement)
    expect(out.replace(/\s+/g, ' ')).toContain(`Or let personalize-import make these changes — it shows each one and asks first (--dry-run only prints them and the aws commands): personalize-import access setup --bucket ${sb.sandbox.noGrantBucket} --prefix diag/ --dataset-group sandbox-shop --role-arn ${sb.sandbox.roleArn} --region us-east-1`);
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
    expect(md).toMatch(/^2\. Or let personalize-import make these changes .*: personalize-import access setup --bucket \S+ --prefix diag\/ --dataset-group sandbox-shop --role-arn \S+ --region us-east-1$/m);
    expect(md).toContain(`### Bucket policy statement for ${sb.sandbox.noGrantBucket}`);
    expect(md).toContain(`aws s3api put-bucket-policy --bucket ${sb.sandbox.noGrantBucket}`);
    expect(md).toContain('| The bucket policy lets Personalize read the data | ❌ FAIL |');
    expect(md).toContain('```json');
  });

  it('--report: a failure reason quoting control characters from the file is escaped in the Markdown, as on the terminal', async () => {
    // the service quotes the bad value: ESC [31m, CR and BEL would reach whoever cats the report or
    // pastes it into a ticket (the CR hides the start of its table row)
    const text = readFileSync(new URL('../../samples/interactions.csv', import.meta.url), 'utf8').split('\n');
    text[5] = text[5].replace(/,\d+,/, ',17672\x1b[31mRED\x1b[0m\r\x07,');
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'diag/ctrl.csv', Body: text.join('\n') }));
    const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'diag-ctrl', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
      dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/diag/ctrl.csv` }, roleArn: sb.sandbox.roleArn, importMode: 'FULL',
    }));
    const job = await sb.waitForJob(r.datasetImportJobArn!);
    expect(job.failureReason).toContain('\x1b[31m');
    const dir = mkdtempSync(path.join(tmpdir(), 'diag-'));
    const c = capture(sb.env, dir);
    expect(await run([job.datasetImportJobArn!, '--no-validate', '--report', 'ctrl.md'], { io: c.io })).toBe(0);
    const md = readFileSync(path.join(dir, 'ctrl.md'), 'utf8');
    expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(md).toContain("| Failure reason | Invalid value '17672\\x1b[31mRED\\x1b[0m\\r\\x07' for TIMESTAMP (type long) at line 6. |");
    // the sandbox's wording of a bad value is in the catalogue: what happened names the line and column
    // (quoting the value as the failure reason does: its colour codes and CR are the file's bytes, not a terminal's)
    expect(md).toContain("**A value is not of its column's type.** Line 6 has '17672\\x1b[31mRED\\x1b[0m\\r\\x07' in TIMESTAMP, which the schema types long");
    expect(md).not.toContain('not one we recognise');
  });

  it('a job whose bucket does not exist: what to change is the bucket name — no bucket policy or access setup for a bucket that is not there', async () => {
    const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'diag-no-bucket', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
      dataSource: { dataLocation: 's3://acme-personalize-typo/exports/i.csv' }, roleArn: sb.sandbox.roleArn, importMode: 'FULL',
    }));
    const job = await sb.waitForJob(r.datasetImportJobArn!);
    expect(job.status).toBe('CREATE FAILED');
    const c = capture(sb.env);
    expect(await run([job.datasetImportJobArn!, '--no-validate'], { io: c.io })).toBe(0);
    const out = c.out();
    expect(out).toMatch(/FAIL\s+The S3 data exists and is not empty\n\s+The bucket acme-personalize-typo does not exist/);
    expect(out).not.toContain('Check the key for typos');
    const change = out.slice(out.indexOf('What to change'));
    expect(change).toMatch(/^What to change\n {2}1\. Data location: Check the bucket name in the data location\.\n {2}2\. Then create a new import job/);
    expect(out).not.toContain('Bucket policy statement for');
    expect(out).not.toContain('access setup');
  });

  it('a job that failed on a missing column: catalogue + validation name ITEM_ID', async () => {
    const c = capture(sb.env);
    expect(await run([missingColumnJob], { io: c.io })).toBe(0);
    const out = c.out();
    expect(out).toContain('Diagnosis: The CSV header lacks columns the schema requires');
    expect(out).toContain('Add ITEM_ID to the header');
    expect(out).toContain('not even with other case');
    expect(out).toMatch(/FAIL\s+The data passes validation/);
    expect(out).toContain('ITEM_ID');
    // counted as findings and kinds ("N error kind(s)" was the number of findings kept, not kinds)
    expect(out.replace(/\s+/g, ' ')).toMatch(/: \d[\d,]* errors? \(\d+ kinds?\); first:/);
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
      // restored in place: process.env stays the real environment object (test files share a worker)
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});

describe('diagnose: header case and job names (#16 items 1 and 17)', () => {
  it('a job failed on "missing the following columns" with a lower-case header: "the header names differ only in case"', async () => {
    const c = capture(sb.env);
    expect(await run([lowerCaseJob, '--no-validate', '--json'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.job.failureReason).toMatch(/missing the following columns/);
    expect(doc.match.id).toBe('missing-columns');
    expect(doc.parsed).toMatchObject({ name: null, message: expect.stringContaining('missing the following columns') });
    expect(doc.match.cause).toMatch(/the header names differ only in case/i);
    expect(doc.match.fix).toContain('user_id → USER_ID');
    expect(doc.match.fix).not.toMatch(/^Add/);
  });

  it('with validation, HEADER_CASE is an error (not a warning) and the summary says the case differs', async () => {
    const c = capture(sb.env);
    expect(await run([lowerCaseJob], { io: c.io })).toBe(0);
    expect(c.out()).toMatch(/header names differ only in case/i);
    expect(c.out()).toMatch(/error\s+.*user_id/);
  });

  it('a job name works wherever the ARN does (looked up in the region)', async () => {
    const c = capture(sb.env);
    expect(await run(['diag-good', '--json', '--no-validate'], { io: c.io })).toBe(0);
    expect(JSON.parse(c.out()).job.arn).toBe(goodJob);
  });

  it('an unknown job name: exit 2, naming it and near names', async () => {
    const c = capture(sb.env);
    const e = await run(['diag-goo'], { io: c.io }).catch((x: unknown) => x);
    expect(isAppError(e) && e.exitCode).toBe(2);
    expect((e as Error).message).toContain("no import job named 'diag-goo'");
    expect(isAppError(e) && e.hint).toContain('diag-good');
  });
});

describe('diagnose --message (no AWS call)', () => {
  const CLI = 'An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation: Another resource with Arn arn:aws:personalize:eu-west-1:123456789012:schema/shop-users already exists.';
  // no endpoint, no credentials: --message must not need them
  const bare = { PATH: process.env.PATH ?? '' };

  it('a pasted CLI error: the parsed facts, the schema entry, its captured values — exit 0', async () => {
    const c = capture(bare);
    expect(await run(['--message', CLI], { io: c.io })).toBe(0);
    const out = c.out();
    expect(out).toContain('Pasted error (AWS CLI)');
    expect(out).toMatch(/Exception\s+ResourceAlreadyExistsException/);
    expect(out).toMatch(/Operation\s+CreateSchema/);
    expect(out).toContain('Diagnosis: A schema with this name already exists');
    expect(out).toContain('name=shop-users');
  });

  it('a pasted describe-dataset-import-job output: the job\'s facts shown (not empty error rows), and the diagnose command with its ARN', async () => {
    const arn = 'arn:aws:personalize:eu-west-1:123456789012:dataset-import-job/shop-20261201-0900';
    const doc = JSON.stringify({ datasetImportJob: { jobName: 'shop-20261201-0900', datasetImportJobArn: arn, dataSource: { dataLocation: 's3://acme-personalize/exports/i\u001b[2J.csv' }, roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3Role', status: 'CREATE FAILED', creationDateTime: '2026-12-01T09:00:12.345000+00:00', lastUpdatedDateTime: '2026-12-01T09:04:51.120000+00:00', failureReason: 'Insufficient privileges for accessing data in S3: s3://acme-personalize/exports/i.csv. Verify your role has permissions to access data in S3.', importMode: 'FULL' } }, null, 4);
    const c = capture(bare);
    expect(await run(['--message', doc], { io: c.io })).toBe(0);
    const out = c.out();
    expect(out).toContain('Pasted import job (describe-dataset-import-job)');
    expect(out).toMatch(/^ {2}Job ARN +arn:aws:personalize:eu-west-1:123456789012:dataset-import-job\/shop-20261201-0900$/m);
    expect(out).toMatch(/^ {2}Status +CREATE FAILED$/m);
    expect(out).toMatch(/^ {2}Ran +2026-12-01 09:00:12 UTC → 2026-12-01 09:04:51 UTC \(4 min 39 s\)$/m);
    // a control character in the pasted location is shown escaped
    expect(out).toContain('s3://acme-personalize/exports/i\\x1b[2J.csv');
    expect(out).not.toContain('\u001b');
    expect(out).not.toMatch(/Exception +—|Request id +—/);
    expect(out).toContain(`personalize-import diagnose ${arn} runs them.`);
    const j = capture(bare);
    expect(await run(['--message', doc, '--json'], { io: j.io })).toBe(0);
    expect(JSON.parse(j.out()).parsed.job).toMatchObject({ arn, status: 'CREATE FAILED', mode: 'FULL', roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3Role' });
  });

  it('--json: {parsed, match} with the shape `diagnose <arn> --json` uses', async () => {
    const c = capture(bare);
    expect(await run(['--message', CLI, '--json'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.parsed).toEqual({ name: 'ResourceAlreadyExistsException', operation: 'CreateSchema', status: null, requestId: null, message: expect.stringContaining('already exists'), wrapper: 'aws-cli' });
    expect(Object.keys(doc.match)).toEqual(expect.arrayContaining(['known', 'id', 'title', 'cause', 'fix', 'docs', 'captured']));
    expect(doc.match).toMatchObject({ known: true, id: 'already-exists-schema', captured: { resource: 'schema', name: 'shop-users', region: 'eu-west-1' } });
  });

  it('--message - reads a pasted block from stdin (a botocore traceback)', async () => {
    const c = capture(bare);
    (c.io.stdin as PassThrough).end('Traceback (most recent call last):\n  File "x.py", line 3, in <module>\nbotocore.errorfactory.LimitExceededException: An error occurred (LimitExceededException) when calling the CreateDatasetImportJob operation: More than 5 resources with PENDING or IN_PROGRESS status.\n');
    expect(await run(['--message', '-', '--json'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.parsed).toMatchObject({ wrapper: 'botocore', name: 'LimitExceededException', operation: 'CreateDatasetImportJob' });
    expect(doc.match.id).toBe('too-many-running-jobs');
  });

  it('two different CLI errors in one paste: each diagnosed in turn (the header no longer names one and the diagnosis the other); a repeat is said once', async () => {
    const limit = 'An error occurred (LimitExceededException) when calling the CreateDatasetImportJob operation: More than 5 resources with PENDING or IN_PROGRESS status.';
    const exists = 'An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetImportJob operation: Dataset import job arn:aws:personalize:us-east-1:123456789012:dataset-import-job/nightly already exists.';
    const c = capture(bare);
    (c.io.stdin as PassThrough).end(`${limit}\n${exists}\n${limit}\n`);
    expect(await run(['--message', '-'], { io: c.io })).toBe(0);
    const out = c.out();
    expect(out).toMatch(/^The text holds 2 different errors \(and 1 repeat of them\)/);
    const [one, two] = out.split(/── Error \d of 2 ──/).slice(1);
    expect(one).toMatch(/Exception\s+LimitExceededException/);
    expect(one).toMatch(/Message\s+More than 5 resources with PENDING or IN_PROGRESS status\.\n/);
    expect(one).toContain('Diagnosis: Too many import jobs running at once');
    expect(two).toMatch(/Exception\s+ResourceAlreadyExistsException/);
    expect(two).toContain('Diagnosis: An import job with this name already exists');
    const j = capture(bare);
    expect(await run(['--message', `${limit}\n${exists}`, '--json'], { io: j.io })).toBe(0);
    const doc = JSON.parse(j.out());
    expect(doc.match.id).toBe('too-many-running-jobs');
    expect(doc.others.map((o: { match: { id: string } }) => o.match.id)).toEqual(['already-exists-import-job']);
  });

  it('an unknown message: exit 0, said to be unknown, with the parsed facts', async () => {
    const c = capture(bare);
    expect(await run(['--message', 'An error occurred (NewException) when calling the CreateSolution operation: surprise', '--json'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.match).toMatchObject({ known: false, id: 'unknown', captured: { exception: 'NewException', operation: 'CreateSolution' } });
  });

  it('--csv: a lower-case header turns "missing columns" into "the header names differ only in case"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diag-msg-'));
    const file = path.join(dir, 'lower.csv');
    (await import('node:fs')).writeFileSync(file, 'user_id,item_id,timestamp\nu1,i1,1767225600\n');
    const c = capture(bare, dir);
    expect(await run(['--message', 'Input CSV is missing the following columns: [USER_ID, ITEM_ID, TIMESTAMP]', '--csv', 'lower.csv'], { io: c.io })).toBe(0);
    expect(c.out()).toContain('The CSV header names differ only in case');
    expect(c.out()).toContain('user_id → USER_ID');
  });

  it('control characters in the paste are escaped in the output (no ESC, no OSC 52, no CR)', async () => {
    const hostile = 'An error occurred (InvalidInputException) when calling the CreateSchema operation: bad \x1b]52;c;ZXZpbA==\x07 name \x1b[2J\rfield \u202e';
    const c = capture(bare);
    expect(await run(['--message', hostile], { io: c.io })).toBe(0);
    expect(c.out()).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    const j = capture(bare);
    expect(await run(['--message', hostile, '--json'], { io: j.io })).toBe(0);
    expect(() => JSON.parse(j.out())).not.toThrow();
  });

  it('usage: empty text, stdin with nothing, a job and --message, flags that need a job — exit 2 naming them', async () => {
    const c = capture(bare);
    expect(await exitOf(run(['--message', '   '], { io: c.io }))).toBe(2);
    (c.io.stdin as PassThrough).end('');
    expect(await exitOf(run(['--message', '-'], { io: c.io }))).toBe(2);
    expect(await exitOf(run([goodJob, '--message', 'x'], { io: c.io }))).toBe(2);
    const e = await run(['--message', 'x', '--region', 'us-east-1'], { io: c.io }).catch((x: unknown) => x);
    expect(isAppError(e) && e.exitCode).toBe(2);
    expect((e as Error).message).toContain('--region');
    expect(await exitOf(run(['--message', 'x', '--csv', '/no/such/file.csv'], { io: c.io }))).toBe(2);
    expect(await exitOf(run([goodJob, '--csv', 'x.csv'], { io: c.io }))).toBe(2);
  });
});
