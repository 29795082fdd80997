// Issue 17 item 6: before the wizard's first frame only step 1's code is loaded. The static import
// graph of src/ui/ink/Wizard.tsx (what must be parsed before it draws) is walked from the source:
// the validator, the schema parser (avsc), the profile store's checker (conf/ajv), diagnose, the
// records path, the AWS SDK and the later steps are reached only through import() (later-steps.ts).
// The time itself is measured by scripts/first-frame.mjs (figures, not a timed test).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

/** every module reached by static imports (type-only imports skipped) from `entry` */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith(ROOT + '/src/')) return;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (!spec.startsWith('.')) {
        seen.add(`pkg:${spec}`);
        continue;
      }
      const base = resolve(dirname(file), spec).replace(/\.js$/, '');
      const found = ['.ts', '.tsx'].map((x) => base + x).find((p) => existsSync(p));
      if (found) visit(found);
    }
  };
  visit(resolve(ROOT, 'src/ui/ink/Wizard.tsx'));
  return seen;
}

describe('the wizard before its first frame', () => {
  const graph = [...staticGraph(resolve(ROOT, 'src/ui/ink/Wizard.tsx'))].map((p) => p.replace(ROOT + '/', ''));

  it('loads step 1 and Ink, not the later steps or what they need', () => {
    expect(graph).toContain('src/ui/ink/steps/WhereStep.tsx');
    const heavy = graph.filter((p) => /^src\/(validate|csv|records|diagnose|profiles|aws|fix|access)\//.test(p) || /^src\/flow\/(index|queries)\.ts$/.test(p) || /^src\/flow\/machine\/index\.ts$/.test(p) || /^pkg:(@aws-sdk|avsc|conf|ajv)/.test(p));
    expect(heavy).toEqual([]);
    const laterSteps = graph.filter((p) => p.startsWith('src/ui/ink/steps/') && !/\/(WhereStep|common)\.tsx$/.test(p));
    expect(laterSteps).toEqual([]);
  });
});
