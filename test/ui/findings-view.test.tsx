// The Ink validation screen's findings list (issue #16 item 3): every wrapped line of a finding is
// drawn (a line starting with "✖" was measured one line short by Ink and its last line lost), and
// "a" expands the list to every finding.
import React from 'react';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { useFindings } from '../../src/ui/ink/steps/Findings.js';
import type { Issue } from '../../src/validate/issues.js';

const few: Issue = { code: 'TOO_FEW_INTERACTIONS', severity: 'error', message: 'The file has 400 interaction records; every import job into an Interactions dataset needs at least 1000. Add more interactions before importing.' };
const sparse: Issue = { code: 'SPARSE_COLUMN', severity: 'warning', column: 'EVENT_VALUE', message: "Column EVENT_VALUE is filled in 20.5 % of records; Personalize's data insights flag columns under 70 % complete. Fill it in or drop it." };
const same: Issue = { code: 'SAME_TIMESTAMP', severity: 'warning', column: 'TIMESTAMP', message: 'Every record has the same timestamp.' };

function View({ lines }: { lines: number }) {
  const f = useFindings([few], [sparse, same], { lines, columns: 80 }, true);
  return <Box width={80} flexDirection="column">{f.view}{f.hint ? <Text>{f.hint}</Text> : null}</Box>;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('the findings list on the Ink screen', () => {
  it('draws every wrapped line of a finding', () => {
    const frame = render(<View lines={20} />).lastFrame() ?? '';
    expect(frame.replace(/\n\s*/g, ' ')).toContain('Add more interactions before importing.');
    expect(frame).toContain('Every record has the same timestamp.');
  });

  it('fits the lines it is given, says what it leaves out, and "a" shows the rest', async () => {
    const r = render(<View lines={3} />);
    const before = r.lastFrame() ?? '';
    expect(before).toContain('before importing.');
    expect(before).toContain('… and 2 more warnings not shown (a: show them)');
    expect(before).not.toContain('same timestamp');
    r.stdin.write('a');
    await tick();
    expect(r.lastFrame()).toContain('Every record has the same timestamp.');
  });
});
