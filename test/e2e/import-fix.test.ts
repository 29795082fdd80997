// `import --fix` (issue #14): the fix step answered from flags. Without --fix an invalid file stays
// exit 1 (the message names --fix when every error is fixable); with it the copy is written beside
// the CSV, summarised, re-validated and imported. Rows that cannot be fixed need --fix-rejects.
// The built CLI as a child process against the sandbox in this process (real SDK clients).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { EPOCH0, messyInteractionsCsv } from '../helpers/messy-csv.js';
import { CLI, cliEnv, ensureBuilt, jsonDoc, ROOT, runCli } from './import-helpers.js';
import { asideCsv } from '../helpers/aside-csv.js';

beforeAll(() => ensureBuilt());

/** a command line the CLI printed, run by a shell as a user would paste it (`personalize-import` the built CLI) */
function runPrinted(cmd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('sh', ['-c', cmd.replace(/^personalize-import /, `'${process.execPath}' '${CLI}' `)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('import --fix', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const env = () => cliEnv({ ...sb.env });
  const interactions = () => sb.seeded.datasetArn('custom', 'INTERACTIONS');
  const messy = (unfixableAt: number[] = []) => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-import-fix-'));
    const file = join(dir, 'export.csv');
    writeFileSync(file, messyInteractionsCsv(1200, 30, { unfixableAt }));
    return { dir, file, fixed: join(dir, 'export.fixed.csv'), rejects: join(dir, 'export.rejects.csv') };
  };
  const base = (file: string) => ['import', '--dataset-arn', interactions(), '--csv', file, '--mode', 'full', '--yes', '--interval', '0.05'];

  it('without --fix: exit 1, the message names --fix, nothing written or created', async () => {
    const f = messy();
    const r = await runCli(base(f.file), env());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/all of kinds the fixer repairs/);
    expect(r.stderr).toMatch(/Run this again with --fix to write a fixed copy/);
    // said once, by the run's end: not also "fix the errors above and run again" (which --fix contradicts)
    expect(r.stderr.match(/nothing was uploaded/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/run again/);
    // no menu in a one-shot command: the wizard's “Fix and continue” line is not printed (it was, above the --fix hint)
    expect(r.stderr).not.toMatch(/“Fix and continue” writes/);
    expect(existsSync(f.fixed)).toBe(false);
    expect(r.stderr).not.toMatch(/Uploaded s3:\/\//);
    // the fix command it names runs as printed: it carries the schema (the dataset's ARN) — 'fix export.csv'
    // alone exited 2, "no schema" — and the mode
    const cmd = /; (personalize-import fix .*) writes it alone\./.exec(r.stderr)![1];
    expect(cmd).toContain(`--dataset-arn ${interactions()} --mode full`);
    const fixed = await runPrinted(cmd, env());
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/^✓ fixed: .*export\.fixed\.csv — 1,200 rows/);
  });

  it('without --fix-rejects: the fix command it names (with --rejects) runs as printed, those rows set aside', async () => {
    const f = messy();
    // line 7's USER_ID empty: a row the check already knows the fixer cannot repair
    const lines = readFileSync(f.file, 'utf8').split('\n');
    lines[6] = lines[6].replace(/^[^,]*/, '');
    writeFileSync(f.file, lines.join('\n'));
    const r = await runCli(base(f.file), env());
    expect(r.code, r.stderr).toBe(1);
    const cmd = /; (personalize-import fix .*) writes it alone, those rows set aside\./.exec(r.stderr)?.[1];
    expect(cmd, r.stderr).toBeDefined();
    const fixed = await runPrinted(cmd!, env());
    expect(fixed.code, fixed.stderr).toBe(1);
    expect(fixed.stdout).toMatch(/^✓ written: .*export\.fixed\.csv — 1,199 rows from 1,200 rows/);
    expect(readFileSync(f.rejects, 'utf8').split('\n')[1]).toMatch(/^7,/);
  });

  it('--fix: the copy is written beside the CSV, summarised, re-validated, uploaded and imported → ACTIVE, exit 0', async () => {
    const f = messy();
    const r = await runCli([...base(f.file), '--fix', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1200 }, fix: { output: f.fixed, fixed: true, rejected: 0 } });
    expect(r.stderr).toMatch(/✓ fixed: .*export\.fixed\.csv — 1,200 rows/);
    expect(r.stderr).toContain(`2026-01-01T00:00:00Z → ${EPOCH0}`);
    const fixed = readFileSync(f.fixed, 'utf8');
    expect(doc.upload.bytes).toBe(Buffer.byteLength(fixed));
    const body = await (await sb.s3.send(new GetObjectCommand({ Bucket: doc.upload.bucket, Key: doc.upload.key }))).Body!.transformToString();
    expect(body).toBe(fixed);
    expect(body.split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
  });

  it('--fix with rows that cannot be fixed: exit 1 naming the lines and --fix-rejects; with --fix-rejects they go to the rejects file and the rest imports', async () => {
    const f = messy([300, 900]);
    const r = await runCli([...base(f.file), '--fix'], env());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/2 rows of .*export\.csv cannot be fixed \(lines 302, 902\)/);
    expect(r.stderr).toMatch(/--fix-rejects/);
    expect(existsSync(f.fixed)).toBe(false);
    expect(existsSync(f.rejects)).toBe(false);

    const r2 = await runCli([...base(f.file), '--fix-rejects', '--json'], env());
    expect(r2.code, r2.stderr).toBe(0);
    expect(jsonDoc(r2)).toMatchObject({ status: 'ACTIVE', fix: { output: f.fixed, rejected: 2, rejects: f.rejects } });
    const rejects = readFileSync(f.rejects, 'utf8').trim().split('\n');
    expect(rejects.slice(1).map((l) => l.split(',')[0])).toEqual(['302', '902']);
  });

  it('a file whose only errors are rows to set aside (USER_ID empty on line 702 of 1,500): --fix alone refuses naming --fix-rejects; --fix --fix-rejects sets it aside → ACTIVE', async () => {
    const f = asideCsv();
    const r = await runCli([...base(f.file), '--fix'], env());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/1 row of .*events\.csv cannot be fixed \(line 702\).*--fix-rejects/s);
    expect(existsSync(f.fixed)).toBe(false);
    const r2 = await runCli([...base(f.file), '--fix', '--fix-rejects', '--json'], env());
    expect(r2.code, r2.stderr).toBe(0);
    expect(jsonDoc(r2)).toMatchObject({ status: 'ACTIVE', fix: { output: f.fixed, rejected: 1, rejects: f.rejects } });
    expect(readFileSync(f.rejects, 'utf8').split('\n')[1]).toMatch(/^702,/);
  });
});
