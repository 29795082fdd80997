// `personalize-import history` in a real 80×24 terminal (tmux): the jobs the tool itself creates are
// named <dataset>-<yyyymmdd-hhmmss> (~40 characters), which makes the table ~100 columns wide. On a
// narrower terminal each job is a block (name and status, its facts, the ARN, the reason) fitted
// between words, instead of rows the terminal breaks mid-word ("F" / "ULL"). Piped, it stays a table
// (test/commands/history.test.ts). The built CLI against an in-process sandbox over loopback.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { sandboxClients, waitForJob } from '../helpers/sandbox.js';
import { CLI, Terminal } from '../helpers/tmux.js';
import { startSandbox } from '../../src/sandbox/index.js';

const SAMPLE = readFileSync(path.resolve(__dirname, '../../samples/interactions.csv'));
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('history in an 80-column terminal', () => {
  it('jobs with the tool\'s own long names: one block per job, no line broken mid-word; exit 0', async () => {
    const sb = await startSandbox({ jobSeconds: 0 });
    cleanup.push(() => sb.close());
    const { personalize, s3 } = sandboxClients(sb);
    cleanup.push(() => { personalize.destroy(); s3.destroy(); });
    const jobs = [
      ['sandbox-shop-interactions-20261206-234539', sb.bucket],
      ['sandbox-shop-interactions-20261206-235012', sb.noGrantBucket],
    ] as const;
    for (const [name, bucket] of jobs) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'h/i.csv', Body: SAMPLE }));
      const r = await personalize.send(new CreateDatasetImportJobCommand({
        jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), dataSource: { dataLocation: `s3://${bucket}/h/i.csv` }, roleArn: sb.roleArn,
      }));
      await waitForJob(personalize, r.datasetImportJobArn!);
    }
    const t = new Terminal([process.execPath, CLI, 'history', '--dataset-group', 'sandbox-shop'], { cols: 80, rows: 24, env: { ...sb.env, HOME: '/nonexistent', NO_COLOR: '1' } });
    cleanup.push(() => t.close());
    const screen = await t.waitFor('2 jobs, newest first.', 20_000);
    const lines = screen.split('\n');
    // name and status on one line, the job's facts whole on the next
    const failed = lines.indexOf('sandbox-shop-interactions-20261206-235012  CREATE FAILED');
    expect(failed, screen).toBeGreaterThanOrEqual(0);
    expect(lines[failed + 1]).toMatch(/^ {2}INTERACTIONS · FULL · created \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · took \d+ s$/);
    expect(lines[failed + 2]).toBe('  arn:aws:personalize:us-east-1:111122223333:dataset-import-job/sandbox-shop-int');
    expect(lines[failed + 4]).toBe('  └ Insufficient privileges for accessing data in S3');
    expect(lines).toContain('sandbox-shop-interactions-20261206-234539  ACTIVE');
    // no fragment of a table row wrapped by the terminal
    expect(screen).not.toMatch(/^(?:ULL|ODE|CREATE FAILED  20)/m);
    expect(await t.exitCode()).toBe(0);
  });
});
