// "Fix and continue" (issue #14) in a real terminal (tmux), built CLI (npm run build first): a
// lower-case-header / ISO-date export is rejected by the validation, fixed into a copy beside it,
// the change summary is shown, and Enter onward imports the fixed copy to ACTIVE. The object in the
// sandbox's S3 is then read back: it holds the fixed content. Each screen is polled, no fixed sleeps.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Terminal, CLI } from '../helpers/tmux.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/sandbox.js';
import { EPOCH0, messyInteractionsCsv } from '../helpers/messy-csv.js';

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
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** two consecutive polls show `marker` (drawn, input handlers attached) */
async function at(t: Terminal, marker: string | RegExp, timeoutMs = 30_000): Promise<string> {
  let streak = 0;
  return t.waitFor((x) => ((typeof marker === 'string' ? x.includes(marker) : marker.test(x)) ? ++streak >= 2 : ((streak = 0), false)), timeoutMs);
}

describe('wizard: Fix and continue', () => {
  it('a lower-case / ISO-date / ;-separated export with a BOM and a bad row, at 80x24: errors → Fix and continue → rejects → summary → Enter onward → ACTIVE, the imported object is the fixed copy, nothing drawn twice', async () => {
    const cwd = tmp('pi-fixwiz-cwd-');
    const data = tmp('pi-fixwiz-data-');
    // a spreadsheet export in a ; locale: BOM, semicolons, one date no one can read (line 9)
    const csv = `\uFEFF${messyInteractionsCsv(1500, 40, { unfixableAt: [7] }).replace(/,/g, ';')}`;
    writeFileSync(join(cwd, 'export.csv'), csv);
    const t = new Terminal(['node', CLI, '--sandbox', '--sandbox-job-seconds', '1', '--sandbox-data-dir', data], {
      cols: 80, rows: 24, cwd, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-fixwiz-cfg-'), NO_COLOR: '1' },
    });
    terms.push(t);
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:']) {
      await at(t, m);
      t.send('Enter');
    }
    // the sample's path is suggested, selected: typing one's own file name replaces it (no Ctrl-U)
    const suggested = await at(t, 'CSV files here');
    expect(suggested).toContain('(suggested: typing replaces it, → edits it)');
    t.type('export.csv');
    const typed = await at(t, /› export\.csv\s*\n/);
    expect(typed).not.toContain('interactions.csvexport');
    t.send('Enter');
    // the report (above the question, or in the scrollback when both would not fit 24 rows)
    await at(t, '❯ Fix and continue');
    const errors = flat(await t.historyWith((h) => /error: this file would fail the import/.test(flat(h))));
    expect(errors).toMatch(/error: this file would fail the import/);
    expect(errors).toMatch(/separated by semicolons/);
    t.send('Enter');
    await at(t, '❯ Write it to export.rejects.csv');
    t.send('Enter');
    // the fixer's summary above the copy's own validation (checked again: only the small-data warning is left)
    await at(t, '❯ Continue anyway', 60_000);
    // the fix's changes and rejects, then the copy's report: too tall for 24 rows with the question,
    // so they went to the scrollback before the question was drawn (a frame as tall as the terminal
    // makes Ink clear it and write every earlier line again)
    const summary = flat(t.history());
    expect(summary).toMatch(/dates converted to epoch seconds: 1,499 values in 1,499 rows/);
    expect(summary).toContain(`2026-01-01T00:00:00Z → ${EPOCH0}`);
    expect(summary.split('dates converted to epoch seconds').length - 1, 'the fix summary once in the scrollback').toBe(1);
    expect(summary.split('separated by semicolons').length - 1, 'the first report at most once in the scrollback').toBeLessThanOrEqual(1);
    t.send('Enter');
    for (const m of ['Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import', 'Job name:', 'IAM role Personalize assumes', 'Tags (key=value']) {
      await at(t, m);
      t.send('Enter');
    }
    const review = flat(await at(t, 'Create the import job now?'));
    expect(review).toMatch(/export\.fixed\.csv/);
    t.send('Enter');
    const done = flat(await at(t, 'What happens next', 60_000));
    expect(done).toMatch(/Imported \(ACTIVE\)/);
    t.send('C-c');
    await t.exitCode(20_000);

    // the input untouched, the copy beside it
    expect(readFileSync(join(cwd, 'export.csv'), 'utf8')).toBe(csv);
    const fixed = readFileSync(join(cwd, 'export.fixed.csv'), 'utf8');
    expect(fixed.split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
    expect(existsSync(join(cwd, 'export.rejects.csv'))).toBe(true);
    // what was imported: the object the job read is the fixed copy, byte for byte
    const sb = await startSandbox({ dataDir: data, jobSeconds: 0 });
    try {
      const { s3 } = sandboxClients(sb);
      const list = await s3.send(new ListObjectsV2Command({ Bucket: sb.bucket }));
      const key = (list.Contents ?? []).map((o) => o.Key!).find((k) => /export\.fixed[^/]*\.csv$/.test(k));
      expect(key, JSON.stringify(list.Contents?.map((o) => o.Key))).toBeDefined();
      const body = await (await s3.send(new GetObjectCommand({ Bucket: sb.bucket, Key: key }))).Body!.transformToString();
      expect(body).toBe(fixed);
      expect(body.split('\n')[1]).toBe(`u0,i0,${EPOCH0},click,1`);
      s3.destroy();
    } finally {
      await sb.close();
    }
  }, 180_000);
});

describe('wizard: Fix and continue with a row the fixer cannot repair', () => {
  it('a lower-case header and one row of 6 values in a 5-column file (80x24): offered, the row set aside with consent, the copy valid — it was a dead end ("Pick another file")', async () => {
    const cwd = tmp('pi-fixwiz6-cwd-');
    const rows = Array.from({ length: 1200 }, (_, i) => (i === 7 ? `u${i % 40},i${i},${1767225600 + i},click,1,extra` : `u${i % 40},i${i % 90},${1767225600 + i},click,1`));
    writeFileSync(join(cwd, 'events.csv'), `user_id,item_id,timestamp,event_type,event_value\n${rows.join('\n')}\n`);
    const t = new Terminal(['node', CLI, '--sandbox', '--sandbox-job-seconds', '1', '--sandbox-data-dir', tmp('pi-fixwiz6-data-')], {
      cols: 80, rows: 24, cwd, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-fixwiz6-cfg-'), NO_COLOR: '1' },
    });
    terms.push(t);
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:']) {
      await at(t, m);
      t.send('Enter');
    }
    await at(t, 'CSV files here');
    t.type('events.csv');
    await at(t, /› events\.csv\s*\n/);
    t.send('Enter');
    const offered = flat(await at(t, '❯ Fix and continue'));
    expect(offered).toContain('The fixer repairs the other errors; a row it cannot fix can be set aside. What now?');
    await t.historyWith((h) => /Line 9 has 6 values but the header has 5 columns/.test(flat(h)));
    t.send('Enter');
    const asked = flat(await at(t, '❯ Write it to events.rejects.csv'));
    expect(asked).toContain('1 row cannot be fixed without guessing (line 9).');
    t.send('Enter');
    await at(t, '❯ Continue anyway', 60_000);
    await t.historyWith((h) => /1,199 rows/.test(flat(h)));
    t.send('C-c');
    await t.exitCode(20_000);
    expect(readFileSync(join(cwd, 'events.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
    expect(readFileSync(join(cwd, 'events.rejects.csv'), 'utf8')).toContain('u7,i7,1767225607,click,1,extra');
  }, 120_000);
});
