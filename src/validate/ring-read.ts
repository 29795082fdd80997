// An S3 object's part read out of its ring (remote-ring.ts, which the parent's downloads fill). On a
// worker thread the reader blocks until its next block is there (ringReadPart), and reads its part
// again through a second ring the parent fills (ringReread). The first part is checked on the
// parent's own thread (ringPartHere), as a local file's first part is (parallel.ts): its reads wait
// without blocking and give the event loop a turn between blocks, in which this thread reads every
// part's sockets. That thread cannot block on bytes it must fetch itself, so its part is read again
// from the bytes it kept as they passed (the first RETAIN_BYTES: time order usually ends in the first
// lines of a file that is not in it); a reread needing more ends the run with RereadUnavailable, and
// the engine checks the object again with every part on a worker thread.
import { AppError } from '../core/errors.js';
import { fastLaneCounters, type WasmMemory } from './fastlane.js';
import { checkPart } from './part-check.js';
import type { PartJob, PostResult } from './part-types.js';
import { ACK, AVAIL, CANCEL, CONSUMED, REQ, REREAD_BLOCK, RR_AVAIL, RR_CONSUMED, RR_FROM, RR_TO, WANT, alignedBlock, changed, channel, take } from './remote-ring.js';
import { READ_BLOCK, RereadUnavailable, type Reread, type RereadLater } from './sources.js';

function failed(): never {
  throw new Error('the download of this part failed');
}

/** blocks until big[slot] ≥ want; throws when the download failed (-1) */
function waitAtLeast(big: BigInt64Array, slot: number, want: bigint): void {
  for (;;) {
    const have = Atomics.load(big, slot);
    if (have < 0n) failed();
    if (have >= want) return;
    Atomics.wait(big, slot, have, 1000);
  }
}

/**
 * In part k's worker: pushes the part's bytes [start, end) from its ring in blocks of buf's size
 * (as readPart does from a file), telling the parent what it has copied out. `ring`: the ring is
 * there (a region of memory, not in the channel); `inPlace`: its blocks are pushed as views of it,
 * not copied into buf (the checker's lane reads that memory), and given back once pushed.
 */
export function ringReadPart(sab: SharedArrayBuffer, ringBytes: number, start: number, end: number, buf: Uint8Array, chunk: (bytes: Uint8Array, done: number) => void, ring?: Uint8Array, inPlace = false): void {
  const c = channel(sab, ringBytes, ring);
  Atomics.store(c.big, CONSUMED, BigInt(start));
  Atomics.notify(c.big, CONSUMED);
  // blocks of at most half the ring: the download's front range then always has room to reach them
  const block = Math.max(1, Math.min(buf.length, ringBytes >> 1));
  if (inPlace) {
    for (let pos = start; pos < end; ) {
      // up to the ring's end: a block is one run of memory (a line across the wrap is the splitter's carry)
      const i = pos % c.ring.length;
      const n = Math.min(block, end - pos, c.ring.length - i);
      Atomics.store(c.big, WANT, BigInt(pos + n));
      waitAtLeast(c.big, AVAIL, BigInt(pos + n));
      chunk(c.ring.subarray(i, i + n), pos + n - start);
      // checked: the download may write there again
      pos += n;
      Atomics.store(c.big, CONSUMED, BigInt(pos));
      Atomics.notify(c.big, CONSUMED);
    }
    return;
  }
  for (let pos = start; pos < end; ) {
    const n = alignedBlock(c.ring, pos, Math.min(block, end - pos), pos + block < end, buf);
    const want = BigInt(pos + n);
    // say what we wait for before looking (the parent stores its offset, then reads this)
    Atomics.store(c.big, WANT, want);
    waitAtLeast(c.big, AVAIL, want);
    take(c.ring, pos, n, buf);
    pos += n;
    Atomics.store(c.big, CONSUMED, BigInt(pos));
    Atomics.notify(c.big, CONSUMED);
    chunk(n === buf.length ? buf : buf.subarray(0, n), pos - start);
  }
}

/** In part k's worker: a Reread of the object's bytes [start, end) after `prefix`, fetched again by the parent. */
export function ringReread(sab: SharedArrayBuffer, ringBytes: number, start: number, end: number, prefix?: Uint8Array): Reread {
  return (feed) => {
    if (prefix && !feed(prefix)) return;
    if (start >= end) return;
    const c = channel(sab, ringBytes);
    c.big[RR_FROM] = BigInt(start);
    c.big[RR_TO] = BigInt(end);
    Atomics.store(c.big, RR_AVAIL, BigInt(start));
    Atomics.store(c.big, RR_CONSUMED, BigInt(start));
    const req = Atomics.add(c.i32, REQ, 1) + 1;
    Atomics.notify(c.i32, REQ);
    // 8 bytes more: each block is copied to the index that is co-aligned with it in the ring
    const buf = Buffer.allocUnsafeSlow(REREAD_BLOCK + 8);
    let pos = start;
    try {
      while (pos < end) {
        waitAtLeast(c.big, RR_AVAIL, BigInt(pos + 1));
        const n = Math.min(REREAD_BLOCK, Number(Atomics.load(c.big, RR_AVAIL)) - pos);
        const o = (c.rr.byteOffset + (pos % c.rr.length) - buf.byteOffset) & 7;
        take(c.rr, pos, n, buf, o);
        pos += n;
        Atomics.store(c.big, RR_CONSUMED, BigInt(pos));
        Atomics.notify(c.big, RR_CONSUMED);
        if (!feed(buf.subarray(o, o + n))) break;
      }
    } finally {
      // stop the fetch (if it still runs), and wait until it has: the next request reuses the ring
      if (Atomics.load(c.i32, CANCEL) < req) {
        Atomics.store(c.i32, CANCEL, req);
        Atomics.notify(c.i32, CANCEL);
      }
      Atomics.store(c.big, RR_CONSUMED, BigInt(end));
      Atomics.notify(c.big, RR_CONSUMED);
      for (let ack = Atomics.load(c.i32, ACK); ack < req; ack = Atomics.load(c.i32, ACK)) Atomics.wait(c.i32, ACK, ack, 1000);
    }
  };
}


