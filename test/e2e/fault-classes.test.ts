// "Unexpected error" only for a real bug (issue 18, Done when): the known failure classes of the
// file system — EACCES, EIO, ENOENT, EEXIST (a file where a folder must be, a folder where a file
// must be), ENOSPC — walked through each command that reads or writes a path the user gave (the CSV,
// --schema, the config folder and file, --report, --data-dir). Each must exit 2 or 3 with the path
// named, never a stack trace or "Unexpected error", and with --json still print one JSON document.
//
// How the classes are made, all real (nothing simulated):
// - EACCES: the CLI runs as `nobody` (setpriv) against files and folders owned by root (we run as root);
// - EIO: /proc/self/mem, whose first page is unmapped: read() gives EIO on Linux;
// - ENOSPC: /dev/full for a file written in place, and a 64 KB tmpfs filled to the brim for files
//   written next to their target and renamed (skipped, and said so, where mount is not permitted);
// - a FIFO (mkfifo) and /dev/zero for the inputs that would hang or never end.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { CLI, cliEnv, ensureBuilt, ROOT, SAMPLES, type CliResult } from './import-helpers.js';

beforeAll(() => ensureBuilt());

const isRoot = process.getuid?.() === 0;
const hasSetpriv = (() => {
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const SCHEMA = join(ROOT, 'test/fixtures/csv/schemas/interactions.json');

function run(args: string[], env: NodeJS.ProcessEnv, as: 'me' | 'nobody' = 'me'): Promise<CliResult> {
  const t0 = Date.now();
  const [cmd, argv] = as === 'nobody'
    ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]];
  const child = spawn(cmd, argv as string[], { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 })));
}

/** the rule: exit 2 or 3, the path named, no "Unexpected error", no stack; --json: one document */
function expectNamed(r: CliResult, path: string, json = false) {
  const all = r.stdout + r.stderr;
  expect([2, 3], all).toContain(r.code);
  expect(r.stderr, all).toContain(path);
  expect(all).not.toMatch(/Unexpected error|bug report|\n\s+at [\w.<>]+ \(/);
  if (json) expect(() => JSON.parse(r.stdout), r.stdout).not.toThrow();
}

/** a world-readable temporary folder (mkdtemp makes them 0700: nobody could not even look) */
function openDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(d, 0o755);
  return d;
}

let tiny: string | undefined;
beforeAll(() => {
  if (!isRoot) return;
  const dir = openDir('pi-tiny-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0777', 'tmpfs', dir], { stdio: 'ignore' });
    tiny = dir;
  } catch {
    // eslint-disable-next-line no-console
    console.log('fault-classes: mount (tmpfs) not permitted here: the ENOSPC cases on a full file system are skipped; /dev/full still covers ENOSPC on write');
  }
});
afterAll(() => {
  if (tiny) execFileSync('umount', [tiny], { stdio: 'ignore' });
});
/** fills the tiny tmpfs (after `prepare` wrote what must already be there) */
function fill(): void {
  try {
    writeFileSync(join(tiny!, 'filler'), Buffer.alloc(1024 * 1024));
  } catch (e) {
    expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
  }
}

describe('validate: the input and --schema', () => {
  const env = () => cliEnv();
  it('ENOENT, a folder, a FIFO, /dev/zero, EIO — with and without --json', async () => {
    const dir = openDir('pi-walk-');
    const fifo = join(dir, 'events.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const input of [join(dir, 'missing.csv'), dir, fifo, '/dev/zero', '/proc/self/mem']) {
      for (const json of [false, true]) {
        const r = await run(['validate', input, '--schema', SCHEMA, ...(json ? ['--json'] : [])], env());
        expectNamed(r, input, json);
        expect(r.code).toBe(2);
      }
    }
    const eio = await run(['validate', '/proc/self/mem', '--schema', SCHEMA], env());
    expect(eio.stderr).toMatch(/input\/output error.*\(EIO\)/);
  });
  it.runIf(isRoot && hasSetpriv)('EACCES: a CSV and a schema only root may read (run as nobody)', async () => {
    const dir = openDir('pi-walk-');
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, readFileSync(join(SAMPLES, 'interactions.csv')));
    chmodSync(csv, 0o600);
    const schema = join(dir, 'schema.json');
    writeFileSync(schema, readFileSync(SCHEMA));
    chmodSync(schema, 0o600);
    const open = join(dir, 'open.csv');
    writeFileSync(open, readFileSync(join(SAMPLES, 'interactions.csv')));
    chmodSync(open, 0o644);
    const openSchema = join(dir, 'open.json');
    writeFileSync(openSchema, readFileSync(SCHEMA));
    chmodSync(openSchema, 0o644);
    for (const json of [false, true]) {
      const r = await run(['validate', csv, '--schema', openSchema, ...(json ? ['--json'] : [])], env(), 'nobody');
      expectNamed(r, csv, json);
      expect(r.stderr).toMatch(/permission denied \(EACCES\)/);
      const s = await run(['validate', open, '--schema', schema, ...(json ? ['--json'] : [])], env(), 'nobody');
      expectNamed(s, schema, json);
    }
    // and the control: the same files readable, as nobody, validate fine
    expect((await run(['validate', open, '--schema', openSchema], env(), 'nobody')).code).toBe(0);
  });
});

