// Value rewrites of the fixer, byte-level where they sit on the hot path (every row of a column):
// booleans → lowercase, and the checks it shares with the validator (one implementation each:
// numbers in src/validate/values.ts, dates and epochs in src/validate/dates.ts).
import { isBool, isFloat as isFloatValue, parseInteger } from '../validate/values.js';

export { isFloat } from '../validate/values.js';
export { DATE_ORDERS, dateOrderHint, daysFromCivil, parseDateText, readDate, readTimestamp, timeRead, unreadDate, type DateOrder, type TimeRead } from '../validate/dates.js';

/** the validator's int (32-bit) or long: optional '-', 1–19 digits */
export function isInteger(b: Uint8Array, s: number, e: number, int32: boolean): boolean {
  const v = parseInteger(b, s, e);
  return v === v && (!int32 || (v <= 2147483647 && v >= -2147483648));
}

/** already lowercase true / false */
export const isExactBoolean = isBool;

/** a boolean → 1 true, 0 false, -1 unreadable; `exact` set when it is already lowercase true/false */
export function readBoolean(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n === 1) return b[s] === 49 ? 1 : b[s] === 48 ? 0 : -1;
  if (n === 4 && (b[s] | 32) === 116 && (b[s + 1] | 32) === 114 && (b[s + 2] | 32) === 117 && (b[s + 3] | 32) === 101) return 1;
  if (n === 5 && (b[s] | 32) === 102 && (b[s + 1] | 32) === 97 && (b[s + 2] | 32) === 108 && (b[s + 3] | 32) === 115 && (b[s + 4] | 32) === 101) return 0;
  return -1;
}

/** the input's column n by its header name (shown), or "column n+1" */
export function columnShown(names: string[], n: number): string {
  const name = names[n];
  return name ? shown(name, 40) : `column ${n + 1}`;
}

/** text from a file for a human line: control characters (C0, DEL, C1) and bidi overrides escaped, cut to `max` */
export function shown(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * A value of a float column in a file separated by ";" (the separator of locales whose decimal mark
 * is a comma): a decimal comma → written with a point at o[p…], the end returned (16,63 → 16.63); a
 * number with a point taken as it is (returns p: nothing written) unless its points could group
 * thousands (1.234 · 12.345.678: -2, not guessed); anything else -1.
 */
export function semicolonFloat(b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number {
  const q = decimalComma(b, s, e, o, p);
  if (q >= 0) return q;
  if (!isFloatValue(b, s, e)) return -1;
  return groupedThousands(b, s, e) ? -2 : p;
}

/** -?d{1,3}(.ddd)+, the first digit not 0 (0.125 is a decimal): points that may group thousands (the wasm lane: rewrite.ts) */
export function groupedThousands(b: Uint8Array, s: number, e: number): boolean {
  let i = b[s] === 45 ? s + 1 : s;
  if (b[i] === 48) return false;
  let run = 0;
  let groups = 0;
  for (; i < e; i++) {
    if (b[i] >= 48 && b[i] <= 57) run++;
    else if (b[i] === 46 && run >= 1 && (groups ? run === 3 : run <= 3)) (groups++, (run = 0));
    else return false;
  }
  return groups > 0 && run === 3;
}

/**
 * A number written with a decimal comma (16,63 · -0,5 · 1.234,56: thousands grouped by points) →
 * written at o[p…] with a point and no grouping (16.63 · -0.5 · 1234.56). Returns the end written,
 * or -1 when b[s..e) is not such a number (nothing written). Only for files separated by ";", where
 * the comma is the decimal mark (rows.ts).
 */
export function decimalComma(b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number {
  let i = s;
  if (i < e && b[i] === 45) i++;
  const intStart = i;
  // the integer part: digits, or 1–3 digits then groups of a point and 3 digits
  let digits = 0;
  let grouped = false;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46) {
      if (digits === 0 || (grouped ? digits !== 3 : digits > 3)) return -1;
      grouped = true;
      digits = 0;
    } else break;
  }
  if (digits === 0 || (grouped && digits !== 3) || i >= e || b[i] !== 44) return -1;
  const comma = i++;
  if (i >= e) return -1;
  for (let j = i; j < e; j++) if (b[j] < 48 || b[j] > 57) return -1;
  let q = p;
  if (intStart > s) o[q++] = 45;
  for (let j = intStart; j < comma; j++) if (b[j] !== 46) o[q++] = b[j];
  o[q++] = 46;
  for (let j = i; j < e; j++) o[q++] = b[j];
  return q;
}
