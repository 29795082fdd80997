// compact(): a screen too small for a change's lines joins JSON into one dim line. A role to be created
// has a NEW trust policy and inline policy: their JSON is never "lines of the existing policy kept as
// they are" (which only a policy diff has), as the 80x24 role-create screen once said.
import { describe, expect, it } from 'vitest';
import { compact } from '../../../../src/ui/ink/face/lines.js';
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
});
