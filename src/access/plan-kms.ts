// The key-policy part of access setup, for a bucket encrypted with a customer managed KMS key:
// read the key (DescribeKey) and its policy (GetKeyPolicy), merge the Personalize statements in
// (keyPolicyStatements: the service and the role), and decide who applies it. The change is
// applied by this tool only when the caller may PutKeyPolicy on that key — the key is in the
// caller's account and its policy allows the caller (by name, or through the account root when the
// caller's IAM policies allow it too, asked of IAM's simulator). Otherwise the change is a hand-off:
// the exact JSON (the whole merged policy when it could be read, else the statements to add) and
// the `aws kms put-key-policy` command, for the key's owner. Reads only; core module.
import { isAppError } from '../core/errors.js';
import { evaluate, parsePolicy, type PolicyDocument, type PolicyStatement } from '../diagnose/policy.js';
import type { AccessPorts } from './ports.js';
import type { Change, PlanCheck } from './plan-types.js';
import { keyPolicyStatements, mergeKeyPolicy, namesPrincipal } from './documents.js';

export interface KeyPlan {
  check: PlanCheck;
  change?: Change;
}

function deniedAction(e: unknown): string | undefined {
  return isAppError(e) && e.kind === 'access-denied' ? e.action ?? 'unknown' : undefined;
}

