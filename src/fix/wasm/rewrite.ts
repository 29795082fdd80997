// The fixer's fast lane, compiled to WebAssembly by AssemblyScript (scripts/wasm.mjs, embedded as
// __FIXLANE_WASM__). AssemblyScript, not TypeScript: load/store read and write this module's memory.
//
// It rewrites the record lines that need only mechanical changes — the columns in their order, bare
// values (or, in a comma file, simply quoted text and ID values, copied as they are), dates and
// ISO-8601 text → epoch seconds, 12–14-digit millisecond epochs → seconds, booleans lower-cased,
// spaces trimmed around IDs and numbers, the separator written as a comma — exactly as RowFixer.fix()
// (src/fix/rows.ts) would. It STOPS at the first line that is anything else (a quote it does not
// take, a value to reject or to look at more closely, a date form other than ISO 8601, a change of a
// kind no example was taken of yet) and the JS path does that line, thoroughly, then calls run()
// again after it. So every rejection, every example and every odd case has one implementation (JS).
//
// Memory: one fixed layout made by layout() before JS takes any view of it (it never grows after):
// column kinds and nullability, counters, the work buffer the JS side reads the input into (so the
// input is never copied), and the output area JS copies out of.

import { parseInt64, plainFloat } from '../../wasm/numbers';

const K_STR: u8 = 1;
const K_ID: u8 = 2;
const K_CAT: u8 = 3;
const K_TEXT: u8 = 4;
const K_INT: u8 = 5;
const K_LONG: u8 = 6;
const K_TS: u8 = 7;
const K_FLOAT: u8 = 8;
const K_BOOL: u8 = 9;

/** the change kinds of rows.ts (CHANGES): values counted at cnt[c], rows at cnt[8 + c], dates read as UTC at cnt[16] */
const C_DATE = 0;
const C_UNIT = 1;
const C_BOOL = 3;
const C_TRIM = 4;
/** exMask bit: an example of "read as UTC" is already taken */
const EX_UTC = 1 << 8;

export const MAX_COLS: i32 = 1024;
const ID_MAX: i32 = 256;
const CAT_MAX: i32 = 1000;
const FAIL: i64 = i64.MIN_VALUE;

let kindsP: usize = 0; // u8[MAX_COLS]
let nullP: usize = 0; // u8[MAX_COLS]
let cntP: usize = 0; // i32[17]
let workP: usize = 0;
let outP: usize = 0;

let nIn: i32 = 0;
let sep: i32 = 44;
let resep = false;
let SEPV: v128 = i8x16.splat(44);
const LFV: v128 = i8x16.splat(10);
const QV: v128 = i8x16.splat(34);
const CV: v128 = i8x16.splat(44);

let stopAt: i32 = 0;
let outLen: i32 = 0;

/** "00" … "99" as ASCII pairs (200 bytes, filled by layout()) */
let pairsP: usize = 0;
/** the minute of the last date read through the T branch: its first 16 bytes (YYYY-MM-DDThh:mm) and their epoch seconds */
// (0xff bytes: never in UTF-8 text, so nothing matches before the first date)
let minKey0: u64 = 0xffffffffffffffff;
let minKey1: u64 = 0xffffffffffffffff;
/** isoSeconds() went through its T branch (the minute it read is valid) */
let minuteAt = false;
let minBase: i64 = FAIL;
/** the last 10-digit number written, but for its last two digits: that part's value and its 8 digits */
let hiVal: u32 = 0xffffffff;
let hiDigits: u64 = 0;

