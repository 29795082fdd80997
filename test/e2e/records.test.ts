// `personalize-import import --individually` on a real terminal (tmux), the built CLI against a
// sandbox in this process: the progress bar, a rejected line reported while the rest land, Ctrl-C
// leaving a report that --resume finishes, and the event tracker question for interactions.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListEventTrackersCommand } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { CLI, Terminal } from '../helpers/tmux.js';
import { cliEnv, ensureBuilt, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import --individually on a terminal', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'pi-records-e2e-'));
  let term: Terminal | undefined;
  afterEach(() => term?.close());

  const open = (args: string[]) => {
    term = new Terminal(['node', CLI, 'import', '--individually', ...args], {
      cols: 200, rows: 50, cwd: dir,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    return term;
  };

  it('shows what differs from a bulk import and a progress bar; a rejected line is reported, the rest land (exit 1)', async () => {
    const csv = join(dir, 'items.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `e2e-${i},hats,plain,1700000000`);
    rows[41] = `e2e-41,hats,${'d'.repeat(25_000)},1700000000`;
    writeFileSync(csv, ['ITEM_ID,CATEGORY,DESCRIPTION,CREATION_TIMESTAMP', ...rows].join('\n') + '\n');
    const t = open(['--dataset-group', 'sandbox-shop', '--dataset-type', 'items', '--csv', csv, '--report', 'items-report.json']);
    await t.waitFor(/\[#+-*\] \d+\/60 · \d+ sent/);
    const screen = await t.waitFor(/--resume items-report\.json/);
    expect(screen).toMatch(/never replaced by a later FULL bulk import/);
    expect(screen).toMatch(/\[#{24}\] 60\/60 · 59 sent · 1 rejected · 6 calls/);
    expect(screen).toMatch(/line 43 \(e2e-41\): its properties are 25,\d{3} characters as JSON; PutItems takes at most 24,262/);
    expect(screen).toMatch(/--resume items-report\.json/);
    expect(await t.exitCode()).toBe(1);
    const ids = sb.sandbox.state.records(sb.seeded.datasetArn('custom', 'ITEMS')).individual.map((r) => r.ITEM_ID);
    expect(ids).toHaveLength(59);
    expect(ids).not.toContain('e2e-41');
  });

  it('Ctrl-C stops with exit 130 and a report (calls cut in flight: outcome unknown); --resume sends what did not go in and those again', async () => {
    const csv = join(dir, 'users.csv');
    writeFileSync(csv, ['USER_ID,MEMBERSHIP,AGE', ...Array.from({ length: 400 }, (_, i) => `e2e-u${i},gold,${i % 90}`)].join('\n') + '\n');
    const t = open(['--dataset-group', 'sandbox-shop', '--dataset-type', 'users', '--csv', csv, '--report', 'users-report.json']);
    await t.waitFor(/\[#*-+\] \d+\/400 · [1-9]\d* sent/);
    // from now on the sandbox stores each call's users at once and answers 6 s late: a call that
    // reached it is in flight at the Ctrl-C, and cut after the CLI's 2 s grace
    const from = sb.sandbox.requests.length;
    sb.sandbox.setEventsAnswerDelay(6000);
    try {
      await t.waitFor(() => sb.sandbox.requests.slice(from).some((x) => x.operation === 'PutUsers'));
      t.send('C-c');
      const screen = await t.waitFor('Report: ');
      expect(screen).toMatch(/^Stopping: no new call starts; the calls in flight get 2 s to answer/m);
      expect(screen).toMatch(/^ {2}A --resume sends them again: harmless, a record with the same ID replaces the earlier one\.$/m);
      expect(screen).toMatch(/\d+ not sent \(Stopped \(Ctrl-C\) before every record was sent\.\): lines \d+–401/);
      expect(screen).toMatch(/[1-9]\d* records' outcome unknown \(in flight at Ctrl-C: may have gone in\): lines \d+/);
      expect(screen).toMatch(/· [1-9]\d* unknown ·/);
      expect(await t.exitCode()).toBe(130);
    } finally {
      sb.sandbox.setEventsAnswerDelay(0);
    }
    const report = JSON.parse(readFileSync(join(dir, 'users-report.json'), 'utf8'));
    const sentBefore = report.counts.sent as number;
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(400);
    expect(report.counts.unknown).toBeGreaterThan(0);
    expect(report.counts.unsent + report.counts.unknown).toBe(400 - sentBefore);

    // the resume run names itself in its user agent (AWS_SDK_UA_APP_ID → "app/resume-run", which the
    // sandbox logs): a PutUsers the stopped run had written to its socket before Ctrl-C can reach the
    // sandbox after the resume has begun (CI: 390 and 400 for 380), and is not the resume's (the report
    // counts it unknown: its answer never came; PutUsers upserts, so it goes in once)
    const since = sb.sandbox.requests.length;
    const r = await runCli(['import', '--individually', '--resume', join(dir, 'users-report.json')], { ...cliEnv(sb.env), AWS_SDK_UA_APP_ID: 'resume-run' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Resuming: ${400 - sentBefore} records did not go in last time`));
    expect(r.stdout).toMatch(new RegExp(`${report.counts.unknown} users in flight at the last Ctrl-C \\(outcome unknown\\) are sent again: harmless, PutUsers replaces a record with the same ID`));
    const own = sb.sandbox.requests.slice(since).filter((x) => x.operation === 'PutUsers' && x.app === 'resume-run');
    expect(own.length).toBeGreaterThan(0);
    const resent = own.reduce((s, x) => s + (x.records ?? 0), 0);
    expect(resent).toBe(400 - sentBefore);
    expect(sb.sandbox.state.records(sb.seeded.datasetArn('custom', 'USERS')).individual.filter((x) => x.USER_ID.startsWith('e2e-u'))).toHaveLength(400);
  });

  it('interactions: says what an event tracker is and asks before creating it', async () => {
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE', 'u1,i1,1700000000,click', 'u2,i2,1700000001,click'].join('\n') + '\n');
    const t = open(['--dataset-group', 'sandbox-ecommerce', '--dataset-type', 'interactions', '--csv', csv]);
    await t.waitFor('Create the event tracker now? [y/N]');
    expect(t.screen()).toMatch(/Interactions go in through an event tracker/);
    t.type('y');
    t.send('Enter');
    await t.waitFor('Sent 2 of 2 records in 2 calls');
    expect(await t.exitCode()).toBe(0);
    const trackers = await sb.personalize.send(new ListEventTrackersCommand({ datasetGroupArn: sb.seeded.domainGroupArn }));
    expect(trackers.eventTrackers?.map((x) => x.name)).toEqual(['sandbox-ecommerce-events']);
  });
});

