// Pasted error texts — every wrapper people paste × several messages, written for these tests from
// the documented shapes (AWS CLI / botocore ClientError text, the JS SDK v3 error and its $metadata,
// CloudFormation handler messages with the SDK trailer, Step Functions error/cause, console
// banners) — each with the entry it must match, the facts the parser must find and the values the
// fix must carry. Then: a fast-check property that no string, however odd, makes it throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnoseText, withHeader } from '../../src/diagnose/catalogue.js';
import type { ParsedError } from '../../src/diagnose/parse.js';
import { runs } from '../helpers/runs.js';

const ACCT = '123456789012';
const RID = '9f2c1e7a-3b4d-4c5e-8f6a-7b8c9d0e1f2a';
const js = (name: string, msg: string, op: string, status = 400) =>
  `${name}: ${msg}\n    at de_${name}Res (/srv/app/node_modules/@aws-sdk/client-personalize/dist-cjs/index.js:2401:21)\n    at de_${op}CommandError (/srv/app/node_modules/@aws-sdk/client-personalize/dist-cjs/index.js:1734:14)\n    at async /srv/app/node_modules/@smithy/middleware-serde/dist-cjs/index.js:35:20 {\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: ${status},\n    requestId: '${RID}',\n    extendedRequestId: undefined,\n    cfId: undefined,\n    attempts: 1,\n    totalRetryDelay: 0\n  }\n}`;
const boto = (name: string, op: string, msg: string, call: string) =>
  `Traceback (most recent call last):\n  File "/home/ec2-user/import.py", line 41, in <module>\n    response = personalize.${call}(\n  File "/usr/lib/python3.11/site-packages/botocore/client.py", line 565, in _api_call\n    return self._make_api_call(operation_name, kwargs)\n  File "/usr/lib/python3.11/site-packages/botocore/client.py", line 1021, in _make_api_call\n    raise error_class(parsed_response, operation_name)\nbotocore.errorfactory.${name}: An error occurred (${name}) when calling the ${op} operation: ${msg}`;
const cfn = (msg: string, code: string, type = 'AWS::Personalize::DatasetGroup') =>
  `2026-12-04 10:21:07 UTC+0000\tShopGroup\t${type}\tCREATE_FAILED\tResource handler returned message: "${msg} (Service: Personalize, Status Code: 400, Request ID: ${RID})" (RequestToken: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d, HandlerErrorCode: ${code})`;
