// S3 URIs read one way everywhere (the import flow's CSV answer and --data-location, validate
// s3://…, preflight, the diagnosis' facts of a job): s3://bucket/key, the scheme in any case, no
// white space in the bucket.

/** s3://bucket/key → { bucket, key } (key "" for the bucket alone, ending in "/" for a folder); undefined when it is not an s3:// URI with a bucket. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/\s]+)(?:\/(.*))?$/i.exec(uri.trim());
  if (!m) return undefined;
  return { bucket: m[1], key: m[2] ?? '' };
}
