// Parts of a local file taken over at run time. A big local file is cut in two (parallel.ts), but the
// two threads seldom take the same time for their halves (each thread's time varies ±20 % from run
// to run): the first done waited 0.1-0.6 s for the other. Here every part's reader claims its blocks
// from shared memory, and a thread done with its parts cuts the unread rest of a part still being
// read at a newline near its middle and checks the second half as a new part (it is merged in file
// order like the others). Only a part still in sorted mode is cut: its lines after the cut can only
// repeat lines before it in the run of lines with the cut's timestamp, which the parts compare as
// they do across the first cut (part-check.ts crossParts).
import { closeSync, openSync, readSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import { checkLines, crossParts, partResult, partSorted, type PartOrder, type PartState } from './part-check.js';
import type { PartBytes, PartJob, PostResult } from './part-types.js';
import { READ_BLOCK, rereadFile } from './sources.js';

/** parts at most (the two first ones included) */
export const MAX_PARTS = 8;

/** the least unread rest of a part worth cutting by default (half of it is taken: ≈ 12 ms of a thread's work) */
const MIN_REST = 8 << 20;

/**
 * int32 words before the offsets: [0] lock, [1] parts so far, [2 + k] part k's mode (UNKNOWN until
 * its reader has checked a block, SORTED, NOT_SORTED), [2 + MAX_PARTS + k] the part of the first
 * cut it was cut from (its origin)
 */
const WORDS = 2 + 2 * MAX_PARTS;
const UNKNOWN = 0;
const SORTED = 1;
const NOT_SORTED = 2;

/** steal(): no part to cut yet, but one whose reader has not said whether it is sorted: ask again */
export const NOT_YET = -2;

/**
 * Lines of a part cut at run time repeat lines of the part it was cut from: one thread (or the cut
 * of the parts made before the run) would have named them, so the run is done again without cuts
 * at run time (validateCsv) — rare: an exact repeat right at such a cut, or a part that left sorted
 * mode after it was cut, with repeats across the cut. Reports never depend on where the cuts fell.
 */
export class StealConflict extends Error {
  constructor() {
    super('lines repeated across a cut made at run time');
  }
}

/** where the float64s start: the least rest worth cutting, then a part's start, next unclaimed byte and end */
const F_AT = Math.ceil((WORDS * 4) / 8) * 8;

/**
 * The parts' shared state: a lock word, the number of parts, a sorted flag a part, and a part's start,
 * next unclaimed byte and end (float64s, files over 2 GiB).
 */
export class PartClaims implements PartOrder {
  private readonly i: Int32Array;
  private readonly f: Float64Array;
  private readonly minRest: number;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.i = new Int32Array(buffer, 0, WORDS);
    this.f = new Float64Array(buffer, F_AT + 8, MAX_PARTS * 3);
    this.minRest = new Float64Array(buffer, F_AT, 1)[0];
  }

  /** the parts of a split: part k is [bounds[k], bounds[k + 1]) */
  static create(bounds: number[], minRest = MIN_REST): PartClaims {
    const buffer = new SharedArrayBuffer(F_AT + 8 + MAX_PARTS * 24);
    new Float64Array(buffer, F_AT, 1)[0] = minRest;
    const c = new PartClaims(buffer);
    const n = bounds.length - 1;
    c.i[1] = n;
    for (let k = 0; k < n; k++) {
      c.f.set([bounds[k], bounds[k], bounds[k + 1]], k * 3);
      c.i[2 + MAX_PARTS + k] = k;
    }
    return c;
  }

  count(): number {
    return Atomics.load(this.i, 1);
  }

  order(n: number): number[] {
    return Array.from({ length: n }, (_, k) => k).sort((a, b) => this.start(a) - this.start(b));
  }

  origin(k: number): number {
    return this.i[2 + MAX_PARTS + k];
  }

  start(k: number): number {
    return this.f[k * 3];
  }

  end(k: number): number {
    this.lock();
    const e = this.f[k * 3 + 2];
    this.unlock();
    return e;
  }

  /** part k's reader says whether it is still in sorted mode (only such a part is cut) */
  setSorted(k: number, sorted: boolean): void {
    Atomics.store(this.i, 2 + k, sorted ? SORTED : NOT_SORTED);
  }

  /** claims part k's next block (at most `max` bytes): its offset and length, or null at the part's end */
  claim(k: number, max: number): [number, number] | null {
    this.lock();
    const pos = this.f[k * 3 + 1];
    const n = Math.min(max, this.f[k * 3 + 2] - pos);
    if (n > 0) this.f[k * 3 + 1] = pos + n;
    this.unlock();
    return n > 0 ? [pos, n] : null;
  }

  /**
   * Cuts the part with the largest unread rest (sorted, at least the least rest given) at the first newline after
   * the middle of its rest, and makes the bytes after the cut a new part: its index, or -1 (or
   * NOT_YET: a part with such a rest has not been read yet).
   */
  steal(fd: number): number {
    const n = this.count();
    if (n >= MAX_PARTS) return -1;
    let victim = -1;
    let rest = this.minRest - 1;
    let unknown = false;
    this.lock();
    for (let k = 0; k < n; k++) {
      const r = this.f[k * 3 + 2] - this.f[k * 3 + 1];
      const mode = Atomics.load(this.i, 2 + k);
      if (mode === UNKNOWN && r >= this.minRest) unknown = true;
      if (mode === SORTED && r > rest) {
        rest = r;
        victim = k;
      }
    }
    const guess = victim < 0 ? 0 : this.f[victim * 3 + 1] + Math.floor(rest / 2);
    this.unlock();
    if (victim < 0) return unknown ? NOT_YET : -1;
    const probe = Buffer.allocUnsafe(64 << 10);
    const got = readSync(fd, probe, 0, probe.length, guess);
    const nl = probe.subarray(0, got).indexOf(10);
    if (nl < 0) return -1;
    const cut = guess + nl + 1;
    this.lock();
    try {
      const k = this.i[1];
      // (the victim's reader may have claimed past the cut meanwhile, or ended its sorted mode)
      if (k >= MAX_PARTS || cut <= this.f[victim * 3 + 1] || cut >= this.f[victim * 3 + 2] || Atomics.load(this.i, 2 + victim) !== SORTED) return -1;
      this.f.set([cut, cut, this.f[victim * 3 + 2]], k * 3);
      this.f[victim * 3 + 2] = cut;
      this.i[2 + k] = UNKNOWN;
      this.i[2 + MAX_PARTS + k] = this.i[2 + MAX_PARTS + victim];
      Atomics.store(this.i, 1, k + 1);
      return k;
    } finally {
      this.unlock();
    }
  }

  private lock(): void {
    // held for a few loads and stores: spin
    while (Atomics.compareExchange(this.i, 0, 0, 1) !== 0);
  }

  private unlock(): void {
    Atomics.store(this.i, 0, 0);
  }
}

