// The --create glue (src/commands/create-missing.ts) against sandbox --seed none through the real SDK
// client: the schema inferred from the CSV (and printed), the group and dataset created and ACTIVE;
// a file whose schema has problems, or a missing group without --create, creates nothing.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DescribeSchemaCommand, ListDatasetGroupsCommand, ListSchemasCommand } from '@aws-sdk/client-personalize';
import { withSandbox } from '../helpers/sandbox.js';
import { SdkPersonalize } from '../../src/aws/personalize.js';
import { systemClock } from '../../src/job/clock.js';
import { ensureForImport } from '../../src/commands/create-missing.js';
import { ga4Csv } from '../helpers/ga4-csv.js';

const SAMPLE = fileURLToPath(new URL('../../samples/interactions.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pi-create-'));

function sink() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (b: Buffer) => (text += b));
  return { s, text: () => text };
}

describe('ensureForImport (--create) against sandbox --seed none', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.4 });
  const base = () => ({ personalize: new SdkPersonalize(sb.personalize), clock: systemClock, pollMs: 20, datasetType: 'INTERACTIONS' as const });

  it('without --create a missing group is a usage error naming --create, and nothing is created', async () => {
    const out = sink();
    await expect(ensureForImport({ ...base(), out: out.s, groupName: 'new-shop', create: false, csv: { name: SAMPLE, open: async () => createReadStream(SAMPLE) } })).rejects.toMatchObject({ kind: 'usage', hint: expect.stringMatching(/Pass --create/) });
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups).toEqual([]);
  });

  it('a CSV whose header needs renaming creates nothing and says which columns', async () => {
    const f = join(dir, 'export.csv');
    writeFileSync(f, 'user_id,item_id,timestamp\nu1,i1,1767225600\n');
    const out = sink();
    await expect(ensureForImport({ ...base(), out: out.s, groupName: 'renamed', create: true, csv: { name: f, open: async () => createReadStream(f) } })).rejects.toMatchObject({ message: expect.stringMatching(/must be renamed first \(user_id → USER_ID, item_id → ITEM_ID, timestamp → TIMESTAMP\); nothing was created/), hint: expect.stringMatching(/^Pass --fix/) });
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups).toEqual([]);
  });

  it('the explanation printed is import\'s: a type worked out by the caller is said as such, and schema infer\'s closing lines are left out', async () => {
    const f = join(dir, 'ms.csv');
    writeFileSync(f, 'user_id,item_id,timestamp\nu1,i1,1767225600000\n');
    const out = sink();
    await expect(ensureForImport({ ...base(), out: out.s, groupName: 'ms', create: true, typeReason: 'guessed from the columns: USER_ID and ITEM_ID', csv: { name: f, open: async () => createReadStream(f) } })).rejects.toMatchObject({ hint: expect.stringMatching(/^Pass --fix/) });
    expect(out.text()).toContain('  Dataset type INTERACTIONS: guessed from the columns: USER_ID and ITEM_ID\n');
    expect(out.text()).toContain('TIMESTAMP_MILLISECONDS');
    // "this command does not change the file", "save this schema (`… > schema.json`)": schema infer's, not here
    expect(out.text()).not.toMatch(/this command does not change the file|save this schema|given/);
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups).toEqual([]);
  });

  it('--create: the schema is inferred and printed, the group and dataset are created and ACTIVE', async () => {
    const out = sink();
    const r = await ensureForImport({ ...base(), out: out.s, groupName: 'new-shop', create: true, csv: { name: SAMPLE, open: async () => createReadStream(SAMPLE) } });
    expect(r.created).toEqual({ datasetGroupArn: r.datasetGroupArn, schemaArn: expect.stringMatching(/schema\/new-shop-interactions$/), datasetArn: r.datasetArn });
    expect(out.text()).toMatch(/Schema for .*interactions\.csv \(the whole file, 1,200 rows\)/);
    expect(out.text()).toMatch(/Creating dataset group new-shop…\n  created arn:aws:personalize:us-east-1:111122223333:dataset-group\/new-shop\n  dataset group CREATE (PENDING|IN_PROGRESS)/);
    expect(out.text()).toMatch(/Creating dataset new-shop-interactions…[\s\S]*dataset ACTIVE/);
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: r.created.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(held.fields.slice(0, 3)).toEqual([{ name: 'USER_ID', type: 'string' }, { name: 'ITEM_ID', type: 'string' }, { name: 'TIMESTAMP', type: 'long' }]);
    // again: everything exists, nothing is created
    const again = await ensureForImport({ ...base(), out: sink().s, groupName: 'new-shop', create: true });
    expect(again).toEqual({ datasetGroupArn: r.datasetGroupArn, datasetArn: r.datasetArn, created: {} });
  });

  it('--schema <file> for the dataset of an existing group', async () => {
    const f = join(dir, 'users.json');
    writeFileSync(f, JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'TIER', type: 'string', categorical: true }], version: '1.0' }));
    const out = sink();
    const r = await ensureForImport({ ...base(), datasetType: 'USERS', out: out.s, groupName: 'new-shop', create: true, schemaFile: f });
    expect(r.created.datasetGroupArn).toBeUndefined();
    expect(r.datasetArn).toMatch(/dataset\/new-shop\/USERS$/);
    expect(out.text()).toContain(`Schema from ${f} (2 fields).`);
    expect((await sb.personalize.send(new ListSchemasCommand({}))).schemas!.map((s) => s.name).sort()).toEqual(['new-shop-interactions', 'new-shop-users']);
    await expect(ensureForImport({ ...base(), datasetType: 'ITEMS', out: out.s, groupName: 'new-shop', create: true, schemaFile: join(dir, 'none.json') })).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(/--schema .*none\.json: no such file/) });
  });

  it('with --fix the renames and dates do not stop it (the fix step repairs them after); a missing required column still does', async () => {
    const f = join(dir, 'dates.csv');
    writeFileSync(f, 'user_id,item_id,timestamp\nu1,i1,2026-01-01T00:00:00Z\nu2,i2,2026-01-02T00:00:00Z\n');
    const withoutFix = sink();
    await expect(ensureForImport({ ...base(), out: withoutFix.s, groupName: 'dated', create: true, csv: { name: f, open: async () => createReadStream(f) } })).rejects.toMatchObject({ hint: expect.stringMatching(/^Pass --fix/) });
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups!.map((g) => g.name)).not.toContain('dated');
    const out = sink();
    const r = await ensureForImport({ ...base(), out: out.s, groupName: 'dated', create: true, fix: true, csv: { name: f, open: async () => createReadStream(f) } });
    expect(r.created.datasetArn).toBe(r.datasetArn);
    expect(out.text()).toMatch(/--fix writes a copy of the file with the header renamed \(user_id → USER_ID, item_id → ITEM_ID, timestamp → TIMESTAMP\) and its values repaired/);
    // microseconds (GA's event_timestamp) are converted by the fix step too
    const micros = join(dir, 'micros.csv');
    writeFileSync(micros, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1767225600123456\nu2,i2,1767225601123456\n');
    const m = await ensureForImport({ ...base(), out: sink().s, groupName: 'micro', create: true, fix: true, csv: { name: micros, open: async () => createReadStream(micros) } });
    expect(m.created.datasetArn).toBe(m.datasetArn);
    const items = join(dir, 'no-id.csv');
    writeFileSync(items, 'name,price\nx,1\n');
    await expect(ensureForImport({ ...base(), datasetType: 'ITEMS', out: sink().s, groupName: 'dated', create: true, fix: true, csv: { name: items, open: async () => createReadStream(items) } })).rejects.toMatchObject({ message: expect.stringMatching(/problem.* to fix first/), hint: expect.stringMatching(/^Fix the file/) });
  });

  it('a spreadsheet\'s TRUE / FALSE (Google Sheets, Excel) do not stop --fix, which lower-cases them; without --fix the error names the problem and --fix', async () => {
    const f = join(dir, 'sheet-items.csv');
    writeFileSync(f, `sku,title,in_stock\n${Array.from({ length: 30 }, (_, i) => `SKU-${i},Shirt ${i % 4},${i % 3 ? 'TRUE' : 'FALSE'}`).join('\n')}\n`);
    const csv = { name: f, open: async () => createReadStream(f) };
    await expect(ensureForImport({ ...base(), datasetType: 'ITEMS', out: sink().s, groupName: 'sheet', create: true, csv })).rejects.toMatchObject({
      kind: 'usage', message: expect.stringMatching(/has 1 problem to fix first \(listed above: BOOLEAN_CASE\); nothing was created\./), hint: expect.stringMatching(/^Pass --fix/),
    });
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups!.map((g) => g.name)).not.toContain('sheet');
    const out = sink();
    const r = await ensureForImport({ ...base(), datasetType: 'ITEMS', out: out.s, groupName: 'sheet', create: true, fix: true, csv });
    expect(r.created.datasetArn).toBe(r.datasetArn);
    expect(out.text()).toMatch(/--fix writes a copy of the file with the header renamed \(sku → ITEM_ID\) and its values repaired/);
  });

  it('a Google Analytics 4 export flattened from BigQuery names its item items.item_id: that is ITEM_ID (it was left out as "an ID", and no ITEM_ID stopped the create)', async () => {
    const f = join(dir, 'ga4-flat.csv');
    writeFileSync(f, ga4Csv(1200, 1, 'items.item_id'));
    const out = sink();
    const r = await ensureForImport({ ...base(), out: out.s, groupName: 'ga4-flat', create: true, fix: true, csv: { name: f, open: async () => createReadStream(f) } });
    expect(r.created.datasetArn).toBe(r.datasetArn);
    expect(out.text()).toContain('  items.item_id → ITEM_ID: string\n');
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: r.created.schemaArn }))).schema!.schema!) as { fields: { name: string }[] };
    expect(held.fields.map((x) => x.name)).toContain('ITEM_ID');
  });

  it('a Salesforce Commerce Cloud order export: Customer No is USER_ID (no USER_ID stopped the create; the hint was --map)', async () => {
    const f = join(dir, 'sfcc-orders.csv');
    writeFileSync(f, `Order No,Customer No,Product ID,Quantity,Creation Date,Status\n${Array.from({ length: 40 }, (_, i) => `00${100000 + (i >> 1)},${String(1 + (i % 9)).padStart(8, '0')},${String(1 + (i % 13)).padStart(6, '0')},1,2026-10-${10 + (i % 18)}T17:47:00+0100,NEW`).join('\n')}\n`);
    const out = sink();
    const r = await ensureForImport({ ...base(), out: out.s, groupName: 'sfcc', create: true, fix: true, csv: { name: f, open: async () => createReadStream(f) } });
    expect(r.created.datasetArn).toBe(r.datasetArn);
    expect(out.text()).toContain('  Customer No → USER_ID: string\n');
    expect(out.text()).toContain('  Creation Date → TIMESTAMP: long\n');
  });

  it('dates in numbers only (01.11.2026) stop --fix without --dates (the fix would set every row aside after creating); with --dates it goes on', async () => {
    const f = join(dir, 'day-first.csv');
    // (no value says the order: 13.11.2026 would, and is taken — below)
    writeFileSync(f, 'USER_ID;ITEM_ID;TIMESTAMP\nu1;i1;01.11.2026 10:00\nu2;i2;02.11.2026 09:30\n');
    await expect(ensureForImport({ ...base(), out: sink().s, groupName: 'order', create: true, fix: true, fixRejects: true, csv: { name: f, open: async () => createReadStream(f) } })).rejects.toMatchObject({
      kind: 'usage', message: expect.stringMatching(/has 1 problem to fix first \(listed above: TIMESTAMP_DATES\); nothing was created\./), hint: expect.stringMatching(/^Pass --dates day-first or --dates month-first .* with --fix/),
    });
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups!.map((g) => g.name)).not.toContain('order');
    const r = await ensureForImport({ ...base(), out: sink().s, groupName: 'order', create: true, fix: true, dates: 'day-first', csv: { name: f, open: async () => createReadStream(f) } });
    expect(r.created.datasetArn).toBe(r.datasetArn);
  });

  it('without --dates, a date only one order reads (UCI Online Retail: 12/13/2009) says the order: it goes on, says why, and hands the order to the fix step', async () => {
    const f = join(dir, 'month-first.csv');
    writeFileSync(f, 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,12/1/2009 7:45\nu2,i2,12/13/2009 9:30\n');
    const said: string[] = [];
    const o = sink();
    const r = await ensureForImport({ ...base(), out: o.s, groupName: 'proven', create: true, fix: true, onDates: (d) => said.push(d), csv: { name: f, open: async () => createReadStream(f) } });
    expect(r.created.datasetArn).toBe(r.datasetArn);
    expect(said).toEqual(['month-first']);
    expect(o.text()).toContain('TIMESTAMP_DATES: TIMESTAMP (column TIMESTAMP): 100 % of values are dates (e.g. "12/1/2009 7:45"), but Personalize needs epoch seconds (a long such as 1767225600). They are written month first: line 3 has 12/13/2009 9:30, which only that order reads (13 December), and no value of the file reads only the other — --fix converts them so (as --dates month-first; read as UTC where they name no zone).');
    expect(o.text()).not.toMatch(/pass --dates/);
  });
});
