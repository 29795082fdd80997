// `access setup` in a real terminal (tmux): the plan and the documents are shown, nothing changes
// until the question is answered; "no" leaves everything as it was, "yes" applies the changes and
// the checks run again. The built CLI talks to an in-process sandbox over loopback, configured only
// by its endpoint env.
import { afterEach, describe, expect, it } from 'vitest';
import { GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { sandboxClients } from '../helpers/sandbox.js';
import { Terminal } from '../helpers/tmux.js';
import { CLI } from '../aws/cli-run.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function sandbox(): Promise<Sandbox> {
  const sb = await startSandbox({ jobSeconds: 0 });
  cleanup.push(() => sb.close());
  return sb;
}

function terminal(args: string[], env: Record<string, string>): Terminal {
  const t = new Terminal([process.execPath, CLI, ...args], { cols: 120, rows: 50, env: { ...env, HOME: '/nonexistent' } });
  cleanup.push(() => t.close());
  return t;
}

async function state(sb: Sandbox) {
  const { s3 } = sandboxClients(sb);
  const iam = new IAMClient({ region: sb.region, endpoint: sb.iamEndpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  try {
    const policy = (await s3.send(new GetBucketPolicyCommand({ Bucket: sb.noGrantBucket }))).Policy;
    const roles = ((await iam.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName).sort();
    return { policy, roles };
  } finally {
    s3.destroy();
    iam.destroy();
  }
}

describe('access setup in a terminal', () => {
  it('asks before changing anything; "no" changes nothing', async () => {
    const sb = await sandbox();
    const before = await state(sb);
    const t = terminal(['access', 'setup', '--bucket', sb.noGrantBucket, '--role-name', 'pi-tty'], sb.env);
    const screen = await t.waitFor(/Apply these 3 changes\?/, 30_000);
    expect(screen).toContain('aws iam put-role-policy --role-name pi-tty');
    t.type('n');
    t.send('Enter');
    await t.waitFor(/Nothing was changed\./, 30_000);
    expect(await t.exitCode(30_000)).toBe(1);
    expect(await state(sb)).toEqual(before);
  });

  it('"yes" applies the changes and the checks pass', async () => {
    const sb = await sandbox();
    const t = terminal(['access', 'setup', '--bucket', sb.noGrantBucket, '--role-name', 'pi-tty'], sb.env);
    await t.waitFor(/Apply these 3 changes\?/, 30_000);
    t.type('y');
    t.send('Enter');
    const done = await t.waitFor(/Personalize can read s3:\/\/personalize-sandbox-nogrant\//, 30_000);
    expect(done).toMatch(/✔ Create role pi-tty/);
    expect(await t.exitCode(30_000)).toBe(0);
    const after = await state(sb);
    expect(after.roles).toContain('pi-tty');
    expect(after.policy).toContain('PersonalizeImportRead');
  });
});

describe('access setup as a child process with no terminal (the built CLI)', () => {
  it('--yes --json exits 0 with one JSON document; without --yes exit 2 naming --yes', async () => {
    const { runCli } = await import('../aws/cli-run.js');
    const sb = await sandbox();
    const refused = await runCli(['access', 'setup', '--bucket', sb.noGrantBucket, '--role-name', 'pi-import'], sb.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(refused.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const r = await runCli(['access', 'setup', '--bucket', sb.noGrantBucket, '--role-name', 'pi-import', '--yes', '--json'], sb.env);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.roleArn).toBe(`arn:aws:iam::${sb.accountId}:role/pi-import`);
    expect(doc.preflight.ok).toBe(true);
    const help = await runCli(['access', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('personalize-import access setup --bucket');
  });
});
