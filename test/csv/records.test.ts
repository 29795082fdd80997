import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../src/csv/records.js';

async function rows(chunks: string[]) {
  async function* src() {
    for (const c of chunks) yield new TextEncoder().encode(c);
  }
  const out = [];
  for await (const r of csvRecords(src())) out.push(r);
  return out;
}

describe('csvRecords', () => {
  it('reads header and rows with line numbers, LF and CRLF mixed, no trailing newline', async () => {
    const r = await rows(['USER_ID,ITEM_ID\r\nu1,i1\nu2,', 'i2']);
    expect(r).toEqual([
      { line: 1, fields: ['USER_ID', 'ITEM_ID'] },
      { line: 2, fields: ['u1', 'i1'] },
      { line: 3, fields: ['u2', 'i2'] },
    ]);
  });
  it('unescapes backslash and doubled quotes, across chunk borders', async () => {
    const r = await rows(['A,B\n"a,\\"x', '\\"",""""\n']);
    expect(r[1]).toEqual({ line: 2, fields: ['a,"x"', '"'] });
  });
  it('keeps multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('A\né\n');
    async function* src() {
      yield bytes.slice(0, 3);
      yield bytes.slice(3);
    }
    const out = [];
    for await (const x of csvRecords(src())) out.push(x.fields[0]);
    expect(out).toEqual(['A', 'é']);
  });
});
