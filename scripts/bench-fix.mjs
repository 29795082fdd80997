// The fixer's benchmark (npm run bench runs it after the validator's; or: node scripts/bench-fix.mjs).
// Each measurement BENCH_RUNS times (default 3), interleaved with the floor; best and median printed.
//
// 1. Generates bench-data/interactions-messy.csv deterministically (10.5 M rows like the validator's
//    bench file, 2 % quoted item IDs with commas) where every row needs a change: a lower-case
//    header and TIMESTAMP as ISO 8601 (BENCH_FIX_TS=ms: 13-digit millisecond epochs instead;
//    BENCH_FIX_SEP=semicolon: separated by ; as a European Excel writes it, every value rewritten).
// 2. Bundles src/fix (with the validation engine and its fast lane) with esbuild: the built code.
// 3. In child processes: the floor (1 MiB reads counting newlines) and fixFile on the file, as the
//    CLI runs it — read, rewrite, write the copy and validate it: each half on a worker thread, its
//    output validated as it is written (the engine's part checkers, merged as for a file checked in
//    two parts), the second half's file appended to the first's as it is written (by the first
//    half's thread once its half is done) — each reporting its time and peak RSS.
// Prints MB/s of the fix (input bytes / wall time), its ratio to the floor (target ≥ 0.15) and peak
// RSS (target ≤ 200 MB), and the load average.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureFloor, median, peakRssKb, random, writeInteractionsSchema } from './bench-floor.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = `${ROOT}bench-data`;
const MS = process.env.BENCH_FIX_TS === 'ms';
const SEMI = process.env.BENCH_FIX_SEP === 'semicolon';
const SEP = SEMI ? ';' : ',';
const CSV = `${DIR}/interactions-messy${MS ? '-ms' : ''}${SEMI ? '-semicolon' : ''}.csv`;
const OUT = `${DIR}/interactions-messy.fixed.csv`;
const SCHEMA = `${DIR}/interactions-schema.json`;
const BUNDLE = `${DIR}/fix/fix.mjs`;
const ROWS = 10_500_000;
const USERS = 200_000;
const ITEMS = 40_000;

const [, , role] = process.argv;
if (role === '--floor') floor();
else if (role === '--fix') await fix();
// only the file (on a shared machine: generated outside the quiet lock, then measured under it)
else if (role === '--generate') ensureFile();
else await main();

