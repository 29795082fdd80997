// Compiles the validation engine's fast lane (src/validate/wasm/fastlane.ts, AssemblyScript) to
// WebAssembly. build.mjs, bench.mjs and vitest.config.ts embed the result as __FASTLANE_WASM__
// (base64), so no .wasm file is committed or shipped separately and the source is always what runs.
// fastlaneDefine() embeds the fixer's fast lane (src/fix/wasm/rewrite.ts) beside it as __FIXLANE_WASM__.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const WASM_DIR = new URL('../src/validate/wasm/', import.meta.url);
const SOURCE = fileURLToPath(new URL('fastlane.ts', WASM_DIR));
const FIX_DIR = new URL('../src/fix/wasm/', import.meta.url);
const FIX_SOURCE = fileURLToPath(new URL('rewrite.ts', FIX_DIR));
/** AssemblyScript both lanes import (src/wasm/numbers.ts) */
const SHARED_DIR = new URL('../src/wasm/', import.meta.url);

/** the module's memory limit in 64 KiB pages (2 GiB; address space only, pages are used as needed) */
export const MAX_PAGES = 32768;

const ASC_FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--enable', 'threads',
  // the memory comes from JS, shared, so worker threads can read each other's duplicate-line sets in place
  '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', String(MAX_PAGES)];

/** the fixer's lane: its own memory (not shared: one instance a thread, no tables in common) */
const FIX_FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--initialMemory', '1'];

/**
 * The compiled module, from node_modules/.cache when this source was compiled before by the same
 * AssemblyScript with the same flags (the build and each vitest run embed it: CI compiled it three
 * times, ~5 s of CPU each), else compiled and kept there.
 * @returns {Promise<Uint8Array>}
 */
export async function compileFastlane() {
  return cachedCompile(WASM_DIR, SOURCE, ASC_FLAGS, 'fastlane');
}

/** the fixer's fast lane, cached the same way @returns {Promise<Uint8Array>} */
export async function compileFixlane() {
  return cachedCompile(FIX_DIR, FIX_SOURCE, FIX_FLAGS, 'fixlane');
}

/** @returns {Promise<Uint8Array>} */
async function cachedCompile(dir, source, flags, name) {
  const ascVersion = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('assemblyscript/package.json'), 'utf8')).version;
  const hash = createHash('sha256').update(`${ascVersion}\0${flags.join(' ')}\0`);
  // the module's own folder and src/wasm/, which both lanes import
  for (const d of [dir, SHARED_DIR]) for (const f of readdirSync(d).sort()) hash.update(`${f}\0`).update(readFileSync(new URL(f, d))).update('\0');
  const key = hash.digest('hex').slice(0, 32);
  const cached = fileURLToPath(new URL(`../node_modules/.cache/personalize-import/${name}-${key}.wasm`, import.meta.url));
  try {
    return new Uint8Array(readFileSync(cached));
  } catch {
    /* not compiled yet */
  }
  const binary = await compileNow(source, flags, `${name}.wasm`);
  try {
    mkdirSync(fileURLToPath(new URL('../node_modules/.cache/personalize-import/', import.meta.url)), { recursive: true });
    // written whole, then renamed: a run reading at the same time sees the old state or the whole file
    const part = `${cached}.${process.pid}.part`;
    writeFileSync(part, binary);
    renameSync(part, cached);
  } catch {
    /* a read-only node_modules: compile each time */
  }
  return binary;
}

/** @returns {Promise<Uint8Array>} */
async function compileNow(source, flags, outFile) {
  // loaded only to compile (binaryen: a second of start-up a cached run does without)
  const { default: asc } = await import('assemblyscript/asc');
  let binary = null;
  const errors = [];
  const { error } = await asc.main([source, ...flags, '--outFile', outFile], {
    writeFile(name, contents) {
      if (name.endsWith('.wasm')) binary = contents;
    },
    stdout: { write: () => true },
    stderr: { write: (s) => (errors.push(String(s)), true) },
  });
  if (error || !binary) throw new Error(`AssemblyScript could not compile ${source}:\n${errors.join('')}${error ? `\n${error.message}` : ''}`);
  return binary;
}

/** the esbuild/vitest `define` entries: the validator's fast lane and the fixer's */
export async function fastlaneDefine() {
  return {
    __FASTLANE_WASM__: JSON.stringify(Buffer.from(await compileFastlane()).toString('base64')),
    __FIXLANE_WASM__: JSON.stringify(Buffer.from(await compileFixlane()).toString('base64')),
    __FASTLANE_MAX_PAGES__: String(MAX_PAGES),
  };
}
