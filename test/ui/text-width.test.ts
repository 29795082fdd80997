// src/ui/ink/text-width.ts (what the built CLI gives Ink in place of string-width) against
// string-width: the same width for generated text — a live view's characters (spinner frames, ✔ ✖ ·
// —), letters with and without combining marks, CJK, emoji with and without variation selectors,
// skin tones and joiners, flags, Hangul jamo, control characters and escape codes — asked twice
// (the second time from remembered widths).
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import textWidth from '../../src/ui/ink/text-width.js';
import { runs } from '../helpers/runs.js';

const pieces = ['⠋', '⠙', '✔', '✖', '·', '—', '…', '•', '→', '⌚', '☀', '☀\uFE0F', '❤', '❤\uFE0F', 'e\u0301', '\u0301', 'é', 'ß', 'ñ', '界', 'ｱ', 'ア', '👍', '👍🏽', '👩\u200D💻', '\u200D', '🇫🇷', '\u1100\u1161', '\u1100', '가', '\u00AD', '\u200B', '\t', '\r\n', '\n', '\x1b[31m', '\x1b[0m', '\x1b[1m\x1b[36mWhere\x1b[39m\x1b[22m', '\x1b[38;5;196m', '\x1b[', '\x1b[3', '\x1b[2K', '\x1b]8;;x\x07', '\x1b[;m', '\u2028', '\u0300', 'a', ' ', 'Elapsed 0:42', 'ÿ', '\u02B0', '\u2190', '\u23E9', '\u2600', '\u27BF', '\u28FF'];
const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 8 }).map((xs) => xs.join(''));

describe("the built CLI's string width", () => {
  it('is string-width, for any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(textWidth(t)).toBe(stringWidth(t));
        expect(textWidth(t)).toBe(stringWidth(t));
      }),
      { numRuns: runs(3000) },
    );
  });
  it('every character of the ranges it measures alone, alone and beside letters', () => {
    const ranges = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x2027], [0x2030, 0x205e], [0x2190, 0x23ff], [0x2500, 0x27bf], [0x2800, 0x28ff]];
    for (const [a, b] of ranges) {
      for (let cp = a; cp <= b; cp++) {
        const c = String.fromCharCode(cp);
        for (const t of [c, `a${c}b`, `${c}${c}`, `⠋ ${c} 0:42`]) expect(textWidth(t), `U+${cp.toString(16)} in ${JSON.stringify(t)}`).toBe(stringWidth(t));
      }
    }
  });
  it('options go to string-width', () => {
    expect(textWidth('\x1b[31mab\x1b[0m', { countAnsiEscapeCodes: true })).toBe(stringWidth('\x1b[31mab\x1b[0m', { countAnsiEscapeCodes: true }));
    expect(textWidth('§±', { ambiguousIsNarrow: false })).toBe(stringWidth('§±', { ambiguousIsNarrow: false }));
  });
});
