// Issue 16 item 2: a run that created a job ends with a summary that stays after exit — the job ARN
// whole on a line of its own (the terminal may wrap it, nothing cuts it), status, duration, data
// location and the commands to copy — whether the profile is saved or not. Real terminal (tmux),
// built CLI, in-process sandbox; every screen is polled for, no fixed sleeps.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Terminal, CLI } from '../helpers/tmux.js';
import { breakSpaces } from '../helpers/screen-rows.js';

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

/** Waits until two consecutive polls show `marker` (drawn, input handlers attached). */
async function at(t: Terminal, marker: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const ok = (x: string) => (typeof marker === 'string' ? x.includes(marker) : marker.test(x));
  let streak = 0;
  return t.waitFor((x) => (ok(x) ? ++streak >= 2 : ((streak = 0), false)), timeoutMs);
}

/** The line starting with "arn:" and its continuation lines (a line the terminal wrapped is full width). */
export function wrappedArn(screen: string, cols: number): string | undefined {
  const lines = screen.split('\n');
  const i = lines.findIndex((l) => /^arn:aws:personalize:/.test(l));
  if (i < 0) return undefined;
  let s = lines[i];
  for (let j = i; lines[j].length === cols && j + 1 < lines.length; j++) s += lines[j + 1];
  return s;
}

/** The ARN of the live job view ("Job arn:…" and its rows indented under it), joined. */
function liveArn(text: string): string | undefined {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Job arn:'));
  if (at < 0) return undefined;
  let s = lines[at].slice(4);
  for (let i = at + 1; /^ {4}\S/.test(lines[i] ?? ''); i++) s += lines[i].slice(4);
  return s;
}

/**
 * The end of a run as the scrollback keeps it: from the first answered step to what the shell prints
 * next. The end goes to the scrollback once (Ink's <Static>) and the live area is left empty: no blank
 * run of rows where the last question was, the summary exactly once, the next output right under it.
 */
export function expectCleanEnd(history: string): void {
  const from = history.indexOf('✔ Where');
  const to = history.indexOf('AFTER-THE-WIZARD-MARKER');
  expect(from, history).toBeGreaterThanOrEqual(0);
  expect(to, history).toBeGreaterThan(from);
  const run = history.slice(from, to);
  expect(run, 'no two blank rows in a row (a question blanked after the fact)').not.toMatch(/\n\n\n/);
  expect(run.split('\nImport job:\n').length - 1, 'the summary exactly once').toBe(1);
  expect(run, 'the shell goes on right under the last line of the summary').toMatch(/\S\n$/);
  expect(run, 'no spinner frozen in the scrollback').not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  expect(run, 'no key hint left behind').not.toMatch(/Ctrl-C (stop|quit)|Enter (choose|select)|↑↓/);
}

