import { describe, expect, it } from 'vitest';
import {
  checkJobName, checkRoleArn, checkTags, completePlan, dataLocation, fullConfirmationMatches, importModeRules, nextSteps, parseCsvSource,
  parseTags, s3KeyFor, suggestJobName, checkMode, stepNumber, STEPS,
} from '../../src/flow/index.js';
import type { ImportJob } from '../../src/core/resources.js';

const job = (name: string, status: string, day: number, importMode: 'FULL' | 'INCREMENTAL' = 'FULL'): ImportJob => ({
  arn: `arn:aws:personalize:us-east-1:123456789012:dataset-import-job/${name}`, name, status, importMode, createdAt: new Date(Date.UTC(2026, 0, day)), updatedAt: new Date(Date.UTC(2026, 0, day, 1)),
});

describe('import mode rules', () => {
  it('no bulk data: FULL only, INCREMENTAL disabled with a reason, FULL is the default', () => {
    const r = importModeRules([job('a', 'CREATE FAILED', 1)]);
    expect(r.hasBulkData).toBe(false);
    expect(r.defaultMode).toBe('FULL');
    const inc = r.options.find((o) => o.mode === 'INCREMENTAL')!;
    expect(inc.enabled).toBe(false);
    expect(inc.disabledReason).toMatch(/No bulk import/);
    expect(checkMode(r, 'INCREMENTAL')).toMatch(/first import is FULL/);
    expect(r.options.find((o) => o.mode === 'FULL')!.needsConfirmation).toBe(false);
  });
  it('bulk data: no default, FULL names the last ACTIVE job and needs the typed name', () => {
    const r = importModeRules([job('old', 'ACTIVE', 1), job('newer', 'ACTIVE', 5, 'INCREMENTAL'), job('failed', 'CREATE FAILED', 9), job('run', 'CREATE IN_PROGRESS', 10)]);
    expect(r.hasBulkData).toBe(true);
    expect(r.defaultMode).toBeUndefined();
    expect(r.lastActive?.name).toBe('newer');
    expect(r.running.map((j) => j.name)).toEqual(['run']);
    const full = r.options.find((o) => o.mode === 'FULL')!;
    expect(full.needsConfirmation).toBe(true);
    expect(full.description).toContain('job newer on 2026-01-05 01:00 UTC');
    expect(full.description).toContain('records imported one by one are kept');
    expect(r.options.find((o) => o.mode === 'INCREMENTAL')!.description).toContain('1 GB');
    expect(checkMode(r, 'INCREMENTAL')).toBeUndefined();
  });
  it('typed confirmation must be the exact dataset name', () => {
    expect(fullConfirmationMatches(' shop-interactions ', 'shop-interactions')).toBe(true);
    expect(fullConfirmationMatches('shop', 'shop-interactions')).toBe(false);
    expect(fullConfirmationMatches('SHOP-INTERACTIONS', 'shop-interactions')).toBe(false);
  });
});

describe('job names', () => {
  const now = new Date(Date.UTC(2026, 10, 23, 9, 5, 7));
  it('suggests <dataset>-<yyyymmdd-hhmmss> that passes the pattern', () => {
    expect(suggestJobName('shop-interactions', now)).toBe('shop-interactions-20261123-090507');
    expect(checkJobName(suggestJobName('shop interactions!', now))).toBeUndefined();
    expect(suggestJobName('_x', now)).toBe('x-20261123-090507');
    expect(suggestJobName('a'.repeat(80), now).length).toBeLessThanOrEqual(63);
  });
  it('avoids a taken name', () => {
    const taken = ['d-20261123-090507'];
    const s = suggestJobName('d', now, taken);
    expect(s).not.toBe(taken[0]);
    expect(checkJobName(s, taken)).toBeUndefined();
  });
  it('rejects what the service rejects and duplicates', () => {
    expect(checkJobName('')).toMatch(/required/);
    expect(checkJobName('-abc')).toMatch(/starts with a letter or digit/);
    expect(checkJobName('a b')).toMatch(/only letters, digits/);
    expect(checkJobName('a'.repeat(64))).toMatch(/at most 63/);
    expect(checkJobName('a'.repeat(63))).toBeUndefined();
    expect(checkJobName('dup', ['dup'])).toMatch(/already exists/);
  });
});

