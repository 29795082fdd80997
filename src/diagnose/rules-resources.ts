// Catalogue rules about resources and limits: the "already exists" family (each resource has its
// own cause and fix — a dataset group, a schema or a role that exists is not a reused job name),
// not found / wrong region, in use, quotas on running jobs vs on ACTIVE resources, the 50-tag limit
// and throttling. Core module.
import { arnsIn, bucketIn, captureOf, DOCS, type ArnFacts, type Built, type CheckId, type Ctx, type Rule } from './entry.js';

type Kind = 'import-job' | 'dataset-group' | 'schema' | 'dataset' | 'role' | 'bucket' | 'other';

const ARN_KIND: Record<string, Kind> = { 'dataset-import-job': 'import-job', 'dataset-group': 'dataset-group', schema: 'schema', dataset: 'dataset', role: 'role', bucket: 'bucket' };
const OP_KIND: Record<string, Kind> = { CreateDatasetImportJob: 'import-job', CreateDatasetGroup: 'dataset-group', CreateSchema: 'schema', CreateDataset: 'dataset', CreateRole: 'role', CreateBucket: 'bucket' };
const CFN_KIND: Record<string, Kind> = {
  'AWS::Personalize::DatasetGroup': 'dataset-group', 'AWS::Personalize::Schema': 'schema', 'AWS::Personalize::Dataset': 'dataset',
  'AWS::Personalize::DatasetImportJob': 'import-job', 'AWS::IAM::Role': 'role', 'AWS::S3::Bucket': 'bucket',
};
const PHRASE = /\b(dataset\s+import\s+job|dataset\s+group|dataset|schema|role|bucket|event\s+tracker|solution|campaign|filter|recommender|metric\s+attribution)\b(?:\s+(?:with\s+)?(?:the\s+)?name)?\s+['"`]?([A-Za-z0-9][A-Za-z0-9+=,.@_:/-]{0,500}?)['"`]?\s+already\s+exists/i;
const PHRASE_KIND: Record<string, Kind> = { 'dataset import job': 'import-job', 'dataset group': 'dataset-group', dataset: 'dataset', schema: 'schema', role: 'role', bucket: 'bucket' };

export function isAlreadyExists(c: Ctx): boolean {
  return /AlreadyExists|^BucketAlreadyOwnedByYou$/.test(c.name) || c.parsed.handlerErrorCode === 'AlreadyExists' || /\balready\s+exists\b|already\s+own\s+it/i.test(c.msg);
}

/** Which resource exists already, and its name, from the ARN, the wording, the CloudFormation type or the operation. */
export function existingResource(c: Ctx): { kind: Kind; name?: string; arn?: ArnFacts; what?: string } {
  const arn = arnsIn(c.msg).find((a) => ARN_KIND[a.type]);
  if (arn) return { kind: ARN_KIND[arn.type], name: arn.type === 'dataset' ? arn.name : arn.name.split('/').pop(), arn };
  if (/^Bucket/.test(c.name)) return { kind: 'bucket', name: bucketIn(c.msg) };
  if (c.name === 'EntityAlreadyExists' || /^Role\s+with\s+name/i.test(c.msg)) return { kind: 'role', name: /role\s+with\s+name\s+([A-Za-z0-9+=,.@_-]{1,64})/i.exec(c.msg)?.[1] };
  const p = PHRASE.exec(c.msg);
  if (p) {
    const word = p[1].toLowerCase().replace(/\s+/g, ' ');
    return { kind: PHRASE_KIND[word] ?? 'other', name: p[2], what: word };
  }
  const cfnType = c.parsed.resourceType;
  const cfnId = /with\s+identifier\s+'([^']{1,500})'/.exec(c.msg)?.[1];
  if (cfnType && CFN_KIND[cfnType]) return { kind: CFN_KIND[cfnType], name: cfnId };
  if (OP_KIND[c.op]) return { kind: OP_KIND[c.op] };
  const other = /^Create([A-Z]\w{1,60})$/.exec(c.op)?.[1];
  return { kind: 'other', ...(cfnId ? { name: cfnId } : {}), what: other ? other.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : undefined };
}

