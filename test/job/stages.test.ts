// stageRows and the duration formats: pure functions, no service involved.
import { describe, expect, it } from 'vitest';
import { stageRows } from '../../src/job/stages.js';
import { clockDuration, humanDuration, useColor } from '../../src/job/format.js';
import { requireArn } from '../../src/job/arn.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('stageRows', () => {
  it('pending: first row running since creation, the rest waiting', () => {
    const rows = stageRows({ status: 'CREATE PENDING', stageTimes: { 'CREATE PENDING': T0 } }, T0 + 7000);
    expect(rows.map((r) => [r.status, r.state, r.elapsedMs])).toEqual([
      ['CREATE PENDING', 'running', 7000],
      ['CREATE IN_PROGRESS', 'waiting', undefined],
      ['ACTIVE', 'waiting', undefined],
    ]);
  });

  it('in progress: pending done with its own duration, import running', () => {
    const rows = stageRows({ status: 'CREATE IN_PROGRESS', stageTimes: { 'CREATE PENDING': T0, 'CREATE IN_PROGRESS': T0 + 30_000 } }, T0 + 90_000);
    expect(rows.map((r) => [r.state, r.elapsedMs])).toEqual([['done', 30_000], ['running', 60_000], ['waiting', undefined]]);
  });

  it('active: every row done, the last carries the total', () => {
    const rows = stageRows({ status: 'ACTIVE', stageTimes: { 'CREATE PENDING': T0, 'CREATE IN_PROGRESS': T0 + 30_000, ACTIVE: T0 + 150_000 } }, T0 + 999_999);
    expect(rows.map((r) => [r.status, r.state, r.elapsedMs])).toEqual([
      ['CREATE PENDING', 'done', 30_000],
      ['CREATE IN_PROGRESS', 'done', 120_000],
      ['ACTIVE', 'done', 150_000],
    ]);
  });

  it('failed: the last row is CREATE FAILED with the reason nested', () => {
    const rows = stageRows({ status: 'CREATE FAILED', stageTimes: { 'CREATE PENDING': T0, 'CREATE IN_PROGRESS': T0 + 1000, 'CREATE FAILED': T0 + 5000 }, failureReason: 'Input CSV is missing the following columns: [ITEM_ID]' }, T0 + 9000);
    expect(rows.at(-1)).toEqual({ status: 'CREATE FAILED', label: 'Failed (CREATE FAILED)', state: 'failed', elapsedMs: 5000, detail: 'Input CSV is missing the following columns: [ITEM_ID]' });
  });

  it('failed straight from pending: no "Importing" row ticked for a stage never seen (#16 item 14)', () => {
    const rows = stageRows({ status: 'CREATE FAILED', stageTimes: { 'CREATE PENDING': T0, 'CREATE FAILED': T0 + 2000 } }, T0 + 9000);
    expect(rows.map((r) => [r.status, r.state, r.elapsedMs])).toEqual([['CREATE PENDING', 'done', 2000], ['CREATE FAILED', 'failed', 2000]]);
  });

  it('active straight from pending: the import did happen, its row stays done', () => {
    const rows = stageRows({ status: 'ACTIVE', stageTimes: { 'CREATE PENDING': T0, ACTIVE: T0 + 2000 } }, T0 + 9000);
    expect(rows.map((r) => r.status)).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
  });
});

describe('formats', () => {
  it('durations', () => {
    expect(clockDuration(0)).toBe('0:00');
    expect(clockDuration(134_000)).toBe('2:14');
    expect(clockDuration(3_789_000)).toBe('1:03:09');
    expect(humanDuration(45_000)).toBe('45 s');
    expect(humanDuration(200_000)).toBe('3 min 20 s');
    expect(humanDuration(7_500_000)).toBe('2 h 05 min');
  });

  it('colour: NO_COLOR wins, FORCE_COLOR forces, dumb terminals and pipes get none', () => {
    expect(useColor({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor({ TERM: 'dumb' }, true)).toBe(false);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({}, true)).toBe(true);
  });

  it('ARNs: the right type passes, anything else is a usage error naming what was checked', () => {
    expect(requireArn('arn:aws:personalize:eu-west-1:123456789012:dataset-import-job/a-1', 'dataset-import-job', 'the job ARN').region).toBe('eu-west-1');
    expect(() => requireArn('arn:aws:personalize:eu-west-1:123456789012:dataset/g/ITEMS', 'dataset-import-job', 'the job ARN')).toThrow(/the job ARN .* is not a dataset-import-job ARN \(that is a dataset ARN\)/);
    expect(() => requireArn('dataset-import-job/a', 'dataset-import-job', 'the job ARN')).toThrow(expect.objectContaining({ kind: 'usage', exitCode: 2 }));
  });
});
