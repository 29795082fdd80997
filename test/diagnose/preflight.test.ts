// Preflight against the sandbox (real SDK clients over loopback, src/aws/createDeps), plus a few
// cases the sandbox cannot produce — an IAM role with a given trust policy, IAM refusals, a KMS-
// encrypted bucket, five running jobs — through a FAKE AccessApi. Each such test says so.
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { createAccess } from '../../src/aws/access.js';
import { AppError } from '../../src/core/errors.js';
import type { Io } from '../../src/core/ports.js';
import type { AccessApi } from '../../src/diagnose/ports.js';
import { isPreflightFailed, preflightGate, runPreflight, type PreflightResult } from '../../src/diagnose/preflight.js';
import { createJob } from '../../src/flow/run.js';
import type { ImportPlan } from '../../src/flow/plan.js';
import { s3Access } from '../../src/diagnose/policy.js';

const sb = withSandbox({ jobSeconds: 0 });
const CSV = readFileSync(new URL('../../samples/interactions.csv', import.meta.url));

function io(env: Record<string, string>): Io {
  return { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env, cwd: process.cwd() };
}
const byId = (r: PreflightResult, id: string) => r.checks.find((c) => c.id === id)!;

let deps: AwsDeps;
let access: AccessApi;
let closeAccess: () => void;
beforeAll(async () => {
  deps = await createDeps({ io: io(sb.env) });
  ({ access, close: closeAccess } = createAccess({ deps, io: io(sb.env) }));
  for (const bucket of [sb.sandbox.bucket, sb.sandbox.noGrantBucket]) {
    await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'preflight/interactions.csv', Body: CSV }));
    await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'preflight/folder/part-1.csv', Body: CSV }));
    await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'preflight/empty.csv', Body: Buffer.alloc(0) }));
  }
});
afterAll(async () => {
  closeAccess?.();
  await deps?.close();
});

