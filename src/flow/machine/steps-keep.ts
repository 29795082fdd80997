// "Keep one of the columns left out…": the schema inferred from a CSV leaves out (or proposes to) the
// columns Personalize cannot use or should not get — an e-mail address (personal data), an order
// number (a different value in every row), a column with one value in every row. "Leave out N
// columns" and "Keep the columns left out" are all or nothing; here one column is kept: it goes back
// into the schema and the fixed copy keeps it (it is uploaded with the rest). The answer is the same
// thing as `--keep <column>` (Answers.keep, which the wizard's flag fills): a column kept either way
// is shown kept in the review, and can be left out again here. One file (the review of "＋ Create the
// dataset from my CSV", steps-new-dataset.ts) and several files (the several-files review: each
// column named with its file; group-files.ts's `keep`).
import { basename } from 'node:path';
import { printable } from '../../schema/printable.js';
import { placed, type Unusable } from '../../schema/usable.js';
import { keepToken } from '../../schema/index.js';
import { describeSource } from '../plan.js';
import { frame } from './base.js';
import { answerKeep, choiceFor, describe, INTRO, isKept, keepChoice, keptLines, offered, unattended, unusableOf } from './keep-columns.js';
import { memoOf } from './steps-new.js';
import { severalOf } from './steps-several.js';
import { isFixerCopy } from './steps-several-fix.js';
import type { Choice, FlowState, StepDef } from './types.js';

export const newDatasetKeepStep: StepDef = {
  id: 'new-dataset-keep',
  screen: 'dataset',
  kind: 'choose',
  applies: () => false,
  async model(s) {
    const r = memoOf(s).dataset!.inferred!;
    const us = unusableOf(r);
    const choices: Choice[] = [
      ...offered(us, s.answers.keep).map((u) => choiceFor(u)),
      ...us.filter((u) => isKept(s.answers.keep, u)).map((u) => ({ value: `unkeep:${keepToken(u)}`, label: `${placed(u, printable)} — kept: leave it out again`, description: printable(u.reason) })),
      { value: 'back', label: 'Back to the review (keep nothing more)' },
    ];
    return frame('new-dataset-keep', 'dataset', 'choose', 'Which column should the schema keep?', {
      lines: INTRO, choices, default: choices[0].value, flag: '--keep', unattended, label: 'Kept', describe,
    });
  },
  async answer(s, v) {
    const d = memoOf(s).dataset!;
    if (!answerKeep(s, v, unusableOf(d.inferred!))) return { goto: 'new-dataset' };
    d.shapeFor = describeSource(s.answers.source!);
    // worked out again: a column left out goes back in, and what the review proposes no longer names it
    d.of = undefined;
    return { goto: 'new-dataset-infer' };
  },
};

/**
 * Several files: each file's columns left out or kept, the file named; one entry a column name (--keep
 * is by name; of a header naming it twice, by name and place: color@5). `offer`: only the files as given — a fixer's copy has dropped its columns already (to
 * keep one, the files are picked again).
 */
function severalUnusable(s: FlowState, offer = true): { u: Unusable; files: string[] }[] {
  const out = new Map<string, { u: Unusable; files: string[] }>();
  const m = severalOf(s);
  for (const c of m?.checks ?? []) {
    if (offer && isFixerCopy(m!, c.file.abs)) continue;
    for (const u of [...(c.leftOut ?? []), ...(c.kept ?? [])]) {
      const key = keepToken(u).toLowerCase();
      const e = out.get(key) ?? { u, files: [] };
      e.files.push(printable(basename(c.file.path)));
      out.set(key, e);
    }
  }
  return [...out.values()];
}

/** The several-files review with the choice, and the columns kept said per file. */
export function withSeveralKeep(review: StepDef): StepDef {
  return {
    ...review,
    async model(s, p) {
      const mdl = await review.model(s, p);
      const m = severalOf(s);
      if (!m?.checks) return mdl;
      const all = severalUnusable(s, false);
      const files = new Map(all.map((x) => [keepToken(x.u), x.files.join(', ')]));
      const kept = keptLines(all.map((x) => x.u), s.answers.keep, (u) => files.get(keepToken(u)) ?? '');
      const choice = keepChoice(severalUnusable(s).map((x) => x.u), s.answers.keep, 'into its new schema and its copy; the files are checked again');
      if (!choice && !kept.length) return mdl;
      // after the files' checks and what the copies leave out, before the plan (its blank line)
      const at = mdl.lines.map((l) => l.text).lastIndexOf('');
      const lines = at < 0 ? [...mdl.lines, ...kept] : [...mdl.lines.slice(0, at), ...kept, ...mdl.lines.slice(at)];
      const choices = [...(mdl.choices ?? [])];
      if (!choice) return { ...mdl, lines };
      const where = choices.findIndex((c) => c.value === 'where');
      choices.splice(where < 0 ? choices.length : where, 0, choice);
      return { ...mdl, lines, choices };
    },
    async answer(s, v, p, ctx) {
      return v === 'keep-one' ? { goto: 'several-keep' } : review.answer!(s, v, p, ctx);
    },
  };
}

export const severalKeepStep: StepDef = {
  id: 'several-keep',
  screen: 'review',
  kind: 'choose',
  applies: () => false,
  async model(s) {
    const all = severalUnusable(s);
    const byColumn = new Map(all.map((x) => [keepToken(x.u), x.files]));
    const choices: Choice[] = [
      ...offered(all.map((x) => x.u), s.answers.keep).map((u) => choiceFor(u, byColumn.get(keepToken(u)))),
      ...all.filter((x) => isKept(s.answers.keep, x.u)).map(({ u, files }) => ({ value: `unkeep:${keepToken(u)}`, label: `${placed(u, printable)} (${files.join(', ')}) — kept: leave it out again`, description: printable(u.reason) })),
      { value: 'back', label: 'Back to the review (keep nothing more)' },
    ];
    return frame('several-keep', 'review', 'choose', 'Which column should its new schema keep?', {
      lines: [...INTRO.slice(0, 1).map((l) => ({ ...l, text: 'A column kept goes into its file’s new schema, and the fixed copy keeps it: it is uploaded with the rest. Left out, it is in neither. Your files are not changed; they are checked again.' })), INTRO[1]],
      choices, default: choices[0].value, flag: '--keep', unattended, label: 'Kept', describe,
    });
  },
  async answer(s, v) {
    const m = severalOf(s)!;
    if (!answerKeep(s, v)) return { goto: 'several-review' };
    // every file checked again against the schemas inferred with it (the review then shows it kept)
    Object.assign(m, { checks: undefined, cross: undefined, fixable: undefined });
    return { goto: 'several-check' };
  },
};
