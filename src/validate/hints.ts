// What a finding's message adds when it can tell how the value came to be wrong: a timestamp
// written as a date or in Excel's scientific notation, text saved as Windows-1252 instead of UTF-8,
// a number written with a decimal comma.
// Only the engine's slow lane calls these (a line the fast lane hands back), never the hot path.

import { dateOf, dateOrderHint, serialDateOf } from './dates.js';
import { iso } from './values.js';
import { R_COMMA, R_POINT, R_SAME, R_TWO, readingsOf, unitNumber } from './decimal-comma.js';

/** a timestamp written as a date (ISO 8601, "YYYY-MM-DD hh:mm:ss", "Sep 13, 2020 12:26 PM"…): what it is in epoch seconds; or in scientific notation */
export function timestampHint(value: string): string {
  // Excel writes big numbers in scientific notation when the column is not formatted as a number
  const sci = /^(\d)(?:\.(\d+))?E\+(\d+)$/i.exec(value.trim());
  if (sci) {
    const digits = Number(sci[3]) + 1;
    const rounded = (sci[2] ?? '').length < digits - 1;
    return ` It is in scientific notation (Excel writes numbers so when the column is not formatted as a number${rounded ? `, and it kept only ${1 + (sci[2] ?? '').length} of the ${digits} digits` : ''}): format the column as Number with no decimals and save again.`;
  }
  // 45000.5208: a spreadsheet's date saved as a number (Excel's serial date), converted by the fixer
  const serial = serialDateOf(value);
  if (serial !== undefined) return ` It is a spreadsheet's date (Excel's serial date: days since 1899-12-30), ${iso(serial)}: in epoch seconds ${serial} (read as UTC). Convert the column to epoch seconds (personalize-import fix does).`;
  // the fixer's reading of dates (src/validate/dates.ts): what it says here is what `fix` writes
  const d = dateOf(value);
  if (!d) {
    // 01.11.2026: day and month in numbers, read by the fixer only when told which comes first
    const order = dateOrderHint(value);
    return order ? ` It is a date with day and month in numbers: ${order}${order.includes('--dates') ? ' to fix (or import --fix), which then converts it to epoch seconds' : ''}.` : '';
  }
  return ` It is a date: in epoch seconds ${d.seconds}${d.assumedUtc ? ' (read as UTC: it names no time zone)' : ''}. Convert the column to epoch seconds.`;
}

/** every non-ASCII byte stands alone between ASCII bytes: single-byte text (Windows-1252, Latin-1), not broken UTF-8 */
export function looksLikeWindows1252(b: Uint8Array): boolean {
  let high = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] < 0x80) continue;
    // the five bytes Windows-1252 leaves undefined
    if (b[i] === 0x81 || b[i] === 0x8d || b[i] === 0x8f || b[i] === 0x90 || b[i] === 0x9d) return false;
    if ((i > 0 && b[i - 1] >= 0x80) || (i + 1 < b.length && b[i + 1] >= 0x80)) return false;
    high++;
  }
  return high > 0;
}

/** Windows-1252's characters for 0x80–0x9F (where it differs from Latin-1; Node's decoder reads them as Latin-1 controls) */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** the value read as Windows-1252, cut to 60 characters */
export function asWindows1252(b: Uint8Array): string {
  let t = '';
  for (const x of b) t += x >= 0x80 && x < 0xa0 ? CP1252_HIGH[x - 0x80] : String.fromCharCode(x);
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/**
 * A whole number that is a date written YYYYMMDD (20240110, as Google Analytics' event_date and many
 * exports write it) → that day's epoch seconds (UTC midnight); undefined for anything else. As epoch
 * seconds such a value is a day in 1970, so it is never right in a TIMESTAMP.
 */
export function yyyymmddSeconds(v: number): number | undefined {
  if (!Number.isInteger(v) || v < 19000101 || v > 21001231) return undefined;
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return m >= 1 && m <= 12 && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t / 1000 : undefined;
}

/**
 * A number written with a locale's marks — a decimal comma ("12,50", a German or French export),
 * thousands grouped ("1,234.50", "1 234"), an amount with a currency symbol ("€42,19") —: how it
 * reads, and what the fixer does with it (src/fix/floats.ts, by the same reader); `whole` for an int
 * or long column. "1,234" reads two ways: the fixer takes the column's other values, or --decimal.
 */
export function numberHint(value: string, whole = false): string {
  const t = value.trim();
  const v = whole ? t : t.replace(/^[$€£¥] ?| ?[$€£¥]$/g, '');
  const money = v !== t ? /[$€£¥]/.exec(t)![0] : '';
  const { r, comma, point } = readingsOf(v);
  const fix = '“Fix and continue” (personalize-import fix)';
  if (r === R_TWO && v.includes(',')) {
    return ` It reads two ways: ${comma} with a decimal comma, ${point} with a comma grouping thousands. ${fix} reads it with a decimal comma when another value of the column has one (such as 12,50); else pass --decimal comma or --decimal point to fix (or import --fix).`;
  }
  const plain = r === R_COMMA ? comma : (r === R_POINT || r === R_SAME) && !/^-?\d+(\.\d+)?$/.test(v) ? point : undefined;
  if (plain === undefined) {
    if (money && /^-?\d+(\.\d+)?$/.test(v)) return ` It is an amount in ${money}: ${fix} writes it without the symbol (${v}).`;
    // "34 years": a number with a unit, which nothing here removes — what to export instead
    const n = unitNumber(t);
    return n !== undefined && (!whole || /^\d+$/.test(n)) ? ` It is a number with a unit: export it as ${n} (the unit can go in the column's name), or let the fix step write ${n} (it does where the column's numbers are all in one unit).` : '';
  }
  const how = r === R_COMMA ? (v.includes(',') ? 'with a decimal comma' : 'with points grouping thousands') : 'with its thousands grouped';
  if (whole) {
    const n = plain.replace(/\.0+$/, '');
    return /^-?\d+$/.test(n) ? ` It is ${n} written ${how}: ${fix} writes it as ${n}.` : ` It is ${plain} written ${how}: not a whole number either.`;
  }
  return ` It is ${money ? `an amount in ${money}, ` : ''}${plain} written ${how}: ${fix} writes it as ${plain}${money ? ', without the symbol' : ''}.`;
}
