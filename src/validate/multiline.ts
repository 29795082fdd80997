// A quoted value left open at the end of a line (UNTERMINATED_QUOTE, reported at the record's first
// line) reads on across lines, as Personalize and every RFC 4180 reader read it: the lines up to its
// closing quote are that record's, not records of their own. They are not counted in `rows` (the
// count Personalize's 1,000-interactions minimum is about) and not checked as records, so a
// continuation is never blamed on the columns of a record it is not (`Line two, with comma"` is no
// Contact ID). The fields after the closing quote are the record's next columns: a quoting problem
// there names the line it is on and its column. A line that is a whole well-quoted record (the
// header's column count, no stray or open quote) ends the open value instead: a stray quote must not swallow the file.
// Only the checker's line() sees these lines: the fast lane is held off while a value is open
// (checker.fastLines), so both lanes count and report them alike.
import { F_BAD_QUOTE, F_DOUBLED, F_QUOTED, F_UNTERMINATED, Tokens, tokenize } from '../csv/tokenizer.js';
import type { IssueCollector } from './issues.js';
import { rfcQuotedEnd } from '../csv/rfc-quote.js';
import { reportQuoting } from './quoting.js';

export { reportQuoting };

export interface OpenValue {
  /** the column of the value open at the end of the last line (-1: none) */
  openCol: number;
  iss: IssueCollector;
}

const rest = new Tokens(16);

/** After reportQuoting: the column whose quoted value is still open at the end of the line (-1: none). */
export function openAtEnd(b: Uint8Array, t: Tokens): number {
  const c = t.count - 1;
  if (c < 0 || !(t.flags[c] & F_UNTERMINATED) || !(t.flags[c] & F_QUOTED)) return -1;
  // \"" read as RFC 4180 closes on this line (QUOTE_BACKSLASH_RFC): not open
  return rfcQuotedEnd(b, t.starts[c] - 1, t.lineEnd, 44) >= 0 ? -1 : c;
}

/**
 * A line read while a value is open: true when it belongs to the open record (it is consumed here,
 * `ck.openCol` says whether the value is still open after it); false when it is a record of its own.
 */
export function continueValue(ck: OpenValue, b: Uint8Array, lineNo: number, t: Tokens, ncol: number, colName: (c: number) => string): boolean {
  if (t.count === ncol && !(t.allFlags & (F_BAD_QUOTE | F_UNTERMINATED))) {
    ck.openCol = -1;
    return false;
  }
  const open = ck.openCol;
  const lineStart = t.starts[0] - (t.flags[0] & F_QUOTED);
  const end = t.lineEnd;
  let i = lineStart;
  for (; i < end; i++) {
    const c = b[i];
    if (c === 92) i++;
    else if (c === 34) {
      if (i + 1 < end && b[i + 1] === 34) i++;
      else break;
    }
  }
  if (i >= end) return true; // still open: the whole line is the value's
  ck.openCol = -1;
  const after = i + 1;
  if (after >= end) return true; // closed at the end of the line: the record is whole
  if (b[after] !== 44) {
    if (ck.iss.note('BAD_QUOTING')) ck.iss.add('BAD_QUOTING', `Line ${lineNo}, column ${colName(open)}: text follows the closing quote. Wrap the whole value in quotes and escape inner quotes as \\".`, lineNo, colName(open));
    return true;
  }
  // the record's next columns: quoting problems name this line and their own column
  if (tokenize(b, after + 1, b.length, rest) < 0) return true;
  const at = (c: number) => colName(open + 1 + c);
  if (rest.allFlags & (F_UNTERMINATED | F_BAD_QUOTE | F_DOUBLED)) reportQuoting(ck.iss, b, lineNo, rest, at);
  const again = openAtEnd(b, rest);
  if (again >= 0) ck.openCol = open + 1 + again;
  return true;
}
