// Esc back to the group or dataset step after choosing "＋ New dataset group" or "＋ Create the
// dataset from my CSV": the cursor is on that choice again, as it is on an existing group or dataset
// chosen before. It went to the first entry of the list, so Esc to reconsider the file, then Enter,
// imported into the group's first dataset instead of creating the one the user had asked for
// (an 80×24 walk, session 35).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { NEW_DATASET, NEW_GROUP } from '../../src/flow/machine/steps-new.js';
import { withSandbox } from '../helpers/sandbox.js';
import { pickLabel, portsFor, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';
import { stopAtReview } from './rows.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

describe('Esc back to a "＋" choice keeps it the default', () => {
  it('"＋ Create the dataset from my CSV", Esc at the CSV step: the dataset step defaults to it again (headless and plain)', async () => {
    for (const run of [runHeadless, runPlain]) {
      const seen: StepModel[] = [];
      const script: Script = {
        ...stopAtReview,
        dataset: [pickLabel('＋ Create the dataset'), { pick: (m) => (seen.push(m), m.default!) }],
        csv: ['back', 'enter'],
      };
      const r = await run(ports, script);
      const at = r.asked.indexOf('dataset');
      expect(r.asked.slice(at, at + 3), run.name).toEqual(['dataset', 'csv', 'dataset']);
      expect(seen[0]?.default, run.name).toBe(NEW_DATASET);
      // and Enter there goes on to create: the CSV step offers the folders of several files again (the
      // samples/ folder its default), which only "＋ Create the dataset from my CSV" does
      expect(r.asked.slice(at + 3, at + 5), run.name).toEqual(['csv', 'several-files']);
    }
  });

  it('"＋ New dataset group", Esc at its name: the group step defaults to it again; an existing group chosen after that is the default', async () => {
    const seen: StepModel[] = [];
    const script: Script = {
      ...stopAtReview,
      group: [pickLabel('＋ New dataset group'), { pick: (m) => (seen.push(m), m.default!) }, { pick: (m) => (seen.push(m), m.choices!.find((c) => c.label.startsWith('sandbox-shop '))!.value) }, { pick: (m) => (seen.push(m), m.default!) }],
      'new-group-name': ['back', 'back'],
      dataset: ['back', 'enter'],
    };
    const r = await runHeadless(ports, script);
    expect(seen.map((m) => m.choices!.find((c) => c.value === m.default)?.label.split(' ')[0])).toEqual(['＋', '＋', 'sandbox-shop']);
    expect(seen[0].default).toBe(NEW_GROUP);
    expect(r.end.reason).not.toBe('error');
  });
});
