// validate against the sandbox: s3:// objects and prefixes streamed through the real S3 client, and
// --dataset-arn resolved through the real Personalize client (the CLI child gets the sandbox's env).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import nodeModule from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const FX = join(ROOT, 'test/fixtures/csv');

const sb = withSandbox({ jobSeconds: 0 });

/** async (not spawnSync): the sandbox answers from this process */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliEnv({}, ...args);
}

/** the CLI with the sandbox's env, `change` applied (undefined: removed) */
function cliEnv(change: Record<string, string | undefined>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return nodeCli([], change, ...args);
}

/** the CLI run by node with `nodeArgs` first (e.g. --import a module that reports on the run) */
function nodeCli(nodeArgs: string[], change: Record<string, string | undefined>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...sb.env, ...change };
  delete env.AWS_PROFILE;
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete env[k];
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, CLI, 'validate', ...args], { cwd: ROOT, env, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  expect(existsSync(CLI), 'run npm run build first').toBe(true);
  const put = (key: string, file: string) => sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: readFileSync(join(FX, file)) }));
  await put('validate-test/one.csv', 'valid-users.csv');
  await put('validate-test/mixed/a.csv', 'valid-users.csv');
  await put('validate-test/mixed/b.csv', 'type-int.csv');
  await put('validate-test/mixed/notes.txt', 'valid-users.csv');
});

