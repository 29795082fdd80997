// The validation engine's fast lane, compiled to WebAssembly by AssemblyScript (scripts/wasm.mjs).
// AssemblyScript, not TypeScript: load/store read and write this module's linear memory directly.
//
// It checks the lines that need nothing but the common case — ASCII, bare or simply quoted values
// (no escapes, no doubled quotes), the header's column count, every value valid for its column —
// and for each one writes the fingerprints the JS side feeds to its tables. It stops at the first
// line that is anything else; the JS engine (src/validate/checker.ts) checks that line the slow,
// thorough way, reports what is wrong, and calls scan() again after it. Stopping instead of
// skipping keeps every report in line order and every message in one place (the JS side).
//
// Fingerprints are hashWords() of src/validate/hash.ts, bit for bit (test/validate/fastlane.test.ts).

// column kinds: the values of K_* in values.ts
import { parseInt64, plainFloat } from '../../wasm/numbers';

const K_SKIP: u8 = 0;
const K_STR: u8 = 1;
const K_ID: u8 = 2;
const K_CAT: u8 = 3;
const K_TEXT: u8 = 4;
const K_INT: u8 = 5;
const K_LONG: u8 = 6;
const K_TS: u8 = 7;
const K_FLOAT: u8 = 8;
const K_BOOL: u8 = 9;
// the lane's own kinds for an order export's quantity and invoice columns (returns.ts laneKinds):
// the column's kind (none or string, long, int, float; none or string, categorical) plus the watch
const K_QTY: u8 = 10;
const K_QTY_LONG: u8 = 11;
const K_QTY_INT: u8 = 12;
const K_QTY_FLOAT: u8 = 13;
const K_INVOICE_CAT: u8 = 15;

/** columns the fast lane handles (more: every line goes the slow way) */
export const MAX_COLS: i32 = 256;
/** lines a scan() call reports at most */
export const OUT_LINES: i32 = 4096;
/** event types the fast lane recognises */
export const MAX_EVENT_TYPES: i32 = 64;
const EVENT_TYPE_BYTES: i32 = 256;
const MAX_LINE: i32 = 1 << 20;

// ---- memory layout (byte offsets, set by init) ----
let kindsP: usize = 0; // u8[MAX_COLS]
let nullableP: usize = 0; // u8[MAX_COLS]
let emptyP: usize = 0; // u32[MAX_COLS]: empty values per column since the last drain
let etLenP: usize = 0; // i32[MAX_EVENT_TYPES]
let etCountP: usize = 0; // u32[MAX_EVENT_TYPES]: rows per event type since the last drain
let etBytesP: usize = 0; // u8[MAX_EVENT_TYPES * EVENT_TYPE_BYTES]
let emptyListP: usize = 0; // i32[MAX_COLS]: the current line's empty columns
let etTabP: usize = 0; // i8[ET_SLOTS]: the event type whose first bytes hash to the slot (-1 none, -2 several)
let etWordsP: usize = 0; // u64[MAX_EVENT_TYPES * 2]: an event type's bytes 0-7 and 8-15 (zero past its end)
let outP: usize = 0; // per line: i32 has, uh1, uh2, ih1, ih2, rh1, rh2, rs, re (9 words)
let inP: usize = 0; // the chunk being scanned (the input area, or a region given by useInput)
let ownP: usize = 0; // the input area reserve() hands out
let inCap: i32 = 0;

// ---- configuration (set by configure) ----
let ncol: i32 = 0;
let userCol: i32 = -1;
let itemCol: i32 = -1;
let eventCol: i32 = -1;
let tsCol: i32 = -1;
/** duplicates: 0 not checked, 1 whole lines in the line set here, 2 the value of column recordCol and 3 the whole line, both reported in out for the engine's set */
let recordMode: i32 = 0;
let recordCol: i32 = -1;
let tsMaxOk: i64 = 0;
let eventTypes: i32 = 0;

// ---- results ----
let tsMin: i64 = i64.MAX_VALUE;
let tsMax: i64 = i64.MIN_VALUE;
let stopPos: i32 = 0;
let hashLow: i32 = 0;

export function init(): usize {
  // the first instance on this memory starts the shared heap (see alloc)
  const h = heapHeader();
  atomic.cmpxchg<u32>(h, 0, <u32>(h + 64));
  const base = alloc(<usize>(MAX_COLS * 2 + MAX_COLS * 4 + MAX_EVENT_TYPES * 8 + MAX_EVENT_TYPES * EVENT_TYPE_BYTES + MAX_COLS * 4 + OUT_LINES * 36 + ET_SLOTS + MAX_EVENT_TYPES * 16));
  kindsP = base;
  nullableP = kindsP + <usize>MAX_COLS;
  emptyP = nullableP + <usize>MAX_COLS;
  etLenP = emptyP + <usize>(MAX_COLS * 4);
  etCountP = etLenP + <usize>(MAX_EVENT_TYPES * 4);
  etBytesP = etCountP + <usize>(MAX_EVENT_TYPES * 4);
  emptyListP = etBytesP + <usize>(MAX_EVENT_TYPES * EVENT_TYPE_BYTES);
  outP = emptyListP + <usize>(MAX_COLS * 4);
  etWordsP = outP + <usize>(OUT_LINES * 36);
  etTabP = etWordsP + <usize>(MAX_EVENT_TYPES * 16);
  memory.fill(etTabP, 0xff, <usize>ET_SLOTS);
  ownP = alloc((1 << 20) + 128);
  inP = ownP;
  inCap = ownP == 0 ? 0 : 1 << 20;
  scratchP = 0;
  scratchCap = 0;
  // repeats found in sorted mode (the big set makes this list longer when it is set up)
  repeatsCap = OUT_LINES + 4096 + 16;
  repeatsP = alloc(<usize>repeatsCap * 8);
  repeatsN = 0;
  sortedMode = false;
  runArr = 0;
  tState0 = 0;
  tState1 = 0;
  growP = 0;
  growCap = 0;
  lsTags = 0;
  return inP;
}

/** makes room for a chunk of n bytes (plus slack for word reads); returns where to put it */
export function reserve(n: i32): usize {
  if (n > inCap) {
    const p = alloc(<usize>n + 128);
    if (p == 0) return 0;
    ownP = p;
    inCap = n;
  }
  inP = ownP;
  return inP;
}

/**
 * Scans the chunk at p from now on: bytes of this memory outside the input area, with 128 bytes
 * after the chunk's end that may be read (and are not used), like the input area's slack — an S3
 * object's ring the parent thread's sockets fill (region), checked where it was read.
 */
export function useInput(p: usize): void {
  inP = p;
}

/** n bytes of this memory (plus 128 that may be read, for useInput) until a heapReset to a mark below them, or 0: no memory */
export function region(n: i32): usize {
  return alloc(<usize>n + 128);
}

export function kindsPtr(): usize { return kindsP; }
export function nullablePtr(): usize { return nullableP; }
export function emptyPtr(): usize { return emptyP; }
export function etLenPtr(): usize { return etLenP; }
export function etCountPtr(): usize { return etCountP; }
export function etBytesPtr(): usize { return etBytesP; }
export function outPtr(): usize { return outP; }
export function stop(): i32 { return stopPos; }
export function low(): i32 { return hashLow; }
export function tsMinLo(): f64 { return <f64>tsMin; }
export function tsMaxHi(): f64 { return <f64>tsMax; }

export function configure(n: i32, user: i32, item: i32, event: i32, ts: i32, mode: i32, rec: i32, tsLimit: f64): void {
  ncol = n;
  userCol = user;
  itemCol = item;
  eventCol = event;
  tsCol = ts;
  recordMode = mode;
  recordCol = rec;
  tsMaxOk = <i64>tsLimit;
  eventTypes = 0;
  memory.fill(etTabP, 0xff, <usize>ET_SLOTS);
  tsMin = i64.MAX_VALUE;
  tsMax = i64.MIN_VALUE;
  memory.fill(emptyP, 0, <usize>(MAX_COLS * 4));
  memory.fill(etCountP, 0, <usize>(MAX_EVENT_TYPES * 4));
}

/** the JS side knows event type k (its bytes at etBytesP + k * EVENT_TYPE_BYTES, length at etLenP) */
export function setEventTypes(n: i32): void {
  eventTypes = n;
  // the lookup table (eventIndex): each type's first 16 bytes as two words, and its slot
  memory.fill(etTabP, 0xff, <usize>ET_SLOTS);
  for (let k = 0; k < n; k++) {
    const p = etBytesP + <usize>(k * EVENT_TYPE_BYTES);
    const len = load<i32>(etLenP + (<usize>k << 2));
    const w0 = load<u64>(p) & lowBytes(len);
    const w1 = load<u64>(p, 8) & lowBytes(len - 8);
    store<u64>(etWordsP + (<usize>k << 4), w0);
    store<u64>(etWordsP + (<usize>k << 4), w1, 8);
    const slot = etTabP + <usize>etSlot(w0, len);
    store<i8>(slot, load<i8>(slot) == -1 ? <i8>k : -2);
  }
}

