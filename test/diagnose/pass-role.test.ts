// Preflight's iam:PassRole check for the caller, against sandboxes whose caller (STS says who: an
// IAM user) has a given identity policy, through the real SDK clients (STS GetCallerIdentity, IAM
// SimulatePrincipalPolicy with iam:PassedToService as a context key): PASS when allowed, FAIL when
// not (and the statement to add offered), CAN'T CHECK naming the permission when the simulator is
// refused or who calls cannot be learned. And `access setup` exits 3 naming iam:PassRole.
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/sandbox.js';
import { createDeps } from '../../src/aws/deps.js';
import { createAccess } from '../../src/aws/access.js';
import type { Io } from '../../src/core/ports.js';
import { runPreflight } from '../../src/diagnose/preflight.js';
import { statementBlocks } from '../../src/diagnose/report.js';
import { testIo } from '../aws/test-io.js';
import { run as accessRun } from '../../src/commands/access.js';

const io = (env: Record<string, string>): Io => ({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env, cwd: process.cwd() });
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const everything = { Effect: 'Allow', Action: '*', Resource: '*' };
const noPassRole = { Effect: 'Allow', NotAction: 'iam:PassRole', Resource: '*' };

const started: Sandbox[] = [];
afterAll(async () => { await Promise.all(started.map((s) => s.close())); });

async function passRoleCheck(callerPolicy: string | undefined, env: Record<string, string> = {}) {
  const sb = await startSandbox({ jobSeconds: 0, ...(callerPolicy ? { callerPolicy } : {}) });
  started.push(sb);
  await sandboxClients(sb).s3.send(new PutObjectCommand({ Bucket: sb.bucket, Key: 'p/users.csv', Body: 'USER_ID,MEMBERSHIP\nu1,gold\n' }));
  const e = { ...sb.env, ...env };
  const deps = await createDeps({ io: io(e) });
  const made = createAccess({ deps, io: io(e) });
  try {
    const r = await runPreflight({ ...deps, access: made.access }, { dataLocation: `s3://${sb.bucket}/p/users.csv`, roleArn: sb.roleArn, datasetGroup: sb.seeded.customGroupArn, region: sb.region });
    return { sb, r, check: r.checks.find((c) => c.id === 'pass-role')! };
  } finally {
    made.close();
    await deps.close();
  }
}

describe('preflight: may the caller pass the role (iam:PassRole)?', () => {
  it('an administrator: PASS, by the simulator, for the sandbox user', async () => {
    const { sb, check, r } = await passRoleCheck(undefined);
    expect(check.status).toBe('PASS');
    expect(check.detail).toContain(`IAM policy simulator: ${sb.callerArn} may iam:PassRole ${sb.roleArn} to personalize.amazonaws.com`);
    expect(r.ok).toBe(true);
  });

  it('PassRole only to another service (iam:PassedToService ec2): FAIL, and the statement to add is offered', async () => {
    const { check, r } = await passRoleCheck(policy(noPassRole, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }));
    expect(check.status).toBe('FAIL');
    expect(check.detail).toContain('no statement allows it');
    expect(r.ok).toBe(false);
    const block = statementBlocks(r.checks, r, 'preflight').find((b) => b.id === 'pass-role');
    expect(block?.json).toMatchObject({ Statement: [{ Action: 'iam:PassRole', Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } } }] });
  });

  it('PassRole to Personalize on that role: PASS', async () => {
    const { check } = await passRoleCheck(policy(noPassRole, { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/PersonalizeSandboxRole', Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } } }));
    expect(check.status).toBe('PASS');
  });

  it('the simulator refused: CAN\'T CHECK, naming iam:SimulatePrincipalPolicy and the permission the create needs', async () => {
    const { check, r } = await passRoleCheck(policy(everything, { Effect: 'Deny', Action: 'iam:SimulatePrincipalPolicy', Resource: '*' }));
    expect(check).toMatchObject({ status: 'CANT_CHECK', deniedAction: 'iam:SimulatePrincipalPolicy' });
    expect(check.detail).toMatch(/^Not checked \(not allowed iam:SimulatePrincipalPolicy on arn:aws:iam::111122223333:user\/sandbox-user\)\. Creating the job needs iam:PassRole on arn:aws:iam::111122223333:role\/PersonalizeSandboxRole \(condition iam:PassedToService = personalize\.amazonaws\.com\)\.$/);
    expect(r.ok).toBe(true);
  });

  it('STS unreachable: CAN\'T CHECK, saying why and naming iam:PassRole', async () => {
    const { check } = await passRoleCheck(undefined, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    expect(check.status).toBe('CANT_CHECK');
    expect(check.detail).toMatch(/^Not checked \(sts:GetCallerIdentity failed: .*\)\. Creating the job needs iam:PassRole on /);
  });

  it('access setup, all else in place, for a caller who may not pass the role: exit 3 naming iam:PassRole, with the statement', async () => {
    const sb = await startSandbox({ jobSeconds: 0, callerPolicy: policy(noPassRole) });
    started.push(sb);
    await sandboxClients(sb).s3.send(new PutObjectCommand({ Bucket: sb.bucket, Key: 'users.csv', Body: 'USER_ID,MEMBERSHIP\nu1,gold\n' }));
    const t = testIo(sb.env);
    const err = await accessRun(['setup', '--bucket', sb.bucket, '--role-arn', sb.roleArn, '--yes'], { io: t }).then(() => undefined, (e: unknown) => e as { exitCode: number; message: string; action?: string });
    expect(err?.exitCode).toBe(3);
    expect(err?.action).toBe('iam:PassRole');
    expect(err?.message).toContain(`you may not pass ${sb.roleArn} to it (iam:PassRole)`);
    expect(t.out()).toContain('"iam:PassedToService": "personalize.amazonaws.com"');
  });
});
