// The AWS CLI (v1, a Python program that knows nothing of us) creating a group, schema and dataset
// in an empty sandbox (seed none), and meeting the service's errors as it would on AWS. Skipped,
// saying so, when no `aws` is on PATH.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { AWS_CLI, awsEnv } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const hasAws = AWS_CLI !== undefined;

describe.skipIf(!hasAws)('AWS CLI creating resources in sandbox --seed none (skipped when `aws` is not installed)', () => {
  // created resources are ACTIVE at once here; the slow sandbox below shows the pending states
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0 });
  const env = () => awsEnv(sb.env);
  // each call starts the CLI (Python, ≈1 s of CPU): calls that do not depend on each other run side by side
  const aws = async (...args: string[]) => JSON.parse((await run(AWS_CLI!, ['personalize', ...args, '--output', 'json'], { env: env(), timeout: 60_000 })).stdout || '{}') as Record<string, any>;
  const awsError = async (...args: string[]) => ((await aws(...args).catch((x: unknown) => x)) as { stderr: string }).stderr;
  async function waitActive(kind: 'dataset-group' | 'dataset', arn: string): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      const out = kind === 'dataset-group' ? (await aws('describe-dataset-group', '--dataset-group-arn', arn)).datasetGroup : (await aws('describe-dataset', '--dataset-arn', arn)).dataset;
      seen.push(out.status);
      if (out.status === 'ACTIVE') return seen;
    }
    throw new Error(`${arn} never became ACTIVE: ${seen.join(', ')}`);
  }

  it('create-dataset-group, create-schema (file://), create-dataset, update-dataset, deletes', { timeout: 300_000 }, async () => {
    expect((await aws('list-dataset-groups')).datasetGroups).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'pi-cli-'));
    const file = (name: string, fields: unknown[]) => {
      const f = path.join(dir, name);
      writeFileSync(f, JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields, version: '1.0' }));
      return `file://${f}`;
    };
    const base = [{ name: 'USER_ID', type: 'string' }, { name: 'TIER', type: 'string', categorical: true }];
    const [{ datasetGroupArn }, { schemaArn }] = await Promise.all([aws('create-dataset-group', '--name', 'cli-shop'), aws('create-schema', '--name', 'cli-users', '--schema', file('v1.json', base))]);
    expect(await waitActive('dataset-group', datasetGroupArn)).toContain('ACTIVE');
    const { datasetArn } = await aws('create-dataset', '--name', 'cli-users', '--dataset-group-arn', datasetGroupArn, '--schema-arn', schemaArn, '--dataset-type', 'Users');
    await waitActive('dataset', datasetArn);
    const [dupGroup, badSchema, { schemaArn: v2 }] = await Promise.all([
      awsError('create-dataset-group', '--name', 'cli-shop'),
      awsError('create-schema', '--name', 'cli-bad', '--schema', file('bad.json', [{ name: 'USER_ID', type: 'string' }])),
      aws('create-schema', '--name', 'cli-users-v2', '--schema', file('v2.json', [...base, { name: 'AGE', type: ['null', 'long'], default: null }])),
    ]);
    expect(dupGroup).toContain('An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetGroup operation');
    expect(badSchema).toMatch(/\(InvalidInputException\) when calling the CreateSchema operation: Invalid schema: Users schemas need at least one metadata field/);
    await aws('update-dataset', '--dataset-arn', datasetArn, '--schema-arn', v2);
    const [described, schemas, inUse] = await Promise.all([aws('describe-dataset', '--dataset-arn', datasetArn), aws('list-schemas'), awsError('delete-dataset-group', '--dataset-group-arn', datasetGroupArn)]);
    expect(described.dataset.schemaArn).toBe(v2);
    expect(schemas.schemas.map((s: { name: string }) => s.name).sort()).toEqual(['cli-users', 'cli-users-v2']);
    expect(inUse).toContain('(ResourceInUseException) when calling the DeleteDatasetGroup operation');
    await aws('delete-dataset', '--dataset-arn', datasetArn);
    await aws('delete-schema', '--schema-arn', schemaArn);
    expect((await aws('list-schemas')).schemas.map((s: { name: string }) => s.name)).toEqual(['cli-users-v2']);
  });

  describe('creation takes time', () => {
    // 10 minutes: whatever the machine's load, the group is still pending when the CLI asks
    const slow = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 600 });
    const slowAws = async (...args: string[]) => run(AWS_CLI!, ['personalize', ...args, '--output', 'json'], { env: { ...env(), ...slow.env }, timeout: 60_000 });

    it('a new group is CREATE PENDING, and a dataset cannot be added to it yet (ResourceInUseException)', { timeout: 120_000 }, async () => {
      const schema = JSON.stringify({ type: 'record', name: 'Users', namespace: 'com.amazonaws.personalize.schema', fields: [{ name: 'USER_ID', type: 'string' }, { name: 'TIER', type: 'string', categorical: true }], version: '1.0' });
      const [created, made] = await Promise.all([slowAws('create-dataset-group', '--name', 'slow-shop'), slowAws('create-schema', '--name', 'slow-users', '--schema', schema)]);
      const { datasetGroupArn } = JSON.parse(created.stdout) as { datasetGroupArn: string };
      const { schemaArn } = JSON.parse(made.stdout) as { schemaArn: string };
      const described = JSON.parse((await slowAws('describe-dataset-group', '--dataset-group-arn', datasetGroupArn)).stdout) as { datasetGroup: { status: string } };
      expect(described.datasetGroup.status).toBe('CREATE PENDING');
      const e = (await slowAws('create-dataset', '--name', 'early', '--dataset-group-arn', datasetGroupArn, '--schema-arn', schemaArn, '--dataset-type', 'Users').catch((x: unknown) => x)) as { stderr: string };
      expect(e.stderr).toContain(`An error occurred (ResourceInUseException) when calling the CreateDataset operation: Dataset group ${datasetGroupArn} is CREATE PENDING`);
    });
  });
});
