// Step 5a: "How are the dates written?" An export that writes its dates in numbers only
// (01.11.2026 10:00, most of Europe; 11/01/2026, the US) cannot be converted without knowing which
// number is the day — the fixer never guesses. After the validation finds such dates, and when the
// order is all "Fix and continue" lacks, the flow asks it once, showing a value of the file; the
// answer is answers.dateOrder (what `--dates` gives `import`, `fix` and the wizard), which the fix
// step reads with. A default is given only when the file decides it: a value such as 13.11.2026
// (day first) or 11/13/2026 (month first) — then the question is still asked, with that value shown
// as the reason, so the newcomer sees what the copy will hold before it is written.
import { createReadStream } from 'node:fs';
import type { DateOrder } from '../../validate/dates.js';
import { dateReadings } from '../../validate/dates.js';
import type { Issue, ValidationReport } from '../../validate/index.js';
import { visible } from '../../core/sanitize.js';
import { aliasRank } from '../../validate/aliases.js';
import { dateEvidence, EVIDENCE_BYTES, provenOrder, type DateEvidence, type DateValue } from '../date-order.js';
import { describeSource } from '../plan.js';
import { frame } from './base.js';
import { fixAgain, fixOffered, shapeOf } from './steps-fix.js';
import type { FlowPorts, FlowState, Line, StepDef } from './types.js';
import { withCommas } from '../../core/with-commas.js';

/** the value a type finding quotes (`column X: "value" is not …`) */
function quoted(i: Issue): string | undefined {
  const m = /: ("(?:[^"\\]|\\.)*") is not /.exec(i.message);
  try {
    return m ? (JSON.parse(m[1]) as string) : undefined;
  } catch {
    return undefined;
  }
}

/** the report's findings that are dates in numbers only (01.11.2026): their order is the question */
function numericDates(r: ValidationReport): Issue[] {
  return r.errors.filter((i) => /^TYPE_(LONG|INT)$/.test(i.code) && dateReadings(quoted(i) ?? '') !== undefined);
}

interface DatesMemo {
  /** the source the evidence and the answer are of */
  for: string;
  evidence?: DateEvidence;
  /** the value the question showed, and what was answered (the review names it: orderText) */
  shown?: { date: string; dayFirst?: string; monthFirst?: string };
  said?: string;
  /** the fixer's rejects proved nothing and the file's own column did */
  fromFile?: boolean;
}
const memoOf = (s: FlowState) => (s as FlowState & { dates?: DatesMemo }).dates;
const setMemo = (s: FlowState, m: DatesMemo) => ((s as FlowState & { dates?: DatesMemo }).dates = m);
type FixSide = {
  output?: string; original?: Parameters<typeof describeSource>[0]; dateRejects?: { evidence: DateEvidence; column: string; rows: number }; datesDeclined?: boolean;
  pending?: { count: number; lines: number[]; rows?: number }; pendingIfUnsaid?: { count: number; lines: number[]; rows?: number; shown: string[] };
};
const fixMemo = (s: FlowState) => (s as FlowState & { fix?: FixSide }).fix;
const fixOutput = (s: FlowState) => fixMemo(s)?.output;
/** the fixer's rejects were dates in numbers only (steps-fix.ts doFix), for the file picked now */
function fromRejects(s: FlowState) {
  const f = fixMemo(s);
  return f?.dateRejects && f.original && s.answers.source && describeSource(f.original) === describeSource(s.answers.source) ? f.dateRejects : undefined;
}

/**
 * The question applies: the report has dates in numbers only, and with an order the fix would be
 * offered (a file with other errors the fixer cannot repair is not asked a question that changes nothing).
 */
export function datesAsked(s: FlowState): boolean {
  if (fromRejects(s)) return true;
  const r = s.loaded.report;
  const schema = s.loaded.details?.schema;
  const src = s.answers.source;
  if (!r || r.valid || !schema || !src || !numericDates(r).length) return false;
  const offered = (order: DateOrder) => Boolean(fixOffered(r, schema, src, fixOutput(s), s.answers.headerMap, order, s.answers.eventType !== undefined ? { EVENT_TYPE: s.answers.eventType } : undefined, s.answers.decimalMark, shapeOf(s.answers).leaveOut));
  return offered('day-first') || offered('month-first');
}

const FLAG_HINT = /: pass --dates (?:day-first or --dates month-first|day-first|month-first)( to say which comes first)? to fix \(or import --fix\), which then converts it to epoch seconds\./;

/**
 * The report as the flow shows it when the question follows: the findings say what the value could
 * be, the question (or, for `import`, its note naming --dates) says what to do — not "pass --dates"
 * to a wizard that asks it on the next line.
 */
export function withoutFlagHint(r: ValidationReport): ValidationReport {
  const strip = (i: Issue) => (FLAG_HINT.test(i.message) ? { ...i, message: i.message.replace(FLAG_HINT, '.') } : i);
  return { ...r, errors: r.errors.map(strip) };
}

