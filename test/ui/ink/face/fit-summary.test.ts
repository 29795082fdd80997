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

  it('short of room: the answer just given, then the group and dataset stay longest, and one row counts every answer left out', () => {
    // room for 2 rows: the answer this screen follows from (at the fix: the dates order it reads with)
    expect(fitSummary(lead, entries, undefined, [], 24, 21).map((a) => a.value)).toEqual(['4 earlier answers', 'validate answer']);
    expect(fitSummary(lead, entries, undefined, [], 24, 22).map((a) => a.value)).toEqual(['5 earlier answers']);
    // then the group and dataset (main once showed Where and the dataset at the CSV step, the group gone uncounted), before Where
    expect(fitSummary(lead, entries, undefined, [], 24, 20).map((a) => a.value)).toEqual(['3 earlier answers', 'group answer', 'validate answer']);
    expect(fitSummary(lead, entries, undefined, [], 24, 19).map((a) => a.value)).toEqual(['2 earlier answers', 'group answer', 'dataset answer', 'validate answer']);
    expect(fitSummary(lead, entries, undefined, [], 24, 18).map((a) => a.step)).toEqual(['where', 'group', 'dataset', 'csv', 'validate']);
    expect(fitSummary(lead, entries, undefined, [], 24, 10)).toHaveLength(5);
  });

  it('a new group\'s answers before the group row go first, counted; the group and dataset are shown', () => {
    const made = ['new-group-name', 'new-group-domain', 'new-group-confirm', 'group', 'dataset'].map((step) => ({ step, label: step, value: `${step} answer` }));
    for (let rest = 0; rest <= 23; rest++) {
      const got = fitSummary(lead, made, undefined, [], 24, rest);
      const room = 23 - rest;
      expect(got.length, `rest ${rest}`).toBeLessThanOrEqual(Math.max(0, room));
      const shown = got.filter((a) => a.step !== '…').length;
      const counted = got.filter((a) => a.step === '…').map((a) => Number.parseInt(a.value, 10));
      // every row left out is counted, on one row
      expect(shown + (counted[0] ?? 0), `rest ${rest}`).toBe(room > 0 ? 6 : shown);
      expect(counted.length, `rest ${rest}`).toBeLessThanOrEqual(1);
      if (room >= 3) expect(got.map((a) => a.step), `rest ${rest}`).toEqual(expect.arrayContaining(['group', 'dataset']));
    }
    expect(fitSummary(lead, made, undefined, [], 24, 20).map((a) => a.value)).toEqual(['4 earlier answers', 'group answer', 'dataset answer']);
  });
});
