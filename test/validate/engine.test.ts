import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { chunks, codes, comparable, NOW, run, schema } from './helpers.js';
import { runs } from '../helpers/runs.js';

const X = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
const inter = () => schema('interactions.json');

/** n interaction rows spread over `users` users (round robin), distinct timestamps */
function interactions(n: number, users: number, opts: { eventTypes?: number } = {}): string {
  let s = X;
  for (let i = 0; i < n; i++) s += `u${i % users},i${i % 97},${1596238243 + i},${opts.eventTypes ? `e${i % opts.eventTypes}` : 'click'},1.5\n`;
  return s;
}

describe('file-wide rules', () => {
  it('999 interactions: TOO_FEW_INTERACTIONS; 1000: not', async () => {
    const a = await run(interactions(999, 100), { schema: inter() });
    expect(codes(a)).toContain('TOO_FEW_INTERACTIONS');
    expect(a.valid).toBe(false);
    const b = await run(interactions(1000, 100), { schema: inter() });
    expect(codes(b)).not.toContain('TOO_FEW_INTERACTIONS');
    expect(b.valid).toBe(true);
    expect(b.rows).toBe(1000);
  });

  it('24 active users: error for FULL, warning for INCREMENTAL; 25: fine', async () => {
    // 24 users with 2+ interactions, the rest (976 users) with exactly one
    const mk = (active: number) => {
      let s = X;
      let t = 1596238243;
      for (let u = 0; u < active; u++) for (let k = 0; k < 2; k++) s += `a${u},i${k},${t++},click,\n`;
      for (let u = 0; s.split('\n').length - 2 < 1000; u++) s += `s${u},i1,${t++},click,\n`;
      return s;
    };
    const full24 = await run(mk(24), { schema: inter(), mode: 'FULL' });
    expect(full24.stats.usersWithAtLeast2Interactions).toBe(24);
    expect(full24.errors.map((e) => e.code)).toContain('TOO_FEW_ACTIVE_USERS');
    const inc24 = await run(mk(24), { schema: inter(), mode: 'INCREMENTAL' });
    expect(inc24.errors.map((e) => e.code)).not.toContain('TOO_FEW_ACTIVE_USERS');
    expect(inc24.warnings.map((e) => e.code)).toContain('TOO_FEW_ACTIVE_USERS');
    const full25 = await run(mk(25), { schema: inter(), mode: 'FULL' });
    expect(full25.stats.usersWithAtLeast2Interactions).toBe(25);
    expect(codes(full25)).not.toContain('TOO_FEW_ACTIVE_USERS');
    expect(full25.valid).toBe(true);
  });

  it('11 event types: TOO_MANY_EVENT_TYPES; stats count each type', async () => {
    const r = await run(interactions(1100, 100, { eventTypes: 11 }), { schema: inter() });
    expect(codes(r)).toContain('TOO_MANY_EVENT_TYPES');
    expect(r.stats.eventTypes).toHaveLength(11);
    expect(r.stats.eventTypes!.reduce((a, e) => a + e.count, 0)).toBe(1100);
    const ok = await run(interactions(1100, 100, { eventTypes: 10 }), { schema: inter() });
    expect(codes(ok)).not.toContain('TOO_MANY_EVENT_TYPES');
  });

  it('stats: users, items, interactions per user, timestamp range', async () => {
    let s = X;
    const per = [1, 2, 3, 10];
    let t = 1600000000;
    per.forEach((n, u) => {
      for (let k = 0; k < n; k++) s += `user${u},item${k},${t++},click,\n`;
    });
    const r = await run(s, { schema: inter() });
    expect(r.stats.uniqueUsers).toBe(4);
    expect(r.stats.uniqueItems).toBe(10);
    expect(r.stats.usersWithAtLeast2Interactions).toBe(3);
    expect(r.stats.interactionsPerUser).toEqual({ min: 1, median: 2.5, max: 10 });
    expect(r.stats.timestamp).toMatchObject({ min: 1600000000, max: 1600000015, minIso: '2020-09-13T12:26:40Z' });
    expect(r.stats.columns.find((c) => c.name === 'EVENT_VALUE')).toMatchObject({ nonEmpty: 0, completeness: 0 });
  });

  it('SIZE_LIMIT: over 1 GB for INCREMENTAL, not for FULL', async () => {
    const body = interactions(1000, 100);
    const inc = await run(body, { schema: inter(), mode: 'INCREMENTAL', totalBytes: 2 * 1024 ** 3 });
    expect(inc.errors.map((e) => e.code)).toContain('SIZE_LIMIT');
    const full = await run(body, { schema: inter(), mode: 'FULL', totalBytes: 2 * 1024 ** 3 });
    expect(codes(full)).not.toContain('SIZE_LIMIT');
    const big = await run(body, { schema: inter(), mode: 'FULL', totalBytes: 101 * 1024 ** 3 });
    expect(codes(big)).toContain('SIZE_LIMIT');
  });
});

