// #16 item 18: the CSV step's check against the sandbox's S3 (real SDK client over loopback):
// "s3://" alone says what to type; a missing bucket is reported as a missing bucket, not a missing object.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { checkSource } from '../../src/flow/machine/index.js';
import { parseCsvSource } from '../../src/flow/index.js';
import { createDeps } from '../../src/aws/deps.js';
import { withSandbox } from '../helpers/sandbox.js';

describe('checkSource', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const s3 = async () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: process.cwd() };
    const d = await createDeps({ sandbox: false, io });
    return d;
  };

  it('"s3://" + Enter says how to type an S3 location', async () => {
    const d = await s3();
    const msg = await checkSource(parseCsvSource('s3://'), process.cwd(), d.s3);
    expect(msg).toMatch(/Type the S3 location as s3:\/\/bucket\/key/);
    expect(msg).not.toMatch(/does not exist/);
    await d.close();
  });

  it('a missing bucket is a missing bucket; a missing key in a bucket that exists is a missing object', async () => {
    const d = await s3();
    expect(await checkSource(parseCsvSource('s3://no-such-bucket-here/x.csv'), process.cwd(), d.s3)).toMatch(/There is no bucket named no-such-bucket-here/);
    const missingKey = await checkSource(parseCsvSource(`s3://${sb.sandbox.bucket}/nope.csv`), process.cwd(), d.s3);
    expect(missingKey).toMatch(/nope\.csv: no such object\. Check the key \(keys are case-sensitive\)/);
    // a folder in a bucket that does not exist: the bucket named, not "Not found … the ARN or name"
    expect(await checkSource(parseCsvSource('s3://no-such-bucket-here/exports/'), process.cwd(), d.s3)).toMatch(/^There is no bucket named no-such-bucket-here\./);
    await d.close();
  });
});
