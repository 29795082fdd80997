// The sandbox's IAM over IAM's Query protocol (form-encoded POST, XML answers), so the unchanged
// @aws-sdk/client-iam talks to it through AWS_ENDPOINT_URL_IAM. Roles are state: CreateRole,
// GetRole, ListRoles, DeleteRole, PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies,
// ListAttachedRolePolicies and SimulatePrincipalPolicy, with IAM's errors (EntityAlreadyExists,
// MalformedPolicyDocument, NoSuchEntity, DeleteConflict, LimitExceeded, ValidationError) and the
// model's constraints (botocore iam/2010-05-08). The seeded role trusts Personalize and may read
// both sandbox buckets: the no-grant bucket fails on its bucket policy alone, as on AWS when only
// the bucket side is missing. Import jobs ask `canRead()` (role trust + role policies). Every call
// is authorized against the sandbox caller's identity policy (AccessDenied naming the action), and
// SimulatePrincipalPolicy evaluates that caller too (PolicySourceArn = its user ARN).
import { randomUUID } from 'node:crypto';
import { evaluate, parsePolicy, s3Access, trusts, type PolicyDocument } from '../diagnose/policy.js';
import { loadSaved, policiesAllow, saveList } from './policy-state.js';
import { serveLoopback } from './listen.js';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

export interface SandboxRole {
  name: string;
  arn: string;
  path?: string;
  roleId?: string;
  description?: string;
  /** epoch seconds */
  created?: number;
  /** when CreateRole made it (ms), for the not-yet-propagated window */
  createdMs?: number;
  trustPolicy: string;
  inlinePolicies: Record<string, string>;
}

export function sandboxRole(accountId: string, roleName: string, buckets: string[]): SandboxRole {
  return {
    name: roleName,
    arn: `arn:aws:iam::${accountId}:role/${roleName}`,
    roleId: 'AROASANDBOXROLE00001',
    created: 1767225600,
    trustPolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': accountId } } }],
    }),
    inlinePolicies: {
      PersonalizeSandboxS3Read: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]) }],
      }),
    },
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** IAM's limits (default quotas): inline policies per role ≤ 10,240 characters in all, trust policy ≤ 2,048. */
export const ROLE_POLICY_SIZE_LIMIT = 10240;
export const TRUST_POLICY_SIZE_LIMIT = 2048;

class IamError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const ROLE_NAME = { pattern: /^[\w+=,.@-]+$/, min: 1, max: 64 };
const POLICY_NAME = { pattern: /^[\w+=,.@-]+$/, min: 1, max: 128 };
const DOCUMENT = { pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, min: 1, max: 131072 };
const PATH = { pattern: /^(\u002F|\u002F[\u0021-\u007E]+\u002F)$/, min: 1, max: 512 };
const DESCRIPTION = { pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/, min: 0, max: 1000 };

