// Remote inputs (S3 objects) checked on one thread read by byte ranges into a local spool file that
// the checker follows as it fills (split for the worker threads, they go through shared memory
// instead: remote-ring.ts): the object is cut at newlines exactly as a local file is (sources.ts splitPoints), each
// part is fetched as consecutive ranges with several in flight, and a range that fails is fetched
// again from where it broke (not the whole object). The checkers (worker threads, or the engine's
// own loop) read the spool like a local file, waiting for bytes not yet there, so downloading and
// checking overlap, and the time-ordered fast path (which may read its part again) works as for a
// local file. The spool is a temporary file, removed when the source is done, on an error, and at
// process exit. The split's first probe may be bytes the caller already has (RangeReader.start:
// validate s3://… asks for them beside HeadObject). Core module: the ranges come from a RangeReader
// (src/aws implements it for S3).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { READ_BLOCK, splitPoints, type FileSplit } from './sources.js';
import type { Placement, RangeReader } from './types.js';

/** bytes a range GET asks for */
export const RANGE_BYTES = 8 * 1024 * 1024;
/** range GETs in flight for each part */
export const RANGES_IN_FLIGHT = 3;
/** attempts for one range without a byte of progress (each resumes where the last one broke) */
export const RANGE_ATTEMPTS = 4;

const spools = new Set<string>();
let hooked = false;
function removeAllSpools(): void {
  for (const d of spools) rmSync(d, { recursive: true, force: true });
  spools.clear();
}

/** Reads [start, end) of the object into one Buffer (small reads: the split's probes). */
async function readRange(ranges: RangeReader, start: number, end: number, signal?: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  await fetchRange(ranges, start, end, signal, (c) => {
    chunks.push(Buffer.from(c));
    got += c.length;
  });
  return Buffer.concat(chunks, got);
}

