// How the sandbox's S3 reads an object's bytes for GetObject (and for import jobs reading the
// object). The S3 server runs on the same cores as the client it serves (the validator, `aws s3
// cp`), so every bit of CPU it spends per byte is taken from the client. The answer is s3rver's
// own — the same metadata, the same range rules, the same unsatisfiable-range object — only the
// body is read differently from its filesystem store's `createReadStream` (64 KiB chunks):
//  - in 1 MiB reads (a sixteenth of the trips: thread-pool read, stream event, socket write);
//  - when the body is piped into an HTTP response (Koa's `body.pipe(res)`, i.e. every GetObject),
//    into a few buffers reused for the whole answer (and left to the next answer), each read
//    again only once the socket has taken it (the write's callback), and no more read while the
//    socket says wait ('drain').
//    A fresh 1 MiB buffer per read cost about a third of the server's CPU per 200 MB GET: V8
//    answers new external memory with full collections (6 per GET in --trace-gc; none now).
// Anything else (import jobs' `for await`, s3rver's own pipes) reads the usual stream way, a
// fresh buffer per chunk, since it may keep the chunks.
import { close, open, read } from 'node:fs';
import { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type S3rver from 's3rver';
import S3Object from 's3rver/lib/models/object.js';

/** bytes per read of an object's file (Node's default is 64 KiB) */
export const OBJECT_READ_CHUNK = 1 << 20;
/** buffers one answer to an HTTP GET reads into, in turn (one read while the others are written) */
const SERVE_BUFFERS = 2;
/** buffers a finished answer leaves for the next (`aws s3 cp` asks for an object in 8 MB GETs) */
const spare: Buffer[] = [];
const SPARE_MAX = 16;
const recycle = (b: Buffer) => {
  if (spare.length < SPARE_MAX) spare.push(b);
};

type Store = S3rver['store'] & { getMetadata(bucket: string, key: string): Promise<Record<string, string>> };

/** An object's bytes `start`..`end` (inclusive) from an open file, which it closes when done. */
export class ObjectBody extends Readable {
  private pos: number;
  private readonly last: number;

  constructor(private fd: number, start: number, end: number) {
    super({ highWaterMark: OBJECT_READ_CHUNK });
    this.pos = start;
    this.last = end;
  }

  override _read(): void {
    const len = Math.min(OBJECT_READ_CHUNK, this.last + 1 - this.pos);
    if (len <= 0) {
      this.push(null);
      return;
    }
    const buf = Buffer.allocUnsafeSlow(len);
    read(this.fd, buf, 0, len, this.pos, (err, n) => {
      if (err) this.destroy(err);
      else if (n === 0) this.push(null);
      else {
        this.pos += n;
        this.push(n < len ? buf.subarray(0, n) : buf);
      }
    });
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    const fd = this.fd;
    this.fd = -1;
    if (fd < 0) cb(err);
    else close(fd, (e) => cb(err ?? e));
  }

  override pipe<T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T {
    if (!(dest instanceof ServerResponse) || options?.end === false || this.readableFlowing !== null || this.destroyed) return super.pipe(dest, options);
    this.serve(dest);
    return dest;
  }

  /** writes the bytes into `res` through a few reused buffers, then ends it (and this stream) */
  private serve(res: ServerResponse): void {
    const free: Buffer[] = [];
    let made = 0;
    let reading = false;
    let draining = false;
    let done = false;
    const release = () => {
      done = true;
      for (const b of free.splice(0)) recycle(b);
    };
    const finish = () => {
      release();
      res.end();
      // ends this stream the ordinary way ('end', then auto-destroy closes the file)
      this.push(null);
      this.resume();
    };
    const pump = (): void => {
      if (reading || draining || this.destroyed || this.fd < 0) return;
      const len = Math.min(OBJECT_READ_CHUNK, this.last + 1 - this.pos);
      if (len <= 0) return finish();
      let buf = free.pop();
      if (!buf) {
        if (made === SERVE_BUFFERS) return; // every buffer is still with the socket: its callback pumps
        buf = spare.pop() ?? Buffer.allocUnsafeSlow(OBJECT_READ_CHUNK);
        made++;
      }
      const b = buf;
      reading = true;
      read(this.fd, b, 0, len, this.pos, (err, n) => {
        reading = false;
        if (this.destroyed) {
          recycle(b);
          return release();
        }
        if (err) return void this.destroy(err);
        if (n === 0) return finish(); // the file is shorter than its metadata says: as far as it goes
        this.pos += n;
        const ok = res.write(n < b.length ? b.subarray(0, n) : b, (e) => {
          if (e) return; // a failed write: the buffer is left to the collector
          if (done) return recycle(b);
          free.push(b);
          pump();
        });
        if (ok) pump();
        else {
          draining = true;
          res.once('drain', () => {
            draining = false;
            pump();
          });
        }
      });
    };
    res.once('close', () => {
      release();
      if (!this.readableEnded) this.destroy();
    });
    pump();
  }
}

export function patchObjectReads(store: S3rver['store']): void {
  const s = store as Store;
  s.getObject = async (bucket: string, key: string, options?: { start?: number; end?: number }) => {
    try {
      const metadata = await s.getMetadata(bucket, key);
      const lastByte = Math.max(0, Number(metadata['content-length']) - 1);
      // s3rver's own rules (filesystem.js getObject), but for one: its `end || Infinity` read
      // "bytes=0-0" (one byte, in S3) as the whole object
      const range = { start: options?.start || 0, end: Math.min(options?.end ?? Infinity, lastByte) };
      const ranged = Boolean(options && (options.start !== undefined || options.end !== undefined));
      if (range.start < 0 || Math.min(range.end, lastByte) < range.start) {
        // the range is not satisfiable: an object without content (the controller answers InvalidRange)
        const object = new S3Object(bucket, key, null, metadata);
        if (ranged) object.range = range;
        return object;
      }
      const fd = await new Promise<number>((resolve, reject) => open(s.getResourcePath(bucket, key, 'object'), 'r', (err, fd) => (err ? reject(err) : resolve(fd))));
      try {
        const object = new S3Object(bucket, key, new ObjectBody(fd, range.start, range.end), metadata);
        if (ranged) object.range = range;
        return object;
      } catch (err) {
        close(fd, () => {});
        throw err;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
}
