// Steps 9–11: the review (nothing is created before its answer), the preflight and the
// CreateDatasetImportJob call (abortable until the request is sent; after that the truth: the job
// exists), following the job, and saving the answers as a profile.
import { AppError } from '../../core/errors.js';
import { matchFailure } from '../../diagnose/catalogue.js';
import { factsOfJob } from '../../diagnose/known.js';
import { watchJob } from '../../job/watcher.js';
import { PROFILE_NAME } from '../../profiles/name.js';
import { holdsSame } from '../../profiles/same.js';
import { createWithFreshName } from '../../job/name.js';
import { formatTags } from '../checks.js';
import { checkUploaded } from '../run.js';
import { nextSteps } from '../next.js';
import { completePlan, describeSource, planDataLocation, type ImportPlan } from '../plan.js';
import { groupKind } from '../queries.js';
import { stepInfo } from '../steps.js';
import { frame, whatHappened } from './base.js';
import { datesReviewed } from './steps-dates.js';
import { memoOf } from './steps-fix.js';
import { visible } from '../../core/sanitize.js';
import type { CreateRequest, FlowPorts, FlowState, StepDef } from './types.js';
import { issueTotal, type Issue } from '../../validate/issues.js';
import { withCommas } from '../../core/with-commas.js';

/** Checks whose FAIL means a permission is missing (exit 3); any other FAIL is the data or the limits (exit 1). */
export const PERMISSION_CHECKS = new Set(['bucket-policy', 'role-trust', 'role-s3-access', 'kms']);

export function planOf(s: FlowState): ImportPlan {
  const done = completePlan(s.answers);
  if (!done.plan) throw new AppError('usage', `import: missing ${done.missing.join(', ')}.`);
  return done.plan;
}

/** The CreateDatasetImportJob request a plan sends. */
export function createRequest(plan: ImportPlan): CreateRequest {
  return {
    jobName: plan.jobName,
    datasetArn: plan.datasetArn,
    dataSource: { dataLocation: planDataLocation(plan) },
    roleArn: plan.roleArn,
    importMode: plan.importMode,
    ...(plan.tags && Object.keys(plan.tags).length ? { tags: Object.entries(plan.tags).map(([tagKey, tagValue]) => ({ tagKey, tagValue })) } : {}),
    ...(plan.publishAttributionMetrics !== undefined ? { publishAttributionMetricsToS3: plan.publishAttributionMetrics } : {}),
  };
}

/**
 * The review's File row: the local file uploaded. The fixer's copy of an S3 object was written in a
 * temp folder and removed once uploaded (steps-upload.ts): the object it came from is named, not a
 * path that is gone.
 */
function fileRow(s: FlowState, plan: ImportPlan, dryRun: boolean): [string, string][] {
  if (plan.source.kind !== 'local') return [];
  if (tempCopy(s, plan)) return [['File', dryRun ? `${describeSource(memoOf(s)!.original)}, fixed into ${visible(plan.source.path)} (a dry run uploads nothing: it stays)` : `${describeSource(memoOf(s)!.original)}, fixed (the copy uploaded below)`]];
  return [['File', describeSource(plan.source)]];
}

/** the fixer's copy of an S3 object, in a temp folder of its own, is what the plan uploads */
const tempCopy = (s: FlowState, plan: ImportPlan) => plan.source.kind === 'local' && Boolean(memoOf(s)?.tempMade) && memoOf(s)!.output === plan.source.path;

/** The review's rows: label, value. */
export function reviewRows(s: FlowState, plan: ImportPlan, dryRun = false): [string, string][] {
  const a = s.answers;
  const r = s.loaded.report;
  const hasBulk = Boolean(s.loaded.details?.rules.hasBulkData);
  return [
    ['Group', `${a.datasetGroupName} (${groupKind(a.domain)})`],
    ['Dataset', `${a.datasetName} [${a.datasetType}]`],
    ...fileRow(s, plan, dryRun),
    ['Validated', r ? `${withCommas(r.rows)} rows, no errors${warnedText(r)}` : 'not validated here'],
    ...(datesReviewed(s) ? ([['Dates', datesReviewed(s)!]] as [string, string][]) : []),
    ['Data from', planDataLocation(plan)],
    ['Mode', plan.importMode === 'FULL' ? (hasBulk ? 'FULL (replaces the existing bulk data — confirmed)' : 'FULL (first bulk import)') : 'INCREMENTAL (adds records)'],
    ['Job name', plan.jobName],
    ['IAM role', plan.roleArn],
    ['Tags', formatTags(plan.tags)],
    ...(plan.publishAttributionMetrics !== undefined ? ([['Metrics', plan.publishAttributionMetrics ? 'publish attribution metrics to S3' : 'not published']] as [string, string][]) : []),
  ];
}

