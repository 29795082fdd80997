// A Segment tracks export of 1,200 rows, every 4th a visitor who never signed in (user_id empty, an
// anonymous_id beside it), into a new group. The check before create fixes it on trial: its 300
// anonymous rows set aside leave 900, fewer than the 1,000 interactions an import job needs, so the
// review said the file would fail and made "Pick another file" the default — and the fix step's
// "…anonymous visitors by their anonymous_id", offered only after the dataset exists, was never
// reached. Now the check tries that too, and the review offers (as its default) to create the dataset
// with them kept.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';
import { segmentCsv } from '../helpers/segment-csv.js';

const texts = (m: StepModel | undefined) => (m?.lines ?? []).map((l) => l.text).join('\n');

describe('a Segment export that is too small without its anonymous visitors', () => {
  const acct = emptyAccount();
  it('the review offers creating it with them kept (the default); the copy keeps all 1,200 rows → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-segment-small-'));
    const csv = join(dir, 'tracks.csv');
    writeFileSync(csv, segmentCsv(1200, 4));
    const reviews: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'segment-small' }, csv: { type: csv },
      'new-dataset': [{ pick: (m: StepModel) => (reviews.push(m), m.default!) }, 'quit'],
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    const review = reviews[0];
    expect(review.default).toBe('create-anonymous');
    expect(review.choices!.find((c) => c.value === 'create-anonymous')).toMatchObject({ label: 'Create schema and dataset, anonymous visitors by their anonymous_id' });
    expect(review.choices!.map((c) => c.value)).toContain('again');
    expect(review.question).toMatch(/tracks\.csv would fail its import with its anonymous visitors set aside\. Keep them by their anonymous_id\?$/);
    expect(texts(review)).toContain("300 of its rows have no user_id: visitors who never signed in (Segment's export names them by anonymous_id), set aside by the fix. With their anonymous_id as USER_ID the copy would pass (tried too)");
    expect(h.state.answers.anonymousIds).toBe(true);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const copy = readFileSync(join(dir, 'tracks.fixed.csv'), 'utf8').trim().split('\n');
    expect(copy).toHaveLength(1201);
  });
});
