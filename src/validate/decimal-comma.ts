// A line with one value too many because a number was written with a decimal comma ("12,50" in a
// comma-separated file): which column it starts at, for COLUMN_COUNT's message (checker.ts).
import { F_QUOTED } from '../csv/tokenizer.js';

/** digits only (ASCII): the text of b[from, to) */
export function latin(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

const WHOLE = /^-?\d{1,9}$/;
const FRACTION = /^\d{1,6}$/;

/**
 * A record with one value too many: the last column whose value is a whole number (up to 9 digits, a
 * sign allowed: not an epoch timestamp) followed by a value of 1–6 digits, neither quoted — "12,50",
 * a price written with a decimal comma in a comma-separated file — or -1. The one rule for the
 * validator's COLUMN_COUNT message and schema infer's count (src/schema/widths.ts).
 */
export function decimalCommaSplit(values: string[], quoted?: (c: number) => boolean): number {
  // from the end: in "1767225600,12,50" the split is 12,50, not the timestamp and 12
  for (let c = values.length - 2; c >= 0; c--) {
    if (quoted && (quoted(c) || quoted(c + 1))) continue;
    if (WHOLE.test(values[c].trim()) && FRACTION.test(values[c + 1].trim())) return c;
  }
  return -1;
}

/** decimalCommaSplit of a tokenized line (checker.ts) */
export function decimalCommaAt(b: Uint8Array, starts: Int32Array | number[], ends: Int32Array | number[], flags: Uint8Array | number[], n: number): number {
  return decimalCommaSplit(Array.from({ length: n }, (_, c) => latin(b, starts[c], ends[c])), (c) => (flags[c] & F_QUOTED) !== 0);
}

// A number written with a locale's marks: "12,50" · "1.234,50" · "1 234,50" (a decimal comma, thousands
// grouped by points, spaces, NBSP or the narrow NBSP French uses) or "1,234.50" (a decimal point,
// commas grouping thousands). One reader for the fixer (src/fix/floats.ts), the validator's hint
// (hints.ts) and schema inference (src/schema/columns.ts), so the three say the same of a value.

/** the decimal marks (their bytes) */
export const MARK_COMMA = 44;
export const MARK_POINT = 46;

/** how a value reads (markReadings): as neither, only with a decimal comma, only with a point, both alike, or two ways */
export const R_NONE = 0;
export const R_COMMA = 1;
export const R_POINT = 2;
export const R_SAME = 3;
export const R_TWO = 4;

/** a thousands separator at b[i] of a number whose decimal mark is `mark`: its byte length, 0 none */
function groupAt(b: Uint8Array, i: number, e: number, mark: number): number {
  const c = b[i];
  if (c === (mark === MARK_COMMA ? MARK_POINT : MARK_COMMA) || c === 32) return 1;
  if (c === 0xc2 && i + 1 < e && b[i + 1] === 0xa0) return 2;
  if (c === 0xe2 && i + 2 < e && b[i + 1] === 0x80 && b[i + 2] === 0xaf) return 3;
  return 0;
}

/**
 * b[s..e) read with `mark` as its decimal mark — a sign, digits or 1–3 digits (not a 0) then groups of
 * 3 after one kind of thousands separator (the other mark, a space, NBSP, narrow NBSP), then the mark
 * and digits, or not — written at o[p…] with a point and no grouping (1.234,50 → 1234.50). Returns
 * the end written, or -1 when it does not read so (nothing to rely on in o).
 */
export function readMarked(b: Uint8Array, s: number, e: number, mark: number, o: Uint8Array, p: number): number {
  let i = s;
  const neg = i < e && b[i] === 45;
  if (neg) i++;
  const intStart = i;
  let digits = 0;
  let groups = 0;
  let g = -1;
  while (i < e) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      digits++;
      i++;
      continue;
    }
    const len = groupAt(b, i, e, mark);
    if (len === 0) break;
    if (groups === 0 ? digits === 0 || digits > 3 || b[intStart] === 48 : digits !== 3 || c !== g) return -1;
    g = c;
    groups++;
    digits = 0;
    i += len;
  }
  if (digits === 0 || (groups > 0 && digits !== 3)) return -1;
  const intEnd = i;
  let frac = e;
  if (i < e) {
    if (b[i] !== mark || i + 1 >= e) return -1;
    for (let j = i + 1; j < e; j++) if (b[j] < 48 || b[j] > 57) return -1;
    frac = i + 1;
  }
  let q = p;
  if (neg) o[q++] = 45;
  for (let j = intStart; j < intEnd; j++) if (b[j] >= 48 && b[j] <= 57) o[q++] = b[j];
  if (frac < e) {
    o[q++] = 46;
    for (let j = frac; j < e; j++) o[q++] = b[j];
  }
  return q;
}

const RA = new Uint8Array(64);
const RB = new Uint8Array(64);

/**
 * How b[s..e) reads: R_COMMA only with a decimal comma (12,50 · 1.234,50 · 0,500 · 1.234.567), R_POINT
 * only with a point (12.5 · 1,234.50 · 1,234,567), R_SAME both alike (1234 · 1 234), R_TWO both but
 * differently (1,234: 1.234 or 1234; 1.234: 1234 or 1.234), R_NONE neither.
 */
export function markReadings(b: Uint8Array, s: number, e: number): number {
  if (e - s > 60 || e <= s) return R_NONE;
  const x = readMarked(b, s, e, MARK_COMMA, RA, 0);
  const y = readMarked(b, s, e, MARK_POINT, RB, 0);
  if (x < 0) return y < 0 ? R_NONE : R_POINT;
  if (y < 0) return R_COMMA;
  if (x !== y) return R_TWO;
  for (let i = 0; i < x; i++) if (RA[i] !== RB[i]) return R_TWO;
  return R_SAME;
}

/** the text of markReadings / readMarked: how `v` reads, and as what with each mark (undefined: it does not) */
export function readingsOf(v: string): { r: number; comma?: string; point?: string } {
  const b = Buffer.from(v.trim(), 'utf8');
  const r = markReadings(b, 0, b.length);
  const out = new Uint8Array(b.length + 2);
  const as = (mark: number) => {
    const q = readMarked(b, 0, b.length, mark, out, 0);
    return q < 0 ? undefined : Buffer.from(out.subarray(0, q)).toString('latin1');
  };
  return { r, comma: as(MARK_COMMA), point: as(MARK_POINT) };
}

/**
 * A number followed by a word or two of letters — a unit ("34 years", "250 g", "1.5kg", "12 years
 * old"), not an ordinal ("2nd"): the number, else undefined. No type reads it; the fixer writes the
 * number alone where the column's numbers share one unit (fix/floats.ts).
 */
export function unitNumber(v: string): string | undefined {
  return numberWithUnit(v)?.number;
}

/** unitNumber's reading of `v`: the number and the unit after it ("years", "kg", "years old") */
export function numberWithUnit(v: string): { number: string; unit: string } | undefined {
  const m = v.length <= 40 ? UNIT.exec(v) : null;
  return m ? { number: m[1], unit: m[2] } : undefined;
}
/** one key for a unit however it is written: its first word, case, a final dot, a plural s (years, Year, years old) */
export function unitKey(u: string): string {
  const k = u.split(' ')[0].toLowerCase().replace(/\.$/, '');
  return k.length > 3 && k.endsWith('s') ? k.slice(0, -1) : k;
}
const UNIT = /^(\d+(?:\.\d+)?) ?((?!(?:st|nd|rd|th)$)[A-Za-z\u00C0-\u017F]{1,12}\.?(?: [A-Za-z\u00C0-\u017F]{1,12})?)$/;
