// A Magento 2 product export (test/helpers/magento-csv.ts) inferred as `import --create`, `schema
// infer` and the wizard infer it: read through the fixer's pass (fill-down.ts → store-views.ts).
// Before: its store-view rows made "REQUIRED_EMPTY: CATEGORY_L1 … empty" and PRICE empty (a third of
// the products have a "de" row), nothing said why; created_at "3/12/20, 10:40 AM" was "neither whole
// numbers nor dates" (TYPE_MISMATCH: every row set aside after the dataset was created).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fillDown, type FillDown } from '../../src/fix/fill-down.js';
import { magentoProblems } from '../../src/fix/store-views.js';
import { FIXED_BY_FIX, inferSchema } from '../../src/schema/infer.js';
import { magentoCsv } from '../helpers/magento-csv.js';

const { csv, products, storeViewLines } = magentoCsv(30);
const stream = () => Readable.from([Buffer.from(csv)]);

describe('a Magento 2 product export', () => {
  it('as it was read before (no pass): the store-view rows make CATEGORY_L1 and PRICE required-yet-empty, the dates are no dates', async () => {
    const r = await inferSchema(stream(), { datasetType: 'ITEMS', domain: 'ECOMMERCE' });
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.filter((p) => p.code === 'REQUIRED_EMPTY').map((p) => p.field)).toEqual(['CATEGORY_L1', 'PRICE']);
    expect(errors.find((p) => p.field === 'CREATION_TIMESTAMP')?.message).toMatch(/neither whole numbers nor dates \(e\.g\. "1\/1\/20, 1:00 AM"\)/);
  });

  it('read through the pass: the default rows only — CATEGORY_L1 the paths without the root, CREATION_TIMESTAMP dates the fixer converts, and why the store-view rows go', async () => {
    const filled: FillDown = { rows: 0, values: 0 };
    const r = await inferSchema(fillDown(stream(), filled), { datasetType: 'ITEMS', domain: 'ECOMMERCE', leaveOut: 'proposed' });
    r.problems.unshift(...magentoProblems(filled.magento));
    expect(r.sample.rows).toBe(products.length);
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.code)).toEqual(['TIMESTAMP_DATES']);
    expect(FIXED_BY_FIX.has('TIMESTAMP_DATES')).toBe(true);
    expect(errors[0].message).toMatch(/e\.g\. "2020-01-01 01:00"\).* Convert them \(“Fix and continue” — personalize-import fix — does/);
    const field = (name: string) => r.fields.find((f) => f.name === name);
    expect(field('CATEGORY_L1')).toMatchObject({ column: 'categories', categorical: true, nullable: false });
    expect(field('CATEGORY_L1')!.reason).toMatch(/values hold several categories \(\|\)/);
    expect(field('PRICE')).toMatchObject({ column: 'price', nullable: false });
    expect(field('CREATION_TIMESTAMP')).toMatchObject({ column: 'created_at', type: 'long' });
    expect(r.problems.filter((p) => p.severity === 'warning').map((p) => p.code).slice(0, 2)).toEqual(['STORE_VIEW_ROWS', 'MAGENTO_DATES']);
    const sv = r.problems.find((p) => p.code === 'STORE_VIEW_ROWS')!;
    expect(sv.severity).toBe('warning');
    expect(sv.message).toBe(`${storeViewLines.length} rows are Magento store-view overrides (store_view_code de): the sku again with only what the view changes (line ${storeViewLines[0]}: ${products[2].sku}'s name, product_online, url_key), the rest empty. Personalize keeps one record an item (an ID's last), so such a row would replace the item: the fixer sets them aside (--fix-rejects; in the wizard, when you agree) and each item's default row (store_view_code empty, line ${products[2].line} for ${products[2].sku}) holds it. The schema is inferred from the default rows.`);
  });

  it('a file with no store-view row says nothing of them; the dates it shows year first are said to be the file\'s short dates', async () => {
    const filled: FillDown = { rows: 0, values: 0 };
    const plain = csv.split('\n').filter((l) => !/^[^,]+,de,/.test(l)).join('\n');
    await inferSchema(fillDown(Readable.from([Buffer.from(plain)]), filled), { datasetType: 'ITEMS' });
    expect(filled.magento?.storeViews).toBe(0);
    expect(magentoProblems(filled.magento)).toEqual([{
      severity: 'warning', code: 'MAGENTO_DATES', column: 'created_at',
      message: 'Magento writes its dates in the admin\'s locale: "1/1/20, 1:00 AM" (line 2, created_at) is en_US\'s short format: read month first, a two-digit year as 2020 — 2020-01-01 01:00 — as the fixer converts it (the day first: --dates day-first).',
    }]);
  });
});
