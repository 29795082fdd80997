// AWS Signature Version 4 for a bodiless S3 request (the ranged GETs of `validate s3://…`), so the
// first byte of an object can be asked for without loading the SDK (issue 17: the S3 client's
// modules and set-up were ~80 ms of CPU on the thread that then starts the checking). The same
// canonical request the SDK's signer builds for S3 (path not escaped again, the empty body's
// SHA-256 in x-amz-content-sha256, every header signed but user-agent and the like); test/aws/sigv4.test.ts
// holds it to @smithy/signature-v4 byte for byte. Every other request stays the SDK's.
import type * as Crypto from 'node:crypto';

// node:crypto by getBuiltinModule: its ES-module face also loads Web Crypto (~2 ms on Node 20)
const crypto = () => process.getBuiltinModule('node:crypto') as typeof Crypto;

/** SHA-256 of an empty body (what the SDK sends for a GET) */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** headers the SDK's signer always leaves unsigned (its ALWAYS_UNSIGNABLE_HEADERS) */
const UNSIGNED = new Set(['authorization', 'cache-control', 'connection', 'expect', 'from', 'keep-alive', 'max-forwards', 'pragma', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id']);

/** RFC 3986 escaping as S3 (and the SDK's serializer) wants it for a key's path segments */
export const escapeUri = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** 20261206T143701Z */
export const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const keyCache = new Map<string, Buffer>();

function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${day}/${region}/${service}/${secret}`;
  let k = keyCache.get(id);
  if (!k) {
    const { createHmac } = crypto();
    const h = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    k = h(h(h(h(`AWS4${secret}`, day), region), service), 'aws4_request');
    keyCache.clear();
    keyCache.set(id, k);
  }
  return k;
}

/**
 * Adds x-amz-date, x-amz-content-sha256, x-amz-security-token (with a session token) and
 * Authorization to `headers` (lower-case names, host among them) for a bodiless request to `path`
 * (already escaped, as sent) with `query` (unescaped; sent escaped as escapeUri does).
 */
export function signRequest(req: { method: string; path: string; query?: Record<string, string>; headers: Record<string, string> }, creds: SigningCredentials, region: string, service: string, now: Date = new Date()): Record<string, string> {
  const { createHash, createHmac } = crypto();
  const stamp = amzDate(now);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers, 'x-amz-date': stamp, 'x-amz-content-sha256': EMPTY_SHA256 };
  if (creds.sessionToken) headers['x-amz-security-token'] = creds.sessionToken;
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .filter((n) => !UNSIGNED.has(n))
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${String(lower[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signed = names.join(';');
  const query = Object.entries(req.query ?? {})
    .map(([k, v]) => `${escapeUri(k)}=${escapeUri(v)}`)
    .sort()
    .join('&');
  const canonical = `${req.method}\n${req.path}\n${query}\n${canonicalHeaders}\n${signed}\n${EMPTY_SHA256}`;
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', signingKey(creds.secretAccessKey, day, region, service)).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signed}, Signature=${signature}`;
  return headers;
}
