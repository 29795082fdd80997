// A Segment tracks export (anonymous_id, user_id, event, product_id, timestamp) whose visitors who
// never signed in have no user_id: “Fix and continue” set those rows aside, with nothing said of the
// anonymous_id beside them. Now the fix step says how many rows have no user_id and offers to import
// them under their anonymous_id (the copy's USER_ID), or to set them aside as before.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';
import { segmentCsv } from '../helpers/segment-csv.js';

const texts = (m: StepModel | undefined) => (m?.lines ?? []).map((l) => l.text).join('\n');

describe('a Segment export with anonymous visitors', () => {
  const acct = emptyAccount();
  it('the fix step counts the rows without a user_id; "…by their anonymous_id" imports them under it → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-segment-'));
    const csv = join(dir, 'tracks.csv');
    writeFileSync(csv, segmentCsv(1600, 4));
    const fixes: StepModel[] = [];
    const reviews: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'segment-anon' }, csv: { type: csv },
      'new-dataset': { pick: (m: StepModel) => (reviews.push(m), m.default!) },
      fix: { pick: (m: StepModel) => (fixes.push(m), 'fix-anonymous') },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    // anonymous_id left out of the schema (an identifier: required, categorical, it was kept), said why, keepable
    expect(texts(reviews[0])).toContain('Left out of the schema (“Fix and continue” drops them from its copy; your file is not changed):\n  anonymous_id: Segment\'s ID for a visitor\'s browser (300 different values in 1,600 rows, e.g. "a-0"): an identifier, of no use as metadata');
    expect(reviews[0].choices!.find((c) => c.value === 'keep')).toMatchObject({ label: 'Keep the columns left out (anonymous_id)' });
    expect(reviews[0].default).toBe('create');
    expect(texts(fixes[0])).toContain("400 rows have no user_id: visitors who never signed in (Segment's export names them by anonymous_id): set aside by “Fix and continue”; “…anonymous visitors by their anonymous_id” imports them with it as USER_ID");
    // (the question said "Every error is one the fixer repairs" and the choice "Fix and continue", while it sets those 400 rows aside)
    expect(fixes[0].question).toBe('“Fix and continue” sets aside the 400 rows without a user_id; “…anonymous visitors by their anonymous_id” keeps them. What now?');
    expect(fixes[0].choices!.find((c) => c.value === 'fix')).toMatchObject({ label: 'Fix and continue, 400 rows without a user_id set aside' });
    expect(fixes[0].choices!.find((c) => c.value === 'fix-anonymous')).toMatchObject({ label: 'Fix and continue, anonymous visitors by their anonymous_id', description: 'USER_ID is the anonymous_id in the 400 rows without a user_id' });
    expect(h.state.answers.anonymousIds).toBe(true);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const copy = readFileSync(join(dir, 'tracks.fixed.csv'), 'utf8').trim().split('\n');
    // every row kept: the second (an anonymous visitor) under its anonymous_id
    expect(copy).toHaveLength(1601);
    expect(copy[0]).toBe('USER_ID,EVENT_TYPE,ITEM_ID,TIMESTAMP');
    const user = copy[0].split(',').indexOf('USER_ID');
    expect(copy[2].split(',')[user]).toBe('a-1');
    expect(copy[1].split(',')[user]).toBe('u0');
    // the fixer's summary says what it wrote
    expect(JSON.stringify(h.events)).toContain("USER_ID empty (a visitor who never signed in, in Segment's export): the row's anonymous_id written instead, as asked");
  });

  it('"Keep the columns left out" at the review puts anonymous_id back into the schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-segment-'));
    const csv = join(dir, 'tracks.csv');
    writeFileSync(csv, segmentCsv(1600, 4));
    const reviews: StepModel[] = [];
    // (the schema JSON shown, then Ctrl-C: nothing created)
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'segment-keep' }, csv: { type: csv },
      'new-dataset': [{ pick: 'keep' }, { pick: (m: StepModel) => (reviews.push(m), 'json') }, 'quit'],
    });
    expect(h.state.answers.leaveOut).toBeUndefined();
    expect(texts(reviews[0])).not.toContain('Left out of the schema');
    expect(JSON.stringify(h.events)).toContain('\\"name\\": \\"anonymous_id\\"');
  });

  it('Quit at the fix step with the anonymous visitors chosen: the fix command it prints carries --user-id-from anonymous_id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-segment-'));
    const csv = join(dir, 'tracks.csv');
    writeFileSync(csv, segmentCsv(1600, 4));
    // (chosen at the schema review, "Create schema and dataset, anonymous visitors by their anonymous_id")
    const h = await runHeadless(acct.ports(), { group: pickLabel('＋'), 'new-group-name': { type: 'segment-quit' }, csv: { type: csv }, fix: { pick: 'quit' } }, { answers: { anonymousIds: true } });
    expect(h.end.exitCode).toBe(1);
    // without it the copy that command writes sets those rows aside: not the copy the wizard would have imported
    expect(h.end.lines.join('\n')).toMatch(/personalize-import fix \S*tracks\.csv --dataset-arn \S+ .*--user-id-from anonymous_id/);
  });

  it('set aside when not asked: "Fix and continue" as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-segment-'));
    const csv = join(dir, 'tracks.csv');
    writeFileSync(csv, segmentCsv(1600, 4));
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'segment-aside' }, csv: { type: csv },
      fix: { pick: 'fix' },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.state.answers.anonymousIds).toBeUndefined();
    expect(readFileSync(join(dir, 'tracks.fixed.csv'), 'utf8').trim().split('\n')).toHaveLength(1201);
  });
});
