// planAccess: for a data location (bucket + prefix) and the role Personalize will use, what is
// missing and the exact change for each. Reads only; nothing here writes (applyChanges does, with
// consent). Core module: talks through ports, decides with src/diagnose/policy.ts like preflight.
//
// One step for any front end:  const plan = await planAccess(ports, target);
//   plan.checks   what was found (OK / MISSING / BLOCKED / CANT_CHECK, each with its detail)
//   plan.changes  what applyChanges(ports, plan.changes, onEvent) would do, documents included
//   plan.ready    nothing to change and nothing blocking
import { isAppError } from '../core/errors.js';
import type { DatasetGroup } from '../core/resources.js';
import { evaluate, parsePolicy, partitionOf, PERSONALIZE_SERVICE, s3Access, s3Arn, type PolicyDocument, type PolicyStatement } from '../diagnose/policy.js';
import { planKeyPolicy } from './plan-kms.js';
import type { Change, PlanCheck } from './plan-types.js';
import type { AccessPorts } from './ports.js';
import {
  defaultRoleName, mergeBucketPolicy, normalizePrefix, pretty, rolePolicy, rolePolicyName, rolePoliciesAllow, sampleKeys,
  trustAllows, trustPolicy, type Scope,
} from './documents.js';

export interface AccessTarget {
  bucket: string;
  /** a folder prefix ("" = the whole bucket) */
  prefix?: string;
  /** the dataset group's region: where the bucket must be (and is created) */
  region: string;
  /** the account (for the role's ARN and the trust policy's aws:SourceAccount) */
  accountId?: string;
  /** the dataset group: its name names the default role, its roleArn is the default role */
  datasetGroup?: DatasetGroup;
  /** create (or complete) the role with this name */
  roleName?: string;
  /** use this existing role */
  roleArn?: string;
  /** create the bucket when it does not exist */
  createBucket?: boolean;
}

export type { Change, CheckId, CheckState, PlanCheck } from './plan-types.js';

export interface AccessPlan {
  bucket: string;
  prefix: string;
  region: string;
  accountId?: string;
  roleName?: string;
  roleArn?: string;
  kmsKeyArn?: string;
  checks: PlanCheck[];
  changes: Change[];
  /** nothing left to apply and nothing blocking (manual KMS hand-offs aside) */
  ready: boolean;
  /** some check is BLOCKED or CANT_CHECK in a way applying the changes cannot fix */
  blocked: boolean;
}

function accountOf(arn: string | undefined): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1];
}

