// The ✔ summary rows: one row each. A value that is a path, an S3 URL or an ARN keeps its end (the
// file, key or resource name that tells two apart) and loses its middle; other values lose their end.
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Box } from 'ink';
import { AnsweredLine } from '../../src/ui/ink/chrome.js';

function row(value: string, width = 80): string {
  const r = render(
    <Box width={width}>
      <AnsweredLine a={{ step: 'upload', label: 'Upload to', value }} width={width} />
    </Box>,
  );
  const f = r.lastFrame() ?? '';
  r.unmount();
  return f;
}

describe('an answered step on one row', () => {
  it('an S3 URL too long for the row: its start and its key\'s name, the middle elided', () => {
    const f = row('s3://personalize-sandbox-data/personalize-import/events export.fixed-20261205-220044-sien.csv');
    expect(f.split('\n')).toHaveLength(1);
    expect(f.length).toBeLessThanOrEqual(80);
    expect(f).toMatch(/^✔ Upload to {2}s3:\/\/personalize-sandb.*…/);
    expect(f.endsWith('export.fixed-20261205-220044-sien.csv')).toBe(true);
  });

  it('words, then a path in parentheses: the words lose their end, the path its middle, the parentheses stay a pair', () => {
    // (cut as one text it read "fix and continue, anonymous…/tmp/walk/csv/ga4_bigquery.fixed-2.csv)": its "(" gone)
    const value = 'fix and continue, anonymous visitors by their user_pseudo_id (/tmp/walk/csv/ga4_bigquery.fixed-2.csv)';
    const f = row(value);
    expect(f.split('\n')).toHaveLength(1);
    expect(f.length).toBeLessThanOrEqual(80);
    expect(f).toMatch(/^✔ Upload to {2}fix and continue, anonymous[^()]* \(\/tmp\/[^()]*…[^()]*fixed-2\.csv\)$/);
    expect(row(value, 140)).toBe(`✔ Upload to  ${value}`);
    // a file name alone in them: its end was cut, ")" with it ("…anonymous_id (tracks…")
    const named = row('fix and continue, anonymous visitors by their anonymous_id (tracks.fixed.csv)');
    expect(named).toMatch(/^✔ Upload to {2}fix and continue, anonymous[^()]*… \([^()]*csv\)$/);
    expect(named.length).toBeLessThanOrEqual(80);
  });

  it('a value that fits is whole; a long value that is no path loses its end', () => {
    expect(row('s3://b/k.csv')).toBe('✔ Upload to  s3://b/k.csv');
    const f = row('fix and continue with a file name so long that the row cannot hold all of it at all, really');
    expect(f.startsWith('✔ Upload to  fix and continue with a file name')).toBe(true);
    expect(f.endsWith('…')).toBe(true);
  });
});
