// What scripts/bench.mjs and scripts/bench-fix.mjs share: the floor every ratio is taken against
// (plain 1 MiB reads of the file, counting newlines: what reading it costs at all), the bench
// files' random numbers (mulberry32, so the files are the same on every machine), the interactions
// schema both use, and the median.
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';

/** reads `path` in 1 MiB blocks counting newlines; its time (wall and CPU), line count and peak RSS */
export function measureFloor(path) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    let i = -1;
    const view = n === buf.length ? buf : buf.subarray(0, n);
    while ((i = view.indexOf(10, i + 1)) !== -1) lines++;
  }
  closeSync(fd);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, lines, maxRssKb: peakRssKb() };
}

/** deterministic numbers in [0, 1) (mulberry32) */
export function random(seed = 0x5eed1234) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** the bench files' schema: USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE (nullable float) */
export function writeInteractionsSchema(path) {
  writeFileSync(path, JSON.stringify({
    type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
    fields: [
      { name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' }, { name: 'EVENT_VALUE', type: ['null', 'float'] },
    ],
  }));
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

/**
 * this process's peak RSS, worker threads included: VmHWM, the peak of its own memory. Not
 * resourceUsage().maxRSS: Linux carries the parent's peak over into a child across fork and exec,
 * so every child of a bench (whose parent has loaded esbuild, ~146 MB) reported at least that.
 */
export function peakRssKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
