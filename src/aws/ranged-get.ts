// The S3 client's request handler for `validate s3://…`'s ranged GETs (issue 17). Node's HTTP client
// hands a response body out as one new Buffer per 64 KiB socket read, through its parser and stream
// machinery; the validator then copied each into a worker's ring. This handler sends a GET that
// carries a Range header over its own keep-alive sockets (net, or tls with SNI and the default
// certificate checks) that read with `onread` into memory it chooses: where the caller's placement
// (PLACEMENT, the workers' rings) has room, the body's bytes go straight there, and where it has
// none the socket stops reading until it has (the bytes wait in TCP); otherwise into 1 MiB slabs. It
// parses the HTTP/1.1 response in place (http1-response.ts) and gives the SDK the body as an
// object-mode Readable of views of that memory, a read's bytes one chunk. Everything else (HEAD,
// PUT, GET without a Range, any other method) goes to the SDK's own handler unchanged; signing,
// endpoints, retries and error parsing stay the SDK's: an error status reaches it with its headers
// and body. A connection that fails before the response surfaces with a `code` the SDK's retry
// treats as transient (ECONNRESET…); one that breaks in the body errors the body stream (the
// validator's fetchRange resumes the range where it broke).
import { createRequire } from 'node:module';
import net from 'node:net';
import { Readable } from 'node:stream';
import type tlsModule from 'node:tls';
import type { HttpHandlerOptions, HttpRequest, HttpResponse } from '@aws-sdk/types';
import type { Placement } from '../core/ports.js';
import { HttpProtocolError, ResponseParser, type ResponseHead } from './http1-response.js';
import { escapeUri } from './sigv4.js';

/**
 * node:tls, loaded on the first https connection: on Node 24 loading it starts parsing the bundled
 * root certificates on another thread (≈ 13 ms of CPU), which a plain-http endpoint (the sandbox,
 * a local S3-compatible store) never needs — and on 2 cores it is taken from the checking.
 */
let tlsLoaded: typeof tlsModule | undefined;
const tls = (): typeof tlsModule => (tlsLoaded ??= createRequire(import.meta.url)('node:tls') as typeof tlsModule);

/** bytes of a slab the sockets read into */
const SLAB_BYTES = 1 << 20;
/** a read goes into a new slab once the current one has less room than this */
const MIN_READ_ROOM = 128 * 1024;
/** bytes of the read a socket makes when it starts again after waiting for room in the placement */
const RESUME_READ = 16 * 1024;
/** room in the placement a socket waits for before it reads again */
const ROOM_BYTES = 256 * 1024;
/** body bytes of one read merged into one chunk before it is handed out (a read's are handed out at its end) */
const CHUNK_BYTES = 256 * 1024;
/** body chunks buffered ahead of the reader before the socket stops reading */
const HIGH_WATER_CHUNKS = 16;
/** an idle keep-alive connection is closed after this long (S3 closes its own after ~20 s) */
const IDLE_MS = 10_000;
/** idle connections kept per host */
const MAX_IDLE = 16;

/**
 * The key of the handler option (client.send(command, { [PLACEMENT]: into })) that says where a
 * ranged GET's body may be read straight into: memory whose first byte is where the object's byte
 * `at` goes, free to be written now (the validator's rings), or undefined (no room: a slab as usual).
 * A body chunk read there is pushed as a view of that memory, already in place.
 */
export const PLACEMENT = Symbol.for('personalize-import.placement');
export type { Placement };

/** the SDK's own handler (NodeHttpHandler), as the client's extension configuration gives it */
export interface InnerHandler {
  handle(request: HttpRequest, options?: HttpHandlerOptions & { requestTimeout?: number }): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig?(key: never, value: never): void;
  httpHandlerConfigs?(): Record<string, unknown>;
  destroy?(): void;
}