/** schema infer's TIMESTAMP_DATES in the wizard's create-the-dataset review: the question comes after the dataset exists */
export function datesAskedLater(message: string): string {
  return message.replace(/: pass --dates (?:day-first or --dates month-first|day-first|month-first)( to say which comes first)? to fix \(or import --fix\), which then converts them/, ': once the dataset exists, the validation asks how the dates are written and “Fix and continue” converts them');
}

async function openOf(src: NonNullable<FlowState['answers']['source']>, p: FlowPorts): Promise<AsyncIterable<Uint8Array> | undefined> {
  return src.kind === 'local' ? createReadStream(src.path, { highWaterMark: 1 << 20 }) : src.key && !src.key.endsWith('/') ? await p.s3.read(src.bucket, src.key) : undefined;
}

/** The file's column the fixer renamed to `field`: its own name, --map's / "Name the columns", else its most specific alias */
function columnFor(cells: string[], field: string, map: Record<string, string> | undefined): number {
  const own = cells.findIndex((c) => c.toLowerCase() === field.toLowerCase() || map?.[c]?.toUpperCase() === field.toUpperCase());
  if (own >= 0) return own;
  const ranked = cells.map((c, i) => ({ i, r: aliasRank(c, field) })).filter((x) => x.r >= 0).sort((a, b) => a.r - b.r);
  return ranked[0]?.i ?? -1;
}

async function evidenceOf(s: FlowState, p: FlowPorts): Promise<DateEvidence | undefined> {
  const src = s.answers.source!;
  const key = describeSource(src);
  const memo = memoOf(s);
  if (memo?.for === key && memo.evidence) return memo.evidence;
  const rejected = fromRejects(s);
  if (rejected) {
    // the fixer lists its first rejects only (UCI Online Retail's first 1,000 rows are all 1–12 December):
    // when they prove nothing, the file's own column (InvoiceDate, renamed TIMESTAMP in the copy) may
    let evidence = rejected.evidence;
    const original = provenOrder(evidence) ? undefined : await openOf(src, p);
    const whole = original ? await dateEvidence(original, (cells) => columnFor(cells, rejected.column, s.answers.headerMap)).catch(() => undefined) : undefined;
    if (whole && provenOrder(whole)) evidence = whole;
    setMemo(s, { for: key, evidence, ...(evidence === whole ? { fromFile: true } : {}) });
    return evidence;
  }
  setMemo(s, { for: key });
  const column = numericDates(s.loaded.report!)[0]?.column;
  if (!column) return undefined;
  const open = await openOf(src, p);
  const evidence = open ? await dateEvidence(open, column).catch(() => undefined) : undefined;
  setMemo(s, { for: key, ...(evidence ? { evidence } : {}) });
  return evidence;
}

const ORDER_NAME: Record<DateOrder, string> = { 'day-first': 'day first', 'month-first': 'month first' };
const at = (v: DateValue) => `${visible(v.value)} (line ${withCommas(v.line)})`;

/** What the review and the summary say of the order: "day first (01.11.2026 = 1 November)". */
export function orderText(order: DateOrder, shown: { date: string; dayFirst?: string; monthFirst?: string } | undefined): string {
  const reading = shown && (order === 'day-first' ? shown.dayFirst : shown.monthFirst);
  return `${ORDER_NAME[order]}${reading ? ` (${visible(shown!.date)} = ${reading})` : ''}`;
}

/** The value the question shows: one either order reads (from the file, else the report), else a proof. */
function shownValue(s: FlowState, e: DateEvidence | undefined) {
  if (e?.example) return dateReadings(e.example.value)!;
  const listed = numericDates(s.loaded.report!).map((i) => dateReadings(quoted(i)!)!);
  return listed.find((r) => r.dayFirst && r.monthFirst) ?? (e?.dayFirst ? dateReadings(e.dayFirst.value)! : e?.monthFirst ? dateReadings(e.monthFirst.value)! : listed[0]);
}

