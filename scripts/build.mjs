// Bundles the CLI with esbuild so exactly one React copy runs and start-up stays fast.
// Code splitting keeps Ink and the AWS SDK in chunks that are loaded only when a command needs them:
// `--version` and `--help` load dist/cli.js alone.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { rmSync, readFileSync, renameSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fastlaneDefine } from './wasm.mjs';
import { mergeFirstFrameChunks } from './merge-chunks.mjs';

const require = createRequire(import.meta.url);

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
      const noFetch = text.replaceAll('"function"!=typeof fetch', '!0');
      if (noFetch === text) throw new Error(`${args.path}: the \`typeof fetch\` checks were not found (yoga-layout changed?)`);
      // its 96 KB of base64 decoded by Node's Buffer, not by atob and a charCodeAt loop run cold
      // (≈ 2–4 ms of the first frame)
      const slowDecode = 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
      if (!noFetch.includes(slowDecode)) throw new Error(`${args.path}: its base64 decoding was not found (yoga-layout changed?)`);
      let out = noFetch.replace(slowDecode, 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))');
      if (b.initialOptions.format === 'cjs') {
        // in Ink's CommonJS file (inkVendor, below): compiled and instantiated at once when asked
        // ({ __piSync: true }), as CommonJS cannot await it; its folder (import.meta.url) is unused
        const hook = /if\(h\.instantiateWasm\)try\{return h\.instantiateWasm\(d,\s*a\)\}/;
        if (!hook.test(out) || !out.includes('var _scriptDir = import.meta.url;')) throw new Error(`${args.path}: its instantiateWasm hook was not found (yoga-layout changed?)`);
        out = out.replace(hook, 'if(h.__piSync||h.instantiateWasm)try{if(h.__piSync){a(new WebAssembly.Instance(new WebAssembly.Module(wa()),d));return{}}return h.instantiateWasm(d,a)}').replace('var _scriptDir = import.meta.url;', 'var _scriptDir = undefined;');
      }
      return { contents: out, loader: 'js' };
    });
    // yoga's entry awaits the loader at the top level; in CommonJS it is loaded synchronously (above)
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => {
      if (b.initialOptions.format !== 'cjs') return undefined;
      const text = readFileSync(args.path, 'utf8');
      const from = 'const Yoga = wrapAssembly(await loadYoga());';
      if (!text.includes(from)) throw new Error(`${args.path}: its top-level await was not found (yoga-layout changed?)`);
      const to = "const __piYoga = { __piSync: true };\nloadYoga(__piYoga);\nif (!__piYoga.calledRun) throw new Error('yoga-layout did not load');\nconst Yoga = wrapAssembly(__piYoga);";
      return { contents: text.replace(from, to), loader: 'js' };
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

/**
 * wrap-ansi, as Ink's text wrapping imports it, is src/ui/ink/wrap.ts: a row a break started does not
 * begin with the space it was broken at (Ink's `trim: false` kept it: " on." at the left edge).
 */
const inkWrap = {
  name: 'ink-wrap',
  setup(b) {
    b.onResolve({ filter: /^wrap-ansi$/ }, (args) => (/node_modules[\\/]ink[\\/]build$/.test(args.resolveDir) ? { path: new URL('../src/ui/ink/wrap.ts', import.meta.url).pathname } : undefined));
  },
};

/**
 * Ink's Output (one per frame) remembers each line's styled characters and widths only for that
 * frame: a live view drawing the same lines every second tokenized all of them again each time
 * (the largest share of a tick's CPU in --cpu-prof profiles of `status`, issue #17). The caches are
 * shared by the frames instead, and emptied when they pass CACHE_LIMIT entries (a view whose text
 * keeps changing does not grow them without end). Output never changes a cached value.
 */
const inkSharedOutputCaches = {
  name: 'ink-shared-output-caches',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const decl = '    caches = new OutputCaches();';
      if (!text.includes(decl) || !text.includes('class OutputCaches {')) throw new Error(`${args.path}: Output's per-frame caches were not found (ink changed?)`);
      const out = text.replace(decl, '    caches = sharedOutputCaches();').replace(
        'export default class Output {',
        `const CACHE_LIMIT = 2000;
let shared;
function sharedOutputCaches() {
    if (!shared || shared.widths.size + shared.blockWidths.size + shared.styledChars.size > CACHE_LIMIT) shared = new OutputCaches();
    return shared;
}
export default class Output {`,
      );
      return { contents: out, loader: 'js' };
    });
  },
};

