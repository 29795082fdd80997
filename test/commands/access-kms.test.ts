// `access setup` for buckets encrypted with a customer managed KMS key, against the sandbox (its
// KMS and STS through AWS_ENDPOINT_URL_KMS / _STS, the real SDK clients): the key policy gets the
// Personalize statements — shown as a diff, applied with consent — and an import that failed on the
// key reaches ACTIVE; a key whose policy the caller may not change ends in exit 3 with the exact
// policy and the command for the key's owner, nothing written to the key; --dry-run changes nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketEncryptionCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateRoleCommand, IAMClient, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { accessSetup } from '../helpers/access-run.js';

const sb = withSandbox({ jobSeconds: 0 });
const creds = { accessKeyId: 'x', secretAccessKey: 'y' };
const iam = () => new IAMClient({ region: 'us-east-1', endpoint: sb.env.AWS_ENDPOINT_URL_IAM, credentials: creds });
const kms = () => new KMSClient({ region: 'us-east-1', endpoint: sb.env.AWS_ENDPOINT_URL_KMS, credentials: creds });
const keyPolicy = async (key: string) => (await kms().send(new GetKeyPolicyCommand({ KeyId: key, PolicyName: 'default' }))).Policy!;
const users = readFileSync(new URL('../../samples/users.csv', import.meta.url));

const access = (args: string[], env: Record<string, string> = sb.env) => accessSetup(args, env);

async function importFrom(bucket: string, roleArn: string, name: string) {
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({ jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'USERS'), roleArn, dataSource: { dataLocation: `s3://${bucket}/users.csv` } }));
  return sb.waitForJob(r.datasetImportJobArn!);
}

