// Input checks done the way the service's front door (Coral) does them, with its wording:
//   1 validation error detected: Value 'x y' at 'jobName' failed to satisfy constraint: Member must
//   satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\-_]*
// Several problems are joined with "; " after "N validation errors detected: ".
// Constraints are transcribed from the published API model (botocore personalize/2018-05-22).

export class ServiceError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

export interface Constraint {
  type: 'string' | 'integer' | 'boolean' | 'list' | 'structure';
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: readonly string[];
  /** structure members / list member */
  members?: Record<string, Constraint>;
  member?: Constraint;
}

const NAME: Constraint = { type: 'string', min: 1, max: 63, pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' };
const ARN: Constraint = { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' };
const ROLE_ARN: Constraint = { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+' };
const KMS_ARN: Constraint = { type: 'string', max: 2048, pattern: 'arn:aws.*:kms:.*:[0-9]{12}:key/.*' };
const DOMAIN: Constraint = { type: 'string', enum: ['ECOMMERCE', 'VIDEO_ON_DEMAND'] };
const MAX_RESULTS: Constraint = { type: 'integer', min: 1, max: 100 };
const NEXT_TOKEN: Constraint = { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' };
const TAG_TEXT = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';
const TAGS: Constraint = {
  type: 'list',
  min: 0,
  max: 200,
  member: {
    type: 'structure',
    members: {
      tagKey: { type: 'string', required: true, min: 1, max: 128, pattern: TAG_TEXT },
      tagValue: { type: 'string', required: true, min: 0, max: 256, pattern: TAG_TEXT },
    },
  },
};
const req = (c: Constraint): Constraint => ({ ...c, required: true });

export const INPUTS: Record<string, Record<string, Constraint>> = {
  ListDatasetGroups: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  DescribeDatasetGroup: { datasetGroupArn: req(ARN) },
  CreateDatasetGroup: { name: req(NAME), roleArn: ROLE_ARN, kmsKeyArn: KMS_ARN, domain: DOMAIN, tags: TAGS },
  ListDatasets: { datasetGroupArn: ARN, nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  DescribeDataset: { datasetArn: req(ARN) },
  CreateDataset: {
    name: req(NAME),
    schemaArn: req(ARN),
    datasetGroupArn: req(ARN),
    datasetType: { type: 'string', required: true, max: 256, pattern: '^[A-Za-z_]+$' },
    tags: TAGS,
  },
  ListSchemas: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  DescribeSchema: { schemaArn: req(ARN) },
  CreateSchema: { name: req(NAME), schema: { type: 'string', required: true, max: 20000 }, domain: DOMAIN },
  UpdateDataset: { datasetArn: req(ARN), schemaArn: req(ARN) },
  DeleteDataset: { datasetArn: req(ARN) },
  DeleteSchema: { schemaArn: req(ARN) },
  DeleteDatasetGroup: { datasetGroupArn: req(ARN) },
  CreateDatasetImportJob: {
    jobName: req(NAME),
    datasetArn: req(ARN),
    dataSource: { type: 'structure', required: true, members: { dataLocation: { type: 'string', max: 256, pattern: '(s3|http|https)://.+' } } },
    // optional in the model, "Required: Yes" in the API reference (and the service): checked as required
    roleArn: req(ROLE_ARN),
    tags: TAGS,
    importMode: { type: 'string', enum: ['FULL', 'INCREMENTAL'] },
    publishAttributionMetricsToS3: { type: 'boolean' },
  },
  DescribeDatasetImportJob: { datasetImportJobArn: req(ARN) },
  ListDatasetImportJobs: { datasetArn: ARN, nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  ListMetricAttributions: { datasetGroupArn: ARN, nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  // event trackers (events.ts)
  CreateEventTracker: { name: req(NAME), datasetGroupArn: req(ARN), tags: TAGS },
  ListEventTrackers: { datasetGroupArn: ARN, nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  DescribeEventTracker: { eventTrackerArn: req(ARN) },
};

const regexCache = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let re = regexCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'su');
    regexCache.set(pattern, re);
  }
  return re.test(value);
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return `'${String(v)}'`;
  return `'${JSON.stringify(v)}'`;
}

function typeOk(c: Constraint, v: unknown): boolean {
  switch (c.type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'list':
      return Array.isArray(v);
    case 'structure':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
}

function collect(members: Record<string, Constraint>, input: Record<string, unknown>, prefix: string, out: string[]): void {
  for (const [name, c] of Object.entries(members)) {
    const at = prefix ? `${prefix}.${name}` : name;
    const v = input[name];
    if (v === undefined || v === null) {
      if (c.required) out.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    if (!typeOk(c, v)) throw new ServiceError('SerializationException', `Unexpected value type for '${at}': expected ${c.type}`);
    const fail = (what: string) => out.push(`Value ${show(v)} at '${at}' failed to satisfy constraint: ${what}`);
    if (c.type === 'string') {
      const s = v as string;
      if (c.min !== undefined && s.length < c.min) fail(`Member must have length greater than or equal to ${c.min}`);
      if (c.max !== undefined && s.length > c.max) fail(`Member must have length less than or equal to ${c.max}`);
      if (c.pattern && !fullMatch(c.pattern, s)) fail(`Member must satisfy regular expression pattern: ${c.pattern}`);
      if (c.enum && !c.enum.includes(s)) fail(`Member must satisfy enum value set: [${c.enum.join(', ')}]`);
    } else if (c.type === 'integer') {
      const n = v as number;
      if (c.min !== undefined && n < c.min) fail(`Member must have value greater than or equal to ${c.min}`);
      if (c.max !== undefined && n > c.max) fail(`Member must have value less than or equal to ${c.max}`);
    } else if (c.type === 'list') {
      const a = v as unknown[];
      if (c.min !== undefined && a.length < c.min) fail(`Member must have length greater than or equal to ${c.min}`);
      if (c.max !== undefined && a.length > c.max) fail(`Member must have length less than or equal to ${c.max}`);
      if (c.member?.members) a.forEach((m, i) => typeOk(c.member!, m) && collect(c.member!.members!, m as Record<string, unknown>, `${at}.${i + 1}.member`, out));
    } else if (c.type === 'structure' && c.members) {
      collect(c.members, v as Record<string, unknown>, at, out);
    }
  }
}

/**
 * Tags a resource carries at most. The request's list takes 200 (TAGS.max, the model's), but the
 * service then refuses more than 50 on the resource with TooManyTagsException — every operation
 * with a `tags` member lists that error in the model (test/sandbox/api-model.test.ts holds to it).
 */
export const MAX_TAGS_PER_RESOURCE = 50;

/** Throws TooManyTagsException, worded as the service does, when `tags` would put more than 50 on `arn`. */
export function checkTagCount(arn: string, tags: unknown): void {
  if (!Array.isArray(tags)) return;
  const keys = new Set(tags.map((t) => (t as { tagKey?: unknown }).tagKey));
  if (keys.size > MAX_TAGS_PER_RESOURCE) {
    throw new ServiceError('TooManyTagsException', `The resource ${arn} cannot have more than ${MAX_TAGS_PER_RESOURCE} tags.`);
  }
}

/** Throws InvalidInputException worded like the service when the input breaks the model's constraints. */
export function checkInput(op: string, input: Record<string, unknown>): void {
  const members = INPUTS[op];
  if (!members) return;
  const out: string[] = [];
  collect(members, input, '', out);
  if (out.length) {
    throw new ServiceError('InvalidInputException', `${out.length} validation error${out.length === 1 ? '' : 's'} detected: ${out.join('; ')}`);
  }
}
