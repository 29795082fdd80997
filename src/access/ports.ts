// The edges access setup talks through, beyond preflight's (PersonalizeApi, StorageApi, AccessApi):
// the writes. src/aws/setup.ts implements them with the real SDK clients.
//
// Contract (as for AccessApi): a refused call throws an AppError of kind 'access-denied' whose
// `action` names the IAM action (e.g. "s3:PutBucketPolicy", "iam:CreateRole").
import type { AccessApi, PreflightPorts } from '../diagnose/ports.js';

export interface SetupApi {
  /** s3:CreateBucket in `region` */
  createBucket(bucket: string, region: string): Promise<void>;
  /** s3:PutBucketPublicAccessBlock with all four blocks on */
  blockPublicAccess(bucket: string): Promise<void>;
  /** s3:PutEncryptionConfiguration: SSE-S3 (AES256) by default */
  setDefaultEncryption(bucket: string): Promise<void>;
  /** s3:PutBucketPolicy (replaces the whole policy) */
  putBucketPolicy(bucket: string, policy: string): Promise<void>;
  /** iam:CreateRole; returns the new role's ARN */
  createRole(roleName: string, trustPolicy: string, description: string): Promise<string>;
  /** iam:PutRolePolicy (an inline policy; replaces one of the same name) */
  putRolePolicy(roleName: string, policyName: string, document: string): Promise<void>;
}

export interface AccessPorts extends PreflightPorts {
  access: AccessApi;
  setup: SetupApi;
}
