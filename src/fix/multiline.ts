// Records whose quoted value holds line breaks (a shop's items export: a description over several
// lines). Personalize reads one record a line, so such a record is joined into one line — each line
// break inside the value (LF or CR LF) written as one space — when the quote closes within a bound
// (64 KiB, 100 lines) and the joined record has the header's column count. Otherwise its first line
// is rejected as before and the next lines are read as records again (fix.ts).
import { text } from './bytes.js';
import { shown } from './values.js';

const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;
const CR = 13;
export const JOIN_MAX_BYTES = 64 << 10;
export const JOIN_MAX_LINES = 100;

/** what span() found */
export const NEED_MORE = -2;
export const NO_JOIN = -1;

/**
 * The record starting at b[s] (a record start) read across line ends inside quoted values, as the
 * row fixer reads values (a quote opens a value only at its start; `rfc`: doubled quotes only, else
 * a backslash escapes the next byte too). Returns the index of the LF that ends the record (or
 * `limit` when `final` and the data ends there), NO_JOIN when the first line's quotes close on it or
 * the record is over the bounds or does not end before `limit` (final), NEED_MORE when more data
 * could decide. `breaks` gets the quoted values holding a line break, and the first one's column.
 */
export function span(b: Uint8Array, s: number, limit: number, sep: number, rfc: boolean, final: boolean, breaks: { values: number; column: number; vs: number; ve: number }): number {
  let i = s;
  let col = 0;
  let lines = 1;
  breaks.values = 0;
  breaks.column = -1;
  const max = Math.min(limit, s + JOIN_MAX_BYTES);
  for (;;) {
    // a value: quoted (to its closing quote), then up to the separator or the line end
    if (i < max && b[i] === QUOTE) {
      const qs = i;
      let broke = false;
      for (i++; ; ) {
        if (i >= max) return max === limit && !final ? NEED_MORE : NO_JOIN;
        const c = b[i];
        if (c === LF) {
          if (!broke) {
            broke = true;
            breaks.values++;
            if (breaks.column < 0) breaks.column = col;
          }
          if (++lines > JOIN_MAX_LINES) return NO_JOIN;
          i++;
        } else if (c === BACKSLASH && !rfc && i + 1 < max && b[i + 1] !== LF && b[i + 1] !== CR) i += 2;
        else if (c === QUOTE) {
          if (i + 1 < max && b[i + 1] === QUOTE) i += 2;
          else if (i + 1 >= max && max === limit && !final) return NEED_MORE;
          else {
            i++;
            if (broke && breaks.values === 1) [breaks.vs, breaks.ve] = [qs, i];
            break;
          }
        } else i++;
      }
    }
    while (i < max && b[i] !== sep && b[i] !== LF) i++;
    if (i >= max) {
      if (max === limit && !final) return NEED_MORE;
      return max === limit && lines > 1 ? limit : NO_JOIN;
    }
    if (b[i] === LF) return lines > 1 ? i : NO_JOIN;
    i++;
    col++;
  }
}

/** true when the line b[s..e) (no line end), read from its start, leaves a quoted value open */
export function leavesOpen(b: Uint8Array, s: number, e: number, sep: number, rfc: boolean): boolean {
  let i = s;
  for (;;) {
    if (i < e && b[i] === QUOTE) {
      for (i++; ; ) {
        if (i >= e) return true;
        const c = b[i];
        if (c === BACKSLASH && !rfc) i += 2;
        else if (c === QUOTE) {
          if (i + 1 < e && b[i + 1] === QUOTE) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
    }
    while (i < e && b[i] !== sep) i++;
    if (i >= e) return false;
    i++;
  }
}

/** the record b[s..e) (its line end excluded) with each LF or CR LF in it written as one space */
export function joined(b: Uint8Array, s: number, e: number): Buffer {
  const out = Buffer.allocUnsafe(e - s);
  let p = 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === CR && i + 1 < e && b[i + 1] === LF) continue;
    out[p++] = c === LF ? 32 : c;
  }
  return out.subarray(0, p);
}

/** the joins of one pass, for the summary */
export class Joins {
  records = 0;
  values = 0;
  example: { line: number; lines: number; column: string; before: string; after: string } | undefined;
  /** span()'s values with a line break, and the first one's column */
  readonly found = { values: 0, column: 0, vs: 0, ve: 0 };

  /** the lines b[s..lf] spans */
  lines(b: Uint8Array, s: number, lf: number): number {
    let n = 1;
    for (let k = s; k < lf; k++) if (b[k] === LF) n++;
    return n;
  }

  /** a joined record written: its first line, the lines it spans, the column of its first value with a line break; b is span()'s */
  note(line: number, lines: number, column: string, b: Uint8Array): void {
    this.records++;
    const { values, vs, ve } = this.found;
    this.values += values;
    if (!this.example) this.example = { line, lines, column, before: shown(text(b, vs, ve), 80), after: shown(joined(b, vs, ve).toString('utf8'), 80) };
  }

  /** the summary's entry (fix.ts ChangeCount) */
  change() {
    if (!this.records) return undefined;
    return { kind: 'multiline', label: 'line breaks inside quoted values joined (each written as a space)', rows: this.records, values: this.values, example: this.example };
  }
}
