// The two findings that depend on the import mode (FULL or INCREMENTAL), as one place for the
// engine and for re-judging a finished report when the user picks the other mode: the file need
// not be read again, the report's stats hold what they depend on.
import type { ImportMode } from '../core/resources.js';
import { sizeLimitMessage } from '../core/size-limit.js';
import type { Issue, IssueCode } from './issues.js';
import type { ValidationReport } from './types.js';

const FULL_LIMIT = 100 * 1024 ** 3;
const INCREMENTAL_LIMIT = 1024 ** 3;

type Finding = Pick<Issue, 'code' | 'severity' | 'message' | 'column'>;

/** SIZE_LIMIT for `bytes` of data imported with `mode`, or null when within the limit */
export function sizeLimitFinding(bytes: number, mode: ImportMode): Finding | null {
  if (bytes <= (mode === 'FULL' ? FULL_LIMIT : INCREMENTAL_LIMIT)) return null;
  return {
    code: 'SIZE_LIMIT',
    severity: 'error',
    // exact bytes, 1 GB = 2³⁰ (src/core/size-limit.ts): "1.0 GB is over 1 GB" never printed
    message: `${sizeLimitMessage(bytes, mode)} Split it into several jobs${mode === 'INCREMENTAL' ? ' or import it with FULL' : ''}.`,
  };
}

/**
 * TOO_FEW_ACTIVE_USERS (interactions with users): an error for FULL, a warning for INCREMENTAL. With
 * `lowerBound` (the users table overflowed, so `active` counts only the users it holds) a count
 * under 25 proves nothing: a warning that the minimum could not be established, for either mode.
 */
export function activeUsersFinding(active: number, mode: ImportMode, lowerBound = false): Finding | null {
  if (active >= 25) return null;
  if (lowerBound) {
    return { code: 'TOO_FEW_ACTIVE_USERS', severity: 'warning', column: 'USER_ID', message: `Whether at least 25 users have 2 or more interactions could not be established: the file has more distinct users than the users table holds, and ${active} of the users it holds have 2 or more. Training needs at least 25; a file with this many users almost surely has them.` };
  }
  return mode === 'FULL'
    ? { code: 'TOO_FEW_ACTIVE_USERS', severity: 'error', column: 'USER_ID', message: `Only ${active} users have 2 or more interactions; training needs at least 25. Add interactions for more users.` }
    : { code: 'TOO_FEW_ACTIVE_USERS', severity: 'warning', column: 'USER_ID', message: `Only ${active} users in this file have 2 or more interactions. Training needs at least 25 in the whole dataset: fine if earlier imports have them.` };
}

const MODE_CODES: IssueCode[] = ['SIZE_LIMIT', 'TOO_FEW_ACTIVE_USERS'];

/**
 * The report as it would be had the file been validated for `mode`: SIZE_LIMIT and
 * TOO_FEW_ACTIVE_USERS judged again from its stats, `valid` and the counts updated.
 */
export function judgeForMode(report: ValidationReport, mode: ImportMode): ValidationReport {
  if (report.mode === mode) return report;
  const keep = (i: Issue) => !MODE_CODES.includes(i.code);
  const errors = report.errors.filter(keep);
  const warnings = report.warnings.filter(keep);
  const issueCounts = { ...report.stats.issueCounts };
  for (const c of MODE_CODES) delete issueCounts[c];
  const found = [sizeLimitFinding(report.stats.bytes, mode)];
  const active = report.stats.usersWithAtLeast2Interactions;
  if (report.datasetType === 'INTERACTIONS' && report.stats.uniqueUsers !== undefined && active !== undefined && report.rows > 0) found.push(activeUsersFinding(active, mode, report.stats.activeUsersLowerBound));
  for (const f of found) {
    if (!f) continue;
    const issue: Issue = { code: f.code, severity: f.severity, message: f.message };
    if (f.column) issue.column = f.column;
    (f.severity === 'error' ? errors : warnings).push(issue);
    issueCounts[f.code] = 1;
  }
  return { ...report, mode, valid: errors.length === 0, errors, warnings, stats: { ...report.stats, issueCounts } };
}

export type ReportsByMode = Record<ImportMode, ValidationReport>;

/**
 * A dataset with bulk data takes FULL or INCREMENTAL: the report judged for both, the one to show
 * (for `preferred`; for the other mode when only that one passes, unless `strict`), and `otherFails`,
 * the other mode when it fails while the shown one passes.
 */
export function judgeBothModes(report: ValidationReport, preferred: ImportMode, strict = false): { byMode: ReportsByMode; shown: ValidationReport; otherFails?: ImportMode } {
  const byMode: ReportsByMode = { FULL: judgeForMode(report, 'FULL'), INCREMENTAL: judgeForMode(report, 'INCREMENTAL') };
  const other: ImportMode = preferred === 'FULL' ? 'INCREMENTAL' : 'FULL';
  let shown = byMode[preferred];
  if (!strict && !shown.valid && byMode[other].valid) shown = byMode[other];
  const rest: ImportMode = shown.mode === 'FULL' ? 'INCREMENTAL' : 'FULL';
  return { byMode, shown, ...(shown.valid && !byMode[rest].valid ? { otherFails: rest } : {}) };
}

/** why a mode is not offered: the file fails for it (undefined when it passes) */
export function failsForMode(byMode: ReportsByMode | undefined, mode: ImportMode): string | undefined {
  const r = byMode?.[mode];
  return r && !r.valid ? `this file fails for ${mode}: ${r.errors[0].message}` : undefined;
}
