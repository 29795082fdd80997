// `import --create` end to end: the built CLI as a child process with no terminal against a sandbox
// started as `sandbox --seed none` starts it (an empty account: no groups, schemas or datasets), in
// this process, through the real SDK on both sides. The group, schema and dataset are created on the
// way and the import goes ACTIVE; without --create nothing is created and the error names --create.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSchemaCommand, ListDatasetGroupsCommand, ListDatasetImportJobsCommand, ListSchemasCommand } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli, SAMPLES } from './import-helpers.js';
import { EPOCH0, messyInteractionsCsv } from '../helpers/messy-csv.js';
import { ga4Csv } from '../helpers/ga4-csv.js';

beforeAll(() => ensureBuilt());

describe('import --create against sandbox --seed none (no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.3 });
  const env = () => cliEnv({ ...sb.env });
  const groups = async () => (await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? [];
  const base = () => ['import', '--csv', join(SAMPLES, 'interactions.csv'), '--dataset-group', 'new-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json'];

  it('without --create a missing group exits 2 naming --create, and nothing is created', async () => {
    const r = await runCli(base(), env());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/no dataset group named new-shop/);
    expect(r.stderr).toMatch(/pass --create/);
    expect(jsonDoc(r).error.kind).toBe('usage');
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect(await groups()).toEqual([]);
  });

  it('companion flags without --create, and --create without a group name, are usage errors before any call', async () => {
    const r = await runCli([...base(), '--domain', 'ECOMMERCE'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--domain is for --create/);
    const r2 = await runCli(['import', '--csv', join(SAMPLES, 'interactions.csv'), '--dataset-arn', 'arn:aws:personalize:us-east-1:111122223333:dataset/x/INTERACTIONS', '--bucket', sb.sandbox.bucket, '--create'], env());
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--create needs --dataset-group <name> and --dataset-type/);
    const r3 = await runCli([...base(), '--create', '--domain', 'RETAIL'], env());
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--domain 'RETAIL' is not a domain/);
    expect(await groups()).toEqual([]);
  });

  it('no role known and no terminal to ask: exit 2 naming --role-arn and access setup, before anything is created', async () => {
    const args = base().filter((a, i, all) => a !== '--role-arn' && all[i - 1] !== '--role-arn').map((a) => (a === 'new-shop' ? 'roleless-shop' : a));
    const e = env();
    delete e.PERSONALIZE_SANDBOX_ROLE_ARN;
    const r = await runCli([...args, '--create'], e);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/which IAM role may Personalize use to read the data\? Pass --role-arn .*; nothing was created\./);
    expect(r.stderr).toContain(`personalize-import access setup --bucket ${sb.sandbox.bucket} --yes`);
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect((await groups()).map((g) => g.name)).not.toContain('roleless-shop');
  });

  it('--create: the group, schema and dataset are created, the import is ACTIVE, exit 0, the created ARNs in --json', async () => {
    const r = await runCli([...base(), '--create'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', importMode: 'FULL' });
    expect(doc.created).toEqual({
      datasetGroupArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/new-shop',
      schemaArn: expect.stringMatching(/^arn:aws:personalize:us-east-1:111122223333:schema\/new-shop-interactions$/),
      datasetArn: 'arn:aws:personalize:us-east-1:111122223333:dataset/new-shop/INTERACTIONS',
    });
    expect(doc.validation).toMatchObject({ valid: true, rows: 1200 });
    // the inferred schema and each creation were printed (on stderr with --json)
    expect(r.stderr).toMatch(/Schema for .*interactions\.csv/);
    expect(r.stderr).toMatch(/Creating dataset group new-shop…/);
    expect(r.stderr).toMatch(/dataset ACTIVE/);
    // what the service holds
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    const byName = Object.fromEntries(held.fields.map((f) => [f.name, f.type]));
    expect(byName).toMatchObject({ USER_ID: 'string', ITEM_ID: 'string', TIMESTAMP: 'long' });
    const jobs = (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: doc.created.datasetArn }))).datasetImportJobs ?? [];
    expect(jobs.map((j) => [j.datasetImportJobArn, j.status])).toEqual([[doc.datasetImportJobArn, 'ACTIVE']]);
    expect((await groups()).map((g) => [g.name, g.status])).toEqual([['new-shop', 'ACTIVE']]);
  });

  it('an export as systems write it (lower-case header, ISO dates): --create alone creates nothing and names --fix; --create --fix creates, fixes a copy and imports it → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-fix-'));
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, messyInteractionsCsv(1200, 30));
    const args = ['import', '--csv', csv, '--dataset-group', 'fresh-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create'];
    const refused = await runCli(args, env());
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/nothing was created/);
    expect(refused.stderr).toMatch(/Pass --fix: the schema and dataset are created, then a fixed copy/);
    expect((await groups()).map((g) => g.name)).not.toContain('fresh-shop');

    const r = await runCli([...args, '--fix'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1200 }, fix: { fixed: true } });
    expect(doc.created.datasetArn).toBe('arn:aws:personalize:us-east-1:111122223333:dataset/fresh-shop/INTERACTIONS');
    expect(r.stderr).toMatch(/The schema can be created: after the dataset exists, --fix writes a copy of the file with the header renamed \(user_id → USER_ID, item_id → ITEM_ID, timestamp → TIMESTAMP, event_type → EVENT_TYPE, event_value → EVENT_VALUE\) and its values repaired, and imports that\./);
    // the schema holds the Personalize names and epoch seconds; the imported copy has them too
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(Object.fromEntries(held.fields.map((f) => [f.name, f.type]))).toMatchObject({ USER_ID: 'string', ITEM_ID: 'string', TIMESTAMP: 'long' });
    const copy = readFileSync(join(dir, 'export.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE');
    expect(copy[1]).toBe(`u0,i0,${EPOCH0},click,1`);
  });

  it('a shop export with no --dataset-type: its columns give the type; prices split by a decimal comma and a word for a date stop --create --fix (naming --fix-rejects), and --fix-rejects creates, sets those rows aside and imports the rest → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-rejects-'));
    const csv = join(dir, 'orders.csv');
    const rows = Array.from({ length: 1300 }, (_, i) => `u${i % 40},SKU-${i % 90},2026-11-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,view,${i % 13 === 0 ? '12,50' : '9.5'}`);
    rows[7] = 'u1,SKU-1,not a date,view,1.0';
    writeFileSync(csv, `User Id,Product SKU,Event Time,Action,Price\r\n${rows.join('\r\n')}\r\n`);
    const args = ['import', '--csv', csv, '--dataset-group', 'comma-shop', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create'];
    const refused = await runCli([...args, '--fix'], env());
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/Dataset type interactions, from the columns of .*orders\.csv: USER_ID \(column User Id\) and ITEM_ID \(column Product SKU\)/);
    expect(refused.stderr).toMatch(/100 of 1,300 records \(8 %\) have more values than the header's 5 columns \(first: line 2, 6 values\)/);
    expect(refused.stderr).toMatch(/Pass --fix-rejects: the schema and dataset are created/);
    expect((await groups()).map((g) => g.name)).not.toContain('comma-shop');

    const r = await runCli([...args, '--fix-rejects'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1199 }, fix: { rejected: 101 } });
    expect(doc.created.datasetArn).toBe('arn:aws:personalize:us-east-1:111122223333:dataset/comma-shop/INTERACTIONS');
    expect(readFileSync(join(dir, 'orders.rejects.csv'), 'utf8')).toMatch(/not a date/);
  });

  it('an export in another language (Kunde;Artikel;Zeitpunkt, decimal commas): --map names its columns for the inferred schema and the fixed copy → ACTIVE; a column the header lacks, or --map without --fix, creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-map-'));
    const csv = join(dir, 'bestellungen.csv');
    const rows = Array.from({ length: 1200 }, (_, i) => `k${i % 30};A-${i % 70};${1767225600 + i * 60};${i % 3 ? 'klick' : 'kauf'};${i % 50},${String(i % 100).padStart(2, '0')}`);
    writeFileSync(csv, `Kunde;Artikel;Zeitpunkt;Ereignis;Preis\n${rows.join('\n')}\n`);
    const maps = ['--map', 'Kunde=USER_ID', '--map', 'Artikel=ITEM_ID', '--map', 'Zeitpunkt=TIMESTAMP'];
    const args = ['import', '--csv', csv, '--dataset-group', 'kunden-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create'];
    const unknown = await runCli([...args, '--fix', '--map', 'Kundin=USER_ID'], env());
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(jsonDoc(unknown).error.message).toBe('--map Kundin=USER_ID: the header has no column Kundin');
    expect(jsonDoc(unknown).error.hint).toBe('Its columns: Kunde, Artikel, Zeitpunkt, Ereignis, Preis.');
    // without --create too, before anything is asked
    const unknownPlain = await runCli(['import', '--csv', csv, '--dataset-group', 'kunden-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--fix', '--map', 'Kunde=USER_ID', '--map', 'kunde_nr=USER_ID'], env());
    expect(unknownPlain.code, unknownPlain.stderr).toBe(2);
    expect(unknownPlain.stderr).toMatch(/--map kunde_nr=USER_ID: the header has no column kunde_nr/);
    const unnamed = await runCli([...args, '--fix'], env());
    expect(unnamed.code, unnamed.stderr).toBe(2);
    expect(jsonDoc(unnamed).error.hint).toMatch(/^If the columns are there under other names, name them with --map <column>=FIELD \(repeatable\) and --fix/);
    const noFix = await runCli([...args, ...maps], env());
    expect(noFix.code, noFix.stderr).toBe(2);
    expect(noFix.stderr).toMatch(/must be renamed first \(Kunde → USER_ID, Artikel → ITEM_ID, Zeitpunkt → TIMESTAMP\); nothing was created/);
    expect(noFix.stderr).toMatch(/Pass --fix/);
    const several = await runCli(['import', '--csv', `interactions=${csv}`, '--csv', `items=${csv}`, '--dataset-group', 'kunden-shop', ...maps], env());
    expect(several.code, several.stderr).toBe(2);
    expect(several.stderr).toMatch(/--map names the columns of one file at a time/);
    expect((await groups()).map((g) => g.name)).not.toContain('kunden-shop');

    const r = await runCli([...args, '--fix', ...maps], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1200 }, fix: { fixed: true } });
    expect(doc.created.datasetArn).toBe('arn:aws:personalize:us-east-1:111122223333:dataset/kunden-shop/INTERACTIONS');
    expect(r.stderr).toMatch(/Kunde → USER_ID: string\n\s+named by --map Kunde=USER_ID/);
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(held.fields.map((f) => f.name)).toEqual(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'Ereignis', 'Preis']);
    const copy = readFileSync(join(dir, 'bestellungen.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,Ereignis,Preis');
    expect(copy[2]).toBe(`k1,A-1,${1767225660},klick,1.01`);
    // into the dataset that exists now, a comma-separated export without --fix: its header is one the
    // fixer renames with those names (the columns the dataset lacks are the mapped ones), and the refusal names --fix
    const commas = join(dir, 'bestellungen-komma.csv');
    writeFileSync(commas, `Kunde,Artikel,Zeitpunkt,Ereignis,Preis\n${rows.map((x) => x.replace(/,/, '.').replace(/;/g, ',')).join('\n')}\n`);
    const again = await runCli(['import', '--csv', commas, '--dataset-group', 'kunden-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--mode', 'incremental', '--json', ...maps], env());
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr.replace(/\s+/g, ' ')).toMatch(/all of kinds the fixer repairs; nothing was uploaded or created\. Run this again with --fix/);
  });

  it('--fix-rejects that would leave fewer than 1,000 interactions (1,300 rows, 400 with a word for a date): checked before anything is created — exit 1, nothing created, how many would be left said', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-toofew-'));
    const csv = join(dir, 'events.csv');
    const rows = Array.from({ length: 1300 }, (_, i) => `u${i % 40},SKU-${i % 90},${i % 13 < 4 ? 'soon' : `2026-11-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`},view`);
    writeFileSync(csv, `User Id,Product SKU,Event Time,Action\n${rows.join('\n')}\n`);
    const r = await runCli(['import', '--csv', csv, '--dataset-group', 'toofew-shop', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create', '--fix-rejects'], env());
    expect(r.code, r.stderr).toBe(1);
    const said = r.stderr.replace(/\s+/g, ' ');
    expect(said).toMatch(/events\.csv: 400 of its 1,300 rows cannot be fixed without guessing \(first: line 2, TIMESTAMP "soon" is not a date[^)]*\); set aside, they would leave 900 interactions — fewer than the 1,000 an import job needs\. Nothing was created\./);
    expect(said).toMatch(/personalize-import import --individually --create --dataset-group toofew-shop --dataset-type interactions --csv \S*events\.csv/);
    expect(jsonDoc(r)).toMatchObject({ validation: { valid: false, rows: 1300, cannotFix: 400 } });
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect((await groups()).map((g) => g.name)).not.toContain('toofew-shop');
    // --fix alone on a file with enough rows left: --fix-rejects is named before anything is created (the schema's own check)
    const more = join(dir, 'more.csv');
    writeFileSync(more, `User Id,Product SKU,Event Time,Action\n${Array.from({ length: 1300 }, (_, i) => `u${i % 40},SKU-${i % 90},${i === 5 ? 'soon' : `2026-11-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`},view`).join('\n')}\n`);
    const f = await runCli(['import', '--csv', more, '--dataset-group', 'toofew-shop', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create', '--fix'], env());
    expect(f.code, f.stderr).toBe(2);
    expect(f.stderr.replace(/\s+/g, ' ')).toMatch(/more\.csv has 1 problem to fix first \(listed above: TYPE_MISMATCH\); nothing was created\. → Pass --fix-rejects/);
    expect((await groups()).map((g) => g.name)).not.toContain('toofew-shop');
    // and with --fix-rejects it goes: created, 1,299 rows imported
    const ok = await runCli(['import', '--csv', more, '--dataset-group', 'toofew-shop', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create', '--fix-rejects'], env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(jsonDoc(ok)).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1299 }, fix: { rejected: 1 } });
  });

  it('--create --dry-run: the file checked and the schema inferred, what would be created said — exit 0, nothing created; a file that would fail exits as the real run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-dry-'));
    const csv = join(dir, 'events.csv');
    const rows = Array.from({ length: 1300 }, (_, i) => `u${i % 40},SKU-${i % 90},2026-11-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,view`);
    writeFileSync(csv, `User Id,Product SKU,Event Time,Action\n${rows.join('\n')}\n`);
    const base = ['import', '--csv', csv, '--dataset-group', 'dry-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--json', '--create', '--dry-run'];
    const r = await runCli([...base, '--fix'], env());
    expect(r.code, r.stderr).toBe(0);
    // (an equal schema made by a test before this one is reused, as the real run would: said so)
    const said = r.stderr.replace(/\s+/g, ' ').match(/--dry-run: nothing was created\. --create would create dataset group dry-shop \(Custom\), (schema dry-shop-interactions \(the one above\)|no schema \(an equal one exists: ([\w-]+)\)) and INTERACTIONS dataset dry-shop-interactions, then import the file into it\./);
    expect(said, r.stderr).not.toBeNull();
    expect(jsonDoc(r)).toMatchObject({ dryRun: true, validation: { valid: false, rows: 1300, fixable: true }, wouldCreate: { datasetGroup: { name: 'dry-shop', domain: null }, dataset: { name: 'dry-shop-interactions', type: 'INTERACTIONS', datasetGroup: 'dry-shop' } } });
    expect(jsonDoc(r)).toMatchObject(said![2] ? { wouldCreate: { dataset: { schema: said![2] } } } : { wouldCreate: { schema: { name: 'dry-shop-interactions' } } });
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect((await groups()).map((g) => g.name)).not.toContain('dry-shop');
    // without --fix the dates stop it before anything, as the real run: exit 2, no plan said
    const no = await runCli(base, env());
    expect(no.code, no.stderr).toBe(2);
    expect(no.stderr).not.toContain('--create would create');
    expect((await groups()).map((g) => g.name)).not.toContain('dry-shop');
  });

  it('a GA4 export, two visitors in three never signed in: --fix and --fix-rejects name --user-id-from user_pseudo_id before anything is created, and following it imports every row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-ga4-'));
    const csv = join(dir, 'ga4.csv');
    writeFileSync(csv, ga4Csv(1500, 3, 'items.item_id'));
    const base = ['import', '--csv', csv, '--dataset-group', 'ga4-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create'];
    // --fix: the rows without a user_id stop the schema; before, only --fix-rejects was named (1,000 of 1,500 set aside)
    const fix = await runCli([...base, '--fix'], env());
    expect(fix.code, fix.stderr).toBe(2);
    expect(fix.stderr.replace(/\s+/g, ' ')).toMatch(/has 1 problem to fix first \(listed above: REQUIRED_EMPTY\); nothing was created\. → Pass --user-id-from user_pseudo_id --fix: .* have their user_pseudo_id as USER_ID .* Or pass --fix-rejects to set those rows aside\./);
    // --fix-rejects: too few left; the way to keep them said before record by record
    const aside = await runCli([...base, '--fix-rejects'], env());
    expect(aside.code, aside.stderr).toBe(1);
    expect(aside.stderr.replace(/\s+/g, ' ')).toMatch(/set aside, they would leave 500 interactions — fewer than the 1,000 an import job needs\. Nothing was created\. Those without a user_id are visitors who never signed in: add --user-id-from user_pseudo_id to import them/);
    expect((await groups()).map((g) => g.name)).not.toContain('ga4-shop');
    // following it: every row imported
    const ok = await runCli([...base, '--fix', '--user-id-from', 'user_pseudo_id'], env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(jsonDoc(ok)).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1500 } });
  });

  it('an export whose header hid a whole-file minimum (every user once): --create --fix tries the fix first — exit 1, the copy\'s error said, nothing created', async () => {
    // before: the header needed its renames, so the check before creating could not count users; the
    // group, schema and dataset were created, and the fixed copy then failed TOO_FEW_ACTIVE_USERS
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-users-'));
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, `User Id,Product SKU,Event Time,Action\n${Array.from({ length: 1300 }, (_, i) => `u${i},SKU-${i % 90},2026-11-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,view`).join('\n')}\n`);
    const r = await runCli(['import', '--csv', csv, '--dataset-group', 'once-shop', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--json', '--create', '--fix'], env());
    expect(r.code, r.stderr).toBe(1);
    const said = r.stderr.replace(/\s+/g, ' ');
    expect(said).toMatch(/events\.csv: fixed on trial \(a copy in a temporary folder, gone now\), it would still fail its import \(1 error\); nothing was created: TOO_FEW_ACTIVE_USERS: Only 0 users have 2 or more interactions/);
    expect(jsonDoc(r)).toMatchObject({ validation: { valid: false, rows: 1300, afterFix: { rows: 1300, errors: 1 } } });
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect((await groups()).map((g) => g.name)).not.toContain('once-shop');
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('personalize-import-trial-fix-'))).toEqual([]);
  });

  it('a file the new schema takes but an import job would not (300 interactions): checked before anything is created — exit 1, nothing created, record by record named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-small-'));
    const csv = join(dir, 'small.csv');
    writeFileSync(csv, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${Array.from({ length: 300 }, (_, i) => `u${i % 20},i${i % 50},${1767225600 + i},click`).join('\n')}\n`);
    const r = await runCli(['import', '--csv', csv, '--dataset-group', 'small-shop', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--json', '--create'], env());
    expect(r.code, r.stderr).toBe(1);
    const said = r.stderr.replace(/\s+/g, ' ');
    expect(said).toMatch(/small\.csv would fail its import against the schema above \(2 errors\); nothing was created: TOO_FEW_INTERACTIONS/);
    expect(said).toMatch(/fewer go in record by record: personalize-import import --individually --create --dataset-group small-shop --dataset-type interactions --csv \S*small\.csv/);
    expect(jsonDoc(r)).toMatchObject({ validation: { valid: false, rows: 300, errors: 2 } });
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect((await groups()).map((g) => g.name)).not.toContain('small-shop');
  });

  it('an export writing dates day first in numbers (13.11.2026 08:05): --dates day-first converts them in the fix step → ACTIVE, the copy in epoch seconds; without it nothing is guessed and the report names --dates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-dates-'));
    const csv = join(dir, 'bestellungen.csv');
    // 1 … 28 November 2026, 08:00 + i minutes: half of them (day > 12) cannot be month-first
    const day = (i: number) => (i % 28) + 1;
    const at = (i: number) => Date.UTC(2026, 10, day(i), 8, i % 60) / 1000;
    const text = (i: number) => `${String(day(i)).padStart(2, '0')}.11.2026 08:${String(i % 60).padStart(2, '0')}`;
    const rows = Array.from({ length: 1200 }, (_, i) => `k${i % 30};A-${i % 70};${text(i)};${i % 3 ? 'klick' : 'kauf'}`);
    writeFileSync(csv, `Kunde;Artikel;Zeitpunkt;Ereignis\n${rows.join('\n')}\n`);
    const args = ['import', '--csv', csv, '--dataset-group', 'tage-shop', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create', '--fix', '--map', 'Kunde=USER_ID', '--map', 'Artikel=ITEM_ID', '--map', 'Zeitpunkt=TIMESTAMP'];
    const bad = await runCli([...args, '--dates', 'european'], env());
    expect(bad.code, bad.stderr).toBe(2);
    expect(jsonDoc(bad).error.message).toBe("import: --dates 'european' is not day-first or month-first.");
    // several files take --dates too (every file read in that order): a wrong value is refused alike
    const several = await runCli(['import', '--csv', `interactions=${csv}`, '--csv', `items=${csv}`, '--dataset-group', 'tage-shop', '--dates', 'european'], env());
    expect(several.code, several.stderr).toBe(2);
    expect(several.stderr).toMatch(/import: --dates 'european' is not day-first or month-first\./);

    const r = await runCli([...args, '--dates', 'day-first'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1200 }, fix: { fixed: true, rejected: 0 } });
    expect(doc.created.datasetArn).toBe('arn:aws:personalize:us-east-1:111122223333:dataset/tage-shop/INTERACTIONS');
    const copy = readFileSync(join(dir, 'bestellungen.fixed.csv'), 'utf8').split('\n');
    expect(copy[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,Ereignis');
    expect(copy[1]).toBe(`k0,A-0,${at(0)},kauf`);
    expect(copy[14]).toBe(`k13,A-13,${at(13)},klick`);
    expect(at(13)).toBe(Date.parse('2026-11-14T08:13:00Z') / 1000);

    // the dataset exists now: the same file without --dates is not fixed (nothing guessed), and what it says names the flag
    const without = await runCli([...args.filter((a) => a !== '--create' && a !== '--json'), '--mode', 'incremental'], env());
    expect(without.code, without.stderr).toBe(1);
    expect(`${without.stdout}${without.stderr}`.replace(/\s+/g, ' ')).toMatch(/lines 2, 422, 842: TIMESTAMP "01\.11\.2026 08:00" is not read without guessing: 01\.11\.2026 could be 1 November or 11 January: pass --dates day-first or --dates month-first/);

    // comma-separated, into a new group: the schema worked out from the file already shows dates in
    // numbers only — without --dates and no value of the file that says the order they stop it (exit 2,
    // nothing created, the flag named); a value only one order reads says it → ACTIVE
    const commas = join(dir, 'komma.csv');
    writeFileSync(commas, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.map((x) => x.replace(/;/g, ',')).join('\n')}\n`);
    const komma = ['import', '--csv', commas, '--dataset-group', 'tage-komma', '--dataset-type', 'interactions', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create', '--fix'];
    // a file no value of which says the order (every day 12 or lower) stops: nothing is guessed
    const vague = join(dir, 'vague.csv');
    writeFileSync(vague, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${rows.filter((_, i) => day(i) <= 12).map((x) => x.replace(/;/g, ',')).join('\n')}\n`);
    const stopped = await runCli(komma.map((a) => (a === commas ? vague : a)), env());
    expect(stopped.code, stopped.stderr).toBe(2);
    expect(stopped.stderr.replace(/\s+/g, ' ')).toMatch(/01\.11\.2026 could be 1 November or 11 January: pass --dates day-first or --dates month-first .*nothing was created\. → Pass --dates day-first or --dates month-first \(the order your system writes day and month in\) with --fix/);
    expect((await groups()).map((g) => g.name)).not.toContain('tage-komma');
    // komma.csv says it itself (13.11.2026 reads only day first): that order, said with its line — as --dates day-first
    const ok = await runCli(komma, env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('They are written day first: line 14 has 13.11.2026 08:12, which only that order reads (13 November), and no value of the file reads only the other — --fix converts them so (as --dates day-first; read as UTC where they name no zone).');
    expect(jsonDoc(ok)).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1200 }, fix: { fixed: true, rejected: 0 } });
    expect(readFileSync(join(dir, 'komma.fixed.csv'), 'utf8').split('\n')[14]).toBe(`k13,A-13,${at(13)},klick`);
  });

  it('a members export whose ages carry a unit ("34 years", "1 year"): the new schema types age long, --fix writes the numbers alone → ACTIVE; a file mixing years and months keeps age a string', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-create-units-'));
    const csv = join(dir, 'members.csv');
    writeFileSync(csv, `customer_id,age,gender\n${Array.from({ length: 1200 }, (_, i) => `c${i},${i % 50 === 1 ? '1 year' : `${18 + (i % 60)} ${i % 7 ? 'years' : 'Years'}`},${i % 2 ? 'f' : 'm'}`).join('\n')}\n`);
    const args = ['import', '--csv', csv, '--dataset-group', 'members', '--dataset-type', 'users', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json', '--create', '--fix'];
    const r = await runCli(args, env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/UNIT: Column age: 100 % of values are numbers with a unit \(e\.g\. "18 Years"\); Personalize reads plain numbers \("18"\)\. “Fix and continue” \(personalize-import fix\) removes the unit/);
    expect(r.stderr).toMatch(/units removed from numbers \(the column's numbers all in one unit\): 1,200 values in 1,200 rows\s+e\.g\. line 2, age: 18 Years → 18/);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: 1200 }, fix: { fixed: true } });
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(Object.fromEntries(held.fields.map((f) => [f.name, f.type]))).toMatchObject({ USER_ID: 'string', age: 'long' });
    const copy = readFileSync(join(dir, 'members.fixed.csv'), 'utf8').split('\n');
    expect(copy.slice(0, 3)).toEqual(['USER_ID,age,gender', 'c0,18,m', 'c1,1,f']);
    // years beside months: no one unit, so no number (the fix step would not convert one into the other)
    writeFileSync(csv, `customer_id,age,gender\n${Array.from({ length: 1200 }, (_, i) => `c${i},${i % 3 ? `${18 + (i % 60)} years` : `${i % 12} months`},${i % 2 ? 'f' : 'm'}`).join('\n')}\n`);
    const mixed = await runCli(['import', '--csv', csv, '--dataset-group', 'members2', '--dataset-type', 'users', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--json', '--create', '--dry-run'], env());
    expect(mixed.stderr).toMatch(/age: string/);
    expect(mixed.stderr).toMatch(/NUMBER_WITH_UNIT: Column age: 100 % of values are numbers with a unit in 2 units \("month", "year"\)/);
  });

  it('--create again: everything exists, nothing is created (created is empty), the import runs', async () => {
    const schemasBefore = (await sb.personalize.send(new ListSchemasCommand({}))).schemas ?? [];
    const r = await runCli([...base(), '--create', '--mode', 'incremental'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', importMode: 'INCREMENTAL', created: {} });
    expect(r.stderr).not.toMatch(/Creating (dataset group|schema|dataset) /);
    expect((await sb.personalize.send(new ListSchemasCommand({}))).schemas ?? []).toHaveLength(schemasBefore.length);
  });
});
