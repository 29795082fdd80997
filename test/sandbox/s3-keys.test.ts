// Keys are opaque strings in S3: "../../x", "a/./b" and "a//b" are keys like any other. The
// sandbox stores them inside its storage folder (nothing is written above it, nothing stays after
// close), reads them back byte for byte, lists them under their own names, and deletes them.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { decodeKeyPath, encodeKeyPath } from '../../src/sandbox/s3-keys.js';

describe('sandbox S3: keys with "." and ".." segments stay inside the storage folder', () => {
  // <outer>/<data>/s3/<bucket>/…: anything escaping two levels lands in <outer>
  let outer: string;
  let sb: Sandbox;
  let s3: S3Client;
  beforeAll(async () => {
    outer = mkdtempSync(path.join(tmpdir(), 'pi-s3-keys-'));
    sb = await startSandbox({ jobSeconds: 0, dataDir: path.join(outer, 'data') });
    s3 = new S3Client({ region: sb.region, endpoint: sb.s3Endpoint, forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  });
  afterAll(async () => {
    s3.destroy();
    await sb.close();
    rmSync(outer, { recursive: true, force: true });
  });

  const keys = ['../../escape.txt', '../x', 'a/../../../../up.txt', 'a/./b.txt', 'a//b.txt', 'a/b.txt', 'a&26b.txt', '..'];

  it('writes each key inside the folder, reads it back, lists it by its own name', async () => {
    for (const k of keys) await s3.send(new PutObjectCommand({ Bucket: sb.bucket, Key: k, Body: `body of ${k}` }));
    // nothing next to the data folder, nothing next to the bucket folders
    expect(readdirSync(outer)).toEqual(['data']);
    expect(readdirSync(path.join(outer, 'data', 's3')).filter((f) => !f.startsWith('.')).sort()).toEqual([sb.noGrantBucket, sb.bucket, sb.kmsBucket].sort());
    for (const k of keys) {
      const r = await s3.send(new GetObjectCommand({ Bucket: sb.bucket, Key: k }));
      expect(await r.Body!.transformToString(), k).toBe(`body of ${k}`);
    }
    const listed = (await s3.send(new ListObjectsV2Command({ Bucket: sb.bucket }))).Contents?.map((o) => o.Key).sort();
    expect(listed).toEqual([...keys].sort());
  });

  it('deletes them without touching folders above the bucket', async () => {
    for (const k of keys) await s3.send(new DeleteObjectCommand({ Bucket: sb.bucket, Key: k }));
    expect((await s3.send(new ListObjectsV2Command({ Bucket: sb.bucket }))).Contents ?? []).toEqual([]);
    expect(readdirSync(outer)).toEqual(['data']);
    expect(readdirSync(path.join(outer, 'data', 's3'))).toContain(sb.bucket);
  });

  it('a bucket named ".." is not a bucket (raw HTTP: fetch would resolve the dots itself)', async () => {
    const { request } = await import('node:http');
    const put = (p: string) => new Promise<number>((resolve, reject) => {
      const port = Number(new URL(sb.s3Endpoint).port);
      const req = request({ host: '127.0.0.1', port, path: p, method: 'PUT', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/s3/aws4_request', 'content-length': 1 } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end('x');
    });
    expect(await put('/../x')).toBe(404);
    expect(await put('/%2E%2E/x')).toBe(404);
    expect(readdirSync(outer)).toEqual(['data']);
  });

  it('the escaping is reversible and leaves ordinary keys as they were', () => {
    for (const k of [...keys, 'plain/key.csv', 'folder/', '']) expect(decodeKeyPath(encodeKeyPath(k))).toBe(k);
    expect(encodeKeyPath('imports/2026/events.csv')).toBe('imports/2026/events.csv');
    expect(encodeKeyPath('../x').split('/')).not.toContain('..');
  });
});
