// node scripts/bench-s3.mjs [MB=200] [runs=3] — `validate s3://…` against validating the same file
// locally and against `aws s3 cp` of the object to /dev/null, in the same run (issue 17: S3 ≥ 0.8×
// local, and at least as fast as aws s3 cp). Needs `npm run build`; the AWS CLI is optional.
// 1. Generates bench-data/s3-<MB>mb.csv (time-ordered interactions, 2 % quoted item IDs with commas)
//    and its schema, unless there.
// 2. Starts the built sandbox, uploads the file into its bucket.
// 3. Interleaved, `runs` times: the CLI on the local file, the CLI on s3://…, a bare SDK GET of the
//    object checking nothing (scripts/s3-bare-get.mjs: the floor, so the most S3 / local can be), with the
//    SDK's own handler and with the CLI's handler for ranged GETs (src/aws/ranged-get.ts), aws s3 cp; each a
//    child process timed from spawn to exit. Prints medians, ratios, that both reports agree,
//    each side's CPU seconds (the child's, the sandbox's) and the load average (the machine is
//    shared: figures are noisy).
// BENCH_S3_COMPARE=/path/to/other/dist/cli.js: that build's `validate s3://…` is timed too, in the same
// interleaved rounds (right after this build's), and its median printed beside (old vs new, same window).
// A fair race: both S3 sides fetch the same object from the same sandbox server (one process, on the
// same 2 cores as the client), over loopback HTTP, each with its own defaults untouched —
// `aws s3 cp` with no config file and no flags but --only-show-errors: the AWS CLI's 8 MB ranged
// GETs, up to 10 in flight, written in order to /dev/null; `validate` with 32 MiB ranged GETs, 2 in
// flight for each worker thread's part, over the CLI's own sockets (src/aws/ranged-get.ts) that read
// straight into that thread's shared 4 MiB ring (remote-ring.ts) where it has room, and checked. The sandbox serves every GET the same way, whoever asks.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { S3Client } = await import('@aws-sdk/client-s3');
const { Upload } = await import('@aws-sdk/lib-storage');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${ROOT}dist/cli.js`;
const MB = Number(process.argv[2] ?? 200);
const RUNS = Number(process.argv[3] ?? 3);
const DIR = `${ROOT}bench-data`;
const CSV = `${DIR}/s3-${MB}mb.csv`;
const SCHEMA = `${DIR}/s3-schema.json`;

mkdirSync(DIR, { recursive: true });
if (!existsSync(CSV) || statSync(CSV).size < MB * 1e6) {
  process.stdout.write(`generating ${CSV} …\n`);
  const fd = openSync(CSV, 'w');
  writeSync(fd, 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n');
  let bytes = 0;
  for (let i = 0; bytes < MB * 1e6; ) {
    let chunk = '';
    for (let k = 0; k < 20000; k++, i++) {
      const item = i % 50 === 0 ? `"item,${i % 40000}"` : `item${i % 40000}`;
      chunk += `user${(i * 7919) % 200000},${item},${1700000000 + Math.floor(i / 10)},click,${(i % 5) + 1}\n`;
    }
    bytes += writeSync(fd, chunk);
  }
  closeSync(fd);
}
writeFileSync(SCHEMA, JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'EVENT_TYPE', type: 'string' }, { name: 'EVENT_VALUE', type: ['null', 'float'] }],
}));
const size = statSync(CSV).size;

const sb = spawn(process.execPath, [CLI, 'sandbox', '--job-seconds', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const env = await new Promise((resolve, reject) => {
  const out = {};
  createInterface({ input: sb.stdout }).on('line', (line) => {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
    else resolve(out);
  });
  sb.on('exit', (c) => reject(new Error(`sandbox exited (${c})`)));
});
sb.stdout.resume();
const s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }, forcePathStyle: true });
await new Upload({ client: s3, params: { Bucket: env.PERSONALIZE_SANDBOX_BUCKET, Key: 'bench/s3.csv', Body: createReadStream(CSV) }, partSize: 16 * 1024 * 1024, queueSize: 4 }).done();
s3.destroy();
const url = `s3://${env.PERSONALIZE_SANDBOX_BUCKET}/bench/s3.csv`;
const childEnv = { ...process.env, ...env };

