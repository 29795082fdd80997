// The small components on their own: Select (move, filter, disabled reasons, Esc), TextInput
// (typing, Backspace, Ctrl-U, Ctrl-W, several keys in one chunk, Tab completion), ProgressBar, StageRows, KeyHints.
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { Select } from '../../src/ui/ink/components/Select.js';
import { TextInput } from '../../src/ui/ink/components/TextInput.js';
import { ProgressBar, bar } from '../../src/ui/ink/components/ProgressBar.js';
import { StageRows } from '../../src/ui/ink/components/StageRows.js';
import { KeyHints } from '../../src/ui/ink/components/KeyHints.js';
import { stageRows } from '../../src/job/stages.js';
import { until as untilFrame } from '../helpers/frames.js';

// these components redraw quickly: polled every 5 ms
const until = (frame: () => string | undefined, test: (f: string) => boolean, ms = 5000) => untilFrame(frame, test, ms, 5);

const tick = async () => {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
};

describe('Select', () => {
  const items = Array.from({ length: 20 }, (_, i) => ({ label: `group-${String(i).padStart(2, '0')}`, value: i, ...(i === 3 ? { disabled: 'It is CREATE PENDING, not ACTIVE.' } : {}) }));
  it('moves, filters by typing, shows why an item is disabled, Esc clears the filter then goes back', async () => {
    let chosen: number | undefined;
    let backs = 0;
    const r = render(<Select items={items} limit={5} onSelect={(v) => (chosen = v)} onBack={() => backs++} />);
    await until(r.lastFrame, (f) => f.includes('❯ group-00') && f.includes('↓ 15 more') && f.includes('type to filter'));
    r.stdin.write('\x1b[B');
    await tick();
    r.stdin.write('\x1b[B');
    await tick();
    r.stdin.write('\x1b[B');
    const d = await until(r.lastFrame, (f) => f.includes('❯ group-03'));
    expect(d).toMatch(/Not available: It is CREATE PENDING/);
    r.stdin.write('\r');
    await tick();
    expect(chosen).toBeUndefined();
    r.stdin.write('1');
    await tick();
    r.stdin.write('7');
    const f = await until(r.lastFrame, (x) => x.includes('Filter: 17'));
    expect(f).toMatch(/1 of 20/);
    expect(f).toMatch(/❯ group-17/);
    r.stdin.write('\r');
    await until(() => String(chosen), (x) => x === '17');
    r.stdin.write('\x1b');
    await until(r.lastFrame, (x) => x.includes('(type to filter)'));
    expect(backs).toBe(0);
    r.stdin.write('\x1b');
    await until(() => String(backs), (x) => x === '1');
    r.unmount();
  });
  it('initialIndex -1 (a question with no default): nothing highlighted, Enter takes nothing; ↓ takes the first, ↑ from none the last', async () => {
    const two = [{ label: '1 November (day first)', value: 'day-first' }, { label: '11 January (month first)', value: 'month-first' }];
    const chosen: string[] = [];
    const r = render(<Select items={two} initialIndex={-1} onSelect={(v) => chosen.push(v)} />);
    await until(r.lastFrame, (f) => f.includes('  1 November (day first)'));
    expect(r.lastFrame()).not.toContain('❯');
    r.stdin.write('\r');
    await tick();
    expect(chosen).toEqual([]);
    r.stdin.write('\x1b[B');
    await until(r.lastFrame, (f) => f.includes('❯ 1 November'));
    r.stdin.write('\r');
    await until(() => chosen.join(), (x) => x === 'day-first');
    r.unmount();
    const up = render(<Select items={two} initialIndex={-1} onSelect={() => {}} />);
    await tick();
    up.stdin.write('\x1b[A');
    await until(up.lastFrame, (f) => f.includes('❯ 11 January'));
    up.unmount();
  });
  it('says when nothing matches', async () => {
    const r = render(<Select items={items} limit={5} onSelect={() => {}} />);
    await tick();
    r.stdin.write('zz');
    await until(r.lastFrame, (f) => f.includes('Nothing matches “zz”'));
    r.unmount();
  });
});

