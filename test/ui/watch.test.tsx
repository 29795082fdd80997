// The live job view on its own, against the in-process sandbox: a failing job shows its reason with
// the likely cause and fix (exit 1); throttling is a dim note and the watch goes on; Ctrl-C leaves the
// job running and prints the command to follow it.
import React, { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { useInput } from 'ink';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { WatchStep } from '../../src/ui/ink/steps/WatchStep.js';
import type { Connected, StepProps } from '../../src/ui/ink/types.js';
import { createDeps } from '../../src/aws/deps.js';
import { withSandbox } from '../helpers/sandbox.js';

const ROOT = resolve(__dirname, '../..');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function connect(sb: ReturnType<typeof withSandbox>): Promise<Connected> {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: ROOT };
  const d = await createDeps({ sandbox: false, io });
  cleanups.push(() => d.close());
  return { personalize: d.personalize, s3: d.s3, context: { ...d.context, sandbox: true } };
}

async function createJob(sb: ReturnType<typeof withSandbox>, file: string, name: string): Promise<string> {
  const key = `watch-test/${name}.csv`;
  await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: readFileSync(resolve(ROOT, 'samples', file)) }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), roleArn: sb.sandbox.roleArn,
    dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/${key}` }, importMode: 'FULL',
  }));
  return r.datasetImportJobArn!;
}

function watch(conn: Connected, jobArn: string) {
  let exited: { code: number; lines?: string[] } | undefined;
  let finished = false;
  function Harness() {
    const interrupt = useRef<(() => void) | undefined>(undefined);
    useInput((input, key) => {
      if (key.ctrl && input === 'c') interrupt.current?.();
    });
    const props: StepProps = {
      services: { cwd: ROOT, connect: async () => conn, watch: { initialMs: 20, maxMs: 60 } },
      conn, answers: { datasetType: 'INTERACTIONS', importMode: 'FULL', datasetName: 'sandbox-shop-interactions' }, loaded: { jobArn },
      listLimit: 8, columns: 100, done: () => (finished = true), back: () => {}, exit: (code, lines) => (exited = { code, lines }), setConn: () => {},
      onInterrupt: (h) => (interrupt.current = h),
    };
    return <WatchStep {...props} />;
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
  return { r, see, exit, finished: () => finished };
}

describe('live job view', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('a failed job: reason under the failed row, the likely cause and fix, exit 1', async () => {
    const arn = await createJob(sb, 'interactions-too-few.csv', 'too-few');
    const w = watch(await connect(sb), arn);
    const f = await w.see('The import failed');
    expect(f).toMatch(/✖ Failed \(CREATE FAILED\)/);
    expect(f).toMatch(/not enough interactions/);
    expect(f).toMatch(/Likely cause:/);
    expect(f).toMatch(/Fix:/);
    expect(f.replace(/\s+/g, "")).toContain(`personalize-importdiagnose${arn}`);
    w.r.stdin.write('\r');
    const e = await w.exit();
    expect(e.code).toBe(1);
  });

  it('throttling is a dim note and the watch carries on to ACTIVE', async () => {
    const arn = await createJob(sb, 'interactions.csv', 'throttled');
    // enough throttles to get past the SDK's own retries on the first polls
    sb.sandbox.faults.inject('DescribeDatasetImportJob', { kind: 'throttle', count: 6 });
    const w = watch(await connect(sb), arn);
    await w.see('throttled by AWS, still watching');
    const f = await w.see('What happens next');
    expect(f).toMatch(/✔ Imported \(ACTIVE\)/);
    sb.sandbox.faults.clear();
  });
});

describe('live job view, a slow job', () => {
  const sb = withSandbox({ jobSeconds: 30 });
  it('Ctrl-C stops watching, says the job keeps running and how to follow it', async () => {
    const arn = await createJob(sb, 'interactions.csv', 'slow');
    const w = watch(await connect(sb), arn);
    const f = await w.see(/Queued \(CREATE PENDING\)|Importing/);
    expect(f).toMatch(/Ctrl-C stop watching \(the job keeps running\)/);
    w.r.stdin.write('\x03');
    const e = await w.exit();
    expect(e.code).toBe(130);
    expect(e.lines?.join('\n')).toContain(`personalize-import status ${arn}`);
    expect(e.lines?.join('\n')).toMatch(/keeps running in AWS/);
  });
});
