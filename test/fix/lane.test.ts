// The fixer's WebAssembly fast lane (src/fix/wasm/rewrite.ts) held to the JS path, which stays the
// reference: the same file is fixed with the lane and with PERSONALIZE_IMPORT_NO_WASM=1 (JS only),
// and the copy, the rejects file and the summary must be identical. The generated files mix what
// the lane takes (ISO dates in every form the JS reads from the bytes, zones, leap days, the same
// minute again, ms epochs, booleans, trims, simply quoted values, CR LF) with what it must leave to
// JS (date text, µs/ns epochs, fractions, escapes, doubled quotes, long IDs, bad numbers, blank
// lines, wrong column counts, rejects), in every separator.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { fixPart } from '../../src/fix/fix.js';
import { fixLaneAvailable, fixLaneCounters } from '../../src/fix/lane.js';
import { parseSchema } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';
import { mulberry32 } from '../helpers/random.js';

const dir = mkdtempSync(join(tmpdir(), 'fix-lane-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const random = mulberry32;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** every date form readTimestamp reads from the bytes (and some it reads as text, or not at all) */
function dateText(r: () => number, t: number): string {
  const d = new Date(t * 1000);
  const ymd = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const ss = pad(d.getUTCSeconds());
  const forms = [
    `${ymd}T${hm}:${ss}Z`, `${ymd}T${hm}:${ss}Z`, `${ymd}T${hm}:${ss}Z`, `${ymd}t${hm}:${ss}z`, `${ymd} ${hm}:${ss}`, `${ymd}T${hm}:${ss}.123Z`, `${ymd}T${hm}:${ss},5Z`,
    `${ymd}T${hm}:${ss}.Z`, `${ymd}T${hm}Z`, `${ymd}T${hm}`, `${ymd}T${hm}:${ss}+02:00`, `${ymd}T${hm}:${ss}-0530`, `${ymd}T${hm}:${ss}+14`, `${ymd}T${hm}:${ss}-00:00`,
    `${ymd}T${hm}:${ss}+15:00`, `${ymd}T${hm}:${ss}+02:0`, `${ymd}T${hm}:${ss}+2`, `${ymd}T${hm}:${ss} UTC`, `${ymd}T${hm}:60Z`, `${ymd}T${hm}:61Z`, `${ymd}T${hm}:${ss}ZZ`,
    ymd, `${ymd}Z`, `${ymd}+01:00`, `${ymd}T1:02`, `${ymd}T24:00:00Z`, `${ymd}X`, `${ymd.replace(/-/g, '/')} ${hm}`, d.toUTCString(), `Jan 2 2026 3:04 PM`, '01/02/2026',
    '2020-02-29T10:00:00Z', '2000-02-29', '1900-02-29', '2021-02-29T00:00:00Z', '2020-13-01', '2020-00-10', '0000-01-01T00:00:00Z', '0000-03-01', '1969-12-31T23:59:59Z',
    '1970-01-01T00:00:00-00:00', '9999-12-31T23:59:59Z', '2106-02-07T06:28:15Z', '2106-02-07T06:28:16Z', '2001-09-09T01:46:40Z', '2001-09-09T01:46:39Z',
  ];
  return forms[Math.floor(r() ** 2 * forms.length)];
}

function timestamp(r: () => number, t: number): string {
  const x = r();
  if (x < 0.55) return dateText(r, t);
  const epochs = [
    String(t), `${t}${pad(Math.floor(r() * 1000), 3)}`, `${t}${pad(Math.floor(r() * 1000), 3)}`, `-${t}${pad(Math.floor(r() * 1000), 3)}`, `-${t}000`, `${Math.floor(t / 10)}000`, '99999999999', '100000000000',
    '99999999999999', '100000000000000', `${t}123456`, `${t}123456789`, '12345678901234567890', '000000000001', `0${t}12`, `${Math.floor(t / 10)}${pad(Math.floor(r() * 1000), 3)}`, `${t}${pad(Math.floor(r() * 10000), 4)}`, `${t}12x`, `${t}1.3`, `${t}.5`, `${t}.`, '-', ` ${t} `, `${t}123 `, `\t${t}`, '', '1e9', `-${t}`,
  ];
  return epochs[Math.floor(r() * epochs.length)];
}

function pick<T>(r: () => number, common: T, rare: T[], p = 0.7): T {
  return r() < p ? common : rare[Math.floor(r() * rare.length)];
}

/** a quoted value in a comma file (backslash escapes, doubled quotes), in a ; tab | file RFC 4180 */
function quoted(r: () => number, v: string): string {
  return pick(r, `"${v}"`, [`"${v},x"`, `"${v}\\"q"`, `"${v}""q"`, `"${v}\\\\"`, `"${v}"x`, `"${v}`, `" ${v}"`, '""', `"${v}\t"`]);
}

const ID_LONG = 'x'.repeat(300);

function interactionsLine(r: () => number, i: number, t: number): string[] {
  const user = pick(r, `user-${pad(i % 977, 6)}`, [` user-${i}`, `user-${i} `, quoted(r, `user-${i}`), '', '   ', '" \t"', ID_LONG, `usé€r-${i}`, `u"${i}`, `u\\${i}`]);
  const item = pick(r, `item-${i % 331}`, [quoted(r, `item-${i},size-3`), `item ${i}`, `${ID_LONG}`, `"${ID_LONG}"`, `\t item-${i}`]);
  const event = pick(r, 'click', ['', 'view', quoted(r, 'purchase'), 'a,b', 'é']);
  const value = pick(r, (r() * 5).toFixed(1), ['', '4', '-1', '+.5', '5.', '1e3', '1e400', 'abc', ' 2.5 ', quoted(r, '2.5'), '.', '1.234', '-12.345.678', '0.125', '1,5', '1.234,5', '1234.567', '$5.5', '5 €', '£1.234']);
  return [user, item, timestamp(r, t), event, value];
}

function itemsLine(r: () => number, i: number, t: number): string[] {
  const id = pick(r, `item-${i}`, [` item-${i} `, quoted(r, `item-${i}`), ID_LONG, '', ' '], 0.92);
  const price = pick(r, (r() * 100).toFixed(2), ['', '1e3', 'x', ' 3 ', '-0', quoted(r, '9.5'), '1.234', '9,95', quoted(r, '1.234,50'), '$9.95', '€ 3'], 0.92);
  const cat = pick(r, 'shoes', ['a|b', quoted(r, 'x,y'), 'y'.repeat(1001), `"${'z'.repeat(1001)}"`, ''], 0.92);
  const genres = pick(r, 'rock', ['', 'rock|pop', quoted(r, 'jazz')], 0.92);
  // (a value over several lines: joined by JS, the lane stops at its open quote)
  const desc = pick(r, 'plain text', ['', quoted(r, 'say, hi'), 'é€ text', 'a\\b', '"two\nlines, here"', '"CR LF\r\nthen\nthree"', '"never closed\n'], 0.92);
  const created = pick(r, timestamp(r, t), [''], 0.9);
  const stock = pick(r, 'true', ['false', 'TRUE', 'True', 'FALSE', '1', '0', 'yes', ' true', 'tRuE', '', quoted(r, 'true'), '2'], 0.92);
  const rank = pick(r, String(i % 100), ['', '-3', '2147483647', '2147483648', '12345678901234567890', ' 7', '+5', quoted(r, '5')], 0.92);
  return [id, price, cat, genres, desc, created, stock, rank];
}

function makeFile(seed: number, sep: string, kind: 'interactions' | 'items', lines = 900): Buffer {
  const r = random(seed);
  const header = kind === 'interactions' ? ['user_id', 'item_id', 'timestamp', 'event_type', 'event_value'] : ['item_id', 'price', 'category_l1', 'genres', 'description', 'creation_timestamp', 'in_stock', 'rank'];
  let text = header.join(sep) + (r() < 0.5 ? '\r\n' : '\n');
  let t = 1_600_000_000;
  for (let i = 0; i < lines; i++) {
    // in time order, often the same minute again
    t += r() < 0.7 ? Math.floor(r() * 3) : Math.floor(r() * 100_000);
    let cols = kind === 'interactions' ? interactionsLine(r, i, t) : itemsLine(r, i, t);
    const shape = r();
    if (shape < 0.02) cols = [...cols, 'extra'];
    else if (shape < 0.04) cols = cols.slice(0, -1);
    let line = cols.join(sep);
    if (shape > 0.97) line = '';
    else if (shape > 0.96) line += sep;
    text += line + (r() < 0.15 ? '\r\n' : '\n');
  }
  if (r() < 0.5) text = text.replace(/\r?\n$/, '');
  return Buffer.from(text, 'utf8');
}

async function fixWith(bytes: Buffer, schema: ReturnType<typeof parseSchema>, name: string, wasm: boolean, syncWrites = false) {
  const before = process.env.PERSONALIZE_IMPORT_NO_WASM;
  if (!wasm) process.env.PERSONALIZE_IMPORT_NO_WASM = '1';
  try {
    const tmp = join(dir, `${name}.${wasm ? 'wasm' : 'js'}${syncWrites ? '.sync' : ''}.csv`);
    const tmpRejects = `${tmp}.rejects`;
    const r = await fixPart({ name: 'gen.csv', open: async () => Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]) }, schema, { output: 'out.csv', rejects: 'rejects.csv', tmp, tmpRejects, syncWrites });
    return { out: readFileSync(tmp), rejects: readFileSync(tmpRejects, 'utf8'), summary: r.summary, listed: r.listed, dropped: [...r.dropped], lines: r.lines };
  } finally {
    if (before === undefined) delete process.env.PERSONALIZE_IMPORT_NO_WASM;
    else process.env.PERSONALIZE_IMPORT_NO_WASM = before;
  }
}

