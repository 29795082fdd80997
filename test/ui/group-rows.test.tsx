// Issue #19: a group run's live block — one row per file and its job, each with what it does now and
// its own running time — drawn from the flow's rows as the job events move them (pending → in
// progress → active / failed), at 80 columns; the times tick without rendering the block again.
import React from 'react';
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { GroupRows } from '../../src/ui/ink/components/GroupRows.js';
import { applyJobEvent, groupHeadline, newGroupRows, uploadDone, uploadProgress, uploadStarted, type GroupRow } from '../../src/flow/group-rows.js';
import type { GroupJobResult } from '../../src/flow/group-jobs.js';
import { until } from '../helpers/frames.js';


const row = (f: string, type: string) => f.split('\n').find((l) => l.includes(` ${type} `)) ?? '';
const secs = (l: string) => {
  const m = /(\d+):(\d\d)\s*$/.exec(l);
  if (!m) throw new Error(`no time in "${l}"`);
  return Number(m[1]) * 60 + Number(m[2]);
};
const result = (type: GroupJobResult['type'], status: string, extra: Partial<GroupJobResult> = {}): GroupJobResult => ({
  type, file: `${type.toLowerCase()}.csv`, datasetArn: `arn:ds/${type}`, dataLocation: `s3://b/${type}.csv`, jobName: `j-${type}`, datasetImportJobArn: `arn:job/${type}`, status, ...extra,
});

describe('the group run rows', () => {
  it('go from uploading through CREATE PENDING and IN_PROGRESS to ACTIVE or CREATE FAILED, each with its reason and time', async () => {
    const now = Date.now();
    const rows = newGroupRows([{ type: 'INTERACTIONS', path: 'interactions.csv' }, { type: 'ITEMS', path: 'items.csv' }, { type: 'USERS', path: 'users.csv' }]);
    const draw = (live = true) => <GroupRows headline={groupHeadline(rows)} rows={rows.map((r) => ({ ...r }))} live={live} />;
    const r = render(draw());
    expect(r.lastFrame()).toContain('Uploading 3 files: 0 of 3 uploaded');
    expect(row(r.lastFrame()!, 'items')).toContain('waiting to upload');

    for (const x of rows) uploadStarted(x, now - 2_000);
    uploadProgress(rows[0], 512 * 1024, 1024 * 1024);
    uploadDone(rows[1], 2048, now);
    uploadDone(rows[2], 4096, now);
    r.rerender(draw());
    let f = r.lastFrame()!;
    expect(f).toContain('Uploading 3 files: 2 of 3 uploaded');
    expect(row(f, 'interactions')).toMatch(/uploading 50% \(512(\.0)? KB of 1(\.0)? MB\) +0:0[2-9]/);

    uploadDone(rows[0], 1024 * 1024, now);
    // the items job is created; the users job waits for a slot; the items job moves on
    applyJobEvent(rows, { kind: 'created', type: 'ITEMS', arn: 'arn:job/ITEMS', name: 'j-items' }, now - 5_000, 5);
    applyJobEvent(rows, { kind: 'waiting', type: 'USERS', running: 5 }, now, 5);
    r.rerender(draw());
    f = r.lastFrame()!;
    expect(f).toContain('Import jobs: 0 of 3 ACTIVE, 1 running, 2 waiting');
    expect(row(f, 'items')).toMatch(/CREATE PENDING +0:0[5-9]/);
    expect(row(f, 'users')).toContain('waiting for a job slot (5 running)');

    const line = applyJobEvent(rows, { kind: 'status', type: 'ITEMS', status: 'CREATE IN_PROGRESS', elapsedMs: 65_000 }, now, 5);
    // plain mode's line says the job's running time where it changes state
    expect(line?.text).toMatch(/items +CREATE IN_PROGRESS \(65 s\)/);
    applyJobEvent(rows, { kind: 'created', type: 'USERS', arn: 'arn:job/USERS', name: 'j-users' }, now, 5);
    applyJobEvent(rows, { kind: 'created', type: 'INTERACTIONS', arn: 'arn:job/INTERACTIONS', name: 'j-int' }, now, 5);
    r.rerender(draw());
    f = await until(r.lastFrame, (x) => /1:0[6-9]/.test(row(x, 'items')));
    expect(f).toContain('Import jobs: 0 of 3 ACTIVE, 3 running');
    expect(row(f, 'items')).toContain('CREATE IN_PROGRESS');

    expect(applyJobEvent(rows, { kind: 'done', result: result('ITEMS', 'ACTIVE', { elapsedMs: 70_000 }) }, now, 5)?.text).toMatch(/items +✓ ACTIVE after 70 s/);
    const failed = applyJobEvent(rows, { kind: 'done', result: result('USERS', 'CREATE FAILED', { elapsedMs: 3_000, failureReason: 'Input CSV is missing the following columns: [USER_ID]. Check the header.' }) }, now, 5);
    expect(failed?.text).toMatch(/users +✗ CREATE FAILED after 3 s: Input CSV is missing/);
    r.rerender(draw());
    f = r.lastFrame()!;
    expect(f).toContain('Import jobs: 1 of 3 ACTIVE, 1 failed, 1 running');
    expect(row(f, 'items')).toMatch(/✔ items +items\.csv +ACTIVE +1:10/);
    expect(row(f, 'users')).toMatch(/✖ users +users\.csv +CREATE FAILED +0:03/);
    // the failed row's short reason under it (the first sentence; the explanation is the end's)
    const lines = f.split('\n');
    expect(lines[lines.findIndex((l) => l.includes(' users '))  + 1]).toMatch(/^ +Input CSV is missing the following columns: \[USER_ID\]\.$/);
    expect(f).not.toContain('Check the header');
    expect(lines.every((l) => l.length <= 80)).toBe(true);

    applyJobEvent(rows, { kind: 'done', result: result('INTERACTIONS', 'ACTIVE', { elapsedMs: 9_000 }) }, now, 5);
    r.rerender(draw(false));
    f = r.lastFrame()!;
    expect(f.split('\n')[0]).toBe('Import jobs ended: 2 ACTIVE, 1 failed');
    expect(row(f, 'interactions')).toMatch(/✔ interactions +interactions\.csv +ACTIVE +0:09/);
    r.unmount();
  });

  it('the running times tick each second without rendering the block again', async () => {
    const now = Date.now();
    const real: GroupRow[] = [
      { type: 'ITEMS', file: 'items.csv', state: 'running', now: 'CREATE IN_PROGRESS', since: now - 61_000 },
      { type: 'USERS', file: 'users.csv', state: 'running', now: 'CREATE PENDING', since: now - 3_000 },
    ];
    let reads = 0;
    const rows = real.map((x) => new Proxy(x, { get(t, k) { if (k === 'now') reads++; return Reflect.get(t, k); } }));
    const r = render(<GroupRows headline="Import jobs: 0 of 2 ACTIVE, 2 running" rows={rows} live />);
    const first = await until(r.lastFrame, (f) => /1:0\d/.test(row(f, 'items')));
    const at = reads;
    const items0 = secs(row(first, 'items'));
    const users0 = secs(row(first, 'users'));
    const later = await until(r.lastFrame, (f) => secs(row(f, 'items')) >= items0 + 2);
    expect(secs(row(later, 'users'))).toBeGreaterThanOrEqual(users0 + 1);
    expect(reads).toBe(at);
    r.unmount();
  });
});
