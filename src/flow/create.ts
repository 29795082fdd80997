// Creating what an import needs, given the ports: a missing dataset group (Custom or a Domain, KMS
// optional), a schema (inferred or given; an equal one of the account reused), a dataset of a
// type, each followed to ACTIVE with events for the front ends; and the add-only schema change an
// Items or Users dataset allows (UpdateDataset). Core: no SDK, no React. The front ends (wizard,
// plain mode, `import --create`) render the events; what to ask and what is blocked lives here.
import { AppError, usageError } from '../core/errors.js';
import type { Clock, PersonalizeApi, PersonalizeCreateApi, SchemaSummary } from '../core/ports.js';
import type { AvroField, AvroRecordSchema, DatasetGroup, DatasetType, Domain } from '../core/resources.js';

export type CreateApi = Pick<PersonalizeApi, 'listDatasetGroups' | 'describeDatasetGroup' | 'listDatasets' | 'describeDataset' | 'describeSchema'> & PersonalizeCreateApi;

/** The service's pattern for dataset group, schema and dataset names. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/;
export const NAME_MAX = 63;

/** What a domain gives, one line each (the group step shows them). */
export const GROUP_KINDS: { domain?: Domain; label: string; gives: string }[] = [
  { label: 'Custom', gives: 'any recipe: you train solutions and deploy campaigns yourself' },
  { domain: 'ECOMMERCE', label: 'Domain: ECOMMERCE', gives: 'ready-made recommenders for shops (Most viewed, Best sellers, Frequently bought together, Recommended for you…); Items need PRICE and CATEGORY_L1' },
  { domain: 'VIDEO_ON_DEMAND', label: 'Domain: VIDEO_ON_DEMAND', gives: 'ready-made recommenders for video (Because you watched X, Top picks for you…); Items need CREATION_TIMESTAMP and GENRES' },
];

/** Why a dataset group name cannot be used (pattern, length, taken), or undefined when it can. */
export function groupNameProblem(name: string, existing: Pick<DatasetGroup, 'name'>[]): string | undefined {
  if (name.length === 0) return 'Type a name for the dataset group.';
  if (name.length > NAME_MAX) return `At most ${NAME_MAX} characters (this one has ${name.length}).`;
  if (!NAME_PATTERN.test(name)) return 'Letters, digits, - and _ only, starting with a letter or digit (no spaces).';
  if (existing.some((g) => g.name === name)) return `A dataset group named ${name} already exists in this account and region.`;
  return undefined;
}

/** The name a new dataset (and its schema, when free) gets: "<group>-<type>" (at most 63 characters). */
export const datasetNameFor = (groupName: string, type: DatasetType) => `${groupName}-${type.toLowerCase().replace(/_/g, '-')}`.slice(0, NAME_MAX);

/** A schema name free in the account: "<group>-<type>", then "-2", "-3" … (at most 63 characters). */
export function schemaNameFor(groupName: string, type: DatasetType, taken: Pick<SchemaSummary, 'name'>[]): string {
  const base = datasetNameFor(groupName, type);
  const names = new Set(taken.map((s) => s.name));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) {
    const n = `${base.slice(0, NAME_MAX - String(i).length - 1)}-${i}`;
    if (!names.has(n)) return n;
  }
}

/** Two schemas are the same for Personalize when their fields are (names, types, flags, order). */
export function sameFields(a: AvroRecordSchema, b: AvroRecordSchema): boolean {
  const norm = (f: AvroField) => JSON.stringify([f.name, Array.isArray(f.type) ? [...f.type].sort() : f.type, Boolean(f.categorical), Boolean(f.textual)]);
  return a.fields.length === b.fields.length && a.fields.every((f, i) => norm(f) === norm(b.fields[i]));
}

