// The wizard's fix step on a valid file whose TIMESTAMP is a spreadsheet's dates (Excel's serial
// dates, 45000: TIMESTAMP_SERIAL; src/flow/machine/retail-lines.ts through the fix step's model,
// drawn by the Ink face's ChooseView): the question says what the values are, the line above it what
// the copy writes, and "as it is" what importing them as written means.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ChooseView } from '../../../../src/ui/ink/face/ChooseView.js';
import { fixStep } from '../../../../src/flow/machine/steps-fix.js';
import type { FlowState } from '../../../../src/flow/machine/types.js';
import { parseSchema, validateCsv } from '../../../../src/validate/index.js';

const schema = parseSchema(JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }],
}), 'sheet');

describe("a valid file of a spreadsheet's dates (Ink)", () => {
  it('asks to write them as epoch seconds, says what the copy writes and what "as it is" imports', async () => {
    let s = 'USER_ID,ITEM_ID,TIMESTAMP\n';
    for (let i = 0; i < 1200; i++) s += `u${i % 30},i${i % 11},${45000 + (i >> 6)}\n`;
    const path = join(mkdtempSync(join(tmpdir(), 'pi-fix-serial-ui-')), 'sheet.csv');
    writeFileSync(path, s);
    const report = await validateCsv({ name: path, stream: (async function* () { yield Buffer.from(s); })() }, { schema, datasetType: 'INTERACTIONS', now: new Date('2026-12-08T00:00:00Z') });
    expect(report.valid).toBe(true);
    const state = { answers: { source: { kind: 'local', path } }, loaded: { report, details: { schema } }, presetFrom: {}, doc: {} } as unknown as FlowState;
    expect(await fixStep.applies!(state, undefined as never)).toBe(true);
    const m = await fixStep.model(state, undefined as never);
    const frame = (render(<ChooseView m={m} listLimit={8} columns={200} answer={() => undefined} back={() => undefined} />).lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain("The file is valid, but its TIMESTAMP values are a spreadsheet's dates (45000), not epoch seconds. Write a copy with them as epoch seconds?");
    expect(frame).toContain("The copy writes the dates of TIMESTAMP as epoch seconds (45000 → 1678838400, read as UTC): they are a spreadsheet's dates (Excel's serial dates), which Personalize would read as times on 1 January 1970.");
    expect(frame).toMatch(/❯ Fix and continue/);
    expect(frame).toContain('Continue with the file as it is');
    expect((m.choices ?? []).map((c) => c.value)).toEqual(['fix', 'as-is', 'again', 'quit']);
  });
});
