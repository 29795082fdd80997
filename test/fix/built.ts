// The fixer and the validation engine bundled with esbuild, as the CLI's build bundles them: worker
// threads run built JavaScript only (the two-thread fix, the copy validated as it is written).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Fix from '../../src/fix/index.js';
import type * as Validate from '../../src/validate/index.js';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { fastlaneDefine } from '../../scripts/wasm.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** bundles into a fresh temp folder (`prefix`), which the tests may also use for their files */
export async function builtFixer(prefix: string): Promise<{ dir: string; fix: typeof Fix; validate: typeof Validate }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await build({
    entryPoints: { fix: join(ROOT, 'src/fix/index.ts'), validate: join(ROOT, 'src/validate/index.ts') }, outdir: dir, outExtension: { '.js': '.mjs' }, splitting: true,
    bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    define: await fastlaneDefine(),
  });
  const fix = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'fix.mjs')).href)) as typeof Fix;
  const validate = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'validate.mjs')).href)) as typeof Validate;
  return { dir, fix, validate };
}
