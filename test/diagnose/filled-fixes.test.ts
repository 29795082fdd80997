// A diagnosed job's fix is runnable as printed: the catalogue's commands carry the job's own data
// location, dataset ARN and job ARN (shell-quoted where needed), not `<file>` / `<arn>` / "the
// bucket" — on the terminal, in --json and in --report alike, and under `status`. A pasted message
// keeps placeholders only for what it does not say. Jobs the sandbox really failed, over loopback.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { interactionsCsv, withSandbox } from '../helpers/sandbox.js';
import { run } from '../../src/commands/diagnose.js';
import { diagnoseText } from '../../src/diagnose/catalogue.js';
import { runCli } from '../aws/cli-run.js';
import type { Io } from '../../src/core/ports.js';

const sb = withSandbox({ jobSeconds: 0 });
const PLACEHOLDER = /<(?:file|arn|dataset-arn|job-arn)>/;

function capture(env: Record<string, string>, cwd = process.cwd()): { io: Io; out: () => string } {
  const o: Buffer[] = [];
  const stdout = new PassThrough();
  stdout.on('data', (b: Buffer) => o.push(b));
  return { io: { stdout, stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...env, NO_COLOR: '1' }, cwd }, out: () => Buffer.concat(o).toString() };
}

async function failedJob(name: string, bucket: string, key: string, body: string): Promise<string> {
  await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
    dataSource: { dataLocation: `s3://${bucket}/${key}` }, roleArn: sb.sandbox.roleArn, importMode: 'FULL',
  }));
  const job = await sb.waitForJob(r.datasetImportJobArn!);
  expect(job.status).toBe('CREATE FAILED');
  return job.datasetImportJobArn!;
}

const flat = (s: string) => s.replace(/\s+/g, ' ');
let badValueJob: string;
let missingJob: string;
let noGrantJob: string;
let datasetArn: string;
beforeAll(async () => {
  datasetArn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
  const rows = interactionsCsv(1200, 100).split('\n');
  rows[5] = rows[5].replace(/,(\d+),click/, ',$1x,click');
  // a key with a space: the command must quote it to be runnable
  badValueJob = await failedJob('fill-bad-value', sb.sandbox.bucket, 'fill/my events.csv', rows.join('\n'));
  missingJob = await failedJob('fill-missing', sb.sandbox.bucket, 'fill/missing.csv', readFileSync(new URL('../../samples/interactions-missing-column.csv', import.meta.url), 'utf8'));
  noGrantJob = await failedJob('fill-nogrant', sb.sandbox.noGrantBucket, 'fill/i.csv', interactionsCsv(1200, 100));
});

describe('diagnose <job>: the fix names the job\'s own file and dataset', () => {
  it('a bad value: validate and fix commands with the S3 object (quoted) and the dataset ARN — terminal, --json and --report', async () => {
    const loc = `'s3://${sb.sandbox.bucket}/fill/my events.csv'`;
    const validate = `personalize-import validate ${loc} --dataset-arn ${datasetArn}`;
    const fix = `personalize-import fix ${loc} --dataset-arn ${datasetArn}`;
    const c = capture(sb.env);
    expect(await run([badValueJob, '--no-validate'], { io: c.io })).toBe(0);
    const out = flat(c.out());
    expect(out).toContain('Diagnosis: A value is not of its column\'s type');
    expect(out).toContain(validate);
    expect(out).toContain(fix);
    expect(out).not.toMatch(PLACEHOLDER);

    const dir = mkdtempSync(path.join(tmpdir(), 'fill-'));
    const j = capture(sb.env, dir);
    expect(await run([badValueJob, '--no-validate', '--json', '--report', 'r.md'], { io: j.io })).toBe(0);
    const doc = JSON.parse(j.out());
    expect(doc.match).toMatchObject({ id: 'bad-value' });
    expect(doc.match.fix).toContain(validate);
    expect(doc.match.fix).toContain(fix);
    expect(doc.match.fix).not.toMatch(PLACEHOLDER);
    const md = readFileSync(path.join(dir, 'r.md'), 'utf8');
    expect(flat(md)).toContain(validate);
    expect(md).not.toMatch(PLACEHOLDER);
  });

  it('missing columns under status (no header read there): validate with the file and dataset, diagnose with this job', async () => {
    const r = await runCli(['status', missingJob, '--interval', '0.1'], sb.env);
    expect(r.code).toBe(1);
    const fix = flat(r.stdout.slice(r.stdout.indexOf('  Fix:')));
    expect(fix).toContain(`personalize-import validate s3://${sb.sandbox.bucket}/fill/missing.csv --dataset-arn ${datasetArn}`);
    expect(fix).toContain(`personalize-import diagnose ${missingJob}`);
    expect(fix).not.toMatch(PLACEHOLDER);
  });

  it('the no-grant bucket: the fix names the job\'s bucket and the diagnose command for this job', async () => {
    const c = capture(sb.env);
    expect(await run([noGrantJob, '--no-validate', '--json'], { io: c.io })).toBe(0);
    const doc = JSON.parse(c.out());
    expect(doc.match).toMatchObject({ id: 's3-insufficient-privileges' });
    expect(doc.match.fix).toContain(`s3:GetObject + s3:ListBucket on ${sb.sandbox.noGrantBucket} and ${sb.sandbox.noGrantBucket}/*`);
    expect(doc.match.fix).toContain(`personalize-import diagnose ${noGrantJob}`);
    expect(doc.match.fix).not.toMatch(PLACEHOLDER);
    expect(doc.match.cause).toContain(`in ${sb.sandbox.noGrantBucket}`);
  });

  it('status on the failed job: its Fix line carries the same filled-in commands', async () => {
    const r = await runCli(['status', badValueJob, '--interval', '0.1'], sb.env);
    expect(r.code).toBe(1);
    const fix = flat(r.stdout.slice(r.stdout.indexOf('  Fix:')));
    expect(fix).toContain(`personalize-import validate 's3://${sb.sandbox.bucket}/fill/my events.csv' --dataset-arn ${datasetArn}`);
    expect(fix).not.toMatch(PLACEHOLDER);
  });
});

