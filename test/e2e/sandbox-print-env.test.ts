// `eval "$(personalize-import sandbox --print-env --data-dir DIR)"` returns, exports the sandbox's
// endpoints to the commands the shell runs next, finds the running sandbox the second time, and
// `--stop` ends it (issue 16 item 11). A real shell (bash) and real child processes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDatasetGroupsCommand, PersonalizeClient } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CLI, cliEnv, ensureBuilt, ROOT, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('sandbox --print-env / --stop', () => {
  it('eval returns; the next commands see the endpoints; a second --print-env finds it; --stop ends it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-sbx-'));
    onTestFinished(() => {
      try {
        execFileSync(process.execPath, [CLI, 'sandbox', '--stop', '--data-dir', dir], { stdio: 'ignore' });
      } catch {
        /* already stopped */
      }
    });
    const script = `eval "$("${process.execPath}" "${CLI}" sandbox --print-env --data-dir "${dir}" --job-seconds 0)" && "${process.execPath}" -e 'console.log(process.env.AWS_ENDPOINT_URL_PERSONALIZE, process.env.PERSONALIZE_SANDBOX_BUCKET)'`;
    const out = execFileSync('bash', ['-c', script], { env: cliEnv(), encoding: 'utf8', timeout: 60_000 }).trim();
    const [endpoint, bucket] = out.split(' ');
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bucket).toBe('personalize-sandbox-data');
    const pid = Number(readFileSync(join(dir, 'sandbox.pid'), 'utf8'));
    // it answers: the detached sandbox outlived the shell
    const client = new PersonalizeClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const groups = await client.send(new ListDatasetGroupsCommand({}));
    expect(groups.datasetGroups?.map((g) => g.name)).toContain('sandbox-shop');
    client.destroy();
    const again = await runCli(['sandbox', '--print-env', '--data-dir', dir], cliEnv());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`export AWS_ENDPOINT_URL_PERSONALIZE='${endpoint}'`);
    expect(again.stderr).toMatch(new RegExp(`already running \\(pid ${pid}\\)`));
    const stop = await runCli(['sandbox', '--stop', '--data-dir', dir], cliEnv());
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain(`Sandbox stopped (pid ${pid})`);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(join(dir, 'sandbox.env'))).toBe(false);
  }, 90_000);

  it('a folder with state: --seed does not reseed it and the banner says what it holds; flags given to a running one are said not applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-sbx-state-'));
    const stop = () => runCli(['sandbox', '--stop', '--data-dir', dir], cliEnv());
    onTestFinished(async () => void (await stop()));
    const first = await runCli(['sandbox', '--print-env', '--data-dir', dir, '--seed', 'none', '--job-seconds', '0'], cliEnv());
    expect(first.code, first.stderr).toBe(0);
    const other = await runCli(['sandbox', '--print-env', '--data-dir', dir, '--job-seconds', '5'], cliEnv());
    expect(other.code).toBe(0);
    expect(other.stderr).toContain('# not applied: --job-seconds 5 — it keeps the flags it was started with (--seed none --job-seconds 0)');
    const same = await runCli(['sandbox', '--print-env', '--data-dir', dir, '--job-seconds', '0', '--seed', 'none'], cliEnv());
    expect(same.stderr).not.toContain('not applied');
    // a second sandbox on the folder is refused (it would overwrite the state, and its stop remove the first's pid file)
    const pid = readFileSync(join(dir, 'sandbox.pid'), 'utf8').trim();
    const second = await runCli(['sandbox', '--data-dir', dir], cliEnv());
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`a sandbox is already running for ${dir} (pid ${pid})`);
    expect(second.stderr).toContain(`personalize-import sandbox --stop --data-dir ${dir}`);
    expect(readFileSync(join(dir, 'sandbox.pid'), 'utf8').trim()).toBe(pid);
    expect((await stop()).code).toBe(0);
    // the state file of the empty account is there: --seed default does not bring the seeded groups back, and the banner says so
    const again = await runCli(['sandbox', '--print-env', '--data-dir', dir, '--seed', 'default'], cliEnv());
    expect(again.code, again.stderr).toBe(0);
    const log = readFileSync(join(dir, 'sandbox.log'), 'utf8');
    expect(log).toContain(`# State from ${dir} (--seed default applies to a new folder only): no dataset groups yet.`);
    expect(log.split('# State from')[1]).not.toContain('sandbox-shop');
  }, 90_000);

  it('flags: --print-env without --data-dir, an unknown --fault operation: exit 2 naming them', async () => {
    const r1 = await runCli(['sandbox', '--print-env'], cliEnv());
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--print-env needs --data-dir/);
    const r2 = await runCli(['sandbox', '--fault', 'NoSuchOp=throttle:1'], cliEnv());
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--fault NoSuchOp: the sandbox has no operation NoSuchOp/);
  });

  it('import --help and the README give forms that return', async () => {
    const help = await runCli(['import', '--help'], cliEnv());
    expect(help.stdout).not.toMatch(/eval "\$\(personalize-import sandbox\)"/);
    expect(help.stdout).toMatch(/eval "\$\(personalize-import sandbox --print-env/);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/eval "\$\(personalize-import sandbox --print-env --data-dir/);
    expect(readme).not.toMatch(/^eval "\$\(personalize-import sandbox\)"/m);
  });
});
