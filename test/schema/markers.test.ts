// Missing-value markers (NULL, n/a, N/A … src/validate/markers.ts) in schema inference: missing in a
// number, boolean or timestamp column — not values that decide its type, counted in the optional
// decision and said in the reason —, values in a string column (a category may be called "NA").
import { describe, expect, it } from 'vitest';
import { inferSchema, type InferOptions, type InferResult } from '../../src/schema/index.js';
import { explain } from '../../src/schema/explain.js';
import { FIXED_BY_FIX } from '../../src/schema/infer.js';
import { isMissingMarker, markerAt, MISSING_MARKERS } from '../../src/validate/markers.js';
import { emptyCount as empty, markerCount as marked, markersCsv as itemsCsv } from '../helpers/markers-csv.js';

async function* chunks(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}
const infer = (csv: string, o: InferOptions = {}) => inferSchema(chunks(csv), o);
const field = (r: InferResult, name: string) => r.fields.find((x) => x.name === name)!;
const codes = (r: InferResult) => r.problems.map((p) => p.code);
const rows = (n: number, fn: (i: number) => string) => Array.from({ length: n }, (_, i) => fn(i)).join('\n');

describe('the set', () => {
  it('is matched whole, in any case, spaces around ignored; nothing else is a marker', () => {
    for (const m of MISSING_MARKERS) {
      expect(isMissingMarker(m)).toBe(true);
      expect(isMissingMarker(m.toUpperCase())).toBe(true);
      expect(markerAt(Buffer.from(` ${m.toUpperCase()}\t`), 0, m.length + 2)).toBe(true);
    }
    for (const v of ['', '0', 'nul', 'nulls', 'n/a/', 'NAN1', '--', 'nil', 'undefined', 'none of', '4.5', 'true', 'NA NA']) {
      expect(isMissingMarker(v), v).toBe(false);
      expect(markerAt(Buffer.from(v), 0, Buffer.byteLength(v)), v).toBe(false);
    }
  });
});

describe('markers in a typed column', () => {
  it('PRICE with n/a, N/A, NULL and empty cells: float, optional, the reason counts both kinds of missing', async () => {
    const r = await infer(itemsCsv);
    const p = field(r, 'PRICE');
    expect(p).toMatchObject({ type: 'float', nullable: true });
    expect(p.reason).toContain(`optional: ${(empty + marked).toLocaleString('en-US')} of 1,500 values are missing (${empty} empty, ${marked} written `);
    expect(p.reason).toMatch(/written (NULL|n\/a|N\/A) \/ (NULL|n\/a|N\/A) \/ (NULL|n\/a|N\/A): the fixed copy writes them empty\)/);
    // not a type mismatch: a problem the fixer repairs, so `import --create --fix` goes on
    expect(codes(r)).not.toContain('TYPE_MISMATCH');
    expect(codes(r)).toContain('MISSING_MARKERS');
    expect(FIXED_BY_FIX.has('MISSING_MARKERS')).toBe(true);
    const text = explain(r, 'items.csv');
    expect(text).toMatch(new RegExp(`MISSING_MARKERS: PRICE: ${marked} of 1,500 values are missing-value markers .*writes them empty`));
    expect(text).toContain('personalize-import fix items.csv --schema schema.json');
  });

  it('a metadata column of numbers with 60 % NULL is a long, optional — the markers do not make it a categorical string', async () => {
    const r = await infer(`ITEM_ID,STOCK,RATING,ACTIVE,SEEN_AT\n${rows(100, (i) => (i % 5 < 3 ? `i${i},NULL,nan,None,-` : `i${i},${i},${i}.5,${i % 2 ? 'true' : 'false'},2026-01-0${(i % 9) + 1}`))}\n`);
    expect(field(r, 'STOCK')).toMatchObject({ type: 'long', nullable: true, categorical: false });
    expect(field(r, 'STOCK').reason).toContain('optional: 60 of 100 values are missing (60 written NULL: the fixed copy writes them empty)');
    expect(field(r, 'RATING')).toMatchObject({ type: 'float', nullable: true });
    expect(field(r, 'ACTIVE')).toMatchObject({ type: 'boolean', nullable: true });
    // dates with markers are still dates (typed string with the usual warning, the markers not counted against them)
    expect(r.problems.some((x) => x.code === 'DATES_AS_STRING' && x.column === 'SEEN_AT')).toBe(true);
  });

  it('a required timestamp with markers: REQUIRED_EMPTY counts them and names their spelling', async () => {
    const r = await infer(`USER_ID,ITEM_ID,TIMESTAMP\n${rows(50, (i) => `u${i},i${i},${i % 10 === 0 ? 'NULL' : 1700000000 + i}`)}\n`);
    expect(field(r, 'TIMESTAMP')).toMatchObject({ type: 'long', nullable: false });
    const p = r.problems.find((x) => x.code === 'REQUIRED_EMPTY')!;
    expect(p.message).toContain('5 of 50 values are missing (5 written NULL)');
    expect(codes(r)).not.toContain('TYPE_MISMATCH');
    expect(codes(r)).not.toContain('MISSING_MARKERS');
  });

  it('an optional timestamp (CREATION_TIMESTAMP) with markers: optional, not a type mismatch', async () => {
    const r = await infer(`ITEM_ID,CREATION_TIMESTAMP,GENRE\n${rows(40, (i) => `i${i},${i % 4 === 0 ? '#N/A' : 1700000000 + i},g${i % 3}`)}\n`);
    expect(field(r, 'CREATION_TIMESTAMP')).toMatchObject({ type: 'long', nullable: true });
    expect(field(r, 'CREATION_TIMESTAMP').reason).toContain('10 written #N/A');
    expect(codes(r)).not.toContain('TYPE_MISMATCH');
  });
});

describe('markers in a string column', () => {
  it('a categorical column of 60 % NULL stays a string with NULL as a value, and the reason says so', async () => {
    const r = await infer(`ITEM_ID,COLOR\n${rows(100, (i) => `i${i},${i % 5 < 3 ? 'NULL' : ['red', 'blue'][i % 2]}`)}\n`);
    expect(field(r, 'COLOR')).toMatchObject({ type: 'string', categorical: true, nullable: false });
    expect(field(r, 'COLOR').reason).toContain('60 % of values are NULL, kept as a value (exports often write it for a missing one');
    expect(codes(r)).not.toContain('MISSING_MARKERS');
  });

  it('a column of nothing but NULL is a string (nothing says it is a number)', async () => {
    const r = await infer(`ITEM_ID,NOTE,GENRE\n${rows(30, (i) => `i${i},NULL,g${i % 3}`)}\n`);
    expect(field(r, 'NOTE')?.type ?? 'string').toBe('string');
    expect(codes(r)).not.toContain('MISSING_MARKERS');
  });
});
