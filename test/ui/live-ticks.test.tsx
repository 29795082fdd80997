// Issue 17 item 4: while a job runs, the live view's times and spinner move every second, and that
// tick renders only the leaves that move (Spinner, LiveDuration), never the view around them:
// JobProgress reads its snapshot when it renders, so the snapshot's reads are counted across ticks.
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { JobProgress } from '../../src/ui/ink/components/JobWatch.js';
import type { JobSnapshot } from '../../src/job/watcher.js';
import { until } from '../helpers/frames.js';


const seconds = (f: string, re: RegExp) => {
  const m = re.exec(f);
  if (!m) throw new Error(`no ${re} in:\n${f}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

describe('the live job view on the clock', () => {
  it('the elapsed time and the running stage move each second without rendering JobProgress again', async () => {
    const now = Date.now();
    const real: JobSnapshot = {
      job: { arn: 'arn:aws:personalize:us-east-1:1:dataset-import-job/tick', name: 'tick', status: 'CREATE IN_PROGRESS' },
      status: 'CREATE IN_PROGRESS',
      elapsedMs: 65_000,
      stageTimes: { 'CREATE PENDING': now - 65_000, 'CREATE IN_PROGRESS': now - 5_000 },
      changed: true,
      done: false,
      nextPollMs: 30_000,
    };
    let reads = 0;
    const snap = new Proxy(real, {
      get(t, k) {
        if (k === 'stageTimes') reads++;
        return Reflect.get(t, k);
      },
    });
    const r = render(<JobProgress arn={real.job.arn!} snap={snap} seenAt={now} live stopHint="Ctrl-C stop watching" />);
    const first = await until(r.lastFrame, (f) => /Elapsed 1:0\d/.test(f));
    expect(first).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Importing \(CREATE IN_PROGRESS\) +0:0\d/);
    const readsAtFirst = reads;
    const elapsed0 = seconds(first, /Elapsed (\d+):(\d\d)/);
    const stage0 = seconds(first, /Importing \(CREATE IN_PROGRESS\) +(\d+):(\d\d)/);
    // two ticks later: both times moved on, and JobProgress did not render again
    const later = await until(r.lastFrame, (f) => seconds(f, /Elapsed (\d+):(\d\d)/) >= elapsed0 + 2);
    expect(seconds(later, /Importing \(CREATE IN_PROGRESS\) +(\d+):(\d\d)/)).toBeGreaterThanOrEqual(stage0 + 1);
    expect(later).toContain('✔ Queued (CREATE PENDING)');
    expect(later).toContain('next check in 30 s');
    expect(reads).toBe(readsAtFirst);
    r.unmount();
  });

  it('once watching stops (live false), the running stage keeps the time it had', async () => {
    const now = Date.now();
    const snap: JobSnapshot = {
      job: { arn: 'arn:aws:personalize:us-east-1:1:dataset-import-job/stopped', name: 'stopped', status: 'CREATE PENDING' },
      status: 'CREATE PENDING',
      elapsedMs: 3_000,
      stageTimes: { 'CREATE PENDING': now - 3_000 },
      changed: true,
      done: false,
      nextPollMs: 2_000,
    };
    // a live view of a second job beside it is the clock: once its time has moved, the stopped one's has not
    const other: JobSnapshot = { ...snap, job: { ...snap.job, arn: 'arn:aws:personalize:us-east-1:1:dataset-import-job/live' }, elapsedMs: 10_000, stageTimes: { 'CREATE PENDING': now - 10_000 } };
    const r = render(
      <>
        <JobProgress arn={snap.job.arn!} snap={snap} seenAt={now} live={false} />
        <JobProgress arn={other.job.arn!} snap={other} seenAt={now} live />
      </>,
    );
    const first = await until(r.lastFrame, (f) => /Queued \(CREATE PENDING\) +0:03/.test(f) && /0:10/.test(f));
    expect(first).toContain('job/live');
    expect(first.split('job/live')[0]).not.toMatch(/Elapsed/);
    // stopped: no spinner frozen mid-turn
    expect(first.split('job/live')[0]).toMatch(/■ Queued/);
    await until(r.lastFrame, (f) => /0:1[1-9]/.test(f));
    expect(r.lastFrame()!.split('job/live')[0]).toMatch(/Queued \(CREATE PENDING\) +0:03/);
    r.unmount();
  });
});
