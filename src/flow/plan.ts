// The answers the flow gathers and the plan an import is executed from. Plain data: a front end
// fills Answers step by step; completePlan() says what is still missing; runImport() executes a Plan.
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { ColumnAt } from '../schema/usable.js';
import { uploadKeyFor } from '../core/upload-key.js';
import { parseS3Uri } from '../core/s3-uri.js';

export type CsvSource =
  | { kind: 'local'; path: string }
  /** key ending in "/" = every object under that prefix */
  | { kind: 's3'; bucket: string; key: string };

export interface Answers {
  region?: string;
  awsProfile?: string;
  sandbox?: boolean;
  /** the saved profile these answers started from */
  profileName?: string;
  datasetGroupArn?: string;
  datasetGroupName?: string;
  domain?: Domain;
  datasetArn?: string;
  datasetName?: string;
  datasetType?: DatasetType;
  source?: CsvSource;
  /** upload target for a local CSV */
  bucket?: string;
  prefix?: string;
  key?: string;
  importMode?: ImportMode;
  jobName?: string;
  /** the tool chose jobName (nobody typed it): on a clash it may get a random suffix (src/job/name.ts) */
  jobNameGenerated?: boolean;
  roleArn?: string;
  tags?: Record<string, string>;
  publishAttributionMetrics?: boolean;
  /** import --map column=FIELD: header cells the fixer renames (and the inferred schema names) */
  headerMap?: Record<string, string>;
  /** import --dates: which of day and month the fix step reads first in a date in numbers only (01.11.2026) */
  dateOrder?: 'day-first' | 'month-first';
  /** --event-type (or "Add EVENT_TYPE" in the wizard): the file has no event type column; the fixer adds one with this value in every row */
  eventType?: string;
  /** import --event-names old=New (or the fix step's choice of the DOMAIN_EVENT_TYPES names): EVENT_TYPE values the fixer writes again */
  eventNames?: Record<string, string>;
  /** columns left out of a schema created from the file (an e-mail, an order number …), by their places: the fixer drops them from the copy */
  leaveOut?: ColumnAt[];
  /** --keep <column> (or "Keep one of the columns left out…" in the wizard): columns the inferred schema would leave out, kept in it (and in the fixed copy) */
  keep?: string[];
  /** import --decimal: the file's decimal mark, with which the fix step reads a number written two ways (1,234) */
  decimalMark?: 'comma' | 'point';
  /** import --drop-returns (or "Fix and continue, returns set aside"): the fix step sets an order export's returns and cancellations aside */
  dropReturns?: boolean;
  /** “Fix and continue, anonymous visitors by their anonymous_id”: a Segment export's rows without a user_id imported under their anonymous_id (src/fix/segment.ts) */
  anonymousIds?: boolean;
  /** “Take ITEM_ID from product_id”: a Mixpanel export's item taken out of its properties JSON into an ITEM_ID column of the copy (src/fix/mixpanel.ts) */
  itemFromJson?: { column: string; key: string };
}

/** Everything runImport() needs. */
export interface ImportPlan {
  region?: string;
  awsProfile?: string;
  datasetGroupArn?: string;
  datasetArn: string;
  datasetName?: string;
  datasetType?: DatasetType;
  source: CsvSource;
  /** for a local source: where it is uploaded */
  bucket?: string;
  key?: string;
  importMode: ImportMode;
  jobName: string;
  /** see Answers.jobNameGenerated */
  jobNameGenerated?: boolean;
  roleArn: string;
  tags?: Record<string, string>;
  publishAttributionMetrics?: boolean;
}

export type PlanField = 'datasetArn' | 'source' | 'bucket' | 'importMode' | 'jobName' | 'roleArn';

/** A plan when every required answer is there, else the missing fields (for "pass --flag"). */
export function completePlan(a: Answers): { plan: ImportPlan; missing: [] } | { plan?: undefined; missing: PlanField[] } {
  const missing: PlanField[] = [];
  if (!a.datasetArn) missing.push('datasetArn');
  if (!a.source) missing.push('source');
  if (a.source?.kind === 'local' && !a.bucket) missing.push('bucket');
  if (!a.importMode) missing.push('importMode');
  if (!a.jobName) missing.push('jobName');
  if (!a.roleArn) missing.push('roleArn');
  if (missing.length) return { missing };
  const source = a.source!;
  const key = source.kind === 'local' ? (a.key ?? s3KeyFor(a.prefix, source.path)) : undefined;
  return {
    missing: [],
    plan: {
      region: a.region,
      awsProfile: a.awsProfile,
      datasetGroupArn: a.datasetGroupArn,
      datasetArn: a.datasetArn!,
      datasetName: a.datasetName,
      datasetType: a.datasetType,
      source,
      ...(source.kind === 'local' ? { bucket: a.bucket, key } : {}),
      importMode: a.importMode!,
      jobName: a.jobName!,
      ...(a.jobNameGenerated ? { jobNameGenerated: true } : {}),
      roleArn: a.roleArn!,
      ...(a.tags && Object.keys(a.tags).length ? { tags: a.tags } : {}),
      ...(a.publishAttributionMetrics !== undefined ? { publishAttributionMetrics: a.publishAttributionMetrics } : {}),
    },
  };
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** Normalises a prefix: no leading "/", exactly one trailing "/" (empty stays empty). */
export function normalisePrefix(prefix: string | undefined): string {
  const p = (prefix ?? '').trim().replace(/^\/+/, '').replace(/\/+$/, '');
  return p ? `${p}/` : '';
}

/** The S3 key a local file is uploaded to: prefix + the file's name + this run's id (unique per run,
 * the same for every call in one process: src/core/upload-key.ts). */
export function s3KeyFor(prefix: string | undefined, localPath: string): string {
  return uploadKeyFor(normalisePrefix(prefix), baseName(localPath));
}

/** The dataSource.dataLocation the job reads: s3://bucket/key (a folder ends in "/"). */
export function dataLocation(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** Where a plan's data will be read from. */
export function planDataLocation(plan: ImportPlan): string {
  if (plan.source.kind === 's3') return dataLocation(plan.source.bucket, plan.source.key);
  return dataLocation(plan.bucket!, plan.key ?? plan.source.path);
}

/** Reads a CSV answer typed by a user: s3://… or a local path. */
export function parseCsvSource(text: string): CsvSource {
  const s3 = parseS3Uri(text);
  return s3 ? { kind: 's3', ...s3 } : { kind: 'local', path: text.trim() };
}

export function describeSource(s: CsvSource): string {
  return s.kind === 's3' ? dataLocation(s.bucket, s.key) : s.path;
}
