// The Ink face drawing "Fix and continue" for a Segment export whose visitors who never signed in have
// no user_id, at 80 columns: how many rows, what each choice does with them, and the choice that
// imports them under their anonymous_id (before: nothing said, the rows set aside).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import React from 'react';
import { describe, expect, it } from 'vitest';
import { ChooseView } from '../../../../src/ui/ink/face/ChooseView.js';
import type { StepModel } from '../../../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from '../../../flow/harness.js';
import { segmentCsv } from '../../../helpers/segment-csv.js';
import { drawAt } from '../../../helpers/draw.js';

describe('a Segment export with anonymous visitors at the fix step, drawn at 80 columns', () => {
  const acct = emptyAccount();
  it('says how many rows have no user_id and offers their anonymous_id', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'pi-ui-segment-')), 'tracks.csv');
    writeFileSync(csv, segmentCsv(1600, 4));
    const models: StepModel[] = [];
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'segment-ui' }, csv: { type: csv },
      fix: { pick: (m: StepModel) => (models.push(m), 'quit') },
    });
    const frame = drawAt(<ChooseView m={{ ...models[0], default: 'fix-anonymous' }} listLimit={8} columns={80} answer={() => undefined} back={() => undefined} />);
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain("400 rows have no user_id: visitors who never signed in (Segment's export names them by anonymous_id): set aside by “Fix and continue”");
    expect(frame).toContain('❯ Fix and continue, anonymous visitors by their anonymous_id');
    expect(flat).toContain('USER_ID is the anonymous_id in the 400 rows without a user_id');
    expect(frame.split('\n').every((l) => l.length <= 80)).toBe(true);
  });
});
