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
import type { Placement } from '../core/ports.js';
import { PLACEMENT } from './ranged-get.js';
import { graceful } from '../core/signals.js';
import { withCommas } from '../core/with-commas.js';

const MIN_PART = 5 * 1024 * 1024;
/** the signals that end a run; SIGINT (Ctrl-C) is the caller's, through UploadRequest.signal */
const TERMINATING: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
/** bucket/key of the objects this process uploaded: only those may be replaced without asking */
const OWN_KEYS = new Set<string>();

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

  list(bucket: string, prefix: string, opts: { max?: number } = {}): Promise<S3ObjectInfo[]> {
    return call(this.ctx(`list s3://${bucket}/${prefix}`), async () => {
      const out: S3ObjectInfo[] = [];
      for await (const page of paginateListObjectsV2({ client: this.client, pageSize: 1000 }, { Bucket: bucket, Prefix: prefix })) {
        for (const o of page.Contents ?? []) {
          if (o.Key) out.push({ bucket, key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified, etag: o.ETag });
        }
        if (opts.max !== undefined && out.length >= opts.max) break;
      }
      return out;
    });
  }

  read(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>> {
    const ctx = this.ctx(`read s3://${bucket}/${key}`);
    return call(ctx, async () => {
      const r = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return bodyOf(r.Body, `s3://${bucket}/${key}`, ctx);
    });
  }

  readRange(bucket: string, key: string, start: number, end: number, opts: { etag?: string; signal?: AbortSignal; into?: Placement } = {}): Promise<AsyncIterable<Uint8Array>> {
    const ctx = this.ctx(`read s3://${bucket}/${key}`);
    return call(ctx, async () => {
      // the handler options reach the request handler: ranged-get.ts reads the body into `into`
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}`, ...(opts.etag ? { IfMatch: opts.etag } : {}) }),
        { ...(opts.signal ? { abortSignal: opts.signal } : {}), ...(opts.into ? { [PLACEMENT]: opts.into } : {}) },
      );
      return bodyOf(r.Body, `s3://${bucket}/${key}`, ctx);
    });
  }

  readStart(bucket: string, key: string, bytes: number, signal?: AbortSignal): Promise<{ bytes: Uint8Array; size: number; etag?: string }> {
    const ctx = this.ctx(`read s3://${bucket}/${key}`);
    return call(ctx, async () => {
      const r = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${bytes - 1}` }), signal ? { abortSignal: signal } : {});
      // the object's size is after the slash of Content-Range (a server that ignored the Range sent none)
      const size = /^bytes \d+-\d+\/(\d+)$/.exec(r.ContentRange ?? '')?.[1];
      const chunks: Buffer[] = [];
      let got = 0;
      // no more than the object holds: the sandbox's s3rver answers an empty object's range with
      // Content-Length 1 and no byte, and a read waited for it until the socket's keep-alive ended (5 s)
      const want = size === undefined ? 0 : Math.min(bytes, Number(size));
      if (want > 0) {
        // (a copy: the ranged-get handler's chunks are views of memory it reuses)
        for await (const c of bodyOf(r.Body, `s3://${bucket}/${key}`, ctx)) {
          chunks.push(Buffer.from(c.subarray(0, want - got)));
          got += Math.min(c.length, want - got);
          if (got >= want) break;
        }
      } else (r.Body as { destroy?: () => void } | undefined)?.destroy?.();
      if (size === undefined) throw new AppError('internal', `s3://${bucket}/${key}: a ranged GET came back without Content-Range.`);
      return { bytes: Buffer.concat(chunks, got), size: Number(size), etag: r.ETag };
    });
  }

  upload(req: UploadRequest): Promise<{ bucket: string; key: string; bytes: number; location: string; etag?: string }> {
    const ctx = this.ctx(`upload ${req.file} to s3://${req.bucket}/${req.key}`);
    return call(ctx, async () => {
      const bytes = statSync(req.file).size;
      if (req.signal?.aborted) throw new AppError('interrupted', 'Upload cancelled before it started.');
      // SIGTERM / SIGHUP (a closed terminal, `kill`, a CI timeout) end the upload as Ctrl-C does:
      // the multipart upload is aborted and no parts are left; the caller then exits 130. Listened
      // to from the first moment (before the existence check), so no signal finds Node's default.
      let bySignal: NodeJS.Signals | undefined;
      let current: Upload | undefined;
      const onSignal = graceful((sig: NodeJS.Signals) => {
        bySignal ??= sig;
        void current?.abort();
      });
      for (const sig of TERMINATING) process.on(sig, onSignal);
      try {
        return await this.uploadListening(req, bytes, () => bySignal, (u) => (current = u));
      } finally {
        for (const sig of TERMINATING) process.removeListener(sig, onSignal);
      }
    });
  }

  private async uploadListening(req: UploadRequest, bytes: number, signalled: () => NodeJS.Signals | undefined, setCurrent: (u: Upload) => void): Promise<{ bucket: string; key: string; bytes: number; location: string; etag?: string }> {
    const ctx = this.ctx(`upload ${req.file} to s3://${req.bucket}/${req.key}`);
    const where = `s3://${req.bucket}/${req.key}`;
    const own = `${req.bucket}/${req.key}`;
    // never replace an object this process did not put there (keys are unique per run: an
    // existing one is someone else's file, or an earlier job's data)
    if (!OWN_KEYS.has(own) && !req.overwrite) {
      const existing = await this.head(req.bucket, req.key);
      if (existing) {
        throw new AppError('conflict', `${where} already exists (${withCommas(existing.size)} bytes${existing.lastModified ? `, written ${existing.lastModified.toISOString()}` : ''}); not replacing it.`, {
          hint: 'An earlier import job may read it. Pick another --prefix, or remove the object first if it is yours to replace.',
        });
      }
    }
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
    const early = signalled();
    if (early) throw new AppError('interrupted', `Stopped by ${early} before the upload of ${req.file} started; nothing was written to S3.`);
    setCurrent(upload);
    let etag: string | undefined;
    try {
      const out = await upload.done();
      etag = (out as { ETag?: string }).ETag;
    } catch (e) {
      const bySignal = signalled();
      const stopped = Boolean(bySignal) || Boolean(req.signal?.aborted) || errName(e) === 'AbortError';
      // lib-storage's done() rejects at once on abort while its own clean-up runs on in the
      // background; make sure no multipart upload (and no parts) outlive this call. After a
      // dropped connection S3 may be unreachable for a while: keep trying for longer.
      const left = await this.cleanUp(upload, req.bucket, req.key, stopped ? 5_000 : 20_000);
      const leftText = left.uploadId && !left.removed
        ? `The partial upload could not be removed (S3 did not answer): remove it with aws s3api abort-multipart-upload --bucket ${req.bucket} --key '${req.key}' --upload-id ${left.uploadId}`
        : undefined;
      if (bySignal) {
        throw new AppError('interrupted', `Stopped by ${bySignal}: the upload of ${req.file} to ${where} was aborted${leftText ? '.' : '; no parts are left in S3.'}`, { hint: leftText ?? 'Nothing was created in Personalize.', cause: e });
      }
      if (stopped) throw new AppError('interrupted', `Upload of ${req.file} cancelled; ${leftText ? 'the partial upload may remain.' : `nothing was left in ${where}.`}`, { ...(leftText ? { hint: leftText } : {}), cause: e });
      const base = toAppError(e, ctx);
      throw new AppError(base.kind, `${base.message.replace(/\.?$/, '.')} The upload did not complete${left.uploadId ? (leftText ? '' : '; the partial upload was removed from S3') : ''}.`, {
        hint: leftText ?? base.hint ?? 'Run the import again once S3 can be reached.', action: base.action, awsName: base.awsName, cause: e,
      });
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
    OWN_KEYS.add(own);
    return { bucket: req.bucket, key: req.key, bytes, location: where, ...(etag ? { etag } : {}) };
  }

  /**
   * Aborts the multipart upload (if one was started) until S3 no longer lists it, for up to
   * `withinMs`. `removed` false: S3 could not be reached to confirm (the id says which to remove).
   */
  private async cleanUp(upload: Upload, bucket: string, key: string, withinMs: number): Promise<{ uploadId?: string; removed: boolean }> {
    // The multipart upload may still be being created when the abort lands: wait for its id.
    const pending = (upload as unknown as { createMultiPartPromise?: Promise<{ UploadId?: string }> }).createMultiPartPromise;
    let uploadId: string | undefined;
    if (pending) uploadId = await pending.then((r) => r.UploadId, () => undefined);
    if (!uploadId) return { removed: true };
    const until = Date.now() + withinMs;
    let wait = 200;
    // Parts in flight can land after an abort; abort until S3 no longer lists the upload.
    for (;;) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      const left = await this.listMultipartUploadsRaw(bucket, key).catch(() => undefined);
      if (left && !left.some((u) => u.uploadId === uploadId)) return { uploadId, removed: true };
      if (Date.now() + wait > until) return { uploadId, removed: false };
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(2_000, wait * 2);
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

/** A GET's body as bytes; a connection dropped mid-object surfaces while reading, mapped like any call's error. */
function bodyOf(raw: unknown, where: string, ctx: ErrorContext): AsyncIterable<Uint8Array> {
  const body = raw as AsyncIterable<Uint8Array> | undefined;
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
    throw new AppError('internal', `${where} came back without a readable body.`);
  }
  return (async function* () {
    try {
      yield* body;
    } catch (e) {
      throw toAppError(e, ctx);
    }
  })();
}
