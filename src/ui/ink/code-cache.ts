// Ink and React (with React's reconciler, yoga and Ink's other dependencies: most of the code the
// wizard parses and runs before its first frame) are compiled with V8's code cache: the build writes
// them beside the chunks as one CommonJS file (scripts/build.mjs, inkVendor) and this loads it with
// node:vm, handing V8 the code it compiled on an earlier run — after that run's first frame, so the
// functions that drew it are in it too. A cache is V8's own format, checked by V8 (its version,
// flags and the source's length: a stale or cut-short file is rejected and written again); its name
// holds the Node version and the source's hash, in a folder of this user's alone under the OS temp
// dir (as Node ≥ 22's module compile cache, which covers only what Node's module loader loads).
// V8 checks the cache's version, flags and length but not its bytes (its checksum is off in release
// builds), and bytes changed on disk could crash the deserializer: the file starts with a 64-bit
// checksum of the rest (src/ui/ink/checksum.ts: ≈ 0.8 ms for ~600 KB, where zlib.crc32 cost ≈ 2 ms
// on Node 24, most of it loading node:zlib), and one that does not match is not handed to V8. Nothing about it is ever shown: a cache that cannot be read or written is as if there were none.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's.
import { tmpdir } from 'node:os';
import { createRequire, isBuiltin } from 'node:module';
import { basename, join } from 'node:path';
import { Script } from 'node:vm';
import { checksum64 } from './checksum.js';

// node:fs from Node's table of built-ins (Node ≥ 20.16), not as an ES module: Node's ES-module face
// of a built-in reads every property to export it, and fs.promises is a getter that loads the
// promises API, fs streams and readline — ≈ 1 ms of Node 24's start before the wizard's first
// frame, for names this file does not use
const { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } = process.getBuiltinModule('node:fs');

interface Pending {
  script: Script;
  file: string;
}
const pending: Pending[] = [];
let hooked = false;
let nodeRequire: NodeJS.Require | undefined;

/** The folder the caches go in, or undefined when there is none to use. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return join(tmpdir(), `personalize-import-code-cache${uid === undefined ? '' : `-${uid}`}`, `${process.version}-${process.arch}`);
}

/** The folder is ours alone: owned by this user, writable by no one else (never a link). */
function private_(dir: string): boolean {
  try {
    const s = lstatSync(dir);
    return s.isDirectory() && (typeof process.getuid !== 'function' || s.uid === process.getuid()) && (s.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** the cache's bytes after their checksum (8 bytes, little-endian) */
function sealed(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(8 + data.length);
  out.writeBigUInt64LE(checksum64(data), 0);
  data.copy(out, 8);
  return out;
}

/** a cache file's V8 bytes when their checksum matches, else undefined (changed on disk, or none) */
function intact(file: Buffer): Buffer | undefined {
  if (file.length <= 8) return undefined;
  const data = file.subarray(8);
  return checksum64(data) === file.readBigUInt64LE(0) ? data : undefined;
}

/**
 * Runs a CommonJS file (one that needs only `deps` and Node's own modules from require) and returns its module.exports,
 * compiled from the cache when one is there and V8 takes it.
 */
export function loadCached(file: string, deps: Record<string, unknown>, dir = codeCacheDir()): { exports: unknown; cache: 'used' | 'rejected' | 'none' | 'off' } {
  const source = readFileSync(file, 'utf8');
  const cacheFile = dir && join(dir, `${basename(file)}.v8cache`);
  let cachedData: Buffer | undefined;
  let changed = false;
  if (cacheFile && private_(join(dir, '..')) && private_(dir)) {
    try {
      const read = readFileSync(cacheFile);
      cachedData = intact(read);
      changed = !cachedData;
    } catch {
      /* none yet */
    }
  }
  const script = new Script(`(function (exports, require, module) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  const require = (id: string): unknown => {
    if (Object.hasOwn(deps, id)) return deps[id];
    // Node's own modules by require: no ES-module face built for them (it reads every property)
    if (isBuiltin(id)) return (nodeRequire ??= createRequire(import.meta.url))(id);
    throw new Error(`${file} requires ${id}, which the build did not provide`);
  };
  (script.runInThisContext() as (e: unknown, r: typeof require, m: typeof module) => void)(module.exports, require, module);
  const cache = !cacheFile ? 'off' : changed ? 'rejected' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  if (cacheFile && cache !== 'used') {
    pending.push({ script, file: cacheFile });
    if (!hooked) {
      hooked = true;
      process.once('exit', saveCodeCaches);
    }
  }
  return { exports: module.exports, cache };
}

/**
 * Writes the caches of the files loaded without one. Called once the first frame is out (the code
 * that drew it is compiled by then, and goes in the cache), else on exit.
 */
export function saveCodeCaches(): void {
  for (const { script, file } of pending.splice(0)) {
    try {
      const dir = join(file, '..');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!private_(join(dir, '..')) || !private_(dir)) continue;
      const data = sealed(script.createCachedData());
      // written whole, then renamed: a reader never sees half a file
      const tmp = `${file}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, data);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
      sweep(dir, file);
    } catch {
      /* an unwritable cache: the next run compiles again */
    }
  }
}

/** caches of other builds kept in a folder whatever their age (several installed versions in turn) */
export const KEEP_CACHES = 4;
/** older than this, a cache beyond the KEEP_CACHES newest is removed */
export const CACHE_MAX_AGE_MS = 14 * 24 * 3600_000;

/**
 * Every build's bundle has a cache of its own (its name holds the bundle's hash), so each version
 * used once leaves ≈ 0.6 MB in the temp folder: as a new cache is written, the folder's other
 * caches beyond the KEEP_CACHES most recently written and older than CACHE_MAX_AGE_MS go (and
 * temporary files a killed run left). One that goes costs its build one slower start.
 */
export function sweep(dir: string, keep: string, now = Date.now()): void {
  try {
    const caches = readdirSync(dir)
      .filter((n) => n.endsWith('.v8cache') || /\.v8cache\.\d+\.tmp$/.test(n))
      .map((n) => ({ path: join(dir, n), tmp: n.endsWith('.tmp'), mtime: lstatSync(join(dir, n)).mtimeMs }))
      .filter((c) => c.path !== keep)
      .sort((a, b) => b.mtime - a.mtime);
    let kept = 0;
    for (const c of caches) {
      const old = now - c.mtime > CACHE_MAX_AGE_MS;
      if (!c.tmp && kept < KEEP_CACHES - 1) {
        kept++;
        continue;
      }
      // (a temporary file is another run's only while it writes: an hour is plenty)
      if (old || (c.tmp && now - c.mtime > 3600_000)) unlinkSync(c.path);
    }
  } catch {
    /* a folder that cannot be read or a file that cannot go: left as it is */
  }
}
