// Test files share their worker (vitest.config.ts: isolate: false), so two things that worked with
// a process per file break silently: a hook registered at a helper module's top level (the module is
// loaded once per worker: the hook belongs to the first file that imported it, the others' terminals
// and folders are never cleaned up), and `process.env = {...}` (every later file in the worker runs
// with a plain object for an environment). Both are caught here, by reading the test sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST = resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'fixtures' ? [] : files(join(dir, e.name))) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

const sources = files(TEST).map((f) => ({ file: relative(TEST, f), text: readFileSync(f, 'utf8') }));

describe('test sources: safe in a shared worker', () => {
  it('finds the sources (helpers and tests)', () => {
    expect(sources.some((s) => s.file === 'helpers/tmux.ts')).toBe(true);
    expect(sources.filter((s) => /\.test\.tsx?$/.test(s.file)).length).toBeGreaterThan(100);
  });

  it('no helper module registers a hook at its top level (undoAfterTest() instead)', () => {
    const offenders = sources
      .filter((s) => !/\.test\.tsx?$/.test(s.file))
      .flatMap((s) => s.text.split('\n').map((line, i) => ({ at: `${s.file}:${i + 1}`, line })))
      .filter(({ line }) => /^(afterEach|beforeEach|afterAll|beforeAll)\(/.test(line))
      .map(({ at }) => at);
    expect(offenders).toEqual([]);
  });

  it('no test replaces process.env (restore it in place)', () => {
    const offenders = sources.flatMap((s) => s.text.split('\n').map((line, i) => ({ at: `${s.file}:${i + 1}`, line }))).filter(({ line }) => !/^\s*\/\//.test(line) && /\bprocess\.env\s*=[^=]/.test(line)).map(({ at }) => at);
    expect(offenders).toEqual([]);
  });

  it('no file imports a test file (its tests would run again inside the importer, when the worker has not loaded it yet)', () => {
    const offenders = sources.filter((s) => /from '[^']*\.test(\.[jt]sx?)?'/.test(s.text)).map((s) => s.file);
    expect(offenders).toEqual([]);
  });
});
