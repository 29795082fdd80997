// The one retry policy (src/job/retry.ts) on its own, with a fake clock: which errors are weather,
// the backoff, the notes every reportEvery, giving up after giveUpAfter. The commands using it are
// tested against the sandbox (test/commands/status.test.ts, history.test.ts).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import type { Clock } from '../../src/core/ports.js';
import { failingNote, policyGivingUpAfter, RETRY_POLICY, retryDelay, withRetry } from '../../src/job/retry.js';

function fakeClock(): Clock & { slept: number[] } {
  let t = 1_000_000;
  const slept: number[] = [];
  return { slept, now: () => new Date(t), sleep: async (ms) => { slept.push(ms); t += ms; } };
}
const throttled = () => new AppError('throttled', 'AWS is throttling requests (ThrottlingException) while trying to list import jobs.');

describe('retry policy', () => {
  it('is documented numbers: 1 s doubling to 30 s, notes every 30 s, gives up after 10 min', () => {
    expect(RETRY_POLICY).toMatchObject({ firstDelayMs: 1000, maxDelayMs: 30_000, giveUpAfterMs: 600_000, reportEveryMs: 30_000 });
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => retryDelay(a))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('retries weather until it answers; the notes change only every reportEvery', async () => {
    const clock = fakeClock();
    const notes: string[] = [];
    let calls = 0;
    const v = await withRetry(async () => {
      calls += 1;
      if (calls < 9) throw throttled();
      return 'pages';
    }, { clock, onNote: (n) => notes.push(n) });
    expect(v).toBe('pages');
    expect(clock.slept).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(notes).toEqual([
      'throttled by AWS, retrying',
      'throttled by AWS for 30 s, still retrying (gives up after 10 min)',
      'throttled by AWS for 1 min, still retrying (gives up after 10 min)',
      'throttled by AWS for 1 min 30 s, still retrying (gives up after 10 min)',
    ]);
  });

  it('gives up after giveUpAfter with the last error\'s kind (exit 1) and says for how long', async () => {
    const clock = fakeClock();
    const e = await withRetry(async () => { throw throttled(); }, { clock, what: 'listing import jobs', policy: policyGivingUpAfter(60_000) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).kind).toBe('throttled');
    expect((e as AppError).exitCode).toBe(1);
    expect((e as AppError).message).toMatch(/^Gave up listing import jobs: throttled by AWS for 1 min\./);
  });

  it('an answer (not weather) is thrown at once; a dropped connection before anything answered too when asked', async () => {
    const clock = fakeClock();
    const denied = new AppError('access-denied', 'no');
    await expect(withRetry(async () => { throw denied; }, { clock })).rejects.toBe(denied);
    const net = new AppError('network', 'Could not reach http://127.0.0.1:1 (ECONNREFUSED)');
    await expect(withRetry(async () => { throw net; }, { clock, networkFailsFast: true })).rejects.toBe(net);
    expect(clock.slept).toEqual([]);
  });

  it('failingNote rounds down to the report interval', () => {
    expect(failingNote('connection dropped', 29_000)).toBe('connection dropped, retrying');
    expect(failingNote('connection dropped', 95_000)).toBe('connection dropped for 1 min 30 s, still retrying (gives up after 10 min)');
  });
});