/**
 * Part k's bytes as its reader claims them block by block (its end may move closer while it reads);
 * `between` (the parent's thread) runs before each block: a turn of its event loop.
 */
function claimedBytes(claims: PartClaims, path: string, header: Uint8Array, k: number, between?: () => Promise<void>): PartBytes {
  const start = claims.start(k);
  return {
    async run(push) {
      const buf = push.buffer ?? Buffer.allocUnsafe(READ_BLOCK);
      const fd = openSync(path, 'r');
      try {
        for (;;) {
          if (between) await between();
          const c = claims.claim(k, buf.length);
          if (!c) break;
          const n = readSync(fd, buf, 0, c[1], c[0]);
          if (n < c[1]) throw new Error(`${path} changed while it was checked`);
          push(n === buf.length ? buf : buf.subarray(0, n), c[0] + n - start);
        }
      } finally {
        closeSync(fd);
      }
    },
    // (read again up to where the part ends now: its end is final once its reader has stopped)
    reread: (feed) => rereadFile(path, start, claims.end(k), header)(feed),
  };
}

/**
 * A thread's parts of a local file: part `first`, then parts it cuts from others' rests while there
 * are any; then the repeats across parts, and every part's result posted (`part` its index, `more`
 * until the last). `stopped` given: on the parent's thread (a turn of the event loop between blocks).
 */
export async function checkClaimedParts(job: PartJob, path: string, first: number, post: PostResult, stopped?: () => boolean): Promise<void> {
  const claims = new PartClaims(job.steal!);
  const between = stopped
    ? async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (stopped()) throw new AppError('interrupted', 'Validation was cancelled.');
    }
    : undefined;
  const mine: PartState[] = [];
  const fd = openSync(path, 'r');
  // the next part to check: one cut from another's rest, once its reader says whether it is sorted
  const next = async (): Promise<number> => {
    for (;;) {
      const k = claims.steal(fd);
      if (k !== NOT_YET) return k;
      if (between) await new Promise<void>((resolve) => setTimeout(resolve, 1));
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      await between?.();
    }
  };
  try {
    for (let k = first; k >= 0; k = await next()) {
      const postPart: PostResult = (m, t) => post({ ...m, part: k }, t);
      // while it reads, the part says whether it is still sorted (only then may another thread cut it)
      mine.push(await checkLines({ ...job, index: k }, claimedBytes(claims, path, job.header, k, between), postPart, (st) => claims.setSorted(k, partSorted(st))));
      claims.setSorted(k, false);
    }
  } finally {
    closeSync(fd);
  }
  await crossParts(mine, stopped, claims);
  mine.forEach((st, i) => {
    const { result, transfer } = partResult(st);
    post({ result, part: st.job.index, more: i < mine.length - 1 }, transfer);
  });
}
