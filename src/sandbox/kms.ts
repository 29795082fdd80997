// The sandbox's KMS over JSON 1.1 (POST /, X-Amz-Target: TrentService.<Op>), so the unchanged
// @aws-sdk/client-kms and the AWS CLI talk to it through AWS_ENDPOINT_URL_KMS. Keys are state:
// DescribeKey, GetKeyPolicy, PutKeyPolicy and ListKeys, with KMS's errors (NotFoundException,
// MalformedPolicyDocumentException, LimitExceededException, AccessDeniedException) and the model's
// constraints (botocore kms/2014-11-01). Every call is authorized as KMS does: the key policy must
// allow the caller (the sandbox's identity) the action — directly, or through the account's root
// principal, which hands the decision to the caller's IAM policy. PutKeyPolicy checks the new
// policy's principals exist (IAM roles of the sandbox) and that it still lets the caller
// PutKeyPolicy (the lockout safety check). Import jobs ask `personalizeMayUse()`.
import { randomUUID } from 'node:crypto';
import { parsePolicy, PERSONALIZE_SERVICE, type PolicyDocument, type PolicyStatement } from '../diagnose/policy.js';
import { evaluateTexts, loadSaved, policiesAllow, saveList } from './policy-state.js';
import { serveLoopback } from './listen.js';
import { parseJsonObject } from './json-body.js';

export interface SandboxKey {
  keyId: string;
  arn: string;
  accountId: string;
  description: string;
  /** epoch seconds */
  created: number;
  keyManager: 'AWS' | 'CUSTOMER';
  policy: string;
}

/** KMS's key policy size limit (characters). */
export const KEY_POLICY_LIMIT = 32768;

/** Operations the sandbox's KMS serves (the API-model test checks each against botocore). */
export const KMS_OPERATIONS = ['DescribeKey', 'GetKeyPolicy', 'PutKeyPolicy', 'ListKeys'] as const;

/** The policy KMS gives a key created without one: the account (through IAM) may do everything. */
export function defaultKeyPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  }, null, 2);
}

