// A row of separators only (`,,,,`; Excel writes `;;;;` for rows that were formatted but left empty),
// or of spaces and tabs between them: it carries no data. The engine names it EMPTY_ROW, once a row,
// instead of a REQUIRED_VALUE_MISSING for each required column; it is not counted as a record. It
// stays an error: Personalize reads such a line as a record whose required values are empty (the
// developer guide says nothing of skipping it), and `fix` leaves it out of its copy (src/fix/fix.ts).
// FileChecker.line() asks only when the row's first value is empty or starts with a space: the
// common row pays one compare.
import { F_QUOTED, type Tokens } from '../csv/tokenizer.js';
import type { IssueCollector } from './issues.js';

/** true when every value of the line is unquoted and empty or spaces and tabs only */
export function noValues(b: Uint8Array, t: Tokens): boolean {
  const { starts, ends, flags } = t;
  for (let c = 0; c < t.count; c++) {
    if (flags[c] & F_QUOTED) return false;
    for (let i = starts[c]; i < ends[c]; i++) if (b[i] !== 32 && b[i] !== 9) return false;
  }
  return true;
}

/** reports line `lineNo` as a row without values */
export function emptyRow(iss: IssueCollector, lineNo: number): void {
  if (iss.note('EMPTY_ROW')) iss.add('EMPTY_ROW', `Line ${lineNo} has no values (only separators): Personalize would read it as a record with every value empty, and the import job would fail. Delete the line, or let personalize-import fix leave such rows out of its copy (nothing is lost).`, lineNo);
}
