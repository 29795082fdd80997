// The fast lane (src/validate/wasm, WebAssembly) must change nothing but speed: every report with it
// equals the report of the JS engine alone (fastLane: false), on valid data, on every corpus file
// and on generated rows that mix fast-lane lines with every kind of line it hands back.
import fc from 'fast-check';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FastLane, fastLaneAvailable, fastLaneCounters } from '../../src/validate/fastlane.js';
import { hashWords, wordsLow } from '../../src/validate/hash.js';
import { validateCsv } from '../../src/validate/index.js';
import { AppError } from '../../src/core/errors.js';
import { FIXTURES, NOW, comparable, run, schema, type Opts } from './helpers.js';
import { runs } from '../helpers/runs.js';

const inter = schema('interactions.json');
const users = schema('users.json');
const items = schema('items.json');

async function both(bytes: Uint8Array | string, opts: Opts, split: number[] | number = 1 << 16) {
  const fast = await run(bytes, { ...opts, fastLane: true }, split);
  const slow = await run(bytes, { ...opts, fastLane: false }, split);
  return { fast: comparable(fast), slow: comparable(slow) };
}

/**
 * both() with the bytes' size given, as the wizard and `validate` give a file's: the line set is sized
 * for them. A stream of unknown size (stdin, both()) gets the largest one — 64 MiB of tags the JS engine
 * clears for each run, ~20 ms of CPU, which hundreds of generated runs pay for nothing. (The files here
 * fill no partition's buffer of either set: the same adds and drains, only less memory. The tests
 * that call both() keep the largest set covered.)
 */
function bothSized(bytes: Uint8Array | string, opts: Opts, split: number[] | number = 1 << 16) {
  return both(bytes, { ...opts, totalBytes: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length }, split);
}

const dir = mkdtempSync(join(tmpdir(), 'pi-fastlane-'));
let fileNo = 0;

/** both lanes on a local file (a source with a path: the line set may start in sorted mode) */
async function bothFile(text: string, opts: Opts) {
  const file = join(dir, `f${fileNo++}.csv`);
  writeFileSync(file, text);
  const src = () => ({ name: file, path: file, size: Buffer.byteLength(text), open: () => createReadStream(file, { highWaterMark: 4096 }) });
  // the engine reads a regular file itself (fileChunks): 4 KiB blocks put chunk seams in these small files
  const fast = await validateCsv(src(), { now: NOW, readBlock: 4096, ...opts, fastLane: true });
  const slow = await validateCsv(src(), { now: NOW, readBlock: 4096, ...opts, fastLane: false });
  return { fast: comparable(fast), slow: comparable(slow) };
}

function taken(): number {
  return fastLaneCounters.lines;
}

