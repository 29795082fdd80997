// A Segment tracks export of 1,200 rows, 300 of them visitors who never signed in, in the Ink wizard
// at 80×24 (a new Custom group, "＋ Create the dataset from my CSV"): the check before create finds
// that set aside they leave too few rows, and that with their anonymous_id as USER_ID the copy would
// pass; the review highlights "Create schema and dataset, anonymous visitors by their anonymous_id";
// Enter creates it, and “Fix and continue” writes every row. Before, "Pick another file" was the
// default and the anonymous_id was offered only after a create the user was told not to make.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, newGroupFromCsv, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { segmentCsv } from '../helpers/segment-csv.js';
import { ensureBuilt } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('a Segment export too small without its anonymous visitors (80×24)', () => {
  it('the review offers keeping them by their anonymous_id (highlighted); Enter → created → the copy has every row', async () => {
    const cwd = tmp('pi-segment-small-cwd-');
    writeFileSync(join(cwd, 'tracks.csv'), segmentCsv(1200, 4));
    const t = sandboxWizard({ cols: 80, rows: 24, cwd });
    await newGroupFromCsv(t, 'segment-small', 'tracks.csv');
    const review = await at(t, /❯ Create schema and dataset, anonymous visitors by their\s+anonymous_id/, 60_000);
    expect(review.split('\n').every((l) => l.length <= 80)).toBe(true);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes('With their anonymous_id as USER_ID the copy would pass (tried too)'));
    t.send('Enter');
    await at(t, /❯ Fix and continue/, 60_000);
    await t.historyWith((h) => h.replace(/\s+/g, ' ').includes('imported under their anonymous_id as USER_ID, as asked'));
    t.send('Enter');
    await at(t, /Continue anyway|Which bucket/, 60_000);
    expect(readFileSync(join(cwd, 'tracks.fixed.csv'), 'utf8').trim().split('\n')).toHaveLength(1201);
    t.send('C-c');
    expect(await t.exitCode(30_000)).toBe(130);
  }, 120_000);
});
