// node scripts/bench-infer.mjs — schema inference reads only its sample (the first 64 MiB), so a
// 1 GB file costs what a 64 MiB one does. Measured in the same run, in child processes that report
// their own time and peak RSS:
//   small: inference of bench-data/infer-64m.csv (just over 64 MiB: the whole sample)
//   big:   inference of bench-data/infer-1g.csv  (1 GiB, the same rows repeated)
//   read:  a plain read of the whole 1 GiB file (1 MiB reads) — what reading it all would cost
// Prints each time and RSS and the ratios big/small (target ≈ 1) and bytes read (target 1).
// BENCH_INFER_MB=n changes the big file's size.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { peakRssKb } from './bench-floor.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = `${ROOT}bench-data`;
const BIG_MB = Number(process.env.BENCH_INFER_MB ?? 1024);
const SMALL = `${DIR}/infer-64m.csv`;
const BIG = `${DIR}/infer-${BIG_MB === 1024 ? '1g' : `${BIG_MB}m`}.csv`;
const BUNDLE = `${DIR}/infer/infer.mjs`;

const [, , role, arg] = process.argv;
if (role === '--infer') await infer(arg);
else if (role === '--read') read(arg);
else await main();

function make(file, bytes) {
  if (existsSync(file) && statSync(file).size >= bytes) return;
  const fd = openSync(file, 'w');
  const header = 'user_id,product_id,ts,event,price,tags,description\n';
  writeSync(fd, header);
  let written = header.length;
  let i = 0;
  const tags = ['red|shoe', 'blue|hat', 'green|bag', 'black|shoe|sale'];
  while (written < bytes) {
    let chunk = '';
    for (let k = 0; k < 20_000; k++, i++) {
      chunk += `u${i % 200_000},p${(i * 7) % 40_000},${1767225600 + (i % 9_000_000)},${i % 10 ? 'view' : 'buy'},${(i % 5000) / 100},${tags[i % 4]},"A product of the catalogue, number ${i % 40_000}, with a long description"\n`;
    }
    writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  closeSync(fd);
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  make(SMALL, 64 * 1024 * 1024 + 1024);
  make(BIG, BIG_MB * 1024 * 1024);
  const { build } = await import('esbuild');
  rmSync(`${DIR}/infer`, { recursive: true, force: true });
  await build({ entryPoints: { infer: `${ROOT}src/schema/index.ts` }, outdir: `${DIR}/infer`, outExtension: { '.js': '.mjs' }, bundle: true, format: 'esm', platform: 'node', target: 'node20.17', logLevel: 'warning' });
  const child = (args) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  child(['--read', BIG]); // warm the page cache
  // interleaved rounds (BENCH_RUNS, default 3), best and median of each: the machine is shared
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const smalls = [];
  const bigs = [];
  const reads = [];
  for (let r = 0; r < runs; r++) {
    smalls.push(child(['--infer', SMALL]));
    bigs.push(child(['--infer', BIG]));
    reads.push(child(['--read', BIG]));
  }
  const best = (xs) => Math.min(...xs.map((x) => x.ms));
  const median = (xs) => [...xs.map((x) => x.ms)].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const small = smalls[0];
  const big = bigs[0];
  const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const rss = (xs) => Math.max(...xs.map((x) => x.rss));
  console.log(`small file (${mb(statSync(SMALL).size)}): inference best ${best(smalls)} ms, median ${median(smalls)} ms; read ${mb(small.bytes)}, ${small.rows} rows; peak RSS ${mb(rss(smalls))}`);
  console.log(`big file   (${mb(statSync(BIG).size)}): inference best ${best(bigs)} ms, median ${median(bigs)} ms; read ${mb(big.bytes)}, ${big.rows} rows (sample truncated: ${big.truncated}); peak RSS ${mb(rss(bigs))}`);
  console.log(`reading all of the big file (1 MiB reads, counting lines): best ${best(reads)} ms, median ${median(reads)} ms`);
  console.log(`ratios (best): big/small inference ${(best(bigs) / best(smalls)).toFixed(2)} (≈ 1: only the sample is read) · big inference / reading it all ${(best(bigs) / best(reads)).toFixed(2)} · peak RSS big/small ${(rss(bigs) / rss(smalls)).toFixed(2)} · bytes read big/small ${(big.bytes / small.bytes).toFixed(2)}`);
}

async function infer(file) {
  const { inferSchema } = await import(BUNDLE);
  const { createReadStream } = await import('node:fs');
  const t0 = performance.now();
  const r = await inferSchema(createReadStream(file, { highWaterMark: 1 << 20 }));
  const ms = Math.round(performance.now() - t0);
  process.stdout.write(JSON.stringify({ ms, bytes: r.sample.bytes, rows: r.sample.rows, truncated: r.sample.truncated, rss: peakRssKb() * 1024 }));
}

function read(file) {
  const t0 = performance.now();
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let n = 0;
  for (;;) {
    const got = readSync(fd, buf, 0, buf.length, null);
    if (!got) break;
    for (let i = 0; i < got; i++) if (buf[i] === 10) n++;
  }
  closeSync(fd);
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - t0), lines: n }));
}
