// The wizard's walk with a Magento 2 product export (test/helpers/magento-csv.ts) into a new
// ECOMMERCE group, as a newcomer takes it: Enter at every step. The create-the-dataset review says
// why the store-view rows go (STORE_VIEW_ROWS) and asks no "required, yet empty" of CATEGORY_L1 or
// PRICE; "Fix and continue" is offered; the set-aside question lists the store view's rows on one
// line with their reason and, agreed to, they go to the rejects file; the copy imported holds one
// record an item. Headless and plain mode.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { magentoCsv } from '../helpers/magento-csv.js';
import { emptyAccount, pickLabel, runHeadless, runPlain, type Script } from './harness.js';

const text = (m: StepModel) => m.lines.map((l) => l.text).join('\n');

describe('the wizard with a Magento product export', () => {
  const acct = emptyAccount();
  const { csv, products, storeViewLines } = magentoCsv(24);

  it('the review says why the store-view rows go; Fix and continue; the set-aside question names them; the copy ACTIVE — plain mode alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-flow-magento-'));
    const file = join(dir, 'catalog_product.csv');
    writeFileSync(file, csv);
    const reviews: StepModel[] = [];
    const asides: StepModel[] = [];
    const script = (name: string): Script => ({
      group: pickLabel('＋'), 'new-group-name': { type: name }, 'new-group-domain': { pick: 'ECOMMERCE' }, csv: { type: file },
      'new-dataset': { pick: (m: StepModel) => (reviews.push(m), m.default!) }, fix: 'enter', 'fix-rejects': { pick: (m: StepModel) => (asides.push(m), m.default!) }, how: { pick: 'bulk' },
    });
    const h = await runHeadless(acct.ports(), script('mag-h'));
    expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
    const review = text(reviews[0]);
    expect(review).toMatch(/8 rows are Magento store-view overrides \(store_view_code de\)/);
    expect(review).not.toMatch(/required, yet/);
    // the rows set aside: with their reason, one line for the view, before the question
    const notes = h.events.map((e) => (e.type === 'note' ? e.text : '')).join('\n');
    expect(notes).toMatch(new RegExp(`lines ${storeViewLines.slice(0, 5).join(', ')} and 3 more: store view de's overrides — each item's default row \\(store_view_code empty\\) holds it`));
    expect(asides[0].question).toMatch(/^8 rows cannot be fixed without guessing/);
    const rejects = readFileSync(join(dir, 'catalog_product.rejects.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rejects.map((l) => Number(l.split(',')[0]))).toEqual(storeViewLines);
    const copy = readFileSync(join(dir, 'catalog_product.fixed.csv'), 'utf8').trim().split('\n');
    expect(copy).toHaveLength(products.length + 1);
    expect(copy[0].split(',')).toEqual(expect.arrayContaining(['ITEM_ID', 'CATEGORY_L1', 'PRICE', 'CREATION_TIMESTAMP']));
    expect(h.state.loaded.finalStatus).toBe('ACTIVE');

    const p = await runPlain(acct.ports(), script('mag-p'));
    expect(p.code, p.text).toBe(0);
    expect(p.text).toMatch(/8 rows are Magento store-view overrides/);
    expect(p.text).toMatch(/store view de's overrides — each item's default row/);
  });
});
