// Compiles the validation engine's fast lane (src/validate/wasm/fastlane.ts, AssemblyScript) to
// WebAssembly. build.mjs, bench.mjs and vitest.config.ts embed the result as __FASTLANE_WASM__
// (base64), so no .wasm file is committed or shipped separately and the source is always what runs.
import asc from 'assemblyscript/asc';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../src/validate/wasm/fastlane.ts', import.meta.url));

/** @returns {Promise<Uint8Array>} */
export async function compileFastlane() {
  let binary = null;
  const errors = [];
  const { error } = await asc.main([SOURCE, '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--outFile', 'fastlane.wasm'], {
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
  return { __FASTLANE_WASM__: JSON.stringify(Buffer.from(await compileFastlane()).toString('base64')) };
}
