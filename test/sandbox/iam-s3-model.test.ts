// The sandbox's IAM (Query protocol) and the S3 operations access setup uses (REST-XML), held to
// botocore's published API models (iam/2010-05-08, s3/2006-03-01, found through python3 at test
// time, never copied into the repo): every answered element is a member of the operation's output
// shape, required members are present, strings meet the shapes' patterns and lengths, timestamps
// are ISO 8601, and every error code is one the model lists for that operation (or IAM's front-door
// ValidationError / S3's generic codes). Raw HTTP, because the SDKs drop what they do not know.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { S3Client, CreateBucketCommand, PutBucketPolicyCommand, PutBucketEncryptionCommand, PutPublicAccessBlockCommand, GetPublicAccessBlockCommand, GetBucketEncryptionCommand, DeleteBucketPolicyCommand, GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';
import { IAM_OPERATIONS } from '../../src/sandbox/iam.js';
import { startSandbox } from '../../src/sandbox/index.js';

interface Shape { type: string; members?: Record<string, { shape: string; locationName?: string; flattened?: boolean }>; required?: string[]; member?: { shape: string; locationName?: string }; enum?: string[]; min?: number; max?: number; pattern?: string; error?: { code?: string; httpStatusCode?: number }; flattened?: boolean }
interface Model { operations: Record<string, { input: { shape: string }; output?: { shape: string; resultWrapper?: string }; errors?: { shape: string }[] }>; shapes: Record<string, Shape> }

function loadModel(service: string, version: string): Model {
  const dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  return JSON.parse(gunzipSync(readFileSync(path.join(dir, 'data', service, version, 'service-2.json.gz'))).toString('utf8')) as Model;
}

interface El { name: string; children: El[]; text: string }
/** A small XML reader: elements, text, entities; enough for AWS answers. */
function parseXml(xml: string): El {
  const root: El = { name: '#root', children: [], text: '' };
  const stack = [root];
  const re = /<\?[^>]*\?>|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m; (m = re.exec(xml)); ) {
    if (m[5] !== undefined) {
      stack[stack.length - 1].text += m[5].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      continue;
    }
    if (!m[2]) continue;
    if (m[1]) { stack.pop(); continue; }
    const el: El = { name: m[2], children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  return root.children[0];
}

function conform(model: Model, shapeName: string, el: El, at: string, out: string[]): void {
  const s = model.shapes[shapeName];
  switch (s.type) {
    case 'structure': {
      const byName = new Map(Object.entries(s.members ?? {}).map(([k, m]) => [m.locationName ?? k, { key: k, m }]));
      for (const c of el.children) {
        const hit = byName.get(c.name);
        if (!hit) { out.push(`${at}.${c.name}: not a member of ${shapeName}`); continue; }
        const target = model.shapes[hit.m.shape];
        // a flattened list (S3's <Rule>…</Rule><Rule>…</Rule>): each element is one item
        if (target.type === 'list' && (hit.m.flattened || target.flattened)) conform(model, target.member!.shape, c, `${at}.${c.name}[]`, out);
        else conform(model, hit.m.shape, c, `${at}.${c.name}`, out);
      }
      for (const r of s.required ?? []) {
        const name = s.members?.[r]?.locationName ?? r;
        if (!el.children.some((c) => c.name === name)) out.push(`${at}.${r}: required by ${shapeName}, missing`);
      }
      return;
    }
    case 'list':
      for (const c of el.children) {
        if (c.name !== (s.member!.locationName ?? 'member')) out.push(`${at}.${c.name}: list items are <${s.member!.locationName ?? 'member'}>`);
        conform(model, s.member!.shape, c, `${at}[]`, out);
      }
      return;
    case 'string': {
      const v = el.text;
      if (s.enum && !s.enum.includes(v)) out.push(`${at}: '${v}' not in ${s.enum.join('|')}`);
      if (s.max !== undefined && v.length > s.max) out.push(`${at}: longer than ${s.max}`);
      if (s.min !== undefined && v.length < s.min) out.push(`${at}: shorter than ${s.min}`);
      if (s.pattern && !new RegExp(`^(?:${s.pattern.replace(/\\u([0-9A-Fa-f]{4})/g, '\\u$1')})$`, 'su').test(v)) out.push(`${at}: '${v.slice(0, 60)}' does not match ${s.pattern}`);
      return;
    }
    case 'timestamp':
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(el.text)) out.push(`${at}: '${el.text}' is not ISO 8601`);
      return;
    case 'boolean':
      if (el.text !== 'true' && el.text !== 'false') out.push(`${at}: '${el.text}' is not a boolean`);
      return;
    case 'integer':
    case 'long':
      if (!/^-?\d+$/.test(el.text)) out.push(`${at}: '${el.text}' is not an integer`);
      return;
    default:
      out.push(`${at}: unchecked shape type ${s.type}`);
  }
}

