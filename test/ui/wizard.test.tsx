// Component tests: the whole <Wizard> and its steps rendered with ink-testing-library, driven by
// keys, against the in-process sandbox through the real SDK-backed deps (no mocked clients).
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanups, KEY, ROOT, servicesFor, start, tmp, TO_CSV } from '../helpers/ink-wizard.js';
import { interactionsCsv, withSandbox } from '../helpers/sandbox.js';
import { DescribeDatasetImportJobCommand, ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { planOf } from '../../src/flow/machine/index.js';
import { planDataLocation } from '../../src/flow/index.js';
import { portsFor, runHeadless } from '../flow/harness.js';
import { AppError } from '../../src/core/errors.js';

describe('wizard steps, fresh sandbox', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('Where → Group → Dataset with back-navigation, filter and schema details', async () => {
    const w = start(servicesFor(sb));
    const where = await w.see('❯ Continue');
    expect(where).toMatch(/Region\s+us-east-1/);
    expect(where).toMatch(/local sandbox/);
    expect(where).toMatch(/Which AWS account and region/);
    // a menu of one choice has nowhere to move: no "↑↓ move" in its key hints (seen in a walk)
    expect(where).toMatch(/^Enter choose · Ctrl-C quit$/m);
    expect(where).not.toContain('↑↓');
    await w.press(KEY.enter);
    const groups = await w.see('2 dataset groups');
    // the machine's labels (one source with plain mode): name (type); status and date under the highlighted one
    expect(groups).toMatch(/❯ sandbox-shop \(Custom\)/);
    expect(groups).toMatch(/ACTIVE · created \d{4}-\d\d-\d\d/);
    expect(groups).toMatch(/sandbox-ecommerce \(Domain ECOMMERCE\)/);
    expect(groups).toMatch(/Esc back/);
    await w.press(KEY.down);
    await w.see('❯ sandbox-ecommerce');
    await w.press(KEY.enter);
    const ds = await w.see('Fields:');
    expect(ds).toMatch(/✔ Group\s+sandbox-ecommerce \(Domain ECOMMERCE\)/);
    expect(ds).toMatch(/EVENT_TYPE\*/); // required in a domain group's interactions
    await w.press(KEY.esc);
    const back = await w.see('2 dataset groups');
    expect(back).toMatch(/❯ sandbox-ecommerce/); // the previous answer stays highlighted
    await w.press(KEY.up);
    await w.see('❯ sandbox-shop');
    await w.press(KEY.enter);
    const shop = await w.see('sandbox-shop-interactions');
    expect(shop).toMatch(/Fields: USER_ID\* ITEM_ID\* TIMESTAMP\*/);
    expect(shop.replace(/\s+/g, ' ')).toMatch(/Last import: none yet/);
    await w.press(KEY.down);
    await w.see(/❯ \S+ \[ITEMS\]/);
    await w.press(KEY.up);
    await w.see(/❯ \S+ \[INTERACTIONS\]/);
    await w.press(KEY.esc);
    await w.see('2 dataset groups');
    await w.press(KEY.esc);
    await w.see('❯ Continue');
  });

  it('CSV: a missing path is an error on that screen; a broken file is blocked by validation with line numbers', async () => {
    const w = start(servicesFor(sb));
    await w.enterThrough(...TO_CSV);
    await w.see('samples/interactions.csv');
    await w.press(KEY.ctrlU);
    await w.see('path/to/file.csv');
    await w.press('nope.csv');
    await w.see('› nope.csv');
    await w.press(KEY.enter);
    await w.see('nope.csv does not exist');
    await w.press(KEY.ctrlU);
    await w.press('samples/interactions-missing-column.csv');
    await w.see('› samples/interactions-missing-column.csv');
    await w.press(KEY.enter);
    const v = await w.see('this file would fail the import');
    expect(v).not.toMatch(/Continue/);
    await w.press(KEY.esc);
    await w.see('CSV files here');
    await w.press(KEY.ctrlU);
    await w.press('samples/interactions-milliseconds.csv');
    await w.see('› samples/interactions-milliseconds.csv');
    await w.press(KEY.enter);
    // the service accepts epoch milliseconds (samples/README.md: ACTIVE, wrong dates): say that (#16 item 16)
    const ms = await w.see('with wrong dates');
    expect(ms).toMatch(/would import this file \(ACTIVE\)/);
    expect(ms).not.toMatch(/would fail the import/);
    expect(ms).toMatch(/line \d+/i);
    // every error is fixable (ms epochs): "Fix and continue" is offered first, the default
    expect(ms).toMatch(/❯ Fix and continue/);
    await w.press(KEY.down);
    await w.see('❯ Pick another file');
    await w.press(KEY.down);
    await w.see('❯ Quit');
    await w.press(KEY.enter);
    const e = await w.exit();
    expect(e.code).toBe(1);
  });

  it('Tab completes local paths', async () => {
    const w = start(servicesFor(sb));
    await w.enterThrough(...TO_CSV);
    await w.see('CSV files here');
    await w.press(KEY.ctrlU);
    await w.press('samples/us');
    await w.see('› samples/us');
    // users.csv and users-uppercase.csv: Tab goes as far as they agree, then a letter decides
    await w.press(KEY.tab);
    await w.see('› samples/users');
    await w.press('.');
    await w.press(KEY.tab);
    await w.see('› samples/users.csv');
  });

  it('CSV from S3: Tab browses buckets and prefixes; the upload step is skipped for an s3:// source', async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    const { readFileSync } = await import('node:fs');
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: 'exports/2026/interactions.csv', Body: readFileSync(join(ROOT, 'samples/interactions.csv')) }));
    const w = start(servicesFor(sb));
    await w.enterThrough(...TO_CSV);
    await w.see('CSV files here');
    await w.press(KEY.ctrlU);
    // the scheme in capitals (as the rest of the tool reads it): Tab completes it the same, written s3://
    await w.press('S3://personalize-sandbox-data/ex');
    await w.see('› S3://personalize-sandbox-data/ex');
    await w.press(KEY.tab);
    await w.see('› s3://personalize-sandbox-data/exports/');
    await w.press(KEY.ctrlU);
    await w.press('s3://personalize-sandbox-d');
    await w.see('› s3://personalize-sandbox-d');
    await w.press(KEY.tab);
    await w.see('› s3://personalize-sandbox-data/');
    await w.press('ex');
    await w.press(KEY.tab);
    await w.see('› s3://personalize-sandbox-data/exports/');
    await w.press(KEY.tab);
    await w.see('› s3://personalize-sandbox-data/exports/2026/');
    await w.press(KEY.tab);
    await w.see('› s3://personalize-sandbox-data/exports/2026/interactions.csv');
    await w.press(KEY.enter);
    await w.see('Continue anyway');
    await w.press(KEY.enter);
    // straight to the mode: nothing to upload
    const mode = await w.see('Import mode');
    expect(mode).not.toMatch(/✔ Upload/);
    expect(mode).toMatch(/✔ CSV\s+s3:\/\/personalize-sandbox-data\/exports\/2026\/interactions\.csv/);
    await w.press(KEY.esc);
    await w.see('Continue anyway');
  });

  it('Esc during the upload stops it and returns to the bucket choice', async () => {
    const cwd = tmp('pi-ui-cwd-');
    const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < 400_000; i++) lines.push(`user-${i % 997},item-${i % 1999},${1767225600 + i},click,`);
    writeFileSync(join(cwd, 'big.csv'), lines.join('\n') + '\n');
    const w = start(servicesFor(sb, { cwd }));
    await w.enterThrough(...TO_CSV);
    await w.see('big.csv');
    await w.press(KEY.ctrlU);
    await w.press('big.csv');
    await w.see('› big.csv');
    await w.press(KEY.enter);
    const v = await w.see(/Continue anyway|Which bucket\?/, 60_000);
    if (v.includes('Continue anyway')) await w.press(KEY.enter);
    await w.see('Which bucket?');
    await w.press(KEY.enter);
    await w.see('Folder (prefix)');
    // parts answer 1 s, 2 s, 3 s late: the upload is still running after its first progress
    sb.sandbox.setUploadPartDelay(1000);
    await w.press(KEY.enter);
    const up = await w.see(/MB\/s · ETA \d+ s/, 30_000);
    expect(up).toMatch(/█+░* \d+%\s+[\d.]+ (MB|KB) of [\d.]+ MB/);
    await w.press(KEY.esc);
    // Esc is the machine's back: the step asked before the upload (the prefix)
    const back = await w.see('Folder (prefix)');
    expect(back).toMatch(/Upload stopped; the partial upload was removed from S3/);
    const { ListMultipartUploadsCommand } = await import('@aws-sdk/client-s3');
    sb.sandbox.setUploadPartDelay(0);
    const r = await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }));
    expect(r.Uploads ?? []).toEqual([]);
  }, 120_000);

  it('the whole import: warnings need continue, upload, FULL only, job checks, review, ACTIVE, save', async () => {
    const services = servicesFor(sb);
    const w = start(services);
    await w.enterThrough(...TO_CSV, 'CSV files here');
    const warn = await w.see('Continue anyway');
    expect(warn).toMatch(/No errors, \d+ warnings?/);
    await w.press(KEY.enter);
    const buckets = await w.see('Which bucket?');
    expect(buckets).toMatch(/❯ personalize-sandbox-data[\s\S]*the sandbox bucket Personalize may read/);
    await w.press(KEY.enter);
    await w.see('Folder (prefix)');
    await w.press(KEY.esc);
    await w.see('Which bucket?');
    await w.press(KEY.enter);
    await w.see('Folder (prefix)');
    await w.press(KEY.enter);
    const mode = await w.see('FULL — the first bulk import');
    expect(mode).toMatch(/✔ Upload to\s+s3:\/\/personalize-sandbox-data\/personalize-import\/interactions-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    // the upload's own line says it happened (size and time), not the location a second time
    expect(mode).toMatch(/✔ Uploaded\s+\d+(\.\d+)? (B|KB|MB) in \d+\.\d s/);
    expect(mode.match(/personalize-import\/interactions-\d{8}/g)).toHaveLength(1);
    await w.press(KEY.down);
    const inc = await w.see('Not available:');
    expect(inc).toMatch(/No bulk import has finished/);
    await w.press(KEY.enter); // disabled: nothing happens
    await w.press(KEY.up);
    await w.see('❯ FULL');
    await w.press(KEY.enter);
    const job = await w.see('Job name');
    expect(job).toMatch(/sandbox-shop-interactions-\d{8}-\d{6}/);
    // a bad name and a bad role are caught here, not by the service (the machine's checks)
    await w.press(KEY.ctrlU);
    await w.press('-bad name');
    await w.see('› -bad name');
    await w.press(KEY.enter);
    await w.see('starts with a letter or digit');
    await w.press(KEY.ctrlU);
    await w.press('my-first-import');
    await w.see('› my-first-import');
    await w.press(KEY.enter);
    const role = await w.see('IAM role Personalize assumes');
    expect(role).toMatch(/from the sandbox/);
    await w.press(KEY.ctrlU);
    await w.press('arn:nope');
    await w.see('› arn:nope');
    await w.press(KEY.enter);
    await w.see('not an IAM role ARN');
    await w.press(KEY.ctrlU);
    await w.press(sb.sandbox.roleArn);
    await w.see(`› ${sb.sandbox.roleArn}`);
    await w.press(KEY.enter);
    await w.see('Tags (key=value');
    await w.press('team=search');
    await w.see('› team=search');
    await w.press(KEY.enter);
    const review = await w.see('Create the import job now?');
    expect(review).toMatch(/Job name\s+my-first-import/);
    expect(review).toMatch(/Tags\s+team=search/);
    expect(review).toMatch(/FULL \(first bulk import\)/);
    await w.press(KEY.enter);
    const active = await w.see('What happens next');
    expect(active).toMatch(/Imported \(ACTIVE\)/);
    expect(active).toMatch(/15 minutes/);
    // the save question under the finished job (no Continue in between)
    const offer = await w.see('Save as profile “sandbox-shop”');
    expect(offer.replace(/\s+/g, ' ')).toContain('never credentials. Next time: personalize-import --profile sandbox-shop --sandbox');
    await w.press(KEY.enter);
    const e = await w.exit();
    expect(e.code).toBe(0);
    expect(e.lines?.join('\n')).toMatch(/--profile sandbox-shop --sandbox/);
    const saved = services.profiles!.get('sandbox-shop')!;
    expect(saved).toMatchObject({ sandbox: true, bucket: 'personalize-sandbox-data', prefix: 'personalize-import/', roleArn: sb.sandbox.roleArn, datasetName: 'sandbox-shop-interactions' });
    expect(JSON.stringify(saved)).not.toMatch(/secret|AKIA/i);

    // the next run from that profile: mode choice (bulk data now exists), FULL wants the typed name
    const w2 = start(services, { profileName: 'sandbox-shop' });
    await w2.see('CSV files here');
    await w2.press(KEY.enter);
    await w2.see('Continue anyway');
    await w2.press(KEY.enter);
    const m2 = await w2.see('FULL — replace the bulk data');
    expect(m2).toMatch(/❯ INCREMENTAL/);
    expect(m2).toMatch(/from profile sandbox-shop/);
    await w2.press(KEY.up);
    await w2.see(/Replaces all bulk records imported so far \(last: job my-first-import/);
    await w2.press(KEY.enter);
    const confirm = await w2.see("Type the dataset's name (sandbox-shop-interactions)");
    // what FULL replaces, said once (#16 item 19: it said it twice)
    expect(confirm.replace(/\s+/g, ' ')).toMatch(/FULL replaces all bulk data in sandbox-shop-interactions: the records imported by job my-first-import \(FULL, ACTIVE [^)]*\) and every bulk import before it\./);
    expect(confirm.match(/[Rr]eplaces all bulk/g)).toHaveLength(1);
    await w2.press('sandbox-shop-interactions');
    await w2.see('› sandbox-shop-interactions');
    await w2.press(KEY.enter);
    const j2 = await w2.see('Job name');
    expect(j2).toMatch(/✔ Mode\s+FULL/);
    await w2.press(KEY.ctrlC);
    expect((await w2.exit()).code).toBe(130);

    // without --profile the Where step offers it first; one Enter answers Where, group and dataset
    const w3 = start(services);
    const where = await w3.see('❯ Use profile sandbox-shop: sandbox-shop → sandbox-shop-interactions');
    expect(where).toMatch(/uploads to s3:\/\/personalize-sandbox-data\/personalize-import\/ · role/);
    expect(where).toMatch(/Start a new import without a profile/);
    await w3.press(KEY.enter);
    const csv = await w3.see('CSV files here');
    expect(csv).toMatch(/✔ Group\s+sandbox-shop \(from profile sandbox-shop\)/);
    expect(csv).toMatch(/✔ Dataset\s+sandbox-shop-interactions \[INTERACTIONS\] \(from profile sandbox-shop\)/);
    // Esc asks the steps the profile answered (the machine's rule), then goes back to Where
    await w3.press(KEY.esc);
    await w3.see(/❯ sandbox-shop-interactions \[INTERACTIONS\]/);
    await w3.press(KEY.esc);
    await w3.see('❯ sandbox-shop (Custom)');
    await w3.press(KEY.esc);
    await w3.see('❯ Use profile sandbox-shop');
  });

  it('the no-grant bucket is stopped by the preflight with the fix', async () => {
    const w = start(servicesFor(sb));
    await w.enterThrough(...TO_CSV, 'CSV files here', 'Continue anyway');
    await w.see('Which bucket?');
    await w.press(KEY.down);
    await w.see('❯ personalize-sandbox-nogrant');
    await w.press(KEY.enter);
    await w.see('Folder (prefix)');
    await w.press(KEY.enter);
    // bulk data may exist from the previous test: pick what is offered
    const m = await w.see(/FULL — the first bulk import|INCREMENTAL — add/);
    if (m.includes('FULL — the first')) await w.press(KEY.enter);
    else {
      await w.see('❯ INCREMENTAL');
      await w.press(KEY.enter);
    }
    await w.enterThrough('Job name', 'IAM role Personalize assumes', 'Tags (key=value', 'Create the import job now?');
    const blocked = await w.see('it was not created');
    expect(blocked).toMatch(/bucket policy/i);
    // the walk ends as `import` does: exit 3, the uploaded file said to stay
    const e = await w.exit();
    expect(e.code).toBe(3);
    expect(e.lines?.join(' ')).toMatch(/the import job was NOT created\. The file stays at s3:\/\//);
  });
});

