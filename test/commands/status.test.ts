// `personalize-import status`: the built CLI as a child process (no terminal) against in-process
// sandboxes over loopback, configured only by their endpoint env; --json output parsed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { sandboxClients, withSandbox } from '../helpers/sandbox.js';
import { CLI, runCli } from '../aws/cli-run.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

const sb = withSandbox({ jobSeconds: 1 });
const SAMPLE = readFileSync(path.resolve(__dirname, '../../samples/interactions.csv'));
let n = 0;

async function createJob(s: Sandbox, bucket: string): Promise<string> {
  const { personalize, s3 } = sandboxClients(s);
  try {
    const key = `status/i-${n}.csv`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: SAMPLE }));
    const r = await personalize.send(new CreateDatasetImportJobCommand({
      jobName: `status-${n++}`, datasetArn: s.seeded.datasetArn('custom', 'INTERACTIONS'),
      dataSource: { dataLocation: `s3://${bucket}/${key}` }, roleArn: s.roleArn,
    }));
    return r.datasetImportJobArn!;
  } finally {
    personalize.destroy();
    s3.destroy();
  }
}

describe('status, following a job (no terminal)', () => {
  // the tests that wait on a job of their own (their own sandbox, or the only one injecting faults
  // into the shared one) run side by side: their waits overlap; the rest follow one by one
  it.concurrent('prints a line per status change and exits 0 on ACTIVE', async ({ expect }) => {
    // a slower sandbox (4 s PENDING) so the child's start-up cannot miss the first state on a busy
    // machine (1.5 s was missed when the status tests began to run side by side)
    const paced = await startSandbox({ jobSeconds: 16 });
    const arn = await createJob(paced, paced.bucket);
    const r = await runCli(['status', arn, '--interval', '0.1'], paced.env).finally(() => paced.close());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Import job status-\d+ \(FULL from s3:\/\/personalize-sandbox-data\/status\//);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}\[0:\d\d\] CREATE PENDING$/),
      expect.stringMatching(/^ {2}\[0:\d\d\] CREATE IN_PROGRESS$/),
      expect.stringMatching(/^ {2}\[0:\d\d\] ACTIVE$/),
    ]);
  });

  it.concurrent('a throttled status keeps watching (sandbox fault injection) and still exits 0', async ({ expect }) => {
    const arn = await createJob(sb.sandbox, sb.sandbox.bucket);
    // the SDK makes 3 attempts per poll: 6 throttles = the first two polls reach the watcher throttled
    sb.sandbox.faults.inject('DescribeDatasetImportJob', { kind: 'throttle', count: 6 });
    const r = await runCli(['status', arn, '--interval', '0.1'], sb.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('throttled by AWS, still watching');
    expect(r.stdout).toMatch(/\] ACTIVE$/m);
    expect(r.stderr).toBe('');
  });

  it.concurrent('Ctrl-C (SIGINT) stops watching, says the job keeps running and how to re-attach; exit 130 (and with --json, one document)', async ({ expect }) => {
    const slow = await startSandbox({ jobSeconds: 120 });
    const interrupt = (args: string[], when: RegExp) => {
      const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...slow.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let sent = false;
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const check = () => {
          if (!sent && when.test(stdout + stderr)) {
            sent = true;
            child.kill('SIGINT');
          }
        };
        child.stdout.on('data', (b: Buffer) => { stdout += b; check(); });
        child.stderr.on('data', (b: Buffer) => { stderr += b; check(); });
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    };
    try {
      const arn = await createJob(slow, slow.bucket);
      const lines = await interrupt(['status', arn], /CREATE PENDING/);
      expect(lines.code).toBe(130);
      expect(lines.stderr).toContain('The import job keeps running in AWS (last seen: CREATE PENDING)');
      expect(lines.stderr).toContain(`personalize-import status ${arn}`);
      // --json prints nothing until the end: interrupt once --debug shows a second poll going out
      // (so the first answer has surely been taken in)
      const json = await interrupt(['status', arn, '--json', '--debug', '--interval', '0.2'], /(→ personalize DescribeDatasetImportJob[\s\S]*){2}/);
      expect(json.code).toBe(130);
      expect(JSON.parse(json.stdout)).toMatchObject({ datasetImportJobArn: arn, status: 'CREATE PENDING', interrupted: true });
    } finally {
      await slow.close();
    }
  });

  it('exits 1 on CREATE FAILED with the failure reason beneath', async () => {
    const arn = await createJob(sb.sandbox, sb.sandbox.noGrantBucket);
    const r = await runCli(['status', arn, '--interval', '0.1'], sb.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\] CREATE FAILED\n {4}reason: Insufficient privileges for accessing data in S3/);
    // a pipe or a ticket gets what the live view says: the cause, the fix and the diagnose command (it stopped at the reason)
    expect(r.stdout).toMatch(/✗ Personalize could not read the data in S3\n {2}Cause: Amazon Personalize was refused access/);
    expect(r.stdout).toMatch(/\n {2}Fix: {3}Add a bucket-policy statement/);
    expect(r.stdout).toContain(`→ The full diagnosis (permissions, data in place): personalize-import diagnose ${arn}`);
  });

  it('--json prints one document when the job ends', async () => {
    const arn = await createJob(sb.sandbox, sb.sandbox.bucket);
    const r = await runCli(['status', arn, '--json', '--interval', '0.1'], sb.env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ datasetImportJobArn: arn, status: 'ACTIVE', importMode: 'FULL', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS') });
    expect(Object.keys(doc.stageTimes)).toEqual(expect.arrayContaining(['CREATE PENDING', 'ACTIVE']));
    expect(typeof doc.durationSeconds).toBe('number');
  });
});

