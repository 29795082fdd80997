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