/** bytes of the parent's part kept as they are checked, to be read again from */
export const RETAIN_BYTES = 8 << 20;

const interrupted = () => new AppError('interrupted', 'Validation was cancelled.');

/**
 * On the parent's thread: pushes the part's bytes [start, end) from its ring as ringReadPart does on
 * a worker, but waiting for them without blocking, with a turn of the event loop before each block.
 */
export async function ringReadPartHere(sab: SharedArrayBuffer, ringBytes: number, start: number, end: number, buf: Uint8Array, chunk: (bytes: Uint8Array, done: number) => void, stopped: () => boolean, ring?: Uint8Array, inPlace = false): Promise<void> {
  const c = channel(sab, ringBytes, ring);
  Atomics.store(c.big, CONSUMED, BigInt(start));
  Atomics.notify(c.big, CONSUMED);
  const block = Math.max(1, Math.min(buf.length, ringBytes >> 1));
  const until = async (want: bigint) => {
    Atomics.store(c.big, WANT, want);
    for (;;) {
      const have = Atomics.load(c.big, AVAIL);
      if (have < 0n) failed();
      if (have >= want) return;
      await changed(c.big, AVAIL, have);
      if (stopped()) throw interrupted();
    }
  };
  for (let pos = start; pos < end; ) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stopped()) throw interrupted();
    if (inPlace) {
      // up to the ring's end: a block is one run of memory (a line across the wrap is the splitter's carry)
      const i = pos % c.ring.length;
      const n = Math.min(block, end - pos, c.ring.length - i);
      await until(BigInt(pos + n));
      chunk(c.ring.subarray(i, i + n), pos + n - start);
      pos += n;
    } else {
      const n = alignedBlock(c.ring, pos, Math.min(block, end - pos), pos + block < end, buf);
      await until(BigInt(pos + n));
      take(c.ring, pos, n, buf);
      pos += n;
      chunk(n === buf.length ? buf : buf.subarray(0, n), pos - start);
    }
    // checked (or copied out): the download may write there again
    Atomics.store(c.big, CONSUMED, BigInt(pos));
    Atomics.notify(c.big, CONSUMED);
  }
}

/** part 0 of an object on the parent's thread: its ring, and where it lies in the lane memory when it is a region of it */
export interface RingHere {
  ring: SharedArrayBuffer;
  ringBytes: number;
  memory?: WasmMemory;
  at?: number;
  /** bytes [from, to) of the object fetched again (RingSpool.fetchAgain) */
  fetchAgain?: (from: number, to: number, sink: (chunk: Uint8Array) => boolean) => Promise<void>;
}

/**
 * Checks the object's part [start, end) on this thread (validateParts' inline part): its bytes from
 * its ring, the first `retainBytes` kept to be read again from; reading again past them throws
 * RereadUnavailable.
 */
export function ringPartHere(r: RingHere, start: number, end: number, header: Uint8Array, retainBytes = RETAIN_BYTES): (job: PartJob, post: PostResult, stopped: () => boolean) => Promise<void> {
  return (job, post, stopped) => {
    const kept = Buffer.allocUnsafe(Math.max(0, Math.min(retainBytes, end - start)));
    let keptLen = 0;
    /** the header and the kept bytes: false once `feed` wants no more */
    const fromKept = (feed: (chunk: Uint8Array) => boolean): boolean => {
      if (!feed(header)) return false;
      for (let off = 0; off < keptLen; off += READ_BLOCK) if (!feed(kept.subarray(off, Math.min(keptLen, off + READ_BLOCK)))) return false;
      return true;
    };
    const reread: Reread = (feed) => {
      if (fromKept(feed) && keptLen < end - start) throw new RereadUnavailable();
    };
    // once the part is checked (the repeats across parts): the rest fetched again
    const fetchAgain = r.fetchAgain;
    const rereadLater: RereadLater | undefined = fetchAgain && (async (feed) => {
      if (fromKept(feed) && keptLen < end - start) await fetchAgain(start + keptLen, end, feed);
    });
    return checkPart(job, {
      run(push) {
        // a ring in the memory this part's lane runs on is checked where the sockets read it
        const inPlace = r.memory !== undefined && r.at !== undefined && push.view !== undefined && job.memories?.[job.index] === r.memory;
        if (inPlace) fastLaneCounters.ringsInPlace++;
        const external = r.memory && r.at !== undefined ? (inPlace ? push.view!(r.at, r.ringBytes) : new Uint8Array(r.memory.buffer, r.at, r.ringBytes)) : undefined;
        const keep = (bytes: Uint8Array, done: number) => {
          if (keptLen < kept.length) {
            const n = Math.min(kept.length - keptLen, bytes.length);
            // (Buffer#copy: a memcpy, where TypedArray#set out of shared memory is a fifth of the speed)
            (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).copy(kept, keptLen, 0, n);
            keptLen += n;
          }
          push(bytes, done);
        };
        return ringReadPartHere(r.ring, r.ringBytes, start, end, push.buffer ?? Buffer.allocUnsafe(READ_BLOCK), keep, stopped, external, inPlace);
      },
      reread,
      rereadLater,
    }, post, stopped);
  };
}
