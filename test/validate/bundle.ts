// Worker threads need built JavaScript: the engine bundled with esbuild, with the fast lane embedded
// as scripts/build.mjs embeds it.
import { build } from 'esbuild';
import { createReadStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Engine from '../../src/validate/index.js';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { fastlaneDefine } from '../../scripts/wasm.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** bundles src/validate (or `entry`, a module re-exporting it) into a fresh temp folder; returns the folder and the loaded engine */
export async function bundledEngine(prefix: string, entry = join(ROOT, 'src/validate/index.ts')): Promise<{ dir: string; engine: typeof Engine }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const out = join(dir, 'engine.mjs');
  await build({
    entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error',
    // avsc is CommonJS and calls require(): give the ESM bundle one, as scripts/build.mjs does
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    define: await fastlaneDefine(),
  });
  return { dir, engine: (await import(/* @vite-ignore */ pathToFileURL(out).href)) as typeof Engine };
}

/** what every worker test validates with: the interactions schema, a fixed "now", and `file` as a local source */
export function interactionsRun(engine: typeof Engine, file: string) {
  const schema = engine.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
  const size = statSync(file).size;
  return { schema, size, now: new Date('2026-11-23T00:00:00Z'), src: () => ({ name: file, path: file, size, open: () => createReadStream(file) }) };
}
