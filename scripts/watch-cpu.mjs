// node scripts/watch-cpu.mjs [jobSeconds=120] — CPU used by the live status view while it watches a
// sandbox import job, against the line output (`status … | cat`) watching the same job, both in a
// real terminal (tmux), in the same run. Needs `npm run build`, tmux and Linux (/proc).
// CPU is the process's user+system time over the watch (from its first frame to the job's end)
// divided by the wall time of that window, and the same from 10 s after the first frame (steady
// state: start-up's last loading and JIT warm-up left out). LIVE_NODE_ARGS: node flags for the live
// view (e.g. --cpu-prof). WATCH_CPU_COMPARE=/path/to/other/dist/cli.js: that build's live view
// watches the same job too, in the same run (a change measured against the build before it).
// Target (issue 17): live view < 1 %.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { CreateDatasetImportJobCommand, PersonalizeClient } = await import('@aws-sdk/client-personalize');
const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');
const jobSeconds = Number(process.argv[2] ?? 120);
const work = mkdtempSync(join(tmpdir(), 'pi-watch-cpu-'));
const socket = `pi-watch-cpu-${process.pid}`;
const tmux = (...a) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
const TICK = 100; // clock ticks a second (getconf CLK_TCK on Linux)

const sb = spawn(process.execPath, [CLI, 'sandbox', '--job-seconds', String(jobSeconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
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
const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
const personalize = new PersonalizeClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials });
const s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, credentials, forcePathStyle: true });
await s3.send(new PutObjectCommand({ Bucket: env.PERSONALIZE_SANDBOX_BUCKET, Key: 'i.csv', Body: readFileSync(join(ROOT, 'samples', 'interactions.csv')) }));
const account = /::(\d+):/.exec(env.PERSONALIZE_SANDBOX_ROLE_ARN)[1];
const { datasetImportJobArn: arn } = await personalize.send(new CreateDatasetImportJobCommand({
  jobName: 'watch-cpu', roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN,
  datasetArn: `arn:aws:personalize:${env.AWS_REGION}:${account}:dataset/sandbox-shop/INTERACTIONS`,
  dataSource: { dataLocation: `s3://${env.PERSONALIZE_SANDBOX_BUCKET}/i.csv` },
}));
personalize.destroy();
s3.destroy();

const exports = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
// each window runs `exec node …` from a shell that first writes its pid (so the pid is node's)
const views = {
  live: { cmd: `sh -c 'echo $$ > ${work}/live.pid; exec env ${exports} ${process.execPath} ${process.env.LIVE_NODE_ARGS ?? ''} ${CLI} status ${arn}'`, marker: 'Elapsed' },
  lines: { cmd: `sh -c 'echo $$ > ${work}/lines.pid; exec env ${exports} ${process.execPath} ${CLI} status ${arn}' | cat`, marker: 'CREATE PENDING' },
};
const OTHER = process.env.WATCH_CPU_COMPARE;
if (OTHER) views.other = { cmd: `sh -c 'echo $$ > ${work}/other.pid; exec env ${exports} ${process.execPath} ${OTHER} status ${arn}'`, marker: 'Elapsed' };
tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'live', '-x', '100', '-y', '30', `${views.live.cmd}; sleep 600`);
tmux('new-session', '-d', '-s', 'lines', '-x', '100', '-y', '30', `${views.lines.cmd}; sleep 600`);
if (OTHER) tmux('new-session', '-d', '-s', 'other', '-x', '100', '-y', '30', `${views.other.cmd}; sleep 600`);

const cpuTicks = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').slice(readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime
};
const cleanup = () => {
  try { tmux('kill-server'); } catch { /* gone */ }
  sb.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', () => { cleanup(); process.exit(130); });
process.on('SIGTERM', () => { cleanup(); process.exit(143); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const start = {};
for (const name of Object.keys(views)) {
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', name);
    if (existsSync(`${work}/${name}.pid`) && screen.includes(views[name].marker)) break;
    await sleep(50);
  }
  const pid = Number(readFileSync(`${work}/${name}.pid`, 'utf8'));
  start[name] = { pid, ticks: cpuTicks(pid), at: Date.now() };
}
// steady state: from WARM_MS after the first frames (start-up's last loading and JIT warm-up excluded)
const WARM_MS = 10_000;
await sleep(WARM_MS);
const warm = {};
for (const name of Object.keys(views)) warm[name] = { ticks: cpuTicks(start[name].pid), at: Date.now() };
// until the job ends (the live view says so), sampling each process's time as it goes
const last = {};
const alive = (pid) => existsSync(`/proc/${pid}/stat`);
for (;;) {
  for (const name of Object.keys(views)) if (alive(start[name].pid)) last[name] = { ticks: cpuTicks(start[name].pid), at: Date.now() };
  const screen = tmux('capture-pane', '-p', '-t', 'live');
  if (/Imported in|import failed/.test(screen) || !alive(start.live.pid)) break;
  await sleep(1000);
}
const pctFrom = (from, n) => ((last[n].ticks - from[n].ticks) / TICK / ((last[n].at - from[n].at) / 1000)) * 100;
const pct = (n) => `${pctFrom(warm, n).toFixed(2)} % CPU watching (from ${WARM_MS / 1000} s after the first frame) · ${pctFrom(start, n).toFixed(2)} % from the first frame`;
// the live views end by themselves once the job has: let them (a --cpu-prof profile is written at exit)
for (let waited = 0; waited < 5000 && Object.keys(views).some((n) => n !== 'lines' && alive(start[n].pid)); waited += 100) await sleep(100);
const la = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`watched a ${jobSeconds} s sandbox job for ${((last.live.at - start.live.at) / 1000).toFixed(0)} s`);
console.log(`live status view (tmux):      ${pct('live')}   (target < 1 %)`);
console.log(`line output (status | cat):   ${pct('lines')}`);
if (OTHER) console.log(`live view of ${OTHER}: ${pct('other')}`);
console.log(`load average ${la} (shared machine: figures are noisy)`);
cleanup();
await new Promise((r) => sb.on('exit', r));
