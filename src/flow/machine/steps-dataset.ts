// Steps 2 and 3: the dataset group and the dataset (answered by --dataset-arn, --dataset-group +
// --dataset-type, or a saved profile).
import { AppError, isAppError, usageError } from '../../core/errors.js';
import { formatDate } from '../mode.js';
import { datasetBlockedReason, datasetDetails, groupBlockedReason, groupKind, sortDatasets, sortGroups, type DatasetDetails } from '../queries.js';
import { describeOr, FLAG_FOR, frame } from './base.js';
import { createUnavailable, memoOf, NEW_DATASET, NEW_GROUP } from './steps-new.js';
import { typesFor } from './steps-new-dataset.js';
import type { Choice, FlowState, Line, StepDef } from './types.js';
import { visible } from '../../core/sanitize.js';

/** what to do about a dataset that is not there: a saved profile's (deleted since) is not a --dataset-arn typo */
function noDatasetHint(from: string | undefined): string {
  const name = /^profile (.+)$/.exec(from ?? '')?.[1];
  const profile = name === undefined ? undefined : visible(name);
  if (!profile) return 'Check --dataset-arn (and the region: resources are per region).';
  return `The saved profile ${profile} names it, and it is not in this account and region (deleted, or another region): pass --dataset-arn (or --dataset-group and --dataset-type, with --create to make it), or remove the profile: personalize-import profiles delete ${profile}.`;
}

export function fieldsLine(d: DatasetDetails): string {
  if (!d.fields.length) return 'Schema: (could not be read)';
  return `Fields: ${d.fields.map((f) => `${f.name}${f.required ? '*' : ''}`).join(' ')}   (* required)`;
}

export function lastJobLine(d: DatasetDetails): string {
  const j = d.lastJob;
  if (!j) return 'Last import: none yet';
  return `Last import: ${j.name} · ${j.status}${j.importMode ? ` · ${j.importMode}` : ''} · ${formatDate(j.createdAt)}`;
}

/** the saved profile a preset comes from ("profile shop" → shop), or undefined (flags) */
const profileOf = (from: string | undefined): string | undefined => /^profile (.+)$/.exec(from ?? '')?.[1];

/** whether the resource is there (false: not found; other errors are thrown) */
const exists = (pr: Promise<unknown>): Promise<boolean> => pr.then(() => true, (e: unknown) => (isAppError(e) && e.kind === 'not-found' ? false : Promise.reject(e)));

/**
 * A saved profile's dataset group or dataset that is not here (deleted since, another account — or
 * the embedded sandbox, which keeps only its sample groups from one run to the next): the wizard asks again instead of ending, with
 * the profile's other answers (bucket, prefix, role) kept; without a person (--yes) it ends as before.
 */
function forgetProfileDataset(s: FlowState, what: string, profile: string, sandbox: boolean): Line {
  const a = s.answers;
  Object.assign(a, { datasetArn: undefined, datasetName: undefined, datasetType: undefined });
  delete s.presetFrom.dataset;
  const where = sandbox ? 'this embedded sandbox does not have (it keeps only its sample groups from one run to the next)' : 'is not in this account and region (deleted since, or another region)';
  return { text: `The saved profile ${visible(profile)} names ${what}, which ${where}: pick or create one. Its bucket, folder and role are still used.`, tone: 'warn' };
}

