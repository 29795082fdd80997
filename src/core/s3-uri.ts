// S3 URIs read one way everywhere (the import flow's CSV answer and --data-location, validate / fix /
// schema s3://…, --bucket, the bucket answer, preflight, the diagnosis' facts of a job):
// s3://bucket/key, the scheme in any case, no white space in the bucket.
import { usageError } from './errors.js';
import { visible } from './sanitize.js';

/** s3://bucket/key → { bucket, key } (key "" for the bucket alone, ending in "/" for a folder); undefined when it is not an s3:// URI with a bucket. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/\s]+)(?:\/(.*))?$/i.exec(uri.trim());
  if (!m) return undefined;
  return { bucket: m[1], key: m[2] ?? '' };
}

/** Meant as an S3 location (s3:// in any case), whether or not it is a valid one: a command's
 *  input argument is then read as S3, never as a local file named so. */
export function isS3Text(input: string): boolean {
  return /^s3:\/\//i.test(input.trim());
}

/** A key that names a file (users.csv, a/b.tsv), not a folder. */
export function looksLikeObject(key: string): boolean {
  return /\.[A-Za-z0-9]{1,5}$/.test(key);
}

/** A bucket given as a name or as s3://name[/folder/] (--bucket, the bucket answer) → the bucket and
 *  the folder after it ("" when none); undefined when an s3:… text names no bucket. The name itself
 *  is not checked here. */
export function bucketOfFlag(value: string): { bucket: string; prefix: string } | undefined {
  const v = value.trim();
  if (!/^s3:/i.test(v)) return { bucket: v.replace(/\/+$/, ''), prefix: '' };
  const u = parseS3Uri(v);
  return u && { bucket: u.bucket, prefix: u.key };
}

/** One S3 object a command reads (validate / fix / schema s3://bucket/key.csv); a usage error naming
 *  what is wrong and the fix otherwise. */
export function s3ObjectOf(command: string, input: string): { bucket: string; key: string } {
  const u = parseS3Uri(input);
  const shown = visible(input.trim());
  if (!u) throw usageError(`${command}: '${shown}' is not an S3 location.`, 'Write it as s3://bucket/key.csv (a bucket name has no white space).');
  if (u.key === '' || u.key.endsWith('/')) {
    throw usageError(`${command}: ${shown} is ${u.key ? 'a prefix (a folder)' : 'a bucket'}, not an object; ${command} reads one object at a time.`,
      `Pass one object: s3://${visible(u.bucket)}/${visible(u.key)}FILE.csv (aws s3 ls s3://${visible(u.bucket)}/${visible(u.key)} lists them).`);
  }
  return u;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** What is wrong with a bucket typed as an answer (a name, or s3://name[/folder/] as --bucket takes
 *  it); undefined when nothing. */
export function bucketAnswerProblem(answer: string): string | undefined {
  const of = bucketOfFlag(answer);
  if (!of || !BUCKET_NAME.test(of.bucket) || of.bucket.includes('..')) return 'An S3 bucket name: 3–63 lower-case letters, digits, "." and "-" (or s3://name/ as aws s3 writes it).';
  if (looksLikeObject(of.prefix)) return `That names an object: the bucket goes here (s3://${visible(of.bucket)}/ or ${visible(of.bucket)}), the folder next; the file keeps its own name.`;
  return undefined;
}
