// UploadPart against an aborted upload, through the real @aws-sdk/client-s3: S3 answers
// NoSuchUpload and keeps nothing. s3rver alone re-created the aborted upload's folder, and a part
// racing the abort crashed the sandbox with an uncaught ENOENT (CI, 2026-12-06).
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, ListMultipartUploadsCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';

const MiB = 1024 * 1024;

describe('sandbox S3: parts of an aborted upload', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pi-s3-parts-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const sb = withSandbox({ jobSeconds: 0, dataDir });
  // where s3rver keeps an upload's parts (src/sandbox/s3.ts)
  const uploadsDir = () => path.join(dataDir, 's3', sb.sandbox.bucket, '._S3rver_uploads');

  it('a part sent after the abort is NoSuchUpload, and the upload does not come back', async () => {
    const Bucket = sb.sandbox.bucket;
    const Key = 'late/part.csv';
    const { UploadId } = await sb.s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    await sb.s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    await expect(sb.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: Buffer.alloc(MiB, 0x61) }))).rejects.toMatchObject({
      name: 'NoSuchUpload',
      $metadata: { httpStatusCode: 404 },
    });
    expect((await sb.s3.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? []).toEqual([]);
    expect(existsSync(path.join(uploadsDir(), UploadId!))).toBe(false);
  });

  it('an abort landing while a part is still arriving: the part is NoSuchUpload, nothing is kept, the sandbox keeps serving', async () => {
    const Bucket = sb.sandbox.bucket;
    const Key = 'racing/part.csv';
    const { UploadId } = await sb.s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstSent!: () => void;
    const started = new Promise<void>((r) => (firstSent = r));
    async function* body() {
      yield Buffer.alloc(MiB, 0x62);
      firstSent();
      await held;
      yield Buffer.alloc(MiB, 0x63);
    }
    const part = sb.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, ContentLength: 2 * MiB, Body: Readable.from(body()) }));
    const outcome = part.then(() => 'stored', (e: { name?: string }) => e.name ?? 'failed');
    await started;
    // the first MiB is on its way into the part's file when the upload is aborted
    await sb.s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    release();
    expect(await outcome).toBe('NoSuchUpload');
    expect(existsSync(path.join(uploadsDir(), UploadId!))).toBe(false);
    expect((await sb.s3.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? []).toEqual([]);
    // still serving
    await sb.s3.send(new PutObjectCommand({ Bucket, Key: 'after/abort.csv', Body: 'a,b\n' }));
    expect(readdirSync(uploadsDir())).toEqual([]);
  });
});

describe('PutObject in the sandbox S3: answered once the file holds the bytes', () => {
  // s3rver's store resolved putObject as its md5 pass saw the last byte (a Buffer: at once), not once
  // the file held it — a HeadObject right after the answer read "0 bytes" (CI, Node 24). The store
  // itself (s3rver's FilesystemStore with the sandbox's patch), so the check is not a timing race.
  it('a Buffer and a stream of 8 MiB: the object file has every byte when putObject resolves', async () => {
    const { default: FilesystemStore } = await import('s3rver/lib/stores/filesystem.js');
    const { patchObjectWrites } = await import('../../src/sandbox/s3-parts.js');
    const root = mkdtempSync(path.join(tmpdir(), 'pi-s3-put-'));
    try {
      const store = new (FilesystemStore as unknown as new (root: string) => object)(root) as unknown as { putObject(o: object): Promise<{ size: number }>; getResourcePath(b: string, k: string, r: string): string };
      patchObjectWrites(store as never);
      const bytes = Buffer.alloc(8 << 20, 7);
      for (const [key, content] of [['buffer.csv', bytes], ['stream.csv', Readable.from([bytes.subarray(0, 4 << 20), bytes.subarray(4 << 20)])]] as const) {
        const r = await store.putObject({ bucket: 'b', key, content, metadata: { 'content-type': 'text/csv' } });
        expect(r.size).toBe(bytes.length);
        expect(statSync(store.getResourcePath('b', key, 'object')).size, key).toBe(bytes.length);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
