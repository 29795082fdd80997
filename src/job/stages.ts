// The job's progress as Copilot-style rows — pure data that the Ink live view and the line printer
// both draw: one row per stage, its state, how long it took (or has been running), and the
// failure reason nested under the failed row.
import type { StageTimes } from './watcher.js';

export type StageState = 'waiting' | 'running' | 'done' | 'failed';

export interface StageRow {
  /** the service's status for this stage */
  status: 'CREATE PENDING' | 'CREATE IN_PROGRESS' | 'ACTIVE' | 'CREATE FAILED';
  /** human label */
  label: string;
  state: StageState;
  /** time spent in this stage (to the next stage's start, or to now while running) */
  elapsedMs?: number;
  /** while this stage runs: when it started (epoch ms), for a view whose time moves on by itself */
  since?: number;
  /** nested under the row: the failure reason */
  detail?: string;
}

const LABELS: Record<StageRow['status'], string> = {
  'CREATE PENDING': 'Queued (CREATE PENDING)',
  'CREATE IN_PROGRESS': 'Importing (CREATE IN_PROGRESS)',
  ACTIVE: 'Imported (ACTIVE)',
  'CREATE FAILED': 'Failed (CREATE FAILED)',
};

const ORDER = ['CREATE PENDING', 'CREATE IN_PROGRESS'] as const;

export function stageRows(input: { status: string; stageTimes: StageTimes; failureReason?: string }, nowMs: number): StageRow[] {
  const { status, stageTimes: t } = input;
  const failed = status === 'CREATE FAILED';
  const final: StageRow['status'] = failed ? 'CREATE FAILED' : 'ACTIVE';
  const all: StageRow['status'][] = [...ORDER, final];
  const current = all.indexOf(status as StageRow['status']);
  const rows: StageRow[] = [];
  all.forEach((st, i) => {
    const start = t[st];
    // the first later stage that has a time ends this one
    const nextStart = all.slice(i + 1).map((s) => t[s]).find((x) => x !== undefined);
    let state: StageState;
    if (current < 0) state = 'waiting';
    else if (i < current) state = 'done';
    else if (i === current) state = st === 'ACTIVE' ? 'done' : failed ? 'failed' : 'running';
    else state = 'waiting';
    // a job seen going from pending straight to failed never showed importing: no tick for it
    if (failed && st === 'CREATE IN_PROGRESS' && start === undefined && state === 'done') return;
    const row: StageRow = { status: st, label: LABELS[st], state };
    if (st === 'ACTIVE' || st === 'CREATE FAILED') {
      // terminal rows carry the total time
      const first = t['CREATE PENDING'] ?? t['CREATE IN_PROGRESS'];
      if (start !== undefined && first !== undefined) row.elapsedMs = Math.max(0, start - first);
    } else if (start !== undefined && state !== 'waiting') {
      row.elapsedMs = Math.max(0, (nextStart ?? (state === 'running' ? nowMs : start)) - start);
      if (state === 'running' && nextStart === undefined) row.since = start;
    }
    if (st === 'CREATE FAILED' && input.failureReason) row.detail = input.failureReason;
    rows.push(row);
  });
  return rows;
}
