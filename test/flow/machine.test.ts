// The step machine driven headless by scripted answers, one row per path, and the same scripts
// through plain mode's numbered prompts: both faces must reach the same plan (a test fails if they
// diverge). Against the in-process sandbox through the real SDK-backed deps.
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, IMPORT_FLOW, newState, type FlowEvent, type StepModel } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { answerFor, emptyAccount, pickLabel, portsFor, runHeadless, runPlain, SAMPLES, toFaceAnswer, type Run, type Script, type Start, type TestPorts } from './harness.js';
import { dataset, planShape, ROWS, shopGroup, stopAtReview } from './rows.js';

const sb = withSandbox({ jobSeconds: 0 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(sb);
});
afterAll(() => ports?.close());

const types = (evs: FlowEvent[]) => evs.map((e) => e.type);
async function bothFaces(script: Script, start: Start = {}) {
  const headless = await runHeadless(ports, script, start);
  const plain = await runPlain(ports, script, start);
  return { headless, plain };
}

describe('the import flow as a table of scripted paths (headless and plain)', () => {
  it('Enter only: the sandbox sample into the first dataset, FULL, the sandbox role and bucket, to ACTIVE, saved', async () => {
    let save: StepModel | undefined;
    const h = await runHeadless(ports, { save: { pick: (m) => ((save = m), m.default!) } });
    // sandbox-shop is there in every run: nothing to say about the sandbox forgetting it
    expect(save!.lines.map((l) => (typeof l === 'string' ? l : l.text)).join('\n')).not.toContain('embedded sandbox');
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked).toEqual(['group', 'dataset', 'csv', 'verdict', 'bucket', 'prefix', 'mode', 'job-name', 'role', 'tags', 'review', 'save']);
    expect(planShape(h)).toMatchObject({
      datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), importMode: 'FULL', roleArn: sb.sandbox.roleArn,
      bucket: sb.sandbox.bucket, key: 'personalize-import/interactions.csv', jobName: 'sandbox-shop-interactions-<stamp>',
    });
    // side effects are steps that emit what the views show, in this order
    const t = types(h.events);
    const order = ['validating', 'validated', 'upload-start', 'uploaded', 'preflight', 'creating', 'created', 'job', 'finished'].map((x) => t.indexOf(x as FlowEvent['type']));
    expect(order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1])), t.join(' ')).toBe(true);
    expect(h.end.lines.join('\n')).toMatch(/Saved profile sandbox-shop/);
  });

  it('Enter only through plain mode reaches the same plan as headless (the faces do not diverge)', async () => {
    // over the bulk data the previous row imported: both faces now default to INCREMENTAL
    const { headless, plain } = await bothFaces(stopAtReview);
    expect(plain.code, plain.text).toBe(0);
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(planShape(headless).importMode).toBe('INCREMENTAL');
    expect(plain.asked).toEqual(headless.asked);
    // numbered choices, no cursor escapes
    expect(plain.text).toMatch(/ {2}1\) sandbox-shop \(Custom\)/);
    expect(plain.text).not.toMatch(/\x1b\[/);
  });

  it('FULL over existing data: the dataset name must be typed; a wrong name is refused and asked again', async () => {
    const { headless, plain } = await bothFaces(ROWS.fullTyped);
    expect(planShape(headless).importMode).toBe('FULL');
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(plain.text).toContain('That is not sandbox-shop-interactions');
    expect(headless.events.some((e) => e.type === 'note' && /That is not sandbox-shop-interactions/.test(e.text))).toBe(true);
  });

  it('INCREMENTAL over existing data, and a file FULL would fail (20 active users): FULL is shown disabled with the reason', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pi-flow-csv-')), 'few-users.csv');
    writeFileSync(file, (await import('../helpers/sandbox.js')).interactionsCsv(1200, 20));
    let disabled: string | undefined;
    const { headless, plain } = await bothFaces(ROWS.incremental(file, (m) => (disabled = m.choices!.find((c) => c.value === 'FULL')!.disabled)));
    expect(disabled).toMatch(/Only 20 users have 2 or more interactions/);
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(planShape(headless)).toMatchObject({ importMode: 'INCREMENTAL', key: 'personalize-import/few-users.csv' });
  });

  it('a broken CSV, then another file: the errors, "pick another file", the second file validated and planned', async () => {
    const { headless, plain } = await bothFaces(ROWS.brokenThenAnother);
    expect(headless.asked.slice(0, 6)).toEqual(['group', 'dataset', 'csv', 'verdict', 'csv', 'verdict']);
    expect(types(headless.events).filter((t) => t === 'validated').length).toBe(2);
    expect(planShape(plain)).toEqual(planShape(headless));
    expect(plain.text).toMatch(/The file has errors; nothing was uploaded/);
  });

  it('the verdict on a file with errors is named Errors in the summary of answers, on warnings Warnings', async () => {
    const labels: string[] = [];
    const note = (m: StepModel, v: string) => (labels.push(m.label ?? m.title), v);
    await runHeadless(ports, { ...ROWS.brokenThenAnother, verdict: [{ pick: (m: StepModel) => note(m, 'again') }, { pick: (m: StepModel) => note(m, m.default!) }] });
    expect(labels).toEqual(['Errors', 'Warnings']);
  });

  it('record by record: too few interactions for a bulk job; the branch ends the flow with the file for the records path', async () => {
    const h = await runHeadless(ports, ROWS.records);
    expect(h.end).toMatchObject({ reason: 'records', individually: { file: join(SAMPLES, 'interactions-too-few.csv'), datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS') } });
    // plain mode: the same questions to the same branch, then the records path asks on its own lines
    // (records-confirm: create the event tracker) and sends, its report written to the working folder
    const plain = await runPlain(ports, ROWS.records, { cwd: mkdtempSync(join(tmpdir(), 'pi-flow-records-')) });
    expect(plain.end.individually, plain.text).toEqual(h.end.individually);
    expect(plain.asked.filter((id) => id !== 'records-confirm')).toEqual(h.asked);
    expect(plain.code, plain.text).toBe(0);
    expect(plain.text).toMatch(/Record by record[\s\S]*Sent \d+ of \d+ records/);
    const smallItems = await runHeadless(ports, { group: shopGroup, dataset: dataset('ITEMS'), csv: { type: join(SAMPLES, 'items.csv') } });
    // a small valid file: the record-by-record choice comes first (as in the Ink wizard), Enter takes it
    expect(smallItems.asked).toContain('how');
    expect(smallItems.end.reason).toBe('records');
  });

  it('a saved profile answers group, dataset, bucket and prefix; Esc at the first question opens the dataset again', async () => {
    const profiles = ports.profiles!;
    profiles.save({ name: 'flow-items', sandbox: true, datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), bucket: sb.sandbox.bucket, prefix: 'from-profile/', roleArn: sb.sandbox.roleArn });
    const h = await runHeadless(ports, ROWS.profile, ROWS.profileStart(sb));
    expect(h.asked.slice(0, 4)).toEqual(['csv', 'dataset', 'csv', 'how']);
    expect(h.asked).not.toContain('bucket');
    expect(h.events.filter((e) => e.type === 'answered').map((e) => (e as { step: string; from?: string }).from)).toContain('profile flow-items');
    expect(planShape(h)).toMatchObject({ key: 'from-profile/items.csv', datasetArn: sb.seeded.datasetArn('custom', 'ITEMS') });
    const plain = await runPlain(ports, ROWS.profile, { profileName: 'flow-items' });
    expect(plain.code, plain.text).toBe(0);
    expect(planShape(plain)).toEqual(planShape(h));
    expect(plain.asked.slice(0, 3)).toEqual(['csv', 'dataset', 'csv']);
  });

  it('the no-grant bucket: preflight stops before the job; exit 3 with the statement; the uploaded file is said to stay', async () => {
    const h = await runHeadless(ports, ROWS.noGrant(sb));
    expect(h.end).toMatchObject({ exitCode: 3, reason: 'failed' });
    expect(h.end.lines.join(' ')).toMatch(/the import job was NOT created\. The file stays at s3:\/\/.*items-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    const pre = h.events.find((e) => e.type === 'preflight') as Extract<FlowEvent, { type: 'preflight' }>;
    expect(pre.result.checks.find((c) => c.id === 'bucket-policy')!.status).toBe('FAIL');
    expect(types(h.events)).not.toContain('created');
    // plain mode: the same questions, the same stop (exit 3), the same plan
    const plain = await runPlain(ports, ROWS.noGrant(sb));
    expect(plain.code, plain.text).toBe(3);
    expect(plain.end).toMatchObject({ exitCode: 3, reason: 'failed' });
    expect(plain.asked).toEqual(h.asked);
    expect(planShape(plain)).toEqual(planShape(h));
    expect(plain.text).toMatch(/the import job was NOT created/);
  });

  it('Esc from every question step returns to the step asked before it, and Enter from there reaches the same plan', async () => {
    const base = await runHeadless(ports, stopAtReview);
    const questions = base.asked.filter((id) => id !== 'review');
    for (const [n, id] of questions.entries()) {
      if (n === 0) continue;
      const r = await runHeadless(ports, ROWS.escAt(id));
      const at = r.asked.indexOf(id);
      expect(r.asked[at + 1], `Esc at ${id}`).toBe(questions[n - 1]);
      expect(planShape(r), `after Esc at ${id}`).toEqual(planShape(base));
    }
    // the review too: Esc there goes back to the last question
    const r = await runHeadless(ports, { review: ['back', { pick: 'quit' }] });
    expect(r.asked.slice(-3)).toEqual(['review', questions[questions.length - 1], 'review']);
    // plain mode's "<" at every step, the review included: the same questions, the same plan
    for (const id of [...questions.slice(1), 'review']) {
      const script = id === 'review' ? { review: ['back', { pick: 'quit' }] } as Script : ROWS.escAt(id);
      const h = id === 'review' ? r : await runHeadless(ports, script);
      const p = await runPlain(ports, script);
      expect(p.code, p.text).toBe(0);
      expect(p.asked, `"<" at ${id}`).toEqual(h.asked);
      expect(planShape(p), `after "<" at ${id}`).toEqual(planShape(h));
    }
  });

  it('every step of the registry is one entry with a screen title, and the ids are unique', () => {
    const ids = IMPORT_FLOW.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// Issue #12: what a CSV needs, created on the way — against an empty account (sandbox --seed none).
describe('creating the dataset group, schema and dataset from the CSV (headless and plain, an empty account)', () => {
  const acct = emptyAccount();
  const INTERACTIONS = join(SAMPLES, 'interactions.csv');
  const ITEMS = join(SAMPLES, 'items.csv');
  /** the plan without the per-run stamps and with the group name of the face made one */
  const same = (r: Run, name: string) => JSON.parse(JSON.stringify(planShape(r)).split(name).join('<group>'));
  const schemaOf = async (datasetArn: string) => {
    const d = await acct.ports().personalize.describeDataset(datasetArn);
    return { arn: d.schemaArn!, avro: (await acct.ports().personalize.describeSchema(d.schemaArn!)).avro };
  };

  it('no groups: "＋ New dataset group" is the only choice; name typed, Enter at every other step → group, schema, dataset created, ACTIVE import', async () => {
    let groupChoices: string[] = [];
    const walk = (name: string): Script => ({ group: { pick: (m) => ((groupChoices = m.choices!.map((c) => c.label)), m.default!) }, 'new-group-name': { type: name }, csv: { type: INTERACTIONS } });
    const h = await runHeadless(acct.ports(), walk('flow-new-h'));
    expect(groupChoices).toEqual(['＋ New dataset group']);
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked.slice(0, 7)).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'dataset', 'csv', 'new-dataset']);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    // the summary of answered steps names the group made, not the choice that started it
    const groupAnswers = h.events.filter((e) => e.type === 'answered' && e.step === 'group').map((e) => [(e as { label: string }).label, (e as { value: string }).value]);
    expect(groupAnswers).toEqual([['Group', 'flow-new-h (Custom, created)']]);
    // …and the dataset made, not "＋ Create the dataset from my CSV"
    const datasetAnswers = h.events.filter((e) => e.type === 'answered' && e.step === 'dataset').map((e) => [(e as { label: string }).label, (e as { value: string }).value]);
    expect(datasetAnswers).toEqual([['Dataset', 'flow-new-h-interactions [INTERACTIONS] (created)']]);
    const created = h.state.doc.created as Record<string, string>;
    expect(Object.keys(created).sort()).toEqual(['datasetArn', 'datasetGroupArn', 'schemaArn']);
    const { avro } = await schemaOf(h.state.answers.datasetArn!);
    expect(avro.fields.slice(0, 3)).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
    // the order of what happened: the group ACTIVE before the dataset is asked, the dataset ACTIVE before validation
    const notes = h.events.map((e) => (e.type === 'note' ? e.text : e.type));
    expect(notes.findIndex((t) => /Dataset group flow-new-h \(Custom\) is ACTIVE/.test(t))).toBeLessThan(notes.findIndex((t) => /Creating schema flow-new-h-interactions/.test(t)));
    expect(notes.findIndex((t) => /Dataset flow-new-h-interactions \[INTERACTIONS\] is ACTIVE/.test(t))).toBeLessThan(notes.indexOf('validating'));
    // plain mode: the same steps, the new group picked among the groups there are now
    const p = await runPlain(acct.ports(), { ...walk('flow-new-p'), group: pickLabel('＋'), ...stopAtReview });
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked.slice(0, p.asked.length));
    expect(same(p, 'flow-new-p')).toEqual({ ...same(h, 'flow-new-h'), importMode: 'FULL' });
    expect(p.text).toMatch(/\d\) ＋ New dataset group/);
    expect(p.text).toMatch(/USER_ID +string +no +-\n/);
    // a reason that only restates the Personalize type is not repeated under the table
    expect(p.text).not.toMatch(/USER_ID is a string in Personalize/);
    expect(p.text).toMatch(/Create schema and interactions dataset/);
  });

  it('a name in use or against the pattern is refused and asked again; Nothing is created on "Back"', async () => {
    const before = (await acct.ports().personalize.listDatasetGroups()).length;
    const h = await runHeadless(acct.ports(), { group: [pickLabel('＋'), 'quit'], 'new-group-name': [{ type: 'flow-new-h' }, { type: 'bad name' }, { type: 'flow-unused' }], 'new-group-confirm': { pick: 'back' } });
    const errors = h.events.filter((e) => e.type === 'note' && e.tone === 'error').map((e) => (e as { text: string }).text);
    expect(errors[0]).toMatch(/flow-new-h already exists/);
    expect(errors[1]).toMatch(/no spaces/);
    expect(h.asked.slice(0, 7)).toEqual(['group', 'new-group-name', 'new-group-name', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'group']);
    expect((await acct.ports().personalize.listDatasetGroups()).length).toBe(before);
  });

  it('an existing group without an Items dataset: create it from the CSV, changing a field on the way (headless and plain)', async () => {
    const groupName = (r: 'h' | 'p') => `flow-new-${r}`;
    const script = (r: 'h' | 'p'): Script => ({
      group: pickLabel(`${groupName(r)} `), dataset: pickLabel('＋ Create the dataset'), csv: { type: ITEMS },
      'new-dataset': [{ pick: 'field' }, 'enter'], 'new-dataset-field': { pick: 'CATEGORY' }, 'new-dataset-field-edit': { pick: 'categorical:no' },
      how: { pick: 'bulk' }, ...stopAtReview,
    });
    let review: StepModel | undefined;
    const h = await runHeadless(acct.ports(), { ...script('h'), 'new-dataset': [{ pick: (m) => ((review = m), 'field') }, 'enter'] });
    expect(h.end.reason, JSON.stringify(h.end)).toBe('quit');
    expect(h.asked.slice(0, 7)).toEqual(['group', 'dataset', 'csv', 'new-dataset', 'new-dataset-field', 'new-dataset-field-edit', 'new-dataset']);
    const text = review!.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/Dataset type ITEMS: guessed from the columns: ITEM_ID without USER_ID/);
    expect(text).toMatch(/DESCRIPTION +string +yes +textual\n/);
    expect(text).toMatch(/DESCRIPTION: free text \(average 41 characters/);
    expect(review!.choices!.map((c) => c.value)).toEqual(['create', 'field', 'json', 'type', 'back']);
    const { avro } = await schemaOf(h.state.answers.datasetArn!);
    expect(avro.fields.find((f) => f.name === 'CATEGORY')).toEqual({ name: 'CATEGORY', type: 'string' });
    expect(avro.fields.find((f) => f.name === 'DESCRIPTION')).toMatchObject({ textual: true });
    const p = await runPlain(acct.ports(), script('p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(same(p, groupName('p'))).toEqual(same(h, groupName('h')));
    expect(p.text).toMatch(/Which field\?/);
  });

  it('"Use existing schema": a new group takes the schema an earlier group has, creating only the dataset', async () => {
    const earlier = await schemaOf((await acct.ports().personalize.listDatasets((await acct.ports().personalize.listDatasetGroups()).find((g) => g.name === 'flow-new-h')!.arn)).find((d) => d.datasetType === 'INTERACTIONS')!.arn);
    const script = (name: string): Script => ({ group: pickLabel('＋'), 'new-group-name': { type: name }, csv: { type: INTERACTIONS }, 'new-dataset': pickLabel('Use existing schema'), ...stopAtReview });
    const h = await runHeadless(acct.ports(), script('flow-reuse-h'));
    // the earlier groups' interactions schemas (flow-new-h's and flow-new-p's) are equal: one of them is used
    const reused = await schemaOf(h.state.answers.datasetArn!);
    expect(reused.arn).toMatch(/:schema\/flow-new-[hp]-interactions$/);
    expect(reused.avro).toEqual(earlier.avro);
    expect(Object.keys(h.state.doc.created as object).sort()).toEqual(['datasetArn', 'datasetGroupArn']);
    expect(h.events.some((e) => e.type === 'note' && /Using schema flow-new-[hp]-interactions: chosen: it has the same fields/.test(e.text))).toBe(true);
    expect((await acct.ports().personalize.listDatasetGroups()).some((g) => g.name === 'flow-reuse-h')).toBe(true);
    const p = await runPlain(acct.ports(), script('flow-reuse-p'));
    expect(p.code, p.text).toBe(0);
    expect(same(p, 'flow-reuse-p')).toEqual(same(h, 'flow-reuse-h'));
  });

  it('a CSV with a column the Items schema lacks: offered, added nullable with UpdateDataset, validated again (headless and plain)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-extra-'));
    const withColumn = (col: string) => {
      const file = join(dir, `items-${col.toLowerCase()}.csv`);
      const [head, ...rows] = readFileSync(ITEMS, 'utf8').trimEnd().split('\n');
      writeFileSync(file, [`${head},${col}`, ...rows.map((r, i) => `${r},${i % 3 ? 'red' : 'blue'}`)].join('\n') + '\n');
      return file;
    };
    let offer: StepModel | undefined;
    const script = (file: string): Script => ({ group: pickLabel('flow-new-h '), dataset: pickLabel('flow-new-h-items'), csv: { type: file }, 'schema-change': { pick: (m) => ((offer = m), 'add') }, how: { pick: 'bulk' }, ...stopAtReview });
    const h = await runHeadless(acct.ports(), script(withColumn('COLOUR')));
    expect(offer!.lines.map((l) => l.text).join('\n')).toMatch(/lacks: COLOUR[\s\S]*plus COLOUR \(string, optional, categorical\)[\s\S]*not used in training until you create a new solution version/);
    expect(h.asked.slice(0, 4)).toEqual(['group', 'dataset', 'csv', 'schema-change']);
    // its answered line names the columns ("✔ Columns  not added: COLOUR"), not "✔ Validation Continue without it"
    expect([offer!.label, offer!.describe?.('skip'), offer!.describe?.('add')]).toEqual(['Columns', 'not added: COLOUR', 'add COLOUR to the schema']);
    expect(h.events.filter((e) => e.type === 'validated').length).toBe(2);
    // the summary of answers keeps what was done: the dataset's line names the added column (the
    // answer to the offer goes with the first validation, which the second one replaces)
    const datasetAnswers = h.events.filter((e): e is Extract<FlowEvent, { type: 'answered' }> => e.type === 'answered' && e.step === 'dataset').map((e) => [e.value, e.inPlace]);
    expect(datasetAnswers).toEqual([['flow-new-h-items [ITEMS], COLOUR added to its schema', true]]);
    const { avro } = await schemaOf(h.state.answers.datasetArn!);
    expect(avro.fields.find((f) => f.name === 'COLOUR')).toEqual({ name: 'COLOUR', type: ['null', 'string'], categorical: true, default: null });
    const p = await runPlain(acct.ports(), script(withColumn('SHADE')));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(JSON.stringify(planShape(p)).replace(/shade/g, 'x')).toEqual(JSON.stringify(planShape(h)).replace(/colour/g, 'x'));
    // Interactions cannot take new columns: not asked (the validation's warning says the column is not imported)
    const inter = join(dir, 'interactions-extra.csv');
    const [head, ...rows] = readFileSync(INTERACTIONS, 'utf8').trimEnd().split('\n');
    writeFileSync(inter, [`${head},DEVICE`, ...rows.map((r) => `${r},phone`)].join('\n') + '\n');
    const hi = await runHeadless(acct.ports(), { group: pickLabel('flow-new-h '), dataset: pickLabel('flow-new-h-interactions'), csv: { type: inter }, how: { pick: 'bulk' }, ...stopAtReview });
    expect(hi.asked).not.toContain('schema-change');
    expect(hi.asked.slice(0, 3)).toEqual(['group', 'dataset', 'csv']);
  });

  it('a Domain group: the domain’s missing required field blocks "Create" (named, with what to do), header renames are said; quitting says the group stays', async () => {
    let review: StepModel | undefined;
    let kinds: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'flow-ecom' }, 'new-group-domain': { pick: (m) => ((kinds = m), 'ECOMMERCE') },
      csv: { type: ITEMS }, 'new-dataset': [{ pick: (m) => ((review = m), 'back') }, 'quit'], dataset: [pickLabel('＋'), 'quit'],
    });
    expect(kinds!.choices!.map((c) => c.description)).toEqual([expect.stringMatching(/any recipe/), expect.stringMatching(/Items need PRICE and CATEGORY_L1/), expect.stringMatching(/Items need CREATION_TIMESTAMP and GENRES/)]);
    const text = review!.lines.map((l) => `${l.tone ?? ''}:${l.text}`).join('\n');
    const create = review!.choices!.find((c) => c.value === 'create')!;
    expect(create.disabled).toMatch(/ECOMMERCE Items datasets need ITEM_ID, PRICE, CATEGORY_L1; the file has no column for PRICE\. Add it to the CSV, or use a Custom dataset group/);
    expect(text).toMatch(/error:✗ ECOMMERCE Items datasets need/);
    expect(text).toMatch(/warn:! The CSV header must be renamed \(CATEGORY → CATEGORY_L1\)/);
    expect(text).toMatch(/“Fix and continue”, which writes a copy of the file with the header renamed/);
    expect(review!.default).toBe('field');
    expect(h.end.reason).toBe('quit');
    expect(h.end.lines.join('\n')).toMatch(/Created by this run \(they stay\): dataset group flow-ecom\.\nNo import job was created/);
  });

  it('`import` on a terminal (side effects deferred): each create runs once its own confirmation is answered, before the steps that need it', async () => {
    const state = newState({ region: 'us-east-1', source: { kind: 'local', path: INTERACTIONS } }, { csv: '--csv' });
    const asked: string[] = [];
    const visits = new Map<string, number>();
    const script: Script = { group: pickLabel('＋'), 'new-group-name': { type: 'flow-import-term' }, 'new-dataset': [{ pick: 'json' }, 'enter'], ...stopAtReview };
    const events: FlowEvent[] = [];
    const end = await drive(state, acct.ports(), { event: (e) => events.push(e), ask: async (m) => (asked.push(m.id), toFaceAnswer(answerFor(script, m, visits), m)) }, { deferSideEffects: true });
    expect(end.reason, JSON.stringify(end)).toBe('quit');
    expect(asked.slice(0, 7)).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'dataset', 'new-dataset', 'new-dataset']);
    expect(Object.keys(state.doc.created as object).sort()).toEqual(['datasetArn', 'datasetGroupArn', 'schemaArn']);
    // "Show the Avro schema JSON": the record printed, then the same review again
    const notes = events.filter((e) => e.type === 'note').map((e) => (e as { text: string }).text).join('\n');
    expect(notes).toMatch(/"name": "Interactions",[\s\S]*"name": "TIMESTAMP",\n\s*"type": "long"/);
  });

  it('a CSV with export-style headers (user_id, product_id, ts): the renames are said; after the dataset is created "Fix and continue" renames them in a copy and the import goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-alias-'));
    const file = join(dir, 'export.csv');
    const [, ...rows] = readFileSync(INTERACTIONS, 'utf8').trimEnd().split('\n');
    writeFileSync(file, ['user_id,product_id,ts,event_type,event_value', ...rows].join('\n') + '\n');
    let review: StepModel | undefined;
    const h = await runHeadless(acct.ports(), { group: pickLabel('＋'), 'new-group-name': { type: 'flow-alias' }, csv: { type: file }, 'new-dataset': { pick: (m) => ((review = m), 'create') }, ...stopAtReview });
    expect(review!.lines.map((l) => l.text).join('\n')).toMatch(/renamed \(user_id → USER_ID, product_id → ITEM_ID, ts → TIMESTAMP, event_type → EVENT_TYPE, event_value → EVENT_VALUE\)/);
    expect(h.asked).toContain('fix');
    expect(h.end.reason, JSON.stringify(h.end)).toBe('quit');
    expect(planShape(h).source).toEqual({ kind: 'local', path: join(dir, 'export.fixed.csv') });
    expect(readFileSync(join(dir, 'export.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
  });

  it('"Encrypt with my KMS key…" at the confirmation: the key (checked) and the role that may use it, then the group is created with them', async () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    let confirm: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'flow-kms' }, 'new-group-confirm': [{ pick: 'kms' }, { pick: (m) => ((confirm = m), 'create') }],
      'new-group-kms': [{ type: 'not-a-key' }, { type: key }], dataset: 'quit',
    });
    expect(h.asked.slice(0, 8)).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'new-group-kms', 'new-group-kms', 'new-group-kms-role', 'new-group-confirm']);
    expect(h.events.some((e) => e.type === 'note' && /A KMS key ARN looks like/.test(e.text))).toBe(true);
    expect(confirm!.lines.map((l) => l.text).join('\n')).toContain(`encrypted with KMS key ${key}, used through role ${acct.sandbox.sandbox.roleArn}`);
    const g = (await acct.ports().personalize.listDatasetGroups()).find((x) => x.name === 'flow-kms')!;
    expect(g).toBeDefined();
    const { DescribeDatasetGroupCommand } = await import('@aws-sdk/client-personalize');
    const raw = await acct.sandbox.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: g.arn }));
    expect(raw.datasetGroup).toMatchObject({ kmsKeyArn: key, roleArn: acct.sandbox.sandbox.roleArn });
  });

  it('Esc at each new step goes back one step; Esc after a create goes to the list it now belongs to', async () => {
    const base: Script = { group: pickLabel('＋'), csv: { type: INTERACTIONS }, ...stopAtReview };
    const esc = async (id: string, extra: Script = {}) => {
      const r = await runHeadless(acct.ports(), { ...base, 'new-group-name': { type: `flow-esc-${id.replace(/[^a-z]/g, '')}` }, ...extra, [id]: ['back', ...((Array.isArray(extra[id]) ? extra[id] : extra[id] ? [extra[id]] : []) as never[])] });
      return r.asked;
    };
    const after = (asked: string[], id: string) => asked[asked.indexOf(id) + 1];
    expect(after(await esc('new-group-name'), 'new-group-name')).toBe('group');
    expect(after(await esc('new-group-domain'), 'new-group-domain')).toBe('new-group-name');
    expect(after(await esc('new-group-confirm'), 'new-group-confirm')).toBe('new-group-domain');
    // after the group exists: Esc at the dataset goes to the group list (the new group in it, the default)
    expect(after(await esc('dataset'), 'dataset')).toBe('group');
    expect(after(await esc('new-dataset'), 'new-dataset')).toBe('csv');
    const field = await esc('new-dataset-field', { 'new-dataset': [{ pick: 'field' }, 'enter'] });
    expect(after(field, 'new-dataset-field')).toBe('new-dataset');
    const edit = await esc('new-dataset-field-edit', { 'new-dataset': [{ pick: 'field' }, 'enter'], 'new-dataset-field': [{ pick: 'USER_ID' }, 'enter'] });
    expect(after(edit, 'new-dataset-field-edit')).toBe('new-dataset-field');
    const type = await esc('new-dataset-type', { 'new-dataset': [{ pick: 'type' }, 'enter'] });
    expect(after(type, 'new-dataset-type')).toBe('new-dataset');
    // after the dataset exists: Esc at the next question goes to the CSV (the dataset stays)
    const next = after(await esc('new-group-domain'), 'new-dataset');
    const later = await esc(next);
    expect(after(later, next), `Esc at ${next}`).toBe('csv');
    expect(later.filter((x) => x === 'new-dataset').length).toBe(1);
    // plain mode's "<" does the same as Esc: the same questions in the same order, the same plan
    const both = (name: string): Script => ({ ...base, 'new-group-name': { type: name }, 'new-group-domain': ['back', 'enter'], 'new-dataset': ['back', 'enter'] });
    const h = await runHeadless(acct.ports(), both('flow-esc-h'));
    const p = await runPlain(acct.ports(), both('flow-esc-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(h.asked.slice(0, 9)).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'dataset', 'csv', 'new-dataset']);
    expect(same(p, 'flow-esc-p')).toEqual(same(h, 'flow-esc-h'));
  });
});

