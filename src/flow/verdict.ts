// What a file with errors would do at the service, said truthfully: most errors fail the import
// job, but some the service accepts and imports ACTIVE with wrong data (samples/README.md: epoch
// milliseconds become dates in the year 58,000). Core module: the faces print the line.
import { issueTotal, type Issue, type IssueCode } from '../validate/issues.js';
import { withCommas } from '../core/with-commas.js';

/** errors the service does not catch: the job ends ACTIVE, the data is wrong */
const IMPORTED_WRONG: ReadonlySet<IssueCode> = new Set<IssueCode>(['TIMESTAMP_MILLISECONDS']);

export function errorVerdict(errors: readonly Issue[], total: number): string {
  const n = `${withCommas(total)} error${total > 1 ? 's' : ''}`;
  if (errors.length && errors.every((e) => IMPORTED_WRONG.has(e.code))) {
    return `${n}: the service would import this file (ACTIVE) with wrong dates — timestamps thousands of years ahead. Fix it first.`;
  }
  return `${n}: this file would fail the import.`;
}

/**
 * Plain mode's line under a failed validation, before the question that offers what to do (fix and
 * continue, another file, quit): what the file would do as it is, and that nothing happened yet —
 * "Validation failed: nothing was uploaded …" read as the run's end, right before the fix was offered.
 * `source` is shown as it is: the caller escapes it.
 */
export function failedFileLines(source: string, errors: readonly Issue[], total: number): [string, string] {
  const n = `${withCommas(total)} error${total === 1 ? '' : 's'}`;
  const what = errors.length && errors.every((e) => IMPORTED_WRONG.has(e.code)) ? 'would import with wrong dates' : 'would fail its import';
  return [`✖ ${source} ${what} as it is (${n}).`, '  Nothing was uploaded yet: you choose what to do next.'];
}

/**
 * The answered-step line for validation: "1,200 rows, no errors, 2 warnings accepted" — and for a
 * file going in record by record despite errors that stop only a bulk job, those errors named, not
 * "no errors" right after "✖ 1 error" (#16 item 13).
 */
export function validatedText(r: { rows: number; errors: readonly Issue[]; warnings: readonly Issue[]; stats?: { issueCounts?: Record<string, number> } }): string {
  const w = issueTotal(r.warnings, r.stats?.issueCounts);
  const warned = w ? `, ${withCommas(w)} warning${w > 1 ? 's' : ''} accepted` : '';
  if (!r.errors.length) return `${withCommas(r.rows)} rows, no errors${warned}`;
  const e = issueTotal(r.errors, r.stats?.issueCounts);
  return `${withCommas(r.rows)} rows, ${e} error${e > 1 ? 's' : ''} that stop${e > 1 ? '' : 's'} a bulk job only${warned}`;
}
