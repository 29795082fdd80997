// Two threads (a big local file split at a newline, the second half on a worker thread) give the
// same output, rejects, counts and line numbers as one. Worker threads need built JavaScript: the
// fixer is bundled with esbuild here, as the CLI's build bundles it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Fix from '../../src/fix/index.js';
import type * as Validate from '../../src/validate/index.js';
import { builtFixer, ROOT } from './built.js';

let fix: typeof Fix;
let validate: typeof Validate;
let dir: string;

beforeAll(async () => {
  ({ dir, fix, validate } = await builtFixer('fix-par-'));
}, 60_000);

describe('fix on two threads', () => {
  it('the same bytes, rejects, counts and line numbers as one thread', async () => {
    // ~1.6 MB: lower-case header, ISO dates (some without a zone), ms epochs, a few rows that cannot be fixed in both halves
    const lines = ['user_id,item_id,timestamp,event_type,event_value'];
    for (let i = 0; i < 30_000; i++) {
      const t = 1767225600 + i;
      const ts = i % 3 === 0 ? new Date(t * 1000).toISOString() : i % 3 === 1 ? `${t}123` : new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ');
      lines.push(i === 10 || i === 25_000 ? `u${i % 300},i${i % 700},never,click,1` : `u${i % 300},"i${i % 700}, x",${ts},click,TRUE`.replace(',TRUE', `,${(i % 9) / 2}`));
    }
    const input = join(dir, 'big.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const schema = validate.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
    const run = (workers: number) => fix.fixFile({ name: input, path: input }, schema, { output: join(dir, `out-${workers}.csv`), rejects: join(dir, `rej-${workers}.csv`), workers, parallelMinBytes: 1 << 19, now: new Date('2026-12-01T00:00:00Z') });
    const one = await run(1);
    const two = await run(2);
    expect(readFileSync(join(dir, 'out-2.csv')).equals(readFileSync(join(dir, 'out-1.csv'))), 'the two outputs differ').toBe(true);
    expect(readFileSync(join(dir, 'rej-2.csv'), 'utf8')).toBe(readFileSync(join(dir, 'rej-1.csv'), 'utf8'));
    expect(one.rejects.listed.map((x) => x.line)).toEqual([12, 25_002]);
    expect(two.rejects.listed).toEqual(one.rejects.listed);
    const names = { output: '', rejectsFile: '' };
    expect({ ...two.summary, ...names }).toEqual({ ...one.summary, ...names });
    expect(two.summary.changes.find((c) => c.kind === 'timestamp-epoch-unit')).toMatchObject({ values: 9_998 });
    expect(two.summary.assumedUtc?.values).toBe(10_000);
    expect(two.report?.valid).toBe(true);
  }, 120_000);

  it('the second part\'s file is appended by the first part\'s thread as it is written (a short first part follows several writes)', async () => {
    // ~4.5 MB, the first part a tenth of it: its thread is done long before the second part, whose
    // 1 MiB writes it appends one by one
    const lines = ['user_id,item_id,timestamp,event_type'];
    for (let i = 0; i < 90_000; i++) lines.push(`user-${i % 977},item-${i % 331},${new Date((1767225600 + i) * 1000).toISOString()},click`);
    const input = join(dir, 'follow.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const schema = validate.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
    const run = (workers: number) => fix.fixFile({ name: input, path: input }, schema, { output: join(dir, `follow-${workers}.csv`), workers, parallelMinBytes: 1 << 19, firstShare: 0.1, now: new Date('2026-12-01T00:00:00Z') });
    const one = await run(1);
    const before = { ...fix.fixJoinCounters };
    const two = await run(2);
    expect(fix.fixJoinCounters).toEqual({ byPart: before.byPart + 1, byMain: before.byMain });
    // the second part's file (removed as soon as it was appended, while the report was made) is gone
    expect(readdirSync(dir).filter((f) => f.startsWith('follow-2.csv'))).toEqual(['follow-2.csv']);
    expect(readFileSync(join(dir, 'follow-2.csv')).equals(readFileSync(join(dir, 'follow-1.csv'))), 'the two outputs differ').toBe(true);
    expect(two.report).toMatchObject({ valid: true, stats: { rows: 90_000 } });
    expect(one.report).toMatchObject({ valid: true, stats: { rows: 90_000 } });
  }, 120_000);

  it('interrupted while this thread fixes its part (the first, inline): rejected as interrupted, nothing left under the output\'s name, no partial files', async () => {
    // ~8 MB, the first part (this thread's, read a block between event-loop turns) nine tenths of it
    const lines = ['user_id,item_id,timestamp,event_type'];
    for (let i = 0; i < 160_000; i++) lines.push(`user-${i % 977},item-${i % 331},${new Date((1767225600 + i) * 1000).toISOString()},click`);
    const input = join(dir, 'abort.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const schema = validate.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
    const ac = new AbortController();
    const output = join(dir, 'abort-out.csv');
    let reads = 0;
    // aborted from this thread's progress, after a few of its blocks: its event loop kept turning
    const run = fix.fixFile({ name: input, path: input }, schema, { output, rejects: join(dir, 'abort-rej.csv'), workers: 2, parallelMinBytes: 1 << 19, firstShare: 0.9, signal: ac.signal, now: new Date('2026-12-01T00:00:00Z') }, (read) => {
      if (read > 0 && ++reads === 3) ac.abort();
    });
    await expect(run).rejects.toMatchObject({ kind: 'interrupted' });
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(readdirSync(dir).filter((f) => f.startsWith('abort-'))).toEqual([]);
  }, 60_000);
});
