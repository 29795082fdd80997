// The fast lane's entry point for a copy the fixer writes (scanCopy, FastLane.copy): a line of bare
// values is split in one step instead of scan()'s visit of every separator; every other line goes to
// scan(). It must change nothing but speed: the report with it equals the report of scan() and of the
// JS engine alone, on plain lines and on every kind of line it hands to scan() — quoted values, CRLF,
// lines longer than its 64-byte window, non-ASCII, backslashes, wrong column counts, blank lines, an
// unfinished last line — at random chunk seams. (The fixer's two-thread path, which sets it on its
// part checkers, is held to validateCsv's report by test/fix/validated-as-written.test.ts.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastLaneAvailable, fastLaneCounters } from '../../src/validate/fastlane.js';
import { parseSchema } from '../../src/validate/index.js';
import { NOW, comparable, run, schema, type Opts } from './helpers.js';

const inter = schema('interactions.json');
const users = schema('users.json');

async function three(text: string, opts: Opts, split: number[] | number) {
  const copy = await run(text, { ...opts, fastLane: true, copy: true }, split);
  const scan = await run(text, { ...opts, fastLane: true }, split);
  const slow = await run(text, { ...opts, fastLane: false }, split);
  return { copy: comparable(copy), scan: comparable(scan), slow: comparable(slow) };
}

const userValue = fc.constantFrom('user-1', 'user-2', 'u3', ' user-4', '"user-5"', '', 'ü-6', 'back\\slash', 'x'.repeat(257), 'u'.repeat(60));
const itemValue = fc.constantFrom('item-1', 'item-2', '"item-3,size-4"', '"say ""hi"""', '"a\\"b"', '', 'i'.repeat(70));
const tsValue = fc.constantFrom('1600000000', '1600000001', '1700000000000', '2020-09-13T12:26:40Z', '', '99', '4102444800', ' 1600000002');
const eventValue = fc.constantFrom('click', 'view', 'purchase', '', '"view"', 'e'.repeat(300));
const valueValue = fc.constantFrom('1.5', '2', '', 'x', '1e3', '"3.5"');
const interRow = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(userValue, itemValue, tsValue, eventValue, valueValue).map((f) => f.join(',')) },
  // a column too many or too few, a blank line's worth
  { weight: 1, arbitrary: fc.constantFrom('user-1,item-1,1600000000,click', 'user-1,item-1,1600000000,click,1,extra', '', ',,,,', '"open,item-1,1600000000,click,1') },
);
const lineEnd = fc.constantFrom('\n', '\n', '\n', '\r\n', '\n\n', '\r\r\n');

describe('fast lane: scanCopy (a copy the fixer writes)', () => {
  it('is built in', () => {
    expect(fastLaneAvailable()).toBe(true);
  });

  it('splits the plain lines of a clean copy in one step and reports what scan() and the JS engine report', async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `user-${k % 97},${k % 50 === 0 ? `"item-${k},size-2"` : `item-${k % 31}`},${1600000000 + k},${['click', 'view'][k % 2]},${k % 7 === 0 ? '' : '1.5'}\n`);
    const text = `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${rows.join('')}${rows.slice(0, 40).join('')}`;
    const before = fastLaneCounters.copyLines;
    const { copy, scan, slow } = await three(text, { schema: inter }, [1000, 4096, 1 << 16]);
    // every line but the quoted ones (and the seams' halves) in one step
    expect(fastLaneCounters.copyLines - before).toBeGreaterThan(2800);
    expect(copy).toEqual(scan);
    expect(copy).toEqual(slow);
    expect(copy.valid).toBe(true);
    expect(copy.warnings.map((w) => w.code)).toContain('DUPLICATE_RECORD');
  });

  it('gives scan()\'s and the JS engine\'s report on generated interactions rows of every kind, in random chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(interRow, lineEnd), { maxLength: 120 }), fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 8 }), fc.constantFrom<Opts['mode']>('FULL', 'INCREMENTAL'), fc.boolean(), async (rows, splits, mode, unfinished) => {
        let body = rows.map(([r, e]) => r + e).join('');
        if (unfinished) body += 'user-9,item-9,1600000009,click,1';
        const text = `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${body}`;
        const { copy, scan, slow } = await three(text, { schema: inter, mode, now: NOW }, splits.length ? splits : 1 << 16);
        expect(copy).toEqual(scan);
        expect(copy).toEqual(slow);
      }),
      { numRuns: 80 },
    );
  });

  it('gives the same report for a one-column file (blank lines) and a users file (record IDs)', async () => {
    const age = fc.constantFrom('31', '-4', '2147483648', 'x', '', '"40"');
    const membership = fc.constantFrom('gold', '', '"a,b"', 'm'.repeat(70));
    const userRow = fc.tuple(userValue, age, membership).map((f) => f.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(userRow, lineEnd), { maxLength: 60 }), fc.integer({ min: 1, max: 300 }), async (u, chunk) => {
        const a = await three(`USER_ID,AGE,MEMBERSHIP\n${u.map(([r, e]) => r + e).join('')}`, { schema: users }, chunk);
        expect(a.copy).toEqual(a.scan);
        expect(a.copy).toEqual(a.slow);
      }),
      { numRuns: 30 },
    );
    const only = parseSchema(JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }], version: '1.0' }), 'one.json');
    const b = await three('USER_ID\nuser-1\n\nuser-2\r\n\r\nuser-1\n', { schema: only }, 5);
    expect(b.copy).toEqual(b.scan);
    expect(b.copy).toEqual(b.slow);
  });
});
