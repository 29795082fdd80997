// Walks the steps of registry.ts for one face. Per step: skip it when it does not apply; run it
// when it is a side effect (or defer it until after the review, for `import`); otherwise build its
// model, take a preset answer (flag, saved profile) or ask the face, check the answer and apply it.
// Esc (an answer of { back }) returns to the previous step that was asked or preset — a preset one
// is then asked (the profile's answer is its default). A stop (the signal) ends with what is true.
import { isAppError, usageError } from '../../core/errors.js';
import { whatHappened } from './base.js';
import { IMPORT_FLOW } from './registry.js';
import { severalOf } from './steps-several.js';
import type { FlowEnd, FlowEvent, FlowPorts, FlowState, StepDef, StepModel, Transition } from './types.js';

export type FaceAnswer = { value: string } | { back: true } | { quit: true };

/** A face: draws events and asks the current step. */
export interface Face {
  event(e: FlowEvent, s: FlowState): void;
  /** answer a step (the face may check the answer itself with model.check) */
  ask(m: StepModel, s: FlowState): Promise<FaceAnswer>;
  /** a run step started; `cancel` (when its model has `cancel`) stops it and goes back one step (Esc) */
  running?(m: StepModel, cancel: (() => void) | undefined): void;
}

export interface DriveOptions {
  /** `import`: uploads wait until the review is answered (a usage error must not follow an upload) */
  deferSideEffects?: boolean;
  signal?: AbortSignal;
  steps?: readonly StepDef[];
  /** Esc at the first step asked ends the walk ({ reason: 'back' }): the face has a step before the machine (the Ink wizard's Where) */
  backOut?: boolean;
}

/** a stop (the signal): `said` (what the step stopped in says of it), then what is true — created resources, the job, the upload */
function stopEnd(s: FlowState, p: FlowPorts, said: string[] = ['Stopped.']): FlowEnd {
  return { exitCode: 130, reason: 'stopped', lines: [...said, ...whatHappened(s, p)], ...(s.loaded.jobArn ? { jobArn: s.loaded.jobArn } : {}) };
}

export function newState(answers: FlowState['answers'] = {}, presetFrom: FlowState['presetFrom'] = {}): FlowState {
  return { answers: { ...answers }, loaded: {}, presetFrom: { ...presetFrom }, doc: {} };
}

