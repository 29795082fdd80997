// The sandbox's S3: s3rver (a real S3-compatible server from npm) behind a small front of ours on
// the same port. The front answers what s3rver lacks or answers differently from S3 for our use:
//   PUT /bucket                    CreateBucket (LocationConstraint = the sandbox's region;
//                                  BucketAlreadyOwnedByYou outside us-east-1, as S3 answers)
//   GET|PUT|DELETE ?policy         bucket policies, kept per bucket (MalformedPolicy, 20 KB limit)
//   GET|PUT ?encryption            default encryption per bucket (SSE-S3 unless set otherwise)
//   GET|PUT|DELETE ?publicAccessBlock
//   GET ?location                  GetBucketLocation = the sandbox's region ("" = us-east-1, as S3 does)
//   GET ?uploads                   ListMultipartUploads (s3rver: NotImplemented)
//   DELETE ?uploadId=…             AbortMultipartUpload (s3rver: MethodNotAllowed)
// and it decodes `aws-chunked` request bodies (recent SDKs and the AWS CLI send them with trailing
// checksums), which s3rver would otherwise store verbatim, chunk signatures included.
// Keys are opaque strings: "." and ".." path segments are escaped before they reach the file
// system, so no key (s3://bucket/../../x) can land outside the storage folder.
// Any access key is accepted (s3rver only knows its own dummy key; we register the caller's).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
// A static import, so the bundle shares this module with s3rver's own require of it.
import accountMod from 's3rver/lib/models/account.js';
import { patchKeyEncoding, validBucketName } from './s3-keys.js';
import { patchObjectWrites, patchPartWrites } from './s3-parts.js';
import { patchObjectReads } from './s3-serve.js';
import { policyProblem } from './s3-policies.js';
import { decodeAwsChunked, readBody, requestId, s3Error, sendXml, xmlEscape, xmlValue, XMLNS } from './s3-xml.js';

export { BUCKET_POLICY_SIZE_LIMIT, grantPolicy, noGrantPolicy } from './s3-policies.js';

export interface S3BucketSpec {
  name: string;
  /** the policy JSON text; undefined = no policy (NoSuchBucketPolicy) */
  policy?: string;
  /** default encryption; default SSE-S3 (AES256) */
  encryption?: BucketEncryptionSpec;
}