describe('fast lane', () => {
  it('is built in (vitest embeds it as the build does)', () => {
    expect(fastLaneAvailable()).toBe(true);
  });

  it('reads a chunk that is already in its memory (a region: an S3 object\'s ring) where it is, at any offset', () => {
    const fl = FastLane.create()!;
    const region = fl.region(4096)!;
    const other = FastLane.create()!;
    const text = Buffer.from('user-1,item-"9",1700000000,click,1.5\r\nlonger line with bytes \xff and more');
    for (let at = 0; at < 24; at++) {
      region.fill(0x41);
      region.set(text, at);
      // a region's view (handed to a worker as FastLane.view of the same memory) and a copy: the same hash
      const view = fl.view(region.byteOffset + at, text.length);
      expect(fl.hash(view), `at ${at}`).toEqual(other.hash(Buffer.from(text)));
      // read in place: what is there now is what it hashes (a copy made earlier would not change)
      region[at] ^= 1;
      expect(fl.hash(view), `at ${at}`).not.toEqual(other.hash(Buffer.from(text)));
    }
    // and a chunk from elsewhere is still copied in
    expect(fl.hash(Buffer.from(text))).toEqual(other.hash(Buffer.from(text)));
  });

  it('computes the engine hash bit for bit (the record set mixes both lanes)', () => {
    const fl = FastLane.create()!;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const [h, low] = fl.hash(bytes);
        const b = Buffer.from(bytes);
        const want = hashWords(new DataView(b.buffer, b.byteOffset, b.byteLength), b, 0, b.length);
        expect([h, low]).toEqual([want, wordsLow]);
      }),
      { numRuns: runs(500) },
    );
  });

  it('takes the lines of a clean file and reports what the JS engine reports', async () => {
    const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < 5000; i++) rows.push(`u${i % 300},"i,${i % 77}",${1596238243 + i},${i % 3 ? 'click' : 'buy'},${(i % 10) / 2}`);
    rows.push(rows[17]); // a repeated line: DUPLICATE_RECORD at line 5002
    const before = taken();
    const { fast, slow } = await both(`${rows.join('\r\n')}\r\n`, { schema: inter }, 4096);
    expect(taken() - before).toBeGreaterThanOrEqual(4900);
    expect(fast).toEqual(slow);
    expect(fast.valid).toBe(true);
    expect(fast.warnings.map((w) => `${w.code}@${w.line}`)).toContain('DUPLICATE_RECORD@5002');
    expect(fast.stats.uniqueUsers).toBe(300);
    expect(fast.stats.uniqueItems).toBe(77);
  });

  it('gives the JS engine\'s report for every corpus file, whole and in 7-byte chunks', async () => {
    const dir = FIXTURES;
    const cases = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')) as { file: string; schema: string; datasetType?: Opts['datasetType']; mode?: Opts['mode']; domain?: Opts['domain'] }[];
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      const bytes = readFileSync(new URL(c.file, dir));
      const opts: Opts = { schema: schema(c.schema), datasetType: c.datasetType, mode: c.mode, domain: c.domain };
      for (const split of [1 << 16, 7]) {
        const { fast, slow } = await bothSized(bytes, opts, split);
        expect(fast, `${c.file} in chunks of ${split}`).toEqual(slow);
      }
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv')).length).toBe(cases.length);
  });

  // rows mixing fast-lane values with every kind of value the fast lane hands back to the engine
  // (IDs with spaces around them, or of spaces only — " u1", "\tu2", "   " — go to the engine: padded-ids.ts)
  const userValue = fc.constantFrom('u1', 'u2', 'u3', 'u4', '"u5"', '"u,6"', 'ü7', '"u\\"8"', '', 'x'.repeat(257), '"u""9"', 'u"10', ' u1', 'u2 ', '"\tu3"', '   ', '" "');
  const itemValue = fc.constantFrom('i1', 'i2', '"i3"', 'i4', '', '"i,5', 'i\\6', '"i1 "', ' \t ');
  const tsValue = fc.constantFrom('1596238243', '1596238244', '1596238243000', '99', '-5', '1.5', '', '99999999999', '1763856000', '4102444800', '"1596238245"', '12345678901234567890');
  const eventValue = fc.constantFrom('click', 'buy', 'view', '"click"', '', 'none', 'e'.repeat(300), 'été', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
  const valueValue = fc.constantFrom('1.5', '2', '.5', '1e3', '-1', '+2.', '', 'x', '1e', '"3.5"', '1,5');
  const interRow = fc.tuple(userValue, itemValue, tsValue, eventValue, valueValue).map((f) => f.join(','));
  const lineEnd = fc.constantFrom('\n', '\r\n', '\n\n', '\r\r\n');

  it('gives the JS engine\'s report on generated interactions rows, in random chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(interRow, lineEnd), { maxLength: 120 }), fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 8 }), fc.constantFrom<Opts['mode']>('FULL', 'INCREMENTAL'), async (rows, splits, mode) => {
        const text = `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${rows.map(([r, e]) => r + e).join('')}`;
        const { fast, slow } = await bothSized(text, { schema: inter, mode }, splits.length ? splits : 1 << 16);
        expect(fast).toEqual(slow);
      }),
      { numRuns: runs(200) },
    );
  // 200 property runs of the whole engine: seconds on a quiet machine, more on CI's loaded 2 cores (it timed out at 30 s there)
  }, 120_000);

  it('gives the JS engine\'s report on generated users and items rows (ID duplicates, ints, booleans, categories)', async () => {
    const age = fc.constantFrom('31', '-4', '2147483648', 'x', '', '"40"', '3.0');
    const membership = fc.constantFrom('gold', 'silver|bronze', '', '"a,b"', 'm'.repeat(1001));
    const userRow = fc.tuple(userValue, age, membership).map((f) => f.join(','));
    const price = fc.constantFrom('9.99', '10', '', 'x', '1e-3', '1e400', '-2E+308', '9'.repeat(301));
    const text = fc.constantFrom('a nice thing', '', '"with, comma"', 't'.repeat(20001), 'naïve');
    const itemRow = fc.tuple(itemValue, price, membership, membership, text).map((f) => f.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(userRow, lineEnd), { maxLength: 60 }), fc.array(fc.tuple(itemRow, lineEnd), { maxLength: 60 }), fc.integer({ min: 1, max: 300 }), async (u, i, chunk) => {
        const a = await bothSized(`USER_ID,AGE,MEMBERSHIP\n${u.map(([r, e]) => r + e).join('')}`, { schema: users }, chunk);
        expect(a.fast).toEqual(a.slow);
        const header = items.fields.map((f) => f.name).slice(0, 5).join(',');
        const b = await bothSized(`${header}\n${i.map(([r, e]) => r + e).join('')}`, { schema: items }, chunk);
        expect(b.fast).toEqual(b.slow);
      }),
      { numRuns: runs(100) },
    );
    // 400 validations: slow on a loaded machine, not a speed check
  }, 120_000);

  it('knows at most 64 event types and none longer than 256 bytes; the engine counts the rest', async () => {
    const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
    for (let i = 0; i < 3000; i++) rows.push(`u${i % 40},i${i % 9},${1596238243 + i},${i % 5 === 0 ? 'x'.repeat(300) : `type${i % 97}`}`);
    const { fast, slow } = await both(`${rows.join('\n')}\n`, { schema: inter });
    expect(fast).toEqual(slow);
    expect(fast.stats.eventTypes!.length).toBe(98);
  });

  it('matches event types by their first 16 bytes at once (types sharing 8 or 16 bytes, longer ones) as the engine does', async () => {
    // lengths 1 to 20 and names that differ only in byte 8, 9, 15, 16 or 19: the lookup table's
    // two words, its slot collisions and the byte-by-byte tail past 16 bytes
    const base = 'abcdefghijklmnopqrst';
    const types = [...Array.from({ length: 20 }, (_, n) => base.slice(0, n + 1)), 'abcdefghXjklmnop', 'abcdefghiXklmnop', 'abcdefghijklmnoX', 'abcdefghijklmnopXrst', 'abcdefghijklmnopqrsX'];
    const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
    for (let i = 0; i < 2000; i++) {
      const t = types[(i * 7) % types.length];
      // after the first 300 rows every type is known: the rest are near misses of known types
      rows.push(`u${i % 40},i${i % 9},${1596238243 + i},${i > 300 && i % 11 === 0 ? `${t}Z` : i > 300 && i % 13 === 0 ? t.slice(0, -1) + 'Z' : t}`);
    }
    const before = taken();
    const { fast, slow } = await both(`${rows.join('\n')}\n`, { schema: inter });
    expect(taken() - before).toBeGreaterThan(1000);
    expect(fast).toEqual(slow);
    expect(fast.stats.eventTypes!.length).toBeGreaterThan(types.length);
  });

  it('reads ten-digit timestamps eight digits at a time, a non-digit at every position handed to the engine', async () => {
    const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE'];
    const good = ['1596238243', '1000000000', '1234567890', '1763856000', '1099999999'];
    for (let i = 0; i < 400; i++) rows.push(`u${i % 40},i${i % 9},${good[i % good.length]},click`);
    // every byte that is not a digit next to '0' and '9' in code (/ : and others), at each of the ten places
    for (let p = 0; p < 10; p++) for (const c of ['/', ':', ' ', 'a', '-', '.', '\x7f']) rows.push(`u1,i1,${'1596238243'.slice(0, p)}${c}${'1596238243'.slice(p + 1)},click`);
    rows.push('u1,i1,-596238243,click', 'u1,i1,0596238243,click', 'u1,i1,631151999,click', 'u1,i1,631152000,click', 'u1,i1,9999999999,click', 'u1,i1,2000000009,click');
    const before = taken();
    const { fast, slow } = await both(`${rows.join('\n')}\n`, { schema: inter });
    expect(taken() - before).toBeGreaterThanOrEqual(400);
    expect(fast).toEqual(slow);
    expect(fast.errors.length).toBeGreaterThan(0);
  });

  it('timestamps out of order from the start (the big line set): every repeat named at its line, users counted, across scan calls', async () => {
    // 12 k lines: three scan calls of OUT_LINES (4096), repeats at their seams; a wrong line number or
    // a key skipped on the way to the tables or the line set shows here
    const rows: string[] = [];
    for (let i = 0; i < 12_000; i++) rows.push(`u${(i * 7919) % 997},i${i % 301},${1596238243 + ((i * 104729) % 12_000)},click,${i % 4}`);
    const at = [5, 4095, 4096, 4097, 8191, 11_000];
    for (const k of [...at].reverse()) rows.splice(k + 1, 0, rows[k]); // each line repeated right after it
    const [starts, bigScans] = [fastLaneCounters.sortedStarts, fastLaneCounters.bigScans];
    const { fast, slow } = await both(`USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n${rows.join('\n')}\n`, { schema: inter });
    expect(fastLaneCounters.sortedStarts - starts).toBe(0);
    // the scan that adds its lines' keys after its loop (scanBig) took them: at least the three full calls
    expect(fastLaneCounters.bigScans - bigScans).toBeGreaterThanOrEqual(3);
    expect(fast).toEqual(slow);
    // line numbers: the header is line 1, the repeat of rows[k] follows it (earlier insertions shift it by one each)
    expect(fast.warnings.filter((w) => w.code === 'DUPLICATE_RECORD').map((w) => w.line)).toEqual(at.map((k, j) => k + 3 + j));
    expect(fast.stats.uniqueUsers).toBe(997);
    expect(fast.stats.uniqueItems).toBe(301);
  });

  describe('sorted mode (time-ordered local files)', () => {
    const header = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
    const dupMessages = (r: { warnings: { code: string; line?: number }[] }) => r.warnings.filter((w) => w.code === 'DUPLICATE_RECORD').map((w) => w.line);

    it('finds repeats within runs of equal timestamps, as the big set does', async () => {
      const rows: string[] = [];
      for (let i = 0; i < 3000; i++) rows.push(`u${i % 50},i${i % 13},${1596238243 + Math.floor(i / 3)},click,1`);
      rows.splice(100, 0, rows[99]); // same timestamp as its neighbour: a repeat in the run
      rows.splice(2001, 0, rows[1999]);
      const [starts, ends] = [fastLaneCounters.sortedStarts, fastLaneCounters.sortedEnds];
      const { fast, slow } = await bothFile(header + rows.join('\n') + '\n', { schema: inter });
      expect([fastLaneCounters.sortedStarts - starts, fastLaneCounters.sortedEnds - ends]).toEqual([1, 0]);
      expect(fast).toEqual(slow);
      expect(dupMessages(fast)).toEqual([102, 2003]);
    });

    it('a line out of order late in the file: the big set is filled from the lines before it, repeats across the switch found', async () => {
      const rows: string[] = [];
      for (let i = 0; i < 6000; i++) rows.push(`u${i % 70},i${i % 17},${1596238243 + i},view,2`);
      rows.push(rows[10]); // out of order (an old timestamp) and a repeat of line 12
      rows.push(`u1,i1,${1596238243 + 7000},view,2`);
      rows.push(rows[20]); // after the switch, a repeat of a line checked in sorted mode
      const ends = fastLaneCounters.sortedEnds;
      const { fast, slow } = await bothFile(header + rows.join('\r\n') + '\r\n', { schema: inter });
      expect(fast).toEqual(slow);
      expect(fastLaneCounters.sortedEnds - ends).toBe(1);
      expect(dupMessages(fast)).toEqual([6002, 6004]);
    });

    it('after the switch to the big set, scan calls that add after their loop (scanBig) find repeats of lines from before and after it', async () => {
      const rows: string[] = [];
      for (let i = 0; i < 3000; i++) rows.push(`u${i % 70},i${i % 17},${1596238243 + i},view,2`);
      // 9 k lines out of order (over two scan calls of 4096 each), repeats at the calls' seams and of sorted-mode lines
      for (let i = 0; i < 9000; i++) rows.push(`u${(i * 31) % 501},i${i % 43},${1596238243 + ((i * 7919) % 9000)},click,${i % 5}`);
      const at = [2999, 3000, 3001, 3500, 7096, 7097, 11_000];
      for (const k of [...at].reverse()) rows.splice(k + 1, 0, rows[k]);
      rows.push(rows[40], rows[3100]); // repeats, at the end, of a sorted-mode line and an out-of-order one
      const [ends, bigScans] = [fastLaneCounters.sortedEnds, fastLaneCounters.bigScans];
      const { fast, slow } = await bothFile(header + rows.join('\n') + '\n', { schema: inter });
      expect(fast).toEqual(slow);
      expect(fastLaneCounters.sortedEnds - ends).toBe(1);
      expect(fastLaneCounters.bigScans - bigScans).toBeGreaterThanOrEqual(2);
      const n = rows.length;
      expect(dupMessages(fast)).toEqual([...at.map((k, j) => k + 3 + j), n, n + 1]);
      expect(fast.stats.uniqueUsers).toBe(501);
    });

    it('a run longer than sorted mode keeps (every line one timestamp) ends it the same way', async () => {
      const rows: string[] = [];
      for (let i = 0; i < 5000; i++) rows.push(`u${i % 30},i${i},1596238243,buy,`);
      rows[4500] = rows[3]; // beyond the 4096 lines a run may hold
      rows[50] = rows[2];
      const ends = fastLaneCounters.sortedEnds;
      const { fast, slow } = await bothFile(header + rows.join('\n'), { schema: inter });
      expect(fast).toEqual(slow);
      expect(fastLaneCounters.sortedEnds - ends).toBe(1);
      expect(dupMessages(fast)).toEqual([52, 4502]);
    });

    it('catching up after many repeats lists none of them again (the list is bounded)', async () => {
      // 30 k distinct lines, each twice in a row (30 k repeats, reported in sorted mode), then a line
      // out of order: catching up puts the 60 k lines into the big set, the repeats unlisted. The
      // repeats list holds 256 × bufN + 8208 (wasm/fastlane.ts lineSetInit): 24,592 for this file's
      // line set (1,020,063 bytes: 2^20 slots, bufN 64), fewer than the 30 k repeats catching up
      // meets. (Three short columns keep the file under 1 MiB: one over it gets twice the slots and
      // a list as long as its repeats.)
      const parts: string[] = ['USER_ID,ITEM_ID,TIMESTAMP\n'];
      for (let i = 0; i < 30_000; i++) {
        const l = `u${i % 10},i${i % 7},${1596238243 + (i >> 2)}\n`;
        parts.push(l, l);
      }
      parts.push('u9999,i1,1596238243\n', parts[1]);
      const text = parts.join('');
      expect(text.length).toBeGreaterThan(1 << 19);
      expect(text.length).toBeLessThanOrEqual(1 << 20);
      const file = join(dir, 'many-repeats.csv');
      writeFileSync(file, text);
      const [starts, ends] = [fastLaneCounters.sortedStarts, fastLaneCounters.sortedEnds];
      const r = await validateCsv({ name: file, path: file, size: text.length, open: () => createReadStream(file) }, { now: NOW, schema: inter });
      // sorted mode started, and ended at the line out of order: the catching up happened
      expect([fastLaneCounters.sortedStarts - starts, fastLaneCounters.sortedEnds - ends]).toEqual([1, 1]);
      expect(r.stats.issueCounts.DUPLICATE_RECORD).toBe(30_001);
      expect(r.warnings.find((w) => w.code === 'DUPLICATE_RECORD')?.line).toBe(3);
    });

    it('generated mostly-sorted files (repeats, lines out of order, bad timestamps) give the JS engine\'s report', async () => {
      const row = fc.record({
        user: fc.constantFrom('u1', 'u2', '"u3"', 'u,4', 'ü5', ''),
        item: fc.constantFrom('i1', 'i2', '"i,3"'),
        ts: fc.integer({ min: 0, max: 6 }),
        event: fc.constantFrom('click', 'buy', '"view"'),
        value: fc.constantFrom('1', '', '2.5', 'x'),
      });
      const tsText = fc.constantFrom('', 'x', '1596238243000', '"1596238249"');
      await fc.assert(
        fc.asyncProperty(
          fc.array(row, { maxLength: 150 }),
          fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
          fc.array(fc.tuple(fc.nat(), tsText), { maxLength: 2 }),
          fc.boolean(),
          // lines line() leaves out of the set (blank, wrong column count), twice each: catching up must leave them out too
          fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '\r', 'u1,i1', 'u1,i1,1596238243,click,1,extra', '"u1",i1')), { maxLength: 3 }),
          async (rows, copies, badTs, shuffleOne, odd) => {
            const sorted = [...rows].sort((a, b) => a.ts - b.ts);
            const lines = sorted.map((r) => [r.user, r.item, String(1596238243 + r.ts), r.event, r.value]);
            // repeats: a line copied next to a line with its timestamp
            for (const [from, to] of copies) if (lines.length) lines.splice(to % (lines.length + 1), 0, [...lines[from % lines.length]]);
            for (const [at, t] of badTs) if (lines.length) lines[at % lines.length][2] = t;
            for (const [at, text] of odd) lines.splice(at % (lines.length + 1), 0, [text], [text]);
            if (shuffleOne && lines.length > 2) lines.push(lines[0]);
            const { fast, slow } = await bothFile(header + lines.map((l) => l.join(',')).join('\n') + '\n', { schema: inter });
            expect(fast).toEqual(slow);
          },
        ),
        { numRuns: runs(150) },
      );
    });
  });
});

describe('fast lane: the file cannot be read again', () => {
  it('sorted mode ending on a file that is gone meanwhile is a clear usage error, not a crash', async () => {
    const rows = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < 3000; i++) rows.push(`u${i % 40},i${i % 9},${1596238243 + i},click,1`);
    rows.push(rows[5]); // out of order: sorted mode ends, the lines before it are read again
    const text = `${rows.join('\n')}\n`;
    const file = join(dir, 'gone.csv');
    writeFileSync(file, text);
    // the file is removed after its first block was read (a regular file when validation started;
    // the engine reads on from its open descriptor, and reading it again by name fails)
    const src = { name: file, path: file, size: text.length };
    const onProgress = () => rmSync(file, { force: true });
    const err = await validateCsv([src], { now: NOW, schema: inter, readBlock: 1024, onProgress }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe('usage');
    expect((err as AppError).message).toMatch(/could not be read a second time.*ENOENT/);
  });
});

