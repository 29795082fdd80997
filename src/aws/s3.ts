// StorageApi over the real S3 client (AWS or the sandbox's s3rver).
import { createReadStream, statSync } from 'node:fs';
import {
  type S3Client,
  AbortMultipartUploadCommand, GetBucketLocationCommand, GetBucketPolicyCommand, GetObjectCommand,
  HeadObjectCommand, ListBucketsCommand, ListMultipartUploadsCommand, paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { StorageApi, UploadRequest } from '../core/ports.js';
import type { S3ObjectInfo } from '../core/resources.js';
import { AppError } from '../core/errors.js';
import { call, toAppError, type ErrorContext } from './errors.js';
import type { AwsPlace } from './personalize.js';

const MIN_PART = 5 * 1024 * 1024;

function status(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
function errName(e: unknown): string | undefined {
  return (e as { name?: string })?.name;
}

/** GetBucketLocation's LocationConstraint → region: null/"" is us-east-1, "EU" is eu-west-1. */
export function regionFromLocation(loc: string | null | undefined): string {
  if (!loc) return 'us-east-1';
  if (loc === 'EU') return 'eu-west-1';
  return loc;
}

export class SdkStorage implements StorageApi {
  constructor(readonly client: S3Client, private readonly place: AwsPlace = {}) {}

  private ctx(what: string): ErrorContext {
    return { what, service: 'S3', ...this.place };
  }

  listBuckets(): Promise<string[]> {
    return call(this.ctx('list your S3 buckets'), async () => {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const r = await this.client.send(new ListBucketsCommand({ ...(token ? { ContinuationToken: token } : {}) }));
        for (const b of r.Buckets ?? []) if (b.Name) out.push(b.Name);
        token = r.ContinuationToken;
      } while (token);
      return out.sort();
    });
  }

  head(bucket: string, key: string): Promise<S3ObjectInfo | undefined> {
    return call(this.ctx(`read s3://${bucket}/${key}`), async () => {
      try {
        const r = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { bucket, key, size: r.ContentLength ?? 0, lastModified: r.LastModified, etag: r.ETag };
      } catch (e) {
        if (errName(e) === 'NotFound' || errName(e) === 'NoSuchKey' || (status(e) === 404 && errName(e) !== 'NoSuchBucket')) return undefined;
        throw e;
      }
    });
  }

  list(bucket: string, prefix: string): Promise<S3ObjectInfo[]> {
    return call(this.ctx(`list s3://${bucket}/${prefix}`), async () => {
      const out: S3ObjectInfo[] = [];
      for await (const page of paginateListObjectsV2({ client: this.client, pageSize: 1000 }, { Bucket: bucket, Prefix: prefix })) {
        for (const o of page.Contents ?? []) {
          if (o.Key) out.push({ bucket, key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified, etag: o.ETag });
        }
      }
      return out;
    });
  }

  read(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>> {
    const ctx = this.ctx(`read s3://${bucket}/${key}`);
    return call(ctx, async () => {
      const r = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = r.Body as unknown as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
        throw new AppError('internal', `s3://${bucket}/${key} came back without a readable body.`);
      }
      // A connection dropped mid-object surfaces while reading: map that too.
      return (async function* () {
        try {
          yield* body;
        } catch (e) {
          throw toAppError(e, ctx);
        }
      })();
    });
  }

  readRange(bucket: string, key: string, start: number, end: number, opts: { etag?: string; signal?: AbortSignal } = {}): Promise<AsyncIterable<Uint8Array>> {
    const ctx = this.ctx(`read s3://${bucket}/${key}`);
    return call(ctx, async () => {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}`, ...(opts.etag ? { IfMatch: opts.etag } : {}) }),
        opts.signal ? { abortSignal: opts.signal } : {},
      );
      const body = r.Body as unknown as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
        throw new AppError('internal', `s3://${bucket}/${key} came back without a readable body.`);
      }
      return (async function* () {
        try {
          yield* body;
        } catch (e) {
          throw toAppError(e, ctx);
        }
      })();
    });
  }

  upload(req: UploadRequest): Promise<{ bucket: string; key: string; bytes: number; location: string }> {
    return call(this.ctx(`upload ${req.file} to s3://${req.bucket}/${req.key}`), async () => {
      const bytes = statSync(req.file).size;
      if (req.signal?.aborted) throw new AppError('interrupted', 'Upload cancelled before it started.');
      const upload = new Upload({
        client: this.client,
        params: { Bucket: req.bucket, Key: req.key, Body: createReadStream(req.file), ContentLength: bytes, ContentType: 'text/csv' },
        partSize: Math.max(MIN_PART, req.partSizeBytes ?? MIN_PART),
        queueSize: 4,
        leavePartsOnError: false,
      });
      upload.on('httpUploadProgress', (p) => req.onProgress?.({ loaded: p.loaded ?? 0, total: p.total ?? bytes, part: p.part }));
      const onAbort = () => void upload.abort();
      req.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await upload.done();
      } catch (e) {
        // lib-storage's done() rejects at once on abort while its own clean-up runs on in the
        // background; make sure no multipart upload (and no parts) outlive this call.
        await this.cleanUp(upload, req.bucket, req.key);
        if (req.signal?.aborted || errName(e) === 'AbortError') throw new AppError('interrupted', `Upload of ${req.file} cancelled; nothing was left in s3://${req.bucket}/${req.key}.`, { cause: e });
        throw e;
      } finally {
        req.signal?.removeEventListener('abort', onAbort);
      }
      return { bucket: req.bucket, key: req.key, bytes, location: `s3://${req.bucket}/${req.key}` };
    });
  }

  private async cleanUp(upload: Upload, bucket: string, key: string): Promise<void> {
    // The multipart upload may still be being created when the abort lands: wait for its id.
    const pending = (upload as unknown as { createMultiPartPromise?: Promise<{ UploadId?: string }> }).createMultiPartPromise;
    let uploadId: string | undefined;
    if (pending) uploadId = await pending.then((r) => r.UploadId, () => undefined);
    if (!uploadId) return;
    // Parts in flight can land after an abort; abort until S3 no longer lists the upload.
    for (let i = 0; i < 5; i++) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      const left = await this.listMultipartUploadsRaw(bucket, key).catch(() => []);
      if (!left.some((u) => u.uploadId === uploadId)) return;
    }
  }

  private async listMultipartUploadsRaw(bucket: string, prefix?: string): Promise<{ key: string; uploadId: string }[]> {
    const out: { key: string; uploadId: string }[] = [];
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    for (;;) {
      const r = await this.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker, UploadIdMarker }));
      for (const u of r.Uploads ?? []) if (u.Key && u.UploadId) out.push({ key: u.Key, uploadId: u.UploadId });
      if (!r.IsTruncated) return out;
      KeyMarker = r.NextKeyMarker;
      UploadIdMarker = r.NextUploadIdMarker;
      if (!KeyMarker && !UploadIdMarker) return out;
    }
  }

  listMultipartUploads(bucket: string): Promise<{ key: string; uploadId: string }[]> {
    return call(this.ctx(`list multipart uploads in ${bucket}`), () => this.listMultipartUploadsRaw(bucket));
  }

  bucketRegion(bucket: string): Promise<string> {
    return call(this.ctx(`find the region of bucket ${bucket}`), async () => {
      const r = await this.client.send(new GetBucketLocationCommand({ Bucket: bucket }));
      return regionFromLocation(r.LocationConstraint as string | undefined);
    });
  }

  bucketPolicy(bucket: string): Promise<string | undefined> {
    return call(this.ctx(`read the policy of bucket ${bucket}`), async () => {
      try {
        const r = await this.client.send(new GetBucketPolicyCommand({ Bucket: bucket }));
        return r.Policy ?? undefined;
      } catch (e) {
        if (errName(e) === 'NoSuchBucketPolicy') return undefined;
        throw e;
      }
    });
  }
}
