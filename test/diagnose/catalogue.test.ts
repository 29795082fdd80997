import { describe, expect, it } from 'vitest';
import { CATALOGUE_IDS, matchCreateError, matchFailure, parseValidationErrors } from '../../src/diagnose/catalogue.js';

describe('matchFailure: every message in PERSONALIZE-FACTS.md', () => {
  it.each([
    'Insufficient privileges for accessing data in S3',
    'Insufficient privileges for accessing data in Amazon S3.',
    'insufficient privileges for accessing data in amazon s3. Please check bucket policy.',
  ])('S3 privileges: %s', (msg) => {
    const m = matchFailure(msg);
    expect(m.known).toBe(true);
    expect(m.id).toBe('s3-insufficient-privileges');
    expect(m.checks[0]).toBe('bucket-policy');
    expect(m.fix).toMatch(/personalize\.amazonaws\.com/);
  });

  it('S3 privileges: a bucket is named only when the message names one ("fix the bucket permissions" named a bucket "permissions")', () => {
    const words = matchFailure('Failed to create a data import job: Insufficient privileges for accessing data in S3. Please look at https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-s3-access.html and fix the bucket permissions.');
    expect(words.id).toBe('s3-insufficient-privileges');
    expect(words.captured?.bucket).toBeUndefined();
    expect(`${words.cause} ${words.fix}`).not.toMatch(/\bpermissions\/\*|in permissions\b/);
    for (const tail of ['the bucket access settings', 'the bucket ACLs', 'your bucket encryption', 'the bucket owner', 'that bucket itself']) expect(matchFailure(`Insufficient privileges for accessing data in S3: check ${tail}.`).captured?.bucket, tail).toBeUndefined();
    expect(matchFailure('Insufficient privileges for accessing data in S3 bucket shop-data.').captured?.bucket).toBe('shop-data');
    expect(matchFailure('Insufficient privileges for accessing data in S3 (s3://my-bucket/events/).').captured?.bucket).toBe('my-bucket');
  });

  it('missing columns: names the columns in the fix', () => {
    const m = matchFailure('Input CSV is missing the following columns: [ITEM_ID, TIMESTAMP]');
    expect(m.id).toBe('missing-columns');
    expect(m.known && m.captured.columns).toBe('ITEM_ID,TIMESTAMP');
    expect(m.fix).toContain('ITEM_ID, TIMESTAMP');
    expect(m.checks).toEqual(['data-valid']);
  });

  it('value too long: weaves limit and column into the fix and mentions broken quoting', () => {
    const m = matchFailure('Length cannot be more than 1,000 characters for GENRES.');
    expect(m.id).toBe('value-too-long');
    expect(m.known && m.captured).toEqual({ limit: '1000', column: 'GENRES' });
    expect(m.fix).toContain('GENRES exceeds 1000');
    expect(m.cause).toMatch(/broken quote/);
  });

  it('invalid data location', () => {
    expect(matchFailure('Invalid Data location.').id).toBe('invalid-data-location');
    expect(matchFailure('invalid data location').id).toBe('invalid-data-location');
  });

  it('more than 5 running jobs', () => {
    const m = matchFailure('More than 5 resources with PENDING or IN_PROGRESS status.');
    expect(m.id).toBe('too-many-running-jobs');
    expect(m.checks).toContain('running-jobs');
    expect(m.cause).toContain('At most 5');
  });

  it('fewer than 25 users', () => {
    const m = matchFailure('Dataset has fewer than 25 users with at least 2 interactions each.');
    expect(m.id).toBe('too-few-users');
    expect(m.fix).toContain('at least 25 users have 2 or more');
  });

  it('fewer than 1000 interactions after filtering by event type: names the event type', () => {
    const m = matchFailure('Dataset has fewer than 1000 interactions after filtering by event type: purchase');
    expect(m.id).toBe('too-few-interactions-event-type');
    expect(m.known && m.captured.eventType).toBe('purchase');
    expect(m.fix).toContain('"purchase"');
  });

  it('fewer than 1000 interactions (no event type)', () => {
    const m = matchFailure('There are fewer than 1000 interactions in the dataset.');
    expect(m.id).toBe('too-few-interactions');
    const n = matchFailure('There are not enough interactions in the data: found 400, at least 1000 are required.');
    expect(n.id).toBe('too-few-interactions');
    expect(n.known && n.captured.minimum).toBe('1000');
  });

  it('iam:PassRole denied: names the principal and role', () => {
    const m = matchFailure('User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/PersonalizeRole');
    expect(m.id).toBe('passrole-denied');
    expect(m.fix).toContain('arn:aws:iam::123456789012:role/PersonalizeRole');
    expect(m.fix).toContain('iam:PassedToService');
  });

  it('already exists', () => {
    const m = matchFailure('ResourceAlreadyExistsException: Dataset import job with name shop-20261123 already exists.');
    expect(m.id).toBe('already-exists-import-job');
    expect(m.known && m.captured.name).toBe('shop-20261123');
  });

  it('training before the import completed', () => {
    const m = matchFailure('Dataset group must contain an INTERACTIONS dataset with successfully completed dataset import job');
    expect(m.id).toBe('interactions-import-not-complete');
  });
});

