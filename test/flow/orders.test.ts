// A shop's order export at "＋ Create the dataset from my CSV" in a new ECOMMERCE group (the
// coordinator's walk of session 20): typed INTERACTIONS from its columns; the review proposes leaving
// out what Personalize cannot use (order number, e-mail, one value in every row — each with why) and
// adding EVENT_TYPE with one value (purchase: the file looks like orders); with both answered, Create;
// "Fix and continue" writes the copy with EVENT_TYPE and without those columns, the guest checkouts
// set aside; the job ACTIVE. Headless and plain, against the in-process sandbox (an empty account).
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { ordersCsv } from '../helpers/orders-csv.js';
import { writeWooExports } from '../helpers/woo-csv.js';
import { emptyAccount, pickLabel, runHeadless, runPlain, type Script } from './harness.js';

describe('an order export into a new ECOMMERCE group', () => {
  const acct = emptyAccount();
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-orders-'));
  const csv = join(dir, 'orders_export.csv');
  writeFileSync(csv, ordersCsv(1200));

  it('Enter at every step but the name and the kind: leave out 4 columns, add EVENT_TYPE purchase, create, fix (guests set aside) → ACTIVE', async () => {
    const reviews: StepModel[] = [];
    const review = { pick: (m: StepModel) => (reviews.push(m), m.default!) };
    const script = (name: string): Script => ({
      group: pickLabel('＋'), 'new-group-name': { type: name }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      'new-dataset': [review, review, review], 'new-dataset-event': 'enter',
    });
    const h = await runHeadless(acct.ports(), script('orders-h'));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    // 1: blocked by both; the first way out is the default, each column named with why
    const [blocked, left, ready] = reviews;
    const text = (m: StepModel) => m.lines.map((l) => l.text).join('\n');
    expect(text(blocked)).toMatch(/Dataset type INTERACTIONS: guessed from the columns: USER_ID \(column Customer ID\) and ITEM_ID \(column Lineitem sku\)/);
    expect(blocked.choices!.find((c) => c.value === 'create')!.disabled).toMatch(/no column for EVENT_TYPE/);
    expect(text(blocked)).toMatch(/at most 5 metadata fields; the file has 7/);
    expect(text(blocked)).toMatch(/Email: e-mail addresses .*personal data/);
    expect(text(blocked)).toMatch(/Name: a different value in every row \(e\.g\. "#1000"/);
    expect(text(blocked)).not.toMatch(/Column Email: .*Mark it categorical/);
    expect(blocked.choices!.map((c) => c.value).slice(0, 3)).toEqual(['leave-out', 'event-type', 'create']);
    expect(blocked.default).toBe('leave-out');
    expect(blocked.choices![0].label).toBe('Leave out 4 columns Personalize cannot use, or should not get');
    // 2: left out (and said so); EVENT_TYPE still blocks; adding it is the default; the value asked, purchase offered
    expect(text(left)).toMatch(/Left out of the schema/);
    expect(text(left)).not.toMatch(/at most 5 metadata fields/);
    expect(left.default).toBe('event-type');
    expect(left.choices!.some((c) => c.value === 'keep')).toBe(true);
    // (Enter at "EVENT_TYPE for every row" took the value offered: purchase, the file looks like orders)
    // 3: nothing blocks: Create is the default
    expect(ready.default).toBe('create');
    expect(text(ready)).toMatch(/EVENT_TYPE: added: "Purchase" in every row/);
    expect(h.state.answers.eventType).toBe('Purchase');
    expect(h.state.answers.leaveOut?.map((c) => c.column)).toEqual(['Name', 'Email', 'Financial Status', 'Billing Country']);
    // the schema created: no e-mail, no order number; EVENT_TYPE a plain string
    const d = await acct.ports().personalize.describeDataset(h.state.answers.datasetArn!);
    const avro = (await acct.ports().personalize.describeSchema(d.schemaArn!)).avro as { fields: { name: string; type: unknown }[] };
    expect(avro.fields.map((f) => f.name)).toEqual(['TIMESTAMP', 'LINEITEM_QUANTITY', 'LINEITEM_NAME', 'LINEITEM_PRICE', 'ITEM_ID', 'USER_ID', 'EVENT_TYPE']);
    // the copy: EVENT_TYPE written, the columns left out dropped; the guests (no Customer ID) set aside
    expect(h.asked).toEqual(expect.arrayContaining(['fix', 'fix-rejects']));
    const copy = readFileSync(join(dir, 'orders_export.fixed.csv'), 'utf8');
    expect(copy.split(/\r?\n/)[0]).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,EVENT_TYPE');
    expect(copy).not.toMatch(/@example\.com/);
    expect(readFileSync(join(dir, 'orders_export.rejects.csv'), 'utf8').split('\n').filter(Boolean)).toHaveLength(35);
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    // an ECOMMERCE group: what happens next is its recommenders' retraining, not a solution version to train
    const said = h.events.flatMap((e) => ('lines' in e ? e.lines : 'text' in e ? [String(e.text)] : [])).join('\n');
    expect(said).toContain('Your ECOMMERCE recommenders use it at their next automatic retraining');
    expect(said).not.toContain('train a new solution version');
    // plain mode: the same steps through the numbered prompts
    const p = await runPlain(acct.ports(), script('orders-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.asked).toEqual(h.asked);
    expect(p.text).toMatch(/Leave out 4 columns Personalize cannot use/);
    expect(p.text).toMatch(/EVENT_TYPE for every row/);
  });

  it('"Keep the columns left out" and "Do not add EVENT_TYPE" undo the answers; Back to the datasets drops them', async () => {
    const reviews: StepModel[] = [];
    const review = (v: string) => ({ pick: (m: StepModel) => (reviews.push(m), v) });
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'orders-undo' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      'new-dataset': [review('leave-out'), review('event-type'), review('keep'), review('no-event-type'), review('back')], 'new-dataset-event': { type: 'order' },
      dataset: ['enter', 'quit'],
    });
    expect(reviews[2].lines.map((l) => l.text).join('\n')).toMatch(/EVENT_TYPE: added: "order" in every row/);
    expect(reviews[3].choices!.find((c) => c.value === 'create')!.disabled).toMatch(/at most 5 metadata fields/);
    expect(reviews[4].choices!.find((c) => c.value === 'create')!.disabled).toMatch(/no column for EVENT_TYPE/);
    expect(h.state.answers.leaveOut).toBeUndefined();
    expect(h.state.answers.eventType).toBeUndefined();
  });

  it('a file valid as it is but for an e-mail column: left out at the review, then the copy without it is offered (the default) before the upload', async () => {
    const valid = join(dir, 'events.csv');
    writeFileSync(valid, `USER_ID,ITEM_ID,TIMESTAMP,EMAIL\n${Array.from({ length: 1200 }, (_, i) => `u${i % 40},i${i % 50},${1767225600 + i * 60},user${i % 40}@example.com`).join('\n')}\n`);
    const asks: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'events-email' }, csv: { type: valid },
      'new-dataset': ['enter', 'enter'], fix: { pick: (m: StepModel) => (asks.push(m), m.default!) },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0 });
    expect(h.state.answers.leaveOut?.map((c) => c.column)).toEqual(['EMAIL']);
    expect(asks[0].question).toBe('The file is valid, but holds a column left out of the schema (EMAIL). Write a copy without it?');
    expect(asks[0].choices!.map((c) => c.value)).toEqual(['fix', 'as-is', 'again', 'quit']);
    expect(readFileSync(join(dir, 'events.fixed.csv'), 'utf8').split('\n')[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP');
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    // "Continue with the file as it is": not asked again, the file uploaded as it is
    const kept = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'events-asis' }, csv: { type: valid }, 'new-dataset': ['enter', 'enter'], fix: { pick: 'as-is' },
    });
    expect(kept.end, JSON.stringify(kept.end)).toMatchObject({ exitCode: 0 });
    expect(kept.asked.filter((x) => x === 'fix')).toHaveLength(1);
  });

  it('started with --event-type purchase (the wizard\'s flag): the review has EVENT_TYPE already; only leaving out is asked', async () => {
    const reviews: StepModel[] = [];
    const review = { pick: (m: StepModel) => (reviews.push(m), m.default!) };
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'orders-flag' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      'new-dataset': [review, review], fix: 'enter', 'fix-rejects': 'enter',
    }, { answers: { eventType: 'purchase' } });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0 });
    expect(reviews[0].choices!.map((c) => c.value)).not.toContain('event-type');
    expect(reviews[0].choices!.find((c) => c.value === 'create')!.disabled).toMatch(/at most 5 metadata fields/);
    expect(reviews[1].default).toBe('create');
    expect(h.asked).not.toContain('new-dataset-event');
  });
});

