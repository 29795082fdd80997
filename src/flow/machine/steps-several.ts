// Several files at once (issue #19), from the CSV step of "＋ Create the dataset from my CSV": a
// folder (or files separated by commas) is typed file by file and shown for confirmation, each file
// validated against its dataset's schema (or the one its dataset will be created with), the files
// checked against each other (src/crossfile: warnings, never blocking), then one review of what will
// be created and imported; the missing datasets are created (src/flow/create.ts, as the single-file
// path creates its dataset), the files uploaded 3 at a time and the jobs created and followed as the
// 5-running-jobs limit allows (src/flow/group-jobs.ts), a row per job; the end lists every job ARN.
// A single file typed at the CSV step takes the single-file path exactly as before.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { AppError, isAppError } from '../../core/errors.js';
import type { DatasetType, ImportMode } from '../../core/resources.js';
import { visible } from '../../core/sanitize.js';
import { bucketAnswerProblem, bucketOfFlag } from '../../core/s3-uri.js';
import { normalisePrefix } from '../plan.js';
import { runId, uploadKeyFor } from '../../core/upload-key.js';
import { crossCheckFiles, inferOptions, validateGroupFiles, type FileCheck, type GroupFile } from '../group-files.js';
import { renderCrossFile, type CrossFileReport } from '../../crossfile/index.js';
import { inferSchema } from '../../schema/index.js';
import { systemClock } from '../../job/clock.js';
import { parseSchema } from '../../validate/schema.js';
import { findingLines, pairFindings } from '../../validate/findings.js';
import { issueTotal } from '../../validate/issues.js';
import { REGION_JOB_LIMIT, runGroupJobs } from '../group-jobs.js';
import { applyJobEvent, groupHeadline, newGroupRows, uploadDone, uploadProgress, uploadStarted, type GroupRowsLine } from '../group-rows.js';
import { createMissing, datasetNameFor } from '../create.js';
import { groupKind } from '../queries.js';
import { stepInfo } from '../steps.js';
import { createdByRun, frame } from './base.js';
import { existsLines, groupCommands, stoppedEnd, summaryLines } from './several-end.js';
import { folderSuggestions, pickFiles, severalParts, TYPE_WORD, type Picked } from './several-files.js';
import { createApiOf, createOptions, createUnavailable, emitCreate, memoOf } from './steps-new.js';
import { roleDefault } from './steps-job.js';
import type { Choice, FlowPorts, FlowState, Line, RunContext, StepDef } from './types.js';
import { withCommas } from '../../core/with-commas.js';

export interface SeveralMemo extends Picked {
  /** what was typed at the CSV step */
  spec: string;
  confirmed?: boolean;
  /** the group's dataset of each type, when it has one (and whether it holds data) */
  existing?: Partial<Record<DatasetType, { arn: string; name: string; hasData: boolean }>>;
  /** FULL for a dataset without bulk data, INCREMENTAL for one with data (FULL would replace it) */
  modes?: Partial<Record<DatasetType, ImportMode>>;
  checks?: FileCheck[];
  cross?: { report?: CrossFileReport; skipped?: string };
  /** files whose errors the fixer repairs (the review offers it: steps-several-fix.ts): one finding each, not three */
  fixable?: Set<string>;
  /** the files to import (all, or the valid ones) once the review is answered */
  chosen?: GroupFile[];
  bucket?: string;
  prefix?: string;
  roleArn?: string;
  /** datasets this run created, by type */
  created?: Partial<Record<DatasetType, string>>;
  uploaded?: { file: string; location: string }[];
  jobs?: { type: DatasetType; arn: string }[];
}

export function severalOf(s: FlowState): SeveralMemo | undefined {
  return (s as FlowState & { several?: SeveralMemo }).several;
}
function setSeveral(s: FlowState, m: SeveralMemo | undefined): void {
  (s as FlowState & { several?: SeveralMemo }).several = m;
}

/** Several files are offered on the way to creating a dataset from a CSV (not for a dataset picked, nor a --csv). */
function severalAllowed(s: FlowState, p: FlowPorts): boolean {
  const d = memoOf(s).dataset;
  return Boolean(d && !d.arn && !s.presetFrom.csv && !createUnavailable(p));
}

