// The type of one field from its column's values, with the reason shown to the user. Reserved and
// domain fields have the type Personalize fixes for them (and their values are checked against it);
// metadata fields get the narrowest type every value fits.
import type { DatasetType } from '../core/resources.js';
import type { FieldType } from '../validate/fields.js';
import { type ColumnStats, pct } from './columns.js';
import { readingsOf, unitNumber } from '../validate/decimal-comma.js';
import { dateOrderHint, readTimestamp } from '../fix/values.js';
import { serialDateOf } from '../validate/dates.js';
import { serialShown } from '../validate/serial-dates.js';
import { yyyymmddSeconds } from '../validate/hints.js';
import { isMissingMarker } from '../validate/markers.js';
import { withCommas } from '../core/with-commas.js';

export interface InferProblem {
  severity: 'error' | 'warning';
  /** stable: MISSING_REQUIRED, NO_METADATA, TIMESTAMP_MILLISECONDS, TIMESTAMP_DATES, TIMESTAMP_YYYYMMDD, … */
  code: string;
  message: string;
  column?: string;
  field?: string;
  /** REQUIRED_EMPTY of an analytics export's user_id: the column its visitors who never signed in are named by (--user-id-from) */
  anonymous?: string;
}

export interface TypeDecision {
  type: FieldType;
  categorical: boolean;
  /** a textual candidate (Items only): the caller keeps at most one */
  textualCandidate: boolean;
  reason: string;
  problems: InferProblem[];
}

const STRING_IDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID', 'RECOMMENDATION_ID', 'EVENT_ATTRIBUTION_SOURCE', 'IMPRESSION', 'EVENT_TYPE', 'TYPE']);
const EPOCH_FIELDS = new Set(['TIMESTAMP', 'CREATION_TIMESTAMP', 'EXPIRATION_TIMESTAMP']);
const LONG_FIELDS = new Set(['VALUE', 'REPEAT_FREQUENCY']);
const FLOAT_FIELDS = new Set(['EVENT_VALUE', 'PRICE']);
const CATEGORICAL_FIELDS = new Set(['CATEGORY_L1', 'GENRES']);

/** at most this many distinct values (and repeated values) makes a string column categorical */
export const LOW_CARDINALITY = 1000;
/** share of values containing "|" that makes a string column multi-value categorical */
export const PIPE_SHARE = 0.1;
/** average length (characters) from which free text with spaces is a textual candidate */
export const TEXTUAL_MIN_AVERAGE = 30;

const show = (v: string | undefined) => JSON.stringify(v ?? '');
/** whether the fixer converts this date to epoch seconds (ISO 8601 and common date text; not 01/02/2026) */
const readableDate = (v: string | undefined) => v !== undefined && !Number.isNaN(readTimestamp(Buffer.from(v), 0, Buffer.byteLength(v)));
/** 1.234,56 → 1234.56 (1,234.50 → 1234.50 where the comma is no decimal mark) */
const pointed = (v: string, comma = true) => (comma ? readingsOf(v).comma : readingsOf(v).point) ?? v;

/**
 * `decimalComma`: the file is separated by ";" — the convention of locales whose decimal mark is a
 * comma (Excel writes ";" there for that reason), so 16,63 is sixteen point six three. In a file
 * separated otherwise (a Google Sheets export of such a locale: "12,50" quoted) the column says it,
 * by the fixer's rule (src/fix/decimal-proof.ts): a value only a decimal comma reads (12,50) and none
 * with commas grouping thousands (1,234.50). Then 1,234 is 1.234 too; else it is not a number here.
 */
