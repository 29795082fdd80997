// The sandbox's IAM through the unmodified @aws-sdk/client-iam (Query protocol, XML): the seeded
// import role, its trust policy, its inline policy and the policy simulator, and the errors.
import { describe, expect, it } from 'vitest';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { withSandbox } from '../helpers/sandbox.js';

const sb = withSandbox({ jobSeconds: 0 });
const iam = () => new IAMClient({ region: 'us-east-1', endpoint: sb.env.AWS_ENDPOINT_URL_IAM, credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });

describe('sandbox IAM', () => {
  it('prints its endpoint with the other env lines', () => {
    expect(sb.env.AWS_ENDPOINT_URL_IAM).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('GetRole: the seeded role trusts personalize.amazonaws.com', async () => {
    const r = await iam().send(new GetRoleCommand({ RoleName: 'PersonalizeSandboxRole' }));
    expect(r.Role?.Arn).toBe(sb.sandbox.roleArn);
    const trust = JSON.parse(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' });
  });

  it('an unknown role is NoSuchEntity, as IAM answers', async () => {
    await expect(iam().send(new GetRoleCommand({ RoleName: 'Nope' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('inline policy and simulator: the role may read both buckets, nothing else', async () => {
    const names = await iam().send(new ListRolePoliciesCommand({ RoleName: 'PersonalizeSandboxRole' }));
    expect(names.PolicyNames).toEqual(['PersonalizeSandboxS3Read']);
    const doc = await iam().send(new GetRolePolicyCommand({ RoleName: 'PersonalizeSandboxRole', PolicyName: 'PersonalizeSandboxS3Read' }));
    expect(JSON.parse(decodeURIComponent(doc.PolicyDocument!)).Statement[0].Action).toEqual(['s3:GetObject', 's3:ListBucket']);
    const sim = await iam().send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: sb.sandbox.roleArn,
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: [`arn:aws:s3:::${sb.sandbox.noGrantBucket}/x.csv`],
    }));
    expect(sim.EvaluationResults?.map((e) => [e.EvalActionName, e.EvalDecision])).toEqual([['s3:GetObject', 'allowed'], ['s3:PutObject', 'implicitDeny']]);
  });
});