/** EVENT_TYPE (--event-type, asked) and the columns kept (--keep, "Keep one of the columns left out…"): the inference's shape */
const shapeOfAnswers = (s: FlowState) => ({ ...(s.answers.eventType !== undefined ? { eventType: s.answers.eventType } : {}), ...(s.answers.keep?.length ? { keep: s.answers.keep } : {}) });
const word = (t: DatasetType) => TYPE_WORD[t].padEnd(12);
const fmt = (n: number) => withCommas(n);

/** The CSV step, also taking a folder or several files (the single-file answer is the step's own). */
export function withSeveral(csv: StepDef): StepDef {
  return {
    ...csv,
    async model(s, p) {
      const m = await csv.model(s, p);
      if (!severalAllowed(s, p) || m.preset) return m;
      const folders = await folderSuggestions(p.cwd, p.context.sandbox || p.sandboxDefaults ? p.samplesDir : undefined);
      const choices: Choice[] = [...folders.map((f) => ({ value: f.value, label: f.label, description: f.description })), ...(m.choices ?? [])];
      const own = folders.find((f) => f.own);
      const emptyGroup = s.loaded.group ? !(await p.personalize.listDatasets(s.loaded.group.arn)).length : false;
      const current = severalOf(s)?.spec ?? (s.answers.source ? m.default : undefined);
      // your own files first: the files of several datasets here (an empty group), else the one file, else the samples
      const dflt = current ?? (own && emptyGroup ? own.value : m.default ?? folders[0]?.value);
      return {
        ...m,
        question: 'CSV file — or a folder, or files separated by commas, for several datasets at once',
        lines: [...m.lines, { text: 'Several files (interactions, items, users): each is typed by its columns and goes into its own dataset, checked against the others first.', tone: 'dim' }],
        choices,
        ...(dflt !== undefined ? { default: dflt } : {}),
        check: async (v: string) => {
          const parts = severalParts(v, p.cwd);
          if (!parts) return m.check ? m.check(v) : undefined;
          try {
            await pickFiles(parts, p.cwd);
            return undefined;
          } catch (e) {
            if (typeof e === 'string') return e;
            throw e;
          }
        },
      };
    },
    async answer(s, v, p, ctx) {
      const parts = severalAllowed(s, p) ? severalParts(v, p.cwd) : undefined;
      if (!parts) {
        setSeveral(s, undefined);
        return csv.answer!(s, v, p, ctx);
      }
      const picked = await pickFiles(parts, p.cwd);
      // a folder with one CSV is that file: the single-file path
      if (picked.files.length === 1) {
        setSeveral(s, undefined);
        return csv.answer!(s, picked.files[0].path, p, ctx);
      }
      setSeveral(s, { spec: v.trim(), ...picked });
      return undefined;
    },
  };
}

const pending = (s: FlowState) => Boolean(severalOf(s) && !severalOf(s)!.jobs);

export const severalFilesStep: StepDef = {
  id: 'several-files',
  screen: 'csv',
  kind: 'review',
  applies: (s) => pending(s) && !severalOf(s)!.confirmed,
  async model(s, p) {
    const m = severalOf(s)!;
    const group = s.loaded.group!;
    const datasets = await p.personalize.listDatasets(group.arn);
    const lines: Line[] = [{ text: `${m.files.length} files for dataset group ${visible(group.name)} (${groupKind(group.domain)}), each typed by its columns:`, tone: 'bold' }];
    for (const f of m.files) {
      const d = datasets.find((x) => x.datasetType === f.type);
      lines.push({ text: `  ${word(f.type)} ${visible(f.path)}  → ${d ? `dataset ${visible(d.name)} (exists)` : `new dataset ${datasetNameFor(group.name, f.type)}`}` });
      lines.push({ text: `  ${' '.repeat(12)} ${visible(f.typeReason)}`, tone: 'dim' });
    }
    for (const u of m.unused) lines.push({ text: `  not used: ${visible(u.path)} (${u.why})`, tone: 'dim' });
    if (m.unused.length) lines.push({ text: '  To use another file, type the files separated by commas (e.g. interactions.csv, items-v2.csv, users.csv).', tone: 'dim' });
    const wrongDomain = m.files.filter((f) => group.domain && !['INTERACTIONS', 'ITEMS', 'USERS'].includes(f.type));
    const blocked = wrongDomain.length ? `A ${group.domain} Domain group cannot hold ${wrongDomain.map((f) => TYPE_WORD[f.type]).join(', ')} datasets.` : undefined;
    if (blocked) lines.push({ text: `✗ ${blocked}`, tone: 'error' });
    lines.push({ text: 'Nothing is created yet: next each file is validated, then the files are checked against each other.', tone: 'dim' });
    const choices: Choice[] = [
      { value: 'go', label: 'Check these files', description: 'each against its schema, then the IDs across the files', ...(blocked ? { disabled: blocked } : {}) },
      { value: 'again', label: 'Other files or another folder' },
      { value: 'back', label: 'Back to the datasets (create nothing)' },
    ];
    return frame('several-files', 'csv', 'review', `Import these ${m.files.length} files?`, {
      lines, choices, default: choices.find((c) => !c.disabled)!.value,
      unattended: { error: 'import: several files at once: import --csv interactions=a.csv --csv items=b.csv --csv users=c.csv.' },
    });
  },
  async answer(s, v) {
    if (v === 'again') return { goto: 'csv' };
    if (v === 'back') {
      setSeveral(s, undefined);
      memoOf(s).dataset = undefined;
      return { goto: 'dataset' };
    }
    severalOf(s)!.confirmed = true;
    return undefined;
  },
};

