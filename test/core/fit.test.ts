// fitText: long lines broken between words at the terminal's width, hanging under their own text.
import { describe, expect, it } from 'vitest';
import { fitRow, fitText, visibleWidth } from '../../src/core/fit.js';

const widest = (s: string) => Math.max(...s.split('\n').map(visibleWidth));
const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe('fitText', () => {
  it('breaks prose between words, two spaces deeper than the line began, and keeps every word', () => {
    const line = '  UNTERMINATED_QUOTE (line 101, ITEM_ID): a quoted value is not closed before the end of the line (at import this shows up as a misleading "Length cannot be more than …" failure).';
    const out = fitText(line, 80);
    expect(widest(out)).toBeLessThanOrEqual(80);
    expect(words(out)).toEqual(words(line));
    const [first, ...rest] = out.split('\n');
    expect(first.startsWith('  UNTERMINATED_QUOTE')).toBe(true);
    expect(rest.length).toBeGreaterThan(0);
    for (const l of rest) expect(l).toMatch(/^ {4}\S/);
  });
  it('a "--flag   description" row goes on under its description', () => {
    const row = '  --report <file.md>   also write a Markdown report for the customer (job facts, checks, what to change, policy statements to add)';
    const out = fitText(row, 60).split('\n');
    expect(out[0]).toBe('  --report <file.md>   also write a Markdown report for the');
    for (const l of out.slice(1)) expect(l).toMatch(/^ {23}\S/);
  });
  it('leaves short lines, pipes (no width) and words longer than the screen alone', () => {
    const text = 'short\n\n  indented short\n';
    expect(fitText(text, 80)).toBe(text);
    const long = 'x '.repeat(100);
    expect(fitText(long, undefined)).toBe(long);
    const arn = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-interactions-20261123-121314';
    const out = fitText(`Job ${arn} failed`, 40).split('\n');
    expect(out).toContain(`  ${arn}`);
  });
  it('a word too long for the room at the indent starts further left, whole, as far as it needs to fit', () => {
    // diagnose --message's fields hang at column 15; an S3 URI of 66 characters did not fit there and
    // the terminal cut its last letter onto a line of its own
    const uri = 's3://acme-personalize-prod/exports/events/2026-12-05/part-0001.csv';
    const line = `  Message      Row number: 10423. The CSV is ${uri} Thanks, Dana`;
    const out = fitText(line, 80).split('\n');
    expect(widest(out.join('\n'))).toBeLessThanOrEqual(80);
    expect(out).toContain(`${' '.repeat(80 - uri.length)}${uri}`);
    expect(words(out.join(' '))).toEqual(words(line));
    // the lines after it go on at the indent again
    expect(out[out.length - 1]).toMatch(/^ {15}Thanks,/);
  });
  it('colour codes take no width; wide characters take two', () => {
    const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
    const line = `${red('✖ FAIL')} ${'word '.repeat(20).trim()}`;
    const out = fitText(line, 40);
    for (const l of out.split('\n')) expect(visibleWidth(l)).toBeLessThanOrEqual(40);
    expect(out.split('\n')[0]).toContain(red('✖ FAIL'));
    expect(visibleWidth('日本')).toBe(4);
    expect(visibleWidth(red('ab'))).toBe(2);
  });
  it('reflow (help): joins lines wrapped at 100 columns, but not headings, items or example commands', () => {
    const help = [
      'Usage',
      '  personalize-import thing <file> [--flag <value>] [--another-flag <value>] [--third <value>] [--json]',
      'A paragraph hand-wrapped at a hundred columns, the way every help text in this project is written, so',
      'it goes on here and ends.',
      '',
      'Flags',
      '  --long-flag <v>   a description long enough to be wrapped by hand at the hundred-column mark, so',
      '                    it continues here',
      '  --next            another flag',
      '',
      'Examples',
      '  personalize-import thing a-rather-long-file-name.csv --flag some-value --another-flag another-value',
      '  personalize-import thing b.csv',
    ].join('\n');
    const out = fitText(help, 60, { reflow: true }).split('\n');
    expect(out.slice(0, 2)).toEqual(['Usage', '  personalize-import thing <file> [--flag <value>]']);
    const p = out.indexOf('A paragraph hand-wrapped at a hundred columns, the way every');
    expect(out.slice(p + 1, p + 4)).toEqual(['help text in this project is written, so it goes on here and', 'ends.', '']);
    const f = out.findIndex((l) => l.startsWith('  --long-flag'));
    expect(out.slice(f, f + 4)).toEqual([
      '  --long-flag <v>   a description long enough to be wrapped',
      '                    by hand at the hundred-column mark, so',
      '                    it continues here',
      '  --next            another flag',
    ]);
    expect(out).toContain('Examples');
    expect(out).toContain('  personalize-import thing b.csv');
    // an example is a command to copy: kept whole, the terminal wraps it
    const example = '  personalize-import thing a-rather-long-file-name.csv --flag some-value --another-flag another-value';
    expect(out).toContain(example);
    for (const l of out) if (l !== example) expect(visibleWidth(l)).toBeLessThanOrEqual(60);
  });
});

