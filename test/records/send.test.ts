// A call in flight when the run stops (Ctrl-C): the sandbox stores the records at once and answers
// late (setEventsAnswerDelay), so the stop lands between the request and its answer — the real SDK
// client over loopback, no mocked client. Cut before its answer: `unknown` (it did go in, as the
// sandbox's state shows); answered within the grace: `sent`; never started: `unsent`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { withSandbox } from '../helpers/sandbox.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { batches, RateLimiter, sendBatches, UNKNOWN_REASON, type SendProgress, type Sendable } from '../../src/records/send.js';

const sb = withSandbox({ jobSeconds: 0 });
let deps: AwsDeps;

beforeAll(async () => {
  const out = new PassThrough();
  deps = await createDeps({ io: { stdout: out, stderr: out, stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: process.cwd() } });
});
afterAll(() => deps?.close());
afterEach(() => sb.sandbox.setEventsAnswerDelay(0));

const users = (prefix: string, n: number): Sendable[] =>
  Array.from({ length: n }, (_, i) => ({ ok: true, kind: 'USERS', line: i + 2, id: `${prefix}${i}`, record: { userId: `${prefix}${i}` } }) as Sendable);

/** Resolves once the sandbox has received (and stored) a PutUsers since `since`: the call is in flight. */
async function inFlight(since: number): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (sb.sandbox.requests.slice(since).some((x) => x.operation === 'PutUsers')) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('no PutUsers reached the sandbox');
}

async function stopMidFlight(prefix: string, answerDelayMs: number, graceMs: number) {
  sb.sandbox.setEventsAnswerDelay(answerDelayMs);
  const ac = new AbortController();
  const since = sb.sandbox.requests.length;
  const seen: SendProgress[] = [];
  const running = sendBatches({
    api: deps.records,
    target: { kind: 'USERS', datasetArn: sb.seeded.datasetArn('custom', 'USERS') },
    batches: batches(users(prefix, 25)),
    concurrency: 1,
    callsPerSecond: 100,
    signal: ac.signal,
    graceMs,
    onProgress: (p) => seen.push(p),
  });
  await inFlight(since);
  ac.abort();
  const t0 = performance.now();
  const out = await running;
  const stored = sb.sandbox.state.records(sb.seeded.datasetArn('custom', 'USERS')).individual.filter((x) => x.USER_ID.startsWith(prefix)).length;
  return { out, stored, seen, waitedMs: performance.now() - t0 };
}

describe('sendBatches: a stop while a call is in flight', () => {
  it('a call cut before its answer is `unknown` (its records did go in); the batches never started are `unsent`', async () => {
    const { out, stored, seen } = await stopMidFlight('cut-', 3000, 50);
    expect(out.stopped?.kind).toBe('interrupted');
    expect(out.calls).toBe(1);
    const by = (s: string) => out.results.filter((x) => x.status === s).map((x) => x.line);
    expect(by('unknown')).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(out.results.find((x) => x.status === 'unknown')?.reason).toBe(UNKNOWN_REASON);
    expect(by('unsent')).toHaveLength(15);
    expect(by('sent')).toEqual([]);
    // the service did take them: "unsent" would have been a lie
    expect(stored).toBe(10);
    expect(seen.at(-1)).toMatchObject({ unknown: 10, sent: 0 });
  });

  it('a call that answers within the grace after the stop is `sent`, not unknown', async () => {
    const { out, stored } = await stopMidFlight('grace-', 300, 10_000);
    expect(out.stopped?.kind).toBe('interrupted');
    expect(out.results.filter((x) => x.status === 'sent')).toHaveLength(10);
    expect(out.results.filter((x) => x.status === 'unknown')).toHaveLength(0);
    expect(out.results.filter((x) => x.status === 'unsent')).toHaveLength(15);
    expect(stored).toBe(10);
  });
});

// A fake clock (no sandbox needed: this is the limiter's arithmetic): a stalled event loop — a busy
// machine, as in CI — wakes every due sleeper at once; the starts must still be 1/rate apart, or the
// calls go out in a burst the service throttles (seen in CI: 31 PutItems for 30 batches).
describe('RateLimiter', () => {
  it('keeps starts 1/rate apart when a stall wakes several sleepers at once', async () => {
    let clock = 0;
    const pending: { until: number; resolve: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => pending.push({ until: clock + ms, resolve }));
    const limiter = new RateLimiter(8, sleep, () => clock);
    const starts: number[] = [];
    const runs = Array.from({ length: 5 }, async () => {
      await limiter.take();
      starts.push(clock);
    });
    for (let round = 0; round < 100 && starts.length < 5; round++) {
      await new Promise((r) => setImmediate(r));
      // first a stall: nothing runs until 600 ms; then the clock goes to the next sleeper's time
      clock = round === 0 ? 600 : Math.max(clock, ...(pending.length ? [Math.min(...pending.map((p) => p.until))] : []));
      for (const p of pending.filter((x) => x.until <= clock)) {
        pending.splice(pending.indexOf(p), 1);
        p.resolve();
      }
    }
    await Promise.all(runs);
    expect(starts).toHaveLength(5);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1], starts.join(' ')).toBeGreaterThanOrEqual(125);
  });
});
