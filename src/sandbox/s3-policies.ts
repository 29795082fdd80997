// Bucket policies in the sandbox's S3: the two it seeds (one that grants Personalize, one that
// does not) and S3's own checks on a policy it is given (MalformedPolicy wording, 20 KB limit).

export const BUCKET_POLICY_SIZE_LIMIT = 20 * 1024;

export function grantPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'PersonalizeS3BucketAccessPolicy',
    Statement: [
      {
        Sid: 'PersonalizeS3BucketAccessPolicy',
        Effect: 'Allow',
        Principal: { Service: 'personalize.amazonaws.com' },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      },
    ],
  });
}

/** A policy that exists but does not let Personalize read (only the account's own role may). */
export function noGrantPolicy(bucket: string, accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnerOnly',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      },
    ],
  });
}

/** S3's checks on a bucket policy it is given, with its MalformedPolicy wording. */
export function policyProblem(text: string, bucket: string): string | undefined {
  if (Buffer.byteLength(text) > BUCKET_POLICY_SIZE_LIMIT) return 'Policy exceeds the maximum allowed document size.';
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(text) as { Statement?: unknown };
  } catch {
    return "Policies must be valid JSON and the first byte must be '{'";
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !text.trimStart().startsWith('{')) return "Policies must be valid JSON and the first byte must be '{'";
  const st = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  if (!st.length) return 'Missing required field Statement';
  for (const s of st as Record<string, unknown>[]) {
    if (!s || typeof s !== 'object') return 'Statement is not an object';
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return 'Invalid effect: ' + String(s.Effect);
    if (s.Principal === undefined && s.NotPrincipal === undefined) return 'Missing required field Principal';
    if (s.Action === undefined && s.NotAction === undefined) return 'Missing required field Action';
    const acts = ([] as unknown[]).concat(s.Action ?? s.NotAction);
    if (acts.some((a) => typeof a !== 'string' || !/^(s3:[A-Za-z*?]+|\*)$/.test(a))) return 'Policy has invalid action';
    const res = ([] as unknown[]).concat(s.Resource ?? s.NotResource ?? []);
    if (!res.length) return 'Missing required field Resource';
    for (const x of res) {
      if (typeof x !== 'string' || !new RegExp(`^arn:aws:s3:::${bucket.replace(/[.]/g, '\\.')}(/.*)?$`).test(x)) return 'Policy has invalid resource';
    }
  }
  return undefined;
}
