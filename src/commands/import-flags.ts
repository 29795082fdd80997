// `import`'s flags: their parseArgs spec (OPTIONS: completion and --help name them from it) and what
// they answer — the step machine's answers and which step each flag answers (presetFrom), checked
// before the AWS SDK loads (a usage error names the flag). Cheap: no SDK, no network, no Ink.
import { visible } from '../core/sanitize.js';
import { usageError } from '../core/errors.js';
import { DATASET_TYPES, type DatasetType, type ImportMode } from '../core/resources.js';
import { AWS_OPTIONS, COMMON_OPTIONS, dateOrder, decimalMark, keyValues, parse } from '../cli/args.js';
import type { Answers } from '../flow/plan.js';
import { bucketOfFlag, looksLikeObject, parseS3Uri } from '../core/s3-uri.js';
import { checkJobName, checkRoleArn, checkTags, MAX_TAGS } from '../flow/checks.js';
import { checkItemIdShape, EXPORT_OPTIONS } from './export-flags.js';

export const OPTIONS = {
  ...COMMON_OPTIONS,
  ...AWS_OPTIONS,
  'dataset-arn': { type: 'string' },
  'dataset-group': { type: 'string' },
  'dataset-type': { type: 'string' },
  // repeatable: several files of one dataset group (TYPE=FILE, or a folder) go to import-group.ts
  csv: { type: 'string', multiple: true },
  bucket: { type: 'string' },
  prefix: { type: 'string' },
  'data-location': { type: 'string' },
  'role-arn': { type: 'string' },
  mode: { type: 'string' },
  'job-name': { type: 'string' },
  tag: { type: 'string', multiple: true },
  'publish-attribution-metrics': { type: 'boolean' },
  profile: { type: 'string' },
  'skip-validation': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-rejects': { type: 'boolean' },
  // column=FIELD (repeatable): the inferred schema's and the fixer's name for a column
  map: { type: 'string', multiple: true },
  // day-first|month-first: how the fix step reads dates in numbers only (01.11.2026)
  dates: { type: 'string' },
  // one EVENT_TYPE for every row of a file with no such column (an order export: purchase), added by the fix step
  'event-type': { type: 'string' },
  // old=New (repeatable): EVENT_TYPE values the fix step writes again (transaction=Purchase)
  'event-names': { type: 'string', multiple: true },
  // with --create: a column the inferred schema would leave out (an e-mail, an order number …) kept (repeatable)
  keep: { type: 'string', multiple: true },
  // comma|point: the file's decimal mark, with which the fix step reads a number written two ways (1,234)
  decimal: { type: 'string' },
  // the fix step sets an order export's returns and cancellations aside (negative quantity, invoice C…)
  'drop-returns': { type: 'boolean' },
  // the fix step's choices for a Segment / Mixpanel export: --user-id-from anonymous_id, --item-id-from properties.product_id
  ...EXPORT_OPTIONS,
  'no-wait': { type: 'boolean' },
  interval: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  plain: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  // create what is missing (src/commands/create-missing.ts)
  create: { type: 'boolean' },
  domain: { type: 'string' },
  schema: { type: 'string' },
  'kms-key-arn': { type: 'string' },
  // record by record (src/records/cli.ts)
  individually: { type: 'boolean' },
  resume: { type: 'string' },
  'skip-unknown': { type: 'boolean' },
  report: { type: 'string' },
  'create-event-tracker': { type: 'boolean' },
  // hidden, as in the wizard: seconds per embedded-sandbox job (tests); PERSONALIZE_SANDBOX_JOB_SECONDS also works
  'sandbox-job-seconds': { type: 'string' },
} as const;

type ParsedValues = ReturnType<typeof parse<typeof OPTIONS>>['values'];
/** the values with one --csv (several go to import-group.ts) */
export type Values = Omit<ParsedValues, 'csv'> & { csv?: string };

export function datasetType(v: string): DatasetType {
  const t = v.toUpperCase().replace(/-/g, '_') as DatasetType;
  if (!DATASET_TYPES.includes(t)) throw usageError(`import: --dataset-type '${v}' is not a dataset type.`, 'Use interactions, items, users, actions or action-interactions.');
  return t;
}

export function importMode(v: string | undefined): ImportMode | undefined {
  if (v === undefined) return undefined;
  const m = v.toUpperCase();
  if (m !== 'FULL' && m !== 'INCREMENTAL') throw usageError(`import: --mode '${v}' is not an import mode.`, 'Use --mode full or --mode incremental.');
  return m;
}

export function intervalMs(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 3600) throw usageError(`import: --interval '${v}' is not a number of seconds between 0 and 3600.`, 'Write it as --interval 10.');
  return Math.max(10, Math.round(n * 1000));
}

/** CreateDatasetImportJob's dataLocation: at most 256 characters (PERSONALIZE-FACTS) */
const DATA_LOCATION_MAX = 256;

