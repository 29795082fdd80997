// The scripted paths of test/flow/rows.ts (machine.test.ts runs them headless and in plain mode), through the Ink face of the step machine
// (face/FlowScreen.tsx rendered with ink-testing-library, answered with KEYS: arrows, Enter, Esc,
// typed text): each row must reach the plan and the end the headless machine reaches, asking the
// same steps in the same order. A test fails if the faces diverge. Against the in-process sandbox.
import React from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { FlowScreen } from '../../../src/ui/ink/face/FlowScreen.js';
import { newState, type FlowEnd, type FlowState, type StepModel } from '../../../src/flow/machine/index.js';
import { interactionsCsv, withSandbox } from '../../helpers/sandbox.js';
import { dayFirstCsv } from '../../helpers/messy-csv.js';
import { answerFor, portsFor, runHeadless, toFaceAnswer, type Script, type Start, type TestPorts } from '../../flow/harness.js';
import { planShape, ROWS, stopAtReview } from '../../flow/rows.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());
const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const KEY = { enter: '\r', esc: '\x1b', down: '\x1b[B', ctrlU: '\x15' };
const tick = () => new Promise((res) => setImmediate(res));
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

/** The Ink face, answered with keys from the script. */
async function runInk(script: Script, start: Start = {}): Promise<{ end: FlowEnd; state: FlowState; asked: string[]; frame: string; frames: { id: string; frame: string }[] }> {
  const state = newState({ region: 'us-east-1', ...start.answers }, start.presetFrom);
  const asked: string[] = [];
  const frames: { id: string; frame: string }[] = [];
  const visits = new Map<string, number>();
  const questions: StepModel[] = [];
  let end: FlowEnd | undefined;
  let interrupt: (() => void) | undefined;
  const r = render(
    <FlowScreen ports={ports} state={state} lead={[]} onInterrupt={(h) => (interrupt = h)} onBackOut={() => {}} onRecords={() => {}} exit={() => {}}
      onAsk={(m) => questions.push(m)} onEnd={(e) => (end = e)} />,
  );
  cleanups.push(() => r.unmount());
  const frame = () => r.lastFrame() ?? '';
  const press = async (k: string) => {
    r.stdin.write(k);
    await tick();
    await tick();
  };
  /** the screen shows `m` and has stopped changing (4 identical polls): its input handlers are attached */
  const settled = async (m: StepModel) => {
    const mark = m.question.slice(0, 14);
    const deadline = Date.now() + 30_000;
    let last = '';
    let streak = 0;
    for (;;) {
      const f = frame();
      streak = f.includes(mark) && f === last ? streak + 1 : 0;
      last = f;
      if (streak >= 4) return;
      if (Date.now() > deadline) throw new Error(`never settled on ${m.id}:\n${f}`);
      await sleep(5);
    }
  };
  const deadline = Date.now() + 90_000;
  while (!end) {
    if (Date.now() > deadline) throw new Error(`no end; asked ${asked.join(' ')}:\n${frame()}`);
    const m = questions.shift();
    if (!m) {
      await sleep(5);
      continue;
    }
    // an input whose check refuses the text keeps the question on screen (asked again, as headless)
    for (;;) {
      asked.push(m.id);
      const a = answerFor(script, m, visits);
      await settled(m);
      frames.push({ id: m.id, frame: frame() });
      if (a === 'quit') {
        interrupt?.();
        break;
      }
      if (a === 'back') {
        await press(KEY.esc);
        break;
      }
      const value = (toFaceAnswer(a, m) as { value: string }).value;
      if (m.kind === 'input') {
        if (typeof a === 'object' && 'type' in a) {
          await press(KEY.ctrlU);
          await press(a.type);
        }
        await press(KEY.enter);
        const refused = m.check ? await m.check(value) : undefined;
        if (!refused) break;
        const until = Date.now() + 15_000;
        while (!frame().includes('✖')) {
          if (Date.now() > until) throw new Error(`no refusal shown at ${m.id}:\n${frame()}`);
          await sleep(5);
        }
        continue;
      }
      const choices = m.choices ?? [];
      const from = Math.max(0, choices.findIndex((c) => c.value === m.default));
      const to = choices.findIndex((c) => c.value === value);
      // no default: nothing is highlighted (the first ↓ takes the first choice)
      const downs = m.noDefault ? to + 1 : (to - from + choices.length) % choices.length;
      for (let k = 0; k < downs; k++) await press(KEY.down);
      await press(KEY.enter);
      break;
    }
  }
  return { end, state, asked, frame: frame(), frames };
}

async function bothFaces(script: Script, start: Start = {}) {
  const headless = await runHeadless(ports, script, start);
  const ink = await runInk(script, start);
  return { headless, ink };
}

