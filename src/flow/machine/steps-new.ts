// Step 2b (issue #12): "＋ New dataset group" — a name, Custom or a Domain, a confirmation that
// says what will be created where (optionally a KMS key and the role Personalize uses it through),
// then CreateDatasetGroup followed to ACTIVE. Nothing is created before "Create" is chosen. Also
// the pieces the create-from-CSV steps share (steps-new-dataset.ts): what the steps remember, the
// create port, the clock, and create events as lines.
import type { PersonalizeCreateApi } from '../../core/ports.js';
import type { Domain } from '../../core/resources.js';
import { systemClock } from '../../job/clock.js';
import { createMissing, GROUP_KINDS, groupNameProblem, type CreateApi, type CreateEvent, type CreateOptions } from '../create.js';
import type { InferredField, InferResult } from '../../schema/index.js';
import { groupKind } from '../queries.js';
import { answerLabel, frame } from './base.js';
import { visible } from '../../core/sanitize.js';
import type { FlowPorts, FlowState, RunContext, StepDef, Tone } from './types.js';

/** The group step's choice that starts the new-group steps. */
export const NEW_GROUP = '+new-group';
/** The dataset step's choice that starts the create-from-CSV steps. */
export const NEW_DATASET = '+new-dataset';

/** What the create steps remember (on the state, beside the answers). */
export interface CreateMemo {
  group?: { name?: string; domain?: Domain; kmsKeyArn?: string; roleArn?: string; confirmed?: boolean; arn?: string };
  dataset?: {
    /** the source the inference is of (describeSource), and the dataset type it was asked for */
    of?: string;
    inferred?: InferResult;
    /** the inference could not tell the type from the columns */
    unknownType?: boolean;
    /** the dataset type chosen (default: guessed) */
    type?: import('../../core/resources.js').DatasetType;
    /** the source (describeSource) `type` was guessed or chosen for: another file's is not asked for */
    typeFor?: string;
    /** the fields as shown and edited */
    fields?: InferredField[];
    /** the field "Change a field" is editing */
    editing?: string;
    /** the account's schemas with these fields (cached per set of fields) */
    equal?: { key: string; schemas: { arn: string; name: string }[] };
    /** "Create schema and dataset" (fresh) or "Use existing schema" (its ARN) */
    confirmed?: { schemaArn?: string };
    arn?: string;
    /** "Name the columns": the columns named so far in this pass (column → field) */
    naming?: Record<string, string>;
    /** the source (describeSource) whose columns the user named in the wizard (answers.headerMap) */
    mapFor?: string;
    /** the source the answers' eventType / leaveOut were given for here (steps-orders.ts) */
    shapeFor?: string;
    /** the file checked against these fields before creating (steps-new-dataset-check.ts; `key`: what it was
     *  of): what its import would fail with, after the fix (`afterFix`) or with errors the fixer does not repair */
    check?: { key: string; fails?: { afterFix: boolean; errors: import('../../validate/index.js').Issue[]; records: boolean; anonymous?: import('./segment-lines.js').AnonymousRows } };
    /** the dataset types the group (its ARN) holds, read with the guess (type-taken.ts): a taken type is not checked */
    present?: { group: string; types: import('../../core/resources.js').DatasetType[] };
    /** the fields of the dataset of the taken type, as the review lists them (read once per dataset) */
    takenFields?: { arn: string; text: string };
  };
  schemaChange?: { declinedFor?: string; confirmed?: boolean; added?: string[] };
}

export function memoOf(s: FlowState): CreateMemo {
  const x = s as FlowState & { create?: CreateMemo };
  return (x.create ??= {});
}

/** The create calls, when the Personalize port has them (the SDK one does; a read-only fake does not). */
export function createApiOf(p: FlowPorts): CreateApi | undefined {
  const api = p.personalize as FlowPorts['personalize'] & Partial<PersonalizeCreateApi>;
  return typeof api.createDatasetGroup === 'function' && typeof api.createSchema === 'function' && typeof api.createDataset === 'function' && typeof api.listSchemas === 'function'
    ? (api as CreateApi)
    : undefined;
}

/** Why creating is not offered here (a dry run creates nothing; a port without the create calls). */
export function createUnavailable(p: FlowPorts): string | undefined {
  if (p.dryRun) return 'a dry run creates nothing';
  if (!createApiOf(p)) return 'this connection cannot create resources';
  return undefined;
}

export function createOptions(p: FlowPorts, ctx: RunContext, onEvent: (e: CreateEvent) => void): CreateOptions {
  return { clock: { now: systemClock.now, sleep: p.sleep ?? systemClock.sleep }, signal: ctx.signal, pollMs: p.watch?.initialMs ?? 1000, onEvent };
}

const RESOURCE = { 'dataset-group': 'dataset group', schema: 'schema', dataset: 'dataset' } as const;

