// A Mixpanel event export (event, distinct_id, time, properties) into an empty account: the item is
// inside the properties JSON (product_id), so the schema review could only say ITEM_ID is missing.
// Now it offers “Take ITEM_ID from product_id in properties”: the schema gets ITEM_ID, and the copy
// “Fix and continue” writes gets the column, each row's product_id → ACTIVE.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';
import { mixpanelCsv } from '../helpers/mixpanel-csv.js';

/** a line of the copy (Personalize's dialect: quoted values with \" inside) → its values */
const cells = (line: string) => [...line.matchAll(/("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/g)].map((m) => m[1]).slice(0, -1);

describe('a Mixpanel export whose item is in its properties JSON', () => {
  const acct = emptyAccount();
  it('"Take ITEM_ID from product_id in properties", then Enter: the copy has ITEM_ID from the JSON → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-mixpanel-'));
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, mixpanelCsv());
    const reviews: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'mixpanel-h' }, csv: { type: csv },
      'new-dataset': [0, 1, 2].map(() => ({ pick: (m: StepModel) => (reviews.push(m), m.default!) })),
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(reviews[0].default).toBe('item-json');
    expect(reviews[0].choices!.find((c) => c.value === 'item-json')?.label).toBe('Take ITEM_ID from product_id in properties');
    expect(reviews[1].default).toBe('create');
    expect(reviews[1].choices!.map((c) => c.value)).toContain('no-item-json');
    expect(h.state.answers.itemFromJson).toEqual({ column: 'properties', key: 'product_id' });
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');
    const copy = readFileSync(join(dir, 'events.fixed.csv'), 'utf8').split('\n');
    const head = cells(copy[0]);
    expect(head).toEqual(expect.arrayContaining(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE']));
    expect(cells(copy[1])).toHaveLength(head.length);
    expect(cells(copy[1])[head.indexOf('ITEM_ID')]).toBe('p-0');
    expect(cells(copy[2])[head.indexOf('ITEM_ID')]).toBe('p-1');
    expect(JSON.stringify(h.events)).toContain('ITEM_ID taken from product_id in the JSON of column properties');
  });

  it('taken out, properties left out too: the fix step asks for no column (it said "once you say which column holds ITEM_ID")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-mixpanel-'));
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, mixpanelCsv());
    const fixes: StepModel[] = [];
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'mixpanel-left' }, csv: { type: csv },
      'new-dataset': [{ pick: () => 'item-json' }, { pick: () => 'leave-out' }, { pick: () => 'create' }],
      fix: { pick: (m: StepModel) => (fixes.push(m), m.default!) },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    // ITEM_ID is the column the fixer appends from the JSON, not one of the file's to name
    expect(fixes[0]?.question).toBe('Every error is one the fixer repairs. What now?');
    const copy = readFileSync(join(dir, 'events.fixed.csv'), 'utf8').split('\n');
    expect(cells(copy[0])).not.toContain('properties');
    expect(cells(copy[1])[cells(copy[0]).indexOf('ITEM_ID')]).toBe('p-0');
  });

  it('taken out, then Quit at the fix step: the fix command it prints carries --item-id-from properties.product_id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-mixpanel-'));
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, mixpanelCsv());
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'mixpanel-quit' }, csv: { type: csv },
      'new-dataset': [{ pick: () => 'item-json' }, { pick: () => 'create' }], fix: { pick: 'quit' },
    });
    expect(h.end.exitCode).toBe(1);
    // without it that command's copy had no ITEM_ID column (it stops: "no column for ITEM_ID")
    expect(h.end.lines.join('\n')).toMatch(/personalize-import fix \S*events\.csv --dataset-arn \S+ .*--item-id-from properties\.product_id/);
  });
});