export const severalCheckStep: StepDef = {
  id: 'several-check',
  screen: 'validate',
  kind: 'run',
  applies: (s) => pending(s) && Boolean(severalOf(s)!.confirmed) && !severalOf(s)!.checks,
  async model(s) {
    return frame('several-check', 'validate', 'run', `Checking ${severalOf(s)!.files.length} files`);
  },
  async run(s, p, ctx) {
    try {
      return await checkFiles(s, p, ctx);
    } catch (e) {
      if (ctx.signal.aborted || (isAppError(e) && e.kind === 'interrupted')) return { end: stoppedEnd(s, severalOf(s)!, p) };
      throw e;
    }
  },
};

async function checkFiles(s: FlowState, p: FlowPorts, ctx: RunContext): Promise<undefined> {
  const m = severalOf(s)!;
  const group = s.loaded.group!;
  const datasets = await p.personalize.listDatasets(group.arn);
  m.existing = {};
  for (const f of m.files) {
    const d = datasets.find((x) => x.datasetType === f.type);
    if (d) m.existing[f.type] = { arn: d.arn, name: d.name, hasData: (await p.personalize.listImportJobs(d.arn)).some((j) => j.status === 'ACTIVE') };
  }
  // FULL replaces what a dataset holds: one with data gets INCREMENTAL (said in the review); one
  // without bulk data takes FULL only
  const modes: Partial<Record<DatasetType, ImportMode>> = {};
  for (const f of m.files) modes[f.type] = m.existing[f.type]?.hasData ? 'INCREMENTAL' : 'FULL';
  m.modes = modes;
  m.checks = [];
  if (p.skipValidation) {
    ctx.emit({ type: 'note', tone: 'warn', text: 'Validation skipped (--skip-validation): a bad file fails its job after the wait.' });
  } else {
    for (const mode of ['FULL', 'INCREMENTAL'] as const) {
      const files = m.files.filter((f) => modes[f.type] === mode);
      if (!files.length) continue;
      m.checks.push(...(await validateGroupFiles(files, {
        domain: group.domain, mode, signal: ctx.signal, shape: shapeOfAnswers(s),
        schemaFor: async (f) => {
          const e = m.existing![f.type];
          if (!e) return undefined;
          const d = await p.personalize.describeDataset(e.arn);
          const sch = await p.personalize.describeSchema(d.schemaArn!);
          return { schema: parseSchema(sch.raw ?? JSON.stringify(sch.avro), `the schema of ${d.arn}`), from: `the dataset ${d.name}` };
        },
        onFile: (f) => ctx.emit({ type: 'note', tone: 'dim', text: `Validating ${visible(f.path)} (${TYPE_WORD[f.type]}, ${mode})…` }),
      })));
    }
    m.checks.sort((a, b) => m.files.indexOf(a.file) - m.files.indexOf(b.file));
  }
  ctx.emit({ type: 'note', tone: 'dim', text: 'Checking the IDs across the files…' });
  m.cross = await crossCheckFiles(m.files, ctx.signal, m.checks);
  if (ctx.signal.aborted) throw new AppError('interrupted', 'Stopped.');
  return undefined;
}

