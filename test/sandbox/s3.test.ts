// The sandbox's S3 (s3rver + our front) through the real @aws-sdk/client-s3 and lib-storage.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { sandboxClients, withSandbox } from '../helpers/sandbox.js';
import { startSandbox } from '../../src/sandbox/index.js';

const md5 = (b: Buffer | Uint8Array) => createHash('md5').update(b).digest('hex');

function bigBody(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) b[i] = (i * 31 + (i >> 10)) & 0xff;
  return b;
}

describe('sandbox S3', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('multipart upload with lib-storage stores the exact bytes and leaves no upload behind', async () => {
    const body = bigBody(11 * 1024 * 1024 + 123);
    const parts: number[] = [];
    const up = new Upload({ client: sb.s3, params: { Bucket: sb.sandbox.bucket, Key: 'big/data.csv', Body: body }, partSize: 5 * 1024 * 1024 });
    up.on('httpUploadProgress', (p) => p.part && parts.push(p.part));
    await up.done();
    expect(new Set(parts).size).toBe(3);
    const head = await sb.s3.send(new HeadObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'big/data.csv' }));
    expect(head.ContentLength).toBe(body.length);
    const got = await sb.s3.send(new GetObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'big/data.csv' }));
    expect(md5(await got.Body!.transformToByteArray())).toBe(md5(body));
    const uploads = await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  it('lists an in-progress multipart upload, and abort removes it and leaves no object', async () => {
    const { UploadId } = await sb.s3.send(new CreateMultipartUploadCommand({ Bucket: sb.sandbox.bucket, Key: 'half/done.csv' }));
    await sb.s3.send(new UploadPartCommand({ Bucket: sb.sandbox.bucket, Key: 'half/done.csv', UploadId, PartNumber: 1, Body: bigBody(5 * 1024 * 1024) }));
    const listed = await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }));
    expect(listed.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['half/done.csv', UploadId]]);
    expect(listed.Uploads?.[0].Initiated).toBeInstanceOf(Date);
    await sb.s3.send(new AbortMultipartUploadCommand({ Bucket: sb.sandbox.bucket, Key: 'half/done.csv', UploadId }));
    expect((await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }))).Uploads ?? []).toEqual([]);
    await expect(sb.s3.send(new HeadObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'half/done.csv' }))).rejects.toMatchObject({ name: 'NotFound' });
    await expect(sb.s3.send(new AbortMultipartUploadCommand({ Bucket: sb.sandbox.bucket, Key: 'half/done.csv', UploadId }))).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });

  it('an aborted lib-storage upload leaves neither parts nor object', async () => {
    const controller = new AbortController();
    const up = new Upload({ client: sb.s3, params: { Bucket: sb.sandbox.bucket, Key: 'aborted.csv', Body: bigBody(16 * 1024 * 1024) }, partSize: 5 * 1024 * 1024, queueSize: 1, abortController: controller });
    up.on('httpUploadProgress', (p) => {
      if (p.part === 1) controller.abort();
    });
    await expect(up.done()).rejects.toThrow();
    // lib-storage sends AbortMultipartUpload after the abort; poll until the sandbox has none left
    const deadline = Date.now() + 10_000;
    let left: unknown[] = [1];
    while (left.length && Date.now() < deadline) {
      left = (await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }))).Uploads ?? [];
      if (left.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(left).toEqual([]);
    await expect(sb.s3.send(new HeadObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'aborted.csv' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('stores streamed (aws-chunked, checksummed) bodies without chunk framing', async () => {
    const text = 'USER_ID,MEMBERSHIP,AGE\nu1,gold,30\n';
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'stream.csv', Body: Readable.from([Buffer.from(text)]), ContentLength: Buffer.byteLength(text) }));
    const got = await sb.s3.send(new GetObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'stream.csv' }));
    expect(await got.Body!.transformToString()).toBe(text);
  });

  it('answers bucket policies from the simulated state', async () => {
    const granted = JSON.parse((await sb.s3.send(new GetBucketPolicyCommand({ Bucket: sb.sandbox.bucket }))).Policy!) as { Statement: { Principal: { Service?: string }; Action: string[]; Resource: string[] }[] };
    const st = granted.Statement.find((s) => s.Principal.Service === 'personalize.amazonaws.com');
    expect(st?.Action.sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(st?.Resource.sort()).toEqual([`arn:aws:s3:::${sb.sandbox.bucket}`, `arn:aws:s3:::${sb.sandbox.bucket}/*`]);
    const none = await sb.s3.send(new GetBucketPolicyCommand({ Bucket: sb.sandbox.noGrantBucket }));
    expect(none.Policy).toBeTruthy();
    expect(none.Policy).not.toContain('personalize.amazonaws.com');
    await sb.s3.send(new CreateBucketCommand({ Bucket: 'made-here' }));
    await expect(sb.s3.send(new GetBucketPolicyCommand({ Bucket: 'made-here' }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
    await expect(sb.s3.send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('lists by prefix and answers the bucket location (empty = us-east-1, as S3 does)', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'p/a.csv', Body: 'a' }));
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'p/b.csv', Body: 'bb' }));
    const l = await sb.s3.send(new ListObjectsV2Command({ Bucket: sb.sandbox.bucket, Prefix: 'p/' }));
    expect(l.Contents?.map((c) => [c.Key, c.Size])).toEqual([['p/a.csv', 1], ['p/b.csv', 2]]);
    const loc = await sb.s3.send(new GetBucketLocationCommand({ Bucket: sb.sandbox.bucket }));
    expect(loc.LocationConstraint ?? '').toBe('');
  });

  it('a sandbox in another region reports that region as the bucket location', async () => {
    const other = await startSandbox({ jobSeconds: 0, region: 'eu-west-1' });
    const c = sandboxClients(other);
    try {
      expect((await c.s3.send(new GetBucketLocationCommand({ Bucket: other.bucket }))).LocationConstraint).toBe('eu-west-1');
      expect(other.seeded.customGroupArn).toBe('arn:aws:personalize:eu-west-1:111122223333:dataset-group/sandbox-shop');
    } finally {
      c.s3.destroy();
      c.personalize.destroy();
      await other.close();
    }
  });
});

describe('upload part delay (test knob)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  it('answers multipart part N about N × delay late, and 0 turns it off', async () => {
    const body = Buffer.alloc(11 * 1024 * 1024, 97); // 3 parts of 5 MiB
    const timed = async (key: string) => {
      const started = Date.now();
      await new Upload({ client: sb.s3, params: { Bucket: sb.sandbox.bucket, Key: key, Body: body }, queueSize: 4 }).done();
      return Date.now() - started;
    };
    sb.sandbox.setUploadPartDelay(400);
    const slow = await timed('delay/slow.bin');
    sb.sandbox.setUploadPartDelay(0);
    const fast = await timed('delay/fast.bin');
    console.log(`3-part upload: ${slow} ms with a 400 ms part delay, ${fast} ms without`);
    // part 3 answers 3 × 400 ms late, however fast the machine is
    expect(slow).toBeGreaterThanOrEqual(1200);
    expect(slow).toBeGreaterThan(fast);
  });
});
