// node scripts/bench-scan.mjs [file] [--shuffled] — where the fast lane's time goes, without the engine
// around it: the WebAssembly scan (src/validate/wasm/fastlane.ts, compiled as the build does) run
// alone on one thread over a bench file (default bench-data/interactions.csv, made by `npm run bench`;
// BENCH_ROWS=22000000 makes the 1 GB one), 1 MiB reads into its memory as a worker does, once per
// ablation, each taking more of the work:
//   read      the 1 MiB reads only
//   columns   + finding separators and values (every column "skip", nothing checked or counted)
//   values    + checking values (IDs, timestamp, event type, float), the line fingerprint and its sorted
//             run (or, --shuffled, the big duplicate-line set)
//   tables    + the users and items tables (fingerprints, buffered updates, applying them)
// Prints CPU ns a row for each and what each step adds (--runs=n: the fastest of n runs; --steps=a,b: only those). Run it alone: /work/wt/quiet node scripts/bench-scan.mjs
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileFastlane, MAX_PAGES } from './wasm.mjs';

const args = process.argv.slice(2);
const shuffled = args.includes('--shuffled');
const file = args.find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('../bench-data/interactions.csv', import.meta.url));
const mod = new WebAssembly.Module(await compileFastlane());
// the bench file's columns: USER_ID, ITEM_ID (ids), TIMESTAMP, EVENT_TYPE (categorical), EVENT_VALUE (nullable float)
const KINDS = [2, 2, 7, 3, 8];
const NULLABLE = [0, 0, 0, 0, 1];
const EVENTS = ['click', 'view', 'purchase', 'add_to_cart', 'like'];

function run(step) {
  const mem = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const ex = new WebAssembly.Instance(mod, { env: { memory: mem } }).exports;
  ex.init();
  const skip = step === 'columns';
  let u8 = new Uint8Array(mem.buffer);
  u8.set(skip ? [0, 0, 0, 0, 0] : KINDS, ex.kindsPtr());
  u8.set(skip ? [1, 1, 1, 1, 1] : NULLABLE, ex.nullablePtr());
  const tables = step === 'tables';
  ex.configure(5, tables ? 0 : -1, tables ? 1 : -1, skip ? -1 : 3, skip ? -1 : 2, skip ? 0 : 1, -1, Date.now() / 1000 + 86400);
  const i32 = new Int32Array(mem.buffer);
  EVENTS.forEach((e, k) => {
    u8.set(Buffer.from(e), ex.etBytesPtr() + k * 256);
    i32[(ex.etLenPtr() >> 2) + k] = e.length;
  });
  ex.setEventTypes(EVENTS.length);
  if (!ex.tableInit(0, 1 << 10, 1 << 24) || !ex.tableInit(1, 1 << 10, 1 << 24)) throw new Error('out of memory');
  if (!(shuffled ? ex.lineSetInit(1 << 24, 2048) : ex.sortedInit())) throw new Error('out of memory');
  const BLOCK = 1 << 20;
  const at = ex.reserve(BLOCK + (1 << 16));
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(4096);
  readSync(fd, head, 0, head.length, 0);
  let pos = head.indexOf(10) + 1;
  let carry = 0;
  let rows = 0;
  let slow = 0;
  let line = 2;
  let seq = 0;
  const c0 = process.cpuUsage();
  while (pos < size) {
    const n = readSync(fd, new Uint8Array(mem.buffer), at + carry, Math.min(BLOCK, size - pos), pos);
    pos += n;
    const len = carry + n;
    const view = new Uint8Array(mem.buffer, at, len);
    let p = 0;
    if (step === 'read') p = view.lastIndexOf(10) + 1;
    else for (;;) {
      const k = ex.bigSet() ? ex.scanBig(p, len, line, seq++) : ex.scan(p, len, line, seq++);
      rows += k;
      line += k;
      p = ex.stop();
      if (ex.repeatCount() > 0) ex.clearRepeats();
      if (k === ex.OUT_LINES.value) continue;
      // a line the scan leaves to the engine (none in the bench file but at block ends): skipped here
      const nl = view.indexOf(10, p);
      if (nl < 0) break;
      slow++;
      line++;
      p = nl + 1;
    }
    new Uint8Array(mem.buffer).copyWithin(at, at + p, at + len);
    carry = len - p;
  }
  closeSync(fd);
  const cpu = process.cpuUsage(c0);
  return { ms: (cpu.user + cpu.system) / 1000, rows: step === 'read' ? line : rows, slow };
}

// --steps=values,tables: only those (what each adds is then to the step before it in the list)
const stepsArg = args.find((a) => a.startsWith('--steps='));
const steps = stepsArg ? stepsArg.slice(8).split(',') : ['read', 'columns', 'values', 'tables'];
const lines = Number(run('columns').rows); // warm the file and the compiler
let last = 0;
process.stdout.write(`${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB, ${lines.toLocaleString('en-US')} rows, ${shuffled ? 'big line set (--shuffled)' : 'sorted mode'}\n`);
// --runs=n: each step n times, the fastest counted (the machine is shared: a run can be far off)
const runsArg = args.find((a) => a.startsWith('--runs='));
const runs = runsArg ? Math.max(1, Number(runsArg.slice(7))) : 1;
for (const step of steps) {
  let r = run(step);
  for (let k = 1; k < runs; k++) {
    const again = run(step);
    if (again.ms < r.ms) r = again;
  }
  const ns = (r.ms * 1e6) / lines;
  process.stdout.write(`${step.padEnd(9)} ${ns.toFixed(1).padStart(6)} ns a row  (+${(ns - last).toFixed(1)})${step !== 'read' ? `   ${r.slow} lines left to the engine` : ''}\n`);
  last = ns;
}
process.stdout.write(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
