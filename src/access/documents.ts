// The documents access setup writes, least privilege: exactly the actions Personalize needs to read
// import data (s3:GetObject on the prefix's objects, s3:ListBucket on the bucket), scoped to the
// bucket and prefix; a trust policy for personalize.amazonaws.com limited to the account; and the
// bucket policy merge that keeps every existing statement as it is. Pure: no SDK, no I/O.
import { lineDiff } from './diff.js';
import { evaluate, parsePolicy, PERSONALIZE_SERVICE, s3Access, s3Arn, type PolicyDocument, type PolicyStatement, type Principal } from '../diagnose/policy.js';
import { withCommas } from '../core/with-commas.js';

/** S3's limit on a bucket policy (bytes). */
export const BUCKET_POLICY_LIMIT = 20 * 1024;
/** KMS's limit on a key policy (characters). */
export const KEY_POLICY_LIMIT = 32 * 1024;

const KMS_ROLE_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'];

export interface Scope {
  bucket: string;
  /** "" (the whole bucket) or a folder prefix ending in "/" */
  prefix: string;
  partition?: string;
}

/** "data", "/data/", "data/" → "data/"; "" → "". A prefix is a folder here, so data/ does not also grant data2/. */
export function normalizePrefix(prefix: string | undefined): string {
  const p = (prefix ?? '').replace(/^\/+/, '');
  return p === '' || p.endsWith('/') ? p : `${p}/`;
}

/** True when the prefix has "." or ".." segments: legal S3 keys, but rarely what anyone meant. */
export function prefixLooksLikeAPath(prefix: string): boolean {
  return prefix.split('/').some((s) => s === '.' || s === '..');
}

function objectsArn(s: Scope): string {
  return s3Arn(s.bucket, `${s.prefix}*`, s.partition);
}

/** The bucket-policy statement: Personalize may read the prefix's objects and list the bucket. */
export function bucketStatement(s: Scope, sid: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: PERSONALIZE_SERVICE },
    Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: [s3Arn(s.bucket, undefined, s.partition), objectsArn(s)],
  };
}

/**
 * The role's inline policy: s3:GetObject on the prefix's objects, s3:ListBucket on the bucket (a
 * ListBucket condition on s3:prefix would be tighter, but IAM's simulator cannot confirm it without
 * context values, so preflight could never show it PASS). With a customer managed KMS key, the key
 * use the role needs on that key alone.
 */
export function rolePolicy(s: Scope, kmsKeyArn?: string): PolicyDocument {
  const st: PolicyStatement[] = [
    { Sid: 'PersonalizeListImportBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: s3Arn(s.bucket, undefined, s.partition) },
    { Sid: 'PersonalizeReadImportData', Effect: 'Allow', Action: 's3:GetObject', Resource: objectsArn(s) },
  ];
  if (kmsKeyArn) st.push({ Sid: 'PersonalizeUseImportDataKey', Effect: 'Allow', Action: KMS_ROLE_ACTIONS, Resource: kmsKeyArn });
  return { Version: '2012-10-17', Statement: st };
}

/** Trust: personalize.amazonaws.com may assume the role, only on behalf of this account. */
export function trustPolicy(accountId: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: PERSONALIZE_SERVICE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': accountId } } }],
  };
}

/** The statements the key's owner adds to a customer managed key's policy. */
export function keyPolicyStatements(roleArn: string): PolicyStatement[] {
  const actions = [...KMS_ROLE_ACTIONS, 'kms:CreateGrant'];
  return [
    { Sid: 'AllowPersonalizeUseOfTheKey', Effect: 'Allow', Principal: { Service: PERSONALIZE_SERVICE }, Action: actions, Resource: '*' },
    { Sid: 'AllowPersonalizeRoleUseOfTheKey', Effect: 'Allow', Principal: { AWS: roleArn }, Action: actions, Resource: '*' },
  ];
}

/** Role names: [\w+=,.@-], at most 64 characters. */
export function defaultRoleName(groupOrBucket: string): string {
  return `PersonalizeImport-${groupOrBucket.replace(/[^\w+=,.@-]/g, '-')}`.slice(0, 64);
}

/** The inline policy's name for a bucket (policy names: [\w+=,.@-], at most 128). */
export function rolePolicyName(bucket: string, taken: string[] = []): string {
  const base = `PersonalizeImportRead-${bucket}`.slice(0, 120);
  let name = base;
  for (let i = 2; taken.includes(name); i++) name = `${base}-${i}`;
  return name;
}

/** The keys Personalize will read under the scope (what the grant is checked against). */
export function sampleKeys(s: Scope, found: string[] = []): string[] {
  return found.length ? found.slice(0, 20) : [`${s.prefix}data.csv`];
}

export function pretty(doc: unknown): string {
  return JSON.stringify(doc, null, 2);
}