/** slots of the event-type lookup table */
const ET_SLOTS: i32 = 256;

/** a mask of the low n bytes of a word (n ≤ 0: none, n ≥ 8: all) */
@inline
function lowBytes(n: i32): u64 {
  const bits = <u64>(min<i32>(max<i32>(n, 0), 8) << 3);
  // (a shift by 64 is a shift by 0 in WebAssembly)
  return select<u64>(u64.MAX_VALUE, (<u64>1 << bits) - 1, bits == 64);
}

@inline
function etSlot(w0: u64, len: i32): i32 {
  return <i32>(((w0 ^ (<u64>len * 0x9e3779b97f4a7c15)) * 0xff51afd7ed558ccd) >>> 56);
}

/** hashWords() of [s, e): returns the first lane, the second in low() */
export function hash(s: usize, e: usize): i32 {
  const len = <i32>(e - s);
  let h: i32 = 0x9e3779b9 ^ len;
  let g: i32 = 0x85ebca6b ^ (len * 0x27d4eb2d);
  let i = s;
  while (i + 4 <= e) {
    const w = load<i32>(i);
    let k = w * 0xcc9e2d51;
    k = rotl<i32>(k, 15);
    h ^= k * 0x1b873593;
    h = rotl<i32>(h, 13);
    h = h * 5 + 0xe6546b64;
    g = (g ^ w) * 0x5bd1e995;
    g ^= g >>> 15;
    i += 4;
  }
  if (i < e) {
    let w: i32 = <i32>load<u8>(i);
    if (i + 1 < e) w |= <i32>load<u8>(i + 1) << 8;
    if (i + 2 < e) w |= <i32>load<u8>(i + 2) << 16;
    let k = w * 0xcc9e2d51;
    k = rotl<i32>(k, 15);
    h ^= k * 0x1b873593;
    g = (g ^ w) * 0x5bd1e995;
    g ^= g >>> 15;
  }
  h ^= h >>> 16;
  h = h * 0x85ebca6b;
  h ^= h >>> 13;
  h = h * 0xc2b2ae35;
  h ^= h >>> 16;
  g ^= g >>> 13;
  g = g * 0xc2b2ae35;
  g ^= g >>> 16;
  hashLow = g;
  return h;
}

@inline
function isBool(s: usize, e: usize): bool {
  const n = e - s;
  if (n == 4) return load<u32>(s) == 0x65757274; // "true"
  if (n == 5) return load<u32>(s) == 0x736c6166 && load<u8>(s + 4) == 101; // "false"
  return false;
}

/**
 * index of the known event type with bytes [s, e), or -1: the slot its first 8 bytes and length hash
 * to names the one type it can be (its first 16 bytes compared as two words, no branch on the
 * length; past 16 bytes the rest byte by byte). Reads up to 16 bytes past s (the input has slack).
 */
@inline
function eventIndex(s: usize, e: usize): i32 {
  const len = <i32>(e - s);
  const w0 = load<u64>(s) & lowBytes(len);
  const k = <i32>load<i8>(etTabP + <usize>etSlot(w0, len));
  if (k < 0) return k == -1 ? -1 : eventIndexLinear(s, e);
  const q = etWordsP + (<usize>k << 4);
  if ((load<i32>(etLenP + (<usize>k << 2)) != len) | (load<u64>(q) != w0) | (load<u64>(q, 8) != (load<u64>(s, 8) & lowBytes(len - 8)))) return -1;
  if (len > 16) {
    const p = etBytesP + <usize>(k * EVENT_TYPE_BYTES);
    for (let j = 16; j < len; j++) if (load<u8>(p + j) != load<u8>(s + j)) return -1;
  }
  return k;
}

/** eventIndex where types share a slot: every type compared (inlined: each scan loop keeps it, as with one) */
@inline
function eventIndexLinear(s: usize, e: usize): i32 {
  const len = <i32>(e - s);
  for (let k = 0; k < eventTypes; k++) {
    if (load<i32>(etLenP + (<usize>k << 2)) != len) continue;
    const p = etBytesP + <usize>(k * EVENT_TYPE_BYTES);
    let j = 0;
    while (j + 4 <= len && load<u32>(p + j) == load<u32>(s + j)) j += 4;
    while (j < len && load<u8>(p + j) == load<u8>(s + j)) j++;
    if (j == len) return k;
  }
  return -1;
}

/**
 * a timestamp's value (parseInt64): ten digits (every epoch second from 2001 to 2286) eight at a
 * time in one word (SWAR), anything else by parseInt64
 */
@inline
function parseTs(s: usize, e: usize): i64 {
  if (e - s != 10) return parseInt64(s, e);
  const hi = <u32>load<u16>(s) - 0x3030;
  let x = load<u64>(s, 2) - 0x3030303030303030;
  // every byte a digit: 0-9 after subtracting '0', so neither it nor it + 6 has a high nibble
  if (((((x | (x + 0x0606060606060606)) & 0xf0f0f0f0f0f0f0f0) | <u64>((hi | (hi + 0x0606)) & 0xf0f0))) != 0) return parseInt64(s, e);
  x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ff;
  x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffff;
  x = (x * 10000 + (x >> 32)) & 0xffffffff;
  return <i64>((hi & 0xff) * 10 + (hi >> 8)) * 100000000 + <i64>x;
}

/**
 * A 64-bit fingerprint of [s, e) for the module's own tables (users, items, lines), eight bytes at
 * a time: returns the high half, the low half in low(). Reads up to 7 bytes past e (the input has
 * slack), masked off. The engine hashes a slow-lane line's values with this too (fingerprint()),
 * so both lanes agree.
 */
@inline
function fp(s: usize, e: usize): i32 {
  const len = <u64>(e - s);
  let h: u64 = 0x9e3779b97f4a7c15 ^ (len * 0xff51afd7ed558ccd);
  let i = s;
  if (i + 32 <= e) {
    // long values (whole lines): four independent lanes, so the multiplies overlap
    let b: u64 = 0x6a09e667f3bcc908;
    let c: u64 = 0xbb67ae8584caa73b;
    let d: u64 = 0x3c6ef372fe94f82b;
    do {
      h = (h ^ load<u64>(i)) * 0xc4ceb9fe1a85ec53;
      b = (b ^ load<u64>(i, 8)) * 0xc4ceb9fe1a85ec53;
      c = (c ^ load<u64>(i, 16)) * 0xc4ceb9fe1a85ec53;
      d = (d ^ load<u64>(i, 24)) * 0xc4ceb9fe1a85ec53;
      h ^= h >>> 29;
      b ^= b >>> 29;
      c ^= c >>> 29;
      d ^= d >>> 29;
      i += 32;
    } while (i + 32 <= e);
    h = h ^ rotl<u64>(b, 17) ^ rotl<u64>(c, 31) ^ rotl<u64>(d, 47);
  }
  while (i + 8 <= e) {
    h = (h ^ load<u64>(i)) * 0xc4ceb9fe1a85ec53;
    h ^= h >>> 29;
    i += 8;
  }
  if (i < e) {
    const w = load<u64>(i) & ((<u64>1 << ((<u64>(e - i)) << 3)) - 1);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53;
    h ^= h >>> 29;
  }
  h = (h ^ (h >>> 32)) * 0xff51afd7ed558ccd;
  h ^= h >>> 33;
  hashLow = <i32>h;
  return <i32>(h >>> 32);
}

export function fingerprint(s: usize, e: usize): i32 {
  return fp(s, e);
}

let scratchP: usize = 0;
let scratchCap: i32 = 0;

/** room for n bytes the engine hashes with fingerprint() (a slow-lane value) */
export function scratch(n: i32): usize {
  // (n = 0 too gets a real address: an empty table exports through it)
  if (n > scratchCap || scratchP == 0) {
    scratchP = alloc(<usize>n + 128);
    scratchCap = scratchP == 0 ? 0 : n;
  }
  return scratchP;
}

const COMMA = i8x16.splat(44);
const LF = i8x16.splat(10);
const QUOTE = i8x16.splat(34);
const BACKSLASH = i8x16.splat(92);

/** bit k: byte p + k (k < 64) is ',', LF, '"', '\\' or >= 0x80 */
@inline
function sepMask(p: usize): u64 {
  const a = v128.load(p);
  const b = v128.load(p, 16);
  const c = v128.load(p, 32);
  const d = v128.load(p, 48);
  const ma = i8x16.bitmask(v128.or(v128.or(v128.or(i8x16.eq(a, COMMA), i8x16.eq(a, LF)), v128.or(i8x16.eq(a, QUOTE), i8x16.eq(a, BACKSLASH))), a));
  const mb = i8x16.bitmask(v128.or(v128.or(v128.or(i8x16.eq(b, COMMA), i8x16.eq(b, LF)), v128.or(i8x16.eq(b, QUOTE), i8x16.eq(b, BACKSLASH))), b));
  const mc = i8x16.bitmask(v128.or(v128.or(v128.or(i8x16.eq(c, COMMA), i8x16.eq(c, LF)), v128.or(i8x16.eq(c, QUOTE), i8x16.eq(c, BACKSLASH))), c));
  const md = i8x16.bitmask(v128.or(v128.or(v128.or(i8x16.eq(d, COMMA), i8x16.eq(d, LF)), v128.or(i8x16.eq(d, QUOTE), i8x16.eq(d, BACKSLASH))), d));
  return <u64>ma | (<u64>mb << 16) | (<u64>mc << 32) | (<u64>md << 48);
}