/** The model's constraints, worded as IAM's front door words them (ValidationError, 400). */
function validate(params: URLSearchParams, fields: Record<string, { c: { pattern: RegExp; min: number; max: number }; required?: boolean }>): void {
  const problems: string[] = [];
  for (const [name, { c, required }] of Object.entries(fields)) {
    const v = params.get(name);
    const at = name.charAt(0).toLowerCase() + name.slice(1);
    if (v === null) {
      if (required) problems.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (v.length < c.min) problems.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${c.min}`);
    if (v.length > c.max) problems.push(`Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${c.max}`);
    if (v.length >= c.min && !c.pattern.test(v)) problems.push(`Value at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${c.pattern.source.slice(1, -1)}`);
  }
  if (problems.length) throw new IamError(400, 'ValidationError', `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
}

/** IAM's grammar checks, with its MalformedPolicyDocument wording where known. */
export function checkPolicyDocument(text: string, kind: 'trust' | 'identity'): PolicyDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new IamError(400, 'MalformedPolicyDocument', 'This policy contains invalid Json');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new IamError(400, 'MalformedPolicyDocument', 'This policy contains invalid Json');
  const o = json as Record<string, unknown>;
  if (o.Version !== undefined && o.Version !== '2012-10-17' && o.Version !== '2008-10-17') throw new IamError(400, 'MalformedPolicyDocument', 'The policy failed legacy parsing');
  if (o.Statement === undefined) throw new IamError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
  const doc = parsePolicy(text);
  for (const s of doc.Statement) {
    if (!s || typeof s !== 'object') throw new IamError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw new IamError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
    if (s.Action === undefined && s.NotAction === undefined) throw new IamError(400, 'MalformedPolicyDocument', 'Policy statement must contain actions.');
    if (kind === 'identity') {
      if (s.Principal !== undefined || s.NotPrincipal !== undefined) throw new IamError(400, 'MalformedPolicyDocument', 'Policy document should not specify a principal.');
      if (s.Resource === undefined && s.NotResource === undefined) throw new IamError(400, 'MalformedPolicyDocument', 'Policy statement must contain resources.');
    } else {
      if (s.Resource !== undefined || s.NotResource !== undefined) throw new IamError(400, 'MalformedPolicyDocument', 'Has prohibited field Resource');
      if (s.Principal === undefined && s.NotPrincipal === undefined) throw new IamError(400, 'MalformedPolicyDocument', 'AssumeRolepolicy contained an invalid principal element');
    }
  }
  return doc;
}

function members(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`)!);
  return out;
}

const iso = (epoch: number) => new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function roleXml(r: SandboxRole): string {
  return `<Path>${esc(r.path ?? '/')}</Path><RoleName>${esc(r.name)}</RoleName><RoleId>${esc(r.roleId ?? 'AROASANDBOXROLE00001')}</RoleId><Arn>${esc(r.arn)}</Arn><CreateDate>${iso(r.created ?? 1767225600)}</CreateDate><AssumeRolePolicyDocument>${esc(encodeURIComponent(r.trustPolicy))}</AssumeRolePolicyDocument>${r.description ? `<Description>${esc(r.description)}</Description>` : ''}<MaxSessionDuration>3600</MaxSessionDuration>`;
}

let roleCounter = 1;
function newRoleId(): string {
  roleCounter++;
  return `AROASANDBOX${roleCounter.toString(36).toUpperCase().padStart(10, '0')}`;
}

/** The identity the sandbox's callers are (STS GetCallerIdentity): an IAM user with identity policies. */
export interface SandboxCaller {
  arn: string;
  userId: string;
  /** its identity policies (JSON texts): what SimulatePrincipalPolicy and KMS's IAM delegation evaluate */
  policies: string[];
}

/** The caller's default policy: everything (an administrator, as most sandbox users are). */
export const ADMIN_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

export class IamState {
  readonly roles = new Map<string, SandboxRole>();
  caller?: SandboxCaller;
  /** `file`: roles persist there across restarts (a sandbox with a data directory) */
  constructor(readonly accountId: string, roles: SandboxRole[], private readonly file?: string) {
    // the seed's roles, then those an earlier start saved
    for (const r of [...roles, ...loadSaved<SandboxRole>(file)]) this.roles.set(r.name, r);
  }

  private save(): void {
    saveList(this.file, this.roles.values());
  }

  /** A role created less than `delayMs` ago is not usable yet: IAM is eventually consistent. */
  propagating(roleArn: string, delayMs: number): boolean {
    const r = this.roleByArn(roleArn);
    return Boolean(r?.createdMs && delayMs > 0 && Date.now() - r.createdMs < delayMs);
  }

  /** Do the caller's identity policies allow this (an explicit Deny wins; conditions taken as met)? */
  callerAllows(action: string, resource: string): boolean {
    return this.caller ? policiesAllow(this.caller.policies, { action, resource }) : false;
  }

  /** Do the role's own policies allow this? */
  roleAllows(roleArn: string, action: string, resource: string): boolean {
    const role = this.roleByArn(roleArn);
    return role ? policiesAllow(Object.values(role.inlinePolicies), { action, resource }) : false;
  }

  roleByArn(arn: string): SandboxRole | undefined {
    return [...this.roles.values()].find((r) => r.arn === arn);
  }

  /**
   * Would Personalize, assuming `roleArn`, be allowed to read these keys of `bucket` by the role's
   * side? The trust policy must let personalize.amazonaws.com assume it (aws:SourceAccount = the
   * account), and the role's inline policies must allow s3:GetObject on each key and s3:ListBucket.
   */
  canRead(roleArn: string, bucket: string, keys: string[]): boolean {
    const role = this.roleByArn(roleArn);
    if (!role) return false;
    try {
      if (trusts(parsePolicy(role.trustPolicy), 'personalize.amazonaws.com', this.accountId).decision !== 'allow') return false;
      const docs = Object.values(role.inlinePolicies).map((p) => parsePolicy(p));
      return s3Access(docs, bucket, keys).ok;
    } catch {
      return false;
    }
  }

  answer(action: string, params: URLSearchParams): string {
    const role = (name: string): SandboxRole => {
      const r = this.roles.get(name);
      if (!r) throw new IamError(404, 'NoSuchEntity', `The role with name ${name} cannot be found.`);
      return r;
    };
    switch (action) {
      case 'CreateRole': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true }, AssumeRolePolicyDocument: { c: DOCUMENT, required: true }, Path: { c: PATH }, Description: { c: DESCRIPTION } });
        const name = params.get('RoleName')!;
        const trust = params.get('AssumeRolePolicyDocument')!;
        if ([...this.roles.keys()].some((n) => n.toLowerCase() === name.toLowerCase())) throw new IamError(409, 'EntityAlreadyExists', `Role with name ${name} already exists.`);
        checkPolicyDocument(trust, 'trust');
        if (trust.replace(/\s/g, '').length > TRUST_POLICY_SIZE_LIMIT) throw new IamError(409, 'LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_SIZE_LIMIT}`);
        const path = params.get('Path') ?? '/';
        const r: SandboxRole = {
          name, path, arn: `arn:aws:iam::${this.accountId}:role${path}${name}`, roleId: newRoleId(), created: Math.floor(Date.now() / 1000), createdMs: Date.now(),
          trustPolicy: trust, inlinePolicies: {}, ...(params.get('Description') ? { description: params.get('Description')! } : {}),
        };
        this.roles.set(name, r);
        this.save();
        return `<Role>${roleXml(r)}</Role>`;
      }
      case 'GetRole': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true } });
        return `<Role>${roleXml(role(params.get('RoleName')!))}</Role>`;
      }
      case 'ListRoles': {
        const prefix = params.get('PathPrefix') ?? '/';
        const list = [...this.roles.values()].filter((r) => (r.path ?? '/').startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
        return `<IsTruncated>false</IsTruncated><Roles>${list.map((r) => `<member>${roleXml(r)}</member>`).join('')}</Roles>`;
      }
      case 'DeleteRole': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true } });
        const r = role(params.get('RoleName')!);
        if (Object.keys(r.inlinePolicies).length) throw new IamError(409, 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
        this.roles.delete(r.name);
        this.save();
        return '';
      }
      case 'PutRolePolicy': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true }, PolicyName: { c: POLICY_NAME, required: true }, PolicyDocument: { c: DOCUMENT, required: true } });
        const r = role(params.get('RoleName')!);
        const name = params.get('PolicyName')!;
        const doc = params.get('PolicyDocument')!;
        checkPolicyDocument(doc, 'identity');
        const others = Object.entries(r.inlinePolicies).filter(([n]) => n !== name).reduce((n, [, d]) => n + d.replace(/\s/g, '').length, 0);
        if (others + doc.replace(/\s/g, '').length > ROLE_POLICY_SIZE_LIMIT) throw new IamError(409, 'LimitExceeded', `Maximum policy size of ${ROLE_POLICY_SIZE_LIMIT} bytes exceeded for role ${r.name}`);
        r.inlinePolicies[name] = doc;
        this.save();
        return '';
      }
      case 'GetRolePolicy': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true }, PolicyName: { c: POLICY_NAME, required: true } });
        const r = role(params.get('RoleName')!);
        const pn = params.get('PolicyName')!;
        const doc = r.inlinePolicies[pn];
        if (doc === undefined) throw new IamError(404, 'NoSuchEntity', `The role policy with name ${pn} cannot be found.`);
        return `<RoleName>${esc(r.name)}</RoleName><PolicyName>${esc(pn)}</PolicyName><PolicyDocument>${esc(encodeURIComponent(doc))}</PolicyDocument>`;
      }
      case 'DeleteRolePolicy': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true }, PolicyName: { c: POLICY_NAME, required: true } });
        const r = role(params.get('RoleName')!);
        const pn = params.get('PolicyName')!;
        if (r.inlinePolicies[pn] === undefined) throw new IamError(404, 'NoSuchEntity', `The role policy with name ${pn} cannot be found.`);
        delete r.inlinePolicies[pn];
        this.save();
        return '';
      }
      case 'ListRolePolicies': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true } });
        const r = role(params.get('RoleName')!);
        return `<PolicyNames>${Object.keys(r.inlinePolicies).sort().map((p) => `<member>${esc(p)}</member>`).join('')}</PolicyNames><IsTruncated>false</IsTruncated>`;
      }
      case 'ListAttachedRolePolicies': {
        validate(params, { RoleName: { c: ROLE_NAME, required: true } });
        role(params.get('RoleName')!);
        return '<AttachedPolicies/><IsTruncated>false</IsTruncated>';
      }
      case 'SimulatePrincipalPolicy': {
        const src = params.get('PolicySourceArn') ?? '';
        let docs: PolicyDocument[];
        if (this.caller && src === this.caller.arn) {
          docs = this.caller.policies.map((p) => parsePolicy(p));
        } else {
          const r = this.roleByArn(src);
          if (!r) throw new IamError(404, 'NoSuchEntity', `The ${src.includes(':user/') ? 'user' : 'role'} with name ${src.split('/').pop()} cannot be found.`);
          docs = Object.values(r.inlinePolicies).map((p) => parsePolicy(p));
        }
        const actions = members(params, 'ActionNames');
        const resources = members(params, 'ResourceArns');
        // ContextEntries.member.N.ContextKeyName / .ContextKeyValues.member.1: String conditions on them are decided
        const context: Record<string, string> = {};
        for (let i = 1; params.has(`ContextEntries.member.${i}.ContextKeyName`); i++) {
          const v = params.get(`ContextEntries.member.${i}.ContextKeyValues.member.1`);
          if (v !== null) context[params.get(`ContextEntries.member.${i}.ContextKeyName`)!] = v;
        }
        const results = actions.flatMap((a) => (resources.length ? resources : ['*']).map((res) => {
          const d = evaluate(docs, { action: a, resource: res, context });
          const decision = d.decision === 'allow' ? 'allowed' : d.decision === 'deny' ? 'explicitDeny' : 'implicitDeny';
          return `<member><EvalActionName>${esc(a)}</EvalActionName><EvalResourceName>${esc(res)}</EvalResourceName><EvalDecision>${decision}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`;
        }));
        return `<IsTruncated>false</IsTruncated><EvaluationResults>${results.join('')}</EvaluationResults>`;
      }
      default:
        throw new IamError(400, 'InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
    }
  }
}

