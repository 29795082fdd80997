// The AWS CLI (v1 here; a Python program that knows nothing of us) against the in-process sandbox,
// configured only by the sandbox's env. Skipped, saying so, when no `aws` is on PATH.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { AWS_CLI, awsEnv } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const hasAws = AWS_CLI !== undefined;

describe.skipIf(!hasAws)('AWS CLI against the sandbox (skipped when `aws` is not installed)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  // nothing from the user's own AWS set-up may leak in
  const env = () => awsEnv(sb.env);
  const aws = async (...args: string[]) => (await run(AWS_CLI!, args, { env: env(), timeout: 60_000 })).stdout;

  it('lists the seeded dataset groups from the env alone (AWS_ENDPOINT_URL_PERSONALIZE, AWS_DEFAULT_REGION)', async () => {
    const out = JSON.parse(await aws('personalize', 'list-dataset-groups', '--output', 'json')) as { datasetGroups: { name: string; creationDateTime: number }[] };
    expect(out.datasetGroups.map((g) => g.name).sort()).toEqual(['sandbox-ecommerce', 'sandbox-shop']);
  });

  it('also works with --endpoint-url (for CLIs that ignore AWS_ENDPOINT_URL_*), and copies a sample to S3', async () => {
    const out = JSON.parse(await aws('personalize', 'describe-dataset-group', '--dataset-group-arn', sb.seeded.domainGroupArn, '--endpoint-url', sb.sandbox.personalizeEndpoint)) as { datasetGroup: { domain: string } };
    expect(out.datasetGroup.domain).toBe('ECOMMERCE');
    const sample = fileURLToPath(new URL('../../samples/users.csv', import.meta.url));
    await aws('s3', 'cp', sample, `s3://${sb.sandbox.bucket}/cli/users.csv`);
    const ls = await aws('s3', 'ls', `s3://${sb.sandbox.bucket}/cli/`);
    expect(ls).toMatch(/\s1063 users\.csv/);
    const policy = JSON.parse(await aws('s3api', 'get-bucket-policy', '--bucket', sb.sandbox.bucket)) as { Policy: string };
    expect(policy.Policy).toContain('personalize.amazonaws.com');
    // four starts of the aws CLI (a Python program loading botocore: 1–2 s each alone, 7 s and more
    // on a machine at load 13, where 30 s ran out once)
  }, 90_000);

  it('shows service errors as the CLI shows AWS ones', async () => {
    const e = (await aws('personalize', 'describe-dataset', '--dataset-arn', 'arn:aws:personalize:us-east-1:111122223333:dataset/none/ITEMS').catch((x: unknown) => x)) as { stderr: string };
    expect(e.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the DescribeDataset operation');
  });
});
