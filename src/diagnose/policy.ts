// IAM policy documents, read the way IAM reads them — enough of it to answer "does this bucket
// policy / role policy / trust policy let Personalize do X on Y?" — and the exact statements to add
// when it does not. Pure: no SDK, no I/O.
//
// Evaluation: an explicit Deny that applies wins; else an Allow that applies; else implicit deny.
// Supported: Effect, Principal / NotPrincipal ("*", {"Service"|"AWS": string | string[]}),
// Action / NotAction and Resource / NotResource (string or array, IAM wildcards * and ?; actions
// case-insensitive, resources case-sensitive). Conditions are not fully evaluated: aws:SourceAccount
// is checked when the account is known; any other condition makes the statement "conditional"
// (an Allow counts, flagged; a conditional Deny is reported but not assumed to apply).

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

/** Parses policy JSON (a string, possibly URL-encoded as IAM returns it). Throws with a readable message. */
export function parsePolicy(text: string): PolicyDocument {
  let src = text.trim();
  if (src.startsWith('%7B') || src.startsWith('%7b')) src = decodeURIComponent(src);
  let json: unknown;
  try {
    json = JSON.parse(src);
  } catch (e) {
    throw new Error(`the policy is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!json || typeof json !== 'object') throw new Error('the policy is not a JSON object');
  const st = (json as { Statement?: unknown }).Statement;
  const statements = Array.isArray(st) ? st : st && typeof st === 'object' ? [st] : [];
  return { Version: (json as { Version?: string }).Version, Statement: statements as PolicyStatement[] };
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** IAM wildcard match: * = any run, ? = one char. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, caseInsensitive ? 'is' : 's');
  return re.test(value);
}

export interface Principal {
  /** a service principal, e.g. "personalize.amazonaws.com" */
  service?: string;
  /** an IAM principal ARN (role), or an account id */
  arn?: string;
}

function principalMatches(p: unknown, who: Principal | undefined): boolean {
  if (!who) return true; // identity policies carry no Principal
  if (p === '*') return true;
  if (!p || typeof p !== 'object') return false;
  const obj = p as Record<string, unknown>;
  if (who.service && list(obj.Service).some((s) => s === '*' || s.toLowerCase() === who.service!.toLowerCase())) return true;
  if (list(obj.AWS).some((a) => a === '*')) return true;
  if (who.arn) {
    const account = /^arn:[^:]+:iam::(\d{12}):/.exec(who.arn)?.[1];
    for (const a of list(obj.AWS)) {
      if (a === who.arn || (account && (a === account || a === `arn:aws:iam::${account}:root`))) return true;
    }
  }
  return false;
}

export interface RequestContext {
  principal?: Principal;
  action: string;
  resource: string;
  /** the account making the request on Personalize's behalf (for aws:SourceAccount) */
  sourceAccount?: string;
  /** other request context values (e.g. iam:PassedToService), for String conditions on them */
  context?: Record<string, string>;
}

type CondResult = 'true' | 'false' | 'unknown';

function conditionResult(cond: PolicyStatement['Condition'], ctx: RequestContext): { result: CondResult; keys: string[] } {
  if (!cond || typeof cond !== 'object') return { result: 'true', keys: [] };
  let result: CondResult = 'true';
  const keys: string[] = [];
  for (const [op, block] of Object.entries(cond)) {
    for (const [key, val] of Object.entries(block ?? {})) {
      keys.push(`${op} ${key}`);
      const given = Object.entries(ctx.context ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (key.toLowerCase() === 'aws:sourceaccount' && ctx.sourceAccount && /^String(Equals|Like)$/i.test(op)) {
        const ok = list(val).some((v) => wildcardMatch(v, ctx.sourceAccount!));
        if (!ok) return { result: 'false', keys };
      } else if (given !== undefined && /^String(Equals|Like)$/i.test(op)) {
        if (!list(val).some((v) => (/like/i.test(op) ? wildcardMatch(v, given) : v === given))) return { result: 'false', keys };
      } else {
        result = 'unknown';
      }
    }
  }
  return { result, keys };
}

export interface StatementHit {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** the statement has conditions this evaluator could not decide */
  conditional: boolean;
  conditionKeys: string[];
}

export interface Decision {
  decision: 'allow' | 'deny' | 'implicit-deny';
  /** the statement that decided it (deny or allow) */
  by?: StatementHit;
  /** a conditional Deny that might also apply (reported, not assumed) */
  conditionalDenies: StatementHit[];
}

function applies(s: PolicyStatement, ctx: RequestContext): boolean {
  if (s.Principal !== undefined && !principalMatches(s.Principal, ctx.principal)) return false;
  if (s.NotPrincipal !== undefined && principalMatches(s.NotPrincipal, ctx.principal)) return false;
  if (s.Action !== undefined && !list(s.Action).some((a) => wildcardMatch(a, ctx.action, true))) return false;
  if (s.NotAction !== undefined && list(s.NotAction).some((a) => wildcardMatch(a, ctx.action, true))) return false;
  if (s.Action === undefined && s.NotAction === undefined) return false;
  if (s.Resource !== undefined && !list(s.Resource).some((r) => wildcardMatch(r, ctx.resource))) return false;
  if (s.NotResource !== undefined && list(s.NotResource).some((r) => wildcardMatch(r, ctx.resource))) return false;
  return true;
}

/** Evaluates one request against one or more policy documents (all statements pooled, as IAM does). */
export function evaluate(docs: PolicyDocument | PolicyDocument[], ctx: RequestContext): Decision {
  const all = (Array.isArray(docs) ? docs : [docs]).flatMap((d) => d.Statement);
  let allow: StatementHit | undefined;
  const conditionalDenies: StatementHit[] = [];
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    if (!s || typeof s !== 'object' || !applies(s, ctx)) continue;
    const effect = String(s.Effect ?? '').toLowerCase() === 'deny' ? 'Deny' : String(s.Effect ?? '').toLowerCase() === 'allow' ? 'Allow' : undefined;
    if (!effect) continue;
    const c = conditionResult(s.Condition, ctx);
    if (c.result === 'false') continue;
    const hit: StatementHit = { index: i, sid: s.Sid, effect, conditional: c.result === 'unknown', conditionKeys: c.keys };
    if (effect === 'Deny') {
      if (hit.conditional) conditionalDenies.push(hit);
      else return { decision: 'deny', by: hit, conditionalDenies };
    } else if (!allow || (allow.conditional && !hit.conditional)) {
      allow = hit;
    }
  }
  return allow ? { decision: 'allow', by: allow, conditionalDenies } : { decision: 'implicit-deny', conditionalDenies };
}

export function describeHit(h: StatementHit | undefined): string {
  if (!h) return '';
  return h.sid ? `statement "${h.sid}"` : `statement #${h.index + 1}`;
}

// ---- the S3 access Personalize needs --------------------------------------------------------------

export const PERSONALIZE_SERVICE = 'personalize.amazonaws.com';

export function s3Arn(bucket: string, key?: string, partition = 'aws'): string {
  return key === undefined ? `arn:${partition}:s3:::${bucket}` : `arn:${partition}:s3:::${bucket}/${key}`;
}

export function partitionOf(arn: string | undefined): string {
  return /^arn:([a-z0-9-]+):/.exec(arn ?? '')?.[1] ?? 'aws';
}

export interface S3AccessResult {
  /** one entry per (action, resource) asked */
  results: { action: string; resource: string; decision: Decision }[];
  ok: boolean;
}

/**
 * Can `principal` GetObject each of `objectKeys` and ListBucket the bucket under `docs`?
 * For a bucket policy pass the Personalize service principal; for a role's own policies pass none.
 */
export function s3Access(docs: PolicyDocument | PolicyDocument[], bucket: string, objectKeys: string[], opts: { principal?: Principal; partition?: string; sourceAccount?: string } = {}): S3AccessResult {
  const part = opts.partition ?? 'aws';
  const asks = [
    ...objectKeys.map((k) => ({ action: 's3:GetObject', resource: s3Arn(bucket, k, part) })),
    { action: 's3:ListBucket', resource: s3Arn(bucket, undefined, part) },
  ];
  const results = asks.map((a) => ({ ...a, decision: evaluate(docs, { ...a, principal: opts.principal, sourceAccount: opts.sourceAccount }) }));
  return { results, ok: results.every((r) => r.decision.decision === 'allow') };
}

/** Does a trust policy let `service` sts:AssumeRole? */
export function trusts(doc: PolicyDocument, service = PERSONALIZE_SERVICE, sourceAccount?: string): Decision {
  return evaluate(doc, { principal: { service }, action: 'sts:AssumeRole', resource: '*', sourceAccount });
}

// ---- what to add ------------------------------------------------------------------------------------

export interface StatementsToAdd {
  /** the statement to add to the bucket policy */
  bucketPolicyStatement: PolicyStatement;
  /** a role (identity) policy granting the S3 reads */
  rolePolicy: PolicyDocument;
  /** the role's trust policy for Personalize */
  trustPolicy: PolicyDocument;
  /** for the caller: iam:PassRole on the role */
  passRolePolicy: PolicyDocument;
  /** KMS, when a customer managed key is in play */
  kms?: { keyPolicyStatements: PolicyStatement[]; rolePolicyStatement: PolicyStatement };
}

const KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'];

/** The exact JSON to add, filled in with the bucket, role (and key, account when known). */
export function policyStatementsToAdd(bucket: string, roleArn: string, opts: { kmsKeyArn?: string; accountId?: string } = {}): StatementsToAdd {
  const part = partitionOf(roleArn);
  const account = opts.accountId ?? /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1];
  const resources = [s3Arn(bucket, undefined, part), s3Arn(bucket, '*', part)];
  const out: StatementsToAdd = {
    bucketPolicyStatement: {
      Sid: 'PersonalizeS3BucketAccessPolicy',
      Effect: 'Allow',
      Principal: { Service: PERSONALIZE_SERVICE },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: resources,
    },
    rolePolicy: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'PersonalizeReadImportData', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: resources }],
    },
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Service: PERSONALIZE_SERVICE },
        Action: 'sts:AssumeRole',
        ...(account ? { Condition: { StringEquals: { 'aws:SourceAccount': account } } } : {}),
      } as PolicyStatement],
    },
    passRolePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn, Condition: { StringEquals: { 'iam:PassedToService': PERSONALIZE_SERVICE } } }],
    },
  };
  if (opts.kmsKeyArn) {
    out.kms = {
      keyPolicyStatements: [
        { Sid: 'AllowPersonalizeUseOfTheKey', Effect: 'Allow', Principal: { Service: PERSONALIZE_SERVICE }, Action: [...KMS_ACTIONS, 'kms:CreateGrant'], Resource: '*' },
        { Sid: 'AllowPersonalizeRoleUseOfTheKey', Effect: 'Allow', Principal: { AWS: roleArn }, Action: [...KMS_ACTIONS, 'kms:CreateGrant'], Resource: '*' },
      ],
      rolePolicyStatement: { Sid: 'PersonalizeUseImportDataKey', Effect: 'Allow', Action: KMS_ACTIONS, Resource: opts.kmsKeyArn },
    };
  }
  return out;
}

/**
 * The whole bucket policy to PUT (put-bucket-policy replaces it): the existing statements plus the
 * Personalize statement (replacing one with the same Sid). Invalid existing JSON → just the new one.
 */
export function mergedBucketPolicy(existing: string | undefined, statement: PolicyStatement): PolicyDocument {
  let base: PolicyDocument = { Version: '2012-10-17', Statement: [] };
  if (existing) {
    try {
      base = parsePolicy(existing);
    } catch {
      /* keep the empty base */
    }
  }
  const kept = base.Statement.filter((s) => !statement.Sid || s.Sid !== statement.Sid);
  return { Version: base.Version ?? '2012-10-17', Statement: [...kept, statement] };
}
