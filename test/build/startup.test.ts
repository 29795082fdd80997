// --version and --help must not load Ink, React or the AWS SDK: everything dist/cli.js imports
// statically (followed transitively) must be free of them; they load only through import().
// (Timing is a benchmark, not a test: node scripts/startup.mjs.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../dist/cli.js');

function staticClosure(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    // static forms only: `import … from "./x.js"` and `import "./x.js"` (not import("./x.js"))
    for (const m of text.matchAll(/^\s*import\s+(?:[^'"()]*?\s+from\s+)?["'](\.{1,2}\/[^"']+)["']/gm)) todo.push(join(dirname(file), m[1]));
  }
  return seen;
}

it('the code --version and --help load holds no Ink, React or AWS SDK', () => {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: resolve(__dirname, '../..') });
  const files = staticClosure(CLI);
  const all = [...files.values()].join('\n');
  expect(all).toContain('personalize-import'); // the help text itself is there
  for (const marker of ['AmazonPersonalize', '@smithy', 'react-reconciler', 'createReconciler', 'yoga', 'useInput']) {
    expect(all.includes(marker), `${marker} is loaded statically by dist/cli.js (${[...files.keys()].join(', ')})`).toBe(false);
  }
  // and the lazily loaded chunks really do hold them, so this test would notice a bundling change
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const lazy = readdirSync(join(dirname(CLI), 'chunks')).map((f) => readFileSync(join(dirname(CLI), 'chunks', f), 'utf8')).join('\n');
  for (const marker of ['AmazonPersonalize', 'react-reconciler']) expect(lazy, marker).toContain(marker);
});
