// src/ui/ink/code-cache.ts (React's reconciler compiled from V8's code cache): each load is its own
// process, as each start of the CLI is (V8 would answer a second compile in one process from memory,
// and a test of the cache would then pass without it).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { codeCacheDir, sweep } from '../../src/ui/ink/code-cache.js';

// the run script bundled once (esbuild) and run by plain node: through `--import tsx` each of the
// file's ~20 processes spent ~0.5 s of CPU compiling TypeScript before it loaded anything
let RUN: string;
let bundleDir: string;
beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'pi-code-cache-run-'));
  RUN = join(bundleDir, 'run.mjs');
  await build({ entryPoints: [resolve(__dirname, '../helpers/code-cache-run.ts')], outfile: RUN, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
let tmp: string;
let file: string;
let dir: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pi-code-cache-'));
  file = join(tmp, 'lib.cjs');
  // enough code that V8 has something to cache, and a require of the one dependency it is given
  const fns = Array.from({ length: 200 }, (_, i) => `function f${i}(n) { return n * ${i} + require('dep').x; }`).join('\n');
  writeFileSync(file, `${fns}\nmodule.exports = { answer: require('dep').x + 1, twice: (n) => n * 2 + f3(0) - 41 };\n`);
  dir = join(tmp, 'cache', 'v');
});
afterEach(() => {
  chmodSync(tmp, 0o700);
  rmSync(tmp, { recursive: true, force: true });
});

function load(d: string = dir, env: NodeJS.ProcessEnv = {}): { cache: string; answer: number; twice: number } {
  return JSON.parse(execFileSync(process.execPath, [RUN, file, d], { encoding: 'utf8', env: { ...process.env, ...env } }));
}
const cacheFile = () => join(dir, 'lib.cjs.v8cache');

it('compiles from the cache the first run wrote, with the same result', () => {
  expect(load()).toEqual({ cache: 'none', answer: 42, twice: 8 });
  expect(existsSync(cacheFile())).toBe(true);
  expect(load()).toEqual({ cache: 'used', answer: 42, twice: 8 });
});

it('ignores a corrupt or cut-short cache, and writes a good one in its place', () => {
  load();
  const good = readFileSync(cacheFile());
  writeFileSync(cacheFile(), Buffer.from('not a cache at all'.repeat(100)));
  expect(load()).toEqual({ cache: 'rejected', answer: 42, twice: 8 });
  expect(load().cache).toBe('used');
  writeFileSync(cacheFile(), good.subarray(0, good.length >> 1));
  expect(load()).toEqual({ cache: 'rejected', answer: 42, twice: 8 });
  expect(load().cache).toBe('used');
});

it('a cache with a byte changed on disk (length and header intact, which V8 alone would take) is rejected by its checksum and written again', () => {
  load();
  const bytes = readFileSync(cacheFile());
  const i = bytes.length >> 1;
  bytes[i] ^= 0x40;
  writeFileSync(cacheFile(), bytes);
  expect(load()).toEqual({ cache: 'rejected', answer: 42, twice: 8 });
  expect(load().cache).toBe('used');
});

it('a cache of another source (the file changed, same name) is rejected, not run', () => {
  load();
  writeFileSync(file, `module.exports = { answer: 1, twice: (n) => n };\n`);
  expect(load()).toEqual({ cache: 'rejected', answer: 1, twice: 4 });
});

it('runs without a cache where none can be written', () => {
  const blocked = join(tmp, 'a-file');
  writeFileSync(blocked, '');
  expect(load(join(blocked, 'v'))).toEqual({ cache: 'none', answer: 42, twice: 8 });
  expect(load(join(blocked, 'v')).cache).toBe('none');
});

it('does not read a cache in a folder others can write to', () => {
  load();
  chmodSync(dir, 0o777);
  expect(load()).toEqual({ cache: 'none', answer: 42, twice: 8 });
});

it('NODE_DISABLE_COMPILE_CACHE=1 turns it off; else it is per user and per Node version, under the temp dir', () => {
  expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
  const d = codeCacheDir({})!;
  expect(d.startsWith(tmpdir())).toBe(true);
  expect(d).toContain(process.version);
  // the CLI's own default folder, with the variable set
  expect(load('-', { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ cache: 'off', answer: 42, twice: 8 });
  expect(readdirSync(tmp)).toEqual(['lib.cjs']);
});

it("another build's caches go once there are more than 4 and they are older than 14 days; the newest stay whatever their age, and a killed run's temporary file after an hour", () => {
  // each version of the tool leaves a cache of its own bundle (≈ 0.6 MB): without a sweep they pile up
  const d = join(tmp, 'sweep');
  mkdirSync(d);
  const now = Date.now();
  const day = 24 * 3600_000;
  const ages: Record<string, number> = { 'a.cjs.v8cache': 1, 'b.cjs.v8cache': 20, 'c.cjs.v8cache': 30, 'd.cjs.v8cache': 40, 'e.cjs.v8cache': 50, 'f.cjs.v8cache': 2, 'g.cjs.v8cache.123.tmp': 0.5, 'h.cjs.v8cache.456.tmp': 0.01, 'notes.txt': 99 };
  for (const [n, age] of Object.entries(ages)) {
    writeFileSync(join(d, n), 'x');
    utimesSync(join(d, n), (now - age * day) / 1000, (now - age * day) / 1000);
  }
  sweep(d, join(d, 'a.cjs.v8cache'), now);
  // kept: the one just written (a), the 3 newest others (f, b, c) whatever their age; d and e (older than 14 days) go;
  // the 12-hour-old temporary file goes, the 15-minute-old one stays; what is not a cache is not touched
  expect(readdirSync(d).sort()).toEqual(['a.cjs.v8cache', 'b.cjs.v8cache', 'c.cjs.v8cache', 'f.cjs.v8cache', 'h.cjs.v8cache.456.tmp', 'notes.txt']);
  // all young: nothing goes
  const y = join(tmp, 'young');
  mkdirSync(y);
  for (const n of ['1', '2', '3', '4', '5', '6']) writeFileSync(join(y, `${n}.cjs.v8cache`), 'x');
  sweep(y, join(y, '1.cjs.v8cache'), now);
  expect(readdirSync(y)).toHaveLength(6);
});

it('writing a cache sweeps its folder', () => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(join(dir, '..'), 0o700);
  const old = join(dir, 'old-build.cjs.v8cache');
  for (const n of ['p', 'q', 'r', 's']) writeFileSync(join(dir, `${n}.cjs.v8cache`), 'x');
  writeFileSync(old, 'x');
  const t = (Date.now() - 30 * 24 * 3600_000) / 1000;
  for (const n of ['p', 'q', 'r', 's']) utimesSync(join(dir, `${n}.cjs.v8cache`), t + 100, t + 100);
  utimesSync(old, t, t);
  expect(load().cache).toBe('none');
  expect(existsSync(cacheFile())).toBe(true);
  expect(existsSync(old)).toBe(false);
  expect(readdirSync(dir).filter((n) => n.endsWith('.v8cache'))).toHaveLength(4);
});
