// Fingerprints: 64-bit hashes of a value's or a line's bytes, as two 32-bit halves, for the tables
// (tables.ts) and the duplicate sets (linesets.ts). hashWords() is what the engine uses; the fast
// lane (wasm/fastlane.ts) computes the same bits. hash1/hash2/hashPair: byte-at-a-time FNV-style
// hashes, simpler and slower.

export function hash1(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 16777619);
  return h;
}

export function hash2(b: Uint8Array, s: number, e: number): number {
  let h = (0x9747b28c ^ (e - s)) | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x5bd1e995) ^ (h >>> 13);
  return h;
}

/** the second hash of the last hashPair() call */
export let pairLow = 0;

/** hash1 and a second, independent hash in one pass; returns the first, leaves the second in pairLow */
export function hashPair(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  let g = (0x9747b28c ^ (e - s)) | 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    h = Math.imul(h ^ c, 16777619);
    g = Math.imul(g ^ c, 0x5bd1e995) ^ (g >>> 13);
  }
  pairLow = g;
  return h;
}

/** the second half of the last hashWords() call */
export let wordsLow = 0;

/**
 * A 64-bit fingerprint of bytes [s, e), four bytes at a time (unaligned little-endian reads through
 * `dv`, a DataView on `b`): two independent 32-bit lanes, each murmur3-style. Returns the first
 * lane and leaves the second in `wordsLow`. About four times fewer multiply steps than the
 * byte-at-a-time FNV above, which is what the hot path spends its hashing time on.
 */
export function hashWords(dv: DataView, b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  let h = 0x9e3779b9 ^ len;
  let g = 0x85ebca6b ^ Math.imul(len, 0x27d4eb2d);
  let i = s;
  for (const end4 = e - 4; i <= end4; i += 4) {
    const w = dv.getInt32(i, true);
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    g = Math.imul(g ^ w, 0x5bd1e995);
    g ^= g >>> 15;
  }
  if (i < e) {
    let w = b[i];
    if (i + 1 < e) w |= b[i + 1] << 8;
    if (i + 2 < e) w |= b[i + 2] << 16;
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    g = Math.imul(g ^ w, 0x5bd1e995);
    g ^= g >>> 15;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  g ^= g >>> 13;
  g = Math.imul(g, 0xc2b2ae35);
  g ^= g >>> 16;
  wordsLow = g;
  return h;
}
