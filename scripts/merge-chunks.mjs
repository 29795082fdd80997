// The chunks the wizard loads before its first frame, merged into three ES modules (issue 17).
// esbuild splits shared code by which entry points reach it, and this bundle has many (every
// import() is one): step 1's path — dist/cli.js, the wizard command, Wizard.tsx — was ~20 ES
// modules, each resolved, read, compiled and linked by Node's loader before the first frame (the
// largest share of Node 24's start after --version). The chunks are merged by who needs them, so
// that no command loads more than it did in kind:
// - `cli`: what dist/cli.js imports statically (every command loads it, --version included);
// - `core`: the rest of step 1's path that does not load Ink (argument parsing, the code cache's
//   loader, the flow's step names …): other commands that import one of its chunks load it all —
//   declarations, a few KB;
// - `ui`: what loads Ink and React (the ink-vendor file), with step 1's components: loaded by the
//   code that draws with Ink, and only after prepareInkColor (the wizard command and Wizard.tsx stay
//   entries of their own, loaded by import() as before).
// Each module stays in exactly one file (a merged chunk's importers are rewritten to import its
// names from the merged file; the chunk is deleted), so nothing is loaded twice. A merge that would
// make two files import each other fails the build.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

/**
 * @param {string} outdir the build's output folder (absolute)
 * @param {import('esbuild').Metafile} meta the main build's metafile (paths relative to cwd)
 * @param {{ cli: string, wizard: string, Wizard: string, vendorLoad: string }} ids the entry points'
 *   sources (as the metafile names them) and the vendor loader's input
 */
