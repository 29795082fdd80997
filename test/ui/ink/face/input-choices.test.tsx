// An input step's listed choices (the CSV step's files here), picked with ↑↓. Seen in a walk at
// 80×24: three ↓ sent at once (a held key, a slow link: several keys in one read) moved one row, and
// ↓ past the eighth file moved the pick out of sight (the list showed the first eight, "… 4 more").
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { InputView } from '../../../../src/ui/ink/face/InputView.js';
import type { StepModel } from '../../../../src/flow/machine/types.js';

const DOWN = '\x1b[B';
const UP = '\x1b[A';

async function frameWith(r: ReturnType<typeof render>, what: RegExp): Promise<string> {
  const end = Date.now() + 5000;
  for (;;) {
    const f = r.lastFrame() ?? '';
    if (what.test(f)) return f;
    if (Date.now() > end) throw new Error(`never saw ${String(what)}:\n${f}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

function view(n: number) {
  const answers: string[] = [];
  const choices = Array.from({ length: n }, (_, i) => ({ value: `file-${String(i + 1).padStart(2, '0')}.csv`, label: `file-${String(i + 1).padStart(2, '0')}.csv` }));
  const model = { kind: 'input', title: 'CSV', lines: [], question: 'CSV file', default: choices[0].value, choices, choicesTitle: 'CSV files here (↑↓ to pick):' } as unknown as StepModel;
  const r = render(<InputView m={model} listLimit={8} columns={80} answer={(v) => answers.push(v)} back={() => {}} cwd="/nonexistent" />);
  return { r, answers };
}

describe('an input step’s choices picked with ↑↓', () => {
  it('keys that arrive together each move one row', async () => {
    const { r } = view(5);
    await frameWith(r, /❯ file-01\.csv/);
    r.stdin.write(DOWN + DOWN + DOWN);
    const f = await frameWith(r, /› file-04\.csv/);
    expect(f).toMatch(/❯ file-04\.csv/);
    r.stdin.write(UP + UP);
    await frameWith(r, /› file-02\.csv/);
    r.unmount();
  });

  it('the picked choice stays in view past the rows shown, with what is above and below counted', async () => {
    const { r, answers } = view(12);
    const first = await frameWith(r, /❯ file-01\.csv/);
    // a row fewer than 8, for the "more" lines
    expect(first).toContain('file-07.csv');
    expect(first).not.toContain('file-08.csv');
    expect(first).toMatch(/↓ 5 more/);
    for (let i = 0; i < 9; i++) {
      r.stdin.write(DOWN);
      await frameWith(r, new RegExp(`› file-${String(i + 2).padStart(2, '0')}\\.csv`));
    }
    const f = await frameWith(r, /❯ file-10\.csv/);
    expect(f).toMatch(/↑ 5 more/);
    expect(f).toContain('file-12.csv');
    expect(f).not.toMatch(/↓ \d+ more/);
    // ↑ at the top wraps to the last, which is in view
    for (let i = 0; i < 9; i++) r.stdin.write(UP);
    await frameWith(r, /❯ file-01\.csv/);
    r.stdin.write(UP);
    const last = await frameWith(r, /❯ file-12\.csv/);
    expect(last).toMatch(/↑ 5 more/);
    r.stdin.write('\r');
    const end = Date.now() + 5000;
    while (!answers.length && Date.now() < end) await new Promise((res) => setTimeout(res, 5));
    expect(answers).toEqual(['file-12.csv']);
    r.unmount();
  });
});
