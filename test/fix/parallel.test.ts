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

  it('ages with a unit, the second part beginning in another one ("12 months" where the file began with years), and amounts whose second part begins in another currency: set aside as one thread sets them aside (fixed again with the file\'s first unit and symbol)', async () => {
    // users: "N years" throughout, "N months" around the middle (where the file is cut: the second
    // part's first age) and in three rows elsewhere
    const users = ['USER_ID,AGE,MEMBERSHIP'];
    for (let i = 0; i < 40_000; i++) users.push(`u${i},${(i >= 19_000 && i < 21_000) || i % 9_999 === 5 ? `${i % 12} months` : `${18 + (i % 60)} years`},gold`);
    const usersCsv = join(dir, 'ages.csv');
    writeFileSync(usersCsv, `${users.join('\n')}\n`);
    const usersSchema = validate.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/users.json'), 'utf8'));
    // interactions: "$1.50" amounts, "€2.00" ones from the middle on for a few rows
    const events = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < 40_000; i++) events.push(`u${i % 300},i${i % 700},${1767225600 + i},click,${i >= 19_990 && i < 20_500 ? '€2.00' : '$1.50'}`);
    const eventsCsv = join(dir, 'amounts.csv');
    writeFileSync(eventsCsv, `${events.join('\n')}\n`);
    const eventsSchema = validate.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
    for (const [input, schema, name] of [[usersCsv, usersSchema, 'ages'], [eventsCsv, eventsSchema, 'amounts']] as const) {
      const run = (workers: number) => fix.fixFile({ name: input, path: input }, schema, { output: join(dir, `${name}-${workers}.csv`), rejects: join(dir, `${name}-rej-${workers}.csv`), workers, parallelMinBytes: 1 << 18, now: new Date('2026-12-01T00:00:00Z') });
      const one = await run(1);
      const two = await run(2);
      expect(one.summary.rejected, name).toBe(name === 'ages' ? 2_003 : 510);
      expect(two.rejects.listed, name).toEqual(one.rejects.listed);
      expect(readFileSync(join(dir, `${name}-2.csv`)).equals(readFileSync(join(dir, `${name}-1.csv`))), `${name}: the two outputs differ`).toBe(true);
      expect(readFileSync(join(dir, `${name}-rej-2.csv`), 'utf8')).toBe(readFileSync(join(dir, `${name}-rej-1.csv`), 'utf8'));
    }
  }, 120_000);

  it('a German Sheets export ("1,250" on every row, "12,50" on the last one, in the second part): the fix runs again with the column\'s decimal comma, and both threads read "1,250" as 1.250 — the same bytes as one thread', async () => {
    const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < 40_000; i++) lines.push(`u${i % 300},i${i % 700},${1767225600 + i},click,"${i === 39_999 ? '12,50' : `${1 + (i % 9)},250`}"`);
    const input = join(dir, 'sheets.csv');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const schema = validate.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/interactions.json'), 'utf8'));
    const run = (workers: number) => fix.fixFile({ name: input, path: input }, schema, { output: join(dir, `sheets-${workers}.csv`), workers, parallelMinBytes: 1 << 19, now: new Date('2026-12-01T00:00:00Z') });
    const one = await run(1);
    const two = await run(2);
    expect([one.fixed, two.fixed, one.summary.rejected, two.summary.rejected]).toEqual([true, true, 0, 0]);
    const out = readFileSync(join(dir, 'sheets-2.csv'));
    expect(out.equals(readFileSync(join(dir, 'sheets-1.csv'))), 'the two outputs differ').toBe(true);
    const rows = out.toString('utf8').split('\n');
    expect([rows[1], rows[40_000]]).toEqual(['u0,i0,1767225600,click,1.250', 'u99,i99,1767265599,click,12.50']);
    expect(two.summary.changes.find((c) => c.kind === 'decimal-comma')).toMatchObject({ values: 40_000, rows: 40_000 });
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

  it('records over several lines: cut only where no such record can be (else one thread), the same output as one thread', async () => {
    const schema = validate.parseSchema(readFileSync(join(ROOT, 'test/fixtures/csv/schemas/items.json'), 'utf8'));
    const row = (i: number) => (i % 97 === 0 ? `sku-${i},${i % 50}.5,cat${i % 7},"first line ${i}\nsecond, line\r\nthird"` : `sku-${i},${i % 50}.5,cat${i % 7},"desc ${i}, plain"`);
    const counted = () => fix.fixJoinCounters.byPart + fix.fixJoinCounters.byMain;
    const run = async (name: string, body: string[], workers: number) => {
      const input = join(dir, `${name}.csv`);
      writeFileSync(input, `ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\n${body.join('\n')}\n`);
      const before = counted();
      const r = await fix.fixFile({ name: input, path: input }, schema, { output: join(dir, `${name}-${workers}.out.csv`), rejects: join(dir, `${name}-${workers}.rej.csv`), workers, parallelMinBytes: 1 << 19 });
      return { r, two: counted() > before, out: readFileSync(join(dir, `${name}-${workers}.out.csv`), 'utf8') };
    };
    // (1) such records in the first and last two fifths only (each part over the 2 MiB work buffer,
    // records across its ends): cut in the middle, on two threads
    const apart = Array.from({ length: 140_000 }, (_, i) => (i > 56_000 && i < 84_000 ? row(1) : i % 2 ? row(97) : row(i)).replace(/^sku-\d+,/, `sku-${i},`));
    // an ID again near the end: the report names its line, the input's (after 248 lines joined)
    apart.push(row(5));
    const [a1, a2] = [await run('apart', apart, 1), await run('apart', apart, 2)];
    expect(a2.two).toBe(true);
    expect(a2.out).toBe(a1.out);
    expect({ ...a2.r.summary, output: '', rejectsFile: '' }).toEqual({ ...a1.r.summary, output: '', rejectsFile: '' });
    const multi = apart.filter((x) => x.includes('\n')).length;
    expect(multi).toBeGreaterThan(50_000);
    expect(a2.r.summary.changes.find((c) => c.kind === 'multiline')).toMatchObject({ rows: multi, values: multi });
    expect(a2.out).toBe(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\n${apart.map((x) => x.replace(/\r?\n/g, ' ').replace(/^(sku-\d+),(\d+)\.5,/, '$1,$2.5,')).join('\n')}\n`);
    expect(a2.r).toMatchObject({ fixed: true, rejects: { count: 0 } });
    const report = (x: typeof a1) => ({ ...x.r.report, stats: { ...x.r.report!.stats, elapsedMs: 0 } });
    expect(report(a2)).toEqual(report(a1));
    expect(a2.r.report?.warnings.find((w) => w.code === 'DUPLICATE_RECORD')?.line).toBe(140_000 + multi * 2 + 2);
    // (2) one such record (90 lines) across the middle of the file: one thread, joined whole
    const half = Array.from({ length: 15_000 }, (_, i) => `sku-${i},1.5,cat,"desc ${i}, plain"`);
    const value = Array.from({ length: 90 }, (_, k) => `p${k}`);
    const across = [...half, `mid,2.5,cat,"${value.join('\n')}"`, ...half.map((x) => x.replace('sku-', 'sk2-'))];
    // the middle byte inside it: a cut at the next newline would read it as two broken halves
    const text = `ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\n${across.join('\n')}\n`;
    expect(text.indexOf('\nmid,')).toBeLessThan(text.length / 2);
    expect(text.indexOf('\nsk2-0,')).toBeGreaterThan(text.length / 2 + 10);
    const [c1, c2] = [await run('across', across, 1), await run('across', across, 2)];
    expect(c2.out).toBe(c1.out);
    expect(c2.two).toBe(false);
    expect(c2.out).toContain(`\nmid,2.5,cat,"${value.join(' ')}"\n`);
    expect(c2.r).toMatchObject({ fixed: true, rejects: { count: 0 } });
  }, 120_000);
});
