// A shop owner's real starting point, end to end through the built CLI with no terminal: a Shopify
// store's three exports in one folder (test/helpers/shop-csv.ts: orders, products one row per
// variant with descriptions over several lines, customers with their names, e-mails, phones and
// addresses) imported into a new ECOMMERCE group of an empty sandbox account with
// `import --csv <folder> --create --domain ECOMMERCE --event-type purchase --fix-rejects`. Before,
// the run ended "the fixer cannot repair shop/orders_export.csv, shop/products_export.csv" (no
// EVENT_TYPE, no PRICE or CATEGORY_L1, "Body (HTML)" not renamed) and refused --event-type with
// several files; the schemas would have carried the customers' personal data.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { writeShopExports } from '../helpers/shop-csv.js';
import { cliEnv, ensureBuilt, jsonDoc, readAccount, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** field names that would carry the customers' personal data */
const PERSONAL = /NAME$|^FIRST|^LAST|EMAIL$|^Email$|PHONE|Phone|ADDRESS1|ZIP|COMPANY|^Note$|NOTE/;

describe('import --csv <a Shopify store\'s three exports> --create --domain ECOMMERCE (sandbox --seed none, no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0.3, seed: 'none', createSeconds: 0.2 });
  const env = () => cliEnv({ ...sb.env });
  const base = (group: string, dir: string) => ['import', '--dataset-group', group, '--create', '--domain', 'ECOMMERCE', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--csv', dir, '--json'];
  const body = async (location: string) => {
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(location)!;
    return (await sb.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
  };

  it('without --event-type: exit 2 naming --event-type purchase, nothing created; with it and --fix-rejects: each file typed, its personal data left out with why, fixed, checked across, three jobs ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-shop-'));
    // as Shopify writes it: a product's columns on its first variant's row only
    writeShopExports(join(dir, 'shop'), { products: 80, blankVariantRows: true });
    const shop = join(dir, 'shop');

    const no = await runCli([...base('my-shop', shop), '--fix-rejects'], env());
    expect(no.code, no.stderr).toBe(2);
    expect(no.stderr.replace(/\s+/g, ' ')).toMatch(/orders_export\.csv has no event type column, which ECOMMERCE interactions need; nothing was created or uploaded\. .*Pass --event-type Purchase with --fix/);
    expect((await readAccount(sb.sandbox.personalizeEndpoint)).groups).toEqual([]);

    const r = await runCli([...base('my-shop', shop), '--event-type', 'purchase', '--fix-rejects'], env());
    expect(r.code, r.stderr).toBe(0);
    const said = r.stderr.replace(/\s+/g, ' ');
    // each file typed by its columns
    expect(said).toMatch(/users \S*customers_export\.csv \(from its columns: USER_ID \(column Customer ID\)/);
    expect(said).toMatch(/items \S*products_export\.csv \(from its columns: ITEM_ID \(column Variant SKU\)/);
    // with --fix-rejects, a file the fixer repairs is one line, not a page of header cells "to rename"
    expect(said).toMatch(/✗ \S*products_export\.csv: [\d,]+ errors \(ITEMS; schema inferred from its columns, as there is no dataset yet\), of kinds the fixer repairs( or sets aside)?: its fixed copy is checked below/);
    expect(said).not.toMatch(/HEADER_MISSING_COLUMN/);
    // the columns left out, per file, with why
    expect(said).toMatch(/Left out of the new schema of \S*customers_export\.csv \(its fixed copy drops them; keep one with --keep <column>\): First Name: a person's name .*Email: e-mail addresses .*Phone: phone numbers .*Note: notes written about the customer/);
    expect(said).toMatch(/Left out of the new schema of \S*orders_export\.csv .* Name: a different value in every row .* Email: e-mail addresses/);
    // read as the fixer writes it (the later variants filled in): one vendor in every row, left out
    expect(said).toMatch(/Left out of the new schema of \S*products_export\.csv \(its fixed copy drops them; keep one with --keep <column>\): Vendor: the same value \("Nordfaden"\) in every row/);
    expect(said).toMatch(/EVENT_TYPE "purchase" in every row of \S*orders_export\.csv \(--event-type\): its fixed copy gets the column/);
    const doc = jsonDoc(r);
    expect(doc.jobs.map((j: { datasetType: string; status: string }) => [j.datasetType, j.status]).sort()).toEqual([['INTERACTIONS', 'ACTIVE'], ['ITEMS', 'ACTIVE'], ['USERS', 'ACTIVE']]);
    // the guest checkouts (no Customer ID) set aside; every file checked again as its copy
    const v = doc.validation as { file: string; datasetType: string; valid: boolean; fix?: { rejected: number } }[];
    expect(v.map((e) => [e.datasetType, e.valid, e.file.endsWith('.fixed.csv')])).toEqual([['USERS', true, true], ['INTERACTIONS', true, true], ['ITEMS', true, true]]);
    expect(v.find((e) => e.datasetType === 'INTERACTIONS')!.fix!.rejected).toBe(35);
    expect(said).toMatch(/lines 2, 38, 74, 110, 146 and 30 more: USER_ID is empty \(an order without a customer account: a guest checkout\), and the schema needs a value/);
    // the later variants' empty Title, Type … filled in from the product's first row: none set aside
    expect(said).toMatch(/a product's values filled in on its other variants' rows \(Shopify writes them on its first row only\): [\d,]+ values in 64 rows/);
    expect(v.find((e) => e.datasetType === 'ITEMS')!.fix!.rejected).toBe(0);
    // across the files: every order's item and customer is in the catalogues
    const codes = (doc.crossFile.findings as { code: string }[]).map((f) => f.code);
    expect(codes).not.toContain('CROSS_ITEMS_MISSING');
    expect(codes).not.toContain('CROSS_USERS_MISSING');

    // the schemas as the sandbox holds them: the domain's fields, no personal data
    const { datasets } = await readAccount(sb.sandbox.personalizeEndpoint);
    const fields = (t: string) => datasets.find((d) => d.type === t)!.fields.map((f) => f.name);
    expect(datasets.map((d) => [d.type, d.status, d.jobs.map((j) => j.status)])).toEqual([['INTERACTIONS', 'ACTIVE', ['ACTIVE']], ['ITEMS', 'ACTIVE', ['ACTIVE']], ['USERS', 'ACTIVE', ['ACTIVE']]]);
    expect(fields('USERS')).toEqual(['USER_ID', 'ACCEPTS_EMAIL_MARKETING', 'DEFAULT_ADDRESS_CITY', 'DEFAULT_ADDRESS_PROVINCE_CODE', 'DEFAULT_ADDRESS_COUNTRY_CODE', 'TOTAL_SPENT', 'TOTAL_ORDERS', 'Tags']);
    expect(fields('INTERACTIONS').sort()).toEqual(['EVENT_TYPE', 'ITEM_ID', 'LINEITEM_NAME', 'LINEITEM_PRICE', 'LINEITEM_QUANTITY', 'TIMESTAMP', 'USER_ID']);
    expect(fields('ITEMS')).toEqual(expect.arrayContaining(['ITEM_ID', 'PRICE', 'CATEGORY_L1', 'BODY_HTML']));
    for (const t of ['USERS', 'INTERACTIONS', 'ITEMS']) expect(fields(t).filter((f) => PERSONAL.test(f) && f !== 'LINEITEM_NAME')).toEqual([]);
    // what was uploaded: the copies, without a single e-mail address or phone number
    for (const j of doc.jobs) {
      const sent = await body(j.dataLocation);
      expect(sent).toBe(readFileSync(j.file, 'utf8'));
      expect(sent).not.toMatch(/@example\.(com|org)|\+49 151/);
    }
  });

  it('--keep "Billing Country" with --fix-rejects: the schema created from the fixed copy (its header BILLING_COUNTRY) keeps it, as the copy does', async () => {
    // before, the copy kept the column and the schema inferred from the copy left it out ("billing country" ≠ BILLING_COUNTRY)
    const dir = mkdtempSync(join(tmpdir(), 'pi-shop-keep-'));
    writeShopExports(join(dir, 'shop'), { products: 40 });
    const r = await runCli([...base('keep-shop', join(dir, 'shop')), '--event-type', 'purchase', '--fix-rejects', '--keep', 'Billing Country'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'shop', 'orders_export.fixed.csv'), 'utf8').split(/\r?\n/)[0]).toContain('BILLING_COUNTRY');
    const g = (await readAccount(sb.sandbox.personalizeEndpoint)).datasets.filter((d) => d.name.startsWith('keep-shop-'));
    expect(g.find((d) => d.type === 'INTERACTIONS')!.fields.map((f) => f.name)).toContain('BILLING_COUNTRY');
  });
});
