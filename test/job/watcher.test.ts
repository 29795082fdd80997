// watchJob against the in-process sandbox through the real SDK (createDeps from the sandbox env),
// with the sandbox's fault injection for throttling and dropped connections.
// The clock is an injected FAST clock: real wall time, but each sleep lasts 1/40 of what the
// watcher asks for (and every request is recorded), so the backoff schedule can be checked
// without waiting for it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { testIo } from '../aws/test-io.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { watchJob, type JobSnapshot } from '../../src/job/watcher.js';
import { stageRows } from '../../src/job/stages.js';
import { createLinePrinter } from '../../src/job/lines.js';
import type { Clock } from '../../src/core/ports.js';
import { AppError } from '../../src/core/errors.js';

const sb = withSandbox({ jobSeconds: 2 }); // 0.5 s PENDING, 1.5 s IN_PROGRESS
const SAMPLE = path.resolve(__dirname, '../../samples/interactions.csv');
let deps: AwsDeps;
let n = 0;

function fastClock(scale = 40): Clock & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    now: () => new Date(),
    sleep: (ms, signal) => {
      asked.push(ms);
      return new Promise((resolve) => {
        const t = setTimeout(resolve, ms / scale);
        signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
      });
    },
  };
}

async function newJob(bucket = sb.sandbox.bucket): Promise<string> {
  const key = `watch/interactions-${n}.csv`;
  await deps.s3.upload({ bucket, key, file: SAMPLE });
  return deps.personalize.createImportJob({
    name: `watch-${n++}`, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
    dataLocation: `s3://${bucket}/${key}`, roleArn: sb.sandbox.roleArn, importMode: 'FULL',
  });
}

async function collect(it: AsyncIterable<JobSnapshot>): Promise<JobSnapshot[]> {
  const out: JobSnapshot[] = [];
  for await (const s of it) out.push(s);
  return out;
}

beforeAll(async () => {
  deps = await createDeps({ io: testIo(sb.env) });
});
afterAll(async () => {
  await deps?.close();
});

describe('watchJob', () => {
  it('follows PENDING → IN_PROGRESS → ACTIVE and ends; backoff grows ×1.5 and resets on a change', async () => {
    const arn = await newJob();
    const clock = fastClock();
    const snaps = await collect(watchJob(deps.personalize, arn, { clock, initialMs: 2000, maxMs: 30_000 }));
    const changes = snaps.filter((s) => s.changed).map((s) => s.status);
    expect(changes).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    const last = snaps.at(-1)!;
    expect(last.done).toBe(true);
    expect(snaps.slice(0, -1).every((s) => !s.done)).toBe(true);
    expect(Object.keys(last.stageTimes)).toEqual(expect.arrayContaining(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']));
    expect(last.elapsedMs).toBeGreaterThan(0);
    // the schedule: 2000 after each change, then ×1.5 while nothing changes, capped
    expect(clock.asked[0]).toBe(2000);
    for (let i = 1; i < snaps.length - 1; i++) {
      const expected = snaps[i].changed ? 2000 : Math.min(30_000, Math.round(clock.asked[i - 1] * 1.5));
      expect(clock.asked[i]).toBe(expected);
    }
    expect(clock.asked.every((ms) => ms <= 30_000)).toBe(true);
  });

  it('stays calm through throttling and dropped connections: notes, no throw', async () => {
    const arn = await newJob();
    const clock = fastClock();
    const snaps: JobSnapshot[] = [];
    let injected = false;
    for await (const s of watchJob(deps.personalize, arn, { clock, initialMs: 500 })) {
      snaps.push(s);
      if (!injected) {
        // the SDK makes 3 attempts per call: 6 throttles = two watcher polls throttled, then 3 drops = one more
        sb.sandbox.faults.inject('DescribeDatasetImportJob', { kind: 'throttle', count: 6 });
        sb.sandbox.faults.inject('DescribeDatasetImportJob', { kind: 'disconnect', count: 3 });
        injected = true;
      }
    }
    const notes = snaps.map((s) => s.note).filter(Boolean);
    expect(notes).toContain('throttled by AWS, still watching');
    expect(notes).toContain('connection dropped, retrying');
    expect(snaps.at(-1)!.status).toBe('ACTIVE');
    // a note snapshot carries the last known job, not a blank
    expect(snaps.find((s) => s.note)!.job.arn).toBe(arn);
  });

  it('ends with CREATE FAILED and the failure reason; the rows nest it under the failed stage', async () => {
    const arn = await newJob(sb.sandbox.noGrantBucket);
    const snaps = await collect(watchJob(deps.personalize, arn, { clock: fastClock() }));
    const last = snaps.at(-1)!;
    expect(last.status).toBe('CREATE FAILED');
    expect(last.job.failureReason).toMatch(/Insufficient privileges/);
    const rows = stageRows({ status: last.status, stageTimes: last.stageTimes, failureReason: last.job.failureReason }, Date.now());
    expect(rows.at(-1)).toMatchObject({ status: 'CREATE FAILED', state: 'failed', detail: last.job.failureReason });
  });

  it('a job that does not exist is an error, not weather', async () => {
    const it = watchJob(deps.personalize, 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/nope', { clock: fastClock() });
    await expect(collect(it)).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('an unreachable endpoint before the job was ever seen is an error', async () => {
    const dead = await createDeps({ io: testIo({ ...sb.env, AWS_ENDPOINT_URL_PERSONALIZE: 'http://127.0.0.1:9' }) });
    try {
      const e = await collect(watchJob(dead.personalize, 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/x', { clock: fastClock() })).catch((x) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e.kind).toBe('network');
      expect(e.message).toContain('http://127.0.0.1:9');
    } finally {
      await dead.close();
    }
  });

  it('stops quietly when its signal aborts', async () => {
    const arn = await newJob();
    const controller = new AbortController();
    const snaps: JobSnapshot[] = [];
    for await (const s of watchJob(deps.personalize, arn, { clock: fastClock(), signal: controller.signal })) {
      snaps.push(s);
      controller.abort();
    }
    expect(snaps.length).toBe(1);
    expect(snaps[0].done).toBe(false);
  });

  it('the line printer prints one line per change, notes once, the reason beneath a failure', async () => {
    const arn = await newJob(sb.sandbox.noGrantBucket);
    let text = '';
    const printer = createLinePrinter({ write: (s: string) => (text += s) });
    for await (const s of watchJob(deps.personalize, arn, { clock: fastClock() })) printer.print(s);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Import job watch-\d+ \(FULL from s3:\/\/personalize-sandbox-nogrant\//);
    expect(lines.filter((l) => /\] CREATE PENDING$/.test(l))).toHaveLength(1);
    expect(lines.some((l) => /^ {2}\[\d+:\d\d\] CREATE FAILED$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^ {4}reason: Insufficient privileges/);
    expect(text).not.toMatch(/\x1b\[/); // no colour unless asked
  });
});