describe('the Ink face reaches the plan the headless machine reaches (same scripts as test/flow/machine.test.ts)', () => {
  it('Enter only (no bulk data yet: FULL, the sample, the sandbox bucket and role)', async () => {
    const { headless, ink } = await bothFaces(stopAtReview);
    expect(ink.end, ink.frame).toMatchObject({ exitCode: 0, reason: 'quit' });
    expect(ink.asked).toEqual(headless.asked);
    expect(planShape(ink)).toEqual(planShape(headless));
    expect(planShape(ink)).toMatchObject({ importMode: 'FULL', key: 'personalize-import/interactions.csv' });
  }, 120_000);

  it('a broken CSV, then another file', async () => {
    const { headless, ink } = await bothFaces(ROWS.brokenThenAnother);
    expect(ink.asked.slice(0, 6)).toEqual(['group', 'dataset', 'csv', 'verdict', 'csv', 'verdict']);
    expect(ink.asked).toEqual(headless.asked);
    expect(planShape(ink)).toEqual(planShape(headless));
  }, 120_000);

  it('record by record: the branch ends the walk with the same file and dataset', async () => {
    const { headless, ink } = await bothFaces(ROWS.records);
    expect(ink.end.individually).toEqual(headless.end.individually);
    expect(ink.end.reason).toBe('records');
    expect(ink.asked).toEqual(headless.asked);
  }, 120_000);

  it('the no-grant bucket: the preflight stops both before a job (exit 3)', async () => {
    const { headless, ink } = await bothFaces(ROWS.noGrant(sb));
    expect(headless.end).toMatchObject({ exitCode: 3, reason: 'failed' });
    expect(ink.end).toMatchObject({ exitCode: 3, reason: 'failed' });
    expect(ink.asked).toEqual(headless.asked);
    expect(planShape(ink)).toEqual(planShape(headless));
    expect(ink.frame).toMatch(/it was not created/);
  }, 120_000);

  it('a saved profile answers group, dataset, bucket and prefix; Esc at the first question opens the dataset again', async () => {
    const { headless, ink } = await bothFaces(ROWS.profile, ROWS.profileStart(sb));
    expect(ink.asked.slice(0, 4)).toEqual(['csv', 'dataset', 'csv', 'how']);
    expect(ink.asked).toEqual(headless.asked);
    expect(planShape(ink)).toEqual(planShape(headless));
    expect(planShape(ink)).toMatchObject({ key: 'from-profile/items.csv' });
  }, 120_000);

  it('FULL over existing data (the name typed, a wrong one refused) and INCREMENTAL with FULL disabled for a file it fails', async () => {
    await sb.importSampleFull();
    const a = await bothFaces(ROWS.fullTyped);
    expect(a.ink.asked).toEqual(a.headless.asked);
    expect(planShape(a.ink)).toEqual(planShape(a.headless));
    expect(planShape(a.ink).importMode).toBe('FULL');
    const file = join(mkdtempSync(join(tmpdir(), 'pi-parity-')), 'few-users.csv');
    writeFileSync(file, interactionsCsv(1200, 20));
    const b = await bothFaces(ROWS.incremental(file));
    expect(b.ink.asked).toEqual(b.headless.asked);
    expect(planShape(b.ink)).toEqual(planShape(b.headless));
    expect(planShape(b.ink)).toMatchObject({ importMode: 'INCREMENTAL', key: 'personalize-import/few-users.csv' });
  }, 180_000);

  it('Esc at the bucket: the verdict comes back with the validation report it asks about, not the question alone', async () => {
    const ink = await runInk(ROWS.escAt('bucket'));
    const verdicts = ink.frames.filter((f) => f.id === 'verdict').map((f) => f.frame);
    expect(verdicts).toHaveLength(2);
    const report = /No errors, \d+ warnings?:[\s\S]*1,200 rows/;
    expect(verdicts[0]).toMatch(report);
    expect(verdicts[1]).toMatch(report);
  }, 120_000);

  it('Esc from every question step: back to the step asked before it, and Enter from there reaches the same plan', async () => {
    const base = await runHeadless(ports, stopAtReview);
    const questions = base.asked.filter((id) => id !== 'review');
    for (const [n, id] of questions.entries()) {
      if (n === 0) continue;
      const ink = await runInk(ROWS.escAt(id));
      const at = ink.asked.indexOf(id);
      expect(ink.asked[at + 1], `Esc at ${id}`).toBe(questions[n - 1]);
      expect(planShape(ink), `after Esc at ${id}`).toEqual(planShape(base));
    }
    // the review too: Esc there goes back to the last question, as headless
    const atReview: Script = { review: ['back', { pick: 'quit' }] };
    const headless = await runHeadless(ports, atReview);
    const ink = await runInk(atReview);
    expect(ink.asked.slice(-3)).toEqual(['review', questions[questions.length - 1], 'review']);
    expect(ink.asked).toEqual(headless.asked);
    expect(planShape(ink)).toEqual(planShape(headless));
  }, 300_000);

  it('dates in numbers only: day first, Esc at Fix and continue back to "How are the dates written?", month first — the same steps and the same copy as headless', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-ink-dates-'));
    writeFileSync(join(dir, 'a.csv'), dayFirstCsv([1, 2, 3, 4, 5, 6]));
    writeFileSync(join(dir, 'b.csv'), dayFirstCsv([1, 2, 3, 4, 5, 6]));
    const headless = await runHeadless(ports, ROWS.datesChanged(join(dir, 'a.csv')));
    const ink = await runInk(ROWS.datesChanged(join(dir, 'b.csv')));
    expect(ink.asked).toEqual(headless.asked);
    expect(ink.asked.slice(3, 7)).toEqual(['dates', 'fix', 'dates', 'fix']);
    expect(ink.state.answers.dateOrder).toBe('month-first');
    expect(ink.frames.find((f) => f.id === 'dates')!.frame).toContain('How are the dates written? 01.11.2026 is:');
    expect(readFileSync(join(dir, 'b.fixed.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a.fixed.csv'), 'utf8'));
  }, 120_000);
});