export type CreateEvent =
  | { kind: 'creating'; resource: 'dataset-group' | 'schema' | 'dataset'; name: string }
  | { kind: 'created'; resource: 'dataset-group' | 'schema' | 'dataset'; name: string; arn: string }
  | { kind: 'reused'; resource: 'dataset-group' | 'schema' | 'dataset'; name: string; arn: string; why: string }
  | { kind: 'status'; resource: 'dataset-group' | 'dataset'; arn: string; status: string; elapsedMs: number }
  | { kind: 'updating'; datasetArn: string; schemaName: string; added: string[] };

export interface CreateRequest {
  /** an existing group's ARN, or the group to create */
  group: { arn: string } | { create: { name: string; domain?: Domain; kmsKeyArn?: string; roleArn?: string } };
  /** the dataset the import goes into; absent = only the group */
  dataset?: {
    type: DatasetType;
    /** the Avro record (inferred or given); an equal schema of the account (same domain) is reused */
    schema: AvroRecordSchema;
    /** default "<group>-<type>" */
    name?: string;
    /** use this schema of the account (the user chose it); `schema` is then what it holds */
    schemaArn?: string;
    /** create a schema even when an equal one exists (the user chose "Create schema and dataset") */
    freshSchema?: boolean;
  };
}

export interface CreateResult {
  datasetGroupArn: string;
  domain?: Domain;
  datasetArn?: string;
  schemaArn?: string;
  /** what this call created (for --json `created`) */
  created: { datasetGroupArn?: string; schemaArn?: string; datasetArn?: string };
}

export interface CreateOptions {
  clock: Clock;
  onEvent?: (e: CreateEvent) => void;
  signal?: AbortSignal;
  /** give up following a status after this long (default 15 minutes) */
  timeoutMs?: number;
  /** first poll interval (default 1 s; doubles to 10 s) */
  pollMs?: number;
}

/** Polls `describe` until ACTIVE; CREATE FAILED is an error with the service's reason. */
async function followToActive(
  resource: 'dataset-group' | 'dataset',
  arn: string,
  describe: () => Promise<{ status: string; failureReason?: string }>,
  o: CreateOptions,
): Promise<void> {
  const t0 = o.clock.now().getTime();
  let wait = o.pollMs ?? 1000;
  let last = '';
  for (;;) {
    if (o.signal?.aborted) throw new AppError('interrupted', `Stopped while waiting for ${arn} to become ACTIVE (it goes on being created).`);
    const d = await describe();
    const elapsedMs = o.clock.now().getTime() - t0;
    if (d.status !== last) {
      last = d.status;
      o.onEvent?.({ kind: 'status', resource, arn, status: d.status, elapsedMs });
    }
    if (d.status === 'ACTIVE') return;
    if (/FAILED/.test(d.status)) {
      throw new AppError('internal', `${resource === 'dataset' ? 'The dataset' : 'The dataset group'} ${arn} ended ${d.status}${d.failureReason ? `: ${d.failureReason}` : '.'}`, { hint: resource === 'dataset-group' ? 'Check the KMS key and role (a KMS key needs a role that may use it), then create it again.' : 'Check the schema and the group, then create it again.' });
    }
    if (elapsedMs > (o.timeoutMs ?? 15 * 60_000)) throw new AppError('network', `${arn} is still ${d.status} after ${Math.round(elapsedMs / 1000)} s.`, { hint: 'Check it later with `aws personalize describe-…`, then run this again: what exists is reused.' });
    await o.clock.sleep(wait, o.signal);
    wait = Math.min(10_000, wait * 2);
  }
}

/** What createMissing would do for `req`, found read-only (import --create --dry-run): its names, reuses and creations. */
export interface CreatePlan {
  group: { name: string; domain?: Domain; create: boolean };
  schema?: { name: string; create: boolean };
  dataset?: { name: string; type: DatasetType };
}

