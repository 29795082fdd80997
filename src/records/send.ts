// Sending records: batches of up to 10, a few calls in flight, calls started no faster than the
// service's rate (PutUsers / PutItems: 10 calls/s per dataset group; PutEvents: 1000/s), and
// per-record results. A call is all-or-nothing, so when the service rejects one (InvalidInputException)
// the batch is split in halves and resent until the rejected record stands alone: that record is
// reported with its line and the service's reason, the other nine still go in.
import { AppError, isAppError } from '../core/errors.js';
import type { EventRecord, ItemRecord, RecordsApi, UserRecord } from './ports.js';
import { LIMITS, type Converted, type SupportedType } from './convert.js';
import { systemClock } from '../job/clock.js';

/** Rates we stay under: 80 % of the users/items quota (other writers, e.g. the app, share it). */
export const DEFAULT_RATES: Record<SupportedType, { callsPerSecond: number; concurrency: number }> = {
  USERS: { callsPerSecond: 8, concurrency: 4 },
  ITEMS: { callsPerSecond: 8, concurrency: 4 },
  INTERACTIONS: { callsPerSecond: 500, concurrency: 8 },
};

export type Sendable = Extract<Converted, { ok: true }>;

export interface Batch {
  kind: SupportedType;
  records: Sendable[];
  /** INTERACTIONS: one user and session a call */
  userId?: string;
  sessionId?: string;
}

/**
 * Up to 10 records a batch. Users and items in file order; events grouped by user and session
 * (PutEvents takes one of each a call), each group in file order, groups by first appearance.
 */
export function batches(records: Sendable[], size: number = LIMITS.perCall): Batch[] {
  const out: Batch[] = [];
  if (records.length === 0) return out;
  const kind = records[0].kind;
  if (kind !== 'INTERACTIONS') {
    for (let i = 0; i < records.length; i += size) out.push({ kind, records: records.slice(i, i + size) });
    return out;
  }
  const groups = new Map<string, Sendable[]>();
  for (const r of records) {
    if (r.kind !== 'INTERACTIONS') continue;
    const k = JSON.stringify([r.userId, r.sessionId]);
    const g = groups.get(k) ?? [];
    g.push(r);
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    const first = g[0] as Extract<Sendable, { kind: 'INTERACTIONS' }>;
    for (let i = 0; i < g.length; i += size) out.push({ kind, records: g.slice(i, i + size), userId: first.userId, sessionId: first.sessionId });
  }
  return out;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) => (ms <= 0 ? Promise.resolve() : systemClock.sleep(ms, signal));

/**
 * Starts are spaced 1/rate apart: never more than `rate` calls begin in any one second. Each start
 * is checked against the last real one when its sleep ends: a stalled event loop (a busy machine)
 * wakes several sleepers at once, and they would otherwise all go out together — a burst the
 * service throttles.
 */
export class RateLimiter {
  private next = 0;
  private last = -Infinity;
  private readonly interval: number;
  constructor(callsPerSecond: number, private readonly sleep: Sleep = realSleep, private readonly now: () => number = Date.now) {
    this.interval = 1000 / callsPerSecond;
  }
  async take(signal?: AbortSignal): Promise<void> {
    const t = this.now();
    const at = Math.max(t, this.next);
    this.next = at + this.interval;
    if (at > t) await this.sleep(at - t, signal);
    for (let now = this.now(); now < this.last + this.interval; now = this.now()) await this.sleep(this.last + this.interval - now, signal);
    this.last = this.now();
    this.next = Math.max(this.next, this.last + this.interval);
  }
}

/**
 * sent: the service answered yes · rejected: our check or the service said no · unsent: never
 * reached the service, or the service answered that it did not take them (throttled, a quota) ·
 * unknown: the request may have reached the service but no answer says what became of it — the
 * call was in flight when the run stopped (Ctrl-C), or it ended without an answer (the connection
 * dropped or timed out after the request was written, a 5xx after the SDK's retries): the records
 * may have gone in.
 */
export type RecordStatus = 'sent' | 'rejected' | 'unsent' | 'unknown';

/** Why a record's outcome is `unknown` (said in the report, --json and on screen): cut at Ctrl-C. */
export const UNKNOWN_REASON = 'in flight when stopped (Ctrl-C): may have gone in';

