// The sandbox's Personalize protocol through the real @aws-sdk/client-personalize (and raw fetch
// where the SDK would hide what the wire carries).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSchemaCommand,
  ListDatasetGroupsCommand,
  ListDatasetImportJobsCommand,
  ListMetricAttributionsCommand,
  ListSchemasCommand,
  paginateListDatasetGroups,
  type ImportMode,
} from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { sandboxClients, waitForJob, withSandbox } from '../helpers/sandbox.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

const sample = (name: string) => readFileSync(new URL(`../../samples/${name}`, import.meta.url));

async function raw(sb: Sandbox, op: string, body: unknown, target = `AmazonPersonalize.${op}`) {
  const res = await fetch(sb.personalizeEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, unknown> };
}

let jobNo = 0;
const jobName = () => `job-${++jobNo}`;

describe('sandbox protocol', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const interactions = () => sb.seeded.datasetArn('custom', 'INTERACTIONS');
  const items = () => sb.seeded.datasetArn('custom', 'ITEMS');

  async function put(key: string, body: Buffer | string) {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: body }));
    return `s3://${sb.sandbox.bucket}/${key}`;
  }
  async function importJob(datasetArn: string, dataLocation: string, importMode: ImportMode = 'FULL') {
    const { datasetImportJobArn } = await sb.personalize.send(
      new CreateDatasetImportJobCommand({ jobName: jobName(), datasetArn, dataSource: { dataLocation }, roleArn: sb.sandbox.roleArn, importMode }),
    );
    return sb.waitForJob(datasetImportJobArn!);
  }

  it('answers unknown operations and missing targets with UnknownOperationException, HTTP 400', async () => {
    const r = await raw(sb.sandbox, 'Nope', {});
    expect(r.status).toBe(400);
    expect(String(r.json.__type)).toMatch(/UnknownOperationException$/);
    const r2 = await raw(sb.sandbox, '', {}, '');
    expect(String(r2.json.__type)).toMatch(/UnknownOperationException$/);
    expect(r.type).toBe('application/x-amz-json-1.1');
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const r = await raw(sb.sandbox, 'ListDatasetGroups', '{nope');
    expect(r.status).toBe(400);
    expect(r.json.__type).toBe('SerializationException');
  });

  it('paginates with maxResults / nextToken, through the SDK paginator too', async () => {
    for (let i = 0; i < 3; i++) await sb.personalize.send(new CreateDatasetGroupCommand({ name: `page-group-${i}` }));
    const first = await sb.personalize.send(new ListDatasetGroupsCommand({ maxResults: 2 }));
    expect(first.datasetGroups).toHaveLength(2);
    expect(first.nextToken).toBeTruthy();
    const names: string[] = [];
    for await (const p of paginateListDatasetGroups({ client: sb.personalize, pageSize: 2 }, {})) names.push(...(p.datasetGroups ?? []).map((g) => g.name!));
    expect(names.sort()).toEqual(['page-group-0', 'page-group-1', 'page-group-2', 'sandbox-ecommerce', 'sandbox-shop']);
    await expect(sb.personalize.send(new ListDatasetGroupsCommand({ nextToken: 'garbage' }))).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
    await expect(sb.personalize.send(new ListDatasetGroupsCommand({ maxResults: 0 }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });

  it('words input checks as the service does', async () => {
    const err = await sb.personalize
      .send(new CreateDatasetImportJobCommand({ jobName: 'x y', datasetArn: interactions(), dataSource: { dataLocation: 's3://b/k' }, roleArn: sb.sandbox.roleArn }))
      .catch((e: Error) => e);
    expect(err).toMatchObject({
      name: 'InvalidInputException',
      message: "1 validation error detected: Value 'x y' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*",
    });
    expect((err as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    const two = await raw(sb.sandbox, 'CreateDatasetImportJob', { jobName: 'a'.repeat(64), datasetArn: interactions(), dataSource: { dataLocation: 'ftp://x' } });
    expect(two.json).toEqual({
      __type: 'InvalidInputException',
      message: `3 validation errors detected: Value '${'a'.repeat(64)}' at 'jobName' failed to satisfy constraint: Member must have length less than or equal to 63; Value 'ftp://x' at 'dataSource.dataLocation' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+; Value null at 'roleArn' failed to satisfy constraint: Member must not be null`,
    });
    const mode = await raw(sb.sandbox, 'CreateDatasetImportJob', { jobName: 'ok', datasetArn: interactions(), dataSource: { dataLocation: 's3://b/k' }, roleArn: sb.sandbox.roleArn, importMode: 'PARTIAL' });
    expect(mode.json.message).toBe("1 validation error detected: Value 'PARTIAL' at 'importMode' failed to satisfy constraint: Member must satisfy enum value set: [FULL, INCREMENTAL]");
  });

  it('answers ResourceNotFoundException for unknown ARNs, and empty lists for unknown parents', async () => {
    const arn = 'arn:aws:personalize:us-east-1:111122223333:dataset-group/nope';
    await expect(sb.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: expect.stringContaining(arn) });
    await expect(sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: `${arn}x` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const jobs = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: 'arn:aws:personalize:us-east-1:111122223333:dataset/nope/ITEMS' }));
    expect(jobs.datasetImportJobs).toEqual([]);
    const ma = await sb.personalize.send(new ListMetricAttributionsCommand({ datasetGroupArn: sb.seeded.customGroupArn }));
    expect(ma.metricAttributions).toEqual([]);
  });

  it('creates schemas, groups and datasets; a reused name is ResourceAlreadyExistsException', async () => {
    const schema = JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'TIER', type: 'string', categorical: true }], version: '1.0' });
    const { schemaArn } = await sb.personalize.send(new CreateSchemaCommand({ name: 'made-users', schema }));
    expect((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn }))).schema?.schema).toBe(schema);
    expect((await sb.personalize.send(new ListSchemasCommand({}))).schemas?.map((s) => s.name)).toContain('made-users');
    await expect(sb.personalize.send(new CreateSchemaCommand({ name: 'made-users', schema }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(sb.personalize.send(new CreateSchemaCommand({ name: 'bad', schema: '{' }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    const { datasetGroupArn } = await sb.personalize.send(new CreateDatasetGroupCommand({ name: 'made-group' }));
    await expect(sb.personalize.send(new CreateDatasetGroupCommand({ name: 'made-group' }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    const { datasetArn } = await sb.personalize.send(new CreateDatasetCommand({ name: 'made-users', datasetGroupArn, schemaArn, datasetType: 'Users' }));
    expect(datasetArn).toMatch(/:dataset\/made-group\/USERS$/);
    await expect(sb.personalize.send(new CreateDatasetCommand({ name: 'again', datasetGroupArn, schemaArn, datasetType: 'Users' }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });

  it('runs a FULL import of the sample interactions to ACTIVE through PENDING and IN_PROGRESS', async () => {
    const loc = await put('full/interactions.csv', sample('interactions.csv'));
    const { datasetImportJobArn } = await sb.personalize.send(
      new CreateDatasetImportJobCommand({ jobName: 'first-full', datasetArn: interactions(), dataSource: { dataLocation: loc }, roleArn: sb.sandbox.roleArn }),
    );
    const seen = new Set<string>();
    let job;
    do {
      job = (await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn }))).datasetImportJob!;
      seen.add(job.status!);
    } while (job.status !== 'ACTIVE' && job.status !== 'CREATE FAILED');
    expect(job.status).toBe('ACTIVE');
    expect(job.importMode).toBe('FULL');
    expect(job.creationDateTime).toBeInstanceOf(Date);
    expect([...seen].some((s) => s === 'CREATE PENDING' || s === 'CREATE IN_PROGRESS')).toBe(true);
    expect(sb.sandbox.state.records(interactions()).bulk).toHaveLength(1200);
    const listed = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: interactions() }));
    expect(listed.datasetImportJobs?.[0]).toMatchObject({ jobName: 'first-full', status: 'ACTIVE', importMode: 'FULL' });
    await expect(
      sb.personalize.send(new CreateDatasetImportJobCommand({ jobName: 'first-full', datasetArn: interactions(), dataSource: { dataLocation: loc }, roleArn: sb.sandbox.roleArn })),
    ).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException', message: expect.stringContaining('already exists') });
  });

  it('INCREMENTAL before any bulk import is rejected at create time with InvalidInputException', async () => {
    const loc = await put('users.csv', sample('users.csv'));
    await expect(
      sb.personalize.send(new CreateDatasetImportJobCommand({ jobName: jobName(), datasetArn: sb.seeded.datasetArn('custom', 'USERS'), dataSource: { dataLocation: loc }, roleArn: sb.sandbox.roleArn, importMode: 'INCREMENTAL' })),
    ).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringContaining('INCREMENTAL') });
  });

  it('FULL replaces bulk records; INCREMENTAL appends and replaces same-ID records', async () => {
    const head = 'ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP\n';
    const a = await put('items/a.csv', `${head}i1,shoes,"one, first",1\ni2,hats,,2\n`);
    expect((await importJob(items(), a)).status).toBe('ACTIVE');
    const b = await put('items/b.csv', `${head}i2,bags,"two, again",3\ni3,socks,three,4\n`);
    expect((await importJob(items(), b, 'INCREMENTAL')).status).toBe('ACTIVE');
    const byId = Object.fromEntries(sb.sandbox.state.records(items()).bulk.map((r) => [r.ITEM_ID, r]));
    expect(Object.keys(byId).sort()).toEqual(['i1', 'i2', 'i3']);
    expect(byId.i2).toEqual({ ITEM_ID: 'i2', CATEGORY: 'bags', DESCRIPTION: 'two, again', CREATION_TIMESTAMP: '3' });
    expect(byId.i1.DESCRIPTION).toBe('one, first');
    expect((await importJob(items(), b, 'FULL')).status).toBe('ACTIVE');
    expect(sb.sandbox.state.records(items()).bulk.map((r) => r.ITEM_ID).sort()).toEqual(['i2', 'i3']);
    expect(sb.sandbox.state.records(items()).individual).toEqual([]);
  });

  it('keeps identical interaction events once on INCREMENTAL, and reads every file under a folder prefix', async () => {
    const text = sample('interactions.csv').toString();
    const lines = text.trimEnd().split('\n');
    const header = lines[0];
    const firstHalf = [header, ...lines.slice(1, 601)].join('\n') + '\n';
    const secondHalf = [header, ...lines.slice(601)].join('\n') + '\n';
    await put('folder/part-1.csv', firstHalf);
    await put('folder/part-2.csv', secondHalf);
    await put('folder/deeper/ignored.csv', 'not,a,match\n');
    const job = await importJob(interactions(), `s3://${sb.sandbox.bucket}/folder/`, 'FULL');
    expect(job).toMatchObject({ status: 'ACTIVE' });
    expect(sb.sandbox.state.records(interactions()).bulk).toHaveLength(1200);
    // the same 1200 events again: nothing new
    const again = await put('again.csv', text);
    expect((await importJob(interactions(), again, 'INCREMENTAL')).status).toBe('ACTIVE');
    expect(sb.sandbox.state.records(interactions()).bulk).toHaveLength(1200);
  });

  const failures: [string, string, () => string, string | RegExp][] = [
    ['a bucket whose policy lacks the Personalize grant', 'interactions.csv', () => `s3://${sb.sandbox.noGrantBucket}/x.csv`, 'Insufficient privileges for accessing data in S3'],
    ['a header lacking a schema column', 'interactions-missing-column.csv', () => '', 'Input CSV is missing the following columns: [ITEM_ID]'],
    ['too few interactions', 'interactions-too-few.csv', () => '', /at least 1000/],
    ['broken quoting', 'interactions-broken-quoting.csv', () => '', 'Length cannot be more than 256 characters for ITEM_ID'],
    ['a missing object', '', () => `s3://${sb.sandbox.bucket}/no/such.csv`, 'No objects found in s3 path s3://personalize-sandbox-data/no/such.csv, please ensure the path is specified correctly.'],
    ['an empty folder', '', () => `s3://${sb.sandbox.bucket}/empty-folder/`, /^No objects found in s3 path/],
  ];
  for (const [what, file, where, reason] of failures) {
    it(`ends CREATE FAILED for ${what}`, async () => {
      let loc = where();
      if (file) {
        const key = `fail/${file}`;
        if (loc) await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.noGrantBucket, Key: 'x.csv', Body: sample(file) }));
        else loc = await put(key, sample(file));
      }
      const job = await importJob(interactions(), loc);
      expect(job.status).toBe('CREATE FAILED');
      if (typeof reason === 'string') expect(job.failureReason).toBe(reason);
      else expect(job.failureReason).toMatch(reason);
    });
  }

  it('ends CREATE FAILED for an over-long item id; milliseconds timestamps import (as on AWS)', async () => {
    const long = await put('items-long-id.csv', sample('items-long-id.csv'));
    expect(await importJob(items(), long)).toMatchObject({ status: 'CREATE FAILED', failureReason: 'Length cannot be more than 256 characters for ITEM_ID' });
    const ms = await put('ms.csv', sample('interactions-milliseconds.csv'));
    expect((await importJob(interactions(), ms)).status).toBe('ACTIVE');
  });

  it('throttles and disconnects on demand: maxAttempts 1 sees the fault, default retries get through', async () => {
    const once = sandboxClients(sb.sandbox, { maxAttempts: 1 });
    try {
      sb.sandbox.faults.inject('ListDatasetGroups', { kind: 'throttle', count: 1 });
      const e = await once.personalize.send(new ListDatasetGroupsCommand({})).catch((x: unknown) => x);
      expect(e).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
      sb.sandbox.faults.inject('ListDatasetGroups', { kind: 'disconnect', count: 1 });
      await expect(once.personalize.send(new ListDatasetGroupsCommand({}))).rejects.toThrow();
      const before = sb.sandbox.requests.length;
      sb.sandbox.faults.inject('DescribeDatasetGroup', { kind: 'throttle', count: 1 });
      sb.sandbox.faults.inject('DescribeDatasetGroup', { kind: 'disconnect', count: 1 });
      const ok = await sb.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: sb.seeded.customGroupArn }));
      expect(ok.datasetGroup?.name).toBe('sandbox-shop');
      const tried = sb.sandbox.requests.slice(before).filter((r) => r.operation === 'DescribeDatasetGroup');
      expect(tried.map((r) => r.error ?? r.status)).toEqual(['ThrottlingException', 'disconnect', 200]);
      expect(sb.sandbox.faults.pending('DescribeDatasetGroup')).toBe(0);
    } finally {
      once.personalize.destroy();
      once.s3.destroy();
    }
  });

  it('a job keeps running while describe calls are being throttled', async () => {
    const loc = await put('items/c.csv', 'ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP\ni9,hats,,9\n');
    const { datasetImportJobArn } = await sb.personalize.send(new CreateDatasetImportJobCommand({ jobName: jobName(), datasetArn: items(), dataSource: { dataLocation: loc }, roleArn: sb.sandbox.roleArn }));
    sb.sandbox.faults.inject('DescribeDatasetImportJob', { kind: 'throttle', count: 2 });
    expect((await sb.waitForJob(datasetImportJobArn!)).status).toBe('ACTIVE');
  });
});

