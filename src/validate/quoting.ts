// Quoting problems of one line: an unclosed quote, a quote inside a bare value or text after a
// closing one (the line is not checked further), a doubled quote (a warning).
import { F_BAD_QUOTE, F_DOUBLED, F_QUOTED, F_UNTERMINATED, type Tokens } from '../csv/tokenizer.js';
import type { IssueCollector } from './issues.js';

/** Reports quoting problems; true when the line is too broken to check further. */
export function reportQuoting(iss: IssueCollector, b: Uint8Array, lineNo: number, t: Tokens, colName: (c: number) => string): boolean {
  let broken = false;
  for (let c = 0; c < t.count; c++) {
    const f = t.flags[c];
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
