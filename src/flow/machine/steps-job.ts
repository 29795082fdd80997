// Steps 7 and 8: FULL or INCREMENTAL (FULL over existing bulk data needs the dataset's name typed,
// or --yes), then the job's name, the IAM role, tags and attribution metrics.
import { usageError } from '../../core/errors.js';
import type { ImportMode } from '../../core/resources.js';
import { failsForMode } from '../../validate/modes.js';
import { checkJobName, checkRoleArn, formatTags, parseTags, suggestJobName } from '../checks.js';
import { checkMode, formatDate, fullConfirmationMatches, importModeRules } from '../mode.js';
import { defaultRole, knownJobNames } from '../queries.js';
import { FLAG_FOR, frame } from './base.js';
import type { FlowPorts, FlowState, StepDef, StepModel } from './types.js';

const rulesOf = (s: Pick<FlowState, 'loaded'>) => s.loaded.details?.rules ?? importModeRules([]);

/** What FULL replaces, said once (the Ink confirm screen uses it too: #16 item 19). */
export function replaceText(s: Pick<FlowState, 'answers' | 'loaded'>): string {
  const rules = rulesOf(s);
  const last = rules.lastActive!;
  return `FULL replaces all bulk data in ${s.answers.datasetName}: the records imported by job ${last.name} (${last.mode ?? 'bulk'}, ACTIVE ${formatDate(last.date)}) and every bulk import before it.`;
}

/** The mode step's model, built synchronously (also drawn by the Ink wizard's mode screen). */
export function modeModel(s: Pick<FlowState, 'answers' | 'loaded' | 'presetFrom'>): StepModel {
  const a = s.answers;
  const rules = rulesOf(s);
  const name = a.datasetName ?? '';
  const fails = (m: ImportMode) => failsForMode(s.loaded.reportsByMode, m);
  const choices = rules.options.map((o) => ({
    value: o.mode,
    label: o.mode === 'FULL' ? (rules.hasBulkData ? 'FULL — replace the bulk data' : 'FULL — the first bulk import') : 'INCREMENTAL — add to the bulk data',
    description: o.description,
    disabled: o.enabled ? fails(o.mode) : o.disabledReason,
  }));
  const open = choices.filter((c) => !c.disabled).map((c) => c.value);
  const preferred = a.importMode ?? (rules.hasBulkData ? 'INCREMENTAL' : 'FULL');
  const from = s.presetFrom.mode;
  return frame('mode', 'mode', 'choose', 'Import mode', {
    lines: [
      { text: rules.hasBulkData ? `${name} already holds bulk data (last import: ${rules.lastActive?.name}). Choose how this file is added:` : `No bulk import into ${name} has finished yet, so this one is FULL.` },
      ...(rules.running.length ? [{ text: `Still running on this dataset: ${rules.running.map((j) => `${j.name} (${j.status})`).join(', ')}. This job starts after it.`, tone: 'warn' as const }] : []),
    ],
    choices,
    default: open.includes(preferred) ? preferred : open[0] ?? preferred,
    flag: FLAG_FOR.mode,
    ...(from && a.importMode ? { preset: { value: a.importMode, from } } : {}),
    unattended: rules.defaultMode
      ? { value: rules.defaultMode, note: `import mode: ${rules.defaultMode} (${rules.options.find((o) => o.mode === rules.defaultMode)!.description})` }
      : { error: `import: dataset ${name} already holds bulk data (last: job ${rules.lastActive!.name} on ${formatDate(rules.lastActive!.date)}), so FULL or INCREMENTAL must be chosen. Pass ${FLAG_FOR.mode}.`, hint: 'INCREMENTAL adds records (same ID replaces); FULL replaces all bulk data and needs --yes without a terminal.' },
  });
}

export const modeStep: StepDef = {
  id: 'mode',
  screen: 'mode',
  kind: 'choose',
  async model(s) {
    return modeModel(s);
  },
  async answer(s, v, p, ctx) {
    const mode = v as ImportMode;
    const rules = rulesOf(s);
    const problem = checkMode(rules, mode);
    if (problem) throw usageError(`import: --mode ${mode.toLowerCase()} is not possible for ${s.answers.datasetName}. ${problem}`, 'Use --mode full for the first import.');
    s.answers.importMode = mode;
    if (s.loaded.reportsByMode) {
      const r = s.loaded.reportsByMode[mode];
      s.loaded.report = r;
      s.doc.validation = { skipped: false, valid: r.valid, rows: r.rows, datasetType: r.datasetType, mode: r.mode, errors: r.errors, warnings: r.warnings };
      if (!r.valid) throw usageError(`import: this file fails for ${mode}: ${r.errors.map((e) => e.message).join(' ')}`, 'Choose the other mode, or fix the file.');
    }
    if (mode === 'FULL' && rules.options[0].needsConfirmation && p.yes) ctx.emit({ type: 'note', stderr: true, text: `Note: ${replaceText(s)} Confirmed by --yes.` });
    return undefined;
  },
};

export const confirmFullStep: StepDef = {
  id: 'confirm-full',
  screen: 'mode',
  kind: 'input',
  applies: (s, p) => s.answers.importMode === 'FULL' && Boolean(rulesOf(s).options[0].needsConfirmation) && !p.yes,
  async model(s) {
    const name = s.answers.datasetName ?? '';
    return frame('confirm-full', 'mode', 'input', `Type the dataset's name (${name}) to replace its bulk data, or leave it empty to stop`, {
      lines: [{ text: replaceText(s), tone: 'warn' }],
      default: '',
      check: (v) => (!v.trim() || fullConfirmationMatches(v, name) ? undefined : `That is not ${name}; nothing was chosen. Type ${name} exactly, leave it empty to stop, or go back to choose again.`),
      flag: FLAG_FOR.yes,
      unattended: { error: `import: ${replaceText(s)}`, hint: 'Pass --yes to replace it, or --mode incremental to add to it.' },
    });
  },
  async answer(s, v) {
    if (!v.trim()) return { end: { exitCode: 2, reason: 'quit', lines: ['Stopped. Nothing was changed.'] } };
    return undefined;
  },
};

