// The wizard's record-by-record path in a real terminal (tmux), built CLI, embedded sandbox: 400
// interactions fail a bulk import (fewer than 1000), so the wizard offers to send them record by
// record, explains the event tracker, creates it on Enter, sends, and prints the results.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Terminal, CLI } from '../helpers/tmux.js';

const ROOT = resolve(__dirname, '../..');
const terms: Terminal[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const t of terms.splice(0)) t.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** two consecutive polls show it: drawn, and its input handler attached */
async function at(t: Terminal, marker: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const ok = (x: string) => (typeof marker === 'string' ? x.includes(marker) : marker.test(x));
  let streak = 0;
  return t.waitFor((x) => (ok(x) ? ++streak >= 2 : ((streak = 0), false)), timeoutMs);
}

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: import record by record (100x30)', () => {
  it('400 interactions: offered instead of a bulk job that would fail; the tracker is explained and created; the events go in', async () => {
    const cwd = tmp('pi-rec-wiz-cwd-');
    const t = new Terminal(['node', CLI, '--sandbox', '--sandbox-job-seconds', '0', '--sandbox-data-dir', tmp('pi-rec-wiz-data-')], {
      cols: 100, rows: 30, cwd, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-rec-wiz-cfg-'), NO_COLOR: '1' },
    });
    terms.push(t);
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:']) {
      await at(t, m);
      t.send('Enter');
    }
    await at(t, 'CSV files here');
    t.send('C-u');
    t.type(join(ROOT, 'samples/interactions-too-few.csv'));
    await at(t, 'interactions-too-few.csv');
    t.send('Enter');
    const errors = await at(t, 'Import record by record instead');
    expect(errors).toMatch(/this file would fail the import/);
    t.send('Down');
    t.send('Down');
    await at(t, '❯ Import record by record instead');
    t.send('Enter');
    // how record by record differs, and the event tracker it needs, on one screen
    const tracker = await at(t, 'Create the event tracker and send the events');
    // 60 users: at least 60 PutEvents calls; the event tracker comes first and is said apart
    expect(flat(tracker)).toContain('400 records: small enough to send record by record in about 1 s of sending, once the event tracker is found or created (creating one takes longer than that).');
    // a wrapped line of the indented text keeps its indent (#16 item 19)
    const rows = tracker.split('\n');
    const k = rows.findIndex((l) => l.startsWith('  Record by record: PutEvents calls'));
    expect(rows[k + 1], tracker).toMatch(/^ {2}\S/);
    expect(flat(tracker)).toMatch(/never replaced by a later FULL bulk import/);
    expect(flat(tracker)).toMatch(/15–20 minutes/);
    expect(flat(tracker)).toMatch(/Interactions go in through an event tracker/);
    t.send('Enter');
    expect(await t.exitCode(30_000)).toBe(0);
    const done = t.screen();
    // a summary that stays: the dataset, what went in, how long it took (the tracker's share said), where the report is
    expect(done).toContain('Record by record into sandbox-shop-interactions [INTERACTIONS]: done.');
    expect(done).toMatch(/^ {2}Sent {6}400 of 400 records in \d+ calls in \d+\.\d s \(\d+\.\d s of it creating the event tracker\)$/m);
    expect(done).toMatch(/^ {2}Tracker {3}sandbox-shop-events \(created for this import; it stays for live events\)$/m);
    // the finished frame has no "Ctrl-C stop" hint left over
    expect(done).not.toContain('Ctrl-C stop');
    const report = readdirSync(cwd).find((f) => /^interactions-too-few-records-.*\.json$/.test(f));
    expect(report).toBeDefined();
    expect(flat(done)).toContain(`Report ${join(cwd, report!)}`);
    expect(JSON.parse(readFileSync(join(cwd, report!), 'utf8')).counts).toEqual({ total: 400, sent: 400, rejected: 0, unsent: 0, unknown: 0 });
  }, 90_000);
  it('a small file that a bulk job accepts: both ways offered; choosing the bulk job goes on to the upload', async () => {
    const cwd = tmp('pi-rec-wiz-cwd-');
    const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < 1000; i++) lines.push(`user-${i % 40},item-${i % 97},${1767225600 + i * 60},click,`);
    writeFileSync(join(cwd, 'small.csv'), lines.join('\n') + '\n');
    const t = new Terminal(['node', CLI, '--sandbox', '--sandbox-job-seconds', '0', '--sandbox-data-dir', tmp('pi-rec-wiz-data-')], {
      cols: 100, rows: 30, cwd, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-rec-wiz-cfg-'), NO_COLOR: '1' },
    });
    terms.push(t);
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:']) {
      await at(t, m);
      t.send('Enter');
    }
    await at(t, 'CSV files here');
    // Ctrl-U and the name in one send-keys: one write, so the wizard reads them as one chunk (a
    // busy CI once did that to two separate sends and the old name stayed in front)
    t.send(['C-u', 'small.csv']);
    await at(t, '› small.csv');
    t.send('Enter');
    const v = await at(t, /Continue anyway|Bulk job or record by record/);
    if (v.includes('Continue anyway')) t.send('Enter');
    const offer = await at(t, 'Bulk job or record by record');
    expect(flat(offer)).toMatch(/1000 records: small enough to send record by record in about \d+ s/);
    expect(offer).toMatch(/❯ Import record by record/);
    t.send('Down');
    await at(t, '❯ Bulk import job');
    t.send('Enter');
    await at(t, 'Which bucket?');
  }, 60_000);
});
