// The Ink face drawing "Keep one of the columns left out…" for a header that names an extra column
// twice (USER_ID,ITEM_ID,TIMESTAMP,color,color, each one value in every row) at 80 columns: each of
// the two is a choice of its own, named by its place (before, two lines "color — one value in every
// row" that were one answer, keeping both); the review after keeping the 5th says that one is kept and
// Create is the default (the doubled name no longer blocks it).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { ChooseView } from '../../../../src/ui/ink/face/ChooseView.js';
import { ReviewView } from '../../../../src/ui/ink/face/ReviewView.js';
import type { StepModel } from '../../../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from '../../../flow/harness.js';
import { colorTwiceConstantCsv } from '../../../helpers/color-twice-csv.js';
import { drawAt as draw } from '../../../helpers/draw.js';

describe('keeping one of two columns named color, drawn at 80 columns', () => {
  const acct = emptyAccount();
  it('the choice names the 4th and the 5th column; the review after keeping the 5th says so', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-ui-keep-twice-')), 'sheet.csv');
    writeFileSync(csv, colorTwiceConstantCsv());
    const models: StepModel[] = [];
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'keep-twice-ui' }, csv: { type: csv },
      'new-dataset': ['enter', { pick: 'keep-one' }, { pick: (m: StepModel) => (models.push(m), 'back') }],
      'new-dataset-keep': { pick: (m: StepModel) => (models.unshift(m), 'keep:color@5') },
      dataset: ['enter', 'quit'],
    });
    const [keep, review] = models;
    const choose = draw(<ChooseView m={{ ...keep, default: 'keep:color@5' }} listLimit={8} columns={80} answer={() => undefined} back={() => undefined} />);
    expect(choose).toContain('  color (the 4th column) — one value in every row');
    expect(choose).toContain('❯ color (the 5th column) — one value in every row');
    expect(choose.split('\n').every((l) => l.length <= 80)).toBe(true);
    const lines = draw(<ReviewView m={review} columns={80} listLimit={12} answer={() => undefined} back={() => undefined} />);
    expect(lines).toContain('  color (the 5th column): one value in every row');
    expect(lines).toContain('❯ Create schema and interactions dataset');
    expect(lines).not.toMatch(/names color twice|color_5/);
  });
});
