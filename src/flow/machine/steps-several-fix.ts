// "Fix the files with errors and check again" in the several-files review (issue #19 with #14's fixer).
// The review of several files listed findings the fixer repairs (a column to rename, ISO dates where
// epoch seconds are needed, a row with a value too many) but offered no fix: the user was left to
// rename columns by hand, file by file. Here, when an invalid file is fixable by the single-file
// path's rules (fixOffered: isFixable, or rows set aside once asked), the review offers the fix
// (its default then): each such file gets a fixed copy beside it under the single-file path's name
// (fixPaths: never over a file that is there), fixed against the schema it was validated against;
// the fixer's summary is shown per file, rows it cannot fix are asked about first (as fix-rejects
// asks), then the copies replace the files in the plan and every check runs again (several-check),
// back to the review. Nothing is created or uploaded by fixing; a stop leaves no partial copy (the
// fixer's own guarantee). Files the fixer cannot repair stay as they are, and the review says why.
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, isAppError } from '../../core/errors.js';
import { visible } from '../../core/sanitize.js';
import { fixableIssue, rejectLines, SET_ASIDE } from '../../fix/index.js';
import type { FileCheck, GroupFile } from '../group-files.js';
import { createdByRun, frame } from './base.js';
import { fixOffered, fixPaths, headerLineOf, runFix, summaryLines, type DecimalMark } from './steps-fix.js';
import { evidenceFromRejects, provenOrder, type DateEvidence } from '../date-order.js';
import { dateReadings, type DateOrder } from '../../validate/dates.js';
import { severalOf, type SeveralMemo } from './steps-several.js';
import type { Choice, FlowEvent, FlowState, Line, StepDef } from './types.js';
import { withCommas } from '../../core/with-commas.js';

/** One invalid file on its way through the fix. */
interface FixItem {
  file: GroupFile;
  check: FileCheck;
  output: string;
  rejects: string;
  /** consented: rows the fixer cannot repair go to `rejects` */
  withRejects?: boolean;
  /** rows that cannot be fixed, waiting for the question (`rows`: the data rows read) */
  pending?: { count: number; lines: number[]; rows?: number };
  /** those rows' dates are in numbers only (01.11.2026): the question asks their order first */
  dateRejects?: { evidence: DateEvidence; column: string; rows: number };
  /** the order the fix reads this file's dates in (asked, or the wizard's --dates) */
  dates?: DateOrder;
  done?: 'fixed' | 'not';
}

interface SeveralFixMemo {
  /** the files being fixed (the review's "fix" answer), until the checks run again */
  items?: FixItem[];
  /** copies this run wrote, by path: the fix is not offered for them again */
  copies: Set<string>;
  /** files the fixer did not fix this run (its problem, or left as they are), by path: and why */
  notFixed: Map<string, string>;
}

type WithFix = SeveralMemo & { fix?: SeveralFixMemo };
const fixMemo = (m: SeveralMemo): SeveralFixMemo => ((m as WithFix).fix ??= { copies: new Set(), notFixed: new Map() });
/** a copy the fixer wrote this run (the columns left out are dropped from it already) */
export const isFixerCopy = (m: SeveralMemo, abs: string): boolean => Boolean((m as WithFix).fix?.copies.has(abs));
const n = (x: number) => withCommas(x);
const rows = (x: number) => `${n(x)} row${x === 1 ? '' : 's'}`;


export interface FixOffer {
  check: FileCheck;
  /** fixable: where the copy goes and, when rows would be set aside, about how many */
  fix?: { output: string; rejects: string; setAside?: number };
  /** not fixable: why (one line) */
  why?: string;
}

/** For each file with errors: fixable (by the single-file path's rules, against its own schema) or why not. */
export function fixOffers(m: SeveralMemo, dates?: DateOrder, decimal?: DecimalMark): FixOffer[] {
  const f = fixMemo(m);
  return (m.checks ?? []).filter(needsCopy).map((check) => fixOffer(check, f, dates, decimal));
}

/**
 * One file with errors: fixable or why not (shared with `import --csv … --fix`, src/commands/import-group-fix.ts);
 * `f`: the copies this run wrote and the files it did not fix, not offered again.
 */