function checkLines(m: SeveralMemo): Line[] {
  const lines: Line[] = [];
  for (const c of m.checks ?? []) {
    const r = c.report;
    const w = issueTotal(r.warnings, r.stats.issueCounts);
    if (r.valid) lines.push({ text: `✓ ${word(c.file.type)} ${visible(c.file.path)}: ${fmt(r.rows)} rows valid${w ? `, ${fmt(w)} warning${w === 1 ? '' : 's'}` : ''} (schema ${visible(c.schemaFrom)})`, tone: 'ok' });
    else {
      const e = issueTotal(r.errors, r.stats.issueCounts);
      const repaired = m.fixable?.has(c.file.abs);
      lines.push({ text: `✗ ${word(c.file.type)} ${visible(c.file.path)}: ${fmt(e)} error${e === 1 ? '' : 's'}${repaired ? ', of kinds the fixer repairs' : ''} (schema ${visible(c.schemaFrom)})`, tone: 'error' });
      // as the one-file validation shows them: grouped by kind, the column that is probably the missing
      // one under another name beside it (rename SKU to ITEM_ID), each line said once ("line 1: Line 1: …" was)
      const explaining = pairFindings(r.errors, r.warnings).pairs.flatMap((x) => x.related.map((y) => y.warning));
      // one kind is enough for a file the fixer repairs (its copy is checked again), three otherwise
      const f = findingLines(r.errors, explaining, { limit: repaired ? 1 : 3 });
      for (const l of f.lines) if (l.tone !== 'dim') lines.push({ text: `    ${' '.repeat(l.indent)}${l.text}`, tone: l.tone === 'related' ? 'warn' : 'error' });
      if (f.hidden) lines.push({ text: `    … validate ${visible(c.file.path)} lists them all`, tone: 'dim' });
    }
  }
  if (m.cross?.report) {
    const [head, ...rest] = renderCrossFile(m.cross.report).trimEnd().split('\n');
    const warn = m.cross.report.findings.length > 0;
    lines.push({ text: head, tone: warn ? 'warn' : 'ok' });
    for (const l of rest) lines.push({ text: l, tone: /^ {2}CROSS_/.test(l) ? 'warn' : 'dim' });
    if (warn) lines.push({ text: '  These are warnings: the service imports the files as they are (it does not compare datasets), and a recommender then knows nothing of the IDs that do not match.', tone: 'dim' });
  } else if (m.cross?.skipped) lines.push({ text: `Across the files: not checked — ${visible(m.cross.skipped)}`, tone: 'dim' });
  return lines;
}

const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/;
const bucketDefault = (s: FlowState, p: FlowPorts) => severalOf(s)?.bucket ?? s.answers.bucket ?? p.context.bucket ?? p.sandboxDefaults?.bucket;
const roleOf = (s: FlowState, p: FlowPorts) => severalOf(s)?.roleArn ?? s.answers.roleArn ?? roleDefault(s, p)?.roleArn;
const checked = (s: FlowState) => pending(s) && Boolean(severalOf(s)!.checks) && !severalOf(s)!.chosen;

/** Only asked when nothing suggests a bucket (the sandbox's, a profile's), or from the review. */
export const severalBucketStep: StepDef = {
  id: 'several-bucket',
  screen: 'upload',
  kind: 'input',
  applies: (s, p) => checked(s) && !bucketDefault(s, p),
  async model(s, p) {
    const m = severalOf(s)!;
    let buckets: string[] = [];
    try {
      buckets = await p.s3.listBuckets();
    } catch {
      /* typed instead */
    }
    const dflt = bucketDefault(s, p) ?? buckets[0];
    return frame('several-bucket', 'upload', 'input', `Bucket the ${m.files.length} files are uploaded to (Personalize must be allowed to read it)`, {
      choices: buckets.map((b) => ({ value: b, label: b })),
      ...(dflt ? { default: dflt } : {}),
      check: bucketAnswerProblem,
      unattended: { error: 'import: pass --bucket.' },
    });
  },
  async answer(s, v) {
    // a name or s3://bucket[/folder/], read as --bucket is
    const { bucket, prefix } = bucketOfFlag(v) ?? { bucket: v.trim(), prefix: '' };
    severalOf(s)!.bucket = bucket;
    if (prefix && !s.presetFrom.prefix) severalOf(s)!.prefix = normalisePrefix(prefix);
    return { goto: 'several-role' };
  },
};

