// The fixer on a spreadsheet's dates in a timestamp column (Excel's serial dates): 45000.5208 is read
// as 2023-03-15 12:30 UTC at once (no epoch second has that shape), and 45000 as that day only once
// the column says it — every value of it a serial date (fixFile fixes again with the copy's
// TIMESTAMP_SERIAL columns). Before, 45000.5208 became 45000 ("fractions of a second dropped"), a
// valid copy of times on 1 January 1970.
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixFile } from '../../src/fix/index.js';
import { parseSchema } from '../../src/validate/index.js';
import { serialColumns } from '../../src/validate/serial-dates.js';
import { serialProof } from '../../src/fix/serial-proof.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-serial-'));
const SCHEMA = parseSchema(JSON.stringify({
  type: 'record', name: 'Interactions', namespace: 'com.amazonaws.personalize.schema', version: '1.0',
  fields: [{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }],
}), 'serial');
/** 2023-03-15T00:00:00Z, Excel's 45000 */
const DAY = 1678838400;
let k = 0;

function file(n: number, ts: (i: number) => string): { input: string; output: string } {
  let s = 'user_id,item_id,Order Date\n';
  for (let i = 0; i < n; i++) s += `u${i % 40},i${i % 9},${ts(i)}\n`;
  const base = join(dir, `f${k++}`);
  writeFileSync(`${base}.csv`, s);
  return { input: `${base}.csv`, output: `${base}.fixed.csv` };
}
const source = (path: string) => ({ name: path, path, open: () => createReadStream(path) });
const times = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(',')[2]);

describe("a spreadsheet's dates", () => {
  it('45000.5208333333 … in every row: epoch seconds of that time (UTC), one change kind with an example, the UTC assumption said; the copy warns of nothing', async () => {
    const f = file(1200, (i) => `${45000 + (i >> 5)}.5208333333`);
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output, map: { 'Order Date': 'TIMESTAMP' } });
    expect(r.fixed).toBe(true);
    const t = times(readFileSync(f.output, 'utf8'));
    expect(t[0]).toBe(String(DAY + 45000));
    expect(t[1199]).toBe(String(DAY + 37 * 86400 + 45000));
    const change = r.summary.changes.find((c) => c.kind === 'timestamp-serial');
    expect(change).toMatchObject({ rows: 1200, values: 1200, example: { line: 2, column: 'TIMESTAMP', before: '45000.5208333333', after: String(DAY + 45000) } });
    expect(r.summary.changes.map((c) => c.kind)).not.toContain('timestamp-fraction');
    expect(r.summary.assumedUtc).toMatchObject({ values: 1200 });
    expect(serialColumns(r.report)).toEqual([]);
    expect(r.report?.warnings.map((w) => w.code)).not.toContain('TIMESTAMP_ANCIENT');
  });

  it('whole days (45000 …) in every row: written as epoch seconds too, once the column says it (fixed again)', async () => {
    const f = file(1200, (i) => String(45000 + (i >> 5)));
    const r = await fixFile(source(f.input), SCHEMA, { output: f.output, map: { 'Order Date': 'TIMESTAMP' } });
    expect(r.fixed).toBe(true);
    const t = times(readFileSync(f.output, 'utf8'));
    expect(t[0]).toBe(String(DAY));
    expect(t[1199]).toBe(String(DAY + 37 * 86400));
    expect(r.summary.changes.find((c) => c.kind === 'timestamp-serial')).toMatchObject({ values: 1200, example: { before: '45000', after: String(DAY) } });
    expect(r.report?.warnings.map((w) => w.code)).not.toContain('TIMESTAMP_SERIAL');
  });

  it('whole and fractional mixed: all of them; epoch seconds beside them: the whole numbers are left as they are (not a column of dates), the fractions still read', async () => {
    const mixed = file(1200, (i) => (i % 2 ? String(45000 + (i >> 5)) : `${45000 + (i >> 5)}.25`));
    const all = await fixFile(source(mixed.input), SCHEMA, { output: mixed.output, map: { 'Order Date': 'TIMESTAMP' } });
    expect(times(readFileSync(mixed.output, 'utf8')).slice(0, 2)).toEqual([String(DAY + 21600), String(DAY)]);
    expect(all.summary.changes.find((c) => c.kind === 'timestamp-serial')?.values).toBe(1200);
    const some = file(1200, (i) => (i === 5 ? '1700000000' : i % 2 ? String(45000 + (i >> 5)) : `${45000 + (i >> 5)}.25`));
    const r = await fixFile(source(some.input), SCHEMA, { output: some.output, map: { 'Order Date': 'TIMESTAMP' } });
    const t = times(readFileSync(some.output, 'utf8'));
    expect(t.slice(0, 6)).toEqual([String(DAY + 21600), '45000', String(DAY + 21600), '45000', String(DAY + 21600), '1700000000']);
    expect(r.summary.changes.find((c) => c.kind === 'timestamp-serial')?.values).toBe(600);
    expect(r.report?.warnings.find((w) => w.code === 'TIMESTAMP_ANCIENT')).toMatchObject({ line: 3 });
  });

  it("serialProof: every line of the input read, quotes and spaces around a value its own; one value of another kind, a stream: no answer", async () => {
    const write = (body: string) => {
      const path = join(dir, `p${k++}.csv`);
      writeFileSync(path, `user_id,item_id,Order Date\n${body}`);
      return path;
    };
    const opts = { output: join(dir, 'unused.csv'), map: { 'Order Date': 'TIMESTAMP' } };
    const lines = Array.from({ length: 3000 }, (_, i) => `u${i},i${i},${i % 3 === 0 ? `"${45000 + i}"` : i % 3 === 1 ? ` ${45000 + i}.75 ` : `${45000 + i}`}`);
    // (no line end after the last line: it counts too)
    expect(await serialProof(source(write(lines.join('\n'))), SCHEMA, opts)).toEqual(['TIMESTAMP']);
    // empty values are no values; one epoch second on the last line: not a column of dates
    expect(await serialProof(source(write(`${lines.join('\n')}\nu,i,\n`)), SCHEMA, opts)).toEqual(['TIMESTAMP']);
    expect(await serialProof(source(write(`${lines.join('\n')}\nu,i,1700000000`)), SCHEMA, opts)).toBeUndefined();
    expect(await serialProof({ name: 's', stream: (async function* () { yield Buffer.from('user_id,item_id,Order Date\nu,i,45000\n'); })() }, SCHEMA, opts)).toBeUndefined();
  });
});
