// `access setup` end to end against the sandbox (Personalize, S3 and IAM over loopback, the real SDK
// clients), the way a script runs it: no terminal. The no-grant bucket's import fails with the
// privileges message; after `access setup --yes` an import from it with the new role is ACTIVE.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { IAMClient, ListRolesCommand, GetRolePolicyCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { accessSetup } from '../helpers/access-run.js';
import { testIo } from '../aws/test-io.js';
import { run } from '../../src/commands/access.js';
import { FAILURE } from '../../src/sandbox/index.js';

const sb = withSandbox({ jobSeconds: 0 });
const iam = () => new IAMClient({ region: 'us-east-1', endpoint: sb.env.AWS_ENDPOINT_URL_IAM, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

async function policyOf(bucket: string): Promise<string | undefined> {
  try {
    return (await sb.s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy;
  } catch (e) {
    if ((e as { name?: string }).name === 'NoSuchBucketPolicy') return undefined;
    throw e;
  }
}
const roleNames = async () => ((await iam().send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName).sort();

const access = (args: string[], env: Record<string, string> = sb.env) => accessSetup(args, env);

async function importWith(roleArn: string, name: string, key: string) {
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'USERS'), roleArn,
    dataSource: { dataLocation: `s3://${sb.sandbox.noGrantBucket}/${key}` },
  }));
  return sb.waitForJob(r.datasetImportJobArn!);
}