export interface RangedGetOptions {
  /** certificates to trust instead of Node's default CAs (tests with their own certificate) */
  ca?: string | Buffer | (string | Buffer)[];
  connectionTimeout?: number;
  requestTimeout?: number;
  socketTimeout?: number;
}

type TimeoutConfig = { connectionTimeout?: number; requestTimeout?: number; socketTimeout?: number; throwOnRequestTimeout?: boolean };

/** whether the handler takes this request itself: a bodiless GET with a Range header */
export function isRangedGet(r: HttpRequest): boolean {
  if (r.method !== 'GET' || (r.protocol !== 'http:' && r.protocol !== 'https:')) return false;
  if (r.body !== undefined && r.body !== null && !(typeof r.body === 'string' && r.body === '') && !(r.body instanceof Uint8Array && r.body.length === 0)) return false;
  let range = false;
  for (const k of Object.keys(r.headers)) {
    const l = k.toLowerCase();
    if (l === 'range') range = true;
    if (l === 'expect' || l === 'transfer-encoding' || l === 'content-length') return false;
  }
  return range;
}

/** the request's first line and headers (the SDK's query string rules: keys sorted, RFC 3986 escapes) */
function requestHead(r: HttpRequest): string {
  const q: string[] = [];
  const query = r.query ?? {};
  for (const key of Object.keys(query).sort()) {
    const v = query[key];
    const k = escapeUri(key);
    if (Array.isArray(v)) for (const x of v) q.push(`${k}=${escapeUri(x)}`);
    else q.push(v || typeof v === 'string' ? `${k}=${escapeUri(v)}` : k);
  }
  const target = `${r.path || '/'}${q.length ? `?${q.join('&')}` : ''}`;
  const lines = [`GET ${target} HTTP/1.1`];
  let host = false;
  for (const [k, v] of Object.entries(r.headers)) {
    if (v === undefined) continue;
    if (/[\r\n]/.test(k) || /[\r\n]/.test(String(v)) || /[\r\n\s]/.test(target)) throw new Error(`header ${JSON.stringify(k)} holds a line break`);
    if (k.toLowerCase() === 'host') host = true;
    if (k.toLowerCase() === 'connection') continue;
    lines.push(`${k}: ${v}`);
  }
  if (!host) lines.push(`host: ${r.hostname}${r.port ? `:${r.port}` : ''}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function codedError(message: string, code: string, name = 'Error'): Error {
  return Object.assign(new Error(message), { code, name });
}

function abortError(signal: AbortSignal | { reason?: unknown }): Error {
  const e = new Error('Request aborted');
  e.name = 'AbortError';
  if ((signal as { reason?: unknown }).reason instanceof Error) (e as Error & { cause: unknown }).cause = (signal as { reason: Error }).reason;
  return e;
}

/** One socket and what it reads into. */
class Conn {
  readonly socket: net.Socket;
  slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
  /** bytes of the slab holding data (reads go after them) */
  fill = 0;
  /** memory the next read may go into instead of the slab (the exchange's placement) */
  place?: () => Uint8Array | undefined;
  /** what the bytes read go to (the exchange in progress) */
  sink?: (view: Buffer) => void;
  /** the exchange in progress, told when the connection ends or fails */
  onEnd?: (err?: Error) => void;
  closed = false;
  reused = false;
  idleTimer?: NodeJS.Timeout;

  constructor(readonly key: string, r: HttpRequest, ca: RangedGetOptions['ca']) {
    const host = r.hostname.startsWith('[') ? r.hostname.slice(1, -1) : r.hostname;
    const https = r.protocol === 'https:';
    const port = r.port ?? (https ? 443 : 80);
    const onread = {
      buffer: () => {
        // where the exchange wants the body's next bytes (the validator's ring), if it has room;
        // waiting for room, a small read (the one the socket makes when it starts again)
        const placed = this.place?.();
        if (placed) return placed;
        if (this.waitingForRoom) {
          if (this.slab.length - this.fill < MIN_READ_ROOM) {
            this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
            this.fill = 0;
          }
          return this.slab.subarray(this.fill, this.fill + RESUME_READ);
        }
        // else the next read goes after the bytes read so far (the body views handed out keep them)
        if (this.slab.length - this.fill < MIN_READ_ROOM) {
          this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
          this.fill = 0;
        }
        return this.slab.subarray(this.fill);
      },
      callback: (n: number, buf: Uint8Array) => {
        const view = Buffer.from(buf.buffer, buf.byteOffset, n);
        if (buf.buffer === this.slab.buffer) this.fill = view.byteOffset - this.slab.byteOffset + n;
        this.sink?.(view);
        return !this.paused && !this.waitingForRoom;
      },
    };
    this.socket = https
      ? tls().connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ...(ca ? { ca } : {}), onread } as tlsModule.ConnectionOptions)
      : net.connect({ host, port, onread } as net.NetConnectOpts);
    this.socket.setNoDelay(true);
    this.socket.on('error', (e) => this.end(e));
    this.socket.on('end', () => this.end());
    this.socket.on('close', () => this.end());
    this.socket.on('timeout', () => this.onTimeout?.());
  }

  onTimeout?: () => void;

  /** the body's reader has enough buffered */
  paused = false;
  /** the placement has no room for the next bytes: the socket waits (TCP holds them back) */
  waitingForRoom = false;

  private end(err?: Error): void {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const cb = this.onEnd;
    this.onEnd = undefined;
    this.sink = undefined;
    cb?.(err);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.waitingForRoom) this.socket.resume();
  }

  roomCame(): void {
    if (!this.waitingForRoom) return;
    this.waitingForRoom = false;
    if (!this.paused) this.socket.resume();
  }
}

/**
 * Ranged GETs over its own sockets read with `onread`; every other request to `inner` (the SDK's
 * NodeHttpHandler). Give it to an S3Client with rangedGetExtension().
 */
export class RangedGetHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly idle = new Map<string, Conn[]>();
  private readonly busy = new Set<Conn>();

  constructor(readonly inner: InnerHandler, private readonly opts: RangedGetOptions = {}) {}

  handle(request: HttpRequest, options: HttpHandlerOptions & { requestTimeout?: number } = {}): Promise<{ response: HttpResponse }> {
    if (!isRangedGet(request)) return this.inner.handle(request, options);
    return this.get(request, options, true);
  }

  updateHttpClientConfig(key: never, value: never): void {
    this.inner.updateHttpClientConfig?.(key, value);
  }

  httpHandlerConfigs(): Record<string, unknown> {
    return this.inner.httpHandlerConfigs?.() ?? {};
  }

  destroy(): void {
    for (const list of this.idle.values()) for (const c of list) c.socket.destroy();
    this.idle.clear();
    for (const c of this.busy) c.socket.destroy();
    this.busy.clear();
    this.inner.destroy?.();
  }

  /** connections open now (idle and busy), for tests */
  get connections(): number {
    let n = this.busy.size;
    for (const list of this.idle.values()) n += list.length;
    return n;
  }

  private timeouts(options: { requestTimeout?: number }): TimeoutConfig {
    const c = this.httpHandlerConfigs() as TimeoutConfig;
    return {
      connectionTimeout: this.opts.connectionTimeout ?? c.connectionTimeout,
      requestTimeout: options.requestTimeout ?? this.opts.requestTimeout ?? c.requestTimeout,
      socketTimeout: this.opts.socketTimeout ?? c.socketTimeout,
      throwOnRequestTimeout: this.opts.requestTimeout !== undefined || c.throwOnRequestTimeout,
    };
  }

  private acquire(r: HttpRequest): Conn {
    const key = `${r.protocol}//${r.hostname}:${r.port ?? ''}`;
    const list = this.idle.get(key);
    while (list?.length) {
      const c = list.pop()!;
      clearTimeout(c.idleTimer);
      if (c.closed || c.socket.destroyed) continue;
      c.socket.ref();
      c.reused = true;
      this.busy.add(c);
      return c;
    }
    const c = new Conn(key, r, this.opts.ca);
    this.busy.add(c);
    return c;
  }

  private release(c: Conn, reusable: boolean): void {
    this.busy.delete(c);
    c.sink = undefined;
    c.place = undefined;
    c.onEnd = undefined;
    c.waitingForRoom = false;
    const list = this.idle.get(c.key) ?? [];
    if (!reusable || c.closed || list.length >= MAX_IDLE) {
      c.socket.destroy();
      return;
    }
    // idle, it reads on (to see the server close it)
    c.resume();
    c.socket.setTimeout(0);
    c.onTimeout = undefined;
    c.socket.unref();
    c.onEnd = () => {
      const l = this.idle.get(c.key);
      const i = l?.indexOf(c) ?? -1;
      if (i >= 0) l!.splice(i, 1);
    };
    c.idleTimer = setTimeout(() => c.socket.destroy(), IDLE_MS);
    c.idleTimer.unref();
    list.push(c);
    this.idle.set(c.key, list);
  }

  private get(request: HttpRequest, options: HttpHandlerOptions & { requestTimeout?: number }, mayRetry: boolean): Promise<{ response: HttpResponse }> {
    const abortSignal = options.abortSignal as AbortSignal | undefined;
    if (abortSignal?.aborted) return Promise.reject(abortError(abortSignal));
    const t = this.timeouts(options);
    let head: string;
    try {
      head = requestHead(request);
    } catch (e) {
      return Promise.reject(e);
    }
    const c = this.acquire(request);
    const reused = c.reused;
    return new Promise((resolve, reject) => {
      let settled = false;
      let finished = false;
      let gotBytes = false;
      let body: Readable | undefined;
      let merged: Buffer | undefined;
      let placeWait: (() => void) | undefined;
      const into = (options as { [PLACEMENT]?: Placement })[PLACEMENT];
      /** body bytes parsed so far */
      let received = 0;
      const timers: NodeJS.Timeout[] = [];
      const cleanup = () => {
        for (const x of timers) clearTimeout(x);
        abortSignal?.removeEventListener('abort', onAbort);
      };
      // the exchange ends early: the connection is closed, never reused
      const drop = () => {
        finished = true;
        cleanup();
        this.busy.delete(c);
        c.sink = undefined;
        c.place = undefined;
        c.onEnd = undefined;
        c.socket.destroy();
      };
      // the exchange failed: before the head, the promise; after it, the body stream
      const fail = (err: Error) => {
        if (finished) return;
        drop();
        if (!settled) {
          settled = true;
          // a kept-alive connection the server closed while idle: once more on a new one
          if (mayRetry && reused && !gotBytes && !abortSignal?.aborted && (err as { code?: string }).code !== 'ETIMEDOUT') {
            this.get(request, options, false).then(resolve, reject);
            return;
          }
          const code = (err as { code?: string }).code;
          if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT') err.name = 'TimeoutError';
          reject(err);
        } else body?.destroy(err);
      };
      const onAbort = () => fail(abortError(abortSignal!));
      abortSignal?.addEventListener('abort', onAbort, { once: true });
      const flush = () => {
        if (merged && merged.length) {
          const m = merged;
          merged = undefined;
          if (!body!.push(m)) c.pause();
        }
      };
      const parser = new ResponseParser({
        head: (h: ResponseHead) => {
          settled = true;
          for (const x of timers) clearTimeout(x);
          timers.length = 0;
          // object mode: each chunk reaches the reader as it was pushed (a byte stream's read()
          // concatenates what it holds into a new Buffer: that copy was a quarter of this thread's time)
          body = new Readable({
            objectMode: true,
            highWaterMark: HIGH_WATER_CHUNKS,
            read: () => c.resume(),
            destroy: (err, cb) => {
              // the reader stopped early: the connection cannot be reused
              if (!finished) drop();
              cb(err);
            },
          });
          // a 206 with a Content-Length body: its bytes may be read into the placement
          const range = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(h.headers['content-range'] ?? '');
          if (into && h.statusCode === 206 && range) {
            const bodyAt = Number(range[1]);
            c.place = () => {
              const left = parser.lengthLeft;
              if (finished || left <= 0) return undefined;
              const v = into.at(bodyAt + received);
              if (!v || v.length === 0) return undefined;
              return v.length > left ? v.subarray(0, left) : v;
            };
            // no room for the next bytes: stop reading until there is (the bytes wait in TCP, not here)
            placeWait = () => {
              const left = parser.lengthLeft;
              if (finished || left <= 0 || c.waitingForRoom) return;
              const at = bodyAt + received;
              const probe = into.at(at);
              if (probe && probe.length > 0) return;
              c.waitingForRoom = true;
              into.room(at, Math.min(left, ROOM_BYTES)).then(() => {
                if (!finished && c.sink === sink) c.roomCame();
              }, () => {});
            };
          }
          resolve({ response: { statusCode: h.statusCode, reason: h.reason, headers: h.headers, body } as HttpResponse });
        },
        body: (view) => {
          received += view.length;
          // merge contiguous views (consecutive reads into one slab) into one chunk
          if (merged && merged.buffer === view.buffer && merged.byteOffset + merged.length === view.byteOffset) {
            merged = Buffer.from(merged.buffer, merged.byteOffset, merged.length + view.length);
          } else {
            flush();
            merged = view;
          }
          if (merged.length >= CHUNK_BYTES) flush();
        },
        done: (extra) => {
          flush();
          finished = true;
          cleanup();
          body!.push(null);
          this.release(c, !extra);
        },
      });
      const sink = (view: Buffer) => {
        gotBytes = true;
        try {
          parser.feed(view, 0, view.length);
          // what this read gave is handed out now (the next read may be a while)
          if (!finished) {
            flush();
            placeWait?.();
          }
        } catch (e) {
          fail(e instanceof Error ? e : new Error(String(e)));
        }
      };
      c.sink = sink;
      c.onEnd = (err) => {
        if (finished) return;
        if (err) return fail(err);
        try {
          parser.eof();
        } catch (e) {
          fail(e as Error);
        }
      };
      if (t.connectionTimeout && c.socket.connecting) {
        const ms = t.connectionTimeout;
        timers.push(setTimeout(() => fail(codedError(`the connection to ${request.hostname} was not made within ${ms} ms`, 'ETIMEDOUT', 'TimeoutError')), ms));
        c.socket.once('connect', () => clearTimeout(timers[0]));
      }
      if (t.requestTimeout && t.throwOnRequestTimeout) {
        const ms = t.requestTimeout;
        timers.push(setTimeout(() => fail(codedError(`no response from ${request.hostname} within ${ms} ms`, 'ETIMEDOUT', 'TimeoutError')), ms));
      }
      if (t.socketTimeout) {
        const ms = t.socketTimeout;
        c.onTimeout = () => fail(codedError(`${request.hostname} sent nothing for ${ms} ms`, 'ETIMEDOUT', 'TimeoutError'));
        c.socket.setTimeout(ms);
      }
      c.socket.write(head);
      c.resume();
      if (!c.paused) c.socket.resume();
    });
  }
}

/** An S3Client extension that puts a RangedGetHandler in front of the client's own handler. */
export function rangedGetExtension(opts: RangedGetOptions = {}) {
  return {
    configure(ext: { httpHandler(): unknown; setHttpHandler(h: unknown): void }) {
      ext.setHttpHandler(new RangedGetHandler(ext.httpHandler() as InnerHandler, opts));
    },
  };
}

export { HttpProtocolError };
