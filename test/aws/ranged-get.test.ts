// src/aws/ranged-get.ts: the S3 client's handler for ranged GETs (own keep-alive sockets read with
// `onread`), with the real S3Client. Against the sandbox over loopback: exact bytes at odd offsets and
// for the whole object, the SDK's typed errors (InvalidRange, NoSuchKey), one connection reused, and
// every other request still on the SDK's own handler. The sandbox cannot answer with a chunked body
// or over TLS: those are local `http`/`https` servers in this file (a fake server only for what the
// sandbox cannot produce), with a certificate made here by `openssl`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RangedGetHandler, rangedGetExtension } from '../../src/aws/ranged-get.js';
import { withSandbox } from '../helpers/sandbox.js';

const sb = withSandbox();
let client: S3Client;
const KEY = 'ranged/object.bin';
// 3 MiB + 7 of bytes that differ everywhere (a misplaced byte shows)
const data = Buffer.alloc(3 * 1024 * 1024 + 7);
for (let i = 0; i < data.length; i++) data[i] = (i * 131 + (i >> 11)) & 0xff;

const bytesOf = async (body: unknown) => Buffer.concat(await (async () => {
  const out: Buffer[] = [];
  for await (const c of body as AsyncIterable<Uint8Array>) out.push(Buffer.from(c));
  return out;
})());

beforeAll(async () => {
  const box = sb.sandbox;
  client = new S3Client({ region: box.region, endpoint: box.s3Endpoint, credentials: { accessKeyId: box.accessKeyId, secretAccessKey: box.secretAccessKey }, forcePathStyle: true, maxAttempts: 1, extensions: [rangedGetExtension()] });
  await sb.s3.send(new PutObjectCommand({ Bucket: box.bucket, Key: KEY, Body: data }));
});
afterAll(() => client?.destroy());

const handlerOf = (c: S3Client) => c.config.requestHandler as unknown as RangedGetHandler;
const get = (range?: string, key = KEY) => client.send(new GetObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, ...(range ? { Range: range } : {}) }));

