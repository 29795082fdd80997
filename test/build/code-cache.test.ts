// Ink and React ship beside the chunks as one CommonJS file compiled from V8's code cache
// (scripts/build.mjs inkVendor, src/ui/ink/code-cache.ts; the loader's own cases:
// test/ui/code-cache.test.ts). Here:
// the bundle really loads it that way, and the built wizard writes the cache once its first frame is
// out, then starts from it — and from a corrupt one — with the same first screen.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CLI, Terminal } from '../helpers/tmux.js';

const CHUNKS = resolve(__dirname, '../../dist/chunks');

// what only Ink, React's reconciler, React and its JSX runtime hold
const MARKERS = ['function createFiber(', 'Minified React error #', 'react.transitional.element', '"ink-root"'];

it('Ink and React are one file, named by its hash, and no chunk bundles them too', () => {
  const files = readdirSync(CHUNKS).filter((f) => /^ink-vendor-[0-9A-F]{10}\.cjs$/.test(f));
  expect(files).toHaveLength(1);
  const code = readFileSync(join(CHUNKS, files[0]), 'utf8');
  for (const m of MARKERS) expect(code, m).toContain(m);
  expect(files[0]).toContain(createHash('sha256').update(code).digest('hex').slice(0, 10).toUpperCase());
  const chunks = readdirSync(CHUNKS).filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(CHUNKS, f), 'utf8')] as const);
  for (const m of MARKERS) expect(chunks.filter(([, c]) => c.includes(m)).map(([f]) => f), m).toEqual([]);
  expect(chunks.filter(([, c]) => c.includes(`"./${files[0]}"`))).toHaveLength(1);
});

let t: Terminal | undefined;
afterEach(() => t?.close());

async function firstFrame(tmp: string): Promise<string> {
  t?.close();
  t = new Terminal(['node', CLI], { cols: 80, rows: 24, env: { TMPDIR: tmp, NO_COLOR: '1', PERSONALIZE_IMPORT_CONFIG_DIR: join(tmp, 'cfg'), AWS_PROFILE: undefined } });
  return t.waitFor('step 1 of 9');
}

it('the wizard writes the cache after its first frame and starts from it, or past a corrupt one', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pi-wizard-cache-'));
  const first = await firstFrame(tmp);
  // (written once the first frame is out: just after it, not with it)
  const rootOf = () => readdirSync(tmp).find((f) => f.startsWith('personalize-import-code-cache'));
  await t!.waitFor(() => rootOf() !== undefined);
  const root = rootOf();
  expect(root).toBeDefined();
  const dir = join(tmp, root!, `${process.version}-${process.arch}`);
  const cacheFile = () => (existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cjs.v8cache')) : undefined);
  await t!.waitFor(() => cacheFile() !== undefined);
  expect(readFileSync(join(dir, cacheFile()!)).length).toBeGreaterThan(10_000);
  const title = (s: string) => s.split('\n').slice(0, 3).join('\n');
  expect(title(await firstFrame(tmp))).toBe(title(first));
  writeFileSync(join(dir, cacheFile()!), 'corrupt'.repeat(1000));
  const again = await firstFrame(tmp);
  expect(title(again)).toBe(title(first));
  expect(again).not.toMatch(/Error|at .*\.js:\d+/);
  // rewritten whole once that first frame is out
  await t!.waitFor(() => existsSync(join(dir, cacheFile()!)) && readFileSync(join(dir, cacheFile()!)).length > 10_000);
}, 60_000);
