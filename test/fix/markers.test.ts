// Missing-value markers (NULL, n/a … src/validate/markers.ts) in the fixer: written empty in a typed
// field that allows null, counted per column in the summary; a row whose field needs a value is set
// aside with the marker named. The one-pass path and the fast lane take no marker: such a line is the
// JS path's, the other lines stay theirs — the copy identical with the lane off. On two threads the
// halves' counts and spellings are merged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixFile, renderSummary } from '../../src/fix/index.js';
import { fixLaneCounters } from '../../src/fix/lane.js';
import { parseSchema } from '../../src/validate/index.js';
import type * as Fix from '../../src/fix/index.js';
import { builtFixer } from './built.js';
import { MARKER_ROWS, emptyCount, markerCount, markerPrice, markersCsv } from '../helpers/markers-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-markers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const items = (price: 'optional' | 'required', more: object[] = []) => parseSchema(JSON.stringify({
  type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'ITEM_ID', type: 'string' }, { name: 'PRICE', type: price === 'optional' ? ['null', 'float'] : 'float', ...(price === 'optional' ? { default: null } : {}) }, { name: 'CATEGORY', type: 'string', categorical: true }, { name: 'CREATION_TIMESTAMP', type: 'long' }, ...more],
}));

async function fixText(csv: string, schema: ReturnType<typeof parseSchema>, name: string, o: { wasm?: boolean; rejects?: boolean } = {}) {
  const input = join(dir, `${name}.csv`);
  writeFileSync(input, csv);
  const before = process.env.PERSONALIZE_IMPORT_NO_WASM;
  if (o.wasm === false) process.env.PERSONALIZE_IMPORT_NO_WASM = '1';
  const lane = fixLaneCounters.lines;
  try {
    const output = join(dir, `${name}.${o.wasm === false ? 'js' : 'wasm'}.out.csv`);
    const r = await fixFile({ name: `${name}.csv`, path: input }, schema, { output, ...(o.rejects ? { rejects: `${output}.rejects.csv` } : {}) });
    return { r, out: r.output ? readFileSync(output, 'utf8') : undefined, laneLines: fixLaneCounters.lines - lane, text: renderSummary(r) };
  } finally {
    if (before === undefined) delete process.env.PERSONALIZE_IMPORT_NO_WASM;
    else process.env.PERSONALIZE_IMPORT_NO_WASM = before;
  }
}

