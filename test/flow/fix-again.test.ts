// The fixed copy after the dataset's schema changed in the same run (steps-fix-again.ts). A customers
// export for sandbox-shop-users (USER_ID, MEMBERSHIP, AGE): "Fix and continue" writes the copy for
// that schema (header renamed, AGE markers empty) and keeps signup_score and is_vip as they are; "Add
// signup_score, is_vip to the schema" then makes the copy fail on their markers ("None", "N/A") —
// which the fixer repairs. The original is fixed again for the new schema into the same copy, with a
// line saying why, not asked again, and the import goes on to ACTIVE. Headless and in plain mode,
// each on a sandbox of its own (the schema change stays on the seeded dataset).
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, newState, type FlowEvent, type StepModel } from '../../src/flow/machine/index.js';
import { withSandbox } from '../helpers/sandbox.js';
import { customersCsv, naCount, noneCount } from '../helpers/customers-csv.js';
import { answerFor, pickLabel, portsFor, runHeadless, runPlain, toFaceAnswer, type Script, type TestPorts } from './harness.js';

const notes = (evs: FlowEvent[]) => evs.filter((e): e is Extract<FlowEvent, { type: 'note' }> => e.type === 'note').map((e) => e.text).join('\n');
const validated = (evs: FlowEvent[]) => evs.filter((e): e is Extract<FlowEvent, { type: 'validated' }> => e.type === 'validated').map((e) => e.report);

function customers(extra?: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-fix-again-'));
  const file = join(dir, 'customers.csv');
  writeFileSync(file, customersCsv(extra ? { extra } : {}));
  return { dir, file, fixed: join(dir, 'customers.fixed.csv'), rejects: join(dir, 'customers.rejects.csv') };
}

/** the walk of the defect: sandbox-shop → sandbox-shop-users → the file → Fix and continue (Enter) → add the columns → bulk (a verdict: Quit) */
const walk = (file: string, more: Script = {}): Script => ({
  group: pickLabel('sandbox-shop '), dataset: pickLabel('sandbox-shop-users'), csv: { type: file },
  'schema-change': { pick: 'add' }, how: { pick: 'bulk' }, verdict: { pick: 'quit' }, ...more,
});

/** a sandbox of its own for each test: adding the columns changes the seeded dataset for good */
function account() {
  const sb = withSandbox({ jobSeconds: 0, createSeconds: 0.2 });
  let ports: TestPorts | undefined;
  beforeAll(async () => {
    ports = await portsFor(sb);
  });
  afterAll(() => ports?.close());
  return () => ports!;
}

/** the copy as it must be: USER_ID, MEMBERSHIP, AGE first, every marker written empty */
function expectCopy(fixed: string) {
  const [head, ...rows] = readFileSync(fixed, 'utf8').trimEnd().split('\n');
  expect(head).toBe('USER_ID,MEMBERSHIP,AGE,signup_score,is_vip');
  const cells = rows.map((r) => r.split(','));
  expect(cells.filter((c) => /^(None|N\/A|NULL|n\/a|-)$/.test(c[2] + '') || c[3] === 'None' || c[4] === 'N/A')).toEqual([]);
  expect(cells.filter((c) => c[3] === '').length).toBe(noneCount);
  expect(cells.filter((c) => c[4] === '').length).toBe(naCount);
  return rows.length;
}