/** The reason of an `unknown` record whose call ended without an answer (the error said in it). */
export function noAnswerReason(why: string): string {
  return `${NO_ANSWER_PREFIX}${why}): may have gone in`;
}
const NO_ANSWER_PREFIX = 'no answer from the service (';

/** What made a record's outcome unknown: cut at Ctrl-C, or no answer (see RecordStatus). */
export function unknownCause(reason: string | undefined): 'stop' | 'no-answer' {
  return reason?.startsWith(NO_ANSWER_PREFIX) ? 'no-answer' : 'stop';
}

/**
 * Did the service certainly not take the records? It said so (throttled, a quota), or the
 * connection was never made (refused, no such host: AppError.notSent). Any other failure of a call
 * whose request was written — a connection dropped or timed out before the answer, a 5xx — leaves
 * their outcome unknown: a 5xx or a lost answer may come after the records were stored.
 */
function certainlyNotTaken(e: unknown): boolean {
  // (unless an earlier attempt of the SDK's retries was cut or answered 5xx: AppError.mayHaveLanded)
  return isAppError(e) && !e.mayHaveLanded && (e.kind === 'throttled' || e.kind === 'limit' || e.notSent === true);
}

/**
 * After Ctrl-C, how long the calls already in flight may take to answer before they are cut:
 * most answer within a fraction of a second, and an answered call's records are known to be in
 * (or rejected); only a call cut before its answer leaves records `unknown`.
 */
export const STOP_GRACE_MS = 2000;

/** Said at Ctrl-C while records are being sent (the line face and the wizard). */
export const STOPPING_TEXT = `Stopping: no new call starts; the calls in flight get ${STOP_GRACE_MS / 1000} s to answer (then their records' outcome is unknown).`;

export interface RecordResult {
  line: number;
  /** USER_ID, ITEM_ID, or USER_ID/ITEM_ID/TIMESTAMP for an event */
  id: string;
  status: RecordStatus;
  /** why it was rejected or not sent */
  reason?: string;
  /** who rejected it: our check before sending, or the service */
  by?: 'check' | 'service';
}

export interface SendProgress {
  total: number;
  sent: number;
  rejected: number;
  calls: number;
  /** records whose call was cut in flight by a stop (see RecordStatus) */
  unknown: number;
}

export type Target = { kind: 'USERS'; datasetArn: string } | { kind: 'ITEMS'; datasetArn: string } | { kind: 'INTERACTIONS'; trackingId: string };

export interface SendOptions {
  api: RecordsApi;
  target: Target;
  batches: Batch[];
  callsPerSecond?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: SendProgress) => void;
  /** each record's outcome as soon as it is known (the report is written as the run goes) */
  onResults?: (r: RecordResult[]) => void;
  sleep?: Sleep;
  /** after `signal` aborts, how long calls in flight may take to answer before they are cut (STOP_GRACE_MS) */
  graceMs?: number;
}

export interface SendOutcome {
  results: RecordResult[];
  calls: number;
  /** a problem that stopped the run (credentials, permissions, a missing dataset, Ctrl-C); the
   * records not sent because of it are `unsent` and a --resume sends them */
  stopped?: AppError;
}

/** An error the service gave for the records themselves (split and retry), vs one for the whole run. */
function isRecordRejection(e: unknown): e is AppError {
  return isAppError(e) && e.kind === 'invalid-input';
}

/** Stops the whole run: nothing else will go through either. */
function isFatal(e: unknown): boolean {
  if (!isAppError(e)) return true;
  return ['no-credentials', 'expired-token', 'access-denied', 'not-found', 'region-missing', 'interrupted', 'conflict', 'usage'].includes(e.kind);
}

function reasonOf(e: unknown): string {
  if (isAppError(e)) return e.message.replace(/^Personalize rejected the request: /, '');
  return e instanceof Error ? e.message : String(e);
}