describe('a missing-value marker in a typed field', () => {
  it('optional: written empty, the copy valid, the summary says how many per column and which spellings', async () => {
    const { r, out, laneLines, text } = await fixText(markersCsv, items('optional'), 'items');
    expect(r.fixed).toBe(true);
    expect(r.summary.rejected).toBe(0);
    expect(out).toBe(markersCsv.replace(/^(item\d+),(n\/a|N\/A|NULL),/gm, '$1,,'));
    const prices = out!.trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(prices.filter((p) => p === '').length).toBe(markerCount + emptyCount);
    expect(r.summary.changes).toEqual([{ kind: 'missing-marker', label: expect.stringMatching(/^missing-value markers \((n\/a|N\/A|NULL), (n\/a|N\/A|NULL), (n\/a|N\/A|NULL)\) written empty$/), column: 'PRICE', spellings: expect.any(Object), rows: markerCount, values: markerCount, example: { line: 14, column: 'PRICE', before: 'N/A', after: '' } }]);
    expect(text).toMatch(new RegExp(`\\n  PRICE: ${markerCount} missing-value markers \\((n/a|N/A|NULL), (n/a|N/A|NULL), (n/a|N/A|NULL)\\) written empty\\n    e\\.g\\. line 14, PRICE: N/A → ""\\n`));
    // the clean lines stayed on the fast lane: all but the marker lines (and their neighbours the lane resumes after)
    expect(laneLines).toBeGreaterThan(MARKER_ROWS - 2 * markerCount - emptyCount);
    const js = await fixText(markersCsv, items('optional'), 'items', { wasm: false });
    expect(js.laneLines).toBe(0);
    expect(js.out).toBe(out);
    expect(js.r.summary).toEqual({ ...r.summary, output: js.r.summary.output });
  });

  it('required: the row is set aside, its reason naming the marker; nothing counted for it', async () => {
    const { r, out, text } = await fixText(markersCsv, items('required'), 'required', { rejects: true });
    expect(r.summary.rejected).toBe(markerCount + emptyCount);
    expect(r.rejects.listed.find((x) => x.line === 14)?.reason).toBe('PRICE "N/A" is a missing-value marker, and the schema needs a value');
    expect(r.summary.changes.some((c) => c.kind === 'missing-marker')).toBe(false);
    expect(out).not.toMatch(/n\/a|NULL/i);
    expect(text).toContain('PRICE "N/A" is a missing-value marker, and the schema needs a value');
  });

  it('every typed kind, quoted and spaced markers, a string field left alone; a row set aside for another reason does not count its marker', async () => {
    const schema = parseSchema(JSON.stringify({ type: 'record', name: 'Items', fields: [
      { name: 'ITEM_ID', type: 'string' }, { name: 'CREATION_TIMESTAMP', type: ['null', 'long'], default: null }, { name: 'STOCK', type: ['null', 'int'], default: null },
      { name: 'RATING', type: ['null', 'double'], default: null }, { name: 'ON_SALE', type: ['null', 'boolean'], default: null }, { name: 'NOTE', type: ['null', 'string'], default: null }, { name: 'RANK', type: 'int' },
    ] }));
    const csv = 'ITEM_ID,CREATION_TIMESTAMP,STOCK,RATING,ON_SALE,NOTE,RANK\ni1,NULL,"NaN", n/a ,None,NULL,1\ni2,1700000000,-,#N/A,TRUE,x,2\ni3,2026-01-02T00:00:00Z,3,4.5,na,NULL,three\n';
    const { r, out } = await fixText(csv, schema, 'kinds', { rejects: true });
    expect(out).toBe('ITEM_ID,CREATION_TIMESTAMP,STOCK,RATING,ON_SALE,NOTE,RANK\ni1,,,,,NULL,1\ni2,1700000000,,,true,x,2\n');
    expect(r.rejects.listed.map((x) => x.line)).toEqual([4]);
    const counts = Object.fromEntries(r.summary.changes.filter((c) => c.kind === 'missing-marker').map((c) => [c.column, [c.values, c.label]]));
    expect(counts).toEqual({
      CREATION_TIMESTAMP: [1, 'missing-value markers (NULL) written empty'],
      STOCK: [2, 'missing-value markers (NaN, "-") written empty'],
      RATING: [2, 'missing-value markers (n/a, #N/A) written empty'],
      ON_SALE: [1, 'missing-value markers (None) written empty'],
    });
    expect(renderSummary(r)).toContain('  ON_SALE: 1 missing-value marker (None) written empty');
  });
});

describe('on two threads', () => {
  let fix: typeof Fix;
  let built: string;
  beforeAll(async () => {
    ({ dir: built, fix } = await builtFixer('fix-markers-par-'));
  }, 60_000);

  it('the halves\' counts and spellings merged: the summary of one thread', async () => {
    // NULL in the first half only, n/a in the second
    const rows = Array.from({ length: 40_000 }, (_, i) => `item${i},${i % 10 === 0 ? (i < 20_000 ? 'NULL' : 'n/a') : markerPrice(i + 1).replace(/^$|[a-zA-Z/]+/, '1.5')},cat${i % 7},${1700000000 + i}`);
    const input = join(built, 'big.csv');
    writeFileSync(input, `ITEM_ID,PRICE,CATEGORY,CREATION_TIMESTAMP\n${rows.join('\n')}\n`);
    const run = (workers: number) => fix.fixFile({ name: input, path: input }, items('optional'), { output: join(built, `out-${workers}.csv`), workers, parallelMinBytes: 1 << 19 });
    const one = await run(1);
    const two = await run(2);
    expect(readFileSync(join(built, 'out-2.csv')).equals(readFileSync(join(built, 'out-1.csv')))).toBe(true);
    expect(two.summary.changes).toEqual(one.summary.changes);
    expect(two.summary.changes).toEqual([expect.objectContaining({ kind: 'missing-marker', column: 'PRICE', values: 4000, spellings: { NULL: 2000, 'n/a': 2000 } })]);
    expect(two.fixed).toBe(true);
  }, 120_000);
});