describe('runPreflight against the sandbox', () => {
  it('granted bucket: every check PASSes, the role read through the sandbox IAM (trust, S3 access) and the bucket SSE-S3', async () => {
    const r = await runPreflight({ ...deps, access }, {
      dataLocation: `s3://${sb.sandbox.bucket}/preflight/interactions.csv`, roleArn: sb.sandbox.roleArn,
      datasetGroup: sb.seeded.customGroupArn, region: sb.sandbox.region, mode: 'FULL',
    });
    expect(byId(r, 'data-exists').status).toBe('PASS');
    expect(byId(r, 'bucket-region').status).toBe('PASS');
    expect(byId(r, 'bucket-policy')).toMatchObject({ status: 'PASS' });
    expect(byId(r, 'bucket-policy').detail).toContain('PersonalizeS3BucketAccessPolicy');
    expect(byId(r, 'role-trust')).toMatchObject({ status: 'PASS' });
    expect(byId(r, 'role-s3-access').status).toBe('PASS');
    expect(byId(r, 'kms').status).toBe('PASS');
    expect(byId(r, 'running-jobs').status).toBe('PASS');
    expect(r.ok).toBe(true);
  });

  it('no-grant bucket: the bucket policy FAILs, with the statement to add filled in', async () => {
    const bucket = sb.sandbox.noGrantBucket;
    const r = await runPreflight({ ...deps, access }, { dataLocation: `s3://${bucket}/preflight/interactions.csv`, roleArn: sb.sandbox.roleArn, region: sb.sandbox.region });
    const c = byId(r, 'bucket-policy');
    expect(c.status).toBe('FAIL');
    expect(c.detail).toContain('not granted');
    expect(c.fix).toContain(`arn:aws:s3:::${bucket}/*`);
    expect(r.ok).toBe(false);
    expect(r.statements!.bucketPolicyStatement.Resource).toEqual([`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`]);
    expect(r.currentBucketPolicy).toContain('OwnerOnly');
    // the statement we print would really fix it
    expect(s3Access({ Statement: [r.statements!.bucketPolicyStatement] }, bucket, ['preflight/interactions.csv'], { principal: { service: 'personalize.amazonaws.com' } }).ok).toBe(true);
  });

  it('a folder location counts its non-empty objects', async () => {
    const r = await runPreflight(deps, { dataLocation: `s3://${sb.sandbox.bucket}/preflight/folder/`, region: sb.sandbox.region });
    expect(byId(r, 'data-exists')).toMatchObject({ status: 'PASS' });
    expect(r.objects.map((o) => o.key)).toEqual(['preflight/folder/part-1.csv']);
  });

  it('a folder given without its trailing slash: FAIL, suggesting the slash', async () => {
    const r = await runPreflight(deps, { dataLocation: `s3://${sb.sandbox.bucket}/preflight/folder`, region: sb.sandbox.region });
    expect(byId(r, 'data-exists').status).toBe('FAIL');
    expect(byId(r, 'data-exists').fix).toContain(`s3://${sb.sandbox.bucket}/preflight/folder/`);
  });

  it('missing and empty objects FAIL', async () => {
    const missing = await runPreflight(deps, { dataLocation: `s3://${sb.sandbox.bucket}/preflight/nope.csv`, region: sb.sandbox.region });
    expect(byId(missing, 'data-exists').detail).toContain('does not exist');
    const empty = await runPreflight(deps, { dataLocation: `s3://${sb.sandbox.bucket}/preflight/empty.csv`, region: sb.sandbox.region });
    expect(byId(empty, 'data-exists').detail).toContain('0 bytes');
  });

  it('a bucket that does not exist: the data check says so (not "check the key"), the bucket checks have no bucket, no statements to add', async () => {
    const r = await runPreflight({ ...deps, access }, { dataLocation: 's3://no-such-bucket-s27/exports/i.csv', region: sb.sandbox.region, roleArn: sb.sandbox.roleArn });
    expect(byId(r, 'data-exists')).toMatchObject({ status: 'FAIL', detail: expect.stringContaining('The bucket no-such-bucket-s27 does not exist'), fix: 'Check the bucket name in the data location.' });
    for (const id of ['bucket-region', 'bucket-policy', 'role-s3-access', 'kms']) {
      expect(byId(r, id), id).toMatchObject({ status: 'CANT_CHECK', detail: 'No bucket to check: the bucket no-such-bucket-s27 does not exist.' });
    }
    expect(byId(r, 'role-trust').status).toBe('PASS');
    expect(r.ok).toBe(false);
    expect(r.statements).toBeUndefined();
  });

  it('a bucket in another region than the dataset group FAILs', async () => {
    const r = await runPreflight(deps, { dataLocation: `s3://${sb.sandbox.bucket}/preflight/interactions.csv`, region: 'eu-west-1' });
    expect(byId(r, 'bucket-region')).toMatchObject({ status: 'FAIL' });
    expect(byId(r, 'bucket-region').detail).toContain('eu-west-1');
  });

  it('a location that is not an S3 URI FAILs and nothing else is guessed', async () => {
    const r = await runPreflight(deps, { dataLocation: 'https://example.com/x.csv', region: sb.sandbox.region });
    expect(byId(r, 'data-exists').status).toBe('FAIL');
    expect(byId(r, 'bucket-policy').status).toBe('CANT_CHECK');
  });

  it('without an access port, running jobs are counted by walking groups → datasets → jobs', async () => {
    const r = await runPreflight(deps, { dataLocation: `s3://${sb.sandbox.bucket}/preflight/interactions.csv`, region: sb.sandbox.region });
    expect(byId(r, 'running-jobs').status).toBe('PASS');
    expect(byId(r, 'role-trust').status).toBe('CANT_CHECK');
  });
});

// ---- FAKE AccessApi: IAM and KMS facts the sandbox cannot produce ---------------------------------

