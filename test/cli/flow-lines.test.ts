// The step machine's events as lines (src/cli/flow-lines.ts), fed real events: reports the validator
// made of small files, models of the group step. What plain mode prints under a failed validation
// (the question that offers the fix follows), what `import` prints there (the run's end follows), and
// which step's heading the printer has just shown (line-face.ts leaves out a question that repeats it).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { flowLinePrinter } from '../../src/cli/flow-lines.js';
import { frame } from '../../src/flow/machine/base.js';
import type { Io } from '../../src/core/ports.js';
import { run, schema } from '../validate/helpers.js';

function printer(interactive: boolean, headings = interactive) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  const io = { stdout: out, stderr: out, stdin: new PassThrough(), isTTY: false, env: { NO_COLOR: '1' }, cwd: process.cwd() } as unknown as Io;
  return { p: flowLinePrinter({ io, out, headings, interactive }), text: () => text };
}

/** `n` interactions of 40 users, their times in epoch milliseconds; `header` as the export wrote it */
function msInteractions(header: string, n = 1200): string {
  let s = `${header}\n`;
  for (let i = 0; i < n; i++) s += `u${i % 40},i${i % 97},${1764979200000 + i * 60_000},click,1.5\n`;
  return s;
}

describe('flowLinePrinter: a failed validation', () => {
  it('plain mode: the file would fail as it is, nothing was uploaded yet, the choice comes next — not "Validation failed"', async () => {
    // a misnamed (lower-case) header and millisecond times: errors the fixer repairs, offered next
    const report = await run(msInteractions('user_id,item_id,timestamp,event_type,event_value'), { schema: schema('interactions.json') });
    expect(report.valid).toBe(false);
    const { p, text } = printer(true);
    p.event({ type: 'validated', report, source: 'events.csv' });
    expect(text()).toMatch(/^✗ invalid: events\.csv — 1,200 rows, 1,205 errors/);
    expect(text()).toContain('\n✖ events.csv would fail its import as it is (1,205 errors).\n  Nothing was uploaded yet: you choose what to do next.\n');
    expect(text()).not.toMatch(/Validation failed/);
    // every line fits 80 columns (the printer fits them to a terminal; here the text is as written)
    for (const l of text().split('\n').slice(-3)) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('plain mode: a file whose only errors are millisecond times would import with wrong dates, not fail', async () => {
    const report = await run(msInteractions('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'), { schema: schema('interactions.json') });
    expect(new Set(report.errors.map((e) => e.code))).toEqual(new Set(['TIMESTAMP_MILLISECONDS']));
    const { p, text } = printer(true);
    p.event({ type: 'validated', report, source: 'ms\u001b.csv' });
    // the file's name with its control character escaped, the count of every error (not only the listed ones)
    expect(text()).toContain('\n✖ ms\\x1b.csv would import with wrong dates as it is (1,200 errors).\n  Nothing was uploaded yet: you choose what to do next.\n');
  });

  it('`import` (no question follows: the fixed copy with --fix, else the run\'s end): what the file would do, not "Validation failed"', async () => {
    const report = await run(msInteractions('user_id,item_id,timestamp,event_type,event_value'), { schema: schema('interactions.json') });
    const { p, text } = printer(false);
    p.event({ type: 'validated', report, source: 'events.csv' });
    // "Validation failed." read as the run's end right before `import --fix` wrote the copy and went on
    expect(text()).toMatch(/\n✖ events\.csv would fail its import as it is \(1,205 errors\)\.\n$/);
    expect(text()).not.toMatch(/Validation failed|Nothing was uploaded yet|you choose/);
  });
});

describe('flowLinePrinter: headed', () => {
  it('is true for the step whose step event printed its screen heading, until the next step event', () => {
    const { p, text } = printer(true);
    const group = frame('group', 'group', 'choose', 'Dataset group');
    const name = frame('new-group-name', 'group', 'input', 'Name of the new dataset group');
    p.event({ type: 'step', model: group });
    expect(text()).toBe('\nDataset group\nThe dataset group holds the datasets your recommenders train on.\n');
    expect(p.headed(group)).toBe(true);
    // the same screen's next step: no heading, so its question is its only title
    p.event({ type: 'step', model: name });
    expect(p.headed(name)).toBe(false);
    // back to the group list on the same screen ("Back to the dataset groups"): no heading either
    p.event({ type: 'step', model: group });
    expect(p.headed(group)).toBe(false);
    expect(text().match(/\nDataset group\n/g)).toHaveLength(1);
  });

  it('is never true without headings (`import` asks on a terminal with no headings)', () => {
    const { p } = printer(true, false);
    const group = frame('group', 'group', 'choose', 'Dataset group');
    p.event({ type: 'step', model: group });
    expect(p.headed(group)).toBe(false);
  });
});
