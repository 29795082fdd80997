// An S3 object split for the worker threads, handed to them through shared memory instead of a spool
// file (remote.ts's Spool, kept for one thread). Each part has a ring (RING bytes of a
// SharedArrayBuffer): this thread copies the range GETs' bytes in at their offsets (several ranges
// in flight, as the Spool writes them), and the part's worker copies them out as they become
// contiguous; a range ahead waits for room. The spool file cost this thread a write of every byte
// and the workers a read of it (~0.2 s of CPU for 200 MB on two cores shared with the S3 server),
// and it grew to the object's size on disk.
// The time-ordered fast path may read its part again (Reread, catchup.ts): the worker asks this
// thread for [from, to) of the object and reads it through a second, smaller ring while this thread
// fetches it again by ranges; stopping early (the usual case: up to the line where sorted mode
// ended) aborts that fetch, and the worker goes on once this thread says the fetch has stopped.
// Core module: the ranges come from a RangeReader (src/aws implements it for S3).
import { AppError } from '../core/errors.js';
import { fetchRange } from './remote.js';
import type { Placement, RangeReader } from './types.js';

/**
 * bytes of a part's ring (a range ahead of the checker waits for room). 4 MiB, not 16: the copies in
 * and out stay in cache — this thread's copies of 200 MB took ~90 ms through a 4 MiB ring against
 * 160–230 through 16 MiB and ~310 through 32 (scripts/bench-s3.mjs, 2026-12-05).
 */
export const RING_BYTES = 4 << 20;
/**
 * bytes a range GET of a part asks for, and ranges in flight for each part: 32 MiB, two at once (four
 * connections for two workers), not the spool's 8 MiB × 3. A range ahead of the front one can only
 * fill the ring's room, so more of them add connections and requests (each signed, sent, parsed;
 * on the sandbox, served on the same two cores) more than speed: 200 MB in the sandbox, seven
 * alternating runs, median 1361 ms (1.80 s client CPU + 0.36 s sandbox) against 1498 (1.87 + 0.44)
 * with 8 MiB × 3 and 1460 with 16 MiB × 2 (scripts/bench-s3.mjs's object, 2026-12-05). A range that
 * breaks is resumed where it broke (fetchRange), so a bigger one costs nothing more to retry.
 */
export const RING_RANGE_BYTES = 32 << 20;
export const RING_RANGES_IN_FLIGHT = 2;
/** bytes of a part's ring for reading it again */
export const REREAD_RING_BYTES = 2 << 20;
/** bytes a worker copies out at a time when reading again */
export const REREAD_BLOCK = 1 << 20;

// BigInt64 slots
export const AVAIL = 0; // the object's bytes of the part are in the ring up to this offset (-1: failed)
export const WANT = 1; // the offset the part's worker waits for (-1: none)
export const CONSUMED = 2; // the worker has copied out the bytes before this offset
export const RR_AVAIL = 3; // reread: bytes in the reread ring up to this offset (-1: failed)
export const RR_CONSUMED = 4; // reread: the worker has copied out the bytes before this offset
export const RR_FROM = 5;
export const RR_TO = 6;
// Int32 slots (after the 8 BigInt64s)
export const REQ = 0; // reread requests made (the worker adds one; -1: the spool is closed)
export const CANCEL = 1; // reread requests stopped early by the worker
export const ACK = 2; // reread requests whose fetch has ended
const EXTERNAL = 3; // 1: the part's ring is not after HEAD but a region given to the RingSpool (the workers' lane memory)
const HEAD = 64 + 16;

/** Atomics.waitAsync (Node ≥ 16; not yet in this project's TypeScript lib) */
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array | BigInt64Array, i: number, v: number | bigint): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

export interface Channel {
  sab: SharedArrayBuffer;
  big: BigInt64Array;
  i32: Int32Array;
  ring: Buffer;
  rr: Buffer;
}

// Buffers over the rings: Buffer#copy is a memcpy, where TypedArray#set into shared memory copied
// at a fifth of the speed (200 ms of this thread's time for 200 MB). `ring`: the part's ring is
// that memory (a region of the workers' lane memory), the channel holds the reread ring only.
export function channel(sab: SharedArrayBuffer, ringBytes: number, ring?: Uint8Array): Channel {
  const i32 = new Int32Array(sab, 64, 4);
  const external = Atomics.load(i32, EXTERNAL) === 1;
  return {
    sab,
    big: new BigInt64Array(sab, 0, 8),
    i32,
    ring: ring ? asBuffer(ring).subarray(0, ringBytes) : Buffer.from(sab, HEAD, external ? 0 : ringBytes),
    rr: Buffer.from(sab, external ? HEAD : HEAD + ringBytes),
  };
}

