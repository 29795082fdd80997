// The Ink face of the step machine (src/flow/machine): drive() walks the steps — which one is next,
// branches, where Esc goes, what a profile answered — and this face only draws. ask(model) shows the
// model by its KIND (ChooseView, InputView, ReviewView); the events of run steps are drawn by type
// (RunView). Above the current screen: the ✔ summary of what is answered (the answers given here and
// the `answered` events of preset steps), the title with "step n of m" and the purpose line.
// Esc answers { back }; Ctrl-C aborts the walk's signal and the end says what is true.
import React, { useContext, useEffect, useReducer, useRef, useState } from 'react';
import { Box, measureElement, Static, Text, useStdout, type DOMElement } from 'ink';
import { useKeys } from '../keys.js';
import { Settle } from '../settle-context.js';
import { drive, newState, type Face, type FaceAnswer } from '../../../flow/machine/drive.js';
import { whatHappened } from '../../../flow/machine/base.js';
import type { FlowEnd, FlowEvent, FlowPorts, FlowState, Line, StepDef, StepModel } from '../../../flow/machine/types.js';
import { compact, LineText } from './lines.js';
import { formatBytes } from '../../../flow/run.js';
import { isAppError } from '../../../core/errors.js';
import { Spinner } from '../components/Spinner.js';
import { ErrorBox } from '../steps/common.js';
import { AnsweredLine, Header, type Answered } from '../chrome.js';
import { jobSummary } from '../../../flow/run-summary.js';
import { ChooseView } from './ChooseView.js';
import { InputView } from './InputView.js';
import { ReviewView } from './ReviewView.js';
import { RunView } from './RunView.js';
import { EndLines } from './EndLines.js';
import { PrintAllFindings } from '../steps/Findings.js';
import { issueTotal } from '../../../validate/issues.js';
import { withCommas } from '../../../core/with-commas.js';

export interface FlowScreenProps {
  ports: FlowPorts;
  state: FlowState;
  /** lines above the machine's answers (step 1, Where) */
  lead: Answered[];
  notice?: string;
  /** tests: another list of steps */
  steps?: readonly StepDef[];
  /** Ctrl-C's handler while the walk runs */
  onInterrupt(h: (() => void) | undefined): void;
  /** Esc at the first step: back to what is before the machine (Where) */
  onBackOut(): void;
  /** record by record chosen: the file and dataset for the records path */
  onRecords(end: FlowEnd, s: FlowState): void;
  /** printed: the lines are in the scrollback already (<Static>) and the live area is empty */
  exit(code: number, lines?: string[], o?: { printed?: boolean }): void;
  /** observers (tests): a step is asked; the walk ended */
  onAsk?(m: StepModel): void;
  onEnd?(end: FlowEnd, s: FlowState): void;
}

interface Store {
  ask?: { m: StepModel; n: number; resolve(a: FaceAnswer): void };
  running?: StepModel;
  screen?: StepModel;
  cancel?: () => void;
  /** what the steps reported since the last answer */
  log: FlowEvent[];
  entries: Answered[];
  /** the job exists: the answers went to the scrollback (Static) */
  frozen: boolean;
  seenAt: number;
  /** the live frame's fit to the terminal for the screen on show (see the render) */
  fit?: { shape: string; compact: boolean; rest?: number; fresh?: boolean; printLines?: boolean; printed?: boolean; bare?: { of: StepModel; m: StepModel } };
  /** where the run step under way began in the log (what earlier steps said gives way to its progress) */
  runFrom: number;
  last?: { status: string; elapsedMs: number };
  error?: unknown;
  /** what the steps had reported when the last question was answered (the screen's content then) */
  answeredLog: FlowEvent[];
  /** the run ended: all that stays went to the scrollback (Static); the live area is empty */
  ended?: { code: number; lines: string[] };
  /** per question, what the steps had reported beside it when it was last answered: Esc back to it
   *  shows that again (the verdict's validation report), not the question alone */
  shown: Map<string, FlowEvent[]>;
  /** the last answer was Esc */
  back?: boolean;
  /** the question whose report went to the scrollback ("a": every finding did not fit), and that report */
  moved?: { m: StepModel; block: FlowEvent[] };
}

/** What <Static> writes once, above the live area: answers, a run's events, an error, a question's lines, the end's lines. */
type Printed =
  | (Answered & { key: string })
  | { key: string; block: FlowEvent[]; seenAt: number; error?: unknown }
  | { key: string; lines: Line[] }
  | { key: string; end: string[]; gap: boolean };

