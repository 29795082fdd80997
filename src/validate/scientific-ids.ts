// IDs in scientific notation (1.00001E+11): what a spreadsheet does to a column of long numeric IDs
// (order, customer or article numbers of 12 digits and more) opened and saved again — Excel shows a
// General cell's big number so and writes it to the CSV as shown, six significant digits. Different
// IDs become one (100001234567 and 100001299999 are both 1.00001E+11): a user's history is merged
// with others', and nothing in the file can undo it. The engine counts such IDs per column, the first
// one kept (ID_SCIENTIFIC, once the file is read); only an ID with a '+' among its last three bytes is
// looked at (rows.ts; the fast lane hands such lines to the engine: two compares). Core module.
import { fieldText } from '../csv/tokenizer.js';
import type { DotZeroCount } from './returns.js';
import { withCommas } from '../core/with-commas.js';

/** bytes [s, e) are a number in scientific notation with a positive exponent: -?d(.d+)?E+d{1,3} (e or E) */
export function isScientific(b: Uint8Array, s: number, e: number): boolean {
  let i = b[s] === 45 ? s + 1 : s;
  if (i >= e || b[i] < 48 || b[i] > 57) return false;
  i++;
  if (b[i] === 46) {
    i++;
    const from = i;
    while (i < e && b[i] >= 48 && b[i] <= 57) i++;
    if (i === from) return false;
  }
  if (i + 2 >= e || (b[i] | 32) !== 101 || b[i + 1] !== 43) return false;
  i += 2;
  if (e - i > 3) return false;
  for (; i < e; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}

/** a '+' among an ID's last three bytes but the very last: the lines the fast lane hands over, the IDs rows.ts looks at */
export const maybeScientific = (b: Uint8Array, s: number, e: number): boolean => e - s >= 4 && (b[e - 2] === 43 || b[e - 3] === 43 || b[e - 4] === 43);

/** counts an ID of column c at line `lineNo` when it is in scientific notation */
export function scientificId(r: { scientific: Float64Array; scientificAt: ({ line: number; value: string } | undefined)[] }, b: Uint8Array, lineNo: number, c: number, s: number, e: number, flag: number): void {
  if (isScientific(b, s, e) && r.scientific[c]++ === 0) r.scientificAt[c] = { line: lineNo, value: fieldText(b, s, e, flag) };
}

/** ID_SCIENTIFIC's message: a column's IDs in scientific notation */
export function scientificMessage(column: string, role: 'user' | 'item' | 'action' | 'record', d: Required<DotZeroCount>): string {
  const v = d.first.value;
  const who = role === 'record' ? 'records' : `${role}s`;
  const digits = v.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').length;
  return `Line ${d.first.line}, column ${column}: ${JSON.stringify(v)} is a number in scientific notation, ${d.count === 1 ? 'the only such ID of the column' : `and so are ${withCommas(d.count)} IDs of the column`}: a spreadsheet (Excel) writes long numeric IDs so and keeps only ${digits} significant digit${digits === 1 ? '' : 's'}, so different ${who} became one${role === 'user' ? ' and their histories are merged' : ''}. Personalize takes an ID as written. This cannot be repaired from the file: export the IDs again from where they come from, or, in the spreadsheet, format the column as Text (or Number with no decimals) before saving it as CSV.`;
}
