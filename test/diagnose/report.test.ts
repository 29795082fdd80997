// Renderers over a hand-made PreflightResult (pure: no sandbox needed for formatting).
import { describe, expect, it } from 'vitest';
import { policyStatementsToAdd } from '../../src/diagnose/policy.js';
import type { PreflightResult } from '../../src/diagnose/preflight.js';
import { ansi, formatChecks, paintFor, preflightJson, renderPreflight } from '../../src/diagnose/report.js';

const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeRole';
const pre = (policyStatus: 'PASS' | 'FAIL'): PreflightResult => ({
  ok: policyStatus === 'PASS',
  bucket: 'shop-data',
  key: 'events.csv',
  objects: [{ bucket: 'shop-data', key: 'events.csv', size: 10 }],
  statements: policyStatementsToAdd('shop-data', ROLE),
  currentBucketPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Mine', Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:*', Resource: '*' }] }),
  checks: [
    { id: 'data-exists', title: 'The S3 data exists and is not empty', status: 'PASS', detail: 's3://shop-data/events.csv, 10 bytes.' },
    { id: 'bucket-policy', title: 'The bucket policy lets Personalize read the data', status: policyStatus, detail: 'not granted', fix: 'Add the statement.' },
    { id: 'role-trust', title: 'The service role exists and trusts Personalize', status: 'CANT_CHECK', detail: 'Not allowed to call iam:GetRole.', deniedAction: 'iam:GetRole' },
  ],
});

describe('renderPreflight / preflightJson (what the wizard and import show before creating)', () => {
  it('a FAIL shows the check, its fix and the bucket statement with the real bucket', () => {
    const text = renderPreflight(pre('FAIL'), { roleArn: ROLE, onlyProblems: true });
    expect(text).not.toContain('The S3 data exists');
    expect(text).toMatch(/FAIL\s+The bucket policy/);
    expect(text).toContain('→ Add the statement.');
    expect(text).toMatch(/CAN'T CHECK\s+The service role/);
    expect(text).toContain('"arn:aws:s3:::shop-data/*"');
    const j = preflightJson(pre('FAIL'), ROLE);
    expect(j.ok).toBe(false);
    // JSON carries the whole merged policy to PUT (the bucket's own statement kept)
    expect((j.statementsToAdd['bucket-policy'] as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid)).toEqual(['Mine', 'PersonalizeS3BucketAccessPolicy']);
  });
  it('all PASS: no statements', () => {
    expect(renderPreflight(pre('PASS'))).not.toContain('Bucket policy statement');
  });
  it('colour follows NO_COLOR / FORCE_COLOR / TTY', () => {
    expect(paintFor({ NO_COLOR: '1', FORCE_COLOR: '1' }, true).red('x')).toBe('x');
    expect(paintFor({ FORCE_COLOR: '1' }, false).red('x')).toBe(ansi.red('x'));
    expect(paintFor({}, false).red('x')).toBe('x');
    expect(formatChecks(pre('FAIL').checks, ansi)).toContain('\x1b[31m');
  });
});