export const severalRoleStep: StepDef = {
  id: 'several-role',
  screen: 'job',
  kind: 'input',
  applies: (s, p) => checked(s) && !roleOf(s, p),
  async model(s, p) {
    const dflt = roleOf(s, p);
    return frame('several-role', 'job', 'input', 'IAM role Personalize reads the files with', {
      lines: [{ text: 'It must trust personalize.amazonaws.com and may read the bucket.', tone: 'dim' }],
      ...(dflt ? { default: dflt } : {}),
      check: (v) => (ROLE.test(v.trim()) ? undefined : 'A role ARN looks like arn:aws:iam::111122223333:role/PersonalizeS3Access.'),
      unattended: { error: 'import: pass --role-arn.' },
    });
  },
  async answer(s, v) {
    severalOf(s)!.roleArn = v.trim();
    return { goto: 'several-review' };
  },
};

export const severalReviewStep: StepDef = {
  id: 'several-review',
  screen: 'review',
  kind: 'review',
  applies: checked,
  async model(s, p) {
    const m = severalOf(s)!;
    const group = s.loaded.group!;
    const bucket = bucketDefault(s, p);
    const role = roleOf(s, p);
    const prefix = m.prefix ?? s.answers.prefix ?? 'personalize-import/';
    const invalid = (m.checks ?? []).filter((c) => !c.report.valid).map((c) => c.file);
    const valid = m.files.filter((f) => !invalid.includes(f));
    const lines = checkLines(m);
    const plan = (files: GroupFile[]): Line[] => [
      { text: `${files.length === m.files.length ? 'This' : `Leaving out ${invalid.map((f) => visible(f.path)).join(', ')}, this`} creates and imports into ${visible(group.name)}:`, tone: 'bold' },
      ...files.map((f) => ({ text: `  ${word(f.type)} ${m.existing?.[f.type] ? `dataset ${visible(m.existing[f.type]!.name)} (exists${m.existing[f.type]!.hasData ? ', has data' : ''})` : `new schema and dataset ${datasetNameFor(group.name, f.type)} (from its columns)`} — ${m.modes?.[f.type] ?? 'FULL'}` })),
      { text: `  then uploads ${files.length === 1 ? 'the file' : `${files.length} files`} to s3://${visible(bucket ?? '?')}/${visible(prefix)} and creates ${files.length === 1 ? 'its import job' : `${files.length} import jobs`} with role ${visible(role ?? '?')}` },
      ...(files.some((f) => m.modes?.[f.type] === 'INCREMENTAL') ? [{ text: '  INCREMENTAL into a dataset that holds data (adds to it: FULL would replace it); FULL into a new or empty one.', tone: 'dim' as const }] : []),
      { text: `  At most ${REGION_JOB_LIMIT} import jobs run at once in a region (counting the account’s others): the rest wait for a slot.`, tone: 'dim' },
    ];
    lines.push({ text: '' }, ...plan(invalid.length && valid.length ? valid : m.files));
    const missing = (files: GroupFile[]) => files.filter((f) => !m.existing?.[f.type]).length;
    const what = (files: GroupFile[]) => `${missing(files) ? `Create the missing dataset${missing(files) === 1 ? '' : 's'} and import` : 'Import'} ${files.length === 2 ? 'both files' : `the ${files.length} files`}`;
    // one file left: named, the dataset made for it said below (it read "… and import the 1 …", cut at 80 columns)
    const leaveOut = (files: GroupFile[], lead: string) => (files.length > 1 ? { label: `${lead}${what(files).replace(/^./, (c) => c.toLowerCase())}` }
      : { label: `${lead}import ${visible(files[0].path)} only`, ...(missing(files) ? { description: 'its dataset is created first' } : {}) });
    const choices: Choice[] = [
      { value: 'go', label: what(m.files), description: 'nothing is created before this', ...(invalid.length ? { disabled: `${invalid.map((f) => visible(f.path)).join(', ')} ha${invalid.length === 1 ? 's' : 've'} errors` } : {}) },
      ...(invalid.length && valid.length ? [{ value: 'valid', ...leaveOut(valid, `Leave out the file${invalid.length === 1 ? '' : 's'} with errors: `) }] : []),
      ...(invalid.length ? [{ value: 'anyway', label: 'Import every file anyway', description: 'a file with errors most likely fails its job' }] : []),
      { value: 'where', label: 'Change the bucket or role' },
      { value: 'again', label: 'Other files or another folder' },
      { value: 'quit', label: 'Quit (create nothing)' },
    ];
    return frame('several-review', 'review', 'review', invalid.length ? 'Some files have errors; nothing was created. What now?' : `${what(m.files)}?`, {
      lines, choices, default: invalid.length ? 'again' : 'go',
      unattended: { error: 'import: several files at once: import --csv interactions=a.csv --csv items=b.csv --csv users=c.csv.' },
    });
  },
  async answer(s, v, p) {
    const m = severalOf(s)!;
    if (v === 'again') {
      setSeveral(s, undefined);
      return { goto: 'csv' };
    }
    if (v === 'where') {
      m.bucket = bucketDefault(s, p);
      return { goto: 'several-bucket' };
    }
    if (v === 'quit') return { end: { exitCode: 0, reason: 'quit', lines: [...createdByRun(s), 'Nothing was uploaded and no import job was created.'] } };
    const invalid = (m.checks ?? []).filter((c) => !c.report.valid).map((c) => c.file);
    m.chosen = v === 'valid' ? m.files.filter((f) => !invalid.includes(f)) : m.files;
    m.bucket = bucketDefault(s, p);
    m.roleArn = roleOf(s, p);
    m.prefix = m.prefix ?? s.answers.prefix ?? 'personalize-import/';
    return undefined;
  },
};

