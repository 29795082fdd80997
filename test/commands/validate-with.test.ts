// `validate --with`: several files of one dataset group (the built CLI as a child process): each file
// matched to its dataset type by its columns, validated against its schema (inferred, or the sandbox
// group's datasets'), then the cross-file report, human and --json (`crossFile`).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, runCli, SAMPLES } from '../e2e/import-helpers.js';
import { writeShopExports } from '../helpers/shop-csv.js';

beforeAll(() => ensureBuilt());
const S = (n: string) => join(SAMPLES, n);

describe('validate --with (no AWS: schemas inferred from the files)', () => {
  const env = () => cliEnv();

  it('the consistent samples: exit 0, each file typed by its columns, the IDs match', async () => {
    const r = await runCli(['validate', S('interactions.csv'), '--with', S('items.csv'), '--with', S('users.csv'), '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(true);
    expect(doc.files.map((f: { datasetType: string; rows: number; schemaFrom: string }) => [f.datasetType, f.rows, f.schemaFrom])).toEqual([
      ['INTERACTIONS', 1200, 'inferred from its columns, as there is no dataset yet'], ['ITEMS', 80, 'inferred from its columns, as there is no dataset yet'], ['USERS', 60, 'inferred from its columns, as there is no dataset yet'],
    ]);
    expect(doc.crossFile.findings).toEqual([]);
    expect(doc.crossFile.missingItems).toMatchObject({ rows: 0, share: 0 });
    expect(doc.crossFile.items).toMatchObject({ distinct: 80, withoutInteractions: 0 });
    expect(doc.crossFile.users).toMatchObject({ distinct: 60, withoutInteractions: 0 });
    expect(doc.crossFile.thresholds).toEqual({ missingShareAbove: 0, withoutInteractionsShareAbove: 0, likelyCauseShareOfMissing: 0.5 });
  });

  it('a Shopify store\'s three exports (--domain ECOMMERCE): each inferred schema\'s columns left out, with why (personal data by name too); without --event-type the orders file is named with it, with it the schema gets EVENT_TYPE; --event-type alone (no --with) exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-vwith-shop-'));
    const p = writeShopExports(dir, { products: 80 });
    const args = ['validate', p.orders, '--with', p.products, '--with', p.customers, '--domain', 'ECOMMERCE'];
    const r = await runCli(args, env());
    expect(r.code, r.stderr).toBe(1);
    const out = r.stdout.replace(/\s+/g, ' ');
    expect(out).toMatch(/── Left out of the new schema of \S*customers_export\.csv \(import … --fix drops them from a copy; keep one with --keep <column>\): First Name: a person's name \(by its name, e\.g\. "Anna"\): personal data/);
    expect(out).toMatch(/Phone: phone numbers .* Note: notes written about the customer/);
    expect(out).toMatch(/\S*orders_export\.csv has no event type column, which ECOMMERCE interactions need\. .* Pass --event-type Purchase/);
    // a products export's descriptions over several lines: the cross-file check is not misled by them
    expect(out).toMatch(/Across the files: not checked — \S*products_export\.csv, \S*customers_export\.csv have values over several lines/);
    const j = JSON.parse((await runCli([...args, '--event-type', 'purchase', '--keep', 'Phone', '--json'], env())).stdout);
    const users = j.files.find((f: { datasetType: string }) => f.datasetType === 'USERS');
    expect(users.leftOut.map((u: { column: string }) => u.column)).not.toContain('Phone');
    expect(users.leftOut.map((u: { column: string; kind: string }) => [u.column, u.kind])).toContainEqual(['Email', 'email']);
    expect(j.files.find((f: { datasetType: string }) => f.datasetType === 'INTERACTIONS').added).toEqual({ EVENT_TYPE: 'purchase' });
    const alone = await runCli(['validate', p.orders, '--schema', p.orders, '--event-type', 'purchase'], env());
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--event-type goes with --with/);
  });

  it('the mismatch samples: the sku- prefix and the upper-case users named as the likely causes, with examples and lines; still exit 0', async () => {
    const r = await runCli(['validate', S('interactions.csv'), '--with', S('items-sku-prefix.csv'), '--with', S('users-uppercase.csv')], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/── Across the files: 6 warnings/);
    expect(r.stdout).toMatch(/CROSS_ITEMS_MISSING \(.*interactions\.csv, line 2\): 1,200 interactions of 1,200 \(100 %\) name an ITEM_ID that .*items-sku-prefix\.csv does not have \(≈ 80 distinct items\); first: line 2 "item-051"/);
    expect(r.stdout).toMatch(/Likely cause: ITEM_ID is written with a different prefix .* has "sku-item-051" \(with the prefix sku-\)\. Writing them alike would recover 1,200 interactions/);
    expect(r.stdout).toMatch(/Likely cause: USER_ID is written with a different letter case .* has "USER-001" \(in upper case\)/);
    expect(r.stdout).toMatch(/✓ all 3 files are valid; across the files 6 warnings\./);
    const doc = JSON.parse((await runCli(['validate', S('interactions.csv'), '--with', S('items-sku-prefix.csv'), '--with', S('users-uppercase.csv'), '--json'], env())).stdout);
    expect(doc.crossFile.missingItems.causes.map((c: { kind: string; rows: number; likely: boolean }) => [c.kind, c.rows, c.likely])).toEqual([['prefix', 1200, true]]);
    expect(doc.crossFile.missingUsers.causes.map((c: { kind: string; rows: number; likely: boolean }) => [c.kind, c.rows, c.likely])).toEqual([['case', 1200, true]]);
    expect(doc.crossFile.items.examples[0]).toEqual({ id: 'sku-item-001', line: 2 });
  });

  it('an invalid file makes exit 1 (the cross-file report still comes)', async () => {
    const r = await runCli(['validate', S('interactions.csv'), '--with', S('items-long-id.csv'), '--json'], env(), { watchdogMs: 20_000 });
    expect(r.code, `${r.stderr} (${r.ms} ms)`).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.files[1]).toMatchObject({ datasetType: 'ITEMS', valid: false });
    expect(doc.files[1].errors[0]).toMatchObject({ code: 'ID_TOO_LONG', line: 12 });
    expect(doc.crossFile.items.distinct).toBe(80);
  });

  it('a folder with a file its columns do not type: the hint adds TYPE=FILE to the folder, and that runs (the named file wins over the folder)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-vwith-dir-'));
    writeFileSync(join(dir, 'items.csv'), readFileSync(S('items.csv')));
    writeFileSync(join(dir, 'odd.csv'), 'USER_ID_X,COLOUR\nx,red\n');
    const r = await runCli(['validate', S('interactions.csv'), '--with', dir], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot tell which dataset it is from its columns/);
    expect(r.stderr).toContain(`--with items=${join(dir, 'odd.csv')}`);
    expect(r.stderr).toContain(`added to --with ${dir}; or, if it is no dataset's file, move it out`);
    // as suggested (another type than items: the folder's items.csv is the items file)
    const typed = await runCli(['validate', S('interactions.csv'), '--with', dir, '--with', `users=${join(dir, 'odd.csv')}`, '--json'], env());
    expect(typed.code, typed.stderr).not.toBe(2);
    const doc = JSON.parse(typed.stdout);
    expect(doc.files.map((f: { datasetType: string }) => f.datasetType)).toEqual(['INTERACTIONS', 'ITEMS', 'USERS']);
  });

  it('usage errors name the file and the flag: an unknown type, two files of one type, a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-vwith-'));
    writeFileSync(join(dir, 'odd.csv'), 'NAME,COLOUR\nx,red\n');
    const odd = await runCli(['validate', S('interactions.csv'), '--with', join(dir, 'odd.csv')], env());
    expect(odd.code).toBe(2);
    expect(odd.stderr).toMatch(/--with .*odd\.csv: cannot tell which dataset it is from its columns \(NAME, COLOUR\)/);
    expect(odd.stderr).toMatch(/--with items=.*odd\.csv/);
    // the same file twice is said so (not "both ITEMS files", with a TYPE= to try)
    const same = await runCli(['validate', S('items.csv'), '--with', S('items.csv')], env());
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(`${S('items.csv')} is the same file as ${S('items.csv')} (the file to validate): it is named twice.`);
    expect(same.stderr).not.toMatch(/both ITEMS files|users=/);
    const two = await runCli(['validate', S('interactions.csv'), '--with', S('items.csv'), '--with', S('items-long-id.csv')], env());
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/items\.csv and .*items-long-id\.csv are both ITEMS files/);
    const none = await runCli(['validate', S('interactions.csv'), '--with', join(dir, 'nope.csv')], env());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nope\.csv/);
    // TYPE= names the type the columns do not tell
    const typed = await runCli(['validate', S('interactions.csv'), '--with', `users=${join(dir, 'odd.csv')}`, '--json'], env());
    const doc = JSON.parse(typed.stdout);
    expect(doc.files[1]).toMatchObject({ datasetType: 'USERS', datasetTypeReason: 'given as --with users=…' });
    expect(doc.notes).toEqual([]);
    expect(doc.crossFile.notes.join(' ')).toMatch(/odd\.csv has no USER_ID column/);
  });
});

describe('validate --with --dataset-group (the sandbox group\'s schemas)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  it('each file is checked against its dataset\'s schema', async () => {
    const r = await runCli(['validate', S('interactions.csv'), '--with', S('items.csv'), '--with', S('users.csv'), '--dataset-group', 'sandbox-shop', '--json'], cliEnv({ ...sb.env }));
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { schemaFrom: string }) => f.schemaFrom)).toEqual([
      'the dataset arn:aws:personalize:us-east-1:111122223333:dataset/sandbox-shop/INTERACTIONS',
      'the dataset arn:aws:personalize:us-east-1:111122223333:dataset/sandbox-shop/ITEMS',
      'the dataset arn:aws:personalize:us-east-1:111122223333:dataset/sandbox-shop/USERS',
    ]);
    const missing = await runCli(['validate', S('interactions.csv'), '--with', S('items.csv'), '--dataset-group', 'no-such-group'], cliEnv({ ...sb.env }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no dataset group named no-such-group/);
  });
});
