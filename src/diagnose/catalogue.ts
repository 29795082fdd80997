// The failure catalogue: a job's failureReason (or an error thrown at create time) → what caused
// it, what to change, where the docs are, and which preflight checks to look at first.
// Core module: no SDK, no React. Patterns are deliberately loose about case, a trailing period,
// "S3" vs "Amazon S3" and extra whitespace, because the service's wording drifts; anything that
// matches no entry is reported as UNKNOWN with generic next steps — never guessed.

/** Ids of the preflight checks (src/diagnose/preflight.ts) an entry points at. */
export type CheckId =
  | 'data-exists'
  | 'bucket-region'
  | 'bucket-policy'
  | 'role-trust'
  | 'role-s3-access'
  | 'kms'
  | 'running-jobs'
  | 'data-valid';

export interface CatalogueEntry {
  /** stable id, e.g. "s3-insufficient-privileges" */
  id: string;
  /** short human title */
  title: string;
  /** what went wrong, in plain words */
  cause: string;
  /** what to change (may be several sentences; captured values woven in) */
  fix: string;
  /** AWS documentation page */
  docs?: string;
  /** preflight checks that confirm or rule out this cause */
  checks: CheckId[];
}

export interface CatalogueMatch extends CatalogueEntry {
  known: true;
  /** the text that was matched */
  message: string;
  /** values pulled from the message (column names, limits, event type, …) */
  captured: Record<string, string>;
}

export interface UnknownMatch {
  known: false;
  /** 'not-failed': the job has no failure (ACTIVE or still running) — nothing to match */
  id: 'unknown' | 'not-failed';
  title: string;
  message: string;
  cause: string;
  fix: string;
  checks: CheckId[];
}

export type MatchResult = CatalogueMatch | UnknownMatch;

const DG = 'https://docs.aws.amazon.com/personalize/latest/dg';
const DOCS = {
  bucketPolicy: `${DG}/granting-personalize-s3-access.html`,
  role: `${DG}/set-up-required-permissions.html`,
  kms: `${DG}/granting-personalize-key-access.html`,
  passRole: `${DG}/aws-personalize-set-up-permissions.html`,
  csv: `${DG}/data-prep-formatting.html`,
  schemas: `${DG}/custom-datasets-and-schemas.html`,
  bulk: `${DG}/bulk-data-import-step.html`,
  createJob: `${DG}/API_CreateDatasetImportJob.html`,
  quotas: `${DG}/limits.html`,
  listJobs: `${DG}/API_ListDatasetImportJobs.html`,
};

const GENERIC_NEXT_STEPS =
  'Run `personalize-import diagnose <job-arn>` for the permission and data checks, validate the file with `personalize-import validate <file> --dataset-arn <arn>`, ' +
  'and if nothing stands out, send the job ARN and this message to AWS Support.';

interface Rule {
  id: string;
  title: string;
  /** a real-looking message it matches (tests, docs) */
  example: string;
  pattern: RegExp;
  build(m: RegExpExecArray): Omit<CatalogueEntry, 'id' | 'title'> & { captured?: Record<string, string> };
}

