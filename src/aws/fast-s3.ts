// `validate s3://bucket/key`'s ranged GETs before (and mostly without) the SDK (issue 17). Loading
// and setting up @aws-sdk/client-s3 cost ~80 ms of CPU on the thread that asks for the object's
// first bytes and then hands the parts to the workers: the largest piece of what an S3 object
// waited for that a local file does not. When the credentials are static keys (environment, as the
// SDK's default chain would take them first), the region is known and the endpoint is standard S3
// or an overridden one (path-style, as s3-client.ts sets it), a GET with a Range header is signed
// here (sigv4.ts) and sent through the same handler the SDK client uses for it (ranged-get.ts).
// Anything else goes to the SDK storage, loaded on first need: every other operation, and any GET
// that did not come back 206 with its range (no such object, access denied, a bucket in another
// region, a changed object, a connection that failed before the answer…) is asked again through
// the SDK — so every message, retry and redirect is the SDK path's, as before.
import type { HttpRequest } from '@aws-sdk/types';
import { AppError } from '../core/errors.js';
import type { Placement, StorageApi, UploadRequest } from '../core/ports.js';
import type { S3ObjectInfo } from '../core/resources.js';
import { logAttempt, type DebugSink } from './debug.js';
import { toAppError, type ErrorContext } from './errors.js';
import { PLACEMENT, RangedGetHandler } from './ranged-get.js';
import type { ClientSettings } from './settings.js';
import { escapeUri, signRequest, type SigningCredentials } from './sigv4.js';

type Env = Record<string, string | undefined>;

/** where the ranged GETs go, or why they go through the SDK */
export interface FastTarget {
  region: string;
  credentials: SigningCredentials;
  /** an overridden endpoint (path-style), else https://<bucket>.s3.<region>.<suffix> */
  endpoint?: URL;
  /** as configured (named in messages, as the SDK path names it) */
  endpointText?: string;
}

const AWS_REGION = /^(?:[a-z]{2}|us-gov)-[a-z]+-\d+$/;
const VIRTUAL_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const PATH_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const on = (v: string | undefined) => (v ?? '').trim().toLowerCase() === 'true';

/**
 * The target when this bucket's ranged GETs may skip the SDK: static credentials, a region, no
 * FIPS / dual-stack / accelerate endpoint asked for, and a bucket name the plain addressing serves
 * (no dots on AWS's own endpoints). undefined: everything goes through the SDK.
 */
export function fastTarget(settings: ClientSettings, env: Env, bucket: string): FastTarget | undefined {
  const { region, credentials, s3Endpoint } = settings;
  if (!region || !credentials?.accessKeyId || !credentials.secretAccessKey || settings.profile) return undefined;
  if (on(env.AWS_USE_FIPS_ENDPOINT) || on(env.AWS_USE_DUALSTACK_ENDPOINT) || on(env.AWS_S3_USE_ARN_REGION)) return undefined;
  const creds = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}) };
  if (s3Endpoint) {
    let u: URL;
    try {
      u = new URL(s3Endpoint);
    } catch {
      return undefined;
    }
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || (u.pathname !== '/' && u.pathname !== '') || u.search || u.username) return undefined;
    return PATH_BUCKET.test(bucket) ? { region, credentials: creds, endpoint: u, endpointText: s3Endpoint } : undefined;
  }
  if (!AWS_REGION.test(region) || !VIRTUAL_BUCKET.test(bucket)) return undefined;
  return { region, credentials: creds };
}

/** the request for bytes [start, end) of the object (signed) */
export function rangedRequest(t: FastTarget, bucket: string, key: string, start: number, end: number, etag?: string, now?: Date): HttpRequest {
  const keyPath = key.split('/').map(escapeUri).join('/');
  const u = t.endpoint;
  const protocol = u ? u.protocol : 'https:';
  const hostname = u ? u.hostname : `${bucket}.s3.${t.region}.amazonaws.com${t.region.startsWith('cn-') ? '.cn' : ''}`;
  const port = u?.port ? Number(u.port) : undefined;
  const path = u ? `/${bucket}/${keyPath}` : `/${keyPath}`;
  const base: Record<string, string> = { host: port ? `${hostname}:${port}` : hostname, range: `bytes=${start}-${end - 1}` };
  if (etag) base['if-match'] = etag;
  const headers = signRequest({ method: 'GET', path, headers: base }, t.credentials, t.region, 's3', now);
  return { method: 'GET', protocol, hostname, ...(port ? { port } : {}), path, query: {}, headers } as HttpRequest;
}

/** the SDK's handler, never reached: this storage's handler only sends ranged GETs */
const noInner = {
  handle(): never {
    throw new Error('fast-s3: only ranged GETs go through this handler');
  },
};

/**
 * A StorageApi whose readStart / readRange send their ranged GETs themselves while they come back
 * 206; everything else (and those, once one does not) goes to the SDK storage `sdk()` returns.
 */