/** a Buffer over the bytes of `u` (no copy) */
const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

// Copies into or out of shared memory go through V8's relaxed (racy-safe) memcpy, which moves words
// only where source and destination sit at the same offset modulo 8, and bytes one at a time
// elsewhere: a 64 KiB socket read into the ring at an odd offset took ~5× a memcpy's time (put() was
// 230 ms of this thread's CPU for 200 MB). So both sides keep their copies co-aligned: put() moves a
// misaligned chunk through a small private buffer at the ring's alignment (a plain memcpy, then an
// aligned one), and the worker ends its blocks at offsets where the next one is aligned (ringReadPart).

/** bytes of the private buffer put() realigns through */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | undefined;

/** whether a copy between a and b (byte addresses within their buffers) moves whole words */
const coAligned = (a: number, b: number): boolean => ((a ^ b) & 7) === 0;

/** copies src into dst at index i, through the private buffer when their alignments differ */
function copyIn(dst: Buffer, i: number, src: Buffer): void {
  if (coAligned(src.byteOffset, dst.byteOffset + i)) {
    src.copy(dst, i);
    return;
  }
  scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES + 8);
  for (let off = 0; off < src.length; off += SCRATCH_BYTES) {
    const n = Math.min(SCRATCH_BYTES, src.length - off);
    const o = (dst.byteOffset + i + off - scratch.byteOffset) & 7;
    src.copy(scratch, o, off, off + n);
    scratch.copy(dst, i + off, o, o + n);
  }
}

/** copies `src` into the ring at object offset `at` (the ring holds offset o at o mod its size) */
function put(ring: Buffer, at: number, src: Uint8Array): void {
  const b = asBuffer(src);
  const i = at % ring.length;
  // read straight into the ring (the placement given to the range reader): already there
  if (b.buffer === ring.buffer && b.byteOffset === ring.byteOffset + i) return;
  const first = Math.min(b.length, ring.length - i);
  copyIn(ring, i, first < b.length ? b.subarray(0, first) : b);
  if (first < b.length) copyIn(ring, 0, b.subarray(first));
}

/** copies the ring's bytes at object offsets [at, at + n) into dst at index `to` */
export function take(ring: Buffer, at: number, n: number, dst: Uint8Array, to = 0): void {
  const i = at % ring.length;
  const first = Math.min(n, ring.length - i);
  ring.copy(dst, to, i, i + first);
  if (first < n) ring.copy(dst, to + first, 0, n - first);
}

/**
 * How many of the next `n` bytes (n > 0) a worker takes from ring offset `at` into `dst`: fewer when
 * that lets the next block start co-aligned with dst (the blocks after a part's first one then all
 * copy by words).
 */
export function alignedBlock(ring: Buffer, at: number, n: number, full: boolean, dst: Uint8Array): number {
  if (!full || n <= 8) return n;
  const skew = (ring.byteOffset + ((at + n) % ring.length) - dst.byteOffset) & 7;
  return n - skew;
}

/** resolves once big[slot] is no longer `seen` (or at once if it already is not) */
export async function changed(big: BigInt64Array, slot: number, seen: bigint): Promise<void> {
  const w = waitAsync(big, slot, seen);
  if (w.async) await w.value;
}

/**
 * The parent's side: downloads each part (cuts[k] to the next cut) into its ring and serves the
 * workers' requests to read again. `channels[k]` goes to part k's worker (WorkerJob.ring).
 */
export class RingSpool {
  readonly channels: SharedArrayBuffer[];
  private readonly chans: Channel[];
  readonly done: Promise<void>;
  private readonly ac = new AbortController();
  private readonly rangeBytes: number;
  private readonly inFlight: number;
  readonly ringBytes: number;
  private closed = false;
  private readonly served: Promise<void>[];

  /** the parts' rings when they are regions given to the constructor (else in `channels`) */
  readonly regions?: Uint8Array[];
  private settle!: () => void;
  /** resolves once dispose() has ended: nothing writes the rings any more */
  readonly disposed = new Promise<void>((resolve) => (this.settle = resolve));

