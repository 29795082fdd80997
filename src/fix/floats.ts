// The values of a float column the fixer rewrites rather than copies (rows.ts calls it for any value
// that is not a plain number as it is): in a file separated by ";" (the separator of locales whose
// decimal mark is a comma) a decimal comma → a point (16,63 → 16.63; values.ts semicolonFloat), and
// an amount with a currency symbol → the number alone ($61.75 → 61.75, 61,75 € → 61.75 in a ;-file).
// Nothing is guessed: 1.234 in a ;-file (thousands or decimals?), a symbol other than the one the
// column's first amount had ($ then €: not one unit), anything else that is not a number — rejected.
import { isFloat } from '../validate/values.js';
import { decimalComma, semicolonFloat } from './values.js';

/** fix() results below 0: why the value is rejected */
export const NOT_A_NUMBER = -1;
export const TWO_WAYS = -2;
export const OTHER_CURRENCY = -3;

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

export class FloatFixer {
  /** the change the last value written was: 'decimal-comma' or 'currency' */
  kind: 'decimal-comma' | 'currency' = 'decimal-comma';
  /** per output column, the symbol of its first amount (0: none yet) */
  private readonly symbols: Uint8Array;

  constructor(columns: number, private readonly semicolon: boolean) {
    this.symbols = new Uint8Array(columns);
  }

  /**
   * Column k's value b[s..e): p when it is a number to keep as it is; the end of what was written at
   * o[p…] (the number without its decimal comma or currency symbol); or a code below 0 (the reason:
   * reason()). `escaped`: the value held escapes or doubled quotes (never a number).
   */
  fix(k: number, b: Uint8Array, s: number, e: number, escaped: boolean, o: Uint8Array, p: number): number {
    if (escaped) return NOT_A_NUMBER;
    const q = this.semicolon ? semicolonFloat(b, s, e, o, p) : isFloat(b, s, e) ? p : NOT_A_NUMBER;
    if (q !== NOT_A_NUMBER) {
      this.kind = 'decimal-comma';
      return q;
    }
    // an amount: a symbol before the number or after it, a space between or not
    let ns = s;
    let ne = e;
    let x = symbolAt(b, s, e);
    if (x.sym) {
      ns += x.len;
      if (ns < ne && b[ns] === 32) ns++;
    } else {
      x = symbolBefore(b, s, e);
      if (!x.sym) return NOT_A_NUMBER;
      ne -= x.len;
      if (ne > ns && b[ne - 1] === 32) ne--;
    }
    if (ns >= ne) return NOT_A_NUMBER;
    let w: number;
    if (isFloat(b, ns, ne)) {
      w = this.semicolon ? semicolonFloat(b, ns, ne, o, p) : p;
      if (w < 0) return w;
      if (w === p) {
        o.set(b.subarray(ns, ne), p);
        w = p + ne - ns;
      }
    } else {
      w = this.semicolon ? decimalComma(b, ns, ne, o, p) : NOT_A_NUMBER;
      if (w < 0) return NOT_A_NUMBER;
    }
    const first = this.symbols[k];
    if (first === 0) this.symbols[k] = x.sym;
    else if (first !== x.sym) return OTHER_CURRENCY;
    this.kind = 'currency';
    return w;
  }

  /** why fix() rejected column k's value (its code) */
  reason(k: number, code: number): string {
    if (code === TWO_WAYS) return 'reads two ways in a ;-separated file (a point grouping thousands, or a decimal point?)';
    if (code === OTHER_CURRENCY) return `is in another currency than the column's first amount (${SYMBOLS[this.symbols[k] - 1]})`;
    return 'is not a number such as 4.5';
  }
}

/** a value a float column's fixer takes (rewritten or as it is): isFixable's test of a reported value */
export function fixableFloat(b: Uint8Array, semicolon = false): boolean {
  return new FloatFixer(1, semicolon).fix(0, b, 0, b.length, false, new Uint8Array(b.length + 8), 0) >= 0;
}
