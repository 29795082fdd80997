// scripts/merge-chunks.mjs: the chunks on the wizard's way to its first frame are merged into a few
// ES modules, by who needs them — the commands that draw nothing with Ink must not get Ink with them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';

const DIST = resolve(__dirname, '../../dist');
const CLI = join(DIST, 'cli.js');

/** the files a file imports statically (import … from, import "…", export … from), followed */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w${},*\s]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) todo.push(join(dirname(file), m[1]));
  }
  return seen;
}
/** the files a file loads with import("./…") */
const dynamicImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/import\(["'](\.{1,2}\/[^"']+)["']\)/g)].map((m) => join(dirname(file), m[1]));
/** the chunk a file loads with import() whose name starts with `name-` */
function dynamicChunk(file: string, name: string): string {
  const hits = dynamicImports(file).filter((f) => f.split('/').pop()!.startsWith(`${name}-`));
  expect(hits, `${file} loads one ${name}-*.js`).toHaveLength(1);
  return hits[0];
}
const vendor = () => readdirSync(join(DIST, 'chunks')).find((f) => /^ink-vendor-.*\.cjs$/.test(f))!;
const loadsInk = (files: Set<string>) => [...files].filter((f) => readFileSync(f, 'utf8').includes(vendor()));

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: resolve(__dirname, '../..') });
});

it('the wizard reaches its first frame through six ES modules (cli, its chunk, the command, its chunk, Wizard, its chunk)', () => {
  const command = dynamicChunk(CLI, 'wizard');
  const ui = dynamicChunk(command, 'Wizard');
  const files = new Set([...staticClosure(CLI), ...staticClosure(command), ...staticClosure(ui)]);
  expect([...files].map((f) => f.slice(DIST.length + 1)).sort(), 'the ES modules before the first frame').toHaveLength(6);
  // Ink and React load with Wizard.tsx's chunk, not with the command's (prepareInkColor runs first)
  expect(loadsInk(staticClosure(command))).toEqual([]);
  expect(loadsInk(staticClosure(ui))).toHaveLength(1);
});

it('no command loads Ink when its module loads (they import it inside run(), when they draw)', () => {
  const commands = dynamicImports(CLI);
  expect(commands.length).toBeGreaterThan(10);
  for (const c of commands) expect(loadsInk(staticClosure(c)), c).toEqual([]);
  expect(loadsInk(staticClosure(CLI))).toEqual([]);
});

it('every chunk a file imports is there (a merged chunk is imported from its merged file, never left behind)', () => {
  const js = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));
  const files = [...js(DIST), ...js(join(DIST, 'chunks'))];
  const merged = files.filter((f) => /first-frame-(cli|core|ui)-/.test(f));
  expect(merged.map((f) => f.split('/').pop()!.replace(/-\w+\.js$/, '')).sort()).toEqual(['first-frame-cli', 'first-frame-core', 'first-frame-ui']);
  for (const f of files) for (const t of [...staticClosure(f), ...dynamicImports(f)]) expect(existsSync(t), `${f} imports ${t}`).toBe(true);
});

it('conf and its JSON-schema validator (ajv) load only with the profile store: not with the flow, nor with `import` without --profile', () => {
  const js = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));
  const files = [CLI, ...js(join(DIST, 'chunks'))];
  // ajv's draft-07 meta-schema address: one file holds it
  const ajv = files.filter((f) => readFileSync(f, 'utf8').includes('json-schema.org/draft-07/schema'));
  expect(ajv).toHaveLength(1);
  // store.ts's own chunk, which `profiles`, `--profile` and the wizard load with import() when they
  // open the store: no file loads it statically
  expect(ajv[0].split('/').pop()).toMatch(/^store-\w+\.js$/);
  expect(files.filter((f) => f !== ajv[0] && staticClosure(f).has(ajv[0]))).toEqual([]);
  for (const c of ['import', 'validate', 'status', 'history', 'diagnose', 'fix', 'access']) expect(staticClosure(dynamicChunk(CLI, c)).has(ajv[0]), c).toBe(false);
});
