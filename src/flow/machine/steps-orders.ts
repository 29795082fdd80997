// What "＋ Create the dataset from my CSV" offers a shop's order export (or any file like it):
// - "Add EVENT_TYPE with one value in every row": a domain group's interactions need EVENT_TYPE, and an
//   order export has no such column — every row is the same event, a purchase. The value is asked
//   (purchase by default when the file looks like orders); the schema gets the field and the copy
//   “Fix and continue” writes gets the column (the user's file is never written). `--event-type` is
//   the same answer for `import`, `fix` and the wizard.
// - "Leave out N columns Personalize cannot use" (should not get, has no room for: unusableWhat): an e-mail address (personal data), an order number
//   (a different value in every row), a column with one value in every row. Listed with why; left
//   out only when chosen, and “Fix and continue” then drops them from the copy (--drop-unknown).
// - "Keep one of the columns left out…": one of them kept (steps-keep.ts; the same answer as --keep):
//   not proposed any more, in the schema and the copy, shown kept.
import type { DatasetType } from '../../core/resources.js';
import type { InferResult } from '../../schema/index.js';
import type { Unusable } from '../../schema/usable.js';
import { printable } from '../../schema/printable.js';
import { byReason, columnAt, eventExamples, eventTypeProblem, placed, unusableWhat } from '../../schema/usable.js';
import { describeSource } from '../plan.js';
import { frame } from './base.js';
import { memoOf } from './steps-new.js';
import { isKept, keepChoice, keptLines, unusableOf } from './keep-columns.js';
import type { Choice, FlowState, Line, StepDef } from './types.js';

const eventful = (t: DatasetType) => t === 'INTERACTIONS' || t === 'ACTION_INTERACTIONS';

/** The review's lines on columns left out or proposed to be, and on an added EVENT_TYPE. */
export function ordersLines(r: InferResult, keep?: string[]): Line[] {
  const out: Line[] = [];
  const proposed = proposedOf(r, keep);
  if (proposed.length) {
    out.push({ text: `! ${proposed.length === 1 ? 'A column' : `${proposed.length} columns`} Personalize ${unusableWhat(proposed)}:`, tone: 'warn' });
    out.push(...reasonLines(proposed));
  }
  if (r.leftOut.length) {
    out.push({ text: `Left out of the schema (“Fix and continue” drops them from its copy; your file is not changed):`, tone: 'dim' });
    out.push(...reasonLines(r.leftOut));
  }
  return [...out, ...keptLines(r.unusable.filter((u) => !r.leftOut.some((l) => l.at === u.at)), keep)];
}

/** One line per reason, the columns that share it named together (usable.ts byReason) */
function reasonLines(us: Unusable[]): Line[] {
  return byReason(us).map(({ reason, columns }): Line => ({ text: `  ${columns.join(', ')}: ${printable(reason)}`, tone: 'dim' }));
}

/**
 * The leave-out choice's words for several columns: what is true of them (unusableWhat), or — all three
 * reasons at once, 81 columns with its marker — the columns the heading above lists with theirs.
 */
function leaveOutWhat(us: Unusable[]): string {
  const what = unusableWhat(us);
  return what.split(', ').length > 2 ? `the ${us.length} columns listed above` : `${us.length} columns Personalize ${what}`;
}

/** Proposed to be left out: neither left out already nor kept (by --keep or the wizard's answer). */
const proposedOf = (r: InferResult, keep: string[] | undefined) => r.unusable.filter((u) => !r.leftOut.some((l) => l.at === u.at) && !isKept(keep, u));

/**
 * The review's choices for these: before Create (so the default) when they unblock it or keep personal
 * data out; after it otherwise (a column with one value in every row does no harm beside Create).
 */
