// What a file with errors would do at the service, said truthfully: most errors fail the import
// job, but some the service accepts and imports ACTIVE with wrong data (samples/README.md: epoch
// milliseconds become dates in the year 58,000). Core module: the faces print the line.
import type { Issue, IssueCode } from '../validate/issues.js';

/** errors the service does not catch: the job ends ACTIVE, the data is wrong */
const IMPORTED_WRONG: ReadonlySet<IssueCode> = new Set<IssueCode>(['TIMESTAMP_MILLISECONDS']);

export function errorVerdict(errors: readonly Issue[], total: number): string {
  const n = `${total.toLocaleString('en-US')} error${total > 1 ? 's' : ''}`;
  if (errors.length && errors.every((e) => IMPORTED_WRONG.has(e.code))) {
    return `${n}: the service would import this file (ACTIVE) with wrong dates — timestamps thousands of years ahead. Fix it first.`;
  }
  return `${n}: this file would fail the import.`;
}
