// A Magento 2 store's product export (test/helpers/magento-csv.ts), end to end through the built CLI
// with no terminal, into a new ECOMMERCE group of an empty sandbox account:
// `import --csv catalog_product.csv --dataset-group mag --domain ECOMMERCE --create --fix --fix-rejects --yes`.
// Before, every row was set aside ("Every row … cannot be fixed": created_at "3/12/20, 10:40 AM" has
// a two-digit year; the store-view rows "CATEGORY_L1 is empty") and nothing was imported; the
// categories would have kept their root "Default Category/" and "," between paths.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { magentoCsv } from '../helpers/magento-csv.js';
import { cliEnv, ensureBuilt, readAccount, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import --csv <a Magento product export> --create --domain ECOMMERCE --fix --fix-rejects (sandbox --seed none, no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0.3, seed: 'none', createSeconds: 0.2 });

  it('the store-view rows set aside with their reason and said why, CATEGORY_L1 without the root, CREATION_TIMESTAMP in epoch seconds; the job ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-magento-'));
    const { csv, products, storeViewLines } = magentoCsv(24);
    const file = join(dir, 'catalog_product.csv');
    writeFileSync(file, csv);
    const r = await runCli(['import', '--csv', file, '--dataset-group', 'mag', '--domain', 'ECOMMERCE', '--create', '--fix', '--fix-rejects', '--yes', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05'], cliEnv({ ...sb.env }));
    const said = `${r.stdout}\n${r.stderr}`.replace(/[ \t]+/g, ' ');
    expect(r.code, said).toBe(0);
    // the schema review: inferred from the default rows, and why the others go
    expect(said).not.toMatch(/REQUIRED_EMPTY/);
    expect(said).toMatch(/STORE_VIEW_ROWS: 8 rows are Magento store-view overrides \(store_view_code de\): the sku again with only what the view changes/);
    expect(said).toMatch(/TIMESTAMP_DATES: CREATION_TIMESTAMP \(column created_at\): 100 % of values are dates \(e\.g\. "2020-01-01 01:00"\)/);
    // the fix: what it changed, what it set aside and why
    expect(said).toMatch(/categories without the root category .*: 24 values in 24 rows\n e\.g\. line 2, categories: Default Category\/Gear,Default Category\/Gear\/Bags → Gear\|Gear\/Bags/);
    expect(said).toMatch(/Magento's dates \(M\/D\/YY, h:mm AM\/PM: its export's en_US short format\) read month first, a two-digit year as ICU reads it \(20 → 2020\), and written year first \(then converted like any date\): 48 values in 24 rows/);
    expect(said).toMatch(new RegExp(`lines ${storeViewLines.slice(0, 5).join(', ')} and 3 more: store view de's overrides — each item's default row \\(store_view_code empty\\) holds it; e\\.g\\. sku ${products[2].sku}, its default row line ${products[2].line}`));
    const rejects = readFileSync(join(dir, 'catalog_product.rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(storeViewLines);
    expect(rejects[1]).toMatch(new RegExp(`^${storeViewLines[0]},"sku ${products[2].sku}'s override for store view de — the default row \\(line ${products[2].line}\\) holds the item","${products[2].sku},de,`));
    // the copy imported: one record an item, its categories and creation time as Personalize reads them
    const [head, ...rows] = readFileSync(join(dir, 'catalog_product.fixed.csv'), 'utf8').trim().split('\n');
    const cols = head.split(',');
    expect(cols).toEqual(expect.arrayContaining(['ITEM_ID', 'CATEGORY_L1', 'PRICE', 'CREATION_TIMESTAMP']));
    expect(rows).toHaveLength(products.length);
    const first = rows[0].match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    expect(first[cols.indexOf('ITEM_ID')]).toBe('MH01');
    expect(first[cols.indexOf('CATEGORY_L1')]).toBe('"Gear|Gear/Bags"');
    expect(first[cols.indexOf('CREATION_TIMESTAMP')]).toBe(String(Date.parse('2020-01-01T01:00:00Z') / 1000));
    const { datasets } = await readAccount(sb.sandbox.personalizeEndpoint);
    expect(datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['ITEMS', 'ACTIVE', ['ACTIVE']]]);
  });
});