/** what an answer reads as in the summary: the model's description of it, the choice's label, or the text */
function answeredAs(m: StepModel, v: string): string {
  return m.describe?.(v) ?? m.choices?.find((c) => c.value === v)?.label ?? (v === '' ? '(none)' : v);
}

/** rows the live area is likely to take (the summary gives way to it; the lead line always stays) */
function bodyRows(m: StepModel | undefined, log: FlowEvent[]): number {
  const logRows = log.reduce((n, e) => n + (e.type === 'validated' ? 6 : e.type === 'job' ? 0 : e.type === 'finished' ? e.lines.length + 1 : e.type === 'preflight' ? 4 : e.type === 'note' ? 1 : 0), 0) + (log.some((e) => e.type === 'job') ? 6 : 0);
  const model = m ? m.lines.length + Math.min(m.choices?.length ?? 1, 8) + (m.kind === 'input' ? 4 : 3) : 3;
  return logRows + model + groupRows(log);
}

/** rows a group run's block takes: its headline, a row per job and a failed row's reason (only the latest snapshot is drawn) */
function groupRows(log: FlowEvent[]): number {
  const g = [...log].reverse().find((e) => e.type === 'group-rows');
  return g && g.type === 'group-rows' ? 1 + g.rows.length + g.rows.filter((r) => r.reason).length : 0;
}

/** rows the events take at `columns` (a note's wrapped rows; a report its bounded list), roughly: to see a frame would not fit */
function logRows(log: FlowEvent[], columns: number): number {
  const wrapped = (t: string) => Math.max(1, Math.ceil(t.length / Math.max(20, columns)));
  // a report: its verdict, stats and a first finding; its list of findings fits itself to the room
  // left (and "a" expands it in place: a report alone with its question stays live)
  return groupRows(log) + log.reduce((n, e) => n + (e.type === 'note' ? wrapped(e.text) : e.type === 'validated' ? 3 : e.type === 'finished' ? e.lines.reduce((k, l) => k + wrapped(l), 1) : e.type === 'preflight' ? 4 : 0), 0);
}

/**
 * The summary above the screen: all of it when it fits, else one "… n earlier answers" row standing
 * for the earliest answers, consecutively, and the latest ones under it as they were given (the
 * review repeats them all). It once kept the group and dataset and the lead by priority and counted
 * the others on that row: "✔ … 2 earlier answers" above Group hid Where *and* Dataset — a row said
 * to be earlier answers stood for ones that were not, and a gap opened in the middle of the list.
 */
export function fitSummary(lead: Answered[], entries: Answered[], m: StepModel | undefined, log: FlowEvent[], rows: number, measured?: number): Answered[] {
  // measured: the rows the rest of the live frame took at the last draw (wrapping included)
  // a run step grows as its events arrive (a line, a spinner, the job's stages): room kept for that
  const room = measured !== undefined ? rows - 1 - measured - (m?.kind === 'run' ? 4 : 0) : Math.max(lead.length + 2, rows - 6 - bodyRows(m, log));
  if (measured !== undefined && room < lead.length) return [];
  if (m?.kind === 'review') return lead;
  const all = [...lead, ...entries];
  if (all.length <= room) return all;
  // one row says how many are left out, the latest answers under it (the answer just given, what the
  // screen follows from, last) — never a row more than the room (a frame as tall as the terminal: Ink
  // clears it and redraws it whole on every key, a copy in the scrollback each time; seen at the
  // add-columns question at 80×24)
  const slots = room - 1;
  if (slots < 0) return [];
  const dropped = all.length - slots;
  return [{ step: '…', label: '…', value: `${dropped} earlier answer${dropped > 1 ? 's' : ''}` }, ...all.slice(dropped)];
}

/**
 * A validation report with events before it that would not fit the screen together with it and the
 * question: the report draws its verdict, stats and a list of findings as long as the room it is
 * given (up to 12 rows, plus "… more"), whatever the rows above it take.
 */
function reportAfterNotes(log: FlowEvent[], m: StepModel, rows: number, columns: number): boolean {
  const k = log.findIndex((e) => e.type === 'validated');
  const e = log[k];
  if (k <= 0 || e?.type !== 'validated') return false;
  // a finding takes 2-3 rows at 80 columns (its message wrapped, a likely cause under it)
  const findings = e.report.errors.length + e.report.warnings.length;
  const report = 3 + Math.min(3 * findings, Math.max(4, Math.min(12, rows - 14)) + 1);
  return logRows(log.slice(0, k), columns) + report + compact(m.lines).length + Math.min(m.choices?.length ?? 1, 8) + 6 >= rows;
}