describe('diagnose --message: placeholders only for what the paste does not say', () => {
  it('a bare failure reason keeps <file> and <dataset-arn>', () => {
    const { match } = diagnoseText("Invalid value '1767225600000x' for TIMESTAMP (type long) at line 6.");
    expect(match.fix).toContain('personalize-import validate <file> --dataset-arn <dataset-arn>');
  });
  it('a paste that names the location and the dataset gets them filled in, the job ARN too', () => {
    const job = 'arn:aws:personalize:eu-west-1:123456789012:dataset-import-job/shop-2026';
    const ds = 'arn:aws:personalize:eu-west-1:123456789012:dataset/shop/INTERACTIONS';
    const { match } = diagnoseText(`Job ${job} (dataset ${ds}, data s3://acme-data/exports/events.csv) failed: Input CSV is missing the following columns: [ITEM_ID]`);
    expect(match.id).toBe('missing-columns');
    expect(match.fix).toContain(`personalize-import validate s3://acme-data/exports/events.csv --dataset-arn ${ds}`);
    expect(match.fix).toContain(`personalize-import diagnose ${job}`);
    expect(match.fix).not.toMatch(PLACEHOLDER);
  });
  it('a paste with only the location: the dataset stays a placeholder', () => {
    const { match } = diagnoseText("s3://acme-data/in/ failed: Line 3 has 2 values but the header has 4 columns.");
    expect(match.id).toBe('column-count');
    // (fix takes one object: a folder's files are named by the placeholder)
    expect(match.fix).toContain('personalize-import fix s3://acme-data/in/<file>.csv --dataset-arn <dataset-arn>');
  });
});

describe('too few interactions after an event-type filter with several types', () => {
  it('captures every listed type and names them all', () => {
    const { match } = diagnoseText('Dataset has fewer than 1000 interactions after filtering by event type: purchase, add-to-cart');
    expect(match.id).toBe('too-few-interactions-event-type');
    expect(match.captured).toEqual({ minimum: '1000', eventType: 'purchase,add-to-cart' });
    expect(match.cause).toContain('EVENT_TYPE "purchase" and "add-to-cart"');
    expect(match.fix).toContain('Import more "purchase" and "add-to-cart" events');
  });
  it('quoted types and three of them; a sentence after the list is not a type', () => {
    const { match } = diagnoseText("Dataset has fewer than 1000 interactions after filtering by event type: 'purchase', 'add-to-cart', 'wishlist' — what now?");
    expect(match.captured?.eventType).toBe('purchase,add-to-cart,wishlist');
    expect(match.cause).toContain('"purchase", "add-to-cart", and "wishlist"');
  });
});
