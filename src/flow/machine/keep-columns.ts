// The columns an inferred schema leaves out (or proposes to) and the ones kept anyway: one answer,
// Answers.keep, given by `--keep <column>` or the wizard's "Keep one of the columns left out…"
// (steps-keep.ts). What the reviews say of them and the choice they offer; no steps here.
import { keepPlace, keepsColumn, keepToken, type InferResult } from '../../schema/index.js';
import { printable } from '../../schema/printable.js';
import { columnAt, placed, type Unusable } from '../../schema/usable.js';
import type { Choice, FlowState, Line } from './types.js';

/** Kept by --keep or the wizard's answer: a column name (with its place when the header names it twice: color@5), matched as the inference matches it (case aside). */
export const isKept = (keep: string[] | undefined, c: { column: string; field?: string; at?: number; twice?: boolean }): boolean => Boolean(keep?.some((k) => keepsColumn(k, c)));

const personal = (u: Unusable) => u.kind === 'email' || u.kind === 'personal';

/** What a column is, in a few words (the label), and when keeping it makes sense (the description). */
const SHORT: Record<Unusable['kind'], string> = { email: 'personal data', personal: 'personal data', unique: 'a different value in every row', order: 'an order number', constant: 'one value in every row', empty: 'empty in every row', surplus: 'over the metadata limit', json: 'JSON Personalize cannot look into', identifier: 'an identifier, not metadata', cancelled: 'when an order was cancelled' };
const WHEN: Record<Unusable['kind'], string> = {
  email: 'keep it only if you may hand it to AWS and want Personalize to read it: it is uploaded with the rest',
  personal: 'keep it only if you may hand it to AWS and want Personalize to read it: it is uploaded with the rest',
  unique: 'keep it if the same values come back in other rows or files (an ID that recurs)',
  order: 'keep it if it means more than which order a line was on (a channel or store code in it, say)',
  constant: 'keep it if your next exports hold other values (the schema is fixed once the dataset exists)',
  empty: 'keep it if your next exports fill it in (the schema is fixed once the dataset exists)',
  surplus: 'keep it if it tells more than the columns kept: the dataset type takes only so many metadata columns, so another one is left out instead',
  json: 'keep it only if the whole text, as one value, means something (Personalize does not read the fields inside)',
  identifier: 'keep it only if your recommenders should tell visitors apart by it, and every later export has it in every row',
  cancelled: 'keep it only if you want it in the dataset anyway: Personalize does not train on a time written as text',
};

/** The columns offered (left out, or proposed to be), the harmless first; personal data last. */
export function offered(us: Unusable[], keep: string[] | undefined): Unusable[] {
  return us.filter((u) => !isKept(keep, u)).sort((a, b) => Number(personal(a)) - Number(personal(b)));
}

export function choiceFor(u: Unusable, files?: string[]): Choice {
  const where = files?.length ? ` (${files.join(', ')})` : '';
  return { value: `keep:${keepToken(u)}`, label: `${placed(u, printable)}${where} — ${personal(u) ? '⚠ ' : ''}${SHORT[u.kind]}`, description: `${printable(u.reason)}; ${WHEN[u.kind]}` };
}

export const INTRO: Line[] = [
  { text: 'A column kept goes into the schema, and the copy “Fix and continue” writes keeps it: it is uploaded with the rest. Left out, it is in neither. Your file is not changed either way.', tone: 'dim' },
  { text: 'Back (or Esc) returns to the review as it was. --keep <column> gives the same answer on the command line.', tone: 'dim' },
];

/** The review's lines on the columns kept (by this choice or --keep) that would be left out. */
export function keptLines(us: Unusable[], keep: string[] | undefined, where?: (u: Unusable) => string): Line[] {
  const kept = us.filter((u) => isKept(keep, u));
  if (!kept.length) return [];
  return [
    { text: `Kept in the ${where ? 'new schemas' : 'schema'} at your word (“Keep one of the columns left out…”, or --keep; uploaded with the rest):`, tone: 'dim' },
    ...kept.map((u) => ({ text: `  ${where ? `${where(u)} — ` : ''}${placed(u, printable)}: ${personal(u) ? '⚠ personal data (it goes to AWS)' : SHORT[u.kind]}`, tone: personal(u) ? ('warn' as const) : ('dim' as const) })),
  ];
}

/** The review's choice, when a column is left out or proposed to be (or one is kept: to leave it out again). */
export function keepChoice(us: Unusable[], keep: string[] | undefined, into = 'into the schema and the copy'): Choice | undefined {
  const n = offered(us, keep).length;
  if (n) return { value: 'keep-one', label: 'Keep one of the columns left out…', description: `${n === 1 ? placed(offered(us, keep)[0], printable) : `pick which of the ${n}`}: ${into}` };
  if (us.some((u) => isKept(keep, u))) return { value: 'keep-one', label: 'Leave out a column you kept…', description: 'out of the schema and the copy again' };
  return undefined;
}

/**
 * Keeps a column (or leaves it out again): Answers.keep, and the explicit list of the single-file review
 * (`us`: the columns with their places). The answer names the column as --keep does: of a header naming
 * it twice, with its place (keep:color@5), so that the other stays left out.
 */
export function answerKeep(s: FlowState, v: string, us: Unusable[] = []): boolean {
  const token = v.replace(/^(un)?keep:/, '');
  const { name, at } = keepPlace(token);
  // the column answered: the one of `us` it names, else one of that name (several files: by name alone)
  const c = us.find((u) => keepToken(u) === token) ?? { column: name, ...(at !== undefined ? { at, twice: true } : {}) };
  const same = (k: string) => isKept([k], c) && (at === undefined || keepPlace(k).at === undefined || keepPlace(k).at === at);
  if (v.startsWith('keep:')) {
    s.answers.keep = [...(s.answers.keep ?? []).filter((k) => !same(k)), token];
    if (s.answers.leaveOut) s.answers.leaveOut = s.answers.leaveOut.filter((l) => !isKept([token], l));
    return true;
  }
  if (v.startsWith('unkeep:')) {
    s.answers.keep = (s.answers.keep ?? []).filter((k) => !same(k));
    if (!s.answers.keep.length) delete s.answers.keep;
    // left out with the rest when they are ("Leave out N columns" answered); else proposed again
    if (s.answers.leaveOut && !s.answers.leaveOut.some((l) => isKept([token], l))) s.answers.leaveOut = [...s.answers.leaveOut, ...us.filter((u) => isKept([token], u)).map(columnAt)];
    return true;
  }
  return false;
}

export const unattended = { error: 'import: a column the inferred schema leaves out is kept with --keep <column> (repeatable; color@5: the 5th column, of a header naming color twice).' };
/** A keep answer in words: color@5 → "color (the 5th column)". */
const tokenWords = (t: string) => {
  const { name, at } = keepPlace(t);
  return placed({ column: name, at, twice: at !== undefined }, printable);
};
export const describe = (v: string) => (v.startsWith('keep:') ? tokenWords(v.slice(5)) : v.startsWith('unkeep:') ? `${tokenWords(v.slice(7))} left out again` : 'nothing more');

/** The columns of one inference that are unusable: left out, proposed, or kept. */
export const unusableOf = (r: InferResult): Unusable[] => [...r.leftOut, ...r.unusable.filter((u) => !r.leftOut.some((l) => l.at === u.at))];

