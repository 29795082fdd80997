// A newcomer's walk at 80×24 (session 27): a suggestion's description cut at 80 columns said nothing
// — the CSV step's folder row ended "(every CSV here, each into its dataset…", the role step's
// "＋ Create a role for Personalize" ended "trusts persona…", the sandbox's samples row lost its
// list of types after a long path — and the summary above the CSV step could drop "✔ Group" with
// no row counting what was left out. Now a description too wide for its row is shown whole under
// the list while its choice is picked, and the summary keeps the group and the dataset longest.
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupToCsv, sandboxWizard, TO_REVIEW } from '../helpers/wizard-terminal.js';
import { ensureBuilt, workFolder } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** the screen within 80×24, no row cut with "…" at its end */
function whole(screen: string): void {
  const rows = screen.replace(/\n+$/, '').split('\n');
  expect(rows.length, screen).toBeLessThanOrEqual(24);
  expect(rows.every((l) => l.length <= 80), screen).toBe(true);
  expect(rows.filter((l) => /…$/.test(l.trimEnd())), screen).toEqual([]);
}

/** the screen's rows joined into one line (a description wrapped under the list reads as one) */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

describe('descriptions too wide for their row, 80×24', () => {
  it('the CSV step of a new group: the folder row says what it does, the group named above it', async () => {
    const work = workFolder('pi-cut-text-', { 'interactions.csv': 'interactions.csv', 'items.csv': 'items.csv', 'users.csv': 'users-uppercase.csv' });
    const t = sandboxWizard({ cols: 80, rows: 24, cwd: work });
    await newGroupToCsv(t, 'my-shop');
    const csv = await at(t, /CSV files here[^]*❯ \.\/ — this folder: interactions, items, users\n/);
    whole(csv);
    // the group the files go into, above the question (or counted, never dropped unsaid)
    expect(csv).toMatch(/✔ Group +my-shop \(Custom, created\)/);
    // the folder's description whole, under the list (it was cut at the row's end)
    expect(flat(csv)).toContain('every CSV here, each into its dataset (several at once)');
    // the sandbox's samples: the types are in the description, shown whole when it is picked
    t.send('Down');
    const samples = await at(t, /❯ \S*samples\/ — the sandbox’s samples\n/);
    whole(samples);
    expect(flat(samples)).toContain('interactions, items, users: several files at once, each into its dataset (the plain samples; the variants are listed, not used)');
    expect(flat(samples)).not.toContain('every CSV here');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);

  it('the role step: "＋ Create a role for Personalize" says what the role trusts and reads, whole', async () => {
    const t = sandboxWizard({ cols: 80, rows: 24 });
    for (const m of TO_REVIEW.slice(0, TO_REVIEW.indexOf('IAM role Personalize assumes'))) {
      await at(t, m, 60_000);
      t.send('Enter');
    }
    await at(t, 'IAM role Personalize assumes');
    t.send('Down');
    const role = await at(t, /❯ ＋ Create a role for Personalize\n/);
    whole(role);
    expect(flat(role)).toContain('PersonalizeImport-sandbox-shop: trusts personalize.amazonaws.com, reads s3://personalize-sandbox-data/personalize-import/ only');
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
  it('the upload folder question: the object’s whole s3:// key under it, wrapped at its "/", the folder typed in it', async () => {
    const t = sandboxWizard({ cols: 80, rows: 24 });
    for (const m of TO_REVIEW.slice(0, TO_REVIEW.indexOf('Folder (prefix)'))) {
      await at(t, m, 60_000);
      t.send('Enter');
    }
    const folder = await at(t, /Folder \(prefix\)[^]*→ s3:\/\/[^]*\.csv/);
    whole(folder);
    // it was "→ s3://personalize-sandbox-data/personal…t/interactions-….csv": the folder cut away
    expect(flat(folder)).toMatch(/→ s3:\/\/personalize-sandbox-data\/personalize-import\/ ?interactions-\d{8}-\d{6}-\w+\.csv/);
    // a folder of the user's own, longer: shown whole as it is typed
    t.send('C-u');
    t.type('exports/2026/december/web-shop/');
    const typed = await at(t, /› exports\/2026\/december\/web-shop\/[^]*\.csv/);
    whole(typed);
    expect(flat(typed).replace(/\/ /g, '/')).toMatch(/→ s3:\/\/personalize-sandbox-data\/exports\/2026\/december\/web-shop\/interactions-\d{8}-\d{6}-\w+\.csv/);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
