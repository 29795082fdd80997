// An S3 object named on the command line that is not there (src/flow/s3-missing.ts), against the
// sandbox's S3 through the real SDK client: the bucket that does not exist named as such (a HEAD
// cannot tell), the same key in another case pointed at, the folder's CSVs listed — and through the
// commands that read an object (validate, fix, schema infer, import), each exit 2 with that message.
// Walked: `validate s3://no-such-bucket/a.csv` said "no such object. Check the key".
import { PassThrough } from 'node:stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/aws/deps.js';
import { missingObject } from '../../src/flow/s3-missing.js';
import { withSandbox } from '../helpers/sandbox.js';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** the built CLI, async (the sandbox answers from this process) */
function runCli(args: string[], o: { env: Record<string, string> }): Promise<{ code: number; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env };
  delete env.AWS_PROFILE;
  return new Promise((resolve) => {
    execFile(process.execPath, [`${ROOT}dist/cli.js`, ...args], { cwd: ROOT, env, maxBuffer: 1 << 24 }, (err, _stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
    });
  });
}

describe('missingObject', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const deps = async () => createDeps({ sandbox: false, io: { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: process.cwd() } });
  const put = (key: string) => sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1767225600\n' }));
  beforeAll(async () => {
    for (const k of ['exports/Events-2026.csv', 'exports/orders.csv', 'exports/b.csv', 'exports/c.csv', 'exports/notes.txt', 'exports/old/a.csv', 'odd/\u001b[31mred.csv']) await put(k);
  });

  it('a bucket that does not exist', async () => {
    const d = await deps();
    expect(await missingObject(d.s3, 'no-such-bucket-here', 'a.csv')).toEqual({ message: 'There is no bucket named no-such-bucket-here.', hint: expect.stringContaining('aws s3 ls lists yours') });
    await d.close();
  });

  it('the key in another case: that key named', async () => {
    const d = await deps();
    const m = await missingObject(d.s3, sb.sandbox.bucket, 'exports/events-2026.csv');
    expect(m.message).toBe(`s3://${sb.sandbox.bucket}/exports/events-2026.csv: no such object.`);
    expect(m.hint).toBe(`Keys are case-sensitive: s3://${sb.sandbox.bucket}/exports/Events-2026.csv is there.`);
    await d.close();
  });

  it('another name: the folder\'s CSV objects (not its subfolders\' or other files), the first three and a count', async () => {
    const d = await deps();
    const m = await missingObject(d.s3, sb.sandbox.bucket, 'exports/x.csv');
    expect(m.hint).toBe(`s3://${sb.sandbox.bucket}/exports/ holds Events-2026.csv, b.csv, c.csv and 1 more; check the key, or end a folder with /.`);
    await d.close();
  });

  it('an empty folder: check the key; a key from S3 with a control character is shown escaped', async () => {
    const d = await deps();
    expect((await missingObject(d.s3, sb.sandbox.bucket, 'none/x.csv')).hint).toBe('Check the key (keys are case-sensitive); for a folder, end it with /.');
    const odd = await missingObject(d.s3, sb.sandbox.bucket, 'odd/x.csv');
    expect(odd.hint).toContain('odd/ holds \\x1b[31mred.csv;');
    expect(odd.hint).not.toContain('\u001b');
    await d.close();
  });

  it('validate, fix, schema infer and import say it, exit 2', async () => {
    const env = { ...sb.env, NO_COLOR: '1' };
    const bucketGone = ['s3://no-such-bucket-here/a.csv', 's3://no-such-bucket-here/dir/'];
    for (const u of bucketGone) {
      const r = await runCli(['validate', u, '--dataset-group', 'sandbox-shop', '--dataset-type', 'interactions'], { env });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('There is no bucket named no-such-bucket-here.');
      expect(r.stderr).not.toMatch(/no such object|ARN or name/);
    }
    const caseOff = `s3://${sb.sandbox.bucket}/exports/events-2026.csv`;
    for (const args of [['validate', caseOff, '--dataset-group', 'sandbox-shop', '--dataset-type', 'interactions'], ['fix', caseOff, '--dataset-group', 'sandbox-shop', '--dataset-type', 'interactions'], ['schema', 'infer', caseOff], ['import', '--csv', caseOff, '--dataset-group', 'sandbox-shop', '--dataset-type', 'interactions', '--yes']]) {
      const r = await runCli(args, { env });
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args[0]).toContain(`Keys are case-sensitive: s3://${sb.sandbox.bucket}/exports/Events-2026.csv is there.`);
    }
  });
});