function denied(e: unknown): string | undefined {
  return isAppError(e) && e.kind === 'access-denied' ? e.action ?? 'unknown' : undefined;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function rethrowFatal(e: unknown): void {
  if (isAppError(e) && ['no-credentials', 'expired-token', 'region-missing', 'interrupted', 'network'].includes(e.kind)) throw e;
}

/** Reads what is there and works out the changes. Never writes. */
export async function planAccess(ports: AccessPorts, target: AccessTarget): Promise<AccessPlan> {
  const bucket = target.bucket;
  const prefix = normalizePrefix(target.prefix);
  const group = target.datasetGroup;
  const givenArn = target.roleArn ?? (target.roleName ? undefined : group?.roleArn);
  const accountId = target.accountId ?? accountOf(group?.arn) ?? accountOf(givenArn);
  const partition = partitionOf(givenArn ?? group?.arn);
  const scope: Scope = { bucket, prefix, partition };
  const checks: PlanCheck[] = [];
  const changes: Change[] = [];
  const bucketArn = s3Arn(bucket, undefined, partition);
  const add = (c: PlanCheck) => checks.push(c);

  // ---- the bucket ------------------------------------------------------------------------------
  let exists = false;
  let bucketReadable = true;
  try {
    const r = await ports.s3.bucketRegion(bucket);
    exists = true;
    if (r !== target.region) {
      add({ id: 'bucket-region', state: 'BLOCKED', usage: true, detail: `Bucket ${bucket} is in ${r}, the dataset group in ${target.region}: Personalize reads only from its own region. Use a bucket in ${target.region} (or --create-bucket with a new name).` });
    } else {
      add({ id: 'bucket', state: 'OK', detail: `Bucket ${bucket} exists in ${r}.` });
    }
  } catch (e) {
    rethrowFatal(e);
    const act = denied(e);
    if (isAppError(e) && e.kind === 'not-found') {
      if (target.createBucket) {
        add({ id: 'bucket', state: 'MISSING', detail: `Bucket ${bucket} does not exist: it will be created in ${target.region}, public access blocked, encrypted by default (SSE-S3).` });
        changes.push(
          { action: 'CreateBucket', bucket, region: target.region, resource: bucketArn, permission: 's3:CreateBucket', summary: `Create bucket ${bucket} in ${target.region}` },
          { action: 'PutPublicAccessBlock', bucket, resource: bucketArn, permission: 's3:PutBucketPublicAccessBlock', summary: `Block all public access to ${bucket}`, document: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } },
          { action: 'PutBucketEncryption', bucket, resource: bucketArn, permission: 's3:PutEncryptionConfiguration', summary: `Encrypt new objects in ${bucket} by default (SSE-S3, AES256)`, document: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } },
        );
      } else {
        add({ id: 'bucket', state: 'BLOCKED', usage: true, detail: `Bucket ${bucket} does not exist. Pass --create-bucket to create it in ${target.region}, or name an existing bucket.` });
        bucketReadable = false;
      }
    } else {
      bucketReadable = false;
      add(act
        ? { id: 'bucket', state: 'CANT_CHECK', deniedAction: 's3:GetBucketLocation', detail: `Not allowed to call s3:GetBucketLocation on ${bucket} (is it another account's bucket?), so it could not be checked.` }
        : { id: 'bucket', state: 'CANT_CHECK', detail: `Bucket ${bucket} could not be checked: ${errText(e)}` });
    }
  }

  // a key Personalize would read under the prefix: the grants are prefix-wide, so one stands for
  // all (the bucket is not listed here — it may hold millions of objects; preflight's re-check
  // afterwards reads the real ones)
  const keys = sampleKeys(scope);

  // ---- the bucket policy -------------------------------------------------------------------------
  if (exists || target.createBucket) {
    let current: string | undefined;
    let readOk = true;
    if (exists) {
      try {
        current = await ports.s3.bucketPolicy(bucket);
      } catch (e) {
        rethrowFatal(e);
        readOk = false;
        const act = denied(e);
        add(act
          ? { id: 'bucket-policy', state: 'CANT_CHECK', deniedAction: 's3:GetBucketPolicy', detail: `Not allowed to call s3:GetBucketPolicy on ${bucket}: the policy cannot be merged without reading it first (a PUT replaces the whole policy).` }
          : { id: 'bucket-policy', state: 'CANT_CHECK', detail: `The policy of ${bucket} could not be read: ${errText(e)}` });
      }
    }
    if (readOk) {
      let already = false;
      if (current !== undefined) {
        try {
          already = s3Access(parsePolicy(current), bucket, keys, { principal: { service: PERSONALIZE_SERVICE }, partition, sourceAccount: accountId }).ok;
        } catch {
          already = false;
        }
      }
      if (already) {
        add({ id: 'bucket-policy', state: 'OK', detail: `The policy of ${bucket} already lets ${PERSONALIZE_SERVICE} read s3://${bucket}/${prefix}.` });
      } else {
        const m = mergeBucketPolicy(current, scope, keys, accountId);
        if (m.problem || !m.text) {
          add({ id: 'bucket-policy', state: 'BLOCKED', detail: m.problem ?? 'The policy could not be merged.' });
        } else {
          add({ id: 'bucket-policy', state: 'MISSING', detail: current === undefined ? `${bucket} has no bucket policy: the fix sets one with the Personalize statement.` : `The policy of ${bucket} does not let ${PERSONALIZE_SERVICE} read s3://${bucket}/${prefix}: the fix adds statement "${m.sid}", every existing statement kept as it is.` });
          changes.push({ action: 'PutBucketPolicy', bucket, text: m.text, diff: m.diff, document: m.document, resource: bucketArn, permission: 's3:PutBucketPolicy', summary: `Add statement "${m.sid}" to the bucket policy of ${bucket}` });
        }
      }
    }
  }

  // ---- encryption ------------------------------------------------------------------------------
  let kmsKeyArn: string | undefined;
  if (exists) {
    try {
      const enc = await ports.access.bucketEncryption(bucket);
      const id = enc?.kmsKeyId;
      if (enc && /kms/i.test(enc.algorithm) && id && !/alias\/aws\/s3$/.test(id)) {
        kmsKeyArn = id.startsWith('arn:') ? id : accountId && !id.startsWith('alias/') ? `arn:${partition}:kms:${target.region}:${accountId}:key/${id}` : id;
        // an alias names the key for S3, not for IAM: policies need the key's own ARN (DescribeKey resolves it)
        if (/(^|:)alias\//.test(kmsKeyArn) && ports.access.kms) kmsKeyArn = (await ports.access.kms.describeKey(kmsKeyArn).catch(() => undefined))?.arn ?? kmsKeyArn;
        add({ id: 'encryption', state: 'OK', detail: `Bucket ${bucket} encrypts with the customer managed KMS key ${kmsKeyArn}: the role gets kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey and kms:ListGrants on it, and its key policy must let Personalize and the role use it.` });
      } else {
        add({ id: 'encryption', state: 'OK', detail: `Bucket ${bucket} uses ${enc ? enc.algorithm : 'no default encryption'}${enc && /kms/i.test(enc.algorithm) ? ' with the AWS managed key' : ''}: no key policy to change.` });
      }
    } catch (e) {
      rethrowFatal(e);
      const act = denied(e);
      add({ id: 'encryption', state: 'CANT_CHECK', ...(act ? { deniedAction: 's3:GetEncryptionConfiguration' } : {}), detail: act ? `Not allowed to call s3:GetEncryptionConfiguration on ${bucket}: if it uses a customer managed KMS key, its key policy and the role need KMS statements too.` : `The encryption of ${bucket} could not be read (${errText(e)}); KMS not considered.` });
    }
  }

  // ---- the role ----------------------------------------------------------------------------------
  let roleName = target.roleName;
  let roleArn = givenArn;
  if (!roleName && !roleArn) roleName = defaultRoleName(group?.name ?? bucket);
  if (roleArn && !roleName) roleName = /role\/(?:.*\/)?([^/]+)$/.exec(roleArn)?.[1];
  if (!roleArn && roleName && accountId) roleArn = `arn:${partition}:iam::${accountId}:role/${roleName}`;
  const wantPolicy = rolePolicy(scope, kmsKeyArn);
  const roleChanges: Change[] = [];

  if (ports.access.iamUnavailable) {
    add({ id: 'role', state: 'CANT_CHECK', detail: `The role could not be checked or created: ${ports.access.iamUnavailable}.` });
  } else if (!roleArn || !roleName) {
    add({ id: 'role', state: 'BLOCKED', usage: true, detail: 'The AWS account is not known, so the role ARN cannot be formed: pass --dataset-group or --role-arn.' });
  } else {
    let role;
    let roleRead = true;
    try {
      role = await ports.access.getRole(roleArn);
    } catch (e) {
      rethrowFatal(e);
      roleRead = false;
      const act = denied(e);
      add({ id: 'role', state: 'CANT_CHECK', ...(act ? { deniedAction: act } : {}), detail: act ? `Not allowed to call ${act} on ${roleArn}, so the role could not be checked.` : `The role ${roleArn} could not be read: ${errText(e)}` });
    }
    if (roleRead && !role) {
      if (target.roleArn) {
        add({ id: 'role', state: 'BLOCKED', usage: true, detail: `The role ${roleArn} does not exist. Pass --role-name NAME to have it created, or the ARN of an existing role.` });
      } else if (!accountId) {
        add({ id: 'role', state: 'BLOCKED', usage: true, detail: 'The AWS account is not known, so the trust policy cannot be limited to it: pass --dataset-group.' });
      } else {
        const trust = trustPolicy(accountId);
        add({ id: 'role', state: 'MISSING', detail: `The role ${roleName} does not exist: it will be created, trusting ${PERSONALIZE_SERVICE} for account ${accountId} only, with an inline policy that reads s3://${bucket}/${prefix} and nothing else.` });
        const policyName = rolePolicyName(bucket);
        roleChanges.push(
          { action: 'CreateRole', roleName, text: pretty(trust), document: trust, description: `Lets Amazon Personalize read import data from s3://${bucket}/${prefix} (created by personalize-import)`, resource: roleArn, permission: 'iam:CreateRole', summary: `Create role ${roleName} trusting ${PERSONALIZE_SERVICE} (aws:SourceAccount ${accountId})` },
          { action: 'PutRolePolicy', roleName, policyName, text: pretty(wantPolicy), document: wantPolicy, resource: roleArn, permission: 'iam:PutRolePolicy', summary: `Add inline policy ${policyName} to ${roleName}: s3:ListBucket on ${bucket}, s3:GetObject on ${bucket}/${prefix}*${kmsKeyArn ? ', KMS use of the bucket key' : ''}` },
        );
      }
    } else if (role) {
      roleArn = role.arn;
      const trustOk = role.trustPolicy ? trustAllows(role.trustPolicy, accountId) : false;
      add(trustOk
        ? { id: 'role-trust', state: 'OK', detail: `The role ${roleName} trusts ${PERSONALIZE_SERVICE}.` }
        : { id: 'role-trust', state: 'BLOCKED', detail: `The role ${roleName} exists but its trust policy does not let ${PERSONALIZE_SERVICE} assume it. The tool does not rewrite an existing role's trust; run: aws iam update-assume-role-policy --role-name ${roleName} --policy-document '${JSON.stringify(trustPolicy(accountId ?? 'ACCOUNT_ID'))}' — or pass --role-name NEW to create a role.` });
      let docs: PolicyDocument[] | undefined;
      let names: string[] = [];
      try {
        const pols = await ports.access.rolePolicies(roleArn);
        names = pols.filter((p) => p.kind === 'inline').map((p) => p.name);
        docs = pols.flatMap((p) => {
          try {
            return [parsePolicy(p.document)];
          } catch {
            return [];
          }
        });
      } catch (e) {
        rethrowFatal(e);
        const act = denied(e);
        add({ id: 'role-s3-access', state: 'CANT_CHECK', ...(act ? { deniedAction: act } : {}), detail: act ? `Not allowed to call ${act} on ${roleName}: its policies must be read before adding to them.` : `The policies of ${roleName} could not be read: ${errText(e)}` });
      }
      if (docs) {
        const kmsOk = !kmsKeyArn || kmsAllowed(docs, kmsKeyArn);
        if (rolePoliciesAllow(docs, scope, keys) && kmsOk) {
          add({ id: 'role-s3-access', state: 'OK', detail: `The policies of ${roleName} already allow reading s3://${bucket}/${prefix}${kmsKeyArn ? ' and using its KMS key' : ''}.` });
        } else {
          const policyName = rolePolicyName(bucket, names);
          add({ id: 'role-s3-access', state: 'MISSING', detail: `The policies of ${roleName} do not allow reading s3://${bucket}/${prefix}: the fix adds inline policy ${policyName} (its other policies are left as they are).` });
          roleChanges.push({ action: 'PutRolePolicy', roleName, policyName, text: pretty(wantPolicy), document: wantPolicy, resource: roleArn, permission: 'iam:PutRolePolicy', summary: `Add inline policy ${policyName} to ${roleName}: s3:ListBucket on ${bucket}, s3:GetObject on ${bucket}/${prefix}*${kmsKeyArn ? ', KMS use of the bucket key' : ''}` });
        }
      }
    }
  }
  changes.push(...roleChanges);

  if (kmsKeyArn && roleArn) {
    // after the role changes: a key policy may only name a role that exists
    const k = await planKeyPolicy(ports, kmsKeyArn, roleArn, accountId);
    add(k.check);
    if (k.change) changes.push(k.change);
  }

  // a key policy that cannot be read is handed over, not a reason to change nothing
  const blocked = checks.some((c) => c.state === 'BLOCKED' || (c.state === 'CANT_CHECK' && c.id !== 'encryption' && c.id !== 'key-policy'));
  const ready = !blocked && changes.every((c) => c.manual);
  return { bucket, prefix, region: target.region, ...(accountId ? { accountId } : {}), ...(roleName ? { roleName } : {}), ...(roleArn ? { roleArn } : {}), ...(kmsKeyArn ? { kmsKeyArn } : {}), checks, changes, ready, blocked };
}

/** May the role's policies use the key as Personalize needs? */
function kmsAllowed(docs: PolicyDocument[], keyArn: string): boolean {
  return ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'].every((action) => evaluate(docs, { action, resource: keyArn }).decision === 'allow');
}
