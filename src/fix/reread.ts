// The fixer's second look at its input before fixing it again (decimal-proof.ts, serial-proof.ts):
// the source read once more, decoded as the fixer reads it, in regions of complete lines.
// Core: no React, no AWS SDK.
import { stat } from 'node:fs/promises';
import type { CsvSource } from '../validate/types.js';
import { utf8Chunks } from './decode.js';
import { readFileChunks } from './files.js';

/** the source's bytes again: a regular file or what open() gives; undefined for a stream (read once) or a pipe or device */
export async function reread(input: CsvSource): Promise<AsyncIterable<Uint8Array> | undefined> {
  if (input.stream) return undefined;
  if (input.path) {
    // a regular file only: a pipe or a device read here would be read no more by the fixer
    if (!(await stat(input.path).then((st) => st.isFile(), () => false))) return undefined;
    return readFileChunks(input.path);
  }
  return input.open ? await input.open() : undefined;
}

/**
 * Calls `region(b, i, last, read)` for each run of complete lines b[i..last) (each ends in LF; the
 * header first), from the first `limit` bytes of `raw` decoded (`read` of them so far); `region`
 * returns false to stop (the result is then false), `more(read)` after each chunk whether to read on.
 */
export async function lineRegions(raw: AsyncIterable<Uint8Array>, limit: number, region: (b: Buffer, i: number, last: number, read: number) => boolean, more: (read: number) => boolean = () => true): Promise<boolean> {
  let rest: Uint8Array = Buffer.alloc(0);
  let read = 0;
  for await (const whole of utf8Chunks(raw, {})) {
    // (the first `limit` bytes whatever the chunks: a file reads alike from disk and from S3; a
    // Buffer's indexOf is memchr's speed)
    const chunk = Buffer.from(whole.buffer, whole.byteOffset, Math.min(whole.length, Math.max(0, limit - read)));
    read += chunk.length;
    const first = chunk.indexOf(10);
    if (first < 0) rest = Buffer.concat([rest, chunk]);
    else {
      // the line the last chunk left open, then this chunk's own complete lines (not copied)
      const line = rest.length ? Buffer.concat([rest, chunk.subarray(0, first + 1)]) : undefined;
      if (line && !region(line, 0, line.length, read)) return false;
      const last = chunk.lastIndexOf(10) + 1;
      if (!region(chunk, line ? first + 1 : 0, last, read)) return false;
      rest = Uint8Array.from(chunk.subarray(last));
    }
    if (read >= limit || !more(read)) break;
  }
  // a last line without a line end
  if (rest.length && read < limit) {
    const line = Buffer.concat([rest, Buffer.from([10])]);
    if (!region(line, 0, line.length, read)) return false;
  }
  return true;
}