describe('status --no-wait', () => {
  let slow: Sandbox;
  beforeAll(async () => {
    slow = await startSandbox({ jobSeconds: 120 });
  });
  afterAll(async () => {
    await slow?.close();
  });

  it('shows a running job once and exits 0, also with --exit-status', async () => {
    const arn = await createJob(slow, slow.bucket);
    const r = await runCli(['status', arn, '--no-wait'], slow.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Import job status-\d+ \(FULL from s3:\/\/personalize-sandbox-data\/.*\)\n {2}CREATE (PENDING|IN_PROGRESS) after 0:\d\d\n$/);
    const j = await runCli(['status', arn, '--no-wait', '--json', '--exit-status'], slow.env);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ datasetImportJobArn: arn, status: expect.stringMatching(/^CREATE (PENDING|IN_PROGRESS)$/) });
  });

  it('a failed job: exit 0, or 1 with --exit-status', async () => {
    const arn = await createJob(sb.sandbox, sb.sandbox.noGrantBucket);
    await sb.waitForJob(arn);
    const plain = await runCli(['status', arn, '--no-wait'], sb.env);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('reason: Insufficient privileges');
    expect(plain.stdout).toMatch(/✗ Personalize could not read the data in S3\n {2}Cause: /);
    expect(plain.stdout).toContain(`personalize-import diagnose ${arn}`);
    const strict = await runCli(['status', arn, '--no-wait', '--exit-status', '--json'], sb.env);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ status: 'CREATE FAILED', failureReason: expect.stringContaining('Insufficient privileges') });
  });
});