describe.each([
  [60, 20, 'save'],
  [80, 24, 'skip'],
  [160, 40, 'ctrl-c'],
])('the end-of-run summary in a %ix%i terminal (%s)', (cols, rows, choice) => {
  it('Enter through the happy path; after exit the whole job ARN is on screen, with status, duration, data and commands, once, and no blank rows', async () => {
    // what the user had on the terminal before: it must still be in the scrollback after (#16 item 8);
    // what the shell prints next must come right under the summary (no blank rows left by the live area)
    const t = new Terminal(['sh', '-c', 'echo BEFORE-THE-WIZARD-MARKER; "$@"; c=$?; echo AFTER-THE-WIZARD-MARKER; exit $c', 'sh', 'node', CLI, '--sandbox', '--sandbox-job-seconds', choice === 'ctrl-c' ? '40' : '1', '--sandbox-data-dir', tmp('pi-sum-data-')], {
      cols, rows, cwd: ROOT, env: { PERSONALIZE_IMPORT_CONFIG_DIR: tmp('pi-sum-cfg-'), NO_COLOR: '1' },
    });
    terms.push(t);
    let jobName = '';
    for (const m of ['❯ Continue', 'sandbox-shop', 'Fields:', 'CSV files here', 'Continue anyway', 'Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import', 'Job name:', 'IAM role Personalize assumes', 'Tags (key=value', 'Create the import job now?']) {
      const screen = await at(t, m);
      // no row of a wrapped line starts with the space it was broken at; a lone choice has nowhere to move
      expect(breakSpaces(screen, cols), screen).toEqual([]);
      if (m === '❯ Continue') expect(screen, screen).toMatch(/^Enter choose · Ctrl-C quit$/m);
      if (m === 'Job name:') jobName = /(sandbox-shop[A-Za-z0-9_-]*\d)/.exec(screen)?.[1] ?? '';
      // the role whole at the review: on its own line under its label when the row is too narrow (#16 item 8)
      if (m === 'Create the import job now?') expect(screen, screen).toMatch(cols < 70 ? /^IAM role\n {2}arn:aws:iam::\d{12}:role\/[A-Za-z0-9+=,.@_-]+$/m : /^IAM role {3}arn:aws:iam::\d{12}:role\/[A-Za-z0-9+=,.@_-]+$/m);
      t.send('Enter');
    }
    expect(jobName).not.toBe('');
    if (choice === 'ctrl-c') {
      // Ctrl-C while the job runs (queued for 10 s of its 40): the job's stages stay (no spinner frozen
      // mid-turn), then what is true and the summary
      await at(t, /Queued \(CREATE PENDING\)\s+\d+:\d\d/);
      t.send('C-c');
      expect(await t.exitCode(30_000)).toBe(130);
      await t.waitFor('AFTER-THE-WIZARD-MARKER');
      const history = t.history();
      expectCleanEnd(history);
      expect(history).toMatch(/^■ Queued \(CREATE PENDING\)/m);
      expect(history).toMatch(/^ {2}Status {4}CREATE PENDING$/m);
      expect(history).toMatch(new RegExp(`^arn:aws:personalize:[a-z0-9-]+:\\d{12}:dataset-import-job/${jobName}$`, 'm'));
      return;
    }
    // the job's outcome goes to the scrollback once the save question is asked: looked for there
    await t.waitFor(() => t.history().includes('What happens next'), 60_000);
    // the save question under the finished job
    await at(t, 'Don’t save');
    if (choice === 'skip') t.send('Up');
    if (choice === 'skip') await at(t, /❯ Don’t save/);
    t.send('Enter');
    expect(await t.exitCode(30_000)).toBe(0);
    await t.waitFor('AFTER-THE-WIZARD-MARKER');
    const screen = t.screen();
    const history = t.history();
    expectCleanEnd(history);
    expect(history, 'the scrollback was not wiped (no ESC[3J)').toContain('BEFORE-THE-WIZARD-MARKER');
    // no live frame (the job's ARN wrapped into its rows while it was watched included) was taller
    // than the terminal: Ink would have cleared the screen to draw it whole
    expect(t.rawOutput()).not.toContain('\x1b[2J');
    const arn = wrappedArn(screen, cols);
    expect(arn, screen).toMatch(new RegExp(`^arn:aws:personalize:[a-z0-9-]+:\\d{12}:dataset-import-job/${jobName}$`));
    // the watched job's last frame, kept above: "Job " and the ARN's rows under it, the ARN whole
    expect(liveArn(history), history).toBe(arn);
    expect(screen.slice(screen.indexOf('Import job:')), 'nothing cut after exit').not.toContain('…');
    // the save question is gone once answered: neither its heading nor its choices are left above the summary
    const above = history.slice(history.lastIndexOf('What happens next'), history.lastIndexOf('Import job:'));
    expect(above, above).not.toMatch(/Save profile|Save these answers|Don’t save/);
    expect(screen).toMatch(/^ {2}Status {4}ACTIVE$/m);
    expect(screen).toMatch(/^ {2}Duration {2}\d+:\d\d$/m);
    expect(screen).toMatch(/^ {2}Data read from\ns3:\/\/[a-z0-9-]+\/personalize-import\//m);
    // the embedded sandbox ended with the run: a status / diagnose command run now would start a new
    // sandbox, which has not got this job ("No import job …"), so none is offered; what is true is said
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toContain('The embedded sandbox stopped with this command, and its job with it: no command can ask about this job now.');
    expect(flat).toContain('keep a sandbox running: personalize-import sandbox --help');
    expect(flat).not.toMatch(/personalize-import (status|history|diagnose)\b/);
  }, 180_000);
});