/**
 * Node built-ins that Ink's dependencies load for a case the wizard never meets, before its first
 * frame (scripts/first-frame.mjs, issue #17; each is a chain of Node's internal modules to compile):
 * - terminal-size imports child_process (with dgram, net's socket list…) to ask `tput`/`stty` for the
 *   size when the terminal does not say it: loaded on that call instead;
 * - signal-exit 3 (Ink's and restore-cursor's) requires assert for one check that a callback is a
 *   function: that check, without assert's module and its error formatting.
 */
const inkLazyBuiltins = {
  name: 'ink-lazy-builtins',
  setup(b) {
    b.onLoad({ filter: /[\\/]terminal-size[\\/]index\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = "import {execFileSync} from 'node:child_process';";
      if (!text.includes(from)) throw new Error(`${args.path}: the child_process import was not found (terminal-size changed?)`);
      const to = b.initialOptions.format === 'cjs' ? "const execFileSync = (...a) => require('node:child_process').execFileSync(...a);" : "import {createRequire as __tsRequire} from 'node:module';\nconst execFileSync = (...a) => __tsRequire(import.meta.url)('node:child_process').execFileSync(...a);";
      return { contents: text.replace(from, to), loader: 'js' };
    });
    // restore-cursor's signal-exit is Ink's (the same 3.0.7, each copy registering a listener for
    // every signal as the first frame is drawn; their emitter is process-wide either way)
    b.onResolve({ filter: /^signal-exit$/ }, (args) => {
      if (!/[\\/]restore-cursor$/.test(args.resolveDir)) return undefined;
      const own = require(`${args.resolveDir}/node_modules/signal-exit/package.json`).version;
      const inks = new URL('../node_modules/ink/node_modules/signal-exit/', import.meta.url).pathname;
      if (require(`${inks}package.json`).version !== own) throw new Error(`restore-cursor's signal-exit ${own} is not Ink's (${require(`${inks}package.json`).version}): the two copies can no longer be one`);
      return { path: `${inks}index.js` };
    });
    b.onResolve({ filter: /^assert$/ }, (args) => (/[\\/]signal-exit$/.test(args.resolveDir) ? { path: 'signal-exit-assert', namespace: 'pi-shim' } : undefined));
    b.onLoad({ filter: /^signal-exit-assert$/, namespace: 'pi-shim' }, () => ({
      contents: "module.exports = { equal(actual, expected, message) { if (actual != expected) { const e = new Error(message); e.code = 'ERR_ASSERTION'; throw e; } } };",
      loader: 'js',
    }));
  },
};

/**
 * `performance`, a lazy global in Node: its first use loads perf_hooks (the performance timeline,
 * histograms, user timing: 8 internal modules, ≈ 0.5 ms before the wizard's first frame). React's
 * scheduler asks for it at load and Ink times each frame with it for an onRender option this CLI
 * does not pass: the scheduler takes its Date.now() fallback (whole milliseconds for its 5 ms time
 * slices) and Ink's frame time is Date.now()'s.
 */
const noPerfHooks = {
  name: 'no-perf-hooks',
  setup(b) {
    const edit = (file, from, to, count) => {
      const parts = readFileSync(file, 'utf8').split(from);
      if (parts.length !== count + 1) throw new Error(`${file}: \`${from}\` was not found ${count} time(s) (the package changed?)`);
      return { contents: parts.join(to), loader: 'js' };
    };
    b.onLoad({ filter: /[\\/]scheduler[\\/]cjs[\\/]scheduler\.production\.js$/ }, (args) => edit(args.path, '"object" === typeof performance && "function" === typeof performance.now', 'false', 1));
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]ink\.js$/ }, (args) => edit(args.path, 'performance.now()', 'Date.now()', 2));
  },
};

/**
 * Ink's error screen (an exception in a component) parses the stack with stack-utils, made when Ink
 * loads: a RegExp for each of Node's ~70 built-in modules, before every first frame. It is made on
 * the error screen's first line instead (ErrorOverview uses only its parseLine).
 */