export interface BucketEncryptionSpec {
  algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse';
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

/** What the front keeps per bucket besides its objects (persisted next to them). */
interface BucketConfig {
  policy?: string;
  encryption?: BucketEncryptionSpec;
  publicAccessBlock?: Record<string, boolean>;
}

/** S3's limit on a bucket policy's size. */
export interface SandboxS3 {
  server: Server;
  port: number;
  endpoint: string;
  directory: string;
  /** streams an object's bytes; undefined when it does not exist */
  readObject(bucket: string, key: string): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** keys directly under a prefix (not in sub-folders), zero-byte folder markers skipped */
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  bucketExists(bucket: string): Promise<boolean>;
  policyOf(bucket: string): string | undefined;
  encryptionOf(bucket: string): BucketEncryptionSpec | undefined;
  /** test knob: multipart part N is answered N × ms late (0 = at once) */
  setUploadPartDelay(ms: number): void;
  /** fault injection for ranged GETs (what a reader that retries ranges must survive) */
  rangeFaults: RangeFaults;
  close(): Promise<void>;
}

export interface RangeFaults {
  /** the next `count` GetObject calls with a Range header (of at least `minBytes`, default any)
   * have their connection dropped after `afterChunks` pieces of the body (default 1; 0 = before
   * any byte of the answer); a piece is 64 KiB, or half the body when that is less, so a dropped
   * answer never arrives whole */
  drop(count: number, afterChunks?: number, minBytes?: number): void;
  /** removes pending drops */
  clear(): void;
  /** drops still pending */
  pending(): number;
  /** every ranged GET received, oldest first: the object key, the range asked for, and whether it was dropped */
  readonly log: { key: string; range: string; dropped: boolean }[];
}

/** what the range-drop fault counts as one piece of a body (at most) */
const FAULT_PIECE = 64 * 1024;

export async function startS3(opts: { port: number; directory?: string; region: string; buckets: S3BucketSpec[]; uploadPartDelayMs?: number }): Promise<SandboxS3> {
  const ephemeral = !opts.directory;
  const directory = opts.directory ?? mkdtempSync(path.join(tmpdir(), 'personalize-sandbox-s3-'));
  await fsp.mkdir(directory, { recursive: true });
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    // s3rver checks V2 signatures only; V4 requests pass once the access key is known.
    allowMismatchedSignatures: true,
    configureBuckets: opts.buckets.map((b) => ({ name: b.name })),
  });
  // run() would listen itself; we only want its buckets configured and its request handler.
  await (s3 as unknown as { configureBuckets(): Promise<void> }).configureBuckets();
  patchKeyEncoding(s3.store);
  patchObjectReads(s3.store);
  patchPartWrites(s3.store);
  patchObjectWrites(s3.store);
  const handle = s3.callback();
  // Per-bucket settings: the seed's, then (with a data directory) what was saved since.
  const configFile = path.join(directory, '.sandbox-buckets.json');
  const configs = new Map<string, BucketConfig>(opts.buckets.map((b) => [b.name, { ...(b.policy ? { policy: b.policy } : {}), encryption: b.encryption ?? { algorithm: 'AES256' } }]));
  if (!ephemeral) {
    try {
      for (const [name, c] of Object.entries(JSON.parse(await fsp.readFile(configFile, 'utf8')) as Record<string, BucketConfig>)) configs.set(name, c);
    } catch {
      // first start, or an unreadable file: the seed's settings
    }
  }
  const config = (bucket: string): BucketConfig => {
    let c = configs.get(bucket);
    if (!c) configs.set(bucket, (c = { encryption: { algorithm: 'AES256' } }));
    return c;
  };
  const saveConfigs = async () => {
    if (!ephemeral) await fsp.writeFile(configFile, JSON.stringify(Object.fromEntries(configs), null, 2));
  };
  let partDelayMs = opts.uploadPartDelayMs ?? 0;
  const rangeDrops: { after: number; minBytes: number }[] = [];
  const rangeLog: RangeFaults['log'] = [];
  const uploadsDir = (bucket: string) => path.join(directory, bucket, '._S3rver_uploads');

  // Accept any access key: register the caller's key with s3rver's dummy account.
  const registerKey = (r: IncomingMessage) => {
    const auth = String(r.headers.authorization ?? '');
    const fromHeader = /Credential=([^/,\s]+)\//.exec(auth)?.[1] ?? /^AWS ([^:]+):/.exec(auth)?.[1];
    const url = new URL(r.url ?? '/', 'http://x');
    const fromQuery = url.searchParams.get('X-Amz-Credential')?.split('/')[0] ?? url.searchParams.get('AWSAccessKeyId') ?? undefined;
    const key = fromHeader ?? fromQuery;
    if (key && !accountMod.registry.has(key)) accountMod.DUMMY_ACCOUNT.createKeyPair(key, key);
  };

  async function front(r: IncomingMessage, res: ServerResponse): Promise<void> {
    // the raw path, not URL's: URL would resolve "/bucket/../x" to "/x", s3rver does not
    const raw = r.url ?? '/';
    const qi = raw.indexOf('?');
    const rawPath = qi < 0 ? raw : raw.slice(0, qi);
    const q = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
    const slash = rawPath.indexOf('/', 1);
    let bucket: string;
    let key: string;
    try {
      bucket = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
      key = slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1));
    } catch {
      return s3Error(res, 400, 'InvalidURI', "Couldn't parse the specified URI.");
    }
    registerKey(r);
    // S3 names every answer with a request id (s3rver sends none with an object's bytes); errors
    // written here set their own
    if (!res.hasHeader('x-amz-request-id')) res.setHeader('x-amz-request-id', requestId());
    // s3rver routes /:bucket/:key* by path segments: a key with "." / ".." / empty segments is
    // handed to it as one escaped segment, so its router sees the key whole (and unresolved)
    if (key && /(^|\/)\.{1,2}(\/|$)|\/\//.test(key)) r.url = `/${encodeURIComponent(bucket)}/${encodeURIComponent(key)}${qi < 0 ? '' : raw.slice(qi)}`;
    if (bucket && !validBucketName(bucket)) {
      if (r.method === 'PUT' && !key && !q.toString()) return s3Error(res, 400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
      return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    }
    if (bucket && !key && r.method === 'PUT' && !q.toString()) {
      // CreateBucket: the LocationConstraint must name the sandbox's region (none = us-east-1)
      const body = (await readBody(r)).toString('utf8');
      const want = xmlValue(body, 'LocationConstraint') || 'us-east-1';
      if (want !== opts.region) {
        return s3Error(res, 400, 'IllegalLocationConstraintException', want === 'us-east-1'
          ? 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.'
          : `The ${want} location constraint is incompatible for the region specific endpoint this request was sent to.`);
      }
      if (await s3.store.getBucket(bucket)) {
        // us-east-1 answers 200 to its owner re-creating a bucket; every other region says so
        if (opts.region !== 'us-east-1') return s3Error(res, 409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { BucketName: bucket });
      } else {
        await s3.store.putBucket(bucket);
        config(bucket);
        await saveConfigs();
      }
      res.writeHead(200, { location: `/${bucket}`, 'content-length': 0, 'x-amz-request-id': requestId() });
      res.end();
      return;
    }
    if (bucket && !key && (r.method === 'PUT' || r.method === 'DELETE') && (q.has('policy') || q.has('encryption') || q.has('publicAccessBlock'))) {
      if (!(await s3.store.getBucket(bucket))) return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      const c = config(bucket);
      const body = r.method === 'PUT' ? (await readBody(r)).toString('utf8') : '';
      if (q.has('policy')) {
        if (r.method === 'DELETE') delete c.policy;
        else {
          const problem = policyProblem(body, bucket);
          if (problem) return s3Error(res, 400, 'MalformedPolicy', problem);
          c.policy = body;
        }
      } else if (q.has('encryption')) {
        if (r.method === 'DELETE') c.encryption = { algorithm: 'AES256' };
        else {
          const alg = xmlValue(body, 'SSEAlgorithm');
          if (alg !== 'AES256' && alg !== 'aws:kms' && alg !== 'aws:kms:dsse') return s3Error(res, 400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
          const keyId = xmlValue(body, 'KMSMasterKeyID');
          if (keyId && alg === 'AES256') return s3Error(res, 400, 'InvalidArgument', 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse.');
          const bke = xmlValue(body, 'BucketKeyEnabled');
          c.encryption = { algorithm: alg, ...(keyId ? { kmsKeyId: keyId } : {}), ...(bke ? { bucketKeyEnabled: bke === 'true' } : {}) };
        }
      } else if (r.method === 'DELETE') delete c.publicAccessBlock;
      else {
        const flags = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];
        c.publicAccessBlock = Object.fromEntries(flags.map((f) => [f, xmlValue(body, f) === 'true']));
      }
      await saveConfigs();
      res.writeHead(r.method === 'DELETE' ? 204 : 200, { 'content-length': 0, 'x-amz-request-id': requestId() });
      res.end();
      return;
    }
    if (bucket && !key && r.method === 'GET' && q.has('publicAccessBlock')) {
      if (!(await s3.store.getBucket(bucket))) return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      const pab = configs.get(bucket)?.publicAccessBlock;
      if (!pab) return s3Error(res, 404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', { BucketName: bucket });
      return sendXml(res, 200, `<PublicAccessBlockConfiguration xmlns="${XMLNS}">${Object.entries(pab).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</PublicAccessBlockConfiguration>`);
    }
    if (bucket && !key && r.method === 'GET' && (q.has('policy') || q.has('location') || q.has('uploads') || q.has('encryption'))) {
      if (!(await s3.store.getBucket(bucket))) return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      if (q.has('policy')) {
        const p = configs.get(bucket)?.policy;
        if (!p) return s3Error(res, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist', { BucketName: bucket });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(p), 'x-amz-request-id': requestId() });
        res.end(p);
        return;
      }
      if (q.has('encryption')) {
        // S3's default since 2023: SSE-S3 (AES256), unless PutBucketEncryption set another
        const e = configs.get(bucket)?.encryption ?? { algorithm: 'AES256' };
        return sendXml(res, 200, `<ServerSideEncryptionConfiguration xmlns="${XMLNS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${e.algorithm}</SSEAlgorithm>${e.kmsKeyId ? `<KMSMasterKeyID>${xmlEscape(e.kmsKeyId)}</KMSMasterKeyID>` : ''}</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${e.bucketKeyEnabled ? 'true' : 'false'}</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`);
      }
      if (q.has('location')) {
        const loc = opts.region === 'us-east-1' ? '' : opts.region;
        return sendXml(res, 200, loc ? `<LocationConstraint xmlns="${XMLNS}">${loc}</LocationConstraint>` : `<LocationConstraint xmlns="${XMLNS}"/>`);
      }
      // ListMultipartUploads
      const prefix = q.get('prefix') ?? '';
      const uploads: { key: string; id: string; initiated: Date }[] = [];
      const dir = uploadsDir(bucket);
      const ids = await fsp.readdir(dir).catch(() => [] as string[]);
      for (const id of ids) {
        try {
          const k = await fsp.readFile(path.join(dir, id, 'key'), 'utf8');
          const st = await fsp.stat(path.join(dir, id, 'key'));
          if (k.startsWith(prefix)) uploads.push({ key: k, id, initiated: st.mtime });
        } catch {
          // a half-written upload directory: not listed
        }
      }
      uploads.sort((a, b) => (a.key === b.key ? a.initiated.getTime() - b.initiated.getTime() : a.key < b.key ? -1 : 1));
      const items = uploads
        .map((u) => `<Upload><Key>${xmlEscape(u.key)}</Key><UploadId>${u.id}</UploadId><Initiator><ID>sandbox</ID><DisplayName>sandbox</DisplayName></Initiator><Owner><ID>sandbox</ID><DisplayName>sandbox</DisplayName></Owner><StorageClass>STANDARD</StorageClass><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`)
        .join('');
      return sendXml(res, 200, `<ListMultipartUploadsResult xmlns="${XMLNS}"><Bucket>${xmlEscape(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker><Prefix>${xmlEscape(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${items}</ListMultipartUploadsResult>`);
    }
    if (bucket && key && r.method === 'DELETE' && q.has('uploadId')) {
      const id = q.get('uploadId') ?? '';
      const dir = path.join(uploadsDir(bucket), path.basename(id));
      const exists = id !== '' && (await fsp.stat(dir).then(() => true, () => false));
      if (!exists) return s3Error(res, 404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { UploadId: id });
      await fsp.rm(dir, { recursive: true, force: true });
      res.writeHead(204, { 'x-amz-request-id': requestId() });
      res.end();
      return;
    }
    if (bucket && key && (r.method === 'GET' || r.method === 'HEAD') && r.headers['if-match'] !== undefined && !q.has('uploadId')) {
      // If-Match, which s3rver ignores: an object whose ETag is not the one asked for is 412
      // PreconditionFailed (HEAD without a body), as S3 answers a reader whose object changed
      const meta = await (s3.store as unknown as { getMetadata(b: string, k: string): Promise<Record<string, string>> }).getMetadata(bucket, key).catch(() => undefined);
      const unquote = (e: string) => e.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
      const wanted = String(r.headers['if-match']).split(',').map(unquote);
      if (meta?.etag && !wanted.includes('*') && !wanted.includes(unquote(meta.etag))) {
        if (r.method === 'HEAD') {
          res.writeHead(412, { 'x-amz-request-id': requestId() });
          res.end();
          return;
        }
        return s3Error(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-Match' });
      }
    }
    if (bucket && key && r.method === 'GET' && r.headers.range) {
      const m = /^bytes=(\d+)-(\d*)$/.exec(String(r.headers.range));
      const asked = m ? (m[2] ? Number(m[2]) + 1 : Infinity) - Number(m[1]) : Infinity;
      const at = rangeDrops.findIndex((d) => asked >= d.minBytes);
      const after = at < 0 ? undefined : rangeDrops.splice(at, 1)[0].after;
      const dropped = after !== undefined;
      rangeLog.push({ key, range: String(r.headers.range), dropped });
      if (dropped) {
        // `after` pieces of the body go out, then the connection drops (a reset mid-object);
        // counted in pieces, not in the 1 MiB reads the object is served in (s3-serve.ts)
        let sent = 0;
        let cut = false;
        const piece = Math.max(1, Math.min(FAULT_PIECE, Math.floor((Number(res.getHeader('content-length')) || 2 * FAULT_PIECE) / 2)));
        const write = res.write.bind(res) as (...a: unknown[]) => boolean;
        (res as unknown as { write: (...a: unknown[]) => boolean }).write = (chunk: unknown, ...rest: unknown[]) => {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
          let ok = true;
          for (let i = 0; i < bytes.length || i === 0; i += piece) {
            if (sent >= after) {
              // on the next turn: what was written is still corked in this one
              if (!cut) setImmediate(() => res.destroy());
              cut = true;
              return false;
            }
            sent++;
            const last = i + piece >= bytes.length;
            ok = last ? write(bytes.subarray(i, i + piece), ...rest) : write(bytes.subarray(i, i + piece));
          }
          return ok;
        };
      }
    }
    const partNumber = Number(q.get('partNumber'));
    if (partDelayMs && r.method === 'PUT' && q.has('uploadId') && partNumber > 0) {
      // test knob: part N answers N × delay later (so an upload is reliably in flight when a test
      // interrupts it); a client that gives up meanwhile just goes away
      const closed = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), partNumber * partDelayMs);
        r.once('close', () => {
          clearTimeout(t);
          resolve(!r.complete || res.destroyed);
        });
      });
      if (closed || res.destroyed) return;
    }
    const encoding = String(r.headers['content-encoding'] ?? '');
    const sha = String(r.headers['x-amz-content-sha256'] ?? '');
    if (encoding.includes('aws-chunked') || sha.startsWith('STREAMING-')) {
      const body = await decodeAwsChunked(r);
      const headers = { ...r.headers };
      const rest = encoding.split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked');
      if (rest.length) headers['content-encoding'] = rest.join(',');
      else delete headers['content-encoding'];
      headers['content-length'] = String(body.length);
      delete headers['x-amz-decoded-content-length'];
      delete headers['transfer-encoding'];
      headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      const fake = Readable.from([body]) as Readable & Record<string, unknown>;
      Object.assign(fake, { headers, rawHeaders: r.rawHeaders, url: r.url, method: r.method, httpVersion: r.httpVersion, httpVersionMajor: r.httpVersionMajor, httpVersionMinor: r.httpVersionMinor, socket: r.socket, connection: r.socket, complete: true });
      handle(fake as unknown as IncomingMessage, res);
      return;
    }
    handle(r, res);
  }

  const server = createServer((r, res) => {
    front(r, res).catch((e: unknown) => {
      if (!res.headersSent) s3Error(res, 500, 'InternalError', e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, '127.0.0.1', () => resolve());
    });
  } catch (e) {
    (s3 as unknown as { logger?: { close(): void } }).logger?.close();
    if (ephemeral) rmSync(directory, { recursive: true, force: true });
    throw e;
  }
  const port = (server.address() as { port: number }).port;

  return {
    server,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    async readObject(bucket, key) {
      const obj = await s3.store.getObject(bucket, key).catch(() => null);
      if (!obj || !obj.content) return undefined;
      return obj.content as AsyncIterable<Uint8Array>;
    },
    async listKeys(bucket, prefix) {
      const out = await s3.store.listObjects(bucket, { prefix, delimiter: '/' });
      return out.objects.filter((o) => !(o.key.endsWith('/') && o.size === 0)).map((o) => o.key).sort();
    },
    async bucketExists(bucket) {
      return validBucketName(bucket) && Boolean(await s3.store.getBucket(bucket));
    },
    policyOf(bucket) {
      return configs.get(bucket)?.policy;
    },
    encryptionOf(bucket) {
      return configs.get(bucket)?.encryption;
    },
    setUploadPartDelay(ms) {
      partDelayMs = ms;
    },
    rangeFaults: {
      drop(count, afterChunks = 1, minBytes = 0) {
        for (let i = 0; i < count; i++) rangeDrops.push({ after: afterChunks, minBytes });
      },
      clear() {
        rangeDrops.length = 0;
      },
      pending: () => rangeDrops.length,
      log: rangeLog,
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const logger = (s3 as unknown as { logger?: { close(): void } }).logger;
      logger?.close();
      if (ephemeral) rmSync(directory, { recursive: true, force: true });
    },
  };
}
