// The numbered line prompts (src/cli/line-face.ts): a question that is its screen's title is not
// written again under the heading plain mode has just printed ("Dataset group" twice in a row);
// without that heading (`import` on a terminal, the same screen asked again) the question is written.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineAsker } from '../../src/cli/line-face.js';
import { frame } from '../../src/flow/machine/base.js';
import type { Io } from '../../src/core/ports.js';
import type { StepModel } from '../../src/flow/machine/index.js';

const group = frame('group', 'group', 'choose', 'Dataset group', {
  choices: [{ value: 'a', label: 'sandbox-shop (Custom)' }, { value: 'new', label: '＋ New dataset group' }],
  default: 'a',
});
const dataset = frame('dataset', 'dataset', 'choose', 'Dataset', { choices: [{ value: 'd', label: 'sandbox-shop-items [ITEMS]' }], default: 'd' });
const name = frame('new-group-name', 'group', 'input', 'Name of the new dataset group', { default: 'my-dataset-group' });

/** asks `m` once, answering Enter; returns the answer and what was written (`columns`: on a terminal that wide) */
async function askOnce(m: StepModel, headed?: (m: StepModel) => boolean, columns?: number): Promise<{ value: unknown; text: string }> {
  const out = columns ? Object.assign(new PassThrough(), { isTTY: true, columns }) : new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  const stdin = new PassThrough();
  const io = { stdout: out, stderr: out, stdin, isTTY: true, env: {}, cwd: process.cwd() } as unknown as Io;
  const asker = lineAsker(io, out, undefined, headed ? { headed } : {});
  stdin.write('\n');
  try {
    const ans = await asker.ask(m);
    return { value: 'value' in ans ? ans.value : ans, text };
  } finally {
    asker.close();
  }
}

describe('lineAsker: the question under its heading', () => {
  it('a question that is the title just printed as the heading is not written again', async () => {
    const g = await askOnce(group, () => true);
    expect(g.value).toBe('a');
    expect(g.text).toBe('  1) sandbox-shop (Custom)\n  2) ＋ New dataset group\nChoose 1-2 [1] (< back): ');
    expect((await askOnce(dataset, () => true)).text).not.toMatch(/^Dataset\n/);
  });

  it('written when no heading was printed for it (the same screen again, or `import` with no headings)', async () => {
    expect((await askOnce(group, () => false)).text).toMatch(/^Dataset group\n {2}1\) sandbox-shop/);
    expect((await askOnce(group)).text).toMatch(/^Dataset group\n {2}1\) sandbox-shop/);
  });

  it('a question other than the title is written under the heading (input steps too)', async () => {
    const n = await askOnce(name, () => true);
    expect(n.value).toBe('my-dataset-group');
    expect(n.text).toBe('Name of the new dataset group\n[my-dataset-group] (< back): ');
  });
});

describe('lineAsker on an 80-column terminal: choices wider than the screen', () => {
  const long = (v: string) => `exports/a-very-long-folder-name-for-the-shop-system/interactions-export-from-the-production-database-${v}.csv`;
  const csv = frame('csv', 'csv', 'input', 'CSV file', {
    choices: [{ value: long('A'), label: long('A') }, { value: long('B'), label: long('B'), description: 'the sandbox’s sample interactions' }],
    default: long('A'),
  });
  it('each number stays beside its label, the path goes on under it broken after a "-" (its end, which tells them apart, on screen), and the long default is named by its number', async () => {
    const { value, text } = await askOnce(csv, undefined, 80);
    expect(value).toBe(long('A'));
    const lines = text.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^ {2}1\) exports\/a-very-long-folder/);
    expect(lines[2]).toMatch(/^ {5}\S+database-A\.csv$/);
    expect(lines[3]).toMatch(/^ {2}2\) exports\/a-very-long-folder/);
    expect(lines[4]).toMatch(/^ {5}\S+database-B\.csv — the sandbox’s sample interactions$/);
    expect(lines.at(-1)).toBe('[1] (< back): ');
  });
  it('on a pipe (no width) the rows and the default are written whole, as before', async () => {
    const { text } = await askOnce(csv);
    expect(text).toContain(`  1) ${long('A')}\n`);
    expect(text.endsWith(`[${long('A')}] (< back): `)).toBe(true);
  });
});

describe('lineAsker: a default named by a file', () => {
  it('a CSV named with ESC [2J, a BEL and a colour code that hides text: the default in the prompt is escaped, the answer is the file', async () => {
    const evil = 'ab\x1b[2J\x07\x1b[8mcd.csv';
    const csv = frame('csv', 'csv', 'input', 'CSV file', { choices: [{ value: evil, label: 'ab\\x1b[2J\\x07\\x1b[8mcd.csv' }], default: evil });
    const { value, text } = await askOnce(csv);
    expect(value).toBe(evil);
    expect(text.endsWith('[ab\\x1b[2J\\x07\\x1b[8mcd.csv] (< back): ')).toBe(true);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});
