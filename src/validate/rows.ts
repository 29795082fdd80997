// The values of one well-formed line (the header's column count, quoting fine) checked against
// their columns: required values, ID / categorical / textual lengths, numbers, booleans and
// timestamps. Called by FileChecker.line() for every line the fast lane hands back.
import { fieldText, type Tokens } from '../csv/tokenizer.js';
import { numberHint, timestampHint, yyyymmddSeconds } from './hints.js';
import type { IssueCollector } from './issues.js';
import { isMissingMarker } from './markers.js';
import { isDotZero } from './returns.js';
import { excelSerial } from './dates.js';
import { maybeScientific, scientificId } from './scientific-ids.js';
import { blankWords, isPad, paddedId } from './padded-ids.js';
import {
  ANCIENT, CATEGORICAL_MAX, ID_MAX, K_BOOL, K_CAT, K_FLOAT, K_ID, K_INT, K_LONG, K_SKIP, K_STR, K_TEXT, K_TS, TEXTUAL_MAX,
  charLength, isBool, isFloat, iso, parseInteger,
} from './values.js';

/** what the checks need to know of the file's columns (FileChecker) */
export interface ColumnRules {
  readonly iss: IssueCollector;
  readonly names: string[];
  readonly kinds: Uint8Array;
  readonly nullable: Uint8Array;
  /** 1: every record of the dataset type needs the column (it cannot be made optional) */
  readonly required?: Uint8Array;
  /** the dataset type in a message */
  readonly typeLabel?: string;
  /** empty values per column (counted here) */
  readonly empty: Float64Array;
  readonly tsCol: number;
  readonly nowSec: number;
  /** the valid timestamp range so far (updated here) */
  readonly totals: { tsMin: number; tsMax: number };
  /** per column: ID values written as whole decimals (13085.0), counted here, and the first one */
  readonly dotZero: Float64Array;
  readonly dotZeroAt: ({ line: number; value: string } | undefined)[];
  /** per column: IDs with spaces or tabs around them (" 123"), counted here (padded-ids.ts), and the first one */
  readonly padded: Float64Array;
  readonly paddedAt: ({ line: number; value: string } | undefined)[];
  /** per column: timestamps written as Excel serial dates (45000.5208, 45000), counted here (dates.ts), and the first one */
  readonly serial: Float64Array;
  readonly serialAt: ({ line: number; value: string } | undefined)[];
  /** per column: IDs in scientific notation (1.00001E+11), counted here (scientific-ids.ts), and the first one */
  readonly scientific: Float64Array;
  readonly scientificAt: ({ line: number; value: string } | undefined)[];
}