export const groupStep: StepDef = {
  id: 'group',
  screen: 'group',
  kind: 'choose',
  async model(s, p) {
    const a = s.answers;
    const from = s.presetFrom.group;
    const base = frame('group', 'group', 'choose', 'Dataset group', { flag: FLAG_FOR.group });
    let gone: Line | undefined;
    const profile = profileOf(from);
    if (from && profile !== undefined) {
      // (a profile's group or dataset that is not here: asked again, not the end of the run)
      const missing = a.datasetGroupArn ? !(await exists(p.personalize.describeDatasetGroup(a.datasetGroupArn))) : a.datasetArn ? !(await exists(p.personalize.describeDataset(a.datasetArn))) : false;
      if (missing) {
        const what = a.datasetGroupArn ? `dataset group ${visible(a.datasetGroupName ?? a.datasetGroupArn.split('/').pop()!)}` : `dataset ${visible(a.datasetName ?? a.datasetArn!.split(':dataset/').pop()!)}`;
        gone = forgetProfileDataset(s, what, profile, Boolean(p.context.sandbox));
        Object.assign(a, { datasetGroupArn: undefined, datasetGroupName: undefined, domain: undefined });
        delete s.presetFrom.group;
      }
    }
    if (from && !gone) {
      let arn = a.datasetGroupArn;
      if (!arn && a.datasetArn) {
        const d = await describeOr(p.personalize.describeDataset(a.datasetArn), `No dataset ${a.datasetArn}.`, noDatasetHint(s.presetFrom.dataset ?? from));
        arn = d.datasetGroupArn;
      }
      if (!arn && a.datasetGroupName) {
        const groups = await p.personalize.listDatasetGroups();
        const g = groups.find((x) => x.name === a.datasetGroupName);
        if (!g) throw usageError(`import: no dataset group named ${a.datasetGroupName}.`, `${groups.length ? `Groups here: ${groups.map((x) => x.name).join(', ')}.` : 'There are no dataset groups in this account and region.'} To create it (and its dataset, the schema inferred from the CSV), pass --create.`);
        arn = g.arn;
      }
      if (arn) return { ...base, preset: { value: arn, from }, describe: () => a.datasetGroupName ?? arn!.split('/').pop()! };
    }
    const groups = sortGroups(await p.personalize.listDatasetGroups());
    const cannotCreate = createUnavailable(p);
    if (!groups.length && cannotCreate) throw usageError(`There are no dataset groups in ${p.context.region ?? 'this region'} yet.`, 'Create one first (console: Amazon Personalize → Create dataset group, or `aws personalize create-dataset-group --name my-group`), or check --region / --aws-profile.');
    const choices: Choice[] = groups.map((g) => ({ value: g.arn, label: `${g.name} (${groupKind(g.domain)})`, description: `${g.status} · created ${g.createdAt ? g.createdAt.toISOString().slice(0, 10) : '?'}`, disabled: groupBlockedReason(g) }));
    // always offered (issue #12): the only way on in an account with no groups yet
    choices.push({ value: NEW_GROUP, label: '＋ New dataset group', description: 'a name, Custom or a Domain; shown before anything is created', ...(cannotCreate ? { disabled: cannotCreate } : {}) });
    const open = choices.filter((c) => !c.disabled);
    // the group chosen before (Esc back here), "＋ New dataset group" when that was it (its name not yet created)
    const dflt = open.find((c) => c.value === a.datasetGroupArn)?.value ?? open.find((c) => memoOf(s).group && c.value === NEW_GROUP)?.value ?? open[0]?.value;
    return {
      ...base,
      lines: [...(gone ? [gone] : []), { text: groups.length ? `${groups.length} dataset group${groups.length > 1 ? 's' : ''} in ${p.context.region ?? 'this region'}` : `No dataset groups in ${p.context.region ?? 'this region'} yet: create the first one here.`, tone: 'dim' }],
      choices,
      default: dflt,
      unattended: { error: gone ? `import: ${gone.text.replace(/: pick or create one\..*$/, '.')} Pass ${FLAG_FOR.dataset} (with --create to make it), or remove the profile: personalize-import profiles delete ${visible(profile!)}.` : `import: which dataset? Pass ${FLAG_FOR.dataset}.` },
      describe: (v) => choices.find((c) => c.value === v)?.label ?? v,
    };
  },
  async answer(s, arn, p) {
    const a = s.answers;
    if (arn === NEW_GROUP) {
      // the new-group steps follow (steps-new.ts); a name typed before is kept as the default
      memoOf(s).group = { name: memoOf(s).group?.name, domain: memoOf(s).group?.domain };
      return undefined;
    }
    memoOf(s).group = undefined;
    const g = await describeOr(p.personalize.describeDatasetGroup(arn), `No dataset group ${arn}.`, 'Check --dataset-group (and the region).');
    if (a.datasetGroupArn && a.datasetGroupArn !== g.arn && !s.presetFrom.dataset) Object.assign(a, { datasetArn: undefined, datasetName: undefined, datasetType: undefined });
    Object.assign(a, { datasetGroupArn: g.arn, datasetGroupName: g.name, domain: g.domain });
    s.loaded.group = g;
    return undefined;
  },
};

