// A local file as a cross-file source, read into one reused 1 MiB buffer: no allocation a chunk. With
// a stream's fresh 1 MiB chunk per read, dead chunks pile up outside the JS heap until V8's external
// memory limit (~64 MB) triggers a collection, which was most of the peak above the ID sets.
// The LineReader copies the only bytes it keeps (a line cut at the buffer's end), so reuse is safe.
import { open } from 'node:fs/promises';
import type { CrossSource } from './check.js';

const CHUNK = 1 << 20;

export async function* readReused(path: string, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(CHUNK);
    for (;;) {
      if (signal?.aborted) return;
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** `name` is what messages show (default: the path) */
export function fileSource(path: string, name = path, signal?: AbortSignal): CrossSource {
  return { name, open: () => readReused(path, signal) };
}
