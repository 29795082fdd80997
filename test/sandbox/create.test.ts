// Creating what an import needs, in an empty sandbox (seed none), through the real SDK client:
// statuses that take time, the schema checks the service makes, and its conflict errors.
import { describe, expect, it } from 'vitest';
import {
  CreateDatasetCommand, CreateDatasetGroupCommand, CreateEventTrackerCommand, CreateSchemaCommand, DeleteDatasetCommand, DeleteDatasetGroupCommand, DeleteSchemaCommand,
  DescribeDatasetCommand, DescribeDatasetGroupCommand, DescribeSchemaCommand, ListDatasetGroupsCommand, ListDatasetsCommand, ListSchemasCommand, UpdateDatasetCommand,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';

const NS = 'com.amazonaws.personalize.schema';
type F = { name: string; type: string | string[]; categorical?: boolean; textual?: boolean; default?: null };
const avro = (name: string, fields: F[]) => JSON.stringify({ type: 'record', name, namespace: NS, fields, version: '1.0' });
const INTERACTIONS: F[] = [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }];

async function until<T>(fn: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<{ last: T; seen: T[] }> {
  const seen: T[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    seen.push(v);
    if (done(v)) return { last: v, seen };
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20)); // polling the in-process sandbox, not a fixed wait
  }
}

const groupStatus = (p: PersonalizeClient, arn: string) => p.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn })).then((r) => r.datasetGroup!.status!);
const datasetStatus = (p: PersonalizeClient, arn: string) => p.send(new DescribeDatasetCommand({ datasetArn: arn })).then((r) => r.dataset!.status!);