/** Does this bucket policy let personalize.amazonaws.com GetObject each key and ListBucket? */
export function bucketPolicyLetsPersonalizeRead(policy: string | undefined, bucket: string, keys: string[], accountId: string): boolean {
  if (!policy) return false;
  try {
    return s3Access(parsePolicy(policy), bucket, keys, { principal: { service: 'personalize.amazonaws.com' }, sourceAccount: accountId }).ok;
  } catch {
    return false;
  }
}

/** Operations the sandbox's IAM serves (the API-model test checks each against botocore). */
export const IAM_OPERATIONS = ['CreateRole', 'GetRole', 'ListRoles', 'DeleteRole', 'PutRolePolicy', 'GetRolePolicy', 'DeleteRolePolicy', 'ListRolePolicies', 'ListAttachedRolePolicies', 'SimulatePrincipalPolicy'] as const;

export interface SandboxIam {
  endpoint: string;
  state: IamState;
  close(): Promise<void>;
}

export async function startIam(opts: { port?: number; state: IamState }): Promise<SandboxIam> {
  const { state } = opts;
  const served = await serveLoopback(opts.port ?? 0, (raw, _req, res) => {
    const params = new URLSearchParams(raw.toString('utf8'));
    const action = params.get('Action') ?? '';
    const requestId = randomUUID();
    let status = 200;
    let body: string;
    try {
      // the caller's identity policy decides, as IAM's own authorization does (default: allow all)
      const roleName = params.get('RoleName');
      const resource = roleName ? `arn:aws:iam::${state.accountId}:role/${roleName}` : params.get('PolicySourceArn') ?? '*';
      if (state.caller && action && !state.callerAllows(`iam:${action}`, resource)) {
        throw new IamError(403, 'AccessDenied', `User: ${state.caller.arn} is not authorized to perform: iam:${action} on resource: ${resource} because no identity-based policy allows the iam:${action} action`);
      }
      const inner = state.answer(action, params);
      body = `<${action}Response xmlns="${NS}">${inner ? `<${action}Result>${inner}</${action}Result>` : ''}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    } catch (e) {
      const err = e instanceof IamError ? e : new IamError(500, 'ServiceFailure', e instanceof Error ? e.message : String(e));
      status = err.status;
      body = `<ErrorResponse xmlns="${NS}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${err.code}</Code><Message>${esc(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    }
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    res.end(body);
  });
  return { ...served, state };
}