/**
 * Checks lines of the chunk at inP, from offset `pos` to `len`, while they are fast-lane lines and
 * fewer than OUT_LINES. Returns the number of lines done; stop() is the offset where it stopped:
 * the start of a line the JS side must check (or of the incomplete last line, or len).
 * `firstLine` is the line number at `pos`; `seq` goes with each line into the line set.
 *
 * The separators (',', LF, '"', '\\', non-ASCII) of 64 bytes at a time are found with SIMD
 * compares into a bit mask; the loop then visits separators only, not bytes.
 */
export function scan(pos: i32, len: i32, firstLine: i32, seq: i32): i32 {
  return scanLines<u8>(pos, len, firstLine, seq);
}

/**
 * scan() for interactions with the big duplicate-line set (not in sorted mode: bigSet() is true).
 * The same checks, but the lines' user, item and line fingerprints wait in out and go to the tables
 * and the line set after the loop (distribute), each in the scan's order: the loop no longer carries
 * the buffers' code and calls (applyPart, drainPart) and spills less — 158 → 138-146 ns a row on the
 * shuffled 1 GB file. Only here: in sorted mode (time-ordered files) the same change measured slower.
 */
export function scanBig(pos: i32, len: i32, firstLine: i32, seq: i32): i32 {
  const done = scanLines<u16>(pos, len, firstLine, seq);
  distribute(done, firstLine, seq);
  return done;
}

/** whether scan() must be scanBig(): interactions with the big line set (out of sorted mode) */
export function bigSet(): bool {
  return recordMode == 1 && !sortedMode && lsTags != 0;
}

/** out's has bit of a line waiting for the duplicate-line set (scanBig; the engine does not read it) */
const HAS_LINE: i32 = 8;

/**
 * scanBig's lines' keys into the users and items tables and the duplicate-line set, line by line in
 * the scan's order (each table and the set get exactly the sequence of keys they got in scan()).
 */
function distribute(n: i32, firstLine: i32, seq: i32): void {
  for (let k = 0; k < n; k++) {
    const o = outP + <usize>(k * 36);
    const has = load<i32>(o);
    if (has & 1) tableAddInline(0, load<i32>(o, 4), load<i32>(o, 8));
    if (has & 2) tableAddInline(1, load<i32>(o, 12), load<i32>(o, 16));
    if (has & HAS_LINE) lineAddInline(load<i32>(o, 20), load<i32>(o, 24), firstLine + k, seq);
  }
}

/** scan()'s loop; T = u16: scanBig's (the adds after it), u8: scan()'s (the adds inline) */
@inline
function scanLines<T>(pos: i32, len: i32, firstLine: i32, seq: i32): i32 {
  const base = inP;
  const end = base + <usize>len;
  let lineStart = base + <usize>pos;
  let done = 0;
  let mb = lineStart; // the 64-byte window
  let m = sepMask(mb);
  // the current line
  let col = 0;
  let fs = lineStart; // the current field's first byte
  let quoted = false; // inside a quoted value
  let qEnd: usize = 0; // closing quote of the field (0: none)
  let nEmpty = 0;
  let ev = -1;
  let ts: i64 = 0;
  let hasTs = false;
  let has = 0;
  let uh1 = 0, uh2 = 0, ih1 = 0, ih2 = 0;
  let recS: usize = 0;
  let recE: usize = 0;
  while (done < OUT_LINES) {
    while (m == 0) {
      mb += 64;
      if (mb >= end) break;
      m = sepMask(mb);
    }
    if (m == 0) break; // no separator before the end: incomplete line
    const j = mb + <usize>ctz<u64>(m);
    m &= m - 1;
    if (j >= end) break;
    const c = load<u8>(j);
    if (quoted) {
      if (c == 44) continue;
      if (c != 34) break; // escape, line break or non-ASCII inside quotes: slow lane
      // the closing quote: a separator must follow (CR LF, LF or ',')
      quoted = false;
      qEnd = j;
      const n1 = load<u8>(j + 1);
      if (n1 != 44 && n1 != 10 && !(n1 == 13 && load<u8>(j + 2) == 10)) break; // text after the quote, or "" doubled
      continue;
    }
    if (c == 92) {
      if (qEnd != 0) break;
      continue; // a backslash in a bare value is just a byte
    }
    if (c == 34) {
      if (j != fs || qEnd != 0) break; // a quote inside a bare value
      quoted = true;
      continue;
    }
    if (c >= 0x80) break;
    // ',' or LF: the field [s, e) ends
    let s = fs;
    let e = j;
    if (qEnd != 0) {
      if (j != qEnd + 1 && !(c == 10 && j == qEnd + 2)) break;
      s = fs + 1;
      e = qEnd;
    } else if (c == 10 && e > s && load<u8>(e - 1) == 13) e--;
    if (col >= ncol) break;
    const kind = load<u8>(kindsP + <usize>col);
    if (s == e) {
      if (kind != K_SKIP && load<u8>(nullableP + <usize>col) == 0) break;
      store<i32>(emptyListP + (<usize>nEmpty << 2), col);
      nEmpty++;
    } else {
      const n = <i32>(e - s);
      if (kind == K_TS) {
        const v = parseTs(s, e);
        if (v < 631152000 || v > tsMaxOk) break;
        if (col == tsCol) {
          ts = v;
          hasTs = true;
        }
      } else if (kind == K_ID) {
        if (n > 256) break;
        // 13085.0: an ID written as a decimal (a float column) is counted by the engine (one
        // compare of the last two bytes, ".0", almost never taken: no cost the bench file shows)
        if (n >= 3 && load<u16>(e - 2) == 0x302e) break;
        // " 123", "123 ", "   ": a space or a tab (or another byte ≤ 0x20) at either end goes to the
        // engine, which counts it (src/validate/padded-ids.ts): one compare of each end
        if (load<u8>(s) <= 32 || load<u8>(e - 1) <= 32) break;
        // 1.00001E+11: a spreadsheet's long numeric ID in scientific notation goes to the engine,
        // which counts it (src/validate/scientific-ids.ts): a '+' among the last bytes but the last
        if (n >= 4 && (load<u8>(e - 2) == 43 || load<u8>(e - 3) == 43 || load<u8>(e - 4) == 43)) break;
      } else if (kind == K_FLOAT) {
        if (!plainFloat(s, e)) break;
      } else if (kind == K_CAT) {
        if (n > 1000) break;
      } else if (kind == K_TEXT) {
        if (n > 20000) break;
      } else if (kind == K_LONG) {
        if (parseInt64(s, e) == i64.MIN_VALUE) break;
      } else if (kind == K_INT) {
        const v = parseInt64(s, e);
        if (v < -2147483648 || v > 2147483647) break;
      } else if (kind == K_BOOL) {
        if (!isBool(s, e)) break;
      } else if (kind >= K_QTY) {
        // an order export's returns (src/validate/returns.ts, laneKinds): the engine counts them
        if (kind <= K_QTY_FLOAT) {
          if (load<u8>(s) == 45) break;
          if (kind == K_QTY_LONG) {
            if (parseInt64(s, e) == i64.MIN_VALUE) break;
          } else if (kind == K_QTY_INT) {
            const v = parseInt64(s, e);
            if (v < -2147483648 || v > 2147483647) break;
          } else if (kind == K_QTY_FLOAT && !plainFloat(s, e)) break;
        } else {
          if ((load<u8>(s) | 32) == 99 && n > 1 && <u32>(load<u8>(s + 1) - 48) < 10) break;
          if (kind == K_INVOICE_CAT && n > 1000) break;
        }
      }
      if (col == userCol) {
        uh1 = fp(s, e);
        uh2 = hashLow;
        has |= 1;
      } else if (col == itemCol) {
        ih1 = fp(s, e);
        ih2 = hashLow;
        has |= 2;
      } else if (col == eventCol) {
        ev = eventIndex(s, e);
        if (ev < 0) break;
      }
    }
    if (col == recordCol) {
      recS = s;
      recE = e;
    }
    col++;
    const lastFs = fs;
    fs = j + 1;
    qEnd = 0;
    if (c != 10) continue;
    // the line [lineStart, j] is complete; it ends before CR LF or LF (a CR inside the last value's quotes stays)
    const lineEnd = j - 1 >= lastFs && load<u8>(j - 1) == 13 ? j - 1 : j;
    if (col != ncol || (ncol == 1 && lineEnd == lineStart) || j - lineStart > <usize>MAX_LINE) break;
    let lh1 = 0;
    let lh2 = 0;
    if ((sizeof<T>() == 2 || recordMode == 1) && lineEnd != lineStart) {
      lh1 = fp(lineStart, lineEnd);
      lh2 = hashLow;
      // sorted mode: a line out of order (or without a timestamp) goes to the engine, which ends it
      if (sizeof<T>() == 1 && sortedMode && (!hasTs || runAdd(lh1, lh2, firstLine + done, seq, ts) != 0)) break;
    }
    for (let k = 0; k < nEmpty; k++) {
      const q = emptyP + (<usize>load<i32>(emptyListP + (<usize>k << 2)) << 2);
      store<u32>(q, load<u32>(q) + 1);
    }
    if (ev >= 0) {
      const q = etCountP + (<usize>ev << 2);
      store<u32>(q, load<u32>(q) + 1);
    }
    if (hasTs) {
      if (ts < tsMin) tsMin = ts;
      if (ts > tsMax) tsMax = ts;
    }
    if (sizeof<T>() == 1) {
      if (has & 1) tableAddInline(0, uh1, uh2);
      if (has & 2) tableAddInline(1, ih1, ih2);
    }
    const o = outP + <usize>(done * 36);
    if (sizeof<T>() == 2) {
      // scanBig: the keys and the line's fingerprint wait in out for distribute()
      store<i32>(o + 4, uh1);
      store<i32>(o + 8, uh2);
      store<i32>(o + 12, ih1);
      store<i32>(o + 16, ih2);
      if (lineEnd != lineStart) {
        store<i32>(o + 20, lh1);
        store<i32>(o + 24, lh2);
        has |= HAS_LINE;
      }
    } else if (recordMode == 1) {
      // interactions: the whole line, into the duplicate-line set here
      if (lineEnd != lineStart && !sortedMode) lineAddInline(lh1, lh2, firstLine + done, seq);
    } else if (recordMode >= 2) {
      // the engine's own record set (hashWords, as the engine's slow lane): the record ID (2) or the whole line (3)
      if (recordMode == 3) {
        recS = lineStart;
        recE = lineEnd;
      }
      store<i32>(o + 20, hash(recS, recE));
      store<i32>(o + 24, hashLow);
      store<i32>(o + 28, <i32>(recS - base));
      store<i32>(o + 32, <i32>(recE - base));
      if (recS != recE) has |= 4;
    }
    store<i32>(o, has);
    done++;
    // next line
    lineStart = j + 1;
    col = 0;
    nEmpty = 0;
    ev = -1;
    hasTs = false;
    has = 0;
  }
  stopPos = <i32>(lineStart - base);
  return done;
}

