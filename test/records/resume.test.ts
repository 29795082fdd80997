// --resume after a Ctrl-C that cut a call in flight (its records `unknown`: the sandbox stored them,
// its answer came too late — setEventsAnswerDelay): sent again by default (users and items replace by
// ID; the sandbox keeps one of two identical events, as the service documents), said apart on the
// read event; skipUnknown leaves them out, still `unknown` in the report. A report written before
// `unknown` existed still resumes. Real SDK clients over loopback (createDeps with the sandbox's env).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { withSandbox } from '../helpers/sandbox.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { importRecords, readReport, type ImportRecordsOptions } from '../../src/records/index.js';
import { parseSchema } from '../../src/validate/schema.js';
import type { DatasetType } from '../../src/core/resources.js';

const sb = withSandbox({ jobSeconds: 0 });
let deps: AwsDeps;
const dir = mkdtempSync(join(tmpdir(), 'pi-resume-'));

beforeAll(async () => {
  const out = new PassThrough();
  deps = await createDeps({ io: { stdout: out, stderr: out, stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: dir } });
});
afterAll(() => deps?.close());
afterEach(() => {
  sb.sandbox.setEventsAnswerDelay(0);
  sb.sandbox.setEventsFailAfterStore(0, 'drop');
});

/** Resolves once no PutUsers reached the sandbox in the last second: the sandbox's rate window (10 calls
 * a second per group) is empty, so a test's own calls are not throttled by an earlier test's. */
