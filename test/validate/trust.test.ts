// Issue #18, the validator's items: what a hostile review found the engine getting wrong. Each test
// fails on the engine before the fix (see the item number).
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeForMode, validateCsv } from '../../src/validate/index.js';
import { codes, NOW, run, schema } from './helpers.js';

const X = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n';
const inter = () => schema('interactions.json');
const dir = mkdtempSync(join(tmpdir(), 'pi-trust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** n rows, `users` users round robin, timestamps in order unless `shuffled` */
function rows(n: number, users: number, shuffled = false): string {
  let s = X;
  for (let i = 0; i < n; i++) s += `u${i % users},i${i % 97},${1596238243 + (shuffled ? (i * 7919) % n : i)},click,1.5\n`;
  return s;
}

describe('item 4: an overflowed users table never gives a false verdict', () => {
  // 5000 users with one interaction each fill a users table capped at 1024 slots; the 30 users with
  // two interactions each come after them and are not in it: the table finds 0 active users
  const file = () => {
    let s = X;
    let t = 1596238243;
    for (let u = 0; u < 5000; u++) s += `single${u},i${u % 50},${t++},click,\n`;
    for (let u = 0; u < 30; u++) for (let k = 0; k < 2; k++) s += `active${u},i${k},${t++},click,\n`;
    return s;
  };

  for (const fastLane of [true, false]) it(`FULL: TOO_FEW_ACTIVE_USERS is a warning that it could not be established, not "Only 0 users" (${fastLane ? 'fast lane' : 'JS only'})`, async () => {
    const r = await run(file(), { schema: inter(), mode: 'FULL', tableSlots: 1024, fastLane });
    expect(r.stats.approximate).toBe(true);
    expect(r.stats.activeUsersLowerBound).toBe(true);
    expect(r.errors.map((e) => e.code)).not.toContain('TOO_FEW_ACTIVE_USERS');
    expect(r.valid).toBe(true);
    const w = r.warnings.find((x) => x.code === 'TOO_FEW_ACTIVE_USERS');
    expect(w?.message).toMatch(/could not be established/);
    expect(w?.message).not.toMatch(/^Only/);
    // re-judged for the other mode and back: still a warning
    const inc = judgeForMode(r, 'INCREMENTAL');
    const back = judgeForMode(inc, 'FULL');
    expect(back.valid).toBe(true);
    expect(back.warnings.find((x) => x.code === 'TOO_FEW_ACTIVE_USERS')?.message).toMatch(/could not be established/);
  });

  it('the same file with tables big enough: exact, 30 active users, no finding', async () => {
    const r = await run(file(), { schema: inter(), mode: 'FULL' });
    expect(r.stats.activeUsersLowerBound).toBeUndefined();
    expect(r.stats.usersWithAtLeast2Interactions).toBe(30);
    expect(codes(r)).not.toContain('TOO_FEW_ACTIVE_USERS');
  });

  it('a file that really has too few active users is still an error when the table held every user', async () => {
    const r = await run(rows(1200, 1200), { schema: inter(), mode: 'FULL' });
    expect(r.errors.find((e) => e.code === 'TOO_FEW_ACTIVE_USERS')?.message).toMatch(/^Only 0 users/);
  });
});

describe('item 6: piped input is read once', () => {
  it('a FIFO (as /dev/stdin or <(…) are) with timestamps out of order: the report of the same bytes as a file, no ESPIPE', async () => {
    const text = rows(3000, 300, true);
    const plain = join(dir, 'events.csv');
    writeFileSync(plain, text);
    const fifo = join(dir, 'events.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', plain, fifo], { stdio: 'ignore' });
    const written = new Promise((resolve) => writer.on('exit', resolve));
    const fromFifo = await validateCsv({ name: fifo, path: fifo, open: () => createReadStream(fifo) }, { schema: inter(), now: NOW });
    await written;
    const fromFile = await validateCsv({ name: fifo, path: plain, open: () => createReadStream(plain) }, { schema: inter(), now: NOW });
    expect({ ...fromFifo, stats: { ...fromFifo.stats, elapsedMs: 0 } }).toEqual({ ...fromFile, stats: { ...fromFile.stats, elapsedMs: 0 } });
    expect(fromFifo.rows).toBe(3000);
  });
});

describe('item 13: column names with something around them', () => {
  it('spaces around a name: HEADER_SPACES naming the column, read as the trimmed name', async () => {
    const r = await run(rows(1000, 100).replace('USER_ID,ITEM_ID', ' USER_ID ,ITEM_ID'), { schema: inter() });
    const w = r.warnings.filter((x) => x.code === 'HEADER_SPACES');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ column: 'USER_ID', line: 1 });
    expect(w[0].message).toContain('" USER_ID "');
    expect(w[0].message).toMatch(/spaces/);
    expect(r.valid).toBe(true);
  });

  it('a double BOM: BOM and HEADER_SPACES naming the second byte order mark', async () => {
    const r = await run(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(rows(1000, 100))]), { schema: inter() });
    expect(codes(r)).toContain('BOM');
    const w = r.warnings.find((x) => x.code === 'HEADER_SPACES');
    expect(w?.message).toMatch(/two BOMs/);
    expect(w?.message).toContain('\\uFEFF');
    expect(w?.message).not.toContain('\uFEFF');
  });

  it('a no-break space after a name: said, and shown escaped', async () => {
    const r = await run(rows(1000, 100).replace('EVENT_VALUE', 'EVENT_VALUE\u00a0'), { schema: inter() });
    const w = r.warnings.find((x) => x.code === 'HEADER_SPACES');
    expect(w?.message).toMatch(/no-break space/);
    expect(w?.message).toContain('\\u00A0');
  });

  it('plain names: no HEADER_SPACES', async () => {
    expect(codes(await run(rows(1000, 100), { schema: inter() }))).not.toContain('HEADER_SPACES');
  });
});

