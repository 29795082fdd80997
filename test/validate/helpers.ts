import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseSchema, validateCsv, type ValidateOptions, type ValidationReport } from '../../src/validate/index.js';

export const FIXTURES = new URL('../fixtures/csv/', import.meta.url);

export function schema(name: string) {
  return parseSchema(readFileSync(new URL(`schemas/${name}`, FIXTURES), 'utf8'), name);
}

export async function* chunks(bytes: Uint8Array, sizes: number[] | number): AsyncGenerator<Uint8Array> {
  if (typeof sizes === 'number') {
    for (let i = 0; i < bytes.length; i += sizes) yield bytes.slice(i, i + sizes);
    return;
  }
  let pos = 0;
  for (const n of sizes) {
    yield bytes.slice(pos, pos + n);
    pos += n;
  }
  if (pos < bytes.length) yield bytes.slice(pos);
}

export type Opts = Omit<ValidateOptions, 'schema'> & { schema: ValidateOptions['schema'] };

/** a fixed "now" so TIMESTAMP_FUTURE does not depend on the day the test runs */
export const NOW = new Date('2026-11-23T00:00:00Z');

export function run(bytes: Uint8Array | string, opts: Opts, split: number[] | number = 1 << 16): Promise<ValidationReport> {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return validateCsv({ name: 'test.csv', stream: chunks(b, split) }, { now: NOW, ...opts });
}

/** `text` checked with the fast lane and without it: the same report (asserted), returned */
export async function bothLanes(text: string, schema: Opts['schema']): Promise<ValidationReport> {
  const fast = await run(text, { schema, fastLane: true }, 97);
  const js = await run(text, { schema, fastLane: false }, 97);
  expect(comparable(fast)).toEqual(comparable(js));
  return fast;
}

/** the report without timing, for comparing two runs */
export function comparable(r: ValidationReport) {
  return { ...r, stats: { ...r.stats, elapsedMs: 0 } };
}

export function codes(r: ValidationReport): string[] {
  return [...r.errors, ...r.warnings].map((i) => i.code);
}
