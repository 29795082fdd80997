// src/ asks ICU for nothing a command does on every run: a process's first number format
// (`toLocaleString`) costs 60–90 ms of CPU and its first collator (`localeCompare`) 45–75 ms, on
// Node 20 and 24 alike — paid by each command that printed a count or sorted names. Counts go
// through withCommas (src/core/with-commas.ts, held to ICU by its test), names through byName
// (src/flow/queries.ts, held to localeCompare). Intl.Segmenter is Ink's, built lazily
// (src/ui/ink/graphemes.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SRC, srcFiles as files } from './src-files.js';

const ICU = /\.(toLocaleString|toLocaleDateString|toLocaleTimeString|localeCompare)\(|new Intl\.(NumberFormat|Collator|DateTimeFormat)\b/g;
/** where ICU stays: withCommas' own fallback for fractions and huge numbers */
const ALLOWED = new Set(['core/with-commas.ts']);


it('src/ formats counts and sorts names without ICU', () => {
  const found: string[] = [];
  for (const f of files(SRC)) {
    const rel = path.relative(SRC, f);
    if (ALLOWED.has(rel)) continue;
    readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(ICU)) found.push(`${rel}:${i + 1} ${m[0]}`);
    });
  }
  expect(found, 'use withCommas (src/core/with-commas.ts) or byName (src/flow/queries.ts)').toEqual([]);
  // the check itself can fail
  expect("n.toLocaleString('en-US'); a.localeCompare(b)".match(ICU)).toHaveLength(2);
});