// ---- memory: a bump allocator shared by every instance on the memory ----
// The parent thread and its worker threads run instances of this module on ONE shared memory, so
// that the users and items tables are one table for all of them (not a copy each). The heap's top
// is therefore a word of the memory (the header at __heap_base), moved by compare-and-swap; each
// instance's own areas (input, buffers, line set) come from it. heapMark/heapReset let the parent
// take back what its finished workers allocated. Every area alloc hands out is zero (fresh memory
// is): memory given back and handed out again is zeroed by alloc then, only as far as it is handed
// out again — not by heapReset, which would write (and so fault in) every page the workers reserved,
// most of them never touched: 86 MB and 60–215 ms of page faults after every two-thread check of a
// small file, ~20 ms after a 200 MB one, for memory that is mostly never used again. The header's
// second word is how far memory has been given back (below it, memory may hold old bytes).
@inline
function heapHeader(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}

/** the least the heap grows by, in 64 KiB pages */
const GROW_PAGES: i32 = 64;

function alloc(n: usize): usize {
  const h = heapHeader();
  while (true) {
    const old = <usize>atomic.load<u32>(h);
    const p = (old + 63) & ~(<usize>63);
    const end = p + n;
    const have = <usize>memory.size() << 16;
    if (end > have) {
      // another thread may grow it at the same time: then look again. At least 4 MiB a time: growing
      // a shared memory costs ≈ 0.1 ms whatever the size (pages are resident only once written), and
      // setting up the tables a page at a time was most of what validating a small file cost
      const need = <i32>((end - have + 0xffff) >> 16);
      if (memory.grow(max<i32>(need, GROW_PAGES)) < 0 && memory.grow(need) < 0 && end > (<usize>memory.size() << 16)) return 0;
      continue;
    }
    if (atomic.cmpxchg<u32>(h, <u32>old, <u32>end) == <u32>old) {
      // (the area is this caller's alone now; the word only moves in heapReset, when no instance allocates)
      const given = <usize>atomic.load<u32>(h + 4);
      if (p < given) memory.fill(p, 0, min<usize>(end, given) - p);
      return p;
    }
  }
}

/** the heap's top now (for heapReset) */
export function heapMark(): usize {
  return <usize>atomic.load<u32>(heapHeader());
}

/** gives back everything allocated since heapMark() returned `mark`: no instance may use it any more (alloc zeroes what it hands out again) */
export function heapReset(mark: usize): void {
  const h = heapHeader();
  const top = <usize>atomic.load<u32>(h);
  if (top <= mark) return;
  if (top > <usize>atomic.load<u32>(h + 4)) atomic.store<u32>(h + 4, <u32>top);
  atomic.store<u32>(h, <u32>mark);
}

// ---- count tables: 0 users (fingerprint → rows), 1 items (a set; counts up to 63, unused) ----
// One table of each for every instance on the memory (the parent's and its workers'): the table's
// state lives in the memory (tablePtr, handed to the workers' tableAttach); an instance keeps only
// its update buffers and its HyperLogLog registers. BufferedTable of hash.ts: split by h1's top 6
// bits into 64 open-addressing parts (linear probing) that stay small enough for the caches, with
// updates buffered per part and applied a full buffer at a time under the part's lock (two workers
// seldom want the same part at once). Each part has a region reserved for its largest size once it
// outgrows its first small block (tableReserve does it for every part at once: before worker
// threads start, so that no region is ever allocated by a worker), then grows in place: no dead
// blocks but the first small ones, and untouched pages are never resident.
// A part's size is any number of slots, not only a power of two: the home slot is h2 scaled to it
// (multiply-high, `home`). Small parts double when ¾ full; from SMALL_PART slots on (many IDs, where
// the table is most of the process's memory) a part grows by a sixteenth when 4/5 full, so the
// table is 75–80 % full rather than 38–75 % (10 M users: 96–102 MB instead of 128). Growing that
// often costs little: with homes in h2's order, a part is rehashed in one sequential sweep.
// A slot is 8 bytes: h2, then h1's low 26 bits (its top 6 bits are the part) above a 6-bit
// saturating count: the whole 64-bit fingerprint in 8 bytes instead of 12. A user's count that
// would pass 63 keeps CNT_KEEP (16) in the slot and moves the rest to the table's overflow table
// ([h1, h2, rows moved], 12 bytes, one lock), so every count stays exact: a user's count is its
// slot's plus its overflow entry (looked up only for a slot count ≥ CNT_KEEP). Moving 48 rows at a
// time calls the overflow table once every 48 rows of a busy user, not on every row past 63 (its
// lock and a cache miss a row, with two workers a contended lock: a fifth of the time on a file
// with 100+ rows a user). The items table is a set (its counts are not used): its counts stop at
// 63 and never reach the overflow table. A slot's second word is 0 when it is empty (a stored
// count is ≥ 1).
const TPARTS: i32 = 64;
const TBUF: i32 = 4096;
const CNT_MAX: i32 = 63;
/** what a slot keeps when its count would pass CNT_MAX (the rest goes to the overflow table); the engine reads it */
export const CNT_KEEP: i32 = 16;
// table state (i32 words at tablePtr(t)): [0] max slots a part, [1] saturated, [2] overflow base,
// [3] overflow mask, [4] overflow size, [5] overflow lock, [6] overflow max slots, [7] overflow in its region;
// then per part (32 bytes at + 64 + part * 32): base, slots, size, lock, in its region
const TSTATE_BYTES: i32 = 64 + TPARTS * 32;
let tState0: usize = 0;
let tState1: usize = 0;

@inline function tStateOf(t: i32): usize { return t == 0 ? tState0 : tState1; }
@inline function tWord(t: i32, w: i32): usize { return tStateOf(t) + <usize>(w * 4); }
@inline function partP(t: i32, part: i32): usize { return tStateOf(t) + 64 + <usize>(part * 32); }

/** parts from this many slots on grow by a sixteenth at 4/5 full (below: doubled at ¾) */
const SMALL_PART: i32 = 1 << 14;

/**
 * a key's home slot in a part of `slots` slots: h2 scaled to [0, slots). (The mask, not a
 * `<u64><u32>` cast: with h2 loaded from memory the compiler folded that cast into a sign-extending
 * load, and a negative h2 then pointed below the part.)
 */
