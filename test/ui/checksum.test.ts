// src/ui/ink/checksum.ts: the WebAssembly module computes the steps its comment shows (here in BigInt
// arithmetic), and a changed byte anywhere changes the sum.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checksum64 } from '../../src/ui/ink/checksum.js';

function reference(data: Uint8Array): bigint {
  const M = (1n << 64n) - 1n;
  const P = 0x9e3779b97f4a7c15n;
  const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M;
  let h = 0x27d4eb2f165667c5n ^ BigInt(data.length);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const words = data.length & ~7;
  let i = 0;
  for (; i < words; i += 8) h = rotl(((h ^ view.getBigUint64(i, true)) * P) & M, 31n);
  for (; i < data.length; i++) h = ((h ^ BigInt(data[i])) * P) & M;
  h = ((h ^ (h >> 33n)) * 0xc2b2ae3d27d4eb4fn) & M;
  return h ^ (h >> 29n);
}

it('is the sum its comment writes out, for any bytes (lengths not a multiple of 8, offsets into a buffer)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(7), (bytes, skip) => {
      const view = new Uint8Array(bytes.length + skip);
      view.set(bytes, skip);
      const data = view.subarray(skip);
      expect(checksum64(data)).toBe(reference(data));
    }),
  );
});

it('sums more than one WebAssembly page (the memory grows), and a smaller input after it', () => {
  const big = new Uint8Array(200_000).map((_, i) => (i * 7919) & 0xff);
  expect(checksum64(big)).toBe(reference(big));
  const small = big.subarray(5, 77);
  expect(checksum64(small)).toBe(reference(small));
});

it('one byte changed, anywhere, or one zero byte more, gives another sum', () => {
  const data = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff);
  const sum = checksum64(data);
  for (const at of [0, 1, 7, 8, 4095, 65_535, 65_536, 69_999]) {
    for (const bit of [0x01, 0x80]) {
      const changed = data.slice();
      changed[at] ^= bit;
      expect(checksum64(changed), `byte ${at} ^ ${bit}`).not.toBe(sum);
    }
  }
  const longer = new Uint8Array(data.length + 1);
  longer.set(data);
  expect(checksum64(longer)).not.toBe(sum);
  expect(checksum64(new Uint8Array(0))).toBe(reference(new Uint8Array(0)));
});
