// applyChanges: carries out a plan's changes, in order, through the SetupApi — only after the
// caller has the user's yes (or --yes). A change marked `manual` (a key policy the caller may not
// change: handed to the key's owner) is reported, never applied. The first refusal stops the run:
// the AppError (kind 'access-denied', `action` = the IAM action) propagates, and `applied` in the
// event stream says what was done before it. A key policy goes through the AccessApi's KMS port.
import { AppError, isAppError } from '../core/errors.js';
import type { Change } from './plan.js';
import type { SetupApi } from './ports.js';
import type { AccessApi } from '../diagnose/ports.js';

export type ApplyEvent =
  | { type: 'start'; change: Change }
  | { type: 'done'; change: Change }
  | { type: 'manual'; change: Change }
  | { type: 'failed'; change: Change; error: unknown };

export interface ApplyResult {
  applied: Change[];
  /** the role's ARN once it exists (CreateRole answers it) */
  roleArn?: string;
}

export async function applyChanges(ports: { setup: SetupApi; access?: Pick<AccessApi, 'kms'> }, changes: Change[], onEvent: (e: ApplyEvent) => void = () => {}): Promise<ApplyResult> {
  const applied: Change[] = [];
  let roleArn: string | undefined;
  for (const change of changes) {
    if (change.manual) {
      onEvent({ type: 'manual', change });
      continue;
    }
    onEvent({ type: 'start', change });
    try {
      switch (change.action) {
        case 'CreateBucket': await ports.setup.createBucket(change.bucket, change.region); break;
        case 'PutPublicAccessBlock': await ports.setup.blockPublicAccess(change.bucket); break;
        case 'PutBucketEncryption': await ports.setup.setDefaultEncryption(change.bucket); break;
        case 'PutBucketPolicy': await ports.setup.putBucketPolicy(change.bucket, change.text); break;
        case 'CreateRole': roleArn = await ports.setup.createRole(change.roleName, change.text, change.description); break;
        case 'PutRolePolicy': await ports.setup.putRolePolicy(change.roleName, change.policyName, change.text); break;
        case 'PutKeyPolicy': {
          const kms = ports.access?.kms;
          if (!kms || change.text === undefined) throw new AppError('internal', `The key policy of ${change.keyArn} cannot be changed from here.`);
          await kms.putKeyPolicy(change.keyArn, change.text);
          break;
        }
      }
    } catch (e) {
      onEvent({ type: 'failed', change, error: e });
      // a refusal names the permission this change needs, whatever the service said
      if (isAppError(e) && e.kind === 'access-denied' && !e.action) {
        throw new AppError('access-denied', `Access denied: not allowed ${change.permission} on ${change.resource}.`, { action: change.permission, awsName: e.awsName, cause: e, hint: `Allow ${change.permission} for your identity, or have someone who may apply the change (see --dry-run).` });
      }
      throw e;
    }
    applied.push(change);
    onEvent({ type: 'done', change });
  }
  return { applied, ...(roleArn ? { roleArn } : {}) };
}
