// Step 5b: "Fix and continue" (issue #14). After validation, when every error is of a kind the fixer
// (src/fix) repairs, offer to write a fixed copy — beside the CSV, or in a temp folder for S3 input —
// show what changed, and go on with the copy (validated again by the validate step; the upload uses
// it). Rows that cannot be fixed are counted and, with consent, written to a rejects file beside the
// copy (the input's line numbers); the other way out is another file.
import { existsSync, mkdtempSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { isFixable, rejectLines, renderSummary, setAsideRows, type DateOrder, type FixResult } from '../../fix/index.js';
import type { CsvSource as VSource, SchemaModel, ValidationReport } from '../../validate/index.js';
import type { Issue } from '../../validate/issues.js';
import type { StorageApi } from '../../core/ports.js';
import { visible } from '../../core/sanitize.js';
import { describeSource, type CsvSource } from '../plan.js';
import { evidenceFromRejects, type DateEvidence } from '../date-order.js';
import { fixFilled } from '../../fix/fill-down.js';
import { idWarnings, idsAsIs, idsQuestion, retailLines, returnsOf } from './retail-lines.js';
import { anonymousChoice, anonymousLines, anonymousRows, segmentColumnOf, withoutAnonymous } from './segment-lines.js';
import { eventRenames, renamesText } from './fix-events.js';
import { createdByRun, frame } from './base.js';
import { headerLineOf } from './header-line.js';
import { addedFields, startNaming, suggestedColumns, unnamedInHeader } from './fix-naming.js';
import type { FlowEvent, FlowPorts, FlowState, StepDef } from './types.js';
import { shellQuote } from '../../access/render.js';
import { placed, type ColumnAt } from '../../schema/usable.js';
import type { JsonItem } from '../../fix/mixpanel.js';
import { isKept } from './keep-columns.js';
import { withCommas } from '../../core/with-commas.js';
import { asideLabel, asideLines, asideOnlyOffered, asideQuestion, type AsideOnly } from './fix-aside.js';

/** What the fix steps remember (kept on the state, beside the answers). */
export interface FixMemo {
  /** the source as picked (what the fixed copy came from) */
  original: CsvSource;
  output: string;
  rejects: string;
  /** rows that cannot be fixed, waiting for the rejects question (`rows`: the data rows read) */
  pending?: { count: number; lines: number[]; rows?: number; returns?: number };
  /** rows set aside because their dates are in numbers only: the dates question (steps-dates.ts) reads it */
  dateRejects?: { evidence: DateEvidence; column: string; rows: number };
  /** the dates question was answered without an order (`import` without --dates): not asked again */
  datesDeclined?: boolean;
  /** the rejects of the fix that led to the dates question: the rejects question's, if no order is given */
  pendingIfUnsaid?: { count: number; lines: number[]; rows?: number; shown: string[] };
  /** the copy was written and is now the source */
  done?: boolean;
  rejectsWritten?: number;
  /** S3 input: the temp folder exists */
  tempMade?: boolean;
  /** rows the fixer will not repair (at most this many): offered to be set aside */
  setAside?: number;
  /** the file's only errors are rows to set aside (fix-aside.ts): "Set aside … and continue" */
  asideOnly?: AsideOnly;
  /** a valid file that holds columns left out of its schema (dropsOnly): "Continue with the file as it is" was chosen for it */
  keptAsIs?: string;
  /** the dataset and schema the copy was written for (schemaKey): the schema changed since → steps-fix-again.ts */
  schemaFor?: string;
  /** the name of the dataset it was written for (said when the copy is fixed again for another one) */
  datasetFor?: string;
  /** the lines set aside with consent (the rejects question): a fix again that sets aside the same ones does not ask again */
  consented?: number[];
}

export const memoOf = (s: FlowState) => (s as FlowState & { fix?: FixMemo }).fix;

/** The dataset and its schema's fields as the copy is written for them (an UpdateDataset changes it). */
export function schemaKey(s: FlowState): string {
  const d = s.loaded.details;
  return JSON.stringify([d?.dataset.arn, d?.schema?.fields.map((f) => [f.name, f.type, f.nullable])]);
}
const setMemo = (s: FlowState, m: FixMemo | undefined) => ((s as FlowState & { fix?: FixMemo }).fix = m);

export { headerLineOf } from './header-line.js';


/**
 * Where the copy and the rejects go: beside a local file, in a fresh temp folder for S3 input (made
 * only when `create` is set, i.e. when the fix runs; before that the path is only shown).
 */
export function fixPaths(src: CsvSource, create = false): { output: string; rejects: string } {
  const name = src.kind === 'local' ? basename(src.path) : basename(src.key) || 'data.csv';
  const dir = src.kind === 'local' ? dirname(src.path) : create ? mkdtempSync(join(tmpdir(), 'personalize-import-fix-')) : join(tmpdir(), 'personalize-import-fix-…');
  const stem = name.replace(/\.csv$/i, '');
  // never over a file that is there (a copy from an earlier run, one the user edited since): the
  // next free name, export.fixed-2.csv with export.rejects-2.csv, as `fix` refuses without --overwrite
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const paths = { output: join(dir, `${stem}.fixed${suffix}.csv`), rejects: join(dir, `${stem}.rejects${suffix}.csv`) };
    if (src.kind !== 'local' || (!existsSync(paths.output) && !existsSync(paths.rejects))) return paths;
  }
}

