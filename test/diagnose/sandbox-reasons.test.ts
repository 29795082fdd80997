// Every failure reason the sandbox gives a job is in the diagnosis catalogue: a support engineer who
// walks a failed sandbox job through `diagnose` (or the wizard's failure screen) gets a cause and a
// fix with the line, column and value filled in — not "not in the catalogue" for the sandbox's own
// wording of a bad value, an empty required value or a row with the wrong number of values.
import { describe, expect, it } from 'vitest';
import { matchFailure } from '../../src/diagnose/catalogue.js';
import { FAILURE } from '../../src/sandbox/jobs.js';

describe('the sandbox\'s failure reasons are all known to diagnose', () => {
  it.each([
    ['privileges', FAILURE.privileges, 's3-insufficient-privileges'],
    ['invalidLocation', FAILURE.invalidLocation, 'invalid-data-location'],
    ['notFound', FAILURE.notFound('s3://personalize-sandbox-data/nope/i.csv'), 's3-no-such-key'],
    ['missingColumns', FAILURE.missingColumns(['ITEM_ID']), 'missing-columns'],
    ['tooLong', FAILURE.tooLong(256, 'ITEM_ID'), 'value-too-long'],
    ['tooFewInteractions', FAILURE.tooFewInteractions(400), 'too-few-interactions'],
    ['badValue', FAILURE.badValue('TIMESTAMP', 'long', '2026-12-01 09:00', 6), 'bad-value'],
    ['emptyValue', FAILURE.emptyValue('CATEGORY', 3), 'empty-value'],
    ['columnCount', FAILURE.columnCount(9, 6, 5), 'column-count'],
  ])('%s', (_key, reason, id) => {
    expect(matchFailure(reason)).toMatchObject({ known: true, id });
  });
  it('each names what to change: the line, the column, the value', () => {
    const bad = matchFailure(FAILURE.badValue('TIMESTAMP', 'long', '2026-12-01 09:00', 6));
    expect(bad.captured).toEqual({ column: 'TIMESTAMP', type: 'long', line: '6', value: '2026-12-01 09:00' });
    expect(bad.cause).toContain("Line 6 has '2026-12-01 09:00' in TIMESTAMP");
    expect(bad.cause).toContain('epoch seconds');
    expect(bad.fix).toContain('personalize-import fix <file> --dataset-arn <dataset-arn>');
    const empty = matchFailure(FAILURE.emptyValue('CATEGORY', 3));
    expect(empty.captured).toEqual({ column: 'CATEGORY', line: '3' });
    expect(empty.fix).toContain('Fill in CATEGORY on line 3');
    const count = matchFailure(FAILURE.columnCount(9, 6, 5));
    expect(count.captured).toEqual({ line: '9', values: '6', columns: '5' });
    expect(count.cause).toContain('not quoted');
    expect(matchFailure(FAILURE.columnCount(9, 4, 5)).fix).toContain('add the missing values');
  });
});

describe('too few interactions with the count the reason gives', () => {
  it('"found 400, at least 1000 are required": the fix says how many more', () => {
    const m = matchFailure(FAILURE.tooFewInteractions(400));
    expect(m.captured).toEqual({ minimum: '1000', found: '400' });
    expect(m.cause).toContain('has 400 records, fewer than 1000');
    expect(m.fix).toContain('(600 more than this one had)');
  });
  it('without a count it says only the minimum', () => {
    const m = matchFailure('Dataset has fewer than 1000 interactions.');
    expect(m.captured).toEqual({ minimum: '1000' });
    expect(m.fix).not.toContain('more than this one had');
  });
});

describe('a failure reason is the service\'s text, not a terminal\'s', () => {
  it('a colour code or a CR in the value it quotes is kept (to be shown escaped), not dropped or turned into a space', () => {
    const m = matchFailure(FAILURE.badValue('TIMESTAMP', 'long', '17\x1b[31m00\r\x07', 6));
    expect(m.captured?.value).toBe('17\x1b[31m00\r\x07');
    expect(m.message).toBe("Invalid value '17\x1b[31m00\r\x07' for TIMESTAMP (type long) at line 6.");
  });
});