/** checks the values of line `lineNo` (tokens `t` of bytes `b`); returns its timestamp (NaN: none or not a number) */
export function checkValues(r: ColumnRules, b: Uint8Array, lineNo: number, t: Tokens): number {
  const iss = r.iss;
  const n = t.count;
  const starts = t.starts;
  const ends = t.ends;
  /** the timestamp column's value (NaN: none): sorted mode of the line set needs it */
  let lineTs = NaN;
  const kinds = r.kinds;
  const nullable = r.nullable;
  const empty = r.empty;
  const flags = t.flags;
  for (let c = 0; c < n; c++) {
    const s = starts[c];
    const e = ends[c];
    const kind = kinds[c];
    if (s === e) {
      empty[c]++;
      if (kind !== K_SKIP && nullable[c] === 0 && iss.note('REQUIRED_VALUE_MISSING')) missing(r, lineNo, c, 'empty');
      continue;
    }
    switch (kind) {
      case K_SKIP:
      case K_STR:
        break;
      case K_ID:
        // " 123", "123 ", "   " (padded-ids.ts): one compare of each end; a blank ID is a missing one
        if ((b[s] <= 32 || b[e - 1] <= 32) && (isPad(b[s]) || isPad(b[e - 1])) && paddedId(r, b, lineNo, c, s, e, flags[c])) {
          empty[c]++;
          if (nullable[c] === 0 && iss.note('REQUIRED_VALUE_MISSING')) missing(r, lineNo, c, blankWords(b, s, e, flags[c]));
          break;
        }
        if (e - s > ID_MAX && charLength(b, s, e, flags[c]) > ID_MAX && iss.note('ID_TOO_LONG')) {
          iss.add('ID_TOO_LONG', `Line ${lineNo}, column ${r.names[c]}: the ID is ${charLength(b, s, e, flags[c])} characters; Personalize allows at most ${ID_MAX}. Shorten it (e.g. hash long IDs).`, lineNo, r.names[c]);
        }
        // 13085.0: a float column's ID (the fast lane hands such lines here), judged once the file is read (report.ts)
        if (b[e - 1] === 48 && isDotZero(b, s, e) && r.dotZero[c]++ === 0) r.dotZeroAt[c] = { line: lineNo, value: fieldText(b, s, e, flags[c]) };
        // 1.00001E+11: a spreadsheet's long numeric ID (the fast lane hands such lines here), reported once the file is read (report.ts)
        if (maybeScientific(b, s, e)) scientificId(r, b, lineNo, c, s, e, flags[c]);
        break;
      case K_CAT:
        if (e - s > CATEGORICAL_MAX && charLength(b, s, e, flags[c]) > CATEGORICAL_MAX && iss.note('CATEGORICAL_TOO_LONG')) {
          iss.add('CATEGORICAL_TOO_LONG', `Line ${lineNo}, column ${r.names[c]}: the categorical value is ${charLength(b, s, e, flags[c])} characters (| separators included); the import job fails over ${CATEGORICAL_MAX}. Drop some values or shorten them.`, lineNo, r.names[c]);
        }
        break;
      case K_TEXT:
        if (e - s > TEXTUAL_MAX && charLength(b, s, e, flags[c]) > TEXTUAL_MAX && iss.note('TEXTUAL_TOO_LONG')) {
          iss.add('TEXTUAL_TOO_LONG', `Line ${lineNo}, column ${r.names[c]}: the text is ${charLength(b, s, e, flags[c])} characters; Personalize keeps only the first ${TEXTUAL_MAX} (7,000 for Chinese and Japanese). Shorten it if the end matters.`, lineNo, r.names[c]);
        }
        break;
      case K_INT: {
        const v = parseInteger(b, s, e);
        if ((v !== v || v > 2147483647 || v < -2147483648) && iss.note('TYPE_INT')) typeIssue(r, t, 'TYPE_INT', b, lineNo, c, flags[c], 'a whole number between -2147483648 and 2147483647', wholeHint);
        break;
      }
      case K_LONG: {
        const v = parseInteger(b, s, e);
        if (v !== v && iss.note('TYPE_LONG')) typeIssue(r, t, 'TYPE_LONG', b, lineNo, c, flags[c], 'a whole number (long)', wholeHint);
        break;
      }
      case K_TS: {
        const v = parseInteger(b, s, e);
        if (c === r.tsCol) lineTs = v;
        // 45000.5208 or 45000: a spreadsheet's date (the fast lane hands both here), judged once the file is read (report.ts)
        const serial = (v !== v || v < ANCIENT) && !Number.isNaN(excelSerial(b, s, e));
        if (serial && r.serial[c]++ === 0) r.serialAt[c] = { line: lineNo, value: fieldText(b, s, e, flags[c]) };
        if (v !== v) {
          if (iss.note('TYPE_LONG')) typeIssue(r, t, 'TYPE_LONG', b, lineNo, c, flags[c], 'Unix epoch seconds, a whole number like 1596238243', timestampHint);
        } else if (v >= 1e11 || v <= -1e11) {
          if (iss.note('TIMESTAMP_MILLISECONDS')) {
            const micro = Math.abs(v) >= 1e14;
            iss.add('TIMESTAMP_MILLISECONDS', `Line ${lineNo}, column ${r.names[c]}: ${v} looks like ${micro ? 'microseconds' : 'milliseconds'}; Personalize reads epoch seconds, so it would import as a date thousands of years ahead. Divide by ${micro ? '1000000' : '1000'}.`, lineNo, r.names[c]);
          }
        } else {
          if (c === r.tsCol) {
            if (v < r.totals.tsMin) r.totals.tsMin = v;
            if (v > r.totals.tsMax) r.totals.tsMax = v;
          }
          if (v > r.nowSec + 86400) {
            if (iss.note('TIMESTAMP_FUTURE')) iss.add('TIMESTAMP_FUTURE', `Line ${lineNo}, column ${r.names[c]}: ${v} (${iso(v)}) is in the future. Check the clock or the conversion that produced it.`, lineNo, r.names[c]);
          } else if (v < ANCIENT && iss.note('TIMESTAMP_ANCIENT')) {
            const day = yyyymmddSeconds(v);
            iss.add('TIMESTAMP_ANCIENT', day !== undefined
              ? `Line ${lineNo}, column ${r.names[c]}: ${v} looks like the date ${iso(day).slice(0, 10)} written YYYYMMDD, not epoch seconds (as seconds it is ${iso(v)}). Write the time as epoch seconds (that day at 00:00 UTC is ${day}).`
              : serial
                ? `Line ${lineNo}, column ${r.names[c]}: ${v} (${iso(v)}) is before 1990: it looks like a spreadsheet's date (Excel's serial date ${v} is ${iso(excelSerial(b, s, e)).slice(0, 10)}), not epoch seconds. Write the time as epoch seconds (personalize-import fix converts a column of such dates).`
                : `Line ${lineNo}, column ${r.names[c]}: ${v} (${iso(v)}) is before 1990. Check that it is epoch seconds and not a placeholder such as 0.`, lineNo, r.names[c]);
          }
        }
        break;
      }
      case K_FLOAT:
        if (!isFloat(b, s, e) && iss.note('TYPE_FLOAT')) typeIssue(r, t, 'TYPE_FLOAT', b, lineNo, c, flags[c], 'a number such as 4.5 (a dot for decimals, no thousands separators)', overflowHint);
        break;
      case K_BOOL:
        if (!isBool(b, s, e) && iss.note('TYPE_BOOLEAN')) typeIssue(r, t, 'TYPE_BOOLEAN', b, lineNo, c, flags[c], 'lowercase true or false');
        break;
    }
  }
  return lineTs;
}

