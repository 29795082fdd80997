// A local file checked against the schema about to be created, before anything is created: the
// report, whether the fixer would repair it (fixOffered) and, for a small file, the fix tried once on
// a copy in a temporary folder whose own check decides — a whole-file minimum a header hid until its
// renames (every user once: TOO_FEW_ACTIVE_USERS) shows only there. Without it the schema and dataset
// were created for a file that could never import. Two users, one rule: `import --create`
// (commands/create-check.ts: says it and exits 1) and the wizard's schema review
// (machine/steps-new-dataset-check.ts: says it and makes another file the default). Nothing printed here.
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetType, Domain } from '../core/resources.js';
import { validateCsv, type Issue, type SchemaModel, type ValidationReport } from '../validate/index.js';
import { stampFile, type FileStamp } from '../validate/prepared.js';
import type { DateOrder } from '../fix/index.js';
import { fixOffered, runFix, type DecimalMark } from './machine/steps-fix.js';

/** files up to this size are fixed once on trial before anything is created (a big one is not read twice more) */
export const TRIAL_BYTES = 16 << 20;

export interface FileCheckOptions {
  /** the file's absolute path, and its name as shown */
  path: string;
  name: string;
  schema: SchemaModel;
  datasetType: DatasetType;
  domain?: Domain;
  /** what the fix is given, as the flow's fix step will give it */
  map?: Record<string, string>;
  dates?: DateOrder;
  decimal?: DecimalMark;
  add?: Record<string, string>;
  dropUnknown?: boolean;
  /** input columns the fix drops by their places (a header naming color twice) */
  leaveOut?: number[];
  /** ITEM_ID taken out of a JSON column by the fix (a Mixpanel export's properties) */
  jsonItem?: import('../fix/mixpanel.js').JsonItem;
  eventNames?: Record<string, string>;
  dropReturns?: boolean;
  /** a Segment export's rows without a user_id written with their anonymous_id (the fix step's choice, segment.ts) */
  anonymousIds?: boolean;
  /** whether to try the fix once the report says the fixer would repair the file (e.g. `--fix` given) */
  tryFix?: (fixable: { setAside?: number }) => boolean;
  workers?: number;
  signal?: AbortSignal;
}

/** the fix tried on a copy in a temporary folder (gone again) */
export interface TrialFix {
  /** rows the fixer set aside, and the rows the copy holds */
  rejected: number;
  left: number;
  /** the first row set aside: its line and reason */
  line: number;
  why: string;
  /** the rows set aside as the fixer listed them (the dates in numbers only among them: the flow asks their order) */
  listed: { line: number; reason: string }[];
  /** the copy's own check, and its errors (none: the copy would pass) */
  report?: ValidationReport;
  errors: Issue[];
}

export interface FileCheck {
  /** the file as it was before it was read (validate/prepared.ts: the report handed on) */
  stamp: FileStamp | undefined;
  size: number;
  report: ValidationReport;
  /** the fixer would repair the errors (setAside: with that many rows set aside) */
  fixable: false | { setAside?: number };
  /** undefined: not tried (valid, not fixable, not wanted, or the file is over TRIAL_BYTES) */
  trial?: TrialFix;
}

export async function checkFile(o: FileCheckOptions): Promise<FileCheck> {
  const stamp = stampFile(o.path);
  const size = stamp ? Number(stamp.size) : statSync(o.path).size;
  const report = await validateCsv({ name: o.name, path: o.path, size, open: () => createReadStream(o.path) }, {
    schema: o.schema, datasetType: o.datasetType, domain: o.domain, mode: 'FULL', signal: o.signal, workers: o.workers ?? Math.min(2, availableParallelism()),
  });
  if (report.valid) return { stamp, size, report, fixable: false };
  const fixable = fixOffered(report, o.schema, { kind: 'local', path: o.path }, undefined, o.map, o.dates, o.add, o.decimal, o.leaveOut);
  const trial = fixable && size <= TRIAL_BYTES && (!o.tryFix || o.tryFix(fixable)) ? await trialFix(o) : undefined;
  return { stamp, size, report, fixable, ...(trial ? { trial } : {}) };
}

/** What even the copy fixed on trial would fail with: undefined when no fix was tried or the copy passes. */
export function stillFailing(c: FileCheck): Issue[] | undefined {
  return c.trial?.errors.length ? c.trial.errors : undefined;
}

/**
 * The fix as the flow's fix step will run it, in a temporary folder: the rows it sets aside (the
 * report alone cannot always say which: with a header still to be renamed its rows were not
 * checked) and the copy's own check.
 */
async function trialFix(o: FileCheckOptions): Promise<TrialFix> {
  const dir = mkdtempSync(join(tmpdir(), 'personalize-import-trial-fix-'));
  try {
    const r = await runFix({ kind: 'local', path: o.path }, { read: () => Promise.reject(new Error('a local file')), head: () => Promise.resolve(undefined) }, {
      schema: o.schema, output: join(dir, 'copy.csv'), rejects: join(dir, 'rejects.csv'),
      ...(o.map ? { map: o.map } : {}), ...(o.dates ? { dates: o.dates } : {}), ...(o.decimal ? { decimal: o.decimal } : {}), ...(o.add ? { add: o.add } : {}),
      ...(o.dropUnknown ? { dropUnknown: true } : {}), ...(o.leaveOut?.length ? { leaveOut: o.leaveOut } : {}), ...(o.jsonItem ? { jsonItem: o.jsonItem } : {}), ...(o.eventNames ? { eventNames: o.eventNames } : {}), ...(o.dropReturns ? { dropReturns: true } : {}), ...(o.anonymousIds ? { anonymousIds: true } : {}),
      datasetType: o.datasetType, domain: o.domain, mode: 'FULL', signal: o.signal,
    });
    const first = r.rejects.listed[0];
    // (the copy's own check: what the fix cannot repair, a whole-file minimum, comes out there)
    return { rejected: r.rejects.count, left: r.report?.rows ?? 0, line: first?.line ?? 0, why: first?.reason ?? '', listed: r.rejects.listed, ...(r.report ? { report: r.report } : {}), errors: r.report && !r.report.valid ? r.report.errors : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
