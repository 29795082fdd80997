// The shared ring an S3 object's part goes through to its worker (src/validate/remote-ring.ts), on
// this thread alone: the copies into and out of shared memory are kept co-aligned (V8 copies shared
// memory by words only where both sides sit at the same offset modulo 8, byte by byte elsewhere), so
// the download's chunks at every offset (and longer than the buffer put() realigns through) must
// land byte for byte, and the worker's blocks after its first must start where the next copy is
// aligned. The ranges come from an in-memory RangeReader: the sandbox's socket reads never yield a
// chunk of more than 64 KiB, and these cases need bigger ones at chosen offsets. The S3 path end to
// end (the real SDK, the sandbox, worker threads, rings that wrap, a dropped range retried) is
// test/validate/remote.test.ts.
import { describe, expect, it } from 'vitest';
import { RingRegions, RingSpool } from '../../src/validate/remote-ring.js';
import { ringReadPart } from '../../src/validate/ring-read.js';
import type { RangeReader } from '../../src/validate/types.js';

/** an object of `size` bytes served in chunks of the given sizes (cycled) */
function memoryObject(size: number, chunkSizes: number[]): { bytes: Buffer; ranges: RangeReader } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + (i >> 9)) & 255;
  const ranges: RangeReader = {
    read: async (start, end) => (async function* () {
      for (let at = start, k = 0; at < end; k++) {
        const n = Math.min(chunkSizes[k % chunkSizes.length], end - at);
        // each chunk a Buffer of its own (as the HTTP client's are), at offset 0 of its memory
        yield Buffer.from(bytes.subarray(at, at + n));
        at += n;
      }
    })(),
  };
  return { bytes, ranges };
}

describe('RingSpool copies (co-aligned)', () => {
  for (const [label, chunks] of [
    ['odd chunks at every alignment', [1, 7, 65536 + 3, 5, 12345]],
    ['chunks longer than the realigning buffer', [(1 << 20) + 3, 300 * 1024 + 1, 9]],
  ] as const) it(`${label}: the part's bytes exactly, blocks after the first aligned`, async () => {
    const size = 3 * (1 << 20) + 13;
    const { bytes, ranges } = memoryObject(size, [...chunks]);
    // ranges of odd sizes, three in flight; a ring that holds the whole part, so this thread can read it after
    const ringBytes = 4 << 20;
    const spool = new RingSpool(ranges, size, [0], undefined, { rangeBytes: 999_999, inFlight: 3, ringBytes });
    await spool.done;
    for (const start of [0, 1, 6, 4099]) {
      const got: Buffer[] = [];
      const ends: number[] = [];
      const buf = Buffer.allocUnsafeSlow(65536 + 3);
      ringReadPart(spool.channels[0], ringBytes, start, size, buf, (chunk, done) => {
        expect(chunk.byteOffset).toBe(buf.byteOffset);
        got.push(Buffer.from(chunk));
        ends.push(start + done);
      });
      expect(Buffer.concat(got).equals(bytes.subarray(start)), `from ${start}`).toBe(true);
      // the ring's bytes sit 80 bytes into its shared memory (8-aligned) and buf at 0: every block
      // but the last ends at an object offset ≡ 0 mod 8 (the ring does not wrap here)
      expect(ends.slice(0, -1).filter((e) => e % 8 !== 0), `from ${start}`).toEqual([]);
      expect(ends.at(-1)).toBe(size);
    }
    await spool.dispose();
  });
});

describe('RingSpool rings in regions given to it (the workers\' lane memory)', () => {
  it('the bytes land in the regions, and a part read in place is pushed as views of its region, not copied', async () => {
    const size = 3 * (1 << 20) + 13;
    const { bytes, ranges } = memoryObject(size, [1, 7, 65536 + 3, 5, 12345]);
    // (each part fits its ring: this thread reads them once the download is done)
    const ringBytes = 4 << 20;
    // two parts, each ring in its own region of one shared memory (at an odd offset: the copies into it realign)
    const mem = new SharedArrayBuffer(2 * ringBytes + 4096);
    const regions = [new Uint8Array(mem, 3, ringBytes), new Uint8Array(mem, ringBytes + 1000, ringBytes)];
    const cut = 1 << 20;
    const spool = new RingSpool(ranges, size, [0, cut], undefined, { rangeBytes: 999_999, inFlight: 3, ringBytes, regions });
    expect(spool.regions?.every((r, k) => r === regions[k])).toBe(true);
    // the channels hold no ring of their own
    expect(spool.channels[0].byteLength).toBeLessThan(ringBytes);
    await spool.done;
    for (const [k, start, end] of [[0, 0, cut], [1, cut, size]] as const) {
      const got: Buffer[] = [];
      let total = 0;
      ringReadPart(spool.channels[k], ringBytes, start, end, Buffer.allocUnsafeSlow(65536), (chunk, done) => {
        expect(chunk.buffer).toBe(mem);
        expect(chunk.byteOffset).toBeGreaterThanOrEqual(regions[k].byteOffset);
        expect(chunk.byteOffset + chunk.length).toBeLessThanOrEqual(regions[k].byteOffset + ringBytes);
        got.push(Buffer.from(chunk));
        total += chunk.length;
        expect(done).toBe(total);
      }, regions[k], true);
      expect(Buffer.concat(got).equals(bytes.subarray(start, end)), `part ${k}`).toBe(true);
    }
    let disposed = false;
    void spool.disposed.then(() => (disposed = true));
    await spool.dispose();
    await Promise.resolve();
    expect(disposed).toBe(true);
  });

  it('RingRegions: a set given back is taken again (no new memory); none made when memory runs out', () => {
    let made = 0;
    const pool = new RingRegions((n) => (made < 3 ? (made++, new Uint8Array(new SharedArrayBuffer(n))) : null), 64);
    const a = pool.take(2)!;
    expect(a).toHaveLength(2);
    pool.give(a);
    expect(pool.take(2)).toBe(a);
    expect(made).toBe(2);
    // one more region can be made, not two: no set (the caller's rings go back to the channels)
    expect(pool.take(2)).toBeUndefined();
  });
});
