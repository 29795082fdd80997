// The word-at-a-time tokenizer must split exactly like the byte-at-a-time one it replaced (kept
// below as the reference): same return value, field bounds, flags and line end, and a non-ASCII
// line always flagged in `hi`, whatever the bytes and wherever the buffer ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F_BAD_QUOTE, F_DOUBLED, F_ESCAPE, F_QUOTED, F_UNTERMINATED, Tokens, tokenize } from '../../src/csv/tokenizer.js';
import { runs } from '../helpers/runs.js';

/** the byte-at-a-time tokenizer (before the word scan): the reference */
function reference(b: Uint8Array, s: number, limit: number) {
  const starts: number[] = [];
  const ends: number[] = [];
  const flags: number[] = [];
  let hi = 0;
  let i = s;
  const done = (ret: number, lineEnd: number) => ({ ret, starts, ends, flags, hi: hi & 0x80, lineEnd });
  for (;;) {
    if (i < limit && b[i] === 34) {
      let f = F_QUOTED;
      let j = i + 1;
      let c = 0;
      for (;;) {
        if (j >= limit) return { ret: -1 };
        c = b[j];
        if (c === 34) {
          if (j + 1 >= limit) return { ret: -1 };
          if (b[j + 1] === 34) { f |= F_DOUBLED; j += 2; continue; }
          break;
        }
        if (c === 10) break;
        if (c === 92) {
          if (j + 1 >= limit) return { ret: -1 };
          if (b[j + 1] === 10) { j++; c = 10; break; }
          f |= F_ESCAPE; j += 2; continue;
        }
        hi |= c;
        j++;
      }
      if (c === 10) {
        starts.push(i + 1);
        ends.push(j > i + 1 && b[j - 1] === 13 ? j - 1 : j);
        flags.push(f | F_UNTERMINATED);
        return done(j, ends[ends.length - 1]);
      }
      starts.push(i + 1);
      ends.push(j);
      j++;
      if (j >= limit) return { ret: -1 };
      c = b[j];
      if (c === 13 && j + 1 < limit && b[j + 1] === 10) { flags.push(f); return done(j + 1, j); }
      if (c !== 44 && c !== 10) {
        f |= F_BAD_QUOTE;
        while (j < limit) { c = b[j]; if (c === 44 || c === 10) break; hi |= c; j++; }
        if (j >= limit) return { ret: -1 };
        ends[ends.length - 1] = c === 10 && b[j - 1] === 13 ? j - 1 : j;
      }
      flags.push(f);
      if (c === 10) return done(j, b[j - 1] === 13 ? j - 1 : j);
      i = j + 1;
    } else {
      let j = i;
      let c = 0;
      let f = 0;
      while (j < limit) { c = b[j]; if (c === 44 || c === 10) break; if (c === 34) f = F_BAD_QUOTE; hi |= c; j++; }
      if (j >= limit) return { ret: -1 };
      starts.push(i);
      if (c === 10) {
        const e = j > i && b[j - 1] === 13 ? j - 1 : j;
        ends.push(e);
        flags.push(f);
        return done(j, e);
      }
      ends.push(j);
      flags.push(f);
      i = j + 1;
    }
  }
}

function actual(b: Uint8Array, s: number, limit: number) {
  const t = new Tokens(2);
  const ret = tokenize(b, s, limit, t);
  if (ret < 0) return { ret };
  return {
    ret, starts: [...t.starts.subarray(0, t.count)], ends: [...t.ends.subarray(0, t.count)], flags: [...t.flags.subarray(0, t.count)],
    hi: t.hi & 0x80, lineEnd: t.lineEnd, allFlags: t.allFlags,
  };
}

function same(b: Uint8Array, s: number, limit: number) {
  const want = reference(b, s, limit);
  const got = actual(b, s, limit);
  if (want.ret >= 0 && 'flags' in want) {
    expect((got as { allFlags: number }).allFlags).toBe(want.flags!.reduce((a, f) => a | f, 0));
    delete (got as { allFlags?: number }).allFlags;
  }
  expect(got).toEqual(want);
}

describe('tokenize (word scan) agrees with the byte-at-a-time reference', () => {
  it('on random CSV-ish bytes, from every start, with every limit', () => {
    const alphabet = fc.constantFrom(...'abc,,,"\\\n\r1é\u00ff'.split(''), 'user-000123', 'item-9,size-2', '""', '\r\n', '\\"');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const b = new Uint8Array(Buffer.from(parts.join(''), 'utf8'));
        for (let s = 0; s <= b.length; s += 1 + (s % 3)) for (let limit = s; limit <= b.length; limit++) same(b, s, limit);
      }),
      { numRuns: runs(300) },
    );
  });

  it('on a buffer that is a view into a larger one (unaligned offset)', () => {
    const big = Buffer.from('xxxxxuser-1,item-2,"q,x",1596238243,clické,4.5\r\nnext');
    for (let off = 0; off < 8; off++) {
      const b = big.subarray(off);
      for (let s = 0; s < b.length; s++) same(b, s, b.length);
    }
  });

  it('a non-ASCII byte anywhere in a bare value sets hi, at every position in a word', () => {
    for (let k = 0; k < 12; k++) {
      const b = Buffer.from(`${'a'.repeat(k)}\u00e9${'b'.repeat(12 - k)},x\n`);
      same(b, 0, b.length);
      expect(actual(b, 0, b.length).hi).toBe(0x80);
    }
  });
});