describe('sandbox limits', () => {
  let sb: Sandbox;
  let clients: ReturnType<typeof sandboxClients>;
  beforeAll(async () => {
    // slow jobs, so five stay PENDING / IN_PROGRESS while the sixth is tried
    sb = await startSandbox({ jobSeconds: 120 });
    clients = sandboxClients(sb);
  });
  afterAll(async () => {
    clients.personalize.destroy();
    clients.s3.destroy();
    await sb.close();
  });

  it('rejects a 6th concurrent job with LimitExceededException', async () => {
    const create = (n: number) =>
      clients.personalize.send(new CreateDatasetImportJobCommand({ jobName: `limit-${n}`, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), dataSource: { dataLocation: `s3://${sb.bucket}/x.csv` }, roleArn: sb.roleArn }));
    for (let n = 1; n <= 5; n++) await create(n);
    await expect(create(6)).rejects.toMatchObject({ name: 'LimitExceededException', message: 'More than 5 resources with PENDING or IN_PROGRESS status.' });
    const jobs = await clients.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), maxResults: 2 }));
    expect(jobs.datasetImportJobs?.map((j) => j.jobName)).toEqual(['limit-5', 'limit-4']);
    expect(jobs.nextToken).toBeTruthy();
  });
});

describe('sandbox persistence', () => {
  it('keeps jobs, records and S3 objects in dataDir across restarts; without it, starts fresh', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/sandbox-persist-`);
    try {
      let sb = await startSandbox({ jobSeconds: 0, dataDir: dir });
      let c = sandboxClients(sb);
      await c.s3.send(new PutObjectCommand({ Bucket: sb.bucket, Key: 'users.csv', Body: sample('users.csv') }));
      const { datasetImportJobArn } = await c.personalize.send(new CreateDatasetImportJobCommand({ jobName: 'kept', datasetArn: sb.seeded.datasetArn('custom', 'USERS'), dataSource: { dataLocation: `s3://${sb.bucket}/users.csv` }, roleArn: sb.roleArn }));
      expect((await waitForJob(c.personalize, datasetImportJobArn!)).status).toBe('ACTIVE');
      c.personalize.destroy();
      c.s3.destroy();
      await sb.close();

      sb = await startSandbox({ jobSeconds: 0, dataDir: dir });
      c = sandboxClients(sb);
      expect((await waitForJob(c.personalize, datasetImportJobArn!)).status).toBe('ACTIVE');
      expect(sb.state.records(sb.seeded.datasetArn('custom', 'USERS')).bulk).toHaveLength(60);
      // the object is still there: an INCREMENTAL from it works
      const again = await c.personalize.send(new CreateDatasetImportJobCommand({ jobName: 'again', datasetArn: sb.seeded.datasetArn('custom', 'USERS'), dataSource: { dataLocation: `s3://${sb.bucket}/users.csv` }, roleArn: sb.roleArn, importMode: 'INCREMENTAL' }));
      expect((await waitForJob(c.personalize, again.datasetImportJobArn!)).status).toBe('ACTIVE');
      c.personalize.destroy();
      c.s3.destroy();
      await sb.close();

      const fresh = await startSandbox({ jobSeconds: 0 });
      expect(fresh.state.inner.jobs.size).toBe(0);
      await fresh.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sandbox job rows and pacing', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const head = 'ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP\n';
  let n = 0;
  async function itemsJob(body: string, location?: string) {
    const key = `rows/${++n}.csv`;
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: body }));
    const { datasetImportJobArn } = await sb.personalize.send(new CreateDatasetImportJobCommand({
      jobName: `rows-${n}`, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), roleArn: sb.sandbox.roleArn,
      dataSource: { dataLocation: location ?? `s3://${sb.sandbox.bucket}/${key}` },
    }));
    return sb.waitForJob(datasetImportJobArn!);
  }

  it('fails a value of the wrong type, an empty required value, a short row, a non-S3 location', async () => {
    expect((await itemsJob(`${head}i1,hats,,soon\n`)).failureReason).toBe("Invalid value 'soon' for CREATION_TIMESTAMP (type long) at line 2.");
    expect((await itemsJob(`${head}i1,hats,,1\ni2,,,2\n`)).failureReason).toBe('CATEGORY cannot be empty (line 3): the schema does not allow null for it.');
    expect((await itemsJob(`${head}i1,hats,,1\ni2,hats\n`)).failureReason).toBe('Line 3 has 2 values but the header has 4 columns.');
    expect((await itemsJob(`${head}i1,hats,,1\n`, 'https://example.com/items.csv')).failureReason).toBe('Invalid Data location.');
  });

  it('truncates an over-long textual value instead of failing; an over-long categorical value fails', async () => {
    expect((await itemsJob(`${head}i1,hats,"${'d'.repeat(20_005)}",1\n`)).status).toBe('ACTIVE');
    expect(sb.sandbox.state.records(sb.seeded.datasetArn('custom', 'ITEMS')).bulk[0].DESCRIPTION).toHaveLength(20_000);
    expect((await itemsJob(`${head}i1,${'c'.repeat(1001)},,1\n`)).failureReason).toBe('Length cannot be more than 1000 characters for CATEGORY');
  });
});

describe('sandbox job pacing', () => {
  const sb = withSandbox({ jobSeconds: 0.4 });
  it('shows CREATE PENDING, then CREATE IN_PROGRESS, then ACTIVE, taking about jobSeconds', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'u.csv', Body: sample('users.csv') }));
    const started = Date.now();
    const { datasetImportJobArn } = await sb.personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'paced', datasetArn: sb.seeded.datasetArn('custom', 'USERS'), roleArn: sb.sandbox.roleArn, dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/u.csv` },
    }));
    const seen: string[] = [];
    for (;;) {
      const { datasetImportJob } = await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn }));
      if (seen.at(-1) !== datasetImportJob!.status) seen.push(datasetImportJob!.status!);
      if (datasetImportJob!.status === 'ACTIVE' || datasetImportJob!.status === 'CREATE FAILED') break;
    }
    expect(seen).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });
});
