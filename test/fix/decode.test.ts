// The fixer's decoding of a stream (src/fix/decode.ts): the line ends are decided on the first line
// end seen, wherever the stream's chunks are cut — a first chunk ending between the header's CR and
// LF is a CRLF file, not an old-Mac CR-only one (which turned every CRLF into two line ends).
import { Readable } from 'node:stream';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { utf8Chunks } from '../../src/fix/decode.js';
import { fixFile } from '../../src/fix/index.js';
import { parseSchema } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';

async function decode(parts: string[]): Promise<{ text: string; crOnly?: boolean }> {
  const found: { crOnly?: boolean } = {};
  let text = '';
  for await (const c of utf8Chunks(Readable.from(parts.map((p) => Buffer.from(p))), found)) text += Buffer.from(c).toString('utf8');
  return { text, crOnly: found.crOnly };
}

describe('utf8Chunks: line ends decided on the first one seen, however the chunks are cut', () => {
  it('a CRLF file whose first chunk ends between the CR and the LF is CRLF', async () => {
    expect(await decode(['USER_ID,ITEM_ID\r', '\nu1,i1\r\n'])).toEqual({ text: 'USER_ID,ITEM_ID\r\nu1,i1\r\n', crOnly: false });
  });

  it('a CR-only file whose first chunk ends at its first CR, or holds no line end at all, is CR-only', async () => {
    expect(await decode(['USER_ID,ITEM_ID\r', 'u1,i1\ru2,i2\r'])).toEqual({ text: 'USER_ID,ITEM_ID\nu1,i1\nu2,i2\n', crOnly: true });
    expect(await decode(['USER_', 'ID,ITEM_ID', '\ru1,i1\r'])).toEqual({ text: 'USER_ID,ITEM_ID\nu1,i1\n', crOnly: true });
  });

  it('a file ending in its first CR, and a file with no line end, are told at the end', async () => {
    expect(await decode(['USER_ID\r'])).toEqual({ text: 'USER_ID\n', crOnly: true });
    expect(await decode(['USER_ID,', 'ITEM_ID'])).toEqual({ text: 'USER_ID,ITEM_ID', crOnly: false });
  });

  it('fixFile: a CRLF export read one byte at a time comes out as read in one chunk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-decode-'));
    const schema = parseSchema(SCHEMAS.items);
    const text = 'item_id,price,category_l1,description\r\ni1,1.5,c,"a"\r\ni2,2.5,c,"b"\r\n';
    const whole = join(dir, 'whole.csv');
    const bytewise = join(dir, 'bytes.csv');
    await fixFile({ name: 'x.csv', open: () => Readable.from([Buffer.from(text)]) }, schema, { output: whole });
    const r = await fixFile({ name: 'x.csv', open: () => Readable.from([...Buffer.from(text)].map((b) => Buffer.from([b]))) }, schema, { output: bytewise });
    expect(r.fixed).toBe(true);
    expect(readFileSync(bytewise, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    expect(readFileSync(bytewise, 'utf8')).toBe('ITEM_ID,PRICE,CATEGORY_L1,DESCRIPTION\r\ni1,1.5,c,"a"\r\ni2,2.5,c,"b"\r\n');
  });
});