function rethrowFatal(e: unknown): void {
  if (isAppError(e) && ['no-credentials', 'expired-token', 'region-missing', 'interrupted', 'network'].includes(e.kind)) throw e;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

type May = { may: 'yes' | 'no' | 'unknown'; why: string };

/** May the caller PutKeyPolicy on this key (same account)? Decided from the key policy, then IAM's simulator. */
async function callerMayPut(ports: AccessPorts, doc: PolicyDocument, keyArn: string): Promise<May> {
  // an unreachable STS is not fatal here: the change is then tried, and a refusal handed over
  const who = await ports.access.callerIdentity?.().catch((e: unknown) => {
    if (isAppError(e) && ['no-credentials', 'expired-token', 'interrupted'].includes(e.kind)) throw e;
    return undefined;
  });
  if (!who) return { may: 'unknown', why: 'who you are could not be asked (sts:GetCallerIdentity)' };
  const principal = who.root ? `arn:aws:iam::${who.account}:root` : who.principalArn;
  if (!principal) return { may: 'unknown', why: `your identity ${who.arn} is not an IAM user or role` };
  const d = evaluate(doc, { principal: { arn: principal }, action: 'kms:PutKeyPolicy', resource: keyArn });
  const st = d.by ? (doc.Statement[d.by.index] as PolicyStatement) : undefined;
  const name = st?.Sid ? `statement "${st.Sid}"` : d.by ? `statement #${d.by.index + 1}` : '';
  if (d.decision === 'deny') return { may: 'no', why: `${name} of its key policy denies you kms:PutKeyPolicy` };
  if (d.decision !== 'allow') return { may: 'no', why: `its key policy does not give you (${principal}) kms:PutKeyPolicy — only its administrators may change it` };
  if (who.root || namesPrincipal(st, { arn: principal })) return { may: 'yes', why: `${name} of its key policy lets you change it` };
  // the key policy defers to the account's IAM policies: ask the simulator about the caller's own
  if (!ports.access.simulatePrincipal || ports.access.iamUnavailable) return { may: 'unknown', why: 'its key policy defers to IAM, and IAM cannot be asked here' };
  try {
    const r = await ports.access.simulatePrincipal(principal, [{ action: 'kms:PutKeyPolicy', resource: keyArn }]);
    if (r.length && r.every((x) => x.decision === 'allowed')) return { may: 'yes', why: `its key policy defers to IAM (${name}), and your IAM policies allow kms:PutKeyPolicy on it` };
    return { may: 'no', why: `its key policy defers to IAM (${name}), and your IAM policies do not allow kms:PutKeyPolicy on it (IAM policy simulator)` };
  } catch (e) {
    rethrowFatal(e);
    return { may: 'unknown', why: `its key policy defers to IAM, and ${deniedAction(e) ? `iam:SimulatePrincipalPolicy was refused` : 'the simulator could not be asked'}` };
  }
}

/** What the key policy of the bucket's key needs for Personalize and `roleArn`, and who applies it. */
export async function planKeyPolicy(ports: AccessPorts, keyArn: string, roleArn: string, accountId: string | undefined): Promise<KeyPlan> {
  const statements = keyPolicyStatements(roleArn);
  const handOff = (check: PlanCheck, why: string, merged?: { text: string; diff: string; document: Record<string, unknown>; added: PolicyStatement[] }): KeyPlan => ({
    check,
    change: {
      action: 'PutKeyPolicy', keyArn, resource: keyArn, permission: 'kms:PutKeyPolicy', statements: merged?.added ?? statements,
      ...(merged ? { text: merged.text, diff: merged.diff, document: merged.document } : { document: statements }),
      summary: `Add ${(merged?.added ?? statements).length} statement${(merged?.added ?? statements).length === 1 ? '' : 's'} to the key policy of ${keyArn}`,
      manual: `${why} Hand ${merged ? 'this key policy (the whole document, to put as it is)' : 'these statements (to add to its key policy)'} to the key's owner.`,
    },
  });
  const kms = ports.access.kms;
  if (!kms) {
    return handOff({ id: 'key-policy', state: 'CANT_CHECK', detail: `The key policy of ${keyArn} was not read: ${ports.access.kmsUnavailable ?? 'KMS cannot be reached here'}. It needs the Personalize statements shown.` }, 'KMS cannot be reached from here.');
  }
  let key;
  try {
    key = await kms.describeKey(keyArn);
  } catch (e) {
    rethrowFatal(e);
    const act = deniedAction(e);
    return handOff({ id: 'key-policy', state: 'CANT_CHECK', ...(act ? { deniedAction: act } : {}), detail: act ? `Not allowed ${act} on ${keyArn}: the key and its policy could not be read.` : `The key ${keyArn} could not be read: ${errText(e)}` }, act ? `You may not read the key (${act}).` : 'The key could not be read.');
  }
  if (!key) return { check: { id: 'key-policy', state: 'BLOCKED', detail: `The bucket's KMS key ${keyArn} does not exist (or is not visible to you): Personalize cannot read the objects it encrypted. Set the bucket's default encryption to a key that exists.` } };
  if (key.keyManager === 'AWS') return { check: { id: 'key-policy', state: 'OK', detail: `${key.arn} is an AWS managed key: its policy lets principals of the account use it through S3, and nobody may change it.` } };
  if (accountId && key.accountId && key.accountId !== accountId) {
    return handOff({ id: 'key-policy', state: 'MISSING', detail: `The key ${key.arn} belongs to account ${key.accountId}, not ${accountId}: only its owner can read or change its key policy (KMS allows no other account to).` }, `The key belongs to account ${key.accountId}.`);
  }
  let current: string;
  try {
    current = await kms.getKeyPolicy(key.arn);
  } catch (e) {
    rethrowFatal(e);
    const act = deniedAction(e);
    return handOff({ id: 'key-policy', state: 'MISSING', ...(act ? { deniedAction: act } : {}), detail: act ? `Not allowed ${act} on ${key.arn}: its key policy cannot be merged without reading it, so the statements to add go to the key's owner.` : `The key policy of ${key.arn} could not be read: ${errText(e)}` }, act ? `You may not read the key policy (${act}).` : 'The key policy could not be read.');
  }
  const m = mergeKeyPolicy(current, roleArn, key.arn);
  if (m.problem) return { check: { id: 'key-policy', state: 'BLOCKED', detail: m.problem } };
  if (!m.added.length || !m.document || !m.text) return { check: { id: 'key-policy', state: 'OK', detail: `The key policy of ${key.arn} already lets personalize.amazonaws.com and ${roleArn} use the key.` } };
  const merged = { text: m.text, diff: m.diff, document: m.document, added: m.added };
  const may = await callerMayPut(ports, parsePolicy(current), key.arn);
  const what = `The key policy of ${key.arn} lacks ${m.added.map((s) => `"${s.Sid}"`).join(' and ')} (personalize.amazonaws.com and the role using the key)`;
  if (may.may === 'no') {
    return handOff({ id: 'key-policy', state: 'MISSING', deniedAction: 'kms:PutKeyPolicy', detail: `${what}: you may not change it — ${may.why}.` }, `You may not change this key's policy: ${may.why}.`, merged);
  }
  const summary = `Add ${m.added.length} statement${m.added.length === 1 ? '' : 's'} to the key policy of ${key.arn}`;
  return {
    check: { id: 'key-policy', state: 'MISSING', detail: `${what}: the fix adds ${m.added.length === 1 ? 'it' : 'them'}, every existing statement kept (${may.may === 'yes' ? may.why : `${may.why}: if KMS refuses, the policy is printed for the key's owner`}).` },
    change: { action: 'PutKeyPolicy', keyArn: key.arn, resource: key.arn, permission: 'kms:PutKeyPolicy', statements: m.added, text: m.text, diff: m.diff, document: m.document, summary },
  };
}
