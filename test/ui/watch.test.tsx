// The job's live view in the Ink face of the step machine, against the in-process sandbox: the
// machine's watch step (and, after a failure, its "what now" step) drawn by FlowScreen. A failing
// job shows its reason with the likely cause and fix; throttling is a dim note and the watch goes
// on; Ctrl-C leaves the job running and prints the command to follow it.
import React, { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { useInput } from 'ink';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { FlowScreen } from '../../src/ui/ink/face/FlowScreen.js';
import { newState, type FlowPorts, type FlowState, type StepDef } from '../../src/flow/machine/index.js';
import { watchStep } from '../../src/flow/machine/steps-create.js';
import { jobFailedStep } from '../../src/flow/machine/steps-failed.js';
import { frame } from '../../src/flow/machine/base.js';
import { drive } from '../../src/flow/machine/drive.js';
import { flowLinePrinter } from '../../src/cli/flow-lines.js';
import { createDeps } from '../../src/aws/deps.js';
import { withSandbox } from '../helpers/sandbox.js';

const ROOT = resolve(__dirname, '../..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** embedded: the wizard's in-process `--sandbox` (it ends with the command); false: a service that outlives it, as AWS does */
async function portsOf(sb: ReturnType<typeof withSandbox>, embedded = true): Promise<FlowPorts> {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: ROOT };
  const d = await createDeps({ sandbox: false, io });
  cleanups.push(() => d.close());
  return { personalize: d.personalize, s3: d.s3, context: { ...d.context, sandbox: embedded }, cwd: ROOT, now: () => new Date(), watch: { initialMs: 20, maxMs: 60 } };
}

async function createJob(sb: ReturnType<typeof withSandbox>, file: string, name: string): Promise<{ arn: string; key: string }> {
  const key = `watch-test/${name}.csv`;
  await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: readFileSync(resolve(ROOT, 'samples', file)) }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), roleArn: sb.sandbox.roleArn,
    dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/${key}` }, importMode: 'FULL',
  }));
  return { arn: r.datasetImportJobArn!, key };
}

/** where "Pick another file" leads in the full flow: a step named csv that only says it was reached (a probe, not the real CSV step) */
const csvProbe: StepDef = {
  id: 'csv', screen: 'csv', kind: 'choose', applies: () => false,
  async model(s) {
    return frame('csv', 'csv', 'choose', `probe: the CSV step, job ${s.loaded.jobArn ?? 'forgotten'}, source ${s.answers.source ? 'kept' : 'forgotten'}`, { choices: [{ value: 'x', label: 'x' }], default: 'x' });
  },
  async answer() {
    return { end: { exitCode: 0, reason: 'quit', lines: ['probe'] } };
  },
};

function watch(sb: ReturnType<typeof withSandbox>, ports: FlowPorts, job: { arn: string; key: string }) {
  let exited: { code: number; lines?: string[] } | undefined;
  const state: FlowState = newState({
    datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), datasetName: 'sandbox-shop-interactions', datasetType: 'INTERACTIONS',
    source: { kind: 's3', bucket: sb.sandbox.bucket, key: job.key }, importMode: 'FULL', jobName: 'watched', roleArn: sb.sandbox.roleArn,
  });
  state.loaded.jobArn = job.arn;
  function Harness() {
    const interrupt = useRef<(() => void) | undefined>(undefined);
    useInput((input, key) => {
      if (key.ctrl && input === 'c') interrupt.current?.();
    });
    return (
      <FlowScreen ports={ports} state={state} lead={[]} steps={[csvProbe, watchStep, jobFailedStep]}
        onInterrupt={(h) => (interrupt.current = h)} onBackOut={() => {}} onRecords={() => {}} exit={(code, lines) => (exited = { code, lines })} />
    );
  }
  const r = render(<Harness />);
  cleanups.push(() => r.unmount());
  const see = async (what: string | RegExp, ms = 15_000) => {
    const end = Date.now() + ms;
    let streak = 0; // two polls in a row: drawn, and its input handlers attached
    for (;;) {
      const f = r.lastFrame() ?? '';
      streak = (typeof what === 'string' ? f.includes(what) : what.test(f)) ? streak + 1 : 0;
      if (streak >= 2) return f;
      if (Date.now() > end) throw new Error(`never saw ${String(what)}:\n${f}`);
      await new Promise((res) => setTimeout(res, 5));
    }
  };
  const exit = async () => {
    const end = Date.now() + 15_000;
    while (!exited) {
      if (Date.now() > end) throw new Error(`no exit:\n${r.lastFrame()}`);
      await new Promise((res) => setTimeout(res, 5));
    }
    return exited;
  };
  return { r, see, exit, state };
}

describe('live job view (the machine\'s watch step in the Ink face)', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('a failed job: reason under the failed row, the likely cause and fix, exit 1', async () => {
    const job = await createJob(sb, 'interactions-too-few.csv', 'too-few');
    const w = watch(sb, await portsOf(sb), job);
    const f = await w.see('The import job failed. What now?');
    expect(f).toMatch(/✖ Failed \(CREATE FAILED\)/);
    expect(f).toMatch(/not enough interactions/);
    expect(f).toMatch(/Cause:/);
    expect(f).toMatch(/Fix:/);
    // the embedded sandbox ends with the command: no `diagnose --sandbox ARN` (a later command
    // starts a new sandbox with no such job); what is true, and how to keep a sandbox, instead
    expect(f).not.toMatch(/personalize-import\s+diagnose/);
    expect(f.replace(/\s+/g, ' ')).toMatch(/The cause and fix above are the diagnosis: this job is in the embedded sandbox, which stops with this command/);
    expect(f.replace(/\s+/g, ' ')).toMatch(/keep a sandbox running: personalize-import sandbox --help/);
    // too few interactions is no permission problem: no "exact policy to add" (#16 item 14)
    expect(f).not.toMatch(/exact policy/);
    // more than Quit: another file, or the same file again as a new job
    expect(f).toMatch(/❯ Pick another file/);
    expect(f).toMatch(/Retry with the same file/);
    w.r.stdin.write('\x1b[B');
    await w.see('❯ Retry with the same file');
    w.r.stdin.write('\x1b[B');
    await w.see('❯ Quit');
    w.r.stdin.write('\r');
    const e = await w.exit();
    expect(e.code).toBe(1);
    expect(e.lines).toContain(job.arn);
    expect(e.lines?.join('\n')).toMatch(/Status {4}CREATE FAILED/);
  });

  it('a failed job on a service that outlives the command: the diagnose command, without --sandbox', async () => {
    const job = await createJob(sb, 'interactions-too-few.csv', 'too-few-aws');
    const w = watch(sb, await portsOf(sb, false), job);
    const f = await w.see('The import job failed. What now?');
    expect(f).toMatch(/Cause:/);
    expect(f.replace(/\s+/g, '')).toContain(`personalize-importdiagnose${job.arn}`);
    expect(f).not.toMatch(/--sandbox|embedded sandbox/);
  });

  it('plain mode, a failed job on the embedded sandbox: the cause and fix, no diagnose command that cannot reach the job', async () => {
    const job = await createJob(sb, 'interactions-too-few.csv', 'too-few-plain');
    const ports = await portsOf(sb, true);
    const state = newState({
      datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), datasetName: 'sandbox-shop-interactions', datasetType: 'INTERACTIONS',
      source: { kind: 's3', bucket: sb.sandbox.bucket, key: job.key }, importMode: 'FULL', jobName: 'watched', roleArn: sb.sandbox.roleArn,
    });
    state.loaded.jobArn = job.arn;
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const printer = flowLinePrinter({ io: { stdout: out, stderr: out, stdin: new PassThrough(), isTTY: false, env: { NO_COLOR: '1' }, cwd: ROOT } as never, out, headings: true, interactive: true });
    const end = await drive(state, ports, { event: (e) => printer.event(e), ask: async () => ({ value: 'quit' }) }, { steps: [watchStep, jobFailedStep] });
    expect(end.exitCode).toBe(1);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat, text).toMatch(/Cause: .*Fix: /);
    expect(flat, text).toMatch(/The cause and fix above are the diagnosis: this job is in the embedded sandbox, which stops with this command/);
    expect(flat, text).toMatch(/keep a sandbox running: personalize-import sandbox --help/);
    expect(text).not.toMatch(/personalize-import\s+diagnose/);
  });

  it('a failed job: "Pick another file" goes back to the CSV step with the failed job forgotten', async () => {
    const job = await createJob(sb, 'interactions-too-few.csv', 'too-few-again');
    const w = watch(sb, await portsOf(sb), job);
    await w.see('❯ Pick another file');
    w.r.stdin.write('\r');
    await w.see('probe: the CSV step, job forgotten, source forgotten');
    expect(w.state.loaded.upload).toBeUndefined();
    expect(w.state.answers.jobName).toBeUndefined();
  });

  it('throttling is a dim note and the watch carries on to ACTIVE', async () => {
    const job = await createJob(sb, 'interactions.csv', 'throttled');
    // enough throttles to get past the SDK's own retries on the first polls
    sb.sandbox.faults.inject('DescribeDatasetImportJob', { kind: 'throttle', count: 6 });
    const w = watch(sb, await portsOf(sb), job);
    await w.see('throttled by AWS, still watching');
    const f = await w.see('What happens next');
    expect(f).toMatch(/✔ Imported \(ACTIVE\)/);
    sb.sandbox.faults.clear();
  });
});

describe('live job view, a slow job', () => {
  const sb = withSandbox({ jobSeconds: 30 });
  it('Ctrl-C stops watching, says the job keeps running — where: the endpoint, not AWS — and how to follow it', async () => {
    const job = await createJob(sb, 'interactions.csv', 'slow');
    const w = watch(sb, await portsOf(sb, false), job);
    const f = await w.see(/Queued \(CREATE PENDING\)|Importing/);
    expect(f).toMatch(/Ctrl-C stop watching \(the job keeps running\)/);
    w.r.stdin.write('\x03');
    const e = await w.exit();
    expect(e.code).toBe(130);
    expect(e.lines?.join('\n')).toContain(`personalize-import status ${job.arn}`);
    // (a sandbox the environment points at: the Import step said "not in AWS", and so does this)
    expect(e.lines?.join('\n')).toMatch(/The import job keeps running at http:\/\/127\.0\.0\.1:\d+ \(not in AWS\):/);
    expect(e.lines?.join('\n')).not.toMatch(/in AWS:/);
  });

  it('with the embedded sandbox, Ctrl-C says the job ends with the command, never "keeps running in AWS", and offers no command that cannot reach it', async () => {
    const job = await createJob(sb, 'interactions.csv', 'slow-embedded');
    const w = watch(sb, await portsOf(sb, true), job);
    // a status seen (the next check is counted down once a snapshot came)
    const f = await w.see(/next check in/);
    expect(f).not.toMatch(/keeps running/);
    expect(f).toMatch(/embedded sandbox and its job end/);
    w.r.stdin.write('\x03');
    const e = await w.exit();
    expect(e.code).toBe(130);
    const text = e.lines!.join('\n');
    expect(text).not.toMatch(/keeps running/);
    expect(text).toMatch(/The import job was created in the embedded sandbox, which stops with this command \(and the job with it\)/);
    expect(text.match(/embedded sandbox/g)).toHaveLength(1); // said once
    // a command run now starts a new sandbox, which has not got this job ("No import job …"): none offered
    expect(text).toMatch(/No command can ask about this job now/);
    expect(text).not.toMatch(/personalize-import (status|history|diagnose)\b/);
    // the summary: the ARN alone on its line, the status last seen
    expect(e.lines).toContain(job.arn);
    expect(text).toMatch(/Status {4}CREATE (PENDING|IN_PROGRESS)/);
  });
});
