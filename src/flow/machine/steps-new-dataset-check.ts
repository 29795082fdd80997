// "＋ Create the dataset from my CSV": before the schema review, a small local file is checked
// against the schema about to be created, and when the fixer would repair it, fixed once on trial in
// a temporary folder (check-before-create.ts, the rule `import --create` follows). When even the
// fixed copy would fail — a GA4 export where every user appears once, its header renamed only by the
// fix: TOO_FEW_ACTIVE_USERS — or the file fails with errors the fixer does not repair, the review says
// so before anything is created and makes "Pick another file" its default; "Create … anyway" stays
// (data may be added later). Before, the schema and dataset were created first, and only the
// validation and "Fix and continue" afterwards showed that the file could never be imported.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Issue, ValidationReport } from '../../validate/index.js';
import { parseSchema } from '../../validate/index.js';
import { BLOCKS_CREATE, toAvro } from '../../schema/index.js';
import { printable } from '../../schema/printable.js';
import { visible } from '../../core/sanitize.js';
import { AppError } from '../../core/errors.js';
import { recordsOffered } from '../../records/texts.js';
import { checkFile, stillFailing, TRIAL_BYTES } from '../check-before-create.js';
import { anonymousIn } from './segment-lines.js';
import { exportOf } from '../../fix/segment.js';
import { evidenceFromRejects } from '../date-order.js';
import { describeSource } from '../plan.js';
import { frame } from './base.js';
import { memoOf, type CreateMemo } from './steps-new.js';
import { fixOffered, shapeOf } from './steps-fix.js';
import { readPresent, typeTaken } from './type-taken.js';
import type { Choice, FlowPorts, FlowState, Line, StepDef } from './types.js';
import { withCommas } from '../../core/with-commas.js';

type DatasetMemo = NonNullable<CreateMemo['dataset']>;
type Fails = NonNullable<NonNullable<DatasetMemo['check']>['fails']>;

/** the findings shown in the review (the rest counted) */
const SHOWN = 3;

/**
 * What the check is of — the file (path and stamp), the fields, what the fix would be given — or
 * undefined when there is none to make: an S3 source, a file over TRIAL_BYTES, no schema yet, one
 * the review blocks anyway (a missing USER_ID …: it says so itself), or a type the group has already.
 */
function checkInput(s: FlowState, p: FlowPorts) {
  const d = memoOf(s).dataset;
  const src = s.answers.source;
  const group = s.loaded.group;
  if (!d || d.arn || !group || src?.kind !== 'local' || !d.inferred || !d.fields || !d.type || d.unknownType) return undefined;
  // a type the group has already: no second dataset, so no check against a schema for one (type-taken.ts)
  if (typeTaken(s)) return undefined;
  if (d.inferred.problems.some((x) => BLOCKS_CREATE.has(x.code))) return undefined;
  const path = resolve(p.cwd, src.path);
  let stamp: string;
  try {
    const st = statSync(path, { bigint: true });
    if (!st.isFile() || st.size > BigInt(TRIAL_BYTES)) return undefined;
    stamp = `${st.ino}:${st.size}:${st.mtimeNs}`;
  } catch {
    return undefined; // (the validation after the create names an unreadable file)
  }
  const avro = toAvro(d.type, d.fields);
  // the columns the schema named from their values go to the fix as --map does (newDatasetCreateStep)
  const named = Object.entries(d.inferred.named ?? {}).filter(([c, f]) => d.fields!.some((x) => x.column === c && x.name === f));
  const map = named.length || s.answers.headerMap ? { ...Object.fromEntries(named), ...s.answers.headerMap } : undefined;
  const a = s.answers;
  const fix = { map, dates: a.dateOrder, decimal: a.decimalMark, ...shapeOf(a), eventNames: a.eventNames, dropReturns: a.dropReturns, ...(a.anonymousIds ? { anonymousIds: true } : {}) };
  const key = JSON.stringify([path, stamp, avro, group.domain, fix]);
  return { d, key, path, avro, type: d.type, domain: group.domain, fix, name: describeSource(src) };
}

/** where the review is reached from after an answer that changed the fields: through the check when it is due */
export const toReview = (s: FlowState, p: FlowPorts): string => {
  const c = checkInput(s, p);
  return c && c.d.check?.key !== c.key ? 'new-dataset-check' : 'new-dataset';
};