describe('access setup: a bucket encrypted with a customer managed KMS key', () => {
  it('the seeded bucket says aws:kms with the key; --dry-run shows the key-policy diff and changes nothing', async () => {
    const before = await keyPolicy(sb.sandbox.kmsKeyArn);
    const roles = (await iam().send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName);
    const r = await access(['--bucket', sb.sandbox.kmsBucket, '--role-name', 'pi-kms-dry', '--dry-run']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Add 2 statements to the key policy of ${sb.sandbox.kmsKeyArn}`);
    expect(r.out).toContain('The whole key policy afterwards');
    expect(r.out).toMatch(/^ *\+ +"Sid": "AllowPersonalizeUseOfTheKey",$/m);
    expect(r.out).toContain(`$ aws kms put-key-policy --key-id ${sb.sandbox.kmsKeyArn} --policy-name default --policy '`);
    expect(await keyPolicy(sb.sandbox.kmsKeyArn)).toBe(before);
    expect((await iam().send(new ListRolesCommand({}))).Roles!.map((x) => x.RoleName)).toEqual(roles);
    // --json: the preflight of the dry run read the key policy, and says what it lacks
    const j = await access(['--bucket', sb.sandbox.kmsBucket, '--role-name', 'pi-kms-dry', '--dry-run', '--json']);
    const kmsCheck = (JSON.parse(j.out) as { preflight: { checks: { id: string; status: string; detail: string }[] } }).preflight.checks.find((c) => c.id === 'kms')!;
    expect(kmsCheck.status).toBe('FAIL');
    expect(kmsCheck.detail).toContain('its key policy does not allow kms:Decrypt for personalize.amazonaws.com, kms:GenerateDataKey for personalize.amazonaws.com');
    expect(await keyPolicy(sb.sandbox.kmsKeyArn)).toBe(before);
  });

  it('an import that fails on the key policy reaches ACTIVE once access setup merged the statements (the rest kept)', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.kmsBucket, Key: 'users.csv', Body: users }));
    // a role that reads the bucket and may use the key: only the key policy leaves Personalize out
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await iam().send(new CreateRoleCommand({ RoleName: 'pi-kms-own', AssumeRolePolicyDocument: trust }));
    await iam().send(new PutRolePolicyCommand({ RoleName: 'pi-kms-own', PolicyName: 'read', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${sb.sandbox.kmsBucket}`, `arn:aws:s3:::${sb.sandbox.kmsBucket}/*`] },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'], Resource: sb.sandbox.kmsKeyArn },
    ] }) }));
    const role = `arn:aws:iam::${sb.sandbox.accountId}:role/pi-kms-own`;
    const failed = await importFrom(sb.sandbox.kmsBucket, role, 'kms-before');
    expect(failed.status).toBe('CREATE FAILED');
    expect(failed.failureReason).toContain('Insufficient privileges');

    const before = JSON.parse(await keyPolicy(sb.sandbox.kmsKeyArn)) as { Statement: unknown[] };
    const r = await access(['--bucket', sb.sandbox.kmsBucket, '--role-arn', role, '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { action: string; manual?: string }[]; preflight: { ok: boolean; checks: { id: string; status: string }[] } };
    expect(doc.changes.map((c) => c.action)).toEqual(['PutKeyPolicy']);
    expect(doc.changes[0].manual).toBeUndefined();
    expect(doc.preflight.checks.find((c) => c.id === 'kms')?.status).toBe('PASS');
    const after = JSON.parse(await keyPolicy(sb.sandbox.kmsKeyArn)) as { Statement: { Sid?: string }[] };
    expect(after.Statement.slice(0, before.Statement.length)).toEqual(before.Statement);
    expect(after.Statement.slice(before.Statement.length).map((s) => s.Sid)).toEqual(['AllowPersonalizeUseOfTheKey', 'AllowPersonalizeRoleUseOfTheKey']);

    const ok = await importFrom(sb.sandbox.kmsBucket, role, 'kms-after');
    expect(ok.status, ok.failureReason).toBe('ACTIVE');
  });

  it('a new role for the KMS bucket: created with the key use, named in the key policy; the import reaches ACTIVE', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.kmsBucket, Key: 'users.csv', Body: users }));
    const r = await access(['--bucket', sb.sandbox.kmsBucket, '--role-name', 'pi-kms-new', '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { action: string }[]; roleArn: string };
    // the service statement is there since the test above; the new role's is added after the role exists
    expect(doc.changes.map((c) => c.action)).toEqual(['CreateRole', 'PutRolePolicy', 'PutKeyPolicy']);
    expect(await keyPolicy(sb.sandbox.kmsKeyArn)).toContain(doc.roleArn);
    expect((await importFrom(sb.sandbox.kmsBucket, doc.roleArn, 'kms-new-role')).status).toBe('ACTIVE');
  });

  it('a key whose policy the caller may not change: exit 3 naming kms:PutKeyPolicy, the whole policy and the command for the key\'s owner; the key untouched', async () => {
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'kms-locked' }));
    await sb.s3.send(new PutBucketEncryptionCommand({ Bucket: 'kms-locked', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: sb.sandbox.lockedKeyArn } }] } }));
    const before = await keyPolicy(sb.sandbox.lockedKeyArn);
    const r = await access(['--bucket', 'kms-locked', '--role-name', 'pi-locked', '--yes']);
    expect(r.code, r.err).toBe(3);
    expect(r.err).toMatch(/the key policy of arn:aws:kms:\S+ was not changed — You may not change this key's policy: its key policy does not give you \(arn:aws:iam::111122223333:user\/sandbox-user\) kms:PutKeyPolicy/);
    expect(r.out).toContain("For the key's owner:");
    expect(r.out).toContain(`$ aws kms put-key-policy --key-id ${sb.sandbox.lockedKeyArn} --policy-name default --policy file://key-policy.json`);
    // the printed policy is the whole merged one: the administrators' statements and the new ones
    const printed = r.out.slice(r.out.indexOf("For the key's owner:"));
    const json = JSON.parse(printed.slice(printed.indexOf('{'), printed.lastIndexOf('}') + 1)) as { Statement: { Sid: string }[] };
    expect(json.Statement.map((s) => s.Sid)).toEqual(['Allow access for Key Administrators', 'Allow the account to read the key', 'AllowPersonalizeUseOfTheKey', 'AllowPersonalizeRoleUseOfTheKey']);
    expect(await keyPolicy(sb.sandbox.lockedKeyArn)).toBe(before);
    // what the caller may do was done: the role exists with its policy
    expect((await iam().send(new ListRolesCommand({}))).Roles!.map((x) => x.RoleName)).toContain('pi-locked');
  });

  it('when who is calling cannot be learned (STS unreachable), the change is tried: KMS refuses, the policy is handed over in --json too, exit 3', async () => {
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'kms-locked-2' }));
    await sb.s3.send(new PutBucketEncryptionCommand({ Bucket: 'kms-locked-2', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: sb.sandbox.lockedKeyArn } }] } }));
    const before = await keyPolicy(sb.sandbox.lockedKeyArn);
    const r = await access(['--bucket', 'kms-locked-2', '--role-name', 'pi-locked-2', '--yes', '--json'], { ...sb.env, AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    expect(r.code, r.err).toBe(3);
    expect(r.err).toContain('not allowed kms:PutKeyPolicy (KMS refused it)');
    const doc = JSON.parse(r.out) as { handOff: { keyArn: string; document: { Statement: unknown[] }; command: string }; error: { kind: string; message: string; action: string } };
    expect(doc.handOff.keyArn).toBe(sb.sandbox.lockedKeyArn);
    expect(doc.handOff.document.Statement).toHaveLength(4);
    expect(doc.handOff.command).toMatch(/^aws kms put-key-policy --key-id /);
    // the failure is in the one document too, as withJsonErrors writes one
    expect(doc.error).toMatchObject({ kind: 'access-denied', action: 'kms:PutKeyPolicy' });
    expect(doc.error.message).toMatch(/the key policy of .* was not changed — not allowed kms:PutKeyPolicy/);
    expect(await keyPolicy(sb.sandbox.lockedKeyArn)).toBe(before);
  });

  it('a key policy holding C1 control characters (KMS allows \\u0080-\\u009f) reaches the terminal escaped', async () => {
    const current = JSON.parse(await keyPolicy(sb.sandbox.kmsKeyArn)) as { Statement: object[] };
    const evil = JSON.stringify({ Version: '2012-10-17', Statement: [...current.Statement, { Sid: 'Evil\u009b2J\u0085', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:Describe*', Resource: '*' }] });
    await kms().send(new PutKeyPolicyCommand({ KeyId: sb.sandbox.kmsKeyArn, PolicyName: 'default', Policy: evil }));
    const r = await access(['--bucket', sb.sandbox.kmsBucket, '--role-name', 'pi-kms-c1', '--dry-run']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Evil\\u009b2J\\u0085');
    expect(r.out + r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
