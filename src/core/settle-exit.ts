// Node's own exit can deadlock: when the last callback has run, the main thread waits in
// NodePlatform::DrainTasks for the background tasks V8 started, and a concurrent optimizing-compile
// task that needs memory waits for the main thread to collect garbage — which it never does from
// there (nodejs/node#54918, open; Node 20 here). The command's output is complete and the process
// never ends: `validate --with` did so in about 1 run in 100 on this 2-core machine under load; gdb
// showed the main thread in DrainTasks and a TurboFan job in CollectionBarrier::AwaitCollectionBackground.
// As a command ends one full collection is made: it releases a job already waiting for one, and
// leaves room for one still compiling to allocate, so nothing is left to wait for the main thread.
// It costs a few milliseconds (a full GC of the command's heap), once, after the output; `--version`
// and `--help` skip it. A worker thread's isolate ends the same way (and its end then blocks the
// process's): a worker collects once after its last message. V8's flags are left as they were
// (--expose-gc is set only while the collector is fetched): a code cache written later carries the
// flags' hash, and one made under other flags would be rejected by the next run.
import { createRequire } from 'node:module';

/** one full collection (the main thread as a command ends, a worker thread after its last message) */
export function settleBeforeExit(): void {
  try {
    const require = createRequire(import.meta.url);
    const v8 = require('node:v8') as typeof import('node:v8');
    const vm = require('node:vm') as typeof import('node:vm');
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    v8.setFlagsFromString('--no-expose-gc');
    if (typeof gc === 'function') (gc as () => void)();
  } catch {
    // a runtime without these: it ends as before
  }
}
