// `access setup` in the cases around the happy path, against the sandbox: an existing role gets
// only the inline policy it lacks; a Deny in the bucket policy, or a role that does not trust
// Personalize, stops it before any change (exit 1, the reason named); a customer managed KMS key
// gives the role the key use and adds it to the key policy (test/commands/access-kms.test.ts: the rest of KMS); control characters in a
// policy read from S3 never reach the terminal raw.
import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, GetBucketPolicyCommand, PutBucketEncryptionCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { CreateRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { CreateDatasetGroupCommand, DescribeDatasetGroupCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { accessSetup } from '../helpers/access-run.js';

const sb = withSandbox({ jobSeconds: 0 });
const iam = () => new IAMClient({ region: 'us-east-1', endpoint: sb.env.AWS_ENDPOINT_URL_IAM, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

const access = (args: string[]) => accessSetup(args, sb.env);

const policyOf = async (bucket: string) => (await sb.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy;

describe('access setup: around the happy path', () => {
  it('an existing role that cannot read the bucket gets one inline policy; its other policies stay', async () => {
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'cases-existing-role' }));
    const r = await access(['--bucket', 'cases-existing-role', '--role-arn', sb.sandbox.roleArn, '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).changes.map((c: { action: string }) => c.action)).toEqual(['PutBucketPolicy', 'PutRolePolicy']);
    const names = (await iam().send(new ListRolePoliciesCommand({ RoleName: 'PersonalizeSandboxRole' }))).PolicyNames;
    expect(names).toEqual(['PersonalizeImportRead-cases-existing-role', 'PersonalizeSandboxS3Read']);
  });

  it('a Deny for Personalize in the bucket policy: exit 1 naming the statement, nothing changed', async () => {
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'cases-deny' }));
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoServiceReads', Effect: 'Deny', Principal: { Service: 'personalize.amazonaws.com' }, Action: 's3:*', Resource: ['arn:aws:s3:::cases-deny', 'arn:aws:s3:::cases-deny/*'] }] });
    await sb.s3.send(new PutBucketPolicyCommand({ Bucket: 'cases-deny', Policy: deny }));
    const r = await access(['--bucket', 'cases-deny', '--role-name', 'cases-deny-role', '--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('statement "NoServiceReads"');
    expect(r.err).toContain('nothing was changed');
    expect(await policyOf('cases-deny')).toBe(deny);
    await expect(iam().send(new ListRolePoliciesCommand({ RoleName: 'cases-deny-role' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('a role that does not trust Personalize: exit 1 with the update-assume-role-policy command; the bucket is not touched', async () => {
    await iam().send(new CreateRoleCommand({ RoleName: 'cases-ec2-role', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
    const before = await policyOf(sb.sandbox.noGrantBucket);
    const r = await access(['--bucket', sb.sandbox.noGrantBucket, '--role-arn', `arn:aws:iam::${sb.sandbox.accountId}:role/cases-ec2-role`, '--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('aws iam update-assume-role-policy --role-name cases-ec2-role');
    expect(await policyOf(sb.sandbox.noGrantBucket)).toBe(before);
  });

  it('a --role-arn that does not exist is a usage error pointing at --role-name', async () => {
    const r = await access(['--bucket', sb.sandbox.bucket, '--role-arn', `arn:aws:iam::${sb.sandbox.accountId}:role/nope`, '--yes']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--role-name');
  });

  it('a customer managed KMS key (the seeded one, whose default policy the caller may change): the role may use that key, the key policy names it', async () => {
    const key = `arn:aws:kms:us-east-1:${sb.sandbox.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'cases-kms' }));
    await sb.s3.send(new PutBucketEncryptionCommand({ Bucket: 'cases-kms', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key } }] } }));
    const r = await access(['--bucket', 'cases-kms', '--role-name', 'cases-kms-role', '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { action: string; resource: string; manual?: string; document: unknown }[] };
    const handoff = doc.changes.find((c) => c.action === 'PutKeyPolicy')!;
    expect(handoff.resource).toBe(key);
    expect(handoff.manual).toBeUndefined();
    expect(JSON.stringify(handoff.document)).toContain(`arn:aws:iam::${sb.sandbox.accountId}:role/cases-kms-role`);
    const inline = await iam().send(new GetRolePolicyCommand({ RoleName: 'cases-kms-role', PolicyName: 'PersonalizeImportRead-cases-kms' }));
    const st = JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement as { Action: string | string[]; Resource: string }[];
    expect(st.find((s) => s.Resource === key)?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants']);
  });

  it('control characters in a policy read from S3 are shown escaped, never raw', async () => {
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'cases-ctrl' }));
    const policy = `{"Version":"2012-10-17","Statement":[{"Sid":"Evil\\u001b[2J\\u009b31m","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::cases-ctrl/*"}]}`;
    await sb.s3.send(new PutBucketPolicyCommand({ Bucket: 'cases-ctrl', Policy: policy }));
    const r = await access(['--bucket', 'cases-ctrl', '--role-name', 'cases-ctrl-role', '--dry-run']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.out).toContain('Evil');
    const j = await access(['--bucket', 'cases-ctrl', '--role-name', 'cases-ctrl-role', '--dry-run', '--json']);
    expect(j.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const doc = JSON.parse(j.out) as { changes: { action: string; document: { Statement: { Sid: string }[] } }[] };
    expect(doc.changes.find((c) => c.action === 'PutBucketPolicy')!.document.Statement[0].Sid).toBe('Evil\u001b[2J\u009b31m');
  });

  it('a dataset group with a role: that role is the default, by the group name or ARN', async () => {
    const g = await sb.personalize.send(new CreateDatasetGroupCommand({ name: 'cases-group', roleArn: sb.sandbox.roleArn }));
    await sb.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: g.datasetGroupArn }));
    const r = await access(['--bucket', sb.sandbox.bucket, '--dataset-group', 'cases-group', '--dry-run', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).roleArn).toBe(sb.sandbox.roleArn);
    const byArn = await access(['--bucket', sb.sandbox.bucket, '--dataset-group', g.datasetGroupArn!, '--dry-run', '--json']);
    expect(JSON.parse(byArn.out).roleArn).toBe(sb.sandbox.roleArn);
    const none = await access(['--bucket', sb.sandbox.bucket, '--dataset-group', 'no-such-group', '--dry-run']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('sandbox-shop');
  });

  it('a group without a role: PersonalizeImport-<group> is proposed', async () => {
    const r = await access(['--bucket', sb.sandbox.bucket, '--dataset-group', 'sandbox-shop', '--dry-run', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.roleArn).toBe(`arn:aws:iam::${sb.sandbox.accountId}:role/PersonalizeImport-sandbox-shop`);
    expect(doc.changes.map((c: { action: string }) => c.action)).toEqual(['CreateRole', 'PutRolePolicy']);
  });
});