export function fixOffer(check: FileCheck, f?: Pick<SeveralFixMemo, 'copies' | 'notFixed'>, dates?: DateOrder, decimal?: DecimalMark): FixOffer {
  const abs = check.file.abs;
  if (f?.copies.has(abs)) return { check, why: 'it is the fixer’s copy already: its errors are left for you (listed above)' };
  const not = f?.notFixed.get(abs);
  if (not) return { check, why: not };
  const src = { kind: 'local' as const, path: abs };
  // a valid file still holding the columns its new schema leaves out (personal data …): the copy drops them
  const ok = fixOffered(check.report, check.schema, src, undefined, check.named, dates, check.add, decimal, shapeOfCheck(check).leaveOut) || (check.report.valid && check.leftOut?.length ? {} : false);
  if (ok) return { check, fix: { ...fixPaths(src), ...(ok.setAside ? { setAside: ok.setAside } : {}) } };
  const header = headerLineOf(src);
  const other = check.report.errors.filter((i) => !fixableIssue(i, check.report, check.schema, header, undefined, dates, check.add, decimal, shapeOfCheck(check).leaveOut));
  if (other.length && other.length < check.report.errors.length && other.every((i) => SET_ASIDE.has(i.code) && (i.line ?? 0) > 1)) {
    return { check, why: 'too many rows the fixer cannot repair (it sets rows aside only when they are fewer than half the file)' };
  }
  const first = other[0];
  return { check, why: first ? `${first.code}${first.line !== undefined ? ` (line ${first.line})` : ''} is not something the fixer repairs without guessing` : 'the fixer does not repair its errors' };
}

/** A file the fix is for: one with errors, or one holding columns its new schema leaves out (they must not be uploaded). */
export const needsCopy = (c: FileCheck): boolean => !c.report.valid || Boolean(c.leftOut?.length);

/** What the copy gets besides repairs: EVENT_TYPE added with one value, the columns left out dropped. */
export const shapeOfCheck = (c: FileCheck): { add?: Record<string, string>; dropUnknown?: boolean; leaveOut?: number[]; map?: Record<string, string> } => ({ ...(c.add ? { add: c.add } : {}), ...(c.leftOut?.length ? { dropUnknown: true, leaveOut: c.leftOut.map((u) => u.at!) } : {}), ...(c.named ? { map: c.named } : {}) });

const SHORT: Record<string, string> = { email: 'personal data', personal: 'personal data', constant: 'one value in every row', empty: 'empty in every row', unique: 'a different value in every row (an order number)', order: 'an order number', json: 'JSON Personalize cannot look into', surplus: 'more than the dataset takes' };

/** The columns each new schema leaves out, grouped by why (a few lines a file): what the copies drop. */
export function leftOutLines(checks: FileCheck[]): Line[] {
  const withDrops = checks.filter((c) => c.leftOut?.length);
  if (!withDrops.length) return [];
  const out: Line[] = [{ text: 'Left out of the new schemas (Personalize has no use for them, or should not get them; the copies drop them):' }];
  for (const c of withDrops) {
    const by = new Map<string, string[]>();
    for (const u of c.leftOut!) by.set(SHORT[u.kind], [...(by.get(SHORT[u.kind]) ?? []), visible(u.column)]);
    out.push({ text: `  ${visible(basename(c.file.path))} — ${[...by].map(([why, cols]) => `${why}: ${cols.join(', ')}`).join('; ')}`, tone: 'dim' });
  }
  return out;
}

/** The copy as the plan shows it: beside the file as it was given (relative stays relative). */
export function copyOf(file: GroupFile, output: string): GroupFile {
  const shown = dirname(file.path) === '.' && !file.path.startsWith('./') ? basename(output) : join(dirname(file.path), basename(output));
  return { ...file, path: shown, abs: output, size: statSync(output).size, typeReason: `${file.typeReason}; the fixer’s copy of ${file.path}` };
}

