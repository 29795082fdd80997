// The results report of a record-by-record import: one JSON file with every record's line, ID and
// outcome. `--resume <report>` reads it back and sends only the records that did not go in
// (rejected, unsent, or unknown — in flight at a Ctrl-C or left without an answer; run.ts decides which unknown ones are sent
// again), after checking each line of the CSV still holds the same record.
//
// Format: version 1 throughout. `unknown` (status and count) came later, added without changing what
// was there: a report written before it reads the same (its counts get `unknown: 0`), and an older
// personalize-import reading a newer report treats `unknown` like any status but `sent` (sends it).
import { readFileSync, writeFileSync, renameSync, unlinkSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError, fileError, usageError } from '../core/errors.js';
import type { DatasetType } from '../core/resources.js';
import { unknownCause, type RecordResult } from './send.js';

export const REPORT_KIND = 'personalize-import/records-report';

export interface RecordsReport {
  kind: typeof REPORT_KIND;
  version: 1;
  /** the CSV, as given (absolute path) */
  file: string;
  datasetArn: string;
  datasetType: DatasetType;
  datasetGroupArn?: string;
  /** INTERACTIONS: the event tracker the events went through */
  eventTrackerArn?: string;
  startedAt: string;
  finishedAt: string;
  /** API calls made by this run (resumes included when merged) */
  calls: number;
  /** `unknown` is absent from reports written before it existed (readReport fills it in) */
  counts: { total: number; sent: number; rejected: number; unsent: number; unknown: number };
  /** why the run stopped early, when it did */
  stopped?: string;
  /** one entry per CSV record, in line order */
  records: RecordResult[];
}

export function countsOf(records: RecordResult[]): RecordsReport['counts'] {
  const c = { total: records.length, sent: 0, rejected: 0, unsent: 0, unknown: 0 };
  for (const r of records) if (r.status in c) c[r.status]++;
  return c;
}

/** Writes the report (a temporary file renamed over it: never half a report); a failure names the path. */
export function writeReport(path: string, r: RecordsReport): void {
  const tmp = `${path}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(r, null, 2)}\n`);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not there */
    }
    throw fileError(e, path, 'Cannot write the records report', 'Pass --report <file> in a folder you can write to.');
  }
}

/** Before anything is sent: can the report be written where it is going? (names the path; exit 2) */
/**
 * `mayReplace`: the file may exist (a resumed report, updated in place); otherwise an existing
 * file is refused — it is most likely an earlier run's report, which its --resume needs.
 */
export function checkReportPath(path: string, opts: { mayReplace?: boolean } = {}): void {
  const dir = dirname(path);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR', syscall: 'stat', path: dir });
  } catch (e) {
    throw fileError(e, dir, 'The folder of the records report', `Create it, or pass --report <file> in a folder that exists.`);
  }
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR', syscall: 'stat', path });
    // a device or a pipe is never replaced by the report (it is written next to it, then renamed)
    if (!st.isFile()) throw usageError(`The records report ${path} is not a regular file (a device or a pipe).`, 'Pass --report <file>: a file name.');
    if (!opts.mayReplace) throw usageError(`The records report ${path} exists already: it would be replaced, and an earlier run's report is what its --resume reads.`, 'Pass --report with a new file name (or leave --report out: a new name is made), or remove that file first.');
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(e, path, 'The records report', 'Pass --report <file>: a file name, not a folder.');
  }
  const probe = `${path}.tmp`;
  try {
    writeFileSync(probe, '{}\n');
    unlinkSync(probe);
  } catch (e) {
    throw fileError(e, path, 'Cannot write the records report', 'Pass --report <file> in a folder you can write to.');
  }
}

