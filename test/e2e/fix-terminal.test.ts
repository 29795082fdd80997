// `personalize-import fix` in a real terminal (tmux), 80 columns: the summary fits between words,
// each change with its example, the file written; a file with rows that cannot be fixed says so and
// writes nothing.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, Terminal } from '../helpers/tmux.js';

const ROOT = resolve(__dirname, '../..');
const SCHEMA = join(ROOT, 'test/fixtures/csv/schemas/interactions.json');
const terms: Terminal[] = [];
afterEach(() => {
  for (const t of terms.splice(0)) t.close();
});

function run(args: string[]): Terminal {
  const t = new Terminal(['node', CLI, ...args], { cols: 80, rows: 40, cwd: ROOT, env: { NO_COLOR: '1' } });
  terms.push(t);
  return t;
}
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('fix in an 80-column terminal', () => {
  it('millisecond epochs: fixed beside the input, the change and its example shown; exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-tty-'));
    const input = join(dir, 'events.csv');
    copyFileSync(join(ROOT, 'samples/interactions-milliseconds.csv'), input);
    const t = run(['fix', input, '--schema', SCHEMA]);
    expect(await t.exitCode(60_000)).toBe(0);
    const screen = await t.waitFor('epochs converted to seconds', 30_000);
    expect(flat(screen)).toMatch(/✓ fixed: .*events\.fixed\.csv — 1,200 rows from 1,200 rows of .*events\.csv, valid/);
    expect(flat(screen)).toContain('millisecond (µs, ns) epochs converted to seconds: 1,200 values in 1,200 rows');
    expect(flat(screen)).toContain('e.g. line 2, TIMESTAMP: 1767225600981 → 1767225600');
    for (const l of screen.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    expect(readFileSync(join(dir, 'events.fixed.csv'), 'utf8').split('\n')[1]).toBe('user-001,item-051,1767225600,click,');
  });

  it('rows that cannot be fixed: the lines are named, nothing is written; exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-tty-'));
    const input = join(dir, 'events.csv');
    writeFileSync(input, `${readFileSync(join(ROOT, 'samples/interactions-milliseconds.csv'), 'utf8')}user-001,item-001,someday,click,\n`);
    const t = run(['fix', input, '--schema', SCHEMA]);
    expect(await t.exitCode(60_000)).toBe(1);
    const screen = await t.waitFor('--rejects', 30_000);
    expect(flat(screen)).toMatch(/✗ not fixed: .* 1 row cannot be fixed without guessing; nothing was written/);
    expect(flat(screen)).toContain('line 1202: TIMESTAMP "someday" is not a date or epoch we can read without guessing');
    expect(existsSync(join(dir, 'events.fixed.csv'))).toBe(false);
  });

  it('Ctrl-C during a big fix: exit 130, no output and no partial file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fix-tty-'));
    const input = join(dir, 'big.csv');
    // ~40 MB of dates written as text (2026/01/01 00:00:00): big enough for the progress bar (≥ 16 MiB),
    // and each line is the JS path's (the WebAssembly lane takes ISO dates, and fixed a 45 MB file of
    // them before the Ctrl-C landed), so the fix is still running when it is stopped
    const rows: string[] = ['user_id,item_id,timestamp,event_type'];
    const text = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');
    for (let i = 0; i < 50_000; i++) rows.push(`u${i % 500},i${i % 900},${text(new Date((1767225600 + i) * 1000))},click`);
    const block = rows.slice(1).join('\n');
    writeFileSync(input, `${rows[0]}\n${Array.from({ length: 24 }, () => block).join('\n')}\n`);
    const t = run(['fix', input, '--schema', SCHEMA]);
    await t.waitFor(/fixing \[#*-*\]/, 30_000);
    t.send('C-c');
    expect(await t.exitCode(60_000)).toBe(130);
    expect(readdirSync(dir)).toEqual(['big.csv']);
  });
});