/** The review of several files, with the fix offered when a file with errors is fixable. */
export function withSeveralFix(review: StepDef): StepDef {
  return {
    ...review,
    async model(s, p) {
      const m = severalOf(s);
      if (!m?.checks) return review.model(s, p);
      // back here from the fix (Esc while it ran): the files as they were checked
      fixMemo(m).items = undefined;
      const offers = fixOffers(m, s.answers.dateOrder, s.answers.decimalMark);
      // the files it repairs show one finding in the review, not pages of findings the fix repairs
      m.fixable = new Set(offers.filter((o) => o.fix).map((o) => o.check.file.abs));
      const mdl = await review.model(s, p);
      if (!offers.length) return mdl;
      const fixable = offers.filter((o) => o.fix);
      const lines: Line[] = [{ text: fixable.length ? 'The fixer writes a fixed copy beside each file it repairs (the file itself is not changed; nothing is created or uploaded):' : 'The fixer cannot repair these files:' }];
      for (const o of offers) {
        const path = visible(o.check.file.path);
        const c = o.check;
        const what = [c.report.valid ? '' : 'the fixer repairs its errors', ...Object.entries(c.add ?? {}).map(([k, v]) => `adds ${k} ${JSON.stringify(visible(v))} in every row`), c.leftOut?.length ? `leaves out ${c.leftOut.length === 1 ? 'a column' : `${c.leftOut.length} columns`} (below)` : ''].filter(Boolean).join(', ');
        if (o.fix) lines.push({ text: `  ${path} → ${visible(basename(o.fix.output))}: ${what}${o.fix.setAside ? `; ${o.fix.setAside === 1 ? 'a row' : `about ${n(o.fix.setAside)} rows`} it cannot fix can be set aside (asked first)` : ''}`, tone: 'dim' });
        else lines.push({ text: `  ${path} stays as it is: ${visible(o.why!)}`, tone: 'dim' });
      }
      lines.push(...leftOutLines(offers.filter((o) => o.fix).map((o) => o.check)));
      // after the files' checks, before the plan (its blank line)
      const plan = mdl.lines.map((l) => l.text).lastIndexOf('');
      const all = plan < 0 ? [...mdl.lines, ...lines] : [...mdl.lines.slice(0, plan), ...lines, ...mdl.lines.slice(plan)];
      if (!fixable.length) return { ...mdl, lines: all };
      const choice: Choice = {
        value: 'fix', label: fixable.every((o) => !o.check.report.valid) ? 'Fix the files with errors and check again' : 'Write the fixed copies and check again',
        description: `writes ${fixable.map((o) => visible(basename(o.fix!.output))).join(', ')} beside ${fixable.length === 1 ? 'it' : 'them'}, shows what changed, checks again; nothing is created`,
      };
      // "import as they are" with columns the new schemas leave out: those are uploaded too (said, as for one file)
      const drops = fixable.filter((o) => o.check.leftOut?.length).flatMap((o) => o.check.leftOut!.map((u) => visible(u.column)));
      const choices = (mdl.choices ?? []).map((c) => (c.value === 'go' && drops.length && !c.disabled ? { ...c, description: `as they are: ${drops.slice(0, 4).join(', ')}${drops.length > 4 ? ', …' : ''} uploaded too (Personalize does not document what it does with columns its schema lacks)` } : c));
      const at = choices.findIndex((c) => c.value !== 'go');
      choices.splice(at < 0 ? choices.length : at, 0, choice);
      return { ...mdl, lines: all, choices, default: 'fix' };
    },
    async answer(s, v, p, ctx) {
      const m = severalOf(s);
      if (v !== 'fix' || !m) return review.answer!(s, v, p, ctx);
      fixMemo(m).items = fixOffers(m, s.answers.dateOrder, s.answers.decimalMark).filter((o) => o.fix).map((o) => ({ file: o.check.file, check: o.check, output: o.fix!.output, rejects: o.fix!.rejects }));
      return { goto: 'several-fix' };
    },
  };
}

const itemsOf = (s: FlowState) => {
  const m = severalOf(s);
  return m && !m.jobs ? (m as WithFix).fix?.items : undefined;
};

/** The fixer's summary in a few lines a file: what was written, the kinds of change with an example (blank lines dropped). */
export function shortSummary(lines: string[], max = 9): string[] {
  const shown = lines.filter((l) => l.trim() && !/^ {2}read as /.test(l));
  // (one line more is shown rather than a line that says it is hidden)
  const cut = shown.length > max + 1 ? max : shown.length;
  return [...shown.slice(0, cut).map((text) => `  ${text}`), ...(cut < shown.length ? [`    … ${shown.length - cut} more lines (personalize-import fix on the file prints them all)`] : [])];
}

function emitSummary(lines: string[], emit: (e: FlowEvent) => void) {
  for (const text of shortSummary(lines)) emit({ type: 'note', text, tone: /^ {2}✗/.test(text) ? 'error' : /^ {2}✓/.test(text) ? 'ok' : text.startsWith('      e.g.') || text.startsWith('    … ') ? 'dim' : undefined });
}

