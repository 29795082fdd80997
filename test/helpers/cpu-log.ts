// Opt-in (PI_TEST_CPU_LOG=file): one JSON line per test file with the CPU it cost — the vitest
// worker's own (in-process tests and the sandboxes they start) and its reaped children's (the CLIs
// and tools the file spawned; a tmux pane's program is the tmux server's child, not counted here).
// Finds which files to make cheaper when CI's time grows (docs/DEVELOPING.md, test time). With
// test/helpers/process-cpu-hook.cjs, every Node process the tests start is counted too, by file.
import { afterAll, beforeAll } from 'vitest';
import { appendFileSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const log = process.env.PI_TEST_CPU_LOG;

/** CPU ms of this process's reaped children (/proc/self/stat cutime + cstime, 100 ticks a second) */
function childrenMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return 0;
  }
}

if (log) {
  // from here (the setup file runs before each test file is imported): the file's imports count too
  let file = '';
  const wall = performance.now();
  const self = process.cpuUsage();
  const kids = childrenMs();
  beforeAll(({}, suite) => {
    const s = suite as { filepath?: string; file?: { filepath?: string } };
    file = relative(process.cwd(), s.file?.filepath ?? s.filepath ?? '');
    // the processes this file starts say it (test/helpers/process-cpu-hook.cjs)
    process.env.PI_TEST_FILE = file;
  });
  afterAll(() => {
    delete process.env.PI_TEST_FILE;
    const d = process.cpuUsage(self);
    appendFileSync(log, JSON.stringify({ file, pid: process.pid, wallMs: Math.round(performance.now() - wall), selfMs: Math.round((d.user + d.system) / 1000), childrenMs: childrenMs() - kids }) + '\n');
  });
}