/** lays the memory out (once, before JS views it): returns the work buffer's address; the output area follows it */
export function layout(workSize: i32, outSize: i32): usize {
  const base = (__heap_base + 63) & ~(<usize>63);
  kindsP = base;
  nullP = base + <usize>MAX_COLS;
  cntP = base + <usize>(2 * MAX_COLS);
  pairsP = base + <usize>(3 * MAX_COLS);
  workP = base + <usize>(4 * MAX_COLS);
  outP = (workP + <usize>workSize + 64 + 63) & ~(<usize>63);
  const need = outP + <usize>outSize + 64;
  const pages = <i32>((need + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) return 0;
  for (let i = 0; i < 100; i++) {
    store<u8>(pairsP + <usize>(2 * i), <u8>(48 + i / 10));
    store<u8>(pairsP + <usize>(2 * i + 1), <u8>(48 + i % 10));
  }
  return workP;
}

export function kindsPtr(): usize { return kindsP; }
export function nullablePtr(): usize { return nullP; }
export function countsPtr(): usize { return cntP; }
export function outPtr(): usize { return outP; }
/** where the last run() stopped (offset in the work buffer: the start of a line it did not take) */
export function stop(): i32 { return stopAt; }
/** bytes the last run() wrote at outPtr() */
export function written(): i32 { return outLen; }

/** n columns (kinds and nullability written at kindsPtr / nullablePtr), separated by `s` */
export function configure(n: i32, s: i32): void {
  nIn = n;
  sep = s;
  resep = s != 44;
  SEPV = i8x16.splat(<i8>s);
}

@inline
function isSpace(c: u32): bool {
  return c == 32 || c == 9;
}

/** n digits at p → their value, or -1 */
@inline
function digits(p: usize, n: i32): i32 {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = <u32>load<u8>(p + <usize>k) - 48;
    if (d > 9) return -1;
    v = v * 10 + <i32>d;
  }
  return v;
}

