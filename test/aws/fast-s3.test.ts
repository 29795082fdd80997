// src/aws/fast-s3.ts: validate s3://bucket/key's ranged GETs signed and sent without the SDK. When it
// applies (static keys, a region, standard or overridden endpoints, plain bucket names) and what it
// sends (hosts and paths as the S3 client addresses them); against the sandbox over loopback, the
// same bytes, size and ETag the SDK storage reads, and whatever is not a 206 with its range asked
// again through the SDK storage, whose answer (and error) it gives; --debug's lines for its GETs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { FastRangeStorage, fastTarget, rangedRequest } from '../../src/aws/fast-s3.js';
import type { SdkStorage } from '../../src/aws/s3.js';
import { cliStorage, withSandbox } from '../helpers/sandbox.js';

const sb = withSandbox();
let client: S3Client;
let sdk: SdkStorage;
const KEY = 'fast/object.csv';
const data = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `u${i},i${i % 97},${1700000000 + i},click\n`).join(''));

beforeAll(async () => {
  ({ client, storage: sdk } = cliStorage(sb.sandbox));
  await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: KEY, Body: data }));
});
afterAll(() => client?.destroy());

const keys = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example-key' };

function fast(): FastRangeStorage {
  const { region, s3Endpoint, accessKeyId, secretAccessKey, bucket } = sb.sandbox;
  return new FastRangeStorage(fastTarget({ region, s3Endpoint, credentials: { accessKeyId, secretAccessKey } }, {}, bucket)!, async () => sdk);
}

const bytesOf = async (body: AsyncIterable<Uint8Array>) => {
  const out: Buffer[] = [];
  for await (const c of body) out.push(Buffer.from(c));
  return Buffer.concat(out);
};

describe('fastTarget: when the GETs skip the SDK', () => {
  it('static keys and a region, on AWS with a plain bucket name or on an overridden endpoint', () => {
    expect(fastTarget({ region: 'eu-west-1', credentials: keys }, {}, 'my-data')).toEqual({ region: 'eu-west-1', credentials: keys });
    const t = fastTarget({ region: 'us-east-1', credentials: { ...keys, sessionToken: 'tok' }, s3Endpoint: 'http://127.0.0.1:9000' }, {}, 'with.dots');
    expect(t?.endpoint?.href).toBe('http://127.0.0.1:9000/');
    expect(t?.credentials.sessionToken).toBe('tok');
  });

  it('everything else goes through the SDK', () => {
    const base = { region: 'eu-west-1', credentials: keys };
    expect(fastTarget({ ...base, region: undefined }, {}, 'b-1'), 'no region (the SDK reads the profile)').toBeUndefined();
    expect(fastTarget({ region: 'eu-west-1' }, {}, 'b-1'), 'no static keys (the default chain: SSO, roles…)').toBeUndefined();
    expect(fastTarget({ ...base, profile: 'dev' }, {}, 'b-1'), 'a named profile').toBeUndefined();
    expect(fastTarget(base, { AWS_USE_FIPS_ENDPOINT: 'true' }, 'b-1'), 'FIPS').toBeUndefined();
    expect(fastTarget(base, { AWS_USE_DUALSTACK_ENDPOINT: 'TRUE' }, 'b-1'), 'dual-stack').toBeUndefined();
    expect(fastTarget(base, {}, 'my.dotted.bucket'), 'dots: virtual hosting does not fit TLS').toBeUndefined();
    expect(fastTarget(base, {}, 'Upper_Case'), 'not a bucket name').toBeUndefined();
    expect(fastTarget({ ...base, region: 'us-iso-east-1' }, {}, 'b-1'), 'an isolated partition').toBeUndefined();
    expect(fastTarget({ ...base, s3Endpoint: 'http://proxy.local/s3/' }, {}, 'b-1'), 'an endpoint with a path').toBeUndefined();
    expect(fastTarget({ ...base, s3Endpoint: 'not a url' }, {}, 'b-1')).toBeUndefined();
  });

  it('addresses a GET as the S3 client does: virtual-hosted on AWS (.cn in China), path-style on an endpoint; the key escaped per segment', () => {
    const when = new Date('2026-12-06T15:00:00Z');
    const aws = rangedRequest({ region: 'eu-west-3', credentials: keys }, 'data-eu', 'a b/c+d.csv', 0, 100, '"etag"', when);
    expect([aws.protocol, aws.hostname, aws.port, aws.path]).toEqual(['https:', 'data-eu.s3.eu-west-3.amazonaws.com', undefined, '/a%20b/c%2Bd.csv']);
    expect(aws.headers).toMatchObject({ host: 'data-eu.s3.eu-west-3.amazonaws.com', range: 'bytes=0-99', 'if-match': '"etag"', 'x-amz-date': '20261206T150000Z' });
    expect(aws.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261206\/eu-west-3\/s3\/aws4_request, SignedHeaders=host;if-match;range;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/);
    expect(rangedRequest({ region: 'cn-north-1', credentials: keys }, 'b-1', 'k', 0, 1).hostname).toBe('b-1.s3.cn-north-1.amazonaws.com.cn');
    const local = rangedRequest({ region: 'us-east-1', credentials: keys, endpoint: new URL('http://127.0.0.1:4566') }, 'bkt', 'x/y.csv', 5, 10);
    expect([local.protocol, local.hostname, local.port, local.path, local.headers.host]).toEqual(['http:', '127.0.0.1', 4566, '/bkt/x/y.csv', '127.0.0.1:4566']);
  });
});

