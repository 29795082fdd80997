// Keeping goes by place, as leaving out does: a header naming an extra column twice
// (USER_ID,ITEM_ID,TIMESTAMP,color,color, each one value in every row) has both proposed to be left
// out. "Keep one of the columns left out…" offered both as one answer (keep:color) and keeping it kept
// both — the review then blocked Create on the doubled name —, and `--keep color@5` kept neither.
// Now the choice names each by its place (color (the 5th column)), the one picked goes back into the
// schema as color and the copy takes its values; `--keep color` without a place exits 2 naming both.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { BLOCKS_CREATE, inferSchema } from '../../src/schema/index.js';
import { emptyAccount, pickLabel, runHeadless, runPlain, type Script } from './harness.js';
import { colorTwiceConstantCsv } from '../helpers/color-twice-csv.js';

const texts = (m: StepModel | undefined) => (m?.lines ?? []).map((l) => l.text).join('\n');
const stream = () => Readable.from([Buffer.from(colorTwiceConstantCsv())]);

describe('keeping one of two columns of one name (color, color)', () => {
  it('--keep color@5: the 5th column is kept as color, the 4th left out; no duplicate field', async () => {
    const r = await inferSchema(stream(), { leaveOut: 'proposed', keep: ['color@5'] });
    expect(r.fields.map((f) => [f.name, f.at])).toEqual([['USER_ID', 0], ['ITEM_ID', 1], ['TIMESTAMP', 2], ['color', 4]]);
    expect(r.leftOut.map((u) => [u.column, u.at])).toEqual([['color', 3]]);
    expect(r.problems.filter((p) => BLOCKS_CREATE.has(p.code))).toEqual([]);
    const first = await inferSchema(stream(), { leaveOut: 'proposed', keep: ['Color@4'] });
    expect(first.fields.map((f) => [f.name, f.at])).toEqual([['USER_ID', 0], ['ITEM_ID', 1], ['TIMESTAMP', 2], ['color', 3]]);
  });

  it('--keep color (which?) and --keep color@2 (not one of them): a usage error naming both places', async () => {
    for (const keep of ['color', 'color@2']) {
      const e = await inferSchema(stream(), { leaveOut: 'proposed', keep: [keep] }).then(() => undefined, (x: unknown) => x as { kind?: string; message: string });
      expect(e?.kind, keep).toBe('usage');
      expect(e?.message).toContain(`--keep ${keep}: the header names color more than once (the 4th and the 5th column), each left out`);
      expect(e?.message).toContain('Say which to keep by its place: --keep color@4 or --keep color@5.');
    }
  });

  const acct = emptyAccount();
  const run = async (name: string, plain: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-keep-twice-'));
    const csv = join(dir, 'sheet.csv');
    writeFileSync(csv, colorTwiceConstantCsv());
    const reviews: StepModel[] = [];
    const keeps: StepModel[] = [];
    const review = (v?: string) => ({ pick: (m: StepModel) => (reviews.push(m), v ?? m.default!) });
    const script: Script = {
      group: pickLabel('＋'), 'new-group-name': { type: name }, csv: { type: csv },
      // leave out both (the default: the doubled name blocks Create) → keep one → the 5th → create
      'new-dataset': [review(), review('keep-one'), review()],
      'new-dataset-keep': { pick: (m: StepModel) => (keeps.push(m), 'keep:color@5') },
    };
    const h = plain ? await runPlain(acct.ports(), script) : await runHeadless(acct.ports(), script);
    return { h, dir, reviews, keeps };
  };

  it('"Keep one of the columns left out…" names each by its place; the 5th kept → created with color, the copy holds the 5th → ACTIVE', async () => {
    const { h, dir, reviews, keeps } = await run('keep-twice-h', false);
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(reviews[0].default).toBe('leave-out');
    expect(keeps[0].choices!.map((c) => [c.value, c.label])).toEqual([
      ['keep:color@4', 'color (the 4th column) — one value in every row'],
      ['keep:color@5', 'color (the 5th column) — one value in every row'],
      ['back', 'Back to the review (keep nothing more)'],
    ]);
    // kept: that one only, in the schema as color; the other stays left out; nothing blocks Create
    expect(reviews[2].default).toBe('create');
    expect(texts(reviews[2])).toMatch(/Kept in the schema at your word[^\n]*\n {2}color \(the 5th column\): one value in every row/);
    expect(texts(reviews[2])).not.toMatch(/names color twice|color_5/);
    expect(h.state.answers.keep).toEqual(['color@5']);
    expect(h.state.answers.leaveOut).toEqual([{ column: 'color', at: 3, twice: true }]);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const copy = readFileSync(join(dir, 'sheet.fixed.csv'), 'utf8').split('\n');
    expect(copy.slice(0, 2)).toEqual(['USER_ID,ITEM_ID,TIMESTAMP,color', 'U0,I0,1767225600,XL']);
  });

  it('the wizard given --keep color (which?): not applied, the review says so and asks; keeping the 5th then creates → ACTIVE (it ended with exit 2 after creating the group)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-keep-twice-'));
    const csv = join(dir, 'sheet.csv');
    writeFileSync(csv, colorTwiceConstantCsv());
    const reviews: StepModel[] = [];
    const review = (v?: string) => ({ pick: (m: StepModel) => (reviews.push(m), v ?? m.default!) });
    const script: Script = {
      group: pickLabel('＋'), 'new-group-name': { type: 'keep-twice-flag' }, csv: { type: csv },
      'new-dataset': [review('keep-one'), review()],
      'new-dataset-keep': { pick: () => 'keep:color@5' },
    };
    const h = await runHeadless(acct.ports(), script, { answers: { keep: ['color'] } });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(texts(reviews[0])).toContain('--keep color is not applied: the header names color more than once (the 4th and the 5th column). To keep one, use “Keep one of the columns left out…” (it names each by its place), or start again with --keep color@4 or --keep color@5.');
    expect(reviews[0].choices!.some((c) => c.value === 'keep-one')).toBe(true);
    // the flag's answer is gone: the keep chosen is the only one, the 4th stays out
    expect(h.state.answers.keep).toEqual(['color@5']);
    expect(texts(reviews[1])).not.toContain('--keep color is not applied');
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    expect(readFileSync(join(dir, 'sheet.fixed.csv'), 'utf8').split('\n')[1]).toBe('U0,I0,1767225600,XL');
  });

  it('plain mode: the same answers reach the same copy', async () => {
    const { h, dir } = await run('keep-twice-p', true);
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0 });
    expect(readFileSync(join(dir, 'sheet.fixed.csv'), 'utf8').split('\n')[1]).toBe('U0,I0,1767225600,XL');
  });
});