const inkLazyStackUtils = {
  name: 'ink-lazy-stack-utils',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]components[\\/]ErrorOverview\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const imp = "import StackUtils from 'stack-utils';\n";
      const made = /const stackUtils = new StackUtils\(\{\s*cwd: cwd\(\),\s*internals: StackUtils\.nodeInternals\(\),\s*\}\);/;
      if (!text.includes(imp) || !made.test(text) || (text.match(/stackUtils\./g) ?? []).length !== 2 || (text.match(/stackUtils\.parseLine\(/g) ?? []).length !== 2) throw new Error(`${args.path}: its stack-utils use was not found as expected (ink changed?)`);
      const lazy = "let madeStackUtils;\nconst stackUtils = { parseLine: (line) => (madeStackUtils ??= (() => { const StackUtils = require('stack-utils'); return new StackUtils({ cwd: cwd(), internals: StackUtils.nodeInternals() }); })()).parseLine(line) };";
      return { contents: text.replace(imp, '').replace(made, lazy), loader: 'js' };
    });
  },
};

/**
 * Grapheme segmentation and string-width's emoji pattern, built when first needed rather than when
 * Ink's text modules load (each was ~20 ms of CPU before the wizard's first frame: ICU's break
 * iterator, and a RegExp of every RGI emoji). `new Intl.Segmenter(…)` in Ink's frame builder
 * (@alcalzone/ansi-tokenize), slice-ansi and string-width is src/ui/ink/graphemes.ts's
 * LazySegmenter: the same graphemes (test/ui/graphemes.test.ts), a line of characters that stand
 * alone split without ICU at all.
 */
const inkGraphemes = {
  name: 'ink-graphemes',
  setup(b) {
    const lazy = new URL('../src/ui/ink/graphemes.ts', import.meta.url).pathname;
    const files = /[\\/]node_modules[\\/](string-width[\\/]index|wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/;
    b.onLoad({ filter: files }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      if (!text.includes('new Intl.Segmenter(')) throw new Error(`${args.path}: no Intl.Segmenter found (the package changed?)`);
      text = `import { LazySegmenter as __PiLazySegmenter } from ${JSON.stringify(lazy)};\n${text.replaceAll('new Intl.Segmenter(', 'new __PiLazySegmenter(')}`;
      const rgi = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
      if (text.includes(rgi)) text = text.replace(rgi, () => "let __piRgi;\nconst rgiEmojiRegex = { test: (s) => (__piRgi ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(s) };");
      else if (/\/v;/.test(text) && text.includes('RGI_Emoji')) throw new Error(`${args.path}: string-width's RGI_Emoji pattern changed`);
      return { contents: text, loader: 'js' };
    });
  },
};

/**
 * `import process from 'node:process'` (Ink, chalk, ansi-escapes and a dozen more before the wizard's
 * first frame) is the global `process`. Node's ESM face of the built-in reads every property of
 * process to export it, which loads what its lazy getters hold (process.report and more: ~10 ms of
 * CPU, 19 internal modules) for names nobody imports. The bundle's named imports are listed here;
 * one missing fails the build ("No matching export").
 */
