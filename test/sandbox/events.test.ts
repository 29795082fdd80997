// The sandbox's personalize-events data plane and event tracker operations, through the unchanged
// @aws-sdk/client-personalize-events and @aws-sdk/client-personalize clients.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { PersonalizeEventsClient, PutEventsCommand, PutItemsCommand, PutUsersCommand } from '@aws-sdk/client-personalize-events';
import { CreateDatasetImportJobCommand, CreateEventTrackerCommand, DescribeEventTrackerCommand, ListEventTrackersCommand } from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';

const sb = withSandbox({ jobSeconds: 0 });
let events: PersonalizeEventsClient;

beforeAll(() => {
  events = new PersonalizeEventsClient({
    region: sb.sandbox.region,
    endpoint: sb.sandbox.eventsEndpoint,
    credentials: { accessKeyId: sb.sandbox.accessKeyId, secretAccessKey: sb.sandbox.secretAccessKey },
    maxAttempts: 1,
  });
});
afterAll(() => events?.destroy());

async function rejected(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to be rejected');
}

describe('sandbox: personalize-events', () => {
  it('announces its endpoint in env', () => {
    expect(sb.env.AWS_ENDPOINT_URL_PERSONALIZE_EVENTS).toBe(sb.sandbox.eventsEndpoint);
    expect(sb.sandbox.eventsEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('PutUsers stores the users as individual records, properties mapped back to schema fields', async () => {
    const arn = sb.seeded.datasetArn('custom', 'USERS');
    await events.send(new PutUsersCommand({ datasetArn: arn, users: [{ userId: 'u1', properties: JSON.stringify({ membership: 'gold', age: 31 }) }, { userId: 'u2', properties: '{"membership":"silver"}' }] }));
    const rows = sb.sandbox.state.records(arn).individual;
    expect(rows).toEqual([{ USER_ID: 'u1', MEMBERSHIP: 'gold', AGE: '31' }, { USER_ID: 'u2', MEMBERSHIP: 'silver' }]);
    const last = sb.sandbox.requests.at(-1)!;
    expect(last).toMatchObject({ operation: 'PutUsers', status: 200, records: 2, target: arn });
  });

  it('rejects what the service rejects with InvalidInputException (and stores nothing of that call)', async () => {
    const arn = sb.seeded.datasetArn('custom', 'ITEMS');
    const before = sb.sandbox.state.records(arn).individual.length;
    const long = await rejected(events.send(new PutItemsCommand({ datasetArn: arn, items: [{ itemId: 'ok', properties: '{"category":"a","creationTimestamp":1}' }, { itemId: 'big', properties: JSON.stringify({ category: 'a', creationTimestamp: 1, description: 'x'.repeat(25_000) }) }] })));
    expect(long).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect(long.message).toMatch(/item big .*24262/);
    const badType = await rejected(events.send(new PutItemsCommand({ datasetArn: arn, items: [{ itemId: 'i', properties: '{"category":"a","creationTimestamp":"yesterday"}' }] })));
    expect(badType.message).toMatch(/not a valid long for CREATION_TIMESTAMP/);
    const unknown = await rejected(events.send(new PutItemsCommand({ datasetArn: arn, items: [{ itemId: 'i', properties: '{"category":"a","creationTimestamp":1,"colour":"red"}' }] })));
    expect(unknown.message).toMatch(/'colour' does not match a field/);
    const eleven = await rejected(events.send(new PutItemsCommand({ datasetArn: arn, items: Array.from({ length: 11 }, (_, i) => ({ itemId: `i${i}` })) })));
    expect(eleven.message).toMatch(/at 'items' failed to satisfy constraint: Member must have length less than or equal to 10/);
    const wrongType = await rejected(events.send(new PutUsersCommand({ datasetArn: arn, users: [{ userId: 'u' }] })));
    expect(wrongType.message).toMatch(/PutUsers takes a Users dataset/);
    const missing = await rejected(events.send(new PutUsersCommand({ datasetArn: arn.replace('ITEMS', 'NOPE'), users: [{ userId: 'u' }] })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    expect(sb.sandbox.state.records(arn).individual.length).toBe(before);
  });

  it('throttles PutItems beyond 10 calls a second per dataset group', async () => {
    const arn = sb.seeded.datasetArn('domain', 'ITEMS');
    const results = await Promise.allSettled(Array.from({ length: 14 }, (_, i) => events.send(new PutItemsCommand({ datasetArn: arn, items: [{ itemId: `t${i}`, properties: '{"price":1.5,"categoryL1":"x"}' }] }))));
    const throttled = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.name);
    // 14 calls at once: 10 admitted within the second, the rest throttled (the SDK retries these; here maxAttempts is 1)
    expect(throttled.length).toBeGreaterThanOrEqual(4);
    expect(new Set(throttled)).toEqual(new Set(['ThrottlingException']));
  });

  it('event trackers: one per group, described with its tracking ID, and PutEvents through the tracking ID', async () => {
    const group = sb.seeded.customGroupArn;
    expect((await sb.personalize.send(new ListEventTrackersCommand({ datasetGroupArn: group }))).eventTrackers).toEqual([]);
    const created = await sb.personalize.send(new CreateEventTrackerCommand({ name: 'shop-events', datasetGroupArn: group }));
    expect(created.eventTrackerArn).toMatch(/:event-tracker\/shop-events$/);
    const again = await rejected(sb.personalize.send(new CreateEventTrackerCommand({ name: 'other', datasetGroupArn: group })));
    expect(again.name).toBe('LimitExceededException');
    const list = await sb.personalize.send(new ListEventTrackersCommand({ datasetGroupArn: group }));
    expect(list.eventTrackers?.map((t) => t.name)).toEqual(['shop-events']);
    const d = await sb.personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn: created.eventTrackerArn }));
    expect(d.eventTracker).toMatchObject({ trackingId: created.trackingId, datasetGroupArn: group, status: 'ACTIVE', accountId: '111122223333' });

    const interactions = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    await events.send(new PutEventsCommand({
      trackingId: created.trackingId!, userId: 'u1', sessionId: 's1',
      eventList: [
        { eventType: 'click', itemId: 'i1', sentAt: new Date(1_700_000_000_000) },
        { eventType: 'purchase', itemId: 'i2', sentAt: new Date(1_700_000_100_000), eventValue: 2.5 },
      ],
    }));
    expect(sb.sandbox.state.records(interactions).individual).toEqual([
      { USER_ID: 'u1', ITEM_ID: 'i1', TIMESTAMP: '1700000000', EVENT_TYPE: 'click' },
      { USER_ID: 'u1', ITEM_ID: 'i2', TIMESTAMP: '1700000100', EVENT_TYPE: 'purchase', EVENT_VALUE: '2.5' },
    ]);
    const badTracker = await rejected(events.send(new PutEventsCommand({ trackingId: 'nope', sessionId: 's', eventList: [{ eventType: 'click', sentAt: new Date() }] })));
    expect(badTracker.name).toBe('InvalidInputException');
    const forbidden = await rejected(events.send(new PutEventsCommand({ trackingId: created.trackingId!, userId: 'u1', sessionId: 's', eventList: [{ eventType: 'click', itemId: 'i1', sentAt: new Date(), properties: '{"timestamp":"1"}' }] })));
    expect(forbidden.message).toMatch(/'timestamp' cannot be a property key/);
  });

  it('a FULL bulk import keeps the individual records', async () => {
    const arn = sb.seeded.datasetArn('custom', 'USERS');
    const individual = sb.sandbox.state.records(arn).individual;
    expect(individual.length).toBeGreaterThan(0);
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'ev-users.csv', Body: 'USER_ID,MEMBERSHIP,AGE\nb1,gold,20\nb2,silver,\n' }));
    const job = await sb.personalize.send(new CreateDatasetImportJobCommand({ jobName: 'ev-full', datasetArn: arn, roleArn: sb.sandbox.roleArn, importMode: 'FULL', dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/ev-users.csv` } }));
    expect((await sb.waitForJob(job.datasetImportJobArn!)).status).toBe('ACTIVE');
    const after = sb.sandbox.state.records(arn);
    expect(after.bulk.map((r) => r.USER_ID)).toEqual(['b1', 'b2']);
    expect(after.individual).toEqual(individual);
  });
});

describe('sandbox: event trackers and individual records survive a restart with a data dir', () => {
  it('keeps them in the state file', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-sb-events-'));
    const a = await startSandbox({ jobSeconds: 0, dataDir });
    const client = new PersonalizeEventsClient({ region: a.region, endpoint: a.eventsEndpoint, credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey } });
    try {
      await client.send(new PutUsersCommand({ datasetArn: a.seeded.datasetArn('custom', 'USERS'), users: [{ userId: 'kept', properties: '{"membership":"gold"}' }] }));
      a.state.inner.trackers.set('x', { name: 'kept-tracker', arn: 'x', groupArn: a.seeded.customGroupArn, trackingId: 't', created: 1, updated: 1, activeAt: 1 });
    } finally {
      client.destroy();
      await a.close();
    }
    const b = await startSandbox({ jobSeconds: 0, dataDir });
    try {
      expect(b.state.records(b.seeded.datasetArn('custom', 'USERS')).individual).toEqual([{ USER_ID: 'kept', MEMBERSHIP: 'gold' }]);
      expect([...b.state.inner.trackers.values()].map((t) => t.name)).toEqual(['kept-tracker']);
    } finally {
      await b.close();
    }
  });
});