/** A key its administrators manage: the account may only read it (describe, get the policy), not change it. */
export function lockedKeyPolicy(accountId: string, adminRole: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-consolepolicy-3',
    Statement: [
      { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:role/${adminRole}` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Allow the account to read the key', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'], Resource: '*' },
    ],
  }, null, 2);
}

export function sandboxKey(region: string, accountId: string, keyId: string, description: string, policy: string): SandboxKey {
  return { keyId, arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`, accountId, description, created: 1767225600, keyManager: 'CUSTOMER', policy };
}

class KmsError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

const KEY_ID = { min: 1, max: 2048 };
const POLICY = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;

function list(v: unknown): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

/** Does the statement's Principal name `arn` itself (or everyone), not only its account? */
function namesExactly(s: PolicyStatement, arn: string): boolean {
  if (s.Principal === '*') return true;
  const p = s.Principal as Record<string, unknown> | undefined;
  return Boolean(p && typeof p === 'object' && list(p.AWS).some((a) => a === '*' || a === arn));
}

export interface KmsCaller {
  arn: string;
  /** the caller's IAM (identity) policies: consulted when the key policy defers to the account */
  identityAllows(action: string, resource: string): boolean;
}

export class KmsState {
  readonly keys = new Map<string, SandboxKey>();
  constructor(
    readonly region: string,
    readonly accountId: string,
    keys: SandboxKey[],
    private readonly caller: KmsCaller,
    /** does this IAM principal exist (a key policy may only name existing principals) */
    private readonly principalExists: (arn: string) => boolean,
    private readonly file?: string,
  ) {
    // the seed's keys, then those an earlier start saved
    for (const k of [...keys, ...loadSaved<SandboxKey>(file)]) this.keys.set(k.keyId, k);
  }

  private save(): void {
    saveList(this.file, this.keys.values());
  }

  /** A key id, key ARN (or an ARN in another account: not found here) → the key. */
  find(keyId: string): SandboxKey | undefined {
    const m = /^arn:aws:kms:([^:]+):(\d{12}):key\/(.+)$/.exec(keyId);
    if (m) {
      const k = this.keys.get(m[3]);
      return k && k.arn === keyId ? k : undefined;
    }
    if (keyId.startsWith('arn:')) return undefined;
    return this.keys.get(keyId);
  }

  /** Would KMS let `who` do `action` on the key? Key policy first; the account root defers to IAM. */
  allows(key: SandboxKey, action: string, who: KmsCaller): boolean {
    const e = evaluateTexts(key.policy, { principal: { arn: who.arn }, action, resource: key.arn });
    if (!e || e.decision.decision !== 'allow' || !e.decision.by) return false;
    return namesExactly(e.docs[0].Statement[e.decision.by.index], who.arn) || who.identityAllows(action, key.arn);
  }

  /**
   * Can Personalize, with this role, decrypt data the key encrypted? The key policy must allow
   * personalize.amazonaws.com kms:Decrypt and kms:GenerateDataKey, and the role those actions
   * (named there, or through the account root with the role's own policies allowing them).
   */
  personalizeMayUse(keyArn: string, role: { arn: string; identityAllows(action: string, resource: string): boolean }): boolean {
    const key = this.find(keyArn);
    if (!key) return false;
    const actions = ['kms:Decrypt', 'kms:GenerateDataKey'];
    const service = actions.every((action) => policiesAllow(key.policy, { principal: { service: PERSONALIZE_SERVICE }, action, resource: key.arn }));
    return service && actions.every((action) => this.allows(key, action, role));
  }

  private denied(action: string, key: SandboxKey): KmsError {
    return new KmsError('AccessDeniedException', `User: ${this.caller.arn} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`);
  }

  private keyFor(input: Record<string, unknown>, action: string): SandboxKey {
    const id = input.KeyId;
    if (id === undefined || id === null) throw new KmsError('ValidationException', "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    if (typeof id !== 'string' || id.length < KEY_ID.min || id.length > KEY_ID.max) throw new KmsError('ValidationException', "1 validation error detected: Value at 'keyId' failed to satisfy constraint: Member must have length between 1 and 2048");
    if (id.startsWith('arn:') && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(id)) throw new KmsError('InvalidArnException', `ARN ${id} is not a valid KMS ARN.`);
    const key = this.find(id);
    if (!key) throw new KmsError('NotFoundException', `Key '${id.startsWith('arn:') ? id : `arn:aws:kms:${this.region}:${this.accountId}:key/${id}`}' does not exist`);
    if (!this.allows(key, action, this.caller)) throw this.denied(action, key);
    return key;
  }

  private policyName(input: Record<string, unknown>): void {
    const n = input.PolicyName;
    if (n === undefined) return;
    if (typeof n !== 'string' || !/^\w{1,128}$/.test(n)) throw new KmsError('ValidationException', "1 validation error detected: Value at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+");
    if (n !== 'default') throw new KmsError('NotFoundException', 'No such policy exists');
  }

  answer(op: string, input: Record<string, unknown>): Record<string, unknown> {
    switch (op) {
      case 'DescribeKey': {
        const k = this.keyFor(input, 'kms:DescribeKey');
        return {
          KeyMetadata: {
            AWSAccountId: k.accountId, KeyId: k.keyId, Arn: k.arn, CreationDate: k.created, Enabled: true, Description: k.description,
            KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: k.keyManager, CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
            KeySpec: 'SYMMETRIC_DEFAULT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false,
          },
        };
      }
      case 'GetKeyPolicy': {
        this.policyName(input);
        const k = this.keyFor(input, 'kms:GetKeyPolicy');
        return { Policy: k.policy, PolicyName: 'default' };
      }
      case 'PutKeyPolicy': {
        this.policyName(input);
        const policy = input.Policy;
        if (policy === undefined || policy === null) throw new KmsError('ValidationException', "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null");
        if (typeof policy !== 'string' || policy.length < 1 || !POLICY.test(policy)) throw new KmsError('ValidationException', "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
        const k = this.keyFor(input, 'kms:PutKeyPolicy');
        if (policy.length > KEY_POLICY_LIMIT) throw new KmsError('LimitExceededException', `Policy exceeds the maximum allowed size of ${KEY_POLICY_LIMIT} characters.`);
        let doc: PolicyDocument;
        try {
          const raw = JSON.parse(policy) as unknown;
          if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not an object');
          doc = parsePolicy(policy);
        } catch {
          throw new KmsError('MalformedPolicyDocumentException', 'The policy is not valid JSON.');
        }
        for (const s of doc.Statement) {
          if (!s || typeof s !== 'object' || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) throw new KmsError('MalformedPolicyDocumentException', 'Policy contains a statement with an invalid effect.');
          if (s.Principal === undefined && s.NotPrincipal === undefined) throw new KmsError('MalformedPolicyDocumentException', 'Policy contains a statement with no principal.');
          const p = s.Principal as Record<string, unknown> | string | undefined;
          const arns = p && typeof p === 'object' ? list(p.AWS) : [];
          for (const a of arns) {
            if (a === '*' || /^\d{12}$/.test(a) || /^arn:aws:iam::\d{12}:root$/.test(a)) continue;
            if (!this.principalExists(a)) throw new KmsError('MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.');
          }
        }
        // the lockout safety check: the caller must still be allowed to change the policy afterwards
        if (input.BypassPolicyLockoutSafetyCheck !== true && !this.allows({ ...k, policy }, 'kms:PutKeyPolicy', this.caller)) {
          throw new KmsError('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
        }
        k.policy = policy;
        this.save();
        return {};
      }
      case 'ListKeys': {
        const limit = input.Limit;
        if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000)) throw new KmsError('ValidationException', "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000");
        const all = [...this.keys.values()].sort((a, b) => (a.keyId < b.keyId ? -1 : 1));
        const start = typeof input.Marker === 'string' ? Number(input.Marker) : 0;
        if (!Number.isInteger(start) || start < 0 || start > all.length) throw new KmsError('InvalidMarkerException', 'The marker that specifies where pagination should next begin is not valid.');
        const n = (limit as number | undefined) ?? 100;
        const page = all.slice(start, start + n);
        const more = start + n < all.length;
        return { Keys: page.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), Truncated: more, ...(more ? { NextMarker: String(start + n) } : {}) };
      }
      default:
        throw new KmsError('UnknownOperationException', `Unknown operation ${op}`);
    }
  }
}

export interface SandboxKms {
  endpoint: string;
  state: KmsState;
  close(): Promise<void>;
}

export async function startKms(opts: { port?: number; state: KmsState }): Promise<SandboxKms> {
  const { state } = opts;
  const served = await serveLoopback(opts.port ?? 0, (raw, req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : '';
    const requestId = randomUUID();
    let status = 200;
    let body: Record<string, unknown>;
    const input = parseJsonObject<Record<string, unknown>>([raw]);
    try {
      if (!input) throw new KmsError('SerializationException', 'Start of structure or map found where not expected.');
      body = state.answer(op, input);
    } catch (e) {
      const err = e instanceof KmsError ? e : new KmsError('KMSInternalException', e instanceof Error ? e.message : String(e));
      status = err.type === 'KMSInternalException' ? 500 : 400;
      body = { __type: err.type, message: err.message };
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': requestId });
    res.end(text);
  });
  return { ...served, state };
}
