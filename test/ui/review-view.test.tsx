// The review's long values (an S3 URL whose key holds a space, a role ARN) at 80 and 60 columns:
// on the row under their label, wrapped after a ':' or '/' into rows that all start under the
// value's first character — not broken at the key's space with the rest at column 0, which read as
// two things — and whole: the rows joined give the URL back.
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Box } from 'ink';
import { ReviewView } from '../../src/ui/ink/face/ReviewView.js';
import type { StepModel } from '../../src/flow/machine/types.js';

const URL = 's3://personalize-sandbox-data/personalize-import/events export.fixed-20261205-220044-sien.csv';
const ROLE = 'arn:aws:iam::111122223333:role/service-role/PersonalizeImport-my-shop-read-access';

function rowsAt(columns: number): string[] {
  const m = {
    id: 'review', screen: 'review', kind: 'review', title: 'Review', question: 'Create the import job now?',
    lines: [], rows: [['Group', 'my-shop (Custom)'], ['Data from', URL], ['IAM role', ROLE], ['Mode', 'FULL (first bulk import)']],
    choices: [{ value: 'create', label: 'Create the import job' }, { value: 'quit', label: 'Don’t create it (quit)' }], default: 'create',
  } as unknown as StepModel;
  const r = render(
    <Box width={columns} flexDirection="column">
      <ReviewView m={m} columns={columns} listLimit={5} answer={() => {}} back={() => {}} />
    </Box>,
  );
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame.split('\n');
}

/** the rows of a long value: after its label's row, while they are indented */
function valueRows(rows: string[], label: string): string[] {
  const at = rows.findIndex((l) => l === label);
  const out: string[] = [];
  for (let i = at + 1; i < rows.length && /^ {2}\S/.test(rows[i]); i++) out.push(rows[i]);
  return out;
}

describe('the review: a long value on its own rows', () => {
  for (const columns of [80, 60, 40]) {
    it(`at ${columns} columns: the S3 URL and the role whole, each row under the value's first character`, () => {
      const rows = rowsAt(columns);
      const url = valueRows(rows, 'Data from');
      expect(url.length, rows.join('\n')).toBeGreaterThan(0);
      // (at 40 columns the key itself is wider than a row: it wraps at its space, which the rows' ends drop)
      const joined = url.map((l) => l.slice(2).trimEnd()).join('');
      if (columns >= 60) expect(joined, rows.join('\n')).toBe(URL);
      else expect(joined, rows.join('\n')).toBe(URL.replace(' ', ''));
      for (const l of url) expect(l.length).toBeLessThanOrEqual(columns);
      // no row starts at column 0 with the key's tail
      expect(rows.some((l) => l.startsWith('export.fixed')), rows.join('\n')).toBe(false);
      // the key (after the last '/') is kept on one row where it fits
      if (columns >= 60) expect(url.at(-1)!.trim()).toBe('events export.fixed-20261205-220044-sien.csv');
      const role = valueRows(rows, 'IAM role');
      if (role.length) expect(role.map((l) => l.slice(2).trimEnd()).join('')).toBe(ROLE);
      else expect(rows.find((l) => l.startsWith('IAM role'))).toBe(`IAM role   ${ROLE}`);
      expect(rows).toContain('Mode       FULL (first bulk import)');
    });
  }
});
