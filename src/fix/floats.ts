// The values of a number column the fixer rewrites rather than copies (rows.ts calls it for any value
// that is not a plain number as it is): a number written with a decimal comma → a point (16,63 →
// 16.63, 1.234,56 → 1234.56, 1 234,50 → 1234.50), thousands separators removed (1,234.50 → 1234.50),
// an amount with a currency symbol → the number alone ($61.75 → 61.75, 61,75 € → 61.75), and a
// number with a unit → the number alone (34 years → 34, 1.5 kg → 1.5) where the column's numbers
// share the unit (years and year are one; a value in another unit is rejected, never converted). One
// reader for all (src/validate/decimal-comma.ts). A value that reads two ways is read by its column's
// decimal mark: `marks` (per output column) — a comma for every column of a file separated by ";"
// (the separator of locales whose decimal mark is a comma), in other files for a column whose values
// prove it (decimal-proof.ts: 12,50 cannot group thousands), or the one --decimal names. Nothing is
// guessed: 1,234 in a column nothing proves, 1.234 where the comma is the mark (thousands or a
// decimal point?), a symbol other than the one of the column's first amount, a unit other than the
// one of the column's first number with a unit — rejected.
import { isFloat } from '../validate/values.js';
import { MARK_COMMA, MARK_POINT, R_COMMA, R_NONE, R_POINT, R_SAME, R_TWO, markReadings, numberWithUnit, readMarked, unitKey } from '../validate/decimal-comma.js';
import { isInteger } from './values.js';

/** fix() results below 0: why the value is rejected */
export const NOT_A_NUMBER = -1;
export const TWO_WAYS = -2;
export const OTHER_CURRENCY = -3;
/** 1,234 where no decimal mark is known */
export const TWO_WAYS_COMMA = -4;
/** (whole()) a number, but not a whole one */
export const NOT_WHOLE = -5;
/** a number with a unit other than the column's first one */
export const OTHER_UNIT = -6;

const SYMBOLS = ['$', '€', '£', '¥'];

/** the currency symbol at b[s..e) (0 none, else 1 + its index in SYMBOLS) and its byte length */
function symbolAt(b: Uint8Array, s: number, e: number): { sym: number; len: number } {
  if (s >= e) return { sym: 0, len: 0 };
  if (b[s] === 0x24) return { sym: 1, len: 1 };
  if (s + 2 < e && b[s] === 0xe2 && b[s + 1] === 0x82 && b[s + 2] === 0xac) return { sym: 2, len: 3 };
  if (s + 1 < e && b[s] === 0xc2 && (b[s + 1] === 0xa3 || b[s + 1] === 0xa5)) return { sym: b[s + 1] === 0xa3 ? 3 : 4, len: 2 };
  return { sym: 0, len: 0 };
}

/** the symbol ending at e (see symbolAt) */
function symbolBefore(b: Uint8Array, s: number, e: number): { sym: number; len: number } {
  for (const len of [1, 2, 3]) {
    if (e - len < s) break;
    const x = symbolAt(b, e - len, e);
    if (x.sym && x.len === len) return x;
  }
  return { sym: 0, len: 0 };
}

const hasComma = (b: Uint8Array, s: number, e: number) => b.subarray(s, e).includes(MARK_COMMA);
const latin = (b: Uint8Array, s: number, e: number) => Buffer.from(b.subarray(s, e)).toString('utf8');

export interface FloatOptions {
  /** the file is separated by ";" */
  semicolon?: boolean;
  /** the marks were given (--decimal): they also read 1.234 (the ;-file's two ways) */
  given?: boolean;
  /** per output column, its first currency symbol and unit, as the file's first rows gave them (NumberFirsts) */
  firsts?: NumberFirsts;
}

/**
 * Per output column, the currency symbol of its first amount (0: none) and the unit of its first
 * number with a unit (null: none): the file's, in its order. A second thread's part sees its own
 * first ones; where they differ from the first part's, the file is fixed again with these given
 * (file.ts), so that two threads set aside what one would.
 */
export interface NumberFirsts {
  symbols: number[];
  units: ({ written: string; key: string } | null)[];
}

/** the file's firsts from its two parts' (a's, where a has one), and whether b's differ from a's anywhere both have one */
export function joinFirsts(a: NumberFirsts | undefined, b: NumberFirsts | undefined): { firsts?: NumberFirsts; differ: boolean } {
  if (!a || !b) return { firsts: a ?? b, differ: false };
  let differ = false;
  const symbols = a.symbols.map((x, k) => {
    if (x && b.symbols[k] && x !== b.symbols[k]) differ = true;
    return x || b.symbols[k] || 0;
  });
  const units = a.units.map((x, k) => {
    const y = b.units[k];
    if (x && y && x.key !== y.key) differ = true;
    return x ?? y ?? null;
  });
  return { firsts: { symbols, units }, differ };
}

