// Tab completion of an input that names a CSV (StepModel.complete === 'path'): local paths (folders
// and *.csv files) and s3:// locations (buckets, then prefixes and objects). The scheme is read in
// any case (S3://…, as the rest of the tool reads it: src/core/s3-uri.ts); the candidates write s3://.
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { StorageApi } from '../../../core/ports.js';
import { isS3Text, parseS3Uri } from '../../../core/s3-uri.js';

/** Tab completion for local paths and s3:// URIs. */
export async function completePath(value: string, cwd: string, s3?: Pick<StorageApi, 'listBuckets' | 'list'>): Promise<string[]> {
  // "s3" or "S3:/" on its way to a scheme lists the buckets too
  if (isS3Text(value) || (value.length >= 2 && value.length < 5 && 's3://'.startsWith(value.toLowerCase()))) {
    if (!s3) return [];
    const rest = isS3Text(value) ? value.trim().slice(5) : '';
    if (!rest.includes('/')) return (await s3.listBuckets()).filter((b) => b.startsWith(rest)).map((b) => `s3://${b}/`);
    const at = parseS3Uri(value);
    if (!at) return [];
    const { bucket, key } = at;
    const dir = key.slice(0, key.lastIndexOf('/') + 1);
    const objects = await s3.list(bucket, dir);
    const next = new Set<string>();
    for (const o of objects) {
      if (!o.key.startsWith(key)) continue;
      const tail = o.key.slice(dir.length);
      const i = tail.indexOf('/');
      next.add(`s3://${bucket}/${dir}${i >= 0 ? tail.slice(0, i + 1) : tail}`);
    }
    return [...next].sort();
  }
  const expanded = value.startsWith('~/') ? join(process.env.HOME ?? '', value.slice(2)) : value;
  const abs = resolve(cwd, expanded || '.');
  const dir = value === '' || value.endsWith('/') ? abs : dirname(abs);
  const start = value === '' || value.endsWith('/') ? '' : basename(abs);
  const shownDir = value === '' ? '' : value.endsWith('/') ? value : value.slice(0, value.length - basename(value).length);
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.name.startsWith(start) && (!d.name.startsWith('.') || start.startsWith('.')))
      .filter((d) => d.isDirectory() || /\.csv$/i.test(d.name))
      .map((d) => `${shownDir}${d.name}${d.isDirectory() ? sep : ''}`)
      .sort();
  } catch {
    return [];
  }
}
