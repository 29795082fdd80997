// "＋ Create the dataset from my CSV" checks the picked file against the schema before the review
// (src/flow/machine/steps-new-dataset-check.ts): a GA4 export where every user appears once needs its
// header renamed, so its users are counted only in the copy "Fix and continue" writes — fixed on
// trial, that copy fails TOO_FEW_ACTIVE_USERS. Before, the review offered Create as its default and
// the schema and dataset were made for a file that could never import; now the review says so and
// "Pick another file" is the default. Headless and in plain mode, against the in-process sandbox.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drive, newState, type FlowEvent, type StepModel } from '../../src/flow/machine/index.js';
import { answerFor, emptyAccount, pickLabel, runHeadless, runPlain, toFaceAnswer, type Script, type TestPorts } from './harness.js';

/** a GA4 export (BigQuery's column names), `rows` events of `users` users */
function ga4(rows: number, users: number): string {
  const kinds = ['view_item', 'add_to_cart', 'purchase'];
  const lines = ['event_date,event_timestamp,event_name,user_pseudo_id,item_id'];
  for (let i = 0; i < rows; i++) lines.push(`20260301,${(1772352000 + i * 60) * 1_000_000 + (i % 1000) * 997},${kinds[i % 3]},${1000000 + (i % users)}.${1650000000 + (i % users)},SKU_${i % 300}`);
  return `${lines.join('\n')}\n`;
}

const text = (m: StepModel) => m.lines.map((l) => l.text).join('\n');
const notes = (events: FlowEvent[]) => events.map((e) => (e.type === 'note' ? e.text : '')).join('\n');

/** what the account holds for the group: its datasets, and the schemas named after it */
async function made(p: TestPorts, group: string) {
  const g = (await p.personalize.listDatasetGroups()).find((x) => x.name === group);
  const api = p.personalize as unknown as { listSchemas(): Promise<{ name: string }[]> };
  return { group: Boolean(g), datasets: g ? (await p.personalize.listDatasets(g.arn)).length : 0, schemas: (await api.listSchemas()).filter((x) => x.name.startsWith(group)).length };
}

