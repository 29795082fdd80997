// What the tool knows about the job a failure belongs to (its data location, dataset, group, role,
// region), and the commands a catalogue fix prints, filled in with it: a fix is runnable as printed
// when the values are known, and keeps a placeholder only for what is not. Core module.
import { shellWord } from '../core/sanitize.js';
import type { ImportJob } from '../core/resources.js';
import { parseS3Uri } from '../core/s3-uri.js';
import { parsePersonalizeArn } from '../job/arn.js';

export interface JobFacts {
  jobArn?: string;
  /** s3://bucket/key or s3://bucket/prefix/ */
  location?: string;
  datasetArn?: string;
  /** the dataset group's name (what `access setup --dataset-group` takes) */
  datasetGroup?: string;
  roleArn?: string;
  region?: string;
}

/** A described job (and its group, when read) → its facts. */
export function factsOfJob(job: Pick<ImportJob, 'arn' | 'dataLocation' | 'datasetArn' | 'roleArn'>, more: { datasetGroup?: string; region?: string } = {}): JobFacts {
  const region = more.region ?? parsePersonalizeArn(job.arn)?.region;
  const group = more.datasetGroup ?? groupOfDataset(job.datasetArn);
  return clean({ jobArn: job.arn, location: job.dataLocation, datasetArn: job.datasetArn, datasetGroup: group, roleArn: job.roleArn, region });
}

/** …:dataset/GROUP/TYPE → GROUP */
function groupOfDataset(arn: string | undefined): string | undefined {
  const a = arn ? parsePersonalizeArn(arn) : undefined;
  const slash = a?.resourceType === 'dataset' ? a.resource.indexOf('/') : -1;
  return slash > 0 ? a!.resource.slice(0, slash) : undefined;
}

/** What a pasted text says itself: an s3:// location, a dataset / import job / role ARN. */
export function factsInText(text: string): JobFacts {
  const arn = (type: string, svc = 'personalize') => new RegExp(String.raw`\barn:aws[a-z-]{0,20}:${svc}:([a-z0-9-]*):\d{12}:${type}\/[A-Za-z0-9_./+=,@-]{1,256}`).exec(text)?.[0].replace(/[.,]+$/, '');
  const datasetArn = arn('dataset');
  const jobArn = arn('dataset-import-job');
  // found inside pasted text (see locationIn, entry.ts: prose ends it, not parseS3Uri's whole-answer reading)
  const location = /\bs3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[^\s'"`,;)\]]{0,1024}/i.exec(text)?.[0].replace(/[.]+$/, '');
  return clean({ location, datasetArn, jobArn, roleArn: arn('role', 'iam'), datasetGroup: groupOfDataset(datasetArn), region: parsePersonalizeArn(datasetArn ?? jobArn ?? '')?.region });
}

function clean(o: JobFacts): JobFacts {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string' && v !== '')) as JobFacts;
}

/** s3://bucket/key → bucket and the folder of the key ("" at the top) */
export function bucketOfLocation(location: string | undefined): { bucket: string; prefix: string } | undefined {
  const u = parseS3Uri(location ?? '');
  return u ? { bucket: u.bucket, prefix: u.key.slice(0, u.key.lastIndexOf('/') + 1) } : undefined;
}

const datasetFlag = (k: JobFacts) => `--dataset-arn ${k.datasetArn ? shellWord(k.datasetArn) : '<dataset-arn>'}`;

/** `personalize-import validate LOCATION --dataset-arn ARN` */
export function validateCommand(k: JobFacts): string {
  return `personalize-import validate ${k.location ? shellWord(k.location) : '<file>'} ${datasetFlag(k)}`;
}

/** `personalize-import fix OBJECT --dataset-arn ARN` (fix takes one object: a folder's objects are named FILE.csv) */
export function fixCommand(k: JobFacts): string {
  const where = !k.location ? '<file>' : k.location.endsWith('/') ? `${shellWord(k.location)}<file>.csv` : shellWord(k.location);
  return `personalize-import fix ${where} ${datasetFlag(k)}`;
}

/** `personalize-import diagnose JOB` */
export function diagnoseCommand(k: JobFacts): string {
  return `personalize-import diagnose ${k.jobArn ? shellWord(k.jobArn) : '<job-arn>'}`;
}

/** `personalize-import status JOB` */
export function statusCommand(k: JobFacts): string {
  return `personalize-import status ${k.jobArn ? shellWord(k.jobArn) : '<job-arn>'}`;
}

/** `access setup` filled in with the bucket, folder, group, role and region, when the location is known. */
export function accessSetupCommand(k: JobFacts): string | undefined {
  const loc = bucketOfLocation(k.location);
  if (!loc) return undefined;
  const words = ['personalize-import', 'access', 'setup', '--bucket', loc.bucket, ...(loc.prefix ? ['--prefix', loc.prefix] : []), ...(k.datasetGroup ? ['--dataset-group', k.datasetGroup] : []), ...(k.roleArn ? ['--role-arn', k.roleArn] : []), ...(k.region ? ['--region', k.region] : [])];
  return words.map(shellWord).join(' ');
}
