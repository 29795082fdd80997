// `import --create` of a local file reads it for validation once: the check before creating
// (create-check.ts) hands its report to the flow's validate step (validate/prepared.ts), which takes
// it when the file and schema are unchanged — and validates again when the file changed in between.
// The command runs in this process (its run(), the real SDK clients against sandbox --seed none) so
// the file's opens can be counted: node:fs's open is wrapped for the test (every read stream opens
// through it) and the builtin's ESM exports synced, then restored. What is counted is the window
// between the first creation line and the validation report: the flow's own read of the file.
import fs, { appendFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/import.js';
import { withSandbox } from '../helpers/sandbox.js';
import { messyInteractionsCsv } from '../helpers/messy-csv.js';

const SAMPLE = resolve(__dirname, '../../samples/interactions.csv');

/** Counts opens of `file` through node:fs (callback, sync and promise forms) until undone. */
function countOpens(file: string): { count(): number; undo(): void } {
  let n = 0;
  const saved = { open: fs.open, openSync: fs.openSync, popen: fs.promises.open };
  const hit = (p: unknown) => {
    if (String(p) === file) n++;
  };
  fs.open = ((p: fs.PathLike, ...rest: unknown[]) => (hit(p), (saved.open as (...a: unknown[]) => void)(p, ...rest))) as typeof fs.open;
  fs.openSync = ((p: fs.PathLike, ...rest: unknown[]) => (hit(p), (saved.openSync as (...a: unknown[]) => number)(p, ...rest))) as typeof fs.openSync;
  fs.promises.open = ((p: fs.PathLike, ...rest: unknown[]) => (hit(p), (saved.popen as (...a: unknown[]) => Promise<fs.promises.FileHandle>)(p, ...rest))) as typeof fs.promises.open;
  syncBuiltinESMExports();
  return {
    count: () => n,
    undo() {
      Object.assign(fs, { open: saved.open, openSync: saved.openSync });
      fs.promises.open = saved.popen;
      syncBuiltinESMExports();
    },
  };
}

let undo: (() => void) | undefined;
afterEach(() => {
  undo?.();
  undo = undefined;
});

let copies = 0;

/**
 * A copy of the sample, its modification time an hour back (a fresh one is read again: prepared.ts
 * RACY_MS). Each copy has a name of its own: the upload key's run id is the process's (one CLI run
 * a process), and these runs share one process and one sandbox — same-named files would share a key.
 */
function oldCopy(text: string | Buffer = readFileSync(SAMPLE)): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pi-create-once-')), `${++copies}-events.csv`);
  writeFileSync(file, text);
  const hourAgo = new Date(Date.now() - 3600_000);
  utimesSync(file, hourAgo, hourAgo);
  return file;
}

describe('import --create reads the file for validation once (sandbox --seed none, in process)', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.2 });

  /** the command on `file`; `between` runs when the first creation line is printed (the check is done, the flow not begun) */
  async function importCreate(file: string, group: string, between?: () => void, flags: string[] = []) {
    const opens = countOpens(file);
    undo = opens.undo;
    let text = '';
    let atCreate: number | undefined;
    let atReport: number | undefined;
    const stderr = new Writable({
      write(chunk: Buffer, _enc, cb) {
        text += chunk;
        if (atCreate === undefined && /Creating dataset group/.test(text)) {
          atCreate = opens.count();
          between?.();
        }
        if (atReport === undefined && /^[✓✗] (in)?valid: /m.test(text)) atReport = opens.count();
        cb();
      },
    });
    let out = '';
    const stdout = new Writable({ write(chunk: Buffer, _enc, cb) { out += chunk; cb(); } });
    const env = { ...sb.env, NO_COLOR: '1', PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-create-once-cfg-')) };
    const code = await run(['import', '--csv', file, '--dataset-group', group, '--dataset-type', 'interactions', '--create', '--interval', '0.05', '--json', ...flags].slice(1), { io: { stdout, stderr, stdin: process.stdin, isTTY: false, env, cwd: process.cwd() } });
    opens.undo();
    undo = undefined;
    return { code, text, doc: JSON.parse(out) as { status: string; validation: Record<string, unknown> }, checkReads: atCreate, flowReads: atCreate === undefined || atReport === undefined ? undefined : atReport - atCreate };
  }

  it('an unchanged file: read by the check before creating, not again by the flow; the line and --json say where the report came from', async () => {
    const file = oldCopy();
    const r = await importCreate(file, 'once-shop');
    expect(r.code, r.text).toBe(0);
    expect(r.doc.status).toBe('ACTIVE');
    expect(r.checkReads).toBeGreaterThanOrEqual(1);
    expect(r.flowReads).toBe(0);
    expect(r.doc.validation).toMatchObject({ valid: true, rows: 1200, mode: 'FULL', checked: 'before the dataset was created' });
    expect(r.text).toContain(`${file} was checked before the dataset was created, against the schema it was created with; unchanged since, it was not read again:`);
    expect(r.text).not.toMatch(/^Validating /m);
  });

  it('a file changed between the check and the flow (a row appended) is validated again, and the report is the new file\'s', async () => {
    const file = oldCopy();
    const r = await importCreate(file, 'appended-shop', () => appendFileSync(file, 'u1,i1,1767225600,click,\n'));
    expect(r.code, r.text).toBe(0);
    expect(r.flowReads).toBeGreaterThanOrEqual(1);
    expect(r.doc.validation).toMatchObject({ valid: true, rows: 1201 });
    expect(r.doc.validation).not.toHaveProperty('checked');
    expect(r.text).toMatch(/^Validating .*events\.csv against /m);
  });

  it('a file rewritten in place with its size and modification time kept (only the change time tells) is validated again', async () => {
    const file = oldCopy();
    const r = await importCreate(file, 'rewritten-shop', () => {
      const { mtime, atime } = fs.statSync(file);
      writeFileSync(file, readFileSync(file, 'utf8').replace(',click,', ',CLICK,'));
      utimesSync(file, atime, mtime);
    });
    expect(r.code, r.text).toBe(0);
    expect(r.flowReads).toBeGreaterThanOrEqual(1);
    expect(r.doc.validation).not.toHaveProperty('checked');
    expect(r.text).toMatch(/event types: .*CLICK 1/);
  });

  it('a file written moments before the check (its modification time cannot prove it unchanged) is validated again', async () => {
    const file = oldCopy();
    utimesSync(file, new Date(), new Date());
    const r = await importCreate(file, 'fresh-shop');
    expect(r.code, r.text).toBe(0);
    expect(r.flowReads).toBeGreaterThanOrEqual(1);
    expect(r.doc.validation).not.toHaveProperty('checked');
  });

  it('--fix: the check\'s report of the original (errors the fixer repairs) is the one the fix step works from; the copy it writes is validated and imported', async () => {
    const file = oldCopy(messyInteractionsCsv(1200, 30));
    const r = await importCreate(file, 'fixed-shop', undefined, ['--fix']);
    expect(r.code, r.text).toBe(0);
    expect(r.flowReads).toBe(0);
    expect(r.text).toContain(`${file} was checked before the dataset was created, against the schema it was created with; unchanged since, it was not read again:`);
    expect(r.text).toMatch(/^Validating .*events\.fixed\.csv against /m);
    expect(r.doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1200 }, fix: { fixed: true } });
    expect(r.doc.validation).not.toHaveProperty('checked');
  });
});