describe('wizard: no credentials, no groups', () => {
  it('no credentials: says so and offers the sandbox (a fake credential check: the sandbox always has credentials)', async () => {
    const sbServices = {
      cwd: ROOT,
      checkCredentials: async () => ({ ok: false as const, message: 'no profile, no environment keys, no SSO session.' }),
      connect: async () => {
        throw new Error('not reached in this test');
      },
    };
    const w = start(sbServices, { sandbox: false });
    const s = await w.see('No AWS credentials found');
    expect(s).toMatch(/aws configure/);
    expect(s).toMatch(/Try the local sandbox/);
    await w.press(KEY.down);
    await w.see('❯ Quit');
    await w.press(KEY.enter);
    const e = await w.exit();
    expect(e.code).toBe(3);
    expect(e.lines?.join(' ')).toMatch(/--sandbox/);
  });
});

describe('wizard: a connection that fails', () => {
  it('says why, offers Try again / the sandbox / Quit, and the key hints come under the menu (#16 item 19)', async () => {
    const w = start({ cwd: ROOT, connect: async () => {
      throw new AppError('network', 'The service endpoint could not be reached: connect ECONNREFUSED 127.0.0.1:9.');
    } }, { sandbox: false });
    const s = await w.see('Try again');
    expect(s).toMatch(/could not be reached/);
    const rows = s.split('\n').filter((r) => r.trim());
    const quit = rows.findIndex((r) => /^ *Quit$/.test(r));
    const hints = rows.findIndex((r) => /Enter choose/.test(r));
    expect(quit, s).toBeGreaterThan(rows.findIndex((r) => /Try again/.test(r)));
    // the hints are the last row, under the choices (they were above a Go back / Quit menu)
    expect(hints, s).toBe(rows.length - 1);
    expect(hints, s).toBeGreaterThan(quit);
    await w.press(KEY.up);
    await w.see('❯ Quit');
    await w.press(KEY.enter);
    expect((await w.exit()).code).toBe(3);
  });
});

