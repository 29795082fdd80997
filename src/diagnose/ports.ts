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
}

/** What runPreflight talks through. Without `access`, role/KMS/running-job checks are CAN'T CHECK. */
export interface PreflightPorts {
  personalize: PersonalizeApi;
  s3: StorageApi;
  access?: AccessApi;
}