export class FloatFixer {
  /** the change the last value written was */
  kind: 'decimal-comma' | 'thousands' | 'currency' | 'unit' = 'decimal-comma';
  /** per output column, the symbol of its first amount (0: none yet) */
  private readonly symbols: Uint8Array;
  /** per output column, the unit of its first number with one, as written and as a key */
  private readonly units: ({ written: string; key: string } | undefined)[] = [];

  /** the symbols and units taken first, per column (NumberFirsts) */
  get firsts(): NumberFirsts {
    return { symbols: Array.from(this.symbols), units: Array.from({ length: this.symbols.length }, (_, k) => this.units[k] ?? null) };
  }
  /** the two readings of the last value rejected as TWO_WAYS(_COMMA), and the last NOT_WHOLE's number */
  private two: [string, string] = ['', ''];
  private read = '';
  /** numbers rejected as TWO_WAYS_COMMA: read two ways, no decimal mark known */
  unknownMark = 0;

  /** `marks`: per output column, its decimal mark (MARK_COMMA, MARK_POINT) or 0 (none known) */
  constructor(private readonly marks: Uint8Array, private readonly opts: FloatOptions = {}) {
    this.symbols = new Uint8Array(marks.length);
    const seed = opts.firsts;
    if (seed) {
      seed.symbols.forEach((x, k) => k < marks.length && (this.symbols[k] = x));
      seed.units.forEach((u, k) => u && (this.units[k] = u));
    }
  }