async function preflight(s: FlowState, p: FlowPorts, plan: ImportPlan) {
  if (!p.preflight) return undefined;
  const region = p.context.region ?? /^arn:[^:]+:personalize:([^:]+):/.exec(plan.datasetArn)?.[1] ?? 'us-east-1';
  return p.preflight({ dataLocation: planDataLocation(plan), roleArn: plan.roleArn, datasetGroup: s.loaded.group ?? plan.datasetGroupArn, region, mode: plan.importMode, purpose: 'create' });
}

export const reviewStep: StepDef = {
  id: 'review',
  screen: 'review',
  kind: 'review',
  async model(s, p) {
    const plan = planOf(s);
    return frame('review', 'review', 'review', p.dryRun ? 'Print the request (dry run: nothing is uploaded or created)?' : 'Create the import job now?', {
      lines: reviewRows(s, plan, Boolean(p.dryRun)).map(([k, v]) => ({ text: `${k.padEnd(11)}${v}` })),
      rows: reviewRows(s, plan, Boolean(p.dryRun)),
      choices: [{ value: 'create', label: p.dryRun ? 'Print the request' : 'Create the import job' }, { value: 'quit', label: 'Don’t create it (quit)' }],
      default: 'create',
      unattended: { value: 'create' },
    });
  },
  async answer(s, v, p, ctx) {
    if (v === 'quit') return { end: { exitCode: 0, reason: 'quit', lines: whatHappened(s, p) } };
    const plan = planOf(s);
    Object.assign(s.doc, { jobName: plan.jobName, importMode: plan.importMode, dataLocation: planDataLocation(plan), roleArn: plan.roleArn });
    if (plan.source.kind === 's3') s.doc.upload = { skipped: true, reason: 'the data is already in S3' };
    if (!p.dryRun) return undefined;
    // --dry-run: the preflight (the data-exists checks cannot pass for a file not uploaded yet), then the request
    const pre = await preflight(s, p, plan);
    const checks = pre ? pre.checks.filter((c) => !(plan.source.kind === 'local' && c.id.startsWith('data-'))) : [];
    const failed = checks.filter((c) => c.status === 'FAIL');
    if (pre) {
      const result = { ...pre, checks, ok: !failed.length };
      s.doc.preflight = { ok: result.ok, checks };
      ctx.emit({ type: 'preflight', result, roleArn: plan.roleArn, blocked: !result.ok, permission: failed.some((c) => PERMISSION_CHECKS.has(c.id)) });
    }
    const request = createRequest(plan);
    Object.assign(s.doc, { dryRun: true, request });
    ctx.emit({ type: 'dry-run', request });
    const code = failed.length ? (failed.some((c) => PERMISSION_CHECKS.has(c.id)) ? 3 : 1) : 0;
    // an S3 object's fixed copy: a real run removes it once uploaded; a dry run leaves it, said where (as a local CSV's copy beside it)
    const kept = tempCopy(s, plan) ? [`The fixed copy stays in ${visible((plan.source as { path: string }).path)} for you to read; a real run uploads it, then removes it.`] : [];
    return { end: { exitCode: code, reason: 'dry-run', plan, lines: [code ? 'Dry run: the preflight found a problem; a real run would stop here. Nothing was uploaded or created.' : 'Dry run: nothing was uploaded or created.', ...kept] } };
  },
};