/** REQUIRED_VALUE_MISSING at line `lineNo`, column c: `what` is "empty", or a blank ID's words */
function missing(r: ColumnRules, lineNo: number, c: number, what: string): void {
  r.iss.add('REQUIRED_VALUE_MISSING', r.required?.[c]
    ? `Line ${lineNo}, column ${r.names[c]}: ${what}, but every ${r.typeLabel || 'record'} record needs a ${r.names[c]}. Fill in a value, or leave the row out (personalize-import fix with --rejects <file> sets such rows aside).`
    : `Line ${lineNo}, column ${r.names[c]}: ${what}, but the schema does not allow null here. Fill in a value, or make the field optional (["null", …]) in the schema.`, lineNo, r.names[c]);
}

/** a value that reads as a number but is too large for one (1e400 → Infinity) */
function overflowHint(v: string): string {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) && !Number.isFinite(Number(v)) ? ' It is too large: it would read as Infinity. Check the value, or cap it.' : numberHint(v);
}

/** an int or long written with a decimal comma or thousands grouped (1.234,00) */
const wholeHint = (v: string) => numberHint(v, true);

function typeIssue(r: ColumnRules, t: Tokens, code: 'TYPE_INT' | 'TYPE_LONG' | 'TYPE_FLOAT' | 'TYPE_BOOLEAN', b: Uint8Array, lineNo: number, c: number, flag: number, want: string, hint?: (value: string) => string): void {
  const v = fieldText(b, t.starts[c], t.ends[c], flag);
  const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  const at = `Line ${lineNo}, column ${r.names[c]}: ${JSON.stringify(shown)} is not`;
  // NULL, n/a … (markers.ts): what the export meant is no value — which an optional field takes written empty
  if (isMissingMarker(v)) {
    const name = r.names[c];
    // (what the field takes, said shortly: "a whole number", "Unix epoch seconds")
    const marker = `${at} ${want.replace(/ \(.*\)$| between .*$|, .*$/, '')}: it looks like a missing-value marker`;
    r.iss.add(code, r.nullable[c]
      ? `${marker}, and ${name} is optional. “Fix and continue” (personalize-import fix) writes it empty, which Personalize reads as a missing value.`
      : `${marker}, but ${r.required?.[c] ? `every ${r.typeLabel || 'record'} record needs a ${name}` : `${name} requires a value (the schema does not allow null)`}. Fill in a value${r.required?.[c] ? '' : ', or make the field optional (["null", …]) in the schema'}, or leave the row out (personalize-import fix with --rejects <file> sets such rows aside).`, lineNo, name);
    return;
  }
  r.iss.add(code, `${at} ${want}.${hint?.(v) ?? ''}`, lineNo, r.names[c]);
}
