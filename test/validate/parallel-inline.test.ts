// A big local file with worker threads: the calling thread checks the first part itself while the
// worker threads boot (their jobs sent as a message once the file is cut), so the first part is cut
// longer by HEAD_START. Same report as one thread; Ctrl-C while the calling thread checks its part
// stops the run (and its worker) at once. Needs built JavaScript (see parallel.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { splitAtNewlines } from '../../src/validate/sources.js';
import { bundledEngine, interactionsRun } from './bundle.js';

let engine: typeof Engine;
let dir: string;
let file: string;

beforeAll(async () => {
  ({ dir, engine } = await bundledEngine('pi-parinline-'));
  // ≈ 40 MB in time order (a split under 32 MiB is cut in the middle), a bad timestamp every 100,000 lines
  const lines: string[] = [];
  for (let i = 0; i < 900_000; i++) lines.push(`user-${String(i % 5000).padStart(6, '0')},item-${i % 3001},${1600000000 + (i >> 2)}${i % 100_000 === 3 ? 'x' : ''},click,${i % 10}.5`);
  file = join(dir, 'big.csv');
  writeFileSync(file, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${lines.join('\n')}\n`);
});

describe('the first part on the calling thread', () => {
  it('is cut longer by the head start given, at a line start; without one, in the middle', () => {
    const bytes = readFileSync(file);
    const first = bytes.indexOf(10) + 1;
    const even = splitAtNewlines(file, bytes.length, 2)!.bounds;
    const led = splitAtNewlines(file, bytes.length, 2, 4 << 20)!.bounds;
    const mid = first + (bytes.length - first) / 2;
    expect(even[1] - mid).toBeGreaterThanOrEqual(0);
    expect(even[1] - mid).toBeLessThan(64);
    // the first part longer by the lead, the others shorter by their share of it
    expect(led[1] - (mid + (2 << 20))).toBeGreaterThanOrEqual(0);
    expect(led[1] - (mid + (2 << 20))).toBeLessThan(64);
    for (const b of [even[1], led[1]]) expect(bytes[b - 1]).toBe(10);
  });

  it('two threads report exactly what one thread reports (the bad lines of the second part numbered from the file)', async () => {
    const { schema, size, now, src } = interactionsRun(engine, file);
    const one = await engine.validateCsv(src(), { schema, now });
    const progress: number[] = [];
    const two = await engine.validateCsv(src(), { schema, now, workers: 2, onProgress: (b) => progress.push(b) });
    const strip = (r: typeof one) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(two)).toEqual(strip(one));
    expect(one.stats.issueCounts.TYPE_LONG).toBe(9);
    expect(two.errors.filter((e) => e.code === 'TYPE_LONG').map((e) => e.line)).toEqual(Array.from({ length: 9 }, (_, k) => 5 + k * 100_000));
    expect(progress.at(-1)).toBe(size);
  });

  it('Ctrl-C while the calling thread checks its part: interrupted at once', async () => {
    const { schema, now, src } = interactionsRun(engine, file);
    const ac = new AbortController();
    let seen = 0;
    const run = engine.validateCsv(src(), { schema, now, workers: 2, signal: ac.signal, onProgress: (b) => ((seen = b), ac.abort()) });
    await expect(run).rejects.toMatchObject({ kind: 'interrupted' });
    expect(seen).toBeGreaterThan(0);
  });
});
