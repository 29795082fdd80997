// `import --create` with a shop's order export (test/helpers/orders-csv.ts), the built CLI with no
// terminal against an empty sandbox: without --event-type a new ECOMMERCE group's interactions stop
// before anything is created, naming the flag; with --event-type purchase --fix-rejects the group,
// schema and dataset are created — the order number, the e-mail and the one-value columns left out and
// said so, with how to keep one — the copy written with EVENT_TYPE and without them, the guest
// checkouts set aside, and the job ACTIVE. The schema is read back from the sandbox.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSchemaCommand, ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { ordersCsv } from '../helpers/orders-csv.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import --create with an order export (no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.3 });
  const env = () => cliEnv({ ...sb.env });
  const dir = mkdtempSync(join(tmpdir(), 'pi-import-orders-'));
  const csv = join(dir, 'orders_export.csv');
  writeFileSync(csv, ordersCsv(1200));
  const base = (group: string) => ['import', '--csv', csv, '--dataset-group', group, '--create', '--domain', 'ECOMMERCE', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json'];

  it('without --event-type: exit 2 naming --event-type purchase --fix-rejects, nothing created; a bad value is a usage error', async () => {
    const r = await runCli([...base('orders-no-event'), '--fix'], env());
    expect(r.code, r.stderr).toBe(2);
    // the type from the columns, the columns left out and why, how to keep one
    expect(r.stderr).toMatch(/Dataset type interactions, from the columns of .*USER_ID \(column Customer ID\) and ITEM_ID \(column Lineitem sku\)/);
    expect(r.stderr).toMatch(/Left out of the schema .*keep one with --keep <column>/);
    expect(r.stderr).toMatch(/Email: e-mail addresses .*personal data/);
    expect(jsonDoc(r).error.message).toMatch(/has no EVENT_TYPE, which ECOMMERCE interactions need/);
    expect(jsonDoc(r).error.hint).toMatch(/Pass --event-type Purchase --fix-rejects/);
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).toEqual([]);
    const bad = await runCli([...base('orders-bad'), '--event-type', 'a,b'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--event-type "a,b": .*no comma/);
  });

  it('--event-type purchase --fix-rejects: created without the columns left out, the copy fixed, ACTIVE; --keep keeps one', async () => {
    const r = await runCli([...base('orders-shop'), '--event-type', 'purchase', '--fix-rejects', '--keep', 'billing country'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', importMode: 'FULL', fix: { rejected: 34, rejects: expect.stringMatching(/orders_export\.rejects\.csv$/) } });
    expect(r.stderr).toMatch(/Left out of the schema[^\n]*\n {2}Name: a different value in every row[^\n]*\n {2}Email: [^\n]*\n {2}Financial Status: the same value \("paid"\) in every row/);
    expect(r.stderr).toMatch(/Kept, though Personalize cannot use them:\n {2}Billing Country/);
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(held.fields.map((f) => [f.name, f.type])).toEqual([
      ['TIMESTAMP', 'long'], ['LINEITEM_QUANTITY', 'long'], ['LINEITEM_NAME', 'string'], ['LINEITEM_PRICE', 'float'], ['ITEM_ID', 'string'], ['USER_ID', 'string'], ['BILLING_COUNTRY', 'string'], ['EVENT_TYPE', 'string'],
    ]);
    const copy = readFileSync(doc.fix.output, 'utf8');
    expect(copy.split(/\r?\n/)[0]).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,BILLING_COUNTRY,EVENT_TYPE');
    expect(copy).not.toMatch(/@example\.com|#1001/);
    expect(copy.split(/\r?\n/)[1]).toMatch(/,DE,purchase$/);
    // the user's file is not changed
    expect(readFileSync(csv, 'utf8')).toBe(ordersCsv(1200));
  });
});

describe('schema infer and fix with an order export (the built CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-orders-cli-'));
  const csv = join(dir, 'orders_export.csv');
  writeFileSync(csv, ordersCsv(1200));
  const env = () => cliEnv({});

  it('schema infer --event-type purchase: EVENT_TYPE in the schema, the columns left out in --json and on stderr with the fix command; --keep keeps one', async () => {
    const r = await runCli(['schema', 'infer', csv, '--domain', 'ECOMMERCE', '--event-type', 'purchase', '--json'], env());
    expect(r.code, r.stderr).toBe(1); // the guest checkouts' empty USER_ID: a data problem, listed
    const doc = JSON.parse(r.stdout) as { datasetType: string; schema: { fields: { name: string }[] }; leftOut: { column: string; kind: string; reason: string }[] };
    expect(doc.datasetType).toBe('INTERACTIONS');
    expect(doc.schema.fields.map((f) => f.name)).toEqual(['TIMESTAMP', 'LINEITEM_QUANTITY', 'LINEITEM_NAME', 'LINEITEM_PRICE', 'ITEM_ID', 'USER_ID', 'EVENT_TYPE']);
    expect(doc.leftOut.map((u) => [u.column, u.kind])).toEqual([['Name', 'unique'], ['Email', 'email'], ['Financial Status', 'constant'], ['Billing Country', 'constant']]);
    expect(r.stderr).toMatch(/guest checkouts/);
    expect(r.stderr).toMatch(/personalize-import fix \S*orders_export\.csv --schema schema\.json --event-type purchase --drop-unknown/);
    const kept = await runCli(['schema', 'infer', csv, '--keep', 'Email', '--json'], env());
    expect((JSON.parse(kept.stdout) as { schema: { fields: { name: string }[] } }).schema.fields.map((f) => f.name)).toContain('Email');
    expect(kept.stderr).toMatch(/Kept, though Personalize should not get them:\n {2}Email: e-mail addresses/);
  });

  it('fix --event-type purchase --drop-unknown: the copy has EVENT_TYPE and none of the columns left out; without --event-type EVENT_TYPE is missing (exit 1)', async () => {
    const schemaFile = join(dir, 'schema.json');
    writeFileSync(schemaFile, (await runCli(['schema', 'infer', csv, '--domain', 'ECOMMERCE', '--event-type', 'purchase'], env())).stdout);
    const out = join(dir, 'fixed.csv');
    const r = await runCli(['fix', csv, '--schema', schemaFile, '--domain', 'ECOMMERCE', '--event-type', 'purchase', '--drop-unknown', '-o', out, '--rejects', join(dir, 'rejects.csv')], env());
    expect(r.code, r.stderr).toBe(1); // 34 rows set aside (guest checkouts)
    expect(r.stdout + r.stderr).toMatch(/EVENT_TYPE added \(purchase in every row\)/);
    const lines = readFileSync(out, 'utf8').split(/\r?\n/);
    expect(lines[0]).toBe('TIMESTAMP,LINEITEM_QUANTITY,LINEITEM_NAME,LINEITEM_PRICE,ITEM_ID,USER_ID,EVENT_TYPE');
    expect(lines[1]).toMatch(/,purchase$/);
    const without = await runCli(['fix', csv, '--schema', schemaFile, '--domain', 'ECOMMERCE', '-o', join(dir, 'none.csv')], env());
    expect(without.code).toBe(1);
    expect(without.stdout + without.stderr).toMatch(/no column for EVENT_TYPE/);
  });
});
