// The sandbox's event tracker operations (JSON 1.1) and personalize-events data plane (REST-JSON),
// raw, against the published API models (botocore personalize/2018-05-22 and
// personalize-events/2018-03-22, found through python3 at test time, never copied into the repo):
// member names, required members, patterns, epoch-second timestamps, each operation's own errors.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { EVENT_TRACKER_OPERATIONS } from '../../src/sandbox/personalize.js';

interface Shape { type: string; members?: Record<string, { shape: string }>; required?: string[]; member?: { shape: string }; enum?: string[]; max?: number; min?: number; pattern?: string }
interface Model { operations: Record<string, { http?: { requestUri: string }; input: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>; shapes: Record<string, Shape> }

function loadModel(service: string, version: string): Model {
  const dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  const base = path.join(dir, 'data', service, version, 'service-2.json');
  if (existsSync(base)) return JSON.parse(readFileSync(base, 'utf8')) as Model;
  return JSON.parse(gunzipSync(readFileSync(`${base}.gz`)).toString('utf8')) as Model;
}

function conform(model: Model, name: string, value: unknown, at: string, out: string[]): void {
  const s = model.shapes[name];
  if (s.type === 'structure') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return void out.push(`${at}: expected object`);
    const v = value as Record<string, unknown>;
    for (const k of Object.keys(v)) if (!s.members?.[k]) out.push(`${at}.${k}: not a member of ${name}`);
    for (const r of s.required ?? []) if (v[r] === undefined) out.push(`${at}.${r}: required, missing`);
    for (const [k, m] of Object.entries(s.members ?? {})) if (v[k] !== undefined) conform(model, m.shape, v[k], `${at}.${k}`, out);
  } else if (s.type === 'list') {
    if (!Array.isArray(value)) return void out.push(`${at}: expected array`);
    value.forEach((x, i) => conform(model, s.member!.shape, x, `${at}[${i}]`, out));
  } else if (s.type === 'string') {
    if (typeof value !== 'string') return void out.push(`${at}: expected string`);
    if (s.max !== undefined && value.length > s.max) out.push(`${at}: longer than ${s.max}`);
    if (s.pattern && !new RegExp(`^(?:${s.pattern})$`, 'su').test(value)) out.push(`${at}: '${value}' does not match ${s.pattern}`);
  } else if (s.type === 'timestamp') {
    if (typeof value !== 'number' || value > 1e11) out.push(`${at}: timestamp must be epoch seconds, got ${JSON.stringify(value)}`);
  } else if (['integer', 'long', 'float', 'double'].includes(s.type)) {
    if (typeof value !== 'number') out.push(`${at}: expected number`);
  } else if (s.type === 'boolean') {
    if (typeof value !== 'boolean') out.push(`${at}: expected boolean`);
  }
}

describe('event trackers and personalize-events vs the published API models', () => {
  const personalize = loadModel('personalize', '2018-05-22');
  const events = loadModel('personalize-events', '2018-03-22');
  const sb = withSandbox({ jobSeconds: 0 });

  async function control(op: string, input: Record<string, unknown>) {
    const res = await fetch(sb.sandbox.personalizeEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonPersonalize.${op}` }, body: JSON.stringify(input) });
    const body = (await res.json()) as Record<string, unknown>;
    const problems: string[] = [];
    if (res.status === 200) {
      // what was accepted must have been valid input, and the answer must be the model's output
      conform(personalize, personalize.operations[op].input.shape, input, `${op}(input)`, problems);
      conform(personalize, personalize.operations[op].output!.shape, body, op, problems);
    }
    else expect((personalize.operations[op].errors ?? []).map((e) => e.shape), `${op} answered ${String(body.__type)}`).toContain(body.__type);
    expect(problems).toEqual([]);
    return { status: res.status, body };
  }

  async function data(op: string, input: Record<string, unknown>) {
    const uri = events.operations[op].http!.requestUri;
    const res = await fetch(`${sb.sandbox.eventsEndpoint}${uri}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const text = await res.text();
    if (res.status === 200) {
      expect(text).toBe(''); // the model has no output for Put*
      return { status: 200, type: undefined };
    }
    const type = res.headers.get('x-amzn-errortype') ?? '';
    const body = JSON.parse(text) as Record<string, unknown>;
    const problems: string[] = [];
    expect(events.operations[op].errors?.map((e) => e.shape), `${op} answered ${type}`).toContain(type);
    conform(events, type, body, `${op}!${type}`, problems);
    expect(problems).toEqual([]);
    return { status: res.status, type };
  }

  it('the personalize model names the tracker operations; the events model names the data-plane routes', () => {
    for (const op of EVENT_TRACKER_OPERATIONS) expect(personalize.operations[op], op).toBeDefined();
    expect(['PutUsers', 'PutItems', 'PutEvents'].map((op) => events.operations[op].http!.requestUri)).toEqual(['/users', '/items', '/events']);
  });

  it('answers what the models describe, errors included', async () => {
    const group = sb.seeded.customGroupArn;
    await control('ListEventTrackers', { datasetGroupArn: group });
    const made = await control('CreateEventTracker', { name: 'model-tracker', datasetGroupArn: group, tags: [{ tagKey: 'team', tagValue: 'search' }] });
    expect(made.status).toBe(200);
    const d = await control('DescribeEventTracker', { eventTrackerArn: made.body.eventTrackerArn });
    await control('ListEventTrackers', {});
    await control('ListEventTrackers', { datasetGroupArn: group, maxResults: 1 });
    expect((await control('CreateEventTracker', { name: 'model-tracker-2', datasetGroupArn: group })).body.__type).toBe('LimitExceededException');
    expect((await control('CreateEventTracker', { name: 'x', datasetGroupArn: `${group}-none` })).body.__type).toBe('ResourceNotFoundException');
    expect((await control('DescribeEventTracker', { eventTrackerArn: `${String(made.body.eventTrackerArn)}-none` })).body.__type).toBe('ResourceNotFoundException');
    expect((await control('CreateEventTracker', { name: 'bad name', datasetGroupArn: group })).body.__type).toBe('InvalidInputException');

    const trackingId = (d.body.eventTracker as { trackingId: string }).trackingId;
    expect(await data('PutUsers', { datasetArn: sb.seeded.datasetArn('custom', 'USERS'), users: [{ userId: 'm1', properties: '{"membership":"gold"}' }] })).toEqual({ status: 200, type: undefined });
    expect(await data('PutItems', { datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), items: [{ itemId: 'm1', properties: '{"category":"a","creationTimestamp":1700000000}' }] })).toEqual({ status: 200, type: undefined });
    expect(await data('PutEvents', { trackingId, userId: 'm1', sessionId: 's', eventList: [{ eventType: 'click', itemId: 'm1', sentAt: 1700000000 }] })).toEqual({ status: 200, type: undefined });
    expect(await data('PutUsers', { datasetArn: sb.seeded.datasetArn('custom', 'USERS'), users: [] })).toEqual({ status: 400, type: 'InvalidInputException' });
    expect(await data('PutItems', { datasetArn: sb.seeded.datasetArn('custom', 'ITEMS').replace('ITEMS', 'NONE'), items: [{ itemId: 'x' }] })).toEqual({ status: 404, type: 'ResourceNotFoundException' });
    expect(await data('PutEvents', { trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1700000000, properties: 'x'.repeat(1025) }] })).toEqual({ status: 400, type: 'InvalidInputException' });
  });
});
