// fitSummary(): the ✔ answers above a screen get the rows the rest of the frame leaves (measured after
// each draw), never more — a frame as tall as the terminal makes Ink clear the screen and write it
// whole on every key, a copy in the scrollback each time. The add-columns question at 80×24 (a
// report, the offer, two choices) left 2 rows: "Where", "… 3 earlier answers" and the last answer
// were 3.
import { describe, expect, it } from 'vitest';
import { fitSummary } from '../../../../src/ui/ink/face/FlowScreen.js';

const lead = [{ step: 'where', label: 'Where', value: 'us-east-1 · sandbox' }];
const entries = ['group', 'dataset', 'csv', 'validate'].map((step) => ({ step, label: step, value: `${step} answer` }));
const rowsFor = (restMeasured: number) => fitSummary(lead, entries, undefined, [], 24, restMeasured).length;

describe('fitSummary', () => {
  it('never takes more rows than the frame leaves (rows - 1 - the rest measured)', () => {
    for (let rest = 0; rest <= 23; rest++) expect(rowsFor(rest), `rest ${rest}`).toBeLessThanOrEqual(Math.max(0, 23 - rest));
  });

  it('room for the lead and one row: the latest answer, not "… earlier answers"', () => {
    expect(fitSummary(lead, entries, undefined, [], 24, 21).map((a) => a.step)).toEqual(['where', 'validate']);
    expect(fitSummary(lead, entries, undefined, [], 24, 22).map((a) => a.step)).toEqual(['where']);
  });

  it('room for more: the lead, "… n earlier answers" and the latest ones; room for all: all', () => {
    expect(fitSummary(lead, entries, undefined, [], 24, 19).map((a) => a.value)).toEqual(['us-east-1 · sandbox', '2 earlier answers', 'csv answer', 'validate answer']);
    expect(fitSummary(lead, entries, undefined, [], 24, 10)).toHaveLength(5);
  });
});