@inline function home(h2: i32, slots: i32): i32 {
  return <i32>((((<u64>h2) & 0xffffffff) * <u64>slots) >> 32);
}

/** a part holding `size` keys in `slots` slots must grow before it takes another */
@inline function partFull(size: i32, slots: i32): bool {
  return slots < SMALL_PART ? size * 4 > slots * 3 : size * 5 > slots * 4;
}

/** the size a part of `slots` slots grows to (whole cache lines of 8 slots), at most `max` */
function partNext(slots: i32, max: i32): i32 {
  return min<i32>(max, slots < SMALL_PART ? slots * 2 : (slots + (slots >> 4) + 7) & ~7);
}

@inline
function lock(a: usize): void {
  while (atomic.cmpxchg<i32>(a, 0, 1) != 0) {}
}

@inline
function unlock(a: usize): void {
  atomic.store<i32>(a, 0);
}

/** sets up table t, about `slots` to start with, at most `maxSlots` (both split into TPARTS parts) */
export function tableInit(t: i32, slots: i32, maxSlots: i32): bool {
  // no memory.fill: alloc's memory is zero (fresh, or zeroed by alloc when given back before), and filling fresh pages
  // of a shared memory costs page faults — most of what validating a few lines cost
  const st = alloc(<usize>TSTATE_BYTES);
  if (st == 0) return false;
  const partMax = max<i32>(16, maxSlots / TPARTS);
  const partSlots = min<i32>(partMax, max<i32>(16, slots / TPARTS));
  store<i32>(st, partMax);
  for (let part = 0; part < TPARTS; part++) {
    const p = alloc(<usize>partSlots * 8);
    if (p == 0) return false;
    const pp = st + 64 + <usize>(part * 32);
    store<i32>(pp, <i32>p);
    store<i32>(pp, partSlots, 4);
  }
  const ovMax = max<i32>(256, (partMax * TPARTS) >> 2);
  const ov = alloc(256 * 12);
  if (ov == 0) return false;
  store<i32>(st, <i32>ov, 8);
  store<i32>(st, 255, 12);
  store<i32>(st, ovMax, 24);
  return tableAttach(t, st);
}

/** moves a part (its state at pp) into a region reserved for its largest size; false: no memory */
function partToRegion(t: i32, pp: usize): bool {
  if (load<i32>(pp, 16) != 0) return true;
  const region = alloc(<usize>load<i32>(tWord(t, 0)) * 8);
  if (region == 0) return false;
  // fresh memory is zero; the same size, so the slots keep their places
  memory.copy(region, <usize>load<i32>(pp), <usize>load<i32>(pp, 4) * 8);
  store<i32>(pp, <i32>region);
  store<i32>(pp, 1, 16);
  return true;
}

function overflowToRegion(st: usize): bool {
  if (load<i32>(st, 28) != 0) return true;
  const region = alloc(<usize>load<i32>(st, 24) * 12);
  if (region == 0) return false;
  memory.copy(region, <usize>load<i32>(st, 8), <usize>(load<i32>(st, 12) + 1) * 12);
  store<i32>(st, <i32>region, 8);
  store<i32>(st, 1, 28);
  return true;
}

/**
 * Reserves every part's and the overflow table's region now (the parent, before worker threads
 * attach: what they allocate is given back after them, so they must never allocate a region).
 */
export function tableReserve(t: i32): bool {
  for (let part = 0; part < TPARTS; part++) if (!partToRegion(t, partP(t, part))) return false;
  return overflowToRegion(tStateOf(t));
}

/** where table t's state is (for another instance's tableAttach) */
export function tablePtr(t: i32): usize { return tStateOf(t); }

/** uses the table whose state is at `st` (set up by another instance on this memory) */
export function tableAttach(t: i32, st: usize): bool {
  const bufs = alloc(<usize>(TPARTS * TBUF * 8));
  const fills = alloc(<usize>(TPARTS * 4));
  const sketch = alloc(<usize>(SKETCH_MASK + 1));
  if (bufs == 0 || fills == 0 || sketch == 0) return false;
  memory.fill(fills, 0, <usize>(TPARTS * 4));
  memory.fill(sketch, 0, <usize>(SKETCH_MASK + 1));
  if (t == 0) {
    tState0 = st;
    tBufs0 = bufs;
    tFills0 = fills;
    tSketch0 = sketch;
  } else {
    tState1 = st;
    tBufs1 = bufs;
    tFills1 = fills;
    tSketch1 = sketch;
  }
  return true;
}

let tBufs0: usize = 0;
let tBufs1: usize = 0;
// HyperLogLog registers per table (sketch.ts): the distinct count once a table is full
const SKETCH_MASK: i32 = (1 << 14) - 1;
let tSketch0: usize = 0;
let tSketch1: usize = 0;
export function tableSketchPtr(t: i32): usize { return t == 0 ? tSketch0 : tSketch1; }
let tFills0: usize = 0;
let tFills1: usize = 0;

/** adds one to the key's count, later (in its part's batch) */
@inline
function tableAddInline(t: i32, h1: i32, h2: i32): void {
  if (h1 == 0) h1 = 1;
  const r = (t == 0 ? tSketch0 : tSketch1) + <usize>(h1 & SKETCH_MASK);
  const rank = <u8>(clz<i32>(h2) + 1);
  if (rank > load<u8>(r)) store<u8>(r, rank);
  const part = <i32>(<u32>h1 >>> 26);
  const fp = (t == 0 ? tFills0 : tFills1) + (<usize>part << 2);
  const f = load<i32>(fp);
  const q = (t == 0 ? tBufs0 : tBufs1) + <usize>((part * TBUF + f) * 8);
  store<i32>(q, h1);
  store<i32>(q, h2, 4);
  if (f + 1 == TBUF) {
    applyPart(t, part, TBUF);
    store<i32>(fp, 0);
  } else store<i32>(fp, f + 1);
}

/** adds n to the key's count (n = 1: later, in its part's batch) */
export function tableAdd(t: i32, h1: i32, h2: i32, n: i32): void {
  if (n == 1) tableAddInline(t, h1, h2);
  else {
    if (h1 == 0) h1 = 1;
    const pp = partP(t, <i32>(<u32>h1 >>> 26));
    lock(pp + 12);
    insert(t, pp, h1, h2, n);
    unlock(pp + 12);
  }
}

/** applies this instance's buffered updates (before reading a table) */
export function tableFlush(t: i32): void {
  const fills = t == 0 ? tFills0 : tFills1;
  for (let part = 0; part < TPARTS; part++) {
    const fp = fills + (<usize>part << 2);
    const f = load<i32>(fp);
    if (f > 0) {
      applyPart(t, part, f);
      store<i32>(fp, 0);
    }
  }
}

let tTouched: i32 = 0;

function applyPart(t: i32, part: i32, n: i32): void {
  const pp = partP(t, part);
  const q0 = (t == 0 ? tBufs0 : tBufs1) + <usize>(part * TBUF * 8);
  const qEnd = q0 + <usize>(n * 8);
  lock(pp + 12);
  // every home slot first: independent loads, so their cache misses overlap
  const base = <usize>load<i32>(pp);
  const slots = load<i32>(pp, 4);
  let x = 0;
  for (let q = q0; q < qEnd; q += 8) x ^= load<i32>(base + <usize>home(load<i32>(q, 4), slots) * 8);
  tTouched ^= x;
  for (let q = q0; q < qEnd; q += 8) insert(t, pp, load<i32>(q), load<i32>(q, 4), 1);
  unlock(pp + 12);
}

/** adds c to the count of key (h1, h2) in its part's table (pp); the part's lock is held */
@inline
function insert(t: i32, pp: usize, h1: i32, h2: i32, c: i32): void {
  let base = <usize>load<i32>(pp);
  let slots = load<i32>(pp, 4);
  const lo = h1 << 6;
  let i = home(h2, slots);
  while (true) {
    const s = base + <usize>i * 8;
    const w = load<i32>(s, 4);
    if (w == 0) break;
    if (load<i32>(s) == h2 && (<u32>(w ^ lo) >> 6) == 0) {
      const n = (w & CNT_MAX) + c;
      if (n <= CNT_MAX) store<i32>(s, w + c, 4);
      else if (t == 1) store<i32>(s, w | CNT_MAX, 4); // items: a set (their counts are not used)
      else {
        store<i32>(s, (w & ~CNT_MAX) | CNT_KEEP, 4);
        overflowAdd(t, h1, h2, n - CNT_KEEP);
      }
      return;
    }
    if (++i == slots) i = 0;
  }
  const size = load<i32>(pp, 8);
  if (partFull(size + 1, slots)) {
    if (!growPart(t, pp)) {
      store<i32>(tWord(t, 1), 1);
      return;
    }
    base = <usize>load<i32>(pp);
    slots = load<i32>(pp, 4);
    i = home(h2, slots);
    while (load<i32>(base + <usize>i * 8, 4) != 0) if (++i == slots) i = 0;
  }
  const s = base + <usize>i * 8;
  store<i32>(s, h2);
  store<i32>(s, lo | (c > CNT_MAX ? (t == 1 ? CNT_MAX : CNT_KEEP) : c), 4);
  if (c > CNT_MAX && t != 1) overflowAdd(t, h1, h2, c - CNT_KEEP);
  store<i32>(pp, size + 1, 8);
}

