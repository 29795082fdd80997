// src/flow/create.ts against the sandbox (seed none: an empty account) through the real SDK client
// (SdkPersonalize): what is missing is created and followed to ACTIVE, what exists is reused.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DescribeSchemaCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { SdkPersonalize } from '../../src/aws/personalize.js';
import { systemClock } from '../../src/job/clock.js';
import { addFieldsToDataset, createMissing, decideCreate, fieldsForNewColumns, groupNameProblem, schemaChangeBlocked, schemaNameFor, withAddedFields, type CreateEvent } from '../../src/flow/create.js';
import { inferSchema } from '../../src/schema/index.js';

const sample = (f: string) => createReadStream(fileURLToPath(new URL(`../../samples/${f}`, import.meta.url)));

describe('names', () => {
  it('a group name is checked against the pattern, the length and the names in use', () => {
    expect(groupNameProblem('new-shop', [{ name: 'old' }])).toBeUndefined();
    expect(groupNameProblem('', [])).toMatch(/Type a name/);
    expect(groupNameProblem('my shop', [])).toMatch(/no spaces/);
    expect(groupNameProblem('-shop', [])).toMatch(/starting with a letter or digit/);
    expect(groupNameProblem('x'.repeat(64), [])).toMatch(/At most 63 characters \(this one has 64\)/);
    expect(groupNameProblem('old', [{ name: 'old' }])).toMatch(/already exists/);
  });

  it('schema names are "<group>-<type>", numbered when taken', () => {
    expect(schemaNameFor('shop', 'ACTION_INTERACTIONS', [])).toBe('shop-action-interactions');
    expect(schemaNameFor('shop', 'ITEMS', [{ name: 'shop-items' }, { name: 'shop-items-2' }])).toBe('shop-items-3');
  });
});