describe('the config folder and file (profiles, import --profile)', () => {
  const base = { name: 'shop', datasetGroupArn: 'arn:aws:personalize:us-east-1:1:dataset-group/shop', datasetArn: 'arn:aws:personalize:us-east-1:1:dataset/shop/INTERACTIONS' };
  it('a file where the config folder must be (EEXIST / ENOTDIR class)', async () => {
    const dir = openDir('pi-walk-');
    const file = join(dir, 'conf');
    writeFileSync(file, 'x');
    for (const args of [['profiles', 'list'], ['profiles', 'list', '--json'], ['import', '--profile', 'shop', '--csv', 'x.csv']]) {
      const r = await run(args, cliEnv({ PERSONALIZE_IMPORT_CONFIG_DIR: file }));
      expectNamed(r, file);
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
  it.runIf(isRoot && hasSetpriv)('EACCES: a config file root owns (after sudo) is reported, never moved aside', async () => {
    const dir = openDir('pi-walk-');
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.save(base);
    const file = join(dir, 'config.json');
    const before = readFileSync(file, 'utf8');
    for (const args of [['profiles', 'list'], ['profiles', 'show', 'shop', '--json'], ['import', '--profile', 'shop', '--csv', 'x.csv', '--json']]) {
      const r = await run(args, cliEnv({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }), 'nobody');
      expectNamed(r, file, args.includes('--json') && args[0] === 'import');
      expect(r.stderr).toMatch(/permission denied \(EACCES\)/);
      expect(r.stderr).toMatch(/sudo chown/);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(execFileSync('ls', [dir], { encoding: 'utf8' })).not.toMatch(/corrupt/);
  });
  it.runIf(isRoot && hasSetpriv)('EACCES: a read-only config folder — reading works, deleting says why it cannot', async () => {
    const dir = openDir('pi-walk-');
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.save(base);
    chmodSync(join(dir, 'config.json'), 0o644);
    const env = cliEnv({ PERSONALIZE_IMPORT_CONFIG_DIR: dir });
    const list = await run(['profiles', 'list'], env, 'nobody');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^shop /m);
    const del = await run(['profiles', 'delete', 'shop'], env, 'nobody');
    expectNamed(del, join(dir, 'config.json'));
    expect(openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: dir }).store.get('shop')).toBeDefined();
  });
  it.runIf(isRoot && hasSetpriv)('EACCES: a config folder that cannot be created', async () => {
    const dir = openDir('pi-walk-');
    chmodSync(dir, 0o555);
    const conf = join(dir, 'personalize-import');
    const r = await run(['profiles', 'list'], cliEnv({ PERSONALIZE_IMPORT_CONFIG_DIR: conf }), 'nobody');
    expectNamed(r, conf);
  });
  it('ENOSPC: a full disk under the config file', async (ctx) => {
    if (!tiny) return ctx.skip();
    const conf = join(tiny, 'conf');
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: conf }).store.save(base);
    fill();
    const r = await run(['profiles', 'delete', 'shop'], cliEnv({ PERSONALIZE_IMPORT_CONFIG_DIR: conf }));
    expectNamed(r, join(conf, 'config.json'));
    expect(r.stderr).toMatch(/no space left on the device \(ENOSPC\)/);
    execFileSync('rm', ['-f', join(tiny, 'filler')]);
  });
});

