// The upload's guarantees against the sandbox's S3 (issue 18 items 2 and 3): never replace an object
// this run did not put there; the job is created only if S3 still holds what was uploaded; a dropped
// connection that ends the upload leaves no parts behind, and the message says so. The connection
// drop is a TCP proxy in this test that cuts every connection and refuses new ones for 3 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { testIo } from './test-io.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { AppError } from '../../src/core/errors.js';
import { runImport, type ImportPlan } from '../../src/flow/index.js';

const sb = withSandbox({ jobSeconds: 0 });
const SAMPLE = path.resolve(__dirname, '../../samples/interactions.csv');
let deps: AwsDeps;

beforeAll(async () => {
  deps = await createDeps({ io: testIo(sb.env) });
});
afterAll(async () => {
  await deps?.close();
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a rejection');
}

describe('upload guard', () => {
  it('refuses to replace an object this process did not upload; its own it may', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'guard/theirs.csv', Body: 'USER_ID\nx\n' }));
    const e = await rejection(deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'guard/theirs.csv', file: SAMPLE }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toMatch(/s3:\/\/personalize-sandbox-data\/guard\/theirs\.csv already exists \(10 bytes.*not replacing it/);
    expect((await deps.s3.head(sb.sandbox.bucket, 'guard/theirs.csv'))?.size).toBe(10);
    const first = await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'guard/mine.csv', file: SAMPLE });
    expect(first.etag).toBeTruthy();
    await deps.s3.upload({ bucket: sb.sandbox.bucket, key: 'guard/mine.csv', file: SAMPLE });
  });

  it('the job is not created when the uploaded object was replaced before the create', async () => {
    const datasetArn = sb.seeded.datasetArn('domain', 'ITEMS');
    const plan: ImportPlan = {
      datasetArn, source: { kind: 'local', path: SAMPLE }, bucket: sb.sandbox.bucket, key: 'guard/replaced.csv',
      importMode: 'FULL', jobName: 'guard-replaced', roleArn: sb.sandbox.roleArn,
    };
    const e = await rejection(runImport(plan, { personalize: deps.personalize, s3: deps.s3 }, {
      // another writer between our upload and the create (what two runs on one key did)
      beforeCreate: async () => {
        await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'guard/replaced.csv', Body: 'ITEM_ID\nother\n' }));
      },
    }));
    expect(e.message).toMatch(/guard\/replaced\.csv changed after this run uploaded it: it now holds 14 bytes, this run uploaded [\d,]+\. .*The import job was NOT created\./);
    expect((await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn }))).datasetImportJobs ?? []).toEqual([]);
  });

  it('a generated job name that is taken gets a random suffix; a typed one fails (exit 2)', async () => {
    const datasetArn = sb.seeded.datasetArn('domain', 'USERS');
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'guard/users.csv', Body: 'USER_ID\nu1\n' }));
    const plan = (jobNameGenerated: boolean): ImportPlan => ({
      datasetArn, source: { kind: 's3', bucket: sb.sandbox.bucket, key: 'guard/users.csv' }, importMode: 'FULL', jobName: 'users-20261205-042616', jobNameGenerated, roleArn: sb.sandbox.roleArn,
    });
    const first = await runImport(plan(true), { personalize: deps.personalize, s3: deps.s3 });
    expect(first.jobArn).toMatch(/dataset-import-job\/users-20261205-042616$/);
    const p2 = plan(true);
    const second = await runImport(p2, { personalize: deps.personalize, s3: deps.s3 });
    expect(second.jobArn).toMatch(/dataset-import-job\/users-20261205-042616-[a-z2-9]{4}$/);
    expect(p2.jobName).toBe(second.jobArn.split('/').pop());
    const typed = await rejection(runImport(plan(false), { personalize: deps.personalize, s3: deps.s3 }));
    expect(typed.kind).toBe('conflict');
    expect(typed.exitCode).toBe(2);
  });

  it('a 3 s S3 outage mid-upload: the upload fails, its parts are removed once S3 answers, and the message says so', async () => {
    const [host, port] = new URL(sb.env.AWS_ENDPOINT_URL_S3).host.split(':');
    const live = new Set<Socket>();
    let down = false;
    const proxy = createServer((client) => {
      if (down) return void client.destroy();
      const upstream = connect(Number(port), host);
      live.add(client);
      live.add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); live.delete(client); live.delete(upstream); };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    onTestFinished(() => new Promise<void>((r) => proxy.close(() => r())));
    const proxied = await createDeps({ io: testIo({ ...sb.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(proxy.address() as { port: number }).port}` }) });
    onTestFinished(() => proxied.close());

    const dir = mkdtempSync(path.join(tmpdir(), 'aws-drop-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const big = path.join(dir, 'big.csv');
    writeFileSync(big, Buffer.alloc(16 * 1024 * 1024, 'c'));
    sb.sandbox.setUploadPartDelay(300);
    onTestFinished(() => sb.sandbox.setUploadPartDelay(0));
    let outageAt = 0;
    const e = await rejection(proxied.s3.upload({
      bucket: sb.sandbox.bucket, key: 'drop/big.csv', file: big,
      onProgress: () => {
        if (outageAt) return;
        // the outage: every connection cut, new ones refused, for 3 s
        outageAt = Date.now();
        down = true;
        for (const s of live) s.destroy();
        setTimeout(() => (down = false), 3000).unref();
      },
    }));
    expect(outageAt).toBeGreaterThan(0);
    expect(e.message).toMatch(/The upload did not complete; the partial upload was removed from S3\./);
    expect(e.message).not.toMatch(/could not be removed/);
    expect(await deps.s3.listMultipartUploads(sb.sandbox.bucket)).toEqual([]);
    expect(await deps.s3.head(sb.sandbox.bucket, 'drop/big.csv')).toBeUndefined();
  }, 60_000);
});
