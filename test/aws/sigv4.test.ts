// sigv4.ts against the SDK's own signing: the S3 client's GetObject requests (captured before they
// leave, by a request handler that answers them itself) signed again by signRequest from their
// unsigned headers and x-amz-date must carry the same Authorization — for a session token, If-Match,
// keys that need escaping, a port in Host, virtual-hosted and path-style addressing, other regions.
// The sandbox's S3 does not check signatures, so this is what holds the fast GETs to AWS's.
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { amzDate, signRequest, EMPTY_SHA256 } from '../../src/aws/sigv4.js';
import { rangedRequest, type FastTarget } from '../../src/aws/fast-s3.js';

interface Captured {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
}

/** endpoint settings of the environment the SDK would take (a shell with a sandbox's variables): AWS's own endpoints are what these cases compare */
const ENDPOINT_VARS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3'];

async function sdkRequest(opts: { region: string; endpoint?: string; sessionToken?: string; bucket: string; key: string; range: string; ifMatch?: string }): Promise<Captured> {
  const saved = ENDPOINT_VARS.map((k) => [k, process.env[k]] as const);
  for (const k of ENDPOINT_VARS) delete process.env[k];
  try {
    return await capture(opts);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

async function capture(opts: Parameters<typeof sdkRequest>[0]): Promise<Captured> {
  let captured: Captured | undefined;
  const client = new S3Client({
    region: opts.region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}) },
    ...(opts.endpoint ? { endpoint: opts.endpoint, forcePathStyle: true } : {}),
    requestHandler: {
      async handle(req: Captured) {
        captured = { ...req, headers: { ...req.headers } };
        return { response: { statusCode: 206, headers: { 'content-range': 'bytes 0-0/1', 'content-length': '1' }, body: Readable.from([Buffer.from('a')]) } };
      },
    } as never,
  });
  await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: opts.key, Range: opts.range, ...(opts.ifMatch ? { IfMatch: opts.ifMatch } : {}) }));
  client.destroy();
  return captured!;
}

const cases = [
  { name: 'virtual-hosted, us-east-1', region: 'us-east-1', bucket: 'my-bucket', key: 'events/interactions.csv', range: 'bytes=0-65535' },
  { name: 'a session token and If-Match, eu-west-3', region: 'eu-west-3', sessionToken: 'FwoGZXIvYXdzEJr//////////wEaDExample+Token/With=Chars', bucket: 'data-eu', key: 'a/b.csv', range: 'bytes=33554432-67108863', ifMatch: '"9b2cf535f27731c974343645a3985328"' },
  { name: 'a key that needs escaping', region: 'ap-southeast-2', bucket: 'b-1', key: "exports/2026 12/Ünïcode (copy)+1!*'.csv", range: 'bytes=5-9' },
  { name: 'path-style on an overridden endpoint with a port', region: 'us-east-1', endpoint: 'http://127.0.0.1:45123', bucket: 'personalize-sandbox-data', key: 'bench/s3.csv', range: 'bytes=0-1' },
];

describe('signRequest signs as the SDK signs S3 GetObject', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const req = await sdkRequest(c);
      expect(req.query).toEqual({ 'x-id': 'GetObject' });
      // the SDK's own headers, without what signing adds
      const unsigned = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token'].includes(k.toLowerCase())));
      const stamp = req.headers['x-amz-date'];
      const when = new Date(`${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`);
      expect(amzDate(when)).toBe(stamp);
      expect(req.headers['x-amz-content-sha256']).toBe(EMPTY_SHA256);
      const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
      const ours = signRequest({ method: 'GET', path: req.path, query: req.query as Record<string, string>, headers: unsigned }, creds, c.region, 's3', when);
      expect(ours.authorization).toBe(req.headers.authorization);
      if (c.sessionToken) expect(ours['x-amz-security-token']).toBe(c.sessionToken);

      // and fast-s3's own request for the same GET: the same host and path, the same signature
      const [from, to] = c.range.replace('bytes=', '').split('-').map(Number);
      const target: FastTarget = { region: c.region, credentials: creds, ...(c.endpoint ? { endpoint: new URL(c.endpoint), endpointText: c.endpoint } : {}) };
      const mine = rangedRequest(target, c.bucket, c.key, from, to + 1, c.ifMatch, when);
      expect(mine.hostname).toBe(req.hostname);
      expect(mine.port).toBe(req.port);
      expect(mine.path).toBe(req.path);
      const signedNames = /SignedHeaders=([^,]+)/.exec(req.headers.authorization)![1].split(';');
      const sdkOnly = signedNames.filter((n) => !(n in mine.headers));
      // the SDK signs its own bookkeeping headers too (invocation id, retry count, user agent, checksum mode); ours signs the rest alike
      expect(sdkOnly.filter((n) => !n.startsWith('amz-sdk-') && n !== 'x-amz-checksum-mode' && n !== 'x-amz-user-agent')).toEqual([]);
      const shared = Object.fromEntries(signedNames.filter((n) => n in mine.headers && !['authorization', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token'].includes(n)).map((n) => [n, req.headers[n]]));
      expect(Object.fromEntries(Object.entries(mine.headers).filter(([n]) => n in shared))).toEqual(shared);
    });
  }

  it('a different secret, region or day is a different signature', () => {
    const base = { method: 'GET', path: '/k', headers: { host: 'b.s3.us-east-1.amazonaws.com', range: 'bytes=0-1' } };
    const when = new Date('2026-12-06T14:00:00Z');
    const a = signRequest(base, { accessKeyId: 'A', secretAccessKey: 'one' }, 'us-east-1', 's3', when).authorization;
    expect(signRequest(base, { accessKeyId: 'A', secretAccessKey: 'two' }, 'us-east-1', 's3', when).authorization).not.toBe(a);
    expect(signRequest(base, { accessKeyId: 'A', secretAccessKey: 'one' }, 'us-west-2', 's3', when).authorization).not.toBe(a);
    expect(signRequest(base, { accessKeyId: 'A', secretAccessKey: 'one' }, 'us-east-1', 's3', new Date('2026-12-07T14:00:00Z')).authorization).not.toBe(a);
    expect(signRequest(base, { accessKeyId: 'A', secretAccessKey: 'one' }, 'us-east-1', 's3', when).authorization).toBe(a);
  });
});