// this instance's room for a table being grown in place (its old slots are copied here first)
let growP: usize = 0;
let growCap: usize = 0;

// (n bytes now, room for `most` at once: a part grows by a sixteenth many times, and a new room each
// time would leave ~17× the part's size of dead blocks behind; untouched pages of it are never resident)
function growRoom(n: usize, most: usize): usize {
  if (n > growCap) {
    const cap = max<usize>(n, most);
    growP = alloc(cap);
    growCap = growP == 0 ? 0 : cap;
  }
  return growP;
}

/** grows a part in its own region (partNext; false: it is at its largest, or no memory) */
function growPart(t: i32, pp: usize): bool {
  const oldSlots = load<i32>(pp, 4);
  const slots = partNext(oldSlots, load<i32>(tWord(t, 0)));
  if (slots <= oldSlots || !partToRegion(t, pp)) return false;
  const base = <usize>load<i32>(pp);
  const bytes = <usize>oldSlots * 8;
  const old = growRoom(bytes, <usize>load<i32>(tWord(t, 0)) * 8);
  if (old == 0) return false;
  memory.copy(old, base, bytes);
  // the region past the old slots has never been written since the table was set up: it is zero
  memory.fill(base, 0, bytes);
  for (let j = 0; j < oldSlots; j++) {
    const o = old + <usize>j * 8;
    const w = load<i32>(o, 4);
    if (w == 0) continue;
    const h2 = load<i32>(o);
    let i = home(h2, slots);
    while (load<i32>(base + <usize>i * 8, 4) != 0) if (++i == slots) i = 0;
    const q = base + <usize>i * 8;
    store<i32>(q, h2);
    store<i32>(q, w, 4);
  }
  store<i32>(pp, slots, 4);
  return true;
}

/** rows past 63 of key (h1, h2): the overflow table, under its lock */
function overflowAdd(t: i32, h1: i32, h2: i32, c: i32): void {
  const st = tStateOf(t);
  lock(st + 20);
  let base = <usize>load<i32>(st, 8);
  let mask = load<i32>(st, 12);
  let i = (h1 ^ h2) & mask;
  while (true) {
    const s = base + <usize>i * 12;
    const k = load<i32>(s);
    if (k == 0) break;
    if (k == h1 && load<i32>(s, 4) == h2) {
      store<i32>(s, load<i32>(s, 8) + c, 8);
      unlock(st + 20);
      return;
    }
    i = (i + 1) & mask;
  }
  const size = load<i32>(st, 16);
  if ((size + 1) * 4 > (mask + 1) * 3) {
    // grow in place (its region is reserved for its largest size)
    const oldSlots = mask + 1;
    const bytes = <usize>oldSlots * 12;
    const old = oldSlots * 2 <= load<i32>(st, 24) && overflowToRegion(st) ? growRoom(bytes, bytes) : 0;
    if (old == 0) {
      store<i32>(st, 1, 4);
      unlock(st + 20);
      return;
    }
    base = <usize>load<i32>(st, 8);
    memory.copy(old, base, bytes);
    memory.fill(base, 0, bytes * 2);
    mask = oldSlots * 2 - 1;
    for (let j = 0; j < oldSlots; j++) {
      const o = old + <usize>j * 12;
      const k = load<i32>(o);
      if (k == 0) continue;
      let m = (k ^ load<i32>(o, 4)) & mask;
      while (load<i32>(base + <usize>m * 12) != 0) m = (m + 1) & mask;
      memory.copy(base + <usize>m * 12, o, 12);
    }
    store<i32>(st, mask, 12);
    i = (h1 ^ h2) & mask;
    while (load<i32>(base + <usize>i * 12) != 0) i = (i + 1) & mask;
  }
  const s = base + <usize>i * 12;
  store<i32>(s, h1);
  store<i32>(s, h2, 4);
  store<i32>(s, c, 8);
  store<i32>(st, size + 1, 16);
  unlock(st + 20);
}

/** the rows of key (h1, h2) moved to the overflow table (0: none; its count is its slot's plus these); no other thread may be adding */
export function tableOverflow(t: i32, h1: i32, h2: i32): i32 {
  const st = tStateOf(t);
  const base = <usize>load<i32>(st, 8);
  const mask = load<i32>(st, 12);
  let i = (h1 ^ h2) & mask;
  while (true) {
    const s = base + <usize>i * 12;
    const k = load<i32>(s);
    if (k == 0) return 0;
    if (k == h1 && load<i32>(s, 4) == h2) return load<i32>(s, 8);
    i = (i + 1) & mask;
  }
}

/**
 * The counts of table t's part `part` (a slot's count plus the rows moved to the overflow table), one
 * i32 a key from dst; returns how many. The report's summary of users reads them a part a call: a
 * call for each busy user's overflow entry from JS cost ≈ 25 ms of a 200 k-user file's end.
 */
export function tablePartCounts(t: i32, part: i32, dst: usize): i32 {
  const pp = partP(t, part);
  const base = <usize>load<i32>(pp);
  const slots = load<i32>(pp, 4);
  // stops at the part's last key: a small table's untouched pages are never read (each read of a
  // fresh page of the shared memory is a page fault)
  let left = load<i32>(pp, 8);
  let n = 0;
  for (let i = 0; left > 0 && i < slots; i++) {
    const q = base + <usize>i * 8;
    const w = load<i32>(q, 4);
    if (w == 0) continue;
    left--;
    const c = w & CNT_MAX;
    store<i32>(dst + (<usize>n << 2), c < CNT_KEEP ? c : c + tableOverflow(t, (part << 26) | <i32>(<u32>w >> 6), load<i32>(q)));
    n++;
  }
  return n;
}

/** writes every key of table t as [h1, h2, count] from dst; returns how many */
export function tableExport(t: i32, dst: usize): i32 {
  tableFlush(t);
  let n = 0;
  for (let part = 0; part < TPARTS; part++) {
    const pp = partP(t, part);
    const base = <usize>load<i32>(pp);
    const slots = load<i32>(pp, 4);
    for (let i = 0; i < slots; i++) {
      const q = base + <usize>i * 8;
      const w = load<i32>(q, 4);
      if (w == 0) continue;
      const h1 = (part << 26) | <i32>(<u32>w >> 6);
      const h2 = load<i32>(q);
      const c = w & CNT_MAX;
      const o = dst + <usize>n * 12;
      store<i32>(o, h1);
      store<i32>(o, h2, 4);
      store<i32>(o, c < CNT_KEEP ? c : c + tableOverflow(t, h1, h2), 8);
      n++;
    }
  }
  return n;
}

/** adds n [h1, h2, count] triples (another table's export) */
export function tableMerge(t: i32, src: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const q = src + <usize>k * 12;
    const h1 = load<i32>(q);
    if (h1 != 0) tableAdd(t, h1, load<i32>(q, 4), load<i32>(q, 8)); // 0: an empty slot of a raw export
  }
}

export function tableParts(): i32 { return TPARTS; }
export function tablePartPtr(t: i32, part: i32): usize { return <usize>load<i32>(partP(t, part)); }
export function tablePartSlots(t: i32, part: i32): i32 { return load<i32>(partP(t, part), 4); }
export function tablePartSize(t: i32, part: i32): i32 { return load<i32>(partP(t, part), 8); }
export function tableSize(t: i32): i32 {
  let n = 0;
  for (let part = 0; part < TPARTS; part++) n += load<i32>(partP(t, part), 8);
  return n;
}
export function tableSaturated(t: i32): bool { return load<i32>(tWord(t, 1)) != 0; }

// ---- the duplicate-line set: PartitionedTagSet of hash.ts, same layout and answers ----
// 256 partitions by h1's top 8 bits; in a partition, home slot h1 & partMask, tag h2 (0 → 1).
// Records wait in a buffer per partition; a full buffer is checked in one go (its pages stay in
// cache and TLB). A repeat is written to the repeats list as (line, seq) for the engine to report.
const PARTS: i32 = 256;
let lsTags: usize = 0;
let lsPartSlots: i32 = 0;
let lsPartMask: i32 = 0;
let lsPartMax: i32 = 0;
let lsBufN: i32 = 0;
let lsBuf: usize = 0;
let lsFill: usize = 0;
let lsPartSize: usize = 0;
let lsSaturated: i32 = 0;
let repeatsP: usize = 0;
let repeatsCap: i32 = 0;
let repeatsN: i32 = 0;
let lsTouched: i32 = 0;

