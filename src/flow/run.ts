// Executes a plan: upload the local CSV (if any) → create the import job → return its ARN.
// Events let any front end draw progress (Ink bar, plain lines, nothing for --json). Aborting the
// signal during the upload aborts the multipart upload (StorageApi.upload's contract: no parts left).
import { stat } from 'node:fs/promises';
import { AppError } from '../core/errors.js';
import type { PersonalizeApi, StorageApi } from '../core/ports.js';
import { planDataLocation, type ImportPlan } from './plan.js';

export type ImportEvent =
  | { type: 'upload-start'; bucket: string; key: string; bytes: number }
  | { type: 'upload-progress'; loaded: number; total: number; bytesPerSecond?: number; etaSeconds?: number }
  | { type: 'uploaded'; bucket: string; key: string; bytes: number; ms: number }
  | { type: 'creating'; dataLocation: string }
  | { type: 'created'; jobArn: string; dataLocation: string };

export interface RunImportDeps {
  personalize: Pick<PersonalizeApi, 'createImportJob'>;
  s3: Pick<StorageApi, 'upload'>;
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
  upload?: { bucket: string; key: string; bytes: number; ms: number };
}

function interrupted(what: string): AppError {
  return new AppError('interrupted', `Stopped ${what}.`, { hint: 'Nothing was created in Personalize; run it again when ready.' });
}

/** bytes/s and seconds left from progress so far. */
export function rateAndEta(loaded: number, total: number, elapsedMs: number): { bytesPerSecond?: number; etaSeconds?: number } {
  if (elapsedMs < 200 || loaded <= 0) return {};
  const bytesPerSecond = (loaded / elapsedMs) * 1000;
  return { bytesPerSecond, etaSeconds: Math.max(0, (total - loaded) / bytesPerSecond) };
}

export async function runImport(plan: ImportPlan, deps: RunImportDeps, opts: RunImportOptions = {}): Promise<RunImportResult> {
  const now = opts.now ?? Date.now;
  const emit = opts.onEvent ?? (() => {});
  let upload: RunImportResult['upload'];
  if (opts.signal?.aborted) throw interrupted('before the upload');
  if (plan.source.kind === 'local') {
    if (!plan.bucket || !plan.key) throw new AppError('usage', 'No bucket chosen for the upload.', { hint: 'Pick the S3 bucket Personalize may read (--bucket).' });
    let bytes: number;
    try {
      bytes = (await stat(plan.source.path)).size;
    } catch {
      throw new AppError('usage', `Cannot read ${plan.source.path}.`, { hint: 'Check the path; it is relative to the folder you ran the command in.' });
    }
    const started = now();
    emit({ type: 'upload-start', bucket: plan.bucket, key: plan.key, bytes });
    try {
      const r = await deps.s3.upload({
        bucket: plan.bucket,
        key: plan.key,
        file: plan.source.path,
        signal: opts.signal,
        partSizeBytes: opts.partSizeBytes,
        onProgress: (p) => {
          const total = p.total ?? bytes;
          emit({ type: 'upload-progress', loaded: p.loaded, total, ...rateAndEta(p.loaded, total, now() - started) });
        },
      });
      upload = { bucket: r.bucket, key: r.key, bytes: r.bytes, ms: now() - started };
    } catch (e) {
      if (opts.signal?.aborted) throw new AppError('interrupted', 'Upload stopped; the partial upload was removed from S3.', { hint: 'Nothing was created in Personalize; run it again when ready.', cause: e });
      throw e;
    }
    emit({ type: 'uploaded', ...upload });
  }
  const location = planDataLocation(plan);
  if (opts.signal?.aborted) throw interrupted('before the import job was created');
  if (opts.beforeCreate) await opts.beforeCreate(location);
  if (opts.signal?.aborted) throw interrupted('before the import job was created');
  emit({ type: 'creating', dataLocation: location });
  const jobArn = await deps.personalize.createImportJob({
    name: plan.jobName,
    datasetArn: plan.datasetArn,
    dataLocation: location,
    roleArn: plan.roleArn,
    importMode: plan.importMode,
    ...(plan.tags && Object.keys(plan.tags).length ? { tags: plan.tags } : {}),
    ...(plan.publishAttributionMetrics !== undefined ? { publishAttributionMetricsToS3: plan.publishAttributionMetrics } : {}),
  });
  emit({ type: 'created', jobArn, dataLocation: location });
  return { jobArn, dataLocation: location, ...(upload ? { upload } : {}) };
}

/** "12.3 MB", "812 KB", "532 B" */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
