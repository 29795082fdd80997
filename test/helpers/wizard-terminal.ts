// What the Ink wizard's real-terminal tests share: the terminals and folders a test made, closed and
// removed after it; `at` (a marker on two polls in a row: drawn, its input handlers attached);
// `highlight` (↓ until a choice is highlighted); the built wizard on its embedded sandbox; and the
// walk Where → Group → Dataset to the CSV step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLI, Terminal, type TerminalOptions } from './tmux.js';
import { undoAfterTest } from './after-test.js';

export const ROOT = resolve(__dirname, '../..');
// what a test made, undone after it, last first (a terminal is made after the folders it uses)
const made = undoAfterTest();

/** A fresh folder, removed after the test. */
export function tmp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** A terminal closed after the test. */
export function terminal(command: string[], opts: TerminalOptions): Terminal {
  const t = new Terminal(command, opts);
  made.push(() => t.close());
  return t;
}

/** Waits until two consecutive polls show `marker` (drawn, input handlers attached). */
export async function at(t: Terminal, marker: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const ok = (x: string) => (typeof marker === 'string' ? x.includes(marker) : marker.test(x));
  let streak = 0;
  return t.waitFor((x) => (ok(x) ? ++streak >= 2 : ((streak = 0), false)), timeoutMs);
}

/** ↓ until the highlighted choice is `label` (each move waited for on screen) */
export async function highlight(t: Terminal, label: string): Promise<void> {
  for (let n = 0; n < 10; n++) {
    const s = await at(t, /❯ /);
    if (s.includes(`❯ ${label}`)) return;
    const line = s.split('\n').find((l) => l.includes('❯ '));
    t.send('Down');
    await t.waitFor((x) => x.split('\n').find((l) => l.includes('❯ ')) !== line);
  }
  throw new Error(`${label} never highlighted:\n${t.history()}`);
}

/**
 * The built wizard on its embedded sandbox (state in a fresh data directory, jobs `jobSeconds`
 * long), an empty profile store, no colour.
 */
export function sandboxWizard(o: { cols: number; rows: number; cwd?: string; jobSeconds?: number; data?: string; env?: Record<string, string>; args?: string[] }): Terminal {
  return terminal(['node', CLI, '--sandbox', '--sandbox-job-seconds', String(o.jobSeconds ?? 1), '--sandbox-data-dir', o.data ?? tmp('pi-wiz-data-'), ...(o.args ?? [])], {
    cols: o.cols, rows: o.rows, cwd: o.cwd ?? ROOT, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-wiz-cfg-'), NO_COLOR: '1', ...o.env },
  });
}

/** The markers of every screen from Where to the review, Enter at each (the sandbox's sample, defaults). */
export const TO_REVIEW = ['❯ Continue', 'sandbox-shop', 'Fields:', 'CSV files here', 'Continue anyway', 'Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import', 'Job name:', 'IAM role Personalize assumes', 'Tags (key=value', 'Create the import job now?'];

/**
 * Enter at Where and Group (the sandbox's defaults), the sandbox-shop dataset of `dataset` (default
 * interactions, the first) at Dataset, then `file` typed at the CSV step and Enter.
 */
export async function pickCsvFile(t: Terminal, file: string, dataset: 'interactions' | 'items' | 'users' = 'interactions'): Promise<void> {
  for (const m of ['❯ Continue', 'sandbox-shop']) {
    await at(t, m);
    t.send('Enter');
  }
  await at(t, '❯ sandbox-shop-interactions');
  const order = ['interactions', 'items', 'users'] as const;
  for (let k = 1; k <= order.indexOf(dataset); k++) {
    t.send('Down');
    await at(t, `❯ sandbox-shop-${order[k]}`);
  }
  t.send('Enter');
  await at(t, 'CSV files here');
  t.send('C-u');
  t.type(file);
  await at(t, `› ${file}`);
  t.send('Enter');
}

/**
 * From Where to the CSV question of "＋ Create the dataset from my CSV" in a new Custom dataset group
 * `group` (created on the way); returns that screen.
 */
export async function newGroupToCsv(t: Terminal, group: string): Promise<string> {
  await at(t, '❯ Continue');
  t.send('Enter');
  await highlight(t, '＋ New dataset group');
  t.send('Enter');
  await at(t, 'Name of the new dataset group');
  t.send('C-u');
  t.type(group);
  await at(t, new RegExp(`› ${group}\\s*\\n`));
  t.send('Enter');
  await at(t, `What kind of dataset group is ${group}?`);
  t.send('Enter');
  await at(t, '❯ Create');
  t.send('Enter');
  await at(t, '❯ ＋ Create the dataset from my CSV', 60_000);
  t.send('Enter');
  return at(t, 'CSV files here');
}

/**
 * From Where to the schema review of "＋ Create the dataset from my CSV" in a new Custom dataset
 * group `group` (created on the way), `file` typed at the CSV question and Enter.
 */
export async function newGroupFromCsv(t: Terminal, group: string, file: string): Promise<void> {
  await newGroupToCsv(t, group);
  t.send('C-u');
  t.type(file);
  await at(t, new RegExp(`› ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\n`));
  t.send('Enter');
}