describe('item 14: a float that overflows to Infinity', () => {
  for (const fastLane of [true, false]) it(`EVENT_VALUE 1e400 and a 400-digit number are TYPE_FLOAT; 1e5, 1.5E-3 and 300 digits are fine (${fastLane ? 'fast lane' : 'JS only'})`, async () => {
    const lines = rows(1000, 100).split('\n');
    lines[5] = 'u1,i1,1596238300,click,1e400';
    lines[6] = `u1,i1,1596238301,click,${'9'.repeat(400)}`;
    lines[7] = 'u1,i1,1596238302,click,-1E+309';
    lines[8] = 'u1,i1,1596238303,click,1e5';
    lines[9] = 'u1,i1,1596238304,click,1.5E-3';
    lines[10] = `u1,i1,1596238305,click,${'9'.repeat(300)}`;
    const r = await run(lines.join('\n'), { schema: inter(), fastLane });
    const bad = r.errors.filter((e) => e.code === 'TYPE_FLOAT');
    expect(bad.map((e) => e.line)).toEqual([6, 7, 8]);
    expect(bad[0].message).toContain('"1e400"');
    expect(bad[0].message).toMatch(/too large: it would read as Infinity/);
  });
});

describe('item 18: lines ended by CR alone', () => {
  it('one CR_LINE_ENDINGS error naming the line endings, records counted, nothing else', async () => {
    const r = await run(rows(1500, 100).replace(/\n/g, '\r'), { schema: inter() }, 4093);
    expect(codes(r)).toEqual(['CR_LINE_ENDINGS']);
    expect(r.errors[0].message).toMatch(/carriage return/);
    expect(r.rows).toBe(1500);
  });

  it('a CR-only file whose line 1 is over 1 MiB: the same one error, not LINE_TOO_LONG', async () => {
    const r = await run(rows(60000, 100).replace(/\n/g, '\r'), { schema: inter() });
    expect(codes(r)).toEqual(['CR_LINE_ENDINGS']);
  });

  it('CRLF files are fine', async () => {
    const r = await run(rows(1000, 100).replace(/\n/g, '\r\n'), { schema: inter() });
    expect(r.valid).toBe(true);
    expect(codes(r)).not.toContain('CR_LINE_ENDINGS');
  });
});
