// Preflight's check of the caller's own permission: creating an import job hands the role to
// Personalize, which needs iam:PassRole on that role (iam:PassedToService personalize.amazonaws.com).
// What can be known: who calls (sts:GetCallerIdentity, allowed to everyone), then IAM's policy
// simulator for that principal (iam:SimulatePrincipalPolicy on yourself — often allowed, not
// always). When the simulator cannot be asked the check says so and names the permission; it never
// guesses. SCPs and permissions boundaries are beyond the simulator's reach for a principal's own
// policies, and an assumed-role session's session policy too: a PASS says so. Core module.
import { isAppError } from '../core/errors.js';
import type { PreflightPorts } from './ports.js';
import { PERSONALIZE_SERVICE } from './policy.js';

export interface PassRoleCheck {
  status: 'PASS' | 'FAIL' | 'CANT_CHECK';
  detail: string;
  fix?: string;
  deniedAction?: string;
}

const FATAL = new Set(['no-credentials', 'expired-token', 'region-missing', 'interrupted']);

export async function checkPassRole(ports: PreflightPorts, roleArn: string | undefined): Promise<PassRoleCheck> {
  const need = roleArn ? `iam:PassRole on ${roleArn} (condition iam:PassedToService = ${PERSONALIZE_SERVICE})` : 'iam:PassRole on the role';
  const fix = `Allow ${need} for your identity: the statement is below.`;
  if (!roleArn) return { status: 'CANT_CHECK', detail: 'No service role is known, so passing it could not be checked.' };
  const access = ports.access;
  const notChecked = (why: string, deniedAction?: string): PassRoleCheck => ({ status: 'CANT_CHECK', detail: `Not checked (${why}). Creating the job needs ${need}.`, fix, ...(deniedAction ? { deniedAction } : {}) });
  if (!access?.callerIdentity || !access.simulatePrincipal) return notChecked('who you are cannot be asked here');
  if (access.iamUnavailable) return notChecked(access.iamUnavailable);
  let who;
  try {
    who = await access.callerIdentity();
  } catch (e) {
    if (isAppError(e) && FATAL.has(e.kind)) throw e;
    return notChecked(`sts:GetCallerIdentity failed: ${e instanceof Error ? e.message.replace(/\.$/, '') : String(e)}`);
  }
  if (who.root) return { status: 'PASS', detail: `You are the account's root user (${who.arn}), who may pass any role of the account.` };
  if (!who.principalArn) return notChecked(`your identity ${who.arn} is not an IAM user or role the simulator can evaluate`);
  try {
    const rs = await access.simulatePrincipal(who.principalArn, [{ action: 'iam:PassRole', resource: roleArn, context: { 'iam:PassedToService': PERSONALIZE_SERVICE } }]);
    const r = rs[0];
    if (r?.decision === 'allowed') {
      return { status: 'PASS', detail: `IAM policy simulator: ${who.principalArn} may iam:PassRole ${roleArn} to ${PERSONALIZE_SERVICE} (SCPs, permissions boundaries and session policies not evaluated).` };
    }
    if (r) {
      return {
        status: 'FAIL',
        detail: `IAM policy simulator: ${who.principalArn} may not iam:PassRole ${roleArn} to ${PERSONALIZE_SERVICE} (${r.decision === 'explicitDeny' ? 'an explicit Deny' : 'no statement allows it'}): creating the import job would be refused.`,
        fix: r.decision === 'explicitDeny' ? `Remove the Deny on iam:PassRole for ${roleArn} from your identity's policies, then ${fix.charAt(0).toLowerCase()}${fix.slice(1)}` : fix,
      };
    }
    return notChecked('the simulator gave no answer');
  } catch (e) {
    if (isAppError(e) && FATAL.has(e.kind)) throw e;
    const denied = isAppError(e) && e.kind === 'access-denied';
    return notChecked(denied ? `not allowed iam:SimulatePrincipalPolicy on ${who.principalArn}` : `the simulator failed: ${e instanceof Error ? e.message.replace(/\.$/, '') : String(e)}`, denied ? 'iam:SimulatePrincipalPolicy' : undefined);
  }
}
