// The import jobs of several datasets of one group (issue #19), created as the service allows and
// each followed to its own end. Personalize runs at most 5 import jobs (PENDING or IN_PROGRESS) in a
// region, counting the account's other jobs: before each create the running jobs are counted
// (`runningJobs`), and when none is free the next job waits for one of ours to end (or re-counts
// after `pollMs`, for the account's others). A LimitExceededException at create time (someone else
// took the slot) is waited out the same way. Items and users go first (a recommender reads them with
// the interactions; their jobs are small), then the rest. A job that fails, or cannot be created,
// does not stop the others: every job ends with its own outcome and explanation.
// Core module: no SDK (a PersonalizeApi port), no UI.
import type { Clock, PersonalizeApi } from '../core/ports.js';
import type { DatasetType, ImportMode } from '../core/resources.js';
import { isAppError } from '../core/errors.js';
import { matchCreateError, matchFailure } from '../diagnose/catalogue.js';
import { factsOfJob } from '../diagnose/known.js';
import { createWithFreshName } from '../job/name.js';
import { watchJob } from '../job/watcher.js';

export const REGION_JOB_LIMIT = 5;

export interface GroupJobSpec {
  type: DatasetType;
  /** the local file it came from (shown) */
  file: string;
  datasetArn: string;
  dataLocation: string;
  /** a generated name: on a clash it gets a random suffix */
  jobName: string;
  /** this job's mode when it differs from the options' (a dataset with data beside new ones) */
  importMode?: ImportMode;
}

export interface Explanation {
  title: string;
  cause: string;
  fix: string;
}

export interface GroupJobResult {
  type: DatasetType;
  file: string;
  datasetArn: string;
  dataLocation: string;
  jobName: string;
  datasetImportJobArn?: string;
  /** ACTIVE, CREATE FAILED; NOT CREATED (the create call failed); the last status seen when interrupted */
  status: string;
  failureReason?: string;
  explanation?: Explanation;
  elapsedMs?: number;
  /** true when the watch was stopped (Ctrl-C): the job goes on in AWS */
  interrupted?: boolean;
}

export type GroupJobEvent =
  | { kind: 'waiting'; type: DatasetType; running: number }
  | { kind: 'created'; type: DatasetType; arn: string; name: string }
  | { kind: 'status'; type: DatasetType; status: string; elapsedMs: number; note?: string }
  | { kind: 'done'; result: GroupJobResult };

export interface GroupJobOptions {
  roleArn: string;
  importMode: ImportMode;
  tags?: Record<string, string>;
  /** PENDING or IN_PROGRESS import jobs in the region now (the account's, ours included) */
  runningJobs(): Promise<number>;
  clock: Clock;
  signal?: AbortSignal;
  /** re-count the running jobs this often while waiting for a slot (default 15 s) */
  pollMs?: number;
  watch?: { initialMs?: number; maxMs?: number };
  onEvent?(e: GroupJobEvent): void;
  limit?: number;
}

const ORDER: DatasetType[] = ['ITEMS', 'USERS', 'ACTIONS', 'INTERACTIONS', 'ACTION_INTERACTIONS'];

function explain(m: { title: string; cause: string; fix: string }): Explanation {
  return { title: m.title, cause: m.cause, fix: m.fix };
}

function isLimit(e: unknown): boolean {
  return isAppError(e) && (e.kind === 'limit' || e.awsName === 'LimitExceededException');
}

/** Creates and follows every job; resolves when each has ended (or the signal stopped the watch). */
export async function runGroupJobs(api: PersonalizeApi, specs: GroupJobSpec[], o: GroupJobOptions): Promise<GroupJobResult[]> {
  const limit = o.limit ?? REGION_JOB_LIMIT;
  const queue = [...specs].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  const results = new Map<GroupJobSpec, GroupJobResult>();
  const watching = new Set<Promise<void>>();
  const emit = (e: GroupJobEvent) => o.onEvent?.(e);
  const base = (s: GroupJobSpec): GroupJobResult => ({ type: s.type, file: s.file, datasetArn: s.datasetArn, dataLocation: s.dataLocation, jobName: s.jobName, status: 'NOT CREATED' });

  const follow = (s: GroupJobSpec, r: GroupJobResult): Promise<void> => {
    const p = (async () => {
      try {
        for await (const snap of watchJob(api, r.datasetImportJobArn!, { clock: o.clock, signal: o.signal, ...o.watch })) {
          r.status = snap.status;
          r.elapsedMs = snap.elapsedMs;
          if (snap.changed || snap.note) emit({ kind: 'status', type: s.type, status: snap.status, elapsedMs: snap.elapsedMs, ...(snap.note ? { note: snap.note } : {}) });
          if (snap.done) {
            if (snap.job.failureReason) r.failureReason = snap.job.failureReason;
            if (snap.status !== 'ACTIVE') r.explanation = explain(matchFailure(snap.job.failureReason, factsOfJob(snap.job)));
          }
        }
        if (o.signal?.aborted && r.status !== 'ACTIVE' && r.status !== 'CREATE FAILED') r.interrupted = true;
      } catch (e) {
        // the watch gave up (the service stopped answering): the job itself goes on
        r.interrupted = true;
        r.explanation = { title: 'Could not follow the job', cause: e instanceof Error ? e.message : String(e), fix: `Follow it with: personalize-import status ${r.datasetImportJobArn}` };
      }
      emit({ kind: 'done', result: r });
    })();
    watching.add(p);
    void p.finally(() => watching.delete(p));
    return p;
  };

  /** until a slot may be free: one of ours ends, or the poll interval passes */
  const waitForSlot = async () => {
    const sleep = o.clock.sleep(o.pollMs ?? 15_000, o.signal).catch(() => undefined);
    await Promise.race([sleep, ...watching]);
  };

  while (queue.length && !o.signal?.aborted) {
    const s = queue[0];
    let running = 0;
    try {
      running = await o.runningJobs();
    } catch {
      running = watching.size; // cannot count the account's: ours at least (a create then tells)
    }
    if (running >= limit) {
      emit({ kind: 'waiting', type: s.type, running });
      await waitForSlot();
      continue;
    }
    queue.shift();
    const r = base(s);
    results.set(s, r);
    try {
      const made = await createWithFreshName(s.jobName, true, (name) => api.createImportJob({
        name, datasetArn: s.datasetArn, dataLocation: s.dataLocation, roleArn: o.roleArn, importMode: s.importMode ?? o.importMode, ...(o.tags ? { tags: o.tags } : {}),
      }));
      r.jobName = made.name;
      r.datasetImportJobArn = made.result;
      r.status = 'CREATE PENDING';
      emit({ kind: 'created', type: s.type, arn: made.result, name: made.name });
      void follow(s, r);
    } catch (e) {
      if (isLimit(e)) {
        // another job took the slot between the count and the create: wait, then try again
        results.delete(s);
        queue.unshift(s);
        emit({ kind: 'waiting', type: s.type, running: limit });
        await waitForSlot();
        continue;
      }
      if (isAppError(e) && e.kind === 'interrupted') break;
      r.failureReason = e instanceof Error ? e.message : String(e);
      r.explanation = explain(matchCreateError(e));
      emit({ kind: 'done', result: r });
    }
  }
  while (watching.size) await Promise.all([...watching]);
  // the jobs never created (stopped before their turn) are listed too
  for (const s of queue) if (!results.has(s)) results.set(s, { ...base(s), interrupted: true });
  return specs.map((s) => results.get(s)!);
}