describe('the schema review checks the file first (an empty account)', () => {
  const acct = emptyAccount();
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-review-check-'));
  const once = join(dir, 'ga4-once.csv');
  writeFileSync(once, ga4(1300, 1300));

  it('every user once: the review says the fixed copy would still fail; Enter picks another file, quit — no schema, no dataset', async () => {
    let review: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'once-h' }, csv: [{ type: once }, 'quit'],
      'new-dataset': { pick: (m) => ((review = m), m.default!) },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ reason: 'quit' });
    // Enter at the review went back to the CSV question (it created the schema and dataset before)
    expect(h.asked.slice(h.asked.indexOf('new-dataset'))).toEqual(['new-dataset', 'csv']);
    const said = text(review!);
    expect(said).toContain(`✗ Even after “Fix and continue”, ${once} would fail its import (tried on a copy in a temporary folder, deleted again). No schema or dataset has been created yet:`);
    expect(said).toMatch(/^ {2}TOO_FEW_ACTIVE_USERS: Only 0 users have 2 or more interactions; training needs at least 25\./m);
    expect(said).toMatch(/What helps: at least 25 users with 2 or more interactions each/);
    expect(review!.question).toBe(`${once} would fail its import even fixed. Create the schema and dataset anyway?`);
    expect(review!.default).toBe('again');
    expect(review!.choices![0]).toMatchObject({ value: 'again', label: 'Pick another file', description: 'back to the CSV question; no schema or dataset is created' });
    // creating stays possible (data may be added later), and says what it leaves
    expect(review!.choices!.find((c) => c.value === 'create')).toMatchObject({ label: 'Create schema and interactions dataset anyway', description: expect.stringMatching(/; this file cannot be imported as it is$/) });
    expect(review!.choices!.find((c) => c.value === 'create')!.disabled).toBeUndefined();
    expect(await made(acct.ports(), 'once-h')).toEqual({ group: true, datasets: 0, schemas: 0 });
  });

  it('plain mode: the same block above the numbered choices; "Create … anyway" still creates', async () => {
    const r = await runPlain(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'once-p' }, csv: { type: once },
      'new-dataset': pickLabel('Create schema and interactions dataset anyway'), fix: { pick: 'quit' },
    });
    const flat = r.text!.replace(/\s+/g, ' ');
    expect(flat).toContain('ga4-once.csv would fail its import (tried on a copy in a temporary folder, deleted again). No schema or dataset has been created yet:');
    expect(flat).toContain(`${once} would fail its import even fixed. Create the schema and dataset anyway?`);
    expect(flat).toMatch(/1\) Pick another file/);
    expect(await made(acct.ports(), 'once-p')).toEqual({ group: true, datasets: 1, schemas: 1 });
  });

  it('a file whose fixed copy passes (40 users, each coming back): the check runs, the review is as it was — Create the default', async () => {
    const ok = join(dir, 'ga4-events.csv');
    writeFileSync(ok, ga4(1100, 40));
    let review: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'back-h' }, csv: { type: ok },
      'new-dataset': { pick: (m) => ((review = m), 'back') }, dataset: ['enter', 'quit'],
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ reason: 'quit' });
    expect(notes(h.events)).toContain(`Checking ${ok} against this schema (and a copy fixed on trial, if “Fix and continue” would repair it) before anything is created…`);
    expect(text(review!)).not.toContain('would fail its import');
    expect(review!.question).toBe('Create schema back-h-interactions and dataset back-h-interactions?');
    expect(review!.default).toBe('create');
    expect(review!.choices!.map((c) => c.value)).not.toContain('again');
  });

  it('errors the fixer does not repair (300 interactions): said in the review with record by record as the way', async () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, `USER_ID,ITEM_ID,TIMESTAMP\n${Array.from({ length: 300 }, (_, i) => `u${i % 30},i${i % 50},${1767225600 + i}`).join('\n')}\n`);
    let review: StepModel | undefined;
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'small-h' }, csv: [{ type: small }, 'quit'],
      'new-dataset': { pick: (m) => ((review = m), m.default!) },
    });
    const said = text(review!);
    expect(said).toContain(`✗ ${small} would fail its import, with an error “Fix and continue” does not repair. No schema or dataset has been created yet:`);
    expect(said).toMatch(/^ {2}TOO_FEW_INTERACTIONS: /m);
    expect(said).toContain('What helps: an import job needs at least 1,000 interactions; fewer go in record by record: create the dataset anyway, then choose “Import record by record instead” after the check.');
    expect(review!.question).toBe(`${small} would fail its import. Create the schema and dataset anyway?`);
    expect(review!.default).toBe('again');
    expect(await made(acct.ports(), 'small-h')).toEqual({ group: true, datasets: 0, schemas: 0 });
  });

  it('Esc while the check runs: stopped, back at the CSV question; Ctrl-C: the check\'s own account — no schema, no dataset either way', async () => {
    // the face stops the check as it starts (its `running` is told before the work begins): no race with the file's size
    const walk = async (group: string, stop: 'esc' | 'ctrl-c') => {
      const script: Script = { group: pickLabel('＋'), 'new-group-name': { type: group }, csv: [{ type: once }, 'quit'] };
      const visits = new Map<string, number>();
      const asked: string[] = [];
      const events: FlowEvent[] = [];
      const ac = new AbortController();
      let stopped = 0;
      const end = drive(newState({ region: 'us-east-1' }), acct.ports(), {
        event: (e) => events.push(e),
        async ask(m) {
          asked.push(m.id);
          return toFaceAnswer(answerFor(script, m, visits), m);
        },
        running(m, cancel) {
          if (m.id !== 'new-dataset-check' || !cancel || stopped++) return;
          if (stop === 'esc') cancel();
          else ac.abort();
        },
      }, { signal: ac.signal });
      return { end: await end.catch((e: unknown) => e), asked, events };
    };
    const esc = await walk('esc-h', 'esc');
    expect(esc.end).toMatchObject({ reason: 'quit' });
    expect(esc.asked.slice(-2)).toEqual(['csv', 'csv']);
    expect(notes(esc.events)).toContain('Check stopped; no schema or dataset was created.');
    expect(await made(acct.ports(), 'esc-h')).toEqual({ group: true, datasets: 0, schemas: 0 });
    const ctrlC = await walk('ctrl-c-h', 'ctrl-c');
    // (a stop as at a question: the check's account, then what is true — the group this run made stays)
    expect(ctrlC.end).toMatchObject({ exitCode: 130, reason: 'stopped', lines: [`Stopped while checking ${once}: no schema or dataset was created (the copy fixed on trial is deleted).`, 'Created by this run (they stay): dataset group ctrl-c-h.', 'No import job was created in Personalize.', 'Nothing was uploaded.'] });
    expect(ctrlC.asked.at(-1)).toBe('csv');
    expect(await made(acct.ports(), 'ctrl-c-h')).toEqual({ group: true, datasets: 0, schemas: 0 });
  });
});
