// The wizard's record-by-record step (steps/RecordsStep: RecordsRun) stopped by Ctrl-C while a call
// is in flight: the sandbox stores the users at once and answers late (setEventsAnswerDelay), the
// step's 2 s grace runs out, and the screen and the lines printed after it say those records' outcome
// is unknown (in flight at Ctrl-C), with their lines, and that a --resume sends them again.
// ink-testing-library, the real SDK-backed deps over loopback (no mocked clients).
import React from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { withSandbox } from '../helpers/sandbox.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { RecordsRun } from '../../src/ui/ink/steps/RecordsStep.js';
import { parseSchema } from '../../src/validate/schema.js';
import { until } from '../helpers/frames.js';
import type { Connected, WizardServices } from '../../src/ui/ink/types.js';

const sb = withSandbox({ jobSeconds: 0 });
const dir = mkdtempSync(join(tmpdir(), 'pi-records-run-'));
let deps: AwsDeps;

beforeAll(async () => {
  const out = new PassThrough();
  deps = await createDeps({ io: { stdout: out, stderr: out, stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: dir } });
});
afterAll(async () => {
  sb.sandbox.setEventsAnswerDelay(0);
  await deps?.close();
});

describe('RecordsRun: Ctrl-C with a call in flight', () => {
  it('the records of the cut call are "outcome unknown (in flight at Ctrl-C)" on screen and in the lines after it; exit 130', async () => {
    const file = join(dir, 'users.csv');
    writeFileSync(file, ['USER_ID,MEMBERSHIP', ...Array.from({ length: 100 }, (_, i) => `rr-${i},gold`)].join('\n') + '\n');
    const datasetArn = sb.seeded.datasetArn('custom', 'USERS');
    const d = await deps.personalize.describeDataset(datasetArn);
    const schema = parseSchema((await deps.personalize.describeSchema(d.schemaArn!)).raw);
    let interrupt: (() => void) | undefined;
    const exits: { code: number; lines?: string[] }[] = [];
    sb.sandbox.setEventsAnswerDelay(6000);
    const since = sb.sandbox.requests.length;
    const r = render(
      <RecordsRun
        services={{ cwd: dir } as WizardServices}
        conn={{ records: deps.records } as Connected}
        file={file} datasetArn={datasetArn} datasetType="USERS" datasetGroupArn={sb.seeded.customGroupArn} datasetName="sandbox-shop-users" schema={schema}
        exit={(code, lines) => exits.push({ code, lines })}
        onInterrupt={(h) => (interrupt = h)}
      />,
    );
    try {
      // the first calls reached the sandbox (stored) and wait for their answers
      await until(() => String(sb.sandbox.requests.slice(since).filter((x) => x.operation === 'PutUsers').length), (n) => Number(n) > 0);
      interrupt!();
      // while the calls in flight get their grace, the step says what it waits for
      await until(() => r.lastFrame(), (f) => f.includes('Stopping: no new call starts'));
      await until(() => String(exits.length), (n) => n === '1', 15_000);
      const { code, lines = [] } = exits[0];
      expect(code).toBe(130);
      const unknown = lines.find((l) => /outcome unknown/.test(l));
      expect(unknown, lines.join('\n')).toMatch(/^[1-9]\d* records' outcome unknown \(in flight at Ctrl-C: may have gone in\): lines \d+/);
      expect(lines).toContain('  A --resume sends them again: harmless, a record with the same ID replaces the earlier one.');
      expect(r.lastFrame()).toMatch(/0 sent · 0 rejected · [1-9]\d* unknown · [1-9]\d* calls/);
      // they did go in
      const n = Number(/^(\d+)/.exec(unknown!)![1]);
      expect(sb.sandbox.state.records(datasetArn).individual.filter((x) => x.USER_ID.startsWith('rr-'))).toHaveLength(n);
    } finally {
      r.unmount();
      sb.sandbox.setEventsAnswerDelay(0);
    }
  });
});
