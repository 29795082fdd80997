// "Name the columns" at the wizard's "create the dataset from my CSV" step: an export whose ID and
// time columns have names of its own (a German shop: Kunde;Artikel;Zeitpunkt) is blocked by
// MISSING_REQUIRED; the user says which column is USER_ID, ITEM_ID, TIMESTAMP, the dataset is created
// with them, and "Fix and continue" writes the copy with the header renamed. Headless and plain,
// against the in-process sandbox (an empty account).
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless, runPlain, type Script } from './harness.js';

describe('"Name the columns": an export whose key columns have names of their own', () => {
  const acct = emptyAccount();
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-name-'));
  const csv = join(dir, 'bestellungen.csv');
  const rows = Array.from({ length: 1200 }, (_, i) => `k${i % 30};A-${i % 70};${1767225600 + i * 60};${i % 3 ? 'klick' : 'kauf'};${i % 50},${String(i % 100).padStart(2, '0')}`);
  writeFileSync(csv, `Kunde;Artikel;Zeitpunkt;Ereignis;Preis\n${rows.join('\n')}\n`);

  it('German header, epoch seconds: Kunde → USER_ID, Artikel → ITEM_ID, Zeitpunkt → TIMESTAMP → created → Fix and continue renames the copy → ACTIVE', async () => {
    const reviews: StepModel[] = [];
    const asks: StepModel[] = [];
    const review = { pick: (m: StepModel) => (reviews.push(m), m.default!) };
    const column = (c: string) => ({ pick: (m: StepModel) => (asks.push(m), `column:${c}`) });
    const script = (name: string): Script => ({
      group: pickLabel('＋'), 'new-group-name': { type: name }, csv: { type: csv },
      'new-dataset-type': { pick: 'INTERACTIONS' },
      // the columns say no dataset type: Enter at "Choose the dataset type" first
      'new-dataset': [review, review, review],
      'new-dataset-name': [column('Kunde'), column('Artikel'), column('Zeitpunkt')],
    });
    const h = await runHeadless(acct.ports(), script('kunden-h'));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    // blocked first: the choice to name them is offered, and the default (Create is disabled)
    const blocked = reviews[1];
    expect(blocked.choices!.find((c) => c.value === 'create')!.disabled).toMatch(/no column for USER_ID, ITEM_ID, TIMESTAMP/);
    expect(blocked.default).toBe('name');
    // `import` (no terminal) is not asked to name them: its error names the flag that does
    expect(blocked.unattended).toEqual({ error: expect.stringMatching(/needs --create .* named with --map <column>=FIELD \(with --fix\)\.$/) });
    expect(blocked.choices!.find((c) => c.value === 'name')!.label).toBe('Name the columns (which one is USER_ID, …)');
    // asked field by field, among the columns not yet named
    expect(asks.map((m) => m.question)).toEqual(['Which column holds USER_ID?', 'Which column holds ITEM_ID?', 'Which column holds TIMESTAMP?']);
    expect(asks.map((m) => m.choices!.map((c) => c.value))).toEqual([
      ['column:Kunde', 'column:Artikel', 'column:Zeitpunkt', 'column:Ereignis', 'column:Preis', 'none'],
      ['column:Artikel', 'column:Zeitpunkt', 'column:Ereignis', 'column:Preis', 'none'],
      ['column:Zeitpunkt', 'column:Ereignis', 'column:Preis', 'none'],
    ]);
    // each candidate's type said once ("string: string: 900 distinct values" before)
    expect(asks.flatMap((m) => m.choices!.map((c) => c.description ?? '')).filter((d) => /^(\w+): \1:/.test(d))).toEqual([]);
    // the review again: the fields named by you, the renames Fix and continue does after the dataset exists
    const text = reviews[2].lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/USER_ID: named by you/);
    expect(text).toMatch(/renamed \(Kunde → USER_ID, Artikel → ITEM_ID, Zeitpunkt → TIMESTAMP\)/);
    expect(reviews[2].default).toBe('create');
    expect(h.state.answers.headerMap).toEqual({ Kunde: 'USER_ID', Artikel: 'ITEM_ID', Zeitpunkt: 'TIMESTAMP' });
    const d = await acct.ports().personalize.describeDataset(h.state.answers.datasetArn!);
    const avro = (await acct.ports().personalize.describeSchema(d.schemaArn!)).avro as { fields: { name: string; type: unknown }[] };
    expect(avro.fields.slice(0, 3)).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
    expect(h.asked).toContain('fix');
    const copy = readFileSync(join(dir, 'bestellungen.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,Ereignis,Preis');
    expect(copy[2]).toBe('k1,A-1,1767225660,klick,1.01');
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    // plain mode: the same steps through the numbered prompts
    const p = await runPlain(acct.ports(), script('kunden-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/Which column holds TIMESTAMP\?/);
  });

  it('"None of them": nothing named, back to the blocked review; Back from there drops the wizard\'s names', async () => {
    const reviews: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'kunden-none' }, csv: { type: csv }, 'new-dataset-type': { pick: 'INTERACTIONS' },
      'new-dataset': ['enter', { pick: 'name' }, { pick: (m) => (reviews.push(m), 'back') }], 'new-dataset-name': [{ pick: 'column:Kunde' }, { pick: 'none' }],
      dataset: ['enter', 'quit'],
    });
    expect(h.asked.filter((x) => x.startsWith('new-dataset'))).toEqual(['new-dataset', 'new-dataset-type', 'new-dataset', 'new-dataset-name', 'new-dataset-name', 'new-dataset']);
    expect(reviews[0].choices!.find((c) => c.value === 'create')!.disabled).toMatch(/no column for USER_ID, ITEM_ID, TIMESTAMP/);
    expect(h.state.answers.headerMap).toBeUndefined();
    // Esc at the question: back to the review, nothing named
    const esc = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'kunden-esc' }, csv: { type: csv }, 'new-dataset-type': { pick: 'INTERACTIONS' },
      'new-dataset': ['enter', { pick: 'name' }, { pick: 'back' }], 'new-dataset-name': 'back', dataset: ['enter', 'quit'],
    });
    expect(esc.asked.slice(esc.asked.indexOf('new-dataset-name'), esc.asked.indexOf('new-dataset-name') + 2)).toEqual(['new-dataset-name', 'new-dataset']);
    expect(esc.state.answers.headerMap).toBeUndefined();
    // named, then "Back to the datasets": the names go with the schema they were for
    let named: StepModel | undefined;
    const back = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'kunden-back' }, csv: { type: csv }, 'new-dataset-type': { pick: 'INTERACTIONS' },
      'new-dataset': ['enter', { pick: 'name' }, { pick: (m) => ((named = m), 'back') }], dataset: ['enter', 'quit'],
    });
    expect(named!.lines.map((l) => l.text).join('\n')).toMatch(/USER_ID: named by you/);
    expect(back.asked.filter((x) => x === 'new-dataset-name')).toHaveLength(3);
    expect(back.state.answers.headerMap).toBeUndefined();
  });
});