export class FastRangeStorage implements StorageApi {
  private readonly handler = new RangedGetHandler(noInner);
  /** GETs that went through the SDK instead (tests); after the first, all of them do */
  fallbacks = 0;

  /** `debug`: --debug's lines for each GET sent here, as the SDK client's middleware writes them */
  constructor(private readonly target: FastTarget, private readonly sdk: () => Promise<StorageApi>, private readonly debug?: { sink: DebugSink; secrets: () => string[] }) {}

  /** the ranged GET sent here; undefined when it must be asked through the SDK (from then on, every one) */
  private async get(bucket: string, key: string, start: number, end: number, opts: { etag?: string; signal?: AbortSignal; into?: Placement }) {
    if (this.fallbacks > 0) return undefined;
    let response;
    const request = rangedRequest(this.target, bucket, key, start, end, opts.etag);
    const logged = this.debug && logAttempt('s3', 'GetObject', request, this.debug.sink, this.debug.secrets);
    try {
      ({ response } = await this.handler.handle(request, { ...(opts.signal ? { abortSignal: opts.signal } : {}), ...(opts.into ? { [PLACEMENT]: opts.into } : {}) }));
      if (logged) logged(response);
    } catch (e) {
      if (logged) logged(undefined, e ?? new Error('failed'));
      if (opts.signal?.aborted) throw e;
      return undefined;
    }
    const range = response.headers['content-range'] ?? '';
    if (response.statusCode === 206 && /^bytes \d+-\d+\/\d+$/.test(range)) return response;
    (response.body as { destroy?: () => void } | undefined)?.destroy?.();
    return undefined;
  }

  async readStart(bucket: string, key: string, bytes: number, signal?: AbortSignal): Promise<{ bytes: Uint8Array; size: number; etag?: string }> {
    const r = await this.get(bucket, key, 0, bytes, { signal });
    if (!r) return this.viaSdk(() => this.sdk().then((s) => s.readStart!(bucket, key, bytes, signal)));
    const size = Number(/\/(\d+)$/.exec(r.headers['content-range'])![1]);
    const want = Math.min(bytes, size);
    const chunks: Buffer[] = [];
    let got = 0;
    // (a copy: the handler's chunks are views of memory it reuses)
    for await (const c of this.body(r.body, bucket, key)) {
      chunks.push(Buffer.from(c.subarray(0, want - got)));
      got += Math.min(c.length, want - got);
      if (got >= want) break;
    }
    return { bytes: Buffer.concat(chunks, got), size, etag: r.headers.etag };
  }

  async readRange(bucket: string, key: string, start: number, end: number, opts: { etag?: string; signal?: AbortSignal; into?: Placement } = {}): Promise<AsyncIterable<Uint8Array>> {
    const r = await this.get(bucket, key, start, end, opts);
    if (!r) return this.viaSdk(() => this.sdk().then((s) => s.readRange!(bucket, key, start, end, opts)));
    return this.body(r.body, bucket, key);
  }

  private viaSdk<T>(f: () => Promise<T>): Promise<T> {
    this.fallbacks++;
    return f();
  }

  /** the body; a connection that breaks in it is an error named as the SDK path names it */
  private body(raw: unknown, bucket: string, key: string): AsyncIterable<Uint8Array> {
    const ctx: ErrorContext = { what: `read s3://${bucket}/${key}`, service: 'S3', region: this.target.region, ...(this.target.endpointText ? { endpoint: this.target.endpointText } : {}) };
    const body = raw as AsyncIterable<Uint8Array> | undefined;
    if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') throw new AppError('internal', `s3://${bucket}/${key} came back without a readable body.`);
    return (async function* () {
      try {
        yield* body;
      } catch (e) {
        throw toAppError(e, ctx);
      }
    })();
  }

  async listBuckets(): Promise<string[]> {
    return (await this.sdk()).listBuckets();
  }
  async head(bucket: string, key: string): Promise<S3ObjectInfo | undefined> {
    return (await this.sdk()).head(bucket, key);
  }
  async list(bucket: string, prefix: string, opts?: { max?: number }): Promise<S3ObjectInfo[]> {
    return (await this.sdk()).list(bucket, prefix, opts);
  }
  async read(bucket: string, key: string): Promise<AsyncIterable<Uint8Array>> {
    return (await this.sdk()).read(bucket, key);
  }
  async upload(req: UploadRequest): Promise<{ bucket: string; key: string; bytes: number; location: string; etag?: string }> {
    return (await this.sdk()).upload(req);
  }
  async bucketRegion(bucket: string): Promise<string> {
    return (await this.sdk()).bucketRegion(bucket);
  }
  async bucketPolicy(bucket: string): Promise<string | undefined> {
    return (await this.sdk()).bucketPolicy(bucket);
  }
  async listMultipartUploads(bucket: string): Promise<{ key: string; uploadId: string }[]> {
    return (await this.sdk()).listMultipartUploads(bucket);
  }

  /** closes this storage's own connections */
  close(): void {
    this.handler.destroy();
  }
}
