// fitSummary(): the ✔ answers above a screen get the rows the rest of the frame leaves (measured after
// each draw), never more — a frame as tall as the terminal makes Ink clear the screen and write it
// whole on every key, a copy in the scrollback each time. The add-columns question at 80×24 (a
// report, the offer, two choices) left 2 rows: "Where", "… 3 earlier answers" and the last answer
// were 3. A newcomer's CSV step at 80×24 showed Where and the dataset, not the group the file goes
// into, and no row saying an answer was left out.
import { describe, expect, it } from 'vitest';
import { fitSummary } from '../../../../src/ui/ink/face/FlowScreen.js';

const lead = [{ step: 'where', label: 'Where', value: 'us-east-1 · sandbox' }];
const entries = ['group', 'dataset', 'csv', 'validate'].map((step) => ({ step, label: step, value: `${step} answer` }));
const rowsFor = (restMeasured: number) => fitSummary(lead, entries, undefined, [], 24, restMeasured).length;

describe('fitSummary', () => {
  it('never takes more rows than the frame leaves (rows - 1 - the rest measured)', () => {
    for (let rest = 0; rest <= 23; rest++) expect(rowsFor(rest), `rest ${rest}`).toBeLessThanOrEqual(Math.max(0, 23 - rest));
  });

  it('short of room: one row counts the earliest answers, consecutively; the latest follow as given', () => {
    // room for 2 rows: the answer this screen follows from (at the fix: the dates order it reads with)
    expect(fitSummary(lead, entries, undefined, [], 24, 21).map((a) => a.value)).toEqual(['4 earlier answers', 'validate answer']);
    expect(fitSummary(lead, entries, undefined, [], 24, 22).map((a) => a.value)).toEqual(['5 earlier answers']);
    // (main showed "… 2 earlier answers", Group, Dataset, the last answer: the row stood for Where and
    // the CSV answer between Dataset and the last — not the earlier answers, and not one run of them)
    expect(fitSummary(lead, entries, undefined, [], 24, 20).map((a) => a.value)).toEqual(['3 earlier answers', 'csv answer', 'validate answer']);
    expect(fitSummary(lead, entries, undefined, [], 24, 19).map((a) => a.value)).toEqual(['2 earlier answers', 'dataset answer', 'csv answer', 'validate answer']);
    expect(fitSummary(lead, entries, undefined, [], 24, 18).map((a) => a.step)).toEqual(['where', 'group', 'dataset', 'csv', 'validate']);
    expect(fitSummary(lead, entries, undefined, [], 24, 10)).toHaveLength(5);
  });

  it('at every room: the rows left out are the earliest, counted on one row above the rest in their order', () => {
    const made = ['new-group-name', 'new-group-domain', 'new-group-confirm', 'group', 'dataset'].map((step) => ({ step, label: step, value: `${step} answer` }));
    const all = [...lead, ...made];
    for (let rest = 0; rest <= 23; rest++) {
      const got = fitSummary(lead, made, undefined, [], 24, rest);
      const room = 23 - rest;
      expect(got.length, `rest ${rest}`).toBeLessThanOrEqual(Math.max(0, room));
      if (room <= 0 || got.length === all.length) continue;
      expect(got[0].step, `rest ${rest}`).toBe('…');
      const n = Number.parseInt(got[0].value, 10);
      expect(got.slice(1), `rest ${rest}`).toEqual(all.slice(n));
    }
    expect(fitSummary(lead, made, undefined, [], 24, 20).map((a) => a.value)).toEqual(['4 earlier answers', 'group answer', 'dataset answer']);
  });
});
