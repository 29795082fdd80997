// Where a local CSV goes in S3, and the proof that the job reads what this run uploaded.
//
// Two runs importing different files with the same name (`daily/events.csv`) must not share a key:
// the second upload would replace the first file before the first job read it. So every run gets
// its own id — the UTC time to the second and 4 random characters — and the key is
// `<prefix><name>-<yyyymmdd-hhmmss>-<id><.ext>` (e.g. `daily/events-20261205-042505-k3f9.csv`).
// The id is fixed for the process, so every screen that shows the key shows the same one, and a
// retry in the same run reuses it (the object is this run's own).
//
// Before the job is created, `uploadedObjectProblem` compares what S3 holds at the key with what
// this run uploaded (size and ETag): if anything replaced it, the job is not created.
import { randomBytes } from 'node:crypto';
import type { S3ObjectInfo } from './resources.js';
import { withCommas } from './with-commas.js';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // no 0/o, 1/l: read aloud, typed back

/** 4 random characters from a 32-letter alphabet (20 bits) */
export function randomSuffix(n = 4): string {
  const bytes = randomBytes(n);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

function stamp(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

let processRunId: string | undefined;

/** This process's run id: "20261205-042505-k3f9" (UTC), the same for every call. */
export function runId(now: () => Date = () => new Date()): string {
  processRunId ??= `${stamp(now())}-${randomSuffix()}`;
  return processRunId;
}

/** The key for `fileName` under an already normalised `prefix` ("" or "folder/"), unique to `id`. */
export function uploadKeyFor(prefix: string, fileName: string, id: string = runId()): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  return `${prefix}${stem}-${id}${ext}`;
}

export interface UploadedObject {
  bucket: string;
  key: string;
  bytes: number;
  /** the ETag S3 gave when the upload completed */
  etag?: string;
}

const bare = (etag: string | undefined) => etag?.replace(/^W\//, '').replace(/"/g, '');

/** undefined when S3 still holds what this run uploaded; else what changed, for the user. */
export function uploadedObjectProblem(now: S3ObjectInfo | undefined, uploaded: UploadedObject): string | undefined {
  const where = `s3://${uploaded.bucket}/${uploaded.key}`;
  if (!now) return `${where} is gone: it was deleted after this run uploaded it.`;
  if (now.size !== uploaded.bytes) return `${where} changed after this run uploaded it: it now holds ${withCommas(now.size)} bytes, this run uploaded ${withCommas(uploaded.bytes)}. Something else wrote to the same key.`;
  if (uploaded.etag && now.etag && bare(uploaded.etag) !== bare(now.etag)) return `${where} changed after this run uploaded it (ETag ${bare(now.etag)}, this run's was ${bare(uploaded.etag)}). Something else wrote to the same key.`;
  return undefined;
}
