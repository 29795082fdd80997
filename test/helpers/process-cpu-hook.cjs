// Opt-in, with PI_TEST_CPU_LOG (test/helpers/cpu-log.ts): `NODE_OPTIONS="--require
// ./test/helpers/process-cpu-hook.cjs" PI_TEST_PROC_LOG=/tmp/procs.jsonl` writes one JSON line per
// Node process the tests start, as it exits — the CLIs, the sandboxes, and the wizards in tmux panes
// (which PI_TEST_CPU_LOG cannot count: a pane's program is the tmux server's child) — with its whole
// CPU (every thread), its arguments and the test file that started it (PI_TEST_FILE, which
// cpu-log.ts sets for each file). A process killed by a signal writes nothing. docs/DEVELOPING.md,
// test time, says how to read it.
const { appendFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const log = process.env.PI_TEST_PROC_LOG;
if (log && isMainThread) {
  const started = Date.now();
  process.on('exit', (code) => {
    const c = process.cpuUsage();
    try {
      appendFileSync(log, JSON.stringify({
        pid: process.pid, file: process.env.PI_TEST_FILE || '', argv: process.argv.slice(1).join(' ').slice(0, 200),
        cpuMs: Math.round((c.user + c.system) / 1000), wallMs: Date.now() - started, code,
      }) + '\n');
    } catch {
      // (a test's process must not fail for its log)
    }
  });
}