const ROLE = 'arn:aws:iam::111122223333:role/PersonalizeRole';
const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const denied = (action: string) => new AppError('access-denied', `Access denied: not allowed ${action}.`, { action });

function fakeAccess(over: Partial<AccessApi>): AccessApi {
  return {
    getRole: async (arn) => ({ arn, name: 'PersonalizeRole', trustPolicy: trust('personalize.amazonaws.com') }),
    rolePolicies: async () => [],
    simulateRole: async (_arn, asks) => asks.map((a) => ({ ...a, decision: 'allowed' as const })),
    bucketEncryption: async () => undefined,
    listRunningImportJobs: async () => [],
    ...over,
  };
}

describe('runPreflight with a FAKE AccessApi (IAM/KMS the sandbox cannot serve)', () => {
  const run = (access: AccessApi) => runPreflight({ ...deps, access }, { dataLocation: `s3://${sb.sandbox.bucket}/preflight/interactions.csv`, roleArn: ROLE, region: sb.sandbox.region, datasetGroup: sb.seeded.customGroupArn });

  it('FAKE: a role trusting another service FAILs role-trust and prints the trust policy to set', async () => {
    const r = await run(fakeAccess({ getRole: async (arn) => ({ arn, name: 'PersonalizeRole', trustPolicy: trust('ec2.amazonaws.com') }) }));
    expect(byId(r, 'role-trust').status).toBe('FAIL');
    expect(JSON.stringify(r.statements!.trustPolicy)).toContain('personalize.amazonaws.com');
  });

  it('FAKE: a role that does not exist FAILs both role checks', async () => {
    const r = await run(fakeAccess({ getRole: async () => undefined }));
    expect(byId(r, 'role-trust').detail).toContain('does not exist');
    expect(byId(r, 'role-s3-access').status).toBe('FAIL');
  });

  it('FAKE: iam:GetRole refused → CANT_CHECK naming iam:GetRole', async () => {
    const r = await run(fakeAccess({ getRole: async () => { throw denied('iam:GetRole'); } }));
    expect(byId(r, 'role-trust')).toMatchObject({ status: 'CANT_CHECK', deniedAction: 'iam:GetRole' });
    expect(byId(r, 'role-trust').detail).toContain('iam:GetRole');
  });

  it('FAKE: simulator refused → the role policies are read and evaluated instead', async () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${sb.sandbox.bucket}/*` }] });
    const r = await run(fakeAccess({ simulateRole: async () => { throw denied('iam:SimulatePrincipalPolicy'); }, rolePolicies: async () => [{ name: 'ReadData', kind: 'inline', document: policy }] }));
    const c = byId(r, 'role-s3-access');
    expect(c.status).toBe('FAIL'); // s3:ListBucket is missing
    expect(c.detail).toContain('s3:ListBucket on arn:aws:s3:::personalize-sandbox-data: not granted');
    expect(c.detail).toContain('ReadData');
  });

  it('FAKE: simulator and policy reads both refused → CANT_CHECK naming the IAM actions', async () => {
    const r = await run(fakeAccess({ simulateRole: async () => { throw denied('iam:SimulatePrincipalPolicy'); }, rolePolicies: async () => { throw denied('iam:ListRolePolicies'); } }));
    const c = byId(r, 'role-s3-access');
    expect(c.status).toBe('CANT_CHECK');
    expect(c.detail).toContain('iam:SimulatePrincipalPolicy');
    expect(c.detail).toContain('iam:ListRolePolicies');
  });

  it('FAKE: simulator says explicitDeny → FAIL mentioning the Deny', async () => {
    const r = await run(fakeAccess({ simulateRole: async (_a, asks) => asks.map((a) => ({ ...a, decision: 'explicitDeny' as const })) }));
    expect(byId(r, 'role-s3-access').fix).toContain('explicit Deny');
  });

  it('FAKE: a customer managed KMS key → CANT_CHECK naming kms:GetKeyPolicy, with key statements', async () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const r = await run(fakeAccess({ bucketEncryption: async () => ({ algorithm: 'aws:kms', kmsKeyId: key }) }));
    expect(byId(r, 'kms')).toMatchObject({ status: 'CANT_CHECK', deniedAction: 'kms:GetKeyPolicy' });
    expect(r.statements!.kms!.rolePolicyStatement.Resource).toBe(key);
  });

  it('FAKE: the role may not use the customer managed key → kms FAIL', async () => {
    const r = await run(fakeAccess({
      bucketEncryption: async () => ({ algorithm: 'aws:kms', kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }),
      simulateRole: async (_a, asks) => asks.map((a) => ({ ...a, decision: a.action.startsWith('kms:') ? 'implicitDeny' as const : 'allowed' as const })),
    }));
    expect(byId(r, 'kms').status).toBe('FAIL');
    expect(byId(r, 'kms').detail).toContain('arn:aws:kms:us-east-1:111122223333:key/1234abcd');
  });

  it('FAKE: SSE-S3 bucket → kms PASS; five running jobs → running-jobs FAIL', async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => ({ arn: `arn:aws:personalize:us-east-1:111122223333:dataset-import-job/j${i}`, name: `j${i}`, status: 'CREATE IN_PROGRESS' }));
    const r = await run(fakeAccess({ bucketEncryption: async () => ({ algorithm: 'AES256' }), listRunningImportJobs: async () => jobs }));
    expect(byId(r, 'kms').status).toBe('PASS');
    expect(byId(r, 'running-jobs')).toMatchObject({ status: 'FAIL' });
    expect(byId(r, 'running-jobs').detail).toContain('j0');
    expect(byId(r, 'role-trust').status).toBe('PASS');
    expect(byId(r, 'role-s3-access').status).toBe('PASS');
  });
});

describe('preflightGate in the flow\'s beforeCreate hook (what wizard and import use)', () => {
  const plan = (bucket: string, jobName: string): ImportPlan => ({
    datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), datasetGroupArn: sb.seeded.customGroupArn,
    source: { kind: 's3', bucket, key: 'preflight/interactions.csv' },
    importMode: 'FULL', jobName, roleArn: sb.sandbox.roleArn,
  });
  const gate = (seen: PreflightResult[]) => preflightGate({ ...deps, access }, {
    roleArn: sb.sandbox.roleArn, datasetGroup: sb.seeded.customGroupArn, region: sb.sandbox.region, mode: 'FULL', onResult: (r) => seen.push(r),
  });
  const jobNames = async () => (await deps.personalize.listImportJobs(sb.seeded.datasetArn('custom', 'INTERACTIONS'))).map((j) => j.name);

  it('the no-grant bucket is caught before a job is created (exit 3, statement available)', async () => {
    const seen: PreflightResult[] = [];
    const e = await createJob(plan(sb.sandbox.noGrantBucket, 'gate-nogrant'), deps.personalize, { beforeCreate: gate(seen) }).catch((x: unknown) => x);
    expect(isPreflightFailed(e)).toBe(true);
    if (!isPreflightFailed(e)) return;
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('the bucket policy does not let Personalize read the data');
    expect(e.message).toContain('No job was created');
    expect(e.result.statements!.bucketPolicyStatement.Resource).toContain(`arn:aws:s3:::${sb.sandbox.noGrantBucket}/*`);
    expect(seen).toHaveLength(1);
    expect(await jobNames()).not.toContain('gate-nogrant');
  });

  it('the granted bucket passes the gate and the job is created', async () => {
    const { jobArn } = await createJob(plan(sb.sandbox.bucket, 'gate-granted'), deps.personalize, { beforeCreate: gate([]) });
    expect(jobArn).toMatch(/dataset-import-job\/gate-granted$/);
    await sb.waitForJob(jobArn);
  });
});
