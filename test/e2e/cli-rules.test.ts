// One rule for every command's flags, SIGINT honoured while validate waits on a stream, no terminal
// escape from a file reaching the screen, and a sandbox profile that says what it starts
// (issue 18 items 5, 8, 19; issue 16 item 5). The built CLI as real child processes.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openProfileStore } from '../../src/profiles/store.js';
import { CLI, cliEnv, ensureBuilt, jsonDoc, ROOT, runCli, SAMPLES } from './import-helpers.js';

beforeAll(() => ensureBuilt());
const SCHEMA = join(ROOT, 'test/fixtures/csv/schemas/interactions.json');
const ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS';

describe('flags: an unusable value is exit 2 naming the flag, in every command', () => {
  const cases: [string[], RegExp][] = [
    [['validate', 'x.csv', '--schema', SCHEMA, '--mode', ''], /--mode needs a value/],
    [['validate', 'x.csv', '--schema', SCHEMA, '--region', ''], /--region needs a value/],
    [['import', '--dataset-arn', ARN, '--csv', 'x.csv', '--mode', 'full', '--mode', 'incremental'], /--mode was given 2 times/],
    [['import', '--dataset-arn', ARN, '--dataset-group', 'shop', '--csv', 'x.csv'], /pass --dataset-arn or --dataset-group, not both/],
    [['import', '--dataset-arn', ARN, '--csv', 'x.csv', '--region', 'r'.repeat(10_000)], /--region 'r{40}… \(10,000 characters\)' is too long/],
    [['import', '--dataset-arn', ARN, '--csv', 'x.csv', '--bucket', 'Not_A_Bucket'], /--bucket 'Not_A_Bucket' is not an S3 bucket name/],
    [['import', '--dataset-arn', ARN, '--csv', 'x.csv', '--prefix', 'p'.repeat(1000)], /--prefix .* is too long for an S3 key prefix/],
    [['status', 'arn:aws:personalize:us-east-1:1:dataset-import-job/j', '--exit-status'], /--exit-status needs --no-wait/],
    [['history', '--dataset-arn', ARN, '--dataset-group', 'shop'], /pass --dataset-arn or --dataset-group, not both/],
    [['diagnose', 'arn:aws:personalize:us-east-1:1:dataset-import-job/j', '--region', 'Mars 1'], /--region 'Mars 1' is not an AWS region/],
    [['profiles', 'list', '--json', '--json'], /^$/],
  ];
  for (const [args, re] of cases) {
    it(args.slice(0, 1).concat(args.filter((a) => a.startsWith('--'))).join(' '), async () => {
      const r = await runCli(args, cliEnv());
      if (re.source === '^$') return void expect(r.code).toBe(0); // a repeated boolean is harmless
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/Unexpected error|bug report/);
      expect(r.stderr.length).toBeLessThan(600);
    });
  }
});

describe('import --csv with the type left to the columns: a file that is not there or is empty is named, not --dataset-type', () => {
  // before: 'missing --dataset-type' (and with --create 'the columns of nope.csv do not tell it'):
  // the user passed the type, only to be told then that the file does not exist
  const dir = mkdtempSync(join(tmpdir(), 'pi-csv-gone-'));
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, '');
  const cases: [string[], RegExp][] = [
    [['--csv', join(dir, 'nope.csv'), '--dataset-group', 'shop'], new RegExp(`^${join(dir, 'nope.csv')} does not exist \\(looked in ${dir}\\)\\.\\n  → Check --csv\\.\\n$`)],
    [['--csv', join(dir, 'nope.csv'), '--dataset-group', 'new-shop', '--create'], /^\S*nope\.csv does not exist \(looked in/],
    [['--csv', empty, '--dataset-group', 'shop'], /^\S*empty\.csv is empty\.\n  → Check --csv\.\n$/],
  ];
  for (const [args, re] of cases) {
    it(args.filter((a) => a.startsWith('--') || a.endsWith('.csv')).map((a) => a.replace(/^.*\//, '')).join(' '), async () => {
      const r = await runCli(['import', ...args], cliEnv());
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/--dataset-type/);
    });
  }
  it('--json: the same error as the one JSON document on stdout', async () => {
    const r = await runCli(['import', '--csv', join(dir, 'nope.csv'), '--dataset-group', 'shop', '--json'], cliEnv());
    expect(r.code).toBe(2);
    expect(jsonDoc(r).error).toMatchObject({ kind: 'usage', message: expect.stringMatching(/nope\.csv does not exist/), hint: 'Check --csv.' });
  });
});

