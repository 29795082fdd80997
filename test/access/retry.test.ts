// withIamPropagationRetry: retries exactly the "role not usable yet" errors with backoff. The
// sandbox's IAM is consistent at once (a new role is usable immediately), so the failing create is
// a fake function here, and the clock is a fake that records the waits instead of sleeping.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { isIamPropagationError, withIamPropagationRetry } from '../../src/access/retry.js';

function fakeClock() {
  const waits: number[] = [];
  return { waits, clock: { sleep: async (ms: number) => { waits.push(ms); } } };
}

const privileges = () => new AppError('invalid-input', 'Personalize rejected the request: Insufficient privileges for accessing data in S3');

describe('withIamPropagationRetry', () => {
  it('retries the privileges error with doubling waits, then returns the result', async () => {
    const { waits, clock } = fakeClock();
    let calls = 0;
    const seen: number[] = [];
    const r = await withIamPropagationRetry(async () => {
      calls++;
      if (calls < 4) throw privileges();
      return 'arn:job';
    }, { clock, onRetry: (i) => seen.push(i.attempt) });
    expect(r).toBe('arn:job');
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('gives up past the deadline and throws the last error', async () => {
    const { waits, clock } = fakeClock();
    await expect(withIamPropagationRetry(async () => { throw privileges(); }, { clock, maxWaitMs: 10_000 })).rejects.toThrow(/Insufficient privileges/);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('any other error is thrown at once', async () => {
    const { waits, clock } = fakeClock();
    await expect(withIamPropagationRetry(async () => { throw new AppError('conflict', 'Already exists: job'); }, { clock })).rejects.toThrow(/Already exists/);
    expect(waits).toEqual([]);
  });

  it('recognises the role errors, not others', () => {
    expect(isIamPropagationError(privileges())).toBe(true);
    expect(isIamPropagationError(new AppError('invalid-input', 'Personalize rejected the request: Amazon Personalize cannot assume the role arn:aws:iam::1:role/x'))).toBe(true);
    expect(isIamPropagationError(new AppError('invalid-input', 'Personalize rejected the request: Invalid Data location.'))).toBe(false);
    expect(isIamPropagationError(new AppError('network', 'Insufficient privileges for accessing data in S3'))).toBe(false);
  });
});
