// A record line split at its separator into the ranges of its values' content (quotes removed, flags
// saying how each was quoted): the fixer's row fixer (rows.ts) and its look for decimal commas
// (decimal-proof.ts). Files separated by ; tab or | are read as RFC 4180 (`rfc`: a backslash is a
// plain character); comma files as the validator reads them (backslash escapes, "" accepted).
import { F_ESC, F_QUOTED } from './bytes.js';
import { F_BAD_QUOTE as F_BAREQUOTE, F_DOUBLED } from '../csv/tokenizer.js';
import { columnShown } from './values.js';
import { rfcQuotedEnd } from '../csv/rfc-quote.js';

const QUOTE = 34;
const BACKSLASH = 92;

export class LineValues {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Int32Array(64);
  /** why the last split returned -1 */
  broken = '';

  /** `inNames`: the input's column names (the reasons name them); `columns`: room for that many values at first */
  constructor(readonly sep: number, readonly rfc: boolean, private readonly inNames: string[] = [], columns = 64) {
    if (columns > 64) this.grow(columns);
  }

  /** room for n values (those there kept) */
  private grow(n: number): void {
    const g = (a: Int32Array) => {
      const x = new Int32Array(n);
      x.set(a.subarray(0, Math.min(n, a.length)));
      return x;
    };
    this.starts = g(this.starts);
    this.ends = g(this.ends);
    this.flags = g(this.flags);
  }

  /** splits the line at the separator into content ranges; -1 (reason in `broken`) for broken quoting */
  split(b: Uint8Array, s: number, e: number): number {
    const sep = this.sep;
    let n = 0;
    let i = s;
    for (;;) {
      if (n === this.starts.length) this.grow(n * 2);
      if (i < e && b[i] === QUOTE) {
        let f = F_QUOTED;
        let j = i + 1;
        for (;;) {
          if (j >= e) {
            const k = this.rfc ? -1 : rfcQuotedEnd(b, i, e, sep);
            if (k >= 0) {
              [f, j] = [F_QUOTED | F_DOUBLED, k];
              break;
            }
            this.broken = `${columnShown(this.inNames, n)}: a quote is opened and not closed on this line`;
            return -1;
          }
          const c = b[j];
          if (c === BACKSLASH && !this.rfc) {
            f |= F_ESC;
            j += 2;
          } else if (c === QUOTE) {
            if (j + 1 < e && b[j + 1] === QUOTE) {
              f |= F_DOUBLED;
              j += 2;
            } else break;
          } else j++;
        }
        if (j + 1 < e && b[j + 1] !== sep) {
          const k = this.rfc ? -1 : rfcQuotedEnd(b, i, e, sep);
          if (k < 0) {
            this.broken = `${columnShown(this.inNames, n)}: text after the closing quote`;
            return -1;
          }
          [f, j] = [F_QUOTED | F_DOUBLED, k];
        }
        this.starts[n] = i + 1;
        this.ends[n] = j;
        this.flags[n++] = f;
        i = j + 1;
      } else {
        let j = i;
        let f = 0;
        while (j < e && b[j] !== sep) {
          if (b[j] === QUOTE) f = F_BAREQUOTE;
          j++;
        }
        this.starts[n] = i;
        this.ends[n] = j;
        this.flags[n++] = f;
        i = j;
      }
      if (i >= e) return n;
      i++; // the separator
      if (i === e) {
        // a separator at the very end: one more, empty value
        this.starts[n] = e;
        this.ends[n] = e;
        this.flags[n++] = 0;
        return n;
      }
    }
  }
}
