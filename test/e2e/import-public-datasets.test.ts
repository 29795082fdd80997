// `import --create --fix --fix-rejects --yes` (the built CLI, no terminal, an empty sandbox) with the
// shapes of two public datasets a newcomer brings: goodbooks' ratings.csv (user_id,book_id,rating —
// no time) was typed USERS and a users dataset created with 1,508 duplicate-record warnings; UCI's
// Online Retail II (StockCode, InvoiceDate month-first, Customer ID) was typed USERS too. Now the
// ratings stop before anything is created, naming the missing time and how to supply it, and Online
// Retail is interactions: the dates' order read from the file (12/13/2009), the guest rows set aside,
// the job ACTIVE. The schema is read back from the sandbox.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSchemaCommand, ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { retailCsv } from '../helpers/retail-csv.js';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** goodbooks-10k's ratings.csv: 40 users rating books 1–5, users on many rows, no time column */
const ratingsCsv = () => `user_id,book_id,rating\n${Array.from({ length: 200 }, (_, i) => `${1 + (i % 40)},${1 + ((i * 7) % 90)},${1 + (i % 5)}`).join('\n')}\n`;
describe('import --create --fix --fix-rejects --yes with public datasets (no terminal)', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.3 });
  const env = () => cliEnv({ ...sb.env });
  const dir = mkdtempSync(join(tmpdir(), 'pi-public-'));
  const base = (csv: string, group: string) => ['import', '--csv', csv, '--dataset-group', group, '--create', '--fix', '--fix-rejects', '--yes', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--json'];

  it('goodbooks ratings.csv: interactions (never a users dataset), rating its EVENT_VALUE; no time: exit 2 naming what is missing and how to supply it, nothing created', async () => {
    const csv = join(dir, 'ratings.csv');
    writeFileSync(csv, ratingsCsv());
    const r = await runCli(base(csv, 'goodbooks'), env());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^Dataset type interactions, from the columns of .*ratings\.csv: USER_ID \(column user_id\) and ITEM_ID \(column book_id\)/m);
    expect(r.stderr).toMatch(/rating → EVENT_VALUE: float/);
    expect(r.stderr).toMatch(/MISSING_REQUIRED: Interactions datasets need USER_ID, ITEM_ID, TIMESTAMP; the file has no column for TIMESTAMP\. No column holds times or dates: Personalize takes no interaction without the time it happened/);
    expect(r.stderr).not.toMatch(/users dataset|USERS/);
    const doc = jsonDoc(r);
    expect(doc.error.message).toMatch(/has 1 problem to fix first \(listed above: MISSING_REQUIRED\); nothing was created\./);
    expect(doc.error.hint).toBe('Add the time of each event to the file (a column of dates, which --fix converts, or of epoch seconds) and run this again.');
    expect((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).toEqual([]);
  });

  it('UCI Online Retail II: interactions of Customer ID, StockCode, InvoiceDate (month-first, read from the file), guests set aside, ACTIVE', async () => {
    const csv = join(dir, 'online_retail_II.csv');
    writeFileSync(csv, retailCsv(1200));
    const r = await runCli(base(csv, 'retail'), env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Dataset type interactions, from the columns of .*online_retail_II\.csv: USER_ID \(column Customer ID\) and ITEM_ID \(column StockCode\)/m);
    expect(r.stderr).toMatch(/TIMESTAMP_DATES: TIMESTAMP \(column InvoiceDate\): 100 % of values are dates \(e\.g\. "12\/1\/2009 7:00"\), but Personalize needs epoch seconds \(a long such as 1767225600\)\. They are written month first: line 1,?058 has 12\/13\/2009 [\d:]+, which only that order reads \(13 December\), and no value of the file reads only the other — --fix converts them so \(as --dates month-first; read as UTC where they name no zone\)\./);
    expect(r.stderr).not.toMatch(/pass --dates/);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', importMode: 'FULL', fix: { rejected: 150 } });
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { name: string; fields: { name: string }[] };
    expect(held.name).toBe('Interactions');
    expect(held.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['ITEM_ID', 'TIMESTAMP', 'USER_ID']));
    const copy = readFileSync(doc.fix.output, 'utf8').split(/\r?\n/);
    // (Invoice, an order's number on each of its lines, left out: it tells nothing of taste)
    expect(copy[0]).toBe('ITEM_ID,Description,Quantity,TIMESTAMP,Price,USER_ID');
    expect(held.fields.map((f) => f.name)).not.toContain('Invoice');
    // line 2: 12/1/2009 7:00 is 1 December (month first), in epoch seconds
    expect(copy[1].split(',')[3]).toBe(String(Date.UTC(2009, 11, 1, 7, 0) / 1000));
  });
});