/** "[ITEM_ID, TIMESTAMP]" / "ITEM_ID,TIMESTAMP" → ["ITEM_ID","TIMESTAMP"] */
function splitList(s: string): string[] {
  return s.replace(/^\s*\[|\]\s*$/g, '').split(/\s*,\s*/).map((x) => x.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

const S3 = String.raw`(?:amazon\s+)?s3`;

const RULES: Rule[] = [
  {
    id: 's3-insufficient-privileges',
    example: 'Insufficient privileges for accessing data in S3',
    title: 'Personalize could not read the data in S3',
    pattern: new RegExp(String.raw`insufficient\s+privileges\s+for\s+accessing\s+data\s+in\s+${S3}`, 'i'),
    build: () => ({
      cause:
        'Amazon Personalize was refused access to the S3 data. Usual causes, most common first: the bucket policy does not allow the service principal ' +
        'personalize.amazonaws.com s3:GetObject and s3:ListBucket; the service role lacks those S3 actions (or does not trust personalize.amazonaws.com); ' +
        'the bucket is encrypted with a customer managed KMS key whose key policy does not let Personalize and the role use it.',
      fix:
        'Add a bucket-policy statement (principal personalize.amazonaws.com, s3:GetObject + s3:ListBucket on the bucket and bucket/*), make sure the ' +
        'role has the same S3 actions and trusts personalize.amazonaws.com, and for a KMS-encrypted bucket grant the key to Personalize and the role. ' +
        'Then create a new import job (a failed job cannot be restarted). `personalize-import diagnose <job-arn>` prints the statements filled in with your bucket and role.',
      docs: DOCS.bucketPolicy,
      checks: ['bucket-policy', 'role-s3-access', 'role-trust', 'kms', 'bucket-region'],
    }),
  },
  {
    id: 'missing-columns',
    example: 'Input CSV is missing the following columns: [ITEM_ID]',
    title: 'The CSV header lacks columns the schema requires',
    pattern: /input\s+csv\s+is\s+missing\s+the\s+following\s+columns?\s*:?\s*(\[[^\]]*\]|[^.\n]+)/i,
    build: (m) => {
      const cols = splitList(m[1] ?? '');
      const list = cols.length ? cols.join(', ') : 'the columns it names';
      return {
        cause: `The first row of the CSV has no column named ${list}, which the dataset's schema requires. Headers must match the schema's field names (the header row is not quoted).`,
        fix: `Add ${cols.length > 1 ? 'the columns' : 'the column'} ${list} to the header row (spelled exactly as in the schema), or import into a dataset whose schema matches the file. ` +
          'Check for a UTF-8 byte-order mark or a different delimiter that would hide the first header. Validate the file before re-importing.',
        docs: DOCS.csv,
        checks: ['data-valid'],
        captured: { columns: cols.join(',') },
      };
    },
  },
  {
    id: 'value-too-long',
    example: 'Length cannot be more than 256 characters for ITEM_ID',
    title: 'A value is longer than the column allows',
    pattern: /length\s+cannot\s+be\s+more\s+than\s+([\d,]+)\s+characters?\s+for\s+(?:column\s+|field\s+)?["']?([A-Za-z0-9_]+)/i,
    build: (m) => {
      const limit = (m[1] ?? '').replace(/,/g, '');
      const col = m[2] ?? '';
      return {
        cause: `At least one value in ${col} is longer than ${limit} characters. Often no value really is that long: a broken quote (an unescaped " or a missing closing quote) makes the CSV reader swallow several lines into one value.`,
        fix: `Find the rows where ${col} exceeds ${limit} characters (\`personalize-import validate\` reports them with line numbers). If they are broken quotes, wrap text values in double quotes and escape " and \\ inside them with a backslash; ` +
          `otherwise shorten the values (IDs ≤ 256 characters, categorical values ≤ 1000 including the | separators).`,
        docs: DOCS.csv,
        checks: ['data-valid'],
        captured: { limit, column: col },
      };
    },
  },
  {
    id: 'invalid-data-location',
    example: 'Invalid Data location.',
    title: 'The data location is not a valid S3 URI',
    pattern: /invalid\s+data\s+location/i,
    build: () => ({
      cause: 'The job\'s dataLocation is not a usable S3 URI (it must look like s3://bucket/file.csv, or s3://bucket/folder/ ending with "/" for several files, at most 256 characters).',
      fix: 'Use s3://BUCKET/KEY for one file or s3://BUCKET/PREFIX/ (trailing slash) for a folder; check the bucket name and key for typos and stray spaces.',
      docs: DOCS.bulk,
      checks: ['data-exists', 'bucket-region'],
    }),
  },
  {
    id: 'too-many-running-jobs',
    example: 'More than 5 resources with PENDING or IN_PROGRESS status.',
    title: 'Too many import jobs running at once',
    pattern: /more\s+than\s+(\d+)\s+resources?\s+with\s+pending\s+or\s+in_progress\s+status/i,
    build: (m) => ({
      cause: `At most ${m[1] ?? '5'} import jobs may be CREATE PENDING or CREATE IN_PROGRESS at the same time in one region; another job was running when this one was created.`,
      fix: 'Wait for running jobs to finish (`personalize-import history --dataset-group <name>` lists them), then create the job again. Import jobs cannot be stopped.',
      docs: DOCS.quotas,
      checks: ['running-jobs'],
      captured: { limit: m[1] ?? '5' },
    }),
  },
  {
    id: 'too-few-users',
    example: 'Dataset has fewer than 25 users with at least 2 interactions each.',
    title: 'Not enough users with repeated interactions',
    pattern: /fewer\s+than\s+(\d+)\s+users\s+with\s+at\s+least\s+(\d+)\s+interactions?/i,
    build: (m) => ({
      cause: `The interactions data has fewer than ${m[1]} users with at least ${m[2]} interactions each, the minimum for training.`,
      fix: `Import more interaction history so that at least ${m[1]} users have ${m[2]} or more interactions (the console's data insights suggest 1,000 users and 50,000 interactions); check that USER_ID values are not all the same or blank.`,
      docs: DOCS.quotas,
      checks: ['data-valid'],
      captured: { users: m[1] ?? '', perUser: m[2] ?? '' },
    }),
  },
  {
    id: 'too-few-interactions-event-type',
    example: 'Dataset has fewer than 1000 interactions after filtering by event type: purchase',
    title: 'Not enough interactions of the chosen event type',
    pattern: /fewer\s+than\s+([\d,]+)\s+interactions?\s+after\s+filtering\s+by\s+event\s+type\s*:?\s*["']?([^"'\n]*?)["']?\s*\.?\s*$/i,
    build: (m) => {
      const n = (m[1] ?? '1000').replace(/,/g, '');
      const ev = (m[2] ?? '').trim();
      return {
        cause: `After keeping only EVENT_TYPE ${ev ? `"${ev}"` : '(the chosen type)'}, fewer than ${n} interactions remain.`,
        fix: `Import more "${ev || 'EVENT_TYPE'}" events, or train on all event types (no event-type filter in the solution config). EVENT_TYPE values are case-sensitive: check the spelling in the CSV.`,
        docs: DOCS.quotas,
        checks: ['data-valid'],
        captured: { minimum: n, eventType: ev },
      };
    },
  },
  {
    id: 'too-few-interactions',
    example: 'There are fewer than 1000 interactions in the dataset.',
    title: 'Fewer than 1000 interaction records',
    // "fewer than 1000 interactions" and the "not enough interactions … at least 1000" wording
    pattern: /fewer\s+than\s+([\d,]+)\s+(?:interactions?|interaction\s+records|records)\b|not\s+enough\s+interactions\b(?:.*?\bat\s+least\s+([\d,]+))?/i,
    build: (m) => {
      const n = (m[1] ?? m[2] ?? '1000').replace(/,/g, '');
      return {
        cause: `The Interactions data has fewer than ${n} records. Every import into an Interactions dataset (FULL or INCREMENTAL) and every training needs at least ${n}.`,
        fix: `Import at least ${n} interaction records in one file or folder; for small daily batches, collect them and import together, or send events with PutEvents.`,
        docs: DOCS.quotas,
        checks: ['data-valid'],
        captured: { minimum: n },
      };
    },
  },
  {
    id: 'passrole-denied',
    example: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/PersonalizeRole',
    title: 'You may not pass the service role to Personalize',
    pattern: /user:?\s*(\S+)\s+is\s+not\s+authorized\s+to\s+perform:?\s*iam:PassRole(?:\s+on\s+resource:?\s*(\S+?))?(?=[\s.,]|$)/i,
    build: (m) => {
      const who = m[1] ?? 'your identity';
      const role = (m[2] ?? '').replace(/[.,]$/, '');
      return {
        cause: `${who} is not allowed iam:PassRole${role ? ` on ${role}` : ''}; creating an import job hands the role to Personalize, which needs that permission.`,
        fix: `Ask your administrator to allow iam:PassRole on ${role || 'the role'} for ${who}, with the condition "iam:PassedToService": "personalize.amazonaws.com" (\`personalize-import diagnose\` prints the statement).`,
        docs: DOCS.passRole,
        checks: ['role-trust'],
        captured: { principal: who, ...(role ? { role } : {}) },
      };
    },
  },
  {
    id: 'name-already-exists',
    example: 'Dataset import job with name shop-import already exists',
    title: 'An import job with this name already exists',
    pattern: /\balready\s+exists\b/i,
    build: () => ({
      cause: 'Import job names are unique per account and region (the name is the last part of the job ARN), and this one is taken — possibly by an earlier attempt.',
      fix: 'Create the job with a new name (personalize-import suggests one with a timestamp suffix); jobs cannot be deleted to free a name.',
      docs: DOCS.createJob,
      checks: [],
    }),
  },
  {
    // The service's exact wording is not documented; this matches the sandbox's and similar texts.
    id: 'incremental-before-bulk',
    example: 'Import mode INCREMENTAL is not allowed: the dataset has no data imported in bulk yet. Import it in FULL mode first.',
    title: 'INCREMENTAL import into a dataset with no bulk data yet',
    pattern: /\bincremental\b.*\b(?:not\s+allowed|no\s+(?:bulk\s+)?data|in\s+full\s+mode\s+first)/i,
    build: () => ({
      cause: 'An INCREMENTAL import appends to bulk data, and this dataset has had no bulk (FULL) import yet.',
      fix: 'Import the data with --mode full first (FULL is the default); use INCREMENTAL for later additions.',
      docs: DOCS.bulk,
      checks: [],
    }),
  },
  {
    id: 'interactions-import-not-complete',
    example: 'Dataset group must contain an INTERACTIONS dataset with successfully completed dataset import job',
    title: 'Training started before an import finished',
    pattern: /must\s+contain\s+an?\s+interactions\s+dataset\s+with\s+(?:a\s+)?successfully\s+completed\s+dataset\s+import\s+job/i,
    build: () => ({
      cause: 'A solution version (training) was started while the dataset group had no ACTIVE import into its Interactions dataset.',
      fix: 'Wait until an Interactions import job is ACTIVE (`personalize-import status <job-arn>`), then start training again.',
      docs: DOCS.bulk,
      checks: [],
    }),
  },
];

// ---- the service's validation-error shape ------------------------------------------------------

export interface ValidationProblem {
  value?: string;
  /** the request member, e.g. "jobName", "dataSource.dataLocation" */
  field: string;
  constraint: string;
}

/**
 * "1 validation error detected: Value 'x' at 'jobName' failed to satisfy constraint: Member must …"
 * "2 validation errors detected: Value … at 'a' failed …; Value … at 'b' failed …"
 * Returns undefined when the text is not of that shape.
 */
export function parseValidationErrors(message: string): ValidationProblem[] | undefined {
  const head = /(\d+)\s+validation\s+errors?\s+detected\s*:?/i.exec(message);
  if (!head) return undefined;
  const body = message.slice(head.index + head[0].length);
  const out: ValidationProblem[] = [];
  const re = /(?:Value\s+(?:'((?:[^']|'(?!\s+at\s+'))*)'|(null))\s+)?at\s+'([^']+)'\s+failed\s+to\s+satisfy\s+constraint\s*:?\s*([\s\S]*?)(?=;\s*(?:Value\s|at\s')|$)/gi;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    out.push({ value: m[2] === 'null' ? undefined : m[1], field: m[3], constraint: m[4].trim().replace(/[.;]\s*$/, '') });
  }
  return out.length ? out : [{ field: '(unknown)', constraint: body.trim() }];
}

const FIELD_ADVICE: Record<string, string> = {
  jobName: 'Job names are 1–63 characters, start with a letter or digit, and use only letters, digits, "-" and "_".',
  datasetArn: 'Pass the dataset ARN exactly as `describe-dataset` shows it (arn:aws:personalize:REGION:ACCOUNT:dataset/GROUP/TYPE).',
  'dataSource.dataLocation': 'The data location is s3://BUCKET/KEY for a file or s3://BUCKET/PREFIX/ for a folder, at most 256 characters.',
  roleArn: 'The role ARN looks like arn:aws:iam::123456789012:role/NAME — an IAM role, not a user or a policy.',
  importMode: 'importMode is FULL or INCREMENTAL.',
  tags: 'At most 200 tags; keys 1–128 characters, values 0–256.',
};

function adviceFor(field: string): string {
  const key = Object.keys(FIELD_ADVICE).find((k) => k.toLowerCase() === field.toLowerCase()) ?? (/^tags/i.test(field) ? 'tags' : /datalocation/i.test(field) ? 'dataSource.dataLocation' : undefined);
  return key ? FIELD_ADVICE[key] : 'Fix that value to satisfy the constraint.';
}

function validationEntry(message: string, problems: ValidationProblem[]): CatalogueMatch {
  const lines = problems.map((p) => `${p.field}${p.value !== undefined ? ` = '${p.value}'` : ''}: ${p.constraint}`);
  const advice = [...new Set(problems.map((p) => `${p.field}: ${adviceFor(p.field)}`))];
  return {
    known: true,
    id: 'request-validation',
    title: problems.length === 1 ? `The request's ${problems[0].field} was rejected` : `${problems.length} request values were rejected`,
    cause: `The service rejected the request before doing anything: ${lines.join('; ')}.`,
    fix: advice.join(' '),
    docs: DOCS.createJob,
    checks: [],
    message,
    captured: Object.fromEntries(problems.flatMap((p, i) => [[`field${i + 1}`, p.field], [`constraint${i + 1}`, p.constraint], ...(p.value !== undefined ? [[`value${i + 1}`, p.value]] : [])])),
  };
}

function tidy(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

/**
 * A job's failureReason (or any service message) → the catalogue entry it matches, or an
 * explicit unknown. The first matching rule wins; rules are ordered most specific first.
 */
export function matchFailure(reason: string | undefined): MatchResult {
  const message = tidy(reason ?? '');
  if (!message) {
    return {
      known: false, id: 'unknown', title: 'No failure reason', message,
      cause: 'The job carries no failureReason (it may not have failed, or the service gave no reason).',
      fix: GENERIC_NEXT_STEPS,
      checks: ['data-exists', 'bucket-policy', 'role-trust', 'role-s3-access', 'data-valid'],
    };
  }
  const problems = parseValidationErrors(message);
  if (problems) return validationEntry(message, problems);
  for (const r of RULES) {
    const m = r.pattern.exec(message);
    if (!m) continue;
    const { captured, ...rest } = r.build(m);
    return { known: true, id: r.id, title: r.title, ...rest, message, captured: captured ?? {} };
  }
  return {
    known: false, id: 'unknown', title: 'Unrecognised failure reason', message,
    cause: `This message is not in the catalogue, so no cause is guessed: "${message}".`,
    fix: GENERIC_NEXT_STEPS,
    checks: ['data-exists', 'bucket-region', 'bucket-policy', 'role-trust', 'role-s3-access', 'kms', 'data-valid'],
  };
}

// ---- errors thrown synchronously by CreateDatasetImportJob --------------------------------------

export interface CreateErrorLike {
  /** AWS error name ("LimitExceededException"); AppError.awsName or an SDK error's name */
  name?: string;
  awsName?: string;
  message?: string;
  /** the denied IAM action, when known (AppError.action) */
  action?: string;
}

/**
 * An error from CreateDatasetImportJob (SDK error or the AppError src/aws made of it) → catalogue
 * entry. Message-based entries (validation shapes, "Insufficient privileges…") win over the name.
 */
export function matchCreateError(e: CreateErrorLike | unknown): MatchResult {
  const err = (e ?? {}) as CreateErrorLike;
  const name = err.awsName ?? err.name ?? '';
  const message = tidy(String(err.message ?? ''));
  const action = err.action ?? /not\s+authorized\s+to\s+perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)/i.exec(message)?.[1];

  const byMessage = matchFailure(message);
  if (byMessage.known && byMessage.id !== 'name-already-exists') return byMessage;

  const entry = (id: string, title: string, cause: string, fix: string, checks: CheckId[], docs?: string, captured: Record<string, string> = {}): CatalogueMatch =>
    ({ known: true, id, title, cause, fix, checks, docs, message, captured });

  if (/^LimitExceeded/i.test(name)) {
    return entry('too-many-running-jobs', 'Too many import jobs running at once',
      'At most 5 import jobs may be CREATE PENDING or CREATE IN_PROGRESS per region, and that many are running.',
      'Wait for a running job to finish (`personalize-import history`), then create the job again.', ['running-jobs'], DOCS.quotas);
  }
  if (/^ResourceAlreadyExists/i.test(name) || byMessage.id === 'name-already-exists') {
    return entry('name-already-exists', 'An import job with this name already exists',
      'Import job names are unique per account and region, and this one is taken.',
      'Use a new job name (for example with a date-time suffix).', [], DOCS.createJob);
  }
  if (/^ResourceNotFound/i.test(name)) {
    return entry('resource-not-found', 'The dataset (or another ARN in the request) does not exist',
      `The service could not find a resource the request names${message ? `: ${message}` : ''}.`,
      'Check the dataset ARN and the region (resources are per region); the dataset must exist and be ACTIVE.', [], DOCS.createJob);
  }
  if (/^ResourceInUse/i.test(name)) {
    return entry('resource-in-use', 'The dataset is busy',
      `The dataset is not ready for a new import${message ? `: ${message}` : ''}.`,
      'Wait until the dataset is ACTIVE and no other import into it is running, then try again.', ['running-jobs'], DOCS.createJob);
  }
  if (/^TooManyTags/i.test(name)) {
    return entry('too-many-tags', 'Too many tags', 'A resource may carry at most 200 tags.', 'Pass fewer --tag values.', [], DOCS.createJob);
  }
  if (/iam:PassRole/i.test(action ?? '')) {
    return entry('passrole-denied', 'You may not pass the service role to Personalize',
      'Your identity is not allowed iam:PassRole on the role, which creating an import job requires.',
      'Ask your administrator to allow iam:PassRole on the role for your identity, with "iam:PassedToService": "personalize.amazonaws.com".', ['role-trust'], DOCS.passRole);
  }
  if (/^AccessDenied/i.test(name) || /not\s+authorized/i.test(message)) {
    return entry('caller-access-denied', 'You are not allowed to create the import job',
      `Your identity lacks ${action ?? 'a Personalize permission'} needed to create the job.`,
      `Ask your administrator to allow ${action ?? 'personalize:CreateDatasetImportJob'} (and iam:PassRole on the service role).`, [], DOCS.passRole, action ? { action } : {});
  }
  if (byMessage.known) return byMessage;
  return {
    known: false, id: 'unknown', title: 'Unrecognised error', message,
    cause: `This error${name ? ` (${name})` : ''} is not in the catalogue, so no cause is guessed.`,
    fix: GENERIC_NEXT_STEPS,
    checks: byMessage.checks,
  };
}

/** Every catalogue entry id, for docs and tests. */
export const CATALOGUE_IDS: readonly string[] = [
  ...RULES.map((r) => r.id), 'request-validation', 'resource-not-found', 'resource-in-use', 'too-many-tags', 'caller-access-denied',
];

/** One real-looking message per message-matched entry (docs, tests). */
export const CATALOGUE_EXAMPLES: readonly { id: string; example: string }[] = [
  ...RULES.map((r) => ({ id: r.id, example: r.example })),
  { id: 'request-validation', example: "1 validation error detected: Value 'my import' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*" },
];

/** The catalogue as a Markdown troubleshooting section (for the README). */
export function troubleshootingMarkdown(): string {
  const out: string[] = ['## Troubleshooting', '', 'What `personalize-import diagnose <job-arn>` recognises in a failure reason, and what to do.', ''];
  for (const { example } of CATALOGUE_EXAMPLES) {
    const m = matchFailure(example);
    out.push(`### ${m.title}`, '', `> ${example}`, '', `**Cause.** ${m.cause}`, '', `**Fix.** ${m.fix}`, '');
    if (m.known && m.docs) out.push(`Docs: ${m.docs}`, '');
  }
  out.push('Any other message is reported as not recognised — no cause is guessed — with the permission checks and data validation to run next.', '');
  return out.join('\n');
}
