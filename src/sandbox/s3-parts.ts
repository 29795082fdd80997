// UploadPart in the sandbox's S3. s3rver's own putPart (stores/filesystem.js) re-creates the
// upload's folder with mkdirp and never listens for its write stream's errors: a part still
// arriving when its upload is aborted (Ctrl-C during an upload) either brought an aborted
// upload back to life, or — when the abort landed between mkdirp and the open — crashed the
// whole sandbox with an uncaught ENOENT (seen in CI, 2026-12-06). S3 answers such a part
// NoSuchUpload (404) and keeps nothing of it; so does this.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type S3rver from 's3rver';
import S3Error from 's3rver/lib/models/error.js';

type Store = S3rver['store'] & {
  putPart(bucket: string, uploadId: string, partNumber: number | string, content: Readable): Promise<{ size: number; md5: string }>;
};

const noSuchUpload = (uploadId: string) =>
  new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { UploadId: uploadId });

export function patchPartWrites(store: S3rver['store']): void {
  const s = store as Store;
  s.putPart = async (bucket, uploadId, partNumber, content) => {
    const dir = path.join(s.getResourcePath(bucket, undefined, 'uploads'), path.basename(String(uploadId)));
    const gone = () => stat(dir).then(() => false, () => true);
    if (!uploadId || (await gone())) {
      content.resume(); // the body is read and dropped, so the client hears the answer
      throw noSuchUpload(String(uploadId));
    }
    const partPath = path.join(dir, String(Number(partNumber)));
    const md5 = createHash('md5');
    let size = 0;
    try {
      await pipeline(
        content,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            md5.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        }),
        createWriteStream(partPath),
      );
      const digest = md5.digest('hex');
      await writeFile(`${partPath}.md5`, digest);
      // aborted while this part was being written: the part goes with its upload
      if (await gone()) throw noSuchUpload(String(uploadId));
      return { size, md5: digest };
    } catch (e) {
      await rm(partPath, { force: true }).catch(() => {});
      await rm(`${partPath}.md5`, { force: true }).catch(() => {});
      if (e instanceof S3Error) throw e;
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw noSuchUpload(String(uploadId));
      throw e;
    }
  };
}