  /**
   * @param opts.regions memory for the parts' rings (at least ringBytes each), instead of the
   *   channels: regions of the workers' lane memory, which a worker then checks in place
   */
  constructor(private readonly ranges: RangeReader, readonly size: number, readonly cuts: number[], signal?: AbortSignal, opts: { rangeBytes?: number; inFlight?: number; ringBytes?: number; regions?: Uint8Array[] } = {}) {
    this.rangeBytes = Math.max(1, opts.rangeBytes ?? RING_RANGE_BYTES);
    this.inFlight = Math.max(1, opts.inFlight ?? RING_RANGES_IN_FLIGHT);
    const ringBytes = (this.ringBytes = opts.ringBytes ?? RING_BYTES);
    const regions = opts.regions && opts.regions.length >= cuts.length && opts.regions.every((r) => r.length >= ringBytes) ? opts.regions.slice(0, cuts.length) : undefined;
    this.regions = regions;
    this.channels = cuts.map(() => new SharedArrayBuffer(HEAD + (regions ? 0 : ringBytes) + REREAD_RING_BYTES));
    if (regions) for (const sab of this.channels) new Int32Array(sab, 64, 4)[EXTERNAL] = 1;
    this.chans = this.channels.map((sab, k) => channel(sab, ringBytes, regions?.[k]));
    this.chans.forEach((c, k) => {
      c.big[AVAIL] = BigInt(cuts[k]);
      c.big[WANT] = -1n;
      c.big[CONSUMED] = BigInt(cuts[k]);
    });
    const onAbort = () => this.ac.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.served = this.chans.map((c) => this.serve(c));
    this.done = Promise.all(cuts.map((start, k) => this.downloadPart(this.chans[k], start, cuts[k + 1] ?? size))).then(
      () => signal?.removeEventListener('abort', onAbort),
      (e) => {
        signal?.removeEventListener('abort', onAbort);
        for (const c of this.chans) {
          Atomics.store(c.big, AVAIL, -1n);
          Atomics.notify(c.big, AVAIL);
        }
        throw e;
      },
    );
    this.done.catch(() => {});
  }

