// Executes a plan: upload the local CSV (if any) → create the import job → return its ARN.
// Events let any front end draw progress (Ink bar, plain lines, nothing for --json). Aborting the
// signal during the upload aborts the multipart upload (StorageApi.upload's contract: no parts left).
import { stat } from 'node:fs/promises';
import { AppError, isAppError } from '../core/errors.js';
import type { PersonalizeApi, StorageApi } from '../core/ports.js';
import { planDataLocation, type ImportPlan } from './plan.js';
import { uploadedObjectProblem, type UploadedObject } from '../core/upload-key.js';
import { createWithFreshName } from '../job/name.js';
import { checkImportSize } from '../core/size-limit.js';

export type ImportEvent =
  | { type: 'upload-start'; bucket: string; key: string; bytes: number }
  | { type: 'upload-progress'; loaded: number; total: number; bytesPerSecond?: number; etaSeconds?: number }
  | { type: 'uploaded'; bucket: string; key: string; bytes: number; ms: number }
  | { type: 'creating'; dataLocation: string }
  | { type: 'created'; jobArn: string; dataLocation: string };

export interface RunImportDeps {
  personalize: Pick<PersonalizeApi, 'createImportJob'>;
  /** with `head`, the uploaded object is checked (size, ETag) just before the job is created */
  s3: Pick<StorageApi, 'upload'> & Partial<Pick<StorageApi, 'head'>>;
}

export interface RunImportOptions {
  signal?: AbortSignal;
  onEvent?: (e: ImportEvent) => void;
  /** runs after the upload, before the job is created (e.g. preflight); throwing stops the import */
  beforeCreate?: (dataLocation: string) => Promise<void>;
  now?: () => number;
  partSizeBytes?: number;
}

export interface RunImportResult {
  jobArn: string;
  dataLocation: string;
  upload?: { bucket: string; key: string; bytes: number; ms: number; etag?: string };
}

// (what else is true after a stop — what the run created, the job, the upload — the flow says: drive.ts)
function interrupted(what: string): AppError {
  return new AppError('interrupted', `Stopped ${what}.`);
}

/** bytes/s and seconds left from progress so far. */
export function rateAndEta(loaded: number, total: number, elapsedMs: number): { bytesPerSecond?: number; etaSeconds?: number } {
  if (elapsedMs < 200 || loaded <= 0) return {};
  const bytesPerSecond = (loaded / elapsedMs) * 1000;
  return { bytesPerSecond, etaSeconds: Math.max(0, (total - loaded) / bytesPerSecond) };
}

export interface UploadTarget {
  source: { kind: 'local'; path: string };
  bucket: string;
  key: string;
}

/** Uploads a local CSV (step 6); aborting `signal` aborts the multipart upload (no parts left). */
export async function uploadCsv(t: UploadTarget, s3: Pick<StorageApi, 'upload'>, opts: Omit<RunImportOptions, 'beforeCreate'> = {}): Promise<NonNullable<RunImportResult['upload']>> {
  const now = opts.now ?? Date.now;
  const emit = opts.onEvent ?? (() => {});
  if (opts.signal?.aborted) throw interrupted('before the upload');
  let bytes: number;
  try {
    const st = await stat(t.source.path);
    if (!st.isFile()) throw new Error('not a file');
    bytes = st.size;
  } catch {
    throw new AppError('usage', `Cannot read ${t.source.path}.`, { hint: 'Check the path; it is relative to the folder you ran the command in.' });
  }
  const started = now();
  emit({ type: 'upload-start', bucket: t.bucket, key: t.key, bytes });
  let r;
  try {
    r = await s3.upload({
      bucket: t.bucket,
      key: t.key,
      file: t.source.path,
      signal: opts.signal,
      partSizeBytes: opts.partSizeBytes,
      onProgress: (p) => {
        const total = p.total ?? bytes;
        emit({ type: 'upload-progress', loaded: p.loaded, total, ...rateAndEta(p.loaded, total, now() - started) });
      },
    });
  } catch (e) {
    if (opts.signal?.aborted) {
      // a partial upload the adapter could not remove (S3 did not answer): said, with the command
      // that removes it (its hint) — never "removed"
      const left = isAppError(e) && e.kind === 'interrupted' && e.hint?.includes('abort-multipart-upload') ? e.hint : undefined;
      throw new AppError('interrupted', `Upload stopped; the partial upload ${left ? 'could not be removed from S3' : 'was removed from S3'}.`, { ...(left ? { hint: left } : {}), cause: e });
    }
    throw e;
  }
  const upload = { bucket: r.bucket, key: r.key, bytes: r.bytes, ms: now() - started };
  emit({ type: 'uploaded', ...upload });
  return { ...upload, ...(r.etag ? { etag: r.etag } : {}) };
}

