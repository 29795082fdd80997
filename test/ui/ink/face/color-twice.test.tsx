// The Ink face drawing the schema review of a header that names an extra column twice
// (USER_ID,ITEM_ID,TIMESTAMP,color,color) at 80 columns: "Change a field" → color → "Leave this
// column out" says which of the two goes (its place) and that the other stays; the review after it
// lists that column, with its place, as left out and keeps color in the table — before, both were
// left out and the review said the file would fail its import.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { ChooseView } from '../../../../src/ui/ink/face/ChooseView.js';
import { ReviewView } from '../../../../src/ui/ink/face/ReviewView.js';
import type { StepModel } from '../../../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from '../../../flow/harness.js';
import { colorTwiceCsv } from '../../../helpers/color-twice-csv.js';
import { drawAt as draw } from '../../../helpers/draw.js';

describe('a header naming color twice, drawn at 80 columns', () => {
  const acct = emptyAccount();
  it('the leave-out choice names the 4th column; the review after it lists it left out and keeps color', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-ui-color-')), 'sheet.csv');
    writeFileSync(csv, colorTwiceCsv());
    const models: StepModel[] = [];
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'color-ui' }, csv: { type: csv },
      'new-dataset': [{ pick: 'field' }, { pick: (m: StepModel) => (models.push(m), 'back') }],
      'new-dataset-field': { pick: 'color' },
      'new-dataset-field-edit': { pick: (m: StepModel) => (models.unshift(m), 'leave-out') },
      dataset: ['enter', 'quit'],
    });
    const [edit, review] = models;
    // the highlighted choice's description is drawn under the list
    const choose = draw(<ChooseView m={{ ...edit, default: 'leave-out' }} listLimit={8} columns={80} answer={() => undefined} back={() => undefined} />);
    expect(choose).toContain('❯ Leave this column out');
    expect(choose.replace(/\s+/g, ' ')).toContain('color (the 4th column): not in the schema, dropped from the copy “Fix and continue” writes (the other column of that name stays)');
    const lines = draw(<ReviewView m={review} columns={80} listLimit={12} answer={() => undefined} back={() => undefined} />);
    expect(lines).toContain('  color (the 4th column): left out by you');
    expect(lines).toMatch(/^ {2}color +string +no +categorical/m);
    expect(lines).not.toMatch(/would fail its import|names color twice|color_5/);
    expect(lines).toContain('❯ Create schema and interactions dataset');
  });
});
