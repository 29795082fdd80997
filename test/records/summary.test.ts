// The record-by-record path says what is true (issue #16 item 13): the estimate counts a call per
// user and says the event tracker comes first; the summary says what went in, how long it took
// (the tracker's share apart) and where the report is; the answered validation step names errors.
import { describe, expect, it } from 'vitest';
import { describeDuration, offerIndividually, unknownResumeText } from '../../src/records/texts.js';
import { problemLines } from '../../src/records/report.js';
import { recordsSummary, timingText } from '../../src/records/summary.js';
import { validatedText } from '../../src/flow/verdict.js';
import type { ImportRecordsResult } from '../../src/records/run.js';
import type { Issue } from '../../src/validate/issues.js';

describe('record-by-record texts', () => {
  it('estimates a call per user for interactions and says the tracker comes first', () => {
    // 400 events of 60 users: 60 PutEvents calls at least, not 40
    expect(describeDuration('INTERACTIONS', 4000, 3000)).toBe('about 6 s');
    expect(describeDuration('INTERACTIONS', 4000)).toBe('about 1 s');
    expect(offerIndividually({ datasetType: 'INTERACTIONS', records: 400, hasBulkData: false, users: 60 }).why).toBe('400 records: small enough to send record by record in about 1 s of sending, once the event tracker is found or created (creating one takes longer than that).');
    expect(offerIndividually({ datasetType: 'USERS', records: 400, hasBulkData: false }).why).toBe('400 records: small enough to send record by record in about 5 s.');
  });

  it('the summary: dataset, sent, time measured (tracker apart), tracker, report', () => {
    const r = {
      results: [{ line: 2, id: 'u1', status: 'sent' }, { line: 3, id: 'u2', status: 'rejected', reason: 'bad value' }],
      calls: 1, reportPath: '/tmp/x/report.json', ms: 3400, trackerMs: 2100, tracker: { name: 'shop-events', created: true, arn: 'a', trackingId: 't' },
    } as unknown as ImportRecordsResult;
    expect(recordsSummary(r, { file: '/data/events.csv', dataset: 'shop-interactions', datasetType: 'INTERACTIONS' })).toEqual([
      'Record by record into shop-interactions [INTERACTIONS]: 1 did not go in.',
      '  Sent      1 of 2 records in 1 call in 3.4 s (2.1 s of it creating the event tracker)',
      '  Tracker   shop-events (created for this import; it stays for live events)',
      '  Report    /tmp/x/report.json',
      '1 did not go in:',
      '  line 3 (u2): bad value',
      'Fix those lines of events.csv in place, then: personalize-import import --individually --resume /tmp/x/report.json',
      'Filters see the new records within about 15–20 minutes.',
    ]);
    expect(timingText({ ms: 12_345 })).toBe(' in 12 s');
  });

  it('records in flight at Ctrl-C (unknown): said apart with their lines, in the summary and the command lines', () => {
    const why = 'in flight when stopped (Ctrl-C): may have gone in';
    const results = [
      { line: 2, id: 'u1', status: 'sent' }, { line: 3, id: 'u2', status: 'unknown', reason: why }, { line: 4, id: 'u3', status: 'unknown', reason: why },
      { line: 5, id: 'u4', status: 'unsent', reason: 'Stopped (Ctrl-C) before every record was sent.' },
    ] as ImportRecordsResult['results'];
    const r = { results, calls: 2, reportPath: '/tmp/r.json', stopped: { message: 'Stopped (Ctrl-C) before every record was sent.' } } as unknown as ImportRecordsResult;
    const lines = recordsSummary(r, { file: '/data/users.csv', dataset: 'shop-users', datasetType: 'USERS' });
    expect(lines).toContain("2 records' outcome unknown (in flight at Ctrl-C: may have gone in): lines 3–4");
    expect(lines).toContain('  A --resume sends them again: harmless, a record with the same ID replaces the earlier one.');
    expect(lines).toContain('1 did not go in:');
    expect(problemLines(results)).toEqual([
      '1 not sent (Stopped (Ctrl-C) before every record was sent.): line 5',
      "2 records' outcome unknown (in flight at Ctrl-C: may have gone in): lines 3–4",
    ]);
  });

  it('what a resume says of unknown records: users replaced by ID; events sent again with the bound of what could go wrong; or left out', () => {
    const cmd = 'personalize-import import --individually --resume r.json';
    expect(unknownResumeText('ITEMS', { cause: 'stop', resent: 1, mayDuplicate: 0, heldBack: 0 }, cmd)).toEqual(['1 item in flight at the last Ctrl-C (outcome unknown) is sent again: harmless, PutItems replaces a record with the same ID.']);
    const ev = unknownResumeText('INTERACTIONS', { cause: 'stop', resent: 12, mayDuplicate: 10, heldBack: 0 }, cmd);
    expect(ev[0]).toBe('2 events in flight at the last Ctrl-C (outcome unknown) are sent again: harmless, they carry an EVENT_ID and Personalize trains on the first event with an ID only.');
    expect(ev[1]).toMatch(/^10 events in flight at the last Ctrl-C \(outcome unknown: may have gone in\) are sent again.*keeps one of two events with the same timestamp and properties.*at most 10 events would be duplicated/);
    expect(ev[2]).toBe(`To leave them out instead (they stay unknown in the report): ${cmd} --skip-unknown`);
    expect(unknownResumeText('INTERACTIONS', { cause: 'stop', resent: 0, mayDuplicate: 0, heldBack: 3 }, cmd)).toEqual(['3 events in flight at the last Ctrl-C (outcome unknown: may have gone in) are left out (--skip-unknown): any that did not go in is still missing; the report keeps them as unknown.']);
  });

  it('records left without an answer (a dropped connection, a 5xx after the retries): said as such, apart from Ctrl-C; both causes together', () => {
    const na = 'no answer from the service (Personalize failed to put 10 users (HTTP 500, InternalFailure): x): may have gone in';
    const stop = 'in flight when stopped (Ctrl-C): may have gone in';
    const u = (line: number, reason: string) => ({ line, id: `u${line}`, status: 'unknown', reason });
    expect(problemLines([u(3, na), u(4, na)] as ImportRecordsResult['results'])).toEqual(["2 records' outcome unknown (no answer from the service: may have gone in): lines 3–4"]);
    expect(problemLines([u(3, na), u(7, stop)] as ImportRecordsResult['results'])).toEqual(["2 records' outcome unknown (in flight at Ctrl-C or no answer from the service: may have gone in): lines 3, 7"]);
    const cmd = 'personalize-import import --individually --resume r.json';
    expect(unknownResumeText('USERS', { cause: 'no-answer', resent: 2, mayDuplicate: 0, heldBack: 0 }, cmd)).toEqual(['2 users left without an answer last time (outcome unknown) are sent again: harmless, PutUsers replaces a record with the same ID.']);
    expect(unknownResumeText('USERS', { cause: 'both', resent: 0, mayDuplicate: 0, heldBack: 2 }, cmd)[0]).toMatch(/^2 users in flight at the last Ctrl-C or left without an answer \(outcome unknown: may have gone in\) are left out/);
  });

  it('the answered validation step does not say "no errors" of a file with bulk-only errors', () => {
    const few = { code: 'TOO_FEW_INTERACTIONS', severity: 'error', message: 'x' } as Issue;
    const w = { code: 'SPARSE_COLUMN', severity: 'warning', message: 'y' } as Issue;
    expect(validatedText({ rows: 400, errors: [few], warnings: [w] })).toBe('400 rows, 1 error that stops a bulk job only, 1 warning accepted');
    expect(validatedText({ rows: 1200, errors: [], warnings: [w, w] })).toBe('1,200 rows, no errors, 2 warnings accepted');
  });
});
