// Schema inference of an Excel export (BOM, ";", CRLF) whose last rows hold only separators (`;;;;`:
// rows formatted but left empty) or spaces between them: such rows carry no data, so they make no
// field optional and no required value "empty" — they are skipped, not counted as rows, and the line
// naming what was read says how many (once). A blank line stays skipped and unsaid, as before; a row
// with one value in it is a row.
import { describe, expect, it } from 'vitest';
import { inferSchema, type InferResult } from '../../src/schema/index.js';
import { explain } from '../../src/schema/explain.js';

async function* chunks(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const b = Buffer.from(text, 'utf8');
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
const rows = Array.from({ length: 3000 }, (_, i) => `u${i % 100};i${i % 37};${1700000000 + i};${i % 2 ? 'click' : 'purchase'};${(i % 5) + 1}`);
const excel = (tail: string[]) => `\uFEFF${['USER_ID;ITEM_ID;TIMESTAMP;EVENT_TYPE;EVENT_VALUE', ...rows, ...tail].join('\r\n')}\r\n`;
const field = (r: InferResult, name: string) => r.fields.find((f) => f.name === name)!;

describe('rows without values in schema inference', () => {
  it('rows of separators only (and of spaces): no optional fields, no REQUIRED_EMPTY, skipped and said once', async () => {
    for (const size of [7, 1 << 16]) {
      const r = await inferSchema(chunks(excel([';;;;', ' ; ;;\t; ', ';;;;;', '']), size));
      expect(r.problems.map((p) => p.code)).not.toContain('REQUIRED_EMPTY');
      expect(r.problems.map((p) => p.code)).not.toContain('COLUMN_COUNT');
      for (const f of ['EVENT_TYPE', 'EVENT_VALUE']) expect(field(r, f).nullable, f).toBe(false);
      expect(field(r, 'EVENT_VALUE').type).toBe('float');
      expect(r.sample).toMatchObject({ rows: 3000, emptyRows: 3 });
      const text = explain(r, 'excel.csv');
      expect(text).toContain('Schema for excel.csv (the whole file, 3,000 rows; 3 empty rows skipped: only separators)');
      expect(text.match(/empty row/g)).toHaveLength(1);
      expect(text).not.toMatch(/of 3,00\d values are empty/);
    }
  });

  it('one such row: "1 empty row"; none (blank lines only): nothing said', async () => {
    expect(explain(await inferSchema(chunks(excel([';;;;']))), 'a.csv')).toContain('(the whole file, 3,000 rows; 1 empty row skipped: only separators)');
    const blank = await inferSchema(chunks(excel(['', ''])));
    expect(blank.sample.emptyRows).toBeUndefined();
    expect(explain(blank, 'b.csv')).toContain('(the whole file, 3,000 rows)\n');
  });

  it('a row with a value is a row: its empty USER_ID is still counted', async () => {
    const r = await inferSchema(chunks(excel([';i1;;;'])));
    expect(r.sample.rows).toBe(3001);
    expect(r.problems.find((p) => p.code === 'REQUIRED_EMPTY' && p.field === 'USER_ID')?.message).toMatch(/yet 1 of 3,001 values are empty/);
  });
});
