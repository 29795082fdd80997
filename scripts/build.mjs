// Bundles the CLI with esbuild so exactly one React copy runs and start-up stays fast.
// Code splitting keeps Ink and the AWS SDK in chunks that are loaded only when a command needs them:
// `--version` and `--help` load dist/cli.js alone.
import { build } from 'esbuild';
import { rmSync, readFileSync, renameSync, existsSync } from 'node:fs';
import { fastlaneDefine } from './wasm.mjs';

/**
 * yoga-layout's loader (Emscripten) asks `typeof fetch` before it decodes its inline wasm. In Node,
 * `fetch` is a lazy global: that question alone loads Node's HTTP client (undici, http, http2:
 * tens of ms before the wizard's first frame). The wasm is inline (a data: URI), so fetch is never
 * the way it is loaded: the checks are answered "no fetch" at build time.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const out = text.replaceAll('"function"!=typeof fetch', '!0');
      if (out === text) throw new Error(`${args.path}: the \`typeof fetch\` checks were not found (yoga-layout changed?)`);
      return { contents: out, loader: 'js' };
    });
  },
};

/**
 * string-width, as Ink, widest-line and cli-truncate import it, is src/ui/ink/text-width.ts: the
 * same widths (test/ui/text-width.test.ts), without string-width's RGI_Emoji pattern for the
 * characters a wizard screen or a live view draws (its first use cost ~190 ms of CPU before the
 * wizard's first frame: scripts/first-frame.mjs, issue #17).
 */
const inkTextWidth = {
  name: 'ink-text-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) => (/node_modules[\\/](ink[\\/]build|widest-line|cli-truncate)$/.test(args.resolveDir) ? { path: new URL('../src/ui/ink/text-width.ts', import.meta.url).pathname } : undefined));
  },
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Build into a fresh folder and swap it in at the end, so a CLI started from dist/ meanwhile (tests
// running while someone rebuilds) never finds it empty, and a failed build leaves the old one.
const dist = new URL('../dist', import.meta.url);
const next = new URL(`../dist.next-${process.pid}`, import.meta.url);
const old = new URL(`../dist.old-${process.pid}`, import.meta.url);
rmSync(next, { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: next.pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.17',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // Everything is bundled (s3rver included), so the published package has no dependencies to
  // install: `npx personalize-import` fetches one tarball.
  // react-devtools-core: Ink imports it only when DEV=true; it is not installed.
  external: ['react-devtools-core'],
  define: {
    'process.env.NODE_ENV': '"production"',
    __PKG_VERSION__: JSON.stringify(pkg.version),
    // the validation engine's fast lane (WebAssembly, compiled from src/validate/wasm)
    ...(await fastlaneDefine()),
  },
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __pi_createRequire } from 'node:module';\nconst require = __pi_createRequire(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [yogaWithoutFetch, inkTextWidth],
});

if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
