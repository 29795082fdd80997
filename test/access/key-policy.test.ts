// The key-policy merge (the Personalize statements added to a KMS key policy, every existing
// statement kept exactly; a Deny, unreadable JSON and KMS's 32 KB limit refused) and who applies
// it (planKeyPolicy): the caller when the key policy lets them change it, else a hand-off to the
// key's owner with the exact JSON. The sandbox runs one account, so the key of ANOTHER account is
// an in-memory KmsApi here (a fake port, for what the sandbox cannot produce); everything else
// about KMS runs against the sandbox in test/commands/access-kms.test.ts.
import { describe, expect, it } from 'vitest';
import { KEY_POLICY_LIMIT, keyPolicyStatements, mergeKeyPolicy } from '../../src/access/documents.js';
import { planKeyPolicy } from '../../src/access/plan-kms.js';
import { awsCommand } from '../../src/access/render.js';
import type { AccessPorts } from '../../src/access/ports.js';
import type { KmsApi } from '../../src/diagnose/ports.js';
import { evaluate, parsePolicy } from '../../src/diagnose/policy.js';

const ACCOUNT = '123456789012';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/PersonalizeImport-shop`;
const defaultPolicy = JSON.stringify({ Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] }, null, 2);
const uses = (text: string, principal: { service?: string; arn?: string }) => ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants', 'kms:CreateGrant'].every((action) => evaluate(parsePolicy(text), { principal, action, resource: KEY }).decision === 'allow');

describe('mergeKeyPolicy', () => {
  it('a default key policy: both statements added (the service and the role, by name), the root statement kept as it was', () => {
    const m = mergeKeyPolicy(defaultPolicy, ROLE, KEY);
    expect(m.problem).toBeUndefined();
    expect(m.added.map((s) => s.Sid)).toEqual(['AllowPersonalizeUseOfTheKey', 'AllowPersonalizeRoleUseOfTheKey']);
    const doc = JSON.parse(m.text!);
    expect(doc.Id).toBe('key-default-1');
    expect(doc.Statement[0]).toEqual(JSON.parse(defaultPolicy).Statement[0]);
    expect(doc.Statement[2]).toEqual(keyPolicyStatements(ROLE)[1]);
    expect(uses(m.text!, { service: 'personalize.amazonaws.com' })).toBe(true);
    expect(uses(m.text!, { arn: ROLE })).toBe(true);
    // the diff only adds: every line of the old policy is still there
    expect(m.diff.split('\n').filter((l) => l.startsWith('- '))).toEqual([]);
    expect(m.diff).toContain(`+         "AWS": "${ROLE}"`);
  });

  it('a policy with existing statements (a conditional grant, a lone Statement object, a Sid already taken): all kept, new Sids unique', () => {
    const existing = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowPersonalizeUseOfTheKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/Admin` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'ViaS3Only', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT } } },
      ],
    });
    const m = mergeKeyPolicy(existing, ROLE, KEY);
    const doc = JSON.parse(m.text!);
    expect(doc.Statement.slice(0, 2)).toEqual(JSON.parse(existing).Statement);
    expect(doc.Statement.slice(2).map((s: { Sid: string }) => s.Sid)).toEqual(['AllowPersonalizeUseOfTheKey2', 'AllowPersonalizeRoleUseOfTheKey']);
    // a lone Statement object becomes a one-element array (IAM reads it the same)
    const lone = mergeKeyPolicy(JSON.stringify({ Version: '2012-10-17', Statement: JSON.parse(defaultPolicy).Statement[0] }), ROLE, KEY);
    expect(JSON.parse(lone.text!).Statement).toHaveLength(3);
  });

  it('a statement that already names the role with every action: only the service statement is added; both there: nothing', () => {
    const withRole = JSON.stringify({ Version: '2012-10-17', Statement: [...JSON.parse(defaultPolicy).Statement, { ...keyPolicyStatements(ROLE)[1], Sid: 'Mine' }] });
    expect(mergeKeyPolicy(withRole, ROLE, KEY).added.map((s) => s.Sid)).toEqual(['AllowPersonalizeUseOfTheKey']);
    const both = JSON.stringify({ Version: '2012-10-17', Statement: keyPolicyStatements(ROLE) });
    const m = mergeKeyPolicy(both, ROLE, KEY);
    expect(m.added).toEqual([]);
    expect(m.document).toBeUndefined();
  });

  it('the role with fewer actions than it needs (Decrypt only) gets the full statement', () => {
    const fewer = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'RoleDecrypt', Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'kms:Decrypt', Resource: '*' }] });
    expect(mergeKeyPolicy(fewer, ROLE, KEY).added.map((s) => s.Sid)).toEqual(['AllowPersonalizeUseOfTheKey', 'AllowPersonalizeRoleUseOfTheKey']);
  });

  it('an explicit Deny for Personalize: no document, the statement named', () => {
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [...JSON.parse(defaultPolicy).Statement, { Sid: 'NoServices', Effect: 'Deny', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'kms:*', Resource: '*' }] });
    const m = mergeKeyPolicy(deny, ROLE, KEY);
    expect(m.document).toBeUndefined();
    expect(m.problem).toMatch(/statement "NoServices" .* denies kms:Decrypt to personalize\.amazonaws\.com/);
  });

  it('unreadable JSON and a policy near KMS\'s 32 KB limit are refused, not written', () => {
    expect(mergeKeyPolicy('{"Statement": [', ROLE, KEY).problem).toMatch(/could not be read as JSON/);
    const statements = Array.from({ length: 240 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/r${i}` }, Action: 'kms:Decrypt', Resource: '*' }));
    const base = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    // padded to 200 characters under the limit: the policy is valid as it is, not with 2 more statements
    statements[0].Sid += 'x'.repeat(KEY_POLICY_LIMIT - 200 - base.length);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    expect(big.length).toBe(KEY_POLICY_LIMIT - 200);
    const m = mergeKeyPolicy(big, ROLE, KEY);
    expect(m.document).toBeUndefined();
    expect(m.problem).toMatch(/over KMS's limit of 32,768/);
  });
});

describe('planKeyPolicy: who applies it', () => {
  const ports = (kms: KmsApi, caller?: { arn: string }): AccessPorts => ({
    personalize: {} as never, s3: {} as never, setup: {} as never,
    access: {
      getRole: async () => undefined, rolePolicies: async () => [], simulateRole: async () => [], bucketEncryption: async () => undefined, listRunningImportJobs: async () => [],
      kms,
      ...(caller ? { callerIdentity: async () => ({ arn: caller.arn, account: ACCOUNT, principalArn: caller.arn }) } : {}),
    },
  });
  const policies = new Map<string, string>();
  const memoryKms = (owner: string): KmsApi => ({
    describeKey: async (id) => ({ arn: id, keyId: id.split('/').pop()!, accountId: owner, keyManager: 'CUSTOMER' }),
    getKeyPolicy: async (arn) => policies.get(arn) ?? defaultPolicy,
    putKeyPolicy: async (arn, p) => { policies.set(arn, p); },
  });

  it('a customer key in another account: a hand-off with the exact statements and the commands, nothing applied by the tool', async () => {
    const other = 'arn:aws:kms:us-east-1:999988887777:key/abcd';
    const k = await planKeyPolicy(ports(memoryKms('999988887777')), other, ROLE, ACCOUNT);
    expect(k.check).toMatchObject({ id: 'key-policy', state: 'MISSING' });
    expect(k.check.detail).toContain('belongs to account 999988887777');
    expect(k.change?.manual).toMatch(/key's owner/);
    expect(k.change?.document).toEqual(keyPolicyStatements(ROLE));
    expect(awsCommand(k.change!)).toMatch(/^aws kms get-key-policy --key-id arn:aws:kms:us-east-1:999988887777:key\/abcd .* aws kms put-key-policy/);
  });

  it('the same account, a caller the key policy names: the merged policy is a change the tool applies', async () => {
    const admin = `arn:aws:iam::${ACCOUNT}:user/admin`;
    const p = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: admin }, Action: 'kms:*', Resource: '*' }] });
    policies.set(KEY, p);
    const k = await planKeyPolicy(ports(memoryKms(ACCOUNT), { arn: admin }), KEY, ROLE, ACCOUNT);
    expect(k.change?.manual).toBeUndefined();
    expect(k.change && k.change.action === 'PutKeyPolicy' && JSON.parse(k.change.text!).Statement[0]).toEqual(JSON.parse(p).Statement[0]);
  });

  it('a caller the key policy does not let change it: the whole merged policy handed over, naming kms:PutKeyPolicy', async () => {
    const p = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmins` }, Action: 'kms:*', Resource: '*' }] });
    policies.set(KEY, p);
    const k = await planKeyPolicy(ports(memoryKms(ACCOUNT), { arn: `arn:aws:iam::${ACCOUNT}:user/dev` }), KEY, ROLE, ACCOUNT);
    expect(k.check.deniedAction).toBe('kms:PutKeyPolicy');
    expect(k.change?.manual).toMatch(/You may not change this key's policy/);
    expect(awsCommand(k.change!)).toMatch(/^aws kms put-key-policy --key-id .* --policy-name default --policy '\{"Version"/);
  });
});
