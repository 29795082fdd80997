// The sandbox's KMS (JSON 1.1) and STS (Query) held to botocore's published models (kms/2014-11-01,
// sts/2011-06-15, found through python3 at test time, never copied into the repo): every member
// answered exists in the output shape, required ones are there, strings meet enums / lengths /
// patterns, timestamps are epoch seconds; every error is one the model lists for the operation, or
// one KMS answers for any operation (AccessDeniedException, ValidationException at its front door).
// Raw HTTP, because SDKs drop what they do not know.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { KMS_OPERATIONS } from '../../src/sandbox/kms.js';
import { STS_OPERATIONS } from '../../src/sandbox/sts.js';

interface Shape { type: string; members?: Record<string, { shape: string }>; required?: string[]; member?: { shape: string }; enum?: string[]; min?: number; max?: number; pattern?: string }
interface Model { operations: Record<string, { input: { shape: string }; output?: { shape: string; resultWrapper?: string }; errors?: { shape: string }[] }>; shapes: Record<string, Shape> }

function loadModel(service: string, version: string): Model {
  const dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  return JSON.parse(gunzipSync(readFileSync(path.join(dir, 'data', service, version, 'service-2.json.gz'))).toString('utf8')) as Model;
}

const pattern = (p: string) => new RegExp(`^(?:${p})$`, 'su');

function conformJson(model: Model, name: string, value: unknown, at: string, out: string[]): void {
  const s = model.shapes[name];
  switch (s.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return void out.push(`${at}: expected object (${name})`);
      const v = value as Record<string, unknown>;
      for (const k of Object.keys(v)) if (!s.members?.[k]) out.push(`${at}.${k}: not a member of ${name}`);
      for (const r of s.required ?? []) if (v[r] === undefined) out.push(`${at}.${r}: required by ${name}, missing`);
      for (const [k, m] of Object.entries(s.members ?? {})) if (v[k] !== undefined) conformJson(model, m.shape, v[k], `${at}.${k}`, out);
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void out.push(`${at}: expected array`);
      value.forEach((x, i) => conformJson(model, s.member!.shape, x, `${at}[${i}]`, out));
      return;
    case 'string':
      if (typeof value !== 'string') return void out.push(`${at}: expected string`);
      if (s.enum && !s.enum.includes(value)) out.push(`${at}: '${value}' not in ${s.enum.join('|')}`);
      if (s.max !== undefined && value.length > s.max) out.push(`${at}: longer than ${s.max}`);
      if (s.min !== undefined && value.length < s.min) out.push(`${at}: shorter than ${s.min}`);
      if (s.pattern && !pattern(s.pattern).test(value)) out.push(`${at}: does not match ${s.pattern}`);
      return;
    case 'timestamp':
      if (typeof value !== 'number' || value > 1e11) out.push(`${at}: timestamp must be epoch seconds, got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: expected boolean`);
      return;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) out.push(`${at}: expected integer`);
      return;
    default:
      out.push(`${at}: unchecked shape type ${s.type}`);
  }
}

