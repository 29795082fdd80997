// The shared live job view (components/JobWatch, used by the wizard's last step and by `status` on a
// terminal) and the status host around it (StatusView), rendered with ink-testing-library against
// the in-process sandbox through the real SDK-backed deps (no mocked clients).
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { CreateDatasetImportJobCommand, DescribeDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { JobWatch, type JobWatchEnd, type JobWatchProps } from '../../src/ui/ink/components/JobWatch.js';
import { StatusView } from '../../src/ui/ink/StatusView.js';
import type { PersonalizeApi } from '../../src/core/ports.js';
import { createDeps } from '../../src/aws/deps.js';
import { matchFailure } from '../../src/diagnose/catalogue.js';
import { nextSteps } from '../../src/flow/index.js';
import { withSandbox } from '../helpers/sandbox.js';

const ROOT = resolve(__dirname, '../..');
// a spinner on a stage that has a time: a snapshot has come, the job is under way
const SPIN = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (Queued \(CREATE PENDING\)|Importing \(CREATE IN_PROGRESS\)) +\d+:\d\d/;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Fixture = ReturnType<typeof withSandbox>;

async function api(sb: Fixture): Promise<PersonalizeApi> {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: ROOT };
  const d = await createDeps({ sandbox: false, io });
  cleanups.push(() => d.close());
  return d.personalize;
}

async function createJob(sb: Fixture, name: string, opts: { noGrant?: boolean } = {}): Promise<string> {
  const bucket = opts.noGrant ? sb.sandbox.noGrantBucket : sb.sandbox.bucket;
  const key = `job-watch/${name}.csv`;
  await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(resolve(ROOT, 'samples/interactions.csv')) }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), roleArn: sb.sandbox.roleArn,
    dataSource: { dataLocation: `s3://${bucket}/${key}` }, importMode: 'FULL',
  }));
  return r.datasetImportJobArn!;
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Renders `el`; records every onDone with the frame on screen when it came. */
function mount(make: (onDone: NonNullable<JobWatchProps['onDone']>) => React.ReactElement) {
  const ends: (JobWatchEnd & { frame: string })[] = [];
  const el = make((code, lines, end) => ends.push({ ...end, code, lines, frame: r.lastFrame() ?? '' }));
  const r = render(el);
  cleanups.push(() => r.unmount());
  const see = async (what: string | RegExp, ms = 15_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const f = r.lastFrame() ?? '';
      if (typeof what === 'string' ? f.includes(what) : what.test(f)) return f;
      if (Date.now() > end) throw new Error(`never saw ${String(what)}:\n${f}`);
      await new Promise((res) => setTimeout(res, 5));
    }
  };
  const ended = async (ms = 15_000) => {
    const end = Date.now() + ms;
    while (!ends.length) {
      if (Date.now() > end) throw new Error(`onDone never came:\n${r.lastFrame()}`);
      await new Promise((res) => setTimeout(res, 5));
    }
    return ends[0];
  };
  return { r, see, ended, ends, rerender: () => r.rerender(React.cloneElement(el)) };
}

const WATCH = { initialMs: 30, maxMs: 60 };

