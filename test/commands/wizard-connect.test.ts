// The wizard's own connection to its embedded sandbox (Ink and plain mode share it): IAM, KMS and STS
// are the sandbox's too, so preflight's pass-role and KMS checks are answered there rather than
// "Not checked (STS cannot be asked here)" — the wizard once built its sandbox context with IAM only.
import { afterEach, describe, expect, it } from 'vitest';
import { connector } from '../../src/commands/wizard.js';
import type { Connected } from '../../src/ui/ink/types.js';

const opened: Connected[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close?.();
});

describe('the wizard connected to its embedded sandbox', () => {
  it('asks the sandbox who the caller is (STS) and reads key policies (KMS)', async () => {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: {} } as never;
    const c = await connector({}, io, 0, opened)({ sandbox: true });
    const access = c.accessSetup!.access;
    expect(access.kmsUnavailable).toBeUndefined();
    expect(access.kms).toBeDefined();
    const who = await access.callerIdentity!();
    expect(who.principalArn).toBe('arn:aws:iam::111122223333:user/sandbox-user');
  });
});
