// The TypeScript files under a folder of src/ (the wasm sources left out), for the tests that read
// the code itself (core-imports, no-icu).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

export function srcFiles(dir: string = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' ? [] : srcFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}
