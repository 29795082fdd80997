// The import flow driven in lines: resolve every answer (from flags / a saved profile, asking on a
// terminal for what is missing, or — in plain mode — asking every step), validate, upload, preflight,
// create the job and watch it. One engine behind `personalize-import import` and plain mode, built
// only from src/flow (rules, plan, run), src/validate, src/diagnose and src/job: no second copy of
// the logic, only the way it is asked and printed.
import { createReadStream, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { AppError, isAppError, usageError } from '../../core/errors.js';
import { EXIT } from '../../core/exit-codes.js';
import type { AwsContext, Io, PersonalizeApi, StorageApi } from '../../core/ports.js';
import type { Dataset, DatasetGroup, ImportMode } from '../../core/resources.js';
import {
  checkJobName, checkMode, checkRoleArn, checkTags, completePlan, datasetBlockedReason, datasetDetails, defaultRole, describeSource,
  formatDate, formatTags, fullConfirmationMatches, groupBlockedReason, groupKind, knownJobNames, nextSteps, normalisePrefix, parseCsvSource,
  parseTags, planDataLocation, runImport, sortDatasets, sortGroups, stepInfo, suggestJobName, formatBytes,
  type Answers, type DatasetDetails, type ImportEvent, type ImportPlan, type StepId,
} from '../../flow/index.js';
import type { CsvSource as ValidationSource, ValidationReport } from '../../validate/engine.js';
import { validateCsv } from '../../validate/engine.js';
import { failsForMode, judgeBothModes, type ReportsByMode } from '../../validate/modes.js';
import { describeDuration, differenceText, recordsOffered } from '../../records/texts.js';
import type { AccessApi } from '../../diagnose/ports.js';
import { runPreflight, type PreflightCheck, type PreflightOptions, type PreflightResult } from '../../diagnose/preflight.js';
import { formatChecks, paintFor, statementBlocks, STATUS_LABEL } from '../../diagnose/report.js';
import { matchCreateError, matchFailure, type MatchResult } from '../../diagnose/catalogue.js';
import { watchJob } from '../../job/watcher.js';
import { createLinePrinter } from '../../job/lines.js';
import { useColor } from '../../job/format.js';
import { renderReport } from '../../commands/validate.js';
import { fittedWriter, writeFitted } from '../../core/fit.js';
import type { ProfileStore } from '../../profiles/store.js';
import type { Prompter } from './prompts.js';

export interface FlowServices {
  personalize: PersonalizeApi;
  s3: StorageApi;
  context: AwsContext;
  /** IAM / encryption / running jobs for preflight; without it those checks are CAN'T CHECK */
  access?: AccessApi;
  /** a preflight of the caller's own (the Ink wizard's Connected has one); default: runPreflight over the ports above */
  preflight?: (opts: PreflightOptions) => Promise<PreflightResult>;
  profiles?: ProfileStore;
  /** records can be sent one by one (PutUsers / PutItems / PutEvents): plain mode may offer it */
  recordsAvailable?: boolean;
}

export interface FlowSettings {
  io: Io;
  /** where human lines go (stderr when stdout carries --json) */
  out: NodeJS.WritableStream;
  /** undefined = no terminal: a missing answer is a usage error naming its flag */
  prompter?: Prompter;
  /** 'missing' (import): ask only what flags did not answer · 'all' (plain wizard): every step */
  ask: 'missing' | 'all';
  /** FULL over existing bulk data is confirmed */
  yes?: boolean;
  skipValidation?: boolean;
  noWait?: boolean;
  /** sandbox defaults (role, bucket) when pointing at the sandbox */
  sandboxDefaults?: { roleArn?: string; bucket?: string };
  /** the saved profile's role (a default) */
  profileRole?: string;
  now?: () => Date;
  /** job polling (default 2 s growing to 30 s) */
  watch?: { initialMs?: number; maxMs?: number };
  /** the shipped samples/ folder: offered as the CSV default in the sandbox */
  samplesDir?: string;
  /** called once the job exists (e.g. to remember its ARN) */
  onJobCreated?: (arn: string) => void;
}

/** The --json document of `import` (also kept for plain mode's summary). */
export interface ImportDocument {
  datasetImportJobArn?: string;
  jobName?: string;
  status?: string;
  failureReason?: string;
  importMode?: ImportMode;
  dataLocation?: string;
  datasetArn?: string;
  roleArn?: string;
  validation?: Record<string, unknown>;
  upload?: Record<string, unknown>;
  preflight?: { ok: boolean; checks: PreflightCheck[] };
  failure?: { id: string; known: boolean; cause: string; fix: string; docs?: string };
  error?: { kind: string; message: string; hint?: string };
}

export interface FlowOutcome {
  exitCode: number;
  answers: Answers;
  plan?: ImportPlan;
  /** the user chose to send the file record by record instead of a bulk job (plain mode) */
  individually?: { file: string; datasetArn: string };
}

/** Checks whose FAIL means a permission is missing (exit 3); any other FAIL is the data or the limits (exit 1). */
export const PERMISSION_CHECKS = new Set(['bucket-policy', 'role-trust', 'role-s3-access', 'kms']);

/** Which flag answers each step, for "pass --flag" messages. */
export const FLAG_FOR = {
  group: '--dataset-group',
  dataset: '--dataset-arn (or --dataset-group with --dataset-type)',
  csv: '--csv <file> or --data-location s3://…',
  bucket: '--bucket',
  mode: '--mode full|incremental',
  jobName: '--job-name',
  role: '--role-arn',
} as const;

class Stop extends Error {
  constructor(readonly exitCode: number) {
    super(`stop ${exitCode}`);
  }
}

export async function runFlow(initial: Answers, svc: FlowServices, s: FlowSettings, doc: ImportDocument = {}): Promise<FlowOutcome> {
  const a: Answers = { ...initial };
  const { personalize, s3 } = svc;
  const ask = s.prompter;
  const all = s.ask === 'all' && Boolean(ask);
  const out = s.out;
  const p = paintFor(s.io.env, Boolean((out as { isTTY?: boolean }).isTTY));
  const line = (text = '') => writeFitted(out, `${text}\n`);
  const heading = (id: StepId) => {
    if (!all) return;
    const info = stepInfo(id);
    line();
    line(p.bold(info.title));
    line(p.dim(info.purpose));
  };
  const note = (text: string) => writeFitted(s.io.stderr, `${text}\n`);
  const now = s.now ?? (() => new Date());

  try {
    // ---- dataset group and dataset -------------------------------------------------------------
    let group: DatasetGroup | undefined;
    let dataset: Dataset | undefined;
    if (a.datasetArn) {
      dataset = await describeOr(personalize.describeDataset(a.datasetArn), `No dataset ${a.datasetArn}.`, 'Check --dataset-arn (and the region: resources are per region).');
    } else {
      heading('group');
      group = await resolveGroup(a, personalize, ask);
      heading('dataset');
      dataset = await resolveDataset(a, group, personalize, ask);
    }
    const blocked = datasetBlockedReason(dataset);
    if (blocked) throw new AppError('conflict', `Dataset ${dataset.name} cannot take an import now. ${blocked}`);
    if (!group || group.arn !== dataset.datasetGroupArn) group = await personalize.describeDatasetGroup(dataset.datasetGroupArn);
    Object.assign(a, {
      datasetArn: dataset.arn, datasetName: dataset.name, datasetType: dataset.datasetType,
      datasetGroupArn: group.arn, datasetGroupName: group.name, domain: group.domain,
    } satisfies Partial<Answers>);
    const details = await datasetDetails(personalize, dataset, group.domain);
    line(`Dataset ${p.bold(dataset.name)} [${dataset.datasetType}] in ${group.name} (${groupKind(group.domain)})`);
    if (details.lastJob) line(p.dim(`  last import: ${details.lastJob.name} ${details.lastJob.status} ${formatDate(details.lastJob.updatedAt ?? details.lastJob.createdAt)}`));
    if (all && details.fields.length) line(p.dim(`  columns: ${details.fields.map((f) => `${f.name}${f.required ? '*' : ''}`).join(', ')}  (* required)`));
    doc.datasetArn = dataset.arn;

    // ---- CSV (and, in plain mode, its validation right away so another file can be picked) ------
    let report: ValidationReport | undefined;
    for (;;) {
      if (!a.source || all) {
        heading('csv');
        if (!ask) throw usageError(`import: which data? Pass ${FLAG_FOR.csv}.`);
        const typed = await ask.input('CSV file (a local path, or s3://bucket/key or s3://bucket/prefix/)', {
          default: a.source ? describeSource(a.source) : sampleFor(s.samplesDir, dataset.datasetType),
          validate: (v) => (v.trim() ? undefined : 'Type a path or an s3:// location.'),
        });
        a.source = parseCsvSource(typed);
      }
      await checkLocalSource(a);
      if (!all) break;
      heading('validate');
      report = await validateStep(a, details, svc, s, doc, p);
      if (!report || report.valid) {
        if (report && report.warnings.length && !(await ask!.confirm(`Continue with ${report.warnings.length} warning${report.warnings.length > 1 ? 's' : ''}?`, { default: true }))) continue;
        break;
      }
      // only the bulk job's minimums failed (e.g. < 1000 interactions): the records can still go in one by one
      const canRecords = recordsOffered({ datasetType: dataset.datasetType, report, local: a.source!.kind === 'local', available: Boolean(svc.recordsAvailable && details.schema) });
      const next = await ask!.select('The file has errors; nothing was uploaded. What now?', [
        { value: 'again', name: 'Pick another file (or fix this one and pick it again)' },
        ...(canRecords ? [{ value: 'records', name: 'Import record by record instead (no minimum, no S3, no import job)' }] : []),
        { value: 'quit', name: 'Quit' },
      ]);
      if (next === 'quit') throw new Stop(EXIT.FAILED);
      if (next === 'records') return { exitCode: 0, answers: a, individually: { file: (a.source as { path: string }).path, datasetArn: dataset.arn } };
    }

    // ---- upload target ---------------------------------------------------------------------------
    if (a.source!.kind === 'local') {
      if (all) heading('upload');
      // a small file can go in record by record instead (as the Ink wizard offers at this step)
      if (all && recordsOffered({ datasetType: dataset.datasetType, report, local: true, available: Boolean(svc.recordsAvailable && details.schema) })) {
        const how = await ask!.select('How should the records go in?', [
          { value: 'bulk', name: 'A bulk import job (upload to S3, then a job)', description: 'The usual way; a FULL or INCREMENTAL job you can follow and repeat.' },
          { value: 'records', name: `Record by record (${report!.rows} records, ${describeDuration(dataset.datasetType, report!.rows)}, no S3, no import job)`, description: differenceText(dataset.datasetType)[1] },
        ], { default: 'bulk' });
        if (how === 'records') return { exitCode: 0, answers: a, individually: { file: (a.source as { path: string }).path, datasetArn: dataset.arn } };
      }
      const fallback = a.bucket ?? s.sandboxDefaults?.bucket;
      if (!a.bucket || all) {
        if (ask && (all || !fallback)) {
          a.bucket = await askBucket(ask, s3, fallback);
        } else if (fallback) {
          a.bucket = fallback;
          line(p.dim(`  upload bucket: ${fallback} (the sandbox's bucket)`));
        } else {
          throw usageError(`import: where should ${describeSource(a.source!)} be uploaded? Pass ${FLAG_FOR.bucket} <name> (and optionally --prefix).`, 'Personalize reads the file from S3; pick a bucket its policy lets personalize.amazonaws.com read.');
        }
      }
      if (all) a.prefix = await ask!.input('Key prefix (folder) in the bucket; Enter for none', { default: a.prefix ?? '' });
      a.prefix = normalisePrefix(a.prefix);
    }

    // ---- import mode -----------------------------------------------------------------------------
    const rules = details.rules;
    if (!a.importMode || all) {
      heading('mode');
      if (ask && (all || !rules.defaultMode)) {
        // a mode the file fails for (validated above for both) is not offered
        const byMode = validatedByMode.get(a);
        const fails = (m: ImportMode) => failsForMode(byMode, m);
        const open = rules.options.filter((o) => o.enabled && !fails(o.mode)).map((o) => o.mode);
        const preferred = a.importMode ?? rules.defaultMode ?? (rules.hasBulkData ? 'INCREMENTAL' : 'FULL');
        a.importMode = await ask.select('Import mode', rules.options.map((o) => ({
          value: o.mode,
          name: o.mode,
          description: o.description,
          ...(o.enabled && !fails(o.mode) ? {} : { disabled: (o.enabled ? fails(o.mode) : o.disabledReason) ?? true }),
        })), { default: open.includes(preferred) ? preferred : open[0] ?? preferred });
        if (byMode) {
          report = byMode[a.importMode];
          doc.validation = { skipped: false, valid: report.valid, rows: report.rows, datasetType: report.datasetType, mode: report.mode, errors: report.errors, warnings: report.warnings };
        }
      } else if (rules.defaultMode) {
        a.importMode = rules.defaultMode;
        line(p.dim(`  import mode: ${rules.defaultMode} (${rules.options.find((o) => o.mode === rules.defaultMode)!.description})`));
      } else {
        throw usageError(`import: dataset ${dataset.name} already holds bulk data (last: job ${rules.lastActive!.name} on ${formatDate(rules.lastActive!.date)}), so FULL or INCREMENTAL must be chosen. Pass ${FLAG_FOR.mode}.`,
          'INCREMENTAL adds records (same ID replaces); FULL replaces all bulk data and needs --yes without a terminal.');
      }
    }
    const modeProblem = checkMode(rules, a.importMode!);
    if (modeProblem) throw usageError(`import: --mode ${a.importMode!.toLowerCase()} is not possible for ${dataset.name}. ${modeProblem}`, 'Use --mode full for the first import.');
    const fullOption = rules.options.find((o) => o.mode === 'FULL')!;
    if (a.importMode === 'FULL' && fullOption.needsConfirmation) {
      const what = `FULL replaces all bulk data in ${dataset.name}: the records imported by job ${rules.lastActive!.name} (${rules.lastActive!.mode ?? 'bulk'}, ACTIVE ${formatDate(rules.lastActive!.date)}) and every bulk import before it.`;
      if (s.yes) {
        note(`Note: ${what} Confirmed by --yes.`);
      } else if (ask) {
        line(p.bold(what));
        const typed = await ask.input(`Type the dataset's name (${dataset.name}) to replace its bulk data, or leave it empty to stop`, {});
        if (!fullConfirmationMatches(typed, dataset.name)) {
          line(typed ? `That is not ${dataset.name}. Nothing was changed.` : 'Stopped. Nothing was changed.');
          throw new Stop(EXIT.USAGE);
        }
      } else {
        throw usageError(`import: ${what}`, 'Pass --yes to replace it, or --mode incremental to add to it.');
      }
    }

    // ---- job name, role, tags --------------------------------------------------------------------
    const existing = knownJobNames(details.jobs);
    if (all) heading('job');
    if (!a.jobName || all) {
      const generatedBefore = !a.jobName || a.jobNameGenerated === true;
      const suggested = a.jobName ?? suggestJobName(dataset.name, now(), existing);
      a.jobName = all ? await ask!.input('Job name', { default: suggested, validate: (v) => checkJobName(v.trim(), existing) }) : suggested;
      // a clash renames only a name nobody typed (src/job/name.ts)
      a.jobNameGenerated = generatedBefore && a.jobName === suggested;
    }
    const nameProblem = checkJobName(a.jobName, existing);
    if (nameProblem) throw usageError(`import: --job-name ${a.jobName}: ${nameProblem}`);
    const role = defaultRole({ profileRole: s.profileRole, group, sandboxRole: s.sandboxDefaults?.roleArn });
    if (!a.roleArn || all) {
      const dflt = a.roleArn ?? role?.roleArn;
      if (ask && (all || !dflt)) {
        a.roleArn = await ask.input(`IAM role Personalize assumes to read the file${role && dflt === role.roleArn ? ` (default from the ${role.from})` : ''}`, { default: dflt, validate: (v) => checkRoleArn(v) });
      } else if (dflt) {
        a.roleArn = dflt;
        line(p.dim(`  role: ${dflt}${role ? ` (from the ${role.from})` : ''}`));
      } else {
        throw usageError(`import: which IAM role may Personalize use to read the data? Pass ${FLAG_FOR.role} arn:aws:iam::ACCOUNT:role/NAME.`, 'Neither the dataset group nor a saved profile names one.');
      }
    }
    a.roleArn = a.roleArn.trim();
    const roleProblem = checkRoleArn(a.roleArn);
    if (roleProblem) throw usageError(`import: --role-arn ${a.roleArn}: ${roleProblem}`);
    if (all) {
      const typed = await ask!.input('Tags (key=value, comma-separated; Enter for none)', {
        default: a.tags && Object.keys(a.tags).length ? formatTags(a.tags) : undefined,
        validate: (v) => parseTags(v).error,
      });
      a.tags = parseTags(typed).tags;
    }
    const tagProblem = checkTags(a.tags ?? {});
    if (tagProblem) throw usageError(`import: --tag: ${tagProblem}`);
    const attributions = personalize.listMetricAttributions ? await personalize.listMetricAttributions(group.arn).catch(() => undefined) : undefined;
    if (all && attributions?.length) {
      a.publishAttributionMetrics = await ask!.confirm(`Publish metrics for this import to S3 (metric attribution ${attributions[0].name})?`, { default: a.publishAttributionMetrics ?? false });
    } else if (a.publishAttributionMetrics && attributions && attributions.length === 0) {
      note(`Warning: --publish-attribution-metrics is set but dataset group ${group.name} has no metric attribution; Personalize will have nowhere to publish them.`);
    }

    const done = completePlan(a);
    if (!done.plan) throw usageError(`import: missing ${done.missing.join(', ')}.`);
    const plan = done.plan;
    const location = planDataLocation(plan);
    Object.assign(doc, { jobName: plan.jobName, importMode: plan.importMode, dataLocation: location, roleArn: plan.roleArn });
    if (plan.source.kind === 's3') doc.upload = { skipped: true, reason: 'the data is already in S3' };

    // ---- validation (import: after every answer is known, before anything is uploaded) -----------
    if (!all) report = await validateStep(a, details, svc, s, doc, p);
    if (report && !report.valid) throw new Stop(EXIT.FAILED);

    // ---- review (plain mode) -----------------------------------------------------------------------
    if (all) {
      heading('review');
      for (const [k, v] of reviewLines(plan, report, group)) line(`  ${k.padEnd(12)} ${v}`);
      if (!(await ask!.confirm('Create the import job now?', { default: true }))) {
        line('Nothing was created.');
        return { exitCode: EXIT.OK, answers: a, plan };
      }
    }

    // ---- upload, preflight, create -----------------------------------------------------------------
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.on('SIGINT', onSigint);
    let created;
    try {
      if (all) heading('watch');
      created = await runImport(plan, { personalize, s3 }, {
        signal: controller.signal,
        onEvent: uploadPrinter(line, p, doc),
        beforeCreate: async (loc) => {
          const pre = await preflight(svc, plan, group!, loc);
          doc.preflight = { ok: pre.ok, checks: pre.checks };
          printPreflight(line, pre, p, plan.roleArn);
          if (!pre.ok) {
            const failed = pre.checks.filter((c) => c.status === 'FAIL');
            const perm = failed.some((c) => PERMISSION_CHECKS.has(c.id));
            note(`Preflight failed (${failed.map((c) => c.title).join('; ')}): the import job was NOT created.${plan.source.kind === 'local' ? ` The file stays at ${loc}.` : ''}`);
            throw new Stop(perm ? EXIT.AUTH : EXIT.FAILED);
          }
        },
      });
    } catch (e) {
      if (e instanceof Stop || !isAppError(e) || e.kind === 'interrupted') throw e;
      if (doc.preflight) {
        // the create call itself was refused: say why, from the catalogue
        const m = matchCreateError(e);
        doc.failure = failureJson(m);
        printMatch(line, m, p);
      }
      throw e;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    const arn = created.jobArn;
    doc.datasetImportJobArn = arn;
    s.onJobCreated?.(arn);
    line(`Created import job ${p.bold(plan.jobName)}: ${arn}`);

    if (s.noWait) {
      const job = await personalize.describeImportJob(arn).catch(() => undefined);
      doc.status = job?.status ?? 'CREATE PENDING';
      line(`Not waiting (--no-wait). Follow it with: personalize-import status ${arn}`);
      return { exitCode: EXIT.OK, answers: a, plan };
    }

    // ---- watch ------------------------------------------------------------------------------------
    const watchCtl = new AbortController();
    const onWatchSigint = () => watchCtl.abort();
    process.on('SIGINT', onWatchSigint);
    let last;
    try {
      const printer = createLinePrinter(fittedWriter(out), { color: useColor(s.io.env, Boolean((out as { isTTY?: boolean }).isTTY)) });
      for await (const snap of watchJob(personalize, arn, { signal: watchCtl.signal, ...(s.watch ?? {}) })) {
        printer.print(snap);
        last = snap;
      }
    } finally {
      process.removeListener('SIGINT', onWatchSigint);
    }
    if (!last?.done) {
      doc.status = last?.status;
      (doc as Record<string, unknown>).interrupted = true;
      note(`\nStopped watching. The import job keeps running in AWS${last ? ` (last seen: ${last.status})` : ''}.\n  → Follow it again: personalize-import status ${arn}`);
      throw new Stop(EXIT.INTERRUPTED);
    }
    doc.status = last.status;
    if (last.job.failureReason) doc.failureReason = last.job.failureReason;
    if (last.status === 'ACTIVE') {
      line(p.green(`✔ Imported into ${dataset.name}.`));
      line('What happens next:');
      for (const n of nextSteps(dataset.datasetType, plan.importMode)) line(`  • ${n}`);
      if (all) await saveStep(a, svc, s, p);
      return { exitCode: EXIT.OK, answers: a, plan };
    }
    const m = matchFailure(last.job.failureReason);
    doc.failure = failureJson(m);
    printMatch(line, m, p);
    line(`  → The full diagnosis (permissions, data in place): personalize-import diagnose ${arn}`);
    return { exitCode: EXIT.FAILED, answers: a, plan };
  } catch (e) {
    if (e instanceof Stop) return { exitCode: e.exitCode, answers: a };
    throw e;
  }
}

// ---- steps -----------------------------------------------------------------------------------------

const SAMPLE_BY_TYPE: Partial<Record<string, string>> = { INTERACTIONS: 'interactions.csv', ITEMS: 'items.csv', USERS: 'users.csv' };

function sampleFor(dir: string | undefined, type: string): string | undefined {
  const f = SAMPLE_BY_TYPE[type];
  if (!dir || !f) return undefined;
  const path = join(dir, f);
  return existsSync(path) ? path : undefined;
}

async function describeOr<T>(pr: Promise<T>, message: string, hint: string): Promise<T> {
  try {
    return await pr;
  } catch (e) {
    if (isAppError(e) && e.kind === 'not-found') throw new AppError('not-found', message, { hint, awsName: e.awsName, cause: e });
    throw e;
  }
}

async function resolveGroup(a: Answers, api: PersonalizeApi, ask: Prompter | undefined): Promise<DatasetGroup> {
  if (a.datasetGroupArn) return describeOr(api.describeDatasetGroup(a.datasetGroupArn), `No dataset group ${a.datasetGroupArn}.`, 'Check --dataset-group (and the region).');
  const groups = await api.listDatasetGroups();
  if (a.datasetGroupName) {
    const g = groups.find((x) => x.name === a.datasetGroupName);
    if (!g) throw usageError(`import: no dataset group named ${a.datasetGroupName}.`, groups.length ? `Groups here: ${groups.map((x) => x.name).join(', ')}.` : 'There are no dataset groups in this account and region.');
    return api.describeDatasetGroup(g.arn);
  }
  if (!ask) throw usageError(`import: which dataset? Pass ${FLAG_FOR.dataset}.`);
  if (!groups.length) throw usageError('There are no dataset groups in this account and region.', 'Create one in the Personalize console (or check --region / --aws-profile).');
  // the same order as the Ink wizard: Enter at every step picks the same group in both modes
  const arn = await ask.select('Dataset group', sortGroups(groups).map((g) => {
    const why = groupBlockedReason(g);
    return { value: g.arn, name: `${g.name} (${groupKind(g.domain)})`, ...(why ? { disabled: why } : {}) };
  }));
  return api.describeDatasetGroup(arn);
}

async function resolveDataset(a: Answers, group: DatasetGroup, api: PersonalizeApi, ask: Prompter | undefined): Promise<Dataset> {
  const list = sortDatasets(await api.listDatasets(group.arn));
  if (a.datasetType) {
    const d = list.find((x) => x.datasetType === a.datasetType);
    if (!d) throw usageError(`import: dataset group ${group.name} has no ${a.datasetType} dataset.`, list.length ? `It has: ${list.map((x) => x.datasetType).join(', ')}.` : 'It has no datasets yet.');
    return api.describeDataset(d.arn);
  }
  if (!ask) throw usageError(`import: which dataset of ${group.name}? Pass --dataset-type (or --dataset-arn).`);
  if (!list.length) throw usageError(`Dataset group ${group.name} has no datasets.`, 'Create the dataset (and its schema) in the Personalize console first.');
  const arn = await ask.select('Dataset', list.map((d) => {
    const why = datasetBlockedReason(d);
    return { value: d.arn, name: `${d.name} [${d.datasetType}]`, ...(why ? { disabled: why } : {}) };
  }));
  return api.describeDataset(arn);
}

async function checkLocalSource(a: Answers): Promise<void> {
  const src = a.source!;
  if (src.kind !== 'local') return;
  try {
    const st = await stat(src.path);
    if (!st.isFile()) throw new Error('not a file');
  } catch {
    throw usageError(`import: cannot read ${src.path}.`, 'Check the path (relative to the folder you ran the command in), or pass --data-location s3://… for data already in S3.');
  }
}

async function askBucket(ask: Prompter, s3: StorageApi, fallback: string | undefined): Promise<string> {
  const buckets = await s3.listBuckets().catch(() => [] as string[]);
  const OTHER = '\u0000other';
  if (buckets.length) {
    const choice = await ask.select('S3 bucket to upload to (Personalize must be allowed to read it)', [
      ...buckets.map((b) => ({ value: b, name: b === fallback ? `${b} (default)` : b })),
      { value: OTHER, name: 'Another bucket (type its name)' },
    ], { default: fallback && buckets.includes(fallback) ? fallback : buckets[0] });
    if (choice !== OTHER) return choice;
  }
  return ask.input('S3 bucket name', { default: fallback, validate: (v) => (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v.trim()) ? undefined : 'An S3 bucket name: 3–63 lower-case letters, digits, "." and "-".') });
}

async function validationSources(a: Answers, s3: StorageApi): Promise<ValidationSource[]> {
  const src = a.source!;
  if (src.kind === 'local') {
    const size = (await stat(src.path)).size;
    // path: the engine may split a big file across threads, and read it again (sorted mode)
    return [{ name: src.path, path: src.path, size, open: () => createReadStream(src.path, { highWaterMark: 1 << 20 }) }];
  }
  const uri = describeSource(src);
  if (src.key === '' || src.key.endsWith('/')) {
    const objects = (await s3.list(src.bucket, src.key)).filter((o) => !o.key.endsWith('/') && o.size > 0);
    if (!objects.length) throw usageError(`import: nothing to import under ${uri}.`, 'Check the bucket and prefix (a folder ends in /).');
    return objects.map((o) => ({ name: `s3://${src.bucket}/${o.key}`, size: o.size, open: () => s3.read(src.bucket, o.key) }));
  }
  const head = await s3.head(src.bucket, src.key);
  if (!head) throw usageError(`import: ${uri} does not exist.`, 'Check the key (case-sensitive); for a folder, end it with /.');
  return [{ name: uri, size: head.size, open: () => s3.read(src.bucket, src.key) }];
}

/** the report judged for each mode, when validation ran before the mode was chosen */
const validatedByMode = new WeakMap<Answers, ReportsByMode>();

async function validateStep(a: Answers, details: DatasetDetails, svc: FlowServices, s: FlowSettings, doc: ImportDocument, p: ReturnType<typeof paintFor>): Promise<ValidationReport | undefined> {
  const line = (t = '') => writeFitted(s.out, `${t}\n`);
  if (s.skipValidation) {
    doc.validation = { skipped: true };
    writeFitted(s.io.stderr, `${p.yellow('⚠ VALIDATION SKIPPED (--skip-validation):')} ${describeSource(a.source!)} was NOT checked against the schema of ${details.dataset.name}. A mistake in it will show only as a failed import job, after the wait.\n`);
    return undefined;
  }
  if (!details.schema) {
    doc.validation = { skipped: true, reason: "the dataset's schema could not be read" };
    writeFitted(s.io.stderr, `${p.yellow('⚠ Not validated:')} the schema of ${details.dataset.name} could not be read, so the file was not checked.\n`);
    return undefined;
  }
  const sources = await validationSources(a, svc.s3);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  let report: ValidationReport;
  // with bulk data in the dataset and the mode still to be asked, two findings depend on the answer
  // (size limit, active users): validate once, judge for both (judgeForMode)
  const undecided = details.rules.hasBulkData && (s.ask === 'all' || !a.importMode);
  try {
    line(p.dim(`Validating ${describeSource(a.source!)} against ${details.dataset.name}…`));
    report = await validateCsv(sources, {
      schema: details.schema, datasetType: details.dataset.datasetType, domain: a.domain, mode: undecided ? 'INCREMENTAL' : (a.importMode ?? details.rules.defaultMode ?? 'FULL'),
      totalBytes: sources.reduce((n, x) => n + (x.size ?? 0), 0), signal: controller.signal,
      // big local files are split at newlines and checked on two threads, as by `validate`
      workers: Math.min(2, availableParallelism()),
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  let otherFails = '';
  if (undecided) {
    const judged = judgeBothModes(report, a.importMode ?? 'INCREMENTAL');
    validatedByMode.set(a, judged.byMode);
    report = judged.shown;
    const rest = judged.otherFails;
    if (rest) otherFails = `An ${rest} import would fail: ${judged.byMode[rest].errors.map((e) => e.message).join(' ')} Only ${report.mode} can take this file.`;
  }
  doc.validation = { skipped: false, valid: report.valid, rows: report.rows, datasetType: report.datasetType, mode: report.mode, errors: report.errors, warnings: report.warnings };
  const text = renderReport(report, describeSource(a.source!));
  if (report.valid) {
    // the summary line (and the warnings, which the user should see) — not the whole stats block
    writeFitted(s.out, report.warnings.length ? text : `${text.split('\n')[0]}\n`);
    if (otherFails) line(p.yellow(otherFails));
  } else {
    writeFitted(s.out, text);
    writeFitted(s.io.stderr, `${p.red('Validation failed')}: ${s.ask === 'all' ? 'fix the errors above.' : 'fix the errors above and run again.'} Nothing was uploaded and no import job was created.\n`);
  }
  return report;
}

function uploadPrinter(line: (t?: string) => void, p: ReturnType<typeof paintFor>, doc: ImportDocument): (e: ImportEvent) => void {
  let nextPct = 25;
  let total = 0;
  return (e) => {
    switch (e.type) {
      case 'upload-start':
        total = e.bytes;
        line(`Uploading ${formatBytes(e.bytes)} to s3://${e.bucket}/${e.key} …`);
        break;
      case 'upload-progress': {
        const pct = e.total ? Math.floor((e.loaded / e.total) * 100) : 0;
        if (total >= 8 * 1024 * 1024 && pct >= nextPct && pct < 100) {
          line(p.dim(`  ${pct}%  ${formatBytes(e.loaded)} of ${formatBytes(e.total)}${e.etaSeconds !== undefined ? `, about ${Math.ceil(e.etaSeconds)} s left` : ''}`));
          nextPct = Math.floor(pct / 25) * 25 + 25;
        }
        break;
      }
      case 'uploaded':
        doc.upload = { bucket: e.bucket, key: e.key, bytes: e.bytes, ms: e.ms };
        line(`Uploaded s3://${e.bucket}/${e.key} (${formatBytes(e.bytes)}) in ${(e.ms / 1000).toFixed(1)} s`);
        break;
      case 'creating':
        line(p.dim(`Creating the import job (reading ${e.dataLocation}) …`));
        break;
      default:
        break;
    }
  };
}

async function preflight(svc: FlowServices, plan: ImportPlan, group: DatasetGroup, location: string): Promise<PreflightResult> {
  const region = svc.context.region ?? /^arn:[^:]+:personalize:([^:]+):/.exec(plan.datasetArn)?.[1] ?? 'us-east-1';
  const opts: PreflightOptions = { dataLocation: location, roleArn: plan.roleArn, datasetGroup: group, region, mode: plan.importMode, purpose: 'create' };
  if (svc.preflight) return svc.preflight(opts);
  return runPreflight({ personalize: svc.personalize, s3: svc.s3, ...(svc.access ? { access: svc.access } : {}) }, opts);
}

function printPreflight(line: (t?: string) => void, pre: PreflightResult, p: ReturnType<typeof paintFor>, roleArn?: string): void {
  const counts = (['PASS', 'FAIL', 'CANT_CHECK'] as const).map((st) => [st, pre.checks.filter((c) => c.status === st).length] as const).filter(([, n]) => n > 0);
  line(`Preflight: ${counts.map(([st, n]) => `${n} ${STATUS_LABEL[st]}`).join(', ')}`);
  // PASS checks are one line each; FAIL / CAN'T CHECK with their detail and fix
  const shown = pre.checks.filter((c) => c.status !== 'PASS');
  if (shown.length) line(formatChecks(shown, p));
  if (!pre.ok) {
    for (const b of statementBlocks(pre.checks, pre, 'preflight', roleArn)) {
      line(`  ${p.bold(b.title)}`);
      line(`  ${b.howTo}`);
      line(JSON.stringify(b.json, null, 2).split('\n').map((l) => `    ${l}`).join('\n'));
    }
  }
}

function failureJson(m: MatchResult): NonNullable<ImportDocument['failure']> {
  return { id: m.id, known: m.known, cause: m.cause, fix: m.fix, ...('docs' in m && m.docs ? { docs: m.docs } : {}) };
}

function printMatch(line: (t?: string) => void, m: MatchResult, p: ReturnType<typeof paintFor>): void {
  line(`${p.red('✗')} ${p.bold(m.title)}${m.known ? '' : ' (not in the catalogue)'}`);
  line(`  Cause: ${m.cause}`);
  line(`  Fix:   ${m.fix}`);
  if ('docs' in m && m.docs) line(p.dim(`  Docs:  ${m.docs}`));
}

function reviewLines(plan: ImportPlan, report: ValidationReport | undefined, group: DatasetGroup): [string, string][] {
  return [
    ['Group', `${group.name} (${groupKind(group.domain)})`],
    ['Dataset', `${plan.datasetName ?? plan.datasetArn} [${plan.datasetType ?? '?'}]`],
    ['CSV', describeSource(plan.source)],
    ['Validation', report ? `${report.rows.toLocaleString('en-US')} rows, ${report.errors.length} errors, ${report.warnings.length} warnings` : 'not run'],
    ...(plan.source.kind === 'local' ? [['Upload to', `s3://${plan.bucket}/${plan.key}`] as [string, string]] : []),
    ['Data', planDataLocation(plan)],
    ['Mode', plan.importMode],
    ['Job name', plan.jobName],
    ['Role', plan.roleArn],
    ['Tags', formatTags(plan.tags)],
    ...(plan.publishAttributionMetrics !== undefined ? [['Metrics', plan.publishAttributionMetrics ? 'published to S3' : 'not published'] as [string, string]] : []),
  ];
}

async function saveStep(a: Answers, svc: FlowServices, s: FlowSettings, p: ReturnType<typeof paintFor>): Promise<void> {
  const store = svc.profiles;
  const ask = s.prompter;
  if (!store || !ask || !a.datasetArn || !a.datasetGroupArn) return;
  const line = (t = '') => writeFitted(s.out, `${t}\n`);
  line();
  line(p.bold(stepInfo('save').title));
  line(p.dim(stepInfo('save').purpose));
  if (!(await ask.confirm('Save these answers as a profile?', { default: !a.profileName }))) return;
  const name = await ask.input('Profile name', {
    default: a.profileName ?? a.datasetGroupName,
    validate: (v) => (/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(v.trim()) ? undefined : 'Letters, digits, "-" and "_" (up to 64), starting with a letter or digit.'),
  });
  const saved = store.save({
    name, region: a.region, awsProfile: a.awsProfile, ...(a.sandbox ? { sandbox: true } : {}),
    datasetGroupArn: a.datasetGroupArn, datasetGroupName: a.datasetGroupName, datasetArn: a.datasetArn, datasetName: a.datasetName,
    datasetType: a.datasetType, bucket: a.bucket, prefix: a.prefix, roleArn: a.roleArn,
  });
  line(`Saved profile ${saved.name}. Next time: personalize-import --profile ${saved.name}  (or: personalize-import import --profile ${saved.name} --csv FILE)`);
}
