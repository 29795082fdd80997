// `import --fix` of a file with columns its dataset's schema lacks (the customers export of
// wizard-fix-again-tmux.test.ts): `import` changes no schema, so the copy is written for the schema as
// it is and the fix never has to run again (steps-fix-again.ts is the wizard's). It says the columns
// are left out of this import and where they can be added (no flag adds a field), not what adding
// would mean; the schema is unchanged and the job ACTIVE. The built CLI as a child process against the
// seeded sandbox in this process (real SDK clients).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDatasetCommand, DescribeSchemaCommand } from '@aws-sdk/client-personalize';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { customersCsv } from '../helpers/customers-csv.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli } from './import-helpers.js';

beforeAll(() => ensureBuilt());

describe('import --fix of a file with columns the schema lacks', () => {
  const sb = withSandbox({ jobSeconds: 0 });

  it('fixed for the schema as it is, the columns left out and the wizard named, the schema unchanged → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-new-columns-'));
    const csv = join(dir, 'customers.csv');
    writeFileSync(csv, customersCsv());
    const r = await runCli(['import', '--csv', csv, '--dataset-group', 'sandbox-shop', '--dataset-type', 'users', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--yes', '--json', '--fix'], cliEnv({ ...sb.env }));
    expect(r.code, r.stderr).toBe(0);
    expect(jsonDoc(r)).toMatchObject({ status: 'ACTIVE', validation: { valid: true }, fix: { fixed: true } });
    const err = r.stderr.replace(/\s+/g, ' ');
    expect(err).toContain('has 2 columns the schema of sandbox-shop-users lacks: signup_score, is_vip. As it is, they are not imported.');
    expect(err).toContain('import adds no field to a schema, so they are left out of this import. To add them: run personalize-import without a command (the wizard) and choose “Add signup_score, is_vip to the schema”.');
    expect(err).not.toContain('Adding means');
    expect(err).not.toContain('is fixed again');
    const ds = await sb.personalize.send(new DescribeDatasetCommand({ datasetArn: sb.seeded.datasetArn('custom', 'USERS') }));
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: ds.dataset!.schemaArn! }))).schema!.schema!) as { fields: { name: string }[] };
    expect(held.fields.map((f) => f.name)).toEqual(['USER_ID', 'MEMBERSHIP', 'AGE']);
  });
});