export const datesStep: StepDef = {
  id: 'dates',
  screen: 'validate',
  kind: 'choose',
  applies: (s) => datesAsked(s),
  async model(s, p) {
    const e = await evidenceOf(s, p);
    const proven = provenOrder(e);
    const shown = shownValue(s, e);
    const rejected = fromRejects(s);
    const column = numericDates(s.loaded.report!)[0]?.column ?? rejected?.column ?? 'TIMESTAMP';
    const read = rejected && !memoOf(s)?.fromFile ? `the first ${withCommas(rejected.rows)} rows the fixer could not read` : e ? (e.whole ? 'the file' : `its first ${EVIDENCE_BYTES / 1024 / 1024} MB`) : 'the rows listed';
    const lines: Line[] = [
      // (the file's own name for the column too, when the copy renames it: InvoiceDate → TIMESTAMP)
      { text: `${visible(column)}${e?.column && e.column.toLowerCase() !== column.toLowerCase() ? ` (column ${visible(e.column)})` : ''} has dates in numbers only, e.g. ${e?.example ? at(e.example) : visible(shown.date)}: which number is the day, the value cannot tell.`, asked: true },
    ];
    if (proven) {
      const proof = (proven === 'day-first' ? e!.dayFirst : e!.monthFirst)!;
      lines.push({ text: `${at(proof)} can only be ${proven === 'day-first' ? proof.dayFirst : proof.monthFirst}: the ${ORDER_NAME[proven]} in this file.`, tone: 'ok', asked: true });
    } else if (e?.dayFirst && e.monthFirst) {
      lines.push({ text: `This file has both: ${at(e.dayFirst)} is day first, ${at(e.monthFirst)} month first. Rows the order chosen cannot read are listed; set aside only if you agree.`, tone: 'warn', asked: true });
    } else {
      lines.push({ text: `No date in ${read} decides it (day and month are 12 or lower in every one): choose the order your system writes.`, tone: 'dim', asked: true });
    }
    lines.push({ text: '“Fix and continue” then converts them to epoch seconds in a copy.', tone: 'dim', asked: true });
    memoOf(s)!.shown = shown;
    const from = s.presetFrom.dates;
    const choice = (order: DateOrder) => {
      const reading = order === 'day-first' ? shown.dayFirst : shown.monthFirst;
      // against the file's proof: say what choosing it anyway does to the rows that prove the other order
      const against = proven && proven !== order ? (proven === 'day-first' ? e!.dayFirst : e!.monthFirst)! : undefined;
      const example = against ? `${at(against)} and every date like it would be set aside` : order === 'day-first' ? 'DD.MM.YYYY, DD/MM/YYYY: most of Europe' : 'MM/DD/YYYY: the US';
      return reading
        ? { value: order, label: `${reading} (${ORDER_NAME[order]})`, description: example }
        : { value: order, label: `${ORDER_NAME[order][0].toUpperCase()}${ORDER_NAME[order].slice(1)}`, disabled: `${visible(shown.date)} is no date with the ${ORDER_NAME[order]}` };
    };
    return frame('dates', 'validate', 'choose', `How are the dates written? ${visible(shown.date)} is:`, {
      lines,
      choices: [choice('day-first'), choice('month-first')],
      ...(proven ? { default: proven } : { noDefault: true }),
      flag: '--dates day-first|month-first',
      label: 'Dates',
      ...(from && s.answers.dateOrder ? { preset: { value: s.answers.dateOrder, from } } : {}),
      // `import` without --dates: nothing is guessed (the fix is not offered); the note names the flag
      unattended: { value: 'unsaid', note: `The dates in ${visible(column)} are written in numbers only (${visible(shown.date)}): ${proven ? `this file writes the ${ORDER_NAME[proven]} (${visible((proven === 'day-first' ? e!.dayFirst : e!.monthFirst)!.value)} on line ${withCommas((proven === 'day-first' ? e!.dayFirst : e!.monthFirst)!.line)}): pass --dates ${proven}` : 'pass --dates day-first or --dates month-first'} (with --fix) to convert them.` },
      describe: (v) => (v === 'day-first' || v === 'month-first' ? orderText(v, shown) : 'not said'),
    });
  },
  async answer(s, v, p, ctx) {
    if (v !== 'day-first' && v !== 'month-first') {
      // `import` without --dates: not back here; when the fix's rejects led here, they are the rejects
      // question's (the fix is not run again to find the same rows)
      const f = fixMemo(s);
      if (f) f.datesDeclined = true;
      if (f?.pendingIfUnsaid && fromRejects(s)) {
        const { shown, ...pending } = f.pendingIfUnsaid;
        f.pending = pending;
        for (const text of shown) ctx.emit({ type: 'note', text, tone: 'error' });
        return { goto: 'fix-rejects' };
      }
      return undefined;
    }
    s.answers.dateOrder = v;
    const memo = memoOf(s)!;
    memo.said = orderText(v, memo.shown);
    // asked because the fix found these dates (the validation never reached them): the fix runs again now
    if (fromRejects(s)) return fixAgain(s, p, ctx);
    return undefined;
  },
};

/**
 * What the review says of the dates (a row), once the copy "Fix and continue" wrote is what goes in:
 * the order they were read in, with the value the question showed.
 */
export function datesReviewed(s: FlowState): string | undefined {
  const memo = memoOf(s);
  const fix = (s as FlowState & { fix?: { original: Parameters<typeof describeSource>[0]; done?: boolean } }).fix;
  if (!memo?.said || !s.answers.dateOrder || !fix?.done || describeSource(fix.original) !== memo.for) return undefined;
  return `${memo.said} → epoch seconds in the copy`;
}