export function lineSetInit(slots: i32, bufN: i32): bool {
  lsTags = alloc(<usize>slots * 4);
  lsBuf = alloc(<usize>(PARTS * bufN * 16));
  lsFill = alloc(<usize>(PARTS * 4));
  lsPartSize = alloc(<usize>(PARTS * 4));
  const cap = PARTS * bufN + OUT_LINES + RUN_MAX + 16;
  if (cap > repeatsCap) {
    repeatsP = alloc(<usize>cap * 8);
    repeatsCap = cap;
  }
  if (lsTags == 0 || lsBuf == 0 || lsFill == 0 || lsPartSize == 0 || repeatsP == 0) return false;
  lsPartSlots = slots / PARTS;
  lsPartMask = lsPartSlots - 1;
  lsPartMax = (lsPartSlots / 4) * 3;
  lsBufN = bufN;
  lsSaturated = 0;
  return true;
}

export function lineAdd(h1: i32, h2: i32, line: i32, seq: i32): void {
  lineAddInline(h1, h2, line, seq);
}

@inline
function lineAddInline(h1: i32, h2: i32, line: i32, seq: i32): void {
  const p = <i32>(<u32>h1 >>> 24);
  const fp = lsFill + (<usize>p << 2);
  const f = load<i32>(fp);
  const q = lsBuf + <usize>((p * lsBufN + f) * 16);
  store<i32>(q, h1);
  store<i32>(q, h2 == 0 ? 1 : h2, 4);
  store<i32>(q, line, 8);
  store<i32>(q, seq, 12);
  if (f + 1 == lsBufN) drainPart(p, f + 1);
  else store<i32>(fp, f + 1);
}

function drainPart(p: i32, n: i32): void {
  const mask = lsPartMask;
  const base = lsTags + <usize>(p * lsPartSlots) * 4;
  const q0 = lsBuf + <usize>(p * lsBufN * 16);
  const qEnd = q0 + <usize>(n * 16);
  const sp = lsPartSize + (<usize>p << 2);
  let size = load<i32>(sp);
  // every home slot first: independent loads, so their cache misses overlap
  let x = 0;
  for (let q = q0; q < qEnd; q += 16) x ^= load<i32>(base + (<usize>(load<i32>(q) & mask) << 2));
  lsTouched ^= x;
  const zero = i32x4.splat(0);
  for (let q = q0; q < qEnd; q += 16) {
    const h2 = load<i32>(q, 4);
    // linear probing from the home slot, a cache line (16 slots) at a time: the first line from the
    // home slot's lane on; the key is in the set when its tag comes before the first empty slot
    const i0 = load<i32>(q) & mask;
    let g = i0 & ~15;
    const tag = i32x4.splat(h2);
    let lanes = 0xffff << (i0 & 15);
    let found = false;
    let i = 0;
    while (true) {
      // the home slot's whole cache line (16 slots: a partition has at least 256, lines aligned) at
      // once: in a set ¾ full the search mostly ends in it, so this branch is seldom taken again
      const a = base + (<usize>g << 2);
      const v0 = v128.load(a);
      const v1 = v128.load(a, 16);
      const v2 = v128.load(a, 32);
      const v3 = v128.load(a, 48);
      const hit = i8x16.bitmask(i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(i32x4.eq(v0, tag), i32x4.eq(v1, tag)), i16x8.narrow_i32x4_s(i32x4.eq(v2, tag), i32x4.eq(v3, tag)))) & lanes;
      const free = i8x16.bitmask(i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(i32x4.eq(v0, zero), i32x4.eq(v1, zero)), i16x8.narrow_i32x4_s(i32x4.eq(v2, zero), i32x4.eq(v3, zero)))) & lanes;
      if ((hit | free) != 0) {
        const first = ctz<i32>(hit | free);
        found = ((hit >> first) & 1) != 0;
        i = g + first;
        break;
      }
      g = (g + 16) & mask;
      lanes = 0xffff;
    }
    if (found) {
      if (!lsSilent) {
        const r = repeatsP + (<usize>repeatsN << 3);
        store<i32>(r, load<i32>(q, 8));
        store<i32>(r, load<i32>(q, 12), 4);
        repeatsN++;
      }
    } else if (size < lsPartMax) {
      store<i32>(base + (<usize>i << 2), h2);
      size++;
    } else lsSaturated = 1;
  }
  store<i32>(sp, size);
  store<i32>(lsFill + (<usize>p << 2), 0);
}

/** checks every waiting record */
export function lineDrain(): void {
  for (let p = 0; p < PARTS; p++) {
    const f = load<i32>(lsFill + (<usize>p << 2));
    if (f > 0) drainPart(p, f);
  }
}

/**
 * a's regions up to this many slots are searched by a SIMD compare, longer ones through the hash set
 * (both threads' lineCountShared over two saturated 2^23-slot sets, single-threaded: 235-261 -> 148-165 ms)
 */
const CS_LINEAR: i32 = 32;
let csP: usize = 0;
let csCap: i32 = 0;
let csGen: i32 = 0;

/**
 * PartitionedTagSet.countShared (linesets.ts) of two line sets in this memory (their tags at `a`
 * and `b`, `slots` each), over partitions [from, to): how many tags of b are also in a, searched
 * in the same places — for each run of b's occupied slots, a's slots from the run's start to a's
 * first empty slot after the run's end — but a region of a up to CS_LINEAR slots by a SIMD compare
 * behind a bit filter, a longer one through a small hash set of its slots, so a run costs its
 * length, not its length times a's (the sets are ¾ full when they saturate: long runs). Two
 * workers count the lines repeated across their parts with it, after both are done: its time is
 * the run's last.
 */
export function lineCountShared(a: usize, b: usize, slots: i32, from: i32, to: i32): i32 {
  const partSlots = slots / PARTS;
  const mask = partSlots - 1;
  // the hash set: (tag, generation) a slot, up to twice a partition's slots
  if (partSlots * 2 > csCap) {
    // (and CS_LINEAR + 4 slots past it: a short region's copy, for the SIMD compare)
    csP = alloc(<usize>partSlots * 16 + <usize>((CS_LINEAR + 4) * 4));
    if (csP == 0) return -1;
    memory.fill(csP, 0, <usize>partSlots * 16);
    csCap = partSlots * 2;
    csGen = 0;
  }
  const lin = csP + <usize>partSlots * 16;
  let shared = 0;
  for (let p = from; p < to; p++) {
    const pa = a + (<usize>(p * partSlots) << 2);
    const pb = b + (<usize>(p * partSlots) << 2);
    let e0 = 0;
    while (e0 < partSlots && load<i32>(pb + (<usize>e0 << 2)) != 0) e0++;
    if (e0 == partSlots) continue;
    let i = (e0 + 1) & mask;
    let left = mask;
    while (left > 0) {
      if (load<i32>(pb + (<usize>i << 2)) == 0) {
        i = (i + 1) & mask;
        left--;
        continue;
      }
      const s = i;
      let len = 0;
      while (left > 0 && load<i32>(pb + (<usize>i << 2)) != 0) {
        i = (i + 1) & mask;
        left--;
        len++;
      }
      let r = len;
      let j = (s + len - 1) & mask;
      while (r <= mask && load<i32>(pa + (<usize>j << 2)) != 0) {
        j = (j + 1) & mask;
        r++;
      }
      if (r <= CS_LINEAR) {
        // a short region (most are, even ¾ full): copied in a row, zeros after it to a whole
        // number of vectors (b's tags are never 0), each of b's tags compared with 4 at a time —
        // unless a 64-bit filter of the region's tags' low 6 bits says it is not there (most of b's
        // tags are in no region of a). The same slots searched, so the same count as the hash set.
        let bloom: u64 = 0;
        for (let m = 0; m < r; m++) {
          const v = load<i32>(pa + (<usize>((s + m) & mask) << 2));
          store<i32>(lin + (<usize>m << 2), v);
          bloom |= <u64>1 << <u64>(v & 63);
        }
        const rv = (r + 3) & ~3;
        for (let m = r; m < rv; m++) store<i32>(lin + (<usize>m << 2), 0);
        const linEnd = lin + (<usize>rv << 2);
        for (let k = 0; k < len; k++) {
          const t = load<i32>(pb + (<usize>((s + k) & mask) << 2));
          if (((bloom >> <u64>(t & 63)) & 1) == 0) continue;
          const tag = i32x4.splat(t);
          let q = lin;
          let any = v128.and(tag, i32x4.splat(0)); // all zero
          while (q < linEnd) {
            any = v128.or(any, i32x4.eq(v128.load(q), tag));
            q += 16;
          }
          if (v128.any_true(any)) shared++;
        }
        continue;
      }
      // a's candidates into the hash set (a new generation empties it)
      let bits = 3;
      while ((1 << bits) < r * 2) bits++;
      const hmask = (1 << bits) - 1;
      const shift = <u32>(32 - bits);
      if (++csGen == 0x7fffffff) {
        memory.fill(csP, 0, <usize>csCap * 8);
        csGen = 1;
      }
      const gen = csGen;
      for (let m = 0; m < r; m++) {
        const tag = load<i32>(pa + (<usize>((s + m) & mask) << 2));
        if (tag == 0) continue; // an empty slot of a: matches nothing
        let h = <i32>((<u32>tag * 0x9e3779b1) >>> shift);
        while (true) {
          const q = csP + (<usize>h << 3);
          if (load<i32>(q, 4) != gen) {
            store<i32>(q, tag);
            store<i32>(q, gen, 4);
            break;
          }
          if (load<i32>(q) == tag) break;
          h = (h + 1) & hmask;
        }
      }
      for (let k = 0; k < len; k++) {
        const tag = load<i32>(pb + (<usize>((s + k) & mask) << 2));
        let h = <i32>((<u32>tag * 0x9e3779b1) >>> shift);
        while (true) {
          const q = csP + (<usize>h << 3);
          if (load<i32>(q, 4) != gen) break;
          if (load<i32>(q) == tag) {
            shared++;
            break;
          }
          h = (h + 1) & hmask;
        }
      }
    }
  }
  return shared;
}

