// An HTTP/1.1 response parser for ranged-get.ts (the S3 reads of `validate s3://…`): fed the bytes a
// socket read, in place, it hands out the status, the headers, and the body as views of those same
// bytes (no copy). Bodies: Content-Length, `Transfer-Encoding: chunked` (trailers skipped), and none
// (1xx skipped, 204, 304) or read to the connection's close. Anything malformed is an error, and the
// connection is not used again.

/** bytes a response's status line and headers may take */
const MAX_HEAD = 64 * 1024;
/** bytes a chunk-size line or a trailer line may take */
const MAX_LINE = 8 * 1024;

export interface ResponseHead {
  statusCode: number;
  reason: string;
  /** names lower-cased; a repeated header's values joined with ", " */
  headers: Record<string, string>;
  /** the server keeps the connection open after this response */
  keepAlive: boolean;
}

export interface ResponseEvents {
  head(h: ResponseHead): void;
  /** a view of the bytes fed: valid as long as the caller keeps those bytes */
  body(view: Buffer): void;
  /** the body is complete; `extra`: bytes followed it in the same read (the connection is not reused) */
  done(extra: boolean): void;
}

export class HttpProtocolError extends Error {
  readonly code = 'EPROTO';
  constructor(message: string) {
    super(`bad HTTP response: ${message}`);
    this.name = 'HttpProtocolError';
  }
}

type State = 'head' | 'length' | 'close' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'done';

export class ResponseParser {
  private state: State = 'head';
  /** the head (or a chunk-size / trailer line) seen so far, when it spans reads */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private remaining = 0;
  private keepAlive = true;

  constructor(private readonly on: ResponseEvents) {}

  get complete(): boolean {
    return this.state === 'done';
  }

  /** bytes of a Content-Length body still to come (0 for any other kind of body) */
  get lengthLeft(): number {
    return this.state === 'length' ? this.remaining : 0;
  }

  /** whether a head has been parsed (bytes of the body may have come) */
  get started(): boolean {
    return this.state !== 'head';
  }

  /** Parses buf[from, to). Throws HttpProtocolError on a malformed response. */
  feed(buf: Buffer, from: number, to: number): void {
    let i = from;
    while (i < to) {
      switch (this.state) {
        case 'head': {
          const end = this.lineEnd(buf, i, to, true);
          if (end < 0) {
            this.keep(buf, i, to, MAX_HEAD, 'the status line and headers are too long');
            return;
          }
          const head = this.take(buf, i, end);
          i = end;
          this.onHead(head);
          break;
        }
        case 'length': {
          const n = Math.min(this.remaining, to - i);
          this.remaining -= n;
          this.on.body(buf.subarray(i, i + n));
          i += n;
          if (this.remaining === 0) this.finish(i < to);
          break;
        }
        case 'close':
          this.on.body(buf.subarray(i, to));
          i = to;
          break;
        case 'chunk-size': {
          const line = this.line(buf, i, to, MAX_LINE, 'a chunk-size line is too long');
          if (!line) return;
          i = line.end;
          const hex = line.text.split(';', 1)[0].trim();
          if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new HttpProtocolError(`chunk size "${hex.slice(0, 20)}"`);
          this.remaining = parseInt(hex, 16);
          this.state = this.remaining === 0 ? 'trailer' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          const n = Math.min(this.remaining, to - i);
          this.remaining -= n;
          this.on.body(buf.subarray(i, i + n));
          i += n;
          if (this.remaining === 0) this.state = 'chunk-end';
          break;
        }
        case 'chunk-end': {
          const line = this.line(buf, i, to, 2, 'no line end after a chunk');
          if (!line) return;
          if (line.text !== '') throw new HttpProtocolError('bytes after a chunk');
          i = line.end;
          this.state = 'chunk-size';
          break;
        }
        case 'trailer': {
          const line = this.line(buf, i, to, MAX_LINE, 'a trailer line is too long');
          if (!line) return;
          i = line.end;
          if (line.text === '') this.finish(i < to);
          break;
        }
        case 'done':
          // bytes after a complete response (nothing was asked for): the connection is not reused
          return;
      }
    }
  }

