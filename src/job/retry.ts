// The one retry policy every command follows for passing weather — throttling, a dropped
// connection, an HTTP 5xx: back off (1 s, doubling, at most 30 s between tries), say every 30 s how
// long it has been failing, and give up after 10 minutes with the last error (exit 1). The SDK's own
// few quick retries happen inside each try. The job watcher polls by it, and every list call
// fetches each page through withRetry, so a throttled `history` waits instead of dropping the pages
// it had. Core module: no SDK imports.
import { AppError, isAppError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import { systemClock } from './clock.js';

export interface RetryPolicy {
  /** first wait after a failure */
  firstDelayMs: number;
  /** longest wait between tries */
  maxDelayMs: number;
  factor: number;
  /** stop retrying once the failures have lasted this long */
  giveUpAfterMs: number;
  /** how often to say that it is still failing */
  reportEveryMs: number;
}

export const RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  giveUpAfterMs: 10 * 60_000,
  reportEveryMs: 30_000,
});

/** The policy with another give-up time (`status --give-up-after`); reports come at most every 30 s, at least 4 times. */
export function policyGivingUpAfter(ms: number): RetryPolicy {
  return { ...RETRY_POLICY, giveUpAfterMs: ms, reportEveryMs: Math.min(RETRY_POLICY.reportEveryMs, Math.max(1000, Math.floor(ms / 4))) };
}

/** Which failures are passing weather rather than an answer: retry through these. */
export function transientNote(e: unknown): string | undefined {
  if (!isAppError(e)) return undefined;
  if (e.kind === 'throttled') return 'throttled by AWS';
  if (e.kind === 'network') return 'connection dropped';
  const status = (e.cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (e.kind === 'internal' && status !== undefined && status >= 500) return `AWS answered HTTP ${status}`;
  return undefined;
}

/** The wait before try number `attempt` (1 = the first retry). */
export function retryDelay(attempt: number, policy: RetryPolicy = RETRY_POLICY): number {
  return Math.min(policy.maxDelayMs, Math.round(policy.firstDelayMs * policy.factor ** Math.max(0, attempt - 1)));
}

export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  return r ? `${m} min ${r} s` : `${m} min`;
}

/**
 * The note for a failure that has lasted `failingForMs`: the bare condition at first, then its
 * duration rounded down to the report interval — so the text changes (and is worth a line) only
 * every `reportEveryMs`.
 */
export function failingNote(base: string, failingForMs: number, policy: RetryPolicy = RETRY_POLICY): string {
  if (failingForMs < policy.reportEveryMs) return `${base}, retrying`;
  const shown = Math.floor(failingForMs / policy.reportEveryMs) * policy.reportEveryMs;
  return `${base} for ${shortDuration(shown)}, still retrying (gives up after ${shortDuration(policy.giveUpAfterMs)})`;
}

/** The error to end with once the failures have lasted too long: the last one's kind, said plainly. */
export function gaveUp(last: unknown, what: string, failingForMs: number, hint?: string): AppError {
  const base = transientNote(last) ?? 'failing';
  const kind = isAppError(last) ? last.kind : 'network';
  const detail = last instanceof Error ? ` Last error: ${last.message}` : '';
  return new AppError(kind, `Gave up ${what}: ${base} for ${shortDuration(failingForMs)}.${detail}`, { hint: hint ?? 'Try again later; if it keeps happening, check the network and the service health for the region.', cause: last });
}

export interface RetryOptions {
  clock?: Clock;
  signal?: AbortSignal;
  policy?: RetryPolicy;
  /** what is being done, for the give-up message ("listing import jobs") */
  what?: string;
  /** told when the note changes: at the first failure, then every reportEveryMs */
  onNote?: (note: string, failingForMs: number) => void;
  /**
   * true: a dropped connection before anything ever answered is a wrong setting (an endpoint
   * nothing listens on), not weather — throw at once. Default false.
   */
  networkFailsFast?: boolean;
}

/** Runs `fn`, retrying passing weather by the policy; anything else is thrown at once. */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const clock = opts.clock ?? systemClock;
  const policy = opts.policy ?? RETRY_POLICY;
  let since: number | undefined;
  let attempt = 0;
  let lastNote: string | undefined;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      const base = transientNote(e);
      if (base === undefined || opts.signal?.aborted) throw e;
      if (opts.networkFailsFast && isAppError(e) && e.kind === 'network') throw e;
      const now = clock.now().getTime();
      since ??= now;
      const failing = now - since;
      if (failing >= policy.giveUpAfterMs) throw gaveUp(e, opts.what ?? 'retrying', failing);
      const note = failingNote(base, failing, policy);
      if (note !== lastNote) opts.onNote?.(note, failing);
      lastNote = note;
      attempt += 1;
      await clock.sleep(Math.min(retryDelay(attempt, policy), Math.max(1, policy.giveUpAfterMs - failing)), opts.signal);
      if (opts.signal?.aborted) throw e;
    }
  }
}
