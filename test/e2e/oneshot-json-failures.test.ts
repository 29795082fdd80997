// One-shot runs in scripts and CI (no terminal: stdin /dev/null, stdout a pipe). --json promises exactly
// one JSON document on stdout, failures included: diagnose and access setup printed nothing there when
// they failed (no such job, an empty --message -, no --yes without a terminal, a missing --bucket), so
// `… --json | jq` read an empty stdout. A command printed to copy names a file with control characters
// in $'…' (shown escaped, pasted the same file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, ensureBuilt, jsonDoc, newUserEnv, runCli, SAMPLES, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

/** the one document on stdout of a failed run: its error, and nothing human beside it */
function failed(r: Awaited<ReturnType<typeof runCli>>, code: number, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  const doc = jsonDoc(r);
  expect(doc.error.message).toMatch(message);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/Unexpected error|\n {4}at /);
}

describe.concurrent('--json failures are one document on stdout', () => {
  it('diagnose --message - with nothing on stdin', async () => {
    failed(await runCli(['diagnose', '--message', '-', '--json'], cliEnv()), 2, /--message - read nothing from stdin/);
  });
  it('diagnose of a job name the region does not have', async () => {
    failed(await runCli(['diagnose', 'no-such-job', '--sandbox', '--json'], cliEnv()), 2, /no import job named 'no-such-job'/);
  });
  it('diagnose with a flag it does not take', async () => {
    failed(await runCli(['diagnose', 'x', '--bogus', '--json'], cliEnv()), 2, /Unknown flag '--bogus'/);
  });
  it('access setup without --bucket', async () => {
    failed(await runCli(['access', 'setup', '--json'], cliEnv()), 2, /missing --bucket/);
  });
  it('access setup with changes to make, no --yes and no terminal: nothing changed, the flag named', async () => {
    const r = await runCli(['access', 'setup', '--bucket', 'personalize-sandbox-nogrant', '--sandbox', '--json'], cliEnv());
    failed(r, 2, /no terminal to ask for consent — nothing was changed/);
    expect(jsonDoc(r).error.hint).toMatch(/--yes/);
  });
  it('access setup whose plan is blocked: its own document (one, not two), with the error in it', async () => {
    const r = await runCli(['access', 'setup', '--bucket', 'no-such-bucket-oneshot', '--sandbox', '--yes', '--json'], cliEnv());
    failed(r, 2, /nothing was changed — Bucket no-such-bucket-oneshot does not exist/);
    const doc = jsonDoc(r);
    expect(doc.applied).toBe(false);
    expect(doc.checks.some((c: { state: string }) => c.state === 'BLOCKED')).toBe(true);
    // as withJsonErrors writes a failure: {kind, message, hint?}
    expect(doc.error.kind).toBe('usage');
  });
});

// not beside the concurrent ones: the detached sandbox is stopped when its own test finishes
describe('--json failure of a command that read the account', () => {
  it('diagnose of a job name an account with one job lacks: the document, and "There is 1 import job"', async () => {
    const env = newUserEnv(startEmptySandbox('pi-oneshot-one-job-'));
    const made = await runCli(['import', '--csv', join(SAMPLES, 'interactions.csv'), '--dataset-group', 'one-job', '--dataset-type', 'interactions', '--create', '--no-wait'], env);
    expect(made.code, made.stderr).toBe(0);
    const r = await runCli(['diagnose', 'no-such-job', '--json'], env);
    failed(r, 2, /no import job named 'no-such-job'/);
    expect(jsonDoc(r).error.hint).toMatch(/^There is 1 import job in us-east-1;/);
  });
});

describe('what a command prints about a file or a path', () => {
  it('schema infer: the fix command for a file named with an escape sequence shows it escaped, in $\'…\' (pasted, the same file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-oneshot-name-'));
    const name = 'bad\x1b[31mname.csv';
    const rows = ['user_id,item_id,timestamp'];
    for (let i = 0; i < 1200; i++) rows.push(`u${i % 60},i${i % 80},${1764979200 + i}`);
    writeFileSync(join(dir, name), `${rows.join('\n')}\n`);
    const r = await runCli(['schema', 'infer', join(dir, name)], cliEnv());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`personalize-import fix $'${join(dir, 'bad\\x1b[31mname.csv')}' --schema schema.json`);
    expect(r.stderr).not.toContain('\x1b');
  });
});
