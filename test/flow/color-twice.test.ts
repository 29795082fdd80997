// A header naming an extra column twice (USER_ID,ITEM_ID,TIMESTAMP,color,color): the review blocks
// Create on the doubled name, and "Change a field" → color → "Leave this column out" left out BOTH
// columns — leaving out went by the column's name in the flow, in the inference and in the fixer — so
// the colour the user chose to keep was lost from the schema and the copy. Now leaving out goes by
// the column's place: one color stays in the schema, and the copy “Fix and continue” writes takes
// exactly that column's values.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { BLOCKS_CREATE, inferSchema } from '../../src/schema/index.js';
import { planHeader } from '../../src/fix/index.js';
import { parseSchema } from '../../src/validate/schema.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';
import { colorTwiceCsv } from '../helpers/color-twice-csv.js';

const texts = (m: StepModel | undefined) => (m?.lines ?? []).map((l) => l.text).join('\n');
const stream = () => Readable.from([Buffer.from(colorTwiceCsv())]);

describe('a header that names an extra column twice (color, color)', () => {
  it('the inference leaves out the column at the place given, and keeps the other as color', async () => {
    const first = await inferSchema(stream(), { leaveOut: [3] });
    expect(first.fields.map((f) => [f.name, f.at])).toEqual([['USER_ID', 0], ['ITEM_ID', 1], ['TIMESTAMP', 2], ['color', 4]]);
    expect(first.leftOut.map((u) => [u.column, u.at])).toEqual([['color', 3]]);
    expect(first.problems.filter((p) => BLOCKS_CREATE.has(p.code) || p.code === 'HEADER_RENAME')).toEqual([]);
    const second = await inferSchema(stream(), { leaveOut: [4] });
    expect(second.fields.map((f) => [f.name, f.at])).toEqual([['USER_ID', 0], ['ITEM_ID', 1], ['TIMESTAMP', 2], ['color', 3]]);
    expect(second.leftOut.map((u) => [u.column, u.at])).toEqual([['color', 4]]);
  });

  it('the fixer drops the column at that place and reads color from the other', async () => {
    const r = await inferSchema(stream(), { leaveOut: [3] });
    const schema = parseSchema(JSON.stringify(r.schema));
    const plan = planHeader('USER_ID,ITEM_ID,TIMESTAMP,color,color', schema, { required: [], dropUnknown: true, leaveOut: [3] });
    expect(plan.outNames).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'color']);
    expect(plan.from).toEqual([0, 1, 2, 4]);
  });

  const acct = emptyAccount();
  it('new group: the first color left out through "Change a field"; the schema and the copy keep the second → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-color-'));
    const csv = join(dir, 'sheet.csv');
    writeFileSync(csv, colorTwiceCsv());
    const reviews: StepModel[] = [];
    const edits: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'color-twice' }, csv: { type: csv },
      'new-dataset': [{ pick: (m: StepModel) => (reviews.push(m), 'field') }, { pick: (m: StepModel) => (reviews.push(m), m.default!) }, 'quit'],
      'new-dataset-field': { pick: 'color' },
      'new-dataset-field-edit': { pick: (m: StepModel) => (edits.push(m), 'leave-out') },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(texts(reviews[0])).toContain('The header names color twice (the 4th and the 5th column)');
    expect(edits[0].choices!.find((c) => c.value === 'leave-out')?.description).toBe('color (the 4th column): not in the schema, dropped from the copy “Fix and continue” writes (the other column of that name stays)');
    // one color left out (said with its place), the other in the schema: nothing blocks Create
    expect(reviews[1].default).toBe('create');
    expect(texts(reviews[1])).toContain('color (the 4th column): left out by you');
    expect(texts(reviews[1])).toMatch(/^ {2}color +string/m);
    expect(h.state.answers.leaveOut).toEqual([{ column: 'color', at: 3, twice: true }]);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const copy = readFileSync(join(dir, 'sheet.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,color');
    expect(copy[1]).toBe('U0,I0,1767225600,S');
    expect(copy[2]).toBe('U7,I13,1767225660,M');
  });
});
