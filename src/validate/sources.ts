// Input sources: how the engine gets at the bytes it checks. A CsvSource is a stream (S3, a pipe,
// a test's chunks) or a local file (`path`); a local file can also be split at newlines across
// worker threads (splitAtNewlines + readPart) and read again from its start (reread, for the line
// set's sorted mode). Everything here reads; nothing checks.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import type { CsvSource } from './types.js';

/** block size of local reads */
export const READ_BLOCK = 1 << 20;

/** reads a source again from its start, handing chunks to `feed` while it answers true */
export type Reread = (feed: (chunk: Uint8Array) => boolean) => void;
/** a Reread that may wait for its bytes (the parent's thread: an S3 object's first part fetched again, ring-read.ts) */
export type RereadLater = (feed: (chunk: Uint8Array) => boolean) => Promise<void>;

/**
 * A Reread could not give the bytes asked for (the part checked on the parent's thread keeps only its
 * first bytes, ring-read.ts): the engine checks the source again with every part on a worker thread.
 */
export class RereadUnavailable extends Error {
  constructor() {
    super('the part cannot be read again on this thread');
  }
}

/**
 * A local source the engine may read more than once (split across workers, read again for sorted
 * mode): a regular file. A pipe, `<(…)`, /dev/stdin or a FIFO has a path too, but its bytes can be
 * read only once, as a stream.
 */
export function isRegularFile(src: CsvSource): src is CsvSource & { path: string } {
  if (!src.path) return false;
  try {
    return statSync(src.path).isFile();
  } catch {
    return false;
  }
}

/** what validateCsv accepts, as a list of sources */
export function sourceList(sources: CsvSource | CsvSource[] | AsyncIterable<Uint8Array>): CsvSource[] {
  if (Array.isArray(sources)) return sources;
  return isSource(sources) ? [sources] : [{ name: 'input', stream: sources as AsyncIterable<Uint8Array> }];
}

function isSource(x: unknown): x is CsvSource {
  return typeof x === 'object' && x !== null && 'name' in x && ('stream' in x || 'open' in x);
}

/** the source's bytes, opened now when it opens lazily */
export async function openSource(src: CsvSource): Promise<AsyncIterable<Uint8Array>> {
  const stream = src.stream ?? (src.open ? await src.open() : undefined);
  if (!stream) throw new Error(`source ${src.name} has neither stream nor open()`);
  return stream;
}

/**
 * A regular local file's bytes, read by the engine itself on its own thread (not by the source's
 * `open()`): `block` bytes at a time into two buffers used in turn, the next block read while one
 * is checked. A read stream's chunk is a new buffer each time, freed only when the garbage collector
 * gets to it: ~35 MB of a one-thread run's peak memory went to such chunks. A chunk is valid until
 * the next one is asked for (the checker copies what it keeps, as with worker parts and rereads).
 * Reads are asynchronous, so the event loop (a live view, Ctrl-C) runs between blocks.
 */
export async function* fileChunks(path: string, block = READ_BLOCK): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  const bufs = [Buffer.allocUnsafe(block), Buffer.allocUnsafe(block)];
  let k = 0;
  let pos = 0;
  let next = fh.read(bufs[0], 0, block, 0);
  try {
    for (;;) {
      const { bytesRead } = await next;
      if (bytesRead === 0) break;
      pos += bytesRead;
      const chunk = bufs[k].subarray(0, bytesRead);
      k ^= 1;
      next = fh.read(bufs[k], 0, block, pos);
      yield chunk;
    }
  } finally {
    // stopped early (an error, an interrupt): the read in flight ends before the file closes
    await next.catch(() => {});
    await fh.close();
  }
}

/** a Reread of bytes [start, end) of a local file, after `prefix` (a worker part's header) */
export function rereadFile(path: string, start: number, end: number, prefix?: Uint8Array): Reread {
  return (feed) => {
    if (prefix && !feed(prefix)) return;
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(READ_BLOCK);
      let pos = start;
      while (pos < end) {
        const n = readSync(fd, buf, 0, Math.min(READ_BLOCK, end - pos), pos);
        if (n === 0) break;
        pos += n;
        if (!feed(n === buf.length ? buf : buf.subarray(0, n))) break;
      }
    } finally {
      closeSync(fd);
    }
  };
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.allocUnsafe(len);
  const n = readSync(fd, b, 0, len, pos);
  return b.subarray(0, n);
}

/** a local file cut into parts at newlines: each part starts at a record */
export interface FileSplit {
  /** line 1 with its newline, without a UTF-8 BOM (every part's checker reads it first) */
  header: Buffer;
  bom: boolean;
  /** part k is bytes [bounds[k], bounds[k + 1]); bounds[0] is just after the header */
  bounds: number[];
}

