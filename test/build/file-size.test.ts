// No source file over 500 lines (files small and named for what they do), except the two
// WebAssembly fast lanes — docs/DEVELOPING.md says why each stays over.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const LIMIT = 500;
const WASM_LANES = ['validate/wasm/fastlane.ts', 'fix/wasm/rewrite.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

it(`no src file over ${LIMIT} lines but the WebAssembly lanes`, () => {
  const lines = new Map(sources(SRC).map((f) => [path.relative(SRC, f).split(path.sep).join('/'), readFileSync(f, 'utf8').split('\n').length - 1]));
  expect(lines.size).toBeGreaterThan(100);
  for (const lane of WASM_LANES) expect(lines.has(lane), `${lane} is still there (docs/DEVELOPING.md names it)`).toBe(true);
  const over = [...lines].filter(([f, n]) => n > LIMIT && !WASM_LANES.includes(f)).map(([f, n]) => `${f}: ${n} lines`);
  expect(over).toEqual([]);
});
