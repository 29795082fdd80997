// Credentials, region and permission failures, produced for real where possible:
// - no credentials: the built CLI with an empty HOME and no AWS_* env, so the SDK's real default
//   chain fails (AWS_EC2_METADATA_DISABLED=true only skips the instance-metadata link, which
//   would otherwise spend its timeout on a network this machine does not have);
// - expired SSO: a temp HOME with an SSO profile and an expired token in ~/.aws/sso/cache;
// - region missing: keys but no region anywhere.
// Access denied cannot be produced by the sandbox (it has no IAM): that one uses an error object
// shaped like the SDK's AccessDeniedException, and says so below.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';
import { testIo } from './test-io.js';
import { probeCredentials } from '../../src/aws/deps.js';
import { deniedAction, toAppError } from '../../src/aws/errors.js';

const DATASET = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS';
const JOB = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-1';

function emptyHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'aws-home-'));
}

function ssoHome(expiresAt: string): string {
  const home = emptyHome();
  mkdirSync(path.join(home, '.aws/sso/cache'), { recursive: true });
  writeFileSync(path.join(home, '.aws/config'), [
    '[profile sso-test]', 'sso_session = my-sso', 'sso_account_id = 123456789012', 'sso_role_name = Admin', 'region = us-east-1', '',
    '[sso-session my-sso]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
  ].join('\n'));
  const file = createHash('sha1').update('my-sso').digest('hex');
  writeFileSync(path.join(home, `.aws/sso/cache/${file}.json`), JSON.stringify({ accessToken: 'expired-token-value', expiresAt, region: 'us-east-1', startUrl: 'https://example.awsapps.com/start' }));
  return home;
}

describe('the built CLI, with the real credential chain', () => {
  it('no credentials anywhere → exit 3, "No AWS credentials found" and what to run', async () => {
    const r = await runCli(['history', '--dataset-arn', DATASET], { HOME: emptyHome(), AWS_EC2_METADATA_DISABLED: 'true' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('No AWS credentials found.');
    expect(r.stderr).toMatch(/aws configure|aws sso login/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
  });

  it('expired SSO token → exit 3 naming `aws sso login --profile sso-test`', async () => {
    const r = await runCli(['status', JOB, '--no-wait', '--aws-profile', 'sso-test'], { HOME: ssoHome('2020-01-01T00:00:00Z'), AWS_EC2_METADATA_DISABLED: 'true' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Your AWS SSO session has expired.');
    expect(r.stderr).toContain('aws sso login --profile sso-test');
  });

  it('no region anywhere → exit 2 saying how to set one', async () => {
    const r = await runCli(['history', '--dataset-group', 'shop'], { HOME: emptyHome(), AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_EC2_METADATA_DISABLED: 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No AWS region is configured.');
    expect(r.stderr).toContain('--region');
  });
});

describe('probeCredentials (what the wizard asks before its first AWS call)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('static keys in the env answer at once; the sandbox needs none', async () => {
    expect(await probeCredentials({ io: testIo({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 's' }) })).toEqual({ ok: true, source: 'environment' });
    expect(await probeCredentials({ io: testIo({}), sandbox: true })).toEqual({ ok: true, source: 'sandbox' });
  });

  it('nothing resolvable → ok: false with the no-credentials error (real chain, empty HOME)', async () => {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_') && k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') delete process.env[k];
    process.env.HOME = emptyHome();
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const p = await probeCredentials({ io: testIo({}) });
    expect(p.ok).toBe(false);
    expect(!p.ok && p.error.kind).toBe('no-credentials');
  });

  it('an expired SSO profile → ok: false, expired-token', async () => {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_') && k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') delete process.env[k];
    process.env.HOME = ssoHome('2020-01-01T00:00:00Z');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const p = await probeCredentials({ io: testIo({}), awsProfile: 'sso-test' });
    expect(!p.ok && p.error.kind).toBe('expired-token');
    expect(!p.ok && p.error.hint).toContain('aws sso login --profile sso-test');
  });
});

describe('access denied (constructed: the sandbox has no IAM to deny anything)', () => {
  const message = 'User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: personalize:CreateDatasetImportJob on resource: arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-1 because no identity-based policy allows the personalize:CreateDatasetImportJob action';

  it('names the action and resource from the service message', () => {
    expect(deniedAction(message)).toEqual({ action: 'personalize:CreateDatasetImportJob', resource: 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-1' });
    expect(deniedAction('User: arn:aws:iam::1:user/x is not authorized to perform: iam:PassRole on resource: arn:aws:iam::1:role/R').action).toBe('iam:PassRole');
  });

  it('maps to access-denied, exit 3, with the action in message and hint', () => {
    // shaped like the SDK's AccessDeniedException (name, message, $metadata, $fault)
    const sdkError = Object.assign(new Error(message), { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400, requestId: 'r-1' } });
    const e = toAppError(sdkError, { what: 'create import job shop-1', service: 'Personalize' });
    expect(e.kind).toBe('access-denied');
    expect(e.exitCode).toBe(3);
    expect(e.action).toBe('personalize:CreateDatasetImportJob');
    expect(e.message).toContain('personalize:CreateDatasetImportJob');
    expect(e.hint).toContain('allow personalize:CreateDatasetImportJob');
  });
});
