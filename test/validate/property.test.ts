// Property tests: whatever the bytes and however they are chunked, validateCsv returns a report and
// never throws; chunking never changes the report.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparable, run, schema } from './helpers.js';
import { runs } from '../helpers/runs.js';

const users = schema('users.json');
const inter = schema('interactions.json');

function wellFormed(r: Awaited<ReturnType<typeof run>>) {
  expect(typeof r.valid).toBe('boolean');
  expect(r.valid).toBe(r.errors.length === 0);
  expect(Array.isArray(r.warnings)).toBe(true);
  expect(r.rows).toBeGreaterThanOrEqual(0);
  for (const i of [...r.errors, ...r.warnings]) {
    expect(i.code).toMatch(/^[A-Z_0-9]+$/);
    if (i.line !== undefined) expect(i.line).toBeGreaterThanOrEqual(1);
  }
}

const VALID = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu1,i1,1596238243,click,1.5\n"u,2","i\\"2",1596238244,view,\r\nü3,i3,1596238245,"buy",2\n';

describe('property: never throws, always a report', () => {
  it('random bytes in random chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 10 }), async (bytes, splits) => {
        const r = await run(bytes, { schema: users }, splits.length ? splits : 1 << 16);
        wellFormed(r);
      }),
      { numRuns: runs(300) },
    );
  });

  it('random CSV-ish text (quotes, commas, backslashes, line breaks) in random chunks gives the same report as whole', async () => {
    const alphabet = fc.constantFrom('a', '1', ',', '"', '\\', '\n', '\r', 'é', '\u0000', ' ', 'true', '-', '.');
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 200 }), fc.array(fc.integer({ min: 1, max: 16 }), { maxLength: 12 }), async (parts, splits) => {
        const text = `USER_ID,AGE,MEMBERSHIP\n${parts.join('')}`;
        const whole = await run(text, { schema: users });
        wellFormed(whole);
        expect(comparable(await run(text, { schema: users }, splits.length ? splits : 1))).toEqual(comparable(whole));
      }),
      { numRuns: runs(300) },
    );
    // 600 validations: slow on a loaded machine, not a speed check
  }, 180_000);

  it('mutated valid CSV (bytes inserted, deleted, replaced)', async () => {
    const base = Buffer.from(VALID);
    const mutation = fc.record({ at: fc.nat(), kind: fc.constantFrom('insert', 'delete', 'replace'), byte: fc.integer({ min: 0, max: 255 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), async (muts, chunk) => {
        let b = Array.from(base);
        for (const m of muts) {
          const at = m.at % (b.length + 1);
          if (m.kind === 'insert') b.splice(at, 0, m.byte);
          else if (m.kind === 'delete') b.splice(at, 1);
          else b[Math.min(at, b.length - 1)] = m.byte;
        }
        const bytes = Uint8Array.from(b);
        const r = await run(bytes, { schema: inter }, chunk);
        wellFormed(r);
        expect(comparable(r)).toEqual(comparable(await run(bytes, { schema: inter })));
      }),
      { numRuns: runs(300) },
    );
  });
});
