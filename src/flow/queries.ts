// Reads the flow needs from Personalize, through the PersonalizeApi port (no SDK here), shaped for
// the screens: a dataset's schema fields with the required ones marked, its last import job and the
// import-mode rules; whether a group or dataset can be picked and why not.
import type { PersonalizeApi } from '../core/ports.js';
import type { Dataset, DatasetGroup, DatasetType, Domain, ImportJob } from '../core/resources.js';
import { schemaFromJson, requiredFields, type SchemaModel } from '../validate/schema.js';
import { importModeRules, type ModeRules } from './mode.js';

export interface FieldInfo {
  name: string;
  type: string;
  required: boolean;
}

export interface DatasetDetails {
  dataset: Dataset;
  schema?: SchemaModel;
  fields: FieldInfo[];
  jobs: ImportJob[];
  lastJob?: ImportJob;
  rules: ModeRules;
}

export function groupKind(domain: Domain | undefined): string {
  return domain ? `Domain ${domain}` : 'Custom';
}

/** Why a dataset cannot receive an import now; undefined when it can. */
export function datasetBlockedReason(d: Dataset): string | undefined {
  if (d.status === 'ACTIVE') return undefined;
  if (d.status.includes('PENDING') || d.status.includes('IN_PROGRESS')) return `It is ${d.status}: wait until it is ACTIVE, then run this again.`;
  if (d.status.includes('FAILED')) return `It is ${d.status}: recreate the dataset (the console shows why it failed).`;
  if (d.status.includes('DELETE')) return `It is being deleted (${d.status}).`;
  return `It is ${d.status}, not ACTIVE.`;
}

export function groupBlockedReason(g: DatasetGroup): string | undefined {
  if (g.status === 'ACTIVE') return undefined;
  return g.failureReason ? `It is ${g.status}: ${g.failureReason}` : `It is ${g.status}, not ACTIVE.`;
}

const TYPE_ORDER: DatasetType[] = ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'];

/**
 * Names in the order `localeCompare` gives them (ICU's root collation: `_` and `-` before digits,
 * digits before letters, letters before case, then lower case first), for the characters a
 * Personalize name may hold ([a-zA-Z0-9_-]) — without ICU's collator, whose first use costs
 * ~50–70 ms of CPU as a command starts. test/flow/run.test.ts holds it to localeCompare.
 */
export function byName(a: string, b: string): number {
  const key = (s: string) => s.toLowerCase().replace(/[_-]/g, (c) => (c === '_' ? '\x01' : '\x02'));
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : a > b ? -1 : a < b ? 1 : 0;
}

/** Newest first; on a tie Custom before Domain groups, then by name. */
export function sortGroups(gs: DatasetGroup[]): DatasetGroup[] {
  return [...gs].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0) || Number(Boolean(a.domain)) - Number(Boolean(b.domain)) || byName(a.name, b.name));
}

export function sortDatasets(ds: Dataset[]): Dataset[] {
  return [...ds].sort((a, b) => TYPE_ORDER.indexOf(a.datasetType) - TYPE_ORDER.indexOf(b.datasetType));
}

export function schemaFields(schema: SchemaModel, type: DatasetType, domain?: Domain): FieldInfo[] {
  const req = new Set(requiredFields(type, domain));
  // required: the type's own (USER_ID, ITEM_ID …) and every field the schema makes non-nullable
  // (MEMBERSHIP, EVENT_TYPE …): validation demands a value for each, so the step marks them all
  return schema.fields.map((f) => ({ name: f.name, type: f.nullable ? `${f.type}?` : f.type, required: req.has(f.name) || !f.nullable }));
}

export async function datasetDetails(api: PersonalizeApi, dataset: Dataset, domain?: Domain): Promise<DatasetDetails> {
  // list summaries carry no schema ARN: describe the dataset when it is missing
  if (!dataset.schemaArn) dataset = { ...dataset, ...(await api.describeDataset(dataset.arn).catch(() => ({}))) };
  const schemaArn = dataset.schemaArn;
  const [schemaRes, jobs] = await Promise.all([
    schemaArn ? api.describeSchema(schemaArn).catch(() => undefined) : Promise.resolve(undefined),
    api.listImportJobs(dataset.arn),
  ]);
  let schema: SchemaModel | undefined;
  try {
    schema = schemaRes ? schemaFromJson(schemaRes.avro) : undefined;
  } catch {
    schema = undefined;
  }
  const sorted = [...jobs].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  return { dataset, schema, fields: schema ? schemaFields(schema, dataset.datasetType, domain) : [], jobs: sorted, lastJob: sorted[0], rules: importModeRules(sorted) };
}

/** Every job name on the dataset's group is not enough for uniqueness (names are per account+region); the best we can list cheaply. */
export function knownJobNames(jobs: ImportJob[]): string[] {
  return jobs.map((j) => j.name);
}

/** Where a default role comes from, in order: the saved profile, the dataset group, the sandbox. */
export function defaultRole(opts: { profileRole?: string; group?: DatasetGroup; sandboxRole?: string }): { roleArn: string; from: string } | undefined {
  if (opts.profileRole) return { roleArn: opts.profileRole, from: 'saved profile' };
  if (opts.group?.roleArn) return { roleArn: opts.group.roleArn, from: 'dataset group' };
  if (opts.sandboxRole) return { roleArn: opts.sandboxRole, from: 'sandbox' };
  return undefined;
}
