// `personalize-import history`: the built CLI as a child process (no terminal) against the
// in-process sandbox, configured only by its endpoint env; --json output parsed.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { runCli } from '../aws/cli-run.js';

const sb = withSandbox({ jobSeconds: 0 });
const SAMPLE = readFileSync(path.resolve(__dirname, '../../samples/interactions.csv'));
const ITEMS = readFileSync(path.resolve(__dirname, '../../samples/items.csv'));
let interactions: string;

async function job(name: string, type: 'INTERACTIONS' | 'ITEMS', bucket: string, mode: 'FULL' | 'INCREMENTAL' = 'FULL'): Promise<string> {
  const key = `history/${name}.csv`;
  await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: type === 'ITEMS' ? ITEMS : SAMPLE }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: name, datasetArn: sb.seeded.datasetArn('custom', type), dataSource: { dataLocation: `s3://${bucket}/${key}` }, roleArn: sb.sandbox.roleArn, importMode: mode,
  }));
  await sb.waitForJob(r.datasetImportJobArn!);
  return r.datasetImportJobArn!;
}

beforeAll(async () => {
  interactions = sb.seeded.datasetArn('custom', 'INTERACTIONS');
  await job('hist-1-full', 'INTERACTIONS', sb.sandbox.bucket);
  await job('hist-2-nogrant', 'INTERACTIONS', sb.sandbox.noGrantBucket);
  await job('hist-3-incr', 'INTERACTIONS', sb.sandbox.bucket, 'INCREMENTAL');
  await job('hist-4-items', 'ITEMS', sb.sandbox.bucket);
});

describe('history', () => {
  it('--dataset-arn --json: every job, newest first, with mode, status, dates, duration, failure reason', async () => {
    const r = await runCli(['history', '--dataset-arn', interactions, '--json'], sb.env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.datasetArn).toBe(interactions);
    expect(doc.jobs.map((j: { jobName: string }) => j.jobName)).toEqual(['hist-3-incr', 'hist-2-nogrant', 'hist-1-full']);
    expect(doc.jobs[0]).toMatchObject({ importMode: 'INCREMENTAL', status: 'ACTIVE', datasetArn: interactions });
    expect(doc.jobs[1]).toMatchObject({ status: 'CREATE FAILED', failureReason: expect.stringContaining('Insufficient privileges') });
    for (const j of doc.jobs) {
      expect(Date.parse(j.creationDateTime)).not.toBeNaN();
      expect(j.durationSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it('--dataset-group by name lists all its datasets with a DATASET column; the failure reason sits beneath its row', async () => {
    const r = await runCli(['history', '--dataset-group', 'sandbox-shop'], sb.env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+DATASET\s+MODE\s+STATUS\s+CREATED \(UTC\)\s+DURATION$/);
    expect(lines[1]).toMatch(/^hist-4-items\s+ITEMS\s+FULL\s+ACTIVE\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+ s$/);
    const failed = lines.findIndex((l) => l.startsWith('hist-2-nogrant'));
    expect(lines[failed]).toContain('CREATE FAILED');
    // the job ARN whole on its own line beneath the row (what status / diagnose take), then the reason
    expect(lines[failed + 1]).toMatch(/^ {2}arn:aws:personalize:us-east-1:\d{12}:dataset-import-job\/hist-2-nogrant$/);
    expect(lines[failed + 2]).toMatch(/^ {2}└ Insufficient privileges for accessing data in S3/);
    expect(lines.at(-1)).toBe('4 jobs, newest first.');
  });

  it('--dataset-group ARN + --dataset-type (any case) narrows to one dataset', async () => {
    const r = await runCli(['history', '--dataset-group', sb.seeded.customGroupArn, '--dataset-type', 'items', '--json'], sb.env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.jobs.map((j: { jobName: string }) => j.jobName)).toEqual(['hist-4-items']);
    expect(doc.jobs[0].datasetType).toBe('ITEMS');
  });

  it('a dataset with no jobs says so', async () => {
    const r = await runCli(['history', '--dataset-arn', sb.seeded.datasetArn('custom', 'USERS')], sb.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No import jobs yet for arn:aws:personalize:.*dataset\/sandbox-shop\/USERS\.\n$/);
  });

  it.each([
    [['history'], /missing --dataset-arn or --dataset-group/],
    [['history', '--dataset-arn', 'x', '--dataset-group', 'y'], /not both/],
    [['history', '--dataset-arn', 'sandbox-shop/INTERACTIONS'], /--dataset-arn 'sandbox-shop\/INTERACTIONS' is not a dataset ARN/],
    [['history', '--dataset-group', 'sandbox-shop', '--dataset-type', 'clicks'], /--dataset-type 'clicks' is not a dataset type/],
    [['history', '--dataset-group', 'arn:aws:personalize:us-east-1:111122223333:dataset/sandbox-shop/ITEMS'], /--dataset-group .* is not a dataset-group ARN/],
    [['history', 'extra'], /unexpected argument 'extra'/],
  ])('usage: %j → exit 2', async (args, message) => {
    const r = await runCli(args as string[], { HOME: '/nonexistent' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
  });

  it('--json failures are one document: {"error": …}', async () => {
    const r = await runCli(['history', '--dataset-group', 'shopp', '--json'], sb.env);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { kind: 'usage', message: expect.stringContaining('shopp') } });
  });

  it('an unknown group name → exit 2 listing the groups there are', async () => {
    const r = await runCli(['history', '--dataset-group', 'shopp'], sb.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--dataset-group 'shopp': no dataset group of that name here.");
    expect(r.stderr).toContain('sandbox-shop');
  });

  it('a dataset type the group lacks → exit 2 naming what it has', async () => {
    const r = await runCli(['history', '--dataset-group', 'sandbox-shop', '--dataset-type', 'ACTIONS'], sb.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/It has: (INTERACTIONS|ITEMS|USERS)/);
  });
});

describe('history under throttling (one retry policy, #18 item 12)', () => {
  it('throttled beyond the SDK\'s own attempts: waits and retries the page, says so on stderr, lists every job (exit 0)', async () => {
    // the SDK makes 3 attempts per call: 7 throttles make the first page fail twice before it answers
    sb.sandbox.faults.inject('ListDatasetImportJobs', { kind: 'throttle', count: 7 });
    const r = await runCli(['history', '--dataset-arn', interactions, '--json'], sb.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).jobs.map((j: { jobName: string }) => j.jobName)).toEqual(['hist-3-incr', 'hist-2-nogrant', 'hist-1-full']);
    expect(r.stderr).toMatch(/list import jobs of .*: throttled by AWS, retrying/);
    // one note for the whole spell (the next would come after 30 s), not one per attempt
    expect(r.stderr.split('\n').filter((l) => /throttled/.test(l))).toHaveLength(1);
  });
});

