// withCommas() must write every number exactly as toLocaleString('en-US') (ICU) does: the screens and
// --json texts were written with that, and tests and users read them so.
import { describe, expect, it } from 'vitest';
import { withCommas } from '../../src/core/with-commas.js';
import { mulberry32 } from '../helpers/random.js';

describe('withCommas', () => {
  it('writes whole numbers as ICU en-US does: every length, both signs, the edges', () => {
    const cases = [0, -0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 1200, 12_345, 999_999, 1_000_000, 5_000_000, 3_145_728, 2 ** 31, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let d = 1; d <= 16; d++) cases.push(10 ** d - 1, 10 ** d, -(10 ** d) + 1);
    for (const n of cases) expect(withCommas(n), String(n)).toBe(n.toLocaleString('en-US'));
  });

  it('matches ICU on random integers of every size', () => {
    const rnd = mulberry32(17);
    for (let i = 0; i < 2000; i++) {
      const n = Math.floor(rnd() * 10 ** (1 + (i % 15))) * (i % 7 === 0 ? -1 : 1);
      expect(withCommas(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('leaves fractions, huge and odd numbers to ICU (the same text)', () => {
    for (const n of [1.5, 1234.5678, -0.25, 2 ** 60, 1e21, NaN, Infinity, -Infinity]) expect(withCommas(n)).toBe(n.toLocaleString('en-US'));
  });
});