export async function drive(s: FlowState, p: FlowPorts, face: Face, opts: DriveOptions = {}): Promise<FlowEnd> {
  const steps = opts.steps ?? IMPORT_FLOW;
  const signal = opts.signal ?? new AbortController().signal;
  const ctx = { signal, emit: (e: FlowEvent) => face.event(e, s) };
  const index = (id: string) => {
    const i = steps.findIndex((x) => x.id === id);
    if (i < 0) throw new Error(`no step ${id}`);
    return i;
  };
  const history: string[] = [];
  const deferred: StepDef[] = [];
  let forced: string | undefined;
  let i = 0;

  const follow = async (t: Transition, at: number): Promise<FlowEnd | number> => {
    if (!t) return at + 1;
    if ('end' in t) return t.end;
    if ('again' in t) {
      ctx.emit({ type: 'note', tone: 'error', text: t.again });
      forced = steps[at].id; // asked again even when only a branch leads to it
      return at;
    }
    forced = t.goto;
    // back to an earlier step: what came after it is no longer on the way back
    const k = history.lastIndexOf(t.goto);
    if (k >= 0) history.length = k;
    return index(t.goto);
  };

  // once the import job exists, Esc never walks back past it (the review would create another)
  let jobBarrier: string | undefined;
  /** Esc: back to the step asked (or preset) before; a preset one is asked now (its answer is the default) */
  const goBack = (): FlowEnd | undefined => {
    const prev = history.pop();
    if (prev === undefined) return opts.backOut && !jobBarrier ? { exitCode: 0, reason: 'back', lines: [] } : undefined; // the first step: nowhere further back in the flow
    delete s.presetFrom[prev];
    i = index(prev);
    forced = prev;
    return undefined;
  };

  while (i < steps.length) {
    if (signal.aborted) return stopEnd(s, p);
    const step = steps[i];
    const isForced = forced === step.id;
    forced = undefined;
    if (!isForced && step.applies && !step.applies(s, p)) {
      i++;
      continue;
    }
    let next: FlowEnd | number;
    if (step.kind === 'run') {
      // --dry-run: every step short of the side effects
      if (step.sideEffect && p.dryRun) {
        i++;
        continue;
      }
      if (step.sideEffect && opts.deferSideEffects && !history.includes(step.consent ?? 'review')) {
        deferred.push(step);
        i++;
        continue;
      }
      const m = await step.model(s, p);
      ctx.emit({ type: 'step', model: m });
      // Esc while it runs (a step whose model says what stopping leaves): stop it, back one step
      const esc = new AbortController();
      face.running?.(m, m.cancel ? () => esc.abort() : undefined);
      let t: Transition = undefined;
      let stopped = false;
      try {
        t = await step.run!(s, p, m.cancel ? { emit: ctx.emit, signal: AbortSignal.any([signal, esc.signal]) } : ctx);
      } catch (e) {
        // Ctrl-C (or SIGTERM) while the step ran: its own account of the stop ("Validation was
        // cancelled.", what became of an upload's parts), then what is true, as at a question —
        // resources this run created stay and are named. (Several files at once: their steps'
        // accounts say it all — datasets, uploads and jobs of that mode are not in whatHappened.)
        if (signal.aborted && isAppError(e) && e.kind === 'interrupted' && !severalOf(s)) return stopEnd(s, p, [e.message, ...(e.hint ? [e.hint] : [])]);
        // stopped by Esc (not by Ctrl-C): what the model says stopping leaves, then back one step
        if (!esc.signal.aborted || signal.aborted) throw e;
        stopped = true;
      } finally {
        face.running?.(m, undefined);
      }
      if (s.loaded.jobArn && s.loaded.jobArn !== jobBarrier) {
        jobBarrier = s.loaded.jobArn;
        history.length = 0;
      }
      if (stopped) {
        ctx.emit({ type: 'note', tone: 'warn', text: m.cancel! });
        const out = goBack();
        if (out) return out;
        continue;
      }
      next = await follow(t, i);
    } else {
      const m = await step.model(s, p);
      let value: string;
      if (m.preset) {
        value = m.preset.value;
        const problem = m.check ? await m.check(value) : undefined;
        if (problem) throw usageError(problem, m.flag ? `Check ${m.preset.from.startsWith('--') ? m.preset.from : `${m.flag} (the answer came from ${m.preset.from})`}.` : undefined);
        ctx.emit({ type: 'answered', step: step.id, screen: m.screen, label: m.label ?? m.title, value: m.describe ? m.describe(value) : value, from: m.preset.from });
      } else {
        ctx.emit({ type: 'step', model: m });
        let ans: Awaited<ReturnType<Face['ask']>>;
        try {
          ans = await face.ask(history.length || (opts.backOut && !jobBarrier) ? m : { ...m, back: false }, s);
        } catch (e) {
          // Ctrl-C at a question of a face that rejects the question (plain mode's line reader): what is
          // true, as the Ink face's stop says it — a group or dataset this run created stays, named
          if (signal.aborted && isAppError(e) && e.kind === 'interrupted') return stopEnd(s, p);
          throw e;
        }
        if (signal.aborted) return stopEnd(s, p);
        if ('quit' in ans) return { exitCode: s.loaded.jobArn ? 0 : 130, reason: 'quit', lines: whatHappened(s, p) };
        if ('back' in ans) {
          const out = goBack();
          if (out) return out;
          continue;
        }
        value = ans.value;
        const problem = m.check ? await m.check(value) : undefined;
        if (problem) {
          ctx.emit({ type: 'note', tone: 'error', text: problem });
          forced = step.id; // asked again even when only a branch leads to it
          continue;
        }
      }
      history.push(step.id);
      next = await follow(await step.answer!(s, value, p, ctx), i);
      // `import`: the review is answered; now the uploads it waited for
      if (step.kind === 'review' && typeof next === 'number' && deferred.length) {
        for (const d of deferred.splice(0)) {
          if (signal.aborted) return stopEnd(s, p);
          ctx.emit({ type: 'step', model: await d.model(s, p) });
          const t = await d.run!(s, p, ctx);
          if (t && 'end' in t) return t.end;
        }
      }
    }
    if (typeof next !== 'number') return next;
    i = next;
  }
  return { exitCode: 0, reason: 'done', lines: [], ...(s.loaded.jobArn ? { jobArn: s.loaded.jobArn } : {}) };
}