// each test a child process of its own: side by side
describe.concurrent('status usage errors (exit 2, naming what to fix, before any AWS call)', () => {
  it.each([
    [['status'], /missing the import job ARN/],
    [['status', 'shop 2026/11/23'], /'shop 2026\/11\/23' is neither an import job ARN nor a job name/],
    // a job name is looked up in the region: without one, that is what to fix
    [['status', 'shop-20261123'], /No AWS region is configured/],
    [['status', 'arn:aws:personalize:us-east-1:111122223333:dataset/sandbox-shop/INTERACTIONS'], /is not a dataset-import-job ARN \(that is a dataset ARN\)/],
    [['status', 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/x', '--interval', 'soon'], /--interval 'soon'/],
    [['status', 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/x', '--wait-for-it'], /--wait-for-it/],
  ])('%j', async (args, message) => {
    const r = await runCli(args as string[], { HOME: '/nonexistent' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stdout).toBe('');
  });

  it('--json failures are one document too: {"error": …} on stdout, the message on stderr', async ({ expect }) => {
    const bad = await runCli(['status', 'not-an-arn!', '--json'], { HOME: '/nonexistent' });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { kind: 'usage', message: expect.stringContaining("'not-an-arn!'") } });
    expect(bad.stderr).toContain('not-an-arn!');
    const arn = 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/never-made';
    const missing = await runCli(['status', arn, '--json'], sb.env);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ datasetImportJobArn: arn, error: { kind: 'not-found', awsName: 'ResourceNotFoundException' } });
  });

  it('an unknown job → exit 2 naming it and the region', async ({ expect }) => {
    const r = await runCli(['status', 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/never-made'], sb.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No import job arn:aws:personalize:us-east-1:111122223333:dataset-import-job/never-made in us-east-1.');
    // the caller's own account and region: nothing else to say
    expect(r.stderr).not.toMatch(/The ARN is in/);
  });

  it('another account\'s job (a customer\'s ARN pasted), or --region other than the ARN\'s: said, with what to do', async ({ expect }) => {
    // the sandbox's account (111122223333), read from its dataset groups' ARNs: no STS call
    const other = await runCli(['status', 'arn:aws:personalize:us-east-1:999988887777:dataset-import-job/theirs'], sb.env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('The ARN is in account 999988887777, and your credentials reach account 111122223333: use that account\'s credentials (--aws-profile <profile>)');
    const region = await runCli(['status', 'arn:aws:personalize:eu-west-1:111122223333:dataset-import-job/there', '--region', 'us-east-1'], sb.env);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('The ARN is in eu-west-1, and this run looked in us-east-1: pass --region eu-west-1.');
    const diag = await runCli(['diagnose', 'arn:aws:personalize:us-east-1:999988887777:dataset-import-job/theirs'], sb.env);
    expect(diag.code).toBe(2);
    expect(diag.stderr).toContain('The ARN is in account 999988887777, and your credentials reach account 111122223333');
  });

  it('--help has examples', async ({ expect }) => {
    const r = await runCli(['status', '--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples');
    expect(r.stdout).toContain('--no-wait');
  });
});

// each waits on a sandbox of its own going away (or reads the shared one, no faults): side by side
describe.concurrent('status: a sandbox that went away, and job names (#18 item 12, #16 item 17)', () => {
  function follow(args: string[], env: Record<string, string>, when: RegExp, onSeen: () => Promise<void>) {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let seen = false;
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const check = () => {
        if (!seen && when.test(stdout)) {
          seen = true;
          void onSeen();
        }
      };
      child.stdout.on('data', (b: Buffer) => { stdout += b; check(); });
      child.stderr.on('data', (b: Buffer) => { stderr += b; });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('keeps retrying, says how long it has been failing, then gives up with exit 1 and the re-attach command', async ({ expect }) => {
    const gone = await startSandbox({ jobSeconds: 120 });
    const arn = await createJob(gone, gone.bucket);
    let closed = false;
    const r = await follow(['status', arn, '--interval', '0.2', '--give-up-after', '4'], gone.env, /CREATE PENDING/, async () => {
      closed = true;
      await gone.close();
    }).finally(() => (closed ? undefined : gone.close()));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('connection dropped, retrying');
    // every reportEvery (here 1 s of the 4 s) a line that says for how long — never one per poll
    expect(r.stdout).toMatch(/connection dropped for \d s, still retrying \(gives up after 4 s\)/);
    const notes = r.stdout.split('\n').filter((l) => /connection dropped/.test(l));
    expect(notes.length).toBeLessThanOrEqual(6);
    expect(new Set(notes.map((l) => l.replace(/^\s*\[[^\]]*\]\s*/, ''))).size).toBe(notes.length);
    expect(r.stderr).toMatch(/Gave up watching import job status-\d+: connection dropped for \d s/);
    expect(r.stderr).toContain(`personalize-import status ${arn}`);
  });

  it('--json: notes on stderr only when they change (not a line per poll); the error is one document', async ({ expect }) => {
    const gone = await startSandbox({ jobSeconds: 120 });
    const arn = await createJob(gone, gone.bucket);
    // --json prints nothing until the end: wait for --debug to show the first answer came in
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'status', arn, '--json', '--interval', '0.1', '--give-up-after', '3', '--debug'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...gone.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let closed = false;
      child.stdout.on('data', (b: Buffer) => (stdout += b));
      child.stderr.on('data', (b: Buffer) => {
        stderr += b;
        if (!closed && /← personalize DescribeDatasetImportJob HTTP 200/.test(stderr)) {
          closed = true;
          void gone.close();
        }
      });
      child.on('close', (code) => {
        if (!closed) void gone.close();
        resolve({ code, stdout, stderr });
      });
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ message: expect.stringContaining('Gave up watching') });
    const notes = r.stderr.split('\n').filter((l) => /^connection dropped/.test(l));
    expect(notes.length).toBeGreaterThan(0);
    expect(new Set(notes).size).toBe(notes.length);
  });

  it('a job name is looked up in the region; an unknown one is exit 2 naming it', async ({ expect }) => {
    const arn = await createJob(sb.sandbox, sb.sandbox.bucket);
    const name = arn.split('/').pop()!;
    const r = await runCli(['status', name, '--json'], sb.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ datasetImportJobArn: arn });
    const bad = await runCli(['status', 'no-such-job-here', '--no-wait'], sb.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("no import job named 'no-such-job-here'");
    // the name as retyped from a ticket: "_" for "-" — the job is suggested, closest first
    const slip = await runCli(['status', name.replace('-', '_'), '--no-wait'], sb.env);
    expect(slip.code).toBe(2);
    expect(slip.stderr).toMatch(new RegExp(`Did you mean ${name}[,?]`));
    const usage = await runCli(['status', 'not a name!', '--no-wait'], sb.env);
    expect(usage.code).toBe(2);
  });

  it('--give-up-after must be a number of seconds: exit 2 naming the flag', async ({ expect }) => {
    const r = await runCli(['status', 'x', '--give-up-after', 'soon'], sb.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--give-up-after');
  });
});

