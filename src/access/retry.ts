// A new IAM role (or a role policy just added) is not usable for some seconds: IAM is eventually
// consistent, and Personalize answers a create made in that window as if the permission were
// missing. withIamPropagationRetry(fn) retries fn on exactly those errors, with exponential backoff
// (1 s, 2 s, 4 s … up to ~1 minute in all by default), telling the caller each time so the screen
// can say "waiting for IAM". Any other error, or the same one past the deadline, is thrown as is.
import { isAppError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';

/** The error Personalize gives a create whose role (or its policies) IAM has not propagated yet. */
export function isIamPropagationError(e: unknown): boolean {
  if (!isAppError(e) && !(e instanceof Error)) return false;
  if (isAppError(e) && !['invalid-input', 'access-denied'].includes(e.kind)) return false;
  const text = `${e.message} ${isAppError(e) && e.cause instanceof Error ? e.cause.message : ''}`;
  return /Insufficient privileges for accessing data in S3|(cannot|unable to|could not|failed to) assume (the )?role|not authorized to assume|role .{0,200} (does not exist|is invalid|cannot be assumed)/i.test(text);
}

export interface RetryOptions {
  clock: Pick<Clock, 'sleep'>;
  /** called before each wait: the attempt that failed (1-based), the wait, the error */
  onRetry?: (info: { attempt: number; waitMs: number; error: unknown }) => void;
  /** give up once this much has been waited in all (default 60 s) */
  maxWaitMs?: number;
  /** first wait (default 1 s), doubled each time, at most 16 s */
  baseMs?: number;
  signal?: AbortSignal;
}

export async function withIamPropagationRetry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const max = opts.maxWaitMs ?? 60_000;
  let wait = opts.baseMs ?? 1000;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isIamPropagationError(e) || waited + wait > max) throw e;
      opts.onRetry?.({ attempt, waitMs: wait, error: e });
      await opts.clock.sleep(wait, opts.signal);
      waited += wait;
      wait = Math.min(wait * 2, 16_000);
    }
  }
}
