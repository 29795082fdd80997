// A spreadsheet's export whose header names a column twice ("event type" in the 4th and the 5th
// column, the second one "web" in every row), headless into an empty account: the review said
// "Column event type would be field EVENT_TYPE, which column event type already is" (which is
// which?) and proposed to leave the second out — and after "Leave out event type" the same error
// still blocked Create, the review's default now "Keep the columns left out": no way on but back.
// Now the message says which places, leaving the second out unblocks Create, and the copy “Fix and
// continue” writes takes EVENT_TYPE from the 4th column.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { StepModel } from '../../src/flow/machine/index.js';
import { BLOCKS_CREATE, inferSchema } from '../../src/schema/index.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';
import { twiceCsv } from '../helpers/twice-csv.js';

const texts = (m: StepModel | undefined) => (m?.lines ?? []).map((l) => l.text).join('\n');

describe('a header that names a column twice', () => {
  it('the schema says which places collide; the second left out, nothing blocks the schema', async () => {
    const r = await inferSchema(Readable.from([Buffer.from(twiceCsv())]), {});
    expect(r.problems.find((p) => p.code === 'DUPLICATE_FIELD')?.message).toBe('The header names event type twice (the 4th and the 5th column): the 5th would be field EVENT_TYPE, which the 4th already is. Rename or drop one of them.');
    const left = await inferSchema(Readable.from([Buffer.from(twiceCsv())]), { leaveOut: 'proposed' });
    // the 5th left out (its place), under the name it would have had (the inference names a column
    // left out after the ones kept, so the 4th is EVENT_TYPE, not EVENT_TYPE_4)
    expect(left.leftOut.map((u) => [u.column, u.field, u.at])).toEqual([['event type', 'EVENT_TYPE_5', 4]]);
    expect(left.fields.find((f) => f.name === 'EVENT_TYPE')?.at).toBe(3);
    expect(left.problems.filter((p) => BLOCKS_CREATE.has(p.code)).map((p) => p.message)).toEqual([]);
  });

  const acct = emptyAccount();
  it('new group: "Leave out event type", then Create is the default; the copy takes EVENT_TYPE from the 4th column → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-dup-'));
    const csv = join(dir, 'sheet.csv');
    writeFileSync(csv, twiceCsv());
    const reviews: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'twice-h' }, csv: { type: csv },
      'new-dataset': [0, 1].map(() => ({ pick: (m: StepModel) => (reviews.push(m), m.default!) })),
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(reviews[0].default).toBe('leave-out');
    expect(texts(reviews[0])).toContain('✗ The header names event type twice (the 4th and the 5th column)');
    // left out: nothing blocks Create, which is the default (it was "Keep the columns left out")
    expect(reviews[1].default).toBe('create');
    expect(reviews[1].choices!.find((c) => c.value === 'create')?.disabled).toBeUndefined();
    expect(texts(reviews[1])).not.toMatch(/names event type twice|would be field/);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const copy = readFileSync(join(dir, 'sheet.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE');
    expect(copy[1]).toBe('U0,I0,1767225600,buy');
    expect(copy[2]).toBe('U7,I13,1767225660,view');
  });
});
