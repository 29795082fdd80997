// `personalize-import status <arn>` at a real 80×24 terminal (tmux) shows the wizard's live job view:
// stage rows advancing to ACTIVE with the next steps (exit 0); a failed job's reason with the likely
// cause and fix (exit 1); throttling a dim note while it keeps watching; a wrong ARN the usual error
// (exit 2); Ctrl-C leaves the job running and prints the re-attach command (exit 130).
// The built CLI talks to in-process sandboxes over loopback, configured only by their endpoint env;
// the jobs are created with the SDK, as a person would hand an ARN to support.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateDatasetImportJobCommand, DescribeDatasetImportJobCommand } from '@aws-sdk/client-personalize';
import { sandboxClients } from '../helpers/sandbox.js';
import { Terminal } from '../helpers/tmux.js';
import { CLI } from '../aws/cli-run.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { matchFailure } from '../../src/diagnose/catalogue.js';

const SAMPLE = readFileSync(path.resolve(__dirname, '../../samples/interactions.csv'));
const SPIN = '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]';
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function sandboxWithJob(jobSeconds: number, name: string, opts: { noGrant?: boolean; group?: 'custom' | 'domain'; key?: string; body?: string } = {}): Promise<{ sb: Sandbox; arn: string }> {
  const sb = await startSandbox({ jobSeconds });
  cleanup.push(() => sb.close());
  const { personalize, s3 } = sandboxClients(sb);
  const bucket = opts.noGrant ? sb.noGrantBucket : sb.bucket;
  try {
    const key = opts.key ?? 'live/i.csv';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: opts.body ?? SAMPLE }));
    const r = await personalize.send(new CreateDatasetImportJobCommand({
      jobName: name, datasetArn: sb.seeded.datasetArn(opts.group ?? 'custom', 'INTERACTIONS'),
      dataSource: { dataLocation: `s3://${bucket}/${key}` }, roleArn: sb.roleArn,
    }));
    return { sb, arn: r.datasetImportJobArn! };
  } finally {
    personalize.destroy();
    s3.destroy();
  }
}

function terminal(args: string[], env: Record<string, string>, size: { cols: number; rows: number } = { cols: 80, rows: 24 }): Terminal {
  const t = new Terminal([process.execPath, CLI, ...args], { ...size, env: { ...env, HOME: '/nonexistent' } });
  cleanup.push(() => t.close());
  return t;
}