/** while on, repeats are not listed (catching up: lines already checked and reported) */
let lsSilent = false;
export function lineSilent(on: bool): void {
  lsSilent = on;
}

export function lineTagsPtr(): usize { return lsTags; }
export function lineSaturated(): bool { return lsSaturated != 0; }
export function repeatsPtr(): usize { return repeatsP; }
export function repeatCount(): i32 { return repeatsN; }
export function clearRepeats(): void { repeatsN = 0; }

// ---- sorted mode: duplicate lines of a time-ordered file, without the big set ----
// Identical lines have identical timestamps, so while a file's timestamps never decrease, every
// repeat of a line lies in the run of lines with its timestamp: only that run's fingerprints are
// kept (a short array, hashed once the run is long). The first line out of order (or a run too long
// to keep) ends sorted mode: the engine then fills the big set from the lines before it (it reads
// them again) and goes on with it. Runs are also what worker threads compare across parts.
const RUN_MAX: i32 = 4096;
const RUN_SLOTS: i32 = 8192;
const RUN_LINEAR: i32 = 16;
let sortedMode = false;
let runTs: i64 = 0;
let runN: i32 = 0;
let runArr: usize = 0; // (h1, h2) per line of the current run
let runTable: usize = 0; // RUN_SLOTS slots of (h1, h2, generation)
let runGen: i32 = 0;
let firstTs: i64 = 0;
let firstN: i32 = -1; // lines of the first run, once it has ended (-1: still in it)
let firstArr: usize = 0;
let sortedLines: i32 = 0;

/** starts sorted mode (before any line) */
export function sortedInit(): bool {
  if (runArr == 0) {
    runArr = alloc(<usize>(RUN_MAX * 8));
    firstArr = alloc(<usize>(RUN_MAX * 8));
    runTable = alloc(<usize>(RUN_SLOTS * 12));
    if (runArr == 0 || firstArr == 0 || runTable == 0) return false;
    memory.fill(runTable, 0, <usize>(RUN_SLOTS * 12));
  }
  sortedMode = true;
  runN = 0;
  runGen = 1;
  firstN = -1;
  sortedLines = 0;
  return true;
}

/** sorted mode is over (the engine switches to the big set) */
export function sortedEnd(): void {
  sortedMode = false;
}

export function sorted(): bool { return sortedMode; }

function runEnd(): void {
  if (firstN < 0) {
    memory.copy(firstArr, runArr, <usize>(runN * 8));
    firstN = runN;
  }
  runN = 0;
  runGen++;
  if (runGen == 0x7fffffff) {
    memory.fill(runTable, 0, <usize>(RUN_SLOTS * 12));
    runGen = 1;
  }
}

@inline
function runTableAdd(h1: i32, h2: i32): bool {
  let i = h2 & (RUN_SLOTS - 1);
  while (true) {
    const q = runTable + <usize>i * 12;
    if (load<i32>(q, 8) != runGen) {
      store<i32>(q, h1);
      store<i32>(q, h2, 4);
      store<i32>(q, runGen, 8);
      return false;
    }
    if (load<i32>(q) == h1 && load<i32>(q, 4) == h2) return true;
    i = (i + 1) & (RUN_SLOTS - 1);
  }
}

/**
 * Sorted mode: the line with fingerprint (h1, h2) and timestamp ts. Returns 0 (added; a repeat is
 * in the repeats list as for the big set), or 1: out of order or the run is too long — nothing
 * was added, sorted mode must end first.
 */
@inline
function runAdd(h1: i32, h2: i32, line: i32, seq: i32, ts: i64): i32 {
  if (sortedLines > 0) {
    if (ts < runTs) return 1;
    if (ts > runTs) runEnd();
  }
  if (runN >= RUN_MAX) return 1;
  runTs = ts;
  if (sortedLines == 0) firstTs = ts;
  sortedLines++;
  let seen = false;
  if (runN < RUN_LINEAR) {
    for (let k = 0; k < runN; k++) {
      const q = runArr + (<usize>k << 3);
      if (load<i32>(q) == h1 && load<i32>(q, 4) == h2) {
        seen = true;
        break;
      }
    }
    if (!seen && runN == RUN_LINEAR - 1) {
      // the run gets long: from now on its keys are looked up in the run table
      for (let k = 0; k < runN; k++) {
        const q = runArr + (<usize>k << 3);
        runTableAdd(load<i32>(q), load<i32>(q, 4));
      }
      runTableAdd(h1, h2);
    }
  } else seen = runTableAdd(h1, h2);
  if (seen) {
    const r = repeatsP + (<usize>repeatsN << 3);
    store<i32>(r, line);
    store<i32>(r, seq, 4);
    repeatsN++;
  } else {
    const q = runArr + (<usize>runN << 3);
    store<i32>(q, h1);
    store<i32>(q, h2, 4);
    runN++;
  }
  return 0;
}

export function lineAddTs(h1: i32, h2: i32, line: i32, seq: i32, ts: f64): i32 {
  return runAdd(h1, h2, line, seq, <i64>ts);
}

/** what worker threads compare: the first run and the last (current) run, with their timestamps */
export function sortedLineCount(): i32 { return sortedLines; }
export function firstRunTs(): f64 { return <f64>firstTs; }
export function lastRunTs(): f64 { return <f64>runTs; }
export function firstRunPtr(): usize { return firstN < 0 ? runArr : firstArr; }
export function firstRunCount(): i32 { return firstN < 0 ? runN : firstN; }
export function lastRunPtr(): usize { return runArr; }
export function lastRunCount(): i32 { return runN; }

// ---- catching up: the big set filled from lines read again (sorted mode ended) ----
// Lines without a quote are counted by their commas and go into the big set here, silently, by the
// rules FileChecker.line() applies before its own add: not blank, the header's column count, not
// over the line limit. A line with a quote stops it: the engine's tokenizer decides that one.
let cuP: usize = 0;
let cuCap: i32 = 0;

/** room for a chunk being read again (apart from the chunk being checked); returns where to put it */
export function cuReserve(n: i32): usize {
  if (n > cuCap) {
    const p = alloc(<usize>n + 128);
    if (p == 0) return 0;
    cuP = p;
    cuCap = n;
  }
  return cuP;
}

/** bit k: byte p + k is ',', LF or '"' */
@inline
function cuMask(p: usize): u64 {
  let m: u64 = 0;
  for (let k = 0; k < 4; k++) {
    const v = v128.load(p + <usize>(k << 4));
    m |= <u64>i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, COMMA), i8x16.eq(v, LF)), i8x16.eq(v, QUOTE))) << (<u64>(k << 4));
  }
  return m;
}

/**
 * Adds the lines of the read-again chunk at cuP, from `pos` to `len`, to the big set (at most
 * maxLines lines); returns how many lines it took, stop() is where it stopped (a quoted line, the
 * incomplete last line, or len).
 */
export function catchUp(pos: i32, len: i32, cols: i32, maxLines: i32): i32 {
  const base = cuP;
  const end = base + <usize>len;
  let lineStart = base + <usize>pos;
  let done = 0;
  let mb = lineStart;
  let m = cuMask(mb);
  let commas = 0;
  while (done < maxLines) {
    while (m == 0) {
      mb += 64;
      if (mb >= end) break;
      m = cuMask(mb);
    }
    if (m == 0) break;
    const j = mb + <usize>ctz<u64>(m);
    m &= m - 1;
    if (j >= end) break;
    const c = load<u8>(j);
    if (c == 34) break;
    if (c == 44) {
      commas++;
      continue;
    }
    const lineEnd = j > lineStart && load<u8>(j - 1) == 13 ? j - 1 : j;
    if (commas + 1 == cols && lineEnd != lineStart && j - lineStart <= <usize>MAX_LINE) {
      const h1 = fp(lineStart, lineEnd);
      lineAddInline(h1, hashLow, 0, 0);
    }
    done++;
    commas = 0;
    lineStart = j + 1;
  }
  stopPos = <i32>(lineStart - base);
  return done;
}
