// One reading of s3:// (src/core/s3-uri.ts) in every command, through the built CLI against a sandbox
// in this process: the input of validate / fix / schema, --data-location, --bucket of import (one file
// and several) and of access setup. Before, each had its own regex: `S3://…` was a local file for
// validate / fix / schema and no bucket for --bucket, `s3://my bucket/x.csv` reached S3, and
// `--bucket s3://b/folder/` made the bucket "b/folder" — a dry run passed, the upload then failed.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli, SAMPLES, type CliResult } from './import-helpers.js';

beforeAll(() => ensureBuilt());

function usage(r: CliResult, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/Unexpected error|\n {4}at /);
}

describe('s3:// read one way by every command', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const env = () => cliEnv(sb.env);
  const keysUnder = async (prefix: string) => ((await sb.s3.send(new ListObjectsV2Command({ Bucket: sb.sandbox.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
  beforeAll(async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 's3uri/events-ms.csv', Body: readFileSync(join(SAMPLES, 'interactions-milliseconds.csv')) }));
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 's3uri/events.csv', Body: readFileSync(join(SAMPLES, 'interactions.csv')) }));
  });

  it('S3://bucket/key (the scheme as a user may type it) is the S3 object for validate, fix and schema, not a local file', async () => {
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const uri = `S3://${sb.sandbox.bucket}/s3uri/events-ms.csv`;
    const v = await runCli(['validate', uri, '--dataset-arn', arn, '--json'], env());
    // read from S3: its millisecond epochs are the finding (exit 1), not "no such file" (exit 2)
    expect(v.code, v.stderr).toBe(1);
    expect(v.stderr).not.toMatch(/no such file/);
    const cwd = mkdtempSync(join(tmpdir(), 'pi-s3uri-fix-'));
    const f = await runCli(['fix', uri, '--dataset-arn', arn, '-o', join(cwd, 'out.csv'), '--json'], env());
    expect(f.code, f.stderr).toBe(0);
    expect(jsonDoc(f)).toMatchObject({ fixed: true, report: { valid: true } });
    const s = await runCli(['schema', 'infer', uri, '--dataset-type', 'interactions', '--json'], env());
    // read from S3 too: the same finding
    expect(s.code, s.stderr).toBe(1);
    expect(s.stdout + s.stderr).toMatch(/TIMESTAMP_MILLISECONDS/);
  });

  it('fix / schema: white space in the bucket is not an S3 location; a bucket or a folder is not one object — exit 2 with the fix', async () => {
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    usage(await runCli(['fix', 's3://my bucket/x.csv', '--dataset-arn', arn], env()), /^fix: 's3:\/\/my bucket\/x\.csv' is not an S3 location\.\n {2}→ Write it as s3:\/\/bucket\/key\.csv/);
    usage(await runCli(['schema', 'infer', 's3://my bucket/x.csv', '--dataset-type', 'interactions'], env()), /^schema: 's3:\/\/my bucket\/x\.csv' is not an S3 location\./);
    const bucketAlone = await runCli(['fix', `s3://${sb.sandbox.bucket}`, '--dataset-arn', arn], env());
    usage(bucketAlone, new RegExp(`fix: s3://${sb.sandbox.bucket} is a bucket, not an object; fix reads one object at a time\\.\\n {2}→ Pass one object: s3://${sb.sandbox.bucket}/FILE\\.csv`));
    usage(await runCli(['schema', 'infer', `s3://${sb.sandbox.bucket}/s3uri/`, '--dataset-type', 'interactions'], env()), /schema: s3:\/\/\S+\/s3uri\/ is a prefix \(a folder\), not an object/);
  });

  it('import --data-location S3://… and --bucket S3://…: the scheme in any case', async () => {
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const loc = await runCli(['import', '--dataset-arn', arn, '--data-location', `S3://${sb.sandbox.bucket}/s3uri/events.csv`, '--role-arn', sb.sandbox.roleArn, '--dry-run', '--json'], env());
    expect(loc.code, loc.stderr).toBe(0);
    expect(jsonDoc(loc).request.dataSource.dataLocation).toBe(`s3://${sb.sandbox.bucket}/s3uri/events.csv`);
    const bucket = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'interactions.csv'), '--bucket', `S3://${sb.sandbox.bucket}/`, '--role-arn', sb.sandbox.roleArn, '--dry-run', '--json'], env());
    expect(bucket.code, bucket.stderr).toBe(0);
    expect(jsonDoc(bucket).request.dataSource.dataLocation).toMatch(new RegExp(`^s3://${sb.sandbox.bucket}/interactions-\\d{8}-\\d{6}-[a-z2-9]{4}\\.csv$`));
  });

  it('import --bucket s3://bucket/folder/: the file is uploaded into that folder of that bucket (one file and several)', async () => {
    const arn = sb.seeded.datasetArn('custom', 'ITEMS');
    const one = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'items.csv'), '--bucket', `s3://${sb.sandbox.bucket}/s3uri-one/`, '--role-arn', sb.sandbox.roleArn, '--json'], env());
    expect(one.code, one.stderr).toBe(0);
    expect(await keysUnder('s3uri-one/')).toEqual([expect.stringMatching(/^s3uri-one\/items-\d{8}-\d{6}-[a-z2-9]{4}\.csv$/)]);
    const several = await runCli(['import', '--dataset-group', 'sandbox-shop', '--csv', `interactions=${join(SAMPLES, 'interactions.csv')}`, '--csv', `users=${join(SAMPLES, 'users.csv')}`, '--bucket', `s3://${sb.sandbox.bucket}/s3uri-group`, '--role-arn', sb.sandbox.roleArn], env());
    expect(several.code, several.stderr + several.stdout).toBe(0);
    expect((await keysUnder('s3uri-group/')).length).toBe(2);
  });

  it('import --bucket naming an object, or a folder given twice: exit 2 naming the fix, nothing uploaded', async () => {
    const arn = sb.seeded.datasetArn('custom', 'ITEMS');
    const base = ['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'items.csv'), '--role-arn', sb.sandbox.roleArn];
    const object = await runCli([...base, '--bucket', `s3://${sb.sandbox.bucket}/s3uri-bad/items.csv`], env());
    usage(object, new RegExp(`^import: --bucket s3://${sb.sandbox.bucket}/s3uri-bad/items\\.csv names an object; --bucket takes the bucket and, optionally, the folder the file is uploaded to\\.\\n {2}→ Pass --bucket s3://${sb.sandbox.bucket}/s3uri-bad/ \\(the file keeps its own name there\\), or --data-location`));
    usage(await runCli([...base, '--bucket', `s3://${sb.sandbox.bucket}/s3uri-bad/`, '--prefix', 'other/'], env()), /^import: the folder is given twice \(in --bucket s3:\/\/\S+\/s3uri-bad\/ and --prefix\)\./);
    expect(await keysUnder('s3uri-bad/')).toEqual([]);
    expect(await keysUnder('other/')).toEqual([]);
  });

  it('access setup --bucket S3://bucket/folder/: that bucket, that folder', async () => {
    const r = await runCli(['access', 'setup', '--bucket', `S3://${sb.sandbox.bucket}/s3uri/in/`, '--role-name', 'pi-s3uri', '--dry-run', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const put = jsonDoc(r).changes.find((c: { action: string }) => c.action === 'PutRolePolicy');
    expect(JSON.stringify(put.document)).toContain(`arn:aws:s3:::${sb.sandbox.bucket}/s3uri/in/*`);
  });
});
