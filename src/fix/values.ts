// Value rewrites of the fixer, byte-level where they sit on the hot path (every row of a column):
// booleans → lowercase, and the checks it shares with the validator (one implementation each:
// numbers in src/validate/values.ts, dates and epochs in src/validate/dates.ts).
import { isBool, parseInteger } from '../validate/values.js';

export { isFloat } from '../validate/values.js';
export { DATE_ORDERS, dateOrderHint, daysFromCivil, excelSerial, parseDateText, readDate, readTimestamp, timeRead, unreadDate, type DateOrder, type TimeRead } from '../validate/dates.js';

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

/** the `fix` command's flags for the columns kept (the wizard and `import` ask or say what happens to them instead: render.ts) */
export const KEPT_FLAGS = ' (pass --drop-unknown to drop, or --map column=FIELD to name the field)';

/** the columns dropped, named; those without a name counted ("3 without a name": an export's trailing separators) */
export function droppedText(names: string[]): string {
  const named = names.filter((n) => n.trim() !== '');
  const blank = names.length - named.length;
  return [...named.map((n) => shown(n, 40)), ...(blank ? [`${blank} without a name`] : [])].join(', ');
}