describe('the fixer\'s fast lane', () => {
  it('is in this build (vitest embeds it as the CLI build does)', () => {
    expect(fixLaneAvailable()).toBe(true);
  });

  for (const kind of ['interactions', 'items'] as const) {
    for (const [k, sep] of [',', ';', '\t', '|'].entries()) {
      it(`writes what the JS path writes: ${kind}, separated by ${JSON.stringify(sep)}`, async () => {
        const schema = parseSchema(SCHEMAS[kind]);
        const bytes = makeFile(1000 * k + (kind === 'items' ? 7 : 0) + 1, sep, kind);
        const before = fixLaneCounters.lines;
        const lane = await fixWith(bytes, schema, `${kind}-${k}`, true);
        const taken = fixLaneCounters.lines - before;
        const js = await fixWith(bytes, schema, `${kind}-${k}`, false);
        expect(fixLaneCounters.lines - before - taken).toBe(0);
        // both ways are taken: most lines in the lane, the others by JS
        expect(taken).toBeGreaterThan(lane.summary.rows * 0.2);
        expect(taken).toBeLessThan(lane.summary.written);
        expect(lane.summary.rejected).toBeGreaterThan(0);
        expect(lane.out.toString('utf8')).toBe(js.out.toString('utf8'));
        expect(lane.rejects).toBe(js.rejects);
        expect(lane.summary).toEqual(js.summary);
        expect(lane.listed).toEqual(js.listed);
        expect(lane.dropped).toEqual(js.dropped);
        expect(lane.lines).toBe(js.lines);
        if (kind === 'items') expect(lane.summary.changes.find((c) => c.kind === 'multiline')?.rows).toBeGreaterThan(0);
      });
    }
  }

  it('writes what the JS path writes over several MiB: in its output buffer (in its memory), in its scratch area for the other buffer, with writes on the thread (syncWrites)', async () => {
    const schema = parseSchema(SCHEMAS.interactions);
    // over 2 MiB of output: 1 MiB flushes, so the fixer's two output buffers take turns (its own, the other, its own)
    const bytes = makeFile(77, ',', 'interactions', 110_000);
    const before = fixLaneCounters.lines;
    const lane = await fixWith(bytes, schema, 'big', true);
    const sync = await fixWith(bytes, schema, 'big', true, true);
    const taken = fixLaneCounters.lines - before;
    const js = await fixWith(bytes, schema, 'big', false);
    expect(js.out.length).toBeGreaterThan(2 << 20);
    // (two runs with the lane, both ways taken in each, as above)
    expect(taken).toBeGreaterThan(lane.summary.rows * 0.4);
    expect(taken).toBeLessThan(lane.summary.written * 2);
    expect(lane.out.equals(js.out)).toBe(true);
    expect(sync.out.equals(js.out)).toBe(true);
    expect(lane.rejects).toBe(js.rejects);
    expect(sync.rejects).toBe(js.rejects);
    expect(lane.summary).toEqual(js.summary);
    expect(sync.summary).toEqual(js.summary);
  });

  it('holds dates to the JS path one value at a time (each date form, zones, leap days, the same minute again)', async () => {
    // one column of dates, every line alone in its block's position: the minute cache and the
    // digit cache meet every form after every other
    const schema = parseSchema(SCHEMAS.interactions);
    const r = random(42);
    let text = 'user_id,item_id,timestamp\n';
    let t = 1_600_000_000;
    for (let i = 0; i < 3000; i++) {
      t += r() < 0.8 ? Math.floor(r() * 2) : Math.floor(r() * 5_000_000) - 1_000_000;
      text += `u${i % 50},i${i % 7},${timestamp(r, t)}\n`;
    }
    const bytes = Buffer.from(text);
    const lane = await fixWith(bytes, schema, 'dates', true);
    const js = await fixWith(bytes, schema, 'dates', false);
    expect(lane.out.toString('utf8')).toBe(js.out.toString('utf8'));
    expect(lane.rejects).toBe(js.rejects);
    expect(lane.summary).toEqual(js.summary);
  });
});
