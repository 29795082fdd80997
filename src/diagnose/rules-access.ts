// Catalogue rules for who may do what: iam:PassRole and iam:CreateRole for the caller, the service
// role Personalize cannot assume, KMS keys, S3 refusing the caller, missing buckets and objects,
// credentials and endpoints. Core module.
import { arnsIn, bucketIn, captureOf, DOCS, locationIn, type Rule } from './entry.js';
import { diagnoseCommand } from './known.js';

const NOT_AUTHORIZED = /(?:user|role|principal)?:?\s*(arn:[^\s]{1,400}?)\s+is\s+not\s+authorized\s+to\s+perform:?\s*([a-z0-9-]{1,40}:[A-Za-z0-9*]{1,100})(?:\s+on\s+resource:?\s*(\S{1,600}?))?(?=[\s.,;]|$)/i;
const ACTION_ONLY = /not\s+authorized\s+to\s+perform:?\s*([a-z0-9-]{1,40}:[A-Za-z0-9*]{1,100})(?:\s+on\s+resource:?\s*(\S{1,600}?))?(?=[\s.,;]|$)/i;

function denied(msg: string): { who?: string; action?: string; resource?: string } {
  const m = NOT_AUTHORIZED.exec(msg);
  if (m) return { who: m[1], action: m[2], resource: m[3]?.replace(/[.,;]+$/, '') };
  const a = ACTION_ONLY.exec(msg);
  return a ? { action: a[1], resource: a[2]?.replace(/[.,;]+$/, '') } : {};
}

const S3_OPS = /^(?:PutObject|GetObject|HeadObject|ListObjects(?:V2)?|ListBucket|CreateMultipartUpload|UploadPart|CompleteMultipartUpload|GetBucketPolicy|PutBucketPolicy|GetBucketLocation|CreateBucket|HeadBucket|CopyObject)$/;