export function ordersChoices(r: InferResult, s: FlowState, required: string[]): { first: Choice[]; later: Choice[] } {
  const first: Choice[] = [];
  const later: Choice[] = [];
  const proposed = proposedOf(r, s.answers.keep);
  if (proposed.length) {
    const urgent = proposed.some((u) => u.kind === 'email' || u.kind === 'personal') || r.problems.some((p) => p.code === 'TOO_MANY_FIELDS');
    (urgent ? first : later).push({ value: 'leave-out', label: `Leave out ${proposed.length === 1 ? placed(proposed[0], printable) : leaveOutWhat(proposed)}`, description: `${proposed.map((u) => placed(u, printable)).join(', ')}: not in the schema, dropped from the copy` });
  }
  if (r.leftOut.length) later.push({ value: 'keep', label: `Keep the columns left out (${r.leftOut.map((u) => placed(u, printable)).join(', ')})`, description: 'in the schema again' });
  const one = keepChoice(unusableOf(r), s.answers.keep);
  if (one) later.push(one);
  // (not for a file with no time column: EVENT_TYPE added would not make it importable — the review
  // says why Create is unavailable, and offering this as the way forward misled)
  const lacks = eventful(r.datasetType) && !r.fields.some((f) => f.name === 'EVENT_TYPE') && r.fields.some((f) => f.name === 'TIMESTAMP');
  if (lacks) {
    const c: Choice = { value: 'event-type', label: 'Add EVENT_TYPE with one value in every row', description: r.eventTypeDefault ? `every row the same event: ${r.eventTypeDefault} (${r.eventTypeWhat ?? 'an order export'})` : 'every row the same event (you name it)' };
    (required.includes('EVENT_TYPE') ? first : later).push(c);
  }
  if (s.answers.eventType !== undefined && r.fields.some((f) => f.added !== undefined)) later.push({ value: 'no-event-type', label: 'Do not add EVENT_TYPE' });
  // a Mixpanel export's item inside its properties JSON: taken out into an ITEM_ID column of the copy
  const j = r.itemInJson;
  if (j && !s.answers.itemFromJson) first.push({ value: 'item-json', label: `Take ITEM_ID from ${printable(j.key)} in ${printable(j.column)}`, description: 'the copy “Fix and continue” writes gets an ITEM_ID column with it (your file is not changed)' });
  const taken = s.answers.itemFromJson;
  if (taken) later.push({ value: 'no-item-json', label: `Do not take ITEM_ID from ${printable(taken.key)}` });
  return { first, later };
}

/** The answers of those choices; true when the schema is to be worked out again. */
export function answerOrders(s: FlowState, v: string, r: InferResult): boolean | 'ask' {
  const src = describeSource(s.answers.source!);
  const d = memoOf(s).dataset!;
  if (v === 'leave-out') s.answers.leaveOut = [...r.leftOut, ...proposedOf(r, s.answers.keep)].map(columnAt);
  else if (v === 'keep') delete s.answers.leaveOut;
  else if (v === 'no-event-type') delete s.answers.eventType;
  else if (v === 'item-json' && r.itemInJson) s.answers.itemFromJson = r.itemInJson;
  else if (v === 'no-item-json') delete s.answers.itemFromJson;
  else if (v === 'event-type') return 'ask';
  else return false;
  d.shapeFor = src;
  // worked out again (the last inference stays until then: its guess of the type is kept, not "given")
  d.of = undefined;
  return true;
}

/** Answers given for another file (its columns) are not this one's. */
export function shapeForFile(s: FlowState, src: string): void {
  const d = memoOf(s).dataset!;
  if (d.shapeFor !== undefined && d.shapeFor !== src) {
    delete s.answers.leaveOut;
    delete s.answers.eventType;
    delete s.answers.itemFromJson;
    d.shapeFor = undefined;
  }
}

export const newDatasetEventStep: StepDef = {
  id: 'new-dataset-event',
  screen: 'dataset',
  kind: 'input',
  applies: () => false,
  async model(s) {
    const r = memoOf(s).dataset!.inferred;
    const suggested = s.answers.eventType ?? r?.eventTypeDefault;
    return frame('new-dataset-event', 'dataset', 'input', 'EVENT_TYPE for every row', {
      lines: [
        { text: `The file has no event type column: every row gets this one (${r?.eventTypeDefault ? `${r.eventTypeWhat ?? 'an order export'}: ${r.eventTypeDefault}` : 'an order export: purchase'}). Your file is not changed: “Fix and continue” writes a copy with the column.`, tone: 'dim' },
        ...(suggested ? [] : [{ text: `Name the event every row records, ${eventExamples(r?.domain)}.`, tone: 'dim' as const }]),
      ],
      ...(suggested ? { default: suggested } : {}),
      check: (v) => eventTypeProblem(v.trim()),
      flag: '--event-type',
      unattended: { error: 'import: give every row one event type with --event-type <value> (e.g. purchase).' },
      label: 'Event type',
      describe: (v) => `${printable(v.trim())} in every row`,
    });
  },
  async answer(s, v) {
    s.answers.eventType = v.trim();
    const d = memoOf(s).dataset!;
    d.shapeFor = describeSource(s.answers.source!);
    d.of = undefined;
    return { goto: 'new-dataset-infer' };
  },
};
