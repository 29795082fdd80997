// Issue 18 in the Ink wizard (items 8, 16, 17): the size limit before the upload, a generated job
// name that clashes at create, control characters from a file or the service on screen. The whole
// <Wizard> rendered with ink-testing-library against the in-process sandbox (real SDK clients).
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createDeps } from '../../src/aws/deps.js';
import { cleanups, KEY, ROOT, servicesFor, start, tmp, TO_CSV } from '../helpers/ink-wizard.js';
import { interactionsCsv, withSandbox } from '../helpers/sandbox.js';
import { CreateDatasetImportJobCommand, ListDatasetImportJobsCommand } from '@aws-sdk/client-personalize';
import { ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { JobWatch } from '../../src/ui/ink/components/JobWatch.js';

/** a small valid interactions file in a fresh folder, picked at the CSV step; returns its path */
async function pickCsv(w: ReturnType<typeof start>, cwd: string, name: string, csv = interactionsCsv(1100, 50)): Promise<string> {
  const file = join(cwd, name);
  writeFileSync(file, csv);
  await w.see('CSV files here');
  await w.press(KEY.ctrlU);
  await w.type(name);
  await w.see(`› ${name}`);
  await w.press(KEY.enter);
  const v = await w.see(/Continue anyway|Which bucket\?/, 60_000);
  if (v.includes('Continue anyway')) await w.press(KEY.enter);
  return file;
}

describe('Ink wizard: the size limit is checked before the upload (issue 18 item 17)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  it('a file grown past the FULL limit after validation is refused with exact bytes; nothing reaches S3', async () => {
    const cwd = tmp('pi-ui-size-');
    const w = start(servicesFor(sb, { cwd }));
    await w.enterThrough(...TO_CSV);
    const file = await pickCsv(w, cwd, 'grows.csv');
    await w.enterThrough('Which bucket?');
    await w.see('Folder (prefix)');
    // it grows (sparse: no disk used) between the check and the upload: 100 GiB + 1 byte
    truncateSync(file, 100 * 2 ** 30 + 1);
    await w.press(KEY.enter);
    const f = flat(await w.see(/Nothing was\s+uploaded/));
    expect(f).toMatch(/grows\.csv is 100\.00000000\d? GB \(107,374,182,401 bytes\); one FULL import job takes at most 100 GB \(107,374,182,400 bytes; 1 GB = 2³⁰ bytes\)\. Nothing was uploaded\./);
    // the machine's upload step refuses it (as `import` does): the run ends with the reason on screen
    expect(f).toContain('Upload');
    expect((await w.exit()).code).toBe(1);
    const objs = (await sb.s3.send(new ListObjectsV2Command({ Bucket: sb.sandbox.bucket, Prefix: 'personalize-import/grows' }))).Contents ?? [];
    expect(objs).toEqual([]);
    expect((await sb.s3.send(new ListMultipartUploadsCommand({ Bucket: sb.sandbox.bucket }))).Uploads ?? []).toEqual([]);
  }, 90_000);
});

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('Ink wizard: a generated job name that clashes at create takes a suffix; a typed one never changes (issue 18 item 16)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const NOW = new Date('2026-03-04T05:06:07Z');
  /** another run takes `name` meanwhile: a job on another dataset, created straight through the SDK */
  async function clash(name: string) {
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: `other/${name}.csv`, Body: readFileSync(join(ROOT, 'samples/interactions.csv')) }));
    await sb.personalize.send(new CreateDatasetImportJobCommand({
      jobName: name, datasetArn: sb.seeded.datasetArn('domain', 'INTERACTIONS'), roleArn: sb.sandbox.roleArn,
      dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/other/${name}.csv` }, importMode: 'FULL',
    }));
  }
  const jobsOf = async (arn: string) => (await sb.personalize.send(new ListDatasetImportJobsCommand({ datasetArn: arn }))).datasetImportJobs ?? [];

  it('generated: the job is created as <name>-xxxx, and the screen names that', async () => {
    const cwd = tmp('pi-ui-name-');
    const w = start(servicesFor(sb, { cwd, now: () => NOW }));
    await w.enterThrough(...TO_CSV);
    await pickCsv(w, cwd, 'a.csv');
    await w.enterThrough('Which bucket?', 'Folder (prefix)', 'FULL — the first bulk import');
    const job = await w.see('Job name');
    const name = /› (\S+-20260304-050607)/.exec(job)![1];
    await w.press(KEY.enter);
    await w.enterThrough('IAM role Personalize assumes', 'Tags (key=value');
    await w.see('Create the import job now?');
    await clash(name);
    await w.press(KEY.enter);
    await w.see(/ACTIVE/, 30_000);
    const created = await jobsOf(sb.seeded.datasetArn('custom', 'INTERACTIONS'));
    expect(created.map((j) => j.jobName)).toEqual([expect.stringMatching(new RegExp(`^${name}-[a-z2-9]{4}$`))]);
  }, 90_000);

  it('typed: a clash is an error on the screen and no job is created under another name', async () => {
    const cwd = tmp('pi-ui-name2-');
    const w = start(servicesFor(sb, { cwd, now: () => NOW }));
    const arn = sb.seeded.datasetArn('custom', 'INTERACTIONS');
    const before = (await jobsOf(arn)).length;
    await w.enterThrough(...TO_CSV);
    await pickCsv(w, cwd, 'b.csv');
    await w.enterThrough('Which bucket?', 'Folder (prefix)');
    const mode = await w.see(/— add to the bulk data|— the first bulk import/);
    if (mode.includes('add to the bulk data')) await w.press(KEY.enter);
    else await w.press(KEY.enter);
    await w.see('Job name');
    await w.press(KEY.ctrlU);
    await w.type('my-own-name');
    await w.see('my-own-name');
    await w.press(KEY.enter);
    await w.enterThrough('IAM role Personalize assumes', 'Tags (key=value');
    await w.see('Create the import job now?');
    await clash('my-own-name');
    await w.press(KEY.enter);
    await w.see(/already exists/i, 30_000);
    const after = await jobsOf(arn);
    expect(after.length).toBe(before);
  }, 90_000);
});

describe('Ink: control characters from a file or the service never reach the frame (issue 18 item 8)', () => {
  const sb = withSandbox({ jobSeconds: 0 });
  const OSC52 = '\x1b]52;c;ZXZpbA==\x07';

  it('a header carrying OSC 52 and SGR is shown escaped at the validation step', async () => {
    const cwd = tmp('pi-ui-esc-');
    const w = start(servicesFor(sb, { cwd }));
    await w.enterThrough(...TO_CSV);
    writeFileSync(join(cwd, 'esc.csv'), interactionsCsv(1100, 50).replace('EVENT_VALUE\n', `EVENT_VALUE,\x1b[31mred${OSC52}\n`).replace(/,1\n/g, ',1,x\n'));
    await w.see('CSV files here');
    await w.press(KEY.ctrlU);
    await w.type('esc.csv');
    await w.see('› esc.csv');
    await w.press(KEY.enter);
    const f = await w.see(/\\x1b\]52;c;ZXZpbA==\\x07/, 60_000);
    expect(f).toContain('\\x1b[31mred');
    expect(f).not.toContain('\x07');
    expect(f).not.toContain('\x1b]');
    expect(f).not.toContain('\x1b[31m');
  }, 90_000);

  it('a failureReason quoting a value with OSC 52 (the sandbox quotes the bad value) is shown escaped, and in the exit lines', async () => {
    const key = 'esc/bad-value.csv';
    await sb.s3.send(new PutObjectCommand({ Bucket: sb.sandbox.bucket, Key: key, Body: `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\nu1,i1,1767225600,click,1${OSC52}\n` }));
    const r = await sb.personalize.send(new CreateDatasetImportJobCommand({
      jobName: 'esc-failure', datasetArn: sb.seeded.datasetArn('custom', 'INTERACTIONS'), roleArn: sb.sandbox.roleArn,
      dataSource: { dataLocation: `s3://${sb.sandbox.bucket}/${key}` }, importMode: 'FULL',
    }));
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: { ...sb.env }, cwd: ROOT };
    const d = await createDeps({ sandbox: false, io });
    cleanups.push(() => d.close());
    let lines: string[] | undefined;
    const v = render(<JobWatch personalize={d.personalize} arn={r.datasetImportJobArn!} datasetType="INTERACTIONS" importMode="FULL" watch={{ initialMs: 20, maxMs: 50 }} onDone={(_c, l) => (lines = l)} />);
    cleanups.push(() => v.unmount());
    const deadline = Date.now() + 20_000;
    while (!(v.lastFrame() ?? '').includes('\\x1b]52')) {
      if (Date.now() > deadline) throw new Error(`no failure shown:\n${v.lastFrame()}`);
      await new Promise((res) => setTimeout(res, 10));
    }
    const f = v.lastFrame() ?? '';
    expect(f).toContain('Invalid value');
    expect(f).not.toContain('\x07');
    expect(f).not.toContain('\x1b]');
    while (!lines && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    expect(lines?.join('\n')).toContain('\\x1b]52;c;ZXZpbA==\\x07');
    expect(lines?.join('\n')).not.toContain('\x1b]');
  }, 60_000);
});
