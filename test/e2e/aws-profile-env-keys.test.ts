// --aws-profile (or AWS_PROFILE) with static keys in the environment too — a sandbox's `eval "$(…)"`
// left in the shell, CI's secrets beside a named profile: the SDK takes the profile and printed its
// 8-line "Multiple credential sources detected … a future version may change this behavior" warning
// on stderr. Now one line says what is true, once. Real SDK clients against a detached sandbox.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonDoc, newUserEnv, runCli, startEmptySandbox } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('a named profile with keys in the environment too', () => {
  it('access setup --dry-run --json: the profile is used, said in one line, and no SDK warning on stderr', async () => {
    const sb = startEmptySandbox('pi-oneshot-profile-');
    const dir = mkdtempSync(join(tmpdir(), 'pi-oneshot-aws-'));
    writeFileSync(join(dir, 'credentials'), `[sb]\naws_access_key_id = ${sb.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${sb.AWS_SECRET_ACCESS_KEY}\n`);
    writeFileSync(join(dir, 'config'), '[profile sb]\nregion = us-east-1\n');
    const env = { ...newUserEnv(sb), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') } as NodeJS.ProcessEnv;
    const r = await runCli(['access', 'setup', '--bucket', sb.PERSONALIZE_SANDBOX_NOGRANT_BUCKET, '--aws-profile', 'sb', '--dry-run', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonDoc(r).dryRun).toBe(true);
    expect(r.stderr).not.toMatch(/Multiple credential sources|future version/);
    expect(r.stderr.match(/^Note: the AWS profile sb is used; AWS_ACCESS_KEY_ID \/ AWS_SECRET_ACCESS_KEY in the environment are not\.$/gm)).toHaveLength(1);
  });
});
