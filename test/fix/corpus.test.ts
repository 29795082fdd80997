// Every corpus file (test/fix/corpus.ts) fixed through the public API: the output is what the
// validator calls valid, holds exactly the expected rows (epoch seconds compared as text), the
// summary names each kind of change, and rejects carry the original line numbers.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixFile, renderSummary } from '../../src/fix/index.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { CASES, SCHEMAS } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-corpus-'));

describe('fix corpus', () => {
  CASES.forEach((c, n) => {
    it(c.name, async () => {
      const input = join(dir, `case-${n}.csv`);
      writeFileSync(input, c.bytes);
      const output = join(dir, `case-${n}.fixed.csv`);
      const rejects = join(dir, `case-${n}.rejects.csv`);
      const schema = parseSchema(SCHEMAS[c.schema]);
      const r = await fixFile({ name: input, path: input, open: () => Readable.from([readFileSync(input)]) }, schema, { output, rejects, ...c.options });
      expect(r.problem).toBeUndefined();
      expect(r.output).toBe(output);
      // the validator's verdict on the written file, run again on its own
      const again = await validateCsv({ name: output, stream: Readable.from([readFileSync(output)]) }, { schema });
      expect(again.errors).toEqual([]);
      expect(r.report?.valid).toBe(true);
      const text = readFileSync(output, 'utf8');
      const eol = c.eol ?? '\n';
      const lines = text.split(eol);
      expect(lines.pop()).toBe('');
      expect(lines[0]).toBe(c.header);
      expect(lines.slice(1)).toEqual(c.rows);
      if (eol === '\n') expect(text).not.toContain('\r');
      expect(r.summary.changes.map((x) => x.kind).sort()).toEqual([...c.changes].sort());
      for (const ch of r.summary.changes) {
        if (['timestamp-date', 'timestamp-epoch-unit', 'boolean', 'trimmed', 'quotes-doubled', 'quote-escaped', 'requoted', 'decimal-comma', 'currency', 'thousands'].includes(ch.kind)) {
          expect(ch.values).toBeGreaterThan(0);
          expect(ch.example?.before).not.toBe(ch.example?.after);
        }
      }
      expect(r.rejects.listed.map((x) => x.line)).toEqual(c.rejects ?? []);
      expect(r.fixed).toBe(!c.rejects?.length);
      if (c.rejects?.length) {
        const rej = readFileSync(rejects, 'utf8').trimEnd().split('\n');
        expect(rej[0]).toBe('line,reason,record');
        expect(rej.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(c.rejects);
      }
    });
  });

  it('dates: the assumption of UTC is counted and shown', async () => {
    const c = CASES[0];
    const input = join(dir, 'utc.csv');
    writeFileSync(input, c.bytes);
    const r = await fixFile({ name: input, path: input, open: () => Readable.from([c.bytes]) }, parseSchema(SCHEMAS.interactions), { output: join(dir, 'utc.fixed.csv') });
    // i3 (no zone), i4 (a date), i7 and i8 (no zone); the others name Z, an offset or GMT
    expect(r.summary.assumedUtc?.values).toBe(4);
    expect(r.summary.assumedUtc?.example).toMatchObject({ line: 4, before: '2026-01-02 03:04:05', after: '1767323045' });
  });

  it('chunk boundaries anywhere: 7-byte chunks give the same output (UTF-16, Windows-1252, CRLF, records over several lines)', async () => {
    const multiline = CASES.flatMap((c, n) => (c.changes.includes('multiline') ? [n] : []));
    expect(multiline.length).toBeGreaterThanOrEqual(3);
    for (const n of [0, 5, 6, 7, 9, 11, ...multiline]) {
      const c = CASES[n];
      const chunks: Buffer[] = [];
      for (let i = 0; i < c.bytes.length; i += 7) chunks.push(c.bytes.subarray(i, i + 7));
      const whole = join(dir, `whole-${n}.csv`);
      const split = join(dir, `split-${n}.csv`);
      const schema = parseSchema(SCHEMAS[c.schema]);
      await fixFile({ name: 'x', open: () => Readable.from([c.bytes]) }, schema, { output: whole, rejects: `${whole}.rej`, ...c.options });
      await fixFile({ name: 'x', open: () => Readable.from(chunks) }, schema, { output: split, rejects: `${split}.rej`, ...c.options });
      expect(readFileSync(split).equals(readFileSync(whole)), 'the two outputs differ').toBe(true);
      if (c.rejects?.length) expect(readFileSync(`${split}.rej`, 'utf8')).toBe(readFileSync(`${whole}.rej`, 'utf8'));
    }
  });
});

describe('fix summary wording', () => {
  it('a change of whole lines counts lines (the header is one), not rows', async () => {
    const c = CASES[4]; // | separated
    const input = join(dir, 'lines.csv');
    writeFileSync(input, c.bytes);
    const r = await fixFile({ name: input, path: input, open: () => Readable.from([c.bytes]) }, parseSchema(SCHEMAS[c.schema]), { output: join(dir, 'lines.fixed.csv') });
    const sep = r.summary.changes.find((x) => x.kind === 'separator')!;
    expect(sep.rows).toBe(r.summary.written + 1);
    const text = renderSummary(r);
    const n = (x: number) => x.toLocaleString('en-US');
    expect(text).toContain(`replaced by ",": ${n(sep.rows)} lines`);
    expect(text).toContain(`${n(r.summary.written)} rows from`);
  });
});
