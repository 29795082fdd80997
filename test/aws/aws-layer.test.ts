// src/aws/ against the in-process sandbox over loopback, through the real SDK clients that
// createDeps() builds from the sandbox's env (endpoint overrides → S3 path-style).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateDatasetGroupCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { testIo } from './test-io.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { AppError } from '../../src/core/errors.js';

const sb = withSandbox({ jobSeconds: 0 });
const SAMPLE = path.resolve(__dirname, '../../samples/interactions.csv');
let deps: AwsDeps;

beforeAll(async () => {
  deps = await createDeps({ io: testIo(sb.env) });
});
afterAll(async () => {
  await deps?.close();
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('createDeps from an endpoint env', () => {
  it('reports where it points: region, both overrides, not the embedded sandbox', () => {
    expect(deps.context).toMatchObject({
      region: 'us-east-1',
      endpointOverride: sb.env.AWS_ENDPOINT_URL_PERSONALIZE,
      s3EndpointOverride: sb.env.AWS_ENDPOINT_URL_S3,
      sandbox: false,
    });
  });

  it('with sandbox: true starts its own sandbox and exposes its role and bucket, closing it on close()', async () => {
    const own = await createDeps({ io: testIo({}), sandbox: true, sandboxJobSeconds: 0 });
    try {
      expect(own.context.sandbox).toBe(true);
      expect(own.context.roleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
      expect(own.context.bucket).toBe('personalize-sandbox-data');
      expect(own.context.accountId).toMatch(/^\d{12}$/);
      expect((await own.personalize.listDatasetGroups()).map((g) => g.name)).toContain('sandbox-shop');
    } finally {
      await own.close();
    }
    const e = await rejection(own.personalize.listDatasetGroups());
    expect(e.kind).toBe('network');
  });
});

describe('PersonalizeApi', () => {
  it('lists every page of dataset groups', async () => {
    const created: string[] = [];
    for (let i = 0; i < 103; i++) {
      const name = `page-test-${String(i).padStart(3, '0')}`;
      await sb.personalize.send(new CreateDatasetGroupCommand({ name }));
      created.push(name);
    }
    const before = sb.sandbox.requests.filter((r) => r.operation === 'ListDatasetGroups').length;
    const groups = await deps.personalize.listDatasetGroups();
    const calls = sb.sandbox.requests.filter((r) => r.operation === 'ListDatasetGroups').length - before;
    expect(calls).toBeGreaterThanOrEqual(2);
    const names = groups.map((g) => g.name);
    for (const n of [...created, 'sandbox-shop', 'sandbox-ecommerce']) expect(names).toContain(n);
    expect(new Set(names).size).toBe(names.length);
  });

  it('describes a group, its datasets and a parsed schema', async () => {
    const g = await deps.personalize.describeDatasetGroup(sb.seeded.domainGroupArn);
    expect(g).toMatchObject({ arn: sb.seeded.domainGroupArn, name: 'sandbox-ecommerce', domain: 'ECOMMERCE', status: 'ACTIVE' });
    expect(g.createdAt).toBeInstanceOf(Date);

    const datasets = await deps.personalize.listDatasets(sb.seeded.customGroupArn);
    expect(datasets.map((d) => d.datasetType).sort()).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);

    const d = await deps.personalize.describeDataset(sb.seeded.datasetArn('custom', 'INTERACTIONS'));
    expect(d.datasetType).toBe('INTERACTIONS');
    expect(d.datasetGroupArn).toBe(sb.seeded.customGroupArn);
    expect(d.schemaArn).toMatch(/:schema\//);

    const s = await deps.personalize.describeSchema(d.schemaArn!);
    expect(s.avro.type).toBe('record');
    expect(s.avro.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['USER_ID', 'ITEM_ID', 'TIMESTAMP']));
    expect(JSON.parse(s.raw)).toEqual(s.avro);
  });

  it('lists every page of import jobs (101 jobs on one dataset)', async () => {
    const datasetArn = sb.seeded.datasetArn('custom', 'USERS');
    await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'layer/users.csv', file: path.resolve(__dirname, '../../samples/users.csv') });
    for (let i = 0; i < 101; i++) {
      const arn = await deps.personalize.createImportJob({
        name: `users-page-${i}`, datasetArn, dataLocation: `s3://${sb.sandbox.bucket}/layer/users.csv`, roleArn: sb.sandbox.roleArn, importMode: i === 0 ? 'FULL' : 'INCREMENTAL',
      });
      await sb.waitForJob(arn); // at most 5 may run at once
    }
    const before = sb.sandbox.requests.filter((r) => r.operation === 'ListDatasetImportJobs').length;
    const jobs = await deps.personalize.listImportJobs(datasetArn);
    expect(sb.sandbox.requests.filter((r) => r.operation === 'ListDatasetImportJobs').length - before).toBe(2);
    expect(jobs).toHaveLength(101);
    expect(new Set(jobs.map((j) => j.arn)).size).toBe(101);
    expect(jobs.at(-1)!.name).toBe('users-page-0');
  });

  it('lists metric attributions (none seeded)', async () => {
    expect(await deps.personalize.listMetricAttributions(sb.seeded.customGroupArn)).toEqual([]);
  });

  it('creates import jobs, describes them, lists them newest first', async () => {
    await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'layer/interactions.csv', file: SAMPLE });
    const datasetArn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const first = await deps.personalize.createImportJob({
      name: 'layer-first', datasetArn, dataLocation: `s3://${sb.sandbox.bucket}/layer/interactions.csv`, roleArn: sb.sandbox.roleArn, importMode: 'FULL', tags: { team: 'search' },
    });
    await sb.waitForJob(first);
    const second = await deps.personalize.createImportJob({
      name: 'layer-second', datasetArn, dataLocation: `s3://${sb.sandbox.bucket}/layer/interactions.csv`, roleArn: sb.sandbox.roleArn, importMode: 'INCREMENTAL',
    });
    await sb.waitForJob(second);
    const job = await deps.personalize.describeImportJob(second);
    expect(job).toMatchObject({ arn: second, name: 'layer-second', status: 'ACTIVE', importMode: 'INCREMENTAL', datasetArn, dataLocation: `s3://${sb.sandbox.bucket}/layer/interactions.csv`, roleArn: sb.sandbox.roleArn });
    const jobs = await deps.personalize.listImportJobs(datasetArn);
    const names = jobs.map((j) => j.name);
    expect(names.indexOf('layer-second')).toBeLessThan(names.indexOf('layer-first'));
    for (let i = 1; i < jobs.length; i++) expect(jobs[i - 1].createdAt!.getTime()).toBeGreaterThanOrEqual(jobs[i].createdAt!.getTime());
  });
});

