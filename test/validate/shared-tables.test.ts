// Users and items tables shared by the worker threads (issue #17): with the fast lane, the workers
// count into the parent's tables in one shared WebAssembly memory instead of each keeping a copy
// that the parent merges. Their counts must be the single-thread result on the same file, exactly:
// distinct users and items, users with 2 or more interactions, and min / median / max interactions
// a user — with users past the 8-byte slot's 6-bit count (63 rows), whose rows go on in the
// overflow table. Worker threads need built JavaScript: the engine is bundled with esbuild first.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Engine from '../../src/validate/index.js';
import type { fastLaneCounters as Counters } from '../../src/validate/fastlane.js';
import { ROOT, bundledEngine, interactionsRun } from './bundle.js';

let engine: typeof Engine & { fastLaneCounters: typeof Counters };
let dir: string;

beforeAll(async () => {
  const b = await bundledEngine('pi-shared-', join(ROOT, 'test/validate/entries/engine-counters.ts'));
  dir = b.dir;
  engine = b.engine as typeof engine;
});

/** rows a user has: most 1–3, every 97th 150–156 (past the slot's count), user 5 a thousand */
const rowsOf = (k: number) => (k === 5 ? 1000 : k % 97 === 0 ? 150 + (k % 7) : 1 + (k % 3));

/** a file of `users` users with rowsOf(k) rows each, interleaved (every part sees most users), in time order */
function file(name: string, users: number): { path: string; counts: number[]; items: number } {
  const counts = Array.from({ length: users }, (_, k) => rowsOf(k));
  const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
  const items = new Set<number>();
  let ts = 1600000000;
  // round r: a row of each user (ascending) with more than r rows; the users left in a list that
  // shrinks (not every user looked at in each of the 1,000 rounds)
  let live = Int32Array.from({ length: users }, (_, k) => k);
  for (let round = 0; live.length > 0; round++) {
    for (const k of live) {
      items.add((k * 31 + round) % 50000);
      lines.push(`user-${k},item-${(k * 31 + round) % 50000},${ts++},click,1`);
    }
    live = live.filter((k) => counts[k] > round + 1);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, counts, items: items.size };
}

function expected(counts: number[]) {
  const sorted = [...counts].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    uniqueUsers: n,
    usersWithAtLeast2Interactions: counts.filter((c) => c >= 2).length,
    interactionsPerUser: { min: sorted[0], median: n % 2 ? sorted[n >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2, max: sorted[n - 1] },
  };
}

const counted = (r: Engine.ValidationReport) => ({
  uniqueUsers: r.stats.uniqueUsers,
  usersWithAtLeast2Interactions: r.stats.usersWithAtLeast2Interactions,
  interactionsPerUser: r.stats.interactionsPerUser,
  uniqueItems: r.stats.uniqueItems,
  approximate: r.stats.approximate ?? false,
});

describe('users and items tables shared by the worker threads', () => {
  it('two workers counting into one shared table give the single-thread counts, exactly (users past 63 rows too)', async () => {
    const { path, counts, items } = file('users.csv', 120_000);
    const { schema, now, src } = interactionsRun(engine, path);
    const runs = engine.fastLaneCounters.sharedTableRuns;
    const one = await engine.validateCsv(src(), { schema, now });
    const two = await engine.validateCsv(src(), { schema, now, workers: 2, parallelMinBytes: 1 });
    const js = await engine.validateCsv(src(), { schema, now, fastLane: false });
    // the two-worker run really counted into the parent's tables
    expect(engine.fastLaneCounters.sharedTableRuns - runs).toBe(1);
    const want = { ...expected(counts), uniqueItems: items, approximate: false };
    expect(counted(one)).toEqual(want);
    expect(counted(two)).toEqual(want);
    expect(counted(js)).toEqual(want);
    expect(two.rows).toBe(one.rows);
  });

  it('a shared table that fills: approximate in both, and the same sketch estimate (the workers’ sketches merge to the whole)', async () => {
    const { path } = file('full.csv', 30_000);
    const { schema, now, src } = interactionsRun(engine, path);
    const one = await engine.validateCsv(src(), { schema, now, tableSlots: 1 << 12 });
    const two = await engine.validateCsv(src(), { schema, now, tableSlots: 1 << 12, workers: 2, parallelMinBytes: 1 });
    for (const r of [one, two]) {
      expect(r.stats.approximate).toBe(true);
      expect(r.stats.activeUsersLowerBound).toBe(true);
      expect(Math.abs(r.stats.uniqueUsers! - 30_000) / 30_000).toBeLessThan(0.03);
    }
    expect(two.stats.uniqueUsers).toBe(one.stats.uniqueUsers);
  });

  it('several big files in one run: the workers of each count into the same tables (users across files counted once)', async () => {
    const a = file('a.csv', 40_000);
    const b = file('b.csv', 40_000);
    const { schema, now } = interactionsRun(engine, a.path);
    const srcs = () => [a.path, b.path].map((p) => interactionsRun(engine, p).src());
    const one = await engine.validateCsv(srcs(), { schema, now });
    const two = await engine.validateCsv(srcs(), { schema, now, workers: 2, parallelMinBytes: 1 });
    // the same 40,000 users in both files: each has twice its rows
    expect(counted(two)).toEqual(counted(one));
    expect(counted(one)).toEqual({ ...expected(a.counts.map((c) => 2 * c)), uniqueItems: a.items, approximate: false });
  });
});
