// fix against the sandbox: an s3:// object streamed through the real S3 client, the schema, dataset
// type and domain from --dataset-arn through the real Personalize client; the output lands in the
// current folder, and `validate` on it agrees.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = process.env.PI_CLI ?? join(ROOT, 'dist/cli.js');
const sb = withSandbox({ jobSeconds: 0 });

function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...sb.env, NO_COLOR: '1' };
  delete env.AWS_PROFILE;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  expect(existsSync(CLI), 'run npm run build first').toBe(true);
  await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'fix-test/events-ms.csv', Body: readFileSync(join(ROOT, 'samples/interactions-milliseconds.csv')) }));
});

describe('fix with s3:// input and --dataset-arn (sandbox)', () => {
  it('millisecond epochs in an S3 object: fixed into the current folder, valid for the dataset', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fix-s3-'));
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const r = await cli(cwd, 'fix', `s3://${sb.sandbox.bucket}/fix-test/events-ms.csv`, '--dataset-arn', arn, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ fixed: true, output: 'events-ms.fixed.csv', report: { valid: true, datasetType: 'INTERACTIONS' } });
    const unit = doc.summary.changes.find((c: { kind: string }) => c.kind === 'timestamp-epoch-unit');
    expect(unit.values).toBe(1200);
    expect(unit.example).toMatchObject({ line: 2, before: '1767225600981', after: '1767225600' });
    const out = readFileSync(join(cwd, 'events-ms.fixed.csv'), 'utf8').split('\n');
    expect(out[1]).toBe('user-001,item-051,1767225600,click,');
    const v = await cli(cwd, 'validate', join(cwd, 'events-ms.fixed.csv'), '--dataset-arn', arn, '--json');
    expect(v.code).toBe(0);
  });

  it('--dataset-group with --dataset-type (as import takes them) names the same dataset; with no type, the group\'s datasets are listed', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fix-s3-'));
    const r = await cli(cwd, 'fix', `s3://${sb.sandbox.bucket}/fix-test/events-ms.csv`, '--dataset-group', 'sandbox-shop', '--dataset-type', 'interactions', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ fixed: true, report: { valid: true, datasetType: 'INTERACTIONS' } });
    const which = await cli(cwd, 'fix', `s3://${sb.sandbox.bucket}/fix-test/events-ms.csv`, '--dataset-group', 'sandbox-shop', '-o', 'x.csv');
    expect(which.code).toBe(2);
    expect(which.stderr).toMatch(/fix: which dataset of sandbox-shop\? It has interactions, items, users/);
    expect(existsSync(join(cwd, 'x.csv'))).toBe(false);
  });

  it('a missing object or a prefix: exit 2 naming it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fix-s3-'));
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const missing = await cli(cwd, 'fix', `s3://${sb.sandbox.bucket}/fix-test/nope.csv`, '--dataset-arn', arn);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/fix-test\/nope\.csv: no such object/);
    const bucket = await cli(cwd, 'fix', 's3://no-such-bucket-s27/x.csv', '--dataset-arn', arn);
    expect(bucket.code).toBe(2);
    expect(bucket.stderr).toMatch(/^There is no bucket named no-such-bucket-s27\.\n  → Check the bucket's name/);
    const prefix = await cli(cwd, 'fix', `s3://${sb.sandbox.bucket}/fix-test/`, '--dataset-arn', arn);
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toMatch(/is a prefix \(a folder\), not an object; fix reads one object at a time/);
  });
});