/** The source the fixer reads (one file: a folder of objects in S3 is not offered the fix). */
export async function fixInput(src: CsvSource, s3: Pick<StorageApi, 'read' | 'head'>): Promise<VSource | undefined> {
  if (src.kind === 'local') {
    const size = (await stat(src.path)).size;
    const { createReadStream } = await import('node:fs');
    return { name: src.path, path: src.path, size, open: () => createReadStream(src.path, { highWaterMark: 1 << 20 }) };
  }
  if (!src.key || src.key.endsWith('/')) return undefined;
  const head = await s3.head(src.bucket, src.key);
  return { name: describeSource(src), size: head?.size, open: () => s3.read(src.bucket, src.key) };
}

/**
 * Fixable here: errors only of kinds the fixer repairs — or rows it sets aside once asked (a value too
 * many, a broken quote: `setAside`, fewer than half the rows) — one file, not already the fixed copy.
 * A lower-case header with one row of six values was a dead end ("Pick another file") though the
 * fixer repairs the one and sets the other aside.
 */
export function fixOffered(report: ValidationReport | undefined, schema: SchemaModel | undefined, src: CsvSource | undefined, alreadyFixed?: string, map?: Record<string, string>, dates?: DateOrder, add?: Record<string, string>, decimal?: DecimalMark, leaveOut?: number[]): false | { setAside?: number } {
  if (!report || report.valid || !schema || !src) return false;
  if (src.kind === 's3' && (!src.key || src.key.endsWith('/'))) return false;
  if (src.kind === 'local' && alreadyFixed && src.path === alreadyFixed) return false;
  const header = headerLineOf(src);
  // a local file's columns the validator takes for missing fields (Customer Number: USER_ID) count as
  // named: the fix asks for them (steps-fix-name.ts, the guesses its defaults) before it renames anything
  const mapped = new Set(Object.values(map ?? {}));
  const guessed = src.kind === 'local' ? Object.entries(suggestedColumns(report)).filter(([field]) => !mapped.has(field)) : [];
  const named = guessed.length ? { ...Object.fromEntries(guessed.map(([field, column]) => [column, field])), ...map } : map;
  // a Segment or Google Analytics export's visitors who never signed in: the fix step offers their own ID
  const judged = withoutAnonymous(report, header);
  if (isFixable(judged, schema, header, named, dates, add, decimal, leaveOut)) return {};
  const aside = setAsideRows(judged, schema, header, named, dates, add, decimal, leaveOut);
  return aside ? { setAside: aside.rows } : false;
}

/** Runs the fixer for the flow (the wizard's and the machine's one way of doing it). */
export async function runFix(src: CsvSource, s3: Pick<StorageApi, 'read' | 'head'>, opts: { schema: SchemaModel; output: string; rejects?: string; map?: Record<string, string>; dates?: DateOrder; decimal?: DecimalMark; add?: Record<string, string>; eventNames?: Record<string, string>; dropUnknown?: boolean; leaveOut?: number[]; dropReturns?: boolean; anonymousIds?: boolean; jsonItem?: JsonItem; datasetType?: FixOptionsType['datasetType']; domain?: FixOptionsType['domain']; mode?: FixOptionsType['mode']; signal?: AbortSignal; onProgress?: (bytes: number, rows: number) => void }): Promise<FixResult> {
  const input = await fixInput(src, s3);
  if (!input) throw new Error('a folder of objects cannot be fixed as one file');
  // fixFilled: a Shopify products export's later variant rows get their product's columns first
  return fixFilled(input, opts.schema, {
    output: opts.output, ...(opts.rejects ? { rejects: opts.rejects } : {}), ...(opts.map ? { map: opts.map } : {}), ...(opts.dates ? { dates: opts.dates } : {}), ...(opts.decimal ? { decimal: opts.decimal } : {}),
    ...(opts.add ? { add: opts.add } : {}), ...(opts.eventNames ? { eventNames: opts.eventNames } : {}), ...(opts.dropUnknown ? { dropUnknown: true } : {}), ...(opts.leaveOut?.length ? { leaveOut: opts.leaveOut } : {}), ...(opts.dropReturns ? { dropReturns: true } : {}), ...(opts.anonymousIds ? { anonymousIds: true } : {}), ...(opts.jsonItem ? { jsonItem: opts.jsonItem } : {}),
    datasetType: opts.datasetType, domain: opts.domain, mode: opts.mode, signal: opts.signal,
    workers: Math.min(2, availableParallelism()), maxListed: 1000, // shown: the first few; the dates question reads their values
    writeHint: { output: writeHint(src, opts.output), rejects: opts.rejects && writeHint(src, opts.rejects) },
  }, opts.onProgress);
}
type FixOptionsType = import('../../fix/index.js').FixOptions;

