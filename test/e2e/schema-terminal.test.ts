// `personalize-import schema infer` in a real terminal (tmux) 80 columns wide: the explanation on
// stderr is broken between words under its own indentation, and the schema JSON on stdout is whole.
import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { Terminal, CLI } from '../helpers/tmux.js';

const ROOT = resolve(__dirname, '../..');
const terms: Terminal[] = [];
afterEach(() => {
  for (const t of terms.splice(0)) t.close();
});

describe('schema infer in an 80-column terminal', () => {
  it('milliseconds: the problem is explained within 80 columns, between words; exit 1', async () => {
    const t = new Terminal(['node', CLI, 'schema', 'infer', 'samples/interactions-milliseconds.csv'], { cols: 80, rows: 70, cwd: ROOT, env: { NO_COLOR: '1' } });
    terms.push(t);
    expect(await t.exitCode(60_000)).toBe(1);
    const screen = await t.waitFor('TIMESTAMP_MILLISECONDS');
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toContain('"name": "Interactions"');
    expect(flat).toContain('TIMESTAMP_MILLISECONDS: TIMESTAMP (column TIMESTAMP): 100 % of values have 13 digits (e.g. 1767225600981): epoch milliseconds, but Personalize reads epoch seconds. Divide them by 1000 (“Fix and continue” — personalize-import fix — does).');
    expect(flat).toMatch(/EVENT_VALUE: float \(optional\) EVENT_VALUE is a float in Personalize; optional: 957 of 1200 values are empty/);
    // and what converts them for you (the explanation stopped at "Divide them by 1000")
    // (the command is kept whole: over 80 columns the terminal wraps it, so compared without spaces)
    expect(flat.replace(/\s/g, '')).toContain('A fixed copy (the values it can read converted, your file unchanged; in the wizard: “Fix and continue”): save this schema (`… > schema.json`), then `personalize-import fix samples/interactions-milliseconds.csv --schema schema.json`'.replace(/\s/g, ''));
    for (const l of screen.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    // words are not cut by the terminal: every line of the problem ends at a word boundary
    const ls = screen.split('\n');
    const i = ls.findIndex((l) => l.startsWith('  TIMESTAMP_MILLISECONDS:'));
    expect(i).toBeGreaterThan(0);
    expect(ls[i + 1]).toMatch(/^ {4}\S/);
  });
});
