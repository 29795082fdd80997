// The --individually path of `import` in process (runIndividually with createDeps over the sandbox's
// env): what it prints, its exit codes, the report and --resume, the event tracker question.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { withSandbox } from '../helpers/sandbox.js';
import { createDeps } from '../../src/aws/deps.js';
import { CreateDatasetGroupCommand } from '@aws-sdk/client-personalize';
import { cliEnv, runCli } from '../e2e/import-helpers.js';
import { runIndividually, type IndividuallyFlags } from '../../src/records/cli.js';

const sb = withSandbox({ jobSeconds: 0 });
const dir = mkdtempSync(join(tmpdir(), 'pi-records-cli-'));

async function cli(flags: IndividuallyFlags): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.setEncoding('utf8').on('data', (d: string) => (o += d));
  stderr.setEncoding('utf8').on('data', (d: string) => (e += d));
  const io = { stdout, stderr, stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: dir };
  const code = await runIndividually({ individually: true, ...flags }, io, (x) => createDeps(x));
  return { code, stdout: o, stderr: e };
}

describe('import --individually (in process)', () => {
  it('sends the valid records, reports the over-long one with its line (exit 1), and --resume sends only it', async () => {
    const csv = join(dir, 'items.csv');
    const rows = Array.from({ length: 12 }, (_, i) => `cli-${i},hats,plain,1700000000`);
    rows[6] = `cli-6,hats,${'d'.repeat(25_000)},1700000000`; // a textual value: a warning for bulk, but PutItems' 24,262 limit
    writeFileSync(csv, ['ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP', ...rows].join('\n') + '\n');
    const first = await cli({ 'dataset-group': 'sandbox-shop', 'dataset-type': 'items', csv, report: join(dir, 'items-report.json') });
    expect(first.stdout).toMatch(/never replaced by a later FULL bulk import/);
    expect(first.stdout).toMatch(/Sent 11 of 12 records in 2 calls/);
    expect(first.stdout).toMatch(/line 8 \(cli-6\): its properties are 25,\d{3} characters as JSON; PutItems takes at most 24,262/);
    expect(first.stdout).toMatch(/--resume items-report\.json/);
    expect(first.code).toBe(1);

    writeFileSync(csv, readFileSync(csv, 'utf8').replace('d'.repeat(25_000), 'shorter'));
    const since = sb.sandbox.requests.length;
    const second = await cli({ resume: join(dir, 'items-report.json') });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Resuming: 1 record did not go in last time/);
    expect(second.stdout).toMatch(/all runs: 12 of 12 in/);
    expect(sb.sandbox.requests.slice(since).filter((r) => r.operation === 'PutItems').map((r) => r.records)).toEqual([1]);
    expect(sb.sandbox.state.records(sb.seeded.datasetArn('custom', 'ITEMS')).individual.find((r) => r.ITEM_ID === 'cli-6')?.DESCRIPTION).toBe('shorter');

    // a third resume: everything is in — said in one line, no call, no "Sent 0 of 0", the report untouched
    const before = readFileSync(join(dir, 'items-report.json'), 'utf8');
    const since3 = sb.sandbox.requests.length;
    const third = await cli({ resume: join(dir, 'items-report.json') });
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/^Nothing to resume: all 12 records of items\.csv went in, as .*items-report\.json says; nothing was sent\.\n$/);
    expect(sb.sandbox.requests.length).toBe(since3);
    expect(readFileSync(join(dir, 'items-report.json'), 'utf8')).toBe(before);
  });

  it('interactions without an event tracker and no terminal: exit 2 saying how to allow it; with --create-event-tracker it is created', async () => {
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE', 'u1,i1,1700000000,click', 'u1,i2,1700000001,click', 'u2,i1,1700000002,purchase'].join('\n') + '\n');
    const no = await cli({ 'dataset-arn': sb.seeded.datasetArn('domain', 'INTERACTIONS'), csv, report: join(dir, 'ev.json') });
    expect(no.code).toBe(2);
    expect(no.stdout).toMatch(/Interactions go in through an event tracker/);
    expect(no.stderr).toMatch(/has no event tracker[\s\S]*--create-event-tracker/);
    // the command it names is runnable as printed: the group's ARN, not a placeholder
    expect(no.stderr).toContain(`aws personalize create-event-tracker --name sandbox-ecommerce-events --dataset-group-arn ${sb.seeded.domainGroupArn}`);
    // nothing was sent: no report saying "running" about records never tried is left behind
    expect(existsSync(join(dir, 'ev.json'))).toBe(false);
    const yes = await cli({ 'dataset-arn': sb.seeded.datasetArn('domain', 'INTERACTIONS'), csv, report: join(dir, 'ev.json'), 'create-event-tracker': true, json: true });
    expect(yes.code).toBe(0);
    const doc = JSON.parse(yes.stdout);
    expect(doc).toMatchObject({ datasetType: 'INTERACTIONS', counts: { total: 3, sent: 3, rejected: 0, unsent: 0, unknown: 0 }, calls: 2, eventTracker: { name: 'sandbox-ecommerce-events', created: true } });
    expect(yes.stderr).toMatch(/Creating the event tracker sandbox-ecommerce-events/);
  });

  it('a group without the dataset: the hint names the wizard and a schema infer command that runs as printed', async () => {
    await sb.personalize.send(new CreateDatasetGroupCommand({ name: 'no-users-here' }));
    const csv = join(dir, 'members.csv');
    writeFileSync(csv, ['USER_ID,MEMBERSHIP', 'm-1,gold', 'm-2,silver'].join('\n') + '\n');
    const r = await cli({ 'dataset-group': 'no-users-here', 'dataset-type': 'users', csv });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no USERS dataset');
    expect(r.stderr).toContain('＋ Create the dataset from my CSV');
    const cmd = /or: personalize-import (schema infer .*?) > (\S+), then aws personalize create-schema/.exec(r.stderr.replace(/\n\s+/g, ' '));
    expect(cmd, r.stderr).not.toBeNull();
    expect(cmd![2]).toBe('members-schema.json');
    const inferred = await runCli(cmd![1].split(' '), cliEnv());
    expect(inferred.code, inferred.stderr).toBe(0);
    expect(JSON.parse(inferred.stdout).fields.map((f: { name: string }) => f.name)).toContain('USER_ID');
  });

  it('--report naming an existing file (an earlier run\'s report) is refused before anything is sent; the file stays', async () => {
    const csv = join(dir, 'users-keep.csv');
    writeFileSync(csv, ['USER_ID,MEMBERSHIP', 'keep-1,gold', 'keep-2,gold'].join('\n') + '\n');
    const report = join(dir, 'keep-report.json');
    const first = await cli({ 'dataset-group': 'sandbox-shop', 'dataset-type': 'users', csv, report });
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(report, 'utf8');
    const since = sb.sandbox.requests.length;
    const second = await cli({ 'dataset-group': 'sandbox-shop', 'dataset-type': 'users', csv, report });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`The records report ${report} exists already`);
    expect(second.stderr).toMatch(/Pass --report with a new file name/);
    expect(readFileSync(report, 'utf8')).toBe(before);
    expect(sb.sandbox.requests.slice(since).filter((r) => r.operation === 'PutUsers')).toEqual([]);
  });

  it('--resume of a report with records in flight at Ctrl-C (unknown): says so, sends them again (an upsert), --json counts them; --skip-unknown leaves them out', async () => {
    const csv = join(dir, 'users-unknown.csv');
    writeFileSync(csv, ['USER_ID,MEMBERSHIP', 'k-1,gold', 'k-2,gold', 'k-3,gold', 'k-4,gold'].join('\n') + '\n');
    const stop = 'Stopped (Ctrl-C) before every record was sent.';
    // as a run stopped with a call in flight writes it (src/records/run.ts)
    const report = (name: string) => {
      const p = join(dir, name);
      writeFileSync(p, JSON.stringify({
        kind: 'personalize-import/records-report', version: 1, file: csv, datasetArn: sb.seeded.datasetArn('custom', 'USERS'), datasetType: 'USERS', datasetGroupArn: sb.seeded.customGroupArn,
        startedAt: '2026-12-05T10:00:00.000Z', finishedAt: '2026-12-05T10:00:03.000Z', calls: 2, counts: { total: 4, sent: 1, rejected: 0, unsent: 1, unknown: 2 }, stopped: stop,
        records: [
          { line: 2, id: 'k-1', status: 'sent' },
          { line: 3, id: 'k-2', status: 'unknown', reason: 'in flight when stopped (Ctrl-C): may have gone in' },
          { line: 4, id: 'k-3', status: 'unknown', reason: 'in flight when stopped (Ctrl-C): may have gone in' },
          { line: 5, id: 'k-4', status: 'unsent', reason: stop },
        ],
      }));
      return p;
    };
    const since = sb.sandbox.requests.length;
    const r = await cli({ resume: report('unknown-a.json'), json: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Resuming: 3 records did not go in last time \(2 of them in flight at its Ctrl-C: outcome unknown\); 3 to send in 1 call/);
    expect(r.stderr).toMatch(/2 users in flight at the last Ctrl-C \(outcome unknown\) are sent again: harmless, PutUsers replaces a record with the same ID\./);
    expect(sb.sandbox.requests.slice(since).filter((x) => x.operation === 'PutUsers').reduce((n, x) => n + (x.records ?? 0), 0)).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.counts).toEqual({ total: 4, sent: 4, rejected: 0, unsent: 0, unknown: 0 });
    expect(doc.unknownResume).toEqual({ cause: 'stop', resent: 2, mayDuplicate: 0, heldBack: [] });

    const s = await cli({ resume: report('unknown-b.json'), 'skip-unknown': true });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/2 users in flight at the last Ctrl-C \(outcome unknown: may have gone in\) are left out \(--skip-unknown\)/);
    expect(s.stdout).toMatch(/Left out \(--skip-unknown\): 2 records' outcome unknown \(in flight at Ctrl-C: may have gone in\): lines 3–4; to send them: personalize-import import --individually --resume unknown-b\.json/);
    expect(JSON.parse(readFileSync(join(dir, 'unknown-b.json'), 'utf8')).counts).toEqual({ total: 4, sent: 2, rejected: 0, unsent: 0, unknown: 2 });
  });

  it('bulk-job flags are usage errors with --individually', async () => {
    const r = await cli({ 'dataset-group': 'sandbox-shop', 'dataset-type': 'items', csv: 'x.csv', bucket: 'b' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--bucket is for bulk import jobs/);
  });
});
