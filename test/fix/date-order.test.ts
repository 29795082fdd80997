// Dates with day and month in numbers only (01.11.2026 10:00, as European exports write them): read
// only when the user says the order (fix --dates, import --dates), never guessed; the messages about
// such a value name the flag (the fixer's reject reason, the validator's hint, isFixable's judgement).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isFixable, parseDateText, readTimestamp } from '../../src/fix/index.js';
import { dateOrderHint, readDate, timeRead, unreadDate } from '../../src/validate/dates.js';
import { timestampHint } from '../../src/validate/hints.js';
import { parseSchema, validateCsv } from '../../src/validate/index.js';
import { SCHEMAS } from './corpus.js';

const b = (t: string) => Buffer.from(t);
const read = (t: string, order?: 'day-first' | 'month-first') => readDate(b(t), 0, b(t).length, order);
const at = (iso: string) => Date.parse(iso) / 1000;

describe('day and month in numbers: parseDateText / readDate with the order', () => {
  it('01.11.2026 10:00 is 1 November day-first, 11 January month-first', () => {
    expect(parseDateText('01.11.2026 10:00', 'day-first')?.seconds).toBe(at('2026-11-01T10:00:00Z'));
    expect(parseDateText('01.11.2026 10:00', 'month-first')?.seconds).toBe(at('2026-01-11T10:00:00Z'));
    expect(read('01.11.2026 10:00', 'day-first')).toBe(at('2026-11-01T10:00:00Z'));
    expect(timeRead.kind).toBe('date');
    expect(timeRead.assumedUtc).toBe(true);
    expect(read('01.11.2026 10:00', 'month-first')).toBe(at('2026-01-11T10:00:00Z'));
  });

  it('the separators, seconds, am/pm and a zone as the other forms read them', () => {
    expect(read('01/11/2026', 'day-first')).toBe(at('2026-11-01T00:00:00Z'));
    expect(read('1-11-2026', 'day-first')).toBe(at('2026-11-01T00:00:00Z'));
    expect(read('13.11.2026 08:05:00', 'day-first')).toBe(at('2026-11-13T08:05:00Z'));
    expect(read('11/13/2026 8:05 pm', 'month-first')).toBe(at('2026-11-13T20:05:00Z'));
    expect(read('01.11.2026 10:00 +01:00', 'day-first')).toBe(at('2026-11-01T09:00:00Z'));
    expect(timeRead.assumedUtc).toBe(false);
  });

  it('impossible dates, the wrong order, mixed separators and 2-digit years are still not read', () => {
    for (const [t, o] of [['13.11.2026', 'month-first'], ['11/13/2026', 'day-first'], ['29.02.2025', 'day-first'], ['32.01.2026', 'day-first'], ['01.11/2026', 'day-first'], ['01.11.26', 'day-first'], ['01.11.2026 24:00', 'day-first']] as const) {
      expect(read(t, o), `${t} ${o}`).toBeNaN();
    }
    expect(read('29.02.2028', 'day-first')).toBe(at('2028-02-29T00:00:00Z'));
  });

  it('ISO and epochs read as before whatever the order; without an order nothing new is read', () => {
    for (const o of [undefined, 'day-first', 'month-first'] as const) {
      expect(read('2026-11-01T10:00:00Z', o)).toBe(at('2026-11-01T10:00:00Z'));
      expect(read('2026/01/02 03:04', o)).toBe(at('2026-01-02T03:04:00Z'));
      expect(read('1767225600000', o)).toBe(1767225600);
    }
    for (const t of ['01.11.2026 10:00', '01/11/2026', '13.11.2026 08:05:00']) {
      expect(read(t)).toBeNaN();
      expect(readTimestamp(b(t), 0, b(t).length)).toBeNaN();
      expect(parseDateText(t)).toBeUndefined();
    }
  });
});

describe('messages name --dates', () => {
  it('the fixer\'s reason: both readings and the flag; one reading; the order given; a 2-digit year', () => {
    expect(unreadDate('01.11.2026 10:00')).toBe('is not read without guessing: 01.11.2026 could be 1 November or 11 January: pass --dates day-first or --dates month-first');
    expect(dateOrderHint('13.11.2026')).toBe('13.11.2026 can only be 13 November (the day first): pass --dates day-first');
    expect(dateOrderHint('11/13/2026')).toBe('11/13/2026 can only be 13 November (the month first): pass --dates month-first');
    expect(dateOrderHint('13.11.2026', 'month-first')).toBe('13.11.2026 is not a date with the month first (--dates month-first)');
    expect(dateOrderHint('01.11.26')).toMatch(/2-digit year, which is not read/);
    expect(unreadDate('yesterday')).toBe('is not a date or epoch we can read without guessing');
  });

  it('the validator\'s hint for such a value names the flag (and nothing for other text)', () => {
    expect(timestampHint('01.11.2026 10:00')).toBe(' It is a date with day and month in numbers: 01.11.2026 could be 1 November or 11 January: pass --dates day-first or --dates month-first to fix (or import --fix), which then converts it to epoch seconds.');
    expect(timestampHint('hello')).toBe('');
  });

  it('isFixable: a file of such dates is fixable only with the order; the report names --dates', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 90},${String((i % 28) + 1).padStart(2, '0')}.11.2026 10:${String(i % 60).padStart(2, '0')}`);
    const r = await validateCsv({ name: 'x.csv', stream: Readable.from([Buffer.from(`USER_ID,ITEM_ID,TIMESTAMP\n${rows.join('\n')}\n`)]) }, { schema: parseSchema(SCHEMAS.interactions) });
    expect(r.valid).toBe(false);
    expect(r.errors[0].message).toMatch(/pass --dates day-first or --dates month-first/);
    expect(isFixable(r, parseSchema(SCHEMAS.interactions))).toBe(false);
    expect(isFixable(r, parseSchema(SCHEMAS.interactions), undefined, undefined, 'day-first')).toBe(true);
  });
});
