// Near names for a job name that is not there (`status` / `diagnose` by name): what a name copied
// from a ticket or retyped from a screenshot gets wrong — "_" for "-", case, a letter or two.
import { describe, expect, it } from 'vitest';
import { nearNames } from '../../src/job/resolve.js';

const JOBS = ['walk-ok', 'walk-nogrant', 'shop-interactions-20261206-234539', 'shop-interactions-20261207-010000', 'other'];

describe('nearNames', () => {
  it('"_" for "-", and case, are the nearest', () => {
    expect(nearNames('walk_ok', JOBS)[0]).toBe('walk-ok');
    expect(nearNames('WALK-OK', JOBS)[0]).toBe('walk-ok');
    expect(nearNames('shop_interactions_20261206_234539', JOBS)).toEqual(['shop-interactions-20261206-234539']);
  });
  it('a letter or two away (two swapped count as one), or one a prefix of the other', () => {
    expect(nearNames('walk-ko', JOBS)).toEqual(['walk-ok']);
    expect(nearNames('walk-nogrnt', JOBS)).toEqual(['walk-nogrant']);
    expect(nearNames('shop-interactions-20261206', JOBS)).toEqual(['shop-interactions-20261206-234539']);
  });
  it('nothing near: none (the caller then points to `history`)', () => {
    expect(nearNames('nope', JOBS)).toEqual([]);
    // a short name allows one slip only
    expect(nearNames('otter1', JOBS)).toEqual([]);
  });
});
