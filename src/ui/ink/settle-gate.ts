// A new screen of the step machine's face is drawn more than once before it stands still: its first
// draw is small (no answers above it, no purpose line) and measured, the next grows into the room
// measured; a question whose lines would fill the terminal has them printed above it one draw later.
// Ink writes every draw, and throttles them (one per 33 ms, the last one on a timer): the in-between
// frames stood on the screen for 33 ms and more — on a loaded machine long enough to read "printed
// above it: scroll up" with nothing printed above yet, or a screen with no answers over it (CI's
// terminal tests read them so). The stream Ink is given holds what is written from the moment a new
// screen is drawn until the face says it stands still and Ink has drawn that state (the face passes
// the count of Ink's draws as it rendered it: a draw made after that is of it, or later — Ink's
// throttled last draw is waited for); then it writes it all at once, in order. A write that waits on
// a callback (Ink's unmount) lets everything out at once, and nothing is held longer than
// MAX_HOLD_MS, whatever the face does. (React-free: the wizard command loads it before Ink; the
// face finds the gate through Settle, settle-context.ts.)
export const MAX_HOLD_MS = 400;

type Write = (...a: unknown[]) => boolean;

export interface SettleGate<T> {
  /** the stream to give Ink */
  stream: T;
  /** to call on each of Ink's draws (its onRender), before it writes */
  frame(): void;
  /** Ink's draws so far (read as a screen renders) */
  made(): number;
  /** a new screen is being drawn: hold its frames */
  hold(): void;
  /** the screen rendered when `made()` read `madeAt` stands still: let it out once a draw after that is written */
  settled(madeAt: number): void;
  /** let everything held out now */
  flush(): void;
}

export function settleGate<T extends NodeJS.WritableStream>(out: T, o: { maxHoldMs?: number } = {}): SettleGate<T> {
  const max = o.maxHoldMs ?? MAX_HOLD_MS;
  const pass = out.write.bind(out) as Write;
  let held: unknown[][] | undefined;
  let cap: NodeJS.Timeout | undefined;
  let made = 0;
  // settled, waiting for a draw past this count
  let after: number | undefined;
  const flush = () => {
    if (cap) clearTimeout(cap);
    cap = after = undefined;
    const list = held;
    held = undefined;
    if (!list?.length) return;
    // one write when it is all text (the terminal gets the screen whole), else each as it came
    if (list.every((a) => a.length === 1 && typeof a[0] === 'string')) pass(list.map((a) => a[0]).join(''));
    else for (const a of list) pass(...a);
  };
  const write = (...a: unknown[]) => {
    if (!held) return pass(...a);
    if (a.some((x) => typeof x === 'function')) {
      flush();
      return pass(...a);
    }
    held.push(a);
    return true;
  };
  const stream = new Proxy(out, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    stream,
    frame() {
      made++;
      // out once this draw is written (Ink writes it after telling)
      if (held && after !== undefined && made > after) process.nextTick(flush);
    },
    made: () => made,
    hold() {
      after = undefined;
      if (held) return;
      held = [];
      cap = setTimeout(flush, max);
      cap.unref?.();
    },
    settled(madeAt) {
      if (!held) return;
      // the state's draw is written already (Ink's draw is synchronous in the commit, unless throttled)
      if (made > madeAt) flush();
      else after = madeAt;
    },
    flush,
  };
}

