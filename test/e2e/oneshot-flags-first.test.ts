// One-shot runs (no terminal: stdin /dev/null) say what is wrong with what was typed before doing the
// work: a flag value whose shape is known locally (the job name, the role ARN, the data location, the
// tags) before any file is read or AWS is called — a bad --job-name was said only after the whole
// file was validated —; a missing local file before which dataset is looked for; an empty file as
// empty; a folder given to --csv as the folder it is.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, ensureBuilt, runCli, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** exit 2, the message on stderr, no stack trace */
function usage(r: Awaited<ReturnType<typeof runCli>>, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/Unexpected error|\n {4}at /);
}

describe.concurrent('import: a flag value of the wrong shape is said first, naming the flag', () => {
  // the CSV does not exist and no region is configured: had the file been read, or AWS been called,
  // that would be the message instead
  const dir = mkdtempSync(join(tmpdir(), 'pi-flags-first-'));
  const missing = join(dir, 'not-there.csv');
  const base = ['import', '--csv', missing, '--dataset-group', 'shop', '--bucket', 'data'];
  const cases: [string, string[], RegExp][] = [
    ['a job name starting with "-"', ['--dataset-type', 'interactions', '--job-name=-nightly'], /--job-name '-nightly': A job name starts with a letter or digit/],
    ['a job name with a space (the type guessed from the columns would read the file)', ['--job-name', 'nightly run'], /--job-name 'nightly run': A job name may hold only letters, digits/],
    ['a job name of 64 characters', ['--dataset-type', 'interactions', '--job-name', 'j'.repeat(64)], /--job-name 'j+': A job name has at most 63 characters \(this one has 64\)/],
    ['a role ARN whose account is not 12 digits', ['--dataset-type', 'interactions', '--role-arn', 'arn:aws:iam::1234:role/PersonalizeS3Access'], /--role-arn 'arn:aws:iam::1234:role\/PersonalizeS3Access': That is not an IAM role ARN/],
    ['a role name instead of its ARN', ['--role-arn', 'PersonalizeS3Access'], /--role-arn 'PersonalizeS3Access': That is not an IAM role ARN/],
    ['a tag with the reserved prefix aws:', ['--dataset-type', 'interactions', '--tag', 'aws:team=search'], /--tag: Tag key 'aws:team' uses the reserved prefix aws:/],
    ['a tag value of 257 characters', ['--dataset-type', 'interactions', '--tag', `team=${'v'.repeat(257)}`], /--tag: The value of tag 'team' is longer than 256 characters/],
    // the request's list takes 200, but a resource carries 50: the service refused 51 only after the upload
    ['51 tags', ['--dataset-type', 'interactions', ...Array.from({ length: 51 }, (_, i) => ['--tag', `team-${i}=search`]).flat()], /--tag: A Personalize resource carries at most 50 tags; 51 were given\.\n {2}→ Pass at most 50 --tag flags/],
  ];
  for (const [what, flags, message] of cases) {
    it(what, async () => {
      const r = await runCli([...base, ...flags], cliEnv());
      usage(r, message);
      expect(r.stderr).not.toMatch(/not-there|region/i);
    });
  }
  it('50 tags pass the check: what comes after it is said (no region configured)', async () => {
    const r = await runCli([...base, '--dataset-type', 'interactions', ...Array.from({ length: 50 }, (_, i) => ['--tag', `team-${i}=search`]).flat()], cliEnv());
    expect(r.stderr).not.toMatch(/--tag/);
    expect(r.stderr).toMatch(/No AWS region is configured/);
  });
  it('a data location longer than the 256 characters Personalize takes', async () => {
    const r = await runCli(['import', '--data-location', `s3://data/${'k'.repeat(250)}.csv`, '--dataset-group', 'shop', '--dataset-type', 'items', '--role-arn', 'arn:aws:iam::123456789012:role/r'], cliEnv());
    usage(r, /--data-location is 264 characters long; Personalize takes at most 256/);
  });
  it('several files (a folder): a bad --role-arn before any file is read', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pi-flags-first-group-'));
    // a file that cannot be typed: had it been read, its columns would be the message
    writeFileSync(join(folder, 'mystery.csv'), 'a,b\n1,2\n');
    const r = await runCli(['import', '--csv', folder, '--dataset-group', 'shop', '--role-arn', 'arn:aws:iam::123456789012:user/someone'], cliEnv());
    usage(r, /--role-arn 'arn:aws:iam::123456789012:user\/someone': That is not an IAM role ARN/);
    expect(r.stderr).not.toContain('mystery');
  });
});