export const severalCreateStep: StepDef = {
  id: 'several-create',
  screen: 'dataset',
  kind: 'run',
  sideEffect: true,
  consent: 'several-review',
  applies: (s) => pending(s) && Boolean(severalOf(s)!.chosen) && severalOf(s)!.chosen!.some((f) => !severalOf(s)!.existing?.[f.type] && !severalOf(s)!.created?.[f.type]),
  async model(s) {
    const m = severalOf(s)!;
    return frame('several-create', 'dataset', 'run', `Creating the ${m.chosen!.filter((f) => !m.existing?.[f.type]).map((f) => TYPE_WORD[f.type]).join(', ')} datasets`);
  },
  async run(s, p, ctx) {
    const m = severalOf(s)!;
    const group = s.loaded.group!;
    m.created ??= {};
    try {
      for (const f of m.chosen!.filter((x) => !m.existing?.[x.type] && !m.created![x.type])) {
        // the schema as the single-file path infers it (the same sample, the same rules)
        const r = await inferSchema(createReadStream(f.abs, { highWaterMark: 1 << 20 }), inferOptions(f, group.domain, shapeOfAnswers(s)));
        const made = await createMissing(createApiOf(p)!, { group: { arn: group.arn }, dataset: { type: f.type, schema: r.schema, name: datasetNameFor(group.name, f.type) } }, createOptions(p, ctx, emitCreate(ctx)));
        m.created[f.type] = made.datasetArn!;
        s.doc.createdDatasets = { ...((s.doc.createdDatasets as object) ?? {}), [TYPE_WORD[f.type]]: made.created };
        ctx.emit({ type: 'note', tone: 'ok', text: `✔ Dataset ${datasetNameFor(group.name, f.type)} [${f.type}] is ACTIVE.` });
      }
    } catch (e) {
      if (ctx.signal.aborted || (isAppError(e) && e.kind === 'interrupted')) return { end: stoppedEnd(s, m, p) };
      throw e;
    }
    return undefined;
  },
};

async function runningJobs(p: FlowPorts): Promise<number> {
  let n = 0;
  for (const g of await p.personalize.listDatasetGroups()) {
    for (const d of await p.personalize.listDatasets(g.arn)) n += (await p.personalize.listImportJobs(d.arn)).filter((j) => /PENDING|IN_PROGRESS/.test(j.status)).length;
  }
  return n;
}

