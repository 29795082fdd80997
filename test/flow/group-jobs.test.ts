// runGroupJobs (src/flow/group-jobs.ts) against the sandbox (the real SDK client): the 5-running-jobs
// limit counted with the account's other jobs (the sandbox refuses a sixth with LimitExceeded, as the
// service does), items and users first, and one job failing — or not even created — while the others
// reach ACTIVE, each with its own explanation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { SdkPersonalize } from '../../src/aws/personalize.js';
import { systemClock } from '../../src/job/clock.js';
import { runGroupJobs, type GroupJobEvent } from '../../src/flow/group-jobs.js';

const sample = (f: string) => readFileSync(fileURLToPath(new URL(`../../samples/${f}`, import.meta.url)));
const RUNNING = new Set(['CREATE PENDING', 'CREATE IN_PROGRESS']);

describe('runGroupJobs against the sandbox', () => {
  const sb = withSandbox({ jobSeconds: 1.2 });
  const put = async (key: string, file: string) => {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: sample(file) }));
    return `s3://${sb.sandbox.bucket}/${key}`;
  };

  it('with 4 of the account\'s jobs running, ours wait for a slot: never a sixth, items first, all ACTIVE', async () => {
    const api = new SdkPersonalize(sb.personalize);
    const loc = { interactions: await put('g/interactions.csv', 'interactions.csv'), items: await put('g/items.csv', 'items.csv'), users: await put('g/users.csv', 'users.csv') };
    // the account's other jobs: 4 running on the seeded datasets
    for (let i = 0; i < 4; i++) {
      await sb.personalize.send(new CreateDatasetImportJobCommand({ jobName: `other-${i}`, datasetArn: sb.seeded.datasetArn('custom', 'USERS'), dataSource: { dataLocation: loc.users }, roleArn: sb.sandbox.roleArn, importMode: 'FULL' }));
    }
    const events: GroupJobEvent[] = [];
    let maxRunning = 0;
    const results = await runGroupJobs(api, [
      { type: 'INTERACTIONS', file: 'interactions.csv', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), dataLocation: loc.interactions, jobName: 'g-interactions' },
      { type: 'ITEMS', file: 'items.csv', datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), dataLocation: loc.items, jobName: 'g-items' },
      { type: 'USERS', file: 'users.csv', datasetArn: sb.seeded.datasetArn('custom', 'USERS'), dataLocation: loc.users, jobName: 'g-users' },
    ], {
      roleArn: sb.sandbox.roleArn, importMode: 'FULL', clock: systemClock, pollMs: 100, watch: { initialMs: 50, maxMs: 50 },
      runningJobs: async () => {
        const n = (await api.listAllImportJobs()).filter((j) => RUNNING.has(j.status)).length;
        maxRunning = Math.max(maxRunning, n);
        return n;
      },
      onEvent: (e) => events.push(e),
    });
    // results in the order given; every job ACTIVE, with its ARN
    expect(results.map((r) => [r.type, r.status])).toEqual([['INTERACTIONS', 'ACTIVE'], ['ITEMS', 'ACTIVE'], ['USERS', 'ACTIVE']]);
    for (const r of results) expect(r.datasetImportJobArn).toMatch(/dataset-import-job\/g-/);
    // created in the order items, users, interactions; and something waited for a slot
    expect(events.filter((e) => e.kind === 'created').map((e) => (e as { type: string }).type)).toEqual(['ITEMS', 'USERS', 'INTERACTIONS']);
    expect(events.some((e) => e.kind === 'waiting' && e.running >= 5)).toBe(true);
    expect(maxRunning).toBeLessThanOrEqual(5);
  }, 60_000);

  it('one job fails and one cannot be created: the others still reach ACTIVE, each failure explained', async () => {
    const api = new SdkPersonalize(sb.personalize);
    const users = await put('h/users.csv', 'users.csv');
    const longId = await put('h/items-long.csv', 'items-long-id.csv');
    const results = await runGroupJobs(api, [
      { type: 'USERS', file: 'users.csv', datasetArn: sb.seeded.datasetArn('custom', 'USERS'), dataLocation: users, jobName: 'h-users' },
      // its 305-character ITEM_ID on line 12 fails the job
      { type: 'ITEMS', file: 'items-long-id.csv', datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), dataLocation: longId, jobName: 'h-long' },
      { type: 'INTERACTIONS', file: 'interactions.csv', datasetArn: 'arn:aws:personalize:us-east-1:111122223333:dataset/no-such-group/INTERACTIONS', dataLocation: users, jobName: 'h-missing' },
    ], {
      roleArn: sb.sandbox.roleArn, importMode: 'FULL', clock: systemClock, pollMs: 100, watch: { initialMs: 50, maxMs: 50 },
      runningJobs: async () => (await api.listAllImportJobs()).filter((j) => RUNNING.has(j.status)).length,
    });
    expect(results.map((r) => r.status)).toEqual(['ACTIVE', 'CREATE FAILED', 'NOT CREATED']);
    expect(results[1].failureReason).toMatch(/Length cannot be more than 256 characters for ITEM_ID/);
    expect(results[1].explanation!.fix.length).toBeGreaterThan(10);
    expect(results[2].datasetImportJobArn).toBeUndefined();
    expect(results[2].explanation!.title.length).toBeGreaterThan(3);
    expect(results[2].failureReason).toMatch(/no-such-group|not found|does not exist/i);
  }, 60_000);
});