// CPU seconds (user + system) from /proc: this process's reaped children (cutime + cstime: the timed
// child, worker threads included), and the sandbox's own (utime + stime: what serving the GETs cost)
const TICK = 100;
const statFields = (file) => readFileSync(file, 'utf8').replace(/^.*\) /s, '').split(' ').map(Number);
const childrenCpu = () => { const f = statFields('/proc/self/stat'); return (f[13] + f[14]) / TICK; };
const sandboxCpu = () => { const f = statFields(`/proc/${sb.pid}/stat`); return (f[11] + f[12]) / TICK; };
function timed(cmd, args) {
  const c0 = childrenCpu(), s0 = sandboxCpu();
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error) throw r.error;
  return { ms, cpu: childrenCpu() - c0, server: sandboxCpu() - s0, stdout: r.stdout, status: r.status, stderr: r.stderr };
}
const haveAws = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
// the same report from both (timings and the input's name aside)
const strip = (j) => {
  const d = JSON.parse(j);
  delete d.input;
  delete d.sources;
  if (d.stats) delete d.stats.elapsedMs;
  return JSON.stringify(d);
};
const COMPARE = process.env.BENCH_S3_COMPARE;
const local = [], remote = [], cp = [], bare = [], bareMine = [], other = [];
let reports = [];
for (let i = 0; i < RUNS; i++) {
  const a = timed(process.execPath, [CLI, 'validate', CSV, '--schema', SCHEMA, '--json']);
  // (the compared build goes first in every other round: neither always runs after the other)
  const o = COMPARE && i % 2 === 1 ? timed(process.execPath, [COMPARE, 'validate', url, '--schema', SCHEMA, '--json']) : undefined;
  const b = timed(process.execPath, [CLI, 'validate', url, '--schema', SCHEMA, '--json']);
  if (b.status !== 0 && b.status !== 1) throw new Error(`validate s3 failed (${b.status}): ${b.stderr}`);
  local.push(a);
  remote.push(b);
  reports = [a.stdout, b.stdout];
  if (COMPARE) {
    const o2 = o ?? timed(process.execPath, [COMPARE, 'validate', url, '--schema', SCHEMA, '--json']);
    if (o2.status !== 0 && o2.status !== 1) throw new Error(`validate s3 (${COMPARE}) failed (${o2.status}): ${o2.stderr}`);
    if (strip(o2.stdout) !== strip(b.stdout)) throw new Error(`validate s3: ${COMPARE}'s report differs from this build's`);
    other.push(o2);
  }
  // the floor: the same SDK client and ranges, nothing checked (scripts/s3-bare-get.mjs)
  const f = timed(process.execPath, [`${ROOT}scripts/s3-bare-get.mjs`, url]);
  if (f.status !== 0) throw new Error(`bare GET failed: ${f.stderr}`);
  bare.push(f);
  const g = timed(process.execPath, [`${ROOT}scripts/s3-bare-get.mjs`, url, '--handler']);
  if (g.status !== 0) throw new Error(`bare GET (--handler) failed: ${g.stderr}`);
  bareMine.push(g);
  if (haveAws) {
    const c = timed('aws', ['s3', 'cp', url, '/dev/null', '--only-show-errors']);
    if (c.status !== 0) throw new Error(`aws s3 cp failed: ${c.stderr}`);
    cp.push(c);
  }
}
sb.kill('SIGTERM');
await new Promise((r) => sb.on('exit', r));

// the median run by wall time (its CPU figures with it)
const median = (xs) => [...xs].sort((x, y) => x.ms - y.ms)[Math.floor(xs.length / 2)];
const mbs = (ms) => (size / 1e6 / (ms / 1000)).toFixed(0);
const cpu = (r) => `CPU ${r.cpu.toFixed(2)} s client + ${r.server.toFixed(2)} s sandbox`;
const same = strip(reports[0]) === strip(reports[1]);
if (!same && process.env.BENCH_DIFF) { writeFileSync('/tmp/bench-s3-local.json', reports[0]); writeFileSync('/tmp/bench-s3-remote.json', reports[1]); }
console.log(`file ${(size / 1e6).toFixed(0)} MB, ${RUNS} runs each (medians; spawn to exit)`);
const [L, R] = [median(local), median(remote)];
console.log(`validate local file:        ${L.ms.toFixed(0)} ms (${mbs(L.ms)} MB/s)   ${cpu(L)}`);
console.log(`validate s3:// (sandbox):   ${R.ms.toFixed(0)} ms (${mbs(R.ms)} MB/s)   ${cpu(R)}   S3 / local speed: ${(L.ms / R.ms).toFixed(2)}×   (target ≥ 0.8×)`);
if (COMPARE) {
  const O = median(other);
  console.log(`validate s3:// with ${COMPARE}: ${O.ms.toFixed(0)} ms (${mbs(O.ms)} MB/s)   ${cpu(O)}   S3 / local speed: ${(L.ms / O.ms).toFixed(2)}×   this build / that: ${(O.ms / R.ms).toFixed(2)}× the speed`);
}
const F = median(bare);
console.log(`bare SDK GET, no checking: ${F.ms.toFixed(0)} ms (${mbs(F.ms)} MB/s)   ${cpu(F)}   its speed / local: ${(L.ms / F.ms).toFixed(2)}× (the SDK's own handler)`);
const G = median(bareMine);
console.log(`bare GET, CLI's handler:   ${G.ms.toFixed(0)} ms (${mbs(G.ms)} MB/s)   ${cpu(G)}   its speed / local: ${(L.ms / G.ms).toFixed(2)}× (ranged-get.ts: the floor validate s3 has)`);
if (haveAws) {
  const C = median(cp);
  console.log(`aws s3 cp to /dev/null:     ${C.ms.toFixed(0)} ms (${mbs(C.ms)} MB/s)   ${cpu(C)}   validate s3 / aws s3 cp speed: ${(C.ms / R.ms).toFixed(2)}×   (target ≥ 1×)`);
} else console.log('aws s3 cp: the AWS CLI is not installed, not measured');
console.log(`all runs (ms) local ${local.map((r) => r.ms.toFixed(0)).join(' ')} · s3 ${remote.map((r) => r.ms.toFixed(0)).join(' ')} · bare GET ${bare.map((r) => r.ms.toFixed(0)).join(' ')} · bare GET (CLI's handler) ${bareMine.map((r) => r.ms.toFixed(0)).join(' ')}${haveAws ? ` · aws ${cp.map((r) => r.ms.toFixed(0)).join(' ')}` : ''}${COMPARE ? ` · s3 (compared build) ${other.map((r) => r.ms.toFixed(0)).join(' ')}` : ''}`);
console.log(`reports identical (local vs s3): ${same ? 'yes' : 'NO'}`);
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (shared machine: figures are noisy)`);