export const createStep: StepDef = {
  id: 'create',
  screen: 'review',
  kind: 'run',
  sideEffect: true,
  async model() {
    return frame('create', 'review', 'run', 'Creating the import job');
  },
  async run(s, p, ctx) {
    const plan = planOf(s);
    const location = planDataLocation(plan);
    const pre = await preflight(s, p, plan);
    if (pre) {
      s.doc.preflight = { ok: pre.ok, checks: pre.checks };
      const failed = pre.checks.filter((c) => c.status === 'FAIL');
      const permission = failed.some((c) => PERMISSION_CHECKS.has(c.id));
      ctx.emit({ type: 'preflight', result: pre, roleArn: plan.roleArn, blocked: !pre.ok, permission });
      if (!pre.ok) {
        const lines = [`Preflight failed (${failed.map((c) => c.title).join('; ')}): the import job was NOT created.${plan.source.kind === 'local' ? ` The file stays at ${location}.` : ''}`];
        return { end: { exitCode: permission ? 3 : 1, reason: 'failed', plan, lines } };
      }
    }
    // the last moment a Ctrl-C stops the creation: after this line the request is on its way
    if (ctx.signal.aborted) return { end: { exitCode: 130, reason: 'stopped', plan, lines: ['Stopped before the import job was created.', ...whatHappened(s, p)] } };
    ctx.emit({ type: 'creating', dataLocation: location });
    // the job must read the object this run uploaded (another run may have written the key since)
    const up = s.loaded.upload;
    if (up && p.s3.head) await checkUploaded(p.s3.head.bind(p.s3), up);
    const req = createRequest(plan);
    let jobArn: string;
    try {
      // a generated name that clashes (concurrent runs in the same second) gets a random suffix
      const made = await createWithFreshName(req.jobName, s.answers.jobNameGenerated, (name) => p.personalize.createImportJob({
        name, datasetArn: req.datasetArn, dataLocation: location, roleArn: req.roleArn, importMode: req.importMode,
        ...(plan.tags && Object.keys(plan.tags).length ? { tags: plan.tags } : {}),
        ...(req.publishAttributionMetricsToS3 !== undefined ? { publishAttributionMetricsToS3: req.publishAttributionMetricsToS3 } : {}),
      }));
      jobArn = made.result;
      if (made.name !== req.jobName) {
        s.answers.jobName = made.name;
        plan.jobName = made.name;
      }
    } catch (e) {
      ctx.emit({ type: 'create-refused', error: e });
      throw e;
    }
    s.loaded.jobArn = jobArn;
    s.doc.datasetImportJobArn = jobArn;
    ctx.emit({ type: 'created', jobArn, dataLocation: location });
    // Ctrl-C while the request was in flight: the job exists; say so
    if (ctx.signal.aborted) return { end: { exitCode: 130, reason: 'stopped', plan, jobArn, lines: whatHappened(s, p) } };
    if (p.noWait) {
      const job = await p.personalize.describeImportJob(jobArn).catch(() => undefined);
      s.doc.status = job?.status ?? 'CREATE PENDING';
      return { end: { exitCode: 0, reason: 'done', plan, jobArn, lines: [`Not waiting (--no-wait). Follow it with: personalize-import status ${jobArn}`] } };
    }
    return undefined;
  },
};

export const watchStep: StepDef = {
  id: 'watch',
  screen: 'watch',
  kind: 'run',
  async model(_s, p) {
    // where the job runs, said as it is (the embedded sandbox is not AWS)
    return { ...frame('watch', 'watch', 'run', 'Following the import job'), purpose: stepInfo('watch', p.context).purpose };
  },
  async run(s, p, ctx) {
    const arn = s.loaded.jobArn!;
    const plan = planOf(s);
    let last;
    for await (const snap of watchJob(p.personalize, arn, { signal: ctx.signal, ...(p.watch ?? {}) })) {
      ctx.emit({ type: 'job', snapshot: snap });
      last = snap;
    }
    s.doc.status = last?.status;
    if (!last?.done) {
      s.doc.interrupted = true;
      return { end: { exitCode: 130, reason: 'stopped', plan, jobArn: arn, lines: [`Stopped watching${last ? ` (last seen: ${last.status})` : ''}.`, ...whatHappened(s, p)] } };
    }
    s.loaded.finalStatus = last.status;
    if (last.job.failureReason) s.doc.failureReason = last.job.failureReason;
    if (last.status === 'ACTIVE') {
      const lines = nextSteps(s.answers.datasetType, plan.importMode, Boolean(s.loaded.details?.rules.hasBulkData), s.loaded.group?.domain).map((n) => `  • ${n}`);
      ctx.emit({ type: 'finished', status: last.status, jobArn: arn, lines: [`✔ Imported into ${s.answers.datasetName}.`, 'What happens next:', ...lines] });
      return undefined;
    }
    const m = matchFailure(last.job.failureReason, factsOfJob(last.job));
    s.doc.failure = { id: m.id, known: m.known, cause: m.cause, fix: m.fix, ...('docs' in m && m.docs ? { docs: m.docs } : {}) };
    ctx.emit({ type: 'finished', status: last.status, jobArn: arn, lines: [
      `✗ ${m.title}${m.known ? '' : ' (not in the catalogue)'}`, `  Cause: ${m.cause}`, `  Fix:   ${m.fix}`, ...('docs' in m && m.docs ? [`  Docs:  ${m.docs}`] : []),
      // the embedded sandbox ends with this command, and the job with it: `diagnose --sandbox ARN`
      // from another terminal starts a new sandbox that has no such job — say what is true (as the
      // end-of-run summary does) rather than offer a command that cannot reach it
      p.context.sandbox
        ? '  → The cause and fix above are the diagnosis: this job is in the embedded sandbox, which stops with this command, so no later diagnose can reach it. To diagnose sandbox jobs from another terminal, keep a sandbox running: personalize-import sandbox --help'
        : `  → The full diagnosis (permissions, data in place): personalize-import diagnose ${arn}`,
    ] });
    // what now: another file, a retry, or the end (exit 1): the next step (steps-failed.ts)
    return undefined;
  },
};

export function suggestProfileName(groupName: string | undefined): string {
  return (groupName ?? 'import').replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 50) || 'import';
}