/** The screen with its colour and style escapes (capture-pane -e). */
function styledScreen(t: Terminal): string {
  return execFileSync('tmux', ['-L', t.socket, 'capture-pane', '-p', '-e', '-t', t.session], { encoding: 'utf8' });
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('status at a terminal: the live job view', () => {
  it('stage rows advance to ACTIVE, then what happens next for the job’s (interactions) dataset; exit 0', async () => {
    // 10 s (PENDING 2.5 s): the job's clock starts before the CLI does, and under load (CI runs two
    // suites side by side) the CLI has taken over 3 s to draw its first frame — the whole job of old
    const { sb, arn } = await sandboxWithJob(10, 'live-ok');
    const t = terminal(['status', arn, '--interval', '0.25'], sb.env);
    // the job under way: a spinner on the current stage, ACTIVE still to come
    const running = await t.waitFor(new RegExp(`${SPIN} (Queued \\(CREATE PENDING\\)|Importing \\(CREATE IN_PROGRESS\\))`));
    expect(running).toContain('Import job live-ok (FULL)\nfrom s3://personalize-sandbox-data/live/i.csv\n');
    expect(running).toContain('into dataset sandbox-shop-interactions (INTERACTIONS)');
    expect(running).toMatch(/· Imported \(ACTIVE\)/);
    expect(running).toMatch(/Elapsed \d+:\d\d/);
    expect(running).toContain('Ctrl-C stop watching (the job keeps running)');
    expect(running).not.toContain('What happens next');
    // importing: queued is done with its time, the spinner has moved down a row
    const importing = await t.waitFor(new RegExp(`${SPIN} Importing \\(CREATE IN_PROGRESS\\)`));
    expect(importing).toMatch(/✔ Queued \(CREATE PENDING\) +\d+:\d\d/);
    const done = await t.waitFor('What happens next', 30_000);
    expect(done).toMatch(/✔ Queued \(CREATE PENDING\) +\d+:\d\d\n✔ Importing \(CREATE IN_PROGRESS\) +\d+:\d\d\n✔ Imported \(ACTIVE\) +\d+:\d\d/);
    expect(done).toMatch(/✔ Imported in \d+:\d\d\. What happens next:/);
    // the interactions text, so the dataset type came from DescribeDataset on the job's dataset
    expect(flat(done)).toContain('New interactions influence recommendations only after you train a new solution version');
    expect(await t.exitCode()).toBe(0);
    // the final frame stays on screen, without the live-only lines
    const last = t.screen();
    expect(last).toContain('What happens next');
    expect(last).not.toContain('Ctrl-C stop watching');
    expect(last).not.toMatch(/Elapsed/);
    // colour on a terminal by default: the ticks are green
    expect(styledScreen(t)).toMatch(/\x1b\[32m✔/);
  });

  it('a job of a Domain (ECOMMERCE) group: what happens next is its recommenders\' weekly retraining, not a solution version to train', async () => {
    const { sb, arn } = await sandboxWithJob(2, 'live-domain', { group: 'domain' });
    const t = terminal(['status', arn, '--interval', '0.25'], sb.env);
    const done = flat(await t.waitFor('What happens next', 30_000));
    expect(done).toContain('Your ECOMMERCE recommenders use it at their next automatic retraining');
    expect(done).not.toContain('train a new solution version');
    expect(await t.exitCode()).toBe(0);
  });

  it('CREATE FAILED (no-grant bucket): the reason under the failed row, the likely cause and fix; exit 1', async () => {
    const { sb, arn } = await sandboxWithJob(2, 'live-nogrant', { noGrant: true });
    const t = terminal(['status', arn, '--interval', '0.25'], sb.env);
    const s = await t.waitFor('The import failed');
    expect(s).toMatch(/✖ Failed \(CREATE FAILED\) +\d+:\d\d\n {4}Insufficient privileges for accessing data in S3/);
    // the catalogue's cause and fix with this job's own values (its bucket, its ARN), no placeholders
    const m = matchFailure('Insufficient privileges for accessing data in S3', { jobArn: arn, location: `s3://${sb.noGrantBucket}/live/i.csv` });
    expect(flat(s)).toContain(flat(`Likely cause: ${m.cause}`));
    expect(flat(s)).toContain('refused access to the S3 data in personalize-sandbox-nogrant');
    expect(flat(s)).toContain(flat(`Fix: ${m.fix}`));
    expect(flat(s)).not.toMatch(/<arn>|<file>|<job-arn>/);
    expect(flat(s)).toContain(`personalize-import diagnose ${arn}`);
    // the whole failure fits on an 80×24 screen with the job's ARN (its name at the end) still on it
    expect(s).toMatch(/^Job arn:aws:personalize:\S+:dataset-import-job\/live-nogrant$/m);
    expect(s).not.toContain('What happens next');
    expect(await t.exitCode()).toBe(1);
    expect(t.screen()).toContain('Likely cause:');
  });

  it('CREATE FAILED on a date in TIMESTAMP (the sandbox\'s wording): the cause and fix name the line and column, not "not in the catalogue"; 80×24', async () => {
    const rows = SAMPLE.toString('utf8').split('\n');
    rows[5] = rows[5].replace(/,\d{10},/, ',2026-12-01 09:00,');
    const { sb, arn } = await sandboxWithJob(2, 'live-bad-value', { body: rows.join('\n') });
    const t = terminal(['status', arn, '--interval', '0.25'], sb.env);
    const s = await t.waitFor('The import failed');
    expect(s).toMatch(/✖ Failed \(CREATE FAILED\) +\d+:\d\d\n {4}Invalid value '2026-12-01 09:00' for TIMESTAMP \(type long\) at line 6\./);
    expect(flat(s)).toContain("Likely cause: Line 6 has '2026-12-01 09:00' in TIMESTAMP, which the schema types long");
    expect(flat(s)).toContain('Fix: Correct TIMESTAMP on line 6');
    expect(s).not.toContain('not in the catalogue');
    // the fix's commands carry the job's own location and dataset: longer, the header line scrolls
    // off at 24 rows, the job's ARN (its name at the end) stays on screen
    expect(s).toMatch(/^Job arn:aws:personalize:\S+:dataset-import-job\/live-bad-value$/m);
    expect(flat(s)).toContain('personalize-import validate s3://personalize-sandbox-data/live/i.csv --dataset-arn');
    expect(await t.exitCode()).toBe(1);
  });

  it('throttled from the start: a dim note, the view keeps watching to ACTIVE; exit 0', async () => {
    // a 12 s job: a CI run under load once drew its first frame after the 3 s job of old had ended,
    // so the throttled polls never showed their note
    const { sb, arn } = await sandboxWithJob(12, 'live-throttled');
    // more than the SDK's own retries: the describe before the screen and the first polls fail
    sb.faults.inject('DescribeDatasetImportJob', { kind: 'throttle', count: 12 });
    const t = terminal(['status', arn, '--interval', '0.25'], sb.env);
    const s = await t.waitFor('throttled by AWS, still watching');
    expect(s).toContain('Import job live-throttled');
    expect(s).toContain('Ctrl-C stop watching');
    const done = await t.waitFor('What happens next', 40_000);
    expect(done).toMatch(/✔ Imported \(ACTIVE\)/);
    expect(done).not.toContain('throttled by AWS');
    expect(await t.exitCode()).toBe(0);
  });

  it('a job that does not exist: the usual error message, no live screen; exit 2', async () => {
    const { sb } = await sandboxWithJob(3, 'live-other');
    const arn = 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/never-made';
    const t = terminal(['status', arn], sb.env);
    expect(await t.exitCode()).toBe(2);
    const s = t.screen();
    expect(s.replace(/\s*\n\s*/g, ' ')).toContain(`No import job ${arn} in us-east-1.`);
    expect(s).not.toMatch(/Queued|Ctrl-C stop watching/);
  });

  it('a data location longer than the screen is shown whole, wrapped at a "/", not cut with "…" (80×24)', async () => {
    const key = 'exports/2026/12/06/nightly/shop-interactions-full-export.csv';
    const { sb } = await sandboxWithJob(300, 'live-where', { key });
    const t = terminal(['status', 'live-where'], { ...sb.env, NO_COLOR: '1' });
    const live = await t.waitFor(new RegExp(`${SPIN} Queued \\(CREATE PENDING\\)`));
    const lines = live.split('\n');
    expect(lines[0]).toBe('Import job live-where (FULL)');
    expect(lines[1]).toBe('from s3://personalize-sandbox-data/exports/2026/12/06/nightly/');
    expect(lines[2]).toBe('     shop-interactions-full-export.csv');
    expect(lines[3]).toBe('into dataset sandbox-shop-interactions (INTERACTIONS)');
    expect(live).not.toContain('…');
    t.send('C-c');
    expect(await t.exitCode()).toBe(130);
  });

  it.each([[80, 24], [60, 20]])('Ctrl-C stops watching (%ix%i): the job keeps running in AWS, the re-attach command; exit 130 (NO_COLOR: no colour); the ARN whole while watched', async (cols, rows) => {
    // a name long enough that "Job <arn>" does not fit one row at either width
    const { sb, arn } = await sandboxWithJob(300, `live-ctrl-c-${cols}-a-job-name-long-enough-to-wrap`);
    const t = terminal(['status', arn], { ...sb.env, NO_COLOR: '1' }, { cols, rows });
    // "next check in" shows once the first poll answered, so "last seen" has something to say
    const live = await t.waitFor(new RegExp(`${SPIN} Queued \\(CREATE PENDING\\)[\\s\\S]*next check in[\\s\\S]*Ctrl-C stop watching`));
    expect(styledScreen(t)).not.toMatch(/\x1b\[[\d;]*3\dm/);
    // the live screen's ARN: "Job " and its rows under it, whole (no "…" in its middle)
    const lines = live.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Job arn:'));
    expect(at, live).toBeGreaterThanOrEqual(0);
    let shown = lines[at].slice(4);
    for (let i = at + 1; /^ {4}\S/.test(lines[i] ?? ''); i++) shown += lines[i].slice(4);
    // (so no "…" in its middle; nor in the data location above it, a row of its own)
    expect(shown, live).toBe(arn);
    // no frame was taller than the terminal (Ink would clear the screen and draw it whole)
    expect(t.rawOutput()).not.toContain('\x1b[2J');
    t.send('C-c');
    expect(await t.exitCode()).toBe(130);
    const s = t.screen();
    expect(s).toContain('Stopped watching after');
    expect(s).toContain('(last seen: CREATE PENDING)');
    expect(s).toContain('The import job keeps running in AWS');
    expect(s.replace(/\n/g, '')).toContain(`personalize-import status ${arn}`);
    expect(s).not.toContain('Ctrl-C stop watching');
    // and it does: the job is still pending in the sandbox
    const { personalize } = sandboxClients(sb);
    try {
      const d = await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn }));
      expect(d.datasetImportJob?.status).toBe('CREATE PENDING');
    } finally {
      personalize.destroy();
    }
  });
});