export interface MergeResult {
  /** the whole policy to PUT; undefined when it cannot be done (see problem) */
  document?: Record<string, unknown>;
  /** the text to PUT: pretty-printed when that fits under 20 KB, else compact */
  text?: string;
  /** the before → after line diff of the pretty-printed documents */
  diff: string;
  /** why the merge cannot give Personalize access (an explicit Deny, the size limit, unreadable JSON) */
  problem?: string;
  /** the Sid given to the new statement */
  sid: string;
}

function statementsOf(raw: Record<string, unknown>): unknown[] {
  const st = raw.Statement;
  return Array.isArray(st) ? st : st === undefined ? [] : [st];
}

/**
 * The bucket policy with the Personalize statement added. Every existing statement is kept exactly
 * as it is (order, Sids, conditions, a Deny — meaning unchanged; a lone Statement object becomes a
 * one-element array, which IAM reads the same); other top-level fields (Id) are kept. The new
 * statement gets a Sid no existing statement uses. When the merged policy would still not let
 * Personalize read (an explicit Deny applies) or would pass S3's 20 KB limit, there is no document
 * and `problem` says why: nothing is to be written that cannot work.
 */
export function mergeBucketPolicy(existing: string | undefined, s: Scope, keys: string[], accountId?: string): MergeResult {
  let raw: Record<string, unknown> = { Version: '2012-10-17', Statement: [] };
  let beforePretty = '';
  if (existing !== undefined && existing.trim() !== '') {
    try {
      const j = JSON.parse(existing) as unknown;
      if (!j || typeof j !== 'object' || Array.isArray(j)) throw new Error('not a JSON object');
      raw = j as Record<string, unknown>;
      beforePretty = pretty(raw);
    } catch (e) {
      return { diff: '', sid: '', problem: `The bucket's current policy could not be read as JSON (${e instanceof Error ? e.message : String(e)}); it is left alone — fix it by hand.` };
    }
  }
  const old = statementsOf(raw);
  const sids = new Set(old.map((x) => (x && typeof x === 'object' ? (x as { Sid?: unknown }).Sid : undefined)).filter((x): x is string => typeof x === 'string'));
  let sid = 'PersonalizeImportRead';
  for (let i = 2; sids.has(sid); i++) sid = `PersonalizeImportRead${i}`;
  // key order kept (Version first when it was missing); only Statement's value changes
  const document: Record<string, unknown> = { Version: '2012-10-17', ...raw, Statement: [...old, bucketStatement(s, sid)] };
  const afterPretty = pretty(document);
  const diff = lineDiff(beforePretty, afterPretty);
  // would it work? evaluated as S3 would, with an explicit Deny winning
  const check = s3Access(parsePolicy(afterPretty), s.bucket, keys, { principal: { service: PERSONALIZE_SERVICE }, partition: s.partition, sourceAccount: accountId });
  if (!check.ok) {
    const denied = check.results.find((r) => r.decision.decision === 'deny');
    const by = denied?.decision.by;
    const name = by ? (by.sid ? `statement "${by.sid}"` : `statement #${by.index + 1}`) : 'a statement';
    return { diff, sid, problem: `${name} of the bucket policy denies ${denied?.action ?? 'the read'} to Personalize, and a Deny wins over any Allow: the tool does not remove statements — change that one by hand.` };
  }
  let text = afterPretty;
  if (Buffer.byteLength(text) > BUCKET_POLICY_LIMIT) text = JSON.stringify(document);
  if (Buffer.byteLength(text) > BUCKET_POLICY_LIMIT) {
    return { diff, sid, problem: `With the Personalize statement the bucket policy would be ${withCommas(Buffer.byteLength(text))} bytes, over S3's limit of ${withCommas(BUCKET_POLICY_LIMIT)}: shorten it (merge statements) and run again.` };
  }
  return { document, text, diff, sid };
}

/** Does the pooled set of identity policies allow the reads (no principal: the role's own policies)? */
export function rolePoliciesAllow(docs: PolicyDocument[], s: Scope, keys: string[]): boolean {
  return s3Access(docs, s.bucket, keys, { partition: s.partition }).ok;
}

/** Does the role's trust policy let Personalize assume it for this account? */
export function trustAllows(trust: string, accountId?: string): boolean {
  try {
    return evaluate(parsePolicy(trust), { principal: { service: PERSONALIZE_SERVICE }, action: 'sts:AssumeRole', resource: '*', sourceAccount: accountId }).decision === 'allow';
  } catch {
    return false;
  }
}

export interface KeyPolicyMerge {
  /** the whole key policy to PUT (undefined: nothing to add, or it cannot be done — see problem) */
  document?: Record<string, unknown>;
  text?: string;
  /** before → after line diff of the pretty-printed policies */
  diff: string;
  /** the statements added (empty: the key policy already lets Personalize and the role use the key) */
  added: PolicyStatement[];
  /** why the merge cannot give Personalize the key (an explicit Deny, the size limit, unreadable JSON) */
  problem?: string;
}