/**
 * Every flag value whose shape is known without the file or AWS — the job name, the role ARN, the
 * data location, the import mode, the tags, the interval — checked first, before any file is read or
 * any AWS call is made (a bad --job-name found after minutes of validating a big file was time lost).
 * The patterns are the service's own (src/flow/checks.ts); a usage error (exit 2) names the flag.
 */
export function checkFlagShapes(values: Pick<ParsedValues, 'job-name' | 'role-arn' | 'data-location' | 'mode' | 'tag' | 'interval'>): void {
  const shown = (v: string) => (v.length > 80 ? `${visible(v.slice(0, 60))}… (${v.length} characters)` : visible(v));
  const jobName = values['job-name'];
  if (jobName !== undefined) {
    const problem = checkJobName(jobName.trim());
    if (problem) throw usageError(`import: --job-name '${shown(jobName)}': ${problem}`, 'A job name is 1–63 letters, digits, "-" and "_", starting with a letter or digit: --job-name events-20261207. Leave it out for one made from the dataset and the time.');
  }
  const role = values['role-arn'];
  if (role !== undefined) {
    const problem = checkRoleArn(role);
    if (problem) throw usageError(`import: --role-arn '${shown(role)}': ${problem}`, 'Pass the role\'s whole ARN (aws iam get-role --role-name NAME shows it); personalize-import access setup --bucket BUCKET --yes creates one and prints its ARN.');
  }
  const loc = values['data-location'];
  if (loc !== undefined) {
    if (!parseS3Uri(loc)) throw usageError(`import: --data-location '${shown(loc)}' is not an S3 location.`, 'Write it as s3://bucket/key.csv or s3://bucket/folder/.');
    if (loc.length > DATA_LOCATION_MAX) throw usageError(`import: --data-location is ${loc.length} characters long; Personalize takes at most ${DATA_LOCATION_MAX}.`, 'Import from a shorter key, or from its folder (s3://bucket/folder/).');
  }
  importMode(values.mode);
  intervalMs(values.interval);
  if (values.tag) {
    const tags = keyValues('--tag', values.tag);
    const problem = checkTags(tags);
    if (problem) {
      throw usageError(`import: --tag: ${problem}`, Object.keys(tags).length > MAX_TAGS
        ? `Pass at most ${MAX_TAGS} --tag flags (the service refuses more with TooManyTagsException, after the upload).`
        : 'Write each as --tag key=value: keys 1–128 characters (not starting with aws:), values up to 256.');
    }
  }
}

/** The sandbox's defaults announced in the environment (`eval "$(personalize-import sandbox --print-env --data-dir DIR)"`). */
export function envSandbox(env: NodeJS.ProcessEnv): { roleArn?: string; bucket?: string } | undefined {
  const pointed = env.AWS_ENDPOINT_URL_PERSONALIZE || env.AWS_ENDPOINT_URL;
  if (!pointed || (!env.PERSONALIZE_SANDBOX_ROLE_ARN && !env.PERSONALIZE_SANDBOX_BUCKET)) return undefined;
  return { roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN, bucket: env.PERSONALIZE_SANDBOX_BUCKET };
}