describe('access setup against the sandbox, no terminal', () => {
  beforeAll(async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.noGrantBucket, Key: 'users.csv', Body: readFileSync(new URL('../../samples/users.csv', import.meta.url)) }));
  });

  it('before: an import from the no-grant bucket fails with the privileges message', async () => {
    const job = await importWith(sb.sandbox.roleArn, 'before-setup', 'users.csv');
    expect(job.status).toBe('CREATE FAILED');
    expect(job.failureReason).toBe(FAILURE.privileges);
  });

  it('--dry-run prints every document and aws command and changes nothing', async () => {
    const policyBefore = await policyOf(sb.sandbox.noGrantBucket);
    const rolesBefore = await roleNames();
    const r = await access(['--bucket', sb.sandbox.noGrantBucket, '--role-name', 'pi-import', '--dry-run']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('aws s3api put-bucket-policy --bucket personalize-sandbox-nogrant --policy');
    expect(r.out).toContain('aws iam create-role --role-name pi-import');
    expect(r.out).toContain('aws iam put-role-policy --role-name pi-import');
    expect(r.out).toMatch(/\+ {4,}"Sid": "PersonalizeImportRead"/);
    expect(r.out).toMatch(/ {6} {2,}"Sid": "OwnerOnly"/); // the existing statement, unmarked: kept
    expect(r.out).toContain('Dry run: nothing was changed');
    expect(await policyOf(sb.sandbox.noGrantBucket)).toBe(policyBefore);
    expect(await roleNames()).toEqual(rolesBefore);
  });

  it('without a terminal and without --yes: exit 2 naming --yes, nothing changed', async () => {
    const policyBefore = await policyOf(sb.sandbox.noGrantBucket);
    const r = await access(['--bucket', sb.sandbox.noGrantBucket, '--role-name', 'pi-import']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--yes');
    expect(await policyOf(sb.sandbox.noGrantBucket)).toBe(policyBefore);
    expect(await roleNames()).not.toContain('pi-import');
  });

  it('--yes --json: exit 0, the policy keeps every statement plus the grant, and the import with the new role is ACTIVE', async () => {
    const before = JSON.parse((await policyOf(sb.sandbox.noGrantBucket))!) as { Statement: unknown[] };
    const r = await access(['--bucket', sb.sandbox.noGrantBucket, '--role-name', 'pi-import', '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { resource: string; action: string; document: unknown }[]; roleArn: string; preflight: { ok: boolean; checks: { id: string; status: string }[] } };
    expect(doc.changes.map((c) => c.action)).toEqual(['PutBucketPolicy', 'CreateRole', 'PutRolePolicy']);
    expect(doc.roleArn).toBe(`arn:aws:iam::${sb.sandbox.accountId}:role/pi-import`);
    expect(doc.preflight.ok).toBe(true);
    expect(doc.preflight.checks.find((c) => c.id === 'bucket-policy')?.status).toBe('PASS');
    expect(doc.preflight.checks.find((c) => c.id === 'role-s3-access')?.status).toBe('PASS');

    const after = JSON.parse((await policyOf(sb.sandbox.noGrantBucket))!) as { Statement: { Sid?: string; Principal?: unknown; Action?: unknown; Resource?: unknown }[] };
    expect(after.Statement.slice(0, before.Statement.length)).toEqual(before.Statement);
    expect(after.Statement).toHaveLength(before.Statement.length + 1);
    expect(after.Statement.at(-1)).toMatchObject({ Principal: { Service: 'personalize.amazonaws.com' }, Action: ['s3:GetObject', 's3:ListBucket'] });

    const role = await iam().send(new GetRoleCommand({ RoleName: 'pi-import' }));
    const trust = JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': sb.sandbox.accountId } });
    const inline = await iam().send(new GetRolePolicyCommand({ RoleName: 'pi-import', PolicyName: 'PersonalizeImportRead-personalize-sandbox-nogrant' }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement.flatMap((s: { Action: string | string[] }) => ([] as string[]).concat(s.Action)).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);

    const job = await importWith(doc.roleArn, 'after-setup', 'users.csv');
    expect(job.failureReason).toBeUndefined();
    expect(job.status).toBe('ACTIVE');
  });

  it('run again: nothing to change, exit 0', async () => {
    const r = await access(['--bucket', sb.sandbox.noGrantBucket, '--role-name', 'pi-import', '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).changes).toEqual([]);
  });

  it('the role alone is not enough: an import with a role that cannot read the bucket still fails', async () => {
    // pi-import reads only the no-grant bucket; the seeded bucket grants Personalize but not this role
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'users.csv', Body: readFileSync(new URL('../../samples/users.csv', import.meta.url)) }));
    const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'wrong-role', datasetArn: sb.seeded.datasetArn('custom', 'USERS'), roleArn: `arn:aws:iam::${sb.sandbox.accountId}:role/pi-import`,
      dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/users.csv` },
    }));
    const job = await sb.waitForJob(r.datasetImportJobArn!);
    expect(job.failureReason).toBe(FAILURE.privileges);
  });

  it('--create-bucket: a new bucket, public access blocked, encrypted, with the grant; a prefix scopes both sides', async () => {
    const r = await access(['--bucket', 'pi-new-bucket', '--prefix', 'imports', '--create-bucket', '--role-name', 'pi-new', '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { action: string; document: unknown }[] };
    expect(doc.changes.map((c) => c.action)).toEqual(['CreateBucket', 'PutPublicAccessBlock', 'PutBucketEncryption', 'PutBucketPolicy', 'CreateRole', 'PutRolePolicy']);
    const policy = JSON.parse((await policyOf('pi-new-bucket'))!);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Resource).toEqual(['arn:aws:s3:::pi-new-bucket', 'arn:aws:s3:::pi-new-bucket/imports/*']);
  });

  it('a missing bucket without --create-bucket is a usage error naming the flag', async () => {
    const r = await access(['--bucket', 'pi-no-such-bucket', '--yes']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--create-bucket');
  });

  it('--bucket as a data location: its folder is the prefix', async () => {
    const r = await access(['--bucket', `s3://${sb.sandbox.bucket}/shop/2026/events.csv`, '--role-name', 'pi-loc', '--dry-run', '--json']);
    expect(r.code, r.err).toBe(0);
    const put = JSON.parse(r.out).changes.find((c: { action: string }) => c.action === 'PutRolePolicy');
    expect(JSON.stringify(put.document)).toContain(`arn:aws:s3:::${sb.sandbox.bucket}/shop/2026/*`);
  });

  it('usage: no --bucket, a bad bucket name, both role flags, no subcommand', async () => {
    expect((await access([])).code).toBe(2);
    const bad = await access(['--bucket', 'My_Bucket']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--bucket');
    expect((await access(['--bucket', 'abc', '--role-name', 'a', '--role-arn', 'arn:aws:iam::111122223333:role/b'])).code).toBe(2);
    const io = testIo(sb.env);
    await expect(run([], { io })).rejects.toMatchObject({ exitCode: 2 });
  });
});

// A FAKE IAM endpoint, because the sandbox's IAM lets every caller do everything: this one refuses
// iam:CreateRole the way IAM does, to show exit 3 naming the action. S3 and Personalize: the sandbox.
describe('access setup when the caller may not create roles', () => {
  let server: Server;
  let endpoint = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (b: Buffer) => (body += b));
      req.on('end', () => {
        const action = new URLSearchParams(body).get('Action');
        const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
        if (action === 'GetRole') {
          res.writeHead(404, { 'content-type': 'text/xml' });
          res.end(`<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name pi-denied cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>`);
          return;
        }
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(`<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/dev is not authorized to perform: iam:${action} on resource: arn:aws:iam::111122223333:role/pi-denied because no identity-based policy allows the iam:${action} action</Message></Error><RequestId>r</RequestId></ErrorResponse>`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('exits 3 naming iam:CreateRole', async () => {
    const r = await access(['--bucket', sb.sandbox.bucket, '--role-name', 'pi-denied', '--yes'], { ...sb.env, AWS_ENDPOINT_URL_IAM: endpoint });
    expect(r.code, r.err).toBe(3);
    expect(r.err).toContain('iam:CreateRole');
  });
});
