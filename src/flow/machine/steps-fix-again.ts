// The fixed copy again, after the dataset's schema changed in this run. "Fix and continue" wrote the
// copy for the schema the dataset had then; columns the schema lacked were kept as they were. Once
// they are added (steps-schema-change.ts: UpdateDataset), the copy is checked against the new schema
// and can fail on what the fixer repairs in those columns (a missing-value marker "None" in an
// optional float, "N/A" in a boolean) — while the fix step, rightly, never fixes its own copy. Here
// the ORIGINAL is fixed again against the new schema, with every answer given so far (header
// names, dates, decimal mark, event names, returns), into the same copy, which is then checked again.
//
// Not asked again: the user chose "Fix and continue" for this file and then to add the columns; the
// errors are of the kind they already asked to have repaired, in the run's own copy. Asking "What
// now?" again reads as if the answer had been forgotten; a line says why the fix runs again and the
// summary shows what changed. Rows it would set aside are asked about, unless they are the very rows
// already set aside with consent. Once per schema: a copy that still fails gets the verdict.
import { describeSource } from '../plan.js';
import { visible } from '../../core/sanitize.js';
import { frame } from './base.js';
import { doFix, fixOffered, memoOf, onCopy, schemaKey } from './steps-fix.js';
import { memoOf as createMemo } from './steps-new.js';
import type { FlowState, StepDef } from './types.js';
import { withCommas } from '../../core/with-commas.js';

/** The copy this run wrote is the source, written for another schema, and what its check found the fixer repairs. */
export function fixAgainDue(s: FlowState): boolean {
  const memo = memoOf(s);
  const r = s.loaded.report;
  if (!memo?.done || !onCopy(s) || !r || r.valid || memo.schemaFor === undefined || memo.schemaFor === schemaKey(s)) return false;
  // the copy's own header (already renamed, EVENT_TYPE already added): no map, nothing to add
  return Boolean(fixOffered(r, s.loaded.details?.schema, s.answers.source, undefined, undefined, s.answers.dateOrder, undefined, s.answers.decimalMark));
}

const sameLines = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const fixAgainStep: StepDef = {
  id: 'fix-again',
  screen: 'validate',
  kind: 'run',
  applies: fixAgainDue,
  async model() {
    return frame('fix-again', 'validate', 'run', 'Fixing the file again for the new schema');
  },
  async run(s, p, ctx) {
    const memo = memoOf(s)!;
    const copy = visible(memo.output);
    const added = createMemo(s).schemaChange?.added;
    const name = s.loaded.details?.dataset.name;
    // the columns this run added (steps-schema-change.ts); another dataset picked since (Esc back); else the schema as it was
    const before = memo.datasetFor && memo.datasetFor !== name ? `for the schema of ${visible(memo.datasetFor)}` : added?.length ? `before ${added.map(visible).join(', ')} ${added.length === 1 ? 'was' : 'were'} in the schema (${added.length === 1 ? 'its values' : 'their values'} kept as they were)` : 'for the schema the dataset had before';
    const now = memo.datasetFor && memo.datasetFor !== name ? `the schema of ${visible(name ?? '')}` : 'the new schema';
    ctx.emit({ type: 'note', tone: 'warn', text: `${copy} was written ${before}. You chose Fix and continue, so ${visible(describeSource(memo.original))} is fixed again for ${now}, with the same answers; the new copy replaces ${copy}, this run's own file (nothing of yours is overwritten).` });
    const t = await doFix(s, p, ctx, false);
    if (t) return t;
    // rows it cannot fix: the same ones as set aside before with consent → set aside again; others → asked
    const pending = memo.pending;
    if (pending && memo.consented && sameLines(pending.lines, memo.consented)) {
      ctx.emit({ type: 'note', tone: 'dim', text: `The same ${withCommas(pending.count)} row${pending.count === 1 ? '' : 's'} as before ${pending.count === 1 ? 'goes' : 'go'} to ${visible(memo.rejects)}, as you agreed.` });
      return doFix(s, p, ctx, true);
    }
    return pending ? { goto: 'fix-rejects' } : undefined;
  },
};
