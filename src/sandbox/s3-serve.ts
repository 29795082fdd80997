// How the sandbox's S3 reads an object's bytes for GetObject (and for import jobs reading the
// object). s3rver's filesystem store opens the file with Node's default 64 KiB stream chunks; the
// S3 server runs on the same cores as the client it serves (the validator, `aws s3 cp`), so each
// chunk's trip (a thread-pool read, a stream event, a socket write) is CPU taken from the client.
// Here the same answer — the same metadata, the same range rules, the same unsatisfiable-range
// object — is read in 1 MiB chunks: a sixteenth of the trips for the same bytes.
import { createReadStream, type ReadStream } from 'node:fs';
import type S3rver from 's3rver';
import S3Object from 's3rver/lib/models/object.js';

/** bytes per read of an object's file (Node's default is 64 KiB) */
export const OBJECT_READ_CHUNK = 1 << 20;

type Store = S3rver['store'] & { getMetadata(bucket: string, key: string): Promise<Record<string, string>> };

export function patchObjectReads(store: S3rver['store']): void {
  const s = store as Store;
  s.getObject = async (bucket: string, key: string, options?: { start?: number; end?: number }) => {
    try {
      const metadata = await s.getMetadata(bucket, key);
      const lastByte = Math.max(0, Number(metadata['content-length']) - 1);
      // s3rver's own rules (filesystem.js getObject), kept as they are
      const range = { start: options?.start || 0, end: Math.min(options?.end || Infinity, lastByte) };
      const ranged = Boolean(options && (options.start !== undefined || options.end));
      if (range.start < 0 || Math.min(range.end, lastByte) < range.start) {
        // the range is not satisfiable: an object without content (the controller answers InvalidRange)
        const object = new S3Object(bucket, key, null, metadata);
        if (ranged) object.range = range;
        return object;
      }
      const content = await new Promise<ReadStream>((resolve, reject) => {
        const stream = createReadStream(s.getResourcePath(bucket, key, 'object'), { ...range, highWaterMark: OBJECT_READ_CHUNK })
          .on('error', reject)
          .on('open', () => resolve(stream));
      });
      const object = new S3Object(bucket, key, content, metadata);
      if (ranged) object.range = range;
      return object;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
}
