// The AWS CLI (v1: botocore, a second client that knows nothing of us) against the sandbox's KMS and
// STS, with --endpoint-url as for services the CLI has no env override for: it reads the key the
// KMS bucket is encrypted with, its policy, and who the sandbox says the caller is; a refused
// change reads as AWS's own. Skipped, saying so, when no `aws` is on PATH.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { AWS_CLI, awsEnv } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const hasAws = AWS_CLI !== undefined;

describe.skipIf(!hasAws)('AWS CLI against the sandbox KMS and STS (skipped when `aws` is not installed)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const env = () => awsEnv(sb.env);
  const aws = async (...args: string[]) => (await run(AWS_CLI!, args, { env: env(), timeout: 60_000 })).stdout;

  it('get-bucket-encryption names the key; describe-key and get-key-policy read it through --endpoint-url', async () => {
    const enc = JSON.parse(await aws('s3api', 'get-bucket-encryption', '--bucket', sb.sandbox.kmsBucket)) as { ServerSideEncryptionConfiguration: { Rules: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID: string } }[] } };
    const rule = enc.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault;
    expect(rule).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: sb.sandbox.kmsKeyArn });
    const key = JSON.parse(await aws('kms', 'describe-key', '--key-id', rule.KMSMasterKeyID, '--endpoint-url', sb.sandbox.kmsEndpoint)) as { KeyMetadata: { KeyManager: string; AWSAccountId: string; CreationDate: number } };
    expect(key.KeyMetadata).toMatchObject({ KeyManager: 'CUSTOMER', AWSAccountId: sb.sandbox.accountId });
    // CLI v1 prints timestamps as the service sent them: epoch seconds (2026-01-01T00:00:00Z)
    expect(key.KeyMetadata.CreationDate).toBe(1767225600);
    const policy = await aws('kms', 'get-key-policy', '--key-id', rule.KMSMasterKeyID, '--policy-name', 'default', '--output', 'text', '--query', 'Policy', '--endpoint-url', sb.sandbox.kmsEndpoint);
    expect(JSON.parse(policy).Statement[0].Principal.AWS).toBe(`arn:aws:iam::${sb.sandbox.accountId}:root`);
  });

  it('sts get-caller-identity names the sandbox user; a refused put-key-policy is AWS\'s AccessDeniedException', async () => {
    const who = JSON.parse(await aws('sts', 'get-caller-identity', '--endpoint-url', sb.sandbox.stsEndpoint)) as { Arn: string; Account: string };
    expect(who).toMatchObject({ Arn: sb.sandbox.callerArn, Account: sb.sandbox.accountId });
    const e = (await aws('kms', 'put-key-policy', '--key-id', sb.sandbox.lockedKeyArn, '--policy-name', 'default', '--policy', '{"Statement":[]}', '--endpoint-url', sb.sandbox.kmsEndpoint).catch((x: unknown) => x)) as { stderr: string };
    expect(e.stderr).toContain('An error occurred (AccessDeniedException) when calling the PutKeyPolicy operation');
    expect(e.stderr).toContain('is not authorized to perform: kms:PutKeyPolicy');
  });
});
