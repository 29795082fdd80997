// The AWS layer's RecordsApi: where the personalize-events client points, how its errors become
// AppErrors, and --debug logging of its calls — against the sandbox with the real SDK.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { PassThrough } from 'node:stream';
import { withSandbox } from '../helpers/sandbox.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { eventsEndpointFromEnv } from '../../src/aws/events.js';
import { isAppError } from '../../src/core/errors.js';

const sb = withSandbox({ jobSeconds: 0 });
let deps: AwsDeps;
let log = '';

beforeAll(async () => {
  const err = new PassThrough();
  err.setEncoding('utf8').on('data', (d: string) => (log += d));
  deps = await createDeps({ debug: true, io: { stdout: new PassThrough(), stderr: err, stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: process.cwd() } });
});
afterAll(() => deps?.close());

describe('aws: personalize-events (RecordsApi)', () => {
  it('reads AWS_ENDPOINT_URL_PERSONALIZE_EVENTS, then AWS_ENDPOINT_URL, unless told to ignore them', () => {
    expect(eventsEndpointFromEnv({ AWS_ENDPOINT_URL_PERSONALIZE_EVENTS: 'http://a', AWS_ENDPOINT_URL: 'http://b' })).toBe('http://a');
    expect(eventsEndpointFromEnv({ AWS_ENDPOINT_URL: 'http://b' })).toBe('http://b');
    expect(eventsEndpointFromEnv({ AWS_ENDPOINT_URL_PERSONALIZE_EVENTS: 'http://a', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
    expect(eventsEndpointFromEnv({})).toBeUndefined();
  });

  it('puts records and logs the calls under --debug', async () => {
    await deps.records.putUsers(sb.seeded.datasetArn('domain', 'USERS'), [{ userId: 'aws-1', properties: '{"membership":"gold"}' }]);
    expect(sb.sandbox.state.records(sb.seeded.datasetArn('domain', 'USERS')).individual).toEqual([{ USER_ID: 'aws-1', MEMBERSHIP: 'gold' }]);
    expect(log).toMatch(/\[debug\] → personalize-events PutUsers POST http:\/\/127\.0\.0\.1:\d+\/users/);
    expect(log).toMatch(/\[debug\] ← personalize-events PutUsers HTTP 200/);
  });

  it('a rejected call is an AppError with the service reason; a missing dataset is not-found', async () => {
    const e1 = await deps.records.putItems(sb.seeded.datasetArn('domain', 'ITEMS'), [{ itemId: 'x', properties: '{"price":"cheap","categoryL1":"a"}' }]).catch((e: unknown) => e);
    expect(isAppError(e1) && e1.kind).toBe('invalid-input');
    expect((e1 as Error).message).toMatch(/'cheap' is not a valid float for PRICE/);
    const e2 = await deps.records.putItems(sb.seeded.datasetArn('domain', 'ITEMS').replace('ITEMS', 'GONE'), [{ itemId: 'x' }]).catch((e: unknown) => e);
    expect(isAppError(e2) && e2.kind).toBe('not-found');
  });

  it('event trackers: create, list, describe with the tracking ID', async () => {
    const group = sb.seeded.domainGroupArn;
    expect(await deps.records.listEventTrackers(group)).toEqual([]);
    const made = await deps.records.createEventTracker({ name: 'aws-layer', datasetGroupArn: group, tags: { team: 'search' } });
    expect(made.trackingId).toMatch(/^[0-9a-f-]{36}$/);
    const list = await deps.records.listEventTrackers(group);
    expect(list.map((t) => [t.name, t.arn, t.status])).toEqual([['aws-layer', made.arn, 'ACTIVE']]);
    expect(await deps.records.describeEventTracker(made.arn)).toMatchObject({ trackingId: made.trackingId, datasetGroupArn: group, status: 'ACTIVE' });
    const dup = await deps.records.createEventTracker({ name: 'second', datasetGroupArn: group }).catch((e: unknown) => e);
    expect(isAppError(dup) && dup.kind).toBe('limit');
  });
});
