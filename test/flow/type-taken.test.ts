// "＋ Create the dataset from my CSV" with a file of a type the group has already (sandbox-shop holds
// its interactions dataset; the Custom group still lacks Actions types, so the choice is offered). A
// group holds one dataset of each type: the review asked "Create schema sandbox-shop-interactions-2
// and dataset sandbox-shop-interactions?" with the create choice disabled and another choice ("Name
// the columns", or "Change a field") the default. Now it says so and Enter imports into the dataset
// of that type — headless and in plain mode, nothing created.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { pickLabel, portsFor, runHeadless, runPlain, SAMPLES, type TestPorts } from './harness.js';
import { segmentCsv } from '../helpers/segment-csv.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

const file = join(SAMPLES, 'interactions.csv');
const schemas = async () => (await (ports.personalize as unknown as { listSchemas(): Promise<{ name: string }[]> }).listSchemas()).map((x) => x.name).sort();

describe('a file of a type the group has already', () => {
  it('the review says the group has its interactions dataset; Enter imports into it, nothing is created', async () => {
    const before = await schemas();
    let review: StepModel | undefined;
    const h = await runHeadless(ports, { dataset: pickLabel('＋ Create the dataset'), csv: { type: file }, 'new-dataset': { pick: (m) => ((review = m), m.default!) } });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0 });
    expect(review!.question).toBe(`sandbox-shop already has its interactions dataset, sandbox-shop-interactions: import ${file} into it?`);
    expect(review!.lines.map((l) => l.text)).toContain('✗ A dataset group holds one dataset of each type, and sandbox-shop has its INTERACTIONS dataset already: sandbox-shop-interactions. A second one cannot be created.');
    expect(review!.default).toMatch(/^existing:arn:aws:personalize:[^:]+:\d+:dataset\/sandbox-shop\/INTERACTIONS$/);
    // never a second dataset of the type: no create, no naming or shaping of a new schema
    expect(review!.choices!.map((c) => c.label)).toEqual(['Import into sandbox-shop-interactions', 'Another dataset type (now interactions)', 'Pick another file', 'Back to the datasets (create nothing)']);
    expect(h.state.answers.datasetName).toBe('sandbox-shop-interactions');
    const created = h.events.find((e) => e.type === 'created');
    expect(created && 'jobArn' in created ? created.jobArn : JSON.stringify(h.events.map((e) => e.type))).toMatch(/dataset-import-job\/sandbox-shop-interactions-/);
    expect(await schemas()).toEqual(before);
  });

  // a Segment tracks export (user_id, product_id, event, ISO timestamps): the schema inferred for a
  // second interactions dataset was checked against the file and the file fixed on trial ("Checking
  // segment.csv against this schema …"), and the review listed that schema's fields — none of it
  // applies: the file goes into sandbox-shop-interactions, whose schema the validation checks it against
  it('says so before any check against an inferred schema, and lists the fields of the dataset it goes into', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-taken-'));
    try {
      const seg = join(dir, 'segment.csv');
      writeFileSync(seg, segmentCsv());
      let review: StepModel | undefined;
      const h = await runHeadless(ports, { dataset: pickLabel('＋ Create the dataset'), csv: { type: seg }, 'new-dataset': { pick: (m) => ((review = m), m.default!) }, verdict: 'quit' });
      const ran = h.events.flatMap((e) => (e.type === 'step' ? [e.model.id] : []));
      const notes = h.events.flatMap((e) => (e.type === 'note' ? [e.text] : []));
      expect(ran.slice(0, ran.indexOf('new-dataset') + 1).filter((x) => x.startsWith('new-dataset'))).toEqual(['new-dataset-infer', 'new-dataset']);
      expect(notes.join('\n')).not.toMatch(/against this schema|fixed on trial/);
      const text = review!.lines.map((l) => l.text);
      expect(text[0]).toMatch(/^Dataset type INTERACTIONS: guessed from the columns/);
      expect(text).toContain('✗ A dataset group holds one dataset of each type, and sandbox-shop has its INTERACTIONS dataset already: sandbox-shop-interactions. A second one cannot be created.');
      expect(text).toContain('  sandbox-shop-interactions’s fields: USER_ID* ITEM_ID* TIMESTAMP* EVENT_TYPE* EVENT_VALUE   (* required)');
      // nothing of the schema inferred for a second dataset
      expect(text.join('\n')).not.toMatch(/Schema worked out|Field +Type|anonymous_id/);
      expect(review!.default).toMatch(/^existing:.*dataset\/sandbox-shop\/INTERACTIONS$/);
      expect(review!.choices!.map((c) => c.label)).toContain('Another dataset type (now interactions)');
      // Enter: the file checked against sandbox-shop-interactions' schema (its header named there, not in a new schema)
      const validating = h.events.find((e) => e.type === 'validating');
      expect(validating && 'dataset' in validating ? validating.dataset : JSON.stringify(h.asked)).toContain('sandbox-shop-interactions');
      const validated = h.events.find((e) => e.type === 'validated');
      expect(validated && 'report' in validated ? validated.report.errors.map((e) => e.code) : JSON.stringify(h.asked)).toContain('HEADER_CASE');
      expect(h.state.answers.datasetName).toBe('sandbox-shop-interactions');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plain mode: the same question, Enter imports into sandbox-shop-interactions', async () => {
    const p = await runPlain(ports, { dataset: pickLabel('＋ Create the dataset'), csv: { type: file } });
    expect(p.code, p.text).toBe(0);
    expect(p.text!.replace(/\s+/g, ' ')).toContain(`sandbox-shop already has its interactions dataset, sandbox-shop-interactions: import ${file} into it?`);
    expect(p.asked.slice(p.asked.indexOf('new-dataset'), p.asked.indexOf('new-dataset') + 2)).toEqual(['new-dataset', 'verdict']);
    expect(p.state.answers.datasetName).toBe('sandbox-shop-interactions');
  });
});