describe('errors from the service become AppErrors with a next step', () => {
  it('not found', async () => {
    const e = await rejection(deps.personalize.describeImportJob('arn:aws:personalize:us-east-1:111122223333:dataset-import-job/does-not-exist'));
    expect(e.kind).toBe('not-found');
    expect(e.awsName).toBe('ResourceNotFoundException');
    expect(e.hint).toMatch(/region/);
  });

  it('invalid input keeps the service message', async () => {
    const e = await rejection(deps.personalize.createImportJob({
      name: '-bad name', datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), dataLocation: 's3://x/y.csv', roleArn: sb.sandbox.roleArn, importMode: 'FULL',
    }));
    expect(e.kind).toBe('invalid-input');
    expect(e.message).toMatch(/jobName/);
    expect(e.exitCode).toBe(2);
  });

  it('already exists', async () => {
    const e = await rejection(deps.personalize.createImportJob({
      name: 'layer-first', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), dataLocation: `s3://${sb.sandbox.bucket}/layer/interactions.csv`, roleArn: sb.sandbox.roleArn, importMode: 'FULL',
    }));
    expect(e.kind).toBe('conflict');
    expect(e.awsName).toBe('ResourceAlreadyExistsException');
  });

  it('throttled past the SDK retries', async () => {
    sb.sandbox.faults.inject('DescribeDatasetGroup', { kind: 'throttle', count: 3 }); // the SDK makes 3 attempts
    const e = await rejection(deps.personalize.describeDatasetGroup(sb.seeded.customGroupArn));
    expect(e.kind).toBe('throttled');
    expect(e.message).toMatch(/throttling/i);
  });

  it('a List* page throttled past the SDK retries is retried by the retry policy (src/job/retry.ts) and answers', async () => {
    sb.sandbox.faults.inject('ListDatasets', { kind: 'throttle', count: 3 });
    const ds = await deps.personalize.listDatasets(sb.seeded.customGroupArn);
    expect(ds.map((d) => d.datasetType)).toContain('INTERACTIONS');
  });

  it('a dropped connection, past the SDK retries, names the endpoint', async () => {
    sb.sandbox.faults.inject('DescribeDatasetGroup', { kind: 'disconnect', count: 3 });
    const e = await rejection(deps.personalize.describeDatasetGroup(sb.seeded.customGroupArn));
    expect(e.kind).toBe('network');
    expect(e.message).toContain(sb.env.AWS_ENDPOINT_URL_PERSONALIZE);
  });

  it('a throttle the SDK retries through is invisible', async () => {
    sb.sandbox.faults.inject('ListDatasets', { kind: 'throttle', count: 2 });
    expect((await deps.personalize.listDatasets(sb.seeded.customGroupArn)).length).toBe(3);
  });
});