describe('validate honours SIGINT while it waits on a stream that never ends', () => {
  it('exit 130, within seconds', async () => {
    const child = spawn(process.execPath, [CLI, 'validate', '/dev/stdin', '--schema', SCHEMA], { env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    // 2 MB of rows, then nothing: the pipe stays open. More than the pipe holds, so 'drain' fires
    // only once the CLI is reading — past the moment its signal handlers are installed.
    let rows = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n';
    for (let i = 0; rows.length < 2 * 1024 * 1024; i++) rows += `u${i % 50},i${i % 90},${1767225600 + i},click\n`;
    if (!child.stdin.write(rows)) await new Promise((r) => child.stdin.once('drain', r));
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await exited;
    expect(code, err).toBe(130);
    expect(Date.now() - sent).toBeLessThan(5000);
    expect(err).not.toMatch(/Unexpected error/);
  });
});

describe('terminal escapes from a file never reach the screen', () => {
  it('a header with ESC[31m, an EVENT_TYPE with an OSC 52 clipboard write, a file name with a control character', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-esc-'));
    const file = join(dir, 'ev\x1b[2Jents.csv');
    let csv = 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,\x1b[31mEVIL\n';
    for (let i = 0; i < 1200; i++) csv += `u${i % 40},i${i % 90},${1767225600 + i},${i % 2 ? 'click' : 'buy\x1b]52;c;aGVsbG8=\x07'},x\n`;
    writeFileSync(file, csv);
    const r = await runCli(['validate', file, '--schema', SCHEMA], cliEnv());
    expect([0, 1]).toContain(r.code);
    expect(r.stdout + r.stderr).not.toMatch(/[\x07\x1b]/);
    expect(r.stdout).toContain('\\x1b[31mEVIL');
    expect(r.stdout).toContain('buy\\x1b]52;c;aGVsbG8=\\x07');
    expect(r.stdout).toContain('ev\\x1b[2Jents.csv');
    // --json keeps the data exact (JSON escapes it)
    const j = await runCli(['validate', file, '--schema', SCHEMA, '--json'], cliEnv());
    expect(j.stdout).not.toMatch(/[\x07\x1b]/);
    expect(JSON.stringify(jsonDoc(j))).toContain('\\u001b]52');
  });
});

describe('a saved sandbox profile', () => {
  it('import --profile says it starts an embedded sandbox; an unknown name names the file looked in', async () => {
    const conf = mkdtempSync(join(tmpdir(), 'pi-conf-'));
    openProfileStore({ PERSONALIZE_IMPORT_CONFIG_DIR: conf }).store.save({
      name: 'sandbox-shop', region: 'us-east-1', sandbox: true,
      datasetGroupArn: 'arn:aws:personalize:us-east-1:111122223333:dataset-group/sandbox-shop', datasetGroupName: 'sandbox-shop',
      datasetArn: 'arn:aws:personalize:us-east-1:111122223333:dataset/sandbox-shop/INTERACTIONS', datasetType: 'INTERACTIONS', bucket: 'personalize-sandbox-data', prefix: '',
    });
    const env = cliEnv({ PERSONALIZE_IMPORT_CONFIG_DIR: conf });
    const r = await runCli(['import', '--profile', 'sandbox-shop', '--csv', join(SAMPLES, 'interactions.csv'), '--no-wait', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Profile sandbox-shop is for the local sandbox: starting an embedded sandbox for this run/);
    expect(jsonDoc(r).datasetImportJobArn).toMatch(/dataset-import-job\/sandbox-shop-interactions-/);
    const list = await runCli(['profiles', 'list'], env);
    expect(list.stdout).toMatch(/^sandbox-shop /m);
    for (const args of [['import', '--profile', 'Sandbox-Shop', '--csv', 'x.csv'], ['profiles', 'show', 'Sandbox-Shop']]) {
      const miss = await runCli(args, env);
      expect(miss.code).toBe(2);
      expect(miss.stderr).toContain(`No saved profile named 'Sandbox-Shop' (looked in ${join(conf, 'config.json')})`);
      expect(miss.stderr).toMatch(/Did you mean sandbox-shop\?/);
    }
  });
});
