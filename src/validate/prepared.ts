// A validation report made earlier in the same run, kept so the file need not be read a second time
// for the same check: `import --create` validates a local file against the schema it is about to
// create (commands/create-check.ts), and the flow's validate step, after the group, schema and
// dataset exist, would read the whole file again against the same schema — for a multi-GB file,
// seconds per GB. The report is taken only when the check is provably the same: the same file
// (path, device and inode, size, modification and change time, unchanged while it was read and
// since), the same schema (the model the validator works from, compared field by field), the same
// dataset type and domain. The import mode is the one thing the flow may choose differently: its
// two findings are judged again from the report's stats (modes.ts judgeForMode, as the wizard does
// when the mode changes). In doubt (a file written moments before it was read, a stat that fails)
// the file is validated again.
import { statSync } from 'node:fs';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { SchemaModel } from './fields.js';
import { judgeForMode } from './modes.js';
import type { ValidationReport } from './types.js';

/** What identifies one version of a local file without reading it. */
export interface FileStamp {
  path: string;
  dev: string;
  ino: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
  /** when the stamp was taken (ms since the epoch, this machine's clock) */
  takenMs: number;
}

export interface PreparedReport {
  /** the file as it was before and after it was read (equal, else there is no PreparedReport) */
  file: FileStamp;
  schema: SchemaModel;
  datasetType: DatasetType;
  domain?: Domain;
  report: ValidationReport;
  /** said where the flow would say it validates: when and why the report was made */
  when: string;
}

/**
 * A file modified this close to being stamped may change again without its modification time
 * changing (timestamps are only as fine as the file system keeps them: 1-2 s on some, ~10 ms on
 * Linux's): such a stamp proves nothing, as git's "racily clean" index entries.
 */
export const RACY_MS = 2000;

export function stampFile(path: string): FileStamp | undefined {
  try {
    const st = statSync(path, { bigint: true });
    if (!st.isFile()) return undefined;
    return { path, dev: String(st.dev), ino: String(st.ino), size: String(st.size), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs), takenMs: Date.now() };
  } catch {
    return undefined;
  }
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.path === b.path && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/**
 * A stamp that cannot tell a later change: the file was modified just before. (A write after the
 * stamp sets the modification time to then: unchanged only when it was already then. The change
 * time is compared too, for a time set back by hand, but need not be old: setting it is a change.)
 */
export function racy(s: FileStamp): boolean {
  return Number(BigInt(s.mtimeNs) / 1000000n) > s.takenMs - RACY_MS;
}

/**
 * Keep a report of `before`'s file for a later step: undefined when the file changed while it was
 * read (the stamp after differs) or its stamp was racy.
 */
export function prepare(before: FileStamp | undefined, o: Omit<PreparedReport, 'file'>): PreparedReport | undefined {
  if (!before || racy(before)) return undefined;
  const after = stampFile(before.path);
  if (!after || !sameStamp(before, after)) return undefined;
  return { ...o, file: before };
}

/** Key order kept out of the comparison: two models equal field by field are one schema to the validator. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

export function sameSchema(a: SchemaModel, b: SchemaModel): boolean {
  return canonical(a) === canonical(b);
}

/** Why a prepared report is not this check's, or undefined when it is (`path` absolute). */
export function mismatch(p: PreparedReport, want: { path: string; schema: SchemaModel; datasetType: DatasetType; domain?: Domain }): string | undefined {
  if (p.file.path !== want.path) return 'another file';
  if (p.datasetType !== want.datasetType) return 'another dataset type';
  if ((p.domain ?? null) !== (want.domain ?? null)) return 'another domain';
  if (!sameSchema(p.schema, want.schema)) return 'another schema';
  const now = stampFile(want.path);
  if (!now || !sameStamp(p.file, now)) return 'the file changed';
  return undefined;
}

/** The prepared report for this check judged for `mode`, or undefined: validate the file. */
export function reuseReport(p: PreparedReport | undefined, want: { path: string; schema: SchemaModel; datasetType: DatasetType; domain?: Domain; mode: ImportMode }): ValidationReport | undefined {
  if (!p || mismatch(p, want)) return undefined;
  return judgeForMode(p.report, want.mode);
}