function ensureFile() {
  mkdirSync(DIR, { recursive: true });
  const params = JSON.stringify({ ROWS, USERS, ITEMS, MS, ...(SEMI ? { SEP } : {}), v: 1 });
  const marker = `${CSV}.params`;
  const have = existsSync(marker) && existsSync(CSV) ? readFileSync(marker, 'utf8') : '';
  if (have !== `${params} ${existsSync(CSV) ? statSync(CSV).size : -1}`) {
    const t0 = Date.now();
    process.stdout.write(`generating ${CSV} …\n`);
    generate();
    writeFileSync(marker, `${params} ${statSync(CSV).size}`);
    process.stdout.write(`  ${(statSync(CSV).size / 1e6).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}

async function main() {
  ensureFile();
  writeInteractionsSchema(SCHEMA);
  const { build } = await import('esbuild');
  rmSync(`${DIR}/fix`, { recursive: true, force: true });
  await build({
    // the engine in a chunk of its own (as in dist/): its worker threads load that chunk
    entryPoints: { fix: `${ROOT}src/fix/index.ts`, schema: `${ROOT}src/validate/schema.ts`, 'engine-core': `${ROOT}src/validate/engine.ts` }, outdir: `${DIR}/fix`, outExtension: { '.js': '.mjs' }, splitting: true, chunkNames: '[name]-[hash]',
    bundle: true, format: 'esm', platform: 'node', target: 'node20.17', logLevel: 'warning', external: ['avsc'], define: await (await import('./wasm.mjs')).fastlaneDefine(),
  });
  const size = statSync(CSV).size;
  const child = (args) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`bench-fix child ${args.join(' ')} failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  child(['--floor']); // warm the page cache
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const floors = [child(['--floor'])];
  const fixes = [];
  for (let r = 0; r < runs; r++) {
    fixes.push(child(['--fix']));
    floors.push(child(['--floor']));
  }
  rmSync(OUT, { force: true });
  const floorMBs = size / 1e6 / (Math.min(...floors.map((f) => f.ms)) / 1000);
  const mbs = fixes.map((f) => size / 1e6 / (f.ms / 1000));
  const best = Math.max(...mbs);
  const f = fixes[0];
  const os = await import('node:os');
  process.stdout.write([
    `fix: file               ${(size / 1e6).toFixed(0)} MB, ${f.rows.toLocaleString('en-US')} rows, every row changed (lower-case header, TIMESTAMP as ${MS ? 'ms epochs' : 'ISO 8601'}${SEMI ? ', separated by ;' : ''})`,
    `fix: floor              ${floorMBs.toFixed(0).padStart(5)} MB/s   (plain 1 MiB reads counting newlines, best of ${floors.length})`,
    `fix: read+rewrite+write+validate ${best.toFixed(0).padStart(5)} MB/s   ratio ${(best / floorMBs).toFixed(3)}   peak RSS ${(Math.max(...fixes.map((x) => x.maxRssKb)) / 1024).toFixed(0)} MB   (${(size / 1e6 / best).toFixed(2)} s; first run: fixed and validated ${(f.fixMs / 1000).toFixed(2)} s + halves joined ${(f.validateMs / 1000).toFixed(2)} s)${fixes.length > 1 ? `   median ${median(mbs).toFixed(0)} MB/s (ratio ${(median(mbs) / floorMBs).toFixed(3)}) of ${fixes.length}` : ''}`,
    // on a shared machine wall time depends on what else runs; CPU time (all threads, user + system) much less
    `fix: CPU time           floor ${(size / 1e6 / (Math.min(...floors.map((x) => x.cpuMs)) / 1000)).toFixed(0)} MB per CPU-second, fix ${(size / 1e6 / (Math.min(...fixes.map((x) => x.cpuMs)) / 1000)).toFixed(0)}: ratio ${(Math.min(...floors.map((x) => x.cpuMs)) / Math.min(...fixes.map((x) => x.cpuMs))).toFixed(3)} (work per byte, whatever the load)`,
    `fix: targets            ratio ≥ 0.15, peak RSS ≤ 200 MB`,
    `fix: result             fixed=${f.fixed} written=${f.written} changes=${f.changes}`,
    `fix: load average       ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`,
    '',
  ].join('\n'));
}

/** deterministic (mulberry32), like scripts/bench.mjs's file but with every row needing a fix */
function generate() {
  const rnd = random();
  const EVENTS = ['click', 'view', 'purchase', 'add_to_cart', 'like'];
  const fd = openSync(CSV, 'w');
  let out = `${['user_id', 'item_id', 'timestamp', 'event_type', 'event_value'].join(SEP)}\n`;
  const flush = () => {
    writeSync(fd, Buffer.from(out, 'latin1'));
    out = '';
  };
  let ts = 1_600_000_000;
  for (let i = 0; i < ROWS; i++) {
    const u = Math.floor(rnd() * USERS);
    const it = Math.floor(rnd() * ITEMS);
    const q = rnd() < 0.02;
    const ev = EVENTS[Math.floor(rnd() * EVENTS.length)];
    ts += Math.floor(rnd() * 3);
    const item = q ? `"item-${it},size-${it % 7}"` : `item-${it}`;
    const t = MS ? `${ts}${String(i % 1000).padStart(3, '0')}` : new Date(ts * 1000).toISOString().replace('.000Z', 'Z');
    out += `${[`user-${u.toString().padStart(6, '0')}`, item, t, ev, (rnd() * 5).toFixed(1)].join(SEP)}\n`;
    if (out.length > 1 << 22) flush();
  }
  flush();
  closeSync(fd);
}

function floor() {
  process.stdout.write(JSON.stringify(measureFloor(CSV)));
}

async function fix() {
  const { fixFile } = await import(BUNDLE);
  const { parseSchema } = await import(`${DIR}/fix/schema.mjs`);
  const schema = parseSchema(readFileSync(SCHEMA, 'utf8'), SCHEMA);
  rmSync(OUT, { force: true });
  const size = statSync(CSV).size;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let fixEnd = 0n;
  const r = await fixFile({ name: CSV, path: CSV, size, open: () => createReadStream(CSV, { highWaterMark: 1 << 20 }) }, schema, { output: OUT, workers: 2, onFixed: () => (fixEnd = process.hrtime.bigint()) });
  const t1 = process.hrtime.bigint();
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({
    cpuMs: (cpu.user + cpu.system) / 1000,
    ms: Number(t1 - t0) / 1e6, fixMs: Number((fixEnd || t1) - t0) / 1e6, validateMs: Number(t1 - (fixEnd || t1)) / 1e6,
    rows: r.summary.rows, written: r.summary.written, fixed: r.fixed, changes: r.summary.changes.map((c) => `${c.kind}:${c.values || c.rows}`).join(' '), maxRssKb: peakRssKb(),
  }));
}