/**
 * Rows a question's lines and choices take at `columns` as its view draws them: each line wrapped
 * (a review shows every line, a choice compacts them past its room), the highlighted choice's
 * description. Counting lines alone took the new dataset's schema review (13 rows at 80 columns, 11
 * lines) for one that fits 24 rows: its first draw was 25 rows and Ink cleared the screen.
 */
function questionRows(m: StepModel, rows: number, columns: number): number {
  const wrapped = (t: string, w: number) => Math.max(1, Math.ceil(t.length / Math.max(20, w)));
  const room = Math.max(4, Math.min(12, rows - 14));
  const lines = m.kind === 'review' || m.lines.length <= room ? m.lines : compact(m.lines);
  const highlighted = m.choices?.find((c) => c.value === m.default) ?? m.choices?.[0];
  const description = highlighted?.description ? wrapped(highlighted.description, columns - 4) : 0;
  return lines.reduce((n, l) => n + wrapped(l.text, columns), 0) + Math.min(m.choices?.length ?? 1, 8) + description;
}

/** what stands in for a question's lines printed to the scrollback: where they went (a newcomer at 80×24 saw the end of a schema review and no table) */
const ABOVE = { text: '↑ What this question is about is printed above it: scroll up to read it.', tone: 'dim' as const };

export function FlowScreen({ ports, state, lead, notice, steps, onInterrupt, onBackOut, onRecords, exit, onAsk, onEnd }: FlowScreenProps) {
  const { stdout } = useStdout();
  const rows = stdout?.rows ?? 24;
  const columns = stdout?.columns ?? 80;
  const st = useRef<Store>({ log: [], entries: [], frozen: false, seenAt: Date.now(), runFrom: 0, answeredLog: [], shown: new Map() }).current;
  const [, bump] = useReducer((x: number) => x + 1, 0);
  const gate = useContext(Settle);
  // Ink's draws so far as this renders: a draw after it is of this render's state (or later)
  const madeAt = gate?.made() ?? 0;
  // printed once, above the live area (scrolling away): the final answers, then the job's outcome
  const [printed, setPrinted] = useState<Printed[]>([]);
  const sandbox = Boolean(ports.context.sandbox);

  useEffect(() => {
    const ac = new AbortController();
    let asked = 0;
    const prune = (step: string) => {
      const k = st.entries.findIndex((e) => e.step === step);
      if (k >= 0) st.entries = st.entries.slice(0, k);
    };
    const add = (a: Answered) => {
      prune(a.step);
      st.entries = [...st.entries, a];
    };
    // the log to the scrollback (<Static>): all of it, or its first `n` events
    const outLog = (n = st.log.length) => {
      const block = st.log.slice(0, n);
      const seenAt = st.seenAt;
      st.log = st.log.slice(n);
      setPrinted((p) => [...p, { key: `${p.length}`, block, seenAt }]);
    };
    const face: Face = {
      event(e) {
        if (e.type === 'step') {
          if (e.model.kind === 'run') {
            st.running = e.model;
            st.screen = e.model;
            st.runFrom = st.log.length;
            // the job exists: the answers are final; printed once, the live area is the job
            if (e.model.screen === 'watch' && !st.frozen) {
              st.frozen = true;
              setPrinted((p) => [...p, ...[...lead, ...st.entries].map((a, i) => ({ ...a, key: `${p.length + i}` }))]);
            }
          }
        } else if (e.type === 'answered') {
          const a = { step: e.step, label: e.label, value: e.value, from: e.from };
          const k = e.inPlace ? st.entries.findIndex((x) => x.step === e.step) : -1;
          if (k >= 0) st.entries = st.entries.map((x, i) => (i === k ? a : x));
          else add(a);
        } else {
          if (e.type === 'validated' && e.report.valid) {
            const w = issueTotal(e.report.warnings, e.report.stats.issueCounts);
            add({ step: 'validate', label: 'Validation', value: `${withCommas(e.report.rows)} rows, no errors${w ? `, ${withCommas(w)} warning${w > 1 ? 's' : ''}` : ''}` });
          }
          // the location is on the "Upload to" line above (the folder's answer): here, that it happened
          if (e.type === 'uploaded') add({ step: 'upload', label: 'Uploaded', value: `${formatBytes(e.bytes)} in ${(e.ms / 1000).toFixed(1)} s` });
          if (e.type === 'job') {
            st.seenAt = Date.now();
            st.last = { status: e.snapshot.status, elapsedMs: e.snapshot.elapsedMs };
          }
          st.log = [...st.log, e];
        }
        bump();
      },
      ask(m) {
        // Ctrl-C after a run step ended and before this question came (its model being worked out):
        // no question is drawn to wait on — the walk stops (drive checks the signal on the answer)
        if (ac.signal.aborted) return Promise.resolve({ back: true });
        prune(m.id);
        // back at a question by Esc: what was reported beside it comes back with it (the log was
        // emptied when it was answered; nothing ran since)
        if (st.back && !st.log.length) st.log = st.shown.get(m.id) ?? [];
        st.back = false;
        st.running = undefined;
        st.screen = m;
        if (m.screen !== 'watch' && m.screen !== 'save') st.frozen = false;
        // a question after the job ended (save the profile, what now): the outcome is final too and
        // goes to the scrollback, so the live area is only the question (it fits a 20-row terminal)
        if (st.frozen && st.log.some((e) => e.type === 'finished')) {
          const block = st.log;
          const seenAt = st.seenAt;
          st.log = [];
          setPrinted((p) => [...p, { key: `${p.length}`, block, seenAt }]);
        } else if (st.log.length && logRows(st.log, columns) + compact(m.lines).length + Math.min(m.choices?.length ?? 1, 8) + 9 >= rows) {
          // what the last steps reported (a fix's changes and rejects, then the report of the copy)
          // and the question would not fit the screen together: a frame as tall as the terminal makes
          // Ink clear it and write every earlier line again (a copy in the scrollback each time). The
          // report goes to the scrollback first, read by scrolling up; the live area is the question.
          outLog();
        } else if (reportAfterNotes(st.log, m, rows, columns)) {
          // a validation report after what the steps before it said (a dataset created from the CSV:
          // its creation, then the report): the report alone fits with its question and stays live
          // ("a" expands it in place), what came before it goes to the scrollback — together they
          // made a frame taller than the terminal (Ink cleared the screen, the schema review twice)
          outLog(st.log.findIndex((e) => e.type === 'validated'));
        }
        return new Promise<FaceAnswer>((resolve) => {
          st.ask = {
            m,
            n: ++asked,
            resolve(a) {
              if (st.ask?.m !== m) return;
              st.ask = undefined;
              st.answeredLog = st.log;
              // a report printed above this question ("a") comes back with it on Esc as well
              st.shown.set(m.id, !st.log.length && st.moved?.m === m ? st.moved.block : st.log);
              st.back = 'back' in a;
              st.log = [];
              if ('value' in a && m.kind !== 'review') add({ step: m.id, label: m.label ?? m.title, value: answeredAs(m, a.value) });
              bump();
              resolve(a);
            },
          };
          bump();
          onAsk?.(m);
        });
      },
      running(_m, cancel) {
        st.cancel = cancel;
        bump();
      },
    };
    const finish = (end: FlowEnd) => {
      onInterrupt(undefined);
      onEnd?.(end, state);
      if (end.reason === 'back') return onBackOut();
      if (end.reason === 'records' && end.individually) return onRecords(end, state);
      const jobArn = end.jobArn ?? state.loaded.jobArn;
      // a job that exists: its summary (ARN whole, status, duration, data, commands) stays after exit
      const lines = [...end.lines, ...jobSummary(state, jobArn, { sandbox, status: state.loaded.finalStatus ?? st.last?.status, durationMs: st.last?.elapsedMs, stopped: end.reason === 'stopped' })];
      // The end: what stays goes to the scrollback through <Static> — the answers (unless the job
      // already printed them), what the steps last reported (the job's stages when stopped, a
      // validation report the quit refers to, a blocked preflight, the error), then the end's lines —
      // and the live area is left empty: no question, hint or blank row is left where it was.
      const out: Printed[] = [];
      if (!st.frozen) out.push(...[...lead, ...st.entries].map((a) => ({ ...a, key: '' })));
      const block = st.log.length ? st.log : st.answeredLog;
      if (block.length || st.error) out.push({ key: '', block, seenAt: st.seenAt, ...(st.error ? { error: st.error } : {}) });
      const last = out.length ? out[out.length - 1] : undefined;
      out.push({ key: '', end: lines, gap: last ? !('block' in last) : !st.frozen });
      st.ended = { code: end.exitCode, lines };
      st.ask = undefined;
      st.running = undefined;
      st.cancel = undefined;
      setPrinted((p) => [...p, ...out.map((o, i) => ({ ...o, key: `${p.length + i}` }))]);
    };
    onInterrupt(() => {
      ac.abort();
      st.ask?.resolve({ back: true });
    });
    drive(state, ports, face, { signal: ac.signal, backOut: true, ...(steps ? { steps } : {}) }).then(finish, (e: unknown) => {
      // Ctrl-C, or SIGTERM / SIGHUP (the S3 adapter aborted the multipart upload): ended as a stop
      if (ac.signal.aborted || (isAppError(e) && e.kind === 'interrupted')) {
        // stopped while a step ran: the step's own account (the upload: what became of the parts), then what is true
        const said = isAppError(e) && e.kind === 'interrupted' ? [e.message, ...(e.hint ? [e.hint] : [])] : ['Stopped.'];
        return finish({ exitCode: 130, reason: 'stopped', lines: [...said, ...(state.loaded.jobArn || state.loaded.upload ? whatHappened(state, ports) : [])] });
      }
      st.error = e;
      st.running = undefined;
      // the error goes to the scrollback with what the step had reported, then what is true
      finish({ exitCode: isAppError(e) ? e.exitCode : 1, reason: 'failed', lines: whatHappened(state, ports) });
    });
    return () => {
      ac.abort();
      onInterrupt(undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // "a" at a validation report whose every finding would not fit the live frame: the report goes to
  // the scrollback once (all its findings: <Static> draws it unbounded), the live area keeps the
  // answers, the title and the question — never a frame as tall as the terminal (#16 items 3, 8)
  const printAll = useRef(() => {
    const m = st.ask?.m;
    if (!m || !st.log.some((e) => e.type === 'validated')) return;
    const block = st.log;
    const seenAt = st.seenAt;
    st.moved = { m, block };
    st.log = [];
    setPrinted((p) => [...p, { key: `${p.length}`, block, seenAt }]);
    bump();
  }).current;

  useKeys((_i, key) => {
    if (key.escape && st.cancel) st.cancel();
  }, { isActive: Boolean(st.cancel) });

  // the end is in <Static> (committed with this render, written by Ink before it unmounts): exit
  const ended = st.ended;
  useEffect(() => {
    if (ended) exit(ended.code, ended.lines, { printed: true });
  }, [ended]); // eslint-disable-line react-hooks/exhaustive-deps

  const cur = st.ask?.m ?? st.screen;
  // A live frame as tall as the terminal makes Ink clear the screen and draw it whole on every
  // change, leaving a copy in the scrollback each time (#16 item 8). So the frame is measured after
  // each draw: the summary gets only the rows the rest leaves, and a screen still too tall drops its
  // purpose line (for as long as that question is on screen: no flip-flop between two heights).
  const shape = `${st.ask?.n ?? 'run'}:${cur?.id ?? ''}`;
  // A new screen starts small (no answers above it, no purpose line) and grows into the room its
  // first draw measured: growing never overflows, a first draw too tall would already have.
  if (st.fit?.shape !== shape) {
    // a question whose lines alone would fill the terminal (a cross-file report, a policy diff):
    // its lines go to the scrollback above it (printed once, read by scrolling up, as plain mode
    // does), the live area keeps the question and its choices
    const am = st.ask?.m;
    // its draws until it stands still are held from the terminal (settle-gate.ts): never the small first one alone
    gate?.hold();
    st.fit = { shape, compact: true, rest: rows, fresh: true, printLines: Boolean(am && am.lines.length && (Math.min(am.lines.length, compact(am.lines).length) + (am.choices?.length ?? 1) + 8 >= rows || questionRows(am, rows, columns) + 8 >= rows)) };
  }
  const summary = st.frozen ? [] : fitSummary(lead, st.entries, cur, st.log, rows, st.fit.rest);
  const live = useRef<DOMElement>(null);
  useEffect(() => {
    if (!live.current || !st.fit) return gate?.settled(madeAt);
    const rest = measureElement(live.current).height - summary.length;
    let changed = false;
    if (st.fit.fresh) {
      // measured without its purpose line: is there room for it (its rows, about 2) and the lead?
      st.fit.fresh = false;
      if (rest + 2 + Math.min(1, lead.length) < rows - 1) {
        st.fit.compact = false;
        st.fit.rest = rest + 3;
        bump();
        return;
      }
    }
    if (!st.fit.compact && rest + Math.min(1, lead.length) > rows - 1) {
      st.fit.compact = true;
      changed = true;
    } else if (st.fit.compact && !st.fit.printLines && st.ask?.m.lines.length && rest > rows - 1) {
      st.fit.printLines = true;
      changed = true;
    }
    if (st.fit.printLines && !st.fit.printed && st.ask) {
      st.fit.printed = true;
      const lines = st.ask.m.lines;
      setPrinted((p) => [...p, { key: `${p.length}`, lines }]);
      changed = true;
    }
    if (st.fit.rest !== rest) {
      st.fit.rest = rest;
      changed = true;
    }
    // drawn again (grown, its lines printed above it) or standing still: its frames let out
    if (changed) bump();
    else gate?.settled(madeAt);
  });
  // the live area must stay smaller than the screen: header 2, summary, hints 2, margins
  const listLimit = Math.max(3, Math.min(12, rows - summary.length - 14));
  const ask = st.ask;
  if (ask && st.fit.printLines && st.fit.bare?.of !== ask.m) st.fit.bare = { of: ask.m, m: { ...ask.m, lines: [ABOVE] } };
  const view = ask ? { m: st.fit.printLines && st.fit.bare ? st.fit.bare.m : ask.m, listLimit, columns, answer: (v: string) => ask.resolve({ value: v }), back: () => ask.resolve({ back: true }) } : undefined;
  // the rows the live frame (measured at the last draw) can still grow by and stay under the
  // terminal's height, less one for a wrap the estimate misses; unmeasured yet: none
  const spare = st.fit.fresh || st.fit.rest === undefined ? 0 : rows - 2 - (st.fit.rest + summary.length);
  const refused = st.log.some((e) => e.type === 'create-refused');
  const loud = (e: FlowEvent) => e.type !== 'note' || e.tone === 'warn' || e.tone === 'error';
  const shown = ask
    ? ask.m.lines.length ? st.log.filter((e) => loud(e) && !(e.type === 'note' && ask.m.lines.some((l) => l.text === e.text))) : st.log
    : st.running ? st.log.filter((e, i) => i >= st.runFrom || loud(e)) : st.log;
  // a question with lines of its own says what matters now: the run's routine notes (the checks
  // that passed, what was read) give way to it; warnings and errors stay
  return (
    <Box flexDirection="column">
      <Static items={printed}>
        {(a) => ('end' in a ? (
          <EndLines key={a.key} lines={a.end} columns={columns} gap={a.gap} />
        ) : 'lines' in a ? (
          <Box key={a.key} flexDirection="column" width={columns}>
            {a.lines.map((l, i) => <LineText key={i} line={l} width={columns} />)}
          </Box>
        ) : 'block' in a ? (
          <Box key={a.key} flexDirection="column" marginBottom={1} width={columns}>
            <RunView events={a.block} running={undefined} cancellable={false} listLimit={99} sandbox={sandbox} seenAt={a.seenAt} />
            {a.error && !a.block.some((e) => e.type === 'create-refused') ? <ErrorBox error={a.error} /> : null}
          </Box>
        ) : <AnsweredLine key={a.key} a={a} width={columns} />)}
      </Static>
      {st.ended ? null : <Box ref={live} flexDirection="column">
      {notice ? <Text color="yellow" wrap="truncate-end">{notice}</Text> : null}
      {summary.map((a, i) => <AnsweredLine key={`${i}-${a.step}`} a={a} width={columns} />)}
      {cur ? <Header screen={cur.screen} title={cur.title} purpose={st.fit.compact ? '' : cur.purpose} gap={!st.fit.compact && (summary.length > 0 || printed.length > 0)} /> : null}
      <Box marginTop={1} flexDirection="column">
        <PrintAllFindings.Provider value={ask ? { print: printAll, spare } : undefined}>
          <RunView events={shown} running={ask ? undefined : st.running} cancellable={Boolean(st.cancel)} listLimit={listLimit} sandbox={sandbox} seenAt={st.seenAt} />
        </PrintAllFindings.Provider>
        {view && ask!.m.kind === 'choose' ? <ChooseView key={ask!.n} {...view} /> : null}
        {view && ask!.m.kind === 'input' ? <InputView key={ask!.n} {...view} cwd={ports.cwd} s3={ports.s3} /> : null}
        {view && ask!.m.kind === 'review' ? <ReviewView key={ask!.n} {...view} /> : null}
        {!cur && !st.error ? <Spinner label="Loading…" /> : null}
        {st.error && !refused ? <ErrorBox error={st.error} /> : null}
      </Box>
      </Box>}
    </Box>
  );
}

export { newState };