describe('wizard: upload abort', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  it('Ctrl-C during the upload aborts it and leaves no multipart upload', async () => {
    const cwd = tmp('pi-ui-cwd-');
    const lines = ['USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE'];
    for (let i = 0; i < 500_000; i++) lines.push(`user-${i % 997},item-${i % 1999},${1767225600 + i},click,`);
    writeFileSync(join(cwd, 'big.csv'), lines.join('\n') + '\n');
    const services = servicesFor(sb, { cwd });
    const w = start(services);
    await w.enterThrough(...TO_CSV);
    await w.see('big.csv');
    await w.press(KEY.ctrlU);
    await w.press('big.csv');
    await w.see('› big.csv');
    await w.press(KEY.enter);
    const v = await w.see(/Continue anyway|Which bucket\?/, 60_000);
    if (v.includes('Continue anyway')) await w.press(KEY.enter);
    await w.see('Which bucket?');
    await w.press(KEY.enter);
    await w.see('Folder (prefix)');
    await w.press(KEY.enter);
    await w.see(/Uploading to s3:\/\/personalize-sandbox-data\/personalize-import\/big-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    await w.press(KEY.ctrlC);
    const e = await w.exit(30_000);
    expect(e.code).toBe(130);
    expect(e.lines?.join(' ')).toMatch(/the partial upload was removed from S3/);
    const { ListMultipartUploadsCommand } = await import('@aws-sdk/client-s3');
    const r = await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }));
    expect(r.Uploads ?? []).toEqual([]);
  }, 120_000);
});