describe('validation-error shapes', () => {
  it('one error: field, value and constraint captured', () => {
    const msg = "1 validation error detected: Value 'my job!' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*";
    const m = matchFailure(msg);
    expect(m.id).toBe('invalid-input-pattern');
    expect(m.known && m.captured.member).toBe('jobName');
    expect(m.known && m.captured.value).toBe('my job!');
    expect(m.fix).toContain('1–63 characters');
  });

  it('several errors separated by semicolons', () => {
    const msg = `2 validation errors detected: Value '${'a'.repeat(70)}' at 'jobName' failed to satisfy constraint: Member must have length less than or equal to 63; Value 'ftp://b/k' at 'dataSource.dataLocation' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+`;
    const p = parseValidationErrors(msg)!;
    expect(p.map((x) => x.field)).toEqual(['jobName', 'dataSource.dataLocation']);
    expect(p[0].constraint).toBe('Member must have length less than or equal to 63');
    const m = matchFailure(msg);
    expect(m.id).toBe('invalid-input-length');
    expect(m.title).toContain('(jobName)');
    expect(m.cause).toContain('Also: dataSource.dataLocation');
    expect(m.fix).toContain('s3://BUCKET/KEY');
  });

  it('null value', () => {
    const p = parseValidationErrors("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null")!;
    expect(p).toEqual([{ value: undefined, field: 'roleArn', constraint: 'Member must not be null' }]);
  });

  it('not a validation message', () => {
    expect(parseValidationErrors('Invalid Data location.')).toBeUndefined();
  });
});

describe('unknown messages', () => {
  it('are said to be unknown, with generic next steps, never a guess', () => {
    const m = matchFailure('Something entirely new happened at 03:00.');
    expect(m.known).toBe(false);
    expect(m.id).toBe('unknown');
    expect(m.cause).toContain('not in the catalogue');
    expect(m.fix).toMatch(/diagnose/);
    expect(m.fix).toMatch(/validate/);
  });
  it('an empty reason is unknown too', () => {
    expect(matchFailure(undefined).known).toBe(false);
  });
});

describe('matchCreateError (errors at create time)', () => {
  it('LimitExceededException at CreateDatasetImportJob is about running jobs; "Rate exceeded" is throttling', () => {
    expect(matchCreateError({ name: 'LimitExceededException', message: 'Limit exceeded' }).id).toBe('too-many-running-jobs');
    expect(matchCreateError({ name: 'LimitExceededException', message: 'Rate exceeded' }).id).toBe('throttled');
    expect(matchCreateError({ name: 'LimitExceededException', message: 'Limit exceeded' }, 'CreateDatasetGroup').id).toBe('resource-quota');
  });
  it('LimitExceededException with the service message', () => {
    expect(matchCreateError({ awsName: 'LimitExceededException', message: 'More than 5 resources with PENDING or IN_PROGRESS status.' }).id).toBe('too-many-running-jobs');
  });
  it('ResourceAlreadyExistsException', () => {
    expect(matchCreateError({ name: 'ResourceAlreadyExistsException', message: 'A resource with this name already exists' }).id).toBe('already-exists-import-job');
  });
  it('AccessDenied on iam:PassRole (AppError.action)', () => {
    expect(matchCreateError({ awsName: 'AccessDeniedException', action: 'iam:PassRole', message: 'Access denied' }).id).toBe('passrole-denied');
  });
  it('AccessDenied on the Personalize action', () => {
    const m = matchCreateError({ name: 'AccessDeniedException', message: 'User: arn:aws:iam::1:user/a is not authorized to perform: personalize:CreateDatasetImportJob on resource: x' });
    expect(m.id).toBe('caller-access-denied');
    expect(m.fix).toContain('personalize:CreateDatasetImportJob');
  });
  it('InvalidInputException carrying the S3 privileges message (synchronous at create)', () => {
    expect(matchCreateError({ name: 'InvalidInputException', message: 'Insufficient privileges for accessing data in S3.' }).id).toBe('s3-insufficient-privileges');
  });
  it('ResourceNotFoundException / ResourceInUseException / TooManyTagsException', () => {
    expect(matchCreateError({ name: 'ResourceNotFoundException', message: 'Could not find dataset' }).id).toBe('resource-not-found');
    expect(matchCreateError({ name: 'ResourceInUseException', message: 'busy' }).id).toBe('resource-in-use');
    expect(matchCreateError({ name: 'TooManyTagsException', message: 'x' }).id).toBe('too-many-tags');
  });
  it('an unknown error is unknown', () => {
    expect(matchCreateError({ name: 'WeirdException', message: 'nope' }).known).toBe(false);
  });
  it('every id is listed once', () => {
    expect(new Set(CATALOGUE_IDS).size).toBe(CATALOGUE_IDS.length);
  });
});

describe('catalogue examples and troubleshooting text', () => {
  it('every message-matched entry has an example that matches itself', async () => {
    const { CATALOGUE_EXAMPLES } = await import('../../src/diagnose/catalogue.js');
    const { troubleshootingMarkdown } = await import('../../src/diagnose/troubleshooting.js');
    for (const { id, example } of CATALOGUE_EXAMPLES) expect(matchFailure(example).id, example).toBe(id);
    for (const id of CATALOGUE_IDS) expect(CATALOGUE_EXAMPLES.some((e) => e.id === id), id).toBe(true);
    const md = troubleshootingMarkdown();
    expect(md).toContain('## Troubleshooting');
    expect(md).toContain('Insufficient privileges for accessing data in S3');
    expect(md).toContain("personalize-import diagnose --message 'An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation");
  });
});
