// Checks on what the user types, mirroring the service's own constraints so a mistake is caught on
// the screen where it was made instead of as an InvalidInputException after the review.

export const JOB_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/;
export const JOB_NAME_MAX = 63;
export const ROLE_ARN_PATTERN = /^arn:([a-z\d-]+):iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
/**
 * Tags a Personalize resource carries at most (TooManyTagsException beyond). The request's tags
 * array takes up to 200 (the API model's list maximum), but a resource holds only 50.
 */
export const MAX_TAGS = 50;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "<dataset>-<yyyymmdd-hhmmss>" (UTC), made to fit the service's pattern and length, and unique among `existing`. */
export function suggestJobName(datasetName: string, now: Date, existing: Iterable<string> = []): string {
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  let base = datasetName.replace(/[^a-zA-Z0-9\-_]/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  if (!base) base = 'import';
  base = base.slice(0, JOB_NAME_MAX - stamp.length - 1);
  const taken = new Set(existing);
  let name = `${base}-${stamp}`;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, JOB_NAME_MAX - stamp.length - 2 - String(i).length)}-${stamp}-${i}`;
  return name;
}

/** undefined when the service would accept it and it is not taken; else what is wrong. */
export function checkJobName(name: string, existing: Iterable<string> = []): string | undefined {
  if (!name) return 'A job name is required.';
  if (name.length > JOB_NAME_MAX) return `A job name has at most ${JOB_NAME_MAX} characters (this one has ${name.length}).`;
  if (!JOB_NAME_PATTERN.test(name)) {
    return /^[^a-zA-Z0-9]/.test(name)
      ? 'A job name starts with a letter or digit.'
      : 'A job name may hold only letters, digits, "-" and "_".';
  }
  for (const e of existing) if (e === name) return `A job named ${name} already exists; job names are unique per account and region.`;
  return undefined;
}

export function checkRoleArn(arn: string): string | undefined {
  if (!arn.trim()) return 'An IAM role ARN is required: Personalize assumes it to read the file from S3.';
  if (!ROLE_ARN_PATTERN.test(arn.trim())) return 'That is not an IAM role ARN; it looks like arn:aws:iam::123456789012:role/PersonalizeS3Access.';
  return undefined;
}

/** Parses "k=v, k2=v2" (comma or newline separated); an error names the bad entry. */
export function parseTags(text: string): { tags: Record<string, string>; error?: string } {
  const tags: Record<string, string> = {};
  const items = text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    const i = item.indexOf('=');
    if (i <= 0) return { tags, error: `'${item}' is not key=value (e.g. team=search).` };
    tags[item.slice(0, i).trim()] = item.slice(i + 1).trim();
  }
  return { tags, error: checkTags(tags) };
}

/** The service's tag limits: at most 50 on a resource; keys 1–128 characters, values 0–256. */
export function checkTags(tags: Record<string, string>): string | undefined {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) return `A Personalize resource carries at most ${MAX_TAGS} tags; ${keys.length} were given.`;
  for (const k of keys) {
    if (k.length < 1 || k.length > 128) return `Tag key '${k.slice(0, 20)}…' must be 1–128 characters.`;
    if (k.toLowerCase().startsWith('aws:')) return `Tag key '${k}' uses the reserved prefix aws:.`;
    if (tags[k].length > 256) return `The value of tag '${k}' is longer than 256 characters.`;
  }
  return undefined;
}

export function formatTags(tags: Record<string, string> | undefined): string {
  const e = Object.entries(tags ?? {});
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(', ') : '(none)';
}