/** One create event as a line (what the screen says happened is what happened). */
export function createEventLine(e: CreateEvent): { text: string; tone?: Tone } {
  switch (e.kind) {
    case 'creating':
      return { text: `Creating ${RESOURCE[e.resource]} ${e.name}…` };
    case 'created':
      return { text: `  created ${e.arn}`, tone: 'dim' };
    case 'reused':
      return { text: `Using ${RESOURCE[e.resource]} ${e.name}: ${e.why}.` };
    case 'status':
      return { text: `  ${RESOURCE[e.resource]} ${e.status}${e.elapsedMs >= 1000 ? ` (${Math.round(e.elapsedMs / 1000)} s)` : ''}`, tone: e.status === 'ACTIVE' ? 'ok' : 'dim' };
    case 'updating':
      return { text: `Adding ${e.added.join(', ')} to the schema (new schema ${e.schemaName}), then UpdateDataset…` };
  }
}

export const emitCreate = (ctx: RunContext) => (e: CreateEvent) => ctx.emit({ type: 'note', ...createEventLine(e) });

const CUSTOM = 'CUSTOM';
const kindOf = (v: string): Domain | undefined => (v === CUSTOM ? undefined : (v as Domain));
const inProgress = (s: FlowState) => Boolean(memoOf(s).group && !memoOf(s).group!.arn);

/** A free default name: my-dataset-group, then -2, -3 … */
function suggestName(taken: { name: string }[]): string {
  const names = new Set(taken.map((g) => g.name));
  if (!names.has('my-dataset-group')) return 'my-dataset-group';
  for (let i = 2; ; i++) if (!names.has(`my-dataset-group-${i}`)) return `my-dataset-group-${i}`;
}

export const newGroupNameStep: StepDef = {
  id: 'new-group-name',
  screen: 'group',
  kind: 'input',
  applies: inProgress,
  async model(s, p) {
    const groups = await p.personalize.listDatasetGroups();
    const g = memoOf(s).group ?? {};
    return frame('new-group-name', 'group', 'input', 'Name of the new dataset group', {
      lines: [{ text: `Letters, digits, - and _ (up to 63), starting with a letter or digit; unique in ${p.context.region ?? 'this region'}.`, tone: 'dim' }],
      default: g.name ?? suggestName(groups),
      check: (v) => groupNameProblem(v.trim(), groups),
      flag: '--dataset-group',
      unattended: { error: 'import: a new dataset group is named with --dataset-group NAME and created with --create.' },
    });
  },
  async answer(s, v) {
    memoOf(s).group!.name = v.trim();
    return undefined;
  },
};

export const newGroupDomainStep: StepDef = {
  id: 'new-group-domain',
  screen: 'group',
  kind: 'choose',
  applies: inProgress,
  async model(s) {
    const g = memoOf(s).group!;
    return frame('new-group-domain', 'group', 'choose', `What kind of dataset group is ${g.name}?`, {
      lines: [{ text: 'A group’s kind is fixed once it is created.', tone: 'dim' }],
      choices: GROUP_KINDS.map((k) => ({ value: k.domain ?? CUSTOM, label: k.label, description: k.gives })),
      default: g.domain ?? CUSTOM,
      flag: '--domain',
      unattended: { value: CUSTOM, note: 'A Custom dataset group (a Domain one: import --create --domain ECOMMERCE|VIDEO_ON_DEMAND).' },
      describe: (v) => groupKind(kindOf(v)),
    });
  },
  async answer(s, v) {
    memoOf(s).group!.domain = kindOf(v);
    return undefined;
  },
};

const KMS_KEY = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/;

/** "Encrypt with my KMS key…" (from the confirmation): the key, then the role that may use it. */
export const newGroupKmsStep: StepDef = {
  id: 'new-group-kms',
  screen: 'group',
  kind: 'input',
  applies: () => false,
  async model(s) {
    const g = memoOf(s).group!;
    return frame('new-group-kms', 'group', 'input', 'KMS key ARN', {
      lines: [{ text: 'A customer managed key in this region: arn:aws:kms:REGION:ACCOUNT:key/ID. Personalize then needs a role that may use it (asked next).', tone: 'dim' }],
      ...(g.kmsKeyArn ? { default: g.kmsKeyArn } : {}),
      check: (v) => (KMS_KEY.test(v.trim()) ? undefined : 'A KMS key ARN looks like arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab.'),
      flag: '--kms-key-arn',
      unattended: { error: 'import: the new group’s KMS key is --kms-key-arn (with --create).' },
    });
  },
  async answer(s, v) {
    memoOf(s).group!.kmsKeyArn = v.trim();
    return { goto: 'new-group-kms-role' };
  },
};