describe('wizard: the mode a file fails for is not offered', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  it('bulk data already in: a file with 20 active users validates for INCREMENTAL; FULL is shown disabled with the reason', async () => {
    await sb.importSampleFull();
    // 1200 interactions from 20 users: enough for a job, too few active users to train on alone
    const file = join(tmp('pi-ui-mode-'), 'few-users.csv');
    writeFileSync(file, interactionsCsv(1200, 20));

    const w = start(servicesFor(sb));
    await w.enterThrough(...TO_CSV);
    await w.see('CSV files here');
    await w.press(KEY.ctrlU);
    await w.press(file);
    await w.see(file.slice(-20));
    await w.press(KEY.enter);
    const warn = await w.see('Continue anyway');
    expect(warn).toMatch(/Only 20 users in this file have 2 or more interactions/);
    await w.press(KEY.enter);
    await w.see('Which bucket?');
    await w.press(KEY.enter);
    await w.see('Folder (prefix)');
    await w.press(KEY.enter);
    const mode = await w.see('INCREMENTAL — add to the bulk data');
    expect(mode).toMatch(/❯ INCREMENTAL/);
    await w.press(KEY.up);
    const full = await w.see('Not available:');
    expect(full).toMatch(/this file fails for FULL: Only 20 users have 2 or more interactions; training needs\s+at least 25/);
    await w.press(KEY.enter); // FULL is disabled: nothing happens
    await w.press(KEY.down);
    await w.see('❯ INCREMENTAL');
    await w.press(KEY.enter);
    const job = await w.see('Job name');
    expect(job).toMatch(/✔ Mode\s+INCREMENTAL/);
    await w.press(KEY.ctrlC);
    expect((await w.exit()).code).toBe(130);
  });
});

