// Preflight: can Amazon Personalize read this data with this role, now? Each check answers PASS,
// FAIL (with the fix) or CAN'T CHECK (with the reason — usually the IAM action we were refused).
// Shared by `diagnose` (after the fact) and by the wizard / `import` (before a job is created, so a
// missing bucket grant is caught before the 10-minute wait). Core module: talks only through ports.
import { AppError, isAppError, type ErrorKind } from '../core/errors.js';
import type { DatasetGroup, ImportMode, S3ObjectInfo } from '../core/resources.js';
import { parseS3Uri } from '../core/s3-uri.js';
import type { CheckId } from './catalogue.js';
import type { PreflightPorts, RolePolicy, SimulationResult } from './ports.js';
import { checkPassRole } from './pass-role.js';
import {
  describeHit, evaluate, parsePolicy, partitionOf, PERSONALIZE_SERVICE, policyStatementsToAdd, s3Access, s3Arn, trusts,
  type Decision, type PolicyDocument, type S3AccessResult, type StatementsToAdd,
} from './policy.js';

export type CheckStatus = 'PASS' | 'FAIL' | 'CANT_CHECK';

export interface PreflightCheck {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** what was found (or why it could not be checked) */
  detail: string;
  /** what to change, when status is FAIL (sometimes also for CANT_CHECK) */
  fix?: string;
  /** the IAM action that was refused, for CANT_CHECK */
  deniedAction?: string;
}

export interface PreflightOptions {
  /** s3://bucket/key or s3://bucket/prefix/ */
  dataLocation: string;
  roleArn?: string;
  /** the dataset group (ARN or the described group) — for its KMS key and account */
  datasetGroup?: string | DatasetGroup;
  /** the dataset group's region (where the job runs) */
  region: string;
  /** the import mode about to be used (size limits: FULL ≤ 100 GB, INCREMENTAL ≤ 1 GB) */
  mode?: ImportMode;
  /** a job ARN not to count among running jobs (diagnose: the job itself) */
  ignoreJobArn?: string;
  /** 'create' (default: before CreateDatasetImportJob) or 'diagnose' (after a job ran) */
  purpose?: 'create' | 'diagnose';
}

export interface PreflightResult {
  checks: PreflightCheck[];
  /** true when no check FAILed (CAN'T CHECK does not block) */
  ok: boolean;
  bucket?: string;
  key?: string;
  /** the objects the data location resolves to (non-empty ones) */
  objects: S3ObjectInfo[];
  /** the statements to add, filled in (when the bucket is known; role parts use ROLE_NAME when no role was given) */
  statements?: StatementsToAdd;
  /** the bucket's current policy text, when it could be read (for a merged policy) */
  currentBucketPolicy?: string;
}

export const CHECK_TITLES: Record<CheckId, string> = {
  'data-exists': 'The S3 data exists and is not empty',
  'bucket-region': "The bucket is in the dataset group's region",
  'bucket-policy': 'The bucket policy lets Personalize read the data',
  'role-trust': 'The service role exists and trusts Personalize',
  'role-s3-access': 'The service role can read the bucket',
  kms: 'The encryption key (KMS) can be used',
  'running-jobs': 'Fewer than 5 import jobs are running',
  'data-valid': 'The data passes validation',
  'pass-role': 'You may pass the role to Personalize (iam:PassRole)',
};

const GB = 1024 ** 3;

const FATAL: ReadonlySet<string> = new Set(['no-credentials', 'expired-token', 'region-missing', 'interrupted']);

/** Errors that end the whole run (credentials, Ctrl-C) are rethrown; the rest become CAN'T CHECK. */
function rethrowFatal(e: unknown): void {
  if (isAppError(e) && FATAL.has(e.kind)) throw e;
}