export const severalJobsStep: StepDef = {
  id: 'several-jobs',
  screen: 'watch',
  kind: 'run',
  sideEffect: true,
  consent: 'several-review',
  applies: (s) => pending(s) && Boolean(severalOf(s)!.chosen),
  async model(s, p) {
    const n = severalOf(s)!.chosen!.length;
    // where the jobs run, said as it is (the embedded sandbox is not AWS), plural
    return { ...frame('several-jobs', 'watch', 'run', `Uploading ${n} files, then ${n} import jobs`), purpose: stepInfo('watch', p.context, n).purpose };
  },
  async run(s, p, ctx) {
    const m = severalOf(s)!;
    const group = s.loaded.group!;
    const files = m.chosen!;
    const arnOf = (t: DatasetType) => m.existing?.[t]?.arn ?? m.created![t]!;
    const id = runId(p.now);
    const locations = new Map<GroupFile, string>();
    m.uploaded = [];
    // the rows drawn live (Ink) or as lines (plain): a snapshot each time one changes
    const rows = newGroupRows(files);
    const rowOf = (f: GroupFile) => rows[files.indexOf(f)];
    const show = (line?: GroupRowsLine) => ctx.emit({ type: 'group-rows', headline: groupHeadline(rows), rows: rows.map((r) => ({ ...r })), ...(line ? { line } : {}) });
    let shownAt = 0;
    show();
    try {
      const queue = [...files];
      const worker = async () => {
        for (let f = queue.shift(); f; f = queue.shift()) {
          const row = rowOf(f);
          uploadStarted(row, Date.now());
          show();
          const u = await p.s3.upload({
            bucket: m.bucket!, key: uploadKeyFor(m.prefix!, basename(f.path), id), file: f.abs, signal: ctx.signal,
            onProgress: (q) => {
              uploadProgress(row, q.loaded, q.total);
              // a few times a second at most: the rows, not a flood
              const t = Date.now();
              if (t - shownAt >= 250) {
                shownAt = t;
                show();
              }
            },
          });
          const location = `s3://${u.bucket}/${u.key}`;
          locations.set(f, location);
          m.uploaded!.push({ file: f.path, location });
          const took = Date.now() - (row.since ?? Date.now());
          uploadDone(row, u.bytes, Date.now());
          show({ text: `Uploaded ${visible(f.path)} → ${visible(location)} (${fmt(u.bytes)} bytes, ${Math.round(took / 1000)} s)` });
        }
      };
      await Promise.all([worker(), worker(), worker()]);
    } catch (e) {
      if (ctx.signal.aborted || (isAppError(e) && e.kind === 'interrupted')) return { end: { ...stoppedEnd(s, m, p), lines: ['Stopped during the upload: it was aborted (no parts are left in S3); no import job was created.', ...existsLines(s, m)] } };
      throw e;
    }
    m.jobs = [];
    show({ text: `Import jobs, at most ${REGION_JOB_LIMIT} running in the region:`, tone: 'bold' });
    const stamp = id.slice(0, 15);
    const results = await runGroupJobs(p.personalize, files.map((f) => ({
      type: f.type, file: f.path, datasetArn: arnOf(f.type), dataLocation: locations.get(f)!,
      jobName: `${group.name.slice(0, 30)}-${TYPE_WORD[f.type]}-${stamp}`.replace(/[^a-zA-Z0-9\-_]/g, '-'), importMode: m.modes?.[f.type] ?? 'FULL',
    })), {
      roleArn: m.roleArn!, importMode: 'FULL', clock: { now: systemClock.now, sleep: p.sleep ?? systemClock.sleep }, signal: ctx.signal,
      runningJobs: () => runningJobs(p),
      ...(p.watch ? { watch: p.watch, pollMs: Math.max(p.watch.maxMs ?? 1000, 1000) } : {}),
      onEvent: (e) => {
        if (e.kind === 'created') m.jobs!.push({ type: e.type, arn: e.arn });
        show(applyJobEvent(rows, e, Date.now(), REGION_JOB_LIMIT));
      },
    });
    s.doc.jobs = results.map((r) => ({ datasetType: r.type, file: r.file, datasetArn: r.datasetArn, datasetImportJobArn: r.datasetImportJobArn ?? null, status: r.status, ...(r.failureReason ? { failureReason: r.failureReason } : {}) }));
    if (ctx.signal.aborted) return { end: stoppedEnd(s, m, p) };
    const all = results.every((r) => r.status === 'ACTIVE');
    // no jobArn: the faces' one-job summary would follow, naming one of the jobs with no status
    return { end: { exitCode: all ? 0 : 1, reason: all ? 'done' : 'failed', lines: [...summaryLines(results), ...existsLines(s, m), ...groupCommands(s, p, !all)] } };
  },
};
