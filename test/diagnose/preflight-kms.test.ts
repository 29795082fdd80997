// Preflight's KMS check reads the key policy through the sandbox's KMS (real SDK clients): the
// role's side by IAM's simulator, the key's side by its policy — FAIL naming what is missing on
// either side, PASS once both allow, CAN'T CHECK naming kms:GetKeyPolicy when it is refused.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/sandbox.js';
import { createDeps } from '../../src/aws/deps.js';
import { createAccess } from '../../src/aws/access.js';
import type { Io } from '../../src/core/ports.js';
import { runPreflight } from '../../src/diagnose/preflight.js';
import { keyPolicyStatements } from '../../src/access/documents.js';

const io = (env: Record<string, string>): Io => ({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env, cwd: process.cwd() });
const started: Sandbox[] = [];
afterAll(async () => { await Promise.all(started.map((s) => s.close())); });

async function kmsCheck(sb: Sandbox, roleArn: string) {
  const deps = await createDeps({ io: io(sb.env) });
  const made = createAccess({ deps, io: io(sb.env) });
  try {
    const r = await runPreflight({ ...deps, access: made.access }, { dataLocation: `s3://${sb.kmsBucket}/users.csv`, roleArn, region: sb.region, purpose: 'diagnose' });
    return r.checks.find((c) => c.id === 'kms')!;
  } finally {
    made.close();
    await deps.close();
  }
}

async function setup(callerPolicy?: string) {
  const sb = await startSandbox({ jobSeconds: 0, ...(callerPolicy ? { callerPolicy } : {}) });
  started.push(sb);
  const creds = { accessKeyId: 'a', secretAccessKey: 'b' };
  await sandboxClients(sb).s3.send(new PutObjectCommand({ Bucket: sb.kmsBucket, Key: 'users.csv', Body: 'USER_ID,MEMBERSHIP\nu1,gold\n' }));
  const iam = new IAMClient({ region: sb.region, endpoint: sb.iamEndpoint, credentials: creds });
  const kms = new KMSClient({ region: sb.region, endpoint: sb.kmsEndpoint, credentials: creds });
  await iam.send(new CreateRoleCommand({ RoleName: 'kms-reader', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'kms-reader', PolicyName: 'k', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: sb.kmsKeyArn }] }) }));
  return { sb, iam, kms, role: `arn:aws:iam::${sb.accountId}:role/kms-reader` };
}

describe('preflight: the KMS key of an SSE-KMS bucket', () => {
  it('the role may not use the key: FAIL naming the role side', async () => {
    const { sb } = await setup();
    const c = await kmsCheck(sb, sb.roleArn);
    expect(c.status).toBe('FAIL');
    expect(c.detail).toContain('the role is not allowed kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey on it');
  });

  it('the role may, the key policy leaves Personalize out: FAIL naming the key side; once added: PASS', async () => {
    const { sb, kms, role } = await setup();
    const c = await kmsCheck(sb, role);
    expect(c.status).toBe('FAIL');
    expect(c.detail).toContain('its key policy does not allow kms:Decrypt for personalize.amazonaws.com, kms:GenerateDataKey for personalize.amazonaws.com.');
    const p = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: sb.kmsKeyArn }))).Policy!) as { Statement: object[] };
    await kms.send(new PutKeyPolicyCommand({ KeyId: sb.kmsKeyArn, Policy: JSON.stringify({ ...p, Statement: [...p.Statement, keyPolicyStatements(role)[0]] }) }));
    const after = await kmsCheck(sb, role);
    expect(after.status, after.detail).toBe('PASS');
    expect(after.detail).toContain('its key policy lets personalize.amazonaws.com and the role use it');
  });

  it('kms:GetKeyPolicy refused to the caller: CAN\'T CHECK naming it', async () => {
    const { sb, role } = await setup(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'kms:GetKeyPolicy', Resource: '*' }] }));
    const c = await kmsCheck(sb, role);
    expect(c).toMatchObject({ status: 'CANT_CHECK', deniedAction: 'kms:GetKeyPolicy' });
    expect(c.detail).toContain('Its key policy was not read (not allowed kms:GetKeyPolicy on it)');
  });
});