export const ACCESS_RULES: Rule[] = [
  {
    id: 'passrole-denied',
    title: 'You may not pass the service role to Personalize',
    examples: [
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/PersonalizeRole',
      'An error occurred (AccessDeniedException) when calling the CreateDatasetImportJob operation: User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/PersonalizeS3',
    ],
    test: (c) => /iam:PassRole/i.test(c.msg) && /not\s+authorized|denied/i.test(c.msg),
    build: (c) => {
      const d = denied(c.msg);
      const who = d.who ?? 'your identity';
      const role = d.resource;
      return {
        cause: `${who} is not allowed iam:PassRole${role ? ` on ${role}` : ''}; ${c.op ? `${c.op}` : 'creating an import job'} hands the role to Personalize, which needs that permission.`,
        fix: `Ask your administrator to allow iam:PassRole on ${role || 'the role'} for ${who}, with the condition "iam:PassedToService": "personalize.amazonaws.com" (\`${diagnoseCommand(c.known)}\` prints the statement).`,
        docs: DOCS.passRole,
        checks: ['role-trust'],
        captured: captureOf({ principal: d.who, role }),
      };
    },
  },
  {
    id: 'iam-create-role-denied',
    title: 'You may not create the IAM role',
    examples: ['An error occurred (AccessDenied) when calling the CreateRole operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/PersonalizeS3'],
    test: (c) => /iam:(?:CreateRole|PutRolePolicy|AttachRolePolicy)\b/i.test(c.msg) || (/^(?:CreateRole|PutRolePolicy|AttachRolePolicy)$/.test(c.op) && /AccessDenied/i.test(c.name)),
    build: (c) => {
      const d = denied(c.msg);
      const role = d.resource ?? arnsIn(c.msg).find((a) => a.type === 'role')?.arn;
      const action = d.action ?? `iam:${c.op || 'CreateRole'}`;
      return {
        cause: `${d.who ?? 'Your identity'} is not allowed ${action}${role ? ` on ${role}` : ''}. Creating the service role Personalize assumes needs IAM permissions many users do not have.`,
        fix: `Ask an administrator to create the role once (trusting personalize.amazonaws.com, with s3:GetObject + s3:ListBucket on your bucket) and pass its ARN with --role-arn; or ask for ${action}` +
          `${role ? ` on ${role}` : ' on that role'} (and iam:PutRolePolicy, iam:PassRole). \`${diagnoseCommand(c.known)}\` prints the trust and role policies to hand over.`,
        docs: DOCS.role,
        checks: ['role-trust'],
        captured: captureOf({ principal: d.who, action, role }),
      };
    },
  },
  {
    id: 'role-cannot-be-assumed',
    title: 'Personalize cannot assume the service role',
    examples: ['An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Unable to assume role arn:aws:iam::123456789012:role/PersonalizeS3. Please check the trust relationship.'],
    test: (c) => /(?:unable\s+to|cannot|can't|could\s+not|failed\s+to)\s+assume\s+(?:the\s+)?(?:iam\s+)?role/i.exec(c.msg) ?? /role\s+\S{0,300}\s+(?:is\s+not\s+assumable|cannot\s+be\s+assumed)/i.exec(c.msg),
    build: (c) => {
      const role = arnsIn(c.msg).find((a) => a.type === 'role');
      return {
        cause: `Personalize could not assume ${role?.arn ?? 'the role'}: its trust policy does not let personalize.amazonaws.com call sts:AssumeRole (or an aws:SourceAccount / aws:SourceArn condition does not match), the role does not exist, ` +
          'or it was created seconds ago (IAM is eventually consistent: a brand-new role may be refused for a short while).',
        fix: `Check the trust policy (\`aws iam get-role --role-name ${role?.name.split('/').pop() ?? 'ROLE_NAME'}\`): it must allow the principal {"Service": "personalize.amazonaws.com"} sts:AssumeRole. ` +
          'If the role was just created, wait a few seconds and create the job again.',
        docs: DOCS.role,
        checks: ['role-trust'],
        captured: captureOf({ role: role?.arn }),
      };
    },
  },
  {
    id: 'kms-access',
    title: 'A KMS key refused Personalize or the role',
    examples: [
      'An error occurred (InvalidInputException) when calling the CreateDatasetGroup operation: KMS key arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab is not accessible. Check that Amazon Personalize can use the key.',
      'User: arn:aws:sts::123456789012:assumed-role/PersonalizeS3/session is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ],
    test: (c) => /\bkms:[A-Za-z]{2,40}\b/.test(c.msg) || /^KMS/i.test(c.parsed.service ?? '') || /\bKMS\b[^\n]{0,120}?(?:not\s+accessible|access\s+denied|denied|not\s+authorized|disabled|pending\s+deletion|does\s+not\s+exist|invalid)|\bkey\s+is\s+disabled\b|\bcustomer\s+master\s+key\b/i.test(c.msg),
    build: (c) => {
      const key = arnsIn(c.msg).find((a) => a.service === 'kms');
      const d = denied(c.msg);
      return {
        cause: `${d.who ? `${d.who} is` : 'Personalize or its role is'} not allowed to use the KMS key${key ? ` ${key.arn}` : ''}${d.action ? ` (${d.action})` : ''}. ` +
          'A customer managed key (on the bucket, or given to the dataset group) must let both the service principal personalize.amazonaws.com and the service role use it; a disabled key or one pending deletion fails the same way.',
        fix: `Add statements to the key policy${key ? ` of ${key.arn}` : ''} allowing personalize.amazonaws.com and the role kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey, kms:CreateGrant and kms:ListGrants, ` +
          `and give the role the same actions on the key in its own policy; check the key is Enabled (\`aws kms describe-key\`). \`${diagnoseCommand(c.known)}\` prints the statements.`,
        docs: DOCS.kms,
        checks: ['kms'],
        captured: captureOf({ key: key?.arn, action: d.action, principal: d.who }),
      };
    },
  },
  {
    id: 's3-no-such-bucket',
    title: 'The S3 bucket does not exist',
    examples: [
      'An error occurred (NoSuchBucket) when calling the PutObject operation: The specified bucket does not exist',
      'NoSuchBucket: The specified bucket does not exist\n    at de_NoSuchBucketRes (/app/node_modules/@aws-sdk/client-s3/dist-cjs/index.js:5012:21)\n  BucketName: \'shop-data\',\n  \'$metadata\': { httpStatusCode: 404, requestId: \'4QJ1Y2ZQ3R9V7XKD\', attempts: 1 }',
    ],
    test: (c) => /^NoSuchBucket$/.test(c.name) || /the\s+specified\s+bucket\s+does\s+not\s+exist/i.test(c.msg),
    build: (c) => {
      const bucket = bucketIn(c.msg) ?? /BucketName['"]?\s*[:=]\s*['"]([a-z0-9.-]{3,63})['"]/i.exec(c.parsed.message)?.[1];
      return {
        cause: `${bucket ? `The bucket ${bucket}` : 'The bucket'} does not exist — or not under that name: bucket names are global and exact (a typo, a missing suffix, the s3:// prefix inside the name).`,
        fix: `List your buckets (\`aws s3 ls\`) and pass the right name${bucket ? ` instead of ${bucket}` : ''}; create it in the dataset group's region if it really is missing.`,
        docs: DOCS.bulk,
        checks: ['data-exists', 'bucket-region'],
        captured: captureOf({ bucket }),
      };
    },
  },
  {
    id: 's3-no-such-key',
    title: 'The S3 object does not exist',
    examples: ['An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.'],
    test: (c) => /^NoSuchKey$/.test(c.name) || /the\s+specified\s+key\s+does\s+not\s+exist/i.test(c.msg) || /\b(?:no\s+(?:data|files?|objects?)\s+(?:found\s+)?(?:at|in|under)|does\s+not\s+exist)[^\n]{0,40}?\bs3:\/\//i.test(c.msg),
    build: (c) => {
      const location = locationIn(c.msg);
      return {
        cause: `Nothing is stored at ${location ?? 'that key'}: keys are exact (case, a leading "/", a missing folder's trailing "/"), and a folder location must end with "/".`,
        fix: `List what is there (\`aws s3 ls ${location ? location.replace(/[^/]*$/, '') : 's3://BUCKET/PREFIX/'}\`) and use the exact key, or s3://BUCKET/PREFIX/ for every file under a folder.`,
        docs: DOCS.bulk,
        checks: ['data-exists'],
        captured: captureOf({ location, bucket: location ? bucketIn(location) : undefined }),
      };
    },
  },
  {
    id: 's3-access-denied',
    title: 'S3 refused your identity',
    examples: ['An error occurred (AccessDenied) when calling the PutObject operation: Access Denied'],
    test: (c) => /^(?:AccessDenied|AllAccessDisabled)$/.test(c.name) && (S3_OPS.test(c.op) || c.parsed.service === 'S3' || /\bs3:[A-Za-z]{3,40}\b/.test(c.msg)),
    build: (c) => {
      const d = denied(c.msg);
      const action = d.action ?? (c.op ? `s3:${c.op.replace(/^(?:ListObjects(?:V2)?|HeadBucket)$/, 'ListBucket').replace(/^HeadObject$/, 'GetObject')}` : 's3:PutObject');
      const bucket = bucketIn(c.msg);
      return {
        cause: `Your identity may not ${action}${bucket ? ` on ${bucket}` : ''} — this is S3 refusing you (the caller), not Personalize reading the data: your IAM policy lacks it, the bucket policy denies it, or an SCP / VPC-endpoint condition blocks it.`,
        fix: `Ask for ${action} on arn:aws:s3:::${bucket ?? 'BUCKET'}${/Object|Upload/.test(action) ? '/*' : ''} in your IAM policy, and check the bucket policy has no Deny that matches you; or upload to a bucket you may write to.`,
        docs: DOCS.bucketPolicy,
        checks: ['bucket-policy'],
        captured: captureOf({ action, bucket }),
      };
    },
  },
  {
    id: 'caller-access-denied',
    title: 'Your identity lacks a permission',
    examples: [
      'An error occurred (AccessDeniedException) when calling the CreateDatasetImportJob operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: personalize:CreateDatasetImportJob on resource: arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-1',
    ],
    test: (c) => /^(?:AccessDenied(?:Exception)?|UnauthorizedOperation|Forbidden)$/.test(c.name) || /not\s+authorized\s+to\s+perform/i.test(c.msg),
    build: (c) => {
      const d = denied(c.msg);
      const action = d.action ?? (c.op ? `personalize:${c.op}` : undefined);
      return {
        cause: `${d.who ?? 'Your identity'} is not allowed ${action ?? 'the call'}${d.resource ? ` on ${d.resource}` : ''}.`,
        fix: `Ask your administrator to allow ${action ?? 'the action'}${d.resource ? ` on ${d.resource}` : ''} for ${d.who ?? 'your identity'}` +
          `${/CreateDatasetImportJob/.test(action ?? '') ? ' (and iam:PassRole on the service role)' : ''}; an explicit Deny (SCP, permission boundary) wins over any Allow.`,
        docs: DOCS.passRole,
        checks: [],
        captured: captureOf({ principal: d.who, action, resource: d.resource }),
      };
    },
  },
  {
    id: 'credentials',
    title: 'No usable AWS credentials',
    examples: [
      'botocore.exceptions.NoCredentialsError: Unable to locate credentials',
      'An error occurred (UnrecognizedClientException) when calling the ListDatasetGroups operation: The security token included in the request is invalid.',
    ],
    test: (c) => /^(?:NoCredentialsError|CredentialsProviderError|UnrecognizedClientException|InvalidClientTokenId|ExpiredToken(?:Exception)?|InvalidSignatureException|SignatureDoesNotMatch)$/.test(c.name) ||
      /unable\s+to\s+locate\s+credentials|could\s+not\s+load\s+credentials|security\s+token\s+included\s+in\s+the\s+request\s+is\s+(?:invalid|expired)/i.test(c.msg),
    build: (c) => {
      const expired = /expired/i.test(`${c.name} ${c.msg}`);
      return {
        cause: expired ? 'The credentials in use have expired (a session token or an SSO session).' : 'No credentials were found, or AWS did not accept them (a wrong key, a key from another partition, a clock far off).',
        fix: expired ? 'Refresh them (`aws sso login --profile NAME`, or new session keys), then run the command again.' : 'Check what is in use with `aws sts get-caller-identity`; set a profile (`--aws-profile NAME`) or keys, and the right region.',
        docs: DOCS.credentials,
        checks: [],
        captured: captureOf({ expired: expired ? 'true' : undefined }),
      };
    },
  },
  {
    id: 'endpoint-unreachable',
    title: 'The service endpoint could not be reached',
    examples: ['botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://personalize.sa-east-2.amazonaws.com/"'],
    test: (c) => /^(?:EndpointConnectionError|ConnectTimeoutError|UnknownEndpoint)$/.test(c.name) || /could\s+not\s+connect\s+to\s+the\s+endpoint\s+url|getaddrinfo\s+ENOTFOUND|\bECONNREFUSED\b/i.test(c.msg),
    build: (c) => {
      const url = /https?:\/\/[^\s"'`]{3,300}/.exec(c.msg)?.[0];
      const region = url ? /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws/.exec(url)?.[1] : undefined;
      return {
        cause: `Nothing answered at ${url ?? 'the endpoint'}: ${region ? `Amazon Personalize may not be offered in ${region}, ` : ''}the region name is misspelled, an endpoint override (AWS_ENDPOINT_URL*) points at nothing, or a proxy / firewall blocks it.`,
        fix: `Use a region where Personalize runs${region ? ` (not ${region}? see the endpoints page)` : ''} with --region, check AWS_ENDPOINT_URL* and proxy settings, and try again.`,
        docs: DOCS.regions,
        checks: [],
        captured: captureOf({ endpoint: url, region }),
      };
    },
  },
];
