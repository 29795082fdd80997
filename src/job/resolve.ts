// A job name wherever a job ARN is taken (`status`, `diagnose`): the name is looked up among the
// region's import jobs (ListDatasetImportJobs without a dataset, every page). Names are unique per
// account and region, so an exact match is the job; otherwise a usage error lists near names.
import { usageError } from '../core/errors.js';
import type { PersonalizeApi } from '../core/ports.js';
import { parsePersonalizeArn } from './arn.js';
import { editDistance } from '../diagnose/spelling.js';

export const JOB_NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/;

function tidy(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** "-" for "_" and case told apart from the other slips a name copied from a ticket carries */
const fold = (s: string) => s.toLowerCase().replace(/_/g, '-');

/**
 * The names `name` is likely a slip of, closest first (at most 5): the same but for case or "-" /
 * "_", one a prefix of the other, or a letter or two away (one for names under 8 characters).
 */
export function nearNames(name: string, names: readonly string[]): string[] {
  const a = fold(name);
  const max = a.length >= 8 ? 2 : 1;
  const scored: { n: string; d: number }[] = [];
  for (const n of new Set(names)) {
    const b = fold(n);
    const d = a === b ? 0 : b.startsWith(a) || a.startsWith(b) ? 1 : editDistance(a, b, max);
    if (d <= max) scored.push({ n, d });
  }
  return scored.sort((x, y) => x.d - y.d).slice(0, 5).map((x) => x.n);
}

/** An ARN is returned as it is; a name is resolved to its job's ARN in the region the API points at. */
export async function resolveJobArn(api: PersonalizeApi, text: string, opts: { region?: string; command: string }): Promise<string> {
  const v = text.trim();
  const arn = parsePersonalizeArn(v);
  if (arn) {
    if (arn.resourceType !== 'dataset-import-job') throw usageError(`${opts.command}: '${tidy(v)}' is a ${arn.resourceType} ARN, not an import job's.`, 'Pass the import job ARN or its name (`personalize-import history` lists them).');
    return v;
  }
  if (!JOB_NAME.test(v)) {
    throw usageError(`${opts.command}: '${tidy(v.slice(0, 200))}' is neither an import job ARN nor a job name.`, 'Job names are 1–63 letters, digits, "-" and "_"; an ARN looks like arn:aws:personalize:us-east-1:123456789012:dataset-import-job/NAME.');
  }
  if (!api.listAllImportJobs) throw usageError(`${opts.command}: this connection cannot look up a job by name.`, 'Pass the job ARN instead.');
  const jobs = await api.listAllImportJobs();
  const hit = jobs.find((j) => j.name === v);
  if (hit) return hit.arn;
  const near = nearNames(v, jobs.map((j) => j.name));
  const where = opts.region ? ` in ${opts.region}` : '';
  throw usageError(`${opts.command}: no import job named '${v}'${where}.`,
    near.length ? `Did you mean ${near.join(', ')}? (names are case-sensitive; "-" and "_" differ)` : jobs.length ? `There ${jobs.length === 1 ? 'is 1 import job' : `are ${jobs.length} import jobs`}${where}; \`personalize-import history --dataset-group <name>\` lists them with their ARNs. Check --region / --aws-profile.` : `There are no import jobs${where}; check --region / --aws-profile.`);
}