const KEY_ACTIONS_NEEDED = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants', 'kms:CreateGrant'];

function list(v: unknown): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

/** Does the statement name this principal itself (or everyone) — not merely its account's root? */
export function namesPrincipal(st: unknown, who: Principal): boolean {
  if (!st || typeof st !== 'object') return false;
  const p = (st as PolicyStatement).Principal;
  if (p === '*') return true;
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  if (who.service) return list(o.Service).some((x) => x === '*' || x.toLowerCase() === who.service!.toLowerCase()) || list(o.AWS).includes('*');
  return list(o.AWS).some((x) => x === '*' || x === who.arn);
}

/**
 * Which actions the key policy does not grant `who` by name, and which a Deny takes away. A
 * statement for the account root only defers to IAM: it is not counted as naming the role (the
 * Personalize guide asks for the role in the key policy itself).
 */
export function keyPolicyGrants(doc: PolicyDocument, who: Principal, keyArn: string, actions: string[] = KEY_ACTIONS_NEEDED): { missing: string[]; denied?: { action: string; by: string } } {
  const named: PolicyDocument = { ...doc, Statement: doc.Statement.filter((st) => String((st as PolicyStatement)?.Effect).toLowerCase() === 'deny' || namesPrincipal(st, who)) };
  const missing: string[] = [];
  for (const action of actions) {
    const d = evaluate(named, { principal: who, action, resource: keyArn });
    if (d.decision === 'deny') {
      const st = named.Statement[d.by!.index] as PolicyStatement;
      return { missing, denied: { action, by: st.Sid ? `statement "${st.Sid}"` : `statement #${doc.Statement.indexOf(st) + 1}` } };
    }
    if (d.decision !== 'allow') missing.push(action);
  }
  return { missing };
}

/**
 * The key policy with the Personalize statements added (keyPolicyStatements: the service and the
 * role, each with the key use the Personalize guide lists) — only those not already granted by
 * name. Every existing statement is kept as it is; new Sids collide with none. A Deny that takes
 * the key from Personalize or the role, unreadable JSON, or KMS's 32 KB limit: no document, a problem.
 */
export function mergeKeyPolicy(existing: string, roleArn: string, keyArn: string): KeyPolicyMerge {
  let raw: Record<string, unknown>;
  let doc: PolicyDocument;
  try {
    const j = JSON.parse(existing) as unknown;
    if (!j || typeof j !== 'object' || Array.isArray(j)) throw new Error('not a JSON object');
    raw = j as Record<string, unknown>;
    doc = parsePolicy(existing);
  } catch (e) {
    return { diff: '', added: [], problem: `The key policy of ${keyArn} could not be read as JSON (${e instanceof Error ? e.message : String(e)}); it is left alone.` };
  }
  const [service, role] = keyPolicyStatements(roleArn);
  const wants: [PolicyStatement, Principal, string][] = [[service, { service: PERSONALIZE_SERVICE }, PERSONALIZE_SERVICE], [role, { arn: roleArn }, roleArn]];
  const old = statementsOf(raw);
  const sids = new Set(old.map((x) => (x && typeof x === 'object' ? (x as { Sid?: unknown }).Sid : undefined)).filter((x): x is string => typeof x === 'string'));
  const added: PolicyStatement[] = [];
  for (const [st, who, label] of wants) {
    const g = keyPolicyGrants(doc, who, keyArn);
    if (g.denied) return { diff: '', added: [], problem: `${g.denied.by} of the key policy of ${keyArn} denies ${g.denied.action} to ${label}, and a Deny wins over any Allow: the tool does not remove statements — the key's owner must change that one.` };
    if (!g.missing.length) continue;
    let sid = st.Sid!;
    for (let i = 2; sids.has(sid); i++) sid = `${st.Sid}${i}`;
    sids.add(sid);
    added.push({ ...st, Sid: sid });
  }
  const before = pretty(raw);
  if (!added.length) return { diff: lineDiff(before, before), added };
  const document: Record<string, unknown> = { Version: '2012-10-17', ...raw, Statement: [...old, ...added] };
  let text = pretty(document);
  if (text.length > KEY_POLICY_LIMIT) text = JSON.stringify(document);
  const diff = lineDiff(before, pretty(document));
  if (text.length > KEY_POLICY_LIMIT) {
    return { diff, added, problem: `With the Personalize statements the key policy of ${keyArn} would be ${withCommas(text.length)} characters, over KMS's limit of ${withCommas(KEY_POLICY_LIMIT)}: the key's owner must shorten it.` };
  }
  return { document, text, diff, added };
}
