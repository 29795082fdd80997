// A sandbox with a data directory keeps what access setup changed across a restart: the role it
// created (with its inline policy) and the bucket policy — so an import after the restart still
// reads the bucket.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { sandboxClients, waitForJob } from '../helpers/sandbox.js';
import { testIo } from '../aws/test-io.js';
import { run } from '../../src/commands/access.js';
import { startSandbox } from '../../src/sandbox/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pi-access-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sandbox --data-dir and access setup', () => {
  it('the created role and the merged bucket policy survive a restart; the import is ACTIVE', async () => {
    const first = await startSandbox({ jobSeconds: 0, dataDir: dir });
    let roleArn: string;
    try {
      const io = testIo(first.env);
      expect(await run(['setup', '--bucket', first.noGrantBucket, '--role-name', 'pi-persist', '--yes', '--json'], { io }), io.err()).toBe(0);
      roleArn = JSON.parse(io.out()).roleArn;
    } finally {
      await first.close();
    }
    const second = await startSandbox({ jobSeconds: 0, dataDir: dir });
    const { personalize, s3 } = sandboxClients(second);
    try {
      await s3.send(new PutObjectCommand({ Bucket: second.noGrantBucket, Key: 'users.csv', Body: readFileSync(new URL('../../samples/users.csv', import.meta.url)) }));
      const r = await personalize.send(new CreateDatasetImportJobCommand({
        jobName: 'after-restart', datasetArn: second.seeded.datasetArn('custom', 'USERS'), roleArn,
        dataSource: { dataLocation: `s3://${second.noGrantBucket}/users.csv` },
      }));
      const job = await waitForJob(personalize, r.datasetImportJobArn!);
      expect(job.failureReason).toBeUndefined();
      expect(job.status).toBe('ACTIVE');
    } finally {
      personalize.destroy();
      s3.destroy();
      await second.close();
    }
  });
});
