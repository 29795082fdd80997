// The --json shape of an import job, shared by `status`, `history` (and `import`).
import type { ImportJob } from '../core/resources.js';
import type { JobSnapshot } from './watcher.js';

export interface ImportJobJson {
  datasetImportJobArn: string;
  jobName: string;
  status: string;
  importMode?: string;
  datasetArn?: string;
  dataLocation?: string;
  roleArn?: string;
  failureReason?: string;
  creationDateTime?: string;
  lastUpdatedDateTime?: string;
  /** lastUpdated − creation for finished jobs, now − creation for running ones */
  durationSeconds?: number;
}

const TERMINAL = new Set(['ACTIVE', 'CREATE FAILED']);

export function jobDurationMs(job: ImportJob, nowMs: number): number | undefined {
  if (!job.createdAt) return undefined;
  const end = TERMINAL.has(job.status) ? job.updatedAt?.getTime() : nowMs;
  return end === undefined ? undefined : Math.max(0, end - job.createdAt.getTime());
}

export function jobJson(job: ImportJob, nowMs: number): ImportJobJson {
  const d = jobDurationMs(job, nowMs);
  const out: ImportJobJson = {
    datasetImportJobArn: job.arn,
    jobName: job.name,
    status: job.status,
    importMode: job.importMode,
    datasetArn: job.datasetArn,
    dataLocation: job.dataLocation,
    roleArn: job.roleArn,
    failureReason: job.failureReason,
    creationDateTime: job.createdAt?.toISOString(),
    lastUpdatedDateTime: job.updatedAt?.toISOString(),
    durationSeconds: d === undefined ? undefined : Math.round(d / 1000),
  };
  for (const k of Object.keys(out) as (keyof ImportJobJson)[]) if (out[k] === undefined) delete out[k];
  return out;
}

export function snapshotJson(s: JobSnapshot, nowMs: number) {
  return {
    ...jobJson(s.job, nowMs),
    elapsedSeconds: Math.round(s.elapsedMs / 1000),
    stageTimes: Object.fromEntries(Object.entries(s.stageTimes).map(([k, v]) => [k, new Date(v).toISOString()])),
  };
}

/** With --json, a command that fails still prints one document: {"error": {...}} (+ extra facts). */
export function errorJson(e: { kind: string; message: string; hint?: string; action?: string; awsName?: string }, extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    error: {
      kind: e.kind,
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.action ? { action: e.action } : {}),
      ...(e.awsName ? { awsName: e.awsName } : {}),
    },
  };
}
