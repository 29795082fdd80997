// Compiles the validation engine's fast lane (src/validate/wasm/fastlane.ts, AssemblyScript) to
// WebAssembly. build.mjs, bench.mjs and vitest.config.ts embed the result as __FASTLANE_WASM__
// (base64), so no .wasm file is committed or shipped separately and the source is always what runs.
import asc from 'assemblyscript/asc';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../src/validate/wasm/fastlane.ts', import.meta.url));

/** the module's memory limit in 64 KiB pages (2 GiB; address space only, pages are used as needed) */
export const MAX_PAGES = 32768;

/** @returns {Promise<Uint8Array>} */
export async function compileFastlane() {
  let binary = null;
  const errors = [];
  const { error } = await asc.main([SOURCE, '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--enable', 'threads',
    // the memory comes from JS, shared, so worker threads can read each other's duplicate-line sets in place
    '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', String(MAX_PAGES), '--outFile', 'fastlane.wasm'], {
    writeFile(name, contents) {
      if (name.endsWith('.wasm')) binary = contents;
    },
    stdout: { write: () => true },
    stderr: { write: (s) => (errors.push(String(s)), true) },
  });
  if (error || !binary) throw new Error(`AssemblyScript could not compile ${SOURCE}:\n${errors.join('')}${error ? `\n${error.message}` : ''}`);
  return binary;
}

/** the esbuild/vitest `define` entry */
export async function fastlaneDefine() {
  return {
    __FASTLANE_WASM__: JSON.stringify(Buffer.from(await compileFastlane()).toString('base64')),
    __FASTLANE_MAX_PAGES__: String(MAX_PAGES),
  };
}
