// A started in-process sandbox plus real SDK clients pointed at it, for any test file:
//
//   const sb = withSandbox({ jobSeconds: 0 });          // at the top level of a describe/file
//   it('lists', async () => {
//     const out = await sb.personalize.send(new ListDatasetGroupsCommand({}));
//     expect(out.datasetGroups?.map((g) => g.name)).toContain('sandbox-shop');
//   });
//
// beforeAll starts it, afterAll closes clients and servers. Fields are readable once beforeAll ran.
// `waitForJob(arn)` polls DescribeDatasetImportJob until ACTIVE / CREATE FAILED (no fixed sleeps).
import { afterAll, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { CreateDatasetImportJobCommand, DescribeDatasetImportJobCommand, PersonalizeClient, type DatasetImportJob } from '@aws-sdk/client-personalize';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { rangedGetExtension } from '../../src/aws/ranged-get.js';
import { SdkStorage } from '../../src/aws/s3.js';

export interface SandboxFixture {
  sandbox: Sandbox;
  personalize: PersonalizeClient;
  s3: S3Client;
  /** the sandbox's env (AWS_ENDPOINT_URL_*, AWS_REGION, keys, PERSONALIZE_SANDBOX_*) */
  env: Record<string, string>;
  /** the seeded Custom group's datasets and the rest of the seed */
  seeded: Sandbox['seeded'];
  /** polls until the job is ACTIVE or CREATE FAILED; returns the final description */
  waitForJob(arn: string, timeoutMs?: number): Promise<DatasetImportJob>;
  /** gives the seeded Custom group's interactions dataset bulk data: samples/interactions.csv imported FULL, ACTIVE */
  importSampleFull(): Promise<void>;
}

/**
 * The CLI's S3 storage over the sandbox: the SDK client with the CLI's handler for ranged GETs, as
 * `validate s3://` builds it (remote validation tests).
 */
export function cliStorage(sb: Sandbox): { client: S3Client; storage: SdkStorage } {
  const client = new S3Client({ region: sb.region, endpoint: sb.s3Endpoint, credentials: { accessKeyId: sb.accessKeyId, secretAccessKey: sb.secretAccessKey }, forcePathStyle: true, extensions: [rangedGetExtension()] });
  return { client, storage: new SdkStorage(client) };
}

/** `rows` interactions spread over `users` users (round robin): each user is active (≥ 2 rows) once rows ≥ 2 × users */
export function interactionsCsv(rows: number, users: number): string {
  let csv = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
  for (let i = 0; i < rows; i++) csv += `u${i % users},i${i % 90},${1767225600 + i},click,1\n`;
  return csv;
}

export function sandboxClients(sb: Sandbox, opts: { maxAttempts?: number } = {}): { personalize: PersonalizeClient; s3: S3Client } {
  const credentials = { accessKeyId: sb.accessKeyId, secretAccessKey: sb.secretAccessKey };
  const personalize = new PersonalizeClient({ region: sb.region, endpoint: sb.personalizeEndpoint, credentials, ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}) });
  const s3 = new S3Client({ region: sb.region, endpoint: sb.s3Endpoint, credentials, forcePathStyle: true });
  return { personalize, s3 };
}

export async function waitForJob(personalize: PersonalizeClient, arn: string, timeoutMs = 20_000): Promise<DatasetImportJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { datasetImportJob } = await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }));
    if (datasetImportJob?.status === 'ACTIVE' || datasetImportJob?.status === 'CREATE FAILED') return datasetImportJob;
    if (Date.now() > deadline) throw new Error(`job ${arn} still ${datasetImportJob?.status} after ${timeoutMs} ms`);
    // yield to the event loop (the sandbox runs in-process); this is polling, not a fixed sleep
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function withSandbox(opts: SandboxOptions = { jobSeconds: 0 }): SandboxFixture {
  let sb: Sandbox | undefined;
  let clients: { personalize: PersonalizeClient; s3: S3Client } | undefined;
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('withSandbox(): read its fields inside tests or hooks, after beforeAll');
    return v;
  };
  beforeAll(async () => {
    sb = await startSandbox({ jobSeconds: 0, ...opts });
    clients = sandboxClients(sb);
  });
  afterAll(async () => {
    clients?.personalize.destroy();
    clients?.s3.destroy();
    await sb?.close();
  });
  return {
    get sandbox() {
      return need(sb);
    },
    get personalize() {
      return need(clients).personalize;
    },
    get s3() {
      return need(clients).s3;
    },
    get env() {
      return need(sb).env;
    },
    get seeded() {
      return need(sb).seeded;
    },
    waitForJob(arn, timeoutMs) {
      return waitForJob(need(clients).personalize, arn, timeoutMs);
    },
    async importSampleFull() {
      const { personalize, s3 } = need(clients);
      const box = need(sb);
      const key = 'seed/interactions.csv';
      await s3.send(new PutObjectCommand({ Bucket: box.bucket, Key: key, Body: readFileSync(new URL('../../samples/interactions.csv', import.meta.url)) }));
      const { datasetImportJobArn } = await personalize.send(new CreateDatasetImportJobCommand({
        jobName: 'seed-full', datasetArn: box.seeded.datasetArn('custom', 'INTERACTIONS'), dataSource: { dataLocation: `s3://${box.bucket}/${key}` }, roleArn: box.roleArn, importMode: 'FULL',
      }));
      const job = await waitForJob(personalize, datasetImportJobArn!);
      if (job.status !== 'ACTIVE') throw new Error(`the seed import ended ${job.status}: ${job.failureReason}`);
    },
  };
}