  /** The connection ended. Throws when the response is not complete (cut short). */
  eof(): void {
    if (this.state === 'close') {
      this.finish(false);
      return;
    }
    if (this.state !== 'done') {
      const e = new Error(this.state === 'head' ? 'the connection closed before a response' : 'the connection closed before the end of the response body') as Error & { code: string };
      e.code = 'ECONNRESET';
      throw e;
    }
  }

  private finish(extra: boolean): void {
    this.state = 'done';
    this.on.done(extra || !this.keepAlive);
  }

  /**
   * The index in buf just after the next line end in buf[i, to); for the head (which may have begun
   * in `pending`), after the empty line that ends it (CRLF CRLF, or LF LF). -1: not in these bytes.
   */
  private lineEnd(buf: Buffer, i: number, to: number, head: boolean): number {
    if (!head) {
      const nl = buf.indexOf(10, i);
      return nl < 0 || nl >= to ? -1 : nl + 1;
    }
    const before = this.pendingBytes;
    const hay = before ? Buffer.concat([...this.pending, buf.subarray(i, to)]) : buf.subarray(i, to);
    const crlf = hay.indexOf('\r\n\r\n');
    const lf = hay.indexOf('\n\n');
    const ends = [crlf < 0 ? Infinity : crlf + 4, lf < 0 ? Infinity : lf + 2];
    const at = Math.min(...ends);
    return at === Infinity ? -1 : i + at - before;
  }

  /**
   * The next line of a chunked body's framing (a chunk size, the line end after a chunk's data, a
   * trailer), trimmed, and the index just after it; null when it goes on past these bytes (what came
   * so far is kept, up to `max` bytes).
   */
  private line(buf: Buffer, i: number, to: number, max: number, what: string): { text: string; end: number } | null {
    const end = this.lineEnd(buf, i, to, false);
    if (end < 0) {
      this.keep(buf, i, to, max, what);
      return null;
    }
    return { text: this.take(buf, i, end).toString('latin1').trim(), end };
  }

  private keep(buf: Buffer, i: number, to: number, max: number, what: string): void {
    this.pendingBytes += to - i;
    if (this.pendingBytes > max) throw new HttpProtocolError(what);
    this.pending.push(Buffer.from(buf.subarray(i, to)));
  }

  /** pending + buf[i, end): the line (or head) now complete */
  private take(buf: Buffer, i: number, end: number): Buffer {
    const tail = buf.subarray(i, end);
    if (!this.pendingBytes) return tail;
    const all = Buffer.concat([...this.pending, tail]);
    this.pending = [];
    this.pendingBytes = 0;
    return all;
  }

  private onHead(raw: Buffer): void {
    const lines = raw.toString('latin1').split(/\r?\n/);
    const m = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0]);
    if (!m) throw new HttpProtocolError(`status line "${lines[0].slice(0, 40)}"`);
    const statusCode = Number(m[2]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      const c = line.indexOf(':');
      if (c <= 0 || /^\s/.test(line)) throw new HttpProtocolError(`header line "${line.slice(0, 40)}"`);
      const name = line.slice(0, c).trim().toLowerCase();
      const value = line.slice(c + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    // 1xx (but 101): an interim response; the real one follows
    if (statusCode >= 100 && statusCode < 200 && statusCode !== 101) return;
    const conn = (headers.connection ?? '').toLowerCase();
    this.keepAlive = m[1] === '1' ? !/\bclose\b/.test(conn) : /\bkeep-alive\b/.test(conn);
    const te = (headers['transfer-encoding'] ?? '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
    const cl = headers['content-length'];
    this.on.head({ statusCode, reason: m[3] ?? '', headers, keepAlive: this.keepAlive });
    if (statusCode === 204 || statusCode === 304 || statusCode === 101) {
      if (statusCode === 101) this.keepAlive = false;
      this.finish(false);
    } else if (te.length) {
      if (te[te.length - 1] !== 'chunked') {
        this.keepAlive = false;
        this.state = 'close';
      } else this.state = 'chunk-size';
    } else if (cl !== undefined) {
      if (!/^\d{1,15}$/.test(cl)) throw new HttpProtocolError(`Content-Length "${cl.slice(0, 30)}"`);
      this.remaining = Number(cl);
      this.state = 'length';
      if (this.remaining === 0) this.finish(false);
    } else {
      this.keepAlive = false;
      this.state = 'close';
    }
  }
}
