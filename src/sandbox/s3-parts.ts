// UploadPart in the sandbox's S3. s3rver's own putPart (stores/filesystem.js) re-creates the
// upload's folder with mkdirp and never listens for its write stream's errors: a part still
// arriving when its upload is aborted (Ctrl-C during an upload) either brought an aborted
// upload back to life, or — when the abort landed between mkdirp and the open — crashed the
// whole sandbox with an uncaught ENOENT (seen in CI, 2026-12-06). S3 answers such a part
// NoSuchUpload (404) and keeps nothing of it; so does this.
// PutObject (and CompleteMultipartUpload, which writes through it): s3rver's putObject answered once
// its md5 pass had seen the last byte, not once the file held it (its Buffer branch ends the write
// stream and resolves at once; its stream branch on the hashing Transform's 'finish'). A HeadObject
// right after the answer could stat a file still being written: CI saw `import --create
// --fix-rejects` upload a 37 KB copy and the preflight read "0 bytes" (Node 24, once). Here both
// resolve once the file is written.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type S3rver from 's3rver';
import S3Error from 's3rver/lib/models/error.js';

type Store = S3rver['store'] & {
  putPart(bucket: string, uploadId: string, partNumber: number | string, content: Readable): Promise<{ size: number; md5: string }>;
  putObject(object: { bucket: string; key: string; content: Readable | Buffer; metadata: Record<string, string> }): Promise<{ size: number; md5: string }>;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
};

/** writes `content` to `file`, resolving with its size and md5 once the file holds every byte */
async function writeHashed(content: Readable, file: string): Promise<{ size: number; md5: string }> {
  const md5 = createHash('md5');
  let size = 0;
  await pipeline(
    content,
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        md5.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    }),
    createWriteStream(file),
  );
  return { size, md5: md5.digest('hex') };
}

export function patchObjectWrites(store: S3rver['store']): void {
  const s = store as Store;
  s.putObject = async (object) => {
    const file = s.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(path.dirname(file), { recursive: true });
    const { size, md5 } = await writeHashed(Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content, file);
    await s.putMetadata(object.bucket, object.key, object.metadata, md5);
    return { size, md5 };
  };
}

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
    try {
      const { size, md5: digest } = await writeHashed(content, partPath);
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
