// Quoting problems of one line: an unclosed quote, a quote inside a bare value or text after a
// closing one (the line is not checked further) — or, where that is an RFC 4180 export's \"" read
// with backslash escapes, that (QUOTE_BACKSLASH_RFC) —, a doubled quote (a warning).
import { F_BAD_QUOTE, F_DOUBLED, F_QUOTED, F_UNTERMINATED, type Tokens } from '../csv/tokenizer.js';
import type { IssueCollector } from './issues.js';
import { rfcQuotedEnd } from '../csv/rfc-quote.js';

/** Reports quoting problems; true when the line is too broken to check further. */
export function reportQuoting(iss: IssueCollector, b: Uint8Array, lineNo: number, t: Tokens, colName: (c: number) => string): boolean {
  let broken = false;
  for (let c = 0; c < t.count; c++) {
    const f = t.flags[c];
    // \"" in an RFC 4180 export (JSON's escaped quote, the file's quotes doubled): the value is whole
    // read as RFC 4180, and the fields after it are not the file's — one finding for the line
    if (f & (F_UNTERMINATED | F_BAD_QUOTE) && f & F_QUOTED && rfcQuotedEnd(b, t.starts[c] - 1, t.lineEnd, 44) >= 0) {
      if (iss.note('QUOTE_BACKSLASH_RFC')) {
        iss.add('QUOTE_BACKSLASH_RFC', `Line ${lineNo}, column ${colName(c)}: \\"" in a value whose quotes are doubled (RFC 4180, as pandas writes JSON with an escaped quote). Personalize reads \\" as an escaped quote, so the value ends early and the line is misread; read as RFC 4180 it is a backslash, then a quote. personalize-import fix writes it as Personalize reads it (\\\\ and \\").`, lineNo, colName(c));
      }
      return true;
    }
    if (f & F_UNTERMINATED) {
      broken = true;
      if (iss.note('UNTERMINATED_QUOTE')) {
        const endsWithBackslash = t.ends[c] > t.starts[c] && b[t.ends[c] - 1] === 92;
        iss.add('UNTERMINATED_QUOTE', `Line ${lineNo}, column ${colName(c)}: a quoted value is not closed before the end of the line (at import this shows up as a misleading "Length cannot be more than …" failure). Personalize reads one record a line: remove line breaks inside values (personalize-import fix joins such a value's lines) and close the quote${endsWithBackslash ? ' (a backslash before the closing quote escapes it: write \\\\ for a literal backslash)' : ''}.`, lineNo, colName(c));
      }
    } else if (f & F_BAD_QUOTE) {
      broken = true;
      if (iss.note('BAD_QUOTING')) {
        iss.add('BAD_QUOTING', f & F_QUOTED
          ? `Line ${lineNo}, column ${colName(c)}: text follows the closing quote. Wrap the whole value in quotes and escape inner quotes as \\".`
          : `Line ${lineNo}, column ${colName(c)}: a double quote inside an unquoted value. Wrap the value in quotes and escape the inner quote as \\".`, lineNo, colName(c));
      }
    } else if (f & F_DOUBLED) {
      if (iss.note('QUOTE_DOUBLED')) {
        iss.add('QUOTE_DOUBLED', `Line ${lineNo}, column ${colName(c)}: a doubled quote ("") inside a quoted value. Personalize escapes quotes with a backslash and may read this value differently: write \\" instead.`, lineNo, colName(c));
      }
    }
  }
  return broken;
}