describe('the fixed copy after "Add … to the schema" (headless)', () => {
  const ports = account();
  it('fixed again from the original for the new schema, into the same copy, not asked again → ACTIVE', async () => {
    const f = customers();
    const h = await runHeadless(ports(), walk(f.file));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    // Fix and continue asked once; the fix again runs (a run step), no verdict on the way
    expect(h.asked.filter((x) => ['fix', 'fix-rejects', 'verdict'].includes(x))).toEqual(['fix']);
    const reports = validated(h.events);
    // the original, the copy for the old schema, the copy against the new one (the markers), the copy fixed again
    expect(reports.map((r) => r.valid)).toEqual([false, true, false, true]);
    expect([...new Set(reports[2].errors.map((e) => e.column))].sort()).toEqual(['is_vip', 'signup_score']);
    const said = notes(h.events);
    expect(said).toContain(`${f.fixed} was written before signup_score, is_vip were in the schema (their values kept as they were). You chose Fix and continue, so ${f.file} is fixed again for the new schema, with the same answers; the new copy replaces ${f.fixed}, this run's own file (nothing of yours is overwritten).`);
    expect(said).toMatch(/signup_score: 93 missing-value markers \(None\) written empty/);
    expect(said).toMatch(/is_vip: 28 missing-value markers \(N\/A\) written empty/);
    // the same copy (no customers.fixed-2.csv), what was imported
    expect(h.state.answers.source).toEqual({ kind: 'local', path: f.fixed });
    expect(existsSync(join(f.dir, 'customers.fixed-2.csv'))).toBe(false);
    expect(expectCopy(f.fixed)).toBe(1200);
    expect((h.state.doc as { schemaUpdated?: { added: string[] } }).schemaUpdated?.added).toEqual(['signup_score', 'is_vip']);
    // the dataset's answered line fits 80 columns: the columns counted where their names would not
    const datasetLine = h.events.filter((e): e is Extract<FlowEvent, { type: 'answered' }> => e.type === 'answered' && e.step === 'dataset').map((e) => e.value);
    expect(datasetLine).toEqual(['sandbox-shop-users [USERS], 2 columns added to its schema']);
  });
});

describe('the fixed copy after "Add … to the schema": rows set aside before', () => {
  const ports = account();
  it('rows set aside with consent in the first fix: the same rows set aside again, not asked again', async () => {
    // a row with a value too many: the fixer cannot repair it, sets it aside when asked
    const f = customers(['C99999,30,gold,1.0,true,extra']);
    const h = await runHeadless(ports(), walk(f.file, { 'fix-rejects': { pick: 'rejects' } }));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(h.asked.filter((x) => ['fix', 'fix-rejects', 'verdict'].includes(x))).toEqual(['fix', 'fix-rejects']);
    expect(notes(h.events)).toContain(`The same 1 row as before goes to ${f.rejects}, as you agreed.`);
    expect(readFileSync(f.rejects, 'utf8')).toMatch(/C99999,30,gold,1\.0,true,extra/);
    expect(expectCopy(f.fixed)).toBe(1200);
  });
});

