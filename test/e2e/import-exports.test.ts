// `import --user-id-from` / `--item-id-from`: the wizard's two choices for analytics exports as flags
// (src/commands/export-flags.ts). A Segment export's visitors who never signed in (no user_id) were
// imported under their anonymous_id only in the wizard, a Mixpanel export's ITEM_ID taken out of its
// properties JSON likewise: `import` had no flag for either (exit 2, "unknown option"). The built CLI
// as a child process with no terminal, against an empty sandbox in this process (real SDK clients).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSchemaCommand } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli } from './import-helpers.js';
import { segmentCsv } from '../helpers/segment-csv.js';
import { mixpanelCsv } from '../helpers/mixpanel-csv.js';

beforeAll(() => ensureBuilt());

/** a line of the copy (Personalize's dialect: quoted values with \" inside) → its values */
const cells = (line: string) => [...line.matchAll(/("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/g)].map((m) => m[1]).slice(0, -1);

describe('import: the analytics exports\' flags (sandbox --seed none, no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.3 });
  const env = () => cliEnv({ ...sb.env });
  const file = (name: string, text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-import-exports-'));
    writeFileSync(join(dir, name), text);
    return { dir, csv: join(dir, name) };
  };
  const base = (csv: string, group: string) => ['import', '--csv', csv, '--dataset-group', group, '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json'];

  it('--create --fix --user-id-from anonymous_id: a Segment export\'s visitors under their anonymous_id → ACTIVE; --dry-run and --json report it', async () => {
    const f = file('tracks.csv', segmentCsv(1200, 4));
    const r = await runCli([...base(f.csv, 'site'), '--create', '--fix', '--user-id-from', 'anonymous_id'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', userIdFrom: 'anonymous_id', validation: { valid: true, rows: 1200 } });
    // the type from the flag (the columns were not asked), the choice said first
    expect(r.stderr).toContain('Dataset type interactions: --user-id-from is for an event export');
    expect(r.stderr).toContain('--user-id-from anonymous_id: the fixed copy gives each row without a user_id its anonymous_id as USER_ID');
    expect(r.stderr).toContain("USER_ID empty (a visitor who never signed in, in Segment's export): the row's anonymous_id written instead, as asked: 300 values in 300 rows");
    // anonymous_id left out of the schema it created (it was a required, categorical field), and said why
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string }[] };
    expect(held.fields.map((x) => x.name)).toEqual(['USER_ID', 'EVENT_TYPE', 'ITEM_ID', 'TIMESTAMP']);
    expect(r.stderr.replace(/\s+/g, ' ')).toContain("anonymous_id: Segment's ID for a visitor's browser (300 different values in 1,200 rows, e.g. \"a-0\"): an identifier, of no use as metadata");
    // every row kept: line 3 (a visitor who never signed in) under its anonymous_id
    const copy = readFileSync(join(f.dir, 'tracks.fixed.csv'), 'utf8').trim().split('\n');
    expect(copy).toHaveLength(1201);
    const user = copy[0].split(',').indexOf('USER_ID');
    expect([copy[1].split(',')[user], copy[2].split(',')[user]]).toEqual(['u0', 'a-1']);
    // into the dataset it now has: a dry run says the choice too, and creates nothing
    const dry = await runCli([...base(f.csv, 'site'), '--dataset-type', 'interactions', '--mode', 'incremental', '--fix', '--user-id-from', 'anonymous_id', '--dry-run'], env());
    expect(dry.code, dry.stderr).toBe(0);
    expect(jsonDoc(dry)).toMatchObject({ dryRun: true, userIdFrom: 'anonymous_id', request: { importMode: 'INCREMENTAL' } });
    expect(dry.stderr).toContain('--user-id-from anonymous_id: the fixed copy gives each row without a user_id');
  });

  it('--create --fix --item-id-from properties.product_id: a Mixpanel export\'s ITEM_ID out of its JSON → ACTIVE', async () => {
    const f = file('events.csv', mixpanelCsv());
    const r = await runCli([...base(f.csv, 'app'), '--create', '--fix', '--item-id-from', 'properties.product_id'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', itemIdFrom: 'properties.product_id', validation: { valid: true, rows: 1200 } });
    expect(r.stderr).toContain('--item-id-from properties.product_id: the fixed copy gets an ITEM_ID column, each row\'s product_id in the JSON of column properties (1,000 of the first 1,000 rows have it)');
    // the check before create read its header as one (it said "Line 1 is a record, not a header")
    expect(r.stderr).not.toContain('not a header');
    expect(r.stderr).toContain('rename the column distinct_id to USER_ID');
    // the schema created has ITEM_ID (inferred from the file read as the fixer writes it)
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string }[] };
    expect(held.fields.map((x) => x.name)).toEqual(expect.arrayContaining(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE']));
    const copy = readFileSync(join(f.dir, 'events.fixed.csv'), 'utf8').split('\n');
    const head = cells(copy[0]);
    expect([cells(copy[1])[head.indexOf('ITEM_ID')], cells(copy[2])[head.indexOf('ITEM_ID')]]).toEqual(['p-0', 'p-1']);
  });

  it('exit 2 before anything is created, naming the flag and what to pass', async () => {
    const f = file('events.csv', mixpanelCsv(20));
    const noFix = await runCli([...base(f.csv, 'nothing'), '--create', '--item-id-from', 'properties.product_id'], env());
    expect(noFix.code, noFix.stderr).toBe(2);
    expect(noFix.stderr).toContain('import: --item-id-from is a choice of the fix step, which writes the copy that is imported: pass it with --fix.');
    const key = await runCli([...base(f.csv, 'nothing'), '--create', '--fix', '--item-id-from', 'properties.sku'], env());
    expect(key.code, key.stderr).toBe(2);
    expect(jsonDoc(key).error).toEqual({
      kind: 'usage',
      message: `import: --item-id-from properties.sku: no value of column properties in the first 20 rows of ${f.csv} has the key sku.`,
      hint: 'The keys there: product_id, $os, $insert_id. Pass the one naming the item, e.g. --item-id-from properties.product_id.',
    });
    const user = await runCli([...base(f.csv, 'nothing'), '--create', '--fix', '--user-id-from', 'distinct_id'], env());
    expect(user.code, user.stderr).toBe(2);
    expect(user.stderr).toContain('has no user_id and anonymous_id columns');
    expect(user.stderr).toContain('To read distinct_id as USER_ID in every row, pass --map distinct_id=USER_ID instead.');
    expect(user.stderr).not.toMatch(/Creating/);
  });
});
