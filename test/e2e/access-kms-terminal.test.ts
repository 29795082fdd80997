// `access setup` for an SSE-KMS bucket in a real terminal (tmux), the built CLI against an
// in-process sandbox configured only by its endpoint env: the key-policy change is shown and asked
// for with the rest; "yes" applies it and the checks pass; for a key whose policy the caller may
// not change, everything else is applied and the exact policy for the key's owner is printed, exit 3.
import { afterEach, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketEncryptionCommand } from '@aws-sdk/client-s3';
import { GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
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

async function keyPolicy(sb: Sandbox, key: string): Promise<string> {
  const kms = new KMSClient({ region: sb.region, endpoint: sb.kmsEndpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  try {
    return (await kms.send(new GetKeyPolicyCommand({ KeyId: key }))).Policy!;
  } finally {
    kms.destroy();
  }
}

describe('access setup for an SSE-KMS bucket in a terminal', () => {
  it('the key-policy change is asked with the others; "yes" applies it and the checks pass', async () => {
    const sb = await sandbox();
    const before = await keyPolicy(sb, sb.kmsKeyArn);
    const t = terminal(['access', 'setup', '--bucket', sb.kmsBucket, '--role-name', 'pi-kms-tty'], sb.env);
    await t.waitFor(/Apply these 3 changes\?/, 30_000);
    // above the question, in the scrollback: the key-policy diff and the command
    const shown = await t.historyWith((h) => h.includes('The whole key policy afterwards'));
    expect(shown).toContain('The whole key policy afterwards');
    // (the command is kept whole on its own line, so it may start under the "$")
    expect(shown).toContain(`aws kms put-key-policy --key-id ${sb.kmsKeyArn} --po`);
    expect(await keyPolicy(sb, sb.kmsKeyArn)).toBe(before);
    t.type('y');
    t.send('Enter');
    const done = await t.waitFor(/Personalize can read s3:\/\/personalize-sandbox-sse-kms\//, 30_000);
    expect(done).toMatch(/✔ Add 2 statements to the key policy of arn:aws:kms:/);
    expect(done).toMatch(/PASS +The encryption key \(KMS\) can be used/);
    expect(await t.exitCode(30_000)).toBe(0);
    expect(await keyPolicy(sb, sb.kmsKeyArn)).toContain('arn:aws:iam::111122223333:role/pi-kms-tty');
  });

  it('a key only its administrators may change: the rest applied, the policy printed for its owner, exit 3 naming kms:PutKeyPolicy', async () => {
    const sb = await sandbox();
    const { s3 } = sandboxClients(sb);
    await s3.send(new CreateBucketCommand({ Bucket: 'tty-locked' }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'tty-locked', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: sb.lockedKeyArn } }] } }));
    s3.destroy();
    const before = await keyPolicy(sb, sb.lockedKeyArn);
    const t = terminal(['access', 'setup', '--bucket', 'tty-locked', '--role-name', 'pi-locked-tty'], sb.env);
    await t.waitFor(/Apply these 3 changes\?/, 30_000);
    await t.historyWith((h) => /Add 2 statements to the key policy of \S+\s+\(not applied by this tool\)/.test(h));
    t.type('y');
    t.send('Enter');
    // the last thing said (the error's hint): everything before it is on the screen or above
    const end = await t.waitFor(/Hand the JSON above to the key's owner/, 30_000);
    expect(end).toMatch(/was not\s+changed — You may not change this key's policy[\s\S]*kms:PutKeyPolicy/);
    expect(await t.exitCode(30_000)).toBe(3);
    // a line the terminal wrapped (120 columns, full) is joined to the next, as a copy would be
    const all = t.history().split('\n').reduce((acc, l, i, a) => acc + l + (l.length >= 120 && i < a.length - 1 ? '' : '\n'), '');
    expect(all).toContain("For the key's owner:");
    const owner = all.slice(all.indexOf("For the key's owner:"));
    expect(owner).toContain(`aws kms put-key-policy --key-id ${sb.lockedKeyArn} --policy-name default --policy file://key-policy.json`);
    expect(owner).toContain('"Sid": "Allow access for Key Administrators"');
    expect(owner).toContain('"Sid": "AllowPersonalizeRoleUseOfTheKey"');
    expect(all).toMatch(/✔ Create role pi-locked-tty/);
    expect(end).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(await keyPolicy(sb, sb.lockedKeyArn)).toBe(before);
  });
});