describe('sandbox --seed none: an empty account', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 3 }); // 1.5 s PENDING, 1.5 s IN_PROGRESS: room for a loaded machine

  it('has no groups, schemas or datasets; the buckets stay', async () => {
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups).toEqual([]);
    expect((await sb.personalize.send(new ListSchemasCommand({}))).schemas).toEqual([]);
    expect((await sb.personalize.send(new ListDatasetsCommand({}))).datasets).toEqual([]);
    const buckets = (await sb.s3.send(new ListBucketsCommand({}))).Buckets!.map((b) => b.Name);
    expect(buckets).toEqual(expect.arrayContaining([sb.sandbox.bucket, sb.sandbox.noGrantBucket]));
  });

  it('group and dataset go CREATE PENDING → CREATE IN_PROGRESS → ACTIVE; nothing is added to a group before it is ACTIVE', async () => {
    const p = sb.personalize;
    const { datasetGroupArn } = await p.send(new CreateDatasetGroupCommand({ name: 'new-shop' }));
    const { schemaArn } = await p.send(new CreateSchemaCommand({ name: 'new-shop-interactions', schema: avro('Interactions', INTERACTIONS) }));
    expect(await groupStatus(p, datasetGroupArn!)).toBe('CREATE PENDING');
    const early = await p.send(new CreateDatasetCommand({ name: 'x', datasetGroupArn, schemaArn, datasetType: 'Interactions' })).catch((e: Error) => e);
    expect(early).toMatchObject({ name: 'ResourceInUseException' });
    expect((early as Error).message).toMatch(/is CREATE PENDING: a dataset can be added once it is ACTIVE/);
    const g = await until(() => groupStatus(p, datasetGroupArn!), (s) => s === 'ACTIVE');
    expect([...new Set(g.seen)]).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);

    const { datasetArn } = await p.send(new CreateDatasetCommand({ name: 'new-shop-interactions', datasetGroupArn, schemaArn, datasetType: 'Interactions' }));
    expect(datasetArn).toMatch(/:dataset\/new-shop\/INTERACTIONS$/);
    const d = await until(() => datasetStatus(p, datasetArn!), (s) => s === 'ACTIVE');
    expect([...new Set(d.seen)]).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    await expect(p.send(new CreateDatasetCommand({ name: 'again', datasetGroupArn, schemaArn, datasetType: 'Interactions' }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(p.send(new CreateDatasetGroupCommand({ name: 'new-shop' }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });

  it('CreateSchema makes the service\'s checks, each named', async () => {
    const bad = async (schema: string, domain?: 'ECOMMERCE' | 'VIDEO_ON_DEMAND') => {
      const e = (await sb.personalize.send(new CreateSchemaCommand({ name: 'bad', schema, domain })).catch((x: Error) => x)) as Error & { name: string };
      expect(e.name).toBe('InvalidInputException');
      return e.message;
    };
    expect(await bad(avro('Interactions', INTERACTIONS.slice(0, 2)))).toBe('Invalid schema: Interactions schemas require the field TIMESTAMP.');
    expect(await bad(avro('Interactions', INTERACTIONS), 'ECOMMERCE')).toBe('Invalid schema: ECOMMERCE Interactions schemas require the field EVENT_TYPE.');
    expect(await bad(avro('Items', [{ name: 'ITEM_ID', type: 'string' }, { name: 'PRICE', type: 'float' }]), 'ECOMMERCE')).toMatch(/ECOMMERCE Items schemas require the field CATEGORY_L1/);
    expect(await bad(avro('Items', [{ name: 'ITEM_ID', type: 'string' }, { name: 'CREATION_TIMESTAMP', type: 'long' }, { name: 'GENRES', type: 'string' }]), 'VIDEO_ON_DEMAND')).toMatch(/GENRES must be categorical/);
    expect(await bad(avro('Interactions', [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'string' }]))).toMatch(/reserved field TIMESTAMP must be of type long, not string/);
    expect(await bad(avro('Users', [{ name: 'USER_ID', type: 'string' }, { name: 'AGE', type: 'date' }]))).toMatch(/field AGE has type "date"; allowed: string, int, long, float, double, boolean/);
    expect(await bad(avro('Users', [{ name: 'USER_ID', type: 'string' }, { name: 'BIO', type: 'string', textual: true }]))).toMatch(/textual fields are allowed only in Items schemas, not Users/);
    expect(await bad(avro('Items', [{ name: 'ITEM_ID', type: 'string' }, { name: 'A', type: 'string', textual: true }, { name: 'B', type: 'string', textual: true }]))).toMatch(/at most one textual field is allowed; found A, B/);
    expect(await bad(avro('Users', [{ name: 'USER_ID', type: 'string' }]))).toMatch(/at least one metadata field/);
    expect(await bad(avro('Users', [{ name: 'USER_ID', type: 'string' }, { name: 'AGE', type: 'int', categorical: true }]))).toMatch(/only string fields can be/);
    expect(await bad(avro('Users', [{ name: 'USER_ID', type: 'string' }, { name: 'first name', type: 'string' }]))).toMatch(/field name "first name" is not valid/);
    expect(await bad(avro('Users', [{ name: 'USER_ID', type: ['null', 'string'] }, { name: 'A', type: 'string' }]))).toMatch(/reserved field USER_ID cannot be null/);
    expect(await bad('{"type":"record","name":"Users","fields":[]}')).toMatch(/at least one field/);
    // nothing was created by the refusals
    expect((await sb.personalize.send(new ListSchemasCommand({}))).schemas!.map((s) => s.name)).not.toContain('bad');
  });

  it('CreateDataset checks the schema against the dataset type given', async () => {
    const p = sb.personalize;
    // a record name that names no type: CreateSchema cannot know the type, CreateDataset does
    const { schemaArn } = await p.send(new CreateSchemaCommand({ name: 'untyped', schema: avro('Whatever', [{ name: 'USER_ID', type: 'string' }, { name: 'TIER', type: 'string', categorical: true }]) }));
    expect((await p.send(new DescribeSchemaCommand({ schemaArn }))).schema!.name).toBe('untyped');
    const { datasetGroupArn } = await p.send(new CreateDatasetGroupCommand({ name: 'typed' }));
    await until(() => groupStatus(p, datasetGroupArn!), (s) => s === 'ACTIVE');
    const e = await p.send(new CreateDatasetCommand({ name: 'x', datasetGroupArn, schemaArn, datasetType: 'Items' })).catch((x: Error) => x);
    expect(e).toMatchObject({ name: 'InvalidInputException', message: 'Invalid schema: Items schemas require the field ITEM_ID.' });
  });

  it('UpdateDataset adds optional fields to Items/Users only; deletes wait for what uses them', async () => {
    const p = sb.personalize;
    const usersV1 = [{ name: 'USER_ID', type: 'string' }, { name: 'TIER', type: 'string', categorical: true }];
    const v1 = (await p.send(new CreateSchemaCommand({ name: 'users-v1', schema: avro('Users', usersV1) }))).schemaArn!;
    const v2 = (await p.send(new CreateSchemaCommand({ name: 'users-v2', schema: avro('Users', [...usersV1, { name: 'AGE', type: ['null', 'long'], default: null }]) }))).schemaArn!;
    const v2bad = (await p.send(new CreateSchemaCommand({ name: 'users-v2-required', schema: avro('Users', [...usersV1, { name: 'AGE', type: 'long' }]) }))).schemaArn!;
    const { datasetGroupArn } = await p.send(new CreateDatasetGroupCommand({ name: 'upd' }));
    await until(() => groupStatus(p, datasetGroupArn!), (s) => s === 'ACTIVE');
    const { datasetArn } = await p.send(new CreateDatasetCommand({ name: 'upd-users', datasetGroupArn, schemaArn: v1, datasetType: 'Users' }));
    await expect(p.send(new UpdateDatasetCommand({ datasetArn, schemaArn: v2 }))).rejects.toMatchObject({ name: 'ResourceInUseException' });
    await until(() => datasetStatus(p, datasetArn!), (s) => s === 'ACTIVE');
    await expect(p.send(new UpdateDatasetCommand({ datasetArn, schemaArn: v2bad }))).rejects.toMatchObject({ name: 'InvalidInputException', message: 'Invalid schema: the added field AGE must be optional (a union with "null").' });
    await p.send(new UpdateDatasetCommand({ datasetArn, schemaArn: v2 }));
    const after = (await p.send(new DescribeDatasetCommand({ datasetArn }))).dataset!;
    expect(after.schemaArn).toBe(v2);
    expect(after.latestDatasetUpdate).toMatchObject({ schemaArn: v2, status: 'UPDATE PENDING' });
    await until(() => p.send(new DescribeDatasetCommand({ datasetArn })).then((r) => r.dataset!.latestDatasetUpdate!.status), (s) => s === 'ACTIVE');

    // deletes: a schema in use, a group with datasets
    await expect(p.send(new DeleteSchemaCommand({ schemaArn: v2 }))).rejects.toMatchObject({ name: 'ResourceInUseException', message: `Schema ${v2} is used by dataset ${datasetArn}.` });
    await expect(p.send(new DeleteDatasetGroupCommand({ datasetGroupArn }))).rejects.toMatchObject({ name: 'ResourceInUseException', message: expect.stringMatching(/still has 1 dataset \(USERS\): delete it first/) });
    await p.send(new DeleteDatasetCommand({ datasetArn }));
    expect(await datasetStatus(p, datasetArn!)).toBe('DELETE PENDING');
    await until(() => datasetStatus(p, datasetArn!).catch((e: Error) => e.name), (s) => s === 'ResourceNotFoundException');
    await p.send(new DeleteSchemaCommand({ schemaArn: v2 }));
    await p.send(new DeleteSchemaCommand({ schemaArn: v1 }));
    await expect(p.send(new DescribeSchemaCommand({ schemaArn: v1 }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    // an event tracker keeps the group too
    await p.send(new CreateEventTrackerCommand({ name: 'upd-tracker', datasetGroupArn }));
    await expect(p.send(new DeleteDatasetGroupCommand({ datasetGroupArn }))).rejects.toMatchObject({ name: 'ResourceInUseException', message: expect.stringMatching(/event tracker/) });
  });

  it('a KMS key needs a role (the service encrypts the group\'s data through it)', async () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await expect(sb.personalize.send(new CreateDatasetGroupCommand({ name: 'kms-shop', kmsKeyArn }))).rejects.toMatchObject({ name: 'InvalidInputException', message: expect.stringMatching(/roleArn is required when kmsKeyArn is specified/) });
    const { datasetGroupArn } = await sb.personalize.send(new CreateDatasetGroupCommand({ name: 'kms-shop', kmsKeyArn, roleArn: sb.sandbox.roleArn }));
    expect((await sb.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup).toMatchObject({ kmsKeyArn, roleArn: sb.sandbox.roleArn });
  });

  it('a group with nothing in it is deleted: DELETE PENDING, then gone', async () => {
    const p = sb.personalize;
    const { datasetGroupArn } = await p.send(new CreateDatasetGroupCommand({ name: 'short-lived', domain: 'VIDEO_ON_DEMAND' }));
    await expect(p.send(new DeleteDatasetGroupCommand({ datasetGroupArn }))).rejects.toMatchObject({ name: 'ResourceInUseException' });
    await until(() => groupStatus(p, datasetGroupArn!), (s) => s === 'ACTIVE');
    await p.send(new DeleteDatasetGroupCommand({ datasetGroupArn }));
    expect(await groupStatus(p, datasetGroupArn!)).toBe('DELETE PENDING');
    await until(() => groupStatus(p, datasetGroupArn!).catch((e: Error) => e.name), (s) => s === 'ResourceNotFoundException');
    expect((await p.send(new ListDatasetGroupsCommand({}))).datasetGroups!.map((g) => g.name)).not.toContain('short-lived');
  });
});
