// #16 item 20: a clean `npm ci` is quiet. npm (11.x) warns "install-scripts … not yet covered by
// allowScripts" — four lines — for each installed package with an install script that package.json's
// allowScripts does not approve (checked by hand: `npm ci --offline` in a copy, with and without
// it). So every package the lock marks hasInstallScript is named there, and nothing else is.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const json = (f: string) => JSON.parse(readFileSync(resolve(ROOT, f), 'utf8'));

describe('install scripts approved in package.json', () => {
  it('allowScripts names exactly the packages with install scripts in the lock', () => {
    const lock = json('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean; name?: string }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path, p]) => p.name ?? path.replace(/^.*node_modules\//, ''));
    expect(withScripts.length).toBeGreaterThan(0);
    const allowed = (json('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    expect(Object.keys(allowed).sort()).toEqual([...new Set(withScripts)].sort());
    for (const v of Object.values(allowed)) expect(v).toBe(true);
  });
});