/** Fixes the chosen files one after the other; stops at one with rows to ask about. */
export const severalFixStep: StepDef = {
  id: 'several-fix',
  screen: 'validate',
  kind: 'run',
  applies: (s) => Boolean(itemsOf(s)?.some((i) => !i.done && !i.pending)),
  async model(s) {
    const todo = itemsOf(s)!.filter((i) => !i.done);
    return frame('several-fix', 'validate', 'run', `Fixing ${todo.length === 1 ? visible(todo[0].file.path) : `${todo.length} files`}`, {
      cancel: 'Fixing stopped: no partial copy is left (a file fixed before the stop keeps its copy beside it); the review has the files as they were checked.',
    });
  },
  async run(s, p, ctx) {
    const m = severalOf(s)!;
    const f = fixMemo(m);
    const items = f.items!;
    for (const it of items.filter((i) => !i.done)) {
      ctx.emit({ type: 'note', tone: 'dim', text: `Fixing ${visible(it.file.path)} → ${visible(basename(it.output))}${it.withRejects ? ` (rows that cannot be fixed → ${visible(basename(it.rejects))})` : ''} …` });
      let r;
      try {
        r = await runFix({ kind: 'local', path: it.file.abs }, p.s3, {
          schema: it.check.schema, output: it.output, ...shapeOfCheck(it.check), ...(it.withRejects ? { rejects: it.rejects } : {}), ...((it.dates ?? s.answers.dateOrder) ? { dates: it.dates ?? s.answers.dateOrder } : {}), ...(s.answers.decimalMark ? { decimal: s.answers.decimalMark } : {}),
          datasetType: it.file.type, domain: s.loaded.group?.domain, mode: m.modes?.[it.file.type] ?? 'FULL', signal: ctx.signal,
        });
      } catch (e) {
        if (ctx.signal.aborted || (isAppError(e) && e.kind === 'interrupted')) {
          const made = items.filter((i) => i.done === 'fixed').map((i) => visible(i.output));
          const hint = [...(made.length ? [`Fixed before the stop (kept): ${made.join(', ')}.`] : []), ...createdByRun(s)].join(' ');
          throw new AppError('interrupted', `Stopped while fixing ${visible(it.file.path)}: no partial copy of it is left. Nothing was uploaded and no import job was created.`, { ...(hint ? { hint } : {}), cause: e });
        }
        throw e;
      }
      if (r.problem) {
        emitSummary(summaryLines(r), ctx.emit);
        it.done = 'not';
        f.notFixed.set(it.file.abs, `the fixer could not: ${r.problem}`);
        continue;
      }
      if (!r.output && r.summary.rejected > 0) {
        // nothing written: ask first whether to set those rows aside (several-fix-rejects)
        it.pending = { count: r.summary.rejected, lines: r.rejects.listed.map((x) => x.line), rows: r.summary.rows };
        // dates in numbers only the fix cannot read without their order: the question asks it (not every row aside)
        it.dateRejects = it.dates ?? s.answers.dateOrder ? undefined : evidenceFromRejects(r.rejects.listed);
        ctx.emit({ type: 'note', tone: 'error', text: `  ${visible(it.file.path)}: ${rows(r.summary.rejected)} cannot be fixed without guessing${it.dateRejects ? ': their dates are in numbers only (the order is asked next)' : ''}` });
        if (!it.dateRejects) for (const l of rejectLines(r.rejects.listed, 5).lines) ctx.emit({ type: 'note', text: `  ${l}`, tone: 'error' });
        return undefined;
      }
      emitSummary(summaryLines(r), ctx.emit);
      it.done = 'fixed';
      f.copies.add(it.output);
    }
    // the copies replace their files in the plan; every check runs again (each file, then across them)
    const fixed = items.filter((i) => i.done === 'fixed');
    f.items = undefined;
    if (!fixed.length) return { goto: 'several-review' };
    m.files = m.files.map((file) => {
      const it = fixed.find((i) => i.file === file);
      return it ? copyOf(file, it.output) : file;
    });
    m.checks = undefined;
    m.cross = undefined;
    ctx.emit({ type: 'note', tone: 'dim', text: `Checking the files again, with ${fixed.map((i) => visible(basename(i.output))).join(', ')} in place of ${fixed.length === 1 ? 'the file' : 'the files'} with errors…` });
    return { goto: 'several-check' };
  },
};

