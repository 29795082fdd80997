// The extra edges preflight and diagnose need beyond PersonalizeApi / StorageApi: IAM (the role,
// its policies, the policy simulator), the bucket's default encryption, and the region-wide list of
// running import jobs. src/aws/access.ts implements it with the real SDK clients.
//
// Contract: a method that is refused throws an AppError of kind 'access-denied' whose `action`
// names the IAM action (e.g. "iam:GetRole"); preflight turns that into CAN'T CHECK naming it.
import type { PersonalizeApi, StorageApi } from '../core/ports.js';
import type { ImportJob } from '../core/resources.js';

export interface RoleFacts {
  arn: string;
  name: string;
  /** the trust (assume-role) policy JSON text, URL-decoded */
  trustPolicy?: string;
}

export interface RolePolicy {
  /** inline policy name or managed policy ARN */
  name: string;
  kind: 'inline' | 'managed';
  /** the policy JSON text */
  document: string;
}

export interface SimulationResult {
  action: string;
  resource: string;
  /** IAM's EvalDecision: "allowed" | "implicitDeny" | "explicitDeny" */
  decision: 'allowed' | 'implicitDeny' | 'explicitDeny';
  /** policies that decided it, when IAM says */
  matchedStatements?: string[];
}

export interface BucketEncryption {
  /** "AES256" (SSE-S3), "aws:kms", "aws:kms:dsse" */
  algorithm: string;
  /** the key id/ARN/alias for aws:kms; undefined = the AWS managed key aws/s3 */
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface KmsKeyFacts {
  arn: string;
  keyId: string;
  /** the account that owns the key (only its principals may change the key policy) */
  accountId: string;
  /** AWS managed keys (aws/s3 …) have policies nobody may change */
  keyManager: 'AWS' | 'CUSTOMER';
  keyState?: string;
}

/**
 * KMS, for a bucket encrypted with a customer managed key: read the key and its policy, and (access
 * setup, with consent) write the policy. Refusals throw access-denied naming the kms: action.
 */
export interface KmsApi {
  /** kms:DescribeKey (a key id, key ARN or alias ARN); undefined when KMS does not know it */
  describeKey(keyId: string): Promise<KmsKeyFacts | undefined>;
  /** kms:GetKeyPolicy (the "default" policy) */
  getKeyPolicy(keyArn: string): Promise<string>;
  /** kms:PutKeyPolicy (replaces the whole policy; the lockout safety check stays on) */
  putKeyPolicy(keyArn: string, policy: string): Promise<void>;
}

/** Who is calling (STS GetCallerIdentity). */
export interface CallerFacts {
  arn: string;
  account: string;
  /** the IAM principal whose policies decide (an assumed-role session → its role); undefined for root / federated callers */
  principalArn?: string;
  /** the account's root user: may do anything in the account */
  root?: boolean;
}

export interface AccessApi {
  /**
   * Set when IAM cannot be asked at all in this environment (e.g. "the sandbox does not serve
   * IAM"): role checks are then CAN'T CHECK with this reason, and no IAM call is made.
   */
  readonly iamUnavailable?: string;
  /** undefined when the role does not exist */
  getRole(roleArn: string): Promise<RoleFacts | undefined>;
  /** the role's inline and attached managed policies (default versions) */
  rolePolicies(roleArn: string): Promise<RolePolicy[]>;
  /** iam:SimulatePrincipalPolicy for the role */
  simulateRole(roleArn: string, asks: { action: string; resource: string }[]): Promise<SimulationResult[]>;
  /** the bucket's default encryption; undefined when S3 reports none */
  bucketEncryption(bucket: string): Promise<BucketEncryption | undefined>;
  /** every import job in the region that is CREATE PENDING or CREATE IN_PROGRESS */
  listRunningImportJobs(): Promise<ImportJob[]>;
  /** KMS (key policies); absent when it cannot be reached here (see kmsUnavailable) */
  readonly kms?: KmsApi;
  readonly kmsUnavailable?: string;
  /** sts:GetCallerIdentity (needs no permission) */
  callerIdentity?(): Promise<CallerFacts>;
  /** iam:SimulatePrincipalPolicy for the caller's own principal, with context keys (iam:PassedToService …) */
  simulatePrincipal?(principalArn: string, asks: { action: string; resource: string; context?: Record<string, string> }[]): Promise<SimulationResult[]>;
}

/** What runPreflight talks through. Without `access`, role/KMS/running-job checks are CAN'T CHECK. */
export interface PreflightPorts {
  personalize: PersonalizeApi;
  s3: StorageApi;
  access?: AccessApi;
}