describe('TextInput', () => {
  function Harness({ complete, onSubmit }: { complete?: (v: string) => string[]; onSubmit: (v: string) => void }) {
    const [v, setV] = React.useState('');
    return <TextInput value={v} onChange={setV} onSubmit={onSubmit} complete={complete} placeholder="type here" />;
  }
  it('types, erases, clears and completes', async () => {
    let submitted: string | undefined;
    const r = render(<Harness onSubmit={(v) => (submitted = v)} complete={(v) => ['samples/items.csv', 'samples/interactions.csv'].filter((c) => c.startsWith(v))} />);
    await until(r.lastFrame, (f) => f.includes('type here'));
    r.stdin.write('sam');
    await until(r.lastFrame, (f) => f.includes('› sam'));
    r.stdin.write('\t');
    const f = await until(r.lastFrame, (x) => x.includes('› samples/i'));
    expect(f).toMatch(/items\.csv\s+interactions\.csv/);
    r.stdin.write('te');
    await tick();
    r.stdin.write('\t');
    await until(r.lastFrame, (x) => x.includes('› samples/items.csv'));
    r.stdin.write('\x7f');
    await until(r.lastFrame, (x) => x.includes('› samples/items.cs') && !x.includes('items.csv'));
    r.stdin.write('\x15');
    await until(r.lastFrame, (x) => x.includes('type here'));
    r.stdin.write('a.csv');
    await tick();
    r.stdin.write('\r');
    await until(() => submitted ?? '', (x) => x === 'a.csv');
    r.unmount();
  });
  it('applies every key of a chunk that holds several (Ctrl-U then typing, faster than a read)', async () => {
    let submitted: string | undefined;
    const r = render(<Harness onSubmit={(v) => (submitted = v)} />);
    await until(r.lastFrame, (f) => f.includes('type here'));
    r.stdin.write('samples/interactions.csv');
    await until(r.lastFrame, (f) => f.includes('› samples/interactions.csv'));
    // what tmux delivered in one read when CI was busy: Ctrl-U and the new name together
    r.stdin.write('\x15small.csv');
    const f = await until(r.lastFrame, (x) => x.includes('small.csv'));
    expect(f).toContain('› small.csv');
    expect(f).not.toContain('interactions');
    r.stdin.write('x\x7f\x7fv\x17data/a b\r');
    await until(() => submitted ?? '', (x) => x !== '');
    expect(submitted).toBe('data/a b');
    r.unmount();
  });
});

describe('ProgressBar, StageRows, KeyHints', () => {
  it('draw what they are given', () => {
    expect(bar(0.5, 10)).toBe('█████░░░░░');
    expect(bar(2, 4)).toBe('████');
    expect(render(<ProgressBar ratio={0.25} width={8} label="1 MB of 4 MB" />).lastFrame()).toContain('██░░░░░░ 25%  1 MB of 4 MB');
    const rows = stageRows({ status: 'CREATE FAILED', stageTimes: { 'CREATE PENDING': 0, 'CREATE IN_PROGRESS': 5000, 'CREATE FAILED': 65_000 }, failureReason: 'Insufficient privileges for accessing data in S3' }, 70_000);
    const f = render(<StageRows rows={rows} note="throttled by AWS, still watching" />).lastFrame() ?? '';
    expect(f).toMatch(/✔ Queued \(CREATE PENDING\)\s+0:05/);
    expect(f).toMatch(/✖ Failed \(CREATE FAILED\)\s+1:05/);
    expect(f).toMatch(/ {4}Insufficient privileges/);
    expect(f).toMatch(/throttled by AWS, still watching/);
    expect(render(<KeyHints hints={['Enter choose', false, 'Esc back']} />).lastFrame()).toBe('Enter choose · Esc back');
  });
});

describe('validation issue lines', () => {
  it('group kept occurrences per code and count each code once', async () => {
    const { groupIssues, countIssues } = await import('../../src/ui/ink/steps/ValidateStep.js');
    const issues = [
      { code: 'TIMESTAMP_MILLISECONDS' as const, severity: 'error' as const, message: 'Line 2, column TIMESTAMP: looks like milliseconds.', line: 2, column: 'TIMESTAMP', count: 1200 },
      { code: 'TIMESTAMP_MILLISECONDS' as const, severity: 'error' as const, message: 'Line 3, column TIMESTAMP: looks like milliseconds.', line: 3, column: 'TIMESTAMP' },
      { code: 'COLUMN_COUNT' as const, severity: 'error' as const, message: 'wrong number of values', line: 9 },
    ];
    expect(countIssues(issues)).toBe(1201);
    expect(groupIssues(issues)).toEqual([
      'Line 2, column TIMESTAMP: looks like milliseconds. Also line 3. (1,200 in all)',
      'line 9: wrong number of values',
    ]);
  });
});