/** createMissing's choices without its side effects: list and describe calls only. */
export async function planMissing(api: CreateApi, req: CreateRequest): Promise<CreatePlan> {
  let group: CreatePlan['group'];
  if ('arn' in req.group) {
    const g = await api.describeDatasetGroup(req.group.arn);
    group = { name: g.name, ...(g.domain ? { domain: g.domain } : {}), create: false };
  } else group = { name: req.group.create.name, ...(req.group.create.domain ? { domain: req.group.create.domain } : {}), create: true };
  if (!req.dataset) return { group };
  const { type, schema } = req.dataset;
  const schemas = await api.listSchemas();
  let found = req.dataset.schemaArn ? schemas.find((x) => x.arn === req.dataset!.schemaArn) : undefined;
  for (const s of found || req.dataset.freshSchema ? [] : schemas.filter((x) => (x.domain ?? '') === (group.domain ?? ''))) {
    if (sameFields((await api.describeSchema(s.arn)).avro, schema)) {
      found = s;
      break;
    }
  }
  return {
    group,
    schema: found ? { name: found.name, create: false } : { name: schemaNameFor(group.name, type, schemas), create: true },
    dataset: { name: req.dataset.name ?? datasetNameFor(group.name, type), type },
  };
}

/** Creates what is missing (group, schema, dataset) and follows each to ACTIVE. */
export async function createMissing(api: CreateApi, req: CreateRequest, o: CreateOptions): Promise<CreateResult> {
  const created: CreateResult['created'] = {};
  const emit = (e: CreateEvent) => o.onEvent?.(e);

  // the group
  let groupArn: string;
  let groupName: string;
  let domain: Domain | undefined;
  if ('arn' in req.group) {
    const g = await api.describeDatasetGroup(req.group.arn);
    groupArn = g.arn;
    groupName = g.name;
    domain = g.domain;
    if (g.status !== 'ACTIVE') await followToActive('dataset-group', g.arn, () => api.describeDatasetGroup(g.arn), o);
  } else {
    const want = req.group.create;
    const groups = await api.listDatasetGroups();
    const same = groups.find((g) => g.name === want.name);
    if (same) {
      throw usageError(`A dataset group named ${want.name} already exists.`, 'Pick it instead of creating one, or choose another name.');
    }
    const problem = groupNameProblem(want.name, groups);
    if (problem) throw usageError(`Dataset group name '${want.name}': ${problem}`);
    emit({ kind: 'creating', resource: 'dataset-group', name: want.name });
    groupArn = await api.createDatasetGroup(want);
    created.datasetGroupArn = groupArn;
    groupName = want.name;
    domain = want.domain;
    emit({ kind: 'created', resource: 'dataset-group', name: want.name, arn: groupArn });
    await followToActive('dataset-group', groupArn, () => api.describeDatasetGroup(groupArn), o);
  }
  if (!req.dataset) return { datasetGroupArn: groupArn, ...(domain ? { domain } : {}), created };

  // the dataset (and its schema)
  const { type, schema } = req.dataset;
  const existing = (await api.listDatasets(groupArn)).find((d) => d.datasetType === type);
  if (existing) {
    emit({ kind: 'reused', resource: 'dataset', name: existing.name, arn: existing.arn, why: `the group already has its ${type} dataset` });
    const d = await api.describeDataset(existing.arn);
    if (d.status !== 'ACTIVE') await followToActive('dataset', d.arn, () => api.describeDataset(d.arn), o);
    return { datasetGroupArn: groupArn, ...(domain ? { domain } : {}), datasetArn: d.arn, ...(d.schemaArn ? { schemaArn: d.schemaArn } : {}), created };
  }
  const schemas = await api.listSchemas();
  let schemaArn: string | undefined = req.dataset.schemaArn;
  if (schemaArn) {
    const chosen = schemas.find((x) => x.arn === schemaArn);
    emit({ kind: 'reused', resource: 'schema', name: chosen?.name ?? schemaArn, arn: schemaArn, why: 'chosen: it has the same fields' });
  }
  for (const s of schemaArn || req.dataset.freshSchema ? [] : schemas.filter((x) => (x.domain ?? '') === (domain ?? ''))) {
    const full = await api.describeSchema(s.arn);
    if (sameFields(full.avro, schema)) {
      schemaArn = s.arn;
      emit({ kind: 'reused', resource: 'schema', name: s.name, arn: s.arn, why: 'an equal schema already exists in the account' });
      break;
    }
  }
  if (!schemaArn) {
    const name = schemaNameFor(groupName, type, schemas);
    emit({ kind: 'creating', resource: 'schema', name });
    schemaArn = await api.createSchema({ name, schema: JSON.stringify(schema), ...(domain ? { domain } : {}) });
    created.schemaArn = schemaArn;
    emit({ kind: 'created', resource: 'schema', name, arn: schemaArn });
  }
  const datasetName = req.dataset.name ?? datasetNameFor(groupName, type);
  emit({ kind: 'creating', resource: 'dataset', name: datasetName });
  const datasetArn = await api.createDataset({ name: datasetName, datasetGroupArn: groupArn, schemaArn, datasetType: type });
  created.datasetArn = datasetArn;
  emit({ kind: 'created', resource: 'dataset', name: datasetName, arn: datasetArn });
  await followToActive('dataset', datasetArn, () => api.describeDataset(datasetArn), o);
  return { datasetGroupArn: groupArn, ...(domain ? { domain } : {}), datasetArn, schemaArn, created };
}

