// The several-files path with a Shopify store's three exports (test/helpers/shop-csv.ts) in a folder
// of the working folder, into a new ECOMMERCE group of an empty account: Enter at every step but the
// group's name and kind. The CSV step suggests the folder; the orders file, which has no event type
// column, is asked its EVENT_TYPE (purchase offered); the review lists per file the columns left out
// and why, and offers the fixed copies; the guest checkouts are set aside with consent; the copies are
// checked again and imported — headless and in plain mode. Before, the review ended "orders_export.csv
// stays as it is: HEADER_MISSING_COLUMN (line 1) is not something the fixer repairs without guessing".
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepModel } from '../../src/flow/machine/index.js';
import { severalOf } from '../../src/flow/machine/steps-several.js';
import { withSandbox } from '../helpers/sandbox.js';
import { writeShopExports } from '../helpers/shop-csv.js';
import { portsFor, runHeadless, runPlain, type Script, type TestPorts } from './harness.js';

const empty = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.2 });
let ports: TestPorts;
beforeAll(async () => {
  ports = await portsFor(empty);
});
afterAll(() => ports?.close());

const text = (m: StepModel) => m.lines.map((l) => l.text).join('\n');
const fieldsOf = async (group: string) => {
  const g = (await ports.personalize.listDatasetGroups()).find((x) => x.name === group)!;
  const out: Record<string, string[]> = {};
  for (const d of await ports.personalize.listDatasets(g.arn)) {
    const ds = await ports.personalize.describeDataset(d.arn);
    const sch = await ports.personalize.describeSchema(ds.schemaArn!);
    out[d.datasetType] = (JSON.parse(sch.raw ?? JSON.stringify(sch.avro)).fields as { name: string }[]).map((f) => f.name);
    expect((await ports.personalize.listImportJobs(d.arn)).map((j) => j.status)).toEqual(['ACTIVE']);
  }
  return out;
};

describe('several files: a Shopify store\'s orders, products and customers into a new ECOMMERCE group', () => {
  it('Enter but the name and the kind: the folder suggested, EVENT_TYPE asked (purchase), the columns left out said per file, fixed, 3 jobs ACTIVE without personal data; plain mode alike; --event-type answers it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-sevshop-'));
    writeShopExports(join(dir, 'shop'), { products: 80, blankVariantRows: true });
    const own = await portsFor(empty, { cwd: dir });
    try {
      const seen: Record<string, StepModel[]> = {};
      const keep = (m: StepModel) => ((seen[m.id] ??= []).push(m), m.default!);
      const script = (name: string): Script => ({
        group: { pick: '+new-group' }, 'new-group-name': { type: name }, 'new-group-domain': { pick: 'ECOMMERCE' },
        csv: { pick: keep }, 'several-review': [{ pick: keep }, { pick: keep }],
      });
      const h = await runHeadless(own, script('shop-h'));
      expect(h.end, JSON.stringify(h.end)).toMatchObject({ exitCode: 0, reason: 'done' });
      expect(h.asked).toEqual(['group', 'new-group-name', 'new-group-domain', 'new-group-confirm', 'dataset', 'csv', 'several-files', 'several-event', 'several-review', 'several-fix-rejects', 'several-review']);
      // the folder holding the exports is the CSV step's default (the user's own files, an empty group)
      expect(seen.csv[0].default).toBe('shop/');
      expect(seen.csv[0].choices![0].label).toBe('shop/ — interactions, items, users');
      // the first review: each file gets a copy; what each leaves out, grouped by why
      const first = seen['several-review'][0];
      expect(first.default).toBe('fix');
      expect(text(first)).toMatch(/orders_export\.csv → orders_export\.fixed\.csv: the fixer repairs its errors, adds EVENT_TYPE "Purchase" in every row, leaves out 4 columns \(below\)/);
      expect(text(first)).toMatch(/customers_export\.csv — personal data: First Name, Last Name, Email, Default Address Company, Default Address Address1, Default Address Zip, Phone, Note; one value in every row: Tax Exempt/);
      expect(text(first)).toMatch(/orders_export\.csv — a different value in every row \(an order number\): Name; personal data: Email; one value in every row: Financial Status, Billing Country/);
      // a file the fixer repairs shows one finding (its copy is checked again), not three pages of header cells to rename
      expect(text(first)).toMatch(/✗ interactions +shop\/orders_export\.csv: 7 errors, of kinds the fixer repairs/);
      expect(text(first).match(/the header has no \w+ column/g)).toHaveLength(3);
      // across the files: not read from the exports (values over several lines), but from the copies
      expect(text(first)).toMatch(/Across the files: not checked — shop\/products_export\.csv, shop\/customers_export\.csv have values over several lines/);
      const second = seen['several-review'][1];
      expect(second.default).toBe('go');
      expect(text(second)).toMatch(/✓ interactions +shop\/orders_export\.fixed\.csv: 1,225 rows valid/);
      expect(text(second)).toMatch(/ITEM_ID not in the items file: 0 % of interactions · USER_ID not in the users file: 0 %/);
      const fields = await fieldsOf('shop-h');
      expect(fields.USERS).toEqual(['USER_ID', 'ACCEPTS_EMAIL_MARKETING', 'DEFAULT_ADDRESS_CITY', 'DEFAULT_ADDRESS_PROVINCE_CODE', 'DEFAULT_ADDRESS_COUNTRY_CODE', 'TOTAL_SPENT', 'TOTAL_ORDERS', 'Tags']);
      expect(fields.INTERACTIONS).toContain('EVENT_TYPE');
      expect(fields.ITEMS).toEqual(expect.arrayContaining(['ITEM_ID', 'PRICE', 'CATEGORY_L1']));
      const uploaded = severalOf(h.state)!.uploaded!;
      for (const u of uploaded) expect(readFileSync(join(dir, u.file), 'utf8')).not.toMatch(/@example\.(com|org)/);

      // plain mode: the same questions (the copies there now: the next free names)
      const p = await runPlain(own, script('shop-p'), { cwd: dir });
      expect(p.code, p.text).toBe(0);
      expect(p.asked).toEqual(h.asked);
      expect(p.text).toMatch(/EVENT_TYPE for every row of shop\/orders_export\.csv/);
      expect(p.text).toMatch(/Import jobs: 3 of 3 ACTIVE/);

      // the wizard's --event-type answers it: not asked
      const q = await runHeadless(own, script('shop-q'), { answers: { eventType: 'purchase' } });
      expect(q.end).toMatchObject({ exitCode: 0 });
      expect(q.asked).not.toContain('several-event');
    } finally {
      await own.close();
    }
  });
});
