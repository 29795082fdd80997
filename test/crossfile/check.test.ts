// Cross-file checks (src/crossfile): exact counts on generated files against a plain reference count
// (JS Sets over the same rows), each format detector on a case of its own, and the CSV dialect
// (quotes, escapes, CRLF, BOM, blank lines, short rows) read as the validator reads it.
import { createReadStream, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crossCheck, fileSource, type CrossFileReport, type CrossSource } from '../../src/crossfile/index.js';
import { mulberry32 } from '../helpers/random.js';

const dir = mkdtempSync(join(tmpdir(), 'pi-crossfile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return { name, open: () => createReadStream(p, { highWaterMark: 1 << 16 }) };
};

const rng = mulberry32;

async function writeLines(path: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

describe('counts on generated files (1 M interactions, 100 k items) match a reference count', () => {
  it('every count, exactly', async () => {
    const ITEMS = 100_000;
    const USERS = 40_000;
    const ROWS = 1_000_000;
    const r = rng(19);
    // the catalogs: items i0…i99999 but every 13th left out, and 500 repeated; users u0…u39999 but every 11th left out, and v0…v99
    const itemIds: string[] = [];
    for (let n = 0; n < ITEMS; n++) if (n % 13 !== 5) itemIds.push(`i${n}`);
    for (let n = 0; n < 500; n++) itemIds.push(`i${n * 7}`);
    const userIds: string[] = [];
    for (let n = 0; n < USERS; n++) if (n % 11 !== 3) userIds.push(`u${n}`);
    for (let n = 0; n < 100; n++) userIds.push(`v${n}`); // no interaction names them
    await writeLines(join(dir, 'big-items.csv'), 'ITEM_ID,CATEGORY', itemIds.length, (i) => `${itemIds[i]},c${i % 7}`);
    await writeLines(join(dir, 'big-users.csv'), 'USER_ID,AGE', userIds.length, (i) => `${userIds[i]},${20 + (i % 50)}`);
    // interactions over a wider range than the catalogs hold, some IDs quoted
    const iu: string[] = new Array(ROWS);
    const ii: string[] = new Array(ROWS);
    for (let k = 0; k < ROWS; k++) {
      iu[k] = `u${Math.floor(r() * (USERS + 2000))}`;
      ii[k] = `i${Math.floor(r() * ITEMS * 0.8 + (r() < 0.02 ? ITEMS : 0))}`;
    }
    await writeLines(join(dir, 'big-interactions.csv'), 'USER_ID,ITEM_ID,TIMESTAMP', ROWS, (k) => `${iu[k]},${k % 10 === 0 ? `"${ii[k]}"` : ii[k]},${1767225600 + k}`);

    // the reference: plain Sets
    const itemSet = new Set(itemIds);
    const userSet = new Set(userIds);
    let missItems = 0;
    let missUsers = 0;
    const missItemSet = new Set<string>();
    const mentionedItems = new Set<string>();
    const mentionedUsers = new Set<string>();
    let firstMissingItem = -1;
    for (let k = 0; k < ROWS; k++) {
      if (itemSet.has(ii[k])) mentionedItems.add(ii[k]);
      else {
        missItems++;
        missItemSet.add(ii[k]);
        if (firstMissingItem < 0) firstMissingItem = k;
      }
      if (userSet.has(iu[k])) mentionedUsers.add(iu[k]);
      else missUsers++;
    }
    const open = (name: string) => ({ name, open: () => createReadStream(join(dir, name)) });
    const rep = await crossCheck({ interactions: open('big-interactions.csv'), items: open('big-items.csv'), users: open('big-users.csv') });

    expect(rep.interactions.rows).toBe(ROWS);
    expect(rep.items).toMatchObject({ rows: itemIds.length, distinct: itemSet.size, repeats: itemIds.length - itemSet.size, withoutInteractions: itemSet.size - mentionedItems.size });
    expect(rep.users).toMatchObject({ rows: userIds.length, distinct: userSet.size, repeats: 0, withoutInteractions: userSet.size - mentionedUsers.size });
    expect(rep.missingItems!.rows).toBe(missItems);
    expect(rep.missingUsers!.rows).toBe(missUsers);
    expect(rep.missingItems!.share).toBeCloseTo(missItems / ROWS, 12);
    // distinct absent IDs: HyperLogLog, ±0.8 % (1 σ): within 3 σ
    expect(Math.abs(rep.missingItems!.distinct - missItemSet.size) / missItemSet.size).toBeLessThan(0.025);
    expect(rep.missingItems!.examples[0]).toEqual({ id: ii[firstMissingItem], line: firstMissingItem + 2 });
    // items without interactions: the examples are unmentioned items, with their lines in the items file
    for (const e of rep.items!.examples) {
      expect(mentionedItems.has(e.id)).toBe(false);
      expect(itemIds[e.line - 2]).toBe(e.id);
    }
    expect(rep.findings.map((f) => f.code).sort()).toEqual(['CROSS_ITEMS_MISSING', 'CROSS_ITEMS_UNUSED', 'CROSS_USERS_MISSING', 'CROSS_USERS_UNUSED']);
    // no format detector fires on IDs that are simply absent
    expect(rep.missingItems!.causes).toEqual([]);
    // the CLI's reader (one reused 1 MiB buffer) gives the same report
    const reused = (name: string) => fileSource(join(dir, name), name);
    const again = await crossCheck({ interactions: reused('big-interactions.csv'), items: reused('big-items.csv'), users: reused('big-users.csv') });
    expect(again).toEqual(rep);
  }, 180_000);
});

const cause = (r: CrossFileReport, field: 'missingItems' | 'missingUsers') => r[field]!.causes.map((c) => ({ kind: c.kind, rows: c.rows, likely: c.likely, as: c.example.as }));

describe('the format detectors, each on its own case', () => {
  const interactions = (rows: [string, string][]) => file(`i-${Math.random()}.csv`, `USER_ID,ITEM_ID,TIMESTAMP\n${rows.map(([u, i], k) => `${u},${i},${1767225600 + k}`).join('\n')}\n`);

  it('case: U1 in the interactions, u1 in the users file', async () => {
    const users = file('users-case.csv', 'USER_ID,AGE\nu1,20\nu2,30\nu3,40\n');
    const items = file('items-case.csv', 'ITEM_ID,CATEGORY\nA,x\nB,y\n');
    const r = await crossCheck({ interactions: interactions([['U1', 'A'], ['U2', 'B'], ['U1', 'B'], ['u3', 'A'], ['X9', 'A']]), users, items });
    expect(r.missingUsers!.rows).toBe(4);
    expect(cause(r, 'missingUsers')).toEqual([{ kind: 'case', rows: 3, likely: true, as: 'u1' }]);
    expect(r.missingItems!.rows).toBe(0);
    expect(r.findings.find((f) => f.code === 'CROSS_ID_FORMAT')!.message).toMatch(/Likely cause: USER_ID is written with a different letter case .* says "U1", users-case\.csv has "u1" \(in lower case\)\. Writing them alike would recover 3 interactions \(75 % of those not found, ≈ 2 users\)/);
  });

  it('prefix: sku-123 in the interactions, 123 in the items file — and the other way round', async () => {
    const items = file('items-plain.csv', 'ITEM_ID,CATEGORY\n123,x\n456,y\n789,z\n');
    const users = file('users-p.csv', 'USER_ID,AGE\nu1,20\n');
    const r = await crossCheck({ interactions: interactions([['u1', 'sku-123'], ['u1', 'sku-456'], ['u1', 'sku-999'], ['u1', '789']]), users, items });
    expect(r.missingItems!.rows).toBe(3);
    expect(cause(r, 'missingItems')).toEqual([{ kind: 'prefix', rows: 2, likely: true, as: '123' }]);
    expect(r.items!.withoutInteractions).toBe(2);

    const prefixed = file('items-sku.csv', 'ITEM_ID,CATEGORY\nsku-123,x\nsku-456,y\nsku-789,z\n');
    const r2 = await crossCheck({ interactions: interactions([['u1', '123'], ['u1', '456'], ['u1', '1000'], ['u1', '1001']]), users, items: prefixed });
    expect(cause(r2, 'missingItems')).toEqual([{ kind: 'prefix', rows: 2, likely: true, as: 'sku-123' }]);
  });

  it('leading zeros: 00042 in one file, 42 in the other, both ways', async () => {
    const items = file('items-zeros.csv', 'ITEM_ID,CATEGORY\n00042,x\n00043,y\n00100,z\n');
    const users = file('users-z.csv', 'USER_ID,AGE\nu1,20\n');
    const r = await crossCheck({ interactions: interactions([['u1', '42'], ['u1', '43'], ['u1', '43'], ['u1', '100']]), users, items });
    expect(cause(r, 'missingItems')).toEqual([{ kind: 'leading-zeros', rows: 4, likely: true, as: '00042' }]);
    expect(r.findings.find((f) => f.code === 'CROSS_ID_FORMAT')!.message).toMatch(/padded with zeros to 5 digits/);

    const plain = file('items-nozeros.csv', 'ITEM_ID,CATEGORY\n42,x\n43,y\n');
    const r2 = await crossCheck({ interactions: interactions([['u1', '0042'], ['u1', '43'], ['u1', '7'], ['u1', '8']]), users, items: plain });
    expect(cause(r2, 'missingItems')).toEqual([{ kind: 'leading-zeros', rows: 1, likely: false, as: '42' }]);
    expect(r2.findings.find((f) => f.code === 'CROSS_ID_FORMAT')!.message).toMatch(/^Partly: /);
  });

  it('IDs that are absent for no format reason name no cause', async () => {
    const items = file('items-none.csv', 'ITEM_ID,CATEGORY\nitem-1,x\nitem-2,y\n');
    const users = file('users-none.csv', 'USER_ID,AGE\nu1,20\n');
    const r = await crossCheck({ interactions: interactions([['u1', 'item-1'], ['u1', 'item-3'], ['u1', 'thing-4']]), users, items });
    expect(r.missingItems!.rows).toBe(2);
    expect(r.missingItems!.causes).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['CROSS_ITEMS_MISSING', 'CROSS_ITEMS_UNUSED']);
  });
});

describe('the CSV dialect', () => {
  it('quoted, escaped and doubled-quote IDs, CRLF, a BOM, blank lines and short rows are read as the validator reads them', async () => {
    const items = file('items-dialect.csv', '\uFEFFITEM_ID,DESCRIPTION\r\n"a,1","x"\r\n"b\\"2",y\r\n"c""3",z\r\n\r\nd4,w\r\n');
    const users = file('users-dialect.csv', 'AGE,USER_ID\n20,"u1"\n21\n');
    const r = await crossCheck({ interactions: file('int-dialect.csv', 'ITEM_ID,USER_ID\r\na,1,u1\r\n"a,1",u1\r\n"b\\"2",u1\r\n"c""3",u1\r\nd4,u2\r\n'), items, users });
    // "a,1" bare is two values: ITEM_ID a, USER_ID 1
    expect(r.interactions.rows).toBe(5);
    expect(r.items).toMatchObject({ distinct: 4, withoutInteractions: 0 });
    expect(r.missingItems!.rows).toBe(1);
    expect(r.missingItems!.examples).toEqual([{ id: 'a', line: 2 }]);
    expect(r.users).toMatchObject({ distinct: 1, rows: 1 });
    expect(r.missingUsers!.examples).toEqual([{ id: '1', line: 2 }, { id: 'u2', line: 6 }]);
  });

  it('read 7 bytes at a time from one reused buffer (lines, quotes and escapes cut anywhere), the report is the same', async () => {
    const texts = {
      items: '\uFEFFITEM_ID,DESCRIPTION\r\n"a,1","x"\r\n"b\\"2",y\r\nsku-7,z\r\n00042,w\r\nlonely,v\r\n',
      users: 'USER_ID,AGE\nU1,20\nu2,30\n',
      interactions: 'USER_ID,ITEM_ID\nu1,"a,1"\nu1,"b\\"2"\nU2,7\nu1,42\nx,sku-7\n',
    };
    const whole = (name: keyof typeof texts): CrossSource => ({ name, open: async function* () { yield new TextEncoder().encode(texts[name]); } });
    const bits = (name: keyof typeof texts): CrossSource => ({
      name,
      open: async function* () {
        const all = new TextEncoder().encode(texts[name]);
        const buf = new Uint8Array(7);
        for (let i = 0; i < all.length; i += 7) {
          const n = Math.min(7, all.length - i);
          buf.set(all.subarray(i, i + n));
          yield buf.subarray(0, n);
          buf.fill(0x21); // the consumer must not keep a view of it
        }
      },
    });
    const a = await crossCheck({ interactions: whole('interactions'), items: whole('items'), users: whole('users') });
    const b = await crossCheck({ interactions: bits('interactions'), items: bits('items'), users: bits('users') });
    expect(b).toEqual(a);
    expect(a.missingItems!.rows).toBe(2);
    expect(a.missingItems!.causes.map((c) => c.kind).sort()).toEqual(['leading-zeros', 'prefix']);
    expect(a.missingUsers!.causes.map((c) => [c.kind, c.rows])).toEqual([['case', 4]]);
    expect(a.items!.examples).toEqual([{ id: '00042', line: 5 }, { id: 'lonely', line: 6 }]);
  });

  it('a catalog without its ID column is said in the notes, not counted', async () => {
    const r = await crossCheck({ interactions: file('int-nocol.csv', 'USER_ID,ITEM_ID\nu1,i1\n'), items: file('items-nocol.csv', 'SKU_NAME,CATEGORY\nx,y\n') });
    expect(r.items).toBeUndefined();
    expect(r.notes.join('\n')).toMatch(/items-nocol\.csv has no ITEM_ID column/);
  });
});
