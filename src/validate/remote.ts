// Remote inputs (S3 objects) read by byte ranges into a local spool file that the checkers follow as
// it fills: the object is cut at newlines exactly as a local file is (sources.ts splitPoints), each
// part is fetched as consecutive ranges with several in flight, and a range that fails is fetched
// again from where it broke (not the whole object). The checkers (worker threads, or the engine's
// own loop) read the spool like a local file, waiting for bytes not yet there, so downloading and
// checking overlap, and the time-ordered fast path (which may read its part again) works as for a
// local file. The spool is a temporary file, removed when the source is done, on an error, and at
// process exit. Core module: the ranges come from a RangeReader (src/aws implements it for S3).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../core/errors.js';
import { READ_BLOCK, splitPoints, type FileSplit } from './sources.js';
import type { RangeReader } from './types.js';

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
async function fetchRange(ranges: RangeReader, start: number, end: number, signal: AbortSignal | undefined, sink: (chunk: Uint8Array, at: number) => void | Promise<void>): Promise<void> {
  let pos = start;
  for (let attempt = 1; pos < end; attempt++) {
    if (signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
    const from = pos;
    try {
      for await (const chunk of await ranges.read(pos, end, signal)) {
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

/**
 * Cuts an object into parts at newlines, as splitAtNewlines does a local file (same points, same
 * header rule), reading only the first MiB and a MiB at each cut.
 */
export async function splitRemote(ranges: RangeReader, size: number, parts: number, signal?: AbortSignal): Promise<FileSplit | null> {
  const head = await readRange(ranges, 0, Math.min(size, READ_BLOCK + 3), signal);
  return splitPoints(head, size, parts, (pos) => readRange(ranges, pos, Math.min(size, pos + READ_BLOCK), signal));
}

/** An object being copied into a local file, part by part; `avail[k]` = bytes of part k there so far (absolute end). */
export class Spool {
  readonly file: string;
  private readonly dir: string;
  /** per part: the absolute offset up to which the file holds the object's bytes; -1 = failed */
  readonly avail: SharedArrayBuffer;
  private readonly view: BigInt64Array;
  private waiters: (() => void)[] = [];
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
    this.avail = new SharedArrayBuffer(8 * cuts.length);
    this.view = new BigInt64Array(this.avail);
    cuts.forEach((c, k) => (this.view[k] = BigInt(c)));
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
        this.wake();
        throw e;
      },
    );
    this.done.catch(() => {});
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
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
    const publish = () => {
      let at = start;
      for (const r of ranges) {
        at = r.start + r.written;
        if (!r.done) break;
      }
      Atomics.store(this.view, k, BigInt(at));
      Atomics.notify(this.view, k);
      this.wake();
    };
    let next = 0;
    const lane = async () => {
      while (next < ranges.length) {
        const r = ranges[next++];
        await fetchRange(this.ranges, r.start + r.written, r.end, this.ac.signal, (chunk, at) => {
          writeSync(fd, chunk, 0, chunk.length, at);
          r.written = at + chunk.length - r.start;
          publish();
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
      await new Promise<void>((r) => this.waiters.push(r));
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
  for (;;) {
    const have = Atomics.load(v, k);
    if (have < 0n) throw new Error('the download of this part failed');
    if (have >= BigInt(pos)) return;
    Atomics.wait(v, k, have, 1000);
  }
}
