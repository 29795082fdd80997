// The walk that found it (tmux, built CLI: npm run build first, 80×24): a customers export for
// sandbox-shop-users (USER_ID, MEMBERSHIP, AGE) with lower-case names, customer_id, AGE markers and
// two columns the schema lacks whose missing values are markers too (signup_score "None", is_vip
// "N/A"). Fix and continue → the copy is valid with those columns kept → "Add signup_score, is_vip to
// the schema" → the copy, checked against the new schema, fails on their markers: it was a dead end
// ("Pick another file / Quit"). Now the original is fixed again for the new schema into the same
// copy, a line saying why, and the walk goes on to ACTIVE; the object the job read has the new
// columns' markers empty. Each screen is polled, no fixed sleeps.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/sandbox.js';
import { at, pickCsvFile, sandboxWizard, tmp } from '../helpers/wizard-terminal.js';
import { customersCsv, naCount, noneCount } from '../helpers/customers-csv.js';

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('wizard: Fix and continue, then new columns added to the schema, at 80×24', () => {
  it('the copy written for the old schema is fixed again from the original (said why), checked again, imported → ACTIVE with the new columns’ markers empty', async () => {
    const cwd = tmp('pi-fix-again-wiz-');
    const data = tmp('pi-fix-again-data-');
    const csv = customersCsv();
    writeFileSync(join(cwd, 'customers.csv'), csv);
    const t = sandboxWizard({ cols: 80, rows: 24, cwd, data });
    await pickCsvFile(t, 'customers.csv', 'users');
    await at(t, '❯ Fix and continue', 60_000);
    t.send('Enter');
    // the copy for the old schema is valid; the offer to add the two columns
    await at(t, '❯ Continue without them', 60_000);
    t.send('Down');
    await at(t, '❯ Add signup_score, is_vip to the schema');
    t.send('Enter');
    // UpdateDataset, the copy checked against the new schema, fixed again, checked again: the bucket
    const bucket = flat(await at(t, /✔ Validation 1,200 rows, no errors\n[\s\S]*Which bucket\?/, 90_000));
    expect(bucket).toContain('✔ Dataset sandbox-shop-users [USERS], 2 columns added to its schema');
    const said = flat(await t.historyWith((h) => flat(h).includes('customers.fixed.csv was written before signup_score, is_vip were in the schema (their values kept as they were). You chose Fix and continue, so customers.csv is fixed again for the new schema, with the same answers; the new copy replaces customers.fixed.csv, this run\'s own file (nothing of yours is overwritten).')));
    expect(said).toContain('customers.fixed.csv was written before signup_score, is_vip were in the schema (their values kept as they were). You chose Fix and continue, so customers.csv is fixed again for the new schema, with the same answers; the new copy replaces customers.fixed.csv, this run\'s own file (nothing of yours is overwritten).');
    expect(said).toContain(`signup_score: ${noneCount} missing-value markers (None) written empty`);
    expect(said).toContain(`is_vip: ${naCount} missing-value markers (N/A) written empty`);
    // not the dead end it was
    expect(said).not.toContain('Pick another file (or fix this one and pick it again)');
    expect(said).not.toMatch(/customers\.fixed-2\.csv/);
    t.send('Enter');
    for (const m of ['Folder (prefix)', 'FULL — the first bulk import', 'Job name:', 'IAM role Personalize assumes', 'Tags (key=value']) {
      await at(t, m);
      t.send('Enter');
    }
    const review = flat(await at(t, 'Create the import job now?'));
    expect(review).toMatch(/File +customers\.fixed\.csv/);
    t.send('Enter');
    expect(flat(await at(t, 'What happens next', 60_000))).toMatch(/Imported \(ACTIVE\)/);
    t.send('C-c');
    await t.exitCode(20_000);

    // the input untouched; the copy: the header renamed, every marker of the new columns empty
    expect(readFileSync(join(cwd, 'customers.csv'), 'utf8')).toBe(csv);
    const fixed = readFileSync(join(cwd, 'customers.fixed.csv'), 'utf8');
    const [head, ...rows] = fixed.trimEnd().split('\n');
    expect(head).toBe('USER_ID,MEMBERSHIP,AGE,signup_score,is_vip');
    expect(rows.filter((r) => /None|N\/A/.test(r))).toEqual([]);
    expect(rows.filter((r) => r.split(',')[3] === '').length).toBe(noneCount);
    expect(rows.filter((r) => r.split(',')[4] === '').length).toBe(naCount);
    // what was imported: the object the job read is that copy, byte for byte
    const sb = await startSandbox({ dataDir: data, jobSeconds: 0 });
    try {
      const { s3 } = sandboxClients(sb);
      const list = await s3.send(new ListObjectsV2Command({ Bucket: sb.bucket }));
      const key = (list.Contents ?? []).map((o) => o.Key!).find((k) => /customers\.fixed[^/]*\.csv$/.test(k));
      expect(key, JSON.stringify(list.Contents?.map((o) => o.Key))).toBeDefined();
      expect(await (await s3.send(new GetObjectCommand({ Bucket: sb.bucket, Key: key }))).Body!.transformToString()).toBe(fixed);
      s3.destroy();
    } finally {
      await sb.close();
    }
  }, 180_000);
});