  /**
   * Column k's number b[s..e) (no symbol): p when it is a number to keep as it is; the end of what
   * was written at o[p…]; or a code below 0.
   */
  number(k: number, b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number {
    const plain = isFloat(b, s, e);
    const r = markReadings(b, s, e);
    let mark = 0;
    if (r === R_NONE) return plain ? p : NOT_A_NUMBER;
    if (r === R_COMMA) mark = MARK_COMMA;
    else if (r === R_SAME || r === R_POINT) {
      if (plain) return p;
      mark = MARK_POINT;
    } else if (r === R_TWO) {
      const m = this.marks[k];
      const comma = hasComma(b, s, e);
      // 1.234 in a file whose decimal mark is a point: as it is; where the comma is the mark, only --decimal says
      if (!comma && (m === MARK_POINT || (m === 0 && !this.opts.semicolon))) return plain ? p : readMarked(b, s, e, MARK_POINT, o, p);
      if (m === 0 || (!comma && !this.opts.given)) {
        const a = new Uint8Array(e - s + 2);
        const c = Buffer.from(a.subarray(0, readMarked(b, s, e, MARK_COMMA, a, 0))).toString('latin1');
        const d = Buffer.from(a.subarray(0, readMarked(b, s, e, MARK_POINT, a, 0))).toString('latin1');
        this.two = [c, d];
        if (m === 0) this.unknownMark++;
        return comma ? TWO_WAYS_COMMA : TWO_WAYS;
      }
      mark = m;
    }
    this.kind = mark === MARK_COMMA && hasComma(b, s, e) ? 'decimal-comma' : 'thousands';
    return readMarked(b, s, e, mark, o, p);
  }

  /**
   * Column k's value b[s..e) of a float column: p when it is a number to keep as it is; the end of
   * what was written at o[p…] (the number with a point, without grouping or currency symbol); or a
   * code below 0 (the reason: reason()). `escaped`: the value held escapes or doubled quotes (never a number).
   */
  fix(k: number, b: Uint8Array, s: number, e: number, escaped: boolean, o: Uint8Array, p: number): number {
    if (escaped) return NOT_A_NUMBER;
    const q = this.number(k, b, s, e, o, p);
    if (q !== NOT_A_NUMBER) return q;
    // an amount: a symbol before the number or after it, a space between or not
    let ns = s;
    let ne = e;
    let x = symbolAt(b, s, e);
    if (x.sym) {
      ns += x.len;
      if (ns < ne && b[ns] === 32) ns++;
    } else {
      x = symbolBefore(b, s, e);
      if (!x.sym) return this.unit(k, b, s, e, o, p);
      ne -= x.len;
      if (ne > ns && b[ne - 1] === 32) ne--;
    }
    if (ns >= ne) return NOT_A_NUMBER;
    let w = this.number(k, b, ns, ne, o, p);
    if (w < 0) return w;
    if (w === p) {
      o.set(b.subarray(ns, ne), p);
      w = p + ne - ns;
    }
    const first = this.symbols[k];
    if (first === 0) this.symbols[k] = x.sym;
    else if (first !== x.sym) return OTHER_CURRENCY;
    this.kind = 'currency';
    return w;
  }

  /**
   * Column k's value b[s..e) of an int or long column that is not a whole number as it is: one
   * written with a decimal comma or thousands separators whose fraction is zeros (1.234,00 · 12,00 ·
   * 1 234) → the whole number at o[p…], its end returned; else a code below 0.
   */
  whole(k: number, b: Uint8Array, s: number, e: number, int32: boolean, o: Uint8Array, p: number): number {
    let q = this.number(k, b, s, e, o, p);
    if (q === NOT_A_NUMBER) q = this.unit(k, b, s, e, o, p);
    if (q === p || q === NOT_A_NUMBER) return NOT_A_NUMBER;
    if (q < 0) return q;
    let end = q;
    const dot = o.subarray(p, q).indexOf(MARK_POINT);
    if (dot >= 0) {
      for (let j = p + dot + 1; j < q; j++) if (o[j] !== 48) return ((this.read = latin(o, p, q)), NOT_WHOLE);
      end = p + dot;
    }
    if (!isInteger(o, p, end, int32)) return ((this.read = latin(o, p, q)), NOT_WHOLE);
    return end;
  }

  /**
   * Column k's value b[s..e) as a number with a unit (34 years, 1.5 kg: decimal-comma.ts's
   * numberWithUnit): the number written at o[p…], its end returned; NOT_A_NUMBER when it is not one,
   * OTHER_UNIT when the column's first number with a unit had another.
   */
  private unit(k: number, b: Uint8Array, s: number, e: number, o: Uint8Array, p: number): number {
    if (e - s > 40) return NOT_A_NUMBER;
    const m = numberWithUnit(latin(b, s, e));
    if (!m) return NOT_A_NUMBER;
    const key = unitKey(m.unit);
    const first = (this.units[k] ??= { written: m.unit, key });
    if (first.key !== key) return OTHER_UNIT;
    for (let j = 0; j < m.number.length; j++) o[p + j] = m.number.charCodeAt(j);
    this.kind = 'unit';
    return p + m.number.length;
  }

  /** why fix() or whole() rejected column k's value (its code) */
  reason(k: number, code: number, int32 = false): string {
    const [c, d] = this.two;
    const flag = 'pass --decimal comma or --decimal point, or write it';
    if (code === TWO_WAYS) return `could be ${c} (a point grouping thousands${this.opts.semicolon ? ', as a ;-separated file writes them' : ': the column has decimal commas'}) or ${d} (a decimal point): ${flag} as ${c} or ${d}`;
    if (code === TWO_WAYS_COMMA) return `could be ${c} (a decimal comma) or ${d} (a comma grouping thousands), and no value of the column says which: ${flag} as ${c} or ${d}`;
    if (code === OTHER_CURRENCY) return `is in another currency than the column's first amount (${SYMBOLS[this.symbols[k] - 1]})`;
    if (code === OTHER_UNIT) return `is in another unit than the column's first number with a unit (${this.units[k]?.written}): write the column's numbers in one unit`;
    if (code === NOT_WHOLE) return `is ${this.read}, not a whole number${int32 ? ' (int)' : ''}`;
    return 'is not a number such as 4.5';
  }
}

/** the decimal marks of a file's columns (`columns` of them): --decimal's for all, else a comma for all in a ;-file, else those `proof` gives (decimal-proof.ts) */
export function columnMarks(columns: number, semicolon: boolean, decimal?: 'comma' | 'point', proof?: ArrayLike<number>): Uint8Array {
  const m = new Uint8Array(columns);
  for (let k = 0; k < columns; k++) m[k] = decimal ? (decimal === 'comma' ? MARK_COMMA : MARK_POINT) : semicolon ? MARK_COMMA : proof?.[k] ? MARK_COMMA : 0;
  return m;
}

/** a value a float column's fixer takes (rewritten or as it is): isFixable's test of a reported value; `mark`: the column's decimal mark, when known */
export function fixableFloat(b: Uint8Array, semicolon = false, mark = 0, given = false): boolean {
  return new FloatFixer(Uint8Array.of(semicolon && !mark ? MARK_COMMA : mark), { semicolon, given }).fix(0, b, 0, b.length, false, new Uint8Array(b.length + 8), 0) >= 0;
}

/** a value an int or long column's fixer takes (isFixable): a whole number, or one written with a decimal comma or grouping (1.234,00) */
export function fixableWhole(b: Uint8Array, int32: boolean, mark = 0, given = false): boolean {
  return isInteger(b, 0, b.length, int32) || new FloatFixer(Uint8Array.of(mark), { given }).whole(0, b, 0, b.length, int32, new Uint8Array(b.length + 8), 0) >= 0;
}