describe('StorageApi', () => {
  it('lists buckets, heads, lists a prefix, streams an object back', async () => {
    expect(await deps.s3.listBuckets()).toEqual(expect.arrayContaining([sb.sandbox.bucket, sb.sandbox.noGrantBucket]));
    const progress: number[] = [];
    const r = await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'store/a/interactions.csv', file: SAMPLE, onProgress: (p) => progress.push(p.loaded) });
    const size = readFileSync(SAMPLE).length;
    expect(r).toEqual({ bucket: sb.sandbox.bucket, key: 'store/a/interactions.csv', bytes: size, location: `s3://${sb.sandbox.bucket}/store/a/interactions.csv`, etag: expect.any(String) });
    expect(progress.at(-1)).toBe(size);
    expect(await deps.s3.head(sb.sandbox.bucket, 'store/a/interactions.csv')).toMatchObject({ size });
    expect(await deps.s3.head(sb.sandbox.bucket, 'store/a/missing.csv')).toBeUndefined();
    await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'store/a/b.csv', file: SAMPLE });
    const listed = await deps.s3.list(sb.sandbox.bucket, 'store/a/');
    expect(listed.map((o) => o.key).sort()).toEqual(['store/a/b.csv', 'store/a/interactions.csv']);
    const chunks: Buffer[] = [];
    for await (const c of await deps.s3.read(sb.sandbox.bucket, 'store/a/interactions.csv')) chunks.push(Buffer.from(c));
    expect(Buffer.concat(chunks).equals(readFileSync(SAMPLE))).toBe(true);
  });

  it('bucket region and policy (none → undefined)', async () => {
    expect(await deps.s3.bucketRegion(sb.sandbox.bucket)).toBe('us-east-1');
    expect(await deps.s3.bucketPolicy(sb.sandbox.bucket)).toContain('personalize.amazonaws.com');
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'layer-no-policy' }));
    expect(await deps.s3.bucketPolicy('layer-no-policy')).toBeUndefined();
  });

  it('a missing bucket is not-found', async () => {
    const e = await rejection(deps.s3.list('no-such-bucket-here', ''));
    expect(e.kind).toBe('not-found');
  });

  it('multipart upload with progress per part; aborting it leaves no multipart upload and no object', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aws-upload-'));
    const big = path.join(dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(16 * 1024 * 1024, 'a'));
    // complete multipart first: several parts, progress reaches the size
    const parts = new Set<number>();
    await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'mpu/whole.csv', file: big, onProgress: (p) => p.part && parts.add(p.part) });
    expect(parts.size).toBeGreaterThanOrEqual(3);
    expect((await deps.s3.head(sb.sandbox.bucket, 'mpu/whole.csv'))?.size).toBe(16 * 1024 * 1024);

    const controller = new AbortController();
    const e = await rejection(deps.s3.upload({
      bucket: sb.sandbox.bucket, key: 'mpu/aborted.csv', file: big, signal: controller.signal,
      onProgress: () => controller.abort(),
    }));
    expect(e.kind).toBe('interrupted');
    expect(await deps.s3.listMultipartUploads(sb.sandbox.bucket)).toEqual([]);
    expect(await deps.s3.head(sb.sandbox.bucket, 'mpu/aborted.csv')).toBeUndefined();
  });

  it('aborting right after the upload starts (CreateMultipartUpload possibly in flight) leaves nothing either', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aws-upload-'));
    const big = path.join(dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(11 * 1024 * 1024, 'b'));
    const controller = new AbortController();
    const p = deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'mpu/early.csv', file: big, signal: controller.signal });
    // abort once the upload's synchronous start has run: the create request may be in flight
    queueMicrotask(() => controller.abort());
    const e = await rejection(p);
    expect(e.kind).toBe('interrupted');
    expect(await deps.s3.listMultipartUploads(sb.sandbox.bucket)).toEqual([]);
  });
});
