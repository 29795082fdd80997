// Uploads under faults, end to end (issue 18 items 2, 3, 16, 17): the built CLI as a child process
// against a sandbox in this process; signals are sent to the real child.
import { mkdtempSync, readFileSync, truncateSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDatasetImportJobCommand, ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { interactionsCsv, withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli, start } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('uploads under faults', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const env = () => cliEnv({ ...sb.env });
  const interactions = () => sb.seeded.datasetArn('custom', 'INTERACTIONS');
  const objects = async (prefix: string) => ((await sb.s3.send(new ListObjectsV2Command({ Bucket: sb.sandbox.bucket, Prefix: prefix }))).Contents ?? []).map((o) => ({ key: o.Key!, size: o.Size! }));
  const multipart = async () => (await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }))).Uploads ?? [];
  const jobs = async (arn: string) => (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: arn }))).datasetImportJobs ?? [];

  beforeAll(async () => {
    await sb.importSampleFull();
  });

  it('two concurrent imports of different files named events.csv with one --prefix: each job reads its own file', async () => {
    const a = mkdtempSync(join(tmpdir(), 'pi-a-'));
    const b = mkdtempSync(join(tmpdir(), 'pi-b-'));
    writeFileSync(join(a, 'events.csv'), interactionsCsv(1100, 50));
    writeFileSync(join(b, 'events.csv'), interactionsCsv(1300, 60));
    // no --job-name: both generate <dataset>-<time>; started together they usually clash, and the
    // second then takes a random suffix instead of failing (item 16)
    const args = (dir: string) => ['import', '--dataset-arn', interactions(), '--csv', join(dir, 'events.csv'), '--prefix', 'daily/', '--mode', 'incremental', '--interval', '0.05', '--json'];
    const [ra, rb] = await Promise.all([runCli(args(a), env()), runCli(args(b), env())]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const [da, db] = [jsonDoc(ra), jsonDoc(rb)];
    expect(da.status).toBe('ACTIVE');
    expect(db.status).toBe('ACTIVE');
    expect(da.dataLocation).not.toBe(db.dataLocation);
    expect(da.datasetImportJobArn).not.toBe(db.datasetImportJobArn);
    for (const [d, dir] of [[da, a], [db, b]] as const) {
      expect(d.upload.key).toMatch(/^daily\/events-\d{8}-\d{6}-[a-z2-9]{4}\.csv$/);
      const head = await sb.s3.send(new HeadObjectCommand({ Bucket: sb.sandbox.bucket, Key: d.upload.key }));
      expect(head.ContentLength).toBe(readFileSync(join(dir, 'events.csv')).length);
      const job = await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: d.datasetImportJobArn }));
      expect(job.datasetImportJob?.dataSource?.dataLocation).toBe(`s3://${sb.sandbox.bucket}/${d.upload.key}`);
    }
  });

  for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${sig} during the upload aborts it like Ctrl-C: no parts, no object, no job, exit 130`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pi-sig-'));
      const file = join(dir, 'big.csv');
      const row = 'user-001,item-001,1767225600,click,\n';
      writeFileSync(file, 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n' + row.repeat(Math.ceil((16 * 1024 * 1024) / row.length)));
      sb.sandbox.setUploadPartDelay(1000);
      onTestFinished(() => sb.sandbox.setUploadPartDelay(0));
      const arn = sb.seeded.datasetArn('domain', 'INTERACTIONS');
      const before = (await jobs(arn)).length;
      const prefix = `sig/${sig.toLowerCase()}/`;
      const run = start(['import', '--dataset-arn', arn, '--csv', file, '--prefix', prefix, '--skip-validation', '--mode', 'full', '--yes'], env());
      await run.waitFor(/Uploading /);
      // once the multipart upload exists in S3 (parts could be left behind from here on)
      for (const t0 = Date.now(); !(await multipart()).some((u) => u.Key?.startsWith(prefix));) {
        if (Date.now() - t0 > 20_000) throw new Error(`no multipart upload started:\n${run.output()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      run.child.kill(sig);
      const r = await run.done;
      expect(r.code, r.stdout + r.stderr).toBe(130);
      expect(r.stderr).toMatch(new RegExp(`Stopped by ${sig}: the upload of .* was aborted; no parts are left in S3`));
      expect(r.stderr).not.toMatch(/Unexpected error/);
      expect(await multipart()).toEqual([]);
      expect(await objects(prefix)).toEqual([]);
      expect((await jobs(arn)).length).toBe(before);
    });
  }

  it('--mode incremental --skip-validation of a 2 GB file is refused before a byte is uploaded (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-2g-'));
    const file = join(dir, 'huge.csv');
    // a sparse file: 2 GiB long, no disk used
    closeSync(openSync(file, 'w'));
    truncateSync(file, 2 * 1024 ** 3);
    const before = (await jobs(interactions())).length;
    const r = await runCli(['import', '--dataset-arn', interactions(), '--csv', file, '--prefix', 'huge/', '--mode', 'incremental', '--skip-validation', '--json'], env());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/huge\.csv is 2\.00 GB \(2,147,483,648 bytes\); one INCREMENTAL import job takes at most 1 GB \(1,073,741,824 bytes; 1 GB = 2³⁰ bytes\)\. Nothing was uploaded\./);
    expect(jsonDoc(r).error.kind).toBe('limit');
    expect(await objects('huge/')).toEqual([]);
    expect(await multipart()).toEqual([]);
    expect((await jobs(interactions())).length).toBe(before);
  });
});
