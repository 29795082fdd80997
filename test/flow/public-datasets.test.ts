// Two public datasets at "＋ Create the dataset from my CSV" in a new Custom group (headless, the
// in-process sandbox, an empty account): goodbooks' ratings.csv has no time — the review says so,
// Create is disabled with what to do, and the default is back (nothing here supplies a time: not an
// EVENT_TYPE, not a field's type); H&M's transactions_train.csv names its time t_dat — the only
// column of dates, the schema's TIMESTAMP — and Enter at every step reaches ACTIVE: "Fix and
// continue" renames t_dat as a named column and converts its dates.
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { emptyAccount, pickLabel, runHeadless } from './harness.js';

const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

describe('public datasets into a new Custom group', () => {
  const acct = emptyAccount();
  const dir = mkdtempSync(join(tmpdir(), 'pi-flow-public-'));

  it('goodbooks ratings.csv: interactions, rating its EVENT_VALUE; no time: Create disabled naming it, the default back, nothing created', async () => {
    const csv = join(dir, 'ratings.csv');
    writeFileSync(csv, `user_id,book_id,rating\n${rows(300, (i) => `${1 + (i % 40)},${1 + ((i * 7) % 90)},${1 + (i % 5)}`)}\n`);
    let review: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'books' }, 'new-group-domain': 'enter', csv: { type: csv },
      'new-dataset': [{ pick: (m) => ((review = m), m.default!) }, 'quit'], dataset: [pickLabel('＋'), 'quit'],
    });
    const text = review!.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/Dataset type INTERACTIONS: guessed from the columns: USER_ID \(column user_id\) and ITEM_ID \(column book_id\)/);
    expect(text).toMatch(/EVENT_VALUE \(column rating\)/);
    expect(review!.choices!.find((c) => c.value === 'create')!.disabled).toMatch(/no column for TIMESTAMP\. No column holds times or dates: .* Export the file again with the time of each event/);
    expect(review!.default).toBe('back');
    expect(h.state.answers.datasetArn).toBeUndefined();
  });

  it('the same ratings into a new ECOMMERCE group (EVENT_TYPE needed too): "Add EVENT_TYPE" is not offered, nor --event-type named — it would not make a file without times importable', async () => {
    const csv = join(dir, 'ratings-domain.csv');
    writeFileSync(csv, `user_id,book_id,rating\n${rows(300, (i) => `${1 + (i % 40)},${1 + ((i * 7) % 90)},${1 + (i % 5)}`)}\n`);
    let review: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'books-shop' }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: csv },
      'new-dataset': [{ pick: (m) => ((review = m), m.default!) }, 'quit'], dataset: [pickLabel('＋'), 'quit'],
    });
    const create = review!.choices!.find((c) => c.value === 'create')!;
    expect(create.disabled).toMatch(/no column for TIMESTAMP, EVENT_TYPE\. No column holds times or dates: .* Export the file again with the time of each event/);
    expect(create.disabled).not.toMatch(/--event-type|Add EVENT_TYPE/);
    expect(review!.choices!.map((c) => c.value)).not.toContain('event-type');
    expect(review!.default).toBe('back');
    expect(h.state.answers.datasetArn).toBeUndefined();
  });

  it('H&M transactions_train.csv: t_dat, the only dates, is the TIMESTAMP; Enter at every step: created, Fix and continue renames and converts it → ACTIVE', async () => {
    const csv = join(dir, 'transactions_train.csv');
    writeFileSync(csv, `t_dat,customer_id,article_id,price,sales_channel_id\n${rows(1200, (i) => `2018-09-${String(10 + (i % 20)).padStart(2, '0')},c${i % 60},0${663713001 + (i % 90)},0.05${i % 10},${1 + (i % 2)}`)}\n`);
    let review: StepModel | undefined;
    const h = await runHeadless(acct.ports(), {
      group: pickLabel('＋'), 'new-group-name': { type: 'hm' }, 'new-group-domain': 'enter', csv: { type: csv },
      'new-dataset': { pick: (m) => ((review = m), m.default!) },
    });
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    expect(review!.default).toBe('create');
    expect(review!.lines.map((l) => l.text).join('\n')).toMatch(/TIMESTAMP: the only column of dates \(e\.g\. "2018-09-10"\): when each event happened, the TIMESTAMP/);
    expect(h.asked).toContain('fix');
    const copy = readFileSync(join(dir, 'transactions_train.fixed.csv'), 'utf8').split(/\r?\n/);
    expect(copy[0]).toBe('TIMESTAMP,USER_ID,ITEM_ID,price,sales_channel_id');
    expect(copy[1].split(',')[0]).toBe(String(Date.UTC(2018, 8, 10) / 1000));
  });
});
