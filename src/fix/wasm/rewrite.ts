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

/** lays the memory out (once, before JS views it): returns the work buffer's address; the output area follows it */
export function layout(workSize: i32, outSize: i32): usize {
  const base = (__heap_base + 63) & ~(<usize>63);
  kindsP = base;
  nullP = base + <usize>MAX_COLS;
  cntP = base + <usize>(2 * MAX_COLS);
  workP = base + <usize>(4 * MAX_COLS);
  outP = (workP + <usize>workSize + 64 + 63) & ~(<usize>63);
  const need = outP + <usize>outSize + 64;
  const pages = <i32>((need + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) return 0;
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
    }
  }
  let offset = 0;
  zoned = false;
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
  return daysFromCivil(y, mo, d) * 86400 + <i64>(h * 3600 + mi * 60 + sec - offset);
}

/** writes v as decimal digits at o; returns the end */
function writeInt(o: usize, v0: i64): usize {
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

/** optional '-', 1–18 digits → the value; FAIL otherwise (the JS path decides) */
function parseInt18(s: usize, e: usize): i64 {
  let i = s;
  const neg = load<u8>(i) == 45;
  if (neg) i++;
  const n = <i32>(e - i);
  if (n == 0 || n > 18) return FAIL;
  let v: i64 = 0;
  while (i < e) {
    const d = <u32>load<u8>(i) - 48;
    if (d > 9) return FAIL;
    v = v * 10 + <i64>d;
    i++;
  }
  return neg ? -v : v;
}

/** [-+]?(digits[.digits?] | .digits) with at most 300 digits: surely a float; anything else (exponents) is the JS path's */
function plainFloat(s: usize, e: usize): bool {
  let i = s;
  const c = load<u8>(i);
  if (c == 45 || c == 43) i++;
  let n = 0;
  while (i < e && <u32>load<u8>(i) - 48 <= 9) {
    i++;
    n++;
  }
  if (i < e && load<u8>(i) == 46) {
    i++;
    while (i < e && <u32>load<u8>(i) - 48 <= 9) {
      i++;
      n++;
    }
  }
  return n > 0 && i == e && n <= 300;
}

// what the current line counts (committed when the whole line is taken)
let lDate = 0;
let lUnit = 0;
let lBool = 0;
let lTrim = 0;
let lUtc = 0;
let oPos: usize = 0;

/**
 * One line at `ls` (the output at oPos): returns where the next line starts, or 0 when the JS path
 * must do this line (oPos and the counters are then discarded by the caller).
 */
function line(ls: usize, maxLine: i32): usize {
  let i = ls;
  let o = oPos;
  let cr = false;
  lDate = 0;
  lUnit = 0;
  lBool = 0;
  lTrim = 0;
  lUtc = 0;
  const sv = SEPV;
  const last = nIn - 1;
  for (let k = 0; k < nIn; k++) {
    if (k > 0) {
      if (<i32>load<u8>(i) != sep) return 0;
      store<u8>(o, 44);
      i++;
      o++;
    }
    const kind = load<u8>(kindsP + <usize>k);
    const q = o;
    if (load<u8>(i) == 34) {
      // "…" in a comma file: text and IDs without escapes or doubled quotes stay as they are
      if (resep) return 0;
      let j = i + 1;
      for (;;) {
        const c = load<u8>(j);
        if (c == 34 || c == 92 || c == 10) break;
        j++;
      }
      if (load<u8>(j) != 34) return 0;
      const n1 = <i32>load<u8>(j + 1);
      let crHere = false;
      if (n1 == 13) {
        if (k != last || load<u8>(j + 2) != 10) return 0;
        crHere = true;
      } else if (n1 != 44 && n1 != 10) return 0;
      const n = <i32>(j - i) - 1;
      if (n == 0) return 0;
      if (kind == K_ID) {
        if (n > ID_MAX || isSpace(load<u8>(i + 1)) || isSpace(load<u8>(j - 1))) return 0;
      } else if (kind == K_CAT) {
        if (n > CAT_MAX) return 0;
      } else if (kind != K_STR && kind != K_TEXT) return 0;
      memory.copy(o, i, j + 1 - i);
      o += j + 1 - i;
      i = j + 1;
      if (crHere) {
        cr = true;
        i++;
      }
      continue;
    }
    // a bare value: copied 16 bytes at a time up to the separator, LF, a quote or (not a comma file) a comma
    let vs = i;
    for (;;) {
      const v = v128.load(i);
      v128.store(o, v);
      const m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, sv), i8x16.eq(v, LFV)), v128.or(i8x16.eq(v, QV), i8x16.eq(v, CV))));
      if (m != 0) {
        const t = <usize>ctz<i32>(m);
        i += t;
        o += t;
        break;
      }
      i += 16;
      o += 16;
    }
    const stopC = <i32>load<u8>(i);
    if (stopC == 34 || (stopC == 44 && resep)) return 0;
    let ve = i;
    if (stopC == 10 && k == last && ve > vs && load<u8>(ve - 1) == 13) {
      // CR LF: the CR is the line end's
      ve--;
      o--;
      cr = true;
    }
    if (kind != K_STR && kind != K_CAT && kind != K_TEXT) {
      // IDs and numbers: surrounding spaces and tabs removed
      const ts = vs;
      const te = ve;
      while (vs < ve && isSpace(load<u8>(vs))) vs++;
      while (ve > vs && isSpace(load<u8>(ve - 1))) ve--;
      if (vs != ts || ve != te) {
        lTrim++;
        memory.copy(q, vs, ve - vs);
        o = q + (ve - vs);
      }
    }
    if (vs == ve) {
      if (load<u8>(nullP + <usize>k) == 0) return 0;
      continue;
    }
    const n = <i32>(ve - vs);
    if (kind == K_STR || kind == K_TEXT) {
      // as it is
    } else if (kind == K_TS) {
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
        const nd = <i32>(ve - j);
        if (nd > 11) {
          // 12–14 digits: milliseconds; anything else is the JS path's
          const v = parseInt18(vs, ve);
          if (v == FAIL) return 0;
          const a = v < 0 ? -v : v;
          if (a < 100000000000 || a >= 100000000000000) return 0;
          let sec = v / 1000;
          if (v < 0 && sec * 1000 != v) sec--;
          o = writeInt(q, sec);
          lUnit++;
        }
      } else {
        const sec = isoSeconds(vs, ve);
        if (sec == FAIL) return 0;
        o = writeInt(q, sec);
        lDate++;
        if (!zoned) lUtc++;
      }
    } else if (kind == K_ID) {
      if (n > ID_MAX) return 0;
    } else if (kind == K_CAT) {
      if (n > CAT_MAX) return 0;
    } else if (kind == K_INT || kind == K_LONG) {
      const v = parseInt18(vs, ve);
      if (v == FAIL) return 0;
      if (kind == K_INT && (v > 2147483647 || v < -2147483648)) return 0;
    } else if (kind == K_FLOAT) {
      if (!plainFloat(vs, ve)) return 0;
    } else if (kind == K_BOOL) {
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
      if (!exact) {
        if (b == 1) {
          store<u32>(q, 0x65757274);
          o = q + 4;
        } else {
          store<u32>(q, 0x736c6166);
          store<u8>(q + 4, 101);
          o = q + 5;
        }
        lBool++;
      }
    } else return 0;
  }
  // the line ends here: LF (more values, or a line without its LF, are the JS path's)
  if (load<u8>(i) != 10) return 0;
  if (<i32>((cr ? i - 1 : i) - ls) > maxLine) return 0;
  if (cr) {
    store<u8>(o, 13);
    o++;
  }
  store<u8>(o, 10);
  oPos = o + 1;
  return i + 1;
}