export const datasetStep: StepDef = {
  id: 'dataset',
  screen: 'dataset',
  kind: 'choose',
  async model(s, p) {
    const a = s.answers;
    const group = s.loaded.group!;
    const from = s.presetFrom.dataset;
    const base = frame('dataset', 'dataset', 'choose', 'Dataset', { flag: FLAG_FOR.dataset });
    let gone: Line | undefined;
    const profile = profileOf(from);
    if (profile !== undefined && a.datasetArn && !(await exists(p.personalize.describeDataset(a.datasetArn)))) {
      gone = forgetProfileDataset(s, `dataset ${visible(a.datasetName ?? a.datasetArn.split(':dataset/').pop()!)}`, profile, Boolean(p.context.sandbox));
    }
    if (from && !gone && a.datasetArn && (!a.datasetGroupArn || a.datasetArn.includes(`:dataset/${group.name}/`) || a.datasetGroupArn === group.arn)) {
      return { ...base, preset: { value: a.datasetArn, from }, describe: () => (a.datasetName ? `${a.datasetName}${a.datasetType ? ` [${a.datasetType}]` : ''}` : a.datasetArn!.split(':dataset/').pop()!) };
    }
    const list = sortDatasets(await p.personalize.listDatasets(group.arn));
    if (from && a.datasetType) {
      const d = list.find((x) => x.datasetType === a.datasetType);
      if (!d) throw usageError(`import: dataset group ${group.name} has no ${a.datasetType} dataset.`, `${list.length ? `It has: ${list.map((x) => x.datasetType).join(', ')}.` : 'It has no datasets yet.'} To create it (the schema inferred from the CSV, or --schema <file>), pass --create.`);
      return { ...base, preset: { value: d.arn, from } };
    }
    const cannotCreate = createUnavailable(p);
    if (!list.length && cannotCreate) throw usageError(`Dataset group ${group.name} has no datasets yet.`, 'Create a schema and a dataset in it (console: the group → Datasets → Create dataset, or `aws personalize create-dataset`), then run this again.');
    const details = await Promise.all(list.map((d) => datasetDetails(p.personalize, d, group.domain).catch(() => undefined)));
    const choices: Choice[] = list.map((d, i) => ({
      value: d.arn,
      label: `${d.name} [${d.datasetType}]`,
      description: details[i] ? `${fieldsLine(details[i]!)} · ${lastJobLine(details[i]!)}` : d.status,
      disabled: datasetBlockedReason(d),
    }));
    // issue #12: for the dataset types the group lacks, made from the CSV (picked next)
    const lacking = typesFor(group.domain).filter((t) => !list.some((d) => d.datasetType === t));
    if (lacking.length) {
      choices.push({
        value: NEW_DATASET,
        label: '＋ Create the dataset from my CSV',
        description: `${list.length ? `a type ${group.name} lacks (${lacking.map((t) => t.toLowerCase().replace(/_/g, ' ')).join(', ')})` : 'its schema is worked out from the file'}; you see it before anything is created`,
        ...(cannotCreate ? { disabled: cannotCreate } : {}),
      });
    }
    const open = choices.filter((c) => !c.disabled);
    return {
      ...base,
      lines: [...(gone ? [gone] : []), ...(list.length ? [] : [{ text: `Dataset group ${group.name} has no datasets yet: pick your CSV, and its schema and dataset are made from it.`, tone: 'dim' as const }])],
      choices,
      // the dataset chosen before (Esc back here), "＋ Create the dataset from my CSV" when that was it
      default: open.find((c) => c.value === a.datasetArn)?.value ?? open.find((c) => memoOf(s).dataset && !memoOf(s).dataset!.arn && c.value === NEW_DATASET)?.value ?? open[0]?.value,
      unattended: { error: gone ? `import: ${gone.text.replace(/: pick or create one\..*$/, '.')} Pass --dataset-type (or --dataset-arn), or remove the profile: personalize-import profiles delete ${visible(profile!)}.` : `import: which dataset of ${group.name}? Pass --dataset-type (or --dataset-arn).` },
      describe: (v) => choices.find((c) => c.value === v)?.label ?? v,
    };
  },
  async answer(s, arn, p, ctx) {
    const a = s.answers;
    if (arn === NEW_DATASET) {
      // the CSV first (the csv step), then the schema from it (steps-new-dataset.ts)
      if (!memoOf(s).dataset || memoOf(s).dataset!.arn) memoOf(s).dataset = {};
      Object.assign(a, { datasetArn: undefined, datasetName: undefined, datasetType: undefined });
      Object.assign(s.loaded, { details: undefined, report: undefined, reportsByMode: undefined });
      return undefined;
    }
    memoOf(s).dataset = undefined;
    const dataset = await describeOr(p.personalize.describeDataset(arn), `No dataset ${arn}.`, noDatasetHint(s.presetFrom.dataset));
    const blocked = datasetBlockedReason(dataset);
    if (blocked) throw new AppError('conflict', `Dataset ${dataset.name} cannot take an import now. ${blocked}`);
    let group = s.loaded.group;
    if (!group || group.arn !== dataset.datasetGroupArn) group = await p.personalize.describeDatasetGroup(dataset.datasetGroupArn);
    s.loaded.group = group;
    if (a.datasetArn !== dataset.arn) Object.assign(s.loaded, { report: undefined, reportsByMode: undefined });
    Object.assign(a, { datasetArn: dataset.arn, datasetName: dataset.name, datasetType: dataset.datasetType, datasetGroupArn: group.arn, datasetGroupName: group.name, domain: group.domain });
    const [details, attributions] = await Promise.all([
      datasetDetails(p.personalize, dataset, group.domain),
      p.personalize.listMetricAttributions ? p.personalize.listMetricAttributions(group.arn).catch(() => []) : Promise.resolve([]),
    ]);
    s.loaded.details = details;
    s.loaded.attributions = attributions;
    s.doc.datasetArn = dataset.arn;
    ctx.emit({ type: 'note', text: `Dataset ${dataset.name} [${dataset.datasetType}] in ${group.name} (${groupKind(group.domain)})` });
    if (details.lastJob) ctx.emit({ type: 'note', tone: 'dim', text: `  last import: ${details.lastJob.name} ${details.lastJob.status} ${formatDate(details.lastJob.updatedAt ?? details.lastJob.createdAt)}` });
    if (details.fields.length) ctx.emit({ type: 'note', tone: 'dim', text: `  columns: ${details.fields.map((f) => `${f.name}${f.required ? '*' : ''}`).join(', ')}  (* required)` });
    return undefined;
  },
};
