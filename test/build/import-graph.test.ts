// The import graph of src/ (static imports, `export … from` and `await import()`, type-only ones
// included — a circle of types is still two files that cannot be read alone):
// - no import circles;
// - nothing under src/ui is reached from src/commands/import.ts or any file under src/flow, however
//   many files lie between (core-imports.test.ts checks a core file's own imports; this follows them).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+[^'"]*?from\s+'(\.[^']+)'|import\s*\(\s*'(\.[^']+)'\s*\)|(?:^|\n)\s*import\s+'(\.[^']+)'/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    // wasm/: AssemblyScript, compiled on its own (no imports into the TypeScript graph)
    if (e.isDirectory()) return e.name === 'wasm' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** file (relative to src/, no extension) → the files it imports */
function graphOf(texts: Map<string, string>): Map<string, string[]> {
  const g = new Map<string, string[]>();
  const known = new Set(texts.keys());
  const resolve = (from: string, spec: string) => {
    const base = path.posix.join(path.posix.dirname(from), spec).replace(/\.js$/, '');
    return [base, `${base}/index`].find((c) => known.has(c));
  };
  for (const [f, text] of texts) {
    const to = [...text.matchAll(IMPORT)].map((m) => resolve(f, m[1] ?? m[2] ?? m[3])).filter((x): x is string => !!x);
    g.set(f, [...new Set(to)]);
  }
  return g;
}

/** the strongly connected components of more than one file (Tarjan), each sorted */
function circles(g: Map<string, string[]>): string[][] {
  let n = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || g.get(v)!.includes(v)) out.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** for each root, the first path (root → … → a file under `into`) when there is one */
function reaches(g: Map<string, string[]>, roots: string[], into: string): string[] {
  const found: string[] = [];
  for (const r of roots) {
    const from = new Map<string, string | null>([[r, null]]);
    const queue = [r];
    while (queue.length) {
      const v = queue.shift()!;
      if (v.startsWith(into)) {
        const chain: string[] = [];
        for (let x: string | null = v; x; x = from.get(x)!) chain.unshift(x);
        found.push(chain.join(' → '));
        break;
      }
      for (const w of g.get(v) ?? []) if (!from.has(w)) (from.set(w, v), queue.push(w));
    }
  }
  return found;
}

const TEXTS = new Map(sources(SRC).map((f) => [path.relative(SRC, f).split(path.sep).join('/').replace(/\.tsx?$/, ''), readFileSync(f, 'utf8')]));
const GRAPH = graphOf(TEXTS);

describe('the import graph of src/', () => {
  it('reads the imports it should (the walk can fail)', () => {
    const g = graphOf(new Map([
      ['a/x', "import { y } from '../b/y.js';\nexport type { Z } from './z.js';"],
      ['a/z', "const m = await import('../c/index.js');"],
      ['b/y', "import type { X } from '../a/x.js';"],
      ['c/index', "import 'node:fs';"],
    ]));
    expect(Object.fromEntries(g)).toEqual({ 'a/x': ['b/y', 'a/z'], 'a/z': ['c/index'], 'b/y': ['a/x'], 'c/index': [] });
    expect(circles(g)).toEqual([['a/x', 'b/y']]);
    expect(reaches(g, ['b/y'], 'c/')).toEqual(['b/y → a/x → a/z → c/index']);
    // and it sees the project: import.ts's own imports are in the graph
    expect(GRAPH.get('commands/import')).toContain('flow/machine/index');
  });

  it('has no import circles', () => {
    expect(circles(GRAPH).map((c) => c.join(','))).toEqual([]);
  });

  it('src/commands/import.ts and src/flow reach nothing under src/ui, through any number of files', () => {
    const roots = [...GRAPH.keys()].filter((f) => f === 'commands/import' || f.startsWith('flow/'));
    expect(roots.length).toBeGreaterThan(20);
    expect(reaches(GRAPH, roots, 'ui/')).toEqual([]);
  });
});