/**
 * Rewrites the lines of the work buffer from offset `s` to `limit` (only lines ending in LF before
 * it) into the output area, until a line it does not take or `outRoom` bytes are written. `exMask`:
 * bit c set when the JS side has its example of change kind c, bit 8 its example of a date read as
 * UTC — a line that would give a missing example is left to JS. Returns the lines taken; stop() and
 * written() say where it stopped and what it wrote; the counters at countsPtr() what it changed.
 */
export function run(s: i32, limit: i32, outRoom: i32, maxLine: i32, exMask: i32): i32 {
  for (let c = 0; c < 17; c++) store<i32>(cntP + (<usize>c << 2), 0);
  let lim = limit;
  while (lim > s && load<u8>(workP + <usize>(lim - 1)) != 10) lim--;
  const end = workP + <usize>lim;
  let i = workP + <usize>s;
  oPos = outP;
  const oSoft = outP + <usize>outRoom;
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
  while (i < end && oPos < oSoft) {
    const c = load<u8>(i);
    // a blank line is the JS path's (kept as it is, not read as one empty value)
    if (c == 10 || (c == 13 && load<u8>(i + 1) == 10)) break;
    const lo = oPos;
    const next = line(i, maxLine);
    if (next == 0) {
      oPos = lo;
      break;
    }
    if ((lDate != 0 && (exMask & (1 << C_DATE)) == 0) || (lUnit != 0 && (exMask & (1 << C_UNIT)) == 0) || (lBool != 0 && (exMask & (1 << C_BOOL)) == 0) || (lTrim != 0 && (exMask & (1 << C_TRIM)) == 0) || (lUtc != 0 && (exMask & EX_UTC) == 0)) {
      // the first change of its kind: JS takes its example
      oPos = lo;
      break;
    }
    vDate += lDate;
    vUnit += lUnit;
    vBool += lBool;
    vTrim += lTrim;
    utc += lUtc;
    if (lDate != 0) rDate++;
    if (lUnit != 0) rUnit++;
    if (lBool != 0) rBool++;
    if (lTrim != 0) rTrim++;
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
  outLen = <i32>(oPos - outP);
  return taken;
}
