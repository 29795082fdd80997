// The wrap Ink's <Text wrap="wrap"> uses in the built CLI (src/ui/ink/wrap.ts, plugin `ink-wrap` in
// scripts/build.mjs): a row a break started never begins with the space it was broken at — wrap-ansi
// with Ink's options put it there ("…your recommenders train" / " on." at 60 columns, seen walking
// the wizard). A line's own indent stays, colours stay, and nothing else changes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import wrapAnsi from 'wrap-ansi';
import wrap from '../../src/ui/ink/wrap.js';

const INK = { trim: false, hard: true } as const;

describe('Ink\'s word wrap (src/ui/ink/wrap.ts)', () => {
  it('a break at a space: the next row starts with the word, not the space (wrap-ansi alone keeps it there)', () => {
    const text = 'The dataset group holds the datasets your recommenders train on.';
    // the defect, as wrap-ansi gives it to Ink
    expect(wrapAnsi(text, 60, INK)).toBe('The dataset group holds the datasets your recommenders train\n on.');
    expect(wrap(text, 60, INK)).toBe('The dataset group holds the datasets your recommenders train\non.');
    const review = 'Everything the import job will be created with. The job is not created until you press Enter.';
    expect(wrap(review, 80, INK).split('\n')).toEqual(['Everything the import job will be created with. The job is not created until you', 'press Enter.']);
  });

  it('a line\'s own indent stays (its first row), on every line of the text; several spaces at a break go', () => {
    // (a space that fits stays at the row's end, as wrap-ansi leaves it: Ink trims the ends of rows)
    expect(wrap('  ✗ one two three four', 12, INK)).toBe('  ✗ one two \nthree four');
    expect(wrap('    kept\n  also kept', 20, INK)).toBe('    kept\n  also kept');
    expect(wrap('aaa bbb  ccc', 7, INK)).toBe('aaa bbb\nccc');
  });

  it('colour codes before a row\'s first character stay; the space after them goes', () => {
    const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
    const rows = wrap(`${red('alpha beta')} gamma`, 10, INK).split('\n');
    expect(rows.map((r) => r.replace(/\x1b\[[0-9;]*m/g, ''))).toEqual(['alpha beta', 'gamma']);
    for (const r of rows.slice(1)) expect(r.replace(/^(\x1b\[[0-9;]*m)*/, '')).not.toMatch(/^ /);
  });

  it('the same rows as wrap-ansi wherever no row starts with a space (nothing else changes), and wrap-ansi\'s own trim untouched', () => {
    const words = 'Personalize reads from S3: the file is uploaded to a bucket it may read, so its policy must let personalize.amazonaws.com read it';
    for (let w = 10; w <= 90; w++) {
      const ours = wrap(words, w, INK).split('\n');
      const theirs = wrapAnsi(words, w, INK).split('\n');
      expect(ours.length).toBe(theirs.length);
      ours.forEach((r, i) => expect(r).toBe(i ? theirs[i].replace(/^ +/, '') : theirs[i]));
    }
    expect(wrap('  a b c', 3, { hard: true })).toBe(wrapAnsi('  a b c', 3, { hard: true }));
  });

  it('the build gives it to Ink in wrap-ansi\'s place', () => {
    const build = readFileSync(resolve(__dirname, '../../scripts/build.mjs'), 'utf8');
    expect(build).toMatch(/plugins: \[[^\]]*\binkWrap\b/);
    expect(build).toMatch(/src\/ui\/ink\/wrap\.ts/);
  });
});
