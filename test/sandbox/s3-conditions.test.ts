// GetObject / HeadObject conditions and ranges as S3 answers them, through the real
// @aws-sdk/client-s3 (its own handler, and the CLI's ranged-GET handler). s3rver alone read
// "bytes=0-0" as the whole object and ignored If-Match; validate s3://… asks each range with
// If-Match (the object must not change under it), so that answer is one the tool must meet.
import { describe, expect, it } from 'vitest';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { rangedGetExtension } from '../../src/aws/ranged-get.js';
import { withSandbox } from '../helpers/sandbox.js';

const sb = withSandbox({ jobSeconds: 0 });
const body = Buffer.from('0123456789abcdefghij');

describe('sandbox S3: ranges and If-Match', () => {
  for (const handler of ['the SDK\'s handler', 'the ranged-GET handler'] as const) {
    it(`bytes=0-0 is one byte, and a range ending past the object stops at its end (${handler})`, async () => {
      const box = sb.sandbox;
      const client = handler === 'the SDK\'s handler' ? sb.s3 : new S3Client({ region: box.region, endpoint: box.s3Endpoint, credentials: { accessKeyId: box.accessKeyId, secretAccessKey: box.secretAccessKey }, forcePathStyle: true, extensions: [rangedGetExtension()] });
      await sb.s3.send(new PutObjectCommand({ Bucket: box.bucket, Key: 'cond/range.txt', Body: body }));
      const one = await client.send(new GetObjectCommand({ Bucket: box.bucket, Key: 'cond/range.txt', Range: 'bytes=0-0' }));
      expect(one.ContentRange).toBe('bytes 0-0/20');
      expect(one.ContentLength).toBe(1);
      expect(Buffer.from(await one.Body!.transformToByteArray()).toString()).toBe('0');
      const tail = await client.send(new GetObjectCommand({ Bucket: box.bucket, Key: 'cond/range.txt', Range: 'bytes=15-99' }));
      expect(tail.ContentRange).toBe('bytes 15-19/20');
      expect(Buffer.from(await tail.Body!.transformToByteArray()).toString()).toBe('fghij');
      if (client !== sb.s3) client.destroy();
    });
  }

  it('If-Match: the object\'s ETag (or *) reads it; another ETag is 412 PreconditionFailed, for GET, a ranged GET and HEAD', async () => {
    const box = sb.sandbox;
    const put = await sb.s3.send(new PutObjectCommand({ Bucket: box.bucket, Key: 'cond/etag.txt', Body: body }));
    const Bucket = box.bucket;
    const Key = 'cond/etag.txt';
    expect(Buffer.from(await (await sb.s3.send(new GetObjectCommand({ Bucket, Key, IfMatch: put.ETag }))).Body!.transformToByteArray()).toString()).toBe(body.toString());
    expect((await sb.s3.send(new GetObjectCommand({ Bucket, Key, IfMatch: '*', Range: 'bytes=2-3' }))).ContentRange).toBe('bytes 2-3/20');
    const other = '"0123456789abcdef0123456789abcdef"';
    await expect(sb.s3.send(new GetObjectCommand({ Bucket, Key, IfMatch: other }))).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await expect(sb.s3.send(new GetObjectCommand({ Bucket, Key, IfMatch: other, Range: 'bytes=0-4' }))).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await expect(sb.s3.send(new HeadObjectCommand({ Bucket, Key, IfMatch: other }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    // the object replaced: the old ETag no longer holds
    await sb.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'changed' }));
    await expect(sb.s3.send(new GetObjectCommand({ Bucket, Key, IfMatch: put.ETag, Range: 'bytes=0-1' }))).rejects.toMatchObject({ name: 'PreconditionFailed' });
    // no such object: still NoSuchKey
    await expect(sb.s3.send(new GetObjectCommand({ Bucket, Key: 'cond/none.txt', IfMatch: other }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});