/** What adding columns to a dataset's schema means, and whether it may (Items and Users only). */
export function schemaChangeBlocked(type: DatasetType): string | undefined {
  if (type === 'ITEMS' || type === 'USERS') return undefined;
  return `Only Items and Users datasets can take new columns; ${type} schemas cannot be changed (create a new dataset group to use another schema).`;
}

export const SCHEMA_CHANGE_NOTE = 'New columns are added as optional fields (Personalize only allows adding). They are not used in training until you create a new solution version, and records already imported keep them empty.';

/** The current schema plus the new fields, each made optional. Throws a usage error for a name that exists. */
export function withAddedFields(current: AvroRecordSchema, added: AvroField[]): AvroRecordSchema {
  const have = new Set(current.fields.map((f) => f.name));
  const fields = [...current.fields];
  for (const f of added) {
    if (have.has(f.name)) throw usageError(`The schema already has a field ${f.name}.`);
    const base = Array.isArray(f.type) ? f.type.filter((t) => t !== 'null')[0] : f.type;
    fields.push({ name: f.name, type: ['null', base], ...(f.categorical ? { categorical: true } : {}), ...(f.textual ? { textual: true } : {}), default: null });
    have.add(f.name);
  }
  return { ...current, fields };
}

/**
 * The fields for a CSV's columns the schema lacks (HEADER_UNKNOWN_COLUMN), typed as inference typed
 * them (`inferred`: the fields of schema inference on the same CSV), each made optional; the
 * columns whose field name differs from the header are left out (they need a rename, not a field).
 */
export function fieldsForNewColumns(current: AvroRecordSchema, inferred: { name: string; column: string; type: string; categorical: boolean; textual: boolean }[], type: DatasetType): AvroField[] {
  const have = new Set(current.fields.map((f) => f.name));
  const textualTaken = current.fields.some((f) => f.textual);
  return inferred
    .filter((f) => f.name === f.column && !have.has(f.name))
    .map((f) => ({ name: f.name, type: ['null', f.type], ...(f.categorical ? { categorical: true } : {}), ...(f.textual && type === 'ITEMS' && !textualTaken ? { textual: true } : {}), default: null }));
}

