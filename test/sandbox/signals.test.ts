// The BUILT bin's `sandbox` as a child process, stopped by SIGHUP (its terminal closed), SIGINT
// (Ctrl-C) and SIGTERM at three moments: while it starts (its temporary folder just created, nothing
// printed yet), once it is ready, and while an import job is streaming rows to disk. Each child
// gets its own TMPDIR, so "nothing left behind" is checked exactly (other sandboxes on the machine
// do not count).
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateDatasetImportJobCommand, DescribeDatasetImportJobCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { interactionsCsv } from '../helpers/sandbox.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = process.env.PERSONALIZE_IMPORT_BIN ? path.resolve(process.env.PERSONALIZE_IMPORT_BIN) : path.join(root, 'dist', 'cli.js');
const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const;

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function ensureBuilt(): Promise<void> {
  if (existsSync(bin) && (process.env.npm_lifecycle_event === 'test' || process.env.PERSONALIZE_IMPORT_BIN)) return;
  if (existsSync(bin) && statSync(bin).mtimeMs >= newestMtime(path.join(root, 'src'))) return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: root, timeout: 120_000 });
}

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

function startChild(args: string[] = []) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'pi-signals-'));
  scratch.push(tmp);
  const child = spawn(process.execPath, [bin, 'sandbox', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: tmp, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    const out: Record<string, string> = {};
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      if (m) out[m[1]] = m[2];
      else resolve(out);
    });
    void exited.then(() => reject(new Error(`sandbox exited before it was ready: ${stderr.join('')}`)));
  });
  ready.catch(() => {});
  const sandboxFolders = () => readdirSync(tmp).filter((f) => f.startsWith('personalize-sandbox'));
  return { child, tmp, exited, ready, stderr, sandboxFolders };
}

/** Polls (no fixed sleep) until `probe` is true. */
async function until(probe: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setImmediate(r));
  }
}

describe('built bin: the sandbox leaves no temporary folder, whatever stops it and when', () => {
  beforeAll(ensureBuilt, 180_000);

  for (const sig of SIGNALS) {
    it(`${sig} while starting (its folder just created): stops, folder gone`, async () => {
      const c = startChild();
      await until(() => c.sandboxFolders().length > 0 || c.child.exitCode !== null);
      expect(c.sandboxFolders().length, 'the folder appeared before the sandbox finished').toBe(1);
      c.child.kill(sig);
      const { code, signal } = await c.exited;
      expect(signal, c.stderr.join('')).toBeNull();
      expect(code).toBe(0);
      expect(c.sandboxFolders()).toEqual([]);
      expect(c.stderr.join('')).not.toMatch(/\n\s+at /);
    }, 120_000);

    it(`${sig} once ready: exits 0, folder gone`, async () => {
      const c = startChild();
      await c.ready;
      expect(c.sandboxFolders()).toHaveLength(1);
      c.child.kill(sig);
      expect((await c.exited).code).toBe(0);
      expect(c.sandboxFolders()).toEqual([]);
    }, 120_000);
  }

  for (const sig of SIGNALS) {
    it(`${sig} while an import job streams its rows to disk: folder gone`, async () => {
      const c = startChild(['--job-seconds', '0']);
      const env = await c.ready;
      const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
      const personalize = new PersonalizeClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials });
      const s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, credentials, forcePathStyle: true });
      try {
        // big enough that reading it takes a while on a loaded machine
        await new Upload({ client: s3, params: { Bucket: env.PERSONALIZE_SANDBOX_BUCKET, Key: 'big.csv', Body: interactionsCsv(400_000, 5000) } }).done();
        const job = await personalize.send(new CreateDatasetImportJobCommand({
          jobName: `sig-${sig}`,
          datasetArn: `arn:aws:personalize:${env.AWS_REGION}:${/::(\d+):/.exec(env.PERSONALIZE_SANDBOX_ROLE_ARN)![1]}:dataset/sandbox-shop/INTERACTIONS`,
          roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN,
          dataSource: { dataLocation: `s3://${env.PERSONALIZE_SANDBOX_BUCKET}/big.csv` },
        }));
        // the job's temporary segment exists: rows are being written
        const records = path.join(c.tmp, c.sandboxFolders()[0], 'records');
        const writing = () => existsSync(records) && readdirSync(records).some((d) => readdirSync(path.join(records, d)).some((f) => f.endsWith('.tmp')));
        await until(writing);
        const status = (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: job.datasetImportJobArn }))).datasetImportJob?.status;
        expect(status).toBe('CREATE IN_PROGRESS');
      } finally {
        personalize.destroy();
        s3.destroy();
      }
      c.child.kill(sig);
      expect((await c.exited).code).toBe(0);
      expect(c.sandboxFolders()).toEqual([]);
    }, 180_000);
  }
});