/** Answers from flags (and a saved profile), and which steps they answer; cheap: no SDK, no network. */
export async function answersFromFlags(values: Values, env: NodeJS.ProcessEnv): Promise<{ answers: Answers; presetFrom: Record<string, string>; profileRole?: string; notice?: string }> {
  const a: Answers = {};
  const from: Record<string, string> = {};
  let profileRole: string | undefined;
  let notice: string | undefined;
  if (values.profile) {
    const { openProfileStore } = await import('../profiles/store.js');
    const opened = openProfileStore(env);
    notice = opened.notice;
    const p = (await import('../profiles/store.js')).findProfile(opened.store, values.profile, 'import');
    if (!values.sandbox && p.sandbox) notice = [notice, (await import('../profiles/store.js')).sandboxProfileNotice(p)].filter(Boolean).join('\n');
    Object.assign(a, {
      profileName: p.name, region: p.region, awsProfile: p.awsProfile, sandbox: p.sandbox,
      datasetGroupArn: p.datasetGroupArn, datasetGroupName: p.datasetGroupName, datasetArn: p.datasetArn, datasetName: p.datasetName,
      datasetType: p.datasetType, bucket: p.bucket, prefix: p.prefix,
    } satisfies Answers);
    const by = `profile ${p.name}`;
    Object.assign(from, { group: by, dataset: by, ...(p.bucket ? { bucket: by, prefix: by } : {}) });
    profileRole = p.roleArn;
  }
  if (values.region) a.region = values.region;
  if (values['aws-profile']) a.awsProfile = values['aws-profile'];
  if (values.sandbox) a.sandbox = true;
  if (values['dataset-arn'] || values['dataset-group']) {
    // a dataset named by flags replaces the profile's
    delete a.datasetArn; delete a.datasetGroupArn; delete a.datasetGroupName; delete a.datasetType; delete a.datasetName;
    delete from.group; delete from.dataset;
  }
  if (values['dataset-arn']) {
    if (!/^arn:[\w-]+:personalize:[\w-]*:\d*:dataset\/[^/]+\/.+/.test(values['dataset-arn'])) {
      throw usageError(`import: --dataset-arn '${values['dataset-arn']}' is not a dataset ARN.`, 'It looks like arn:aws:personalize:us-east-1:123456789012:dataset/GROUP/INTERACTIONS.');
    }
    a.datasetArn = values['dataset-arn'];
    from.group = from.dataset = '--dataset-arn';
  }
  if (values['dataset-group']) {
    const g = values['dataset-group'];
    if (g.startsWith('arn:')) {
      if (!/^arn:[\w-]+:personalize:[\w-]*:\d*:dataset-group\/.+/.test(g)) throw usageError(`import: --dataset-group '${g}' is not a dataset group ARN.`, 'Pass the group\'s name, or an ARN like arn:aws:personalize:us-east-1:123456789012:dataset-group/shop.');
      a.datasetGroupArn = g;
    } else {
      a.datasetGroupName = g;
    }
    from.group = '--dataset-group';
  }
  if (values['dataset-type']) {
    a.datasetType = datasetType(values['dataset-type']);
    if (!values['dataset-arn']) from.dataset = '--dataset-type';
  }
  if (values.csv && values['data-location']) throw usageError('import: pass --csv or --data-location, not both.', '--csv uploads a local file; --data-location imports data already in S3.');
  // "Fix and continue" answered from flags (--fix-rejects implies --fix)
  if (values.fix || values['fix-rejects']) from.fix = values.fix ? '--fix' : '--fix-rejects';
  if (values['fix-rejects']) from['fix-rejects'] = '--fix-rejects';
  // the returns set aside are rows the copy leaves out: asked with them (--fix-rejects)
  // a Segment / Mixpanel export's choices are the fix step's (export-flags.ts): the copy it writes has them
  for (const f of ['user-id-from', 'item-id-from'] as const) {
    if (values[f] !== undefined && !values.fix && !values['fix-rejects']) throw usageError(`import: --${f} is a choice of the fix step, which writes the copy that is imported: pass it with --fix.`, `Example: personalize-import import --csv ${f === 'user-id-from' ? 'tracks.csv' : 'mixpanel-export.csv'} … --fix --${f} ${f === 'user-id-from' ? 'anonymous_id' : 'properties.product_id'}`);
  }
  checkItemIdShape('import', values['item-id-from']);
  if (values['drop-returns'] && !values['fix-rejects']) throw usageError('import: --drop-returns sets the returns and cancellations aside with the rows the fixer cannot repair: pass it with --fix --fix-rejects.', 'Example: personalize-import import --csv orders.csv … --fix --fix-rejects --drop-returns');
  if (values.csv) {
    a.source = { kind: 'local', path: values.csv };
    from.csv = '--csv';
  }
  if (values['data-location']) {
    // (its shape checked by checkFlagShapes, first)
    a.source = { kind: 's3', ...parseS3Uri(values['data-location'])! };
    from.csv = '--data-location';
  }
  if ((values.bucket || values.prefix !== undefined) && values['data-location']) throw usageError('import: --bucket / --prefix are for uploading --csv; with --data-location the data is already in S3.');
  if (values.bucket) {
    const { bucket, prefix } = bucketAndPrefix(values.bucket, values.prefix);
    a.bucket = bucket;
    from.bucket = '--bucket';
    if (values.prefix === undefined && prefix !== undefined) {
      a.prefix = prefix;
      from.prefix = '--bucket';
    } else if (values.prefix === undefined && from.prefix?.startsWith('profile')) {
      // another bucket than the profile's: its prefix is not implied
      delete from.prefix;
    }
  }
  if (values.prefix !== undefined) {
    a.prefix = values.prefix;
    from.prefix = '--prefix';
  }
  const mode = importMode(values.mode);
  if (mode) {
    a.importMode = mode;
    from.mode = '--mode';
  }
  if (values['job-name']) {
    a.jobName = values['job-name'];
    from['job-name'] = '--job-name';
  }
  if (values['role-arn']) {
    a.roleArn = values['role-arn'];
    from.role = '--role-arn';
  }
  if (values.map) a.headerMap = keyValues('--map', values.map);
  const { eventTypeFlag, eventNamesFlag } = await import('../schema/usable.js');
  const eventType = eventTypeFlag('import', values['event-type']);
  if (eventType !== undefined) a.eventType = eventType;
  const eventNames = eventNamesFlag('import', values['event-names']);
  if (eventNames) a.eventNames = eventNames;
  const dates = dateOrder('import', values.dates);
  if (dates) {
    a.dateOrder = dates;
    // "How are the dates written?" answered (src/flow/machine/steps-dates.ts)
    from.dates = '--dates';
  }
  const decimal = decimalMark('import', values.decimal);
  if (decimal) a.decimalMark = decimal;
  if (values['drop-returns']) a.dropReturns = true;
  if (values.tag) {
    a.tags = keyValues('--tag', values.tag);
    from.tags = '--tag';
  }
  if (values['publish-attribution-metrics']) {
    a.publishAttributionMetrics = true;
    from.metrics = '--publish-attribution-metrics';
  }
  return { answers: a, presetFrom: from, profileRole, notice };
}