// A WooCommerce order export: its guest checkouts (Customer User ID 0) are rows the fix sets aside.
// Quitting at that question after the dataset was created said "nothing was written, uploaded or
// created" above "Created by this run (they stay): dataset group …".
describe('a WooCommerce order export into a new ECOMMERCE group', () => {
  const acct = emptyAccount();
  const { orders } = writeWooExports(mkdtempSync(join(tmpdir(), 'pi-flow-woo-')), { orderRows: 1_500 });

  it('Enter but the name, the kind and the rejects question (quit): the guests named; the end says what this run created, not "nothing … created"', async () => {
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'woo-q' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: orders },
      'new-dataset': ['enter', 'enter', 'enter'], 'new-dataset-event': 'enter', 'fix-rejects': { pick: 'quit' },
    });
    expect(h.asked).toEqual(expect.arrayContaining(['fix', 'fix-rejects']));
    expect(h.state.answers.leaveOut?.map((c) => c.column)).toEqual(expect.arrayContaining(['Billing First Name', 'Order ID', 'Item #']));
    const end = h.end.lines.join('\n');
    expect(end).toMatch(/^\d+ rows of .*orders-2026-03-31\.csv cannot be fixed \(lines 2, .*\); nothing was written or uploaded\. Fix those lines/m);
    expect(end).toMatch(/Created by this run \(they stay\): dataset group woo-q, schema woo-q-interactions, dataset woo-q\/INTERACTIONS\./);
  });

  it('Change a field → Leave this column out: a column of its own goes (said "left out by you"), Create stays the default', async () => {
    const reviews: StepModel[] = [];
    const edits: StepModel[] = [];
    const review = { pick: (m: StepModel) => (reviews.push(m), m.default!) };
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'woo-f' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: orders },
      'new-dataset': [review, review, { pick: 'field' }, review, 'quit'], 'new-dataset-event': 'enter',
      'new-dataset-field': { pick: 'Quantity' }, 'new-dataset-field-edit': { pick: (m: StepModel) => (edits.push(m), 'leave-out') },
    });
    expect(h.end.reason).not.toBe('error');
    expect(edits[0].choices!.find((c) => c.value === 'leave-out')).toMatchObject({ label: 'Leave this column out', description: 'Quantity: not in the schema, dropped from the copy “Fix and continue” writes' });
    const after = reviews[reviews.length - 1];
    const text = after.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/^ {2}Quantity: left out by you$/m);
    expect(text).not.toMatch(/^ {2}Quantity +long/m);
    expect(after.default).toBe('create');
    expect(h.state.answers.leaveOut?.map((c) => c.column)).toEqual(expect.arrayContaining(['Quantity', 'Order ID', 'Billing Email']));
  });

  it('its products export alone: the review reads it as the fix will (the variations with their product\'s Categories), so CATEGORY_L1 is not "required, yet empty" on every variation', async () => {
    const { products } = writeWooExports(mkdtempSync(join(tmpdir(), 'pi-flow-woo-p-')));
    let review: StepModel | undefined;
    await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'woo-p' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: products },
      'new-dataset': [{ pick: (m: StepModel) => ((review = m), m.default!) }, 'quit'],
    });
    const text = review!.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/CATEGORY_L1 \(column Categories\)/);
    expect(text).not.toMatch(/CATEGORY_L1 \(column Categories\) is required, yet/);
    expect(text).toMatch(/PRICE \(column Regular price\) is required, yet 18 of 84 values are empty/);
  });
});
