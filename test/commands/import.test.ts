// The parts of `import` decided before any AWS call: which flags are missing without a terminal,
// and the help text's promises (flags, exit codes, examples).
import { describe, expect, it } from 'vitest';
import { help, missingFlags } from '../../src/commands/import.js';

describe('import: missing flags (no terminal)', () => {
  it('names the dataset and the data when neither is given', () => {
    expect(missingFlags({}, false)).toEqual(['--dataset-arn (or --dataset-group with --dataset-type)', '--csv <file> (or --data-location s3://…)']);
  });

  it('a group needs a type; a type needs a group', () => {
    expect(missingFlags({ datasetGroupName: 'shop', source: { kind: 's3', bucket: 'b', key: 'k.csv' } }, false)).toEqual(['--dataset-type']);
    expect(missingFlags({ datasetType: 'ITEMS', source: { kind: 's3', bucket: 'b', key: 'k.csv' } }, false)).toEqual(['--dataset-group (or --dataset-arn)']);
  });

  it('a local CSV needs --bucket unless the sandbox provides one; data in S3 does not', () => {
    const a = { datasetArn: 'arn:aws:personalize:us-east-1:123456789012:dataset/shop/ITEMS', source: { kind: 'local' as const, path: 'x.csv' } };
    expect(missingFlags(a, false)).toEqual(['--bucket']);
    expect(missingFlags(a, true)).toEqual([]);
    expect(missingFlags({ ...a, bucket: 'b' }, false)).toEqual([]);
    expect(missingFlags({ ...a, source: { kind: 's3', bucket: 'b', key: 'k/' } }, false)).toEqual([]);
  });
});

describe('import --help', () => {
  it('lists every flag of the command, the exit codes and examples', () => {
    for (const flag of ['--dataset-arn', '--dataset-group', '--dataset-type', '--csv', '--bucket', '--prefix', '--data-location', '--role-arn', '--mode', '--job-name', '--tag', '--publish-attribution-metrics', '--profile', '--region', '--aws-profile', '--skip-validation', '--no-wait', '--json', '--yes', '--sandbox', '--debug', '--plain']) {
      expect(help).toContain(flag);
    }
    expect(help).toMatch(/Exit codes\n {2}0 +the job is ACTIVE/);
    expect(help).toMatch(/ {2}3 +credentials or permissions: .*preflight found a permission/s);
    expect(help).toMatch(/ {2}130 interrupted/);
    expect(help.match(/^ {2}personalize-import import /gm)?.length).toBeGreaterThanOrEqual(3);
  });
});
