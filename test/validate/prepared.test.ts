// A report kept for a later step of the same run (validate/prepared.ts) is taken only for the same
// check: the same file unchanged (path, inode, size, modification and change time), the same schema
// model, dataset type and domain; the mode judged again from its stats (modes.test.ts: equal to
// validating for that mode). Anything else, or a stamp that cannot prove the file unchanged: none.
import { appendFileSync, mkdtempSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mismatch, prepare, reuseReport, sameSchema, stampFile } from '../../src/validate/prepared.js';
import type { ValidationReport } from '../../src/validate/index.js';
import { schema } from './helpers.js';

const SAMPLE = resolve(__dirname, '../../samples/interactions.csv');
const inter = schema('interactions.json');
/** a report object: prepared.ts never looks inside it but for the mode findings */
const report = { valid: true, rows: 1200, datasetType: 'INTERACTIONS', mode: 'FULL', errors: [], warnings: [], stats: { bytes: 100, issueCounts: {} } } as unknown as ValidationReport;

function oldFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pi-prepared-')), 'events.csv');
  writeFileSync(file, readFileSync(SAMPLE));
  const hourAgo = new Date(Date.now() - 3600_000);
  utimesSync(file, hourAgo, hourAgo);
  return file;
}

const held = (file: string) => prepare(stampFile(file), { schema: inter, datasetType: 'INTERACTIONS', report, when: 'earlier' });
const want = (file: string) => ({ path: file, schema: inter, datasetType: 'INTERACTIONS' as const, mode: 'FULL' as const });

describe('prepared reports', () => {
  it('the same check on an unchanged file: the report itself', () => {
    const file = oldFile();
    const p = held(file)!;
    expect(p).toBeDefined();
    expect(mismatch(p, want(file))).toBeUndefined();
    expect(reuseReport(p, want(file))).toBe(report);
  });

  it('another mode: the report judged for it (not the same object, mode set)', () => {
    const file = oldFile();
    const r = reuseReport(held(file), { ...want(file), mode: 'INCREMENTAL' });
    expect(r).not.toBe(report);
    expect(r).toMatchObject({ mode: 'INCREMENTAL', valid: true, rows: 1200 });
  });

  it('another file, dataset type, domain or schema: none', () => {
    const file = oldFile();
    const p = held(file)!;
    expect(mismatch(p, { ...want(file), path: `${file}x` })).toBe('another file');
    expect(mismatch(p, { ...want(file), datasetType: 'ITEMS' })).toBe('another dataset type');
    expect(mismatch(p, { ...want(file), domain: 'ECOMMERCE' })).toBe('another domain');
    const other = { ...inter, fields: inter.fields.map((f) => (f.name === 'EVENT_VALUE' ? { ...f, nullable: false } : f)) };
    expect(mismatch(p, { ...want(file), schema: other })).toBe('another schema');
    expect(reuseReport(p, { ...want(file), schema: other })).toBeUndefined();
  });

  it('schemas equal field by field are the same whatever their key order; a field renamed is not', () => {
    const reordered = JSON.parse(JSON.stringify({ fields: inter.fields.map((f) => Object.fromEntries(Object.entries(f).reverse())), recordName: inter.recordName, inferredDatasetType: inter.inferredDatasetType }));
    expect(sameSchema(inter, reordered)).toBe(true);
    expect(sameSchema(inter, { ...inter, fields: inter.fields.map((f, i) => (i === 4 ? { ...f, name: 'PRICE' } : f)) })).toBe(false);
  });

  it('the file changed after the report: appended, rewritten with its size and times kept, replaced by another file', () => {
    const a = oldFile();
    const pa = held(a)!;
    appendFileSync(a, 'u1,i1,1767225600,click,\n');
    expect(mismatch(pa, want(a))).toBe('the file changed');

    const b = oldFile();
    const pb = held(b)!;
    const { atime, mtime, size } = statSync(b);
    writeFileSync(b, readFileSync(b, 'utf8').replace(',click,', ',CLICK,'));
    utimesSync(b, atime, mtime);
    expect(statSync(b).size).toBe(size);
    // (the times kept to the millisecond: mtimeMs is a float of the nanoseconds, 1796534374336.999 for …337)
    expect(Math.round(statSync(b).mtimeMs)).toBe(mtime.getTime());
    expect(mismatch(pb, want(b))).toBe('the file changed');

    const c = oldFile();
    const pc = held(c)!;
    const d = oldFile();
    utimesSync(d, statSync(c).atime, statSync(c).mtime);
    renameSync(d, c);
    expect(mismatch(pc, want(c))).toBe('the file changed');
    expect(reuseReport(pc, want(c))).toBeUndefined();
  });

  it('the file changed while it was read (the stamp after differs from the one before): nothing kept', () => {
    const file = oldFile();
    const before = stampFile(file);
    appendFileSync(file, 'u1,i1,1767225600,click,\n');
    expect(prepare(before, { schema: inter, datasetType: 'INTERACTIONS', report, when: 'earlier' })).toBeUndefined();
  });

  it('a file modified moments before its stamp proves nothing (a change within the clock tick keeps its time): nothing kept', () => {
    const file = oldFile();
    utimesSync(file, new Date(), new Date());
    expect(held(file)).toBeUndefined();
    // not a file, or none there
    expect(stampFile(tmpdir())).toBeUndefined();
    expect(stampFile(join(tmpdir(), 'pi-prepared-no-such-file.csv'))).toBeUndefined();
  });
});