export async function sendBatches(o: SendOptions): Promise<SendOutcome> {
  const kind = o.target.kind;
  const rates = DEFAULT_RATES[kind];
  const limiter = new RateLimiter(o.callsPerSecond ?? rates.callsPerSecond, o.sleep ?? realSleep);
  const concurrency = Math.max(1, o.concurrency ?? rates.concurrency);
  const results: RecordResult[] = [];
  const total = o.batches.reduce((s, b) => s + b.records.length, 0);
  const progress: SendProgress = { total, sent: 0, rejected: 0, calls: 0, unknown: 0 };
  let stopped: AppError | undefined;
  const queue = [...o.batches];
  // Ctrl-C stops new calls at once; the calls in flight get graceMs to answer, then are cut
  const cut = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onStop = () => {
    graceTimer = setTimeout(() => cut.abort(), Math.max(0, o.graceMs ?? STOP_GRACE_MS));
  };
  if (o.signal?.aborted) cut.abort();
  else o.signal?.addEventListener('abort', onStop, { once: true });

  const report = () => o.onProgress?.({ ...progress });
  const mark = (recs: Sendable[], status: RecordStatus, reason?: string, by?: RecordResult['by']) => {
    const now = recs.map((r): RecordResult => ({ line: r.line, id: r.id, status, ...(reason ? { reason } : {}), ...(by ? { by } : {}) }));
    results.push(...now);
    o.onResults?.(now);
    if (status === 'sent') progress.sent += recs.length;
    if (status === 'rejected') progress.rejected += recs.length;
    if (status === 'unknown') progress.unknown += recs.length;
    report();
  };

  const interrupted = () => new AppError('interrupted', 'Stopped (Ctrl-C) before every record was sent.');

  /** Makes the call; `flight.started` says whether its request was begun (then a cut leaves it unknown). */
  async function put(b: Batch, recs: Sendable[], flight: { started: boolean }): Promise<void> {
    await limiter.take(o.signal);
    if (o.signal?.aborted) throw interrupted();
    progress.calls++;
    flight.started = true;
    const t = o.target;
    if (t.kind === 'USERS') await o.api.putUsers(t.datasetArn, recs.map((r) => r.record as UserRecord), cut.signal);
    else if (t.kind === 'ITEMS') await o.api.putItems(t.datasetArn, recs.map((r) => r.record as ItemRecord), cut.signal);
    else await o.api.putEvents({ trackingId: t.trackingId, userId: b.userId, sessionId: b.sessionId ?? b.userId ?? '', events: recs.map((r) => r.record as EventRecord) }, cut.signal);
  }

  /** Sends recs; on a rejection splits them until the rejected record(s) stand alone. */
  async function sendSplitting(b: Batch, recs: Sendable[]): Promise<void> {
    if (stopped) return mark(recs, 'unsent', stopped.message);
    const flight = { started: false };
    try {
      await put(b, recs, flight);
      mark(recs, 'sent');
    } catch (e) {
      if (flight.started && cut.signal.aborted) {
        // cut after the grace: the request may have reached the service, its answer never came
        stopped ??= interrupted();
        return mark(recs, 'unknown', UNKNOWN_REASON);
      }
      if (isRecordRejection(e)) {
        if (recs.length === 1) return mark(recs, 'rejected', reasonOf(e), 'service');
        const mid = Math.ceil(recs.length / 2);
        await sendSplitting(b, recs.slice(0, mid));
        await sendSplitting(b, recs.slice(mid));
        return;
      }
      if (isFatal(e)) {
        stopped ??= isAppError(e) ? e : new AppError('internal', reasonOf(e), { cause: e });
        return mark(recs, 'unsent', stopped.message);
      }
      // the run goes on and a --resume sends them again: throttled beyond the SDK's retries or
      // never connected, they did not go in; a dropped answer or a 5xx, they may have
      if (certainlyNotTaken(e)) mark(recs, 'unsent', reasonOf(e));
      else mark(recs, 'unknown', noAnswerReason(reasonOf(e)));
    }
  }

  async function worker(): Promise<void> {
    for (;;) {
      const b = queue.shift();
      if (!b) return;
      if (o.signal?.aborted && !stopped) stopped = interrupted();
      await sendSplitting(b, b.records);
    }
  }

  report();
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, () => worker()));
  } finally {
    clearTimeout(graceTimer);
    o.signal?.removeEventListener('abort', onStop);
  }
  results.sort((a, b) => a.line - b.line);
  return { results, calls: progress.calls, ...(stopped ? { stopped } : {}) };
}