/** what to do when the flow's copy (or rejects file) cannot be written: its name came from no flag (there is no -o to pass) */
function writeHint(src: CsvSource, file: string): string {
  const folder = dirname(resolve(file));
  if (src.kind === 'local' && dirname(resolve(src.path)) === folder) return `The fixed copy is written beside the CSV, in ${visible(folder)}: copy the CSV to a folder you can write to and import it from there.`;
  return `It is written in a temporary folder (${visible(folder)}): set TMPDIR to a folder you can write to.`;
}
/** --decimal: the file's decimal mark (how the fixer reads a number written two ways: 1,234) */
export type DecimalMark = 'comma' | 'point';

/** What the answers ask of the copy besides repairs: the fields added (fix-naming.ts addedFields: EVENT_TYPE with one value, ITEM_ID from a JSON column), the columns left out dropped. */
export function shapeOf(a: { eventType?: string; leaveOut?: ColumnAt[]; keep?: string[]; itemFromJson?: JsonItem }): { add?: Record<string, string>; dropUnknown?: boolean; leaveOut?: number[]; jsonItem?: JsonItem } {
  // by their places: of a header naming color twice, the one left out (the schema's color reads the other)
  const out = (a.leaveOut ?? []).filter((c) => !isKept(a.keep, c)).map((c) => c.at);
  const add = addedFields(a);
  return { ...(add ? { add } : {}), ...(a.leaveOut?.length ? { dropUnknown: true } : {}), ...(out.length ? { leaveOut: out } : {}), ...(a.itemFromJson ? { jsonItem: a.itemFromJson } : {}) };
}

/** The summary as lines (text from the file is escaped by the fixer; the paths are made visible here). */
export function summaryLines(r: FixResult): string[] {
  return renderSummary(r, { flow: true }).replace(/\n$/, '').split('\n').map((l) => visible(l));
}

function emitSummary(r: FixResult, emit: (e: FlowEvent) => void) {
  for (const text of summaryLines(r)) emit({ type: 'note', text, tone: /^✗/.test(text) ? 'error' : /^✓/.test(text) ? 'ok' : text.startsWith('    e.g.') ? 'dim' : undefined });
}

const n = (x: number) => withCommas(x);
/** a row the fixer set aside as a return or cancellation (src/fix/rows.ts) */
const RETURN_REASON = /, not a purchase: set aside as asked$/;