describe('validate with s3:// inputs (sandbox)', () => {
  it('one object: streamed and valid', async () => {
    const r = await cli(`s3://${sb.sandbox.bucket}/validate-test/one.csv`, '--schema', join(FX, 'schemas/users.json'), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, rows: 3 });
  });

  it('a prefix: every CSV under it, issues name the object', async () => {
    const r = await cli(`s3://${sb.sandbox.bucket}/validate-test/mixed/`, '--schema', join(FX, 'schemas/users.json'), '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.stats.files).toBe(2);
    expect(doc.notes.join(' ')).toMatch(/Skipped 1 object .*\.csv/);
    expect(doc.rows).toBe(6);
    expect(doc.errors[0]).toMatchObject({ code: 'TYPE_INT', line: 3, file: `s3://${sb.sandbox.bucket}/validate-test/mixed/b.csv` });
  });

  it('S3 alone (no Personalize client): --debug shows its calls, and no region says so (exit 2)', async () => {
    const url = `s3://${sb.sandbox.bucket}/validate-test/one.csv`;
    const d = await cli(url, '--schema', join(FX, 'schemas/users.json'), '--debug');
    expect(d.code).toBe(0);
    expect(d.stderr).toMatch(/\[debug\] region us-east-1, s3 endpoint http:\/\/127\.0\.0\.1:\d+ \(path-style\)/);
    expect(d.stderr).toMatch(/\[debug\] → s3 GetObject/);
    // the object's storage is made once (its settings said once), and every answer names its request id
    expect(d.stderr.match(/\[debug\] region /g)).toHaveLength(1);
    expect(d.stderr).toMatch(/\[debug\] ← s3 GetObject HTTP 206 request-id SANDBOX[0-9A-F]+ /);
    expect(d.stderr).not.toMatch(/request-id - /);
    expect(d.stderr).not.toMatch(/→ personalize|personalize endpoint/);
    const r = await cliEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_CONFIG_FILE: join(FX, 'no-such-aws-config') }, url, '--schema', join(FX, 'schemas/users.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No AWS region is configured/);
  });

  it('one object: its size comes with its first bytes (no HeadObject before the first range, with two threads); an empty object still fails as empty', async () => {
    const url = `s3://${sb.sandbox.bucket}/validate-test/one.csv`;
    const d = await cli(url, '--schema', join(FX, 'schemas/users.json'), '--debug');
    expect(d.code).toBe(0);
    expect(d.stderr).toMatch(/\[debug\] ← s3 GetObject HTTP 206/);
    // one thread: no early workers and no probe to read the size from; HeadObject says it
    expect((d.stderr.match(/→ s3 HeadObject/g) ?? []).length).toBe(availableParallelism() > 1 ? 0 : 1);
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'validate-test/empty.csv', Body: '' }));
    const e = await cli(`s3://${sb.sandbox.bucket}/validate-test/empty.csv`, '--schema', join(FX, 'schemas/users.json'), '--json');
    expect(e.code).toBe(1);
    expect(JSON.parse(e.stdout)).toMatchObject({ valid: false, rows: 0, errors: [{ code: 'EMPTY_FILE' }] });
  });

  it('what the S3 path loads: no TLS for an http endpoint; worker threads use the compile cache the main thread does; a split object starts one worker thread', async () => {
    // a module loaded first in every thread of the run (worker threads inherit the parent's
    // execArgv) says what its thread sees: the main thread, at exit, whether node:tls was loaded;
    // a worker thread, as it starts, the compile cache folder it uses (Node 20 has no such cache)
    const dir = mkdtempSync(join(tmpdir(), 'pi-startup-'));
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, [
      "import { isMainThread } from 'node:worker_threads';",
      "import m from 'node:module';",
      "if (isMainThread) process.on('exit', () => process.stderr.write(`tls=${process.moduleLoadList.includes('NativeModule tls')}\\n`));",
      "else process.stderr.write(`worker cache=${m.getCompileCacheDir?.() ?? 'none'}\\n`);",
    ].join('\n'));
    // TMPDIR: the run's own cache folder (os.tmpdir()/node-compile-cache), not the machine's
    // PERSONALIZE_IMPORT_SPLIT_MIN_BYTES: files are split for two threads from 512 KiB on (64 MiB
    // unset), so the split paths run on a 1.4 MB file, not a 94 MB one
    const env = { NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, TMPDIR: dir, PERSONALIZE_IMPORT_SPLIT_MIN_BYTES: String(512 * 1024) };
    try {
      // Node 24 parses its root certificates as node:tls loads (≈ 13 ms of CPU): the sandbox is http
      const r = await nodeCli(['--import', probe], env, `s3://${sb.sandbox.bucket}/validate-test/one.csv`, '--schema', join(FX, 'schemas/users.json'), '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, rows: 3 });
      expect(r.stderr).toMatch(/^tls=false$/m);
      // a file big enough for two threads: its worker threads start with the cache (they compiled
      // their modules again on every run without it)
      if (availableParallelism() < 2) return;
      const big = join(dir, 'users-big.csv');
      const rows: string[] = ['USER_ID,AGE,MEMBERSHIP'];
      for (let i = 0; i < 120_000; i++) rows.push(`u${i},${20 + (i % 50)},gold`);
      writeFileSync(big, rows.join('\n') + '\n');
      const w = await nodeCli(['--import', probe], env, big, '--schema', join(FX, 'schemas/users.json'), '--json');
      expect(JSON.parse(w.stdout)).toMatchObject({ valid: true, rows: 120_000 });
      const caches = [...w.stderr.matchAll(/^worker cache=(.*)$/gm)].map((m) => m[1]);
      expect(caches.length).toBeGreaterThan(0);
      const hasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
      for (const c of caches) {
        if (hasCache) expect(c.startsWith(join(dir, 'node-compile-cache'))).toBe(true);
        else expect(c).toBe('none');
      }
      // the same file as an S3 object: its first part is checked on the main thread (from the bytes
      // its sockets read), so one worker thread starts, not one per part as before
      await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'validate-test/users-big.csv', Body: readFileSync(big) }));
      const s = await nodeCli(['--import', probe], env, `s3://${sb.sandbox.bucket}/validate-test/users-big.csv`, '--schema', join(FX, 'schemas/users.json'), '--json');
      expect(JSON.parse(s.stdout)).toMatchObject({ valid: true, rows: 120_000 });
      expect([...s.stderr.matchAll(/^worker cache=/gm)]).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // three runs of the CLI, two over a 1.4 MB file split for two threads (one as an S3 object)
  }, 60_000);

  it('a missing object: exit 2 naming it', async () => {
    const r = await cli(`s3://${sb.sandbox.bucket}/validate-test/nope.csv`, '--schema', join(FX, 'schemas/users.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/validate-test\/nope\.csv: no such object/);
    // a bucket that does not exist is named as such, not as a key to check (a HEAD's 404 is the same for both)
    const b = await cli('s3://no-such-bucket-s27/x.csv', '--schema', join(FX, 'schemas/users.json'), '--json');
    expect(b.code).toBe(2);
    expect(b.stderr).toBe('There is no bucket named no-such-bucket-s27.\n  → Check the bucket\'s name (aws s3 ls lists yours); bucket names are global and lower-case.\n');
    expect(JSON.parse(b.stdout).error.message).toMatch(/There is no bucket named no-such-bucket-s27/);
  });

  it('--dataset-arn: schema, dataset type and domain come from the dataset', async () => {
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const r = await cli(join(ROOT, 'samples/interactions.csv'), '--dataset-arn', arn, '--json');
    const doc = JSON.parse(r.stdout);
    expect(doc.datasetType).toBe('INTERACTIONS');
    expect(doc.notes.join(' ')).toMatch(/from the dataset/);
    expect(r.code).toBe(doc.valid ? 0 : 1);
    const bad = await cli(join(ROOT, 'samples/interactions-milliseconds.csv'), '--dataset-arn', arn, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).errors.map((e: { code: string }) => e.code)).toContain('TIMESTAMP_MILLISECONDS');
  });

  it('--dataset-group (name or ARN) with --dataset-type, as import takes them: the same as the dataset\'s ARN', async () => {
    const r = await cli(join(ROOT, 'samples/interactions-milliseconds.csv'), '--dataset-group', 'sandbox-shop', '--dataset-type', 'interactions', '--json');
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.datasetType).toBe('INTERACTIONS');
    expect(doc.errors.map((e: { code: string }) => e.code)).toContain('TIMESTAMP_MILLISECONDS');
    const items = await cli(join(ROOT, 'samples/items.csv'), '--dataset-group', sb.seeded.customGroupArn, '--dataset-type', 'ITEMS', '--json');
    expect(JSON.parse(items.stdout).datasetType).toBe('ITEMS');
  });

  it('--dataset-group mistakes name the fix: which dataset (it lists them), a type it lacks, an unknown group, two schemas', async () => {
    const which = await cli(join(ROOT, 'samples/items.csv'), '--dataset-group', 'sandbox-shop');
    expect(which.code).toBe(2);
    expect(which.stderr).toMatch(/which dataset of sandbox-shop\? It has interactions, items, users\.\n.*--dataset-type/);
    const lacks = await cli(join(ROOT, 'samples/items.csv'), '--dataset-group', 'sandbox-shop', '--dataset-type', 'action-interactions');
    expect(lacks.code).toBe(2);
    expect(lacks.stderr).toMatch(/sandbox-shop has no action-interactions dataset \(it has interactions, items, users\)/);
    const none = await cli(join(ROOT, 'samples/items.csv'), '--dataset-group', 'no-such-group', '--dataset-type', 'items');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no dataset group named no-such-group/);
    const both = await cli(join(ROOT, 'samples/items.csv'), '--dataset-group', 'sandbox-shop', '--schema', join(FX, 'schemas/users.json'));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/pass one of --schema, --dataset-arn and --dataset-group/);
  });
});
