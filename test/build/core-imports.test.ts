// The core (src/flow, src/csv, src/validate, src/job, src/diagnose, src/profiles, src/core,
// src/schema, src/crossfile) imports no React, no Ink, no @aws-sdk/* and nothing from the edges (src/aws, src/ui,
// src/sandbox, src/commands): it is driven through ports, so every front end and the sandbox share it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SRC, srcFiles as files } from './src-files.js';

const CORE = ['flow', 'csv', 'validate', 'job', 'diagnose', 'profiles', 'core', 'schema', 'crossfile'];
const FORBIDDEN = /(?:from\s+|import\s*\(\s*)'((?:react|ink|@aws-sdk)[^']*|(?:\.\.\/)+(?:aws|ui|sandbox|commands)\/[^']*)'/g;


it('core modules import no React, Ink, AWS SDK or edge module', () => {
  const found: string[] = [];
  for (const d of CORE) {
    for (const f of files(path.join(SRC, d))) {
      for (const m of readFileSync(f, 'utf8').matchAll(FORBIDDEN)) found.push(`${path.relative(SRC, f)} imports ${m[1]}`);
    }
  }
  expect(found).toEqual([]);
  // the check itself can fail: it sees an edge import when there is one
  expect([..."import { x } from '../aws/deps.js';".matchAll(FORBIDDEN)]).toHaveLength(1);
});
