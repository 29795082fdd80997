// SIGHUP / SIGTERM listeners that stop gracefully (abort an upload, a validation, close the sandbox's
// servers) and then exit themselves are marked, so the embedded sandbox's last-resort listener
// (src/sandbox/index.ts) can tell them from one that only restores the terminal (Ink's signal-exit)
// and leave the exit to them. Core module.
const GRACEFUL = Symbol.for('personalize-import.graceful-signal-listener');

/** marks `fn` as a listener that stops the process itself */
export function graceful<T extends (...args: never[]) => unknown>(fn: T): T {
  (fn as unknown as Record<symbol, boolean>)[GRACEFUL] = true;
  return fn;
}

/** some listener of `sig` stops the process itself */
export function gracefulListening(sig: NodeJS.Signals): boolean {
  return process.listeners(sig).some((l) => (l as unknown as Record<symbol, boolean>)[GRACEFUL] === true);
}
