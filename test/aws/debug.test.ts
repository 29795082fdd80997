// --debug logs every request/response (operation, HTTP status, request id, duration) and never a
// secret: run with a recognisable secret key and session token, capture stderr, and look for them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { testIo } from './test-io.js';
import { runCli } from './cli-run.js';
import { createDeps } from '../../src/aws/deps.js';
import { redactQuery } from '../../src/aws/debug.js';

const sb = withSandbox({ jobSeconds: 0 });
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEYVALUE';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENVALUE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
const SAMPLE = path.resolve(__dirname, '../../samples/interactions.csv');

function secretsIn(text: string): string[] {
  const found: string[] = [];
  for (const s of [SECRET, TOKEN, sb.sandbox.secretAccessKey]) if (text.includes(s)) found.push(s);
  // a SigV4 signature is 64 hex chars after "Signature="
  if (/Signature=[0-9a-f]{64}/.test(text)) found.push('a request signature');
  return found;
}

describe('--debug', () => {
  it('the built CLI logs each call with status, request id and duration, and no secret', async () => {
    const r = await runCli(['history', '--dataset-group', 'sandbox-shop', '--debug'], { ...sb.env, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[debug\] ← personalize ListDatasetGroups HTTP 200 request-id \S+ \d+ ms/);
    expect(r.stderr).toMatch(/\[debug\] ← personalize ListDatasets HTTP 200/);
    expect(r.stderr).toMatch(/\[debug\] ← personalize ListDatasetImportJobs HTTP 200/);
    expect(r.stderr).toContain('"authorization":"[REDACTED]"');
    expect(r.stderr).toContain('"x-amz-security-token":"[REDACTED]"');
    expect(secretsIn(r.stderr)).toEqual([]);
    expect(secretsIn(r.stdout)).toEqual([]);
    expect(r.stdout).not.toContain('[debug]');
  });

  it('S3 calls (upload, presign-style query strings) are logged and redacted too; errors are logged with their code', async () => {
    const io = testIo({ ...sb.env, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN });
    const deps = await createDeps({ io, debug: true });
    try {
      await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'debug/i.csv', file: SAMPLE });
      await deps.s3.head(sb.sandbox.bucket, 'debug/missing.csv');
      await deps.personalize.describeImportJob('arn:aws:personalize:us-east-1:111122223333:dataset-import-job/nope').catch(() => undefined);
    } finally {
      await deps.close();
    }
    const err = io.err();
    expect(err).toMatch(/\[debug\] ← s3 PutObject HTTP 200 request-id \S+ \d+ ms/);
    expect(err).toMatch(/\[debug\] ← s3 HeadObject HTTP 404/);
    expect(err).toMatch(/\[debug\] ← personalize DescribeDatasetImportJob HTTP 400/);
    expect(secretsIn(err)).toEqual([]);
    expect(io.out()).toBe('');
  });

  it('query-string credentials are redacted', () => {
    const q = redactQuery({ 'X-Amz-Signature': 'abc123', 'X-Amz-Credential': 'AKIA/2026/us-east-1/s3/aws4_request', 'X-Amz-Security-Token': TOKEN, prefix: 'a/' });
    expect(q).toBe('?X-Amz-Signature=[REDACTED]&X-Amz-Credential=[REDACTED]&X-Amz-Security-Token=[REDACTED]&prefix=a/');
  });
});
