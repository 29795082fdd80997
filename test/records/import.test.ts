// Record-by-record import against the sandbox through the real SDK clients (createDeps with the
// sandbox's env): batching, rejected records with their lines, --resume, the rate, event trackers,
// and records kept after a FULL bulk import. Calls are counted from the sandbox's request log.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CreateDatasetImportJobCommand, ListEventTrackersCommand } from '@aws-sdk/client-personalize';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { withSandbox } from '../helpers/sandbox.js';
import { createDeps, type AwsDeps } from '../../src/aws/deps.js';
import { importRecords, readReport, type RecordsEvent } from '../../src/records/index.js';
import { parseSchema } from '../../src/validate/schema.js';
import type { DatasetType } from '../../src/core/resources.js';
import type { RequestLogEntry } from '../../src/sandbox/index.js';

// jobSeconds 1: a new event tracker stays CREATE PENDING for 0.1 s, so its wait is exercised
const sb = withSandbox({ jobSeconds: 1 });
let deps: AwsDeps;
const dir = mkdtempSync(join(tmpdir(), 'pi-records-'));

beforeAll(async () => {
  const out = new PassThrough();
  deps = await createDeps({ io: { stdout: out, stderr: out, stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: dir } });
});
afterAll(() => deps?.close());

function csv(name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

async function schemaOf(datasetArn: string) {
  const d = await deps.personalize.describeDataset(datasetArn);
  return parseSchema((await deps.personalize.describeSchema(d.schemaArn!)).raw);
}

async function run(type: DatasetType, group: 'custom' | 'domain', file: string, extra: Partial<Parameters<typeof importRecords>[0]> = {}) {
  const datasetArn = sb.seeded.datasetArn(group, type as 'USERS');
  const events: RecordsEvent[] = [];
  const since = sb.sandbox.requests.length;
  const r = await importRecords({
    api: deps.records,
    file,
    datasetArn,
    datasetType: type,
    datasetGroupArn: group === 'custom' ? sb.seeded.customGroupArn : sb.seeded.domainGroupArn,
    schema: await schemaOf(datasetArn),
    reportPath: `${file}.report.json`,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  const calls = sb.sandbox.requests.slice(since).filter((x) => /^Put(Users|Items|Events)$/.test(x.operation));
  return { r, events, calls, datasetArn };
}

/** calls/s from the log: the most calls that started within any one second, and the average */
function rate(calls: RequestLogEntry[]): { maxInOneSecond: number; average: number } {
  let max = 0;
  for (let i = 0; i < calls.length; i++) {
    let n = 0;
    for (let j = i; j < calls.length && calls[j].time < calls[i].time + 1000; j++) n++;
    max = Math.max(max, n);
  }
  const span = (calls.at(-1)!.time - calls[0].time) / 1000;
  return { maxInOneSecond: max, average: span > 0 ? (calls.length - 1) / span : calls.length };
}

describe('records: import against the sandbox', () => {
  it('25 items go in 3 PutItems calls (10, 10, 5), with progress, and land as individual records', async () => {
    const file = csv('items25.csv', ['ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP', ...Array.from({ length: 25 }, (_, i) => `item-${i},shoes,"a ""nice"" shoe",1700000000`)]);
    const { r, events, calls, datasetArn } = await run('ITEMS', 'custom', file);
    // up to four calls are in flight (ITEMS' concurrency) and the sandbox logs each as its body has
    // arrived: on a busy machine the last batch (5) can arrive before the second (seen in CI), so the
    // calls are compared by size, not by the order they reached the log
    const bySize = calls.map((c) => [c.operation, c.records ?? 0, c.status] as const).sort((a, b) => b[1] - a[1]);
    expect(bySize).toEqual([['PutItems', 10, 200], ['PutItems', 10, 200], ['PutItems', 5, 200]]);
    expect(r.report.counts).toEqual({ total: 25, sent: 25, rejected: 0, unsent: 0, unknown: 0 });
    expect(r.calls).toBe(3);
    const progress = events.filter((e) => e.type === 'progress').map((e) => (e as Extract<RecordsEvent, { type: 'progress' }>).progress.sent);
    // progress counts each call as it is answered (the same race): from 0 to 25 in the three batches
    expect(progress[0]).toBe(0);
    expect(progress.slice(1).map((p, i) => p - progress[i]).sort((a, b) => b - a)).toEqual([10, 10, 5]);
    const rows = sb.sandbox.state.records(datasetArn).individual;
    expect(rows).toHaveLength(25);
    expect(rows[0]).toEqual({ ITEM_ID: 'item-0', CATEGORY: 'shoes', DESCRIPTION: 'a "nice" shoe', CREATION_TIMESTAMP: '1700000000' });
    // the report file is what was returned
    expect(readReport(r.reportPath)).toEqual(r.report);
  });

  it('a record the service rejects is reported with its line and reason; the other records still go in', async () => {
    const lines = ['USER_ID,MEMBERSHIP,AGE', ...Array.from({ length: 12 }, (_, i) => `user-${i},gold,${20 + i}`)];
    lines[5] = 'user-4,gold,forty'; // line 6: not an int — the sandbox (as the service) rejects it
    lines[9] = `user-8,${'m'.repeat(5000)},30`; // line 10: properties over 4,096 — caught before sending
    const file = csv('users12.csv', lines);
    const { r, calls, datasetArn } = await run('USERS', 'custom', file);
    expect(r.report.counts).toEqual({ total: 12, sent: 10, rejected: 2, unsent: 0, unknown: 0 });
    const bad = r.report.records.filter((x) => x.status !== 'sent');
    expect(bad).toEqual([
      { line: 6, id: 'user-4', status: 'rejected', by: 'service', reason: expect.stringMatching(/'forty' is not a valid int for AGE/) },
      { line: 10, id: 'user-8', status: 'rejected', by: 'check', reason: expect.stringMatching(/PutUsers takes at most 4,096/) },
    ]);
    const ids = sb.sandbox.state.records(datasetArn).individual.map((x) => x.USER_ID);
    for (let i = 0; i < 12; i++) if (i !== 4 && i !== 8) expect(ids).toContain(`user-${i}`);
    expect(ids).not.toContain('user-4');
    // 11 sendable records: a call of 10 rejected, split until the bad one stood alone, and a call of 1
    expect(calls.filter((c) => c.error === 'InvalidInputException').length).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => c.status === 200).reduce((s, c) => s + (c.records ?? 0), 0)).toBe(10);
  });

  it('--resume sends only the records that did not go in, and updates the report', async () => {
    const file = join(dir, 'users12.csv');
    const report = readReport(`${file}.report.json`);
    // the user fixes both lines in place
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[5] = 'user-4,gold,40';
    lines[9] = 'user-8,silver,30';
    writeFileSync(file, lines.join('\n'));
    const { r, calls, datasetArn } = await run('USERS', 'custom', file, { resume: report });
    expect(calls.map((c) => [c.operation, c.records, c.status])).toEqual([['PutUsers', 2, 200]]);
    expect(r.results.map((x) => [x.line, x.status])).toEqual([[6, 'sent'], [10, 'sent']]);
    expect(r.report.counts).toEqual({ total: 12, sent: 12, rejected: 0, unsent: 0, unknown: 0 });
    expect(readReport(`${file}.report.json`).counts.sent).toBe(12);
    const rows = sb.sandbox.state.records(datasetArn).individual;
    expect(rows.find((x) => x.USER_ID === 'user-8')).toEqual({ USER_ID: 'user-8', MEMBERSHIP: 'silver', AGE: '30' });
  });

  it('--resume refuses a file whose lines moved', async () => {
    const file = csv('moved.csv', ['USER_ID,MEMBERSHIP', 'a,gold', 'b,', 'c,gold']);
    const first = await run('USERS', 'custom', file);
    expect(first.r.report.counts.rejected).toBe(1);
    writeFileSync(file, ['USER_ID,MEMBERSHIP', 'new,gold', 'a,gold', 'b,gold', 'c,gold'].join('\n'));
    await expect(run('USERS', 'custom', file, { resume: first.r.report })).rejects.toThrow(/line 3 of moved.csv now holds a, but the report says it held b/);
  });

  it('stays under 10 PutItems calls a second (measured from the sandbox log)', async () => {
    const file = csv('items300.csv', ['ITEM_ID,PRICE,CATEGORY_L1', ...Array.from({ length: 300 }, (_, i) => `p-${i},9.99,toys`)]);
    const { r, calls } = await run('ITEMS', 'domain', file);
    expect(r.report.counts.sent).toBe(300);
    expect(calls).toHaveLength(30);
    const m = rate(calls);
    console.log(`PutItems: ${calls.length} calls, ${m.average.toFixed(2)} calls/s on average, at most ${m.maxInOneSecond} in any one second (limit 10/s per dataset group; we aim for 8)`);
    expect(calls.filter((c) => c.error === 'ThrottlingException')).toEqual([]);
    expect(m.maxInOneSecond).toBeLessThanOrEqual(10);
  });

  it('interactions: creates the event tracker when the group has none (when allowed), then uses it', async () => {
    const group = sb.seeded.customGroupArn;
    expect((await sb.personalize.send(new ListEventTrackersCommand({ datasetGroupArn: group }))).eventTrackers).toEqual([]);
    const file = csv('events.csv', ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE', ...Array.from({ length: 25 }, (_, i) => `u${i % 2},i${i},${1700000000 + i},click,`)]);
    await expect(run('INTERACTIONS', 'custom', file, { mayCreateTracker: () => false })).rejects.toThrow(/has no event tracker/);
    let asked = 0;
    const { r, events, calls, datasetArn } = await run('INTERACTIONS', 'custom', file, { mayCreateTracker: () => (asked++, true) });
    expect(asked).toBe(1);
    expect(r.tracker).toMatchObject({ name: 'sandbox-shop-events', created: true });
    expect(events.filter((e) => e.type === 'tracker').map((e) => (e as { message: string }).message).join('\n')).toMatch(/Creating the event tracker sandbox-shop-events/);
    const trackers = (await sb.personalize.send(new ListEventTrackersCommand({ datasetGroupArn: group }))).eventTrackers ?? [];
    expect(trackers.map((t) => [t.name, t.status])).toEqual([['sandbox-shop-events', 'ACTIVE']]);
    // one user a call: u0 has 13 events (10 + 3), u1 12 (10 + 2)
    expect(calls.map((c) => c.records).sort()).toEqual([10, 10, 2, 3].sort());
    expect(sb.sandbox.state.records(datasetArn).individual).toHaveLength(25);
    const again = await run('INTERACTIONS', 'custom', file, { mayCreateTracker: () => { throw new Error('must not ask'); } });
    expect(again.r.tracker).toMatchObject({ created: false, arn: r.tracker!.arn });
  });

  it('records sent individually stay after a later FULL bulk import', async () => {
    const arn = sb.seeded.datasetArn('custom', 'ITEMS');
    const before = sb.sandbox.state.records(arn).individual;
    expect(before.length).toBe(25);
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'records-items.csv', Body: 'ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP\nbulk-1,hats,,1700000000\n' }));
    const job = await sb.personalize.send(new CreateDatasetImportJobCommand({ jobName: 'records-full', datasetArn: arn, roleArn: sb.sandbox.roleArn, importMode: 'FULL', dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/records-items.csv` } }));
    expect((await sb.waitForJob(job.datasetImportJobArn!)).status).toBe('ACTIVE');
    const after = sb.sandbox.state.records(arn);
    expect(after.bulk.map((x) => x.ITEM_ID)).toEqual(['bulk-1']);
    expect(after.individual).toEqual(before);
  });

  it('the report is on disk before the first call and grows as the records go (issue 18 item 9)', async () => {
    const file = csv('items-asyougo.csv', ['ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP', ...Array.from({ length: 40 }, (_, i) => `asyougo-${i},shoes,,1700000000`)]);
    const seen: { sent: number; inReport: number; unsent: number }[] = [];
    const { r } = await run('ITEMS', 'custom', file, {
      callsPerSecond: 2,
      onEvent: (e) => {
        if (e.type !== 'progress') return;
        // read the file the run is writing, mid-run
        const rep = readReport(`${file}.report.json`);
        seen.push({ sent: e.progress.sent, inReport: rep.records.filter((x) => x.status === 'sent').length, unsent: rep.records.filter((x) => x.status === 'unsent').length });
      },
    });
    expect(r.report.counts.sent).toBe(40);
    // at the first progress event (before any call) the report already lists all 40 as unsent
    expect(seen[0]).toEqual({ sent: 0, inReport: 0, unsent: 40 });
    // and mid-run it holds sent records that were not yet all of them
    expect(seen.some((x) => x.inReport > 0 && x.unsent > 0)).toBe(true);
  });
});
