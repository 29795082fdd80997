// `access setup --json` whose changes are made (or none needed) but whose checks afterwards still
// fail on something it does not change — here a Deny in the role's own policy on one object under
// the prefix: the plan's sample key passes, the real object does not — ends in exit 1 with
// "Still missing: …". Its one document said nothing of why: no `error`, so a script reading it
// (`… --json | jq .error`) saw a failure with no reason. The built CLI against a sandbox in this process.
import { PutRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('access setup --json: still missing after the changes', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('exit 1, and the one document has an error naming what is missing and the next step', async () => {
    const bucket = sb.sandbox.bucket;
    await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'still/secret.csv', Body: 'USER_ID,X\nu1,a\n' }));
    const iam = new IAMClient({ region: sb.sandbox.region, endpoint: sb.env.AWS_ENDPOINT_URL_IAM, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    await iam.send(new PutRolePolicyCommand({
      RoleName: 'PersonalizeSandboxRole',
      PolicyName: 'NoSecret',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoSecret', Effect: 'Deny', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/still/secret.csv` }] }),
    }));
    const r = await runCli(['access', 'setup', '--bucket', bucket, '--prefix', 'still/', '--role-arn', sb.sandbox.roleArn, '--yes', '--json'], cliEnv(sb.env));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/Still missing: /);
    const doc = jsonDoc(r);
    expect(doc.preflight.ok).toBe(false);
    // as every command's --json failure reads: {kind, message, hint?}
    expect(doc.error.kind).toBe('internal');
    expect(doc.error.message).toMatch(new RegExp(`^access setup: Personalize still cannot read s3://${bucket}/still/ — still missing: the service role can read the bucket`, 'i'));
    expect(doc.error.message).toContain('explicitDeny');
    expect(doc.error.hint).toMatch(/^That is not something access setup changes \(a Deny in a policy/);
    expect(doc.error.hint).toContain(`personalize-import access setup --bucket ${bucket} --prefix still/ --role-arn ${sb.sandbox.roleArn}`);
    // and the same words for a person, on stderr beside the document
    expect(r.stderr).toContain(doc.error.hint);
  });
});
