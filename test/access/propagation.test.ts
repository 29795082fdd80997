// A role access setup just created is not usable at once: the sandbox (newRoleDelayMs) answers
// CreateDatasetImportJob with "Insufficient privileges for accessing data in S3" for a while, as
// Personalize does until IAM has propagated the role. withIamPropagationRetry waits it out and
// says so each time; the job then runs and reaches ACTIVE. Real clients, real clock.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';
import { testIo } from '../aws/test-io.js';
import { run } from '../../src/commands/access.js';
import { withIamPropagationRetry } from '../../src/access/retry.js';
import { createDeps } from '../../src/aws/deps.js';
import { systemClock } from '../../src/job/clock.js';

const sb = withSandbox({ jobSeconds: 0, newRoleDelayMs: 4000 });

describe('a new role and the import create', () => {
  it('the first create is refused while IAM propagates; the retry gets the job created and ACTIVE', async () => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.noGrantBucket, Key: 'users.csv', Body: readFileSync(new URL('../../samples/users.csv', import.meta.url)) }));
    const io = testIo(sb.env);
    expect(await run(['setup', '--bucket', sb.sandbox.noGrantBucket, '--role-name', 'pi-fresh', '--yes', '--json'], { io })).toBe(0);
    const roleArn = JSON.parse(io.out()).roleArn as string;

    const deps = await createDeps({ io: testIo(sb.env) });
    try {
      const input = { name: 'fresh-role', datasetArn: sb.seeded.datasetArn('custom', 'USERS'), dataLocation: `s3://${sb.sandbox.noGrantBucket}/users.csv`, roleArn, importMode: 'FULL' as const };
      // without the retry: the privileges error, at once
      await expect(deps.personalize.createImportJob({ ...input, name: 'fresh-role-no-retry' })).rejects.toThrow(/Insufficient privileges for accessing data in S3/);
      const retries: number[] = [];
      const arn = await withIamPropagationRetry(() => deps.personalize.createImportJob(input), { clock: systemClock, baseMs: 250, onRetry: (i) => retries.push(i.waitMs) });
      expect(retries.length).toBeGreaterThan(0);
      expect(retries.slice(0, 3)).toEqual([250, 500, 1000].slice(0, Math.min(3, retries.length)));
      const job = await sb.waitForJob(arn);
      expect(job.status).toBe('ACTIVE');
    } finally {
      await deps.close();
    }
  });
});