describe('bounded issues', () => {
  it('keeps the first 20 of a code with their lines and counts the rest', async () => {
    let s = 'USER_ID,AGE,MEMBERSHIP\n';
    for (let i = 0; i < 5000; i++) s += `u${i},x${i},gold\n`;
    const r = await run(s, { schema: schema('users.json') });
    const ints = r.errors.filter((e) => e.code === 'TYPE_INT');
    expect(ints).toHaveLength(20);
    expect(ints.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(ints[0].count).toBe(5000);
    expect(ints[1].count).toBeUndefined();
    expect(r.stats.issueCounts.TYPE_INT).toBe(5000);
  });

  it('200,000 bad rows stay within a few MB of issue memory', async () => {
    const row = Buffer.from('u1,notanumber,gold\n');
    async function* src() {
      yield Buffer.from('USER_ID,AGE,MEMBERSHIP\n');
      const block = Buffer.concat(Array.from({ length: 1000 }, () => row));
      for (let i = 0; i < 200; i++) yield block;
    }
    const before = process.memoryUsage().heapUsed;
    const r = await validateCsv({ name: 'big', stream: src() }, { schema: schema('users.json') });
    expect(r.stats.issueCounts.TYPE_INT).toBe(200000);
    expect(r.errors.length).toBeLessThanOrEqual(40);
    expect(JSON.stringify(r).length).toBeLessThan(50_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe('long lines', () => {
  const big = 'x'.repeat((1 << 20) + 10);
  it('a line over 1 MiB inside one chunk: LINE_TOO_LONG at its line, the next line still checked', async () => {
    const s = `USER_ID,AGE,MEMBERSHIP\nu1,30,${big}\nu2,bad,x\n`;
    const r = await run(s, { schema: schema('users.json') }, 4 << 20);
    expect(r.errors.find((e) => e.code === 'LINE_TOO_LONG')?.line).toBe(2);
    expect(r.errors.find((e) => e.code === 'TYPE_INT')?.line).toBe(3);
  });
  it('a line over 1 MiB across many chunks is not buffered: LINE_TOO_LONG, line numbers stay right', async () => {
    const s = `USER_ID,AGE,MEMBERSHIP\nu1,30,gold\nu1,30,"${big}\nu2,bad,x`;
    const r = await run(s, { schema: schema('users.json') }, 65536);
    expect(r.errors.find((e) => e.code === 'LINE_TOO_LONG')?.line).toBe(3);
    expect(r.errors.find((e) => e.code === 'TYPE_INT')?.line).toBe(4);
    expect(comparable(await run(s, { schema: schema('users.json') }, 1 << 22))).toEqual(comparable(r));
  });
});

describe('chunk boundaries: every split point gives the same report', () => {
  const inputs: [string, Uint8Array][] = [
    ['quotes and escapes', Buffer.from('USER_ID,AGE,MEMBERSHIP\r\nu1,30,"a,\\"b\\" c"\r\n"u,2",31,"the ""x"""\nu3,x,"\\\\"\n')],
    ['multi-byte UTF-8', Buffer.from('USER_ID,AGE,MEMBERSHIP\nü€𝄞,30,用户\n"é,😀",31,x\n')],
    ['CRLF inside quotes and no trailing newline', Buffer.from('USER_ID,AGE,MEMBERSHIP\r\nu1,30,"go\r\nld"\r\nu2,31,x')],
    ['BOM and invalid UTF-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('USER_ID,AGE,MEMBERSHIP\nu1,30,'), Buffer.from([0xe2, 0x82]), Buffer.from('\nu2,1,\xe9\n')])],
  ];
  for (const [name, bytes] of inputs) {
    it(name, async () => {
      const opts = { schema: schema('users.json') };
      const whole = comparable(await run(bytes, opts, bytes.length));
      for (let k = 0; k <= bytes.length; k++) {
        expect(comparable(await run(bytes, opts, [k])), `split at ${k}`).toEqual(whole);
      }
      for (let k = 1; k < bytes.length - 1; k += 3) {
        expect(comparable(await run(bytes, opts, [k, 2])), `split at ${k} and ${k + 2}`).toEqual(whole);
      }
    });
  }
});

describe('sources and control', () => {
  it('several sources: issues name the file, stats add up, each file has its own header and lines', async () => {
    const s = schema('users.json');
    const a = 'USER_ID,AGE,MEMBERSHIP\nu1,30,gold\n';
    const b = 'USER_ID,AGE,MEMBERSHIP\nu2,31,x\nu3,bad,x\n';
    const r = await validateCsv([
      { name: 's3://b/p/a.csv', stream: chunks(Buffer.from(a), 5) },
      { name: 's3://b/p/b.csv', open: () => chunks(Buffer.from(b), 5) },
    ], { schema: s, now: NOW });
    expect(r.rows).toBe(3);
    expect(r.stats.files).toBe(2);
    expect(r.errors[0]).toMatchObject({ code: 'TYPE_INT', line: 3, column: 'AGE', file: 's3://b/p/b.csv' });
  });

  it('progress events carry bytes and rows; the last one is the whole input', async () => {
    const body = Buffer.from(interactions(1000, 100));
    const events: [number, number][] = [];
    await run(body, { schema: inter(), onProgress: (bytes, rows) => events.push([bytes, rows]) }, 4096);
    expect(events.length).toBeGreaterThan(5);
    expect(events.at(-1)).toEqual([body.length, 1000]);
    for (let i = 1; i < events.length; i++) expect(events[i][0]).toBeGreaterThanOrEqual(events[i - 1][0]);
  });

  it('an aborted signal stops with an interrupted AppError', async () => {
    const ac = new AbortController();
    const body = Buffer.from(interactions(1000, 100));
    const p = run(body, { schema: inter(), signal: ac.signal, onProgress: () => ac.abort() }, 1024);
    await expect(p).rejects.toBeInstanceOf(AppError);
    await expect(p).rejects.toMatchObject({ kind: 'interrupted', exitCode: 130 });
  });

  it('a dataset type inferred from the record name, or given explicitly', async () => {
    const r = await run('USER_ID,AGE,MEMBERSHIP\nu1,1,\n', { schema: schema('users.json') });
    expect(r.datasetType).toBe('USERS');
    const r2 = await run('USER_ID,AGE\nu1,1\n', { schema: schema('custom-name.json'), datasetType: 'USERS' });
    expect(r2.datasetType).toBe('USERS');
  });
});

describe('countSummary (interactions per user)', () => {
  it('gives what sorting all counts gives, small and large counts alike', async () => {
    const { countSummary } = await import('../../src/validate/engine.js');
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 4000, max: 9000 })), { maxLength: 300 }), (counts) => {
        const sorted = [...counts].sort((a, b) => a - b);
        const n = sorted.length;
        const mid = n >> 1;
        const want = n === 0
          ? { users: 0, active: 0, min: 0, median: 0, max: 0 }
          : { users: n, active: sorted.filter((c) => c >= 2).length, min: sorted[0], max: sorted[n - 1], median: n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2 };
        expect(countSummary({ forEachCount: (fn) => counts.forEach(fn) })).toEqual(want);
      }),
      { numRuns: runs(500) },
    );
  });
});

describe('approximate figures', () => {
  it('more than 1000 event types: the report says only the first 1000 are counted, and why', async () => {
    let text = X;
    for (let i = 0; i < 1200; i++) text += `u${i % 50},i${i % 30},${1596238243 + i},type${i},1\n`;
    const r = await run(text, { schema: inter() });
    expect(r.stats.approximate).toBe(true);
    expect(r.stats.approximateReasons).toEqual(['More than 1000 event types: only the first 1000 are counted.']);
    expect(r.stats.eventTypes).toHaveLength(1000);
    const { renderReport } = await import('../../src/commands/validate-report.js');
    expect(renderReport(r, 'events.csv')).toContain('  approximate: More than 1000 event types: only the first 1000 are counted.');
  });

  it('a file within every table: no approximate flag, no reasons', async () => {
    const r = await run(interactions(1200, 40), { schema: inter() });
    expect(r.stats.approximate).toBeUndefined();
    expect(r.stats.approximateReasons).toBeUndefined();
  });
});

describe('text that is not UTF-8', () => {
  it('Windows-1252 (Excel\'s plain CSV): named as such, the value shown decoded, iconv suggested; broken UTF-8: not', async () => {
    const cp1252 = Buffer.concat([Buffer.from(X), Buffer.from([0x75, 0xe9, 0x2c]), Buffer.from('i1,1596238243,click,1.5\n'), Buffer.from([0x75, 0x92, 0x73, 0x2c]), Buffer.from('i2,1596238244,click,1.5\n')]);
    const r = await run(cp1252, { schema: inter() });
    const bad = r.errors.filter((e) => e.code === 'INVALID_UTF8');
    expect(bad.map((e) => [e.line, e.column])).toEqual([[2, 'USER_ID'], [3, 'USER_ID']]);
    expect(bad[0].message).toContain('("ué" if read as Windows-1252');
    expect(bad[1].message).toContain('("u’s" if read as Windows-1252');
    expect(bad[0].message).toContain('iconv -f WINDOWS-1252 -t UTF-8');
    // a UTF-8 sequence cut short (two high bytes in a row) is not single-byte text
    const broken = Buffer.concat([Buffer.from(X), Buffer.from([0x75, 0xe2, 0x82, 0x2c]), Buffer.from('i1,1596238243,click,1.5\n')]);
    const b = (await run(broken, { schema: inter() })).errors.find((e) => e.code === 'INVALID_UTF8')!;
    expect(b.message).not.toContain('Windows-1252');
    expect(b.message).toContain('Save the file as UTF-8');
  });
});

describe('a timestamp written as a date', () => {
  it('TYPE_LONG says what the date is in epoch seconds (UTC when it names no zone); other text gets no such hint', async () => {
    const rows = ['2026-01-01T00:00:00Z', '2026-01-01T02:00:00+02:00', '2026-01-01 00:00:00', '2026-01-01', '2026-13-45', 'yesterday'];
    const csv = X + rows.map((t, i) => `u${i},i${i},${t},click,1.5\n`).join('');
    const r = await run(csv, { schema: inter() });
    const msgs = r.errors.filter((e) => e.code === 'TYPE_LONG').map((e) => e.message);
    expect(msgs).toHaveLength(6);
    expect(msgs[0]).toContain('It is a date: in epoch seconds 1767225600. Convert');
    expect(msgs[1]).toContain('in epoch seconds 1767225600. Convert');
    expect(msgs[2]).toContain('in epoch seconds 1767225600 (read as UTC: it names no time zone)');
    expect(msgs[3]).toContain('in epoch seconds 1767225600 (read as UTC');
    for (const m of msgs.slice(4)) expect(m).not.toContain('It is a date');
  });
  it('a timestamp in scientific notation (Excel): says so, and that digits were lost', async () => {
    const r = await run(X + 'u1,i1,1.76723E+09,click,1.5\nu2,i2,1.767225600E+09,click,1.5\n', { schema: inter() });
    const [a, b] = r.errors.filter((e) => e.code === 'TYPE_LONG').map((e) => e.message);
    expect(a).toContain('It is in scientific notation (Excel writes numbers so when the column is not formatted as a number, and it kept only 6 of the 10 digits)');
    expect(b).toContain('It is in scientific notation');
    expect(b).not.toContain('kept only');
  });
});

describe('a column that spells an optional field another way', () => {
  it('names the field, and that it would be empty in every record (it said "Remove it or add it to the schema", the schema had it)', async () => {
    const s = parseSchema(JSON.stringify({ type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields: [
      { name: 'ITEM_ID', type: 'string' }, { name: 'REGULAR_PRICE', type: ['null', 'float'], default: null }, { name: 'CATEGORY', type: ['null', 'string'], categorical: true, default: null },
    ] }), 'items');
    const r = await run('ITEM_ID,Regular price,Colour,CATEGORY\ni1,12.5,red,a\ni2,13,blue,b\n', { schema: s, datasetType: 'ITEMS' });
    const unknown = r.warnings.filter((w) => w.code === 'HEADER_UNKNOWN_COLUMN');
    expect(unknown.map((w) => w.column)).toEqual(['Regular price', 'Colour']);
    expect(unknown[0].message).toContain('It is probably REGULAR_PRICE under another name: rename it REGULAR_PRICE (personalize-import fix does), or its values are not imported and REGULAR_PRICE is empty in every record.');
    // a column like no field keeps the general advice
    expect(unknown[1].message).toMatch(/Remove it or add it to the schema/);
  });
});

describe('a column that spells a required field another way', () => {
  it('keeps the general message: the missing-column error it is paired with names the rename', async () => {
    const r = await run(`USER_ID,ITEM_ID,TIMESTAMP,event\n`, { schema: inter(), datasetType: 'INTERACTIONS', domain: 'ECOMMERCE' });
    expect(r.errors.map((e) => [e.code, e.column])).toContainEqual(['HEADER_MISSING_COLUMN', 'EVENT_TYPE']);
    expect(r.warnings.find((w) => w.column === 'event')!.message).toMatch(/Remove it or add it to the schema/);
  });
});

describe('a TIMESTAMP written YYYYMMDD (20240110)', () => {
  it('is named as that date, with its epoch seconds (it said only "before 1990 … not a placeholder such as 0")', async () => {
    const r = await run(`USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu1,i1,20240110,click,1\nu2,i2,0,click,1\n`, { schema: inter(), datasetType: 'INTERACTIONS' });
    const ancient = r.warnings.filter((w) => w.code === 'TIMESTAMP_ANCIENT');
    expect(ancient[0].message).toBe('Line 2, column TIMESTAMP: 20240110 looks like the date 2024-01-10 written YYYYMMDD, not epoch seconds (as seconds it is 1970-08-23T06:15:10Z). Write the time as epoch seconds (that day at 00:00 UTC is 1704844800).');
  });
});

describe('a field every record of the dataset type needs, missing or empty', () => {
  // "make the field optional in the schema" was the advice for USER_ID too, which Personalize never allows
  it('says the dataset type needs it (no "make it optional"); a field only the schema requires keeps that advice', async () => {
    const s = parseSchema(JSON.stringify({ type: 'record', name: 'Interactions', fields: [
      { name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }, { name: 'PLATFORM', type: 'string' },
    ] }), 'interactions');
    const head = await run('user id,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n', { schema: s, datasetType: 'INTERACTIONS' });
    const missing = head.errors.filter((e) => e.code === 'HEADER_MISSING_COLUMN');
    expect(missing.find((e) => e.column === 'USER_ID')!.message).toBe('Line 1: the header has no USER_ID column; every INTERACTIONS dataset needs it. Add the column, or rename the column that holds it USER_ID.');
    expect(missing.find((e) => e.column === 'PLATFORM')!.message).toBe('Line 1: the header has no PLATFORM column, and the schema requires it (its type has no "null"). Add the column, or make the field optional in the schema (type ["null", "string"]).');
    for (const lane of [true, false]) {
      const rows = await run('USER_ID,ITEM_ID,TIMESTAMP,PLATFORM\n,i1,1700000000,web\nu2,i2,1700000001,\n', { schema: s, datasetType: 'INTERACTIONS', fastLane: lane });
      const empty = rows.errors.filter((e) => e.code === 'REQUIRED_VALUE_MISSING');
      expect(empty.find((e) => e.column === 'USER_ID')!.message, `fast lane ${lane}`).toBe('Line 2, column USER_ID: empty, but every INTERACTIONS record needs a USER_ID. Fill in a value, or leave the row out (personalize-import fix with --rejects <file> sets such rows aside).');
      expect(empty.find((e) => e.column === 'PLATFORM')!.message, `fast lane ${lane}`).toMatch(/^Line 3, column PLATFORM: empty, but the schema does not allow null here\. .*make the field optional/);
    }
  });
});

describe('a column not in a wide catalog’s schema (101 fields)', () => {
  it('names the first few fields and counts the rest (it listed all 101 names in one warning)', async () => {
    const fields = [{ name: 'ITEM_ID', type: 'string' }, { name: 'category', type: ['null', 'string'], categorical: true, default: null },
      ...Array.from({ length: 99 }, (_, i) => ({ name: `attr_${i}`, type: ['null', 'string'], default: null }))];
    const s = parseSchema(JSON.stringify({ type: 'record', name: 'Items', namespace: 'com.amazonaws.personalize.schema', version: '1.0', fields }), 'items');
    const r = await run('ITEM_ID,category,title\ni1,a,Red shoe\ni2,b,Blue hat\n', { schema: s, datasetType: 'ITEMS' });
    const unknown = r.warnings.find((w) => w.code === 'HEADER_UNKNOWN_COLUMN')!;
    expect(unknown.message).toContain('Line 1: column title is not in the schema (ITEM_ID, category, attr_0, attr_1, attr_2 and 96 more).');
    expect(unknown.message).not.toContain('attr_98');
  });
});
