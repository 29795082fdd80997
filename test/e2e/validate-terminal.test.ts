// `personalize-import validate` and --help in a real terminal (tmux) 80 columns wide: the report
// and the help are broken between words, under their own text, instead of the terminal cutting
// words in two at column 80 ("war" / "nings"). Piped output stays as it was (test/core/fit.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Terminal, CLI } from '../helpers/tmux.js';

const ROOT = resolve(__dirname, '../..');
const FX = join(ROOT, 'test/fixtures/csv');
const terms: Terminal[] = [];
afterEach(() => {
  for (const t of terms.splice(0)) t.close();
});

function run(args: string[]): Terminal {
  const t = new Terminal(['node', CLI, ...args], { cols: 80, rows: 40, cwd: ROOT, env: { NO_COLOR: '1' } });
  terms.push(t);
  return t;
}
const lines = (screen: string) => screen.split('\n');
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('validate in an 80-column terminal', () => {
  it('a broken file: the report fits the screen between words; each problem goes on 4 spaces in; exit 1', async () => {
    const t = run(['validate', 'samples/interactions-broken-quoting.csv', '--schema', join(FX, 'schemas/interactions.json')]);
    expect(await t.exitCode()).toBe(1);
    const screen = await t.waitFor('UNTERMINATED_QUOTE');
    // the terminal would have cut these sentences at column 80, mid-word
    expect(flat(screen)).toContain('a quoted value is not closed before the end of the line (at import this shows up as a misleading');
    expect(flat(screen)).toMatch(/1,200 rows, 1 error, 2 warnings \(INTERACTIONS, FULL\)/);
    const ls = lines(screen);
    const i = ls.findIndex((l) => l.startsWith('  UNTERMINATED_QUOTE (line 101, ITEM_ID):'));
    expect(i).toBeGreaterThan(0);
    expect(ls[i + 1]).toMatch(/^ {4}\S/);
    // nothing reaches the last column, where the terminal would wrap it
    for (const l of ls) expect(l.length).toBeLessThanOrEqual(80);
  });
  it('a file the fixer repairs: the report ends with the fix command, whole on its line, and the copy it writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-fix-hint-tmux-'));
    copyFileSync(join(FX, 'schemas/interactions.json'), join(dir, 'schema.json'));
    const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},2026-11-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z,view`);
    writeFileSync(join(dir, 'orders-export-2026-11.csv'), `user_id,item_id,timestamp,event_type\n${rows.join('\n')}\n`);
    const t = new Terminal(['node', CLI, 'validate', 'orders-export-2026-11.csv', '--schema', 'schema.json'], { cols: 80, rows: 40, cwd: dir, env: { NO_COLOR: '1' } });
    terms.push(t);
    expect(await t.exitCode()).toBe(1);
    const screen = await t.waitFor('personalize-import fix');
    const ls = lines(screen.trimEnd());
    expect(ls.at(-1)).toBe('  personalize-import fix orders-export-2026-11.csv --schema schema.json');
    expect(flat(screen)).toContain('→ The fixer repairs every error here, into a copy (orders-export-2026-11.fixed.csv; orders-export-2026-11.csv stays as it is), showing each change:');
    for (const l of ls) expect(l.length).toBeLessThanOrEqual(80);
  });
  it('--help: wrapped paragraphs and flag descriptions are re-flowed, not left with stubs', async () => {
    const t = run(['validate', '--help']);
    expect(await t.exitCode()).toBe(0);
    const ls = lines(await t.waitFor('Exit codes'));
    const para = ls.findIndex((l) => l.startsWith('Every problem has a stable code'));
    // the source wraps this paragraph at 100 columns after "first 20 of each"
    expect(ls[para + 1]).toMatch(/^first 20 of each code are listed; the rest are counted\.$/);
    const flag = ls.findIndex((l) => l.startsWith('  --schema <file>'));
    expect(ls[flag + 1]).toMatch(/^ {25}\S/);
    for (const l of ls) expect(l.length).toBeLessThanOrEqual(80);
  });
});