/** Streams [start, end) to `sink`, retrying a broken range from where it broke. */
export async function fetchRange(ranges: RangeReader, start: number, end: number, signal: AbortSignal | undefined, sink: (chunk: Uint8Array, at: number) => void | Promise<void>, into?: Placement): Promise<void> {
  let pos = start;
  for (let attempt = 1; pos < end; attempt++) {
    if (signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
    const from = pos;
    try {
      for await (const chunk of await ranges.read(pos, end, signal, into)) {
        const c = chunk.length > end - pos ? chunk.subarray(0, end - pos) : chunk;
        await sink(c, pos);
        pos += c.length;
        if (pos >= end) break;
      }
      if (pos < end) throw new Error(`range ended early at byte ${pos} of ${end}`);
    } catch (e) {
      if (signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
      // a connection that broke after some bytes made progress: its count starts again
      if (pos > from) attempt = 0;
      else if (attempt >= RANGE_ATTEMPTS) throw e;
    }
  }
}

/** bytes a split's probe asks for first (the newline it looks for is almost always in them) */
export const PROBE_BYTES = 64 * 1024;

/**
 * Cuts an object into parts at newlines, as splitAtNewlines does a local file (same points, same
 * header rule). Where the local split reads a MiB (the first one, and one at each cut) to find a
 * newline, this reads the first 64 KiB of it, and the rest of the MiB only when no newline is in
 * them: the same bytes up to that newline, so the same cuts, for a sixteenth of the download that
 * checking waits for.
 */
export async function splitRemote(ranges: RangeReader, size: number, parts: number, signal?: AbortSignal): Promise<FileSplit | null> {
  const known = await ranges.start?.catch(() => undefined);
  const probe = async (pos: number, len: number): Promise<Buffer> => {
    const end = Math.min(size, pos + len);
    const want = Math.min(end, pos + PROBE_BYTES) - pos;
    // the first bytes the caller fetched already (the same bytes this would ask for)
    const first = pos === 0 && known && known.length >= want ? Buffer.from(known.buffer, known.byteOffset, want) : await readRange(ranges, pos, pos + want, signal);
    if (first.indexOf(10) >= 0 || pos + first.length >= end) return first;
    return Buffer.concat([first, await readRange(ranges, pos + first.length, end, signal)]);
  };
  const head = await probe(0, READ_BLOCK + 3);
  return splitPoints(head, size, parts, (pos) => probe(pos, READ_BLOCK));
}

/**
 * An object being copied into a local file, part by part. `avail` holds two BigInt64 slots per part:
 * [k] = the absolute offset up to which the file holds part k's bytes (-1 = failed), and
 * [parts + k] = the offset a checker waiting on part k wants. The download stores every advance but
 * wakes a waiter only once what it wants is there: a worker reads 1 MiB blocks while the bytes
 * arrive in 64 KiB socket reads, and a wake for each (a futex call and a thread switch, on 2 cores
 * shared with the download) cost more than the wait.
 */
export class Spool {
  readonly file: string;
  private readonly dir: string;
  /** per part: the absolute offset up to which the file holds the object's bytes (-1 = failed), then per part the offset wanted */
  readonly avail: SharedArrayBuffer;
  private readonly view: BigInt64Array;
  private waiters: { k: number; pos: number; wake: () => void }[] = [];
  private failure: unknown;
  readonly done: Promise<void>;
  private readonly ac = new AbortController();

  /** `cuts`: the parts' start offsets (the first is 0), each part runs to the next cut or `size` */
  private readonly rangeBytes: number;
  private readonly inFlight: number;

  constructor(private readonly ranges: RangeReader, readonly size: number, readonly cuts: number[], signal?: AbortSignal, opts: { rangeBytes?: number; inFlight?: number } = {}) {
    this.rangeBytes = Math.max(1, opts.rangeBytes ?? RANGE_BYTES);
    this.inFlight = Math.max(1, opts.inFlight ?? RANGES_IN_FLIGHT);
    if (!hooked) {
      hooked = true;
      process.on('exit', removeAllSpools);
    }
    this.dir = mkdtempSync(path.join(tmpdir(), 'personalize-import-spool-'));
    spools.add(this.dir);
    this.file = path.join(this.dir, 'object.csv');
    closeSync(openSync(this.file, 'w'));
    this.avail = new SharedArrayBuffer(16 * cuts.length);
    this.view = new BigInt64Array(this.avail);
    cuts.forEach((c, k) => (this.view[k] = BigInt(c)));
    this.view.fill(-1n, cuts.length);
    const onAbort = () => this.ac.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.done = this.download().then(
      () => signal?.removeEventListener('abort', onAbort),
      (e) => {
        signal?.removeEventListener('abort', onAbort);
        this.failure = e;
        for (let k = 0; k < cuts.length; k++) {
          Atomics.store(this.view, k, -1n);
          Atomics.notify(this.view, k);
        }
        this.wake(-1, 0);
        throw e;
      },
    );
    this.done.catch(() => {});
  }

  /** wakes this thread's waiters on part k that `at` satisfies (k = -1: all of them) */
  private wake(k: number, at: number): void {
    if (!this.waiters.length) return;
    const keep: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (k < 0 || (w.k === k && w.pos <= at)) w.wake();
      else keep.push(w);
    }
    this.waiters = keep;
  }

  /** part k's bytes are in the file up to `at`: store it, and wake whoever waits for no more than that */
  private advance(k: number, at: number): void {
    Atomics.store(this.view, k, BigInt(at));
    const want = Atomics.load(this.view, this.cuts.length + k);
    if (want >= 0n && BigInt(at) >= want) Atomics.notify(this.view, k);
    this.wake(k, at);
  }

  private async download(): Promise<void> {
    const fd = openSync(this.file, 'r+');
    try {
      await Promise.all(this.cuts.map((start, k) => this.downloadPart(fd, k, start, this.cuts[k + 1] ?? this.size)));
    } finally {
      closeSync(fd);
    }
  }

  /** part k: consecutive ranges, RANGES_IN_FLIGHT at once; its avail moves as the front range fills */
  private async downloadPart(fd: number, k: number, start: number, end: number): Promise<void> {
    const ranges: { start: number; end: number; written: number; done: boolean }[] = [];
    for (let p = start; p < end; p += this.rangeBytes) ranges.push({ start: p, end: Math.min(end, p + this.rangeBytes), written: 0, done: false });
    // the front range: the first one not complete (the part's bytes are there up to its written end)
    let front = 0;
    const publish = () => {
      while (front < ranges.length && ranges[front].done) front++;
      this.advance(k, front < ranges.length ? ranges[front].start + ranges[front].written : end);
    };
    let next = 0;
    const lane = async () => {
      while (next < ranges.length) {
        const r = ranges[next++];
        await fetchRange(this.ranges, r.start + r.written, r.end, this.ac.signal, (chunk, at) => {
          writeSync(fd, chunk, 0, chunk.length, at);
          r.written = at + chunk.length - r.start;
          // only the front range moves what a checker may read
          if (r === ranges[front]) publish();
        });
        r.done = true;
        publish();
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.inFlight, ranges.length) }, lane));
  }

  /** Resolves once the file holds bytes up to `pos` of the part starting at cut k (for this thread's own reads). */
  async until(k: number, pos: number): Promise<void> {
    while (true) {
      const have = Atomics.load(this.view, k);
      if (have < 0n) throw this.failure;
      if (have >= BigInt(pos)) return;
      await new Promise<void>((wake) => this.waiters.push({ k, pos, wake }));
    }
  }

  /** Stops downloading and removes the file. */
  async dispose(): Promise<void> {
    this.ac.abort();
    await this.done.catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
    spools.delete(this.dir);
  }
}

/**
 * In a worker thread: blocks until the spool file holds bytes up to `pos` of part k (Atomics.wait on
 * the spool's shared counters). Throws when the download failed (the parent reports why).
 */
export function waitForBytes(avail: SharedArrayBuffer, k: number, pos: number): void {
  const v = new BigInt64Array(avail);
  const want = BigInt(pos);
  // say what we wait for before looking (the download stores its offset, then reads this: one of
  // the two sees the other's write, so no wake is missed)
  Atomics.store(v, v.length / 2 + k, want);
  for (;;) {
    const have = Atomics.load(v, k);
    if (have < 0n) throw new Error('the download of this part failed');
    if (have >= want) return;
    Atomics.wait(v, k, have, 1000);
  }
}