function denied(e: unknown): boolean {
  return isAppError(e) && e.kind === 'access-denied';
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function cantCheck(id: CheckId, e: unknown, action: string, extra = ''): PreflightCheck {
  rethrowFatal(e);
  if (denied(e)) {
    const act = (isAppError(e) && e.action) || action;
    return { id, title: CHECK_TITLES[id], status: 'CANT_CHECK', detail: `Not allowed to call ${act}${extra}, so this could not be checked.`, fix: `Re-run with an identity allowed ${act}, or check it by hand.`, deniedAction: act };
  }
  return { id, title: CHECK_TITLES[id], status: 'CANT_CHECK', detail: `Could not be checked (${action}): ${errText(e).replace(/\.$/, '')}.` };
}

function check(id: CheckId, status: CheckStatus, detail: string, fix?: string): PreflightCheck {
  return { id, title: CHECK_TITLES[id], status, detail, ...(fix ? { fix } : {}) };
}

function fmtBytes(n: number): string {
  if (n >= GB) return `${(n / GB).toFixed(2)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

function accountOf(arn: string | undefined): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1];
}

// ---- individual checks -------------------------------------------------------------------------------

const isNoSuchBucket = (e: unknown) => isAppError(e) && e.kind === 'not-found' && /NoSuchBucket/i.test(`${e.awsName} ${e.message}`);

async function checkData(ports: PreflightPorts, bucket: string, key: string, mode: ImportMode | undefined): Promise<{ check: PreflightCheck; objects: S3ObjectInfo[]; noBucket?: true }> {
  const uri = `s3://${bucket}/${key}`;
  const isFolder = key === '' || key.endsWith('/');
  const limit = mode === 'INCREMENTAL' ? GB : 100 * GB;
  const sizeCheck = (objects: S3ObjectInfo[], what: string) => {
    const total = objects.reduce((n, o) => n + o.size, 0);
    if (mode && total > limit) {
      return check('data-exists', 'FAIL', `${what} (${fmtBytes(total)}) is over the ${mode} limit of ${mode === 'INCREMENTAL' ? '1 GB' : '100 GB'} per import job.`,
        mode === 'INCREMENTAL' ? 'Split the data into several INCREMENTAL imports of at most 1 GB each.' : 'Split the data into several imports of at most 100 GB (the first FULL, then INCREMENTAL).');
    }
    return check('data-exists', 'PASS', `${what}, ${fmtBytes(total)}.`);
  };
  try {
    if (isFolder) {
      const all = await ports.s3.list(bucket, key);
      const objects = all.filter((o) => !o.key.endsWith('/') && o.size > 0);
      if (objects.length === 0) {
        return {
          check: check('data-exists', 'FAIL', all.length ? `${uri} holds only empty objects or folder markers.` : `Nothing is stored under ${uri}.`,
            'Upload the CSV file(s) under that prefix, or point the job at the file itself (s3://bucket/key.csv, no trailing slash).'),
          objects,
        };
      }
      return { check: sizeCheck(objects, `${objects.length} non-empty object${objects.length === 1 ? '' : 's'} under ${uri}`), objects };
    }
    const head = await ports.s3.head(bucket, key);
    if (!head) {
      // a HEAD answers 404 with no body, whether the key or the bucket is missing: the listing
      // tells them apart (NoSuchBucket), so "check the key" is not said of a bucket that is not there
      const under = await ports.s3.list(bucket, `${key}/`).catch((e: unknown) => {
        if (isNoSuchBucket(e)) throw e;
        return [] as S3ObjectInfo[];
      });
      const files = under.filter((o) => !o.key.endsWith('/') && o.size > 0);
      return {
        check: check('data-exists', 'FAIL', `${uri} does not exist.`, files.length
          ? `It is a folder holding ${files.length} file(s): use s3://${bucket}/${key}/ (with the trailing slash).`
          : 'Check the key for typos (keys are case-sensitive) and that the upload finished.'),
        objects: files,
      };
    }
    if (head.size === 0) return { check: check('data-exists', 'FAIL', `${uri} is empty (0 bytes).`, 'Upload the CSV again; the object has no content.'), objects: [] };
    return { check: sizeCheck([head], uri), objects: [head] };
  } catch (e) {
    rethrowFatal(e);
    if (isNoSuchBucket(e)) {
      return { check: check('data-exists', 'FAIL', `The bucket ${bucket} does not exist (or is in another partition).`, 'Check the bucket name in the data location.'), objects: [], noBucket: true };
    }
    return { check: cantCheck('data-exists', e, isFolder ? 's3:ListBucket' : 's3:GetObject', ` on ${uri}`), objects: [] };
  }
}

async function checkRegion(ports: PreflightPorts, bucket: string, region: string): Promise<PreflightCheck> {
  try {
    const r = await ports.s3.bucketRegion(bucket);
    if (r === region) return check('bucket-region', 'PASS', `Bucket ${bucket} is in ${r}, like the dataset group.`);
    return check('bucket-region', 'FAIL', `Bucket ${bucket} is in ${r}, the dataset group in ${region}.`,
      `Copy the data to a bucket in ${region} (aws s3 sync s3://${bucket}/… s3://NEW-BUCKET/…) and import from there.`);
  } catch (e) {
    return cantCheck('bucket-region', e, 's3:GetBucketLocation', ` on ${bucket}`);
  }
}

function decisionText(r: S3AccessResult): string {
  return r.results.map((x) => `${x.action} on ${x.resource}: ${x.decision.decision === 'allow' ? `allowed by ${describeHit(x.decision.by)}` : x.decision.decision === 'deny' ? `DENIED by ${describeHit(x.decision.by)}` : 'not granted'}`).join('; ');
}

function conditionalNote(r: S3AccessResult): string {
  const conditional = r.results.filter((x) => x.decision.by?.conditional);
  const denies = r.results.flatMap((x) => x.decision.conditionalDenies);
  const notes: string[] = [];
  if (conditional.length) notes.push(`the allowing statement has conditions not evaluated here (${[...new Set(conditional.flatMap((x) => x.decision.by!.conditionKeys))].join(', ')})`);
  if (denies.length) notes.push(`a conditional Deny may also apply (${[...new Set(denies.flatMap((d) => d.conditionKeys))].join(', ')})`);
  return notes.length ? ` Note: ${notes.join('; ')}.` : '';
}

async function checkBucketPolicy(ports: PreflightPorts, bucket: string, keys: string[], account: string | undefined, partition: string): Promise<{ check: PreflightCheck; policy?: string }> {
  const fix = `Add the Personalize statement (principal ${PERSONALIZE_SERVICE}, s3:GetObject and s3:ListBucket on ${s3Arn(bucket, undefined, partition)} and ${s3Arn(bucket, '*', partition)}) to the bucket policy of ${bucket}.`;
  let text: string | undefined;
  try {
    text = await ports.s3.bucketPolicy(bucket);
  } catch (e) {
    return { check: cantCheck('bucket-policy', e, 's3:GetBucketPolicy', ` on ${bucket}`) };
  }
  if (text === undefined) return { check: check('bucket-policy', 'FAIL', `Bucket ${bucket} has no bucket policy, so Personalize (${PERSONALIZE_SERVICE}) is not granted access.`, fix) };
  let doc: PolicyDocument;
  try {
    doc = parsePolicy(text);
  } catch (e) {
    return { check: check('bucket-policy', 'CANT_CHECK', `The policy of ${bucket} could not be read: ${errText(e)}.`), policy: text };
  }
  const r = s3Access(doc, bucket, keys, { principal: { service: PERSONALIZE_SERVICE }, partition, sourceAccount: account });
  if (r.ok) return { check: check('bucket-policy', 'PASS', `${decisionText(r)}.${conditionalNote(r)}`), policy: text };
  const deny = r.results.find((x) => x.decision.decision === 'deny');
  return {
    check: check('bucket-policy', 'FAIL', `The policy of ${bucket} does not let ${PERSONALIZE_SERVICE} read the data: ${decisionText(r)}.`,
      deny ? `Remove or narrow ${describeHit(deny.decision.by)} (an explicit Deny wins over any Allow), and make sure the Personalize statement is present.` : fix),
    policy: text,
  };
}

async function checkRoleTrust(ports: PreflightPorts, roleArn: string | undefined, account: string | undefined): Promise<{ check: PreflightCheck; exists?: boolean }> {
  if (!roleArn) return { check: check('role-trust', 'CANT_CHECK', 'No service role is known (the job carries none and none was given).') };
  if (!ports.access) return { check: check('role-trust', 'CANT_CHECK', 'IAM was not consulted (no IAM access in this run).') };
  if (ports.access.iamUnavailable) return { check: check('role-trust', 'CANT_CHECK', `Not checked: ${ports.access.iamUnavailable}.`) };
  try {
    const role = await ports.access.getRole(roleArn);
    if (!role) return { check: check('role-trust', 'FAIL', `The role ${roleArn} does not exist.`, 'Create the role (trusting personalize.amazonaws.com, with the S3 policy below) or pass the right --role-arn.'), exists: false };
    if (!role.trustPolicy) return { check: check('role-trust', 'CANT_CHECK', `The role ${role.name} exists but IAM returned no trust policy.`), exists: true };
    const d: Decision = trusts(parsePolicy(role.trustPolicy), PERSONALIZE_SERVICE, account);
    if (d.decision === 'allow') {
      return { check: check('role-trust', 'PASS', `The role ${role.name} exists and ${describeHit(d.by)} of its trust policy lets ${PERSONALIZE_SERVICE} assume it.${d.by?.conditional ? ` (conditions not evaluated: ${d.by.conditionKeys.join(', ')})` : ''}`), exists: true };
    }
    return {
      check: check('role-trust', 'FAIL', `The role ${role.name} exists but its trust policy does not let ${PERSONALIZE_SERVICE} assume it${d.decision === 'deny' ? ` (${describeHit(d.by)} denies it)` : ''}.`,
        'Replace the trust policy with the one below (aws iam update-assume-role-policy).'),
      exists: true,
    };
  } catch (e) {
    return { check: cantCheck('role-trust', e, 'iam:GetRole', ` on ${roleArn}`) };
  }
}

function simulationText(rs: SimulationResult[]): string {
  return rs.map((r) => `${r.action} on ${r.resource}: ${r.decision}`).join('; ');
}

async function checkRoleS3(ports: PreflightPorts, roleArn: string | undefined, bucket: string, keys: string[], partition: string, roleExists: boolean | undefined): Promise<PreflightCheck> {
  const fix = `Attach the role policy below (s3:GetObject and s3:ListBucket on ${s3Arn(bucket, undefined, partition)} and ${s3Arn(bucket, '*', partition)}) to the role.`;
  if (!roleArn) return check('role-s3-access', 'CANT_CHECK', 'No service role is known.');
  if (!ports.access) return check('role-s3-access', 'CANT_CHECK', 'IAM was not consulted (no IAM access in this run).');
  if (ports.access.iamUnavailable) return check('role-s3-access', 'CANT_CHECK', `Not checked: ${ports.access.iamUnavailable}.`);
  if (roleExists === false) return check('role-s3-access', 'FAIL', 'The role does not exist.', fix);
  const asks = [...keys.slice(0, 5).map((k) => ({ action: 's3:GetObject', resource: s3Arn(bucket, k, partition) })), { action: 's3:ListBucket', resource: s3Arn(bucket, undefined, partition) }];
  let simErr: unknown;
  try {
    const rs = await ports.access.simulateRole(roleArn, asks);
    if (rs.length && rs.every((r) => r.decision === 'allowed')) return check('role-s3-access', 'PASS', `IAM policy simulator: ${simulationText(rs)}.`);
    if (rs.length) return check('role-s3-access', 'FAIL', `IAM policy simulator: ${simulationText(rs)}.`, rs.some((r) => r.decision === 'explicitDeny') ? `An explicit Deny in the role's policies (or a permissions boundary) blocks it: remove it, then ${fix.charAt(0).toLowerCase()}${fix.slice(1)}` : fix);
  } catch (e) {
    rethrowFatal(e);
    simErr = e;
  }
  // The simulator was refused (or said nothing): read the role's policies ourselves.
  let policies: RolePolicy[];
  try {
    policies = await ports.access.rolePolicies(roleArn);
  } catch (e) {
    rethrowFatal(e);
    const simAction = (isAppError(simErr) && simErr.action) || 'iam:SimulatePrincipalPolicy';
    const polAction = (isAppError(e) && e.action) || 'iam:ListRolePolicies / iam:GetRolePolicy / iam:ListAttachedRolePolicies';
    if (denied(e) || denied(simErr)) {
      return { ...check('role-s3-access', 'CANT_CHECK', `Not allowed to call ${simAction} nor ${polAction}, so the role's S3 permissions could not be checked.`, `Re-run with an identity allowed ${simAction}, or check the role's policies by hand.`), deniedAction: simAction };
    }
    return check('role-s3-access', 'CANT_CHECK', `Reading the role's policies failed: ${errText(e)}`);
  }
  const docs: PolicyDocument[] = [];
  for (const p of policies) {
    try {
      docs.push(parsePolicy(p.document));
    } catch {
      /* an unreadable policy grants nothing we can see */
    }
  }
  const r = s3Access(docs, bucket, keys, { partition });
  const via = `from its ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} (${policies.map((p) => p.name).join(', ') || 'none'}; permissions boundaries and SCPs not evaluated)`;
  if (r.ok) return check('role-s3-access', 'PASS', `Read ${via}: ${decisionText(r)}.${conditionalNote(r)}`);
  return check('role-s3-access', 'FAIL', `Read ${via}: ${decisionText(r)}.`, fix);
}

async function checkKms(ports: PreflightPorts, bucket: string, roleArn: string | undefined, region: string, account: string | undefined, group: DatasetGroup | undefined): Promise<{ check: PreflightCheck; keyArn?: string }> {
  if (!ports.access) return { check: check('kms', 'CANT_CHECK', "The bucket's encryption was not read (no access port in this run).") };
  let enc;
  try {
    enc = await ports.access.bucketEncryption(bucket);
  } catch (e) {
    return { check: cantCheck('kms', e, 's3:GetEncryptionConfiguration', ` on ${bucket}`) };
  }
  const groupKey = group?.kmsKeyArn ? ` The dataset group is also encrypted with ${group.kmsKeyArn}: the role needs kms:Decrypt and kms:GenerateDataKey on it too.` : '';
  if (!enc || !/kms/i.test(enc.algorithm)) {
    return { check: check('kms', 'PASS', `Bucket ${bucket} uses ${enc ? `${enc.algorithm} (SSE-S3)` : 'no default encryption'}: no KMS key policy is involved (objects uploaded with their own KMS key would still need one).${groupKey}`) };
  }
  const id = enc.kmsKeyId;
  if (!id || /alias\/aws\/s3$/.test(id)) {
    return { check: check('kms', 'PASS', `Bucket ${bucket} encrypts with the AWS managed key aws/s3, whose key policy lets principals of the account (such as the role) use it through S3. The Personalize docs only describe customer managed keys, so this is not documented either way.${groupKey}`) };
  }
  const keyArn = id.startsWith('arn:') ? id : id.startsWith('alias/') ? undefined : account ? `arn:${partitionOf(roleArn)}:kms:${region}:${account}:key/${id}` : undefined;
  const keyName = keyArn ?? id;
  const need = `The key policy must allow ${PERSONALIZE_SERVICE} and the role kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey, kms:ListGrants and kms:CreateGrant; the role needs kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey and kms:ListGrants on the key.`;
  // The role side, through IAM's simulator
  let roleSide = '';
  if (roleArn && keyArn && !ports.access.iamUnavailable) {
    try {
      const rs = await ports.access.simulateRole(roleArn, ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'].map((action) => ({ action, resource: keyArn })));
      const missing = rs.filter((r) => r.decision !== 'allowed');
      if (missing.length) {
        return { check: check('kms', 'FAIL', `Bucket ${bucket} encrypts with the customer managed key ${keyName}, and the role is not allowed ${missing.map((m) => m.action).join(', ')} on it.`, `${need} Add the KMS statements below.`), keyArn };
      }
      roleSide = ' The IAM simulator says the role may use the key.';
    } catch (e) {
      rethrowFatal(e);
      roleSide = ` The role's key permissions could not be simulated (${isAppError(e) && e.action ? e.action : 'iam:SimulatePrincipalPolicy'}).`;
    }
  }
  // The key side: the key policy, read through KMS when it can be reached
  const kms = ports.access.kms;
  let why = `KMS cannot be reached here${ports.access.kmsUnavailable ? ` (${ports.access.kmsUnavailable})` : ''}`;
  if (kms && keyArn) {
    try {
      const doc = parsePolicy(await kms.getKeyPolicy(keyArn));
      const lacks = (principal: { service?: string; arn?: string }) => ['kms:Decrypt', 'kms:GenerateDataKey'].filter((action) => evaluate(doc, { principal, action, resource: keyArn }).decision !== 'allow');
      const gaps = [
        ...lacks({ service: PERSONALIZE_SERVICE }).map((a) => `${a} for ${PERSONALIZE_SERVICE}`),
        ...(roleArn ? lacks({ arn: roleArn }).map((a) => `${a} for the role`) : []),
      ];
      if (gaps.length) {
        return { check: check('kms', 'FAIL', `Bucket ${bucket} encrypts with the customer managed key ${keyName}, and its key policy does not allow ${gaps.join(', ')}.${roleSide}${groupKey}`, `${need} \`personalize-import access setup\` adds them (or hands them to the key's owner).`), keyArn };
      }
      if (roleSide.includes('may use the key') || !roleArn) {
        return { check: check('kms', 'PASS', `Bucket ${bucket} encrypts with the customer managed key ${keyName}: its key policy lets ${PERSONALIZE_SERVICE}${roleArn ? ' and the role' : ''} use it.${roleSide}${groupKey}`), keyArn };
      }
      return { check: check('kms', 'CANT_CHECK', `Bucket ${bucket} encrypts with the customer managed key ${keyName}: its key policy lets ${PERSONALIZE_SERVICE} and the role use it.${roleSide}${groupKey}`, `${need} See the KMS statements below.`), keyArn };
    } catch (e) {
      rethrowFatal(e);
      why = denied(e) ? `not allowed kms:GetKeyPolicy on it` : `kms:GetKeyPolicy failed: ${errText(e).replace(/\.$/, '')}`;
    }
  }
  return {
    check: { ...check('kms', 'CANT_CHECK', `Bucket ${bucket} encrypts with the customer managed key ${keyName}.${roleSide} Its key policy was not read (${why}).${groupKey}`, `${need} See the KMS statements below.`), deniedAction: 'kms:GetKeyPolicy' },
    keyArn,
  };
}

async function checkRunningJobs(ports: PreflightPorts, ignore: string | undefined, purpose: 'create' | 'diagnose'): Promise<PreflightCheck> {
  try {
    let jobs;
    if (ports.access) {
      jobs = await ports.access.listRunningImportJobs();
    } else {
      // Walk the account's dataset groups → datasets → jobs (slower, but needs only PersonalizeApi).
      jobs = [];
      for (const g of await ports.personalize.listDatasetGroups()) {
        for (const d of await ports.personalize.listDatasets(g.arn)) {
          for (const j of await ports.personalize.listImportJobs(d.arn)) if (j.status === 'CREATE PENDING' || j.status === 'CREATE IN_PROGRESS') jobs.push(j);
        }
      }
    }
    const running = jobs.filter((j) => j.arn !== ignore);
    const names = running.slice(0, 5).map((j) => j.name).join(', ');
    if (running.length >= 5) {
      return check('running-jobs', 'FAIL', `${running.length} import jobs are running in this region (${names}${running.length > 5 ? ', …' : ''}); at most 5 may run at once.`,
        `Wait for one to finish before ${purpose === 'create' ? 'creating this job' : 'creating a new job'}; import jobs cannot be stopped.`);
    }
    return check('running-jobs', 'PASS', `${running.length} import job${running.length === 1 ? ' is' : 's are'} running in this region${running.length ? ` (${names})` : ''}; the limit is 5.`);
  } catch (e) {
    return cantCheck('running-jobs', e, 'personalize:ListDatasetImportJobs');
  }
}

// ---- the whole preflight -------------------------------------------------------------------------

/**
 * Runs every check it can. Never throws for a check's own failure (that is a FAIL or CAN'T CHECK);
 * only credentials / region / interruption errors propagate (AppError, exit code 3 / 2 / 130).
 */
export async function runPreflight(ports: PreflightPorts, opts: PreflightOptions): Promise<PreflightResult> {
  const purpose = opts.purpose ?? 'create';
  const loc = parseS3Uri(opts.dataLocation);
  const group = typeof opts.datasetGroup === 'object' ? opts.datasetGroup : undefined;
  const groupArn = typeof opts.datasetGroup === 'string' ? opts.datasetGroup : group?.arn;
  const account = accountOf(groupArn) ?? accountOf(opts.roleArn);
  const partition = partitionOf(opts.roleArn ?? groupArn);

  if (!loc) {
    const bad = check('data-exists', 'FAIL', `${opts.dataLocation || '(empty)'} is not an S3 URI.`, 'Use s3://BUCKET/KEY for one file or s3://BUCKET/PREFIX/ for a folder.');
    const running = await checkRunningJobs(ports, opts.ignoreJobArn, purpose);
    const rest = (['bucket-region', 'bucket-policy', 'role-trust', 'role-s3-access', 'kms'] as CheckId[]).map((id) => check(id, 'CANT_CHECK', 'No bucket to check: the data location is not an S3 URI.'));
    const checks = [bad, ...rest, running];
    return { checks, ok: false, objects: [] };
  }
  const { bucket, key } = loc;

  let describedGroup = group;
  const groupP = !group && groupArn
    ? ports.personalize.describeDatasetGroup(groupArn).then((g) => { describedGroup = g; }, (e: unknown) => { rethrowFatal(e); })
    : Promise.resolve();

  const data = await checkData(ports, bucket, key, opts.mode);
  // Keys Personalize will GetObject: the objects found, else the location itself (or a sample key under the prefix).
  const keys = data.objects.length ? data.objects.slice(0, 20).map((o) => o.key) : [key === '' || key.endsWith('/') ? `${key}data.csv` : key];

  // a bucket that is not there: nothing about it can be checked, and no policy for it is a fix — the
  // data location is what to correct (the role's trust and the running jobs still are checked)
  const none = (id: CheckId) => check(id, 'CANT_CHECK', `No bucket to check: the bucket ${bucket} does not exist.`);
  const [region, policy, trust, , running] = await Promise.all([
    data.noBucket ? none('bucket-region') : checkRegion(ports, bucket, opts.region),
    data.noBucket ? { check: none('bucket-policy'), policy: undefined } : checkBucketPolicy(ports, bucket, keys, account, partition),
    checkRoleTrust(ports, opts.roleArn, account),
    groupP,
    checkRunningJobs(ports, opts.ignoreJobArn, purpose),
  ]);
  const [roleS3, kms, passRole] = await Promise.all([
    data.noBucket ? none('role-s3-access') : checkRoleS3(ports, opts.roleArn, bucket, keys, partition, trust.exists),
    data.noBucket ? { check: none('kms'), keyArn: undefined } : checkKms(ports, bucket, opts.roleArn, opts.region, account, describedGroup),
    // before a create only: the job's creator must be allowed to hand the role to Personalize
    purpose === 'create' ? checkPassRole(ports, opts.roleArn) : undefined,
  ]);

  const checks = [data.check, region, policy.check, trust.check, roleS3, kms.check, ...(passRole ? [{ id: 'pass-role' as const, title: CHECK_TITLES['pass-role'], ...passRole }] : []), running];
  if (data.noBucket) return { checks, ok: false, objects: [] };
  // Without a role the bucket statement is still exact; the role parts carry a placeholder to fill in.
  const statements = policyStatementsToAdd(bucket, opts.roleArn ?? `arn:${partition}:iam::${account ?? 'ACCOUNT_ID'}:role/ROLE_NAME`, { kmsKeyArn: kms.keyArn, accountId: account });
  return {
    checks,
    ok: checks.every((c) => c.status !== 'FAIL'),
    bucket,
    key,
    objects: data.objects,
    statements,
    ...(policy.policy !== undefined ? { currentBucketPolicy: policy.policy } : {}),
  };
}

/** Only the checks that block a create (FAIL), for the wizard / import to show before creating. */
export function blockingChecks(r: PreflightResult): PreflightCheck[] {
  return r.checks.filter((c) => c.status === 'FAIL');
}

// ---- the gate the wizard and `import` put before CreateDatasetImportJob ----------------------------

const FAIL_SUMMARY: Record<CheckId, string> = {
  'data-exists': 'no data at the data location',
  'bucket-region': "the bucket is not in the dataset group's region",
  'bucket-policy': 'the bucket policy does not let Personalize read the data',
  'role-trust': 'the role is missing or does not trust Personalize',
  'role-s3-access': 'the role cannot read the bucket',
  kms: "the role cannot use the bucket's KMS key",
  'running-jobs': '5 import jobs are already running',
  'data-valid': 'the data is invalid',
  'pass-role': 'you may not pass the role to Personalize (iam:PassRole)',
};

/** A FAIL in preflight, carrying the whole result so a front end can print checks and statements. */
export class PreflightFailed extends AppError {
  readonly result: PreflightResult;
  constructor(result: PreflightResult) {
    const fails = result.checks.filter((c) => c.status === 'FAIL');
    const first = fails[0];
    // The first FAIL decides the exit code: permissions → 3, the data location → 2, the job limit → 1.
    const kind: ErrorKind = !first ? 'internal'
      : ['bucket-policy', 'role-trust', 'role-s3-access', 'kms', 'pass-role'].includes(first.id) ? 'access-denied'
        : first.id === 'running-jobs' ? 'limit' : 'usage';
    super(kind, `Preflight: the import job would fail — ${fails.map((c) => FAIL_SUMMARY[c.id]).join('; ')}. No job was created.`, { hint: first?.fix });
    this.name = 'PreflightFailed';
    this.result = result;
  }
}

export function isPreflightFailed(e: unknown): e is PreflightFailed {
  return e instanceof PreflightFailed;
}

/**
 * For src/flow's `beforeCreate(dataLocation)` hook: runs preflight and throws PreflightFailed when
 * a check FAILs (CAN'T CHECK never blocks). `onResult` sees every result (to print the checks).
 */
export function preflightGate(ports: PreflightPorts, opts: Omit<PreflightOptions, 'dataLocation' | 'purpose'> & { onResult?: (r: PreflightResult) => void }): (dataLocation: string) => Promise<void> {
  return async (dataLocation) => {
    const { onResult, ...rest } = opts;
    const r = await runPreflight(ports, { ...rest, dataLocation, purpose: 'create' });
    onResult?.(r);
    if (!r.ok) throw new PreflightFailed(r);
  };
}