  /** part k: consecutive ranges, several at once, each copied into the ring once there is room */
  private async downloadPart(c: Channel, start: number, end: number): Promise<void> {
    const ranges: { start: number; end: number; got: number; done: boolean }[] = [];
    for (let p = start; p < end; p += this.rangeBytes) ranges.push({ start: p, end: Math.min(end, p + this.rangeBytes), got: 0, done: false });
    let front = 0;
    // the part's bytes are in the ring up to the front range's end: stored at every advance (a
    // store skipped could leave the worker waiting for bytes already there while the ranges ahead
    // wait for it to make room), the worker woken once what it waits for is there
    const publish = (final: boolean) => {
      while (front < ranges.length && ranges[front].done) front++;
      const at = front < ranges.length ? ranges[front].start + ranges[front].got : end;
      Atomics.store(c.big, AVAIL, BigInt(at));
      const want = Number(Atomics.load(c.big, WANT));
      if (final || (want >= 0 && at >= want)) Atomics.notify(c.big, AVAIL);
    };
    const half = Math.max(1, c.ring.length >> 1);
    let next = 0;
    const lane = async () => {
      while (next < ranges.length) {
        const r = ranges[next++];
        // the socket may read the range's bytes straight into the ring where there is room (and
        // waits for room rather than reading them into memory of its own, to be copied here later)
        const into: Placement = {
          at: (at) => {
            const roomEnd = Number(Atomics.load(c.big, CONSUMED)) + c.ring.length;
            if (at >= roomEnd || at >= r.end) return undefined;
            const i = at % c.ring.length;
            return c.ring.subarray(i, i + Math.min(roomEnd - at, c.ring.length - i, r.end - at));
          },
          room: async (at, bytes) => {
            for (;;) {
              const consumed = Atomics.load(c.big, CONSUMED);
              if (this.ac.signal.aborted || at + bytes <= Number(consumed) + c.ring.length) return;
              await changed(c.big, CONSUMED, consumed);
            }
          },
        };
        await fetchRange(this.ranges, r.start, r.end, this.ac.signal, async (whole, at0) => {
          // in pieces of at most half the ring, as the worker reads (so the front range always has room)
          for (let off = 0; off < whole.length; off += half) {
            const chunk = whole.subarray(off, Math.min(whole.length, off + half));
            const at = at0 + off;
            // room: the worker has copied out what this would overwrite
            for (;;) {
              const consumed = Atomics.load(c.big, CONSUMED);
              if (at + chunk.length <= Number(consumed) + c.ring.length) break;
              await changed(c.big, CONSUMED, consumed);
              if (this.ac.signal.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
            }
            put(c.ring, at, chunk);
            r.got = at + chunk.length - r.start;
            if (r === ranges[front]) publish(false);
          }
        }, into);
        r.done = true;
        publish(false);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.inFlight, ranges.length) }, lane));
    publish(true);
  }

  /** the worker's requests to read its part again, one at a time, until the spool closes */
  private async serve(c: Channel): Promise<void> {
    let seen = 0;
    for (;;) {
      const w = waitAsync(c.i32, REQ, seen);
      if (w.async) await w.value;
      const req = Atomics.load(c.i32, REQ);
      if (req < 0 || this.closed) return;
      seen = req;
      await this.reread(c, req);
      Atomics.store(c.i32, ACK, req);
      Atomics.notify(c.i32, ACK);
    }
  }

  private async reread(c: Channel, req: number): Promise<void> {
    const from = Number(c.big[RR_FROM]);
    const to = Number(c.big[RR_TO]);
    const stop = new AbortController();
    const stopped = () => Atomics.load(c.i32, CANCEL) >= req || this.ac.signal.aborted;
    // the worker stops early: abort the fetch (it may be waiting for the network)
    const cancelWait = waitAsync(c.i32, CANCEL, req - 1);
    if (cancelWait.async) void cancelWait.value.then(() => stop.abort());
    else stop.abort();
    const onAbort = () => stop.abort();
    this.ac.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await fetchRange(this.ranges, from, to, stop.signal, async (chunk, at) => {
        if (chunk.length > c.rr.length) throw new Error(`a chunk of ${chunk.length} bytes does not fit the reread ring`);
        for (;;) {
          if (stopped()) throw new AppError('interrupted', 'stopped');
          const consumed = Atomics.load(c.big, RR_CONSUMED);
          if (at + chunk.length <= Number(consumed) + c.rr.length) break;
          await changed(c.big, RR_CONSUMED, consumed);
          if (this.ac.signal.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
        }
        put(c.rr, at, chunk);
        Atomics.store(c.big, RR_AVAIL, BigInt(at + chunk.length));
        Atomics.notify(c.big, RR_AVAIL);
      });
    } catch {
      if (!stopped()) {
        Atomics.store(c.big, RR_AVAIL, -1n);
        Atomics.notify(c.big, RR_AVAIL);
      }
    } finally {
      this.ac.signal.removeEventListener('abort', onAbort);
      // a worker waiting for the cancel word must not keep this waiter: wake it (a no-op when cancelled)
      if (Atomics.load(c.i32, CANCEL) < req) {
        Atomics.store(c.i32, CANCEL, req);
        Atomics.notify(c.i32, CANCEL);
      }
    }
  }

  /**
   * Bytes [from, to) of the object fetched again, handed to `sink` until it answers false (the
   * parent's thread reading its part again once checked, ring-read.ts); stopped by dispose().
   */
  async fetchAgain(from: number, to: number, sink: (chunk: Uint8Array) => boolean): Promise<void> {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    this.ac.signal.addEventListener('abort', onAbort, { once: true });
    let enough = false;
    try {
      await fetchRange(this.ranges, from, to, stop.signal, (chunk) => {
        if (enough) return;
        if (!sink(chunk)) {
          enough = true;
          stop.abort();
        }
      });
    } catch (e) {
      if (!enough || this.ac.signal.aborted) throw e;
    } finally {
      this.ac.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Stops downloading and serving. */
  async dispose(): Promise<void> {
    this.closed = true;
    this.ac.abort();
    // ranges waiting for room, rereads waiting for the worker: wake them to see the abort
    for (const c of this.chans) {
      Atomics.notify(c.big, CONSUMED);
      Atomics.notify(c.big, RR_CONSUMED);
    }
    await this.done.catch(() => {});
    for (const c of this.chans) {
      Atomics.store(c.i32, REQ, -1);
      Atomics.notify(c.i32, REQ);
    }
    await Promise.all(this.served);
    this.settle();
  }
}

/**
 * Memory for the parts' rings, made once and used again object after object (a folder prefix): the
 * parent's fast-lane memory, which the workers' lanes run on (regions of it never go back to the
 * heap, so they are taken before any part's heap mark: when the object is prepared, not when its
 * split is known). Two sets at most are in use: the object being checked and the next one.
 */
export class RingRegions {
  private readonly free: Uint8Array[][] = [];

  constructor(private readonly make: (bytes: number) => Uint8Array | null, readonly ringBytes = RING_BYTES) {}

  /** n rings of ringBytes (a set in use until give()), or undefined: no memory (rings in the channels then) */
  take(n: number): Uint8Array[] | undefined {
    const i = this.free.findIndex((set) => set.length >= n);
    if (i >= 0) return this.free.splice(i, 1)[0];
    const set: Uint8Array[] = [];
    for (let k = 0; k < n; k++) {
      const r = this.make(this.ringBytes);
      if (!r) return undefined;
      set.push(r);
    }
    return set;
  }

  give(set: Uint8Array[] | undefined): void {
    if (set) this.free.push(set);
  }
}
