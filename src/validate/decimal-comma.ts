// A line with one value too many because a number was written with a decimal comma ("12,50" in a
// comma-separated file): which column it starts at, for COLUMN_COUNT's message (checker.ts).
import { F_QUOTED } from '../csv/tokenizer.js';

/** digits only (ASCII): the text of b[from, to) */
export function latin(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/**
 * A line with one value too many: the last column whose value is a whole number (up to 9 digits, a
 * sign allowed: not an epoch timestamp) followed by a value of 1–6 digits, neither quoted — "12,50",
 * a price written with a decimal comma in a comma-separated file — or -1.
 */
export function decimalCommaAt(b: Uint8Array, starts: Int32Array | number[], ends: Int32Array | number[], flags: Uint8Array | number[], n: number): number {
  const digits = (from: number, to: number, max: number, sign: boolean) => {
    if (sign && b[from] === 45) from++;
    if (to <= from || to - from > max) return false;
    for (let i = from; i < to; i++) if (b[i] < 48 || b[i] > 57) return false;
    return true;
  };
  // from the end: in "1767225600,12,50" the split is 12,50, not the timestamp and 12
  for (let c = n - 2; c >= 0; c--) {
    if (flags[c] & F_QUOTED || flags[c + 1] & F_QUOTED) continue;
    if (digits(starts[c], ends[c], 9, true) && digits(starts[c + 1], ends[c + 1], 6, false)) return c;
  }
  return -1;
}
