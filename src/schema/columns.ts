// What the sample says about each column: counts of empty values and of values of each shape, a
// bounded set of distinct values, lengths. O(columns) memory whatever the sample's size.
import { R_COMMA, R_NONE, R_POINT, R_SAME, R_TWO, numberWithUnit, readingsOf, unitKey } from '../validate/decimal-comma.js';
import { addSpelling, isMissingMarker } from '../validate/markers.js';
import { serialDateOf } from '../validate/dates.js';

/** distinct values remembered per column; past it the column counts as high-cardinality */
export const DISTINCT_CAP = 2000;

function isInt(v: string): boolean {
  let i = v.charCodeAt(0) === 45 ? 1 : 0;
  if (i === v.length) return false;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const FLOAT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
// $61.75 · 61,75 € · £5 — an amount with a currency symbol (before or after, a space between or not)
const MONEY = /^(?:([$€£¥]) ?(-?\d.*)|(-?\d.*?) ?([$€£¥]))$/;
/**
 * A value with a comma: maybe a number with a locale's marks (decimal-comma.ts). Numbers grouped by
 * points or spaces alone (1.234.567, 12 345) are not read here: as likely an address, a code or an ID
 */
const MARKED = /,/;
// 2026-01-02, 2026-01-02T10:00:00Z, 2026/01/02 10:00, 2024-01-10 10:00:00 -0500 (Shopify), … UTC, 02/01/2026, 1/2/26 …
const DATE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?( ?(Z|UTC|GMT|[+-]\d{2}:?\d{2}))?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?)$/;

const EMAIL = /^[^@\s",;<>]+@[^@\s",;<>]+\.[A-Za-z]{2,}$/;

export class ColumnStats {
  values = 0;
  empty = 0;
  /** of them, values of spaces and tabs only ("   "): blank, a missing value as an empty one is (the validator's blank ID, the fixer's trim) */
  blank = 0;
  /** values that are exactly 0 (a WooCommerce order's Customer User ID for a guest checkout) */
  zeros = 0;
  ints = 0;
  /** integers of 13 digits (epoch milliseconds for 2001–2286) */
  millis = 0;
  /** integers of 16 (µs) or 19 (ns) digits */
  micros = 0;
  /** numbers that are not integers */
  floats = 0;
  /** floats with more than 7 significant digits (beyond float precision) */
  wide = 0;
  /**
   * numbers written with a leading zero (00000398, 0042.5 — not 0 or 0.5): a code or an ID (SFCC's
   * Customer No), whose zeros a number drops
   */
  zeroLed = 0;
  /** numbers with more significant digits than a double holds (15): an ID written with a point (GA4's user_pseudo_id 1000000077.1650000077) */
  overPrecise = 0;
  /** the first of those (zeroLed or overPrecise) */
  firstCode?: string;
  /** numbers only a decimal comma reads (16,63 · 1.234,56 · 0,500 · 1.234.567; decimal-comma.ts): not counted in floats */
  decimalCommas = 0;
  firstDecimalComma?: string;
  /** numbers a comma makes read two ways (1,234: 1.234 with a decimal comma, 1234 with a comma grouping thousands) */
  twoWays = 0;
  firstTwoWays?: string;
  /** numbers with commas grouping their thousands, that read one way (1,234.50 · 1,234,567): a column whose comma is no decimal mark */
  groupedCommas = 0;
  /** amounts with a currency symbol ($61.75, 61,75 €) */
  money = 0;
  firstMoney?: string;
  /** of those, amounts whose comma reads two ways ("$1,234") */
  moneyCommas = 0;
  /** of those, amounts only a decimal comma reads ("42,19 €") */
  moneyDecimalCommas = 0;
  /** numbers followed by a word, a unit ("34 years", "250 g", "1.5 kg"): a number a type cannot read as one */
  withUnits = 0;
  firstWithUnit?: string;
  /** the units of those numbers, one key each (decimal-comma.ts unitKey; at most 8 kept), and how many have decimals */
  readonly unitKeys = new Set<string>();
  unitDecimals = 0;
  /** the currency symbols the amounts carry */
  readonly moneySymbols = new Set<string>();
  boolsLower = 0;
  /** True, FALSE, … */
  boolsOtherCase = 0;
  dates = 0;
  /** numbers that read as a spreadsheet's date (Excel's serial date: 45000, 45000.5208; dates.ts), whole or not: counted among the ints or floats too */
  serials = 0;
  firstSerial?: string;
  /** numbers in scientific notation with a positive exponent (1.00001E+11: a spreadsheet's rounded long ID; scientific-ids.ts) */
  scientific = 0;
  firstScientific?: string;
  /** values containing "|" */
  pipes = 0;
  /** values containing a space */
  spaced = 0;
  totalLength = 0;
  maxLength = 0;
  intMin = Infinity;
  intMax = -Infinity;
  readonly distinct = new Set<string>();
  distinctOverflow = false;
  /** a value came again while the distinct set still held them all (none: unique per row so far) */
  repeated = false;
  /** non-empty values read while the distinct set still held them all, and how many of those came again (an ID column's repeats: an event log, not a table of users or items) */
  counted = 0;
  repeats = 0;
  /** values that look like e-mail addresses */
  emails = 0;
  /** values that are a JSON object or array (an analytics export's event properties) */
  jsons = 0;
  /** of those objects, how many name the item under a key an analytics tool writes (Mixpanel's product_id, $product_id …): key → count */
  itemKeys = new Map<string, number>();
  /** a few example values, for reasons and problems */
  readonly examples: string[] = [];
  firstDate?: string;
  firstMillis?: string;
  /** the first value that is neither a whole number nor a date (a TIMESTAMP's odd one out) */
  firstOther?: string;
  /**
   * missing-value markers (NULL, n/a …: src/validate/markers.ts), counted among the other values too:
   * a typed column's missing values (its type decided without them), a string column's values
   */
  markers = 0;
  /** their spellings as written, with how often */
  readonly markerSpellings = new Map<string, number>();