export async function doFix(s: FlowState, p: Parameters<NonNullable<StepDef['answer']>>[2], ctx: Parameters<NonNullable<StepDef['answer']>>[3], withRejects: boolean) {
  const memo = memoOf(s)!;
  const details = s.loaded.details!;
  if (memo.original.kind === 's3' && !memo.tempMade) Object.assign(memo, fixPaths(memo.original, true), { tempMade: true });
  ctx.emit({ type: 'note', text: `Fixing ${visible(describeSource(memo.original))} → ${visible(memo.output)}${withRejects ? ` (rows that cannot be fixed → ${visible(memo.rejects)})` : ''} …`, tone: 'dim' });
  const r = await runFix(memo.original, p.s3, {
    schema: details.schema!, output: memo.output, rejects: withRejects ? memo.rejects : undefined, map: s.answers.headerMap, dates: s.answers.dateOrder, decimal: s.answers.decimalMark, ...shapeOf(s.answers), dropReturns: s.answers.dropReturns, anonymousIds: s.answers.anonymousIds, eventNames: s.answers.eventNames,
    datasetType: details.dataset.datasetType, domain: s.answers.domain, mode: s.answers.importMode ?? details.rules.defaultMode, signal: ctx.signal,
  });
  s.doc.fix = { input: describeSource(memo.original), output: r.output ?? null, fixed: r.fixed, changes: r.summary.changes, rejected: r.summary.rejected, ...(r.rejects.file ? { rejects: r.rejects.file } : {}) };
  if (r.problem) {
    // a required field no column of the header holds under a name the fixer knows: which one is asked (steps-fix-name.ts)
    if (/no column for/.test(r.problem) && startNaming(s, memo.original)) return { goto: 'fix-name' };
    emitSummary(r, ctx.emit);
    return { end: { exitCode: 1, reason: 'quit' as const, lines: [`The CSV cannot be fixed: ${visible(r.problem.replace(/\.$/, ''))}. Nothing was uploaded or created.`] } };
  }
  if (!r.output && r.summary.rejected > 0) {
    // dates in numbers only that the validation never reached (it stopped at the separator): which
    // order is asked first (the dates step), then the fix runs again with it — not every row to the rejects file
    const dates = s.answers.dateOrder || memo.datesDeclined ? undefined : evidenceFromRejects(r.rejects.listed);
    if (dates) {
      memo.dateRejects = dates;
      memo.pendingIfUnsaid = { count: r.summary.rejected, lines: r.rejects.listed.map((x) => x.line), rows: r.summary.rows, shown: rejectLines(r.rejects.listed, 5).lines };
      ctx.emit({ type: 'note', text: `The dates in ${visible(dates.column)} are written in numbers only: converting them needs the order of day and month.`, tone: 'dim' });
      return { goto: 'dates' };
    }
    // nothing written: ask whether to set those rows aside (the next step)
    // the returns set aside as asked ("…returns and cancellations set aside", --drop-returns) are said apart
    const returns = r.rejects.listed.filter((x) => RETURN_REASON.test(x.reason)).length;
    memo.pending = { count: r.summary.rejected, lines: r.rejects.listed.map((x) => x.line), rows: r.summary.rows, ...(returns ? { returns } : {}) };
    for (const text of rejectLines(r.rejects.listed, 5).lines) ctx.emit({ type: 'note', text, tone: 'error' });
    return undefined;
  }
  emitSummary(r, ctx.emit);
  if (withRejects && memo.pending) memo.consented = memo.pending.lines;
  memo.pending = undefined;
  memo.done = true;
  memo.schemaFor = schemaKey(s);
  memo.datasetFor = details.dataset.name;
  memo.rejectsWritten = r.rejects.file ? r.summary.rejected : undefined;
  // go on with the copy: validated again (the same engine), uploaded, named by the review
  s.answers.source = { kind: 'local', path: memo.output };
  // S3 input: the copy is uploaded; its bucket is the original's unless one was chosen
  if (memo.original.kind === 's3' && !s.answers.bucket) s.answers.bucket = memo.original.bucket;
  Object.assign(s.loaded, { report: undefined, reportsByMode: undefined, validationSkipped: undefined, upload: undefined });
  return { goto: 'validate' };
}

/**
 * The fix again, once the dates question (asked because the fixer's rejects were dates in numbers
 * only) has its answer: not "Fix and continue" asked twice. Rows still not fixed go to the rejects question.
 */
export async function fixAgain(s: FlowState, p: Parameters<NonNullable<StepDef['answer']>>[2], ctx: Parameters<NonNullable<StepDef['answer']>>[3]) {
  const t = await doFix(s, p, ctx, false);
  return t ?? (memoOf(s)?.pending ? { goto: 'fix-rejects' } : undefined);
}

/**
 * A valid file that still holds columns left out of the schema made from it (an e-mail address:
 * personal data; an order number): the fix is offered to write the copy without them. The columns.
 */
function dropsOnly(s: FlowState): string[] {
  const r = s.loaded.report;
  const src = s.answers.source;
  const cols = s.answers.leaveOut;
  if (!r?.valid || !cols?.length || !src || (src.kind === 's3' && (!src.key || src.key.endsWith('/')))) return [];
  const memo = memoOf(s);
  if (memo && ((src.kind === 'local' && src.path === memo.output) || memo.keptAsIs === describeSource(src))) return [];
  return cols.filter((c) => r.warnings.some((w) => w.code === 'HEADER_UNKNOWN_COLUMN' && w.column === c.column)).map((c) => c.column);
}

/** A valid file whose IDs are all written as decimals (ID_DECIMAL: 13085.0) or have spaces around them (ID_SPACES: " 123"): the fix is offered to write them as Personalize should read them. The warnings. */
function idsOnly(s: FlowState): Issue[] {
  const r = s.loaded.report;
  const src = s.answers.source;
  if (!r?.valid || !src || (src.kind === 's3' && (!src.key || src.key.endsWith('/')))) return [];
  const memo = memoOf(s);
  if (memo && ((src.kind === 'local' && src.path === memo.output) || memo.keptAsIs === describeSource(src))) return [];
  return idWarnings(r);
}

/** A valid Domain group's file whose event types are named otherwise than its recommenders count them (DOMAIN_EVENT_TYPES): the renames offered. */
function eventsOnly(s: FlowState) {
  const r = s.loaded.report;
  const src = s.answers.source;
  if (!r?.valid || !src || (src.kind === 's3' && (!src.key || src.key.endsWith('/')))) return [];
  const memo = memoOf(s);
  if (memo?.keptAsIs === describeSource(src)) return [];
  const renames = eventRenames(r, s.answers.domain, s.answers.eventNames);
  // the fixed copy (its case already written as counted): the other names, fixed again from the original
  return onCopy(s) ? renames.filter((x) => !x.auto) : renames;
}

