// The first line of a local file, as the fix steps judge a header by it (steps-fix.ts, fix-naming.ts).
import { closeSync, openSync, readSync } from 'node:fs';
import type { CsvSource } from '../plan.js';

/** The first line of a local file (up to 64 KiB): the fixer judges an alias-only header and CR-only files by it. */
export function headerLineOf(src: CsvSource | undefined): string | undefined {
  if (!src || src.kind !== 'local') return undefined;
  try {
    const fd = openSync(src.path, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const n = readSync(fd, buf, 0, buf.length, 0);
      const text = buf.subarray(0, n).toString('utf8');
      const nl = text.indexOf('\n');
      return nl >= 0 ? text.slice(0, nl) : text;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
