// The fix step when a file's only errors are rows the fixer sets aside (an interactions file of 1,500
// rows, USER_ID empty on one line and padded " u29" on others): it was a dead end ("Pick another
// file" / "Quit"), the user sent off to `personalize-import fix --rejects`. Now "Set aside 1 row and
// continue" is offered, the row named with why, where it goes, and the padded IDs said trimmed in the
// same copy; drawn by the Ink face's ChooseView at 80 columns. Interactions: not when fewer than
// 1,000 would be left.
import React from 'react';
import { render } from 'ink-testing-library';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChooseView } from '../../../../src/ui/ink/face/ChooseView.js';
import { fixStep } from '../../../../src/flow/machine/steps-fix.js';
import type { FlowState } from '../../../../src/flow/machine/types.js';
import { parseSchema, validateCsv } from '../../../../src/validate/index.js';
import { asideCsv } from '../../../helpers/aside-csv.js';

const schema = parseSchema(JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }, { name: 'EVENT_VALUE', type: ['null', 'float'] }],
}), 'interactions');

async function stateFor(rows: number, blank: number[] = []): Promise<FlowState> {
  const { file } = asideCsv(rows, blank);
  const text = readFileSync(file);
  const report = await validateCsv({ name: file, stream: (async function* () { yield text; })() }, { schema, datasetType: 'INTERACTIONS', now: new Date('2026-12-07T00:00:00Z') });
  return { answers: { source: { kind: 'local', path: file } }, loaded: { report, details: { schema, dataset: { datasetType: 'INTERACTIONS', name: 'x', arn: 'arn:x' } } }, presetFrom: {}, doc: {} } as unknown as FlowState;
}

describe('rows to set aside as the only errors (Ink)', () => {
  it('offers "Set aside 1 row and continue", names the line, why, the rejects file and the trimmed IDs', async () => {
    const s = await stateFor(1500);
    expect(s.loaded.report?.errors.map((e) => e.code)).toEqual(['REQUIRED_VALUE_MISSING']);
    expect(await fixStep.applies!(s, undefined as never)).toBe(true);
    const m = await fixStep.model(s, undefined as never);
    expect((m.choices ?? []).map((c) => [c.value, c.label])).toEqual([['fix-aside', 'Set aside 1 row and continue'], ['again', 'Pick another file'], ['quit', 'Quit (fix the file yourself)']]);
    expect(m.default).toBe('fix-aside');
    const frame = (render(<ChooseView m={m} listLimit={8} columns={80} answer={() => undefined} back={() => undefined} />).lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('The only errors are a row of 1,500 that cannot be imported as written. Set it aside and import the rest?');
    expect(frame).toContain('Set aside: line 702 (column USER_ID: empty).');
    expect(frame).toMatch(/writes a copy without it to \S*events\.fixed\.csv \(the file itself is not changed\) and it to \S*events\.rejects\.csv with its original line number/);
    expect(frame).toContain('The copy trims the spaces around the IDs of USER_ID (" u29" → u29)');
    expect(frame).toContain('❯ Set aside 1 row and continue');
  });

  it('a blank USER_ID (spaces only) too: two rows, both named with why', async () => {
    const s = await stateFor(1500, [900]);
    expect(await fixStep.applies!(s, undefined as never)).toBe(true);
    const m = await fixStep.model(s, undefined as never);
    expect(m.choices?.[0].label).toBe('Set aside 2 rows and continue');
    expect(m.lines?.[0].text).toBe('Set aside: line 702 (column USER_ID: empty), line 900 (column USER_ID: blank ("   ": only spaces, which Personalize would import as an ID)).');
  });

  it('interactions: not offered when fewer than 1,000 would be left (1,100 rows, 101 without a USER_ID)', async () => {
    const blank = Array.from({ length: 100 }, (_, k) => 10 + k * 10);
    const s = await stateFor(1100, blank);
    expect(s.loaded.report?.stats.issueCounts?.REQUIRED_VALUE_MISSING).toBe(101);
    expect(await fixStep.applies!(s, undefined as never)).toBe(false);
  });
});