describe('FastRangeStorage against the sandbox', () => {
  it('readStart and readRange: the bytes, size and ETag the SDK storage reads, none of it through the SDK', async () => {
    const f = fast();
    try {
      const mine = await f.readStart(sb.sandbox.bucket, KEY, 64 * 1024);
      const theirs = await sdk.readStart(sb.sandbox.bucket, KEY, 64 * 1024);
      expect(mine.size).toBe(data.length);
      expect(mine.etag).toBe(theirs.etag);
      expect(Buffer.from(mine.bytes).equals(data.subarray(0, 64 * 1024))).toBe(true);
      for (const [a, b] of [[0, 1], [7, 100_003], [data.length - 5, data.length], [0, data.length]]) {
        const got = await bytesOf(await f.readRange(sb.sandbox.bucket, KEY, a, b, { etag: mine.etag }));
        expect(got.equals(data.subarray(a, b)), `${a}-${b}`).toBe(true);
      }
      // a whole object shorter than asked: all of it
      await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'fast/short.csv', Body: 'a,b\n1,2\n' }));
      expect(Buffer.from((await f.readStart(sb.sandbox.bucket, 'fast/short.csv', 64 * 1024)).bytes).toString()).toBe('a,b\n1,2\n');
      expect(f.fallbacks).toBe(0);
    } finally {
      f.close();
    }
  });

  it('not a 206 with its range (no such object, a changed object): asked through the SDK, its error — and every GET after that too', async () => {
    const f = fast();
    try {
      const theirs = await sdk.readStart(sb.sandbox.bucket, 'fast/none.csv', 1024).catch((e: Error) => e);
      const mine = await f.readStart(sb.sandbox.bucket, 'fast/none.csv', 1024).catch((e: Error) => e);
      expect(mine).toBeInstanceOf(Error);
      expect((mine as Error).message).toBe((theirs as Error).message);
      expect(f.fallbacks).toBe(1);
      // once one went to the SDK, the rest do (a clock skew or a redirect would fail each one again)
      expect((await bytesOf(await f.readRange(sb.sandbox.bucket, KEY, 0, 10))).toString()).toBe(data.subarray(0, 10).toString());
      expect(f.fallbacks).toBe(2);
    } finally {
      f.close();
    }
    const g = fast();
    try {
      // If-Match with another ETag: S3 answers 412; the SDK storage names it
      const theirs = await sdk.readRange(sb.sandbox.bucket, KEY, 0, 10, { etag: '"0123456789abcdef0123456789abcdef"' }).catch((e: Error) => e);
      const mine = await g.readRange(sb.sandbox.bucket, KEY, 0, 10, { etag: '"0123456789abcdef0123456789abcdef"' }).catch((e: Error) => e);
      expect(theirs).toBeInstanceOf(Error);
      expect((mine as Error).message).toBe((theirs as Error).message);
      // named as what it is (it said "internal … bug report" before)
      expect(mine).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/S3 object changed during the check \(read s3:\/\/[\w-]+\/fast\/object\.csv\)/), hint: 'Run it again once nothing is writing the object.' });
      expect(g.fallbacks).toBe(1);
    } finally {
      g.close();
    }
  });

  it('a connection refused before any answer: asked through the SDK (its retries and its network error)', async () => {
    const { region, accessKeyId, secretAccessKey } = sb.sandbox;
    const dead = new FastRangeStorage(fastTarget({ region, s3Endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId, secretAccessKey } }, {}, 'b-1')!, async () => sdk);
    try {
      // the SDK storage here is the sandbox's: the object is read there, proving the call went through it
      const got = await dead.readStart(sb.sandbox.bucket, KEY, 16);
      expect(Buffer.from(got.bytes).toString()).toBe(data.subarray(0, 16).toString());
      expect(dead.fallbacks).toBe(1);
    } finally {
      dead.close();
    }
  });

  it('--debug: each GET it sends, its status and request id; the keys and the signature never', async () => {
    const lines: string[] = [];
    const { region, s3Endpoint, accessKeyId, secretAccessKey, bucket } = sb.sandbox;
    const f = new FastRangeStorage(fastTarget({ region, s3Endpoint, credentials: { accessKeyId, secretAccessKey } }, {}, bucket)!, async () => sdk, { sink: { write: (s: string) => lines.push(s) }, secrets: () => [secretAccessKey] });
    try {
      await f.readStart(bucket, KEY, 100);
    } finally {
      f.close();
    }
    const text = lines.join('');
    expect(text).toMatch(new RegExp(`\\[debug\\] → s3 GetObject GET http://127\\.0\\.0\\.1:\\d+/${bucket}/fast/object\\.csv\\n`));
    expect(text).toMatch(/\[debug\] {3}headers .*"range":"bytes=0-99".*"authorization":"\[REDACTED\]"/);
    expect(text).toMatch(/\[debug\] ← s3 GetObject HTTP 206 request-id \S+ \d+ ms/);
    expect(text).not.toContain(secretAccessKey);
    expect(text).not.toMatch(/Signature=/);
  });
});
