// The stream the wizard gives Ink holds a new screen's draws until the face says it stands still,
// then writes them as one: the terminal never shows the small first draw alone (src/ui/ink/settle-gate.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleGate } from '../../../src/ui/ink/settle-gate.js';

const tick = () => new Promise<void>((r) => process.nextTick(r));

function sink() {
  const writes: unknown[][] = [];
  const out = { write: (...a: unknown[]) => (writes.push(a), true), columns: 80, rows: 24, isTTY: true } as unknown as NodeJS.WriteStream;
  return { out, writes };
}

describe('settleGate', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('passes writes through while nothing is held, and the stream reads as the terminal', () => {
    const { out, writes } = sink();
    const g = settleGate(out);
    g.stream.write('a');
    expect(writes).toEqual([['a']]);
    expect(g.stream.columns).toBe(80);
    expect(g.stream.isTTY).toBe(true);
  });

  it('holds a new screen’s draws until it stands still and its state is drawn, then writes them in order as one', () => {
    const { out, writes } = sink();
    const g = settleGate(out, { maxHoldMs: 400 });
    g.hold();
    // Ink tells of a draw (onRender), then writes it
    g.frame();
    g.stream.write('small');
    const madeAt = g.made(); // the grown screen renders
    g.frame();
    g.stream.write('grown');
    vi.advanceTimersByTime(300);
    expect(writes).toEqual([]); // not settled: still held
    g.settled(madeAt); // its draw is out already: let out at once
    expect(writes).toEqual([['smallgrown']]);
    g.stream.write('after');
    expect(writes.at(-1)).toEqual(['after']); // through at once again
  });

  it('settled before Ink has drawn that state (its throttle holds the last draw on a timer): out once that draw is written', async () => {
    const { out, writes } = sink();
    const g = settleGate(out, { maxHoldMs: 400 });
    g.hold();
    g.frame();
    g.stream.write('small');
    const madeAt = g.made(); // the grown screen renders; its draw throttled
    g.settled(madeAt);
    vi.advanceTimersByTime(100);
    expect(writes).toEqual([]);
    g.frame(); // the throttle's timer: the grown screen's draw
    g.stream.write('grown');
    expect(writes).toEqual([]); // written after the tick that drew it
    await tick();
    expect(writes).toEqual([['smallgrown']]);
  });

  it('a new screen while the last one waits for its draw holds on: nothing of either alone reaches the terminal', async () => {
    const { out, writes } = sink();
    const g = settleGate(out, { maxHoldMs: 400 });
    g.hold();
    g.stream.write('one');
    g.settled(g.made());
    g.hold(); // the next screen
    g.frame();
    g.stream.write('two');
    await tick();
    expect(writes).toEqual([]);
    g.settled(g.made() - 1);
    expect(writes).toEqual([['onetwo']]);
  });

  it('never holds longer than its cap, whatever the face does', () => {
    const { out, writes } = sink();
    const g = settleGate(out, { maxHoldMs: 400 });
    g.hold();
    g.stream.write('x');
    vi.advanceTimersByTime(399);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([['x']]);
  });

  it('a write with a callback (Ink’s unmount waits on one) lets everything out first, in order; flush() at once', () => {
    const { out, writes } = sink();
    const g = settleGate(out);
    const done = () => {};
    g.hold();
    g.stream.write('frame');
    g.stream.write('', done);
    expect(writes).toEqual([['frame'], ['', done]]);
    g.hold();
    g.stream.write(Buffer.from('b'));
    g.stream.write('s');
    g.flush();
    expect(writes.slice(2)).toEqual([[Buffer.from('b')], ['s']]); // not all text: each as it came
  });
});