export const newGroupKmsRoleStep: StepDef = {
  id: 'new-group-kms-role',
  screen: 'group',
  kind: 'input',
  applies: () => false,
  async model(s, p) {
    const g = memoOf(s).group!;
    const dflt = g.roleArn ?? p.profileRole ?? p.sandboxDefaults?.roleArn ?? p.context.roleArn;
    return frame('new-group-kms-role', 'group', 'input', 'IAM role Personalize uses the key through', {
      lines: [{ text: 'It must trust personalize.amazonaws.com and be allowed kms:Decrypt, kms:GenerateDataKey, kms:DescribeKey on the key.', tone: 'dim' }],
      ...(dflt ? { default: dflt } : {}),
      check: (v) => (ROLE.test(v.trim()) ? undefined : 'A role ARN looks like arn:aws:iam::111122223333:role/PersonalizeKms.'),
      unattended: { error: 'import: the role for the KMS key is not asked without a terminal.' },
    });
  },
  async answer(s, v) {
    memoOf(s).group!.roleArn = v.trim();
    return { goto: 'new-group-confirm' };
  },
};

export const newGroupConfirmStep: StepDef = {
  id: 'new-group-confirm',
  screen: 'group',
  kind: 'review',
  // only on the way there; after the group exists Esc into it goes to the group list (see answer)
  applies: inProgress,
  async model(s, p) {
    const g = memoOf(s).group!;
    const where = `${p.context.sandbox ? 'the local sandbox, ' : ''}region ${p.context.region ?? '(default)'}${p.context.accountId ? `, account ${p.context.accountId}` : ''}`;
    const base = frame('new-group-confirm', 'group', 'review', `Create dataset group ${g.name}?`, { flag: '--create' });
    if (g.arn) return { ...base, preset: { value: 'created', from: 'created in this run' }, describe: () => `${g.name} exists now` };
    return {
      ...base,
      lines: [
        { text: 'This creates:', tone: 'bold' },
        { text: `  Dataset group ${g.name} (${groupKind(g.domain)})` },
        { text: `  in ${where}` },
        ...(g.kmsKeyArn ? [{ text: `  encrypted with KMS key ${visible(g.kmsKeyArn)}, used through role ${visible(g.roleArn ?? '')}` }] : []),
        ...(g.domain ? [{ text: `  Its datasets must have the ${g.domain} domain’s fields (checked when the schema is made from your CSV).`, tone: 'dim' as const }] : []),
        { text: 'It is followed until ACTIVE (usually under a minute). Nothing is created until you choose Create.', tone: 'dim' },
      ],
      choices: [
        { value: 'create', label: 'Create', description: `CreateDatasetGroup ${g.name}, then wait for ACTIVE` },
        { value: 'change', label: 'Change the name or kind' },
        g.kmsKeyArn
          ? { value: 'no-kms', label: 'No KMS key (AWS-owned encryption)' }
          : { value: 'kms', label: 'Encrypt with my KMS key…', description: 'optional: a customer managed key and a role Personalize uses it through' },
        { value: 'back', label: 'Back to the dataset groups (create nothing)' },
      ],
      default: 'create',
      unattended: { error: 'import: creating a dataset group needs --create (with --dataset-group NAME).' },
    };
  },
  async answer(s, v) {
    const g = memoOf(s).group!;
    if (v === 'created' || v === 'back') {
      // the group list (with the new group in it, when it was created)
      if (v === 'back') memoOf(s).group = undefined;
      return { goto: 'group' };
    }
    if (v === 'change') return { goto: 'new-group-name' };
    if (v === 'kms') return { goto: 'new-group-kms' };
    if (v === 'no-kms') {
      Object.assign(g, { kmsKeyArn: undefined, roleArn: undefined });
      return { goto: 'new-group-confirm' };
    }
    g.confirmed = true;
    return undefined;
  },
};

export const newGroupCreateStep: StepDef = {
  id: 'new-group-create',
  screen: 'group',
  kind: 'run',
  sideEffect: true,
  consent: 'new-group-confirm',
  applies: (s) => Boolean(memoOf(s).group?.confirmed && !memoOf(s).group?.arn),
  async model(s) {
    return frame('new-group-create', 'group', 'run', `Creating dataset group ${memoOf(s).group!.name}`);
  },
  async run(s, p, ctx) {
    const g = memoOf(s).group!;
    const api = createApiOf(p)!;
    const r = await createMissing(api, { group: { create: { name: g.name!, ...(g.domain ? { domain: g.domain } : {}), ...(g.kmsKeyArn ? { kmsKeyArn: g.kmsKeyArn, roleArn: g.roleArn } : {}) } } }, createOptions(p, ctx, emitCreate(ctx)));
    g.arn = r.datasetGroupArn;
    const group = await p.personalize.describeDatasetGroup(r.datasetGroupArn);
    s.loaded.group = group;
    Object.assign(s.answers, { datasetGroupArn: group.arn, datasetGroupName: group.name, domain: group.domain, datasetArn: undefined, datasetName: undefined, datasetType: undefined });
    s.doc.created = { ...((s.doc.created as object) ?? {}), ...r.created };
    ctx.emit({ type: 'note', tone: 'ok', text: `✔ Dataset group ${group.name} (${groupKind(group.domain)}) is ${group.status}.` });
    // the group step was answered "＋ New dataset group": the summary names the group it made instead
    ctx.emit({ type: 'answered', step: 'group', screen: 'group', label: answerLabel('group', 'group'), value: `${group.name} (${groupKind(group.domain)}, created)` });
    return undefined;
  },
};
