// node scripts/s3-bare-get.mjs s3://bucket/key [--handler] — the floor for `validate s3://` (bench-s3.mjs
// times it as a child): the object fetched with the same SDK client and the same ranges as validate's
// two worker parts (32 MiB, four in flight), every byte read and dropped — no checking, no copy between
// threads. --handler: with the CLI's handler for ranged GETs (dist/ranged-get.js, src/aws/ranged-get.ts:
// `npm run build` first) in front of the SDK's, as `validate s3://` has it; without, the SDK's own.
// Endpoint, region and credentials from the environment (AWS_ENDPOINT_URL_S3 etc.).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { S3Client, GetObjectCommand, HeadObjectCommand } = await import('@aws-sdk/client-s3');
const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(process.argv[2] ?? '');
if (!m) throw new Error('usage: node scripts/s3-bare-get.mjs s3://bucket/key');
const [, Bucket, Key] = m;
const e = process.env;
const extensions = process.argv.includes('--handler') ? [(await import(new URL('../dist/ranged-get.js', import.meta.url).href)).rangedGetExtension()] : [];
const s3 = new S3Client({ region: e.AWS_REGION, ...(e.AWS_ENDPOINT_URL_S3 ? { endpoint: e.AWS_ENDPOINT_URL_S3, forcePathStyle: true } : {}), extensions });
const size = (await s3.send(new HeadObjectCommand({ Bucket, Key }))).ContentLength ?? 0;
const RANGE = 32 << 20;
let next = 0;
let total = 0;
async function lane() {
  while (next < size) {
    const start = next;
    next += RANGE;
    const r = await s3.send(new GetObjectCommand({ Bucket, Key, Range: `bytes=${start}-${Math.min(size, start + RANGE) - 1}` }));
    for await (const chunk of r.Body) total += chunk.length;
  }
}
await Promise.all(Array.from({ length: 4 }, lane));
s3.destroy();
if (total !== size) throw new Error(`read ${total} bytes of ${size}`);
