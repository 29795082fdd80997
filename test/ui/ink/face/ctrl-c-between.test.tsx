// Ctrl-C pressed after a run step has finished and before the next question is on screen (its model
// still being worked out): the run's screen says "Ctrl-C stop", so the walk stops there. Before, the
// signal was aborted with no question to resolve, the question came up afterwards and waited for an
// answer — the Ctrl-C was lost (a tmux test sending it at "✔ Validation …, 100%" hung 30 s).
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { FlowScreen } from '../../../../src/ui/ink/face/FlowScreen.js';
import { newState, type FlowEnd, type StepDef, type StepModel } from '../../../../src/flow/machine/index.js';
import type { FlowPorts } from '../../../../src/flow/machine/types.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

function model(id: string, kind: StepModel['kind'], question: string): StepModel {
  return { id, screen: 'validate', kind, title: 'Validation', purpose: 'Checks the file.', lines: [], question, ...(kind === 'choose' ? { choices: [{ value: 'go', label: 'Go on' }], default: 'go' } : {}) } as StepModel;
}

describe('Ctrl-C between a finished run step and the next question', () => {
  it('stops the walk (exit 130, stopped) instead of asking the question and waiting', async () => {
    let interrupt: (() => void) | undefined;
    let ran = false;
    let modelAsked!: () => void;
    const asking = new Promise<void>((res) => (modelAsked = res));
    let releaseModel!: () => void;
    const modelGate = new Promise<void>((res) => (releaseModel = res));
    const steps: StepDef[] = [
      { id: 'check', screen: 'validate', kind: 'run', model: async () => model('check', 'run', ''), run: async () => ((ran = true), undefined) },
      { id: 'next', screen: 'validate', kind: 'choose', model: async () => (modelAsked(), await modelGate, model('next', 'choose', 'Add the new columns?')), answer: async () => undefined },
    ];
    let end: FlowEnd | undefined;
    const r = render(
      <FlowScreen ports={{ context: {} } as unknown as FlowPorts} state={newState({ region: 'us-east-1' })} lead={[]} steps={steps} onInterrupt={(h) => (interrupt = h)} onBackOut={() => {}} onRecords={() => {}} exit={() => {}} onEnd={(e) => (end = e)} />,
    );
    cleanups.push(() => r.unmount());
    await asking; // the run step is over; the question's model is being worked out
    expect(ran).toBe(true);
    interrupt!(); // Ctrl-C now
    releaseModel();
    for (let i = 0; i < 200 && !end; i++) await sleep(5);
    expect(end, r.lastFrame()).toMatchObject({ exitCode: 130, reason: 'stopped' });
    expect(r.lastFrame()).not.toContain('Add the new columns?');
  });
});