/** the source is the fixed copy this step wrote */
export const onCopy = (s: FlowState) => Boolean(memoOf(s)?.done && s.answers.source?.kind === 'local' && s.answers.source.path === memoOf(s)!.output);

/** what "Fix and continue" renames (the case rule, the names asked for) and what "Fix and continue: write …" adds */
function renamesOf(s: FlowState) {
  const all = eventRenames(s.loaded.report, s.answers.domain, s.answers.eventNames);
  return { auto: all.filter((r) => r.auto || s.answers.eventNames?.[r.from] !== undefined), more: all.filter((r) => !r.auto && s.answers.eventNames?.[r.from] === undefined) };
}

const quitEnd = (why: string, s?: FlowState) => ({ end: { exitCode: 1, reason: 'quit' as const, lines: [s && createdByRun(s).length ? why.replace('nothing was uploaded or created', 'nothing was uploaded and no import job was created') : why, ...(s ? createdByRun(s) : [])] } });

/** After validation: every error is fixable — fix and continue (default), another file, or quit. */
export const fixStep: StepDef = {
  id: 'fix',
  screen: 'validate',
  kind: 'choose',
  applies: (s) => {
    const shape = shapeOf(s.answers);
    const only = asideOnlyOffered(s.loaded.report, s.loaded.details?.schema, s.answers.source, memoOf(s)?.output, { map: s.answers.headerMap, dates: s.answers.dateOrder, add: shape.add, decimal: s.answers.decimalMark, leaveOut: shape.leaveOut, datasetType: s.loaded.details?.dataset?.datasetType });
    const ok = (only ? { setAside: only.rows, only } : false) || fixOffered(s.loaded.report, s.loaded.details?.schema, s.answers.source, memoOf(s)?.output, s.answers.headerMap, s.answers.dateOrder, shape.add, s.answers.decimalMark, shape.leaveOut) || (dropsOnly(s).length || idsOnly(s).length || eventsOnly(s).length ? {} : false);
    // the dates question's outcome for this file stays (asked once; `import` without --dates not asked again)
    const prev = memoOf(s);
    const kept = prev && describeSource(prev.original) === describeSource(s.answers.source!) ? { dateRejects: prev.dateRejects, datesDeclined: prev.datesDeclined } : {};
    if (ok && onCopy(s)) return true;
    if (ok) setMemo(s, { original: s.answers.source!, ...fixPaths(s.answers.source!), ...(ok.setAside ? { setAside: ok.setAside } : {}), ...('only' in ok && ok.only ? { asideOnly: ok.only } : {}), ...kept });
    return Boolean(ok);
  },
  async model(s) {
    const memo = memoOf(s) ?? { original: s.answers.source!, ...fixPaths(s.answers.source!) };
    setMemo(s, memo);
    const from = s.presetFrom.fix;
    const aside = memo.setAside;
    const drops = dropsOnly(s);
    const ids = drops.length ? [] : idsOnly(s);
    // a valid file whose event types only are named otherwise (fix-events.ts)
    const evOnly = !drops.length && !ids.length && eventsOnly(s).length > 0;
    const { auto, more } = renamesOf(s);
    // a Segment export's visitors who never signed in (segment-lines.ts)
    const anon = await anonymousRows(s);
    // fields the header holds under names the fixer does not know: the fix asks for them first (steps-fix-name.ts)
    const unnamed = !evOnly && !drops.length && !ids.length ? unnamedInHeader(s, memo.original) : undefined;
    // plain "Fix and continue" sets a Segment or GA4 export's anonymous visitors' rows aside (USER_ID
    // empty): the question and its label say so — "Every error is one the fixer repairs" contradicted
    // the line above it (2,657 rows set aside)
    const anonAside = anon && !s.answers.anonymousIds ? anon : undefined;
    const rowsAside = (x: number) => `${x === 1 ? 'the row' : `the ${n(x)} rows`}`;
    const only = memo.asideOnly;
    const question = only ? asideQuestion(only, s.loaded.report?.stats.rows ?? 0) : anonAside && !evOnly && !drops.length && !ids.length ? `“Fix and continue” sets aside ${rowsAside(anonAside.rows)} without a ${visible(anonAside.user)}${aside ? ` and ${aside === 1 ? 'a row' : `about ${n(aside)} rows`} it cannot fix` : ''}; “…anonymous visitors by their ${visible(anonAside.anonymous)}” keeps them. What now?` : evOnly ? `The file is valid, but the ${s.answers.domain} recommenders count event types it names otherwise (${renamesText([...auto, ...more])}). Write a copy with them renamed?` : drops.length ? `The file is valid, but holds ${drops.length === 1 ? 'a column' : 'columns'} left out of the schema (${drops.map(visible).join(', ')}). Write a copy without ${drops.length === 1 ? 'it' : 'them'}?` : ids.length ? idsQuestion(ids) : aside ? `The fixer repairs the other errors; ${aside === 1 ? 'a row' : `about ${n(aside)} rows`} it cannot fix can be set aside. What now?` : unnamed ? `The fixer repairs every error once you say which column holds ${unnamed.missing.join(' and ')}. What now?` : 'Every error is one the fixer repairs. What now?';
    return frame('fix', 'validate', 'choose', question, {
      lines: [
        ...(only ? asideLines(only, memo.output, memo.rejects).map((text, k) => ({ text, tone: k ? 'dim' as const : 'warn' as const, asked: true }))
          : [{ text: `“Fix and continue” writes a fixed copy to ${visible(memo.output)} (the file itself is not changed), shows what changed, checks the copy again and goes on with it.${aside ? ' The rows it cannot fix without guessing are listed first, and set aside only if you agree.' : ''}`, tone: 'dim' as const, asked: true }]),
        // what the answers at the schema review ask of the copy besides repairs (steps-orders.ts)
        ...(s.answers.eventType !== undefined || s.answers.leaveOut?.length ? [{ text: `The copy ${[s.answers.eventType !== undefined ? `gets EVENT_TYPE ${JSON.stringify(visible(s.answers.eventType))} in every row` : '', s.answers.leaveOut?.length ? `leaves out ${s.answers.leaveOut.map((c) => placed(c, visible)).join(', ')}` : ''].filter(Boolean).join(' and ')}.`, tone: 'dim' as const, asked: true }] : []),
        // an order export's IDs written as decimals and its returns (src/fix/retail.ts)
        ...[...retailLines(s.loaded.report, s.answers.dropReturns), ...anonymousLines(s, anon)].map((text) => ({ text, tone: 'dim' as const, asked: true })),
        ...(auto.length && !evOnly ? [{ text: `The copy writes ${renamesText(auto)}: the names the ${s.answers.domain} recommenders count.`, tone: 'dim' as const, asked: true }] : []),
      ],
      choices: [
        ...(evOnly && auto.length ? [{ value: 'fix', label: `Fix and continue: write ${renamesText(auto)}`, description: `writes ${visible(basename(memo.output))} beside it` }] : []),
        // the rows named above: choosing it is the consent (import: --fix --fix-rejects)
        ...(only ? [{ value: 'fix-aside', label: asideLabel(only), description: `writes ${visible(basename(memo.output))}, and ${visible(basename(memo.rejects))} with ${only.rows === 1 ? 'that row' : 'those rows'}${memo.original.kind === 's3' ? ', in a temp folder' : ' beside it'}` }] : []),
        ...(evOnly || only ? [] : [{ value: 'fix', label: anonAside ? `Fix and continue, ${n(anonAside.rows)} row${anonAside.rows === 1 ? '' : 's'} without a ${visible(anonAside.user)} set aside` : 'Fix and continue', description: `writes ${visible(basename(memo.output))}${memo.original.kind === 's3' ? ' in a temp folder, uploaded in step 6' : ' beside it'}${returnsOf(s.loaded.report) && !s.answers.dropReturns ? '; the returns and cancellations kept' : ''}` }]),
        ...(more.length ? [{ value: 'fix-events', label: `Fix and continue: write ${renamesText([...auto, ...more])}`, description: `if ${more.length === 1 ? 'it is the same event' : 'they are the same events'}: the ${s.answers.domain} recommenders count ${[...new Set(more.map((r) => visible(r.to)))].join(' and ')} events` }] : []),
        ...(evOnly ? [{ value: 'as-is', label: 'Continue with the file as it is', description: 'the recommenders that count those event types find none of them' }] : []),
        ...anonymousChoice(s, anon),
        ...(returnsOf(s.loaded.report) && !s.answers.dropReturns ? [{ value: 'fix-returns', label: 'Fix and continue, returns and cancellations set aside', description: `the rows that are not purchases listed first, set aside in ${visible(basename(memo.rejects))} only if you agree` }] : []),
        ...(drops.length ? [{ value: 'as-is', label: 'Continue with the file as it is', description: `${drops.map(visible).join(', ')} uploaded too; Personalize does not document what it does with columns its schema lacks` }] : []),
        ...(ids.length ? [{ value: 'as-is', label: 'Continue with the file as it is', description: idsAsIs(ids) }] : []),
        { value: 'again', label: 'Pick another file' },
        { value: 'quit', label: 'Quit (fix the file yourself)' },
      ],
      // names given beforehand (--event-names) are the user's word: their rename is the default
      default: only ? 'fix-aside' : evOnly && !auto.some((r) => !r.auto) ? 'as-is' : 'fix',
      flag: '--fix',
      ...(from && (!evOnly || auto.length) ? { preset: { value: 'fix', from } } : {}),
      // `import` without --fix: an invalid file stays exit 1, and the message names --fix; a valid one
      // whose IDs are written as decimals goes on as it is (the warning printed; --fix writes the copy)
      unattended: { value: ids.length || evOnly ? 'as-is' : 'no-fix' },
      // the answered line says what was chosen ("✔ Fix  fix-events" was the choice's value)
      describe: (v) => (v === 'fix' ? `fix and continue (${visible(memo.output)})`
        : v === 'fix-aside' ? `${asideLabel(only!).toLowerCase()} (${visible(memo.output)}, ${visible(memo.rejects)})`
        : v === 'fix-events' ? `fix and continue, ${renamesText([...auto, ...more])} (${visible(memo.output)})`
        : v === 'fix-returns' ? `fix and continue, returns and cancellations set aside (${visible(memo.output)})`
        : v === 'fix-anonymous' ? `fix and continue, anonymous visitors by their ${visible(anon?.anonymous ?? 'anonymous_id')} (${visible(memo.output)})`
        : v === 'as-is' ? 'the file as it is'
        : v === 'again' ? 'another file'
        : v),
    });
  },
  async answer(s, v, p, ctx) {
    if (v === 'again') return { goto: 'csv' };
    if (v === 'as-is') {
      memoOf(s)!.keptAsIs = describeSource(s.answers.source!);
      return undefined;
    }
    if (v === 'quit' || v === 'no-fix') {
      // the wizard's Quit names the choice it passed over; `import` (nothing to choose) names its flag
      const memo = memoOf(s)!;
      if (memo.asideOnly) {
        const one = memo.asideOnly.rows === 1;
        const how = v === 'quit' ? `“${asideLabel(memo.asideOnly)}” writes a copy without ${one ? 'it' : 'them'} and imports it` : `Run this again with --fix --fix-rejects to write a copy without ${one ? 'it' : 'them'} and import it`;
        return quitEnd(`The CSV's only errors are ${one ? 'a row' : 'rows'} that cannot be imported as written (line${one ? '' : 's'} ${memo.asideOnly.lines.slice(0, 20).join(', ')}); nothing was uploaded or created. ${how}; ${fixCommand(s, p, memo, memo.rejects)} writes it alone, ${one ? 'that row' : 'those rows'} set aside.`, s);
      }
      if (memo.setAside) {
        const how = v === 'quit' ? 'Fix and continue writes a fixed copy without those rows (asking first) and imports it' : 'Run this again with --fix-rejects to write a fixed copy without them and import it';
        return quitEnd(`The CSV has errors the fixer repairs, and rows it cannot fix (the lines listed above); nothing was uploaded or created. ${how}; ${fixCommand(s, p, memo, memo.rejects)} writes it alone, those rows set aside.`, s);
      }
      const how = v === 'quit' ? 'Fix and continue writes a fixed copy and imports it' : 'Run this again with --fix to write a fixed copy and import it';
      return quitEnd(`The CSV has errors, all of kinds the fixer repairs; nothing was uploaded or created. ${how}; ${fixCommand(s, p, memo)} writes it alone.`, s);
    }
    // the rows were named at the question: set aside at once (`import --fix` alone: asked at fix-rejects, which names --fix-rejects)
    if (v === 'fix-aside') return doFix(s, p, ctx, true);
    if (v === 'fix-returns') s.answers.dropReturns = true;
    if (v === 'fix-anonymous') s.answers.anonymousIds = true;
    if (v === 'fix-events') s.answers.eventNames = { ...s.answers.eventNames, ...Object.fromEntries(renamesOf(s).more.map((r) => [r.from, r.to])) };
    return doFix(s, p, ctx, false);
  },
};