export const newDatasetCheckStep: StepDef = {
  id: 'new-dataset-check',
  screen: 'dataset',
  kind: 'run',
  applies: (s, p) => toReview(s, p) === 'new-dataset-check',
  async model(s) {
    return frame('new-dataset-check', 'dataset', 'run', `Checking ${printable(describeSource(s.answers.source!))} against this schema`, {
      cancel: 'Check stopped; no schema or dataset was created.',
    });
  },
  async run(s, p, ctx) {
    // the group's types as read now (another group picked since the guess: its own may hold this type)
    if (memoOf(s).dataset?.present?.group !== s.loaded.group?.arn) await readPresent(s, p);
    const c = checkInput(s, p);
    if (!c) return undefined; // (reached by a goto after the file went away or grew; or the type is taken)
    ctx.emit({ type: 'note', tone: 'dim', text: `Checking ${printable(c.name)} against this schema (and a copy fixed on trial, if “Fix and continue” would repair it) before anything is created…` });
    const schema = parseSchema(JSON.stringify(c.avro), `the schema for ${c.name}`);
    const r = await checkFile({ path: c.path, name: c.name, schema, datasetType: c.type, domain: c.domain, ...c.fix, workers: p.workers, signal: ctx.signal }).catch((e: unknown) => {
      // Ctrl-C (or Esc): the check's own account, not the fixer's "nothing was written" of a copy never asked for
      throw ctx.signal.aborted ? new AppError('interrupted', `Stopped while checking ${printable(c.name)}: no schema or dataset was created (the copy fixed on trial is deleted).`) : e;
    });
    let fails: Fails | undefined;
    const still = stillFailing(r);
    // an order of day and month still to be asked: what the fix does with those dates is not known yet
    const datesOpen = !c.fix.dates && (r.trial ? Boolean(evidenceFromRejects(r.trial.listed)) : (['day-first', 'month-first'] as const).some((o) => fixOffered(r.report, schema, { kind: 'local', path: c.path }, undefined, c.fix.map, o, c.fix.add, c.fix.decimal, c.fix.leaveOut)));
    const report: ValidationReport | undefined = r.report.valid || datesOpen ? undefined : r.fixable ? (still ? r.trial!.report : undefined) : r.report;
    if (report) fails = { afterFix: Boolean(r.fixable), errors: report.errors, records: recordsOffered({ datasetType: c.type, report, local: true, available: Boolean(p.recordsAvailable) }) };
    // a Segment export whose visitors who never signed in, set aside, leave too few rows: the fix step's
    // "…anonymous visitors by their anonymous_id" comes only after the create, so it is tried here too,
    // and offered at the review when that copy would pass (segment-lines.ts)
    const anon = fails && still && c.type === 'INTERACTIONS' && !c.fix.anonymousIds ? await anonymousIn(c.path) : undefined;
    if (fails && anon) {
      const withIds = await checkFile({ path: c.path, name: c.name, schema, datasetType: c.type, domain: c.domain, ...c.fix, anonymousIds: true, workers: p.workers, signal: ctx.signal });
      if (withIds.trial && !stillFailing(withIds)) fails.anonymous = anon;
    }
    c.d.check = { key: c.key, ...(fails ? { fails } : {}) };
    return undefined;
  },
};

/** what helps, by the findings (the minimums: PERSONALIZE-FACTS.md, "Minimums and sizes") */
function helps(errors: Issue[], records: boolean): string[] {
  const codes = new Set(errors.map((e) => e.code));
  const out: string[] = [];
  if (codes.has('TOO_FEW_ACTIVE_USERS')) out.push('at least 25 users with 2 or more interactions each (the least Personalize trains on): an export of a longer period, or more data added.');
  if (codes.has('TOO_FEW_INTERACTIONS')) out.push(records ? 'an import job needs at least 1,000 interactions; fewer go in record by record: create the dataset anyway, then choose “Import record by record instead” after the check.' : 'an import job needs at least 1,000 interactions: a file with more of them.');
  if (!out.length) out.push('repair these in the file (personalize-import validate lists every row), or pick another file.');
  return out;
}

/**
 * The review's block when the file would fail its import even after the fix (or with errors the
 * fixer does not repair), and the choice that is then the default; undefined when the check found
 * nothing (or was not made for these fields: no block from an earlier schema).
 */
export function failingBlock(s: FlowState, p: FlowPorts): { lines: Line[]; question: string; again: Choice; anonymous?: Choice } | undefined {
  const c = checkInput(s, p);
  const fails = c && c.d.check?.key === c.key ? c.d.check.fails : undefined;
  if (!c || !fails) return undefined;
  const n = fails.errors.length;
  const name = printable(c.name);
  // the findings and what helps last: the lines a terminal shows above the question when the review is taller than it
  const lines: Line[] = [
    { text: fails.afterFix ? `✗ Even after “Fix and continue”, ${name} would fail its import (tried on a copy in a temporary folder, deleted again). No schema or dataset has been created yet:` : `✗ ${name} would fail its import, with ${n === 1 ? 'an error' : 'errors'} “Fix and continue” does not repair. No schema or dataset has been created yet:`, tone: 'error' },
    ...fails.errors.slice(0, SHOWN).map((e): Line => ({ text: `  ${e.code}${e.line !== undefined ? ` (line ${e.line})` : ''}: ${visible(e.message)}`, tone: 'error' })),
    ...(n > SHOWN ? [{ text: `  … and ${n - SHOWN} more`, tone: 'error' as const }] : []),
    ...helps(fails.errors, fails.records).map((text, i): Line => ({ text: `  ${i ? text[0].toUpperCase() + text.slice(1) : `What helps: ${text}`}` })),
  ];
  const anon = fails.anonymous;
  if (anon) {
    lines.push({ text: `  ${withCommas(anon.rows)} of its rows have no ${visible(anon.user)}: visitors who never signed in (${exportOf(anon.anonymous)} names them by ${visible(anon.anonymous)}), set aside by the fix. With their ${visible(anon.anonymous)} as USER_ID the copy would pass (tried too): “Create …, anonymous visitors by their ${visible(anon.anonymous)}”, below (a visitor who signs in later is then two users).` });
  }
  return {
    lines,
    ...(anon ? { anonymous: { value: 'create-anonymous', label: `Create schema and dataset, anonymous visitors by their ${visible(anon.anonymous)}`, description: `“Fix and continue” then writes the ${visible(anon.anonymous)} as USER_ID in the ${withCommas(anon.rows)} rows without a ${visible(anon.user)}` } } : {}),
    // the verdict in the question too: a review taller than the terminal has its lines printed above it
    question: anon ? `${name} would fail its import with its anonymous visitors set aside. Keep them by their ${visible(anon.anonymous)}?` : `${name} would fail its import${fails.afterFix ? ' even fixed' : ''}. Create the schema and dataset anyway?`,
    again: { value: 'again', label: 'Pick another file', description: 'back to the CSV question; no schema or dataset is created' },
  };
}