// Issue #19: several files at once, from the CSV step of "＋ Create the dataset from my CSV" —
// against an empty account (sandbox --seed none): typed, validated, checked across, created, imported.
describe('several files at once: a folder or a list at the CSV step (headless and plain, an empty account)', () => {
  const acct = emptyAccount();
  const S = (f: string) => join(SAMPLES, f);
  const ARN = /^ {6}arn:aws:personalize:[^:]+:\d{12}:dataset-import-job\/\S+$/;
  /** what both faces must agree on: the questions, the end (group name and stamps made one) */
  const endShape = (r: Run, name: string) => ({
    exitCode: r.end.exitCode,
    lines: r.end.lines.map((l) => l.split(name).join('<group>').replace(/-\d{8}-\d{6}(-\w+)?$/, '-<stamp>')),
  });
  const reviewOf = (into: { m?: StepModel }) => ({ pick: (m: StepModel) => ((into.m = m), m.default!) });
  const jobsOf = async (groupName: string) => {
    const g = (await acct.ports().personalize.listDatasetGroups()).find((x) => x.name === groupName)!;
    const ds = await acct.ports().personalize.listDatasets(g.arn);
    return Object.fromEntries(await Promise.all(ds.map(async (d) => [d.datasetType, (await acct.ports().personalize.listImportJobs(d.arn)).map((j) => j.status)])));
  };

  it('Enter at every step but the group name: the samples folder → 3 files typed → checked (the IDs match) → 3 datasets created, 3 jobs ACTIVE, 3 ARNs at the end', async () => {
    const files: { m?: StepModel } = {};
    const review: { m?: StepModel } = {};
    let csv: StepModel | undefined;
    const walk = (name: string): Script => ({ group: { pick: '+new-group' }, 'new-group-name': { type: name }, csv: { pick: (m) => ((csv = m), m.default!) }, 'several-files': reviewOf(files), 'several-review': reviewOf(review) });
    const h = await runHeadless(acct.ports(), walk('multi-h'));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'dataset', 'csv', 'several-files', 'several-review']);
    expect(csv!.default).toBe('samples/');
    expect(csv!.choices![0].label).toBe('samples/ — the sandbox’s samples');
    expect(csv!.choices![0].description).toMatch(/^interactions, items, users: several files at once/);
    const shown = files.m!.lines.map((l) => l.text).join('\n');
    expect(shown).toMatch(/interactions +samples\/interactions\.csv {2}→ new dataset multi-h-interactions/);
    expect(shown).toMatch(/items +samples\/items\.csv {2}→ new dataset multi-h-items/);
    expect(shown).toMatch(/not used: samples\/items-long-id\.csv, samples\/items-sku-prefix\.csv \(other items files; samples\/items\.csv is used\)/);
    const rshown = review.m!.lines.map((l) => l.text).join('\n');
    expect(rshown).toMatch(/✓ interactions +samples\/interactions\.csv: 1,200 rows valid/);
    expect(rshown).toMatch(/Across the files: ✓ the IDs match/);
    expect(review.m!.choices![0]).toMatchObject({ value: 'go', label: 'Create the missing datasets and import the 3 files' });
    expect(await jobsOf('multi-h')).toEqual({ INTERACTIONS: ['ACTIVE'], ITEMS: ['ACTIVE'], USERS: ['ACTIVE'] });
    expect(h.end.lines[0]).toBe('Import jobs: 3 of 3 ACTIVE');
    expect(h.end.lines.filter((l) => ARN.test(l))).toHaveLength(3);
    // the order the service allows: items and users created before the interactions
    const notes = h.events.flatMap((e) => (e.type === 'note' ? [e.text] : e.type === 'group-rows' && e.line ? [e.line.text] : []));
    const created = notes.filter((t) => /job .* created \(0 s\)$/.test(t)).map((t) => t.trim().split(/ +/)[0]);
    expect(created).toEqual(['items', 'users', 'interactions']);
    // plain mode: the same questions, the same end (numbered prompts, Enter = the default)
    const p = await runPlain(acct.ports(), walk('multi-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(endShape(p, 'multi-p')).toEqual(endShape(h, 'multi-h'));
    expect(p.text).toMatch(/\d\) samples\/ — the sandbox’s samples/);
    // plain mode keeps its log lines, each with the job's running time where its state changes
    expect(p.text).toMatch(/^ {2}items +job \S+ created \(0 s\)$/m);
    expect(p.text).toMatch(/^ {2}items +✓ ACTIVE after \d+ s$/m);
    expect(p.text).toMatch(/^Uploaded \S*items\.csv → s3:\/\/\S+ \([\d,]+ bytes, \d+ s\)$/m);
    expect(await jobsOf('multi-p')).toEqual({ INTERACTIONS: ['ACTIVE'], ITEMS: ['ACTIVE'], USERS: ['ACTIVE'] });
  });

  it('the mismatch variant: your folder is the default; the cross-file warnings with their examples, not blocking; all three ACTIVE', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pi-multi-'));
    writeFileSync(join(work, 'interactions.csv'), readFileSync(S('interactions.csv')));
    writeFileSync(join(work, 'items.csv'), readFileSync(S('items-sku-prefix.csv')));
    writeFileSync(join(work, 'users.csv'), readFileSync(S('users-uppercase.csv')));
    const own = await portsFor(acct.sandbox, { cwd: work });
    try {
      const review: { m?: StepModel } = {};
      const h = await runHeadless(own, { group: { pick: '+new-group' }, 'new-group-name': { type: 'mismatch-h' }, 'several-review': reviewOf(review) });
      expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0 });
      const lines = review.m!.lines;
      const text = lines.map((l) => l.text).join('\n');
      expect(text).toMatch(/Across the files: 6 warnings/);
      expect(text).toMatch(/CROSS_ITEMS_MISSING \(.*interactions\.csv, line 2\): 1,200 interactions of 1,200 \(100 %\).*first: line 2 "item-051"/);
      expect(text).toMatch(/Likely cause: ITEM_ID is written with a different prefix .* "sku-item-051"/);
      expect(text).toMatch(/Likely cause: USER_ID is written with a different letter case/);
      expect(lines.filter((l) => l.tone === 'warn' && /^ {2}CROSS_/.test(l.text))).toHaveLength(6);
      expect(review.m!.default).toBe('go');
      expect(h.end.lines.filter((l) => ARN.test(l))).toHaveLength(3);
      // the end's commands are the group's (its jobs listed by history), not one job's summary with no status
      expect(h.end.jobArn).toBeUndefined();
      // the embedded sandbox ended with the run: no command that would ask a new one about this group
      expect(h.end.lines.join('\n')).toMatch(/The embedded sandbox stopped with this command, and these jobs with it: no command can ask about them now/);
      expect(h.end.lines.join('\n')).not.toMatch(/personalize-import (history|status|diagnose) /);
      // plain: the same files typed as a list (TYPE= names one), the same warnings on screen
      const list = `${S('interactions.csv')}, items=${S('items-sku-prefix.csv')}, ${S('users-uppercase.csv')}`;
      const p = await runPlain(acct.ports(), { group: { pick: '+new-group' }, 'new-group-name': { type: 'mismatch-p' }, csv: { type: list } });
      expect(p.code, p.text).toBe(0);
      expect(p.asked).toEqual(h.asked);
      expect(p.text).toMatch(/given as items=…/);
      expect(p.text).toMatch(/CROSS_ID_FORMAT .*Likely cause: USER_ID is written with a different letter case/);
      expect(p.text).toMatch(/Import jobs: 3 of 3 ACTIVE/);
      expect(p.text).toMatch(/and these jobs with it: no command can ask about them now/);
      expect(p.text).not.toMatch(/personalize-import history --sandbox/);
      expect(p.text).not.toMatch(/Status +not known|Import job:/);
    } finally {
      await own.close();
    }
  });

  it('a file with errors: the review says so and defaults to other files; "Import every file anyway" → its job fails beside two ACTIVE, exit 1, each explained', async () => {
    const review: { m?: StepModel } = {};
    const list = [S('interactions.csv'), S('items-long-id.csv'), S('users.csv')].join(', ');
    const script = (name: string): Script => ({ group: { pick: '+new-group' }, 'new-group-name': { type: name }, csv: { type: list }, 'several-review': { pick: (m) => ((review.m = m), 'anyway') } });
    const h = await runHeadless(acct.ports(), script('fail-h'));
    expect(review.m!.question).toMatch(/Some files have errors; nothing was created/);
    expect(review.m!.default).toBe('again');
    expect(review.m!.choices!.find((c) => c.value === 'go')!.disabled).toMatch(/items-long-id\.csv has errors/);
    expect(review.m!.lines.map((l) => l.text).join('\n')).toMatch(/✗ items +.*items-long-id\.csv: 1 error/);
    expect(h.end).toMatchObject({ exitCode: 1, reason: 'failed' });
    expect(h.end.lines[0]).toBe('Import jobs: 2 of 3 ACTIVE');
    const failed = h.end.lines.findIndex((l) => /✗ items +CREATE FAILED/.test(l));
    expect(failed).toBeGreaterThan(0);
    expect(h.end.lines[failed + 1]).toMatch(ARN);
    expect(h.end.lines[failed + 2]).toMatch(/Length cannot be more than 256 characters|256/);
    expect(h.end.lines[failed + 3]).toMatch(/^ {6}→ /);
    // the explanation under the failed job is the diagnosis: the embedded sandbox, and the job with it, end with the run
    expect(h.end.lines.join('\n')).not.toMatch(/Start with diagnose/);
    expect(h.end.lines.join('\n')).toMatch(/and these jobs with it: no command can ask about them now/);
    expect(await jobsOf('fail-h')).toEqual({ INTERACTIONS: ['ACTIVE'], ITEMS: ['CREATE FAILED'], USERS: ['ACTIVE'] });
    const p = await runPlain(acct.ports(), script('fail-p'));
    expect(p.code, p.text).toBe(1);
    expect(endShape(p, 'fail-p')).toEqual(endShape(h, 'fail-h'));
  });

  it('a group with an interactions dataset holding data: it is validated against its schema and imported INCREMENTAL beside the two new datasets (said in the review)', async () => {
    const first = await runHeadless(acct.ports(), { group: { pick: '+new-group' }, 'new-group-name': { type: 'mixed-h' }, csv: { type: S('interactions.csv') } });
    expect(first.end).toMatchObject({ exitCode: 0 });
    const review: { m?: StepModel } = {};
    const groupArn = (await acct.ports().personalize.listDatasetGroups()).find((g) => g.name === 'mixed-h')!.arn;
    const list = [S('interactions.csv'), S('items.csv'), S('users.csv')].join(', ');
    const h = await runHeadless(acct.ports(), { group: { pick: groupArn }, dataset: { pick: '+new-dataset' }, csv: { type: list }, 'several-review': reviewOf(review) });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    const text = review.m!.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/✓ interactions .*1,200 rows valid.*\(schema the dataset mixed-h-interactions\)/);
    expect(text).toMatch(/interactions +dataset mixed-h-interactions \(exists, has data\) — INCREMENTAL/);
    expect(text).toMatch(/items +new schema and dataset mixed-h-items \(from its columns\) — FULL/);
    expect(text).toMatch(/INCREMENTAL into a dataset that holds data/);
    expect(await jobsOf('mixed-h')).toEqual({ INTERACTIONS: ['ACTIVE', 'ACTIVE'], ITEMS: ['ACTIVE'], USERS: ['ACTIVE'] });
  });

  it('a stop while the jobs are created says which jobs exist', async () => {
    const state = newState({ region: 'us-east-1' });
    const ac = new AbortController();
    const visits = new Map<string, number>();
    const script: Script = { group: { pick: '+new-group' }, 'new-group-name': { type: 'stop-h' } };
    const end = await drive(state, acct.ports(), {
      event: (e) => {
        if (e.type === 'group-rows' && e.line && /job .* created \(0 s\)$/.test(e.line.text)) ac.abort();
      },
      ask: async (m) => toFaceAnswer(answerFor(script, m, visits), m),
    }, { signal: ac.signal });
    expect(end.exitCode).toBe(130);
    expect(end.lines).toContain('This import job exists and stops with this command (the embedded sandbox):');
    // the ARN on its own line under the dataset type (beside the type it wrapped at a different indent for each type)
    const at = end.lines.indexOf('  items');
    expect(at, end.lines.join('\n')).toBeGreaterThan(0);
    expect(end.lines[at + 1]).toMatch(/^ {6}arn:aws:personalize:.*dataset-import-job\//);
    expect(end.lines.join('\n')).toMatch(/Datasets created by this run \(they stay\): stop-h-interactions, stop-h-items, stop-h-users/);
  });
});
