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
    expect(jsonDoc(r).error.hint).toMatch(/Pass --event-type purchase --fix-rejects/);
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
