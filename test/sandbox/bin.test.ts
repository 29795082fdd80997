// The BUILT bin's `sandbox` command as a child process: read its NAME=value lines, configure the
// SDK from them alone, do the "done when" walk, then SIGTERM → exit 0 with both ports closed.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateDatasetImportJobCommand,
  ListDatasetGroupsCommand,
  ListDatasetsCommand,
  PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { waitForJob } from '../helpers/sandbox.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// PERSONALIZE_IMPORT_BIN: check a bin built elsewhere (must sit inside this checkout, for node_modules)
const bin = process.env.PERSONALIZE_IMPORT_BIN ? path.resolve(process.env.PERSONALIZE_IMPORT_BIN) : path.join(root, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * `npm run build`, unless the bin is already fresh: under `npm test` (which builds first), with
 * PERSONALIZE_IMPORT_BIN, or when dist/cli.js is newer than every source file. (A build empties
 * dist/ first, so it is not done needlessly while other tests may be running the bin.)
 */
async function ensureBuilt(): Promise<void> {
  if (existsSync(bin) && (process.env.npm_lifecycle_event === 'test' || process.env.PERSONALIZE_IMPORT_BIN)) return;
  if (existsSync(bin) && statSync(bin).mtimeMs >= newestMtime(path.join(root, 'src'))) return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: root, timeout: 120_000 });
}

describe('built bin: personalize-import sandbox', () => {
  let child: ChildProcess;
  let env: Record<string, string> = {};
  let personalize: PersonalizeClient;
  let s3: S3Client;
  let exited: Promise<number | null>;
  const stderr: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    child = spawn(process.execPath, [bin, 'sandbox', '--job-seconds', '0', '--fault', 'ListDatasetGroups=throttle:1'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    const lines = createInterface({ input: child.stdout! });
    env = await new Promise<Record<string, string>>((resolve, reject) => {
      const out: Record<string, string> = {};
      let first = true;
      lines.on('line', (line) => {
        const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
        if (m) out[m[1]] = m[2];
        else if (first) reject(new Error(`first stdout line is not NAME=value: ${line}`));
        else resolve(out);
        first = false;
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${stderr.join('')}`)));
    });
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    personalize = new PersonalizeClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials });
    s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, credentials, forcePathStyle: true });
  }, 180_000);

  afterAll(() => {
    personalize?.destroy();
    s3?.destroy();
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints every env line, loopback endpoints only', () => {
    for (const k of ['AWS_ENDPOINT_URL_PERSONALIZE', 'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'PERSONALIZE_SANDBOX_ROLE_ARN', 'PERSONALIZE_SANDBOX_BUCKET', 'PERSONALIZE_SANDBOX_NOGRANT_BUCKET']) {
      expect(env[k], k).toBeTruthy();
    }
    expect(env.AWS_ENDPOINT_URL_PERSONALIZE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.AWS_ENDPOINT_URL_S3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('--fault makes the next call of that operation throttle', async () => {
    const once = new PersonalizeClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }, maxAttempts: 1 });
    try {
      await expect(once.send(new ListDatasetGroupsCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
    } finally {
      once.destroy();
    }
  });

  it('lists the seeded groups, imports the sample interactions to ACTIVE, fails on the no-grant bucket, rejects early INCREMENTAL', async () => {
    const groups = await personalize.send(new ListDatasetGroupsCommand({}));
    const shop = groups.datasetGroups?.find((g) => g.name === 'sandbox-shop');
    expect(groups.datasetGroups?.map((g) => g.name).sort()).toEqual(['sandbox-ecommerce', 'sandbox-shop']);
    const datasets = (await personalize.send(new ListDatasetsCommand({ datasetGroupArn: shop!.datasetGroupArn }))).datasets!;
    const interactions = datasets.find((d) => d.datasetType === 'INTERACTIONS')!.datasetArn!;
    const users = datasets.find((d) => d.datasetType === 'USERS')!.datasetArn!;

    const csv = readFileSync(path.join(root, 'samples', 'interactions.csv'));
    await new Upload({ client: s3, params: { Bucket: env.PERSONALIZE_SANDBOX_BUCKET, Key: 'imports/interactions.csv', Body: csv } }).done();
    const full = await personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'bin-full', datasetArn: interactions, roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN, importMode: 'FULL',
      dataSource: { dataLocation: `s3://${env.PERSONALIZE_SANDBOX_BUCKET}/imports/interactions.csv` },
    }));
    expect((await waitForJob(personalize, full.datasetImportJobArn!)).status).toBe('ACTIVE');

    await s3.send(new PutObjectCommand({ Bucket: env.PERSONALIZE_SANDBOX_NOGRANT_BUCKET, Key: 'interactions.csv', Body: csv }));
    const denied = await personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'bin-denied', datasetArn: interactions, roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN,
      dataSource: { dataLocation: `s3://${env.PERSONALIZE_SANDBOX_NOGRANT_BUCKET}/interactions.csv` },
    }));
    expect(await waitForJob(personalize, denied.datasetImportJobArn!)).toMatchObject({ status: 'CREATE FAILED', failureReason: 'Insufficient privileges for accessing data in S3' });

    await expect(personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'bin-incremental', datasetArn: users, roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN, importMode: 'INCREMENTAL',
      dataSource: { dataLocation: `s3://${env.PERSONALIZE_SANDBOX_BUCKET}/imports/interactions.csv` },
    }))).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('a taken port is a usage error (exit 2) naming the fix, not a stack trace', async () => {
    const port = new URL(env.AWS_ENDPOINT_URL_PERSONALIZE).port;
    const second = await promisify(execFile)(process.execPath, [bin, 'sandbox', '--port', port], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect(second).toMatchObject({ code: 2 });
    expect((second as { stderr: string }).stderr).toMatch(/already in use[\s\S]*--port/);
    expect((second as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 0 on SIGTERM having closed both servers', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const url of [env.AWS_ENDPOINT_URL_PERSONALIZE, env.AWS_ENDPOINT_URL_S3]) {
      await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
    }
  });
});