  constructor(readonly column: string) {}

  private serial(v: string): void {
    if (serialDateOf(v) === undefined) return;
    this.serials++;
    this.firstSerial ??= v;
  }

  add(v: string): void {
    this.values++;
    if (v === '' || ((v.charCodeAt(0) === 32 || v.charCodeAt(0) === 9) && /^[ \t]+$/.test(v))) {
      this.empty++;
      if (v !== '') this.blank++;
      return;
    }
    if (v === '0') this.zeros++;
    if (this.examples.length < 3 && !this.examples.includes(v)) this.examples.push(v);
    const len = v.length;
    this.totalLength += len;
    if (len > this.maxLength) this.maxLength = len;
    if (!this.distinctOverflow) {
      const size = this.distinct.size;
      this.distinct.add(len > 200 ? v.slice(0, 200) : v);
      this.counted++;
      if (this.distinct.size === size) {
        this.repeated = true;
        this.repeats++;
      }
      if (this.distinct.size > DISTINCT_CAP) {
        this.distinctOverflow = true;
        this.distinct.clear();
      }
    }
    if (v.includes('|')) this.pipes++;
    if (v.includes(' ')) this.spaced++;
    if (len <= 20 && isInt(v)) {
      this.ints++;
      if (len > 1 && v.charCodeAt(v.charCodeAt(0) === 45 ? 1 : 0) === 48 && v !== '-0') {
        this.zeroLed++;
        this.firstCode ??= v;
      }
      const digits = v.startsWith('-') ? len - 1 : len;
      if (digits === 13) {
        this.millis++;
        this.firstMillis ??= v;
      } else if (digits === 16 || digits === 19) this.micros++;
      const n = Number(v);
      if (len === 5) this.serial(v);
      if (n < this.intMin) this.intMin = n;
      if (n > this.intMax) this.intMax = n;
      return;
    }
    const c0 = v.charCodeAt(0);
    const numeric = (c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46;
    if (numeric && len <= 40 && FLOAT.test(v)) {
      this.floats++;
      if (v.charCodeAt(5) === 46) this.serial(v);
      if (/^-?\d(\.\d+)?[eE]\+\d{1,3}$/.test(v)) {
        this.scientific++;
        this.firstScientific ??= v;
      }
      const significant = v.replace(/^-|[eE].*$|\./g, '').replace(/^0+/, '').length;
      if (significant > 7) this.wide++;
      if (significant > 15) this.overPrecise++;
      if (/^-?0\d/.test(v)) this.zeroLed++;
      if (significant > 15 || /^-?0\d/.test(v)) this.firstCode ??= v;
      return;
    }
    if (numeric && len <= 40 && MARKED.test(v)) {
      const { r, comma, point } = readingsOf(v);
      if (r === R_COMMA) {
        this.decimalCommas++;
        this.firstDecimalComma ??= v;
        if (comma!.replace(/^-|\./g, '').replace(/^0+/, '').length > 7) this.wide++;
        return;
      }
      if (r === R_TWO) {
        this.twoWays++;
        this.firstTwoWays ??= v;
        return;
      }
      if (r === R_POINT || r === R_SAME) {
        this.groupedCommas++;
        if (point!.replace(/^-|\./g, '').replace(/^0+/, '').length > 7) this.wide++;
        return;
      }
    }
    const money = len <= 40 ? MONEY.exec(v) : null;
    const amount = money ? (money[2] ?? money[3]) : '';
    const reading = money ? (FLOAT.test(amount) ? R_SAME : readingsOf(amount).r) : R_NONE;
    if (reading !== R_NONE) {
      this.money++;
      this.firstMoney ??= v;
      this.moneySymbols.add(money![1] ?? money![4]);
      if (reading === R_TWO && amount.includes(',')) this.moneyCommas++;
      if (reading === R_COMMA) this.moneyDecimalCommas++;
      this.firstOther ??= v;
      return;
    }
    if (v === 'true' || v === 'false') {
      this.boolsLower++;
      return;
    }
    if (len <= 5 && /^(true|false)$/i.test(v)) {
      this.boolsOtherCase++;
      return;
    }
    if (numeric && len <= 40 && DATE.test(v)) {
      this.dates++;
      this.firstDate ??= v;
    } else if (len <= 16 && isMissingMarker(v)) {
      this.markers++;
      addSpelling(this.markerSpellings, v);
    } else {
      this.firstOther ??= v;
      const u = c0 >= 48 && c0 <= 57 ? numberWithUnit(v) : undefined;
      if (u) {
        this.withUnits++;
        this.firstWithUnit ??= v;
        if (this.unitKeys.size < 8) this.unitKeys.add(unitKey(u.unit));
        if (u.number.includes('.')) this.unitDecimals++;
      }
      if (len <= 254 && EMAIL.test(v)) this.emails++;
      else if ((c0 === 123 || c0 === 91) && len <= 65_536) {
        const o = jsonOf(v);
        if (o === undefined) return;
        this.jsons++;
        if (o && typeof o === 'object' && !Array.isArray(o)) {
          for (const k of Object.keys(o)) if (ITEM_KEYS.has(k.toLowerCase()) && (typeof o[k] === 'string' || typeof o[k] === 'number') && o[k] !== '') this.itemKeys.set(k, (this.itemKeys.get(k) ?? 0) + 1);
        }
      }
    }
  }

  get nonEmpty(): number {
    return this.values - this.empty;
  }

  /** values a typed column reads: not empty, not a missing-value marker */
  get typed(): number {
    return this.values - this.empty - this.markers;
  }

  get averageLength(): number {
    return this.nonEmpty ? this.totalLength / this.nonEmpty : 0;
  }
}

/** the keys an analytics export's event properties name the item by (Mixpanel, Segment, GA: product_id, $product_id, item_id, sku …) */
const ITEM_KEYS = new Set(['product_id', '$product_id', 'productid', 'item_id', '$item_id', 'itemid', 'sku', 'content_id', 'contentid']);

/** a JSON object or array ({…} or […]), parsed; undefined when it is not one */
function jsonOf(v: string): Record<string, unknown> | unknown[] | undefined {
  const last = v.charCodeAt(v.length - 1);
  if (last !== 125 && last !== 93) return undefined;
  try {
    return JSON.parse(v) as Record<string, unknown> | unknown[];
  } catch {
    return undefined;
  }
}

export function pct(part: number, whole: number): string {
  if (!whole) return '0 %';
  const p = (100 * part) / whole;
  return `${p >= 99.5 && part < whole ? '99' : p < 1 && part > 0 ? '<1' : Math.round(p)} %`;
}