const processGlobal = {
  name: 'process-global',
  setup(b) {
    b.onResolve({ filter: /^(node:)?process$/ }, () => ({ path: 'process', namespace: 'pi-process' }));
    b.onLoad({ filter: /^process$/, namespace: 'pi-process' }, () => ({
      contents: [
        'const p = globalThis.process;',
        'export default p;',
        'export const env = p.env;',
        'export const versions = p.versions;',
        'export const cwd = () => p.cwd();',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * node:http is loaded through require, not as an ES module: Node's ESM face of a built-in reads every
 * property to export it, and node:http's include lazy getters (Node ≥ 22) that load undici for its
 * WebSocket — `import('node:http')` in the SDK's request handler cost ≈ 18 ms on Node 24 (≈ 2 ms by
 * require) before `validate s3://…` sent its first request. Every import of it, static or dynamic,
 * is this module instead: node:http itself as its default export, its plain properties as named ones
 * (its getters are not read; a static import of a name not among them fails the build).
 * test/build/builtins.test.ts checks the bundle.
 */
const httpByRequire = {
  name: 'http-by-require',
  setup(b) {
    b.onResolve({ filter: /^(node:)?http$/ }, (args) => (args.namespace === 'pi-http' ? { path: 'node:http', external: true } : { path: 'http', namespace: 'pi-http' }));
    b.onLoad({ filter: /^http$/, namespace: 'pi-http' }, () => {
      const http = require('node:http');
      const plain = Object.getOwnPropertyNames(http).filter((k) => /^[A-Za-z]\w*$/.test(k) && 'value' in Object.getOwnPropertyDescriptor(http, k));
      return { contents: `const m = require('node:http');\nexport default m;\nexport const { ${plain.join(', ')} } = m;`, loader: 'js' };
    });
  },
};

/**
 * Ink and React — with Ink's dependencies, React's reconciler, the scheduler and yoga's layout engine:
 * ≈ 620 KB (96 KB of it yoga's wasm as base64), most of the code the wizard runs before its first
 * frame — are not chunks of the ES-module bundle: they are built into one CommonJS file beside the
 * chunks (its name holds its hash) that src/ui/ink/code-cache.ts compiles with V8's code cache from
 * an earlier run (Node 20 has no module compile cache; Node ≥ 22's reaches only what Node's module
 * loader loads). Every `ink`, `react` and `react/jsx-runtime` import of the bundle is a module
 * exporting what that file's copy exports (one copy of each). Yoga's wasm is compiled and
 * instantiated at once there (yogaWithoutFetch), not awaited: Node 20 first frame 104/105 ms against
 * 123/119 with yoga an awaited ES module (medians of 11, alternated, load 2.4–2.5).
 * test/build/code-cache.test.ts runs the built wizard twice; test/ui/code-cache.test.ts the loader.
 */
const VENDOR_IDS = ['ink', 'react', 'react/jsx-runtime'];
/**
 * Ink's reconciler awaits, at load, React's devtools and its package.json for them when DEV=true (no
 * top-level await in CommonJS). react-devtools-core is not bundled (as before: Ink's warning that it
 * is not installed is what DEV=true gets).
 */
const inkNoTopLevelAwait = {
  name: 'ink-no-top-level-await',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = /const packageJson = isDev\(\)\s*\? await loadPackageJson\(\)\s*: \{ name: undefined, version: undefined \};/;
      if (!from.test(text)) throw new Error(`${args.path}: its top-level await of package.json was not found (ink changed?)`);
      const devtools = "await import('./devtools.js');";
      if (!text.includes(devtools)) throw new Error(`${args.path}: its devtools import was not found (ink changed?)`);
      const out = text.replace(from, 'const packageJson = { name: undefined, version: undefined };').replace(devtools, "throw Object.assign(new Error('react-devtools-core is not bundled'), { code: 'ERR_MODULE_NOT_FOUND' });");
      return { contents: out, loader: 'js' };
    });
  },
};
/**
 * esbuild's __toESM, which gives an ES module importing a CommonJS one (React, the reconciler …)
 * its namespace, builds a new one at every import: a getter defined per export, 28 times for
 * React's ~60 (one per Ink module importing it), at Ink's load before the first frame (≈ 1.6 ms of
 * its CPU profile, issue #17). The namespace of a module is made once and handed to each importer
 * (the same getters of the same exports; made again if the module's exports changed in number
 * since — a CommonJS module still loading when first imported).
 */
function oneNamespacePerModule(code) {
  const from = 'var __toESM=(mod,isNodeMode,target)=>(';
  if (code.split(from).length !== 2) throw new Error("ink-vendor: esbuild's __toESM helper was not found once (esbuild changed?)");
  const memo = 'var __piNamespaces=new WeakMap,__toESM=(mod,isNodeMode)=>{if(mod==null||typeof mod!="object"&&typeof mod!="function")return __toESM1(mod,isNodeMode);let k=isNodeMode?"node":"esm",n=__getOwnPropNames(mod).length,all=__piNamespaces.get(mod);all||__piNamespaces.set(mod,all={});let hit=all[k];if(hit&&hit.n===n)return hit.ns;let ns=__toESM1(mod,isNodeMode);all[k]={n,ns};return ns};';
  return code.replace(from, `${memo}var __toESM1=(mod,isNodeMode,target)=>(`);
}
const vendorBuild = await build({
  stdin: { contents: VENDOR_IDS.map((id, i) => `export * as m${i} from ${JSON.stringify(id)};`).join('\n'), resolveDir: new URL('..', import.meta.url).pathname, loader: 'js', sourcefile: 'ink-vendor.js' },
  bundle: true,
  write: false,
  format: 'cjs',
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20.17',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  plugins: [yogaWithoutFetch, inkTextWidth, inkWrap, inkSharedOutputCaches, inkLazyBuiltins, inkGraphemes, processGlobal, inkNoTopLevelAwait, noPerfHooks, inkLazyStackUtils],
});
const vendorCode = oneNamespacePerModule(vendorBuild.outputFiles[0].text);
const vendorName = `ink-vendor-${createHash('sha256').update(vendorCode).digest('hex').slice(0, 10).toUpperCase()}.cjs`;
// what each of the three exports, read from the file itself (run here once, as the CLI runs it)
const vendorExports = await (async () => {
  const module = { exports: {} };
  new Function('exports', 'require', 'module', vendorCode)(module.exports, require, module);
  return module.exports;
})();
const vendorNames = VENDOR_IDS.map((_, i) => Object.keys(vendorExports[`m${i}`]));
const inkVendor = {
  name: 'ink-vendor',
  setup(b) {
    const loader = new URL('../src/ui/ink/code-cache.ts', import.meta.url).pathname;
    b.onResolve({ filter: /^(ink|react|react\/jsx-runtime)$/ }, (args) => ({ path: args.path, namespace: 'pi-vendor' }));
    b.onResolve({ filter: /^pi-vendor-load$/ }, () => ({ path: 'load', namespace: 'pi-vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'pi-vendor' }, (args) => {
      if (args.path === 'load') {
        return {
          contents: [
            "import { fileURLToPath } from 'node:url';",
            `import { loadCached } from ${JSON.stringify(loader)};`,
            `export const vendor = loadCached(fileURLToPath(new URL(${JSON.stringify(`./${vendorName}`)}, import.meta.url)), {}).exports;`,
          ].join('\n'),
          resolveDir: new URL('..', import.meta.url).pathname,
          loader: 'js',
        };
      }
      const i = VENDOR_IDS.indexOf(args.path);
      const names = vendorNames[i].filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      return {
        contents: [
          "import { vendor } from 'pi-vendor-load';",
          `const m = vendor.m${i};`,
          ...(vendorNames[i].includes('default') ? ['export default m.default;'] : []),
          `export const { ${names.join(', ')} } = m;`,
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Build into a fresh folder and swap it in at the end, so a CLI started from dist/ meanwhile (tests
// running while someone rebuilds) never finds it empty, and a failed build leaves the old one.
const dist = new URL('../dist', import.meta.url);
const next = new URL(`../dist.next-${process.pid}`, import.meta.url);
const old = new URL(`../dist.old-${process.pid}`, import.meta.url);
rmSync(next, { recursive: true, force: true });

const main = await build({
  // ranged-get: the S3 handler alone, for scripts/s3-bare-get.mjs --handler (the benchmark's floor)
  entryPoints: { cli: 'src/cli.ts', 'ranged-get': 'src/aws/ranged-get.ts' },
  outdir: next.pathname,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // the SDK's (and smithy's) ES-module builds, not their CommonJS ones: esbuild drops the commands and
  // code a command does not import, and no CommonJS wrappers run at load — `history` 173 → 139 ms,
  // `validate s3://` 687 → 666 ms (medians of 9, alternated), dist 5.4 → 4.9 MB. Packages with an
  // `exports` map resolve by it either way.
  mainFields: ['module', 'main'],
  target: 'node20.17',
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
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
  metafile: true,
  plugins: [yogaWithoutFetch, inkTextWidth, inkWrap, inkSharedOutputCaches, inkLazyBuiltins, inkGraphemes, processGlobal, httpByRequire, inkVendor],
});
writeFileSync(new URL(`chunks/${vendorName}`, `${next.href}/`), vendorCode);
// step 1's ~20 chunks as three ES modules (scripts/merge-chunks.mjs says which and why)
await mergeFirstFrameChunks(next.pathname, main.metafile, { cli: 'src/cli.ts', wizard: 'src/commands/wizard.ts', Wizard: 'src/ui/ink/Wizard.tsx', vendorLoad: 'pi-vendor:load' });

if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