export async function mergeFirstFrameChunks(outdir, meta, ids) {
  const abs = (p) => resolve(p);
  const outs = new Map(Object.entries(meta.outputs).filter(([p]) => p.endsWith('.js')).map(([p, o]) => [abs(p), o]));
  const find = (pred, what) => {
    const hit = [...outs].filter(([, o]) => pred(o));
    if (hit.length !== 1) throw new Error(`merge-chunks: ${hit.length} outputs for ${what}`);
    return hit[0][0];
  };
  const cli = find((o) => o.entryPoint === ids.cli, ids.cli);
  const wizard = find((o) => o.entryPoint === ids.wizard, ids.wizard);
  const Wizard = find((o) => o.entryPoint === ids.Wizard, ids.Wizard);
  const vendorLoad = find((o) => Object.keys(o.inputs).includes(ids.vendorLoad), ids.vendorLoad);
  const staticImports = (f) => (outs.get(f)?.imports ?? []).filter((i) => i.kind === 'import-statement' && !i.external).map((i) => abs(i.path));
  const closure = (roots) => {
    const seen = new Set();
    const walk = (f) => {
      if (seen.has(f)) return;
      seen.add(f);
      staticImports(f).forEach(walk);
    };
    roots.forEach(walk);
    return seen;
  };
  const isEntry = (f) => Boolean(outs.get(f).entryPoint);
  const cliGroup = [...closure([cli])].filter((f) => f !== cli);
  const path1 = [...closure([wizard, Wizard])].filter((f) => !isEntry(f) && !cliGroup.includes(f));
  const ui = path1.filter((f) => closure([f]).has(vendorLoad));
  const core = path1.filter((f) => !ui.includes(f));
  for (const f of cliGroup) if (isEntry(f)) throw new Error(`merge-chunks: ${f} is an entry and a static import of dist/cli.js`);
  if (!ui.includes(vendorLoad)) throw new Error('merge-chunks: the vendor loader is not on step 1\'s path');

  const groups = [
    { name: 'cli', members: cliGroup },
    { name: 'core', members: core },
    { name: 'ui', members: ui },
  ].filter((g) => g.members.length > 1);
  /** member chunk → { group, prefix } */
  const memberOf = new Map();
  groups.forEach((g, gi) => g.members.forEach((m, mi) => memberOf.set(m, { group: g, prefix: `m${gi}_${mi}$` })));
  checkNoCircle(groups, memberOf, staticImports);

  // a merged chunk's names, as a module re-exporting them from its group's file
  const stand = (member, fromDir) => {
    const { group, prefix } = memberOf.get(member);
    const names = outs.get(member).exports;
    const spec = `./${relative(fromDir, group.file).split('\\').join('/')}`.replace(/^\.\/\.\.\//, '../');
    return names.length ? `export { ${names.map((n) => `${prefix}${n} as ${n}`).join(', ')} } from ${JSON.stringify(spec)};` : `import ${JSON.stringify(spec)};`;
  };
  // every import: the merged chunks through their group's file, the rest left as it is
  const redirect = (ownGroup) => ({
    name: 'merged-chunks',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (a) => {
        if (a.kind === 'entry-point') return undefined;
        if (a.namespace === 'pi-merged') return { path: a.path, external: true };
        if (a.path.startsWith('.')) {
          const target = resolve(a.resolveDir, a.path);
          const m = memberOf.get(target);
          if (m && m.group !== ownGroup) return { path: target, namespace: 'pi-merged', pluginData: a.resolveDir };
          if (m) return undefined; // bundled into this group's file
        }
        return { path: a.path, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'pi-merged' }, (a) => ({ contents: stand(a.path, a.pluginData), loader: 'js' }));
    },
  });
  const common = { bundle: true, format: 'esm', platform: 'node', write: false, minifyWhitespace: true, minifySyntax: true, legalComments: 'none', logLevel: 'warning' };

  // 1. each group's file: its chunks' exports, each under its chunk's prefix
  for (const g of groups) {
    const contents = g.members.map((m) => {
      const { prefix } = memberOf.get(m);
      const names = outs.get(m).exports;
      return names.length ? `export { ${names.map((n) => `${n} as ${prefix}${n}`).join(', ')} } from ${JSON.stringify(`./${basename(m)}`)};` : `import ${JSON.stringify(`./${basename(m)}`)};`;
    }).join('\n');
    const dir = dirname(g.members[0]);
    if (g.members.some((m) => dirname(m) !== dir)) throw new Error(`merge-chunks: ${g.name}'s chunks are in different folders`);
    // named now (the importers need it), its hash that of its chunks' text
    const hash = createHash('sha256');
    for (const m of g.members) hash.update(readFileSync(m));
    g.file = join(dir, `first-frame-${g.name}-${hash.digest('hex').slice(0, 8).toUpperCase()}.js`);
    g.contents = contents;
  }
  for (const g of groups) {
    const r = await build({ ...common, stdin: { contents: g.contents, resolveDir: dirname(g.file), loader: 'js', sourcefile: basename(g.file) }, plugins: [redirect(g)] });
    g.text = r.outputFiles[0].text;
  }
  // 2. every other file that imports a merged chunk: its imports of them rewritten
  const importers = [...outs.keys()].filter((f) => !memberOf.has(f) && (outs.get(f).imports ?? []).some((i) => !i.external && memberOf.has(abs(i.path))));
  const rewritten = new Map();
  for (const f of importers) {
    // (the sandbox's chunk holds a direct eval: warned about when it was bundled from source)
    const r = await build({ ...common, entryPoints: [f], logOverride: { 'direct-eval': 'silent' }, plugins: [redirect(undefined)] });
    rewritten.set(f, r.outputFiles[0].text);
  }
  for (const [f, text] of rewritten) writeFileSync(f, text);
  for (const g of groups) {
    writeFileSync(g.file, g.text);
    for (const m of g.members) rmSync(m);
  }
  // nothing left naming a deleted chunk
  const gone = [...memberOf.keys()].map((m) => basename(m));
  const js = (dir) => readdirSync(dir).filter((n) => n.endsWith('.js')).map((n) => join(dir, n));
  for (const f of [...js(outdir), ...js(join(outdir, 'chunks'))]) {
    const text = readFileSync(f, 'utf8');
    const left = gone.find((n) => text.includes(n));
    if (left) throw new Error(`merge-chunks: ${f} still names ${left}`);
  }
  return groups.map((g) => ({ name: g.name, file: basename(g.file), chunks: g.members.length }));
}

/** The merged files and the files they import must not import each other in a circle. */
function checkNoCircle(groups, memberOf, staticImports) {
  const node = (f) => memberOf.get(f)?.group.name ?? f;
  const edges = new Map();
  const seenFiles = new Set();
  const todo = groups.flatMap((g) => g.members);
  while (todo.length) {
    const f = todo.pop();
    if (seenFiles.has(f)) continue;
    seenFiles.add(f);
    for (const t of staticImports(f)) {
      if (node(t) !== node(f)) (edges.get(node(f)) ?? edges.set(node(f), new Set()).get(node(f))).add(node(t));
      todo.push(t);
    }
  }
  const state = new Map();
  const visit = (n, path) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'open') throw new Error(`merge-chunks: merging makes an import circle: ${[...path, n].join(' → ')}`);
    state.set(n, 'open');
    for (const t of edges.get(n) ?? []) visit(t, [...path, n]);
    state.set(n, 'done');
  };
  for (const n of edges.keys()) visit(n, []);
}