describe('the Ink face against the headless machine: the same plan; Ctrl-C and Esc say and do what is true', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const FIRST_RUN = ['CSV files here', 'Continue anyway', 'Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import', 'Job name', 'IAM role Personalize assumes', 'Tags (key=value', 'Create the import job now?'];

  it('Enter only: the Ink wizard creates the job the machine plans headless (the faces do not diverge)', async () => {
    const ports = await portsFor(sb);
    cleanups.push(() => ports.close());
    const headless = await runHeadless(ports, { review: { pick: 'quit' } });
    const plan = planOf(headless.state);
    const w = start(servicesFor(sb));
    await w.enterThrough(...TO_CSV, ...FIRST_RUN);
    await w.see(/ACTIVE/, 30_000);
    const { datasetImportJobs } = await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: plan.datasetArn }));
    expect(datasetImportJobs?.length).toBe(1);
    const job = (await sb.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: datasetImportJobs![0].datasetImportJobArn }))).datasetImportJob!;
    expect({ dataLocation: job.dataSource?.dataLocation, mode: job.importMode, role: job.roleArn, name: job.jobName?.replace(/-\d{8}-\d{6}$/, '') })
      .toEqual({ dataLocation: planDataLocation(plan), mode: plan.importMode, role: plan.roleArn, name: plan.jobName.replace(/-\d{8}-\d{6}$/, '') });
  }, 60_000);

  it('Ctrl-C right after Enter at the review: no job is created, and the screen says so and where the uploaded file is', async () => {
    const w = start(servicesFor(sb));
    const datasetArn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const before = (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn }))).datasetImportJobs?.length ?? 0;
    await w.enterThrough(...TO_CSV, 'CSV files here', 'Continue anyway', 'Which bucket?', 'Folder (prefix)', 'INCREMENTAL — add to the bulk data', 'Job name', 'IAM role Personalize assumes', 'Tags (key=value');
    await w.see('Create the import job now?');
    await w.press(KEY.enter);
    await w.press(KEY.ctrlC);
    const end = await w.exit();
    expect(end.code).toBe(130);
    const after = (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn }))).datasetImportJobs ?? [];
    const text = (end.lines ?? []).join('\n');
    // the message comes from what happened: either no job (said, with the object's place) or the job's ARN
    if (after.length === before) {
      expect(text).toMatch(/Stopped before the import job was created/);
      expect(text).toMatch(/The file this run uploaded stays at s3:\/\/personalize-sandbox-data\/personalize-import\/interactions-\d{8}-\d{6}-[a-z2-9]{4}\.csv/);
    } else {
      expect(text).toContain(after[0].datasetImportJobArn);
    }
    expect(text).not.toMatch(/Nothing was created/);
  }, 60_000);

  it('--profile, then Esc at the CSV step: back to the dataset, the profile\'s one highlighted', async () => {
    const services = servicesFor(sb);
    services.profiles!.save({ name: 'esc-items', sandbox: true, datasetGroupArn: sb.seeded.customGroupArn, datasetArn: sb.seeded.datasetArn('custom', 'ITEMS'), bucket: sb.sandbox.bucket, prefix: 'esc/', roleArn: sb.sandbox.roleArn });
    const w = start(services, { profileName: 'esc-items' });
    const csv = await w.see('CSV files here');
    expect(csv).toMatch(/from profile esc-items/);
    await w.press(KEY.esc);
    const ds = await w.see('Fields:');
    expect(ds).toMatch(/❯ \S+ \[ITEMS\]/);
    await w.press(KEY.enter);
    await w.see('CSV files here');
  }, 60_000);

  it('an exported sandbox (endpoints and its role in the environment, not embedded): the role is the default', async () => {
    const services = servicesFor(sb);
    const connect = services.connect;
    services.connect = async (o) => {
      const c = await connect(o);
      return { ...c, context: { ...c.context, sandbox: false, endpointOverride: 'http://127.0.0.1', roleArn: sb.sandbox.roleArn } };
    };
    const w = start(services, { sandbox: false });
    await w.enterThrough(...TO_CSV);
    await w.see('A local file (uploaded in step 6)');
    await w.press(KEY.ctrlU);
    await w.press(join(ROOT, 'samples', 'interactions.csv'));
    await w.see('interactions.csv');
    await w.press(KEY.enter);
    await w.enterThrough('Continue anyway', 'Which bucket?', 'Folder (prefix)', 'INCREMENTAL — add to the bulk data');
    await w.see('Job name');
    await w.press(KEY.enter);
    const job = await w.see('IAM role Personalize assumes');
    expect(job).toContain(sb.sandbox.roleArn);
    expect(job).toMatch(/from the sandbox/);
    await w.press(KEY.ctrlC);
    await w.exit();
  }, 60_000);
});
