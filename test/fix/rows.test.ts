// The row fixer's one-pass path (block(): many plain lines at a time, any separator) against its
// general path (fix() line by line with the one-pass path off): the same bytes out, the same lines
// taken or handed back, the same counts and examples — over generated lines mixing what the
// one-pass path takes (ISO dates, ms epochs, CR LF) with what it must hand back (quotes, commas in
// ; files, spaces, bad numbers, blank lines, too many or too few values, empty required values).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planHeader } from '../../src/fix/header.js';
import { OutBuffer } from '../../src/fix/out-buffer.js';
import { RowFixer } from '../../src/fix/rows.js';
import { parseSchema } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';
import { runs } from '../helpers/runs.js';

const interactions = parseSchema(SCHEMAS.interactions);

const value = fc.oneof(
  fc.constantFrom('u1', 'item-7', 'click', '4.5', '1e3', '', ' u2', 'x y', 'a,b', 'q"q', '"quoted"', '"a;b"', 'back\\slash', 'é€'),
  fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map(String),
  fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map((s) => `${s}123`),
  fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map((s) => new Date(s * 1000).toISOString()),
  fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map((s) => new Date(s * 1000).toISOString().replace('.000Z', '+02:00')),
  fc.integer({ min: 1_500_000_000, max: 1_760_000_000 }).map((s) => new Date(s * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')),
);

describe('row fixer: the one-pass path', () => {
  it('writes what the general path writes, line by line, for any separator and line end', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t', '|'),
        fc.array(fc.record({ cols: fc.array(value, { minLength: 4, maxLength: 6 }), plain: fc.boolean(), eol: fc.constantFrom('\n', '\r\n') }), { minLength: 1, maxLength: 40 }),
        (sep, rows) => {
          const header = ['user_id', 'item_id', 'timestamp', 'event_type', 'event_value'].join(sep);
          const plan = planHeader(header, interactions, { required: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'] });
          // most lines plain (5 values, the right kinds), the others anything
          const lines = rows.map((r, i) => (r.plain ? [`u${i}`, `item-${i}`, r.cols[0].replace(/[",;\t| ]/g, ''), 'click', '4.5'] : r.cols).join(sep) + r.eol);
          const bytes = Buffer.from(lines.join(''));

          // general path, one line at a time (as fix.ts's per-line loop calls it)
          const general = new RowFixer(plan, { onePass: false });
          const g = new OutBuffer(1 << 16);
          const gTaken: boolean[] = [];
          let at = 0;
          lines.forEach((l, i) => {
            const n = Buffer.byteLength(l);
            const e = at + n - (l.endsWith('\r\n') ? 2 : 1);
            const before = g.pos;
            const why = e === at ? 'blank' : general.fix(bytes, at, e, g, i + 2);
            if (why === undefined) g.buf.set(Buffer.from(l.endsWith('\r\n') ? '\r\n' : '\n'), g.pos), (g.pos += l.endsWith('\r\n') ? 2 : 1);
            else g.pos = before;
            gTaken.push(why === undefined);
            at += n;
          });

          // one-pass path: block() as far as it goes, then the general path for the line it hands back
          const fast = new RowFixer(plan);
          const f = new OutBuffer(1 << 16);
          const fTaken: boolean[] = [];
          const starts = [0];
          for (const l of lines) starts.push(starts[starts.length - 1] + Buffer.byteLength(l));
          let i = 0;
          while (i < lines.length) {
            const j = fast.block(bytes, starts[i], bytes.length, f, i + 2, 1 << 15, 1 << 20);
            for (let k = 0; k < fast.taken; k++) fTaken.push(true);
            expect(j).toBe(starts[i + fast.taken]);
            i += fast.taken;
            if (i >= lines.length) break;
            const l = lines[i];
            const e = starts[i + 1] - (l.endsWith('\r\n') ? 2 : 1);
            const before = f.pos;
            const why = e === starts[i] ? 'blank' : fast.fix(bytes, starts[i], e, f, i + 2);
            if (why === undefined) f.buf.set(Buffer.from(l.endsWith('\r\n') ? '\r\n' : '\n'), f.pos), (f.pos += l.endsWith('\r\n') ? 2 : 1);
            else f.pos = before;
            fTaken.push(why === undefined);
            i++;
          }
          expect(Buffer.from(f.buf.subarray(0, f.pos)).toString('utf8')).toBe(Buffer.from(g.buf.subarray(0, g.pos)).toString('utf8'));
          expect(fTaken).toEqual(gTaken);
          expect([...fast.values]).toEqual([...general.values]);
          expect([...fast.rows]).toEqual([...general.rows]);
          expect(fast.examples).toEqual(general.examples);
          expect(fast.assumedUtc).toBe(general.assumedUtc);
          expect(fast.assumedUtcExample).toEqual(general.assumedUtcExample);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('takes plain ; lines (the separator written as a comma) and hands back one holding a comma', () => {
    const plan = planHeader('user_id;item_id;timestamp;event_type;event_value', interactions, { required: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'] });
    const fx = new RowFixer(plan);
    const out = new OutBuffer(1024);
    const b = Buffer.from('u1;i1;2020-09-13T12:26:40Z;click;4.5\r\nu2;i,2;1600000000;view;1\n');
    const j = fx.block(b, 0, b.length, out, 2, 1 << 15, 1 << 20);
    expect(fx.taken).toBe(1);
    expect(j).toBe(b.indexOf('u2'));
    expect(Buffer.from(out.buf.subarray(0, out.pos)).toString()).toBe('u1,i1,1600000000,click,4.5\r\n');
  });
});
