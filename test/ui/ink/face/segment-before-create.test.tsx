// The Ink face drawing the schema review of a Segment export too small without its anonymous visitors
// (1,200 rows, 300 without a user_id) at 80 columns: the check before create found the copy passing
// only with their anonymous_id as USER_ID, so the review says so and highlights "Create schema and
// dataset, anonymous visitors by their anonymous_id" — before, "Pick another file" was highlighted and
// nothing said the anonymous_id could keep those rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { ReviewView } from '../../../../src/ui/ink/face/ReviewView.js';
import type { StepModel } from '../../../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from '../../../flow/harness.js';
import { segmentCsv } from '../../../helpers/segment-csv.js';
import { ga4Csv } from '../../../helpers/ga4-csv.js';
import { drawAt as draw } from '../../../helpers/draw.js';

describe('a Segment export too small without its anonymous visitors, drawn at 80 columns', () => {
  const acct = emptyAccount();
  it('the review says the anonymous_id keeps them and highlights creating the dataset so', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-ui-segment-small-')), 'tracks.csv');
    writeFileSync(csv, segmentCsv(1200, 4));
    const models: StepModel[] = [];
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'segment-ui' }, csv: { type: csv },
      'new-dataset': [{ pick: (m: StepModel) => (models.push(m), 'back') }], dataset: ['enter', 'quit'],
    });
    const lines = draw(<ReviewView m={models[0]} columns={80} listLimit={12} answer={() => undefined} back={() => undefined} />);
    const flat = lines.replace(/\s+/g, ' ');
    expect(lines).toContain('❯ Create schema and dataset, anonymous visitors by their anonymous_id');
    expect(flat).toContain('300 of its rows have no user_id');
    expect(flat).toContain('With their anonymous_id as USER_ID the copy would pass (tried too)');
    // anonymous_id left out of the schema (it was a required, categorical field), why said, and keepable
    expect(flat).toContain("Left out of the schema (“Fix and continue” drops them from its copy; your file is not changed): anonymous_id: Segment's ID for a visitor's browser (300 different values in 1,200 rows");
    expect(flat).toContain('Keep the columns left out (anonymous_id)');
    expect(lines.split('\n').every((l) => l.length <= 80)).toBe(true);
  });

  // a Google Analytics 4 export: user_id only for the visitors who signed in (one row in three), their
  // user_pseudo_id in every row — the review's default was "Pick another file", nothing said of it
  it('a GA4 export: the review names user_pseudo_id and highlights creating the dataset with it', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-ui-ga4-')), 'ga4.csv');
    writeFileSync(csv, ga4Csv(1200, 3));
    const models: StepModel[] = [];
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'ga4-ui' }, csv: { type: csv },
      'new-dataset': [{ pick: (m: StepModel) => (models.push(m), 'back') }], dataset: ['enter', 'quit'],
    });
    const lines = draw(<ReviewView m={models[0]} columns={80} listLimit={12} answer={() => undefined} back={() => undefined} />);
    const flat = lines.replace(/\s+/g, ' ');
    expect(lines).toContain('❯ Create schema and dataset, anonymous visitors by their user_pseudo_id');
    expect(flat).toContain("800 of its rows have no user_id: visitors who never signed in (Google Analytics' export names them by user_pseudo_id)");
    expect(lines.split('\n').every((l) => l.length <= 80)).toBe(true);
  });
});
