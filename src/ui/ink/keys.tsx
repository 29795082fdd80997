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
// Outside a relay (a component rendered on its own, the status view) useKeys is Ink's useInput.
import React, { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

interface Relay {
  /** takes keys until the returned function is called */
  join(handler: { current: KeyHandler }): () => void;
}

const RelayContext = createContext<Relay | undefined>(undefined);

export function KeyRelay({ children }: { children: ReactNode }) {
  const relay = useRef<{ relay: Relay; dispatch: KeyHandler } | undefined>(undefined);
  if (!relay.current) {
    // in the order they joined (a Set keeps it), as Ink's listeners were
    const joined = new Set<{ current: KeyHandler }>();
    relay.current = {
      relay: { join: (h) => (joined.add(h), () => void joined.delete(h)) },
      // one key: every handler that had joined when it was read (a key's own updates are batched by
      // Ink, so none joins or leaves while it is handed round)
      dispatch: (input, key) => {
        for (const h of [...joined]) h.current(input, key);
      },
    };
  }
  useInput(relay.current.dispatch);
  return <RelayContext.Provider value={relay.current.relay}>{children}</RelayContext.Provider>;
}

/** Ink's useInput, taking keys from the commit that draws the component (inside a KeyRelay). */
export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const relay = useContext(RelayContext);
  const active = options.isActive !== false;
  const latest = useRef(handler);
  // declared before the join: a new render's handler is in place before the layout effect that joins
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => {
    if (!relay || !active) return;
    return relay.join(latest);
  }, [relay, active]);
  useInput(handler, { isActive: active && !relay });
}
