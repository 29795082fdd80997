import { describe, expect, it } from 'vitest';
import {
  evaluate, mergedBucketPolicy, parsePolicy, PERSONALIZE_SERVICE, policyStatementsToAdd, s3Access, trusts, wildcardMatch,
} from '../../src/diagnose/policy.js';

const P = { service: PERSONALIZE_SERVICE };
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const grant = (extra: object = {}) => ({
  Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::shop', 'arn:aws:s3:::shop/*'], ...extra,
});
const bucketOk = (text: string, keys = ['data/events.csv']) => s3Access(parsePolicy(text), 'shop', keys, { principal: P }).ok;

describe('parsePolicy', () => {
  it('accepts a single Statement object and URL-encoded text (as IAM returns it)', () => {
    expect(parsePolicy(encodeURIComponent(JSON.stringify({ Statement: grant() }))).Statement).toHaveLength(1);
  });
  it('names invalid JSON', () => {
    expect(() => parsePolicy('{nope')).toThrow(/not valid JSON/);
  });
});

describe('wildcards', () => {
  it('actions are case-insensitive, resources are not', () => {
    expect(wildcardMatch('s3:get*', 's3:GetObject', true)).toBe(true);
    expect(wildcardMatch('arn:aws:s3:::Shop/*', 'arn:aws:s3:::shop/x')).toBe(false);
    expect(wildcardMatch('arn:aws:s3:::sh?p', 'arn:aws:s3:::shop')).toBe(true);
  });
});

describe('bucket policy grants Personalize', () => {
  it('the documented statement passes', () => {
    expect(bucketOk(doc(grant()))).toBe(true);
  });
  it('Principal Service as an array; Action s3:*; Resource wildcard', () => {
    expect(bucketOk(doc(grant({ Principal: { Service: ['lambda.amazonaws.com', 'personalize.amazonaws.com'] }, Action: 's3:*', Resource: 'arn:aws:s3:::shop*' })))).toBe(true);
  });
  it('s3:Get* + s3:List* split over two statements', () => {
    expect(bucketOk(doc(grant({ Action: 's3:Get*', Resource: 'arn:aws:s3:::shop/*' }), grant({ Action: 's3:List*', Resource: 'arn:aws:s3:::shop' })))).toBe(true);
  });
  it('object-only resource lacks ListBucket on the bucket ARN', () => {
    const r = s3Access(parsePolicy(doc(grant({ Resource: 'arn:aws:s3:::shop/*' }))), 'shop', ['a.csv'], { principal: P });
    expect(r.ok).toBe(false);
    expect(r.results.find((x) => x.action === 's3:ListBucket')!.decision.decision).toBe('implicit-deny');
    expect(r.results.find((x) => x.action === 's3:GetObject')!.decision.decision).toBe('allow');
  });
  it('a grant to another service does not count', () => {
    expect(bucketOk(doc(grant({ Principal: { Service: 'glue.amazonaws.com' } })))).toBe(false);
  });
  it('an explicit Deny overrides the Allow and is named', () => {
    const text = doc(grant(), { Sid: 'NoReads', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop/data/*' });
    const r = s3Access(parsePolicy(text), 'shop', ['data/events.csv'], { principal: P });
    expect(r.ok).toBe(false);
    expect(r.results[0].decision.decision).toBe('deny');
    expect(r.results[0].decision.by?.sid).toBe('NoReads');
  });
  it('a conditional Deny (aws:SecureTransport) is reported but not assumed', () => {
    const text = doc(grant(), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::shop', 'arn:aws:s3:::shop/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const r = s3Access(parsePolicy(text), 'shop', ['k'], { principal: P });
    expect(r.ok).toBe(true);
    expect(r.results[0].decision.conditionalDenies).toHaveLength(1);
  });
  it('aws:SourceAccount on the Allow is checked against the account', () => {
    const text = doc(grant({ Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }));
    expect(s3Access(parsePolicy(text), 'shop', ['k'], { principal: P, sourceAccount: '111111111111' }).ok).toBe(true);
    expect(s3Access(parsePolicy(text), 'shop', ['k'], { principal: P, sourceAccount: '222222222222' }).ok).toBe(false);
  });
  it('NotAction / NotResource', () => {
    expect(bucketOk(doc(grant({ Action: undefined, NotAction: 's3:Delete*', Resource: undefined, NotResource: 'arn:aws:s3:::other/*' })))).toBe(true);
  });
  it('a grant scoped to another prefix does not cover the data', () => {
    expect(bucketOk(doc(grant({ Resource: ['arn:aws:s3:::shop', 'arn:aws:s3:::shop/archive/*'] })))).toBe(false);
  });
});

describe('identity (role) policies and trust', () => {
  it('AmazonPersonalizeFullAccess-style wildcard only covers buckets named *personalize*', () => {
    const d = parsePolicy(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::*Personalize*', 'arn:aws:s3:::*personalize*'] }));
    expect(s3Access(d, 'my-personalize-data', ['x.csv']).ok).toBe(true);
    expect(s3Access(d, 'shop', ['x.csv']).ok).toBe(false);
  });
  it('statements pooled across several documents', () => {
    const a = parsePolicy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }));
    const b = parsePolicy(doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }));
    expect(s3Access([a, b], 'shop', ['k']).ok).toBe(true);
    expect(evaluate([a], { action: 's3:ListBucket', resource: 'arn:aws:s3:::shop' }).decision).toBe('implicit-deny');
  });
  it('trust policy: Personalize (array principal) vs another service', () => {
    const t = parsePolicy(doc({ Effect: 'Allow', Principal: { Service: ['personalize.amazonaws.com'] }, Action: 'sts:AssumeRole' }));
    expect(trusts(t).decision).toBe('allow');
    const other = parsePolicy(doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }));
    expect(trusts(other).decision).toBe('implicit-deny');
  });
});

describe('policyStatementsToAdd', () => {
  it('fills in bucket, role, partition and account', () => {
    const s = policyStatementsToAdd('shop-data', 'arn:aws:iam::123456789012:role/PersonalizeRole');
    expect(s.bucketPolicyStatement).toEqual({
      Sid: 'PersonalizeS3BucketAccessPolicy', Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::shop-data', 'arn:aws:s3:::shop-data/*'],
    });
    expect(JSON.stringify(s.trustPolicy)).toContain('"aws:SourceAccount":"123456789012"');
    expect(s.passRolePolicy.Statement[0].Resource).toBe('arn:aws:iam::123456789012:role/PersonalizeRole');
    expect(s.kms).toBeUndefined();
    // what we tell people to add really passes our own check
    expect(s3Access({ Statement: [s.bucketPolicyStatement] }, 'shop-data', ['a/b.csv'], { principal: P }).ok).toBe(true);
    expect(s3Access(s.rolePolicy, 'shop-data', ['a/b.csv']).ok).toBe(true);
    expect(trusts(s.trustPolicy, PERSONALIZE_SERVICE, '123456789012').decision).toBe('allow');
  });
  it('China partition and KMS statements', () => {
    const s = policyStatementsToAdd('b', 'arn:aws-cn:iam::123456789012:role/R', { kmsKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/abc' });
    expect(s.bucketPolicyStatement.Resource).toEqual(['arn:aws-cn:s3:::b', 'arn:aws-cn:s3:::b/*']);
    expect(s.kms!.rolePolicyStatement.Resource).toBe('arn:aws-cn:kms:cn-north-1:123456789012:key/abc');
    expect(s.kms!.keyPolicyStatements[0].Action).toContain('kms:CreateGrant');
  });
  it('mergedBucketPolicy keeps existing statements and replaces a same-Sid one', () => {
    const s = policyStatementsToAdd('shop', 'arn:aws:iam::123456789012:role/R').bucketPolicyStatement;
    const existing = doc({ Sid: 'Other', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: '*' }, { Sid: 'PersonalizeS3BucketAccessPolicy', Effect: 'Allow' });
    const m = mergedBucketPolicy(existing, s);
    expect(m.Statement.map((x) => x.Sid)).toEqual(['Other', 'PersonalizeS3BucketAccessPolicy']);
    expect(m.Statement[1]).toEqual(s);
    expect(mergedBucketPolicy(undefined, s).Statement).toEqual([s]);
  });
});