describe('sandbox IAM vs the published API model', () => {
  const model = loadModel('iam', '2010-05-08');
  const sb = withSandbox({ jobSeconds: 0 });
  const checked = new Map<string, number>();

  async function call(op: string, params: Record<string, string>, expectError?: string) {
    const res = await fetch(sb.env.AWS_ENDPOINT_URL_IAM, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ Action: op, Version: '2010-05-08', ...params }).toString() });
    const xml = parseXml(await res.text());
    const problems: string[] = [];
    const o = model.operations[op];
    if (res.status === 200) {
      expect(expectError, `${op} succeeded`).toBeUndefined();
      expect(xml.name).toBe(`${op}Response`);
      const result = xml.children.find((c) => c.name === o.output?.resultWrapper);
      if (o.output) {
        expect(result, `${op}: <${o.output.resultWrapper}>`).toBeDefined();
        conform(model, o.output.shape, result!, op, problems);
      } else {
        expect(xml.children.map((c) => c.name)).toEqual(['ResponseMetadata']);
      }
    } else {
      expect(xml.name).toBe('ErrorResponse');
      const code = xml.children[0].children.find((c) => c.name === 'Code')!.text;
      expect(code).toBe(expectError);
      const modeled = (o.errors ?? []).map((e) => model.shapes[e.shape].error!).filter(Boolean);
      const hit = modeled.find((e) => e.code === code);
      if (code === 'ValidationError') expect(res.status).toBe(400);
      else {
        expect(hit, `${op} answered ${code}, not in its model errors ${modeled.map((e) => e.code).join(', ')}`).toBeDefined();
        expect(res.status).toBe(hit!.httpStatusCode);
      }
    }
    expect(problems).toEqual([]);
    checked.set(op, (checked.get(op) ?? 0) + 1);
  }

  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  const read = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });

  it('the model names every operation the sandbox serves', () => {
    for (const op of IAM_OPERATIONS) expect(model.operations[op], op).toBeDefined();
  });

  it('every operation, succeeding and failing, answers what the model describes', async () => {
    await call('CreateRole', { RoleName: 'model-role', AssumeRolePolicyDocument: trust, Description: 'for the model test' });
    await call('CreateRole', { RoleName: 'model-role', AssumeRolePolicyDocument: trust }, 'EntityAlreadyExists');
    await call('CreateRole', { RoleName: 'model-bad', AssumeRolePolicyDocument: '{"Statement": [' }, 'MalformedPolicyDocument');
    await call('CreateRole', { RoleName: 'model-bad', AssumeRolePolicyDocument: read }, 'MalformedPolicyDocument'); // a Resource in a trust policy
    await call('CreateRole', { RoleName: 'bad name', AssumeRolePolicyDocument: trust }, 'ValidationError');
    await call('GetRole', { RoleName: 'model-role' });
    await call('GetRole', { RoleName: 'PersonalizeSandboxRole' });
    await call('GetRole', { RoleName: 'nope' }, 'NoSuchEntity');
    await call('ListRoles', {});
    await call('PutRolePolicy', { RoleName: 'model-role', PolicyName: 'read', PolicyDocument: read });
    await call('PutRolePolicy', { RoleName: 'model-role', PolicyName: 'p', PolicyDocument: trust }, 'MalformedPolicyDocument'); // a Principal in an identity policy
    await call('PutRolePolicy', { RoleName: 'model-role', PolicyName: 'big', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 600 }, (_, i) => `arn:aws:s3:::b/${i}/*`) }] }) }, 'LimitExceeded');
    await call('PutRolePolicy', { RoleName: 'nope', PolicyName: 'read', PolicyDocument: read }, 'NoSuchEntity');
    await call('GetRolePolicy', { RoleName: 'model-role', PolicyName: 'read' });
    await call('GetRolePolicy', { RoleName: 'model-role', PolicyName: 'none' }, 'NoSuchEntity');
    await call('ListRolePolicies', { RoleName: 'model-role' });
    await call('ListRolePolicies', { RoleName: 'nope' }, 'NoSuchEntity');
    await call('ListAttachedRolePolicies', { RoleName: 'model-role' });
    await call('ListAttachedRolePolicies', { RoleName: 'nope' }, 'NoSuchEntity');
    await call('SimulatePrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${sb.sandbox.accountId}:role/model-role`, 'ActionNames.member.1': 's3:GetObject', 'ActionNames.member.2': 's3:PutObject', 'ResourceArns.member.1': 'arn:aws:s3:::b/x' });
    await call('SimulatePrincipalPolicy', { PolicySourceArn: `arn:aws:iam::${sb.sandbox.accountId}:role/nope`, 'ActionNames.member.1': 's3:GetObject' }, 'NoSuchEntity');
    // the caller itself (STS names it), with a context key, as the iam:PassRole check asks
    await call('SimulatePrincipalPolicy', { PolicySourceArn: sb.sandbox.callerArn, 'ActionNames.member.1': 'iam:PassRole', 'ResourceArns.member.1': sb.sandbox.roleArn, 'ContextEntries.member.1.ContextKeyName': 'iam:PassedToService', 'ContextEntries.member.1.ContextKeyValues.member.1': 'personalize.amazonaws.com', 'ContextEntries.member.1.ContextKeyType': 'string' });
    await call('DeleteRole', { RoleName: 'model-role' }, 'DeleteConflict');
    await call('DeleteRolePolicy', { RoleName: 'model-role', PolicyName: 'read' });
    await call('DeleteRolePolicy', { RoleName: 'model-role', PolicyName: 'read' }, 'NoSuchEntity');
    await call('DeleteRole', { RoleName: 'model-role' });
    await call('DeleteRole', { RoleName: 'model-role' }, 'NoSuchEntity');
    for (const op of IAM_OPERATIONS) expect(checked.get(op) ?? 0, `${op} was not exercised`).toBeGreaterThan(0);
  });
});