describe('report paths: import --individually --report, diagnose --report', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const items = () => sb.seeded.datasetArn('custom', 'ITEMS');
  const recordsArgs = (report: string) => ['import', '--individually', '--csv', join(SAMPLES, 'items.csv'), '--dataset-arn', items(), '--report', report, '--json'];
  let jobArn = '';
  beforeAll(async () => {
    await sb.importSampleFull();
    const jobs = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS') }));
    jobArn = jobs.datasetImportJobs![0].datasetImportJobArn!;
  });

  it('ENOENT (no such folder), a folder as the file, a device: checked before anything is sent', async () => {
    const dir = openDir('pi-walk-');
    for (const report of [join(dir, 'no/such/dir/r.json'), dir, '/dev/full']) {
      const r = await run(recordsArgs(report), cliEnv({ ...sb.env }));
      expectNamed(r, report.startsWith(dir) && report !== dir ? join(dir, 'no/such/dir') : report, true);
      expect(r.stderr).not.toMatch(/Sent \d+/);
    }
    expect(existsSync('/dev/full.tmp')).toBe(false);
  });
  it.runIf(isRoot && hasSetpriv)('EACCES: a report folder only root may write', async () => {
    const dir = openDir('pi-walk-');
    const report = join(dir, 'r.json');
    const r = await run(recordsArgs(report), cliEnv({ ...sb.env }), 'nobody');
    expectNamed(r, report, true);
    expect(JSON.parse(r.stdout).error.message).toContain(report);
  });
  it('ENOSPC: a full disk under the report', async (ctx) => {
    if (!tiny) return ctx.skip();
    fill();
    const report = join(tiny, 'r.json');
    const r = await run(recordsArgs(report), cliEnv({ ...sb.env }));
    expectNamed(r, report, true);
    expect(r.stderr).toMatch(/ENOSPC/);
    execFileSync('rm', ['-f', join(tiny, 'filler')]);
  });
  it('import --csv: EIO, a FIFO, a device, ENOENT; and EACCES as nobody — with --json one document', async () => {
    const dir = openDir('pi-walk-');
    const fifo = join(dir, 'events.fifo');
    execFileSync('mkfifo', [fifo]);
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, readFileSync(join(SAMPLES, 'interactions.csv')));
    chmodSync(csv, 0o600);
    const args = (file: string) => ['import', '--dataset-arn', sb.seeded.datasetArn('custom', 'INTERACTIONS'), '--csv', file, '--prefix', 'walk/', '--mode', 'incremental', '--json'];
    for (const file of ['/proc/self/mem', fifo, '/dev/zero', join(dir, 'missing.csv')]) {
      const r = await run(args(file), cliEnv({ ...sb.env }));
      expectNamed(r, file, true);
    }
    if (isRoot && hasSetpriv) {
      const r = await run(args(csv), cliEnv({ ...sb.env }), 'nobody');
      expectNamed(r, csv, true);
    }
  });
  it('diagnose --report: ENOENT, a folder, ENOSPC (/dev/full) and EACCES', async () => {
    const dir = openDir('pi-walk-');
    for (const report of [join(dir, 'no/such/r.md'), dir, '/dev/full']) {
      const r = await run(['diagnose', jobArn, '--report', report], cliEnv({ ...sb.env }));
      expectNamed(r, report);
    }
    if (isRoot && hasSetpriv) {
      const r = await run(['diagnose', jobArn, '--report', join(dir, 'r.md')], cliEnv({ ...sb.env }), 'nobody');
      expectNamed(r, join(dir, 'r.md'));
    }
  });
  it.runIf(isRoot && hasSetpriv)('EACCES: the fixed copy beside a CSV in a folder only root may write — import --fix names no -o (it has none), fix names -o as the way out', async () => {
    // before: both said "-o events.fixed.csv: cannot write it … Name a file in a folder you can write to."
    const dir = openDir('pi-walk-');
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, readFileSync(join(SAMPLES, 'interactions-milliseconds.csv')));
    chmodSync(csv, 0o644);
    for (const json of [false, true]) {
      const r = await run(['import', '--dataset-arn', sb.seeded.datasetArn('custom', 'INTERACTIONS'), '--csv', csv, '--mode', 'incremental', '--fix', ...(json ? ['--json'] : [])], cliEnv({ ...sb.env }), 'nobody');
      expectNamed(r, join(dir, 'events.fixed.csv'), json);
      expect(r.stderr).toContain(`${join(dir, 'events.fixed.csv')}: cannot write it (permission denied).\n  → The fixed copy is written beside the CSV, in ${dir}: copy the CSV to a folder you can write to and import it from there.`);
      expect(r.stderr).not.toMatch(/-o /);
    }
    const f = await run(['fix', csv, '--schema', SCHEMA], cliEnv(), 'nobody');
    expectNamed(f, join(dir, 'events.fixed.csv'));
    expect(f.stderr).toBe(`${join(dir, 'events.fixed.csv')}: cannot write it (permission denied).\n  → Name a file in a folder you can write to with -o <file>.\n`);
    // the way out it names works
    const out = join(openDir('pi-walk-out-'), 'events.fixed.csv');
    chmodSync(join(out, '..'), 0o777);
    expect((await run(['fix', csv, '--schema', SCHEMA, '-o', out], cliEnv(), 'nobody')).code).toBe(0);
  });
});

describe('sandbox --data-dir', () => {
  it('a file, and (as nobody) a folder that cannot be created', async () => {
    const dir = openDir('pi-walk-');
    const file = join(dir, 'state');
    writeFileSync(file, 'x');
    const r = await run(['sandbox', '--data-dir', file], cliEnv());
    expectNamed(r, file);
    if (isRoot && hasSetpriv) {
      mkdirSync(join(dir, 'ro'), { mode: 0o555 });
      const ro = join(dir, 'ro', 'state');
      const n = await run(['sandbox', '--data-dir', ro], cliEnv(), 'nobody');
      expectNamed(n, ro);
    }
  });
});