export function decideType(field: string, column: string, s: ColumnStats, datasetType: DatasetType, opts: { decimalComma?: boolean } = {}): TypeDecision {
  // a typed field's values: missing-value markers (NULL, n/a …) are missing there, not values to type;
  // a string field's values are all but the empty ones (n is set so before the string types)
  let n = s.typed;
  const proven = opts.decimalComma || (s.decimalCommas + s.moneyDecimalCommas > 0 && s.groupedCommas === 0);
  // numbers with a comma: only a decimal comma reads them, or either reading once the column says which, or commas group thousands
  const commas = s.decimalCommas + (proven ? s.twoWays : 0);
  const grouped = s.groupedCommas;
  const firstComma = s.firstDecimalComma ?? s.firstTwoWays;
  const commaNote = () => {
    if (commas > 0) problem('warning', 'DECIMAL_COMMA', `Column ${column}: ${pct(commas, n)} of values are numbers written with a decimal comma (e.g. ${show(firstComma)}); Personalize reads a point (${show(pointed(firstComma ?? ''))}). “Fix and continue” (personalize-import fix) writes them with a point.`);
    if (grouped > 0) problem('warning', 'THOUSANDS', `Column ${column}: ${pct(grouped, n)} of values are numbers with commas grouping thousands; Personalize reads them without. “Fix and continue” (personalize-import fix) removes the commas.`);
  };
  // 1,250 and nothing in the column to say whether 1.25 or 1250: what to do, where the type says "not a number"
  const twoWaysNote = !proven && s.twoWays > 0 ? `; ${show(s.firstTwoWays)} reads two ways (${pointed(s.firstTwoWays ?? '')} with a decimal comma, ${pointed(s.firstTwoWays ?? '', false)} with a comma grouping thousands) and no value of the column says which: pass --decimal comma or --decimal point to fix (or import --fix)` : '';
  const problems: InferProblem[] = [];
  const problem = (severity: 'error' | 'warning', code: string, message: string) => problems.push({ severity, code, message, column, field });

  if (STRING_IDS.has(field)) {
    // 1.00001E+11: a spreadsheet rounded these IDs (scientific-ids.ts) — nothing to convert, only to say
    if (s.scientific > 0 && field !== 'EVENT_TYPE') {
      const who = field === 'USER_ID' ? 'users' : field === 'ITEM_ID' ? 'items' : 'IDs';
      problem('warning', 'ID_SCIENTIFIC', `${field} (column ${column}): ${pct(s.scientific, s.nonEmpty)} of values are numbers in scientific notation (e.g. ${show(s.firstScientific)}): a spreadsheet (Excel) writes long numeric IDs so and rounds them, so different ${who} became one. This cannot be repaired from the file: export the IDs again as text.`);
    }
    const why = field === 'EVENT_TYPE' ? 'EVENT_TYPE is a string in Personalize (never categorical)' : field === 'IMPRESSION' ? 'IMPRESSION is a string of |-separated item IDs' : `${field} is a string in Personalize`;
    return { type: 'string', categorical: false, textualCandidate: false, reason: why, problems };
  }
  if (EPOCH_FIELDS.has(field)) {
    const secs = s.ints - s.millis - s.micros;
    if (s.millis > 0) {
      problem('error', 'TIMESTAMP_MILLISECONDS', `${field} (column ${column}): ${pct(s.millis, n)} of values have 13 digits (e.g. ${s.firstMillis}): epoch milliseconds, but Personalize reads epoch seconds. Divide them by 1000 (“Fix and continue” — personalize-import fix — does).`);
    }
    if (s.micros > 0) problem('error', 'TIMESTAMP_MICROSECONDS', `${field} (column ${column}): ${pct(s.micros, n)} of values have 16 or 19 digits: micro- or nanoseconds, not epoch seconds. Convert them to seconds (“Fix and continue” — personalize-import fix — does).`);
    if (s.dates > 0) {
      problem('error', 'TIMESTAMP_DATES', `${field} (column ${column}): ${pct(s.dates, n)} of values are dates (e.g. ${show(s.firstDate)}), but Personalize needs epoch seconds (a long such as 1767225600). ${readableDate(s.firstDate) ? 'Convert them (“Fix and continue” — personalize-import fix — does: read as UTC where they name no zone).' : (dateOrderHint(s.firstDate ?? '')?.includes('--dates') ? `Convert them: ${dateOrderHint(s.firstDate ?? '')} to fix (or import --fix), which then converts them (read as UTC where they name no zone).` : 'Convert them: a date such as this one is not converted for you (day-first or month-first would be a guess).')}`);
    }
    // 20240110: a date written YYYYMMDD (Google Analytics' event_date), a day in 1970 as seconds
    const ymd = s.ints > 0 && s.ints === n && yyyymmddSeconds(s.intMin) !== undefined && yyyymmddSeconds(s.intMax) !== undefined;
    if (ymd) {
      problem('error', 'TIMESTAMP_YYYYMMDD', `${field} (column ${column}): the values are dates written YYYYMMDD (${s.intMin} … ${s.intMax}), not epoch seconds — as seconds they are days in 1970. Use a column with the time in epoch seconds (or convert these: ${s.intMin} is ${yyyymmddSeconds(s.intMin)} at 00:00 UTC).`);
    }
    // 45000.5208 · 45000: a spreadsheet's dates (dates.ts), in every value: the fixer converts them (serial-dates.ts)
    const serials = s.serials === n && n > 0 ? n : 0;
    if (serials) {
      const seconds = serialDateOf(s.firstSerial!)!;
      problem('error', 'TIMESTAMP_SERIAL', `${field} (column ${column}): the values are a spreadsheet's dates (Excel's serial dates: days since 1899-12-30, e.g. ${show(s.firstSerial)} is ${serialShown(seconds)}), not epoch seconds — as seconds they are times on 1 January 1970. Convert them (“Fix and continue” — personalize-import fix — does: read as UTC).`);
    }
    const other = serials ? 0 : n - s.ints - s.dates;
    if (other > 0) problem('error', 'TYPE_MISMATCH', `${field} (column ${column}): ${pct(other, n)} of values are neither whole numbers nor dates (e.g. ${show(s.firstOther ?? s.examples.find((e) => !/^-?\d+$/.test(e) && !isMissingMarker(e)))}); ${field} must be epoch seconds.`);
    const reason = `${field} is epoch seconds (long) in Personalize${serials ? "; the values are a spreadsheet's dates (below)" : ymd ? '; the values are dates written YYYYMMDD (below)' : n > 0 && secs === n ? '; every value is whole seconds' : n > 0 && secs === 0 ? '; no value is in epoch seconds yet (below: what they are)' : n > 0 ? `; only ${pct(secs, n)} of values are whole seconds` : ''}`;
    return { type: 'long', categorical: false, textualCandidate: false, reason, problems };
  }
  if (LONG_FIELDS.has(field)) {
    if (n - s.ints > 0) problem('error', 'TYPE_MISMATCH', `${field} (column ${column}): ${pct(n - s.ints, n)} of values are not whole numbers; ${field} is a long in Personalize.`);
    return { type: 'long', categorical: false, textualCandidate: false, reason: `${field} is a long in Personalize`, problems };
  }
  if (FLOAT_FIELDS.has(field)) {
    const money = s.moneySymbols.size === 1 && (proven || s.moneyCommas === 0) ? s.money : 0;
    const numeric = s.ints + s.floats + commas + grouped + money;
    commaNote();
    if (money) problem('warning', 'CURRENCY', `${field} (column ${column}): ${pct(s.money, n)} of values are amounts with a currency symbol (e.g. ${show(s.firstMoney)}); “Fix and continue” (personalize-import fix) removes the symbol.`);
    if (n - numeric > 0) problem('error', 'TYPE_MISMATCH', `${field} (column ${column}): ${pct(n - numeric, n)} of values are not numbers (e.g. ${show(s.firstMoney ?? s.firstTwoWays ?? s.examples.find((e) => !/^-?[\d.eE+-]+$/.test(e) && !isMissingMarker(e)))})${s.money && !money ? ': amounts with a currency symbol — export them without it' : twoWaysNote}; ${field} is a float in Personalize.`);
    return { type: 'float', categorical: false, textualCandidate: false, reason: `${field} is a float in Personalize`, problems };
  }
  if (CATEGORICAL_FIELDS.has(field)) {
    return { type: 'string', categorical: true, textualCandidate: false, reason: `${field} is a categorical string in the domain${s.pipes ? `; ${pct(s.pipes, n)} of values hold several categories (|)` : ''}`, problems };
  }

  // metadata: what every value fits
  if (s.nonEmpty === 0) return { type: 'string', categorical: false, textualCandidate: false, reason: 'no values in the sample: string (optional)', problems };
  // (a column of markers only, NULL in every row: a string, its one value — nothing says a number)
  if (n === 0) n = s.nonEmpty;
  // digits that are no number: leading zeros (SFCC's Customer No 00000398: a long drops them) or more
  // significant digits than a double holds (GA4's user_pseudo_id 1000000077.1650000077: rounded) —
  // a code or an ID, typed string so that its values reach Personalize as written
  const code = s.zeroLed > 0 ? `${pct(s.zeroLed, n)} are numbers with leading zeros (e.g. ${show(s.firstCode)}): a code or an ID, whose zeros a number drops` : s.overPrecise > 0 ? `${pct(s.overPrecise, n)} are numbers with more digits than a double holds (e.g. ${show(s.firstCode)}): an ID, which a number rounds` : undefined;
  if (!code && s.ints === n) {
    if (s.millis === n && /time|date|_at$|^ts$/i.test(column)) {
      problem('warning', 'TIMESTAMP_MILLISECONDS', `Column ${column} looks like epoch milliseconds (13 digits, e.g. ${s.firstMillis}); Personalize's timestamps are seconds.`);
    }
    return { type: 'long', categorical: false, textualCandidate: false, reason: `every value is a whole number (${s.intMin} … ${s.intMax}): long`, problems };
  }
  if (!code && s.ints + s.floats + commas + grouped === n) {
    const wide = s.wide > 0;
    commaNote();
    const decimals = `${commas ? `${pct(s.floats + commas, n)} with decimals (${pct(commas, n)} with a decimal comma, e.g. ${show(firstComma)})` : `${pct(s.floats, n)} with decimals`}${grouped ? `, ${pct(grouped, n)} with commas grouping thousands` : ''}`;
    return { type: wide ? 'double' : 'float', categorical: false, textualCandidate: false, reason: `every value is a number, ${decimals}: ${wide ? `double (${pct(s.wide, n)} have more than 7 significant digits)` : 'float'}`, problems };
  }
  if (s.boolsLower === n) return { type: 'boolean', categorical: false, textualCandidate: false, reason: 'every value is true or false: boolean', problems };
  if (s.boolsLower + s.boolsOtherCase === n) {
    problem('error', 'BOOLEAN_CASE', `Column ${column}: ${pct(s.boolsOtherCase, n)} of values are booleans not in lower case (e.g. ${show(s.examples.find((e) => e !== 'true' && e !== 'false' && !isMissingMarker(e)))}); Personalize reads only true and false. Lower-case them.`);
    return { type: 'boolean', categorical: false, textualCandidate: false, reason: 'every value is true or false in some case: boolean', problems };
  }
  // a string field: its markers are values (a category named "NA", or text to look at)
  n = s.nonEmpty;
  const numericShare = (s.ints + s.floats) / n;
  // (the first value that is not a number: an Online Retail invoice C489449; the first 3 examples may all be numbers)
  const notNumber = s.firstOther ?? s.examples.find((e) => !/^-?[\d.]+$/.test(e));
  const mixed = code ? `; ${code}` : numericShare >= 0.5 ? `; ${pct(s.ints + s.floats, n)} are numbers but ${pct(n - s.ints - s.floats, n)} are not${notNumber ? ` (e.g. ${show(notNumber)})` : ''}` : '';
  if (s.dates > 0 && s.dates === s.typed) {
    problem('warning', 'DATES_AS_STRING', `Column ${column} holds dates (e.g. ${show(s.firstDate)}); Personalize has no date type, so it is typed string. Convert it to epoch seconds (long) to use it as a number.`);
  }
  const unitNum = unitNumber(s.firstWithUnit ?? '') ?? '';
  // numbers in one unit ("34 years", "1 year", "29"): a number — Fix writes them without the unit
  // (src/fix/floats.ts), as it writes amounts without their currency symbol
  if (!code && s.withUnits > 0 && s.unitKeys.size === 1 && s.ints + s.floats + s.withUnits === n) {
    const decimals = s.floats + s.unitDecimals > 0;
    const type = decimals ? (s.wide > 0 ? 'double' : 'float') : 'long';
    problem('warning', 'UNIT', `Column ${column}: ${pct(s.withUnits, n)} of values are numbers with a unit (e.g. ${show(s.firstWithUnit)}); Personalize reads plain numbers (${show(unitNum)}). “Fix and continue” (personalize-import fix) removes the unit (the column's name can say it).`);
    return { type, categorical: false, textualCandidate: false, reason: `every value is a number, ${pct(s.withUnits, n)} with a unit (${show(s.firstWithUnit)}): ${type}`, problems };
  }
  // "34 years" beside "12 months", "250 g": numbers no type reads with their unit — typed as strings,
  // which Personalize cannot compare as numbers (34 and 35 years as far apart as any two); said, with
  // what makes them one
  if (s.withUnits > 0 && s.withUnits >= 0.9 * n) {
    const units = s.unitKeys.size > 1 ? ` in ${s.unitKeys.size}${s.unitKeys.size === 8 ? ' or more' : ''} units (${[...s.unitKeys].slice(0, 4).map(show).join(', ')})` : '';
    problem('warning', 'NUMBER_WITH_UNIT', `Column ${column}: ${pct(s.withUnits, n)} of values are numbers with a unit${units} (e.g. ${show(s.firstWithUnit)}), so it is typed as a string, and Personalize cannot compare its values as numbers. Exported as plain numbers in one unit (${show(unitNum)}; the unit can go in the column's name), it is typed as a number.`);
  }
  if (s.pipes / n >= PIPE_SHARE) {
    return { type: 'string', categorical: true, textualCandidate: false, reason: `categorical: ${pct(s.pipes, n)} of values contain | (several categories in one value)${mixed}`, problems };
  }
  // amounts in one currency: a float (Fix removes the symbol: src/fix/floats.ts) — numbers however few
  // their values (a catalogue of five price points, "$1,299.00": before, a categorical string)
  if (s.money > 0 && s.moneySymbols.size === 1 && s.ints + s.floats + commas + grouped + s.money === n && (proven || s.moneyCommas === 0)) {
    const amount = (s.firstMoney ?? '').replace(/^[$€£¥] ?| ?[$€£¥]$/g, '');
    const plain = pointed(amount, proven || readingsOf(amount).point === undefined);
    problem('warning', 'CURRENCY', `Column ${column}: ${pct(s.money, n)} of values are amounts with a currency symbol (e.g. ${show(s.firstMoney)}); Personalize reads plain numbers (${show(plain)}). “Fix and continue” (personalize-import fix) removes the symbol.`);
    return { type: s.wide > 0 ? 'double' : 'float', categorical: false, textualCandidate: false, reason: `every value is a number, ${pct(s.money, n)} an amount in ${[...s.moneySymbols][0]}: float`, problems };
  }
  const distinct = s.distinct.size;
  const textual = s.averageLength >= TEXTUAL_MIN_AVERAGE && s.spaced / n >= 0.5;
  if (!s.distinctOverflow && distinct <= LOW_CARDINALITY && distinct < n && distinct <= Math.max(2, n / 2) && !textual) {
    return { type: 'string', categorical: true, textualCandidate: false, reason: `categorical: ${withCommas(distinct)} distinct value${distinct === 1 ? '' : 's'} in ${withCommas(n)} rows${mixed}`, problems };
  }
  if (textual) {
    const where = datasetType === 'ITEMS' ? '' : `, but textual fields exist only in Items: a plain string`;
    if (where) problem('warning', 'NOT_USED_IN_TRAINING', `Column ${column}: free text in ${/^[AEIOU]/.test(datasetType) ? 'an' : 'a'} ${datasetType} dataset; only Items can have a textual field, so Personalize does not use it in training. Drop it, or move it to the Items data.`);
    return { type: 'string', categorical: false, textualCandidate: datasetType === 'ITEMS', reason: `free text (average ${Math.round(s.averageLength)} characters, ${pct(s.spaced, n)} with spaces)${where ? where : ': textual'}`, problems };
  }
  if (s.money > 0 && s.ints + s.floats + commas + grouped + s.money === n && (proven || s.moneyCommas === 0) && s.moneySymbols.size > 1) {
    // amounts in several currencies: not one unit (one currency: a float, above)
    const amount = (s.firstMoney ?? '').replace(/^[$€£¥] ?| ?[$€£¥]$/g, '');
    const plain = pointed(amount, proven || readingsOf(amount).point === undefined);
    problem('warning', 'CURRENCY', `Column ${column}: amounts in ${s.moneySymbols.size} currencies (${[...s.moneySymbols].join(' ')}, e.g. ${show(s.firstMoney)}): not one unit, so a string Personalize does not train on. Convert them to one currency, written as plain numbers (${show(plain)}).`);
  }
  if (twoWaysNote && s.ints + s.floats + s.decimalCommas + grouped + s.twoWays + s.money === n) {
    problem('warning', 'DECIMAL_COMMA_TWO_WAYS', `Column ${column}: typed string${twoWaysNote.replace(/^; /, ': ').replace(/: pass --decimal/, '. If they are numbers, type the field float in the schema and pass --decimal')}.`);
  }
  const card = s.distinctOverflow ? `more than ${LOW_CARDINALITY} distinct values` : `${withCommas(distinct)} distinct values in ${withCommas(n)} rows`;
  problem('warning', 'NOT_USED_IN_TRAINING', `Column ${column}: a string that is neither categorical nor textual (${card}); Personalize does not use such a field in training. Mark it categorical if it names categories.`);
  return { type: 'string', categorical: false, textualCandidate: false, reason: `string: ${card}, too many for categorical${mixed}`, problems };
}