/** the header line of a file's first block (null when there is none, or nothing after it) */
function headerOf(head: Buffer, size: number): { header: Buffer; bom: boolean; end: number } | null {
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const nl = head.indexOf(10, bom ? 3 : 0);
  if (nl < 0 || nl + 1 >= size) return null;
  return { header: Buffer.from(head.subarray(bom ? 3 : 0, nl + 1)), bom, end: nl + 1 };
}

/**
 * where part k of `parts` is cut before looking for the next newline: equal parts, but the first
 * `lead` bytes longer (the thread checking it starts earlier), by at most a quarter of a part, and
 * not in files under 32 MiB (cut in the middle: checked in a few milliseconds, however split)
 */
function cutGuess(first: number, size: number, k: number, parts: number, lead = 0): number {
  const l = size - first < 32 << 20 ? 0 : Math.min(lead, Math.floor((size - first) / (parts * 4)));
  return first + l + Math.floor(((size - first - l) * k) / parts);
}

/** the cut after the first newline of `block` (read at `pos`), or -1 when it does not make a part */
function cutAfterNewline(block: Buffer, pos: number, size: number): number {
  const i = block.indexOf(10);
  return i < 0 || pos + i + 1 >= size ? -1 : pos + i + 1;
}

/**
 * Cuts a file of `size` bytes into (up to) `parts` parts of about equal size at newlines (Personalize
 * reads one record a line, so every part starts at a record). Null when it does not suit splitting:
 * no header line in the first MiB, or nothing after it. `lead`: the first part is that much longer
 * (see cutGuess).
 */
export function splitAtNewlines(path: string, size: number, parts: number, lead = 0): FileSplit | null {
  const fd = openSync(path, 'r');
  try {
    const h = headerOf(readAt(fd, 0, READ_BLOCK + 3), size);
    if (!h) return null;
    const bounds = [h.end];
    for (let k = 1; k < parts; k++) {
      const pos = cutGuess(bounds[0], size, k, parts, lead);
      if (pos <= bounds[bounds.length - 1]) continue;
      const cut = cutAfterNewline(readAt(fd, pos, READ_BLOCK), pos, size);
      if (cut >= 0) bounds.push(cut);
    }
    bounds.push(size);
    return { header: h.header, bom: h.bom, bounds };
  } finally {
    closeSync(fd);
  }
}

/**
 * The same cuts as splitAtNewlines, for bytes read some other way (an S3 object's ranges): `head`
 * is the first READ_BLOCK + 3 bytes, `readAt(pos)` the READ_BLOCK bytes at pos.
 */
export async function splitPoints(head: Buffer, size: number, parts: number, readAt: (pos: number) => Promise<Buffer>): Promise<FileSplit | null> {
  const h = headerOf(head, size);
  if (!h) return null;
  const bounds = [h.end];
  for (let k = 1; k < parts; k++) {
    const pos = cutGuess(bounds[0], size, k, parts);
    if (pos <= bounds[bounds.length - 1]) continue;
    const cut = cutAfterNewline(await readAt(pos), pos, size);
    if (cut >= 0) bounds.push(cut);
  }
  bounds.push(size);
  return { header: h.header, bom: h.bom, bounds };
}

/**
 * Reads bytes [start, end) of a local file block by block into `buf` (a worker reads straight into
 * the fast lane's memory), calling `chunk` with each block's bytes and the bytes read so far;
 * `waitFor(pos)` (a spool being filled) blocks until the file holds the bytes before pos.
 */
export function readPart(path: string, start: number, end: number, buf: Uint8Array, chunk: (bytes: Uint8Array, done: number) => void, waitFor?: (pos: number) => void): void {
  const fd = openSync(path, 'r');
  try {
    let pos = start;
    while (pos < end) {
      // a file still being filled (an S3 object's spool): wait for the block's bytes
      waitFor?.(Math.min(end, pos + buf.length));
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n === 0) break;
      pos += n;
      chunk(n === buf.length ? buf : buf.subarray(0, n), pos - start);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * readPart on the parent's thread: the same reads, but the event loop runs between blocks (a live
 * view, Ctrl-C, the worker threads' messages); stops, throwing, once `stopped()` says so.
 */
export async function readPartAsync(path: string, start: number, end: number, buf: Uint8Array, chunk: (bytes: Uint8Array, done: number) => void, stopped: () => boolean): Promise<void> {
  const fd = openSync(path, 'r');
  try {
    let pos = start;
    while (pos < end) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stopped()) throw new AppError('interrupted', 'Validation was cancelled.');
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n === 0) break;
      pos += n;
      chunk(n === buf.length ? buf : buf.subarray(0, n), pos - start);
    }
  } finally {
    closeSync(fd);
  }
}