async function rateWindowEmpty(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const now = Date.now();
    if (!sb.sandbox.requests.some((x) => x.operation === 'PutUsers' && x.time > now - 1100)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('PutUsers calls kept coming');
}

const OP: Record<string, string> = { USERS: 'PutUsers', INTERACTIONS: 'PutEvents' };

async function run(type: 'USERS' | 'INTERACTIONS', file: string, extra: Partial<ImportRecordsOptions> = {}, stopInFlight = false) {
  const datasetArn = sb.seeded.datasetArn('custom', type);
  const d = await deps.personalize.describeDataset(datasetArn);
  const schema = parseSchema((await deps.personalize.describeSchema(d.schemaArn!)).raw);
  const ac = new AbortController();
  const since = sb.sandbox.requests.length;
  if (stopInFlight) sb.sandbox.setEventsAnswerDelay(3000);
  const running = importRecords({
    api: deps.records, file, datasetArn, datasetType: type as DatasetType, datasetGroupArn: sb.seeded.customGroupArn, schema,
    reportPath: `${file}.report.json`, mayCreateTracker: () => true, signal: ac.signal, concurrency: 1, callsPerSecond: 100, graceMs: 50, ...extra,
  });
  if (stopInFlight) {
    // the first call reached the sandbox (its records are stored) and waits for its answer: Ctrl-C
    while (!sb.sandbox.requests.slice(since).some((x) => x.operation === OP[type])) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
  }
  const r = await running;
  sb.sandbox.setEventsAnswerDelay(0);
  const sent = sb.sandbox.requests.slice(since).filter((x) => x.operation === OP[type]).reduce((s, x) => s + (x.records ?? 0), 0);
  return { r, sent, rows: sb.sandbox.state.records(datasetArn).individual };
}

function csv(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

describe('--resume after a call was cut in flight', () => {
  it('events: sent again by default (kept once: identical events), or left out with skipUnknown', async () => {
    // one user: 25 events in 3 calls (10, 10, 5); the first call is cut in flight
    const file = csv('ev.csv', ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE', ...Array.from({ length: 25 }, (_, i) => `held,i${i},${1700000000 + i},click,`)]);
    const first = await run('INTERACTIONS', file, {}, true);
    expect(first.r.stopped?.kind).toBe('interrupted');
    expect(first.r.report.counts).toEqual({ total: 25, sent: 0, rejected: 0, unsent: 15, unknown: 10 });
    expect(readReport(`${file}.report.json`).records.filter((x) => x.status === 'unknown').map((x) => x.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const mine = () => sb.sandbox.state.records(sb.seeded.datasetArn('custom', 'INTERACTIONS')).individual.filter((x) => x.USER_ID === 'held');
    expect(mine()).toHaveLength(10);
    writeFileSync(`${file}.copy.json`, readFileSync(`${file}.report.json`));

    const events: unknown[] = [];
    const skipped = await run('INTERACTIONS', file, { resume: readReport(`${file}.report.json`), skipUnknown: true, onEvent: (e) => events.push(e) });
    expect(skipped.sent).toBe(15);
    expect(skipped.r.heldBack.map((x) => x.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(skipped.r.unknownResume).toEqual({ cause: 'stop', resent: 0, mayDuplicate: 0, heldBack: 10 });
    expect(events.find((e) => (e as { type: string }).type === 'read')).toMatchObject({ records: 25, toSend: 15, unknown: { heldBack: 10 } });
    expect(skipped.r.report.counts).toEqual({ total: 25, sent: 15, rejected: 0, unsent: 0, unknown: 10 });
    expect(mine()).toHaveLength(25);

    // the default, from the same stopped run's report: all 25 sent, the 10 unknown among them
    const resent = await run('INTERACTIONS', file, { resume: readReport(`${file}.copy.json`), reportPath: `${file}.copy.json` });
    expect(resent.sent).toBe(25);
    expect(resent.r.unknownResume).toEqual({ cause: 'stop', resent: 10, mayDuplicate: 10, heldBack: 0 });
    expect(resent.r.heldBack).toEqual([]);
    expect(resent.r.report.counts).toEqual({ total: 25, sent: 25, rejected: 0, unsent: 0, unknown: 0 });
    // identical events (same timestamp and properties) are kept once
    expect(mine()).toHaveLength(25);
  });

  it('events with an EVENT_ID and users are sent again at once (a later copy is not trained on / replaces the record)', async () => {
    const ev = csv('ev-id.csv', ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,EVENT_ID', ...Array.from({ length: 15 }, (_, i) => `ided,i${i},${1700000000 + i},click,,e-${i}`)]);
    await run('INTERACTIONS', ev, {}, true);
    const again = await run('INTERACTIONS', ev, { resume: readReport(`${ev}.report.json`) });
    expect(again.r.unknownResume).toEqual({ cause: 'stop', resent: 10, mayDuplicate: 0, heldBack: 0 });
    expect(again.sent).toBe(15);
    expect(again.r.report.counts).toMatchObject({ sent: 15, unknown: 0 });

    const us = csv('users.csv', ['USER_ID,MEMBERSHIP', ...Array.from({ length: 25 }, (_, i) => `ru-${i},gold`)]);
    const cut = await run('USERS', us, {}, true);
    expect(cut.r.report.counts).toMatchObject({ unknown: 10, unsent: 15 });
    const resumed = await run('USERS', us, { resume: readReport(`${us}.report.json`) });
    expect(resumed.sent).toBe(25);
    expect(resumed.r.unknownResume).toEqual({ cause: 'stop', resent: 10, mayDuplicate: 0, heldBack: 0 });
    expect(resumed.r.report.counts).toEqual({ total: 25, sent: 25, rejected: 0, unsent: 0, unknown: 0 });
    expect(resumed.rows.filter((x) => x.USER_ID.startsWith('ru-'))).toHaveLength(25);
  });

  it('a report written before `unknown` existed (no such count or status) still resumes', async () => {
    const us = csv('old.csv', ['USER_ID,MEMBERSHIP', 'o-1,gold', 'o-2,gold', 'o-3,gold']);
    const old = {
      kind: 'personalize-import/records-report', version: 1, file: us, datasetArn: sb.seeded.datasetArn('custom', 'USERS'), datasetType: 'USERS',
      datasetGroupArn: sb.seeded.customGroupArn, startedAt: '2026-12-01T10:00:00.000Z', finishedAt: '2026-12-01T10:00:01.000Z', calls: 1,
      counts: { total: 3, sent: 1, rejected: 0, unsent: 2 }, stopped: 'Stopped (Ctrl-C) before every record was sent.',
      records: [{ line: 2, id: 'o-1', status: 'sent' }, { line: 3, id: 'o-2', status: 'unsent', reason: 'Stopped (Ctrl-C) before every record was sent.' }, { line: 4, id: 'o-3', status: 'unsent', reason: 'Stopped (Ctrl-C) before every record was sent.' }],
    };
    writeFileSync(`${us}.report.json`, JSON.stringify(old, null, 2));
    const report = readReport(`${us}.report.json`);
    expect(report.counts).toEqual({ total: 3, sent: 1, rejected: 0, unsent: 2, unknown: 0 });
    const r = await run('USERS', us, { resume: report });
    expect(r.sent).toBe(2);
    expect(r.r.unknownResume).toBeUndefined();
    const after = JSON.parse(readFileSync(`${us}.report.json`, 'utf8'));
    expect(after.counts).toEqual({ total: 3, sent: 3, rejected: 0, unsent: 0, unknown: 0 });
    expect(after.version).toBe(1);
  });

  // The sandbox stores the call's records, then answers 500 or drops the connection, for every
  // attempt of the SDK's retries: the call fails, yet its records went in. They are `unknown`
  // ("no answer from the service"), not "not sent", and the run goes on; a --resume sends them again.
  it.each(['server-error', 'drop'] as const)('a call that failed after its records were stored (%s): unknown, not unsent; the run goes on; --resume sends them again', async (how) => {
    const us = csv(`na-${how}.csv`, ['USER_ID,MEMBERSHIP', ...Array.from({ length: 15 }, (_, i) => `na-${how}-${i},gold`)]);
    // the first call (10 users) and its 2 retries (events client: maxAttempts 3) fail after storing
    await rateWindowEmpty();
    sb.sandbox.setEventsFailAfterStore(3, how);
    const first = await run('USERS', us);
    expect(first.r.stopped).toBeUndefined();
    expect(first.r.report.counts).toEqual({ total: 15, sent: 5, rejected: 0, unsent: 0, unknown: 10 });
    const unknown = first.r.report.records.filter((x) => x.status === 'unknown');
    expect(unknown.map((x) => x.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(unknown[0].reason).toMatch(how === 'drop' ? /^no answer from the service \(.*(ECONNRESET|socket hang up).*\): may have gone in$/ : /^no answer from the service \(.*(HTTP 500|InternalFailure).*\): may have gone in$/);
    // they did go in (the sandbox stored them before failing)
    expect(first.rows.filter((x) => x.USER_ID.startsWith(`na-${how}-`))).toHaveLength(15);

    await rateWindowEmpty();
    const resumed = await run('USERS', us, { resume: readReport(`${us}.report.json`) });
    expect(resumed.r.unknownResume).toEqual({ cause: 'no-answer', resent: 10, mayDuplicate: 0, heldBack: 0 });
    expect(resumed.sent).toBe(10);
    expect(resumed.r.report.counts).toEqual({ total: 15, sent: 15, rejected: 0, unsent: 0, unknown: 0 });
    expect(resumed.rows.filter((x) => x.USER_ID.startsWith(`na-${how}-`))).toHaveLength(15);
  });

  it('dropped after storing, then throttled on the retries: unknown (the SDK reports only the last attempt, a throttle), not unsent', async () => {
    const us = csv('drop-throttle.csv', ['USER_ID,MEMBERSHIP', ...Array.from({ length: 3 }, (_, i) => `dt-${i},gold`)]);
    await rateWindowEmpty();
    sb.sandbox.queueEventsFaults(['drop', 'throttle', 'throttle']);
    const r = await run('USERS', us);
    expect(r.r.report.counts).toEqual({ total: 3, sent: 0, rejected: 0, unsent: 0, unknown: 3 });
    expect(r.r.report.records[0].reason).toMatch(/^no answer from the service \(.*throttling.*\): may have gone in$/i);
    expect(r.rows.filter((x) => x.USER_ID.startsWith('dt-'))).toHaveLength(3);
    // only throttled (nothing stored): unsent
    const us2 = csv('throttle-only.csv', ['USER_ID,MEMBERSHIP', 'to-1,gold']);
    await rateWindowEmpty();
    sb.sandbox.queueEventsFaults(['throttle', 'throttle', 'throttle']);
    const t = await run('USERS', us2);
    expect(t.r.report.counts).toEqual({ total: 1, sent: 0, rejected: 0, unsent: 1, unknown: 0 });
    sb.sandbox.queueEventsFaults([]);
  });

  it('a call refused before its request left (nothing listening): unsent, not unknown', async () => {
    // an events endpoint with nothing listening: the connection is refused, the request never sent
    const out = new PassThrough();
    const closed = await createDeps({ io: { stdout: out, stderr: out, stdin: new PassThrough(), isTTY: false, env: { ...sb.env, AWS_ENDPOINT_URL_PERSONALIZE_EVENTS: 'http://127.0.0.1:9' }, cwd: dir } });
    try {
      const us = csv('refused.csv', ['USER_ID,MEMBERSHIP', 'rf-1,gold', 'rf-2,gold']);
      const datasetArn = sb.seeded.datasetArn('custom', 'USERS');
      const schema = parseSchema((await closed.personalize.describeSchema((await closed.personalize.describeDataset(datasetArn)).schemaArn!)).raw);
      const r = await importRecords({ api: closed.records, file: us, datasetArn, datasetType: 'USERS', datasetGroupArn: sb.seeded.customGroupArn, schema, reportPath: `${us}.report.json`, mayCreateTracker: () => true, concurrency: 1, callsPerSecond: 100 });
      expect(r.report.counts).toEqual({ total: 2, sent: 0, rejected: 0, unsent: 2, unknown: 0 });
      expect(r.report.records[0].reason).toMatch(/ECONNREFUSED/);
    } finally {
      closed.close();
    }
  });
});
