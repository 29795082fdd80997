// src/ui/ink/graphemes.ts (what the built CLI's Ink, slice-ansi and string-width segment text with)
// against Intl.Segmenter: the same graphemes at the same indexes, and the same `containing`, for
// generated text — the characters a screen draws (ASCII, ANSI colours, ⠋ ✔ · ─ …), and the ones that
// join (combining marks, ZWJ emoji, flags, CR LF, Hangul, variation selectors), mixed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LazySegmenter } from '../../src/ui/ink/graphemes.js';
import { runs } from '../helpers/runs.js';

const pieces = fc.constantFrom('a', 'Z', ' ', '~', '\x1b[36m', '\x1b[39m', '\x1b]8;;https://x\x07', '⠋', '✔', '✖', '·', '─', '│', '→', '…', 'é', 'ß', '\r', '\n', '\r\n', 'e\u0301', '\u0301', '\u200d', '👍', '👍🏽', '👨‍👩‍👧', '🇫🇷', '\ufe0f', '界', '한', '\u1100\u1161', '\u00ad', '\t', '\u0000', '\u2028');
const text = fc.array(pieces, { maxLength: 12 }).map((xs) => xs.join(''));
const plain = (segs: Iterable<{ segment: string; index: number }>) => [...segs].map(({ segment, index }) => [segment, index]);

describe('LazySegmenter', () => {
  it('splits any text as Intl.Segmenter does (graphemes and their indexes)', () => {
    const ours = new LazySegmenter(undefined, { granularity: 'grapheme' });
    const icu = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(text, (s) => {
        expect(plain(ours.segment(s))).toEqual(plain(icu.segment(s)));
        for (let i = -1; i <= s.length; i++) {
          const a = ours.segment(s).containing(i);
          const b = icu.segment(s).containing(i);
          expect(a && [a.segment, a.index]).toEqual(b && [b.segment, b.index]);
        }
      }),
      { numRuns: runs(2000) },
    );
  });

  it('a line of characters that stand alone is split without ICU; others go to a real segmenter', () => {
    const ours = new LazySegmenter();
    const built = () => (ours as unknown as { real?: Intl.Segmenter }).real !== undefined;
    expect(plain(ours.segment('\x1b[36m⠋\x1b[39m Queued · 0:05 ✔ ─│→…é'))).toHaveLength('\x1b[36m⠋\x1b[39m Queued · 0:05 ✔ ─│→…é'.length);
    expect(built()).toBe(false);
    expect(plain(ours.segment('e\u0301!'))).toEqual([['e\u0301', 0], ['!', 2]]);
    expect(built()).toBe(true);
    expect(ours.resolvedOptions().granularity).toBe('grapheme');
  });

  it('word granularity is always Intl.Segmenter', () => {
    const words = new LazySegmenter('en', { granularity: 'word' });
    expect(plain(words.segment('hello world'))).toEqual(plain(new Intl.Segmenter('en', { granularity: 'word' }).segment('hello world')));
  });
});
