// Worker threads: a file split at newlines and checked on two threads gives the same report as one
// thread (line numbers, kept issues, counts, stats). Worker threads need built JavaScript, so the
// engine is bundled with esbuild first — the same way dist/ and the bench run it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import { bundledEngine, interactionsRun } from './bundle.js';

let engine: typeof Engine;
let dir: string;

beforeAll(async () => {
  ({ dir, engine } = await bundledEngine('pi-parallel-'));
});

/** `text` written to `name` and validated on one thread and on two: [one, two] */
async function oneAndTwo(name: string, text: string): Promise<Engine.ValidationReport[]> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const { schema, now, src } = interactionsRun(engine, file);
  return [await engine.validateCsv(src(), { schema, now }), await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 1 })];
}

describe('validateCsv with worker threads', () => {
  for (const fastLane of [true, false]) it(`two threads report exactly what one thread reports (${fastLane ? 'fast lane' : 'JS only'})`, async () => {
    let s = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    for (let i = 0; i < 60000; i++) {
      const bad = i % 1000 === 7 ? 'x' : '';
      const ms = i % 5000 === 11 ? '000' : '';
      // non-ASCII IDs now and then (the engine's lane, read from the fast lane's shared memory)
      const u = i % 997 === 5 ? `ü${i % 700}` : `user${i % 700}`;
      s += `${u},"item,${i % 301}",${1600000000 + i}${ms}${bad},${i % 3 ? 'click' : 'buy'},${i % 10 ? '' : '1.5'}\n`;
    }
    s += 'u1,i1\n';
    const file = join(dir, 'events.csv');
    // and a line (60002) with a byte that is not UTF-8, before the last one
    writeFileSync(file, Buffer.concat([Buffer.from(s.slice(0, s.length - 6)), Buffer.from('u\xff,i1,1600000000,click,\n', 'latin1'), Buffer.from(s.slice(s.length - 6))]));
    const { schema, size, now, src } = interactionsRun(engine, file);
    const one = await engine.validateCsv(src(), { schema, now, fastLane });
    const progress: number[] = [];
    const two = await engine.validateCsv(src(), { schema, now, fastLane, workers: 2, parallelMinBytes: 1, onProgress: (b) => progress.push(b) });
    const strip = (r: typeof one) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(two)).toEqual(strip(one));
    expect(one.errors.find((e) => e.code === 'TYPE_LONG')).toMatchObject({ line: 9, count: 60 });
    expect(one.errors.find((e) => e.code === 'COLUMN_COUNT')?.line).toBe(60003);
    expect(one.errors.find((e) => e.code === 'INVALID_UTF8')).toMatchObject({ line: 60002, column: 'USER_ID' });
    expect(two.errors.filter((e) => e.code === 'TYPE_LONG').map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, k) => 9 + k * 1000));
    expect(progress.at(-1)).toBe(size);
  });
  it('a file separated by semicolons: one WRONG_SEPARATOR from the first part, rows counted by both, nothing else', async () => {
    let s = 'USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;EVENT_VALUE\n';
    for (let i = 0; i < 20000; i++) s += `user${i % 700};"item;${i % 301}";${1600000000 + i};click;\n`;
    for (const r of await oneAndTwo('semicolons.csv', s)) {
      expect([...r.errors, ...r.warnings].map((e) => [e.code, e.line])).toEqual([['WRONG_SEPARATOR', 1]]);
      expect(r.rows).toBe(20000);
      expect(r.valid).toBe(false);
    }
  });
  it('a file without an ITEM_ID column: the empty items tables of both parts are exported and merged; same report as one thread', async () => {
    let s = 'USER_ID,TIMESTAMP,EVENT_TYPE\n';
    for (let i = 0; i < 20000; i++) s += `user${i % 700},${1600000000 + i},click\n`;
    const [one, two] = await oneAndTwo('no-items.csv', s);
    const strip = (r: typeof one) => ({ ...r, stats: { ...r.stats, elapsedMs: 0 } });
    expect(strip(two)).toEqual(strip(one));
    expect(one.errors.map((e) => [e.code, e.column])).toContainEqual(['HEADER_MISSING_COLUMN', 'ITEM_ID']);
    expect(one.stats.uniqueUsers).toBe(700);
  });
  it('a file without a header: NO_HEADER once, line 1 counted as a record by the first part only', async () => {
    let s = '';
    for (let i = 0; i < 20000; i++) s += `user${i % 700},item${i % 301},${1600000000 + i},click,\n`;
    const [one, two] = await oneAndTwo('no-header.csv', s);
    for (const r of [one, two]) {
      expect([...r.errors, ...r.warnings].map((e) => [e.code, e.line])).toEqual([['NO_HEADER', 1]]);
      expect(r.rows).toBe(20000);
    }
    expect(one.errors[0].message).toContain('add this line at the top: USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
  });
});
