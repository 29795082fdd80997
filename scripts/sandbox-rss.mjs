// node scripts/sandbox-rss.mjs [MB] — the sandbox's peak memory while it imports a big file
// (issue 17: ≤ 300 MB for 1 GB). Needs `npm run build` (it runs the built bin).
// 1. Generates bench-data/sandbox-<MB>mb.csv (interactions, default 1024 MB), unless there.
// 2. Starts `dist/cli.js sandbox --job-seconds 0` as a child; uploads the file with the SDK's
//    multipart Upload (streamed from disk), then runs a FULL import job on it until ACTIVE.
// 3. Prints the child's peak RSS (VmHWM from /proc, Linux) after start, after the upload and
//    after the import, the import's time and rows, and the load average (the machine is shared).
import { spawn } from 'node:child_process';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { createReadStream, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateDatasetImportJobCommand, DescribeDatasetImportJobCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = Number(process.argv[2] ?? 1024);
const DIR = `${ROOT}bench-data`;
const CSV = `${DIR}/sandbox-${MB}mb.csv`;

function generate() {
  mkdirSync(DIR, { recursive: true });
  const fd = openSync(CSV, 'w');
  writeSync(fd, 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n');
  let bytes = 0;
  let i = 0;
  while (bytes < MB * 1024 * 1024) {
    let chunk = '';
    for (let k = 0; k < 20000; k++, i++) chunk += `user${(i * 7919) % 2_000_000},item${(i * 104729) % 50_000},${1_700_000_000 + i},click,${(i % 5) + 1}\n`;
    bytes += writeSync(fd, chunk);
  }
  closeSync(fd);
}

function peakRss(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(s)[1]) / 1024;
}

if (!existsSync(CSV) || statSync(CSV).size < MB * 1024 * 1024) {
  process.stdout.write(`generating ${CSV} …\n`);
  generate();
}
const size = statSync(CSV).size;
const child = spawn(process.execPath, [`${ROOT}dist/cli.js`, 'sandbox', '--job-seconds', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const env = await new Promise((resolve, reject) => {
  const out = {};
  createInterface({ input: child.stdout }).on('line', (line) => {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
    else resolve(out);
  });
  child.on('exit', (c) => reject(new Error(`sandbox exited (${c})`)));
});
child.stdout.resume();
const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
const personalize = new PersonalizeClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_PERSONALIZE, credentials });
const s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, credentials, forcePathStyle: true });
const atStart = peakRss(child.pid);
let t = Date.now();
await new Upload({ client: s3, params: { Bucket: env.PERSONALIZE_SANDBOX_BUCKET, Key: 'big.csv', Body: createReadStream(CSV) }, partSize: 16 * 1024 * 1024, queueSize: 4 }).done();
const uploadS = (Date.now() - t) / 1000;
const afterUpload = peakRss(child.pid);
const account = /::(\d+):/.exec(env.PERSONALIZE_SANDBOX_ROLE_ARN)[1];
t = Date.now();
const job = await personalize.send(new CreateDatasetImportJobCommand({
  jobName: 'rss', roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN,
  datasetArn: `arn:aws:personalize:${env.AWS_REGION}:${account}:dataset/sandbox-shop/INTERACTIONS`,
  dataSource: { dataLocation: `s3://${env.PERSONALIZE_SANDBOX_BUCKET}/big.csv` },
}));
let d;
for (;;) {
  d = (await personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: job.datasetImportJobArn }))).datasetImportJob;
  if (d.status === 'ACTIVE' || d.status === 'CREATE FAILED') break;
  await new Promise((r) => setTimeout(r, 500));
}
const importS = (Date.now() - t) / 1000;
const afterImport = peakRss(child.pid);
personalize.destroy();
s3.destroy();
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
const la = loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`file ${(size / 1e6).toFixed(0)} MB · job ${d.status}${d.failureReason ? ` (${d.failureReason})` : ''}`);
console.log(`sandbox peak RSS: at start ${atStart.toFixed(0)} MB · after upload (${uploadS.toFixed(1)} s) ${afterUpload.toFixed(0)} MB · after import (${importS.toFixed(1)} s, ${(size / 1e6 / importS).toFixed(0)} MB/s) ${afterImport.toFixed(0)} MB   (target ≤ 300 MB)`);
console.log(`load average ${la} (shared machine: figures are noisy)`);
