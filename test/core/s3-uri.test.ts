// One reading of s3:// URIs for the import flow (the CSV answer, --data-location), preflight and the
// diagnosis' facts: each of them had its own regex (src/flow/plan.ts, src/diagnose/preflight.ts,
// src/diagnose/known.ts), and they differed at the edges.
import { describe, expect, it } from 'vitest';
import { bucketAnswerProblem, bucketOfFlag, isS3Text, parseS3Uri, s3ObjectOf } from '../../src/core/s3-uri.js';
import { parseCsvSource } from '../../src/flow/plan.js';
import { accessSetupCommand, bucketOfLocation } from '../../src/diagnose/known.js';

describe('parseS3Uri', () => {
  it('an object, a folder, the bucket alone', () => {
    expect(parseS3Uri('s3://data/imports/users.csv')).toEqual({ bucket: 'data', key: 'imports/users.csv' });
    expect(parseS3Uri('s3://data/imports/')).toEqual({ bucket: 'data', key: 'imports/' });
    expect(parseS3Uri('s3://data/')).toEqual({ bucket: 'data', key: '' });
    expect(parseS3Uri('s3://data')).toEqual({ bucket: 'data', key: '' });
    // surrounding white space is not part of it; a key keeps its own
    expect(parseS3Uri('  s3://data/my file.csv \n')).toEqual({ bucket: 'data', key: 'my file.csv' });
    // a second "/" is the key's
    expect(parseS3Uri('s3://data//x.csv')).toEqual({ bucket: 'data', key: '/x.csv' });
  });
  it('not an S3 URI: no bucket, another scheme, white space in the bucket', () => {
    for (const s of ['s3://', 's3:///key', 's3:/data/x.csv', 'data/x.csv', 'https://data.s3.amazonaws.com/x.csv', '', 's3://my data/x.csv']) expect(parseS3Uri(s), s).toBeUndefined();
  });
  it('the scheme in any case (as a user may type it)', () => {
    expect(parseS3Uri('S3://data/x.csv')).toEqual({ bucket: 'data', key: 'x.csv' });
  });
});

describe('its users read it the same way', () => {
  it('the CSV answer: s3:// or a local path', () => {
    expect(parseCsvSource(' s3://data/imports/ ')).toEqual({ kind: 's3', bucket: 'data', key: 'imports/' });
    expect(parseCsvSource('exports/users.csv')).toEqual({ kind: 'local', path: 'exports/users.csv' });
  });
  it("a job's data location: its bucket and folder", () => {
    expect(bucketOfLocation('s3://data/imports/2026/users.csv')).toEqual({ bucket: 'data', prefix: 'imports/2026/' });
    expect(bucketOfLocation('s3://data/users.csv')).toEqual({ bucket: 'data', prefix: '' });
    expect(bucketOfLocation('s3://data/imports/')).toEqual({ bucket: 'data', prefix: 'imports/' });
    expect(bucketOfLocation(undefined)).toBeUndefined();
    expect(bucketOfLocation('https://example.com/x.csv')).toBeUndefined();
    expect(accessSetupCommand({ location: 's3://data/imports/users.csv', datasetGroup: 'shop', region: 'eu-west-1' })).toBe('personalize-import access setup --bucket data --prefix imports/ --dataset-group shop --region eu-west-1');
  });
});

describe('a bucket given as a name or as s3://name[/folder/] (--bucket, the bucket answer)', () => {
  it('the bucket and the folder after it, the scheme in any case', () => {
    expect(bucketOfFlag('data')).toEqual({ bucket: 'data', prefix: '' });
    expect(bucketOfFlag('data/')).toEqual({ bucket: 'data', prefix: '' });
    expect(bucketOfFlag('S3://data')).toEqual({ bucket: 'data', prefix: '' });
    expect(bucketOfFlag(' s3://data/imports/ ')).toEqual({ bucket: 'data', prefix: 'imports/' });
    for (const s of ['s3://', 's3:/data', 's3://my data/']) expect(bucketOfFlag(s), s).toBeUndefined();
  });
  it('as an answer: a bucket name, or s3:// with a folder; an object named is said so', () => {
    for (const ok of ['data', 'S3://data', 's3://data/in/']) expect(bucketAnswerProblem(ok), ok).toBeUndefined();
    expect(bucketAnswerProblem('My_Data')).toMatch(/^An S3 bucket name/);
    expect(bucketAnswerProblem('s3://data/in/users.csv')).toMatch(/^That names an object/);
  });
});

describe('one S3 object a command reads', () => {
  it('S3:// in any case is S3, never a local file', () => {
    expect(isS3Text('S3://data/x.csv')).toBe(true);
    expect(isS3Text('s3:/data/x.csv')).toBe(false);
    expect(s3ObjectOf('fix', 'S3://data/in/x.csv')).toEqual({ bucket: 'data', key: 'in/x.csv' });
  });
  it('no bucket, a bucket alone, a folder: a usage error naming the fix', () => {
    expect(() => s3ObjectOf('fix', 's3://my data/x.csv')).toThrow(/^fix: 's3:\/\/my data\/x\.csv' is not an S3 location\.$/);
    expect(() => s3ObjectOf('schema', 's3://data')).toThrow(/^schema: s3:\/\/data is a bucket, not an object/);
    expect(() => s3ObjectOf('fix', 's3://data/in/')).toThrow(/is a prefix \(a folder\), not an object/);
  });
});
