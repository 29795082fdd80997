// Worker threads: a file split at newlines and checked on two threads gives the same report as one
// thread (line numbers, kept issues, counts, stats). Worker threads need built JavaScript, so the
// engine is bundled with esbuild first — the same way dist/ and the bench run it.
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { readFileSync } from 'node:fs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let engine: typeof Engine;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pi-parallel-'));
  const out = join(dir, 'engine.mjs');
  await build({ entryPoints: [join(ROOT, 'src/validate/index.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error',
    // avsc is CommonJS and calls require(): give the ESM bundle one, as scripts/build.mjs does
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  engine = (await import(/* @vite-ignore */ pathToFileURL(out).href)) as typeof Engine;
});

describe('validateCsv with worker threads', () => {
  it('two threads report exactly what one thread reports', async () => {
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < 60000; i++) {
      const bad = i % 1000 === 7 ? 'x' : '';
      const ms = i % 5000 === 11 ? '000' : '';
      s += `user${i % 700},"item,${i % 301}",${1600000000 + i}${ms}${bad},${i % 3 ? 'click' : 'buy'},${i % 10 ? '' : '1.5'}\n`;
    }
    s += 'u1,i1\n';
    const file = join(dir, 'events.csv');
    writeFileSync(file, s);
    const schema = engine.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
    const size = statSync(file).size;
    const now = new Date('2026-11-23T00:00:00Z');
    const src = () => ({ name: file, path: file, size, open: () => createReadStream(file) });
    const one = await engine.validateCsv(src(), { schema, now });
    const progress: number[] = [];
    const two = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 1, onProgress: (b) => progress.push(b) });
    const strip = (r: typeof one) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(two)).toEqual(strip(one));
    expect(one.errors.find((e) => e.code === 'TYPE_LONG')).toMatchObject({ line: 9, count: 60 });
    expect(one.errors.find((e) => e.code === 'COLUMN_COUNT')?.line).toBe(60002);
    expect(two.errors.filter((e) => e.code === 'TYPE_LONG').map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, k) => 9 + k * 1000));
    expect(progress.at(-1)).toBe(size);
  });
});