/** Rows of one file the fixer cannot repair: set them aside beside its copy, or leave the file as it is. */
export const severalFixRejectsStep: StepDef = {
  id: 'several-fix-rejects',
  screen: 'validate',
  kind: 'choose',
  applies: (s) => Boolean(itemsOf(s)?.some((i) => i.pending)),
  async model(s) {
    const it = itemsOf(s)!.find((i) => i.pending)!;
    const { count, lines } = it.pending!;
    const listed = lines.slice(0, 8).join(', ') + (count > Math.min(8, lines.length) ? ', …' : '');
    const all = it.pending!.rows !== undefined && count >= it.pending!.rows;
    const leave: Choice = { value: 'leave', label: `Leave ${visible(it.file.path)} as it is`, description: 'the other files are still fixed; the review lists its errors' };
    const quit: Choice = { value: 'quit', label: 'Quit (create nothing)' };
    if (it.dateRejects) return datesQuestion(it, it.dateRejects, [leave, quit]);
    return frame('several-fix-rejects', 'validate', 'choose', `${rows(count)} of ${visible(it.file.path)} cannot be fixed without guessing (line${count === 1 ? '' : 's'} ${listed}). What now?`, {
      label: 'Rejects',
      choices: [
        { value: 'rejects', label: `Write ${count === 1 ? 'it' : 'them'} to ${visible(basename(it.rejects))} and fix the rest`, description: `beside the fixed copy, with ${count === 1 ? 'its' : 'their'} original line numbers`, ...(all ? { disabled: 'that is every row: nothing would be left to import' } : {}) },
        leave,
        quit,
      ],
      default: all ? 'leave' : 'rejects',
      unattended: { value: 'leave' },
    });
  },
  async answer(s, v) {
    const m = severalOf(s)!;
    const f = fixMemo(m);
    const it = f.items!.find((i) => i.pending)!;
    if (v === 'quit') {
      const made = f.items!.filter((i) => i.done === 'fixed').map((i) => visible(i.output));
      return { end: { exitCode: 0, reason: 'quit', lines: [...createdByRun(s), ...(made.length ? [`Fixed copies written (they stay): ${made.join(', ')}.`] : []), 'Nothing was uploaded and no import job was created.'] } };
    }
    if (v === 'day-first' || v === 'month-first') {
      // the order asked: this file is fixed again, its dates read in it
      it.dates = v;
      it.pending = undefined;
      it.dateRejects = undefined;
      return { goto: 'several-fix' };
    }
    if (v === 'leave') {
      f.notFixed.set(it.file.abs, `you chose to leave it (${rows(it.pending!.count)} the fixer cannot repair)`);
      it.done = 'not';
    } else it.withRejects = true;
    it.pending = undefined;
    return { goto: 'several-fix' };
  },
};

/**
 * One file's rows set aside only because its dates are in numbers only (a `;` export stops the
 * validation at its header, so the fixer meets them first): which order, shown with a value of the
 * file — the order a listed row proves is the default, none otherwise — or leave the file, or quit.
 */
function datesQuestion(it: FixItem, d: NonNullable<FixItem['dateRejects']>, rest: Choice[]) {
  const e = d.evidence;
  const proven = provenOrder(e);
  const shown = dateReadings((e.example ?? e.dayFirst ?? e.monthFirst)!.value)!;
  const proof = proven === 'day-first' ? e.dayFirst : proven === 'month-first' ? e.monthFirst : undefined;
  const at = (v: { value: string; line: number }) => `${visible(v.value)} (line ${n(v.line)})`;
  const lines: Line[] = [
    { text: `${visible(d.column)} of ${visible(it.file.path)} has dates in numbers only: which number is the day, the value cannot tell, and the fix does not guess.`, asked: true },
    proof
      ? { text: `${at(proof)} can only be ${proven === 'day-first' ? proof.dayFirst : proof.monthFirst}: the ${proven === 'day-first' ? 'day' : 'month'} first in this file.`, tone: 'ok', asked: true }
      : { text: `No date in the first ${n(d.rows)} rows the fixer could not read decides it: choose the order your system writes.`, tone: 'dim', asked: true },
  ];
  const order = (o: DateOrder, reading: string | undefined, name: string): Choice => (reading
    ? { value: o, label: `${reading} (${name})`, description: `${name}: the file is fixed again with its dates read so` }
    : { value: o, label: name[0].toUpperCase() + name.slice(1), disabled: `${visible(shown.date)} is no date with the ${name}` });
  return frame('several-fix-rejects', 'validate', 'choose', `How are the dates in ${visible(it.file.path)} written? ${visible(shown.date)} is:`, {
    label: 'Dates',
    lines,
    choices: [order('day-first', shown.dayFirst, 'day first'), order('month-first', shown.monthFirst, 'month first'), ...rest],
    ...(proven ? { default: proven } : { noDefault: true }),
    unattended: { value: 'leave' },
  });
}
