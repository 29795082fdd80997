// Issue 16, items 3, 8 and 10 in a real terminal (tmux, built CLI, in-process sandbox). Every
// screen is polled for, no fixed sleeps.
//  - item 8: at 60x20 no frame is as tall as the screen, so Ink never redraws it whole and the
//    scrollback holds each answered step once ("✔ Where" was there twice, and more); the role in
//    the job step is not broken before its last letter.
//  - item 10: with the embedded sandbox the Import step says the job runs there, not "in AWS".
//  - item 3: a warning that explains an error is shown beside it; "a" expands every finding.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { at, pickCsvFile, sandboxWizard, tmp, TO_REVIEW } from '../helpers/wizard-terminal.js';

const wizard = (cols: number, rows: number, cwd?: string) => sandboxWizard({ cols, rows, cwd });

describe.each([
  [60, 20],
  [80, 24],
])('the happy path in a %ix%i terminal', (cols, rows) => {
  it('leaves each answered step once in the scrollback, the role whole, and says where the job runs', async () => {
    const t = wizard(cols, rows);
    for (const m of TO_REVIEW) {
      const screen = await at(t, m);
      // the role whole on its line, ending with its last letter
      if (m === 'IAM role Personalize assumes') expect(screen, screen).toMatch(/^› [:a-z0-9]*role\/PersonalizeSandboxRole$/m);
      if (m === 'Create the import job now?') expect(screen.split('\n').filter((l) => l !== '').length, screen).toBeLessThan(rows);
      t.send('Enter');
    }
    // the watch screen (it may already have given way to the save question: read the scrollback)
    await t.waitFor(() => t.history().includes('Imported'), 60_000);
    await t.historyWith((h) => h.replace(/\n/g, ' ').includes('The job runs in the embedded sandbox and ends with this command'));
    expect(t.history()).not.toContain('The job runs in AWS');
    // the job's outcome goes to the scrollback once the save question is asked: looked for there
    await t.waitFor(() => t.history().includes('What happens next'), 60_000);
    await at(t, 'Don’t save');
    t.send('Up');
    await at(t, /❯ Don’t save/);
    t.send('Enter');
    expect(await t.exitCode(30_000)).toBe(0);
    const history = t.history();
    expect(history.match(/^✔ Where /gm), history).toHaveLength(1);
    expect(history.match(/^Review {2}step 9 of 9$/gm), history).toBeNull();
  }, 180_000);
});

describe('validation with errors in an 80x24 terminal', () => {
  it('shows the warning that explains an error beside it, and "a" lists every finding', async () => {
    const dir = tmp('pi-nc2-csv-');
    // `event` instead of EVENT_TYPE: one mistake, an error (EVENT_TYPE missing) and a warning (event not in the schema)
    writeFileSync(join(dir, 'events.csv'), `USER_ID,ITEM_ID,TIMESTAMP,event\n${Array.from({ length: 30 }, (_, i) => `u${i},i${i},1767225600,click`).join('\n')}\n`);
    const t = wizard(80, 24, dir);
    await pickCsvFile(t, 'events.csv');
    const screen = await at(t, 'Pick another file');
    const flat = screen.replace(/\n +/g, ' ');
    expect(flat, screen).toMatch(/✗ Line 1: the header has no EVENT_TYPE column[^✗]*? ↳ ! Line 1: column event is not in the schema/);
    expect(flat).toContain('rename the column event to EVENT_TYPE');
    expect(screen).not.toMatch(/and \d+ warnings?$/m);
    expect(screen).toContain('a all findings');
    expect(screen).not.toContain('Every record has the same timestamp');
    t.send('a', true);
    // every finding does not fit 24 rows with the question: printed once above it, the live frame
    // stays under the terminal's height (a taller one is redrawn whole, copies in the scrollback)
    await t.waitFor(() => t.history().includes('Every record has the same timestamp') && !t.screen().includes('a all findings'), 30_000);
    await at(t, '❯ Pick another file');
    const all = t.history();
    expect(all.replace(/\n +/g, ' ')).toContain('Every record has the same timestamp');
    expect(all).toContain('column event is not in the schema');
    expect(all.match(/✔ Where/g) ?? [], all).toHaveLength(1);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});

describe('an S3 location typed at the CSV step (60x20)', () => {
  it('s3:// alone says how to type one, a missing bucket is named as a bucket, Tab in an empty bucket says so (#16 item 18)', async () => {
    const t = wizard(60, 20);
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:']) {
      await at(t, m);
      t.send('Enter');
    }
    await at(t, 'CSV files here');
    t.send(['C-u', 's3://']);
    await at(t, /› s3:\/\/$/m);
    t.send('Enter');
    const bare = (await at(t, 'Type the S3 location')).replace(/\n/g, ' ');
    expect(bare).toContain('Type the S3 location as s3://bucket/key');
    expect(bare).not.toContain('does not exist');
    t.send(['C-u', 's3://no-such-bucket/x.csv']);
    await at(t, '› s3://no-such-bucket/x.csv');
    t.send('Enter');
    const missing = (await at(t, 'There is no bucket')).replace(/\n/g, ' ');
    expect(missing).toContain('There is no bucket named no-such-bucket');
    expect(missing).not.toMatch(/no object|x\.csv does not exist/);
    t.send(['C-u', 's3://personalize-sandbox-nogrant/']);
    await at(t, '› s3://personalize-sandbox-nogrant/');
    t.send('Tab');
    const empty = await at(t, '(the bucket');
    expect(empty.replace(/\n +/g, ' ')).toContain('Tab: nothing under s3://personalize-sandbox-nogrant/ to complete (the bucket is empty).');
    // the note's wrapped line keeps its indent (#16 item 19)
    const note = empty.split('\n');
    const i = note.findIndex((l) => l.startsWith('  Tab: nothing'));
    expect(note[i + 1], empty).toMatch(/^ {2}\S/);
    // S3:// in capitals completes as s3:// does (it was read as a local path: "Tab: nothing under S3://…")
    t.send(['C-u', 'S3://personalize-sandbox-d']);
    await at(t, '› S3://personalize-sandbox-d');
    t.send('Tab');
    await at(t, /› s3:\/\/personalize-sandbox-data\/$/m);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 90_000);
});