describe('createMissing against sandbox --seed none', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.4 });
  const api = () => new SdkPersonalize(sb.personalize);
  const opts = (events: CreateEvent[]) => ({ clock: systemClock, pollMs: 20, onEvent: (e: CreateEvent) => events.push(e) });

  it('creates the group, the inferred schema and the dataset, each followed to ACTIVE', async () => {
    const inferred = await inferSchema(sample('interactions.csv'));
    const events: CreateEvent[] = [];
    const r = await createMissing(api(), { group: { create: { name: 'new-shop' } }, dataset: { type: inferred.datasetType, schema: inferred.schema } }, opts(events));
    expect(r.created).toEqual({ datasetGroupArn: r.datasetGroupArn, schemaArn: r.schemaArn, datasetArn: r.datasetArn });
    expect(r.datasetArn).toMatch(/:dataset\/new-shop\/INTERACTIONS$/);
    const line = (e: CreateEvent) => (e.kind === 'status' ? `${e.resource} ${e.status}` : e.kind === 'updating' ? 'updating' : `${e.kind} ${e.resource} ${e.name}`);
    const seen = events.map(line);
    expect(seen.slice(0, 2)).toEqual(['creating dataset-group new-shop', 'created dataset-group new-shop']);
    expect(seen[2]).toMatch(/^dataset-group CREATE (PENDING|IN_PROGRESS)$/);
    expect(seen).toContain('dataset-group ACTIVE');
    expect(seen.indexOf('dataset-group ACTIVE')).toBeLessThan(seen.indexOf('creating schema new-shop-interactions'));
    expect(seen.slice(-1)).toEqual(['dataset ACTIVE']);
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: r.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(held.fields.filter((f) => ['USER_ID', 'ITEM_ID', 'TIMESTAMP'].includes(f.name))).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
  });

  it('run again: the group exists (a usage error naming it) — or, by ARN, its dataset is reused and nothing is created', async () => {
    const inferred = await inferSchema(sample('interactions.csv'));
    await expect(createMissing(api(), { group: { create: { name: 'new-shop' } } }, opts([]))).rejects.toMatchObject({ kind: 'usage', message: 'A dataset group named new-shop already exists.' });
    const groupArn = `arn:aws:personalize:us-east-1:111122223333:dataset-group/new-shop`;
    const events: CreateEvent[] = [];
    const r = await createMissing(api(), { group: { arn: groupArn }, dataset: { type: 'INTERACTIONS', schema: inferred.schema } }, opts(events));
    expect(r.created).toEqual({});
    expect(events).toEqual([expect.objectContaining({ kind: 'reused', resource: 'dataset', why: 'the group already has its INTERACTIONS dataset' })]);
  });

  it('an equal schema of the account is reused for a new group; a Domain group gets a domain schema', async () => {
    const inferred = await inferSchema(sample('interactions.csv'));
    const events: CreateEvent[] = [];
    const r = await createMissing(api(), { group: { create: { name: 'second-shop' } }, dataset: { type: 'INTERACTIONS', schema: inferred.schema } }, opts(events));
    expect(r.created.schemaArn).toBeUndefined();
    expect(r.schemaArn).toMatch(/schema\/new-shop-interactions$/);
    expect(events.find((e) => e.kind === 'reused')).toMatchObject({ resource: 'schema', why: 'an equal schema already exists in the account' });
    const dom = await createMissing(api(), { group: { create: { name: 'video', domain: 'VIDEO_ON_DEMAND' } }, dataset: { type: 'INTERACTIONS', schema: inferred.schema } }, opts([]));
    expect(dom.domain).toBe('VIDEO_ON_DEMAND');
    expect(dom.created.schemaArn).toMatch(/schema\/video-interactions$/);
  });

  it('a schema the service refuses leaves the group created and says why', async () => {
    const bad = { type: 'record' as const, name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }] };
    await expect(createMissing(api(), { group: { create: { name: 'users-only' } }, dataset: { type: 'USERS', schema: bad } }, opts([]))).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/Invalid schema: Users schemas need at least one metadata field/) });
  });

  it('adds optional columns to a Users dataset (UpdateDataset); Interactions cannot take them', async () => {
    const inferred = await inferSchema(sample('users.csv'));
    const r = await createMissing(api(), { group: { arn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/new-shop' }, dataset: { type: 'USERS', schema: inferred.schema } }, opts([]));
    const events: CreateEvent[] = [];
    const { schemaArn } = await addFieldsToDataset(api(), r.datasetArn!, [{ name: 'COUNTRY', type: 'string', categorical: true }], opts(events));
    expect(schemaArn).toMatch(/schema\/new-shop-users-v2$/);
    expect(events[0]).toMatchObject({ kind: 'updating', added: ['COUNTRY'] });
    const d = await api().describeDataset(r.datasetArn!);
    expect(d.schemaArn).toBe(schemaArn);
    expect((await api().describeSchema(schemaArn)).avro.fields.at(-1)).toEqual({ name: 'COUNTRY', type: ['null', 'string'], categorical: true, default: null });
    expect(schemaChangeBlocked('INTERACTIONS')).toMatch(/Only Items and Users datasets can take new columns/);
    await expect(addFieldsToDataset(api(), 'arn:aws:personalize:us-east-1:111122223333:dataset/new-shop/INTERACTIONS', [{ name: 'X', type: 'string' }], opts([]))).rejects.toMatchObject({ kind: 'usage' });
    expect(() => withAddedFields(inferred.schema, [{ name: 'AGE', type: 'long' }])).toThrow(/already has a field AGE/);
  });
});

describe('decideCreate: what import does about a missing group or dataset', () => {
  const groups = [{ arn: 'arn:aws:personalize:us-east-1:1:dataset-group/shop', name: 'shop' }, { arn: 'arn:aws:personalize:us-east-1:1:dataset-group/video', name: 'video', domain: 'VIDEO_ON_DEMAND' as const }];
  const base = { datasetType: 'INTERACTIONS' as const, create: false };

  it('without --create, a missing group or dataset is a usage error naming --create', () => {
    expect(() => decideCreate({ ...base, groupName: 'new-shop' }, groups, undefined)).toThrow(expect.objectContaining({ kind: 'usage', message: 'Dataset group new-shop does not exist in this account and region.', hint: expect.stringMatching(/^Pass --create to create it \(a Custom dataset group; --domain ECOMMERCE\|VIDEO_ON_DEMAND/) }));
    expect(() => decideCreate({ ...base, groupName: 'shop' }, groups, [])).toThrow(expect.objectContaining({ message: 'Dataset group shop has no INTERACTIONS dataset yet.', hint: expect.stringMatching(/--create/) }));
  });

  it('with --create: the group and dataset, or only the dataset; an existing one is ready', () => {
    expect(decideCreate({ ...base, groupName: 'new-shop', create: true, domain: 'ECOMMERCE' }, groups, undefined)).toEqual({ kind: 'create', group: { create: { name: 'new-shop', domain: 'ECOMMERCE' } }, datasetType: 'INTERACTIONS', needGroup: true, needDataset: true });
    expect(decideCreate({ ...base, groupName: 'shop', create: true }, groups, [])).toEqual({ kind: 'create', group: { arn: groups[0].arn }, datasetType: 'INTERACTIONS', needGroup: false, needDataset: true });
    expect(decideCreate({ ...base, groupName: 'shop' }, groups, [{ arn: 'd', datasetType: 'INTERACTIONS' }])).toEqual({ kind: 'ready', datasetGroupArn: groups[0].arn, datasetArn: 'd' });
  });

  it('a bad name or a domain the group does not have is named', () => {
    expect(() => decideCreate({ ...base, groupName: 'my shop', create: true }, groups, undefined)).toThrow(/--dataset-group 'my shop': .*no spaces/);
    expect(() => decideCreate({ ...base, groupName: 'video', domain: 'ECOMMERCE' }, groups, [])).toThrow(/--domain ECOMMERCE: the dataset group video is a VIDEO_ON_DEMAND Domain group/);
  });
});

describe('fieldsForNewColumns: what a CSV brings that the schema lacks', () => {
  it('new columns become optional fields typed by inference; renamed columns and a second textual field are left out', async () => {
    async function* one(text: string) {
      yield Buffer.from(text);
    }
    const current = { type: 'record' as const, name: 'Items', fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'NOTES', type: ['null', 'string'], textual: true, default: null }] };
    const csv = `ITEM_ID,NOTES,COLOUR,WEIGHT,Description,creation_timestamp\n${Array.from({ length: 10 }, (_, i) => `i${i},n,${i % 2 ? 'red' : 'blue'},${i}.5,"A long description of the item number ${i}, with words",1767225600`).join('\n')}\n`;
    const inferred = await inferSchema(one(csv), { datasetType: 'ITEMS' });
    expect(fieldsForNewColumns(current, inferred.fields, 'ITEMS')).toEqual([
      { name: 'COLOUR', type: ['null', 'string'], categorical: true, default: null },
      { name: 'WEIGHT', type: ['null', 'float'], default: null },
      { name: 'Description', type: ['null', 'string'], default: null },
    ]);
  });
});
