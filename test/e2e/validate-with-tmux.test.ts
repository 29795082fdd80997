// `validate --with` in a real terminal (tmux) 80 columns wide: the three mismatch samples, the
// cross-file warnings with their examples and the likely causes, broken between words under their
// own text, nothing reaching past column 80; exit 0 (cross-file findings are warnings).
import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { Terminal, CLI } from '../helpers/tmux.js';

const ROOT = resolve(__dirname, '../..');
const terms: Terminal[] = [];
afterEach(() => {
  for (const t of terms.splice(0)) t.close();
});
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('validate --with in an 80-column terminal', () => {
  it('the mismatch samples: the cross-file report fits the screen, the likely causes named with their examples', async () => {
    const t = new Terminal(['node', CLI, 'validate', 'samples/interactions.csv', '--with', 'samples/items-sku-prefix.csv', '--with', 'samples/users-uppercase.csv'], { cols: 80, rows: 120, cwd: ROOT, env: { NO_COLOR: '1' } });
    terms.push(t);
    expect(await t.exitCode()).toBe(0);
    const screen = await t.waitFor('across the files 6 warnings');
    const f = flat(screen);
    expect(f).toContain('── samples/items-sku-prefix.csv: ITEMS (from its columns: ITEM_ID without USER_ID: an items dataset)');
    expect(f).toMatch(/── Across the files: 6 warnings/);
    expect(f).toContain('Likely cause: ITEM_ID is written with a different prefix in the two files — samples/interactions.csv line 2 says "item-051", samples/items-sku-prefix.csv has "sku-item-051" (with the prefix sku-). Writing them alike would recover 1,200 interactions (100 % of those not found, ≈ 80 items).');
    expect(f).toContain('Likely cause: USER_ID is written with a different letter case');
    expect(f).toContain('first: line 2 "item-051", line 3 "item-079", line 4 "item-050"');
    const ls = screen.split('\n');
    // a finding's continuation lines go on under its text, not at column 0
    const i = ls.findIndex((l) => l.startsWith('  CROSS_ID_FORMAT (samples/interactions.csv, line 2):'));
    expect(i).toBeGreaterThan(0);
    expect(ls[i + 1]).toMatch(/^ {4}\S/);
    for (const l of ls) expect(l.length).toBeLessThanOrEqual(80);
  });
});
