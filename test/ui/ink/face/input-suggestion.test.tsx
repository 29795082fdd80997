// An input step's default (or a choice picked with ↑↓) is a suggestion: typing replaces it, Backspace
// clears it, → keeps it for editing. Seen as a newcomer: the CSV step suggested the sample's path
// and typing one's own "export.csv" gave "/…/samples/interactions.csvexport.csv".
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { InputView } from '../../../../src/ui/ink/face/InputView.js';
import type { StepModel } from '../../../../src/flow/machine/types.js';

const RIGHT = '\x1b[C';
const DOWN = '\x1b[B';

async function frameWith(r: ReturnType<typeof render>, what: RegExp | ((f: string) => boolean)): Promise<string> {
  const end = Date.now() + 5000;
  for (;;) {
    const f = r.lastFrame() ?? '';
    if (typeof what === 'function' ? what(f) : what.test(f)) return f;
    if (Date.now() > end) throw new Error(`never saw ${String(what)}:\n${f}`);
    await new Promise((res) => setTimeout(res, 5));
  }
}

async function until(ok: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > end) throw new Error('never answered');
    await new Promise((res) => setTimeout(res, 5));
  }
}

function view(m: Partial<StepModel>) {
  const answers: string[] = [];
  const model = { kind: 'input', title: 'CSV', lines: [], question: 'CSV file', ...m } as StepModel;
  const r = render(<InputView m={model} listLimit={8} columns={80} answer={(v) => answers.push(v)} back={() => {}} cwd="/nonexistent" />);
  return { r, answers };
}

describe('an input step’s suggested value', () => {
  it('typing replaces the default, and Enter takes what was typed', async () => {
    const { r, answers } = view({ default: '/samples/interactions.csv' });
    const first = await frameWith(r, /interactions\.csv/);
    expect(first).toContain('(suggested: typing replaces it, → edits it)');
    r.stdin.write('export.csv');
    const typed = await frameWith(r, /› export\.csv/);
    expect(typed).not.toContain('interactions.csv');
    expect(typed).not.toContain('suggested:');
    r.stdin.write('\r');
    await until(() => answers.length > 0);
    expect(answers).toEqual(['export.csv']);
    r.unmount();
  });

  it('→ keeps the default for editing; typing then appends', async () => {
    const { r, answers } = view({ default: 'personalize-import/' });
    await frameWith(r, /suggested:/);
    r.stdin.write(RIGHT);
    await frameWith(r, (f) => !f.includes('suggested:'));
    r.stdin.write('2026/');
    await frameWith(r, /› personalize-import\/2026\//);
    r.stdin.write('\r');
    await until(() => answers.length > 0);
    expect(answers).toEqual(['personalize-import/2026/']);
    r.unmount();
  });

  it('Backspace clears the whole suggestion', async () => {
    const { r } = view({ default: 'my-dataset-group' });
    await frameWith(r, /suggested:/);
    r.stdin.write('\x7f');
    const f = await frameWith(r, (x) => !x.includes('my-dataset-group'));
    expect(f).not.toContain('suggested:');
    r.unmount();
  });

  it('a choice picked with ↑↓ is a suggestion again', async () => {
    const { r, answers } = view({ default: 'a.csv', choices: [{ value: 'a.csv', label: 'a.csv' }, { value: 'b.csv', label: 'b.csv' }] });
    await frameWith(r, /suggested:/);
    r.stdin.write('x');
    await frameWith(r, /› x/);
    r.stdin.write(DOWN);
    await frameWith(r, (f) => /› [ab]\.csv/.test(f) && f.includes('suggested:'));
    r.stdin.write('c.csv\r');
    await until(() => answers.length > 0);
    expect(answers).toEqual(['c.csv']);
    r.unmount();
  });

  // the CSV question of "＋ Create the dataset from my CSV" in a folder of two types: its default is the
  // folder, a choice shown by its label ("./ — this folder: …"), not a text the user would type
  const folder = { default: './', choices: [{ value: './', label: './ — this folder: interactions, items' }, { value: 'events.csv', label: 'events.csv' }] };

  it('over a choice shown by its label, Ctrl-U and a path typed in one read (a paste) give that path', async () => {
    const { r, answers } = view(folder);
    await frameWith(r, /› \.\/ — this folder/);
    r.stdin.write('\x15products.csv');
    await frameWith(r, /› products\.csv/);
    r.stdin.write('\r');
    await until(() => answers.length > 0);
    expect(answers).toEqual(['products.csv']);
    r.unmount();
  });

  // the sandbox's CSV question: its default is "samples/ — the sandbox's samples"; Ctrl-U and a path
  // inside that folder in one read kept only "interactions.csv" (the folder taken for the token's)
  it('over a choice shown by its label, Ctrl-U and a path beginning with its value in one read give that path whole', async () => {
    const { r, answers } = view({ default: 'samples/', choices: [{ value: 'samples/', label: 'samples/ — the sandbox’s samples' }] });
    await frameWith(r, /› samples\/ — the sandbox/);
    r.stdin.write('\x15samples/interactions.csv');
    await frameWith(r, /› samples\/interactions\.csv/);
    r.stdin.write('\r');
    await until(() => answers.length > 0);
    expect(answers).toEqual(['samples/interactions.csv']);
    r.unmount();
  });

  it('over a choice shown by its label, typing replaces it and Backspace clears it', async () => {
    const { r, answers } = view(folder);
    await frameWith(r, /› \.\/ — this folder/);
    r.stdin.write('p');
    await frameWith(r, /› p\s/);
    r.stdin.write(DOWN);
    await frameWith(r, /› \.\/ — this folder/);
    r.stdin.write('\x7f');
    const cleared = await frameWith(r, (f) => !f.includes('› ./'));
    expect(cleared).not.toMatch(/› \S/);
    r.stdin.write('a.csv\r');
    await until(() => answers.length > 0);
    expect(answers).toEqual(['a.csv']);
    r.unmount();
  });
});