function daysInMonth(y: i32, m: i32): i32 {
  if (m == 2) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** days since 1970-01-01 (Howard Hinnant's days_from_civil, as dates.ts) */
function daysFromCivil(y0: i32, m: i32, d: i32): i64 {
  const y = <i64>(m <= 2 ? y0 - 1 : y0);
  const era: i64 = (y >= 0 ? y : y - 399) / 400;
  const yoe: i64 = y - era * 400;
  const doy: i64 = <i64>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const doe: i64 = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/** the last isoSeconds() read a zone */
let zoned = false;

/**
 * readTimestamp's ISO-8601 branch (src/validate/dates.ts) for [s, e): epoch seconds, or FAIL for
 * anything it would not read there (not a date, or a form its slow path reads): the JS path decides.
 */
function isoSeconds(s: usize, e: usize): i64 {
  minuteAt = false;
  if (e - s < 10 || load<u8>(s + 4) != 45 || load<u8>(s + 7) != 45) return FAIL;
  const y = digits(s, 4);
  const mo = digits(s + 5, 2);
  const d = digits(s + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return FAIL;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let k = s + 10;
  if (k < e) {
    const t = load<u8>(k);
    if (t == 84 || t == 32 || t == 116) {
      k++;
      if (k + 5 > e || load<u8>(k + 2) != 58) return FAIL;
      h = digits(k, 2);
      mi = digits(k + 3, 2);
      k += 5;
      if (k + 3 <= e && load<u8>(k) == 58) {
        sec = digits(k + 1, 2);
        k += 3;
        if (k < e && (load<u8>(k) == 46 || load<u8>(k) == 44)) {
          k++;
          while (k < e && <u32>load<u8>(k) - 48 <= 9) k++;
        }
      }
      if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || k > e) return FAIL;
      if (sec == 60) sec = 59;
      minuteAt = true;
    }
  }
  let offset = 0;
  zoned = false;
  const minute = minuteAt;
  minuteAt = false;
  if (k < e) {
    const c = load<u8>(k);
    if ((c == 90 || c == 122) && k + 1 == e) {
      zoned = true;
    } else if (c == 43 || c == 45) {
      const len = <i32>(e - k) - 1;
      let hh = -1;
      let mm = -1;
      if (len == 2) {
        hh = digits(k + 1, 2);
        mm = 0;
      } else if (len == 4) {
        hh = digits(k + 1, 2);
        mm = digits(k + 3, 2);
      } else if (len == 5 && load<u8>(k + 3) == 58) {
        hh = digits(k + 1, 2);
        mm = digits(k + 4, 2);
      }
      if (hh < 0 || hh > 14 || mm < 0 || mm > 59) return FAIL;
      offset = (c == 45 ? -1 : 1) * (hh * 3600 + mm * 60);
      zoned = true;
    } else return FAIL;
  }
  const base = daysFromCivil(y, mo, d) * 86400 + <i64>(h * 3600 + mi * 60);
  if (minute) {
    // y, mo, d, h, mi come from the first 16 bytes alone, and were valid
    minKey0 = load<u64>(s);
    minKey1 = load<u64>(s, 8);
    minBase = base;
  }
  return base + <i64>(sec - offset);
}

/**
 * YYYY-MM-DDThh:mm:ssZ (20 bytes) in the minute of the last date isoSeconds read through its T
 * branch: that minute's seconds plus ss (isoSeconds' result for it); FAIL for anything else.
 */
@inline
function sameMinute(s: usize): i64 {
  if (load<u64>(s) != minKey0 || load<u64>(s, 8) != minKey1 || load<u8>(s + 16) != 58 || load<u8>(s + 19) != 90) return FAIL;
  const d1 = <u32>load<u8>(s + 17) - 48;
  const d2 = <u32>load<u8>(s + 18) - 48;
  if (d1 > 6 || d2 > 9) return FAIL;
  let ss = <i32>(d1 * 10 + d2);
  if (ss > 60) return FAIL;
  if (ss == 60) ss = 59;
  return minBase + <i64>ss;
}

/** writes v as decimal digits at o; returns the end (inlined: the common ten digits without a call) */
@inline
function writeInt(o: usize, v0: i64): usize {
  if (v0 >= 1000000000 && v0 <= 4294967295) {
    // ten digits (epoch seconds 2001–2106): the first eight as the last such number's when they are the same
    const x = <u32>v0;
    const hi = x / 100;
    if (hi != hiVal) {
      hiVal = hi;
      let h = hi;
      let w: u64 = 0;
      for (let k = 7; k >= 0; k--) {
        w |= <u64>(48 + h % 10) << (<u64>k << 3);
        h /= 10;
      }
      hiDigits = w;
    }
    store<u64>(o, hiDigits);
    store<u16>(o, load<u16>(pairsP + (<usize>(x - hi * 100) << 1)), 8);
    return o + 10;
  }
  return writeLong(o, v0);
}

/** writeInt's other numbers */
function writeLong(o: usize, v0: i64): usize {
  let v = v0;
  if (v < 0) {
    store<u8>(o, 45);
    o++;
    v = -v;
  }
  let n = 1;
  for (let x = v; x >= 10; x /= 10) n++;
  let k = o + <usize>n;
  do {
    k--;
    store<u8>(k, <u8>(48 + <i32>(v % 10)));
    v /= 10;
  } while (k > o);
  return o + <usize>n;
}

/** the 8 bytes of x are ASCII digits */
@inline
function digits8(x: u64): bool {
  const t = x - 0x3030303030303030;
  // a byte below '0' borrows (its high nibble set), above '9' carries into the high nibble with + 6
  return ((t | (t + 0x0606060606060606)) & 0xf0f0f0f0f0f0f0f0) == 0;
}

/**
 * [vs, ve) is the common millisecond epoch: 12–14 digits, the first not 0, so floor(v / 1000) is the
 * digits but the last three (two overlapping 8-byte digit checks)
 */
@inline
function msEpoch(vs: usize, ve: usize): bool {
  const n = ve - vs;
  return n >= 12 && n <= 14 && <u32>load<u8>(vs) - 49 <= 8 && digits8(load<u64>(vs)) && digits8(load<u64>(ve - 8));
}

// what the current line counts (committed when the whole line is taken)
let lDate = 0;
let lUnit = 0;
let lBool = 0;
let lTrim = 0;
let lUtc = 0;

/** copies n bytes from s to o 16 at a time (up to 15 bytes past o + n are written: the output has slack) */
@inline
function copy16(o: usize, s: usize, n: usize): void {
  v128.store(o, v128.load(s));
  for (let x: usize = 16; x < n; x += 16) v128.store(o + x, v128.load(s + x));
}

/** bit k: byte p + k (k < 64) is the separator, LF, a quote or a comma */
@inline
function specials(p: usize, sv: v128): u64 {
  const a = v128.load(p);
  const b = v128.load(p, 16);
  const c = v128.load(p, 32);
  const d = v128.load(p, 48);
  const ma = i8x16.bitmask(v128.or(v128.or(i8x16.eq(a, sv), i8x16.eq(a, LFV)), v128.or(i8x16.eq(a, QV), i8x16.eq(a, CV))));
  const mb = i8x16.bitmask(v128.or(v128.or(i8x16.eq(b, sv), i8x16.eq(b, LFV)), v128.or(i8x16.eq(b, QV), i8x16.eq(b, CV))));
  const mc = i8x16.bitmask(v128.or(v128.or(i8x16.eq(c, sv), i8x16.eq(c, LFV)), v128.or(i8x16.eq(c, QV), i8x16.eq(c, CV))));
  const md = i8x16.bitmask(v128.or(v128.or(i8x16.eq(d, sv), i8x16.eq(d, LFV)), v128.or(i8x16.eq(d, QV), i8x16.eq(d, CV))));
  return <u64>ma | (<u64>mb << 16) | (<u64>mc << 32) | (<u64>md << 48);
}

/**
 * The value [vs, ve) of column k (kind `kind`, bare), already copied to q: checked, trimmed, converted
 * as RowFixer.fix() would. Returns where its output ends, or 0: the JS path must do the line.
 */
function value(k: i32, kind: u8, vs0: usize, ve0: usize, q: usize): usize {
  let vs = vs0;
  let ve = ve0;
  let o = q + (ve - vs);
  if (kind != K_STR && kind != K_CAT && kind != K_TEXT) {
    // IDs and numbers: surrounding spaces and tabs removed
    while (vs < ve && isSpace(load<u8>(vs))) vs++;
    while (ve > vs && isSpace(load<u8>(ve - 1))) ve--;
    if (vs != vs0 || ve != ve0) {
      lTrim++;
      if (ve > vs) copy16(q, vs, ve - vs);
      o = q + (ve - vs);
    }
  }
  if (vs == ve) return load<u8>(nullP + <usize>k) == 0 ? 0 : o;
  const n = <i32>(ve - vs);
  if (kind == K_STR || kind == K_TEXT) return o;
  if (kind == K_TS) {
    // the common millisecond epoch: its seconds are the digits but the last three (already copied to q)
    if (msEpoch(vs, ve)) {
      lUnit++;
      return q + <usize>(n - 3);
    }
    let j = vs;
    if (load<u8>(j) == 45) j++;
    let all = j < ve;
    for (let x = j; x < ve; x++) {
      if (<u32>load<u8>(x) - 48 > 9) {
        all = false;
        break;
      }
    }
    if (all) {
      // up to 11 digits: epoch seconds as they are; 12–14: milliseconds; anything else is the JS path's
      const nd = <i32>(ve - j);
      if (nd <= 11) return o;
      if (nd > 14) return 0;
      // floor(v / 1000) without a division: the digits but the last three (plus one when negative and those are not 000)
      let hi: i64 = 0;
      const he = ve - 3;
      for (let x = j; x < he; x++) hi = hi * 10 + <i64>(load<u8>(x) - 48);
      // at least 1e11 ms (leading zeros: fewer; the JS path rejects it)
      if (hi < 100000000) return 0;
      let sec = hi;
      if (j != vs) sec = load<u8>(he) == 48 && load<u8>(he + 1) == 48 && load<u8>(he + 2) == 48 ? -hi : -hi - 1;
      lUnit++;
      return writeInt(q, sec);
    }
    let sec = n == 20 ? sameMinute(vs) : FAIL;
    if (sec == FAIL) {
      sec = isoSeconds(vs, ve);
      if (sec == FAIL) return 0;
      if (!zoned) lUtc++;
    }
    lDate++;
    return writeInt(q, sec);
  }
  if (kind == K_ID) return n > ID_MAX ? 0 : o;
  if (kind == K_CAT) return n > CAT_MAX ? 0 : o;
  if (kind == K_INT || kind == K_LONG) {
    const v = parseInt64(vs, ve);
    if (v == FAIL || (kind == K_INT && (v > 2147483647 || v < -2147483648))) return 0;
    return o;
  }
  // in a ;-separated file 1.234 may be thousands: the JS path says so (floats.ts)
  if (kind == K_FLOAT) return plainFloat(vs, ve) && !(sep == 59 && groupedThousands(vs, ve)) ? o : 0;
  if (kind == K_BOOL) {
    const c0 = <u32>load<u8>(vs);
    let b = -1;
    let exact = false;
    if (n == 1) b = c0 == 49 ? 1 : c0 == 48 ? 0 : -1;
    else if (n == 4 && (c0 | 32) == 116 && (<u32>load<u8>(vs + 1) | 32) == 114 && (<u32>load<u8>(vs + 2) | 32) == 117 && (<u32>load<u8>(vs + 3) | 32) == 101) {
      b = 1;
      exact = load<u32>(vs) == 0x65757274;
    } else if (n == 5 && (c0 | 32) == 102 && (<u32>load<u8>(vs + 1) | 32) == 97 && (<u32>load<u8>(vs + 2) | 32) == 108 && (<u32>load<u8>(vs + 3) | 32) == 115 && (<u32>load<u8>(vs + 4) | 32) == 101) {
      b = 0;
      exact = load<u32>(vs) == 0x736c6166 && load<u8>(vs + 4) == 101;
    }
    if (b < 0) return 0;
    if (exact) return o;
    lBool++;
    if (b == 1) {
      store<u32>(q, 0x65757274);
      return q + 4;
    }
    store<u32>(q, 0x736c6166);
    store<u8>(q + 4, 101);
    return q + 5;
  }
  return 0;
}

/**
 * Rewrites the lines of the work buffer from offset `s` to `limit` (only lines ending in LF before
 * it) into the output area from its offset `outAt` on, until a line it does not take or `outRoom` bytes are written. `exMask`:
 * bit c set when the JS side has its example of change kind c, bit 8 its example of a date read as
 * UTC — a line that would give a missing example is left to JS. Returns the lines taken; stop() and
 * written() say where it stopped and what it wrote; the counters at countsPtr() what it changed.
 *
 * The separators, LFs, quotes and commas of 64 bytes at a time are found with SIMD compares into a
 * bit mask (as the validator's fast lane does); the loop visits those bytes only, and copies each
 * value 16 bytes at a time.
 */
export function run(s: i32, limit: i32, outRoom: i32, maxLine: i32, exMask: i32, outAt: i32): i32 {
  for (let c = 0; c < 17; c++) store<i32>(cntP + (<usize>c << 2), 0);
  let lim = limit;
  while (lim > s && load<u8>(workP + <usize>(lim - 1)) != 10) lim--;
  const end = workP + <usize>lim;
  const sv = SEPV;
  const last = nIn - 1;
  let i = workP + <usize>s;
  const o0 = outP + <usize>outAt;
  let o = o0;
  const oSoft = o0 + <usize>outRoom;
  let taken = 0;
  let vDate = 0;
  let vUnit = 0;
  let vBool = 0;
  let vTrim = 0;
  let rDate = 0;
  let rUnit = 0;
  let rBool = 0;
  let rTrim = 0;
  let utc = 0;
  // the change kinds whose first example JS still wants (none once each is taken: no check a line)
  const need = ~exMask & ((1 << C_DATE) | (1 << C_UNIT) | (1 << C_BOOL) | (1 << C_TRIM) | EX_UTC);
  // the 64-byte window and its specials not yet visited
  let mb = i;
  let m = i < end ? specials(mb, sv) : 0;
  while (i < end && o < oSoft) {
    const c0 = load<u8>(i);
    // a blank line is the JS path's (kept as it is, not read as one empty value)
    if (c0 == 10 || (c0 == 13 && load<u8>(i + 1) == 10)) break;
    const lo = o;
    lDate = 0;
    lUnit = 0;
    lBool = 0;
    lTrim = 0;
    lUtc = 0;
    let cr = false;
    let next: usize = 0; // the next line's start, once this one is taken
    let fs = i; // the current field's first byte
    for (let k = 0; ; k++) {
      // the next special byte at or after fs (every one before fs is visited)
      while (m == 0) {
        mb += 64;
        m = specials(mb, sv);
      }
      let j = mb + <usize>ctz<u64>(m);
      m &= m - 1;
      let c = <i32>load<u8>(j);
      const kind = load<u8>(kindsP + <usize>k);
      const q = o;
      if (c == 34) {
        // "…" in a comma file: text and IDs without escapes or doubled quotes stay as they are
        if (j != fs || resep) break;
        // the closing quote (commas inside are skipped; a LF means it is not closed on this line)
        for (;;) {
          while (m == 0) {
            mb += 64;
            m = specials(mb, sv);
          }
          j = mb + <usize>ctz<u64>(m);
          m &= m - 1;
          c = <i32>load<u8>(j);
          if (c != 44) break;
        }
        if (c != 34) break;
        const n = <i32>(j - fs) - 1;
        if (n == 0) break;
        let bs = false;
        for (let x = fs + 1; x < j; x++) if (load<u8>(x) == 92) bs = true;
        if (bs) break;
        if (kind == K_ID) {
          if (n > ID_MAX || isSpace(load<u8>(fs + 1)) || isSpace(load<u8>(j - 1))) break;
        } else if (kind == K_CAT) {
          if (n > CAT_MAX) break;
        } else if (kind != K_STR && kind != K_TEXT) break;
        copy16(o, fs, j + 1 - fs);
        o += j + 1 - fs;
        // what follows the quote: the separator, or the line end (LF, or CR LF after the last column)
        while (m == 0) {
          mb += 64;
          m = specials(mb, sv);
        }
        const j2 = mb + <usize>ctz<u64>(m);
        m &= m - 1;
        c = <i32>load<u8>(j2);
        if (j2 == j + 2 && c == 10 && load<u8>(j + 1) == 13 && k == last) cr = true;
        else if (j2 != j + 1 || (c != sep && c != 10)) break;
        j = j2;
      } else {
        if (c == 34 || (c == 44 && resep)) break;
        // c is the separator or LF: the value is [fs, j)
        copy16(o, fs, j - fs);
        let ve = j;
        o += j - fs;
        if (c == 10 && k == last && ve > fs && load<u8>(ve - 1) == 13) {
          // CR LF: the CR is the line end's
          ve--;
          o--;
          cr = true;
        }
        if (kind != K_STR && kind != K_TEXT) {
          // the common values without a call into value() (what it would do with them, no more)
          const n = <i32>(ve - fs);
          const plain = n > 0 && !isSpace(load<u8>(fs)) && !isSpace(load<u8>(ve - 1));
          if (plain && (kind == K_ID ? n <= ID_MAX : kind == K_CAT ? n <= CAT_MAX : kind == K_FLOAT && sep != 59 && plainFloat(fs, ve))) {
            // kept as it is (already copied)
          } else if (kind == K_TS && msEpoch(fs, ve)) {
            lUnit++;
            o = q + <usize>(n - 3);
          } else {
            const sec = kind == K_TS && n == 20 ? sameMinute(fs) : FAIL;
            if (sec != FAIL) {
              lDate++;
              o = writeInt(q, sec);
            } else {
              o = value(k, kind, fs, ve, q);
              if (o == 0) break;
            }
          }
        } else if (ve == fs && load<u8>(nullP + <usize>k) == 0) break;
      }
      if (c == 10) {
        // the line ends: every column there, not over maxLine bytes
        if (k == last && <i32>((cr ? j - 1 : j) - i) <= maxLine) {
          if (cr) {
            store<u8>(o, 13);
            o++;
          }
          store<u8>(o, 10);
          o++;
          next = j + 1;
        }
        break;
      }
      if (k == last) break; // more values than columns
      store<u8>(o, 44);
      o++;
      fs = j + 1;
    }
    if (next == 0) {
      o = lo;
      break;
    }
    if (need != 0 && ((lDate != 0 && (exMask & (1 << C_DATE)) == 0) || (lUnit != 0 && (exMask & (1 << C_UNIT)) == 0) || (lBool != 0 && (exMask & (1 << C_BOOL)) == 0) || (lTrim != 0 && (exMask & (1 << C_TRIM)) == 0) || (lUtc != 0 && (exMask & EX_UTC) == 0))) {
      // the first change of its kind: JS takes its example
      o = lo;
      break;
    }
    vDate += lDate;
    vUnit += lUnit;
    vBool += lBool;
    vTrim += lTrim;
    utc += lUtc;
    rDate += <i32>(lDate != 0);
    rUnit += <i32>(lUnit != 0);
    rBool += <i32>(lBool != 0);
    rTrim += <i32>(lTrim != 0);
    taken++;
    i = next;
  }
  store<i32>(cntP + (<usize>C_DATE << 2), vDate);
  store<i32>(cntP + (<usize>C_UNIT << 2), vUnit);
  store<i32>(cntP + (<usize>C_BOOL << 2), vBool);
  store<i32>(cntP + (<usize>C_TRIM << 2), vTrim);
  store<i32>(cntP + (<usize>(8 + C_DATE) << 2), rDate);
  store<i32>(cntP + (<usize>(8 + C_UNIT) << 2), rUnit);
  store<i32>(cntP + (<usize>(8 + C_BOOL) << 2), rBool);
  store<i32>(cntP + (<usize>(8 + C_TRIM) << 2), rTrim);
  store<i32>(cntP + (16 << 2), utc);
  stopAt = <i32>(i - workP);
  outLen = <i32>(o - o0);
  return taken;
}

/** -?d{1,3}(.ddd)+, the first digit not 0: points that may group thousands (as values.ts groupedThousands) */
function groupedThousands(s: usize, e: usize): bool {
  let i = s;
  if (load<u8>(i) == 45) i++;
  if (load<u8>(i) == 48) return false;
  let run = 0;
  let groups = 0;
  for (; i < e; i++) {
    const c = <u32>load<u8>(i);
    if (c - 48 <= 9) run++;
    else if (c == 46 && run >= 1 && (groups > 0 ? run == 3 : run <= 3)) {
      groups++;
      run = 0;
    } else return false;
  }
  return groups > 0 && run == 3;
}