describe('JobWatch, a job that takes a few seconds', () => {
  const sb = withSandbox({ jobSeconds: 2 });

  it('rows advance with a spinner to ACTIVE; the next steps follow the dataset type; onDone(0) once, after the final frame', async () => {
    const arn = await createJob(sb, 'advancing');
    const personalize = await api(sb);
    const m = mount((onDone) => <JobWatch personalize={personalize} arn={arn} datasetType="INTERACTIONS" importMode="FULL" watch={WATCH} onDone={onDone} />);
    const running = await m.see(SPIN);
    expect(running).toMatch(/· Imported \(ACTIVE\)/);
    expect(running).toMatch(/Elapsed \d+:\d\d · next check in \d+ s/);
    expect(running).toContain('Ctrl-C stop watching (the job keeps running)');
    expect(m.ends).toEqual([]);
    await m.see(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Importing \(CREATE IN_PROGRESS\)/);
    const e = await m.ended();
    expect(e.code).toBe(0);
    expect(e.lines).toEqual([]);
    expect(e.last?.status).toBe('ACTIVE');
    // the frame on screen when onDone came is the final one (a host that unmounts at once keeps it)
    expect(e.frame).toMatch(/✔ Queued \(CREATE PENDING\) +\d+:\d\d\n✔ Importing \(CREATE IN_PROGRESS\) +\d+:\d\d\n✔ Imported \(ACTIVE\) +\d+:\d\d/);
    expect(e.frame).toMatch(/✔ Imported in \d+:\d\d\. What happens next:/);
    for (const l of nextSteps('INTERACTIONS', 'FULL')) expect(flat(e.frame)).toContain(flat(l));
    // a step too long for the line goes on under its text, not under the bullet
    const rows = e.frame.split('\n');
    const long = rows.findIndex((r) => r.startsWith('  • New interactions'));
    expect(rows[long + 1]).toMatch(/^ {4}\S/);
    expect(e.frame).not.toContain('Ctrl-C stop watching');
    // later renders do not call it again
    m.rerender();
    m.rerender();
    await m.see('What happens next');
    expect(m.ends).toHaveLength(1);
  });

  it('CREATE FAILED: the reason under the failed row, the catalogue’s cause and fix, the host’s menu beneath; onDone(1, the reason)', async () => {
    const arn = await createJob(sb, 'no-grant', { noGrant: true });
    const personalize = await api(sb);
    const m = mount((onDone) => <JobWatch personalize={personalize} arn={arn} watch={WATCH} onDone={onDone} actions={(end) => <Text>[menu for exit {end.code}]</Text>} />);
    const e = await m.ended();
    expect(e.code).toBe(1);
    expect(e.lines).toEqual(['Import job failed: Insufficient privileges for accessing data in S3', `Diagnose it: personalize-import diagnose ${arn}`]);
    expect(e.frame).toMatch(/✖ Failed \(CREATE FAILED\) +\d+:\d\d\n {4}Insufficient privileges for accessing data in S3/);
    // the catalogue's cause and fix for this job: its bucket and its ARN filled in, no placeholders
    const cat = matchFailure('Insufficient privileges for accessing data in S3', { jobArn: arn, location: `s3://${sb.sandbox.noGrantBucket}/job-watch/no-grant.csv` });
    expect(flat(e.frame)).toContain(flat(`Likely cause: ${cat.cause}`));
    expect(flat(e.frame)).toContain(flat(`Fix: ${cat.fix}`));
    expect(flat(e.frame)).toContain(`s3:ListBucket on ${sb.sandbox.noGrantBucket} and ${sb.sandbox.noGrantBucket}/*`);
    expect(flat(e.frame)).toContain(flat(`\`personalize-import diagnose ${arn}\` prints the statements`));
    expect(e.frame).not.toMatch(/<job-arn>|the bucket and bucket\/\*/);
    expect(e.frame).toContain('[menu for exit 1]');
    expect(e.frame).not.toContain('What happens next');
  });

  it('without a dataset type (DescribeDataset unanswered) ACTIVE shows the generic next steps', async () => {
    const arn = await createJob(sb, 'untyped');
    const personalize = await api(sb);
    const m = mount((onDone) => <JobWatch personalize={personalize} arn={arn} watch={WATCH} onDone={onDone} />);
    const e = await m.ended();
    expect(e.code).toBe(0);
    expect(flat(e.frame)).toContain('Train a new solution version for the model to use the new data.');
    expect(e.frame).not.toContain('New interactions influence');
  });
});

describe('JobWatch and StatusView, a slow job', () => {
  const sb = withSandbox({ jobSeconds: 60 });

  it('the host’s stop function: watching stops, onDone(130) with the re-attach command, the job keeps running', async () => {
    const arn = await createJob(sb, 'stopped');
    const personalize = await api(sb);
    let stop: (() => void) | undefined;
    const m = mount((onDone) => <JobWatch personalize={personalize} arn={arn} watch={WATCH} onDone={onDone} onInterrupt={(h) => (stop = h)} />);
    await m.see(/Queued \(CREATE PENDING\) +\d+:\d\d/);
    expect(stop).toBeTypeOf('function');
    stop!();
    const e = await m.ended();
    expect(e.code).toBe(130);
    expect(e.lines.join('\n')).toMatch(/keeps running in AWS/);
    expect(e.lines).toContain(`  personalize-import status ${arn}`);
    expect(e.frame).toMatch(/Stopped watching after \d+:\d\d \(last seen: CREATE PENDING\)\./);
    expect(e.frame).not.toContain('Ctrl-C stop watching');
    const d = await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }));
    expect(d.datasetImportJob?.status).toBe('CREATE PENDING');
  });

  it('StatusView: the job and its dataset above the rows; Ctrl-C (raw mode) stops watching with exit 130', async () => {
    const arn = await createJob(sb, 'status-view');
    const personalize = await api(sb);
    const job = await personalize.describeImportJob(arn);
    const m = mount((onDone) => <StatusView personalize={personalize} arn={arn} job={job} datasetType="INTERACTIONS" datasetName="sandbox-shop-interactions" watch={WATCH} onDone={onDone} />);
    const f = await m.see(/Queued \(CREATE PENDING\) +\d+:\d\d/);
    expect(f).toContain(`Import job status-view (FULL)\nfrom s3://${sb.sandbox.bucket}/job-watch/status-view.csv\n`);
    expect(f).toContain('into dataset sandbox-shop-interactions (INTERACTIONS)');
    expect(f).toContain(`Job ${arn}`);
    m.r.stdin.write('\x03');
    const e = await m.ended();
    expect(e.code).toBe(130);
    expect(e.lines).toContain(`  personalize-import status ${arn}`);
  });

  it('StatusView without the job described beforehand (that call was throttled): the job and its dataset fill in from the watch', async () => {
    const arn = await createJob(sb, 'late-facts');
    const personalize = await api(sb);
    const m = mount((onDone) => <StatusView personalize={personalize} arn={arn} watch={WATCH} onDone={onDone} />);
    const f = await m.see('into dataset sandbox-shop-interactions (INTERACTIONS)');
    expect(f).toContain(`Import job late-facts (FULL)\nfrom s3://${sb.sandbox.bucket}/job-watch/late-facts.csv\n`);
  });
});
