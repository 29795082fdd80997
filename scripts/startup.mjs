// Start-up cost of the bin against bare Node, measured in the same run (interleaved, medians):
// `--version` and `--help` must not load Ink, React or the AWS SDK. Needs `npm run build`.
//   node scripts/startup.mjs [runs=21]
import { spawnSync } from 'node:child_process';

const runs = Number(process.argv[2] ?? 21);
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const cases = {
  'node -e 0': ['-e', '0'],
  'personalize-import --version': [cli, '--version'],
  'personalize-import --help': [cli, '--help'],
  'personalize-import status --help': [cli, 'status', '--help'],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times['node -e 0']);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${name.padEnd(34)} ${m.toFixed(1).padStart(7)} ms   ×${(m / base).toFixed(2)} of node -e 0   (median of ${runs})`);
}
