// How a plan reads: the equivalent `aws` commands (so --dry-run output can be run by hand, or
// handed to whoever holds the permissions), and the text lines a command prints. Anything that came
// from S3 or IAM is shown with control characters made visible.
import type { AccessPlan, Change, PlanCheck } from './plan.js';

/** Control characters (C0 but newline and tab, DEL, C1) shown as \u escapes: nothing from a policy reaches the terminal raw. */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A shell word: single-quoted, with ' written as '\'' (POSIX shells). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const compact = (doc: unknown) => JSON.stringify(doc);

/** The `aws` command that makes the same change. */
export function awsCommand(c: Change): string {
  const q = shellQuote;
  switch (c.action) {
    case 'CreateBucket':
      return `aws s3api create-bucket --bucket ${q(c.bucket)} --region ${q(c.region)}${c.region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${q(c.region)}`}`;
    case 'PutPublicAccessBlock':
      return `aws s3api put-public-access-block --bucket ${q(c.bucket)} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`;
    case 'PutBucketEncryption':
      return `aws s3api put-bucket-encryption --bucket ${q(c.bucket)} --server-side-encryption-configuration ${q(compact(c.document))}`;
    case 'PutBucketPolicy':
      return `aws s3api put-bucket-policy --bucket ${q(c.bucket)} --policy ${q(compact(c.document))}`;
    case 'CreateRole':
      return `aws iam create-role --role-name ${q(c.roleName)} --assume-role-policy-document ${q(compact(c.document))} --description ${q(c.description)}`;
    case 'PutRolePolicy':
      return `aws iam put-role-policy --role-name ${q(c.roleName)} --policy-name ${q(c.policyName)} --policy-document ${q(compact(c.document))}`;
    case 'PutKeyPolicy':
      // the whole merged policy when it could be read; else read it, add the statements, put it back
      return c.text !== undefined
        ? `aws kms put-key-policy --key-id ${q(c.keyArn)} --policy-name default --policy ${q(compact(c.document))}`
        : `aws kms get-key-policy --key-id ${q(c.keyArn)} --policy-name default --output text > key-policy.json   # add the statements above, then: aws kms put-key-policy --key-id ${q(c.keyArn)} --policy-name default --policy file://key-policy.json`;
  }
}

const MARK: Record<PlanCheck['state'], string> = { OK: 'OK        ', MISSING: 'TO CHANGE ', BLOCKED: 'BLOCKED   ', CANT_CHECK: "CAN'T CHECK" };

export function checkLines(plan: AccessPlan): string {
  return plan.checks.map((c) => `  ${MARK[c.state].padEnd(11)} ${visible(c.detail)}`).join('\n');
}

/** Every change with its document (a bucket policy as a diff) and its `aws` equivalent. */
export function changeText(c: Change, i: number, total: number): string {
  const lines = [`${i + 1}/${total}  ${c.summary}${c.manual ? '  (not applied by this tool)' : ''}`];
  if (c.manual) lines.push(`      ${c.manual}`);
  if (c.action === 'PutBucketPolicy') {
    lines.push('      The whole bucket policy afterwards (+ added, unmarked lines kept as they are):');
    lines.push(...visible(c.diff).split('\n').map((l) => `      ${l}`));
  } else if (c.action === 'PutKeyPolicy' && c.diff !== undefined) {
    lines.push('      The whole key policy afterwards (+ added, unmarked lines kept as they are):');
    lines.push(...visible(c.diff).split('\n').map((l) => `      ${l}`));
  } else if (c.document !== undefined) {
    lines.push(...visible(JSON.stringify(c.document, null, 2)).split('\n').map((l) => `      ${l}`));
  }
  lines.push(`      $ ${visible(awsCommand(c))}`);
  return lines.join('\n');
}

export function changesText(plan: AccessPlan): string {
  return plan.changes.map((c, i) => changeText(c, i, plan.changes.length)).join('\n\n');
}

/** For the key's owner: the exact JSON to put (or the statements to add) and the command that does it. */
export function handOffText(c: Change): string {
  if (c.action !== 'PutKeyPolicy') return '';
  const json = c.text ?? JSON.stringify(c.document, null, 2);
  const file = c.text !== undefined ? 'key-policy.json' : 'statements.json';
  return [
    c.text !== undefined ? `The key policy for ${c.keyArn}, whole (save it as ${file}):` : `The statements to add to the key policy of ${c.keyArn} (save them as ${file}):`,
    visible(json),
    c.text !== undefined
      ? `$ aws kms put-key-policy --key-id ${shellQuote(c.keyArn)} --policy-name default --policy file://${file}`
      : `$ ${awsCommand(c)}`,
  ].join('\n');
}
