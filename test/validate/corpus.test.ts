// The malformed-file corpus (test/fixtures/csv/cases.json): each case gives the expected code at the
// expected line and column, read whole, in 7-byte chunks and byte by byte (same report every way).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DatasetType, Domain, ImportMode } from '../../src/core/resources.js';
import { FIXTURES, comparable, run, schema } from './helpers.js';

interface Case {
  file: string;
  schema: string;
  expect: { code: string; line?: number; column?: string }[];
  valid?: boolean;
  rows?: number;
  domain?: Domain;
  datasetType?: DatasetType;
  mode?: ImportMode;
  /** these are the only findings (no cascade of errors after the one cause) */
  only?: boolean;
}

const cases = JSON.parse(readFileSync(new URL('cases.json', FIXTURES), 'utf8')) as Case[];

describe('validation corpus', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  for (const c of cases) {
    it(`${c.file}: ${c.expect.map((e) => `${e.code}@${e.line ?? '-'}`).join(', ') || 'no errors'}`, async () => {
      const bytes = readFileSync(new URL(c.file, FIXTURES));
      const opts = { schema: schema(c.schema), domain: c.domain, datasetType: c.datasetType, mode: c.mode };
      const r = await run(bytes, opts);
      const all = [...r.errors, ...r.warnings];
      for (const e of c.expect) {
        const hit = all.find((i) => i.code === e.code && (e.line === undefined || i.line === e.line) && (e.column === undefined || i.column === e.column));
        expect(hit, `${e.code} at line ${e.line} column ${e.column} in ${JSON.stringify(all.map((i) => [i.code, i.line, i.column]))}`).toBeDefined();
        expect(hit!.message.length).toBeGreaterThan(20);
      }
      if (c.valid !== undefined) expect(r.valid, JSON.stringify(r.errors)).toBe(c.valid);
      if (c.expect.length === 0) expect(r.errors).toEqual([]);
      if (c.rows !== undefined) expect(r.rows).toBe(c.rows);
      if (c.only) expect(all.map((i) => i.code)).toEqual(c.expect.map((e) => e.code));
      expect(r.valid).toBe(r.errors.length === 0);
      // the same report whatever the chunking
      expect(comparable(await run(bytes, opts, 7))).toEqual(comparable(r));
      expect(comparable(await run(bytes, opts, 1))).toEqual(comparable(r));
    });
  }
});