describe('ranged GETs against the sandbox', () => {
  it('the handler is the client\'s, in front of the SDK\'s own', () => {
    expect(handlerOf(client)).toBeInstanceOf(RangedGetHandler);
    expect(handlerOf(client).inner.constructor.name).toBe('NodeHttpHandler');
  });

  it('exact bytes for ranges at odd offsets, across slab ends, and the whole object; one connection for all', async () => {
    for (const [start, end] of [[5, 5], [1, 2], [777, 70_001], [65_535, 1_200_003], [1_048_575, 3 * 1024 * 1024 + 6], [0, data.length - 1]]) {
      const r = await get(`bytes=${start}-${end}`);
      expect(r.$metadata.httpStatusCode).toBe(206);
      expect(r.ContentRange).toBe(`bytes ${start}-${end}/${data.length}`);
      expect((await bytesOf(r.Body)).equals(data.subarray(start, end + 1)), `bytes ${start}-${end}`).toBe(true);
    }
    // six requests one after another: the same kept-alive connection
    expect(handlerOf(client).connections).toBe(1);
  });

  it('a GET without a Range and a HEAD go to the SDK\'s handler (no new connection here), with the same bytes', async () => {
    const before = handlerOf(client).connections;
    const r = await get();
    expect((await bytesOf(r.Body)).equals(data)).toBe(true);
    const h = await client.send(new HeadObjectCommand({ Bucket: sb.sandbox.bucket, Key: KEY }));
    expect(h.ContentLength).toBe(data.length);
    expect(handlerOf(client).connections).toBe(before);
  });

  it('a range past the end: the SDK\'s InvalidRange (416), as with its own handler', async () => {
    const mine = await get(`bytes=${data.length + 10}-${data.length + 20}`).catch((e: unknown) => e);
    const theirs = await sb.s3.send(new GetObjectCommand({ Bucket: sb.sandbox.bucket, Key: KEY, Range: `bytes=${data.length + 10}-${data.length + 20}` })).catch((e: unknown) => e);
    expect(mine).toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
    expect((mine as Error).name).toBe((theirs as Error).name);
    // the connection stays usable after an error answer
    expect((await bytesOf((await get('bytes=5-9')).Body)).equals(data.subarray(5, 10))).toBe(true);
  });

  it('a missing key: the SDK\'s typed NoSuchKey', async () => {
    const e = await get('bytes=0-9', 'ranged/missing.bin').catch((x: unknown) => x);
    const { NoSuchKey } = await import('@aws-sdk/client-s3');
    expect(e).toBeInstanceOf(NoSuchKey);
    expect(e).toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('an abort before the answer rejects as the SDK\'s AbortError; the next request works', async () => {
    const ac = new AbortController();
    const p = client.send(new GetObjectCommand({ Bucket: sb.sandbox.bucket, Key: KEY, Range: 'bytes=0-99' }), { abortSignal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect((await bytesOf((await get('bytes=100-199')).Body)).equals(data.subarray(100, 200))).toBe(true);
  });

  it('a connection dropped mid-body errors the body (the reader resumes the range: test/validate/remote.test.ts)', async () => {
    sb.sandbox.s3Faults.drop(1, 1);
    try {
      const r = await get(`bytes=0-${data.length - 1}`);
      await expect(bytesOf(r.Body)).rejects.toThrow();
    } finally {
      sb.sandbox.s3Faults.clear();
    }
    expect((await bytesOf((await get('bytes=3-9')).Body)).equals(data.subarray(3, 10))).toBe(true);
  });
});

/** a local server (`https` with `tls`) answering every GET with `answer` */
async function serve(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void, tls?: { key: Buffer; cert: Buffer }) {
  const server = tls ? https.createServer(tls, answer) : http.createServer(answer);
  let connections = 0;
  server.on(tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { port, connections: () => connections, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const localClient = (endpoint: string, opts: Parameters<typeof rangedGetExtension>[0] = {}) =>
  new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, extensions: [rangedGetExtension(opts)] });

/** a 206 of `data`'s bytes for the Range asked for, the body in `Transfer-Encoding: chunked` pieces of odd sizes */
function chunkedAnswer(req: http.IncomingMessage, res: http.ServerResponse) {
  const [a, b] = String(req.headers.range).replace('bytes=', '').split('-').map(Number);
  res.writeHead(206, { 'content-range': `bytes ${a}-${b}/${data.length}`, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' });
  for (let p = a; p <= b; p += 9_973) res.write(data.subarray(p, Math.min(b + 1, p + 9_973)));
  res.end();
}

describe('what the sandbox cannot produce (local servers)', () => {
  it('a chunked body: exact bytes, and the connection kept alive for the next request', async () => {
    const srv = await serve(chunkedAnswer);
    const c = localClient(`http://127.0.0.1:${srv.port}`);
    try {
      for (const [a, b] of [[3, 100_002], [0, data.length - 1], [1, 1]]) {
        const r = await c.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: `bytes=${a}-${b}` }));
        expect((await bytesOf(r.Body)).equals(data.subarray(a, b + 1)), `bytes ${a}-${b}`).toBe(true);
      }
      expect(srv.connections()).toBe(1);
    } finally {
      c.destroy();
      await srv.close();
    }
  });

  it('a body cut short by the server closing the connection: an error, not a short body', async () => {
    const srv = await serve((req, res) => {
      res.writeHead(206, { 'content-range': 'bytes 0-999/1000', 'content-length': '1000' });
      res.write(data.subarray(0, 500), () => res.destroy());
    });
    const c = localClient(`http://127.0.0.1:${srv.port}`);
    try {
      const r = await c.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: 'bytes=0-999' }));
      await expect(bytesOf(r.Body)).rejects.toMatchObject({ code: 'ECONNRESET' });
    } finally {
      c.destroy();
      await srv.close();
    }
  });

  let tlsDir: string | undefined;
  let cert: { key: Buffer; cert: Buffer } | undefined;
  try {
    tlsDir = mkdtempSync(join(tmpdir(), 'pi-ranged-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(tlsDir, 'key.pem'), '-out', join(tlsDir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    cert = { key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) };
  } catch {
    cert = undefined;
  } finally {
    if (tlsDir) rmSync(tlsDir, { recursive: true, force: true });
  }
  // skipped only where no `openssl` can make a certificate
  it.skipIf(!cert)('over TLS (SNI localhost): exact bytes with the certificate trusted; a certificate nobody vouches for is refused', async () => {
    const srv = await serve(chunkedAnswer, cert!);
    const trusted = localClient(`https://localhost:${srv.port}`, { ca: cert!.cert });
    const plain = localClient(`https://localhost:${srv.port}`);
    try {
      const r = await trusted.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: `bytes=11-${data.length - 1}` }));
      expect((await bytesOf(r.Body)).equals(data.subarray(11))).toBe(true);
      const refused = await plain.send(new GetObjectCommand({ Bucket: 'b', Key: 'k', Range: 'bytes=0-9' })).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as { code?: string }).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
    } finally {
      trusted.destroy();
      plain.destroy();
      await srv.close();
    }
  });
});
