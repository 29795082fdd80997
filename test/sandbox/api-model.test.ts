// Every raw JSON body the sandbox answers is checked against the service's published API model
// (botocore's personalize/2018-05-22/service-2.json, found through python3 at test time, never
// copied into the repo): member names exist, required members present, types, enum values,
// lengths and patterns, timestamps as epoch-second numbers. Raw fetch, because SDKs drop unknowns.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';
import { OPERATIONS } from '../../src/sandbox/personalize.js';
import { INPUTS } from '../../src/sandbox/checks.js';

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}
interface Model {
  operations: Record<string, { input: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>;
  shapes: Record<string, Shape>;
}

function loadModel(): Model {
  const dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  const base = path.join(dir, 'data', 'personalize', '2018-05-22', 'service-2.json');
  if (existsSync(base)) return JSON.parse(readFileSync(base, 'utf8')) as Model;
  return JSON.parse(gunzipSync(readFileSync(`${base}.gz`)).toString('utf8')) as Model;
}

function javaPattern(p: string): RegExp {
  return new RegExp(`^(?:${p})$`, 'su');
}

/** Returns every way `value` breaks shape `name` (empty = conforms). */
function conform(model: Model, name: string, value: unknown, at: string, out: string[]): void {
  const s = model.shapes[name];
  switch (s.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push(`${at}: expected object (${name})`);
        return;
      }
      const v = value as Record<string, unknown>;
      for (const k of Object.keys(v)) if (!s.members?.[k]) out.push(`${at}.${k}: not a member of ${name}`);
      for (const r of s.required ?? []) if (v[r] === undefined || v[r] === null) out.push(`${at}.${r}: required by ${name}, missing`);
      for (const [k, m] of Object.entries(s.members ?? {})) if (v[k] !== undefined) conform(model, m.shape, v[k], `${at}.${k}`, out);
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void out.push(`${at}: expected array`);
      if (s.max !== undefined && value.length > s.max) out.push(`${at}: more than ${s.max} items`);
      value.forEach((x, i) => conform(model, s.member!.shape, x, `${at}[${i}]`, out));
      return;
    case 'map':
      if (typeof value !== 'object' || value === null) return void out.push(`${at}: expected map`);
      for (const [k, x] of Object.entries(value)) {
        conform(model, s.key!.shape, k, `${at}{key}`, out);
        conform(model, s.value!.shape, x, `${at}.${k}`, out);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return void out.push(`${at}: expected string, got ${typeof value}`);
      if (s.enum && !s.enum.includes(value)) out.push(`${at}: '${value}' not in enum ${s.enum.join('|')}`);
      if (s.max !== undefined && value.length > s.max) out.push(`${at}: longer than ${s.max}`);
      if (s.min !== undefined && value.length < s.min) out.push(`${at}: shorter than ${s.min}`);
      // Known model quirk: DatasetImportJob.roleArn is typed with the personalize Arn shape, yet the
      // service returns the IAM role ARN that was passed in (RoleArn pattern), as it must.
      if (at.endsWith('datasetImportJob.roleArn')) {
        if (!javaPattern(model.shapes.RoleArn.pattern!).test(value)) out.push(`${at}: '${value}' is not a role ARN`);
        return;
      }
      if (s.pattern && !javaPattern(s.pattern).test(value)) out.push(`${at}: '${value}' does not match ${s.pattern}`);
      return;
    case 'timestamp':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${at}: timestamp must be epoch seconds (a number), got ${JSON.stringify(value)}`);
      else if (value > 1e11) out.push(`${at}: ${value} looks like milliseconds`);
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) out.push(`${at}: expected integer`);
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number') out.push(`${at}: expected number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: expected boolean`);
      return;
    default:
      out.push(`${at}: unchecked shape type ${s.type}`);
  }
}

describe('raw responses vs the published API model', () => {
  const model = loadModel();
  const sb = withSandbox({ jobSeconds: 0 });
  const checked = new Map<string, number>();

  async function call(op: string, input: Record<string, unknown>) {
    const res = await fetch(sb.sandbox.personalizeEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonPersonalize.${op}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const problems: string[] = [];
    // the request we sent must itself be valid per the model (or we expect an error)
    if (res.status === 200) {
      const out = model.operations[op].output;
      if (out) conform(model, out.shape, body, op, problems);
      else expect(body).toEqual({});
    } else {
      expect(res.status).toBe(400);
      const type = String(body.__type).split('#').pop()!;
      const allowed = [...(model.operations[op].errors ?? []).map((e) => e.shape), 'ThrottlingException'];
      // The front door's constraint checks answer InvalidInputException even for operations whose
      // model lists no such error (ListSchemas, ListDatasetGroups): the sandbox does the same.
      if (/^\d+ validation errors? detected: /.test(String(body.message))) allowed.push('InvalidInputException');
      expect(allowed, `${op} answered ${type}`).toContain(type);
      if (model.shapes[type]) conform(model, type, Object.fromEntries(Object.entries(body).filter(([k]) => k !== '__type')), `${op}!${type}`, problems);
    }
    expect(problems, JSON.stringify(body).slice(0, 400)).toEqual([]);
    checked.set(op, (checked.get(op) ?? 0) + 1);
    return { status: res.status, body };
  }

  it('the model names every operation the sandbox serves', () => {
    for (const op of OPERATIONS) expect(model.operations[op], op).toBeDefined();
  });

  it('the input checks name only the model\'s members and require all it requires', () => {
    for (const op of OPERATIONS) {
      const shape = model.shapes[model.operations[op].input.shape];
      const mine = INPUTS[op];
      expect(mine, `${op} has no input checks`).toBeDefined();
      for (const k of Object.keys(mine)) expect(shape.members?.[k], `${op}.${k} is not in the model`).toBeDefined();
      for (const r of shape.required ?? []) expect(mine[r]?.required, `${op}.${r} is required by the model`).toBe(true);
    }
  });

  it('every operation, in every state, answers what the model describes', async () => {
    const groups = await call('ListDatasetGroups', {});
    for (const g of groups.body.datasetGroups as { datasetGroupArn: string }[]) {
      await call('DescribeDatasetGroup', { datasetGroupArn: g.datasetGroupArn });
      const ds = await call('ListDatasets', { datasetGroupArn: g.datasetGroupArn });
      for (const d of ds.body.datasets as { datasetArn: string }[]) {
        const desc = await call('DescribeDataset', { datasetArn: d.datasetArn });
        await call('DescribeSchema', { schemaArn: (desc.body.dataset as { schemaArn: string }).schemaArn });
        await call('ListDatasetImportJobs', { datasetArn: d.datasetArn });
      }
      await call('ListMetricAttributions', { datasetGroupArn: g.datasetGroupArn });
    }
    await call('ListSchemas', { maxResults: 2 });
    const schema = JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'X', type: 'string', categorical: true }], version: '1.0' });
    const s = await call('CreateSchema', { name: 'model-users', schema });
    const ecomSchema = JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'X', type: 'string', categorical: true }], version: '1.0' });
    await call('CreateSchema', { name: 'model-ecom-users', schema: ecomSchema, domain: 'ECOMMERCE' });
    const g = await call('CreateDatasetGroup', { name: 'model-group', roleArn: sb.sandbox.roleArn });
    await call('CreateDatasetGroup', { name: 'model-domain-group', domain: 'VIDEO_ON_DEMAND' });
    await call('DescribeDatasetGroup', { datasetGroupArn: g.body.datasetGroupArn });
    const created = await call('CreateDataset', { name: 'model-users', schemaArn: s.body.schemaArn, datasetGroupArn: g.body.datasetGroupArn, datasetType: 'Users' });

    // schema changes and deletes (UpdateDataset, DeleteDataset, DeleteSchema, DeleteDatasetGroup)
    const usersV2 = JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'X', type: 'string', categorical: true }, { name: 'AGE', type: ['null', 'long'], default: null }], version: '1.0' });
    const s2 = await call('CreateSchema', { name: 'model-users-v2', schema: usersV2 });
    await call('UpdateDataset', { datasetArn: created.body.datasetArn, schemaArn: s2.body.schemaArn });
    await call('DescribeDataset', { datasetArn: created.body.datasetArn }); // with latestDatasetUpdate
    await call('UpdateDataset', { datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), schemaArn: s2.body.schemaArn }); // InvalidInput: Interactions
    await call('UpdateDataset', { datasetArn: created.body.datasetArn, schemaArn: 'arn:aws:personalize:us-east-1:111122223333:schema/none' }); // not found
    await call('DeleteSchema', { schemaArn: s2.body.schemaArn }); // in use
    await call('DeleteDatasetGroup', { datasetGroupArn: g.body.datasetGroupArn }); // in use: has a dataset
    const gone = await call('CreateDatasetGroup', { name: 'model-gone' });
    await call('DeleteDatasetGroup', { datasetGroupArn: gone.body.datasetGroupArn });
    await call('DeleteDatasetGroup', { datasetGroupArn: gone.body.datasetGroupArn }); // not found
    const spare = await call('CreateSchema', { name: 'model-spare', schema: usersV2 });
    await call('DeleteSchema', { schemaArn: spare.body.schemaArn });
    await call('DeleteDataset', { datasetArn: 'arn:aws:personalize:us-east-1:111122223333:dataset/none/USERS' }); // not found
    await call('CreateSchema', { name: 'model-invalid', schema: JSON.stringify({ type: 'record', name: 'Users', fields: [{ name: 'USER_ID', type: 'string' }] }) }); // InvalidInput

    // jobs: active, failed, pending, incremental
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'users.csv', Body: readFileSync(new URL('../../samples/users.csv', import.meta.url)) }));
    const usersArn = sb.seeded.datasetArn('custom', 'USERS');
    const base = { datasetArn: usersArn, roleArn: sb.sandbox.roleArn };
    const ok = await call('CreateDatasetImportJob', { ...base, jobName: 'model-ok', dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/users.csv` } });
    await call('DescribeDatasetImportJob', { datasetImportJobArn: ok.body.datasetImportJobArn }); // PENDING
    await sb.waitForJob(ok.body.datasetImportJobArn as string);
    await call('DescribeDatasetImportJob', { datasetImportJobArn: ok.body.datasetImportJobArn }); // ACTIVE
    const bad = await call('CreateDatasetImportJob', { ...base, jobName: 'model-bad', importMode: 'INCREMENTAL', publishAttributionMetricsToS3: false, tags: [{ tagKey: 'team', tagValue: 'search' }], dataSource: { dataLocation: `s3://${sb.sandbox.noGrantBucket}/users.csv` } });
    await sb.waitForJob(bad.body.datasetImportJobArn as string);
    await call('DescribeDatasetImportJob', { datasetImportJobArn: bad.body.datasetImportJobArn }); // CREATE FAILED + failureReason
    await call('ListDatasetImportJobs', { datasetArn: usersArn, maxResults: 1 });
    await call('ListDatasetImportJobs', {});

    // errors, each op's own
    await call('DescribeDatasetGroup', { datasetGroupArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/none' });
    await call('DescribeDataset', { datasetArn: 'nope' });
    await call('DescribeSchema', { schemaArn: 'arn:aws:personalize:us-east-1:111122223333:schema/none' });
    await call('DescribeDatasetImportJob', { datasetImportJobArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/none' });
    await call('CreateDatasetImportJob', { ...base, jobName: 'model-ok', dataSource: { dataLocation: 's3://x/y' } });
    await call('CreateDatasetImportJob', { ...base, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), jobName: 'model-inc', importMode: 'INCREMENTAL', dataSource: { dataLocation: 's3://x/y' } });
    await call('CreateDatasetGroup', { name: 'model-group' });
    await call('CreateSchema', { name: 'model-users', schema });
    await call('CreateDataset', { name: 'x', schemaArn: s.body.schemaArn, datasetGroupArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/none', datasetType: 'Users' });
    await call('ListDatasets', { nextToken: 'bad' });
    await call('ListSchemas', { maxResults: 101 });
    await call('DeleteDataset', { datasetArn: created.body.datasetArn });
    sb.sandbox.faults.inject('ListDatasetGroups', { kind: 'throttle', count: 1 });
    const t = await call('ListDatasetGroups', {});
    expect(t.body.__type).toBe('ThrottlingException');

    for (const op of OPERATIONS) expect(checked.get(op) ?? 0, `${op} was not exercised`).toBeGreaterThan(0);
  });

  it('more than 50 tags on what an operation creates: TooManyTagsException, which each operation taking tags lists', async () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ tagKey: `team-${i}`, tagValue: 'search' }));
    const refused = new Set<string>();
    /** 51 tags refused (the request list would take 200), then the same with 50 accepted */
    async function limit(op: string, input: Record<string, unknown>, kind: string, name: string) {
      const over = await call(op, { ...input, tags: tags(51) });
      expect(over.body.__type).toBe('TooManyTagsException');
      expect(over.body.message).toMatch(new RegExp(`^The resource arn:aws:personalize:us-east-1:\\d{12}:${kind}/${name} cannot have more than 50 tags\\.$`));
      refused.add(op);
      const ok = await call(op, { ...input, tags: tags(50) });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      return ok.body;
    }
    const g = await limit('CreateDatasetGroup', { name: 'tags-group' }, 'dataset-group', 'tags-group');
    const schema = JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'X', type: 'string', categorical: true }], version: '1.0' });
    const s = await call('CreateSchema', { name: 'tags-users', schema });
    const d = await limit('CreateDataset', { name: 'tags-users', schemaArn: s.body.schemaArn, datasetGroupArn: g.datasetGroupArn, datasetType: 'Users' }, 'dataset', 'tags-group/USERS');
    await limit('CreateDatasetImportJob', { jobName: 'tags-job', datasetArn: d.datasetArn, roleArn: sb.sandbox.roleArn, dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/tags-users.csv` } }, 'dataset-import-job', 'tags-job');
    await limit('CreateEventTracker', { name: 'tags-tracker', datasetGroupArn: g.datasetGroupArn }, 'event-tracker', 'tags-tracker');
    // every operation the sandbox checks tags for answers the error, and the model lists it for each
    const withTags = Object.keys(INPUTS).filter((op) => INPUTS[op].tags);
    expect([...refused].sort()).toEqual(withTags.sort());
    for (const op of withTags) expect(model.operations[op].errors?.map((e) => e.shape), op).toContain('TooManyTagsException');
  });
});
