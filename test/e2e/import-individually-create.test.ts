// `import --individually --create` end to end: the built CLI as a child process with no terminal
// against a sandbox started as `sandbox --seed none` starts it (an empty account), in this process,
// through the real SDK on both sides. A first experiment record by record in a new account creates
// the group, schema and dataset (and, when allowed, the event tracker) and sends the records; without
// --create, or when the run would fail after creating, nothing is created.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSchemaCommand, ListDatasetGroupsCommand, ListDatasetsCommand, ListEventTrackersCommand } from '@aws-sdk/client-personalize';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { CLI, Terminal } from '../helpers/tmux.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import --individually --create against sandbox --seed none (no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.3 });
  const env = () => cliEnv({ ...sb.env });
  const dir = mkdtempSync(join(tmpdir(), 'pi-ind-create-'));
  let n = 0;
  const report = () => join(dir, `report-${++n}.json`);
  const groupNames = async () => ((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).map((g) => g.name);
  const items = (group: string) => ['import', '--individually', '--dataset-group', group, '--dataset-type', 'items', '--csv', join(SAMPLES, 'items.csv'), '--report', report(), '--json'];
  const ARN = 'arn:aws:personalize:us-east-1:111122223333';

  it('without --create a missing group exits 2 naming --create, and nothing is created', async () => {
    const r = await runCli(items('first-shop'), env());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Dataset group first-shop does not exist in this account and region/);
    expect(r.stderr).toMatch(/Pass --create to create it/);
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect(await groupNames()).not.toContain('first-shop');
  });

  it('--create with --resume is still refused, before any call', async () => {
    const resume = join(dir, 'some-report.json');
    writeFileSync(resume, '{}');
    const r = await runCli(['import', '--individually', '--resume', resume, '--dataset-group', 'resumed-shop', '--dataset-type', 'items', '--create'], env());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--create is not for --resume/);
    expect(await groupNames()).not.toContain('resumed-shop');
  });

  it('--create: the group, schema and dataset are created, the records are sent, exit 0, created in --json', async () => {
    const r = await runCli([...items('first-shop'), '--create'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc.created).toEqual({
      datasetGroupArn: `${ARN}:dataset-group/first-shop`,
      schemaArn: `${ARN}:schema/first-shop-items`,
      datasetArn: `${ARN}:dataset/first-shop/ITEMS`,
    });
    expect(doc).toMatchObject({ datasetArn: `${ARN}:dataset/first-shop/ITEMS`, datasetType: 'ITEMS', counts: { total: 80, sent: 80 } });
    // the inferred schema, each creation and what was created were printed (stderr with --json)
    expect(r.stderr).toMatch(/Schema for .*items\.csv/);
    expect(r.stderr).toMatch(/Creating dataset group first-shop…/);
    expect(r.stderr).toMatch(/Created for this run: dataset group, schema, dataset \(arn:aws:personalize:us-east-1:111122223333:dataset\/first-shop\/ITEMS\)\./);
    // what the service holds: the group, the dataset with the inferred schema, the 80 items sent one call at a time
    expect(await groupNames()).toContain('first-shop');
    const datasets = (await sb.personalize.send(new ListDatasetsCommand({ datasetGroupArn: doc.created.datasetGroupArn }))).datasets ?? [];
    expect(datasets.map((d) => [d.datasetArn, d.status])).toEqual([[doc.created.datasetArn, 'ACTIVE']]);
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string }[] };
    expect(held.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['ITEM_ID', 'CATEGORY', 'CREATION_TIMESTAMP']));
    const ids = sb.sandbox.state.records(doc.created.datasetArn).individual.map((x) => x.ITEM_ID);
    const want = readFileSync(join(SAMPLES, 'items.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(ids.sort()).toEqual(want.sort());
  });

  it('--create again: everything exists, created is empty and the records are sent', async () => {
    const r = await runCli([...items('first-shop'), '--create'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(jsonDoc(r)).toMatchObject({ created: {}, counts: { sent: 80 } });
    expect(r.stderr).not.toMatch(/Creating (dataset group|schema|dataset) /);
  });

  it('a header to rename creates nothing (record by record has no fix step)', async () => {
    const csv = join(dir, 'lower.csv');
    writeFileSync(csv, 'item_id,category\nx-1,hats\nx-2,bags\n');
    const r = await runCli(['import', '--individually', '--create', '--dataset-group', 'renamed-shop', '--dataset-type', 'items', '--csv', csv, '--report', report(), '--json'], env());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/must be renamed first .*nothing was created/);
    expect(r.stderr).toMatch(/Rename the header and run this again/);
    expect(await groupNames()).not.toContain('renamed-shop');
  });

  it('a row with an extra cell is caught when the schema is inferred: exit 2 naming the line, nothing created or sent', async () => {
    const csv = join(dir, 'ragged.csv');
    writeFileSync(csv, 'ITEM_ID,CATEGORY\nx-1,hats\nx-2,bags,extra\n');
    const r = await runCli(['import', '--individually', '--create', '--dataset-group', 'ragged-shop', '--dataset-type', 'items', '--csv', csv, '--report', report(), '--json'], env());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/1 of 2 records \(50 %\) have more values than the header's 2 columns \(first: line 3, 3 values\)/);
    expect(r.stderr).toMatch(/nothing was created/);
    expect(r.stderr).not.toMatch(/Creating /);
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect(await groupNames()).not.toContain('ragged-shop');
  });

  it('a file the inferred schema takes but validation does not (an ITEM_ID over 256 characters): exit 1, nothing created or sent', async () => {
    const csv = join(dir, 'long-id.csv');
    writeFileSync(csv, `ITEM_ID,CATEGORY\nx-1,hats\n${'x'.repeat(300)},bags\n`);
    const r = await runCli(['import', '--individually', '--create', '--dataset-group', 'ragged-shop', '--dataset-type', 'items', '--csv', csv, '--report', report(), '--json'], env());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/long-id\.csv has 1 problem that would fail these records \(against the schema above\)/);
    expect(r.stderr).toMatch(/Nothing was created or sent\./);
    expect(r.stderr).not.toMatch(/Creating /);
    expect(jsonDoc(r)).not.toHaveProperty('created');
    expect(await groupNames()).not.toContain('ragged-shop');
  });

  it('interactions: no consent for the event tracker creates nothing; --create-event-tracker creates it too and the events go in', async () => {
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n${Array.from({ length: 12 }, (_, i) => `u${i % 3},i${i},${1767225600 + i},click`).join('\n')}\n`);
    const args = ['import', '--individually', '--create', '--dataset-group', 'events-shop', '--dataset-type', 'interactions', '--csv', csv, '--json'];
    const refused = await runCli([...args, '--report', report()], env());
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/the new group events-shop would have none; nothing was created/);
    expect(refused.stderr).toMatch(/--create-event-tracker/);
    expect(await groupNames()).not.toContain('events-shop');

    const r = await runCli([...args, '--report', report(), '--create-event-tracker'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    const trackers = (await sb.personalize.send(new ListEventTrackersCommand({ datasetGroupArn: `${ARN}:dataset-group/events-shop` }))).eventTrackers ?? [];
    expect(trackers).toHaveLength(1);
    expect(doc.created).toEqual({
      datasetGroupArn: `${ARN}:dataset-group/events-shop`,
      schemaArn: `${ARN}:schema/events-shop-interactions`,
      datasetArn: `${ARN}:dataset/events-shop/INTERACTIONS`,
      eventTrackerArn: trackers[0].eventTrackerArn,
    });
    expect(doc).toMatchObject({ counts: { total: 12, sent: 12 }, eventTracker: { created: true } });
    expect(r.stderr).toMatch(/Created for this run: dataset group, schema, dataset, event tracker events-shop-events/);
    expect(sb.sandbox.state.records(doc.created.datasetArn).individual).toHaveLength(12);
  });
});

describe('import --individually without --create on a terminal: a missing group is offered', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.3 });
  const dir = mkdtempSync(join(tmpdir(), 'pi-ind-offer-'));
  let term: Terminal | undefined;
  afterEach(() => term?.close());
  const open = (group: string) => {
    term = new Terminal(['node', CLI, 'import', '--individually', '--dataset-group', group, '--dataset-type', 'items', '--csv', join(SAMPLES, 'items.csv'), '--report', join(dir, `${group}.json`)], {
      cols: 160, rows: 50, cwd: dir,
      env: { ...sb.env, NO_COLOR: '1', AWS_PROFILE: undefined, PERSONALIZE_IMPORT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'pi-conf-')) },
    });
    return term;
  };
  const groupNames = async () => ((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).map((g) => g.name);

  it('no: nothing is created, exit 2 naming --create', async () => {
    const t = open('declined-shop');
    await t.waitFor(/Create dataset group declined-shop and its ITEMS dataset\? \[y\/N\]/, 30_000);
    expect(t.screen()).toMatch(/There is no dataset group named declined-shop here: it can be created/);
    t.type('n');
    t.send('Enter');
    await t.waitFor(/Pass --create/);
    expect(await t.exitCode()).toBe(2);
    expect(await groupNames()).not.toContain('declined-shop');
  });

  it('yes: the group, schema and dataset are created and the records sent, exit 0', async () => {
    const t = open('offered-shop');
    await t.waitFor(/Create dataset group offered-shop and its ITEMS dataset\? \[y\/N\]/, 30_000);
    t.type('y');
    t.send('Enter');
    const screen = await t.waitFor(/Created for this run: dataset group, schema, dataset/, 30_000);
    expect(screen).toMatch(/Sent 80 of 80 records/);
    expect(await t.exitCode()).toBe(0);
    expect(await groupNames()).toContain('offered-shop');
    expect(sb.sandbox.state.records('arn:aws:personalize:us-east-1:111122223333:dataset/offered-shop/ITEMS').individual).toHaveLength(80);
  });
});