/**
 * The `fix` command that writes the copy alone, as printed when the run stops short of it: the schema
 * the file was checked against (the dataset's ARN; `fix` has no schema of its own: `fix events.csv`
 * alone exits 2) and the answers the fixer reads the file by, each a shell word.
 */
function fixCommand(s: FlowState, p: FlowPorts, memo: FixMemo, rejects?: string): string {
  const a = s.answers;
  const q = (v: string) => shellQuote(visible(v));
  const words = ['personalize-import fix', q(describeSource(memo.original)), '--dataset-arn', q(s.loaded.details!.dataset.arn)];
  if (p.context.sandbox) words.push('--sandbox');
  else if (p.context.profile) words.push('--aws-profile', q(p.context.profile));
  if (a.dateOrder) words.push('--dates', a.dateOrder);
  if (a.decimalMark) words.push('--decimal', a.decimalMark);
  for (const [column, field] of Object.entries(a.headerMap ?? {})) words.push('--map', q(`${column}=${field}`));
  if (a.eventType !== undefined) words.push('--event-type', q(a.eventType));
  for (const [from, to] of Object.entries(a.eventNames ?? {})) words.push('--event-names', q(`${from}=${to}`));
  // a Segment export's anonymous visitors, a Mixpanel export's ITEM_ID from its JSON, as chosen (export-flags.ts)
  const anon = a.anonymousIds ? segmentColumnOf(memo.original) : undefined;
  if (anon) words.push('--user-id-from', q(anon));
  if (a.itemFromJson) words.push('--item-id-from', q(`${a.itemFromJson.column}.${a.itemFromJson.key}`));
  if (s.presetFrom.mode && a.importMode) words.push('--mode', a.importMode.toLowerCase());
  if (rejects) words.push('--rejects', q(rejects));
  if (rejects && a.dropReturns) words.push('--drop-returns');
  return words.join(' ');
}

