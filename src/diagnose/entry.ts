// The shapes every catalogue rule shares, and the values a message may carry that several rules
// weave into their fix (a bucket, an ARN and its region, a role, a KMS key). Core module.
import type { ParsedError } from './parse.js';
import type { JobFacts } from './known.js';

/** Ids of the preflight checks (src/diagnose/preflight.ts) an entry points at. */
export type CheckId =
  | 'data-exists'
  | 'bucket-region'
  | 'bucket-policy'
  | 'role-trust'
  | 'role-s3-access'
  | 'kms'
  | 'running-jobs'
  | 'data-valid'
  | 'pass-role';

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

/** What a rule sees: the parsed facts, the message, and shorthands. */
export interface Ctx {
  parsed: ParsedError;
  /** the service's message, whitespace tidied */
  msg: string;
  /** exception name ('' when none) */
  name: string;
  /** operation ('' when none) */
  op: string;
  /** what is known of the job (a diagnosed job's, or what a pasted text says): fills in the fix's commands */
  known: JobFacts;
}

export interface Built {
  title?: string;
  cause: string;
  fix: string;
  docs?: string;
  checks: CheckId[];
  captured?: Record<string, string>;
}

export interface Rule {
  id: string;
  title: string;
  /** pasted texts it matches, the first shown in the README (tests check each matches this rule) */
  examples: string[];
  test(c: Ctx): RegExpExecArray | boolean | null | undefined;
  build(c: Ctx, m: RegExpExecArray | undefined): Built;
}

const DG = 'https://docs.aws.amazon.com/personalize/latest/dg';
export const DOCS = {
  bucketPolicy: `${DG}/granting-personalize-s3-access.html`,
  role: `${DG}/set-up-required-permissions.html`,
  kms: `${DG}/granting-personalize-key-access.html`,
  passRole: `${DG}/aws-personalize-set-up-permissions.html`,
  csv: `${DG}/data-prep-formatting.html`,
  schemas: `${DG}/custom-datasets-and-schemas.html`,
  datasetGroup: `${DG}/data-prep-ds-group.html`,
  updateSchema: `${DG}/updating-dataset-schema.html`,
  bulk: `${DG}/bulk-data-import-step.html`,
  createJob: `${DG}/API_CreateDatasetImportJob.html`,
  quotas: `${DG}/limits.html`,
  tags: `${DG}/tagging-resources.html`,
  errors: `${DG}/CommonErrors.html`,
  sfnPaths: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html',
  iamRole: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html',
  s3Names: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  credentials: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-configure.html',
  regions: 'https://docs.aws.amazon.com/general/latest/gr/personalize.html',
};

export const S3_WORD = String.raw`(?:amazon\s+)?s3`;

/** "[ITEM_ID, TIMESTAMP]" / "ITEM_ID,TIMESTAMP" → ["ITEM_ID","TIMESTAMP"] */
export function splitList(s: string): string[] {
  return s.replace(/^\s*\[|\]\s*$/g, '').split(/\s*,\s*/).map((x) => x.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

const ARN = /\barn:(aws[a-z-]{0,20}):([a-z0-9-]{1,40}):([a-z0-9-]{0,30}):(\d{12})?:([A-Za-z0-9+=,.@_/:-]{1,512})/g;

export interface ArnFacts {
  arn: string;
  service: string;
  region: string;
  account: string;
  /** "dataset-group", "schema", "role", "key", … */
  type: string;
  /** the name after the type */
  name: string;
}

/** Every ARN in a text, split. */
export function arnsIn(text: string): ArnFacts[] {
  const out: ArnFacts[] = [];
  ARN.lastIndex = 0;
  for (let m = ARN.exec(text); m && out.length < 20; m = ARN.exec(text)) {
    const arn = m[0].replace(/[.,;:'")\]]+$/, '');
    const rest = arn.split(':').slice(5).join(':');
    const slash = rest.indexOf('/');
    const type = slash >= 0 ? rest.slice(0, slash) : m[2] === 's3' ? 'bucket' : rest;
    const name = slash >= 0 ? rest.slice(slash + 1) : rest;
    out.push({ arn, service: m[2], region: m[3], account: m[4] ?? '', type, name });
  }
  return out;
}

/** The bucket a message names: s3://BUCKET/…, arn:aws:s3:::BUCKET, "bucket BUCKET", "Bucket: BUCKET". */
const BUCKET_NOT_A_NAME = /^(?:polic(?:y|ies)|permissions?|access|acls?|settings?|configurations?|encryption|versioning|lifecycle|notifications?|contents?|objects?|data|level|keys?|owners?|ownership|names?|region|is|are|does|do|has|have|had|must|should|can|cannot|may|will|was|were|be|been|it|its|itself|the|a|an|and|or|but|that|which|where|when|you|your|not|no|in|on|of|for|from|to|with|by|at|as|already|exists?|used|specified|provided|given|named|called)$/i;

export function bucketIn(text: string): string | undefined {
  // found inside prose, not parsed from a whole answer (parseS3Uri, src/core/s3-uri.ts, reads that): a
  // URI here ends where the bucket name's characters do ("…in s3://data." names data), so it takes
  // only what S3 allows in a bucket name, where parseS3Uri takes anything up to "/" and says later
  const uri = /\bs3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/|\b)/i.exec(text);
  if (uri) return uri[1];
  const arn = /\barn:aws[a-z-]{0,20}:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/i.exec(text);
  if (arn) return arn[1];
  const word = /\bbucket(?:\s+name)?\s*[:=]?\s*['"`]?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])['"`]?(?=[\s.,;)]|$)/i.exec(text);
  // (the words that follow "bucket" in a sentence: "fix the bucket permissions" named no bucket "permissions")
  if (word && !BUCKET_NOT_A_NAME.test(word[1])) return word[1];
  return undefined;
}

/** An s3:// location named in the message. */
export function locationIn(text: string): string | undefined {
  // inside prose: the location ends at white space, a quote or punctuation around it, and a sentence's
  // full stop is not the key's (parseS3Uri reads a whole answer, where those are part of the key)
  return /\bs3:\/\/[^\s'"`,;)]{3,1024}/i.exec(text)?.[0].replace(/[.]+$/, '');
}

export function captureOf(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}