/** Creates the import job for a plan whose data is in S3 (step 8's Enter). */
export async function createJob(plan: ImportPlan, personalize: Pick<PersonalizeApi, 'createImportJob'>, opts: Pick<RunImportOptions, 'onEvent' | 'signal' | 'beforeCreate'> = {}): Promise<{ jobArn: string; dataLocation: string }> {
  const emit = opts.onEvent ?? (() => {});
  const location = planDataLocation(plan);
  if (opts.signal?.aborted) throw interrupted('before the import job was created');
  if (opts.beforeCreate) await opts.beforeCreate(location);
  if (opts.signal?.aborted) throw interrupted('before the import job was created');
  emit({ type: 'creating', dataLocation: location });
  // a generated name that clashes (concurrent runs in the same second) gets a random suffix
  const { result: jobArn, name } = await createWithFreshName(plan.jobName, plan.jobNameGenerated, (jobName) => personalize.createImportJob({
    name: jobName,
    datasetArn: plan.datasetArn,
    dataLocation: location,
    roleArn: plan.roleArn,
    importMode: plan.importMode,
    ...(plan.tags && Object.keys(plan.tags).length ? { tags: plan.tags } : {}),
    ...(plan.publishAttributionMetrics !== undefined ? { publishAttributionMetricsToS3: plan.publishAttributionMetrics } : {}),
  }));
  plan.jobName = name;
  emit({ type: 'created', jobArn, dataLocation: location });
  return { jobArn, dataLocation: location };
}

/** The whole execution: upload a local CSV (if any), then create the job. Returns the job ARN. */
export async function runImport(plan: ImportPlan, deps: RunImportDeps, opts: RunImportOptions = {}): Promise<RunImportResult> {
  let upload: RunImportResult['upload'];
  if (plan.source.kind === 'local') {
    if (!plan.bucket || !plan.key) throw new AppError('usage', 'No bucket chosen for the upload.', { hint: 'Pick the S3 bucket Personalize may read (--bucket).' });
    // the size limit of the mode, before a byte is uploaded (--skip-validation skips the validator's check)
    checkImportSize(await stat(plan.source.path).then((st) => st.size, () => 0), plan.importMode, plan.source.path);
    upload = await uploadCsv({ source: plan.source, bucket: plan.bucket, key: plan.key }, deps.s3, opts);
  }
  const uploaded = upload;
  const head = deps.s3.head?.bind(deps.s3);
  const created = await createJob(plan, deps.personalize, {
    ...opts,
    // the job must read the object this run uploaded: checked after preflight, right before create
    beforeCreate: async (loc) => {
      await opts.beforeCreate?.(loc);
      if (uploaded && head) await checkUploaded(head, uploaded);
    },
  });
  return { ...created, ...(upload ? { upload } : {}) };
}

/** Throws (conflict, exit 2) when S3 no longer holds what this run uploaded: the job is not created. */
export async function checkUploaded(head: StorageApi['head'], u: UploadedObject): Promise<void> {
  const problem = uploadedObjectProblem(await head(u.bucket, u.key), u);
  if (problem) throw new AppError('conflict', `${problem} The import job was NOT created.`, { hint: 'Run the import again: it uploads under a new key.' });
}

/** "12.3 MB", "812 KB", "532 B" */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
