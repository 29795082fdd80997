// The wizard's "Fix and continue" on an order export (src/flow/machine/retail-lines.ts through the
// fix step's model, drawn by the Ink face's ChooseView): what the copy does with IDs written as
// decimals and with the returns and cancellations is said above the question, and a choice sets the
// returns aside (asked again, with the rows listed, at the fix-rejects step).
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
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'Quantity', type: ['null', 'long'] }],
}), 'retail');

/** a file the fixer repairs (a lower-case header) with USER_ID 13085.0 and a return every 10th row */
async function stateFor(dropReturns?: boolean): Promise<FlowState> {
  let s = 'USER_ID,ITEM_ID,TIMESTAMP,Quantity\n';
  for (let i = 0; i < 1200; i++) s += `${13085 + (i % 30)}.0,i${i % 11},${1_700_000_000 + i},${i % 10 === 4 ? -1 : 2}\n`;
  // (the header's case is an error the fixer repairs: the fix is offered)
  s = s.replace('USER_ID,ITEM_ID', 'USER_ID,item_id');
  const path = join(mkdtempSync(join(tmpdir(), 'pi-fix-retail-ui-')), 'orders.csv');
  writeFileSync(path, s);
  const report = await validateCsv({ name: path, stream: (async function* () { yield Buffer.from(s); })() }, { schema, datasetType: 'INTERACTIONS', now: new Date('2026-11-23T00:00:00Z') });
  return {
    answers: { source: { kind: 'local', path }, ...(dropReturns ? { dropReturns } : {}) },
    loaded: { report, details: { schema } },
    presetFrom: {},
    doc: {},
  } as unknown as FlowState;
}

async function frameOf(s: FlowState): Promise<{ frame: string; values: string[] }> {
  expect(await fixStep.applies!(s, undefined as never)).toBe(true);
  const m = await fixStep.model(s, undefined as never);
  const frame = render(<ChooseView m={m} listLimit={8} columns={200} answer={() => undefined} back={() => undefined} />).lastFrame() ?? '';
  return { frame: frame.replace(/\s+/g, ' '), values: (m.choices ?? []).map((c) => c.value) };
}

describe('Fix and continue on an order export (Ink)', () => {
  it('says the IDs are written as whole numbers and the returns are kept, and offers to set them aside', async () => {
    const s = await stateFor();
    expect(s.loaded.report?.errors.map((e) => e.code)).toContain('HEADER_CASE');
    const { frame, values } = await frameOf(s);
    expect(frame).toContain('The copy writes the IDs of USER_ID as whole numbers (13085.0 → 13085): every one is written as a decimal, which Personalize would take for another ID than 13085.');
    expect(frame).toContain('120 rows are returns or cancellations (line 6, Quantity): kept as purchases by “Fix and continue”; “…returns and cancellations set aside” leaves them out (import: --drop-returns).');
    expect(frame).toContain('Fix and continue, returns and cancellations set aside');
    expect(values).toEqual(['fix', 'fix-returns', 'again', 'quit']);
  });

  it('once chosen (import --drop-returns): they are said to go to the rejects file, and the choice is not offered again', async () => {
    const { frame, values } = await frameOf(await stateFor(true));
    expect(frame).toContain('120 rows are returns or cancellations (line 6, Quantity): set aside in the rejects file, listed first and only if you agree.');
    expect(values).toEqual(['fix', 'again', 'quit']);
  });
});