describe('fitText keeps commands whole', () => {
  it('a command is not broken: it moves to a line of its own, to be copied in one piece', () => {
    const arn = 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/tmux-ctrl-c';
    const out = fitText(`  → Re-attach: personalize-import status ${arn}`, 80).split('\n');
    expect(out).toEqual(['  → Re-attach:', `    personalize-import status ${arn}`]);
  });
  it('a command in backticks ends at its closing backtick; prose around it still wraps', () => {
    const line = '  → Check the ARN (names are per account and region); `personalize-import history --dataset-arn …` lists a dataset\'s jobs.';
    const out = fitText(line, 60).split('\n');
    expect(out).toContain('    `personalize-import history --dataset-arn …` lists a');
    expect(words(out.join(' '))).toEqual(words(line));
    expect(fitText('Run aws s3 cp a.csv s3://bucket/a.csv to upload it, then come back here and go on', 40)).toBe('Run\n  aws s3 cp a.csv s3://bucket/a.csv to upload it, then come back here and go on');
    expect(fitText('The data is in aws regions all over the world, so read on to find out more', 40).split('\n')[0]).toBe('The data is in aws regions all over the');
  });
});

describe('fitRow: a numbered choice wider than the screen', () => {
  const a = 'exports/a-very-long-folder-name-for-the-shop-system/interactions-export-from-the-production-database-final-A.csv';
  const b = a.replace(/A\.csv$/, 'B.csv');
  it('keeps the number beside its label, goes on under the label, and breaks a long path after a "/" or "-" — every character kept', () => {
    for (const p of [a, b]) {
      const out = fitRow('  1) ', p, 80).split('\n');
      expect(out[0].startsWith('  1) exports/')).toBe(true);
      for (const l of out) expect(visibleWidth(l)).toBeLessThanOrEqual(80);
      for (const l of out.slice(1)) expect(l).toMatch(/^ {5}\S/);
      // nothing cut: the pieces joined again are the path, each broken after a separator
      expect(out.map((l) => l.slice(5)).join('')).toBe(p);
      for (const l of out.slice(0, -1)) expect(l).toMatch(/[/\-_]$/);
    }
    // the end that tells them apart is on screen, under the label
    expect(fitRow('  1) ', a, 80)).toMatch(/\n {5}\S*final-A\.csv$/);
    expect(fitRow('  2) ', `${b} — 1,200 rows`, 80)).toMatch(/\n {5}\S*final-B\.csv — 1,200 rows$/);
  });
  it('a word with no separator is broken at the edge rather than cut', () => {
    const word = 'x'.repeat(170);
    const out = fitRow(' 10) ', word, 80).split('\n');
    expect(out.map((l) => l.slice(5)).join('')).toBe(word);
    for (const l of out) expect(visibleWidth(l)).toBeLessThanOrEqual(80);
  });
  it('leaves a row that fits, and any row on a pipe (no width), as it is', () => {
    expect(fitRow('  1) ', 'sandbox-shop (Custom)', 80)).toBe('  1) sandbox-shop (Custom)');
    expect(fitRow('  1) ', a, undefined)).toBe(`  1) ${a}`);
  });
  it('prose goes on under the label, broken between words', () => {
    const out = fitRow('  4) ', '＋ Create the dataset from my CSV — a type sandbox-shop lacks (actions, action interactions); you see it before anything is created', 80).split('\n');
    expect(out[0]).toMatch(/^ {2}4\) ＋ Create the dataset/);
    for (const l of out.slice(1)) expect(l).toMatch(/^ {5}\S/);
    for (const l of out) expect(visibleWidth(l)).toBeLessThanOrEqual(80);
  });
});