describe('sandbox S3 bucket settings vs the published API model', () => {
  const model = loadModel('s3', '2006-03-01');
  const sb = withSandbox({ jobSeconds: 0 });

  async function raw(method: string, p: string, body?: string) {
    const res = await fetch(`${sb.sandbox.s3Endpoint}${p}`, { method, ...(body !== undefined ? { body } : {}), headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAMODEL/20260101/us-east-1/s3/aws4_request' } });
    return { status: res.status, text: await res.text() };
  }
  function output(op: string, xml: string): string[] {
    const problems: string[] = [];
    const o = model.operations[op].output!;
    const outShape = model.shapes[o.shape];
    // REST-XML: the payload member is the document root
    const payload = (outShape as { payload?: string }).payload;
    const shape = payload ? outShape.members![payload].shape : o.shape;
    conform(model, shape, parseXml(xml), op, problems);
    return problems;
  }

  it('CreateBucket / Put* / Get* round trip with the real client, the answers conform', async () => {
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'model-bucket' }));
    // us-east-1: re-creating your own bucket answers 200, as S3 does there
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'model-bucket' }));
    await sb.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'model-bucket', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
    expect((await sb.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'model-bucket' }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const kms = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await sb.s3.send(new PutBucketEncryptionCommand({ Bucket: 'model-bucket', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kms } }] } }));
    const enc = await sb.s3.send(new GetBucketEncryptionCommand({ Bucket: 'model-bucket' }));
    expect(enc.ServerSideEncryptionConfiguration?.Rules?.[0].ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kms });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::model-bucket/*' }] });
    await sb.s3.send(new PutBucketPolicyCommand({ Bucket: 'model-bucket', Policy: policy }));
    expect((await sb.s3.send(new GetBucketPolicyCommand({ Bucket: 'model-bucket' }))).Policy).toBe(policy);
    await sb.s3.send(new DeleteBucketPolicyCommand({ Bucket: 'model-bucket' }));
    await expect(sb.s3.send(new GetBucketPolicyCommand({ Bucket: 'model-bucket' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });

    expect(output('GetBucketEncryption', (await raw('GET', '/model-bucket?encryption')).text)).toEqual([]);
    expect(output('GetPublicAccessBlock', (await raw('GET', '/model-bucket?publicAccessBlock')).text)).toEqual([]);
  });

  it('errors: MalformedPolicy (not JSON, no Principal, another bucket, over 20 KB), NoSuchBucket, InvalidBucketName', async () => {
    const put = (p: string) => sb.s3.send(new PutBucketPolicyCommand({ Bucket: sb.sandbox.bucket, Policy: p }));
    await expect(put('not json')).rejects.toMatchObject({ name: 'MalformedPolicy' });
    await expect(put(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${sb.sandbox.bucket}/*` }] }))).rejects.toMatchObject({ name: 'MalformedPolicy', message: 'Missing required field Principal' });
    await expect(put(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' }] }))).rejects.toMatchObject({ name: 'MalformedPolicy', message: 'Policy has invalid resource' });
    const huge = JSON.stringify({ Statement: Array.from({ length: 200 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${100000000000 + i}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${sb.sandbox.bucket}/p${i}/*` })) });
    await expect(put(huge)).rejects.toMatchObject({ name: 'MalformedPolicy', message: 'Policy exceeds the maximum allowed document size.' });
    // the seeded policy is untouched by the refusals
    expect((await sb.s3.send(new GetBucketPolicyCommand({ Bucket: sb.sandbox.bucket }))).Policy).toContain('personalize.amazonaws.com');
    await expect(sb.s3.send(new PutBucketPolicyCommand({ Bucket: 'no-such-bucket-here', Policy: '{}' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await expect(sb.s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' }))).rejects.toMatchObject({ name: 'InvalidBucketName' });
  });

  it('outside us-east-1: re-creating your own bucket is BucketAlreadyOwnedByYou (a modeled CreateBucket error), a wrong LocationConstraint is refused', async () => {
    expect((model.operations.CreateBucket.errors ?? []).map((e) => e.shape)).toContain('BucketAlreadyOwnedByYou');
    const eu = await startSandbox({ jobSeconds: 0, region: 'eu-west-1' });
    const s3 = new S3Client({ region: 'eu-west-1', endpoint: eu.s3Endpoint, forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
      await expect(s3.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }))).rejects.toMatchObject({ name: 'BucketAlreadyOwnedByYou', $metadata: { httpStatusCode: 409 } });
      // (the SDK fills in its own region as LocationConstraint, so the mistake is sent raw)
      const res = await fetch(`${eu.s3Endpoint}/eu-bucket-2`, { method: 'PUT', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAMODEL/20260101/eu-west-1/s3/aws4_request' } });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>IllegalLocationConstraintException</Code>');
    } finally {
      s3.destroy();
      await eu.close();
    }
  });
});
