// A key answers only a question whose frame is on the terminal (src/ui/ink/keys.tsx). Ink throttles
// its output: a commit right after another is drawn by a timer up to ~34–68 ms later, and the relay
// handed keys to the new screen from its commit — Enter pressed twice at "Tags" answered "Create the
// import job" before the review was drawn. Here the wizard's own Ink render (Wizard.tsx's `render`,
// throttled as in a terminal — not ink-testing-library, which draws every commit at once) draws a
// question, then, after an answer, "Create the import job now?" in a commit the throttle holds back.
// Ink's throttle runs on setTimeout and Date.now, faked here so the frame waits until the test moves
// the clock: the key is read in the window every time, not by luck. (Frames are made by Ink's
// onRender; with CI set in the environment Ink writes none of them, so what stdout holds is checked
// only when Ink writes: the key's answer is checked either way.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import React, { useLayoutEffect, useState } from 'react';
import { EventEmitter } from 'node:events';
import { Text } from 'ink';
import { KeyRelay, useKeys } from '../../../src/ui/ink/keys.js';
import { render } from '../../../src/ui/ink/Wizard.js';

const ENTER = '\r';
const REVIEW = 'Create the import job now?';

/** a terminal's stdout as Ink sees it (80×24), keeping everything written */
class Screen extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  out = '';
  write = (s: string) => ((this.out += s), true);
}

/** a terminal's stdin in raw mode: a write is one read of its chunk */
class Keys extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(s: string) {
    this.data = s;
    this.emit('readable');
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

function Ask({ question, onEnter, onCommit }: { question: string; onEnter(): void; onCommit?(): void }) {
  useKeys((_i, key) => {
    if (key.return) onEnter();
  });
  useLayoutEffect(() => onCommit?.(), []); // eslint-disable-line react-hooks/exhaustive-deps
  return <Text>{question}</Text>;
}

/** Tags, then "Checking…" (an answer's work), then — when `next.review()` is called — the review */
function Walk({ create, next }: { create(): void; next: { review?(): void; committed?(): void } }) {
  const [at, setAt] = useState<'tags' | 'checking' | 'review'>('tags');
  next.review = () => setAt('review');
  if (at === 'tags') return <Ask key="tags" question="Tags (key=value, comma-separated)?" onEnter={() => setAt('checking')} />;
  if (at === 'checking') return <Text>Checking…</Text>;
  return <Ask key="review" question={REVIEW} onEnter={create} onCommit={next.committed} />;
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

afterEach(() => void vi.useRealTimers());

describe('a key answers only a question already drawn (Ink throttles its frames)', () => {
  it('an Enter read after the review is committed but before its frame is written does not create the job; one after it does, at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const screen = new Screen();
    const keys = new Keys();
    let made = 0;
    // the frames Ink had made when the review was committed
    let committedAt: number | undefined;
    const next: { review?(): void; committed?(): void } = { committed: () => void (committedAt = made) };
    const create = vi.fn();
    const app = render(
      <KeyRelay>
        <Walk create={create} next={next} />
      </KeyRelay>,
      { stdout: screen as never, stdin: keys as never, stderr: new Screen() as never, exitOnCtrlC: false, patchConsole: false, onRender: () => void made++ },
    );
    try {
      // Tags is drawn; the throttle's window passes
      vi.advanceTimersByTime(100);
      await nextTurn();
      const writes = screen.out.includes('Tags (key=value');
      expect(made).toBeGreaterThan(0);
      const tags = made;
      keys.write(ENTER);
      // the answer's "Checking…" is drawn at once (Ink's throttle lets a first frame through) …
      for (let turn = 0; made === tags && turn < 20; turn++) await nextTurn();
      expect(made, '"Checking…" drawn').toBeGreaterThan(tags);
      if (writes) expect(screen.out).toContain('Checking…');
      // … the review, committed a moment later (the clock has not moved), waits for the throttle
      next.review!();
      for (let turn = 0; committedAt === undefined && turn < 20; turn++) await nextTurn();
      expect(committedAt, 'the review committed').toBeDefined();
      expect(made, 'no frame made since the review was committed').toBe(committedAt);
      expect(screen.out).not.toContain(REVIEW);
      const before = made;
      // the second Enter of a double tap: read now, before the review is on the terminal
      keys.write(ENTER);
      await nextTurn();
      expect(create).not.toHaveBeenCalled();
      // the throttle's timer draws the review
      vi.advanceTimersByTime(100);
      expect(made).toBeGreaterThan(before);
      if (writes) expect(screen.out).toContain(REVIEW);
      // an Enter read after that frame answers it at once (no minimum delay: the clock does not move)
      await nextTurn();
      keys.write(ENTER);
      expect(create).toHaveBeenCalledTimes(1);
    } finally {
      app.unmount();
    }
  });
});
