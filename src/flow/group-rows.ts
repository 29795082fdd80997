// The live rows of a group run (issue #19): one row per file and its import job — its dataset type,
// what it is doing now (waiting / uploading n% / the job's status), since when (a face lets that time
// tick by itself), and once ended its outcome with a short reason under a failed row (the full
// explanation and next steps are the run's end). Pure data the Ink face draws as a live block and
// plain mode as log lines. Core module: no SDK, no UI.
import type { DatasetType } from '../core/resources.js';
import { visible } from '../core/sanitize.js';
import { formatBytes } from './run.js';
import type { GroupJobEvent } from './group-jobs.js';

export type GroupRowState = 'waiting' | 'running' | 'done' | 'failed' | 'stopped';

export interface GroupRow {
  type: DatasetType;
  /** the local file (as the user named it) */
  file: string;
  state: GroupRowState;
  /** what it is doing now, or its outcome: "waiting to upload", "uploading 42% (1.2 MB of 2.9 MB)", "CREATE PENDING", "ACTIVE" */
  now: string;
  /** running: when the current activity (the upload, the job) started (epoch ms); its time moves on from it */
  since?: number;
  /** not running: the time the upload or the job took */
  elapsedMs?: number;
  /** a failed row: the short reason (one line) */
  reason?: string;
}

export interface GroupRowsLine {
  text: string;
  tone?: 'dim' | 'ok' | 'error' | 'bold';
}

export function newGroupRows(files: { type: DatasetType; path: string }[]): GroupRow[] {
  return files.map((f) => ({ type: f.type, file: f.path, state: 'waiting', now: 'waiting to upload' }));
}

const secs = (ms: number) => `${Math.round(ms / 1000)} s`;

/** the first sentence of a reason, on one line, at most `max` characters */
export function shortReason(reason: string, max = 70): string {
  const one = visible(reason).replace(/\s+/g, ' ').trim();
  const first = /^(.+?[.!?])(\s|$)/.exec(one)?.[1] ?? one;
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

export function uploadStarted(r: GroupRow, now: number): void {
  r.state = 'running';
  r.now = 'uploading';
  r.since = now;
}

export function uploadProgress(r: GroupRow, loaded: number, total?: number): void {
  r.now = total ? `uploading ${Math.floor((loaded / total) * 100)}% (${formatBytes(loaded)} of ${formatBytes(total)})` : `uploading ${formatBytes(loaded)}`;
}

/** the upload ended: the job is next (it may wait for a slot) */
export function uploadDone(r: GroupRow, bytes: number, now: number): void {
  r.now = `uploaded ${formatBytes(bytes)}, job next`;
  r.elapsedMs = Math.max(0, now - (r.since ?? now));
  r.state = 'waiting';
  delete r.since;
}

/**
 * A job's event applied to its row; returns the log line plain mode prints for it (with the job's
 * running time where its state changes), or undefined when there is nothing to say.
 */
export function applyJobEvent(rows: GroupRow[], e: GroupJobEvent, now: number, limit: number): GroupRowsLine | undefined {
  const type = e.kind === 'done' ? e.result.type : e.type;
  const r = rows.find((x) => x.type === type);
  if (!r) return undefined;
  const w = type.toLowerCase().replace('_', '-').padEnd(12);
  switch (e.kind) {
    case 'waiting':
      r.state = 'waiting';
      r.now = `waiting for a job slot (${e.running} running)`;
      delete r.since;
      return { text: `  ${w} waiting: ${e.running} import jobs are running in this region (at most ${limit})`, tone: 'dim' };
    case 'created':
      r.state = 'running';
      r.now = 'CREATE PENDING';
      r.since = now;
      delete r.elapsedMs;
      return { text: `  ${w} job ${visible(e.name)} created (0 s)` };
    case 'status':
      if (e.status === 'ACTIVE' || e.status === 'CREATE FAILED') return undefined; // the 'done' says it
      r.now = e.status;
      r.since = now - e.elapsedMs;
      return { text: `  ${w} ${e.status} (${secs(e.elapsedMs)})${e.note ? ` — ${visible(e.note)}` : ''}`, tone: 'dim' };
    case 'done': {
      const x = e.result;
      delete r.since;
      if (x.elapsedMs !== undefined) r.elapsedMs = x.elapsedMs;
      else delete r.elapsedMs;
      if (x.status === 'ACTIVE') {
        r.state = 'done';
        r.now = 'ACTIVE';
        return { text: `  ${w} ✓ ACTIVE${x.elapsedMs !== undefined ? ` after ${secs(x.elapsedMs)}` : ''}`, tone: 'ok' };
      }
      if (x.interrupted) {
        r.state = 'stopped';
        r.now = x.datasetImportJobArn ? `${x.status}, no longer watched` : 'not created';
        return undefined;
      }
      r.state = 'failed';
      r.now = x.status;
      const why = x.failureReason ?? x.explanation?.title;
      if (why) r.reason = shortReason(why);
      return { text: `  ${w} ✗ ${x.status}${x.elapsedMs !== undefined ? ` after ${secs(x.elapsedMs)}` : ''}: ${visible(x.failureReason ?? '')}`, tone: 'error' };
    }
  }
}

/** what the run is doing now, in one line */
export function groupHeadline(rows: GroupRow[]): string {
  const n = rows.length;
  const uploading = rows.filter((r) => r.now.startsWith('uploading') || r.now === 'waiting to upload').length;
  if (uploading) return `Uploading ${n} file${n > 1 ? 's' : ''}: ${n - uploading} of ${n} uploaded`;
  const count = (s: GroupRowState) => rows.filter((r) => r.state === s).length;
  const active = count('done');
  const failed = count('failed');
  const running = count('running');
  const waiting = count('waiting');
  const stopped = count('stopped');
  // all ended: the outcome in a word (the end that follows gives each job's ARN and explanation)
  if (!running && !waiting) return `Import jobs ended: ${[`${active} ACTIVE`, failed && `${failed} failed`, stopped && `${stopped} not watched`].filter(Boolean).join(', ')}`;
  const parts = [`${active} of ${n} ACTIVE`];
  if (failed) parts.push(`${failed} failed`);
  if (running) parts.push(`${running} running`);
  if (waiting) parts.push(`${waiting} waiting`);
  if (stopped) parts.push(`${stopped} not watched`);
  return `Import jobs: ${parts.join(', ')}`;
}
