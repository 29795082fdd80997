// Byte helpers of the row fixer's hot path (src/fix/rows.ts): copying, quoting in Personalize's
// dialect, writing epoch digits, counting characters.
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
/** the value was quoted / held backslash escapes (rows.ts's split() flags them as the tokenizer does) */
import { F_ESCAPE as F_ESC, F_QUOTED } from '../csv/tokenizer.js';
export { F_ESC, F_QUOTED };

export function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** b[s, e) holds separators, spaces and tabs only: a row without values (Excel's ;;;;), which fix leaves out */
export function onlySeparators(b: Uint8Array, s: number, e: number, sep: number): boolean {
  for (let i = s; i < e; i++) if (b[i] !== sep && b[i] !== 32 && b[i] !== 9) return false;
  return true;
}

/**
 * The end of b[vs, ve) without its trailing spaces and tabs. With backslash escapes, a space removed
 * that a backslash escaped ("i0,\ ") takes that backslash with it: left, it would escape the closing
 * quote of the value written back ("i0,\" read as an open quote).
 */
export function trimEnd(b: Uint8Array, vs: number, ve: number, escapes: boolean): number {
  const end = ve;
  while (ve > vs && (b[ve - 1] === 32 || b[ve - 1] === 9)) ve--;
  if (!escapes || ve === end) return ve;
  let n = 0;
  while (ve - n > vs && b[ve - n - 1] === BACKSLASH) n++;
  return n % 2 === 1 ? ve - 1 : ve;
}

/** a value holding the output separator or a quote must be quoted */
export function hasSpecial(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] === COMMA || b[i] === QUOTE) return true;
  return false;
}

/** the value (unescaped from either dialect) written quoted in Personalize's: \" and \\ */
export function rewrite(b: Uint8Array, s: number, e: number, f: number, o: Uint8Array, p: number): number {
  o[p++] = QUOTE;
  for (let i = s; i < e; i++) {
    let c = b[i];
    if (f & F_QUOTED) {
      if (c === BACKSLASH && f & F_ESC && i + 1 < e) c = b[++i];
      else if (c === QUOTE) i++; // "" → "
    }
    if (c === QUOTE || c === BACKSLASH) o[p++] = BACKSLASH;
    o[p++] = c;
  }
  o[p++] = QUOTE;
  return p;
}

export function copy(b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number {
  const n = e - s;
  if (n > 32) {
    o.set(b.subarray(s, e), p);
    return p + n;
  }
  for (let i = s; i < e; i++) o[p++] = b[i];
  return p;
}

export function writeAscii(o: Uint8Array, p: number, t: string): number {
  for (let i = 0; i < t.length; i++) o[p++] = t.charCodeAt(i);
  return p;
}

/** "00" … "99" as ASCII pairs */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

export function writeInt(o: Uint8Array, p: number, v: number): number {
  if (v < 0) {
    o[p++] = 45;
    v = -v;
  }
  if (v <= 0x7fffffff) {
    // int32 arithmetic: V8 turns division by 10 into a multiply (epoch seconds fit until 2038)
    let x = v | 0;
    const digits = x >= 1000000000 ? 10 : x >= 100000000 ? 9 : x >= 10000000 ? 8 : x >= 1000000 ? 7 : x >= 100000 ? 6 : x >= 10000 ? 5 : x >= 1000 ? 4 : x >= 100 ? 3 : x >= 10 ? 2 : 1;
    // two digits a step from a table (half the divisions)
    let k = p + digits - 1;
    for (; k > p; k -= 2) {
      const q = (x / 100) | 0;
      const r = (x - q * 100) << 1;
      o[k] = PAIRS[r + 1];
      o[k - 1] = PAIRS[r];
      x = q;
    }
    if (k === p) o[p] = 48 + x;
    return p + digits;
  }
  let digits = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
  for (let k = digits - 1; k >= 0; k--) {
    o[p + k] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return p + digits;
}

/** an integer below 1e11 in magnitude (the validator's line between seconds and milliseconds) */
export function isSecondsMagnitude(b: Uint8Array, s: number, e: number): boolean {
  return (b[s] === 45 ? e - s - 1 : e - s) <= 11;
}

/** characters of a value (UTF-8 continuation bytes and escape backslashes not counted): the validator's count */
export { charLength as chars } from '../validate/values.js';

export function text(b: Uint8Array, s: number, e: number): string {
  return Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8');
}

export function quoteShown(b: Uint8Array, s: number, e: number): string {
  const t = text(b, s, e);
  return JSON.stringify(t.length > 40 ? `${t.slice(0, 39)}…` : t);
}

/** the value quoted in Personalize's dialect (for the rejects file) */
export function quoted(b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number {
  o[p++] = 34;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 34 || c === 92) o[p++] = 92;
    o[p++] = c;
  }
  o[p++] = 34;
  return p;
}
