// The fixer's files: a local input read in 1 MiB blocks, and the temporary files it writes (created
// new, a refusal named by the flag that named the file). Core: no React, no AWS SDK.
import { open, type FileHandle } from 'node:fs/promises';
import { usageError } from '../core/errors.js';

export async function* readFileChunks(path: string): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/**
 * a new file (the temporary one beside `named`); a file-system refusal is a usage error naming the
 * flag — or, with `hint` (a name no flag gave: import's copy beside the CSV, fix's default), the file
 * alone and that way forward ("-o … Name a file" sent an import, which has no -o, nowhere)
 */
export async function create(path: string, named: string, flag: string, hint?: string): Promise<FileHandle> {
  try {
    return await open(path, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'its folder does not exist' : code === 'ENOSPC' ? 'the disk is full' : (e as Error).message;
    if (hint) throw usageError(`${named}: cannot write it (${why}).`, hint);
    throw usageError(`${flag} ${named}: cannot write it (${why}).`, 'Name a file in a folder you can write to.');
  }
}
