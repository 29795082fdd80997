// The job's ARN on the live watch (components/JobWatch: JobProgress, shared by the wizard's run view
// and `status`): whole at any width — wrapped at a ':' or '/' into rows under its first character,
// never cut in the middle with an ellipsis (a user copying it from the live screen got a broken ARN).
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Box } from 'ink';
import { arnPieces, JobProgress } from '../../src/ui/ink/components/JobWatch.js';

const ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset-import-job/personalize-import-interactions-20261205-190312';

function rowsAt(width: number, arn = ARN): string[] {
  const r = render(
    <Box width={width} flexDirection="column">
      <JobProgress arn={arn} seenAt={Date.now()} live={false} />
    </Box>,
  );
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame.split('\n');
}

/** the ARN's rows: from "Job " to the first stage row */
function arnRows(rows: string[]): string[] {
  const end = rows.findIndex((l, i) => i > 0 && !/^ {4}\S/.test(l));
  return rows.slice(0, end < 0 ? rows.length : end);
}

describe('the job ARN while a job is watched', () => {
  it('splits after each ":" and "/"', () => {
    expect(arnPieces('arn:aws:personalize:r:1:dataset-import-job/x')).toEqual(['arn:', 'aws:', 'personalize:', 'r:', '1:', 'dataset-import-job/', 'x']);
    expect(arnPieces('plain')).toEqual(['plain']);
  });

  for (const width of [120, 80, 60, 40]) {
    it(`at ${width} columns: whole, no ellipsis, no row wider than the screen`, () => {
      const rows = rowsAt(width);
      const arn = arnRows(rows);
      expect(arn[0].startsWith('Job arn:aws:')).toBe(true);
      expect(rows.join('\n')).not.toContain('…');
      for (const l of rows) expect(l.length).toBeLessThanOrEqual(width);
      // rows joined (the label and the indent off) are the ARN exactly
      expect(arn.map((l, i) => (i === 0 ? l.slice(4) : l.slice(4)).trimEnd()).join('')).toBe(ARN);
      if (width >= 120) expect(arn).toHaveLength(1);
      // where a piece fits, a row ends at a ':' or '/' — the job name is whole on its row
      if (width >= 60) {
        for (const l of arn.slice(0, -1)) expect(l.trimEnd()).toMatch(/[:/]$/);
        expect(arn.at(-1)).toMatch(/[ /]personalize-import-interactions-20261205-190312$/);
      }
    });
  }
});
