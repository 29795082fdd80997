// The built CLI (dist/cli.js, as `npm test` builds it) run as a child process with no terminal,
// pointed at an in-process sandbox through its endpoint env — the way a support engineer would run
// it against a real account. PI_CLI overrides the binary (e.g. a private build while developing).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { runCli } from '../aws/cli-run.js';

const sb = withSandbox({ jobSeconds: 0 });

const cli = (args: string[], env: Record<string, string>, cwd?: string) => runCli(args, env, { cwd });

let jobArn: string;
beforeAll(async () => {
  const bucket = sb.sandbox.noGrantBucket;
  await sb.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'e2e/interactions.csv', Body: readFileSync(new URL('../../samples/interactions.csv', import.meta.url)) }));
  const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
    jobName: 'e2e-diagnose-nogrant', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'),
    dataSource: { dataLocation: `s3://${bucket}/e2e/interactions.csv` }, roleArn: sb.sandbox.roleArn,
  }));
  const job = await sb.waitForJob(r.datasetImportJobArn!);
  expect(job.status).toBe('CREATE FAILED');
  jobArn = job.datasetImportJobArn!;
});

describe('personalize-import diagnose (built CLI, no terminal)', () => {
  it('names the bucket policy, prints the statement with the real bucket, writes --report; exit 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diag-e2e-'));
    const r = await cli(['diagnose', jobArn, '--report', 'diagnosis.md'], sb.env, dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FAIL\s+The bucket policy lets Personalize read the data/);
    expect(r.stdout).toContain(`"arn:aws:s3:::${sb.sandbox.noGrantBucket}/*"`);
    const md = readFileSync(path.join(dir, 'diagnosis.md'), 'utf8');
    expect(md).toContain(`### Bucket policy statement for ${sb.sandbox.noGrantBucket}`);
  });

  it('--report a folder, or in a folder that is not there: exit 2 naming the path and what to pass, before the diagnosis', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diag-e2e-report-'));
    const folder = await cli(['diagnose', jobArn, '--report', dir], sb.env);
    expect(folder.code, folder.stderr).toBe(2);
    expect(folder.stderr).toContain(`diagnose: --report ${dir} is a folder, not a file.`);
    expect(folder.stderr).toContain(`--report ${path.join(dir, 'diagnosis.md')}`);
    const gone = path.join(dir, 'not-made', 'diagnosis.md');
    const missing = await cli(['diagnose', jobArn, '--report', gone], sb.env);
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toContain(`diagnose: --report ${gone}: the folder ${path.join(dir, 'not-made')} does not exist.`);
    expect(missing.stderr).toContain(`mkdir -p ${path.join(dir, 'not-made')}`);
    for (const r of [folder, missing]) {
      expect(r.stderr).not.toMatch(/EISDIR|ENOENT|illegal operation|\n\s+at /);
      // said before the job was read: no diagnosis printed
      expect(r.stdout).toBe('');
    }
  });

  it('--json is one parseable document on stdout', async () => {
    const r = await cli(['diagnose', jobArn, '--json', '--no-validate'], sb.env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.match.id).toBe('s3-insufficient-privileges');
    expect(doc.statementsToAdd['bucket-policy'].Principal).toEqual({ Service: 'personalize.amazonaws.com' });
  });

  it('a malformed ARN: exit 2 naming <job-arn>, no stack trace, fast', async () => {
    const r = await cli(['diagnose', 'arn:aws:personalize:us-east-1:111122223333:job/x'], sb.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<job-arn>');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.ms).toBeLessThan(5000);
  });

  it('--help documents the exit codes', async () => {
    const r = await cli(['diagnose', '--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 the diagnosis ran');
    expect(r.stdout).toContain('--report <file.md>');
  });
});