/** What a profile saved under `name` would hold. */
function profileFields(s: FlowState, p: FlowPorts, name: string) {
  const a = s.answers;
  const sandbox = Boolean(p.context.sandbox);
  return {
    name, region: p.context.region ?? a.region, awsProfile: sandbox ? undefined : (p.context.profile ?? a.awsProfile), ...(sandbox ? { sandbox: true } : {}),
    datasetGroupArn: a.datasetGroupArn!, datasetGroupName: a.datasetGroupName, datasetArn: a.datasetArn!, datasetName: a.datasetName,
    datasetType: a.datasetType, bucket: a.bucket, prefix: a.prefix, roleArn: a.roleArn,
  };
}

function saveProfile(s: FlowState, p: FlowPorts, name: string) {
  const sandbox = Boolean(p.context.sandbox);
  p.profiles!.save(profileFields(s, p, name));
  const flag = sandbox ? ' --sandbox' : '';
  return { end: { exitCode: 0, reason: 'done' as const, plan: planOf(s), jobArn: s.loaded.jobArn, lines: [`Saved profile ${name}. Next time: personalize-import --profile ${name}${flag}  (or: personalize-import import --profile ${name}${flag} --csv FILE)`] } };
}

const profileName = (s: FlowState) => s.answers.profileName ?? suggestProfileName(s.answers.datasetGroupName);

export const saveStep: StepDef = {
  id: 'save',
  screen: 'save',
  kind: 'choose',
  applies: (s, p) => Boolean(p.profiles && s.loaded.finalStatus === 'ACTIVE' && s.answers.datasetArn && s.answers.datasetGroupArn),
  async model(s, p) {
    const name = profileName(s);
    const existing = p.profiles!.get(name);
    // the saved profile already holds exactly these answers: nothing to update, say so (#16 item 19)
    const unchanged = holdsSame(existing, profileFields(s, p, name));
    return frame('save', 'save', 'choose', 'Save these answers as a profile?', {
      lines: [
        { text: `A profile keeps the region, dataset group, dataset, bucket, prefix and role — never credentials. Next time: personalize-import --profile ${name}${p.context.sandbox ? ' --sandbox' : ''}` },
        // (what this run created in the embedded sandbox ends with it: the profile's group and dataset are asked again)
        ...(p.context.sandbox && !p.context.sandboxKept && createdGroupOrDataset(s) ? [{ text: 'The embedded sandbox keeps only its sample groups (sandbox-shop, sandbox-ecommerce) from one run to the next: the group or dataset made in this run is gone next time, so it is asked again (made from your CSV); the bucket, folder and role are kept. --sandbox-data-dir <folder> keeps it.', tone: 'dim' as const }] : []),
      ],
      choices: unchanged
        ? [{ value: 'skip', label: `Done (profile “${name}” already holds these answers)` }, { value: 'other', label: 'Save under another name…' }]
        : [
            { value: 'save', label: existing ? `Update profile “${name}”` : `Save as profile “${name}”` },
            { value: 'other', label: 'Save under another name…' },
            { value: 'skip', label: 'Don’t save' },
          ],
      default: unchanged ? 'skip' : 'save',
      unattended: { value: 'skip' },
    });
  },
  async answer(s, v, p) {
    if (v === 'other') return { goto: 'save-name' };
    if (v === 'skip') return { end: { exitCode: 0, reason: 'done', plan: planOf(s), jobArn: s.loaded.jobArn, lines: [] } };
    return saveProfile(s, p, profileName(s));
  },
};

export const saveNameStep: StepDef = {
  id: 'save-name',
  screen: 'save',
  kind: 'input',
  applies: () => false,
  async model(s) {
    return frame('save-name', 'save', 'input', 'Profile name', {
      default: profileName(s),
      check: (v) => (PROFILE_NAME.test(v.trim()) ? undefined : 'Letters, digits, "-" and "_" (up to 64), starting with a letter or digit.'),
      unattended: { value: profileName(s) },
    });
  },
  async answer(s, v, p) {
    return saveProfile(s, p, v.trim());
  },
};

/** ", 107 warnings accepted": every warning, not the ones listed (a report lists 20 of a code) */
function warnedText(r: { warnings: Issue[]; stats: { issueCounts: Record<string, number> } }): string {
  const w = issueTotal(r.warnings, r.stats.issueCounts);
  return w ? `, ${withCommas(w)} warning${w > 1 ? 's' : ''} accepted` : '';
}

/** this run created the dataset group or a dataset (kept in s.doc, issue #12) */
function createdGroupOrDataset(s: FlowState): boolean {
  const made = (s.doc.created ?? {}) as Record<string, string | undefined>;
  return Boolean(made.datasetGroupArn || made.datasetArn || (s.doc.createdDatasets && Object.keys(s.doc.createdDatasets as object).length));
}