/** UpdateDataset with the current schema plus `added` (optional) fields; waits for the update. */
export async function addFieldsToDataset(api: CreateApi, datasetArn: string, added: AvroField[], o: CreateOptions): Promise<{ schemaArn: string }> {
  const d = await api.describeDataset(datasetArn);
  const blocked = schemaChangeBlocked(d.datasetType);
  if (blocked) throw usageError(blocked);
  if (!d.schemaArn) throw new AppError('not-found', `Dataset ${datasetArn} has no schema.`);
  const current = await api.describeSchema(d.schemaArn);
  const next = withAddedFields(current.avro, added);
  const group = await api.describeDatasetGroup(d.datasetGroupArn);
  const taken = new Set((await api.listSchemas()).map((x) => x.name));
  const stem = current.name.replace(/-v\d+$/, '').slice(0, NAME_MAX - 4);
  let version = Number(/-v(\d+)$/.exec(current.name)?.[1] ?? 1) + 1;
  while (taken.has(`${stem}-v${version}`)) version++;
  const name = `${stem}-v${version}`;
  o.onEvent?.({ kind: 'updating', datasetArn, schemaName: name, added: added.map((f) => f.name) });
  const schemaArn = await api.createSchema({ name, schema: JSON.stringify(next), ...(group.domain ? { domain: group.domain } : {}) });
  await api.updateDataset(datasetArn, schemaArn);
  await followToActive('dataset', datasetArn, async () => {
    const now = await api.describeDataset(datasetArn);
    return { status: now.latestUpdateStatus === undefined || now.latestUpdateStatus === 'ACTIVE' ? now.status : now.latestUpdateStatus };
  }, o);
  return { schemaArn };
}

/** What `import` (or any front end) must do about the group and dataset it was pointed at. */
export type CreateDecision =
  | { kind: 'ready'; datasetGroupArn: string; datasetArn: string }
  | { kind: 'create'; group: CreateRequest['group']; datasetType: DatasetType; needGroup: boolean; needDataset: boolean };

/**
 * Decides from the account's groups (and the named group's datasets) whether anything must be
 * created. Without `create`, a missing group or dataset is a usage error naming --create (a
 * terminal may ask instead: pass `create: true` once the user said yes).
 */
export function decideCreate(
  want: { groupName: string; datasetType: DatasetType; domain?: Domain; kmsKeyArn?: string; create: boolean },
  groups: Pick<DatasetGroup, 'arn' | 'name' | 'domain'>[],
  datasetsOfGroup: { arn: string; datasetType: DatasetType }[] | undefined,
): CreateDecision {
  const g = groups.find((x) => x.name === want.groupName || x.arn === want.groupName);
  const kind = want.domain ? `a ${want.domain} Domain dataset group` : 'a Custom dataset group';
  if (!g) {
    const problem = groupNameProblem(want.groupName, groups);
    if (problem) throw usageError(`--dataset-group '${want.groupName}': ${problem}`);
    if (!want.create) {
      throw usageError(`Dataset group ${want.groupName} does not exist in this account and region.`, `Pass --create to create it (${kind}${want.domain ? '' : '; --domain ECOMMERCE|VIDEO_ON_DEMAND for a Domain one'}) with its ${want.datasetType} dataset, or pick an existing group.`);
    }
    return { kind: 'create', group: { create: { name: want.groupName, ...(want.domain ? { domain: want.domain } : {}), ...(want.kmsKeyArn ? { kmsKeyArn: want.kmsKeyArn } : {}) } }, datasetType: want.datasetType, needGroup: true, needDataset: true };
  }
  if (want.domain && (g.domain ?? undefined) !== want.domain) {
    throw usageError(`--domain ${want.domain}: the dataset group ${g.name} is ${g.domain ? `a ${g.domain} Domain group` : 'a Custom group'}.`, 'A group\'s domain is fixed when it is created: leave --domain out, or create another group.');
  }
  const d = datasetsOfGroup?.find((x) => x.datasetType === want.datasetType);
  if (d) return { kind: 'ready', datasetGroupArn: g.arn, datasetArn: d.arn };
  if (!want.create) {
    throw usageError(`Dataset group ${g.name} has no ${want.datasetType} dataset yet.`, `Pass --create to create it, with the schema from --schema or inferred from the CSV.`);
  }
  return { kind: 'create', group: { arn: g.arn }, datasetType: want.datasetType, needGroup: false, needDataset: true };
}
