// `access setup` in a brand-new account (the sandbox with --seed none: no dataset group yet), as
// README's *Using it with a real AWS account* walks it before the group exists: without
// --dataset-group the account comes from STS (GetCallerIdentity), so the role can be created; a
// --dataset-group that does not exist yet says how to go on without it.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { withSandbox } from '../helpers/sandbox.js';
import { accessSetup } from '../helpers/access-run.js';
import { cliEnv, ensureBuilt, runCli, SAMPLES } from '../e2e/import-helpers.js';

const sb = withSandbox({ jobSeconds: 0, seed: 'none' });

const access = (args: string[]) => accessSetup(args, sb.env);

describe('access setup in an account with no dataset group', () => {
  beforeAll(() => ensureBuilt());

  it('creates the bucket and the role: the account is asked of STS, not of a group', async () => {
    const r = await access(['--bucket', 'fresh-data', '--prefix', 'imports/', '--create-bucket', '--yes', '--json']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { action: string }[]; roleArn: string };
    expect(doc.changes.map((c) => c.action)).toContain('CreateRole');
    expect(doc.roleArn).toBe(`arn:aws:iam::${sb.sandbox.accountId}:role/PersonalizeImport-fresh-data`);
    const iam = new IAMClient({ region: 'us-east-1', endpoint: sb.env.AWS_ENDPOINT_URL_IAM, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const role = await iam.send(new GetRoleCommand({ RoleName: 'PersonalizeImport-fresh-data' }));
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toContain(sb.sandbox.accountId);
  });

  it('the import command it ends with runs as printed, its placeholders filled in: the group is created and the file imported with the new role', async () => {
    const r = await access(['--bucket', 'fresh-data-3', '--prefix', 'imports/', '--create-bucket', '--yes']);
    expect(r.code, r.err).toBe(0);
    const line = /Import with \(FILE your CSV, GROUP the dataset group to create, TYPE its dataset type\): personalize-import (import .*)$/m.exec(r.out.replace(/\n\s+/g, ' '));
    expect(line, r.out).not.toBeNull();
    const args = line![1].split(' ').map((w) => ({ FILE: join(SAMPLES, 'interactions.csv'), GROUP: 'fresh-shop', TYPE: 'interactions' })[w] ?? w);
    const imported = await runCli([...args, '--interval', '0.05'], cliEnv(sb.env));
    expect(imported.code, imported.stderr + imported.stdout).toBe(0);
    expect(imported.stdout).toContain('✔ Imported into fresh-shop-interactions.');
  }, 60_000);

  it('a --dataset-group that does not exist yet: the hint says to leave it out, and that runs', async () => {
    const r = await access(['--bucket', 'fresh-data-2', '--create-bucket', '--dataset-group', 'shop', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("no dataset group named 'shop'");
    expect(r.err).toContain('leave out --dataset-group');
    const again = await access(['--bucket', 'fresh-data-2', '--create-bucket', '--dry-run']);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('Create role PersonalizeImport-fresh-data-2');
  });
});