describe('sandbox KMS vs the published API model', () => {
  const model = loadModel('kms', '2014-11-01');
  const sb = withSandbox({ jobSeconds: 0 });
  const checked = new Map<string, number>();

  async function call(op: string, input: Record<string, unknown>, expectError?: string) {
    const res = await fetch(sb.env.AWS_ENDPOINT_URL_KMS, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${op}` }, body: JSON.stringify(input) });
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = (await res.json()) as Record<string, unknown>;
    const problems: string[] = [];
    if (res.status === 200) {
      expect(expectError, `${op} succeeded: ${JSON.stringify(body).slice(0, 200)}`).toBeUndefined();
      const out = model.operations[op].output;
      if (out) conformJson(model, out.shape, body, op, problems);
      else expect(body).toEqual({});
    } else {
      expect(res.status).toBe(400);
      const type = String(body.__type);
      expect(type).toBe(expectError);
      const allowed = [...(model.operations[op].errors ?? []).map((e) => e.shape), 'AccessDeniedException', 'ValidationException'];
      expect(allowed, `${op} answered ${type}`).toContain(type);
      expect(Object.keys(body).sort()).toEqual(['__type', 'message']);
    }
    expect(problems).toEqual([]);
    checked.set(op, (checked.get(op) ?? 0) + 1);
    return body;
  }

  it('the model names every operation the sandbox serves', () => {
    for (const op of KMS_OPERATIONS) expect(model.operations[op], op).toBeDefined();
  });

  it('every operation, succeeding and failing, answers what the model describes', async () => {
    const key = sb.sandbox.kmsKeyArn;
    const keys = await call('ListKeys', {});
    expect((keys.Keys as { KeyArn: string }[]).map((k) => k.KeyArn)).toEqual(expect.arrayContaining([key, sb.sandbox.lockedKeyArn]));
    const page = await call('ListKeys', { Limit: 1 });
    await call('ListKeys', { Marker: page.NextMarker });
    await call('ListKeys', { Limit: 0 }, 'ValidationException');
    await call('ListKeys', { Marker: 'x' }, 'InvalidMarkerException');
    await call('DescribeKey', { KeyId: key });
    await call('DescribeKey', { KeyId: key.split('/').pop() }); // by key id
    await call('DescribeKey', { KeyId: 'arn:aws:kms:us-east-1:111122223333:key/nope' }, 'NotFoundException');
    await call('DescribeKey', { KeyId: 'arn:aws:s3:::bucket' }, 'InvalidArnException');
    await call('DescribeKey', {}, 'ValidationException');
    const p = await call('GetKeyPolicy', { KeyId: key, PolicyName: 'default' });
    await call('GetKeyPolicy', { KeyId: key });
    await call('GetKeyPolicy', { KeyId: key, PolicyName: 'other' }, 'NotFoundException');
    await call('PutKeyPolicy', { KeyId: key, PolicyName: 'default', Policy: p.Policy });
    await call('PutKeyPolicy', { KeyId: key, Policy: '{"Statement": [' }, 'MalformedPolicyDocumentException');
    const ghost = JSON.stringify({ Version: '2012-10-17', Statement: [...JSON.parse(String(p.Policy)).Statement, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/NoSuchRole' }, Action: 'kms:Decrypt', Resource: '*' }] });
    await call('PutKeyPolicy', { KeyId: key, Policy: ghost }, 'MalformedPolicyDocumentException'); // a principal that does not exist
    const lockout = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:Decrypt', Resource: '*' }] });
    await call('PutKeyPolicy', { KeyId: key, Policy: lockout }, 'MalformedPolicyDocumentException'); // the lockout safety check
    await call('PutKeyPolicy', { KeyId: key, Policy: JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 400 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' })) }) }, 'LimitExceededException');
    await call('PutKeyPolicy', { KeyId: sb.sandbox.lockedKeyArn, Policy: p.Policy }, 'AccessDeniedException');
    await call('GetKeyPolicy', { KeyId: sb.sandbox.lockedKeyArn }); // the account may read it
    expect(await (await fetch(sb.env.AWS_ENDPOINT_URL_KMS, { method: 'POST', headers: { 'x-amz-target': `TrentService.GetKeyPolicy` }, body: JSON.stringify({ KeyId: key }) })).json()).toMatchObject({ Policy: p.Policy });
    for (const op of KMS_OPERATIONS) expect(checked.get(op) ?? 0, `${op} was not exercised`).toBeGreaterThan(0);
  });
});

describe('sandbox STS vs the published API model', () => {
  const model = loadModel('sts', '2011-06-15');
  const sb = withSandbox({ jobSeconds: 0 });

  it('GetCallerIdentity answers the members of GetCallerIdentityResponse inside its result wrapper', async () => {
    for (const op of STS_OPERATIONS) expect(model.operations[op], op).toBeDefined();
    const res = await fetch(sb.env.AWS_ENDPOINT_URL_STS, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.status).toBe(200);
    const xml = await res.text();
    const o = model.operations.GetCallerIdentity.output!;
    const wrapper = new RegExp(`<${o.resultWrapper}>(.*)</${o.resultWrapper}>`).exec(xml)?.[1];
    expect(wrapper, xml).toBeDefined();
    const members = Object.keys(model.shapes[o.shape].members!);
    const found = [...wrapper!.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map((m) => [m[1], m[2]] as const);
    for (const [k, v] of found) {
      expect(members, k).toContain(k);
      const s = model.shapes[model.shapes[o.shape].members![k].shape];
      if (s.min !== undefined) expect(v.length).toBeGreaterThanOrEqual(s.min);
      if (s.pattern) expect(v).toMatch(pattern(s.pattern));
    }
    expect(Object.fromEntries(found)).toEqual({ Arn: sb.sandbox.callerArn, UserId: 'AIDASANDBOXCALLER0001', Account: sb.sandbox.accountId });
    const bad = await fetch(sb.env.AWS_ENDPOINT_URL_STS, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=AssumeRole&Version=2011-06-15' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<Code>InvalidAction</Code>');
  });
});
