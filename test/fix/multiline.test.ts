// Records whose quoted value runs over line ends (src/fix/multiline.ts): the summary's entry and its
// example (line range, text escaped), the report's line numbers after a join (the input's), and the
// bounds (100 lines, 64 KiB) past which the first line is rejected and the next read as records.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixFile, renderSummary } from '../../src/fix/index.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';
import { runs } from '../helpers/runs.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-multiline-'));
const items = parseSchema(SCHEMAS.items);
let n = 0;

async function fix(text: string) {
  const input = join(dir, `in-${n}.csv`);
  const output = join(dir, `out-${n}.csv`);
  const rejects = join(dir, `rej-${n++}.csv`);
  writeFileSync(input, text);
  const r = await fixFile({ name: input, path: input }, items, { output, rejects, now: new Date('2026-12-01T00:00:00Z') });
  return { r, out: r.output ? readFileSync(output, 'utf8') : '', rej: existsSync(rejects) ? readFileSync(rejects, 'utf8') : '' };
}

describe('records over several lines', () => {
  it('the summary counts values and records, its example names the line range and shows the text escaped', async () => {
    const { r, out } = await fix('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,"a\nb","Soft \u001b[31mcotton.\r\nWashable."\ni2,2,c,"x\ny\nz"\ni3,3,c,plain\n');
    expect(out).toBe('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,"a b","Soft \u001b[31mcotton. Washable."\ni2,2,c,"x y z"\ni3,3,c,plain\n');
    expect(r.summary.rows).toBe(3);
    expect(r.summary.changes.find((c) => c.kind === 'multiline')).toMatchObject({ rows: 2, values: 3, example: { line: 2, lines: 3, column: 'CATEGORY_L1', before: '"a\\nb"', after: '"a b"' } });
    const text = renderSummary(r);
    expect(text).toContain('line breaks inside quoted values joined (each written as a space): 3 values in 2 rows');
    expect(text).toContain('e.g. lines 2–4, CATEGORY_L1: "a\\nb" → "a b"');
    expect(r.fixed).toBe(true);
  });

  it('the example escapes control characters of the value', async () => {
    const { r } = await fix('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,c,"Soft \u001b[31mcotton.\r\nWashable."\n');
    const text = renderSummary(r);
    expect(text).toContain('e.g. lines 2–3, DESCRIPTION: "Soft \\u001b[31mcotton.\\r\\nWashable." → "Soft \\u001b[31mcotton. Washable."');
    expect(text).not.toContain('\u001b');
  });

  it("the report's line numbers are the input's after a joined record (the joined record named by its first line)", async () => {
    const { r } = await fix('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION,CREATION_TIMESTAMP\ni1,1,c,"a\nb\nc",1767225600\ni2,2,c,"x",4102444800\n');
    expect(r).toMatchObject({ fixed: true, rejects: { count: 0 } });
    expect(r.report?.warnings.find((w) => w.code === 'TIMESTAMP_FUTURE')?.line).toBe(5);
  });

  it('a joined record with a value that cannot be fixed: set aside whole, named by its first line; no line end after the last record', async () => {
    const { r, out, rej } = await fix('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,cheap,c,"a\nb"\ni2,2,c,"x\ny"');
    expect(r.rejects.listed).toEqual([{ line: 2, reason: expect.stringMatching(/PRICE "cheap" is not a number/) }]);
    // the rejects file keeps one record a line: the joined record
    const lines = rej.split('\n');
    expect(lines.length).toBe(3);
    expect(lines[1]).toMatch(/^2,"PRICE .*","i1,cheap,c,\\"a b\\""$/);
    expect(out).toBe('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni2,2,c,"x y"');
    expect(r.summary.changes.find((c) => c.kind === 'multiline')).toMatchObject({ rows: 1, values: 1, example: { line: 4, lines: 2 } });
  });

  it('a value over 100 lines is not joined: its first line rejected, the next read as records again', async () => {
    const body = (k: number) => Array.from({ length: k }, (_, i) => `l${i}`).join('\n');
    const ok = await fix(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,c,"${body(100)}"\ni2,2,c,x\n`);
    expect(ok.out.split('\n')[1]).toBe(`i1,1,c,"${body(100).replace(/\n/g, ' ')}"`);
    expect(ok.r.rejects.count).toBe(0);
    const over = await fix(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,c,"${body(101)}"\ni2,2,c,x\n`);
    // line 2 (the quote never closes within the bound), 3…102 (l1 … l100", one value each)
    expect(over.rej.trimEnd().split('\n').slice(1).map((l) => Number(l.split(',')[0]))).toEqual(Array.from({ length: 101 }, (_, i) => i + 2));
    expect(over.r.rejects.listed[0].reason).toMatch(/a quote is opened and not closed on this line/);
    expect(over.out).toBe('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni2,2,c,x\n');
  });

  it('a record over 64 KiB is not joined', async () => {
    const big = 'w'.repeat(40_000);
    const ok = await fix(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,c,"${big}\n${big.slice(0, 20_000)}"\ni2,2,c,x\n`);
    expect(ok.r.rejects.count).toBe(0);
    expect(ok.r.summary.written).toBe(2);
    const over = await fix(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\ni1,1,c,"${big}\n${big}"\ni2,2,c,x\n`);
    expect(over.r.rejects.listed.map((x) => x.line)).toEqual([2, 3]);
    expect(over.r.summary.written).toBe(1);
    expect(over.rej.split('\n')[1]).toMatch(/^2,"DESCRIPTION: a quote is opened and not closed on this line"/);
  });

  it('records across the work buffer\'s ends (a file of several MiB read in one chunk, which fills the buffer): every one joined', async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => (i % 5 ? `i${i},1.5,c,"first ${i}\nsecond, ${i}\r\nthird"` : `i${i},2,c,plain ${i}`));
    const bytes = Buffer.from(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\n${rows.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(5 << 20);
    const output = join(dir, 'big.csv');
    const r = await fixFile({ name: 'big.csv', open: () => Readable.from([bytes]) }, items, { output, rejects: join(dir, 'big.rej.csv') });
    expect(r.rejects.count).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(`ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\n${rows.map((x) => x.replace(/\r?\n/g, ' ')).join('\n')}\n`);
    expect(r.summary.changes.find((c) => c.kind === 'multiline')).toMatchObject({ rows: 120_000, values: 120_000 });
  });

  it('property: any records with line breaks in quoted values, read in chunks of any size, come out one a line, the breaks as spaces, valid', async () => {
    const word = fc.stringMatching(/^[a-z é,\\]{0,12}$/).map((w) => w.replace(/\\/g, '\\\\'));
    const value = fc.tuple(fc.array(word, { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 4, maxLength: 4 }));
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 90 }), async (values, eol, chunk) => {
        const desc = values.map(([parts, breaks]) => parts.map((p, k) => (k ? breaks[k - 1] : '') + p).join(''));
        const text = `ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION${eol}${desc.map((d, i) => `i${i},${i}.5,c,"${d}"`).join(eol)}${eol}`;
        const bytes = Buffer.from(text);
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
        const output = join(dir, `prop-${n++}.csv`);
        const r = await fixFile({ name: 'p.csv', open: () => Readable.from(chunks) }, items, { output });
        const want = `ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION${eol}${desc.map((d, i) => `i${i},${i}.5,c,"${d.replace(/\r?\n/g, ' ')}"`).join(eol)}${eol}`;
        expect(r.rejects.count).toBe(0);
        expect(readFileSync(output, 'utf8')).toBe(want);
        const again = await validateCsv({ name: output, stream: Readable.from([readFileSync(output)]) }, { schema: items });
        expect(again.errors).toEqual([]);
      }),
      { numRuns: runs(60) },
    );
  });
});
