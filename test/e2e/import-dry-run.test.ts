// `import --dry-run`: every step short of the side effects (validation, preflight, the plan), the
// CreateDatasetImportJob request printed, nothing uploaded or created; the exit code a real run would
// have. The built CLI as a child process against a sandbox in this process.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import --dry-run', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const env = () => cliEnv(sb.env);
  const jobs = async (arn: string) => (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: arn }))).datasetImportJobs ?? [];
  const objects = async () => (await sb.s3.send(new ListObjectsV2Command({ Bucket: sb.sandbox.bucket }))).Contents ?? [];

  it('--json: dryRun true and the request; nothing uploaded, no job; exit 0', async () => {
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const before = (await objects()).length;
    const r = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'interactions.csv'), '--bucket', sb.sandbox.bucket, '--prefix', 'dry/', '--role-arn', sb.sandbox.roleArn, '--tag', 'team=search', '--dry-run', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({
      dryRun: true,
      validation: { valid: true, rows: 1200 },
      request: {
        datasetArn: arn, dataSource: { dataLocation: expect.stringMatching(new RegExp(`^s3://${sb.sandbox.bucket}/dry/interactions-\\d{8}-\\d{6}-[a-z2-9]{4}\\.csv$`)) }, roleArn: sb.sandbox.roleArn,
        importMode: 'FULL', tags: [{ tagKey: 'team', tagValue: 'search' }],
      },
    });
    expect(doc.request.jobName).toMatch(/^sandbox-shop-interactions-\d{8}-\d{6}$/);
    expect(doc.preflight.ok).toBe(true);
    expect(doc).not.toHaveProperty('datasetImportJobArn');
    expect(await jobs(arn)).toEqual([]);
    expect((await objects()).length).toBe(before);
  });

  it('human output: the request printed; the same usage errors as a real run (exit 2 naming the flag)', async () => {
    const arn = sb.seeded.datasetArn('custom', 'ITEMS');
    const r = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'items.csv'), '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--dry-run'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Dry run: the CreateDatasetImportJob request that would be sent');
    expect(r.stdout).toMatch(/"dataLocation": "s3:\/\/personalize-sandbox-data\/items-\d{8}-\d{6}-[a-z2-9]{4}\.csv"/);
    expect(r.stdout).not.toContain('Uploading');
    const bad = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'items.csv'), '--bucket', sb.sandbox.bucket, '--role-arn', 'not-a-role', '--dry-run'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role-arn');
  });

  it('exit codes as a real run: invalid data 1, the no-grant bucket 3', async () => {
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const invalid = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'interactions-missing-column.csv'), '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--dry-run', '--json'], env());
    expect(invalid.code).toBe(1);
    const nogrant = await runCli(['import', '--dataset-arn', arn, '--csv', join(SAMPLES, 'interactions.csv'), '--bucket', sb.sandbox.noGrantBucket, '--role-arn', sb.sandbox.roleArn, '--dry-run', '--json'], env());
    expect(nogrant.code, nogrant.stderr).toBe(3);
    const doc = jsonDoc(nogrant);
    expect(doc).toMatchObject({ dryRun: true, preflight: { ok: false } });
    expect(doc.preflight.checks.find((c: { id: string }) => c.id === 'bucket-policy').status).toBe('FAIL');
    expect(await jobs(arn)).toEqual([]);
  });

  it('--data-location with --fix: the copy in a temp folder is not said to be uploaded, and where it stays is said', async () => {
    // before: "File  s3://…/ms.csv, fixed (the copy uploaded below)" above "nothing was uploaded", the
    // temp copy left behind unnamed at the end
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'dry-fix/ms.csv', Body: readFileSync(join(SAMPLES, 'interactions-milliseconds.csv')) }));
    const before = (await objects()).length;
    const r = await runCli(['import', '--dataset-arn', arn, '--data-location', `s3://${sb.sandbox.bucket}/dry-fix/ms.csv`, '--role-arn', sb.sandbox.roleArn, '--fix', '--dry-run'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/uploaded below/);
    const copy = /^File +s3:\/\/\S+\/dry-fix\/ms\.csv, fixed into (\S+ms\.fixed\.csv) \(a dry run uploads nothing: it stays\)$/m.exec(r.stdout)?.[1];
    expect(copy, r.stdout).toBeDefined();
    expect(r.stdout).toMatch(new RegExp(`\\nDry run: nothing was uploaded or created\\.\\nThe fixed copy stays in ${copy!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} for you to read; a real run uploads it, then removes it\\.\\n$`));
    expect(readFileSync(copy!, 'utf8').split('\n')[1]).toBe('user-001,item-051,1767225600,click,');
    rmSync(dirname(copy!), { recursive: true });
    expect((await objects()).length).toBe(before);
    expect(await jobs(arn)).toEqual([]);
  });
});
