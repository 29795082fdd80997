// "Keep one of the columns left out…" (a demanding first-time user): the schema inferred from a shop's
// order export leaves out — or proposes to — the order number, the e-mail and the columns with one value
// in every row, all or nothing. Here one of them (Billing Country: one value in this export, others in
// next month's) is kept: it is listed with why (personal data marked), picked, back in the schema and in
// the copy “Fix and continue” writes, and the review says it is kept (and offers to leave it out again).
// One file and several files (the folder of a Shopify store's three exports: its column named with its
// file); `--keep` (Answers.keep) is the same answer, shown kept in the review. Headless and plain mode.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { severalOf } from '../../src/flow/machine/steps-several.js';
import { ordersCsv } from '../helpers/orders-csv.js';
import { writeShopExports } from '../helpers/shop-csv.js';
import { emptyAccount, pickLabel, portsFor, runHeadless, runPlain, type Script } from './harness.js';

const text = (m: StepModel) => m.lines.map((l) => l.text).join('\n');

describe('keeping one column the inferred schema leaves out', () => {
  const acct = emptyAccount();
  const fieldsOf = async (arn: string) => {
    const d = await acct.ports().personalize.describeDataset(arn);
    return ((await acct.ports().personalize.describeSchema(d.schemaArn!)).avro as { fields: { name: string }[] }).fields.map((f) => f.name);
  };

  it('one file: leave out 4, then keep Billing Country → the review says it is kept, the schema and the fixed copy hold it; plain mode alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-keep-'));
    const csv = join(dir, 'orders_export.csv');
    writeFileSync(csv, ordersCsv(1200));
    const reviews: StepModel[] = [];
    const keeps: StepModel[] = [];
    const review = (v?: string) => ({ pick: (m: StepModel) => (reviews.push(m), v ?? m.default!) });
    const script = (name: string): Script => ({
      group: pickLabel('＋'), 'new-group-name': { type: name }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      // leave out (the default) → keep one → Billing Country → add EVENT_TYPE (the default) → create
      'new-dataset': [review(), review('keep-one'), review(), review()], 'new-dataset-keep': { pick: (m: StepModel) => (keeps.push(m), 'keep:Billing Country') },
      'new-dataset-event': 'enter', fix: 'enter', 'fix-rejects': 'enter',
    });
    const h = await runHeadless(acct.ports(), script('keep-h'));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    const [first, left, kept] = reviews;
    // offered from the first review on (4 columns proposed), after the all-or-nothing choices
    expect(first.choices!.find((c) => c.value === 'keep-one')!.label).toBe('Keep one of the columns left out…');
    expect(left.choices!.map((c) => c.value)).toEqual(expect.arrayContaining(['keep', 'keep-one']));
    // each column with why; personal data marked, listed last; Back to the review
    const pick = keeps[0];
    expect(pick.question).toBe('Which column should the schema keep?');
    expect(text(pick)).toMatch(/A column kept goes into the schema, and the copy “Fix and continue” writes keeps it/);
    expect(pick.choices!.map((c) => c.label)).toEqual([
      'Name — a different value in every row', 'Financial Status — one value in every row', 'Billing Country — one value in every row', 'Email — ⚠ personal data', 'Back to the review (keep nothing more)',
    ]);
    expect(pick.choices!.find((c) => c.value === 'keep:Email')!.description).toMatch(/personal data.*keep it only if you may hand it to AWS/);
    expect(pick.choices!.find((c) => c.value === 'keep:Billing Country')!.description).toMatch(/"DE".*keep it if your next exports hold other values/);
    // back at the review: kept, said so; the other three still left out
    expect(text(kept)).toMatch(/Kept in the schema at your word[^\n]*\n {2}Billing Country: one value in every row/);
    expect(text(kept)).toMatch(/Left out of the schema[^\n]*\n {2}Name: [^\n]*\n {2}Email: [^\n]*\n {2}Financial Status: /);
    expect(text(kept)).toMatch(/BILLING_COUNTRY \(column Billing Country\)/);
    expect(h.state.answers.keep).toEqual(['Billing Country']);
    expect(h.state.answers.leaveOut?.map((c) => c.column)).toEqual(['Name', 'Email', 'Financial Status']);
    expect(await fieldsOf(h.state.answers.datasetArn!)).toEqual(['TIMESTAMP', 'LINEITEM_QUANTITY', 'LINEITEM_NAME', 'LINEITEM_PRICE', 'ITEM_ID', 'USER_ID', 'BILLING_COUNTRY', 'EVENT_TYPE']);
    const copy = readFileSync(join(dir, 'orders_export.fixed.csv'), 'utf8').split(/\r?\n/);
    expect(copy[0]).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,BILLING_COUNTRY,EVENT_TYPE');
    expect(copy[1]).toMatch(/,DE,Purchase$/);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    // plain mode: the same steps, the choice by its number
    const p = await runPlain(acct.ports(), script('keep-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/Keep one of the columns left out…/);
    expect(p.text).toMatch(/Billing Country — one value in every row/);
  });

  it('--keep (the wizard\'s flag: Answers.keep) is shown kept in the review and not proposed; the choice leaves it out again, Back changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-keepflag-'));
    const csv = join(dir, 'orders_export.csv');
    writeFileSync(csv, ordersCsv(1200));
    const reviews: StepModel[] = [];
    const keeps: StepModel[] = [];
    const review = (v: string) => ({ pick: (m: StepModel) => (reviews.push(m), v) });
    const keep = (v: string) => ({ pick: (m: StepModel) => (keeps.push(m), v) });
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'keep-flag' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      'new-dataset': [review('keep-one'), review('keep-one'), review('back')], 'new-dataset-keep': [keep('back'), keep('unkeep:Email')],
      dataset: ['enter', 'quit'],
    }, { answers: { keep: ['email'] } });
    expect(h.end.reason).toBe('quit');
    const [flagged, back, unkept] = reviews;
    expect(text(flagged)).toMatch(/Kept in the schema at your word \(“Keep one of the columns left out…”, or --keep; uploaded with the rest\):\n {2}Email: ⚠ personal data \(it goes to AWS\)/);
    expect(flagged.choices![0].label).toBe('Leave out 3 columns Personalize cannot use');
    // what blocks Create does not propose it again either
    expect(text(flagged)).toMatch(/at most 5 metadata fields; the file has 7 \([^)]*\)\. Leave out Name, Financial Status, Billing Country \(of no use to Personalize\)/);
    expect(flagged.choices![0].description).not.toMatch(/Email/);
    expect(keeps[0].choices!.map((c) => c.value)).toEqual(['keep:Name', 'keep:Financial Status', 'keep:Billing Country', 'unkeep:Email', 'back']);
    // Back: the review as it was
    expect(text(back)).toBe(text(flagged));
    // left out again: proposed with the rest
    expect(unkept.choices![0].label).toBe('Leave out 4 columns Personalize cannot use, or should not get');
    expect(text(unkept)).not.toMatch(/Kept in the schema/);
  });

  it('a column kept after "Leave out 4 columns" and then left out again is left out with the rest (not proposed again)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-unkeep-'));
    const csv = join(dir, 'orders_export.csv');
    writeFileSync(csv, ordersCsv(1200));
    const reviews: StepModel[] = [];
    const review = (v: string) => ({ pick: (m: StepModel) => (reviews.push(m), v) });
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'keep-undo' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      'new-dataset': [review('leave-out'), review('keep-one'), review('keep-one'), review('back')], 'new-dataset-keep': [{ pick: 'keep:Billing Country' }, { pick: 'unkeep:Billing Country' }],
      dataset: ['enter', 'quit'],
    });
    expect(h.end.reason).toBe('quit');
    expect(text(reviews[2])).toMatch(/Kept in the schema at your word[^\n]*\n {2}Billing Country/);
    expect(text(reviews[3])).toMatch(/Left out of the schema[^\n]*\n(?: {2}[^\n]*\n)*? {2}Billing Country: the same value/);
    expect(text(reviews[3])).not.toMatch(/Kept in the schema|columns Personalize cannot use, or should not get/);
    expect(reviews[3].choices!.map((c) => c.value)).not.toContain('leave-out');
  });

  it('several files: the review offers it, each column named with its file; Billing Country kept in the orders schema and its fixed copy; the others left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-sevkeep-'));
    writeShopExports(join(dir, 'shop'), { products: 80, blankVariantRows: true });
    const own = await portsFor(acct.sandbox, { cwd: dir });
    try {
      const seen: Record<string, StepModel[]> = {};
      const take = (v?: string) => ({ pick: (m: StepModel) => ((seen[m.id] ??= []).push(m), v ?? m.default!) });
      const script = (name: string): Script => ({
        group: { pick: '+new-group' }, 'new-group-name': { type: name }, 'new-group-domain': { pick: 'ECOMMERCE' },
        'several-review': [take('keep-one'), take(), take()], 'several-keep': take('keep:Billing Country'),
      });
      const h = await runHeadless(own, script('sevkeep-h'));
      expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
      expect(h.asked).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'dataset', 'csv', 'several-files', 'several-event', 'several-review', 'several-keep', 'several-review', 'several-fix-rejects', 'several-review']);
      const [first, again] = seen['several-review'];
      const choice = first.choices!.find((c) => c.value === 'keep-one')!;
      expect(choice.label).toBe('Keep one of the columns left out…');
      expect(choice.description).toMatch(/into its new schema and its copy; the files are checked again/);
      const labels = seen['several-keep'][0].choices!.map((c) => c.label);
      expect(labels).toContain('Billing Country (orders_export.csv) — one value in every row');
      expect(labels).toContain('Tax Exempt (customers_export.csv) — one value in every row');
      // an e-mail column in two files: one entry (kept by name, as --keep), both files named
      expect(labels).toContain('Email (orders_export.csv, customers_export.csv) — ⚠ personal data');
      expect(labels.at(-1)).toBe('Back to the review (keep nothing more)');
      // checked again: the review says it is kept, the copy leaves out 3 columns of the orders file
      expect(text(again)).toMatch(/Kept in the new schemas at your word[^\n]*\n {2}orders_export\.csv — Billing Country: one value in every row/);
      expect(text(again)).toMatch(/orders_export\.csv → orders_export\.fixed\.csv: the fixer repairs its errors, adds EVENT_TYPE "Purchase" in every row, leaves out 3 columns/);
      expect(text(again)).toMatch(/orders_export\.csv — a different value in every row \(an order number\): Name; personal data: Email; one value in every row: Financial Status\n/);
      // after the fix: the copies have dropped the rest (not offered again: the files would be picked again), the kept column said
      const last = seen['several-review'][2];
      expect(last.choices!.map((c) => c.value)).not.toContain('keep-one');
      expect(text(last)).toMatch(/Kept in the new schemas at your word[^\n]*\n {2}orders_export\.fixed\.csv — BILLING_COUNTRY: one value in every row/);
      expect(h.state.answers.keep).toEqual(['Billing Country']);
      const g = (await own.personalize.listDatasetGroups()).find((x) => x.name === 'sevkeep-h')!;
      const interactions = (await own.personalize.listDatasets(g.arn)).find((d) => d.datasetType === 'INTERACTIONS')!;
      expect(await fieldsOf(interactions.arn)).toContain('BILLING_COUNTRY');
      const orders = severalOf(h.state)!.uploaded!.find((u) => /orders_export/.test(u.file))!;
      const copy = readFileSync(join(dir, orders.file), 'utf8').split(/\r?\n/);
      expect(copy[0]).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,BILLING_COUNTRY,EVENT_TYPE');
      // plain mode: the same questions
      const p = await runPlain(own, script('sevkeep-p'), { cwd: dir });
      expect(p.code, p.text).toBe(0);
      expect(p.asked).toEqual(h.asked);
      expect(p.text).toMatch(/Which column should its new schema keep\?/);
    } finally {
      await own.close();
    }
  });
});
