// Follows one import job: an async iterator of snapshots, polling DescribeDatasetImportJob with
// backoff (fast after a change, slower while nothing happens), calm through throttling and dropped
// connections (a snapshot with a note), ending after ACTIVE or CREATE FAILED. Passing weather follows
// the one retry policy (src/job/retry.ts): the note says how long it has been failing, changing every
// 30 s, and after 10 minutes of failures the watch gives up with an error naming the re-attach command.
// Core module: no SDK imports; it talks to a PersonalizeApi.
import type { Clock, PersonalizeApi } from '../core/ports.js';
import type { ImportJob } from '../core/resources.js';
import { TERMINAL_JOB_STATUSES } from '../core/resources.js';
import { isAppError } from '../core/errors.js';
import { systemClock } from './clock.js';
import { failingNote, gaveUp, RETRY_POLICY, transientNote as weather, type RetryPolicy } from './retry.js';

/** Epoch ms at which each status was first seen (CREATE PENDING from creationDateTime when known). */
export type StageTimes = Record<string, number>;

export interface JobSnapshot {
  job: ImportJob;
  /** job.status, for convenience */
  status: string;
  /** ms since the job was created (since the watch started when the creation time is unknown) */
  elapsedMs: number;
  stageTimes: StageTimes;
  /** a passing condition worth a dim line: "throttled by AWS, still watching" … (changes every 30 s while it lasts) */
  note?: string;
  /** how long the polls have been failing (absent when the last one answered) */
  failingForMs?: number;
  /** the status differs from the previous snapshot's (always true for the first) */
  changed: boolean;
  /** true for the last snapshot (ACTIVE or CREATE FAILED) */
  done: boolean;
  /** ms until the next poll (for "next check in …"); 0 when done */
  nextPollMs: number;
}

export interface WatchOptions {
  clock?: Clock;
  signal?: AbortSignal;
  initialMs?: number;
  maxMs?: number;
  /** growth per quiet poll (default 1.5) */
  factor?: number;
  /** the retry policy for passing weather (tests shorten it); default RETRY_POLICY */
  retry?: RetryPolicy;
}

export function isTerminal(status: string): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}

/** Which failures are passing weather rather than an answer (keep watching through these), as the first note says it. */
export function transientNote(e: unknown): string | undefined {
  const base = weather(e);
  if (base === undefined) return undefined;
  return base === 'throttled by AWS' ? `${base}, still watching` : `${base}, retrying`;
}

function nameFromArn(arn: string): string {
  const i = arn.lastIndexOf('/');
  return i >= 0 ? arn.slice(i + 1) : arn;
}

export async function* watchJob(api: PersonalizeApi, arn: string, opts: WatchOptions = {}): AsyncGenerator<JobSnapshot, void, void> {
  const clock = opts.clock ?? systemClock;
  const initialMs = opts.initialMs ?? 2000;
  const maxMs = opts.maxMs ?? 30_000;
  const factor = opts.factor ?? 1.5;
  const startedAt = clock.now().getTime();
  const stageTimes: StageTimes = {};
  let job: ImportJob | undefined;
  let delay = initialMs;

  const policy = opts.retry ?? RETRY_POLICY;
  let failingSince: number | undefined;
  let failingFor: number | undefined;
  let lastYielded: string | undefined;
  const snapshot = (j: ImportJob, note: string | undefined, done: boolean, nextPollMs: number): JobSnapshot => {
    const origin = j.createdAt?.getTime() ?? startedAt;
    const end = done ? (j.updatedAt?.getTime() ?? clock.now().getTime()) : clock.now().getTime();
    const changed = j.status !== lastYielded;
    lastYielded = j.status;
    return { job: j, status: j.status, elapsedMs: Math.max(0, end - origin), stageTimes: { ...stageTimes }, note, ...(failingFor !== undefined ? { failingForMs: failingFor } : {}), changed, done, nextPollMs };
  };

  while (!opts.signal?.aborted) {
    let note: string | undefined;
    let changed = false;
    try {
      const next = await api.describeImportJob(arn);
      failingSince = undefined;
      failingFor = undefined;
      changed = !job || next.status !== job.status;
      job = next;
      if (changed && stageTimes[next.status] === undefined) {
        if (next.status === 'CREATE PENDING' && next.createdAt) stageTimes[next.status] = next.createdAt.getTime();
        else if (isTerminal(next.status) && next.updatedAt) stageTimes[next.status] = next.updatedAt.getTime();
        else stageTimes[next.status] = clock.now().getTime();
        // A job first seen mid-way started pending at creation time.
        if (next.status !== 'CREATE PENDING' && stageTimes['CREATE PENDING'] === undefined && next.createdAt) stageTimes['CREATE PENDING'] = next.createdAt.getTime();
      }
    } catch (e) {
      const first = transientNote(e);
      // Before the job was ever seen, an unreachable endpoint is a wrong setting, not weather.
      if (first === undefined || (!job && isAppError(e) && e.kind === 'network')) throw e;
      const now = clock.now().getTime();
      failingSince ??= now;
      failingFor = now - failingSince;
      if (failingFor >= policy.giveUpAfterMs) {
        throw gaveUp(e, `watching import job ${nameFromArn(arn)}`, failingFor, `The job itself keeps running in AWS. Follow it again once the service answers: personalize-import status ${arn}`);
      }
      note = failingFor < policy.reportEveryMs ? first : failingNote(weather(e)!, failingFor, policy);
    }
    if (opts.signal?.aborted) return;
    if (job && isTerminal(job.status)) {
      yield snapshot(job, note, true, 0);
      return;
    }
    delay = changed ? initialMs : Math.min(maxMs, Math.round(delay * factor));
    // Every poll yields (a view may show "last checked"); `changed` marks the ones worth a line.
    yield snapshot(job ?? { arn, name: nameFromArn(arn), status: 'UNKNOWN' }, note, false, delay);
    await clock.sleep(delay, opts.signal);
  }
}
