// The Ink face drawing the schema review of a Mixpanel event export at 80 columns: distinct_id is
// USER_ID in the table, the ✗ line on the missing ITEM_ID says it is inside properties (product_id),
// and “Take ITEM_ID from product_id in properties” is the highlighted choice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { ReviewView } from '../../../../src/ui/ink/face/ReviewView.js';
import type { StepModel } from '../../../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from '../../../flow/harness.js';
import { mixpanelCsv } from '../../../helpers/mixpanel-csv.js';
import { drawAt } from '../../../helpers/draw.js';

describe('a Mixpanel export at the schema review, drawn at 80 columns', () => {
  const acct = emptyAccount();
  it('USER_ID from distinct_id; the missing ITEM_ID said to be in properties as product_id', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-ui-mixpanel-')), 'events.csv');
    writeFileSync(csv, mixpanelCsv());
    const models: StepModel[] = [];
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'mixpanel-ui' }, csv: { type: csv },
      'new-dataset': { pick: (m: StepModel) => (models.push(m), 'back') },
      dataset: ['enter', 'quit'],
    });
    const frame = drawAt(<ReviewView m={models[0]} columns={80} listLimit={12} answer={() => undefined} back={() => undefined} />);
    expect(frame).toMatch(/USER_ID \(column distinct_id\) +string/);
    expect(frame).toContain('❯ Take ITEM_ID from product_id in properties');
    expect(frame.replace(/\s+/g, ' ')).toContain('Column properties holds it in its JSON (product_id in 1,200 of 1,200 values, as Mixpanel writes an event\'s properties)');
  });
});
