// A spinner, and the one clock every live view ticks on. Each change of state is an Ink frame (the
// whole screen laid out and written), so they are kept few: one timer for the process, at most
// one tick a second, and everything that moves with time (the spinners, a view's elapsed time)
// moves on the same tick, so a second's changes cost one frame, not one per timer. What moves is a
// leaf — a spinner, a running time (LiveDuration) — that re-renders only itself (its value is its
// own state), never the tree it sits in: a tick is a few tiny components, not the whole view.
import React, { memo, useEffect, useState } from 'react';
import { Text } from 'ink';
import { clockDuration } from '../../../job/format.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** the clock's period: the fastest anything on screen changes (each tick is a frame of about 5 ms of
 * CPU on a loaded 2-core machine; scripts/watch-cpu.mjs measures the live view) */
export const TICK_MS = 1000;

type Listener = (tick: number) => void;
const listeners = new Set<Listener>();
let timer: NodeJS.Timeout | undefined;
let ticks = 0;

/** Calls `fn` on each tick of the shared clock until the returned function is called. */
export function onClockTick(fn: Listener): () => void {
  listeners.add(fn);
  if (!timer) {
    timer = setInterval(() => {
      ticks++;
      for (const l of [...listeners]) l(ticks);
    }, TICK_MS);
    // a live view never keeps the process alive on its own
    timer.unref();
  }
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * Re-renders the calling component every `everyMs` (a multiple of TICK_MS), on the shared clock's
 * ticks: two components asking for the same period change in the same frame. 0: stopped.
 */
export function useClock(everyMs: number): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!(everyMs > 0)) return;
    const every = Math.max(1, Math.round(everyMs / TICK_MS));
    return onClockTick((t) => {
      if (t % every === 0) setN(t / every);
    });
  }, [everyMs]);
  return n;
}

export const Spinner = memo(function Spinner({ label }: { label?: string }) {
  const i = useClock(TICK_MS) % FRAMES.length;
  return (
    <Text>
      <Text color="cyan">{FRAMES[i]}</Text>
      {label ? ` ${label}` : ''}
    </Text>
  );
});

/**
 * A running time, `baseMs` plus the time since `since` (epoch ms), as m:ss — a leaf that moves on the
 * shared clock's tick by itself, so the view it sits in is not rendered again each second. Inside a
 * <Text>: it draws its own text, styled by the text around it.
 */
export const LiveDuration = memo(function LiveDuration({ since, baseMs = 0 }: { since: number; baseMs?: number }) {
  useClock(TICK_MS);
  return <>{clockDuration(baseMs + Math.max(0, Date.now() - since))}</>;
});