const trail = (service: string, op: string, code: string, msg: string) => JSON.stringify({
  eventVersion: '1.09', userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/ci-deploy/ci`, accountId: ACCT }, eventTime: '2026-12-01T09:14:55Z',
  eventSource: `${service}.amazonaws.com`, eventName: op, awsRegion: 'eu-west-1', sourceIPAddress: '203.0.113.7', userAgent: 'aws-cli/2.15.0',
  errorCode: code, errorMessage: msg, requestParameters: null, responseElements: null, requestID: RID, eventID: '6e1c2b3a-0000-4000-8000-000000000001', eventType: 'AwsApiCall',
});
const sfn = (name: string, cause: string, op?: string) => JSON.stringify({ ...(op ? { resourceType: 'aws-sdk:personalize', resource: op } : {}), error: `Personalize.${name}`, cause: `${cause} (Service: Personalize, Status Code: 400, Request ID: ${RID})` });

interface Row {
  wrapper: ParsedError['wrapper'];
  text: string;
  id: string;
  parsed?: Partial<ParsedError>;
  captured?: Record<string, string>;
  /** text the cause or fix must contain (captured values woven in) */
  says?: string[];
}

const TABLE: Row[] = [
  // ---- AWS CLI ----
  { wrapper: 'aws-cli', text: `An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation: Another resource with Arn arn:aws:personalize:eu-west-1:${ACCT}:schema/shop-users already exists.`,
    id: 'already-exists-schema', parsed: { name: 'ResourceAlreadyExistsException', operation: 'CreateSchema' }, captured: { resource: 'schema', name: 'shop-users', region: 'eu-west-1' }, says: ['shop-users', 'describe-schema'] },
  { wrapper: 'aws-cli', text: `\nAn error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetGroup operation: Dataset group arn:aws:personalize:us-east-1:${ACCT}:dataset-group/shop already exists.\n`,
    id: 'already-exists-dataset-group', parsed: { operation: 'CreateDatasetGroup' }, captured: { resource: 'dataset-group', name: 'shop' }, says: ['--dataset-group shop'] },
  { wrapper: 'aws-cli', text: 'An error occurred (TooManyTagsException) when calling the CreateDatasetImportJob operation: Too many tags for resource.',
    id: 'too-many-tags', parsed: { name: 'TooManyTagsException', operation: 'CreateDatasetImportJob' }, captured: { limit: '50' }, says: ['at most 50 tags'] },
  { wrapper: 'aws-cli', text: "An error occurred (ValidationException) when calling the CreateDatasetImportJob operation: 1 validation error detected: Value 'daily import' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*",
    id: 'invalid-input-pattern', captured: { member: 'jobName', value: 'daily import' }, says: ['it contains a space', '1–63 characters'] },
  { wrapper: 'aws-cli', text: 'An error occurred (LimitExceededException) when calling the CreateDatasetImportJob operation: More than 5 resources with PENDING or IN_PROGRESS status.',
    id: 'too-many-running-jobs', captured: { limit: '5' } },
  { wrapper: 'aws-cli', text: 'An error occurred (ResourceInUseException) when calling the DeleteDatasetGroup operation: The specified resource is in use.',
    id: 'resource-in-use', parsed: { operation: 'DeleteDatasetGroup' }, captured: { operation: 'DeleteDatasetGroup' }, says: ['still contains resources'] },
  { wrapper: 'aws-cli', text: `An error occurred (ResourceNotFoundException) when calling the DescribeDatasetImportJob operation: Could not find resource arn:aws:personalize:us-west-2:${ACCT}:dataset-import-job/shop-20261123`,
    id: 'resource-not-found', captured: { region: 'us-west-2', account: ACCT }, says: ['--region us-west-2'] },
  { wrapper: 'aws-cli', text: 'An error occurred (ThrottlingException) (reached max retries: 4) when calling the ListDatasetImportJobs operation: Rate exceeded',
    id: 'throttled', parsed: { operation: 'ListDatasetImportJobs' }, captured: { operation: 'ListDatasetImportJobs' } },
  { wrapper: 'aws-cli', text: 'An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name PersonalizeS3 already exists.',
    id: 'already-exists-role', captured: { resource: 'role', name: 'PersonalizeS3' }, says: ['aws iam get-role --role-name PersonalizeS3'] },
  { wrapper: 'aws-cli', text: `An error occurred (AccessDenied) when calling the CreateRole operation: User: arn:aws:iam::${ACCT}:user/dev is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${ACCT}:role/PersonalizeS3 because no identity-based policy allows the iam:CreateRole action`,
    id: 'iam-create-role-denied', captured: { action: 'iam:CreateRole', role: `arn:aws:iam::${ACCT}:role/PersonalizeS3` } },
  { wrapper: 'aws-cli', text: 'An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    id: 's3-access-denied', captured: { action: 's3:PutObject' } },
  { wrapper: 'aws-cli', text: 'An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist: s3://shop-dta/',
    id: 's3-no-such-bucket', captured: { bucket: 'shop-dta' }, says: ['instead of shop-dta'] },
  // ---- boto3 / botocore ----
  { wrapper: 'botocore', text: boto('InvalidInputException', 'CreateDatasetImportJob', "1 validation error detected: Value '$.DatasetArn' at 'datasetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\d-]+):personalize:.*:.*:.+", 'create_dataset_import_job'),
    id: 'unresolved-placeholder', parsed: { operation: 'CreateDatasetImportJob' }, captured: { member: 'datasetArn', placeholder: '$.DatasetArn' }, says: ['"DatasetArn.$"'] },
  { wrapper: 'botocore', text: boto('ResourceAlreadyExistsException', 'CreateDataset', `Dataset arn:aws:personalize:us-east-1:${ACCT}:dataset/shop/INTERACTIONS already exists.`, 'create_dataset'),
    id: 'already-exists-dataset', captured: { datasetGroup: 'shop', datasetType: 'INTERACTIONS' }, says: ['one dataset per type'] },
  { wrapper: 'botocore', text: boto('InvalidInputException', 'CreateDatasetImportJob', 'Insufficient privileges for accessing data in S3 bucket: shop-data. Please check the bucket policy.', 'create_dataset_import_job'),
    id: 's3-insufficient-privileges', captured: { bucket: 'shop-data' }, says: ['on shop-data and shop-data/*', 'in shop-data'] },
  { wrapper: 'botocore', text: boto('LimitExceededException', 'CreateDatasetGroup', 'The maximum number of ACTIVE dataset groups (5) has been reached.', 'create_dataset_group'),
    id: 'resource-quota', captured: { limit: '5', resource: 'dataset groups' }, says: ['not jobs that are running'] },
  { wrapper: 'botocore', text: boto('InvalidInputException', 'CreateDatasetImportJob', "1 validation error detected: Value 'Incremental' at 'importMode' failed to satisfy constraint: Member must satisfy enum value set: [FULL, INCREMENTAL]", 'create_dataset_import_job'),
    id: 'invalid-input-enum', captured: { member: 'importMode', allowed: 'FULL, INCREMENTAL', suggestion: 'INCREMENTAL' }, says: ['only the case differs'] },
  { wrapper: 'botocore', text: 'botocore.exceptions.NoCredentialsError: Unable to locate credentials', id: 'credentials', parsed: { name: 'NoCredentialsError' } },
  { wrapper: 'botocore', text: "{'Error': {'Code': 'ResourceNotFoundException', 'Message': 'Could not find dataset group arn:aws:personalize:ap-south-1:123456789012:dataset-group/shop'}, 'ResponseMetadata': {'RequestId': '6d1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', 'HTTPStatusCode': 400, 'RetryAttempts': 0}}",
    id: 'resource-not-found', parsed: { name: 'ResourceNotFoundException', status: 400, requestId: '6d1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }, captured: { region: 'ap-south-1' } },
  // ---- JS SDK: Name: message + stack + $metadata dump, and the error serialised ----
  { wrapper: 'js-sdk', text: js('ResourceAlreadyExistsException', `Dataset group arn:aws:personalize:us-east-1:${ACCT}:dataset-group/shop already exists.`, 'CreateDatasetGroup'),
    id: 'already-exists-dataset-group', parsed: { name: 'ResourceAlreadyExistsException', operation: 'CreateDatasetGroup', status: 400, requestId: RID }, captured: { name: 'shop' } },
  { wrapper: 'js-sdk', text: js('TooManyTagsException', `The resource arn:aws:personalize:us-east-1:${ACCT}:dataset-group/shop cannot have more than 50 tags.`, 'TagResource'),
    id: 'too-many-tags', parsed: { operation: 'TagResource' }, captured: { resource: `arn:aws:personalize:us-east-1:${ACCT}:dataset-group/shop` }, says: ['list-tags-for-resource'] },
  { wrapper: 'js-sdk', text: js('InvalidInputException', "1 validation error detected: Value 'shop-recommendations-for-the-whole-catalogue-including-archived-items-2026' at 'name' failed to satisfy constraint: Member must have length less than or equal to 63", 'CreateDatasetGroup'),
    id: 'invalid-input-length', parsed: { operation: 'CreateDatasetGroup' }, captured: { member: 'name', limit: '63', length: '74', bound: 'max' }, says: ['74 characters', 'at most 63'] },
  { wrapper: 'js-sdk', text: js('ResourceInUseException', 'The specified resource is in use.', 'CreateDatasetImportJob'),
    id: 'resource-in-use', parsed: { operation: 'CreateDatasetImportJob' }, says: ['not ACTIVE yet'] },
  { wrapper: 'js-sdk', text: JSON.stringify({ name: 'LimitExceededException', $fault: 'client', $metadata: { httpStatusCode: 400, requestId: RID, attempts: 1, totalRetryDelay: 0 }, message: 'More than 5 resources with PENDING or IN_PROGRESS status.' }),
    id: 'too-many-running-jobs', parsed: { name: 'LimitExceededException', status: 400, requestId: RID } },
  { wrapper: 'js-sdk', text: "ThrottlingException: Rate exceeded\n    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20) {\n  '$metadata': { httpStatusCode: 400, requestId: 'b7d1c9e2-0a3f-4e6b-9c8d-1f2e3a4b5c6d', attempts: 3, totalRetryDelay: 2281 }\n}",
    id: 'throttled', parsed: { name: 'ThrottlingException', requestId: 'b7d1c9e2-0a3f-4e6b-9c8d-1f2e3a4b5c6d' } },
  // ---- CloudFormation ----
  { wrapper: 'cloudformation', text: cfn('Dataset group with name shop already exists', 'AlreadyExists'),
    id: 'already-exists-dataset-group', parsed: { status: 400, requestId: RID, resourceType: 'AWS::Personalize::DatasetGroup', handlerErrorCode: 'AlreadyExists' }, captured: { name: 'shop' } },
  { wrapper: 'cloudformation', text: cfn('Schema with name shop-items already exists', 'AlreadyExists', 'AWS::Personalize::Schema'),
    id: 'already-exists-schema', captured: { name: 'shop-items' } },
  { wrapper: 'cloudformation', text: cfn("1 validation error detected: Value 'arn:aws:iam::123456789012:user/dev' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+", 'InvalidRequest'),
    id: 'invalid-input-pattern', parsed: { name: 'InvalidInputException' }, captured: { member: 'roleArn' }, says: ['an IAM role, not a user'] },
  { wrapper: 'cloudformation', text: cfn(`User: arn:aws:sts::${ACCT}:assumed-role/cfn-exec/AWSCloudFormation is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCT}:role/PersonalizeS3`, 'AccessDenied'),
    id: 'passrole-denied', captured: { role: `arn:aws:iam::${ACCT}:role/PersonalizeS3` } },
  { wrapper: 'cloudformation', text: 'Resource handler returned message: "The specified resource is in use. (Service: AmazonPersonalize; Status Code: 400; Error Code: ResourceInUseException; Request ID: 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9; Proxy: null)" (RequestToken: 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9, HandlerErrorCode: GeneralServiceException)',
    id: 'resource-in-use', parsed: { name: 'ResourceInUseException', status: 400, requestId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', service: 'Personalize' } },
  { wrapper: 'cloudformation', text: 'Resource handler returned message: "Resource of type \'AWS::Personalize::Dataset\' with identifier \'arn:aws:personalize:us-east-1:123456789012:dataset/shop/ITEMS\' already exists." (RequestToken: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d, HandlerErrorCode: AlreadyExists)',
    id: 'already-exists-dataset', captured: { datasetType: 'ITEMS', datasetGroup: 'shop' } },
  // ---- Step Functions ----
  { wrapper: 'step-functions', text: sfn('InvalidInputException', "1 validation error detected: Value '$.DatasetArn' at 'datasetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\d-]+):personalize:.*:.*:.+", 'createDatasetImportJob'),
    id: 'unresolved-placeholder', parsed: { name: 'InvalidInputException', operation: 'CreateDatasetImportJob', status: 400, requestId: RID }, captured: { placeholder: '$.DatasetArn' } },
  { wrapper: 'step-functions', text: sfn('ResourceAlreadyExistsException', 'Dataset import job with name nightly-2026-12-04 already exists', 'createDatasetImportJob'),
    id: 'already-exists-import-job', captured: { name: 'nightly-2026-12-04' } },
  { wrapper: 'step-functions', text: sfn('LimitExceededException', 'More than 5 resources with PENDING or IN_PROGRESS status.', 'createDatasetImportJob'),
    id: 'too-many-running-jobs', says: ['Retry on LimitExceededException'] },
  { wrapper: 'step-functions', text: JSON.stringify({ error: 'States.Runtime', cause: "An error occurred while executing the state 'CreateImportJob' (entered at the event id #7). The JSONPath '$.import.bucket' specified for the field 'Bucket.$' could not be found in the input '{\"datasetArn\":\"x\"}'" }),
    id: 'unresolved-placeholder', parsed: { name: 'States.Runtime' }, captured: { placeholder: '$.import.bucket', field: 'Bucket.$' } },
  { wrapper: 'step-functions', text: 'Error\nPersonalize.ThrottlingException\nCause\nRate exceeded (Service: Personalize, Status Code: 400, Request ID: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0)',
    id: 'throttled', parsed: { name: 'ThrottlingException', service: 'Personalize', requestId: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0' }, says: ['Personalize.ThrottlingException'] },
  { wrapper: 'step-functions', text: sfn('InvalidInputException', "1 validation error detected: Value '${BUCKET}' at 'dataSource.dataLocation' failed to satisfy constraint: Member must satisfy regular expression pattern: (s3|http|https)://.+", 'createDatasetImportJob'),
    id: 'unresolved-placeholder', captured: { placeholder: '${BUCKET}' }, says: ['Expand ${BUCKET}'] },
  // ---- console banners ----
  { wrapper: 'console', text: 'Failed to create dataset import job\nInsufficient privileges for accessing data in Amazon S3.',
    id: 's3-insufficient-privileges', parsed: { operation: 'CreateDatasetImportJob' } },
  { wrapper: 'console', text: 'There was an error creating the dataset group: Dataset group with name shop already exists.',
    id: 'already-exists-dataset-group', parsed: { operation: 'CreateDatasetGroup' }, captured: { name: 'shop' } },
  { wrapper: 'console', text: 'Dataset import job failed\nInput CSV is missing the following columns: [USER_ID, ITEM_ID, TIMESTAMP]',
    id: 'missing-columns', parsed: { operation: 'CreateDatasetImportJob' }, captured: { columns: 'USER_ID,ITEM_ID,TIMESTAMP' }, says: ['differ only in case'] },
  { wrapper: 'console', text: 'Solution version creation failed: Dataset has fewer than 1000 interactions after filtering by event type: Purchase',
    id: 'too-few-interactions-event-type', parsed: { operation: 'CreateSolutionVersion' }, captured: { minimum: '1000', eventType: 'Purchase' }, says: ['"Purchase"'] },
  { wrapper: 'console', text: 'Failed to create schema. 1 validation error detected: Value null at \'schema\' failed to satisfy constraint: Member must not be null',
    id: 'invalid-input-required', parsed: { operation: 'CreateSchema' }, captured: { member: 'schema' } },
  // a banner pasted inside an e-mail: the message is its paragraph, not the sign-off after it
  { wrapper: 'console', text: 'Hi team, our nightly import keeps failing. From the console:\n\nDataset import job: nightly-2026-12-05\nStatus: CREATE FAILED\nFailure reason: Failed to create dataset import job. Insufficient privileges for accessing data in Amazon S3.\n\nWe did not change anything. The CSV is s3://acme-prod/exports/part-0001.csv\nThanks, Dana',
    id: 's3-insufficient-privileges', parsed: { operation: 'CreateDatasetImportJob', message: 'Insufficient privileges for accessing data in Amazon S3.' } },
  // ---- a CloudTrail event (the console's JSON view of it, or inside an EventBridge event) ----
  { wrapper: 'cloudtrail', text: trail('personalize', 'CreateDatasetImportJob', 'AccessDenied', `User: arn:aws:sts::${ACCT}:assumed-role/ci-deploy/ci is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCT}:role/PersonalizeRole`),
    id: 'passrole-denied', parsed: { name: 'AccessDenied', operation: 'CreateDatasetImportJob', requestId: RID, service: 'Personalize' }, captured: { role: `arn:aws:iam::${ACCT}:role/PersonalizeRole` } },
  { wrapper: 'cloudtrail', text: JSON.stringify({ version: '0', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.personalize', detail: JSON.parse(trail('personalize', 'CreateDatasetImportJob', 'LimitExceededException', 'More than 5 resources with PENDING or IN_PROGRESS status.')) }, null, 2),
    id: 'too-many-running-jobs', parsed: { name: 'LimitExceededException', operation: 'CreateDatasetImportJob', requestId: RID } },
  { wrapper: 'cloudtrail', text: trail('personalize', 'CreateDatasetGroup', 'ResourceAlreadyExistsException', `Dataset group arn:aws:personalize:eu-west-1:${ACCT}:dataset-group/shop already exists.`),
    id: 'already-exists-dataset-group', parsed: { operation: 'CreateDatasetGroup', requestId: RID }, captured: { name: 'shop' } },
  // ---- a bare failureReason / plain text ----
  { wrapper: 'plain', text: 'Dataset has fewer than 25 users with at least 2 interactions each.', id: 'too-few-users', captured: { users: '25', perUser: '2' } },
  { wrapper: 'plain', text: 'Length cannot be more than 1000 characters for GENRES', id: 'value-too-long', captured: { limit: '1000', column: 'GENRES' } },
  { wrapper: 'plain', text: 'ResourceInUseException: The specified resource is in use.', id: 'resource-in-use', parsed: { name: 'ResourceInUseException' } },
  { wrapper: 'plain', text: 'Dataset group must contain an INTERACTIONS dataset with successfully completed dataset import job', id: 'interactions-import-not-complete' },
  { wrapper: 'plain', text: `User: arn:aws:sts::${ACCT}:assumed-role/PersonalizeS3/imp is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    id: 'kms-access', captured: { action: 'kms:Decrypt', key: `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } },
];

describe('pasted texts: wrapper × message → entry, parsed facts, captured values', () => {
  it('the table covers every wrapper with several messages, and at least 40 texts', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    for (const w of ['aws-cli', 'botocore', 'js-sdk', 'cloudformation', 'step-functions', 'cloudtrail', 'console', 'plain'] as const) {
      expect(TABLE.filter((r) => r.wrapper === w).length, w).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(TABLE.map((r, i) => [`${i + 1} ${r.wrapper} → ${r.id}`, r] as const))('%s', (_label, row) => {
    const { parsed, match } = diagnoseText(row.text);
    expect(parsed.wrapper).toBe(row.wrapper);
    expect(match.id, parsed.message).toBe(row.id);
    expect(match.known).toBe(true);
    if (row.parsed) expect(parsed).toMatchObject(row.parsed);
    if (row.captured) expect(match.captured).toMatchObject(row.captured);
    for (const s of row.says ?? []) expect(`${match.cause} ${match.fix}`).toContain(s);
    // the wrapper is gone from the message
    expect(parsed.message).not.toMatch(/An error occurred \(|Resource handler returned|Traceback|\$metadata|Request ID:/);
  });
});

describe('the tags limit reads right: 50 per resource, not 200', () => {
  it('TooManyTagsException says 50 per resource and that the request array takes 200', () => {
    const { match } = diagnoseText('An error occurred (TooManyTagsException) when calling the TagResource operation: Tag limit exceeded');
    expect(match.id).toBe('too-many-tags');
    expect(match.title).toContain('50');
    expect(match.cause).toContain('at most 50 tags');
    expect(match.cause).toContain('up to 200');
    expect(`${match.cause} ${match.fix}`).not.toMatch(/at most 200 tags/);
  });
  it('a tags length error on the request says both limits', () => {
    const { match } = diagnoseText("1 validation error detected: Value '[…]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200");
    expect(match.id).toBe('invalid-input-length');
    expect(match.fix).toContain('a resource carries at most 50');
  });
});

describe('the "already exists" family reads by resource', () => {
  it.each([
    ['CreateDatasetImportJob', 'Dataset import job with name x-1 already exists', 'already-exists-import-job'],
    ['CreateDatasetGroup', 'Dataset group with name x already exists', 'already-exists-dataset-group'],
    ['CreateSchema', 'Schema with name x already exists', 'already-exists-schema'],
    ['CreateDataset', `Dataset arn:aws:personalize:us-east-1:${ACCT}:dataset/x/USERS already exists.`, 'already-exists-dataset'],
    ['CreateRole', 'Role with name x already exists.', 'already-exists-role'],
    ['CreateEventTracker', 'Event tracker with name x already exists', 'already-exists-other'],
  ])('%s: %s', (op, msg, id) => {
    const { match } = diagnoseText(`An error occurred (ResourceAlreadyExistsException) when calling the ${op} operation: ${msg}`);
    expect(match.id).toBe(id);
    if (id !== 'already-exists-import-job') expect(`${match.title} ${match.cause} ${match.fix}`).not.toMatch(/job name|import job/i);
  });
  it('the operation alone decides when the message names nothing ("A resource with this name already exists")', () => {
    expect(diagnoseText('An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation: A resource with this name already exists').match.id).toBe('already-exists-schema');
    expect(diagnoseText('An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetGroup operation: A resource with this name already exists').match.id).toBe('already-exists-dataset-group');
  });
  it('an ARN in the message wins over the operation (the real CreateSchema wording names the ARN)', () => {
    const { match } = diagnoseText(`An error occurred (ResourceAlreadyExistsException) when calling the CreateSchema operation: Another resource with Arn arn:aws:personalize:eu-west-1:${ACCT}:schema/retail-users already exists.`);
    expect(match.captured).toMatchObject({ resource: 'schema', name: 'retail-users', arn: `arn:aws:personalize:eu-west-1:${ACCT}:schema/retail-users` });
  });
  it('a bucket you own already is not a problem; one someone else owns is', () => {
    expect(diagnoseText('An error occurred (BucketAlreadyOwnedByYou) when calling the CreateBucket operation: Your previous request to create the named bucket succeeded and you already own it.').match.captured?.owned).toBe('you');
    expect(diagnoseText('An error occurred (BucketAlreadyExists) when calling the CreateBucket operation: The requested bucket name is not available.').match.captured?.owned).toBe('someone else');
  });
});

describe('InvalidInput reads by member and constraint', () => {
  it('pattern, length, enum and not-null are told apart, member captured', () => {
    const ids = [
      "1 validation error detected: Value 'a b' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*",
      "1 validation error detected: Value '' at 'jobName' failed to satisfy constraint: Member must have length greater than or equal to 1",
      "1 validation error detected: Value 'PARTIAL' at 'importMode' failed to satisfy constraint: Member must satisfy enum value set: [FULL, INCREMENTAL]",
      "1 validation error detected: Value null at 'datasetArn' failed to satisfy constraint: Member must not be null",
    ].map((t) => diagnoseText(`An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: ${t}`).match);
    expect(ids.map((m) => m.id)).toEqual(['invalid-input-pattern', 'invalid-input-length', 'invalid-input-enum', 'invalid-input-required']);
    expect(ids.map((m) => m.captured?.member)).toEqual(['jobName', 'jobName', 'importMode', 'datasetArn']);
    expect(ids[1].captured).toMatchObject({ bound: 'min', limit: '1', length: '0' });
    expect(ids[2].fix).toContain('one of FULL, INCREMENTAL');
    expect(ids[0].known && ids[0].docs).toContain('API_CreateDatasetImportJob');
  });
  it('"FULL only before a first bulk import": an INCREMENTAL import into an empty dataset', () => {
    const { match } = diagnoseText('An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: INCREMENTAL import mode is only supported after a FULL import.');
    expect(match.id).toBe('incremental-before-bulk');
    expect(match.cause).toContain('FULL is the only mode before a first bulk import');
  });
  it('an InvalidInputException of no known shape still reads as invalid input, naming the operation', () => {
    const { match } = diagnoseText('An error occurred (InvalidInputException) when calling the CreateSchema operation: Schema field EVENT_TYPE must not be categorical.');
    expect(match.id).toBe('invalid-input');
    expect(match.fix).toContain('Avro');
  });
  it('a placeholder never resolved is named as such, with the ".$" fix', () => {
    const { match } = diagnoseText("1 validation error detected: Value '$.detail.datasetArn' at 'datasetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.*");
    expect(match.id).toBe('unresolved-placeholder');
    expect(match.fix).toContain('"DatasetArn.$"');
  });
});

describe('the exception name and operation count, not only the message', () => {
  it('"The specified resource is in use." alone is unknown; with its name it is not', () => {
    expect(diagnoseText('The specified resource is in use.').match.id).toBe('resource-in-use');
    expect(diagnoseText('Something odd.').match.known).toBe(false);
    expect(diagnoseText('An error occurred (ResourceInUseException) when calling the UpdateDataset operation: Something odd.').match.id).toBe('resource-in-use');
  });
  it('an unknown message keeps the parsed facts and the generic next steps', () => {
    const { parsed, match } = diagnoseText(`An error occurred (WeirdNewException) when calling the CreateSolution operation: The moon is full.`);
    expect(match.known).toBe(false);
    expect(match.captured).toEqual({ exception: 'WeirdNewException', operation: 'CreateSolution' });
    expect(match.cause).toContain('WeirdNewException');
    expect(match.fix).toContain('validate');
    expect(parsed.message).toBe('The moon is full.');
  });
});

describe('missing columns and the file\'s header', () => {
  const m = diagnoseText('Input CSV is missing the following columns: [USER_ID, ITEM_ID, TIMESTAMP]').match;
  it('without the file, a case-only difference is the first likely cause', () => {
    expect(m.cause).toMatch(/^The service found no column named USER_ID, ITEM_ID, TIMESTAMP[^.]*\. Most often the header names differ only in case/);
  });
  it('with a lower-case header: "the header names differ only in case", with the renames', () => {
    const r = withHeader(m, ['user_id', 'item_id', 'timestamp', 'event_type']);
    expect(r.title).toBe('The CSV header names differ only in case');
    expect(r.cause).toMatch(/the header names differ only in case/i);
    expect(r.fix).toContain('user_id → USER_ID');
    expect(r.fix).not.toMatch(/\badd\b/i);
    expect(r.known && r.captured.caseOnly).toBe('user_id=USER_ID,item_id=ITEM_ID,timestamp=TIMESTAMP');
  });
  it('with a header that really lacks the column: add it', () => {
    const r = withHeader(diagnoseText('Input CSV is missing the following columns: [ITEM_ID]').match, ['USER_ID', 'PRODUCT', 'TIMESTAMP']);
    expect(r.cause).toContain('not even with other case');
    expect(r.fix).toMatch(/^Add ITEM_ID/);
  });
});

describe('a describe-dataset-import-job document pasted whole', () => {
  it('its failureReason is the message (the whole JSON was)', () => {
    const doc = JSON.stringify({ datasetImportJob: { jobName: 'shop-20261201', datasetImportJobArn: `arn:aws:personalize:us-east-1:${ACCT}:dataset-import-job/shop-20261201`, status: 'CREATE FAILED', failureReason: 'Input CSV is missing the following columns: [EVENT_TYPE]', importMode: 'FULL' } }, null, 4);
    const r = diagnoseText(doc);
    expect(r.parsed.message).toBe('Input CSV is missing the following columns: [EVENT_TYPE]');
    expect(r.match).toMatchObject({ known: true, captured: { columns: 'EVENT_TYPE' } });
  });

  it('and the job\'s own facts: name, ARN, status, mode, data, role, times (the AWS CLI\'s output as printed)', () => {
    const doc = JSON.stringify({ datasetImportJob: { jobName: 'shop-20261201', datasetImportJobArn: `arn:aws:personalize:eu-west-1:${ACCT}:dataset-import-job/shop-20261201`, datasetArn: `arn:aws:personalize:eu-west-1:${ACCT}:dataset/shop/INTERACTIONS`, dataSource: { dataLocation: 's3://acme/exports/i.csv' }, roleArn: `arn:aws:iam::${ACCT}:role/P`, status: 'CREATE FAILED', creationDateTime: '2026-12-01T09:00:12.345000+00:00', lastUpdatedDateTime: '2026-12-01T09:04:51.120000+00:00', failureReason: 'Input CSV is missing the following columns: [EVENT_TYPE]', importMode: 'FULL', publishAttributionMetricsToS3: false } }, null, 4);
    expect(diagnoseText(doc).parsed.job).toEqual({
      name: 'shop-20261201', arn: `arn:aws:personalize:eu-west-1:${ACCT}:dataset-import-job/shop-20261201`, status: 'CREATE FAILED',
      datasetArn: `arn:aws:personalize:eu-west-1:${ACCT}:dataset/shop/INTERACTIONS`, dataLocation: 's3://acme/exports/i.csv', roleArn: `arn:aws:iam::${ACCT}:role/P`,
      mode: 'FULL', created: '2026-12-01T09:00:12.345000+00:00', updated: '2026-12-01T09:04:51.120000+00:00',
    });
    // a bare message has no job
    expect(diagnoseText('Input CSV is missing the following columns: [EVENT_TYPE]').parsed.job).toBeUndefined();
  });
});

describe('two AWS CLI errors in one paste (a script\'s log)', () => {
  const LIMIT = 'An error occurred (LimitExceededException) when calling the CreateDatasetImportJob operation: More than 5 resources with PENDING or IN_PROGRESS status.';
  const EXISTS = `An error occurred (ResourceAlreadyExistsException) when calling the CreateDatasetImportJob operation: Dataset import job arn:aws:personalize:us-east-1:${ACCT}:dataset-import-job/nightly already exists. (Service: Personalize, Status Code: 400, Request ID: ${RID})`;
  it('the first is read alone — its name, its message, its entry; not the second\'s message or request id — and the rest is handed on', () => {
    const { parsed, match } = diagnoseText(`${LIMIT}\r\n${EXISTS}\r\n`);
    expect(parsed).toMatchObject({ name: 'LimitExceededException', message: 'More than 5 resources with PENDING or IN_PROGRESS status.' });
    expect(parsed.requestId).toBeUndefined();
    expect(match.id).toBe('too-many-running-jobs');
    expect(parsed.next).toMatch(/^An error occurred \(ResourceAlreadyExistsException\)/);
    const second = diagnoseText(parsed.next!);
    expect(second.parsed).toMatchObject({ name: 'ResourceAlreadyExistsException', requestId: RID });
    expect(second.match.id).toBe('already-exists-import-job');
    expect(second.parsed.next).toBeUndefined();
  });
});

describe('a message a terminal wrapped mid-word', () => {
  it('is read with the break closed when that matches a more specific entry (it was "not in the catalogue", or the generic invalid input)', () => {
    const a = diagnoseText('Dataset has fewer than 25 users with at least 2 inter\nactions each.');
    expect(a.match).toMatchObject({ known: true, id: diagnoseText('Dataset has fewer than 25 users with at least 2 interactions each.').match.id });
    expect(a.parsed.message).toBe('Dataset has fewer than 25 users with at least 2 interactions each.');
    const b = diagnoseText('An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Insufficient privil\neges for accessing data in S3');
    expect(b.match.id).toBe('s3-insufficient-privileges');
    expect(b.parsed).toMatchObject({ name: 'InvalidInputException', operation: 'CreateDatasetImportJob' });
  });
  it('a break between two words stays a space', () => {
    const c = diagnoseText('An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Insufficient privileges\nfor accessing data in S3');
    expect(c.match.id).toBe('s3-insufficient-privileges');
    expect(c.parsed.message).toBe('Insufficient privileges for accessing data in S3');
  });
});

describe('any string gives a result and never throws', () => {
  const wrapped = (s: string) => fc.constantFrom(
    `An error occurred (${s}) when calling the ${s} operation: ${s}`,
    `Resource handler returned message: "${s}" (RequestToken: ${s}, HandlerErrorCode: ${s})`,
    `{"Error": "${s}", "Cause": "${s}"}`,
    `${s}Exception: ${s}\n    at x {\n  '$metadata': { httpStatusCode: ${s} }\n}`,
    `1 validation error detected: Value '${s}' at '${s}' failed to satisfy constraint: ${s}`,
    `Error\n${s}.X\nCause\n${s}`,
  );
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme', maxLength: 400 }),
    fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.string({ maxLength: 60 }).chain(wrapped),
    fc.array(fc.constantFrom('An error occurred (', ') when calling the ', ' operation: ', '"', "'", '{', '}', '\\', '$.', 'already exists', 'at \'', 'Value \'', '\x1b[31m', '\n', ' (Service: ', 'Request ID: '), { maxLength: 80 }).map((a) => a.join('')),
  );
  it('fast-check: random, binary-ish and wrapper-shaped strings', () => {
    fc.assert(fc.property(anyText, (t) => {
      const { parsed, match } = diagnoseText(t);
      expect(typeof parsed.message).toBe('string');
      expect(typeof match.id).toBe('string');
      expect(typeof match.cause).toBe('string');
      JSON.stringify({ parsed, match });
    }), { numRuns: runs(600) });
  });
  it('huge pasted blocks (several MB) are read in bounded time', () => {
    const huge = [
      'x'.repeat(5_000_000),
      `An error occurred (A) when calling the B operation: ${"Value 'a' at '".repeat(300_000)}`,
      `1 validation error detected: ${"Value '".repeat(400_000)}`,
      `Resource handler returned message: "${'"'.repeat(1_000_000)}`,
      `{"Error": "x", "Cause": "${'\\"'.repeat(500_000)}"}`,
    ];
    for (const h of huge) {
      const { match } = diagnoseText(h);
      expect(typeof match.id).toBe('string');
    }
  });
  it('non-strings are read as text', () => {
    expect(diagnoseText(undefined).match.known).toBe(false);
    expect(diagnoseText(42).match.known).toBe(false);
  });
});