const existingNames = (s: FlowState) => knownJobNames(s.loaded.details?.jobs ?? []);
/** the name this run proposed, per flow: a clash renames only a name nobody typed (src/job/name.ts) */
const suggestedName = new WeakMap<FlowState, string>();

export const jobNameStep: StepDef = {
  id: 'job-name',
  screen: 'job',
  kind: 'input',
  async model(s, p) {
    const a = s.answers;
    const existing = existingNames(s);
    const suggested = suggestJobName(a.datasetName ?? 'import', p.now(), existing);
    suggestedName.set(s, suggested);
    const from = s.presetFrom['job-name'];
    return frame('job-name', 'job', 'input', 'Job name', {
      default: a.jobName ?? suggested,
      check: (v) => checkJobName(v.trim(), existing),
      flag: FLAG_FOR.jobName,
      ...(from && a.jobName ? { preset: { value: a.jobName, from } } : {}),
      unattended: { value: suggested },
    });
  },
  async answer(s, v) {
    const problem = checkJobName(v.trim(), existingNames(s));
    if (problem) throw usageError(`import: --job-name ${v}: ${problem}`);
    s.answers.jobName = v.trim();
    s.answers.jobNameGenerated = !s.presetFrom['job-name'] && v.trim() === suggestedName.get(s);
    return undefined;
  },
};

export function roleDefault(s: FlowState, p: FlowPorts) {
  return defaultRole({ profileRole: p.profileRole, group: s.loaded.group, sandboxRole: p.context.roleArn ?? p.sandboxDefaults?.roleArn });
}

export const roleStep: StepDef = {
  id: 'role',
  screen: 'job',
  kind: 'input',
  async model(s, p) {
    const a = s.answers;
    const role = roleDefault(s, p);
    const dflt = a.roleArn ?? role?.roleArn;
    const from = s.presetFrom.role;
    return frame('role', 'job', 'input', `IAM role Personalize assumes to read the file${role && dflt === role.roleArn ? ` (default from the ${role.from})` : ''}`, {
      default: dflt,
      check: (v) => checkRoleArn(v),
      flag: FLAG_FOR.role,
      ...(from && a.roleArn ? { preset: { value: a.roleArn, from } } : {}),
      unattended: dflt
        ? { value: dflt, note: `role: ${dflt}${role ? ` (from the ${role.from})` : ''}` }
        : { error: `import: which IAM role may Personalize use to read the data? Pass ${FLAG_FOR.role} arn:aws:iam::ACCOUNT:role/NAME.`, hint: 'Neither the dataset group nor a saved profile names one.' },
    });
  },
  async answer(s, v) {
    const problem = checkRoleArn(v);
    if (problem) throw usageError(`import: --role-arn ${v}: ${problem}`);
    s.answers.roleArn = v.trim();
    return undefined;
  },
};

export const tagsStep: StepDef = {
  id: 'tags',
  screen: 'job',
  kind: 'input',
  async model(s) {
    const a = s.answers;
    const text = a.tags && Object.keys(a.tags).length ? formatTags(a.tags) : '';
    const from = s.presetFrom.tags;
    return frame('tags', 'job', 'input', 'Tags (key=value, comma-separated; Enter for none)', {
      default: text,
      check: (v) => parseTags(v).error,
      flag: FLAG_FOR.tags,
      ...(from ? { preset: { value: text, from } } : {}),
      unattended: { value: text },
    });
  },
  async answer(s, v) {
    const { tags, error } = parseTags(v);
    if (error) throw usageError(`import: --tag: ${error}`);
    s.answers.tags = tags;
    return undefined;
  },
};

export const metricsStep: StepDef = {
  id: 'metrics',
  screen: 'job',
  kind: 'choose',
  applies: (s) => Boolean(s.loaded.attributions?.length || s.answers.publishAttributionMetrics),
  async model(s) {
    const a = s.answers;
    const attribution = s.loaded.attributions?.[0];
    const from = s.presetFrom.metrics;
    return frame('metrics', 'job', 'choose', `Publish metrics for this import to S3${attribution ? ` (metric attribution ${attribution.name})` : ''}?`, {
      choices: [{ value: 'no', label: 'No' }, { value: 'yes', label: 'Yes, publish attribution metrics to S3' }],
      default: a.publishAttributionMetrics ? 'yes' : 'no',
      flag: FLAG_FOR.metrics,
      ...(from || !attribution ? { preset: { value: a.publishAttributionMetrics ? 'yes' : 'no', from: from ?? FLAG_FOR.metrics } } : {}),
      unattended: { value: 'no' },
    });
  },
  async answer(s, v, _p, ctx) {
    s.answers.publishAttributionMetrics = v === 'yes';
    if (v === 'yes' && !s.loaded.attributions?.length) ctx.emit({ type: 'note', stderr: true, text: `Warning: --publish-attribution-metrics is set but dataset group ${s.answers.datasetGroupName} has no metric attribution; Personalize will have nowhere to publish them.` });
    return undefined;
  },
};
