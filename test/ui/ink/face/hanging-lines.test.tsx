// A wrapped line keeps its indent in the Ink wizard: "Show all findings" emits the report as notes
// ("  ✗ Line 1: …", "    ↳ ! …"), drawn live or printed to the scrollback by RunView, and Ink
// wrapped them at column 0 (seen walking the wizard at 60x20). The indent is a margin and the marks a
// column of their own, so a wrapped row goes on under the text. The live findings list likewise.
import React from 'react';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { RunView } from '../../../../src/ui/ink/face/RunView.js';
import { useFindings } from '../../../../src/ui/ink/steps/Findings.js';
import type { FlowEvent, StepModel } from '../../../../src/flow/machine/types.js';
import type { Issue } from '../../../../src/validate/issues.js';

// ink-testing-library renders with Ink as installed, whose wrap may start a row with the space it
// broke at; the built CLI's Ink does not (src/ui/ink/wrap.ts: test/ui/ink-wrap.test.ts, and the
// tmux walks). So a row here is under the text with at most that one space more.
const under = (n: number) => new RegExp(`^ {${n}} ?\\S`);

const ERROR = '  ✗ Line 1: the header has no PLATFORM column, and the schema requires it (its type has no "null"). Add the column, or make the field optional in the schema (type ["null", "string"]).';
const RELATED = '    ↳ ! Line 1: column event is not in the schema — most likely the missing EVENT_TYPE under another name, so rename the column.';
const PLAIN = '  The statement its policy needs is shown below; every existing statement is kept as it is, nothing removed.';

/** the rows of `frame` from the one starting with `start` up to (not including) the next row for which `next` holds */
function rowsOf(frame: string, start: string, next: (row: string) => boolean): string[] {
  const rows = frame.split('\n');
  const i = rows.findIndex((r) => r.startsWith(start));
  expect(i, frame).toBeGreaterThanOrEqual(0);
  const out = [rows[i]];
  for (const r of rows.slice(i + 1)) {
    if (next(r)) break;
    out.push(r);
  }
  return out;
}

describe('wrapped lines keep their indent in the Ink wizard', () => {
  it('a note: its rows go on under the text after its indent and marks', () => {
    const events: FlowEvent[] = [ERROR, RELATED, PLAIN, 'Done.'].map((text) => ({ type: 'note', text, tone: 'plain' }));
    const frame = render(<Box width={60} flexDirection="column"><RunView events={events} listLimit={10} sandbox seenAt={0} /></Box>).lastFrame() ?? '';
    const err = rowsOf(frame, '  ✗ Line 1:', (r) => r.startsWith('    ↳'));
    expect(err.length, frame).toBeGreaterThan(1);
    for (const r of err.slice(1)) expect(r, frame).toMatch(under(4));
    const rel = rowsOf(frame, '    ↳ ! Line 1:', (r) => r.startsWith('  The statement'));
    expect(rel.length, frame).toBeGreaterThan(1);
    for (const r of rel.slice(1)) expect(r, frame).toMatch(under(8));
    const plain = rowsOf(frame, '  The statement', (r) => r.startsWith('Done.'));
    expect(plain.length, frame).toBeGreaterThan(1);
    for (const r of plain.slice(1)) expect(r, frame).toMatch(under(2));
    // the words are all there, in order
    expect(frame.replace(/\s+/g, ' ')).toContain(ERROR.trim());
  });

  it('the live findings list: a finding\'s rows go on under its text, not under its mark', () => {
    const missing: Issue = { code: 'HEADER_MISSING_COLUMN', severity: 'error', line: 1, column: 'ITEM_ID', message: 'Line 1: the header has no ITEM_ID column, and the schema requires it (not nullable). Add the column, or make the field optional in the schema.' };
    const sparse: Issue = { code: 'SPARSE_COLUMN', severity: 'warning', column: 'EVENT_VALUE', message: "Column EVENT_VALUE is filled in 19.5 % of records; Personalize's data insights flag columns under 70 % complete. Fill it in or drop it." };
    function View() {
      const f = useFindings([missing], [sparse], { lines: 20, columns: 60 }, true);
      return <Box width={60} flexDirection="column">{f.view}</Box>;
    }
    const frame = render(<View />).lastFrame() ?? '';
    const err = rowsOf(frame, '  ✗ ', (r) => r.startsWith('  ! '));
    expect(err.length, frame).toBeGreaterThan(1);
    for (const r of err.slice(1)) expect(r, frame).toMatch(under(4));
    const warn = rowsOf(frame, '  ! ', () => false);
    expect(warn.length, frame).toBeGreaterThan(1);
    for (const r of warn.slice(1)) expect(r, frame).toMatch(under(4));
  });
});

describe('an input step\'s check message', () => {
  it('wraps under its text, not under the ✖ (the s3:// message wrapped "your buckets." at column 0)', async () => {
    const { InputView } = await import('../../../../src/ui/ink/face/InputView.js');
    const model = { id: 'csv', kind: 'input', title: 'CSV', lines: [], question: 'CSV file', check: () => 'Type the S3 location as s3://bucket/key (a folder ends in “/”); Tab lists your buckets.' } as unknown as StepModel;
    const r = render(<Box width={40} flexDirection="column"><InputView m={model} listLimit={8} columns={40} answer={() => {}} back={() => {}} cwd="/nonexistent" /></Box>);
    const end = Date.now() + 5000;
    let frame = r.lastFrame() ?? '';
    r.stdin.write('s3://');
    while (!frame.includes('s3://') && Date.now() < end) {
      await new Promise((res) => setTimeout(res, 5));
      frame = r.lastFrame() ?? '';
    }
    r.stdin.write('\r');
    while (!frame.includes('✖') && Date.now() < end) {
      await new Promise((res) => setTimeout(res, 5));
      frame = r.lastFrame() ?? '';
    }
    const msg = rowsOf(frame, '✖ Type the S3', (row) => !/^ {2}/.test(row));
    expect(msg.length, frame).toBeGreaterThan(1);
    for (const row of msg.slice(1)) expect(row, frame).toMatch(under(2));
    expect(frame.replace(/\s+/g, ' ')).toContain('Tab lists your buckets.');
  });
});

describe('the created job\'s data location', () => {
  it('on rows of its own under the line, wrapped after a "/", never at the space inside its key', () => {
    const url = 's3://personalize-sandbox-data/personalize-import/events export.fixed-20261205-220044-sien.csv';
    const events = [{ type: 'created', jobArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-import-job/my-shop-interactions-20261205-220049', dataLocation: url }] as FlowEvent[];
    const frame = render(<Box width={80} flexDirection="column"><RunView events={events} listLimit={10} sandbox seenAt={0} /></Box>).lastFrame() ?? '';
    const rows = rowsOf(frame, 'Created import job my-shop-interactions-20261205-220049, reading', () => false).slice(1).filter((r) => r.trim());
    expect(rows.length, frame).toBeGreaterThan(1);
    for (const r of rows) expect(r, frame).toMatch(/^ {2}\S/);
    expect(rows.map((r) => r.slice(2).trimEnd()).join(''), frame).toBe(url);
    expect(rows.at(-1)!.trim()).toBe('events export.fixed-20261205-220044-sien.csv');
  });
});
