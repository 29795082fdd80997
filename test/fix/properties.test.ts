// Properties of the fixer over generated files (fast-check):
// - a file the validator has nothing to say about comes out byte for byte the same (CRLF, quoted
//   values, escapes, a missing last newline included);
// - fixing a fixed file changes nothing: fix(fix(x)) = fix(x).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixFile } from '../../src/fix/index.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';
import { runs } from '../helpers/runs.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-props-'));
const users = parseSchema(SCHEMAS.users);
const items = parseSchema(SCHEMAS.items);
let n = 0;

async function fix(bytes: Buffer, schema = users): Promise<Buffer | undefined> {
  const output = join(dir, `out-${n++}.csv`);
  const r = await fixFile({ name: 'gen.csv', open: () => Readable.from([bytes]) }, schema, { output, rejects: `${output}.rejects` });
  return r.output ? readFileSync(output) : undefined;
}

const idChar = fc.constantFrom(...'abcxyz019-_.é€ ,"\\'.split(''));
/** a value in Personalize's dialect: bare when it can be, else quoted with \" and \\ */
const dialect = (v: string, quoteAnyway: boolean) => (quoteAnyway || /[,"\\]/.test(v) ? `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"` : v);

describe('fix properties', () => {
  it('a file with no findings comes out byte for byte the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: fc.string({ unit: idChar, minLength: 1, maxLength: 12 }), age: fc.integer({ min: -5, max: 2147483647 }), member: fc.constantFrom('gold', 'silver', 'a,b', 'x"y', ''), quote: fc.boolean(), crlf: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        fc.boolean(),
        async (rows, headerCrlf, lastEol) => {
          let text = `USER_ID,AGE,MEMBERSHIP${headerCrlf ? '\r\n' : '\n'}`;
          rows.forEach((r, i) => {
            const id = `${i}-${r.id.trim() || 'x'}`;
            const line = `${dialect(id, r.quote)},${r.quote ? `"${r.age}"` : r.age},${dialect(r.member, r.quote && r.member !== '')}`;
            text += line + (i < rows.length - 1 || lastEol ? (r.crlf ? '\r\n' : '\n') : '');
          });
          const bytes = Buffer.from(text);
          const report = await validateCsv({ name: 'gen.csv', stream: Readable.from([bytes]) }, { schema: users });
          fc.pre(report.errors.length === 0 && report.warnings.length === 0);
          const out = await fix(bytes);
          expect(out?.toString('utf8')).toBe(text);
          expect(out?.equals(bytes)).toBe(true);
        },
      ),
      { numRuns: runs(60) },
    );
    // 60 fixes: ≈ 7 s alone; past 30 s on a loaded machine (load 10: CI's two runs beside other work)
  }, 120_000);

  it("a quoted ID whose last character is an escaped space (\"i0,\\ \"): trimmed with its backslash, so the copy reads back the same (fast-check's counterexample, seed 1636338285)", async () => {
    const once = await fix(Buffer.from('ITEM_ID,PRICE,CATEGORY_L1,CREATION_TIMESTAMP,IN_STOCK\n"i0,\\ ",4.5,c,,true\ni1,4.5,c,2017-07-14T02:40:00.000Z,true\n'), items);
    expect(once?.toString('utf8')).toBe('ITEM_ID,PRICE,CATEGORY_L1,CREATION_TIMESTAMP,IN_STOCK\n"i0,",4.5,c,,true\ni1,4.5,c,1500000000,true\n');
    expect((await fix(once!, items))?.toString('utf8')).toBe(once!.toString('utf8'));
  });

  it('fixing twice equals fixing once', async () => {
    const messyTs = fc.oneof(
      fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map(String),
      fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map((s) => `${s}123`),
      fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map((s) => new Date(s * 1000).toISOString()),
      fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map((s) => new Date(s * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')),
      fc.constant(''),
      fc.constant('soon'),
    );
    const messyBool = fc.constantFrom('true', 'TRUE', 'False', '1', '0', '', 'yes');
    const messyPrice = fc.constantFrom('4.5', ' 4.5', '7 ', '1e3', 'cheap', '');
    const messyText = fc.string({ unit: idChar, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '\t', '|'),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.record({ id: messyText, price: messyPrice, cat: messyText, ts: messyTs, stock: messyBool }), { minLength: 1, maxLength: 25 }),
        async (sep, lower, eol, rows) => {
          const q = (v: string) => (v.includes(sep) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replace(/"/g, '""')}"` : v);
          const header = ['ITEM_ID', 'PRICE', 'CATEGORY_L1', 'CREATION_TIMESTAMP', 'IN_STOCK'].map((h) => (lower ? h.toLowerCase() : h)).join(sep);
          const lines = [header, ...rows.map((r, i) => [q(`i${i}${r.id}`), q(r.price), q(r.cat || 'c'), q(r.ts), q(r.stock)].join(sep))];
          const once = await fix(Buffer.from(lines.join(eol) + eol), items);
          if (!once) return;
          const twice = await fix(once, items);
          expect(twice?.toString('utf8')).toBe(once.toString('utf8'));
        },
      ),
      { numRuns: runs(80) },
    );
    // 160 fixes: ≈ 5 s alone, 20–30 s in CI beside the other suite (two Node versions on 2 cores)
  }, 120_000);
});