const region = (a?: ArnFacts) => (a?.region ? ` in ${a.region}` : ' in this region');

function alreadyExists(kind: Kind, id: string, title: string, examples: string[], build: (c: Ctx, r: ReturnType<typeof existingResource>) => Omit<Built, 'checks'> & { checks?: CheckId[] }): Rule {
  return {
    id, title, examples,
    test: (c) => isAlreadyExists(c) && existingResource(c).kind === kind,
    build: (c) => {
      const r = existingResource(c);
      const b = build(c, r);
      return { checks: [], ...b, captured: { resource: kind === 'other' ? r.what ?? 'resource' : kind, ...captureOf({ name: r.name, arn: r.arn?.arn, region: r.arn?.region || undefined }), ...(b.captured ?? {}) } };
    },
  };
}

export const RESOURCE_RULES: Rule[] = [
  alreadyExists('import-job', 'already-exists-import-job', 'An import job with this name already exists', [
    'Dataset import job with name shop-import already exists',
    'An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetImportJob operation: Dataset import job arn:aws:personalize:us-east-1:123456789012:dataset-import-job/shop-20261123 already exists.',
  ], (c, r) => ({
    cause: `Import job names are unique per account and region (the name is the last part of the job ARN), and ${r.name ? `"${r.name}"` : 'this one'} is taken${region(r.arn)} — possibly by an earlier attempt of the same run.`,
    fix: `Create the job with a new name${r.name ? ` (not ${r.name}: add a date-time suffix, as personalize-import does when it picks the name)` : ' (personalize-import suggests one with a date-time suffix)'}; jobs cannot be deleted to free a name. ` +
      `${r.name ? `\`personalize-import status ${r.name}\` shows the job that has it.` : ''}`.trim(),
    docs: DOCS.createJob,
  })),
  alreadyExists('dataset-group', 'already-exists-dataset-group', 'A dataset group with this name already exists', [
    'An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetGroup operation: Dataset group arn:aws:personalize:eu-west-1:123456789012:dataset-group/shop already exists.',
    'Resource handler returned message: "Dataset group with name shop already exists (Service: Personalize, Status Code: 400, Request ID: 0d6f2b6e-3c1a-4c52-9a57-2f1e8d1c0b11)" (RequestToken: 5d1c2e0a-7b3f-4e5c-8f9a-0b1c2d3e4f50, HandlerErrorCode: AlreadyExists)',
  ], (_c, r) => ({
    cause: `A dataset group named ${r.name ?? '(that name)'} already exists${region(r.arn)}: group names are unique per account and region. The group itself is there — perhaps from an earlier run or another stack — so the name cannot be used for a new one.`,
    fix: `Import into the existing group (\`personalize-import import --dataset-group ${r.name ?? 'NAME'}\`, or look at it with \`aws personalize describe-dataset-group --dataset-group-arn ${r.arn?.arn ?? 'ARN'}\`), or pick another name. ` +
      'In CloudFormation, import the existing group into the stack or remove it (its datasets, solutions and trackers must be deleted first).',
    docs: DOCS.datasetGroup,
  })),
  alreadyExists('schema', 'already-exists-schema', 'A schema with this name already exists', [
    'An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation: Another resource with Arn arn:aws:personalize:eu-west-1:123456789012:schema/shop-users-schema already exists.',
    '{"Error": "Personalize.ResourceAlreadyExistsException", "Cause": "Schema with name shop-interactions already exists (Service: Personalize, Status Code: 400, Request ID: 8c1b4d2e-0f3a-4b5c-9d6e-7f8a9b0c1d2e)"}',
  ], (_c, r) => ({
    cause: `A schema named ${r.name ?? '(that name)'} already exists${region(r.arn)}. Schemas are account-wide (not inside a dataset group) and cannot be changed, so a second run or a leftover from a deleted stack keeps the name.`,
    fix: `Reuse it if its fields are what you need (\`aws personalize describe-schema --schema-arn ${r.arn?.arn ?? 'arn:aws:personalize:REGION:ACCOUNT:schema/NAME'}\`), or create the new one under another name ` +
      '(a version suffix such as -v2); delete the old one only when no dataset uses it.',
    docs: DOCS.schemas,
  })),
  alreadyExists('dataset', 'already-exists-dataset', 'The dataset group already has a dataset of this type', [
    'An error occurred (ResourceAlreadyExistsException) when calling the CreateDataset operation: Dataset arn:aws:personalize:us-east-1:123456789012:dataset/shop/INTERACTIONS already exists.',
  ], (_c, r) => {
    const [group, type] = (r.name ?? '').split('/');
    return {
      cause: `The dataset group ${group || '(this group)'} already has ${type ? `an ${type} dataset` : 'a dataset of this type'}: a group holds one dataset per type.`,
      fix: `Import into the existing dataset${r.arn ? ` (${r.arn.arn})` : ''} — \`personalize-import import --dataset-arn …\` — or, to change its schema, use UpdateDataset with a new schema (Items and Users only, fields added as nullable). ` +
        'Use another dataset group for a separate set of data.',
      docs: DOCS.updateSchema,
      captured: captureOf({ datasetGroup: group, datasetType: type }),
    };
  }),
  alreadyExists('role', 'already-exists-role', 'An IAM role with this name already exists', [
    'An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name PersonalizeS3 already exists.',
  ], (_c, r) => ({
    cause: `The IAM role ${r.name ?? '(that name)'} already exists (role names are unique per account, in every region).`,
    fix: `Use it if it is the Personalize service role — check it trusts personalize.amazonaws.com (\`aws iam get-role --role-name ${r.name ?? 'NAME'}\`) and can read your bucket — and pass its ARN with --role-arn; or create the new one under another name.`,
    docs: DOCS.role,
    checks: ['role-trust', 'role-s3-access'],
  })),
  alreadyExists('bucket', 'already-exists-bucket', 'The S3 bucket name is taken', [
    'An error occurred (BucketAlreadyExists) when calling the CreateBucket operation: The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    'An error occurred (BucketAlreadyOwnedByYou) when calling the CreateBucket operation: Your previous request to create the named bucket succeeded and you already own it.',
  ], (c, r) => {
    const yours = /OwnedByYou/.test(c.name) || /already\s+own\s+it/i.test(c.msg);
    return {
      cause: yours ? `You already own the bucket${r.name ? ` ${r.name}` : ''}: nothing is wrong with it.` : `The bucket name${r.name ? ` ${r.name}` : ''} belongs to someone else: bucket names are global across all AWS accounts.`,
      fix: yours ? 'Use the bucket as it is (skip creating it).' : 'Pick another, more specific name (e.g. with your account id or company as a prefix).',
      docs: DOCS.s3Names,
      captured: { owned: yours ? 'you' : 'someone else' },
    };
  }),
  alreadyExists('other', 'already-exists-other', 'A resource with this name already exists', [
    'An error occurred (ResourceAlreadyExistsException) when calling the CreateEventTracker operation: Event tracker with name shop-tracker already exists.',
  ], (c, r) => ({
    cause: `A ${r.what ?? 'resource'}${r.name ? ` named ${r.name}` : ''} already exists${c.op ? ` (${c.op})` : ''}; names are unique per account and region.`,
    fix: `Use the existing ${r.what ?? 'resource'} or create this one under another name. (A dataset group has at most one event tracker.)`,
    docs: DOCS.errors,
  })),
  {
    id: 'too-many-tags',
    title: 'Too many tags on the resource (at most 50)',
    examples: [
      'An error occurred (TooManyTagsException) when calling the TagResource operation: The resource arn:aws:personalize:us-east-1:123456789012:dataset-group/shop cannot have more than 50 tags.',
      'TooManyTagsException: Tag limit exceeded for resource\n    at de_TooManyTagsExceptionRes (/app/node_modules/@aws-sdk/client-personalize/dist-cjs/index.js:2411:21) {\n  \'$fault\': \'client\',\n  \'$metadata\': { httpStatusCode: 400, requestId: \'c0ffee00-1234-4abc-9def-001122334455\', attempts: 1 }\n}',
    ],
    test: (c) => /^TooManyTags/.test(c.name) || /too\s+many\s+tags|tag\s+(?:limit|quota)\s+(?:exceeded|reached)|more\s+than\s+\d{1,4}\s+tags/i.test(c.msg),
    build: (c) => {
      const arn = arnsIn(c.msg).find((a) => a.service === 'personalize');
      const n = /more\s+than\s+(\d{1,4})\s+tags/i.exec(c.msg)?.[1];
      return {
        cause: `A Personalize resource carries at most 50 tags${n && n !== '50' ? ` (the message says ${n})` : ''}, counting the ones it already has: ${arn ? `${arn.arn} ` : 'the resource '}would go over it. ` +
          'The request\'s tags array accepts up to 200 entries, but the limit per resource is 50.',
        fix: `Keep the tags on ${arn?.name ? `${arn.type} ${arn.name}` : 'the resource'} at 50 or fewer: list them (\`aws personalize list-tags-for-resource --resource-arn ${arn?.arn ?? 'ARN'}\`), remove some with untag-resource, ` +
          'or pass fewer --tag values (keys 1–128 characters, values 0–256; keys starting with aws: are reserved).',
        docs: DOCS.tags,
        checks: [],
        captured: captureOf({ limit: '50', resource: arn?.arn }),
      };
    },
  },
  {
    id: 'throttled',
    title: 'AWS throttled the requests',
    examples: [
      'An error occurred (ThrottlingException) (reached max retries: 4) when calling the ListDatasetImportJobs operation: Rate exceeded',
      'ThrottlingException: Rate exceeded\n    at de_ThrottlingExceptionRes (/app/node_modules/@aws-sdk/client-personalize/dist-cjs/index.js:2389:21) {\n  \'$metadata\': { httpStatusCode: 400, requestId: \'7f1e6a3c-9b2d-4e8f-a1c5-3d7b9e2f4a60\', attempts: 3, totalRetryDelay: 2281 }\n}',
    ],
    test: (c) => /^(?:Throttl\w*|TooManyRequests\w*|SlowDown|RequestLimitExceeded|ProvisionedThroughputExceeded\w*)$/.test(c.name) || /\brate\s+exceeded\b|\bthrottl(?:ed|ing)\b|\bslow\s+down\b/i.test(c.msg),
    build: (c) => ({
      cause: `AWS refused ${c.op ? `${c.op} calls` : 'calls'} for a while because too many came in (from this tool, a script or another service in the account). Nothing is wrong with the request itself.`,
      fix: 'Retry with backoff (personalize-import retries for up to 10 minutes and says how long it has been trying); in a script or a Step Functions state add a Retry on ' +
        `${c.parsed.wrapper === 'step-functions' ? `${c.parsed.service ?? 'Personalize'}.${c.name || 'ThrottlingException'}` : 'the throttling error'} with exponential backoff, and poll Describe* less often (every 30–60 s is plenty for an import).`,
      docs: DOCS.errors,
      checks: [],
      captured: captureOf({ operation: c.op }),
    }),
  },
  {
    id: 'too-many-running-jobs',
    title: 'Too many import jobs running at once',
    examples: [
      'More than 5 resources with PENDING or IN_PROGRESS status.',
      'An error occurred (LimitExceededException) when calling the CreateDatasetImportJob operation: More than 5 resources with PENDING or IN_PROGRESS status.',
    ],
    test: (c) => /more\s+than\s+(\d{1,4})\s+resources?\s+with\s+pending\s+or\s+in_progress\s+status/i.exec(c.msg) ??
      (/^(?:LimitExceeded|ServiceQuotaExceeded)/.test(c.name) && (/Create\w*Job$/.test(c.op) || /\b(?:pending|in_progress|in\s+progress|running)\b/i.test(c.msg))),
    build: (c, m) => {
      const limit = m?.[1] ?? '5';
      return {
        cause: `At most ${limit} import jobs may be CREATE PENDING or CREATE IN_PROGRESS at the same time in one region; ${limit} were running when this one was created. This is a limit on running jobs, not on resources you have.`,
        fix: `Wait for a running job to finish (\`personalize-import history --dataset-group <name>\` lists them), then create the job again${c.parsed.wrapper === 'step-functions' ? ' (in Step Functions: a Retry on LimitExceededException with a few minutes\' interval)' : ''}. Import jobs cannot be stopped.`,
        docs: DOCS.quotas,
        checks: ['running-jobs'],
        captured: { limit },
      };
    },
  },
  {
    id: 'resource-quota',
    title: 'A quota on ACTIVE resources is reached',
    examples: [
      'An error occurred (LimitExceededException) when calling the CreateDatasetGroup operation: You have reached the maximum number of ACTIVE dataset groups (5) for this account.',
    ],
    test: (c) => /^(?:LimitExceeded|ServiceQuotaExceeded)/.test(c.name) || /\b(?:limit|quota)\s+(?:exceeded|reached)\b|\bmaximum\s+number\s+of\b/i.test(c.msg),
    build: (c) => {
      const n = /\((\d{1,6})\)|\blimit\s+of\s+(\d{1,6})|\bmaximum\s+(?:of\s+)?(\d{1,6})\b/i.exec(c.msg);
      const limit = n?.[1] ?? n?.[2] ?? n?.[3];
      const what = /(dataset\s+groups?|schemas?|datasets?|solutions?|campaigns?|recommenders?|filters?|event\s+trackers?|roles?|buckets?)/i.exec(c.msg)?.[1] ??
        /^Create([A-Z]\w{1,60})$/.exec(c.op)?.[1].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      return {
        cause: `The account has reached its quota of ${what ?? 'this kind of resource'}${limit ? ` (${limit})` : ''}${c.op ? ` for ${c.op}` : ''}. This counts resources that exist (ACTIVE), not jobs that are running.`,
        fix: `Delete ${what ? `${what.replace(/s$/, '')}s` : 'resources'} you no longer use (\`aws personalize list-${(what ?? 'dataset-groups').toLowerCase().replace(/\s+/g, '-').replace(/([^s])$/, '$1s')}\`), or ask for a higher quota in Service Quotas (Amazon Personalize).`,
        docs: DOCS.quotas,
        checks: [],
        captured: captureOf({ limit, resource: what }),
      };
    },
  },
  {
    id: 'resource-not-found',
    title: 'A resource the request names does not exist (or is in another region)',
    examples: [
      'An error occurred (ResourceNotFoundException) when calling the DescribeDatasetImportJob operation: Could not find resource arn:aws:personalize:us-west-2:123456789012:dataset-import-job/shop-20261123',
      'ResourceNotFoundException: Could not find dataset group with arn arn:aws:personalize:eu-west-1:123456789012:dataset-group/shop\n    at de_ResourceNotFoundExceptionRes (/app/node_modules/@aws-sdk/client-personalize/dist-cjs/index.js:2401:21) {\n  \'$metadata\': { httpStatusCode: 400, requestId: \'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\', attempts: 1 }\n}',
    ],
    test: (c) => /^(?:ResourceNotFound\w*|NoSuchEntity|NotFound)$/.test(c.name) || c.parsed.handlerErrorCode === 'NotFound' || /\bcould\s+not\s+find\b|\bdoes\s+not\s+exist\b|\bnot\s+found\b/i.test(c.msg),
    build: (c) => {
      const a = arnsIn(c.msg).find((x) => x.service === 'personalize' || x.service === 'iam') ?? arnsIn(c.msg)[0];
      const kind = a?.type ?? /(dataset\s+import\s+job|dataset\s+group|dataset|schema|role|solution|campaign)/i.exec(c.msg)?.[1];
      return {
        cause: `${kind ? `The ${kind}` : 'A resource the request names'}${a ? ` ${a.arn}` : ''} was not found where the call looked${c.op ? ` (${c.op})` : ''}. ` +
          `Personalize resources are per region and account: ${a?.region ? `the ARN says ${a.region}${a.account ? `, account ${a.account}` : ''} — a client in another region or account finds nothing` : 'a client in another region or account finds nothing'}; ` +
          'or it was deleted, or the ARN has a typo (names are case-sensitive).',
        fix: `${a?.region ? `Run in ${a.region} (--region ${a.region}, or AWS_REGION=${a.region}) with the account the ARN names` : 'Check the region and the account/profile in use'}, and copy the ARN from ` +
          `\`personalize-import history\` or \`aws personalize list-${kind ? String(kind).toLowerCase().replace(/\s+/g, '-').replace(/-import-job$/, '-import-job') + 's' : 'dataset-groups'}\`.`,
        docs: DOCS.errors,
        checks: [],
        captured: captureOf({ arn: a?.arn, region: a?.region || undefined, account: a?.account || undefined, resource: kind ? String(kind).toLowerCase() : undefined }),
      };
    },
  },
  {
    id: 'resource-in-use',
    title: 'The resource is busy',
    examples: [
      'An error occurred (ResourceInUseException) when calling the CreateDatasetImportJob operation: The specified resource is in use.',
      'An error occurred (ResourceInUseException) when calling the DeleteDatasetGroup operation: The specified resource is in use.',
    ],
    test: (c) => /^ResourceInUse/.test(c.name) || c.parsed.handlerErrorCode === 'ResourceConflict' || /\bresource\s+is\s+in\s+use\b/i.test(c.msg),
    build: (c) => {
      const a = arnsIn(c.msg)[0];
      const byOp: Record<string, [string, string]> = {
        CreateDatasetImportJob: ['The dataset is not ready for a new import: it is not ACTIVE yet, or another import into it is still running.', 'Wait until the dataset is ACTIVE and the running import ends (`personalize-import history --dataset-arn …`), then create the job again.'],
        UpdateDataset: ['The dataset is being updated or imported into.', 'Wait for the running update or import to finish (`aws personalize describe-dataset`), then try again.'],
        DeleteDatasetGroup: ['The dataset group still contains resources (datasets, solutions, campaigns, recommenders, trackers, filters), or one of them is being created.', 'Delete what the group contains first, newest first, then the group.'],
        DeleteDataset: ['The dataset is in use: an import or export job is running, or a solution / recommender depends on it.', 'Wait for running jobs and delete the dependent resources first.'],
        DeleteSchema: ['A dataset still uses this schema.', 'Delete (or move to another schema) the datasets that use it first.'],
      };
      const [cause, fix] = byOp[c.op] ?? [`${a ? `${a.arn} is` : 'The resource is'} busy with another operation${c.op ? ` while ${c.op} was called` : ''} (being created, updated, or used by a running job).`, 'Wait until it is ACTIVE and no job runs on it, then try again.'];
      return { cause, fix, docs: DOCS.errors, checks: c.op === 'CreateDatasetImportJob' ? ['running-jobs'] : [], captured: captureOf({ operation: c.op, arn: a?.arn }) };
    },
  },
];
