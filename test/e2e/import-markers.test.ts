// A newcomer's items export with missing values written as markers (PRICE n/a, N/A, NULL in ~120
// rows, empty in ~40: src/validate/markers.ts) through `import --create --fix`: the inferred schema
// types PRICE float (optional) and says the markers are missing; the fixer writes them empty; the
// copy imports → ACTIVE and what was uploaded has empty PRICE where the markers were. Without --fix
// nothing is created and the hint says what --fix would do. The built CLI as a child process against
// a sandbox started as `sandbox --seed none` (an empty account), in this process (real SDK clients).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSchemaCommand, ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSandbox } from '../helpers/sandbox.js';
import { cliEnv, ensureBuilt, jsonDoc, runCli } from './import-helpers.js';
import { emptyCount, markerCount, markerPrice, markersCsv, MARKER_ROWS } from '../helpers/markers-csv.js';

beforeAll(() => ensureBuilt());

describe('import --create --fix of an export with missing-value markers', () => {
  const sb = withSandbox({ jobSeconds: 0, seed: 'none', createSeconds: 0.3 });
  const env = () => cliEnv({ ...sb.env });

  it('--create alone creates nothing and names --fix; --create --fix creates, writes the markers empty and imports → ACTIVE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-markers-'));
    const csv = join(dir, 'items.csv');
    writeFileSync(csv, markersCsv);
    const args = ['import', '--csv', csv, '--dataset-group', 'na', '--bucket', sb.sandbox.bucket, '--role-arn', sb.sandbox.roleArn, '--interval', '0.05', '--yes', '--json', '--create'];
    const refused = await runCli(args, env());
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`PRICE: float \\(optional\\)\\n +PRICE is a float in Personalize; optional: ${markerCount + emptyCount} of 1,500 values are missing \\(${emptyCount} empty, ${markerCount} written `));
    expect(refused.stderr).toMatch(/MISSING_MARKERS: PRICE: \d+ of 1,500 values are missing-value markers/);
    expect(refused.stderr).toMatch(/Pass --fix: the schema and dataset are created, then a fixed copy of the file \(missing-value markers written empty\) is written and imported/);
    expect(((await sb.personalize.send(new ListDatasetGroupsCommand({}))).datasetGroups ?? []).map((g) => g.name)).not.toContain('na');

    const r = await runCli([...args, '--fix'], env());
    expect(r.code, r.stderr).toBe(0);
    const doc = jsonDoc(r);
    expect(doc).toMatchObject({ status: 'ACTIVE', validation: { valid: true, rows: MARKER_ROWS }, fix: { fixed: true, rejected: 0 } });
    expect(r.stderr).toMatch(new RegExp(`\\n  PRICE: ${markerCount} missing-value markers \\((n/a|N/A|NULL), (n/a|N/A|NULL), (n/a|N/A|NULL)\\) written empty\\n`));
    // the schema the service holds: PRICE optional
    const held = JSON.parse((await sb.personalize.send(new DescribeSchemaCommand({ schemaArn: doc.created.schemaArn }))).schema!.schema!) as { fields: { name: string; type: unknown }[] };
    expect(held.fields.find((f) => f.name === 'PRICE')?.type).toEqual(['null', 'float']);
    // what was uploaded: the copy, PRICE empty where the markers were, the other values as they were
    const body = await (await sb.s3.send(new GetObjectCommand({ Bucket: doc.upload.bucket, Key: doc.upload.key }))).Body!.transformToString();
    expect(body).toBe(readFileSync(join(dir, 'items.fixed.csv'), 'utf8'));
    const prices = body.trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    expect(prices).toEqual(Array.from({ length: MARKER_ROWS }, (_, i) => (/^[a-z/]+$/i.test(markerPrice(i)) ? '' : markerPrice(i))));
  });
});
