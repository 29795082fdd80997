// The sandbox's S3: s3rver (a real S3-compatible server from npm) behind a small front of ours on
// the same port. The front answers what s3rver lacks or answers differently from S3 for our use:
//   GET ?policy          GetBucketPolicy from the simulated state (granted / no-grant bucket)
//   GET ?location        GetBucketLocation = the sandbox's region ("" = us-east-1, as S3 does)
//   GET ?uploads         ListMultipartUploads (s3rver: NotImplemented)
//   GET ?encryption      GetBucketEncryption: SSE-S3, S3's default (s3rver: NotImplemented)
//   DELETE ?uploadId=…   AbortMultipartUpload (s3rver: MethodNotAllowed)
// and it decodes `aws-chunked` request bodies (recent SDKs and the AWS CLI send them with trailing
// checksums), which s3rver would otherwise store verbatim, chunk signatures included.
// Any access key is accepted (s3rver only knows its own dummy key; we register the caller's).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, promises as fsp, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
// A static import, so the bundle shares this module with s3rver's own require of it.
import accountMod from 's3rver/lib/models/account.js';

export interface S3BucketSpec {
  name: string;
  /** the policy JSON text; undefined = no policy (NoSuchBucketPolicy) */
  policy?: string;
}

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
  /** test knob: multipart part N is answered N × ms late (0 = at once) */
  setUploadPartDelay(ms: number): void;
  /** fault injection for ranged GETs (what a reader that retries ranges must survive) */
  rangeFaults: RangeFaults;
  close(): Promise<void>;
}

export interface RangeFaults {
  /** the next `count` GetObject calls with a Range header have their connection dropped after
   * `afterChunks` chunks of the body (default 1; 0 = before any byte of the answer) */
  drop(count: number, afterChunks?: number): void;
  /** removes pending drops */
  clear(): void;
  /** drops still pending */
  pending(): number;
  /** every ranged GET received, oldest first: the object key, the range asked for, and whether it was dropped */
  readonly log: { key: string; range: string; dropped: boolean }[];
}

export function grantPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'PersonalizeS3BucketAccessPolicy',
    Statement: [
      {
        Sid: 'PersonalizeS3BucketAccessPolicy',
        Effect: 'Allow',
        Principal: { Service: 'personalize.amazonaws.com' },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      },
    ],
  });
}

/** A policy that exists but does not let Personalize read (only the account's own role may). */
export function noGrantPolicy(bucket: string, accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnerOnly',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      },
    ],
  });
}

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text), 'x-amz-request-id': requestId() });
  res.end(text);
}

function s3Error(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const more = Object.entries(extra).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
  sendXml(res, status, `<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${more}<RequestId>${requestId()}</RequestId></Error>`);
}

let reqCounter = 0;
function requestId(): string {
  reqCounter++;
  return `SANDBOX${reqCounter.toString(16).toUpperCase().padStart(9, '0')}`;
}

/** Decodes an aws-chunked body: `<hex-size>[;chunk-signature=…]\r\n<bytes>\r\n … 0\r\n<trailers>\r\n\r\n`. */
async function decodeAwsChunked(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const out: Buffer[] = [];
  let i = 0;
  while (i < raw.length) {
    const eol = raw.indexOf('\r\n', i);
    if (eol < 0) break;
    const size = parseInt(raw.subarray(i, eol).toString('latin1').split(';')[0], 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(raw.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

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
  const handle = s3.callback();
  const policies = new Map(opts.buckets.map((b) => [b.name, b.policy]));
  let partDelayMs = opts.uploadPartDelayMs ?? 0;
  const rangeDrops: number[] = [];
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
    const url = new URL(r.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter((p, i) => i > 0 || p !== '');
    const bucket = decodeURIComponent(parts[0] ?? '');
    const key = decodeURIComponent(parts.slice(1).join('/'));
    const q = url.searchParams;
    registerKey(r);
    if (bucket && !key && r.method === 'GET' && (q.has('policy') || q.has('location') || q.has('uploads') || q.has('encryption'))) {
      if (!(await s3.store.getBucket(bucket))) return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      if (q.has('policy')) {
        const p = policies.get(bucket);
        if (!p) return s3Error(res, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist', { BucketName: bucket });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(p), 'x-amz-request-id': requestId() });
        res.end(p);
        return;
      }
      if (q.has('encryption')) {
        // S3's default since 2023: SSE-S3 (AES256), no customer managed KMS key
        return sendXml(res, 200, `<ServerSideEncryptionConfiguration xmlns="${XMLNS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`);
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
    if (bucket && key && r.method === 'GET' && r.headers.range) {
      const after = rangeDrops.shift();
      const dropped = after !== undefined;
      rangeLog.push({ key, range: String(r.headers.range), dropped });
      if (dropped) {
        // `after` chunks of the body go out, then the connection drops (a reset mid-object)
        let sent = 0;
        const write = res.write.bind(res) as (...a: unknown[]) => boolean;
        (res as unknown as { write: (...a: unknown[]) => boolean }).write = (chunk: unknown, ...rest: unknown[]) => {
          if (sent >= after) {
            res.destroy();
            return false;
          }
          sent++;
          return write(chunk, ...rest);
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
      return Boolean(await s3.store.getBucket(bucket));
    },
    policyOf(bucket) {
      return policies.get(bucket);
    },
    setUploadPartDelay(ms) {
      partDelayMs = ms;
    },
    rangeFaults: {
      drop(count, afterChunks = 1) {
        for (let i = 0; i < count; i++) rangeDrops.push(afterChunks);
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