describe('role, tags, locations', () => {
  it('role ARN pattern', () => {
    expect(checkRoleArn('arn:aws:iam::123456789012:role/PersonalizeS3')).toBeUndefined();
    expect(checkRoleArn('arn:aws:iam::123456789012:role/service-role/a.b@c')).toBeUndefined();
    expect(checkRoleArn('arn:aws:iam::12345:role/x')).toMatch(/not an IAM role ARN/);
    expect(checkRoleArn('')).toMatch(/required/);
  });
  it('tags', () => {
    expect(parseTags('team=search, env = prod')).toEqual({ tags: { team: 'search', env: 'prod' }, error: undefined });
    expect(parseTags('oops').error).toMatch(/not key=value/);
    expect(checkTags({ ['k'.repeat(129)]: 'v' })).toMatch(/1–128/);
    expect(checkTags({ k: 'v'.repeat(257) })).toMatch(/256/);
    expect(checkTags({ k: '' })).toBeUndefined();
    // a resource carries at most 50 (the request's list would take 200: TooManyTagsException after the upload)
    expect(checkTags(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])))).toBe('A Personalize resource carries at most 50 tags; 51 were given.');
    expect(checkTags(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])))).toBeUndefined();
  });
  it('keys and locations', () => {
    // unique per run (time + 4 random characters), the same for every call in one run
    const key = s3KeyFor('imports/', 'samples/interactions.csv');
    expect(key).toMatch(/^imports\/interactions-\d{8}-\d{6}-[a-z2-9]{4}\.csv$/);
    expect(s3KeyFor('imports/', 'samples/interactions.csv')).toBe(key);
    const id = key.slice('imports/interactions-'.length, -'.csv'.length);
    expect(s3KeyFor('/a//', '/tmp/x.csv')).toBe(`a/x-${id}.csv`);
    expect(s3KeyFor('', 'x.csv')).toBe(`x-${id}.csv`);
    expect(s3KeyFor('', 'noext')).toBe(`noext-${id}`);
    expect(dataLocation('b', 'k/x.csv')).toBe('s3://b/k/x.csv');
    expect(parseCsvSource('s3://b/folder/')).toEqual({ kind: 's3', bucket: 'b', key: 'folder/' });
    expect(parseCsvSource(' ./a.csv ')).toEqual({ kind: 'local', path: './a.csv' });
  });
  it('completePlan names what is missing and derives the key', () => {
    expect(completePlan({ source: { kind: 'local', path: 'a.csv' } }).missing).toEqual(['datasetArn', 'bucket', 'importMode', 'jobName', 'roleArn']);
    const r = completePlan({ datasetArn: 'd', source: { kind: 'local', path: 'dir/a.csv' }, bucket: 'b', prefix: 'p', importMode: 'FULL', jobName: 'j', roleArn: 'r' });
    expect(r.plan?.key).toMatch(/^p\/a-\d{8}-\d{6}-[a-z2-9]{4}\.csv$/);
  });
});

describe('texts', () => {
  it('next steps per dataset type', () => {
    expect(nextSteps('INTERACTIONS').join(' ')).toMatch(/15 minutes.*new solution version/);
    expect(nextSteps('ITEMS').join(' ')).toMatch(/every two hours/);
    expect(nextSteps('USERS').join(' ')).toMatch(/popular items/);
  });
  it('a Domain group: its recommenders retrain themselves, no solution version to train', () => {
    for (const t of ['INTERACTIONS', 'ITEMS', 'USERS'] as const) {
      const text = nextSteps(t, 'FULL', false, 'VIDEO_ON_DEMAND').join(' ');
      expect(text, t).toMatch(/VIDEO_ON_DEMAND recommenders use it at their next automatic retraining \(Personalize retrains them on all the data every 7 days; no solution version to train\)/);
      expect(text, t).not.toMatch(/train a new solution version|need a new solution version|after a new solution version/);
      expect(text, t).toMatch(/No recommender in this group yet\? Create one/);
    }
    expect(nextSteps('ITEMS', 'FULL', false, 'ECOMMERCE').join(' ')).toMatch(/Top picks for you and Recommended for you add them within two hours/);
    expect(nextSteps('INTERACTIONS', 'FULL', true, 'ECOMMERCE').join(' ')).toMatch(/replaced the bulk data/);
  });
  it('every step says what it is for', () => {
    for (const s of STEPS) expect(s.purpose.length).toBeGreaterThan(20);
    expect(stepNumber('group')).toEqual({ n: 2, of: 9 });
  });
});
