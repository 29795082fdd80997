// The one rule for every command (issue 18 item 19): an unusable flag value is exit 2 naming the flag.
import { describe, expect, it } from 'vitest';
import { AWS_OPTIONS, COMMON_OPTIONS, parse } from '../../src/cli/args.js';
import { AppError } from '../../src/core/errors.js';

const OPTS = {
  ...COMMON_OPTIONS, ...AWS_OPTIONS,
  mode: { type: 'string' }, bucket: { type: 'string' }, prefix: { type: 'string' }, tag: { type: 'string', multiple: true },
  'dataset-arn': { type: 'string' }, 'dataset-group': { type: 'string' }, 'no-wait': { type: 'boolean' }, 'exit-status': { type: 'boolean' },
} as const;

function usage(argv: string[]): AppError {
  try {
    parse('import', argv, OPTS);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).exitCode).toBe(2);
    return e as AppError;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parse: one rule for every flag value', () => {
  it('an empty value is an error naming the flag, except where empty means something', () => {
    expect(usage(['--mode', '']).message).toMatch(/--mode needs a value/);
    expect(usage(['--region=']).message).toMatch(/--region needs a value/);
    expect(usage(['--tag', ' ']).message).toMatch(/--tag needs a value/);
    expect(parse('import', ['--prefix', ''], OPTS).values.prefix).toBe('');
  });
  it('a single-value flag given twice is an error listing both values', () => {
    expect(usage(['--mode', 'full', '--mode', 'incremental']).message).toMatch(/--mode was given 2 times \('full', 'incremental'\)/);
    expect(parse('import', ['--tag', 'a=1', '--tag', 'b=2'], OPTS).values.tag).toEqual(['a=1', 'b=2']);
  });
  it('flags that exclude each other, and flags that need another', () => {
    expect(usage(['--dataset-arn', 'arn:aws:personalize:us-east-1:1:dataset/g/ITEMS', '--dataset-group', 'g']).message).toMatch(/--dataset-arn or --dataset-group, not both/);
    expect(usage(['--exit-status']).message).toMatch(/--exit-status needs --no-wait/);
    expect(parse('import', ['--exit-status', '--no-wait'], OPTS).values['exit-status']).toBe(true);
  });
  it('region, bucket, prefix and AWS profile of the wrong shape, or 10 KB long', () => {
    expect(usage(['--region', 'US East']).message).toMatch(/--region 'US East' is not an AWS region/);
    expect(usage(['--region', 'x'.repeat(10_000)]).message).toMatch(/--region 'x{40}… \(10,000 characters\)' is too long/);
    expect(usage(['--bucket', 'My_Bucket']).message).toMatch(/--bucket 'My_Bucket' is not an S3 bucket name/);
    expect(usage(['--bucket', 'b'.repeat(64)]).message).toMatch(/3–63 characters; this one has 64/);
    expect(usage(['--prefix', 'p/'.repeat(600)]).message).toMatch(/--prefix .* is too long for an S3 key prefix/);
    expect(usage(['--aws-profile', 'a b']).message).toMatch(/--aws-profile 'a b' is not an AWS profile name/);
    expect(usage(['--mode', 'full\x1b[2J']).message).toMatch(/--mode 'full\\x1b\[2J' holds control characters/);
    const ok = parse('import', ['--region', 'eu-west-1', '--bucket', 's3://my-data.bucket/', '--prefix', 'a/b/', '--aws-profile', 'sso-test'], OPTS).values;
    expect(ok).toMatchObject({ region: 'eu-west-1', bucket: 's3://my-data.bucket/', prefix: 'a/b/', 'aws-profile': 'sso-test' });
  });
});