/** Rows that cannot be fixed without guessing: set them aside in a rejects file and go on, or another file. */
export const fixRejectsStep: StepDef = {
  id: 'fix-rejects',
  screen: 'validate',
  kind: 'choose',
  applies: (s) => Boolean(memoOf(s)?.pending),
  async model(s) {
    const memo = memoOf(s)!;
    const { count, lines } = memo.pending!;
    const from = s.presetFrom['fix-rejects'];
    const listed = lines.slice(0, 8).join(', ') + (count > Math.min(8, lines.length) ? ', …' : '');
    const all = allRows(memo.pending!);
    const returns = memo.pending!.returns ?? 0;
    const what = returns >= count ? `${n(count)} row${count === 1 ? ' is a return or cancellation' : 's are returns or cancellations'}` : `${n(count)} row${count === 1 ? '' : 's'} cannot be fixed without guessing${returns ? ` or ${returns === 1 ? 'is a return' : 'are returns or cancellations'} (${n(returns)})` : ''}`;
    return frame('fix-rejects', 'validate', 'choose', `${what} (line${count === 1 ? '' : 's'} ${listed}). What now?`, {
      choices: [
        { value: 'rejects', label: `Write ${count === 1 ? 'it' : 'them'} to ${visible(basename(memo.rejects))} and continue with the rest`, description: `beside the fixed copy, with ${count === 1 ? 'its' : 'their'} original line numbers`, ...(all ? { disabled: 'that is every row: nothing would be left to import' } : {}) },
        { value: 'again', label: 'Pick another file' },
        { value: 'quit', label: 'Quit (fix those lines first)' },
      ],
      default: all ? 'again' : 'rejects',
      flag: '--fix-rejects',
      ...(from ? { preset: { value: 'rejects', from } } : {}),
      unattended: { value: 'quit' },
    });
  },
  async answer(s, v, p, ctx) {
    const memo = memoOf(s)!;
    if (v === 'again') {
      memo.pending = undefined;
      return { goto: 'csv' };
    }
    // (a dataset this run created stays: said under the message, so not "nothing … created" here)
    const nothing = createdByRun(s).length ? 'nothing was written or uploaded' : 'nothing was written, uploaded or created';
    if (allRows(memo.pending!)) {
      const { count, lines } = memo.pending!;
      const dates = memo.dateRejects ? ` Their dates are written in numbers only (${visible(memo.dateRejects.evidence.example?.value ?? memo.dateRejects.evidence.dayFirst?.value ?? memo.dateRejects.evidence.monthFirst?.value ?? '')}): pass --dates day-first or --dates month-first with --fix to convert them.` : ' The reasons are listed above.';
      return quitEnd(`Every row of ${visible(describeSource(memo.original))} (${n(count)}) cannot be fixed (line${count === 1 ? '' : 's'} ${lines.slice(0, 20).join(', ')}): setting them aside would leave nothing to import; ${nothing}.${dates}`, s);
    }
    if (v === 'quit') {
      const { count, lines } = memo.pending!;
      return quitEnd(`${n(count)} row${count === 1 ? '' : 's'} of ${visible(describeSource(memo.original))} cannot be fixed (line${count === 1 ? '' : 's'} ${lines.slice(0, 20).join(', ')}); ${nothing}. Fix those lines, or pass --fix-rejects to set them aside in ${visible(memo.rejects)} and import the rest.`, s);
    }
    return doFix(s, p, ctx, true);
  },
};

/** every row read would go to the rejects file */
const allRows = (p: { count: number; rows?: number }) => p.rows !== undefined && p.count >= p.rows;