/** --create and its companions: checked before the SDK loads; undefined without --create. */
export async function createFlags(values: Values, a: Answers): Promise<{ domain?: import('../core/resources.js').Domain; kmsKeyArn?: string; schemaFile?: string } | undefined> {
  if (!values.create) {
    for (const f of ['domain', 'schema', 'kms-key-arn', 'keep'] as const) {
      if (values[f] !== undefined) throw usageError(`import: --${f} is for --create (a new dataset group or dataset).`, `Add --create, or leave --${f} out.`);
    }
    return undefined;
  }
  if (!values['dataset-arn'] && (a.datasetGroupName || a.datasetGroupArn) && !a.datasetType) {
    // (with --csv the columns were asked first: import.ts)
    throw usageError(`import: --create needs --dataset-type <type>${a.source?.kind === 'local' ? `: the columns of ${visible(a.source.path)} do not tell it (no USER_ID, ITEM_ID or ACTION_ID under a name this tool knows)` : ''}.`, 'Example: --dataset-group new-shop --dataset-type interactions --create (schema infer <file> shows how the columns are read).');
  }
  if (values['dataset-arn'] || !(a.datasetGroupName || a.datasetGroupArn) || !a.datasetType) {
    throw usageError('import: --create needs --dataset-group <name> and --dataset-type <type> (a dataset ARN names something that exists).', 'Example: --dataset-group new-shop --dataset-type interactions --create');
  }
  // record by record creates what is missing too (src/records/cli.ts); a resume sends to the dataset its report names
  if (values.resume) throw usageError('import: --create is not for --resume: the report names the dataset its records go to, which exists.', 'Leave out --create (or, for a new dataset, import --individually --create --csv <file> without --resume).');
  const { parseDomain } = await import('./schema.js');
  return { domain: parseDomain(values.domain), kmsKeyArn: values['kms-key-arn'], schemaFile: values.schema };
}

/** Flags that must be given when nothing can be asked (knowable before any AWS call). */
export function missingFlags(a: Answers, sandboxBucket: boolean): string[] {
  const missing: string[] = [];
  if (!a.datasetArn) {
    if (a.datasetGroupArn || a.datasetGroupName) {
      if (!a.datasetType) missing.push('--dataset-type');
    } else {
      missing.push(a.datasetType ? '--dataset-group (or --dataset-arn)' : '--dataset-arn (or --dataset-group with --dataset-type)');
    }
  }
  if (!a.source) missing.push('--csv <file> (or --data-location s3://…)');
  else if (a.source.kind === 'local' && !a.bucket && !sandboxBucket) missing.push('--bucket');
  return missing;
}

/** --bucket as a name or as s3://bucket[/folder/] (its shape checked by parse, src/cli/args.ts): the
 *  bucket and the folder the files are uploaded to (--prefix's, or the one in --bucket). A folder in
 *  both, or an object's key in --bucket, is a usage error naming the fix — never dropped silently. */
export function bucketAndPrefix(bucketFlag: string, prefixFlag: string | undefined): { bucket: string; prefix?: string } {
  const { bucket, prefix } = bucketOfFlag(bucketFlag)!;
  if (!prefix) return { bucket, prefix: prefixFlag };
  const shownFlag = visible(bucketFlag.trim());
  const folder = looksLikeObject(prefix) ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : prefix;
  const asFlag = `--bucket ${folder ? `s3://${visible(bucket)}/${visible(folder)}` : visible(bucket)}`;
  if (prefixFlag !== undefined) throw usageError(`import: the folder is given twice (in --bucket ${shownFlag} and --prefix).`, `Pass --bucket ${visible(bucket)} --prefix FOLDER/, or only --bucket s3://${visible(bucket)}/FOLDER/.`);
  if (folder !== prefix) throw usageError(`import: --bucket ${shownFlag} names an object; --bucket takes the bucket and, optionally, the folder the file is uploaded to.`, `Pass ${asFlag} (the file keeps its own name there), or --data-location ${shownFlag} to import that object as it is.`);
  return { bucket, prefix };
}
