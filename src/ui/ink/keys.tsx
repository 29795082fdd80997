// Keys for the wizard's screens, taken from the moment a screen is committed (drawn).
//
// Ink's useInput subscribes in a passive effect (useEffect). Ink writes a frame during React's commit
// (resetAfterCommit → onRender); after a commit React's scheduler yields to the event loop
// (requestPaint) and runs the passive effects in its next task, a setImmediate — so a whole turn of
// the loop, its poll phase (stdin's read) included, comes between the frame and the subscription. A
// key read then found the question on screen and no handler: typed or pasted into a text field right
// as its question appeared, it was lost (a loaded CI run typed "sandbox-shop" into the FULL
// confirmation and the field stayed empty).
//
// So the wizard reads keys through one relay: KeyRelay's own useInput is subscribed once, for as long
// as the wizard is mounted (its handler never changes, so Ink never unsubscribes it), and Ink parses
// and batches each key as before; a screen's handlers (useKeys) join the relay in a layout effect,
// which React runs in the same synchronous turn as the commit — no read of stdin can come between the
// frame and the handler. A handler is always the latest render's (a key right after a re-render saw
// the previous render's closure before). Raw mode is the relay's (on while the wizard is up, as the
// wizard's always-on Ctrl-C handler held it before). Keys read while no screen takes them (between
// an answer and the next question, while a step runs) are not queued for the next screen: a key
// typed before a question was drawn must not answer it (Enter at "Create the import job now?").
//
// A key answers only a question whose frame is on the terminal. Ink throttles its output (30 frames a
// second): a commit inside the throttle's window is drawn by a timer up to ~34–68 ms later, while the
// relay took keys for the new screen from the commit on — an Enter pressed twice at "Tags" (key
// repeat, a double tap) answered "Create the import job" before the review was drawn. So a screen
// takes keys only from the first frame that holds it: `render` below (the wizard's Ink render) hands
// Ink an onRender option, which Ink calls each time it makes a frame from the committed tree, right
// before it writes that frame in the same synchronous turn (its output writes are not deferred; only
// the making of a frame is throttled). It counts frames made (`made`); `out` follows a tick later,
// when the turn that writes the frame has ended (a key handled within that turn was read before it).
// useKeys reads `made` as it renders: a frame made after that holds the screen (a commit's own
// frame, when not throttled, is made inside the commit, before the layout effect that joins the
// relay — so the count is taken at render, not at the join; React renders and commits an update in
// one synchronous task, so no frame of the old tree comes between). Its keys are handed on once
// `out` has passed that count; the keys before are dropped, never queued. A key read after the frame
// works at once: no fixed delay. Inside a relay rendered by anything else (ink-testing-library draws
// every commit at once, unthrottled) there is no frame count and a screen takes keys from its commit.
//
// Outside a relay (a component rendered on its own, the status view) useKeys is Ink's useInput.
import React, { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { render as inkRender, useInput, type Instance, type Key, type RenderOptions } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/** Ink's frames: made (onRender: the frame is being written), out (the turn that wrote it is over) */
interface Frames {
  made: number;
  out: number;
}

const FramesContext = createContext<Frames | undefined>(undefined);

/** Ink's render, counting the frames it writes for the key relay inside `node` (see above). */
export function render(node: ReactNode, options: RenderOptions = {}): Instance {
  const frames: Frames = { made: 0, out: 0 };
  const within = (n: ReactNode) => <FramesContext.Provider value={frames}>{n}</FramesContext.Provider>;
  const ink = inkRender(within(node), {
    ...options,
    onRender: (metrics) => {
      const n = ++frames.made;
      process.nextTick(() => void (frames.out = Math.max(frames.out, n)));
      options.onRender?.(metrics);
    },
  });
  return { ...ink, rerender: (n: ReactNode) => ink.rerender(within(n)) };
}

interface Relay {
  /** frames made so far, read as a screen renders (undefined: no count, keys from the commit) */
  made(): number | undefined;
  /** takes keys, once a frame made after `madeAt` is out, until the returned function is called */
  join(handler: { current: KeyHandler }, madeAt: number | undefined): () => void;
}

const RelayContext = createContext<Relay | undefined>(undefined);

export function KeyRelay({ children }: { children: ReactNode }) {
  const frames = useContext(FramesContext);
  const relay = useRef<{ relay: Relay; dispatch: KeyHandler } | undefined>(undefined);
  if (!relay.current) {
    // in the order they joined (a Map keeps it), as Ink's listeners were
    const joined = new Map<{ current: KeyHandler }, number | undefined>();
    relay.current = {
      relay: {
        made: () => frames?.made,
        join: (h, madeAt) => (joined.set(h, madeAt), () => void joined.delete(h)),
      },
      // one key: every handler that had joined when it was read and whose screen is on the terminal
      // (a key's own updates are batched by Ink, so none joins or leaves while it is handed round)
      dispatch: (input, key) => {
        for (const [h, madeAt] of [...joined]) if (madeAt === undefined || frames!.out > madeAt) h.current(input, key);
      },
    };
  }
  useInput(relay.current.dispatch);
  return <RelayContext.Provider value={relay.current.relay}>{children}</RelayContext.Provider>;
}

/** Ink's useInput, taking keys from the first frame that draws the component (inside a KeyRelay). */
export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const relay = useContext(RelayContext);
  const active = options.isActive !== false;
  const latest = useRef(handler);
  // the frames made before this render: the first one after it draws the screen (see above)
  const madeAt = relay?.made();
  // declared before the join: a new render's handler is in place before the layout effect that joins
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!relay || !active) return;
    // madeAt from the render that joins (mounted, or made active): not a dependency of its own
    return relay.join(latest, madeAt);
  }, [relay, active]); // eslint-disable-line react-hooks/exhaustive-deps
  useInput(handler, { isActive: active && !relay });
}
