// What planAccess (plan.ts) finds and would change: the shapes shared by plan.ts and plan-kms.ts,
// in their own file so neither imports the other for them (an import circle).
import type { PolicyStatement } from '../diagnose/policy.js';

export type CheckId = 'bucket' | 'bucket-region' | 'bucket-policy' | 'encryption' | 'key-policy' | 'role' | 'role-trust' | 'role-s3-access';
export type CheckState = 'OK' | 'MISSING' | 'BLOCKED' | 'CANT_CHECK';

export interface PlanCheck {
  id: CheckId;
  state: CheckState;
  detail: string;
  /** the caller's IAM action that was refused (CANT_CHECK) */
  deniedAction?: string;
  /** BLOCKED by something the user must choose differently (a flag), not a permission: usage */
  usage?: boolean;
}

interface ChangeBase {
  /** the ARN of what changes */
  resource: string;
  /** the IAM action the caller needs for it */
  permission: string;
  /** one line for people */
  summary: string;
  /** the JSON document it sends, when there is one */
  document?: unknown;
  /** set when the tool does not apply it: who must, and how */
  manual?: string;
}

export type Change = ChangeBase & (
  | { action: 'CreateBucket'; bucket: string; region: string }
  | { action: 'PutPublicAccessBlock'; bucket: string }
  | { action: 'PutBucketEncryption'; bucket: string }
  | { action: 'PutBucketPolicy'; bucket: string; text: string; diff: string }
  | { action: 'CreateRole'; roleName: string; text: string; description: string }
  | { action: 'PutRolePolicy'; roleName: string; policyName: string; text: string }
  /** text/diff: the whole merged key policy, when it could be read; statements: what is added */
  | { action: 'PutKeyPolicy'; keyArn: string; statements: PolicyStatement[]; text?: string; diff?: string }
);