describe('"Name the columns": a domain\'s required fields under names of their own', () => {
  const acct = emptyAccount();
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-name-items-'));
  const csv = join(dir, 'artikel.csv');
  const cats = ['Küche', 'Garten', 'Bücher', 'Elektronik', 'Spielzeug'];
  const rows = Array.from({ length: 1500 }, (_, i) => `ART-${i};${cats[i % 5]};${(i % 90) + 1},${String(i % 100).padStart(2, '0')};Artikel ${i % 7}`);
  writeFileSync(csv, `Artikel-Nr;Kategorie;Preis;Beschreibung\n${rows.join('\n')}\n`);

  it('an ECOMMERCE items export (Artikel-Nr;Kategorie;Preis): Preis → PRICE, Kategorie → CATEGORY_L1 named in the wizard → created → Fix and continue → ACTIVE', async () => {
    const reviews: StepModel[] = [];
    const asks: StepModel[] = [];
    const review = { pick: (m: StepModel) => (reviews.push(m), m.default!) };
    const ask = { pick: (m: StepModel) => (asks.push(m), m.default!) };
    const script = (name: string): Script => ({
      group: pickLabel('＋'), 'new-group-name': { type: name }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      'new-dataset': [review, review], 'new-dataset-name': [ask, ask],
    });
    const h = await runHeadless(acct.ports(), script('artikel-h'));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    // blocked by the domain's fields (before: only "Add them to the CSV, or use a Custom dataset group")
    expect(reviews[0].choices!.find((c) => c.value === 'create')!.disabled).toBeTruthy();
    expect(reviews[0].default).toBe('name');
    expect(reviews[0].choices!.find((c) => c.value === 'name')!.label).toBe('Name the columns (which one is PRICE, …)');
    expect(asks.map((m) => m.question)).toEqual(['Which column holds PRICE?', 'Which column holds CATEGORY_L1?']);
    // the likeliest column first: by its name, then by its values (a number; few distinct strings)
    expect(asks.map((m) => m.choices![0].value)).toEqual(['column:Preis', 'column:Kategorie']);
    expect(asks[0].lines[0].text).toMatch(/^A Domain ECOMMERCE items dataset needs PRICE\./);
    // the reason once, not "float: … : float"
    expect(asks[0].choices![0].description).not.toMatch(/^float: .*: float$/);
    expect(reviews[1].default).toBe('create');
    expect(h.state.answers.headerMap).toEqual({ Preis: 'PRICE', Kategorie: 'CATEGORY_L1' });
    const d = await acct.ports().personalize.describeDataset(h.state.answers.datasetArn!);
    const avro = (await acct.ports().personalize.describeSchema(d.schemaArn!)).avro as { fields: { name: string; type: unknown; categorical?: boolean }[] };
    expect(avro.fields.find((f) => f.name === 'PRICE')).toMatchObject({ type: 'float' });
    expect(avro.fields.find((f) => f.name === 'CATEGORY_L1')).toMatchObject({ type: 'string', categorical: true });
    const copy = readFileSync(join(dir, 'artikel.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('ITEM_ID,CATEGORY_L1,PRICE,Beschreibung');
    expect(copy[2]).toBe('ART-1,Garten,2.01,Artikel 1');
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const p = await runPlain(acct.ports(), script('artikel-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/Which column holds CATEGORY_L1\?/);
  });
});