describe.concurrent('an S3 location is read one way (src/core/s3-uri.ts)', () => {
  it('validate with white space in the bucket: not an S3 location, as import --data-location says', async () => {
    const r = await runCli(['validate', 's3://my data/users.csv', '--dataset-arn', 'arn:aws:personalize:us-east-1:111122223333:dataset/sandbox-shop/USERS', '--sandbox'], cliEnv());
    usage(r, /'s3:\/\/my data\/users\.csv' is not an S3 location/);
    const i = await runCli(['import', '--data-location', 's3://my data/users.csv', '--dataset-group', 'shop', '--dataset-type', 'users'], cliEnv());
    usage(i, /--data-location 's3:\/\/my data\/users\.csv' is not an S3 location/);
  });
});

describe.concurrent('a local file is named first', () => {
  it('validate nope.csv --dataset-group (no --dataset-type): the missing file, not "which dataset"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-validate-missing-'));
    const r = await runCli(['validate', join(dir, 'nope.csv'), '--dataset-group', 'sandbox-shop', '--sandbox'], cliEnv());
    usage(r, /validate: .*nope\.csv: no such file or folder/);
    expect(r.stderr).not.toMatch(/which dataset/);
  });
  it('validate <folder> --dataset-group: the folder, not "which dataset"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-validate-folder-'));
    const r = await runCli(['validate', dir, '--dataset-group', 'sandbox-shop', '--sandbox'], cliEnv());
    usage(r, /is a folder, not a CSV file/);
  });
});

describe.concurrent('schema infer of an empty file says it is empty, naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-infer-empty-'));
  const files: [string, string][] = [['zero bytes', ''], ['blank lines only', '\n\n  \n'], ['a byte-order mark alone', '\ufeff'], ['a byte-order mark and a newline', '\ufeff\r\n']];
  for (const [what, text] of files) {
    it(what, async () => {
      const file = join(dir, `${what.replace(/\W+/g, '-')}.csv`);
      writeFileSync(file, text);
      const r = await runCli(['schema', 'infer', file], cliEnv());
      usage(r, new RegExp(`schema infer: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is empty: no header line and no records`));
      expect(r.stderr).not.toMatch(/dataset type|no header\)/);
      expect(r.stdout).toBe('');
    });
  }
  it('with --dataset-type too: empty, not a schema of no fields', async () => {
    const file = join(dir, 'typed.csv');
    writeFileSync(file, '');
    const r = await runCli(['schema', 'infer', file, '--dataset-type', 'interactions'], cliEnv());
    usage(r, /typed\.csv is empty: no header line and no records/);
    expect(r.stdout).toBe('');
  });
  it('a header alone is not empty: the columns are what cannot be typed', async () => {
    const file = join(dir, 'header-only.csv');
    writeFileSync(file, 'colour,size\n');
    usage(await runCli(['schema', 'infer', file], cliEnv()), /cannot tell the dataset type from the columns \(colour, size\)/);
  });
});

describe.concurrent('import --csv <folder> is a folder, not "several --csv files"', () => {
  const folder = mkdtempSync(join(tmpdir(), 'pi-import-folder-'));
  mkdirSync(join(folder, 'sub'));
  writeFileSync(join(folder, 'interactions.csv'), 'USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1764979200\n');
  writeFileSync(join(folder, 'items.csv'), 'ITEM_ID,CATEGORY\ni1,shoes\n');
  it('with --dataset-type: the folder named, and how to import one of its files', async () => {
    const r = await runCli(['import', '--csv', folder, '--dataset-group', 'shop', '--dataset-type', 'items'], cliEnv());
    usage(r, new RegExp(`--dataset-type does not go with --csv ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, a folder`));
    expect(r.stderr).not.toContain('several --csv files');
    expect(r.stderr).toContain(`--csv ${folder}/<file>.csv --dataset-type items`);
  });
  it('without --dataset-group: the folder\'s files need one', async () => {
    const r = await runCli(['import', '--csv', folder], cliEnv());
    usage(r, /is a folder: its files need --dataset-group/);
    expect(r.stderr).not.toContain('several --csv files');
  });
  it('several TYPE=FILE are still "several --csv files"', async () => {
    const r = await runCli(['import', '--csv', `interactions=${join(SAMPLES, 'interactions.csv')}`, '--csv', `items=${join(SAMPLES, 'items.csv')}`, '--dataset-group', 'shop', '--dataset-type', 'items'], cliEnv());
    usage(r, /--dataset-type does not go with several --csv files/);
  });
});
