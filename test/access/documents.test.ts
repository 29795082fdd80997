// The policy merge (existing statements kept exactly, the grant added, Deny and size limit refused)
// and the role documents (least privilege: exactly the actions Personalize needs, scoped).
import { describe, expect, it } from 'vitest';
import {
  BUCKET_POLICY_LIMIT, defaultRoleName, keyPolicyStatements, mergeBucketPolicy, normalizePrefix, rolePolicy, rolePolicyName, trustPolicy,
} from '../../src/access/documents.js';
import { evaluate, parsePolicy, s3Access } from '../../src/diagnose/policy.js';

const B = 'my-data';
const scope = { bucket: B, prefix: '' };
const keys = ['events.csv'];
const personalizeReads = (text: string, k = keys, bucket = B) => s3Access(parsePolicy(text), bucket, k, { principal: { service: 'personalize.amazonaws.com' } }).ok;

describe('mergeBucketPolicy', () => {
  it('no policy: a policy holding only the grant', () => {
    const m = mergeBucketPolicy(undefined, scope, keys);
    expect(m.problem).toBeUndefined();
    const doc = JSON.parse(m.text!);
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'PersonalizeImportRead', Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`] }],
    });
    expect(personalizeReads(m.text!)).toBe(true);
    expect(m.diff.split('\n').every((l) => l.startsWith('+ '))).toBe(true);
  });

  it('an empty-string policy is treated as none', () => {
    expect(JSON.parse(mergeBucketPolicy('', scope, keys).text!).Statement).toHaveLength(1);
  });

  it('keeps other top-level fields (Id) and every statement in order; a lone Statement object is kept as the first element', () => {
    const existing = JSON.stringify({ Id: 'Mine', Version: '2008-10-17', Statement: { Sid: 'A', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: `arn:aws:s3:::${B}/*` } });
    const doc = JSON.parse(mergeBucketPolicy(existing, scope, keys).text!);
    expect(Object.keys(doc)).toEqual(['Version', 'Id', 'Statement']);
    expect(doc.Id).toBe('Mine');
    expect(doc.Version).toBe('2008-10-17');
    expect(doc.Statement[0]).toEqual(JSON.parse(existing).Statement);
    expect(doc.Statement).toHaveLength(2);
  });

  it('an existing Deny that applies to Personalize: no document, the problem names the statement', () => {
    const existing = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Sid: 'NoServices', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` },
    ] });
    const m = mergeBucketPolicy(existing, scope, keys);
    expect(m.text).toBeUndefined();
    expect(m.problem).toMatch(/statement "NoServices".*denies s3:GetObject/);
  });

  it('an existing Deny that does not touch the reads is kept and the merge goes ahead', () => {
    const deny = { Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    const m = mergeBucketPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [deny] }), scope, keys);
    expect(m.problem).toBeUndefined();
    const doc = JSON.parse(m.text!);
    expect(doc.Statement[0]).toEqual(deny);
    expect(personalizeReads(m.text!)).toBe(true);
  });

  it('an existing Personalize statement with fewer actions is kept as it was; the new statement gets a fresh Sid', () => {
    const partial = { Sid: 'PersonalizeImportRead', Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` };
    const existing = JSON.stringify({ Version: '2012-10-17', Statement: [partial] });
    expect(personalizeReads(existing)).toBe(false); // no s3:ListBucket
    const m = mergeBucketPolicy(existing, scope, keys);
    const doc = JSON.parse(m.text!);
    expect(doc.Statement[0]).toEqual(partial);
    expect(doc.Statement[1].Sid).toBe('PersonalizeImportRead2');
    expect(personalizeReads(m.text!)).toBe(true);
  });

  it('a statement with a condition is kept byte-for-byte in meaning (the condition included)', () => {
    const conditioned = { Sid: 'VpcOnly', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${B}/*`, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } };
    const m = mergeBucketPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [conditioned] }), scope, keys);
    expect(JSON.parse(m.text!).Statement[0]).toEqual(conditioned);
    // the diff shows the existing lines unmarked and only additions
    expect(m.diff.split('\n').filter((l) => l.startsWith('- '))).toEqual([]);
    expect(m.diff).toContain('    "aws:SourceVpce": "vpce-1a2b3c4d"');
  });

  function bigPolicy(bytes: number): string {
    const st: unknown[] = [];
    let i = 0;
    const doc = { Version: '2012-10-17', Statement: st };
    while (Buffer.byteLength(JSON.stringify(doc)) < bytes) {
      st.push({ Sid: `Partner${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${String(100000000000 + i)}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/partner-${i}/*` });
      i++;
    }
    st.pop();
    return JSON.stringify(doc);
  }

  it('a 19 KB policy: merged compactly when pretty-printing would pass 20 KB, under the limit, every statement kept', () => {
    const existing = bigPolicy(19 * 1024);
    const m = mergeBucketPolicy(existing, scope, keys);
    expect(m.problem).toBeUndefined();
    expect(Buffer.byteLength(m.text!)).toBeLessThanOrEqual(BUCKET_POLICY_LIMIT);
    expect(m.text).not.toContain('\n'); // compact: the pretty form would not fit
    const doc = JSON.parse(m.text!);
    expect(doc.Statement.slice(0, -1)).toEqual(JSON.parse(existing).Statement);
  });

  it('a policy already near 20 KB: no document, the problem gives the size and the limit', () => {
    const existing = bigPolicy(BUCKET_POLICY_LIMIT - 60);
    expect(Buffer.byteLength(existing)).toBeGreaterThan(20 * 1024 - 250);
    const m = mergeBucketPolicy(existing, scope, keys);
    expect(m.text).toBeUndefined();
    expect(m.problem).toMatch(/would be [\d,]+ bytes, over S3's limit of 20,480/);
  });

  it('unreadable JSON is left alone, not replaced', () => {
    const m = mergeBucketPolicy('{"Version": "2012-10-17", "Statement": [', scope, keys);
    expect(m.text).toBeUndefined();
    expect(m.problem).toMatch(/could not be read as JSON/);
  });

  it('a prefix scopes GetObject to that folder', () => {
    const m = mergeBucketPolicy(undefined, { bucket: B, prefix: 'imports/' }, ['imports/a.csv']);
    const st = JSON.parse(m.text!).Statement[0];
    expect(st.Resource).toEqual([`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/imports/*`]);
    expect(personalizeReads(m.text!, ['imports/a.csv'])).toBe(true);
    expect(personalizeReads(m.text!, ['other/a.csv'])).toBe(false);
  });
});

describe('role documents: least privilege', () => {
  const actionsOf = (doc: { Statement: { Action?: string | string[] }[] }) => doc.Statement.flatMap((s) => ([] as string[]).concat(s.Action ?? [])).sort();
  const resourcesOf = (doc: { Statement: { Resource?: string | string[] }[] }) => doc.Statement.flatMap((s) => ([] as string[]).concat(s.Resource ?? [])).sort();

  it('the inline policy: exactly s3:GetObject and s3:ListBucket, on the bucket and its prefix only', () => {
    const doc = rolePolicy({ bucket: B, prefix: 'imports/' });
    expect(actionsOf(doc)).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(resourcesOf(doc)).toEqual([`arn:aws:s3:::${B}`, `arn:aws:s3:::${B}/imports/*`]);
    // ListBucket on the bucket ARN, GetObject on objects: never crossed
    expect(evaluate(doc, { action: 's3:GetObject', resource: `arn:aws:s3:::${B}/imports/x.csv` }).decision).toBe('allow');
    expect(evaluate(doc, { action: 's3:GetObject', resource: `arn:aws:s3:::${B}/private/x.csv` }).decision).toBe('implicit-deny');
    expect(evaluate(doc, { action: 's3:GetObject', resource: `arn:aws:s3:::other-bucket/imports/x.csv` }).decision).toBe('implicit-deny');
    expect(evaluate(doc, { action: 's3:PutObject', resource: `arn:aws:s3:::${B}/imports/x.csv` }).decision).toBe('implicit-deny');
    expect(evaluate(doc, { action: 's3:ListBucket', resource: `arn:aws:s3:::${B}` }).decision).toBe('allow');
    expect(JSON.stringify(doc)).not.toContain('"*"');
  });

  it('with a customer managed key: the four KMS actions on that key alone', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const doc = rolePolicy({ bucket: B, prefix: '' }, key);
    expect(actionsOf(doc)).toEqual(['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:ListGrants', 's3:GetObject', 's3:ListBucket']);
    expect(resourcesOf(doc)).toContain(key);
    expect(resourcesOf(doc).filter((r) => r.startsWith('arn:aws:kms'))).toEqual([key]);
  });

  it('the trust policy: personalize.amazonaws.com, sts:AssumeRole, for this account only', () => {
    const doc = trustPolicy('123456789012');
    expect(doc.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }]);
    const ask = (sourceAccount: string) => evaluate(doc, { principal: { service: 'personalize.amazonaws.com' }, action: 'sts:AssumeRole', resource: '*', sourceAccount }).decision;
    expect(ask('123456789012')).toBe('allow');
    expect(ask('999999999999')).toBe('implicit-deny');
    expect(evaluate(doc, { principal: { service: 'ec2.amazonaws.com' }, action: 'sts:AssumeRole', resource: '*' }).decision).toBe('implicit-deny');
  });

  it('key policy statements for the key owner name Personalize and the role', () => {
    const st = keyPolicyStatements('arn:aws:iam::123456789012:role/r');
    expect(st.map((s) => s.Principal)).toEqual([{ Service: 'personalize.amazonaws.com' }, { AWS: 'arn:aws:iam::123456789012:role/r' }]);
    expect(st[0].Action).toContain('kms:CreateGrant');
  });

  it('names: PersonalizeImport-<group>, at most 64 characters; inline policy names avoid taken ones', () => {
    expect(defaultRoleName('shop')).toBe('PersonalizeImport-shop');
    expect(defaultRoleName('x'.repeat(80))).toHaveLength(64);
    expect(rolePolicyName(B)).toBe(`PersonalizeImportRead-${B}`);
    expect(rolePolicyName(B, [`PersonalizeImportRead-${B}`])).toBe(`PersonalizeImportRead-${B}-2`);
  });

  it('prefixes are folders', () => {
    expect(normalizePrefix('imports')).toBe('imports/');
    expect(normalizePrefix('/imports/')).toBe('imports/');
    expect(normalizePrefix('')).toBe('');
    expect(normalizePrefix(undefined)).toBe('');
  });
});
