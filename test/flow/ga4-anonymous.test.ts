// A Google Analytics 4 export (BigQuery) into a new group: user_id is filled only for the visitors who
// signed in (here one row in three), user_pseudo_id in every row. USER_ID was user_id: two rows in
// three were set aside, leaving too few interactions, and the review's default was "Pick another
// file" — with nothing said of user_pseudo_id. Now user_pseudo_id is that export's anonymous visitor's
// ID as Segment's anonymous_id is (src/fix/segment.ts): the review offers creating the dataset with
// them kept (the default), and the copy keeps every row, the signed-in visitors by their user_id.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';
import { ga4Csv } from '../helpers/ga4-csv.js';

const texts = (m: StepModel | undefined) => (m?.lines ?? []).map((l) => l.text).join('\n');

describe('a Google Analytics 4 export whose visitors mostly never signed in', () => {
  const acct = emptyAccount();
  it('the review offers keeping them by their user_pseudo_id (the default); the copy keeps all 1,200 rows → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-ga4-'));
    const csv = join(dir, 'ga4.csv');
    writeFileSync(csv, ga4Csv(1200, 3));
    const reviews: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'ga4-anon' }, csv: [{ type: csv }, 'quit'],
      'new-dataset': { pick: (m: StepModel) => (reviews.push(m), m.default!) },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    const review = reviews.at(-1)!;
    expect(review.default).toBe('create-anonymous');
    expect(review.choices!.find((c) => c.value === 'create-anonymous')).toMatchObject({ label: 'Create schema and dataset, anonymous visitors by their user_pseudo_id' });
    expect(texts(review)).toContain("800 of its rows have no user_id: visitors who never signed in (Google Analytics' export names them by user_pseudo_id), set aside by the fix.");
    expect(h.state.answers.anonymousIds).toBe(true);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const copy = readFileSync(join(dir, 'ga4.fixed.csv'), 'utf8').trim().split('\n');
    expect(copy).toHaveLength(1201);
    const user = copy[0].split(',').indexOf('USER_ID');
    // row 1 signed in (C0), row 2 did not: its user_pseudo_id
    expect(copy[1].split(',')[user]).toBe('C0');
    expect(copy[2].split(',')[user]).toBe('1000001.1650000001');
    expect(JSON.stringify(h.events)).toContain("USER_ID empty (a visitor who never signed in, in Google Analytics' export): the row's user_pseudo_id written instead, as asked");
  });
});
