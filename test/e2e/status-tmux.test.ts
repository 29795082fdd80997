// `personalize-import status` in a real terminal (tmux) in plain mode (--plain, or TERM=dumb): it
// follows a job line by line, and Ctrl-C stops watching with the re-attach command. (Without them a
// terminal gets the live Ink view: status-live.test.ts.) The built CLI talks to in-process sandboxes
// over loopback, configured only by their endpoint env.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { interactionsCsv, sandboxClients } from '../helpers/sandbox.js';
import { Terminal } from '../helpers/tmux.js';
import { CLI } from '../aws/cli-run.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

const SAMPLE = readFileSync(path.resolve(__dirname, '../../samples/interactions.csv'));
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function sandboxWithJob(jobSeconds: number, name: string): Promise<{ sb: Sandbox; arn: string }> {
  const sb = await startSandbox({ jobSeconds });
  cleanup.push(() => sb.close());
  const { personalize, s3 } = sandboxClients(sb);
  try {
    await s3.send(new PutObjectCommand({ Bucket: sb.bucket, Key: 'tmux/i.csv', Body: SAMPLE }));
    const r = await personalize.send(new CreateDatasetImportJobCommand({
      jobName: name, datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
      dataSource: { dataLocation: `s3://${sb.bucket}/tmux/i.csv` }, roleArn: sb.roleArn,
    }));
    return { sb, arn: r.datasetImportJobArn! };
  } finally {
    personalize.destroy();
    s3.destroy();
  }
}

function terminal(args: string[], env: Record<string, string>): Terminal {
  const t = new Terminal([process.execPath, CLI, ...args], { cols: 110, rows: 20, env: { ...env, HOME: '/nonexistent' } });
  cleanup.push(() => t.close());
  return t;
}

describe('status in a terminal', () => {
  it('--plain follows a job line by line: each status appears as it happens, then exit 0', async () => {
    // 4 s PENDING: the job's clock starts before the CLI does, and a CI run under load (two Node versions'
    // suites side by side) once took over 1.5 s to print its first line — the PENDING line was missed
    const { sb, arn } = await sandboxWithJob(16, 'tmux-live');
    const t = terminal(['status', arn, '--interval', '0.25', '--plain'], sb.env);
    const pending = await t.waitFor(/\[0:\d\d\] CREATE PENDING/);
    expect(pending).toContain('Import job tmux-live (FULL from s3://personalize-sandbox-data/tmux/i.csv)');
    expect(pending).not.toContain('ACTIVE');
    const running = await t.waitFor(/\[0:\d\d\] CREATE IN_PROGRESS/);
    expect(running).not.toMatch(/\] ACTIVE/);
    const done = await t.waitFor(/\[0:\d\d\] ACTIVE/, 30_000);
    // the lines stay in order, one per change
    const order = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'].map((s) => done.indexOf(`] ${s}`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(await t.exitCode()).toBe(0);
  });

  it('TERM=dumb is plain too; Ctrl-C stops watching: the job keeps running in AWS, the re-attach command is shown, exit 130', async () => {
    const { sb, arn } = await sandboxWithJob(300, 'tmux-ctrl-c');
    const t = terminal(['status', arn], { ...sb.env, TERM: 'dumb' });
    await t.waitFor('CREATE PENDING');
    t.send('C-c');
    const screen = await t.waitFor('Re-attach');
    expect(screen).toContain('Stopped watching. The import job keeps running in AWS (last seen: CREATE PENDING).');
    expect(screen.replace(/\n/g, '')).toContain(`personalize-import status ${arn}`);
    expect(await t.exitCode()).toBe(130);
  });

  it('80x24: a job failed on a bad value says its fix with the job\'s own file and dataset — the commands run as printed', async () => {
    const sb = await startSandbox({ jobSeconds: 0 });
    cleanup.push(() => sb.close());
    const { personalize, s3 } = sandboxClients(sb);
    let arn: string;
    const datasetArn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    try {
      const rows = interactionsCsv(1200, 100).split('\n');
      rows[5] = rows[5].replace(/,(\d+),click/, ',$1x,click');
      await s3.send(new PutObjectCommand({ Bucket: sb.bucket, Key: 'tmux/my events.csv', Body: rows.join('\n') }));
      const r = await personalize.send(new CreateDatasetImportJobCommand({
        jobName: 'tmux-filled', datasetArn, dataSource: { dataLocation: `s3://${sb.bucket}/tmux/my events.csv` }, roleArn: sb.roleArn,
      }));
      arn = r.datasetImportJobArn!;
    } finally {
      personalize.destroy();
      s3.destroy();
    }
    const t = new Terminal([process.execPath, CLI, 'status', arn, '--interval', '0.1', '--plain'], { cols: 80, rows: 24, env: { ...sb.env, HOME: '/nonexistent' } });
    cleanup.push(() => t.close());
    await t.waitFor('The full diagnosis');
    expect(await t.exitCode()).toBe(1);
    const all = t.history();
    expect(all.split('\n').every((l) => l.length <= 80)).toBe(true);
    // (a word longer than the room left is wrapped by the terminal at column 80: such a line is joined to the next as one word)
    const unwrapped = all.split('\n').map((l) => (l.length === 80 ? l : `${l}\n`)).join('');
    const fix = unwrapped.slice(unwrapped.indexOf('Fix:')).replace(/\s+/g, ' ');
    expect(fix).toContain(`personalize-import validate 's3://${sb.bucket}/tmux/my events.csv' --dataset-arn ${datasetArn}`);
    expect(fix).toContain(`personalize-import fix 's3://${sb.bucket}/tmux/my events.csv' --dataset-arn ${datasetArn}`);
    expect(fix).not.toMatch(/<(?:file|arn|dataset-arn|job-arn)>/);
  });
});
