// The completion scripts: generated from the commands' own flag specs (a flag a command parses is
// completed; no flag it does not take), and the bash one run in bash to complete real words.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { options as importOptions } from '../../src/commands/import.js';
import { run } from '../../src/commands/completion.js';
import { PassThrough } from 'node:stream';
import { CLI } from '../helpers/tmux.js';
import { ensureBuilt } from '../e2e/import-helpers.js';

beforeAll(() => ensureBuilt());
/** the script the built CLI prints (its real command list) */
const script = (shell: string) => execFileSync('node', [CLI, 'completion', shell], { encoding: 'utf8' });

function complete(script: string, words: string[]): string[] {
  const cword = words.length - 1;
  const cmd = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${cword}; _personalize_import; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', cmd], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('personalize-import completion', () => {
  it('bash: commands, each command\'s own flags, and fixed values', async () => {
    const bash = script('bash');
    expect(complete(bash, ['personalize-import', 'im'])).toEqual(['import']);
    const flags = complete(bash, ['personalize-import', 'import', '--']);
    for (const f of Object.keys(importOptions).filter((x) => !x.startsWith('sandbox-'))) expect(flags).toContain(`--${f}`);
    expect(flags).toContain('--dry-run');
    expect(flags).not.toContain('--sandbox-job-seconds');
    expect(complete(bash, ['personalize-import', 'import', '--mode', ''])).toEqual(['full', 'incremental']);
    expect(complete(bash, ['personalize-import', 'status', '--'])).not.toContain('--csv');
    expect(complete(bash, ['personalize-import', 'profiles', ''])).toEqual(['list', 'show', 'delete']);
  });

  it('bash: access offers setup and its own flags; fix and schema their flags (read from their --help), with values', async () => {
    const bash = script('bash');
    expect(complete(bash, ['personalize-import', 'access', ''])).toEqual(['setup']);
    const access = complete(bash, ['personalize-import', 'access', 'setup', '--']);
    for (const f of ['--bucket', '--prefix', '--dataset-group', '--role-name', '--role-arn', '--create-bucket', '--dry-run', '--yes', '--region']) expect(access).toContain(f);
    const fix = complete(bash, ['personalize-import', 'fix', '--']);
    for (const f of ['--output', '--rejects', '--map', '--drop-duplicates', '--overwrite', '--schema', '--dataset-arn', '--dataset-group', '--mode', '--json', '--region', '--aws-profile']) expect(fix).toContain(f);
    expect(complete(bash, ['personalize-import', 'schema', ''])).toEqual(['infer']);
    const schema = complete(bash, ['personalize-import', 'schema', '--']);
    for (const f of ['--dataset-type', '--domain', '--json', '--region']) expect(schema).toContain(f);
    expect(complete(bash, ['personalize-import', 'schema', 'infer', 'x.csv', '--domain', ''])).toEqual(['ECOMMERCE', 'VIDEO_ON_DEMAND']);
    expect(complete(bash, ['personalize-import', 'sandbox', '--seed', ''])).toEqual(['default', 'none']);
    expect(fix).toContain('--dates');
    expect(complete(bash, ['personalize-import', 'fix', 'x.csv', '--dates', ''])).toEqual(['day-first', 'month-first']);
    expect(complete(bash, ['personalize-import', 'import', '--dates', ''])).toEqual(['day-first', 'month-first']);
  });

  it('zsh and fish: every command and the import flags are there', async () => {
    const zsh = script('zsh');
    const fish = script('fish');
    for (const c of ['import', 'validate', 'status', 'history', 'diagnose', 'profiles', 'sandbox', 'completion']) {
      expect(zsh).toContain(`    ${c})`);
      expect(fish).toContain(`-a ${c} -d`);
    }
    expect(zsh).toContain("'--mode[mode]:value:(full incremental)'");
    expect(fish).toMatch(/__fish_seen_subcommand_from import' -l dry-run/);
  });

  it('an unknown shell is a usage error (exit 2) naming the choices', async () => {
    const out = new PassThrough();
    const io = { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, env: {}, cwd: '.' };
    await expect(run(['tcsh'], { io })).rejects.toMatchObject({ exitCode: 2, hint: expect.stringContaining('bash|zsh|fish') });
  });
});
