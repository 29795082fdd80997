// compact(): a screen too small for a change's lines joins JSON into one dim line. A role to be created
// has a NEW trust policy and inline policy: their JSON is never "lines of the existing policy kept as
// they are" (which only a policy diff has), as the 80x24 role-create screen once said.
import { describe, expect, it } from 'vitest';
import { balancedJson, compact } from '../../../../src/ui/ink/face/lines.js';
import { changeText } from '../../../../src/access/render.js';

describe('compact', () => {
  it('a new role and its inline policy: JSON joined, no "kept as they are"', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const lines = [
      ...changeText({ action: 'CreateRole', roleName: 'R', document: doc, description: 'd', summary: 'Create role R' } as never, 0, 2).split('\n'),
      ...changeText({ action: 'PutRolePolicy', roleName: 'R', policyName: 'P', document: doc, summary: 'Add inline policy P to R' } as never, 1, 2).split('\n'),
    ].map((text) => ({ text }));
    const out = compact(lines).map((l) => l.text);
    expect(out.join('\n')).not.toMatch(/kept as they are/);
    expect(out.filter((t) => t.includes('"sts:AssumeRole"'))).toHaveLength(2);
    expect(out.some((t) => /^\{ "Version": "2012-10-17"/.test(t))).toBe(true);
  });

  it('a bucket policy diff: unmarked lines are counted as kept, added ones joined', () => {
    const lines = ['1/1  Put bucket policy', '      The whole bucket policy afterwards (+ added, unmarked lines kept as they are):', '      {', '        "Version": "2012-10-17",', '+         { "Sid": "New" }', '      }'].map((text) => ({ text }));
    const out = compact(lines).map((l) => l.text);
    expect(out.join('\n')).toMatch(/\(1 lines? of the existing policy kept as they are\)/);
    expect(out.join('\n')).toContain('{ "Sid": "New" }');
  });
  it('a statement appended to a bucket policy, compacted: the statement whole, under a heading that says only what is added is shown', () => {
    const before = { Version: '2012-10-17', Statement: [{ Sid: 'OwnerOnly', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }] };
    const added = { Sid: 'PersonalizeImportRead', Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/in/*'] };
    const old = JSON.stringify(before, null, 2).split('\n');
    const next = JSON.stringify({ ...before, Statement: [...before.Statement, added] }, null, 2).split('\n');
    // the diff as the access plan writes it: lines only in the new policy marked "+ "
    let k = 0;
    const diff = next.map((l) => (k < old.length && l === old[k] ? (k++, `  ${l}`) : `+ ${l}`)).join('\n');
    const lines = changeText({ action: 'PutBucketPolicy', bucket: 'b', diff, document: {}, summary: 'Add statement "PersonalizeImportRead" to the bucket policy of b' } as never, 0, 1).split('\n').map((text) => ({ text }));
    const out = compact(lines).map((l) => l.text);
    const text = out.join('\n');
    // it said "(+ added, unmarked lines kept as they are)" over lines with no "+" left, starting "}, {"
    expect(text).not.toMatch(/\+ added/);
    expect(text).toMatch(/Added to the bucket policy \(its other lines kept as they are\):/);
    const json = out.find((t) => t.startsWith('{') && t.includes('PersonalizeImportRead')) ?? text;
    expect(json.startsWith('{ "Sid": "PersonalizeImportRead"'), json).toBe(true);
    expect(JSON.parse(json)).toEqual(added);
  });

  it('balancedJson: closers of what came before dropped, what is left open closed; brackets inside strings left alone', () => {
    expect(balancedJson('}, { "a": [1, 2]')).toBe('{ "a": [1, 2] }');
    expect(balancedJson('], [ "x]}" ')).toBe('[ "x]}" ]');
    expect(balancedJson('{ "a": "b\\"}" }')).toBe('{ "a": "b\\"}" }');
  });
});