describe('the fixed copy after "Add … to the schema" (plain mode)', () => {
  const ports = account();
  it('the same walk through the numbered prompts: the line says why, the copy is fixed again → ACTIVE', async () => {
    const f = customers();
    const p = await runPlain(ports(), walk(f.file));
    expect(p.code, p.text).toBe(0);
    expect(p.state.loaded.finalStatus).toBe('ACTIVE');
    expect(p.asked.filter((x) => ['fix', 'fix-rejects', 'verdict'].includes(x))).toEqual(['fix']);
    const text = p.text!.replace(/\s+/g, ' ');
    expect(text).toContain(`was written before signup_score, is_vip were in the schema (their values kept as they were). You chose Fix and continue, so`);
    expect(text).toMatch(/is_vip: 28 missing-value markers \(N\/A\) written empty/);
    expect(text).not.toMatch(/this file would fail the import[\s\S]*Pick another file \(or fix this one/);
    // the report's lists count what they leave out; the wizard has no --json to name
    expect(text).toMatch(/and \d+ more \(\d+ in all\) Warnings/);
    expect(text).not.toContain('--json');
    expect(expectCopy(f.fixed)).toBe(1200);
  });
});

describe('the fixed copy after "Add … to the schema": a row the fix again cannot repair', () => {
  const ports = account();
  it('asked about (not set aside unasked): the original changed while the offer was on screen', async () => {
    // the file on disk edited (not a fake): one MEMBERSHIP over 1,000 characters, a row the fixer sets aside only when asked
    const f = customers();
    const edited = () => writeFileSync(f.file, customersCsv().replace(/^(C00003,[^,]*),gold,/m, `$1,${'g'.repeat(1100)},`));
    let asked: StepModel | undefined;
    const p = await runPlain(ports(), walk(f.file, { 'schema-change': { pick: () => (edited(), 'add') }, 'fix-rejects': { pick: (m) => ((asked = m), 'rejects') } }));
    expect(p.code, p.text).toBe(0);
    expect(p.text!.match(/is fixed again for the new schema/g)).toHaveLength(1);
    expect(p.asked.filter((x) => ['fix', 'fix-rejects', 'verdict'].includes(x))).toEqual(['fix', 'fix-rejects']);
    expect(asked!.question).toMatch(/^1 row cannot be fixed without guessing \(line 5\)/);
    expect(expectCopy(f.fixed)).toBe(1199);
  });
});

describe('the fixed copy after "Add … to the schema": still failing after the fix again', () => {
  const ports = account();
  it('fixed again once: a copy that still fails gets the verdict (no loop)', async () => {
    // the copy on disk gets a line with a value too many once the fix again wrote it (a real file
    // change, not a fake: the fixer itself writes no copy that fails) — as if something else wrote to it
    const f = customers();
    const state = newState({ region: 'us-east-1' });
    const asked: string[] = [];
    const visits = new Map<string, number>();
    const script = walk(f.file);
    let again = 0;
    const end = await drive(state, ports(), {
      event: (e) => {
        if (e.type !== 'note') return;
        if (/is fixed again for the new schema/.test(e.text)) again++;
        else if (again && e.text.startsWith('✓ fixed:')) appendFileSync(f.fixed, 'C99999,gold,30,1.0,true,extra\n');
      },
      async ask(m) {
        asked.push(m.id);
        return toFaceAnswer(answerFor(script, m, visits), m);
      },
    });
    expect(end.exitCode).toBe(1);
    expect(again).toBe(1);
    expect(asked.filter((x) => ['fix', 'fix-rejects', 'verdict'].includes(x))).toEqual(['fix', 'verdict']);
    expect(state.loaded.report?.errors.map((e) => e.code)).toEqual(['COLUMN_COUNT']);
  });
});

describe('the fixed copy, then another dataset (Esc back) whose columns are added', () => {
  const ports = account();
  it('Esc from the offer back to the group, sandbox-ecommerce-users, the copy kept: fixed again for that schema, said so', async () => {
    const f = customers();
    const h = await runHeadless(ports(), {
      group: [pickLabel('sandbox-shop '), pickLabel('sandbox-ecommerce')], dataset: [pickLabel('sandbox-shop-users'), 'back', pickLabel('sandbox-ecommerce-users')],
      csv: [{ type: f.file }, 'back', 'enter'], fix: ['enter', 'back'], 'schema-change': ['back', { pick: 'add' }], how: { pick: 'bulk' }, verdict: { pick: 'quit' }, review: { pick: 'quit' },
    });
    expect(h.end.reason, JSON.stringify(h.end)).toBe('quit');
    expect(h.state.loaded.details?.dataset.name).toBe('sandbox-ecommerce-users');
    expect(h.asked).toContain('review');
    expect(h.asked.filter((x) => ['fix', 'fix-rejects', 'verdict'].includes(x))).toEqual(['fix', 'fix']);
    expect(notes(h.events)).toContain(`${f.fixed} was written for the schema of sandbox-shop-users. You chose Fix and continue, so ${f.file} is fixed again for the schema of sandbox-ecommerce-users, with the same answers;`);
    expect(h.state.loaded.report?.valid).toBe(true);
    expect(readFileSync(f.fixed, 'utf8').split('\n')[0]).toBe('USER_ID,MEMBERSHIP,AGE,signup_score,is_vip');
    expect(expectCopy(f.fixed)).toBe(1200);
  });
});