export function readReport(path: string): RecordsReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw usageError(`--resume: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, 'Pass the report file an earlier --individually run wrote (its path was printed at the end).');
  }
  let r: RecordsReport;
  try {
    r = JSON.parse(text) as RecordsReport;
  } catch {
    throw usageError(`--resume: ${path} is not JSON.`, 'Pass the report file an earlier --individually run wrote.');
  }
  if (r?.kind !== REPORT_KIND || !Array.isArray(r.records) || typeof r.datasetArn !== 'string') {
    throw usageError(`--resume: ${path} is not a records report of personalize-import.`, 'Pass the report file an earlier --individually run wrote.');
  }
  // written before `unknown` existed: the same counts, with unknown 0
  return { ...r, counts: countsOf(r.records) };
}

/** Lines (and the ID each must still hold) that a resume may send: everything not sent (run.ts holds
 * back the `unknown` events that would be duplicated). */
export function pendingLines(r: RecordsReport): Map<number, string> {
  const m = new Map<number, string>();
  for (const x of r.records) if (x.status !== 'sent') m.set(x.line, x.id);
  return m;
}

/** The earlier report with the resumed records' new outcomes. */
export function mergeReport(prev: RecordsReport, resumed: RecordResult[], extra: { calls: number; finishedAt: string; stopped?: string; eventTrackerArn?: string }): RecordsReport {
  const byLine = new Map(resumed.map((x) => [x.line, x] as const));
  const records = prev.records.map((x) => byLine.get(x.line) ?? x);
  const out: RecordsReport = {
    ...prev,
    finishedAt: extra.finishedAt,
    calls: prev.calls + extra.calls,
    counts: countsOf(records),
    records,
    ...(extra.eventTrackerArn ? { eventTrackerArn: extra.eventTrackerArn } : {}),
  };
  if (extra.stopped) out.stopped = extra.stopped;
  else delete out.stopped;
  return out;
}

/** "2–5, 9, 12–40" for sorted line numbers (at most `max` ranges, then "…"). */
export function lineRanges(lines: number[], max = 6): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(i === j ? String(lines[i]) : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  return out.length > max ? `${out.slice(0, max).join(', ')}, …` : out.join(', ');
}

/** The lines a UI prints for what did not go in: each rejected record, unsent ones as line ranges. */
export function problemLines(results: RecordResult[], maxRejected = 20): string[] {
  const rejected = results.filter((x) => x.status === 'rejected');
  const unsent = results.filter((x) => x.status === 'unsent');
  const unknown = results.filter((x) => x.status === 'unknown');
  const out: string[] = [];
  if (rejected.length) {
    out.push(`${rejected.length} rejected:`);
    for (const r of rejected.slice(0, maxRejected)) out.push(`  line ${r.line} (${r.id}): ${r.reason ?? 'rejected'}`);
    if (rejected.length > maxRejected) out.push(`  … and ${rejected.length - maxRejected} more (in the report)`);
  }
  if (unsent.length) {
    const reasons = [...new Set(unsent.map((x) => x.reason ?? 'not sent'))];
    out.push(`${unsent.length} not sent (${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? '; …' : ''}): line${unsent.length === 1 ? '' : 's'} ${lineRanges(unsent.map((x) => x.line))}`);
  }
  if (unknown.length) out.push(unknownLine(unknown));
  return out;
}

/** Why these records' outcome is unknown, in a few words: cut at Ctrl-C, no answer, or both. */
export function unknownPhrase(unknown: RecordResult[]): string {
  const causes = new Set(unknown.map((x) => unknownCause(x.reason)));
  if (causes.size > 1) return 'in flight at Ctrl-C or no answer from the service';
  return causes.has('no-answer') ? 'no answer from the service' : 'in flight at Ctrl-C';
}

/** "10 records' outcome unknown (in flight at Ctrl-C: may have gone in): lines 12–21" */
export function unknownLine(unknown: RecordResult[]): string {
  const n = unknown.length;
  return `${n} record${n === 1 ? "'s" : "s'"} outcome unknown (${unknownPhrase(unknown)}: may have gone in): line${n === 1 ? '' : 's'} ${lineRanges(unknown.map((x) => x.line))}`;
}
