// `import --csv interactions=a.csv --csv items=b.csv --csv users=c.csv` (or `--csv <folder>`): a whole
// dataset group at once (issue #19). Each file is typed by its columns (or TYPE=), validated against
// its dataset's schema (or the one inferred to create it) — with --fix, the invalid ones replaced by
// their fixed copies and checked again (import-group-fix.ts) —, checked against the others (cross-file,
// warnings), its dataset created with --create when missing, the files uploaded together (3 at a
// time), and the jobs created as the service allows (src/flow/group-jobs.ts), each followed to its
// own end. One summary with every job ARN (--json: jobs[]). Exit 0 when every job is ACTIVE, 1 when
// one is not (or a file is invalid), 2 usage, 3 permissions, 130 Ctrl-C (the jobs that exist listed).
import { basename } from 'node:path';
import { fittedWriter } from '../core/fit.js';
import { EXIT } from '../core/exit-codes.js';
import { AppError, usageError } from '../core/errors.js';
import { visible } from '../core/sanitize.js';
import type { CommandContext } from '../cli/context.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import { uploadKeyFor, runId } from '../core/upload-key.js';
import { crossCheckFiles, resolveGroupFiles, splitSpec, validateGroupFiles, type FileCheck, type GroupFile } from './group-files.js';
import { graceful } from '../core/signals.js';
import { dateOrder, decimalMark } from '../cli/args.js';
import { bucketAndPrefix } from './import-flags.js';
import { withCommas } from '../core/with-commas.js';

export interface GroupImportValues {
  csv?: string[];
  'dataset-group'?: string;
  'dataset-arn'?: string;
  'dataset-type'?: string;
  'data-location'?: string;
  bucket?: string;
  prefix?: string;
  'role-arn'?: string;
  mode?: string;
  'job-name'?: string;
  tag?: string[];
  create?: boolean;
  domain?: string;
  schema?: string;
  'kms-key-arn'?: string;
  /** the order the fix reads dates in numbers only with, for every file */
  dates?: string;
  /** EVENT_TYPE with this value in every row of the interactions file (an order export: purchase) */
  'event-type'?: string;
  /** old=New: EVENT_TYPE values of the interactions file the fix writes again */
  'event-names'?: string[];
  /** columns the inferred schemas would leave out, kept (whichever file holds them) */
  keep?: string[];
  /** the decimal mark the fix reads a number written two ways (1,234) with, for every file */
  decimal?: string;
  yes?: boolean;
  'skip-validation'?: boolean;
  'dry-run'?: boolean;
  'no-wait'?: boolean;
  json?: boolean;
  region?: string;
  'aws-profile'?: string;
  sandbox?: boolean;
  debug?: boolean;
  profile?: string;
  fix?: boolean;
  'fix-rejects'?: boolean;
  individually?: boolean;
  resume?: string;
  'publish-attribution-metrics'?: boolean;
}

/** a --csv value that means "several files": TYPE=FILE, or a folder */
export async function isGroupSpec(specs: string[], cwd: string): Promise<boolean> {
  if (specs.length > 1) return true;
  const { splitSpec } = await import('./group-files.js');
  if (specs.length === 1 && splitSpec(specs[0]).type) return true;
  if (specs.length === 1) {
    const { stat } = await import('node:fs/promises');
    const { resolve } = await import('node:path');
    try {
      return (await stat(resolve(cwd, specs[0]))).isDirectory();
    } catch {
      return false;
    }
  }
  return false;
}

/** `import` with several --csv files: the flags turned into options, the run, --json's one document */
export async function importGroupCommand(
  values: GroupImportValues & { mode?: string; interval?: string; 'sandbox-job-seconds'?: string },
  ctx: CommandContext,
  doc: Record<string, unknown>,
  parsers: { importMode(v: string | undefined): ImportMode | undefined; intervalMs(v: string | undefined): number | undefined },
): Promise<number> {
  const { io } = ctx;
  const jobSeconds = values['sandbox-job-seconds'] ?? io.env.PERSONALIZE_SANDBOX_JOB_SECONDS;
  if (jobSeconds !== undefined && !(Number(jobSeconds) >= 0)) throw usageError(`import: --sandbox-job-seconds '${jobSeconds}' is not a number of seconds.`);
  const { keyValues } = await import('../cli/args.js');
  const code = await importGroup(values, ctx, doc, {
    mode: parsers.importMode(values.mode), intervalMs: parsers.intervalMs(values.interval),
    ...(values.tag ? { tags: keyValues('--tag', values.tag) } : {}),
    ...(values.sandbox && jobSeconds !== undefined && jobSeconds.trim() !== '' ? { sandboxJobSeconds: Number(jobSeconds) } : {}),
  });
  if (values.json) io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  return code;
}

/** flags that do not go with several files, named before anything is read */
function checkFlags(v: GroupImportValues): void {
  const not: [keyof GroupImportValues, string][] = [
    ['dataset-arn', 'each file has its own dataset: name the group with --dataset-group'],
    ['dataset-type', 'each file\'s type comes from its columns, or --csv TYPE=FILE'],
    ['data-location', 'several files are local files (--csv) for now'],
    ['job-name', 'each job gets its own generated name'],
    ['schema', 'each new dataset\'s schema is inferred from its file'],
    ['no-wait', 'the jobs are created as slots free up, so the command waits for them'],
    ['profile', 'pass --dataset-group, --bucket and --role-arn'],
    ['individually', 'record by record takes one dataset at a time'],
    ['resume', 'record by record takes one dataset at a time'],
    ['publish-attribution-metrics', 'import the interactions on their own for that'],
  ];
  // what was given: one folder is not "several --csv files" to whoever typed it
  const specs = v.csv ?? [];
  const folder = specs.length === 1 && !splitSpec(specs[0]).type ? visible(specs[0]) : undefined;
  const given = folder ? `--csv ${folder}, a folder (its .csv files are imported together, each into its own dataset)` : 'several --csv files';
  for (const [flag, why] of not) {
    if (v[flag] !== undefined && v[flag] !== false) {
      throw usageError(`import: --${flag} does not go with ${given}: ${why}.`, folder && flag === 'dataset-type'
        ? `To import one file of it: --csv ${folder}/<file>.csv --dataset-type ${visible(String(v[flag]))}. To import the folder: leave out --dataset-type (or name each file's type: --csv items=<file>).`
        : undefined);
    }
  }
  if (!v['dataset-group']) throw usageError(`import: ${folder ? `--csv ${folder} is a folder: its files need` : 'several --csv files need'} --dataset-group <name|arn> (the group their datasets are in).`, 'Example: --dataset-group shop --csv interactions=a.csv --csv items=b.csv --csv users=c.csv');
  if ((v.fix || v['fix-rejects']) && v['skip-validation']) throw usageError(`import: --${v['fix-rejects'] ? 'fix-rejects' : 'fix'} fixes what the validation finds, and --skip-validation skips it: pass one of them.`);
}

const TYPE_WORD: Record<DatasetType, string> = { INTERACTIONS: 'interactions', ITEMS: 'items', USERS: 'users', ACTIONS: 'actions', ACTION_INTERACTIONS: 'action-interactions' };

export async function importGroup(values: GroupImportValues, ctx: CommandContext, doc: Record<string, unknown>, opts: { mode?: ImportMode; intervalMs?: number; tags?: Record<string, string>; sandboxJobSeconds?: number }): Promise<number> {
  const { io } = ctx;
  checkFlags(values);
  const out = values.json ? io.stderr : io.stdout;
  const w = fittedWriter(out);
  const say = (s = '') => w.write(`${s}\n`);
  let files = await resolveGroupFiles((values.csv ?? []).map((spec) => ({ spec, flag: '--csv' })), io.cwd, (line) => io.stderr.write(`${line}\n`));
  const { parseDomain } = await import('./schema.js');
  const domain: Domain | undefined = parseDomain(values.domain);
  // --dates: every file's dates in numbers only are read in this order by the fix (one system's exports write one order)
  const dates = dateOrder('import', values.dates);
  // --decimal: every file's decimal mark (a number written two ways, 1,234, is read with it)
  const decimal = decimalMark('import', values.decimal);
  // --event-type: the interactions file's EVENT_TYPE (one value in every row); --keep: columns kept in the inferred schemas
  const { eventTypeFlag, eventNamesFlag } = await import('../schema/usable.js');
  const eventType = eventTypeFlag('import', values['event-type']);
  const eventNames = eventNamesFlag('import', values['event-names']);
  const shape = { ...(eventType !== undefined ? { eventType } : {}), ...(values.keep?.length ? { keep: values.keep } : {}) };
  if (eventType !== undefined && !files.some((f) => f.type === 'INTERACTIONS')) throw usageError('import: --event-type is for the interactions file, and none of the files is one.', `The files: ${files.map((f) => `${visible(f.path)} (${TYPE_WORD[f.type]})`).join(', ')}.`);
  say(`Files for dataset group ${visible(values['dataset-group']!)}:`);
  for (const f of files) say(`  ${TYPE_WORD[f.type].padEnd(13)} ${visible(f.path)}  (${visible(f.typeReason)})`);

  const [{ createDeps }, { createAccess }] = await Promise.all([import('../aws/deps.js'), import('../aws/access.js')]);
  const deps = await createDeps({ io, region: values.region, awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug, ...(opts.sandboxJobSeconds !== undefined ? { sandboxJobSeconds: opts.sandboxJobSeconds } : {}) });
  const { access, close } = createAccess({ deps, io, region: deps.context.region, awsProfile: values['aws-profile'], debug: values.debug });
  const controller = new AbortController();
  /** the jobs created so far (Ctrl-C lists them) */
  const created: { type: DatasetType; arn: string }[] = [];
  let stage: 'prepare' | 'upload' | 'jobs' = 'prepare';
  const onSignal = graceful(() => {
    if (controller.signal.aborted) process.exit(EXIT.INTERRUPTED);
    controller.abort();
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const env = io.env;
    const sandboxDefaults = deps.context.sandbox ? { roleArn: deps.context.roleArn, bucket: deps.context.bucket }
      : (env.AWS_ENDPOINT_URL_PERSONALIZE || env.AWS_ENDPOINT_URL) ? { roleArn: env.PERSONALIZE_SANDBOX_ROLE_ARN, bucket: env.PERSONALIZE_SANDBOX_BUCKET } : {};
    // --bucket as import reads it for one file: a name or s3://bucket[/folder/]
    const fromFlag = values.bucket ? bucketAndPrefix(values.bucket, values.prefix) : undefined;
    const bucket = fromFlag?.bucket ?? sandboxDefaults.bucket;
    const prefixFlag = fromFlag ? fromFlag.prefix : values.prefix;
    const roleArn = values['role-arn'] ?? sandboxDefaults.roleArn;
    const missingFlags = [!bucket ? '--bucket' : undefined, !roleArn && !values['dry-run'] ? '--role-arn' : undefined].filter(Boolean);
    if (missingFlags.length) {
      const { shellQuote } = await import('../access/render.js');
      throw usageError(`import: missing ${missingFlags.join(', ')} (where the files go, and the role Personalize reads them with).`,
        missingFlags.includes('--role-arn')
          ? `No role yet? personalize-import access setup --bucket ${bucket ?? 'BUCKET'}${prefixFlag ? ` --prefix ${shellQuote(prefixFlag)}` : ''}${values.create ? '' : ` --dataset-group ${shellQuote(values['dataset-group']!)}`} --yes creates one Personalize may use (and the bucket policy), and prints its ARN for --role-arn.`
          : 'Pass --bucket: the S3 bucket the files are uploaded to.');
    }
    const prefix = prefixFlag ? (prefixFlag.endsWith('/') ? prefixFlag : `${prefixFlag}/`).replace(/^\/+/, '') : '';

    // the group and its datasets, as they are
    const p = deps.personalize;
    const groupName = values['dataset-group']!;
    const group = (await p.listDatasetGroups()).find((g) => g.name === groupName || g.arn === groupName);
    const datasets = group ? await p.listDatasets(group.arn) : [];
    let missing = files.filter((f) => !datasets.some((d) => d.datasetType === f.type));
    let create = Boolean(values.create);
    if (missing.length && !create && !values['dry-run']) {
      const what = group
        ? `dataset group ${visible(group.name)} has no ${missing.map((f) => TYPE_WORD[f.type]).join(' or ')} dataset`
        : `there is no dataset group named ${visible(groupName)} here`;
      // on a terminal it is offered (nothing is created without a yes); otherwise --create is named
      if (io.isTTY && !values.json) create = await offerCreate(io, out, controller.signal, `${what[0].toUpperCase()}${what.slice(1)}.`, group ? `Create the ${missing.map((f) => TYPE_WORD[f.type]).join(' and ')} dataset${missing.length === 1 ? ' (its schema inferred from its file, shown first)' : 's (schemas inferred from the files, shown first)'}?` : `Create dataset group ${visible(groupName)} and its ${files.length} datasets (schemas inferred from the files, shown first)?`,
        group && missing.length === 1 ? 'Create it' : 'Create them');
      if (!create) {
        throw usageError(group
          ? `import: ${what}; pass --create to create ${missing.length === 1 ? 'it' : 'them'} (schema${missing.length === 1 ? '' : 's'} inferred from the file${missing.length === 1 ? '' : 's'}).`
          : `import: ${what}; pass --create to create it and its ${files.length} datasets.`, 'Nothing was created or uploaded.');
      }
    }
    // FULL over existing bulk data replaces it: said before anything is uploaded
    const mode: ImportMode = opts.mode ?? 'FULL';
    for (const f of files) {
      const d = datasets.find((x) => x.datasetType === f.type);
      if (!d || opts.mode === 'INCREMENTAL') continue;
      const had = (await p.listImportJobs(d.arn)).some((j) => j.status === 'ACTIVE');
      if (had && (!opts.mode || !values.yes)) {
        throw usageError(`import: the ${TYPE_WORD[f.type]} dataset ${visible(d.arn)} has data already: a FULL import replaces it.`, 'Pass --mode incremental to add to it, or --mode full --yes to replace it. Nothing was uploaded.');
      }
    }

    // INCREMENTAL appends to bulk data: a dataset with none yet (new, or never imported into) takes
    // FULL, which replaces nothing there — the service refuses INCREMENTAL before a first bulk import
    const firstFull = new Set<DatasetType>();
    if (mode === 'INCREMENTAL') {
      for (const f of files) {
        const d = datasets.find((x) => x.datasetType === f.type);
        if (!d || !(await p.listImportJobs(d.arn)).some((j) => j.status === 'ACTIVE')) firstFull.add(f.type);
      }
      if (firstFull.size) {
        const names = files.filter((f) => firstFull.has(f.type)).map((f) => TYPE_WORD[f.type]);
        say(`--mode incremental: the ${names.join(' and ')} dataset${names.length === 1 ? ' has' : 's have'} no bulk data yet, so ${names.length === 1 ? 'its' : 'their'} first import is FULL (it replaces nothing); the others are INCREMENTAL.`);
      }
    }
    const modeOf = (t: DatasetType): ImportMode => (firstFull.has(t) ? 'FULL' : mode);

    // validation (each against its dataset's schema, or the one inferred for --create) and the cross-file checks
    const { parseSchema } = await import('../validate/schema.js');
    let valid = true;
    let fixHint = '';
    let lastChecks: FileCheck[] | undefined;
    if (values['skip-validation']) {
      say('Validation skipped (--skip-validation): a bad file fails its job after the wait.');
    } else {
      const validate = () => validateGroupFiles(files, {
        domain, mode: (f) => modeOf(f.type), signal: controller.signal, shape,
        schemaFor: async (f) => {
          const d = datasets.find((x) => x.datasetType === f.type);
          if (!d) return undefined;
          const ds = d.schemaArn ? d : await p.describeDataset(d.arn);
          const sch = await p.describeSchema(ds.schemaArn!);
          return { schema: parseSchema(sch.raw ?? JSON.stringify(sch.avro), `the schema of ${d.arn}`), from: `the dataset ${d.arn}` };
        },
      });
      const { renderReport } = await import('./validate-report.js');
      const [{ fixOffer }, { issueTotal }] = await Promise.all([import('../flow/machine/steps-several-fix.js'), import('../validate/issues.js')]);
      const fixing = Boolean(values.fix || values['fix-rejects']);
      const show = (checks: FileCheck[]) => {
        say();
        for (const c of checks) {
          if (c.report.valid) {
            // (every warning counted, not the first 20 of each kind the report keeps)
            const n = issueTotal(c.report.warnings, c.report.stats.issueCounts);
            say(`✓ ${visible(c.file.path)}: ${withCommas(c.report.rows)} rows valid (${c.file.type}; schema ${visible(c.schemaFrom)})${n ? `, ${withCommas(n)} warning${n === 1 ? '' : 's'} (validate shows them)` : ''}`);
            continue;
          }
          // with --fix, a file the fixer repairs is a line (its copy's check follows), not a page of
          // findings it will repair (a shop's export: every header cell "to rename")
          const offer = fixing ? fixOffer(c, undefined, dates, decimal) : undefined;
          if (offer?.fix && (!offer.fix.setAside || values['fix-rejects'])) {
            const e = issueTotal(c.report.errors, c.report.stats.issueCounts);
            say(`✗ ${visible(c.file.path)}: ${withCommas(e)} error${e === 1 ? '' : 's'} (${c.file.type}; schema ${visible(c.schemaFrom)}), of kinds the fixer repairs${offer.fix.setAside ? ' or sets aside' : ''}: its fixed copy is checked below (validate lists them)`);
          } else w.write(renderReport(c.report, c.file.path, [`schema: ${c.schemaFrom}`]));
        }
        return checks.every((c) => c.report.valid);
      };
      // --json: each file's validation, and the fix of the file it is the copy of (the single-file path's `fix`)
      const entries = (checks: FileCheck[], fx?: { docs: Map<string, unknown>; origin: Map<string, string> }) => checks.map((c) => {
        const fix = fx?.docs.get(fx.origin.get(c.file.abs) ?? c.file.abs);
        return { file: c.file.path, datasetType: c.file.type, valid: c.report.valid, rows: c.report.rows, errors: issueTotal(c.report.errors, c.report.stats.issueCounts), warnings: issueTotal(c.report.warnings, c.report.stats.issueCounts), schemaFrom: c.schemaFrom, ...(fix ? { fix } : {}) };
      });
      let checks = await validate();
      lastChecks = checks;
      // the new schemas: what blocks one (a domain's EVENT_TYPE no column holds: --event-type), what they leave out
      const { shapeStop, leftOutLines } = await import('./import-group-shape.js');
      const stop = shapeStop(checks, eventType, domain);
      if (stop) throw stop;
      valid = show(checks);
      for (const l of leftOutLines(checks, Boolean(values.fix || values['fix-rejects']))) say(l);
      const drops = checks.filter((c) => c.leftOut?.length);
      if (drops.length && !values.fix && !values['fix-rejects'] && valid) {
        throw usageError(`import: the columns left out of the new schemas (${drops.map((c) => `${visible(c.file.path)}: ${c.leftOut!.map((u) => visible(u.column)).join(', ')}`).join('; ')}) must be dropped from the files first; nothing was created or uploaded.`,
          'Pass --fix: a copy of each file without them is written beside it, checked and imported. Or keep one with --keep <column>.');
      }
      if ((!valid || drops.length) && (values.fix || values['fix-rejects'])) {
        // --fix: a fixed copy of each file with errors, the copies in place of the files, checked again
        const { fixGroupFiles } = await import('./import-group-fix.js');
        const fx = await fixGroupFiles(files, checks, { rejects: Boolean(values['fix-rejects']), ...(dates ? { dates } : {}), ...(decimal ? { decimal } : {}), ...(eventNames ? { eventNames } : {}), domain, mode: (f) => modeOf(f.type), signal: controller.signal, s3: deps.s3, say });
        if (fx.stop) {
          doc.validation = entries(checks, fx);
          say();
          for (const l of fx.stop) say(l);
          return EXIT.FAILED;
        }
        files = fx.files;
        missing = files.filter((f) => missing.some((m) => m.type === f.type));
        say();
        say('Checking the files again, with the fixed copies in place of the files with errors…');
        checks = await validate();
        lastChecks = checks;
        valid = show(checks);
        doc.validation = entries(checks, fx);
      } else {
        doc.validation = entries(checks);
        if (!valid) fixHint = await fixHintFor(checks, dates, decimal);
      }
    }
    const cross = await crossCheckFiles(files, controller.signal, lastChecks);
    doc.crossFile = cross.report ?? null;
    if (cross.report) {
      const { renderCrossFile } = await import('../crossfile/index.js');
      say();
      w.write(renderCrossFile(cross.report));
    } else if (cross.skipped) say(`Across the files: not checked — ${visible(cross.skipped)}`);
    if (!valid) {
      say();
      say(`✗ Nothing was created or uploaded: fix the invalid file(s) above first.${fixHint}`);
      return EXIT.FAILED;
    }
    if (values['dry-run']) {
      // (with or without --create: the run with it would create what is missing, and says so here)
      const { datasetNameFor } = await import('../flow/create.js');
      const newGroup = group ? undefined : { name: groupName, domain: domain ?? null };
      const newSets = missing.map((f) => ({ type: f.type, name: datasetNameFor(group?.name ?? groupName, f.type) }));
      const made = [
        ...(newGroup ? [`dataset group ${visible(groupName)} (${domain ? `Domain ${domain}` : 'Custom'})`] : []),
        ...(newSets.length ? [`the ${newSets.map((d) => `${TYPE_WORD[d.type]} dataset ${visible(d.name)}`).join(', ')} (each with the schema inferred above, or an equal one the account has)`] : []),
      ];
      say();
      say(`Dry run: nothing was created or uploaded. The run${made.length && !create ? ' with --create' : ''} would ${made.length ? `create ${made.join(' and ')}, then ` : ''}upload ${files.length === 1 ? 'the file' : `${files.length} files`} to s3://${bucket}/${prefix} and create ${files.length === 1 ? 'its import job' : `${files.length} import jobs`} (${mode}).`);
      doc.dryRun = true;
      if (made.length) doc.wouldCreate = { ...(newGroup ? { datasetGroup: newGroup } : {}), datasets: newSets.map((d) => ({ ...d, datasetGroup: group?.name ?? groupName })) };
      return EXIT.OK;
    }

    // create what is missing (one at a time: the group first)
    const arnFor = new Map<DatasetType, string>();
    for (const d of datasets) arnFor.set(d.datasetType, d.arn);
    const made: Record<string, unknown> = {};
    if (missing.length) {
      const { ensureForImport } = await import('./create-missing.js');
      const { systemClock } = await import('../job/clock.js');
      const { createReadStream } = await import('node:fs');
      say();
      for (const f of missing) {
        const r = await ensureForImport({
          personalize: p, out, clock: systemClock, signal: controller.signal, create: true, groupName, datasetType: f.type, typeReason: f.typeReason, domain, kmsKeyArn: values['kms-key-arn'], ...(values.keep?.length ? { keep: values.keep } : {}),
          fix: Boolean(values.fix || values['fix-rejects']), fixRejects: Boolean(values['fix-rejects']), ...(dates ? { dates } : {}),
          csv: { name: f.path, open: async () => createReadStream(f.abs, { highWaterMark: 1 << 20 }) },
        });
        arnFor.set(f.type, r.datasetArn!); // (no --dry-run here: it returned above)
        made[TYPE_WORD[f.type]] = r.created;
      }
      doc.created = made;
    }

    // uploads, 3 at a time
    stage = 'upload';
    say();
    const id = runId();
    const locations = new Map<GroupFile, string>();
    const queue = [...files];
    const uploads: Record<string, unknown>[] = [];
    const worker = async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const key = uploadKeyFor(prefix, basename(f.path), id);
        const t0 = Date.now();
        const u = await deps.s3.upload({ bucket: bucket!, key, file: f.abs, signal: controller.signal });
        locations.set(f, `s3://${u.bucket}/${u.key}`);
        uploads.push({ file: f.path, bucket: u.bucket, key: u.key, bytes: u.bytes, ms: Date.now() - t0 });
        say(`Uploaded ${visible(f.path)} → s3://${visible(u.bucket)}/${visible(u.key)} (${withCommas(u.bytes)} bytes)`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    doc.upload = uploads;

    // the jobs, as the service allows, each followed
    stage = 'jobs';
    const { runGroupJobs, REGION_JOB_LIMIT } = await import('../flow/group-jobs.js');
    const { systemClock } = await import('../job/clock.js');
    const stamp = id.slice(0, 15);
    const groupShort = (group?.name ?? groupName).replace(/^arn:.*\//, '').slice(0, 30);
    const interval = opts.intervalMs;
    say();
    const results = await runGroupJobs(p, files.map((f) => ({
      type: f.type, file: f.path, datasetArn: arnFor.get(f.type)!, dataLocation: locations.get(f)!, jobName: `${groupShort}-${TYPE_WORD[f.type]}-${stamp}`.replace(/[^a-zA-Z0-9\-_]/g, '-'),
      ...(firstFull.has(f.type) ? { importMode: 'FULL' as const } : {}),
    })), {
      roleArn: roleArn!, importMode: mode, ...(opts.tags ? { tags: opts.tags } : {}), clock: systemClock, signal: controller.signal,
      runningJobs: async () => (await access.listRunningImportJobs()).length,
      ...(interval !== undefined ? { watch: { initialMs: interval, maxMs: interval }, pollMs: Math.max(interval, 1000) } : {}),
      onEvent: (e) => {
        const t = (type: DatasetType) => TYPE_WORD[type].padEnd(13);
        if (e.kind === 'waiting') say(`${t(e.type)} waiting: ${e.running} import jobs are running in this region (at most ${REGION_JOB_LIMIT})`);
        else if (e.kind === 'created') {
          created.push({ type: e.type, arn: e.arn });
          say(`${t(e.type)} job created: ${e.arn}`);
        } else if (e.kind === 'status' && e.status !== 'ACTIVE' && e.status !== 'CREATE FAILED') say(`${t(e.type)} ${e.status} (${Math.round(e.elapsedMs / 1000)} s)${e.note ? ` — ${visible(e.note)}` : ''}`);
        else if (e.kind === 'done') {
          const r = e.result;
          if (r.status === 'ACTIVE') say(`${t(r.type)} ✓ ACTIVE${r.elapsedMs !== undefined ? ` after ${Math.round(r.elapsedMs / 1000)} s` : ''}`);
          else if (!r.interrupted) say(`${t(r.type)} ✗ ${r.status}: ${visible(r.failureReason ?? '')}`);
        }
      },
    });
    doc.jobs = results.map((r) => ({
      datasetType: r.type, file: r.file, datasetArn: r.datasetArn, dataLocation: r.dataLocation, jobName: r.jobName,
      datasetImportJobArn: r.datasetImportJobArn ?? null, status: r.status,
      ...(r.failureReason ? { failureReason: r.failureReason } : {}), ...(r.explanation ? { explanation: r.explanation } : {}), ...(r.interrupted ? { interrupted: true } : {}),
    }));
    say();
    say(`Jobs (${results.filter((r) => r.status === 'ACTIVE').length} of ${results.length} ACTIVE):`);
    for (const r of results) {
      const mark = r.status === 'ACTIVE' ? '✓' : r.interrupted ? '…' : '✗';
      say(`  ${mark} ${TYPE_WORD[r.type].padEnd(13)} ${r.status.padEnd(13)} ${r.datasetImportJobArn ?? '(no job)'}`);
      if (r.status !== 'ACTIVE' && r.explanation && !r.interrupted) {
        say(`      ${visible(r.explanation.title)}: ${visible(r.explanation.cause)}`);
        say(`      → ${visible(r.explanation.fix)}`);
      }
    }
    if (controller.signal.aborted) {
      doc.interrupted = true;
      say();
      sayInterrupted(say, created);
      return EXIT.INTERRUPTED;
    }
    return results.every((r) => r.status === 'ACTIVE') ? EXIT.OK : EXIT.FAILED;
  } catch (e) {
    if (controller.signal.aborted) {
      doc.interrupted = true;
      if (created.length) doc.jobs = created.map((c) => ({ datasetType: c.type, datasetImportJobArn: c.arn, status: 'UNKNOWN', interrupted: true }));
      say();
      if (stage === 'upload') say('Stopped during the upload: it was aborted (no parts are left in S3); no job was created.');
      else if (stage === 'prepare') say('Stopped before anything was uploaded.');
      else sayInterrupted(say, created);
      throw new AppError('interrupted', 'Stopped.');
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    close();
    await deps.close();
  }
}

/** Without --fix: the flag that would repair the invalid files (the fixer's rules, steps-several-fix.ts), or '' */
async function fixHintFor(checks: FileCheck[], dates?: 'day-first' | 'month-first', decimal?: 'comma' | 'point'): Promise<string> {
  const { fixOffer } = await import('../flow/machine/steps-several-fix.js');
  const offers = checks.filter((c) => !c.report.valid).map((c) => fixOffer(c, undefined, dates, decimal));
  const ok = offers.filter((o) => o.fix);
  if (!ok.length) return '';
  const flag = ok.some((o) => o.fix!.setAside) ? '--fix-rejects' : '--fix';
  const what = flag === '--fix' ? 'writes a fixed copy of' : 'writes a fixed copy (rows the fixer cannot repair set aside) of';
  if (ok.length === offers.length) return ` Or pass ${flag}: it ${what} each, checks the copies again and imports them.`;
  return ` ${flag} ${what} ${ok.map((o) => visible(o.check.file.path)).join(', ')}; the fixer cannot repair ${offers.filter((o) => !o.fix).map((o) => visible(o.check.file.path)).join(', ')}.`;
}

/** "Create them?" as numbered line prompts (as `import` offers one missing dataset) */
async function offerCreate(io: CommandContext['io'], out: NodeJS.WritableStream, signal: AbortSignal, what: string, question: string, createLabel: string): Promise<boolean> {
  const [{ lineAsker }, { frame }] = await Promise.all([import('../cli/line-face.js'), import('../flow/machine/base.js')]);
  const asker = lineAsker(io, out, signal);
  try {
    fittedWriter(out).write(`\n${what}\n`);
    const m = { ...frame('create', 'dataset', 'choose', question), choices: [{ value: 'create', label: createLabel }, { value: 'stop', label: 'Stop: nothing is created' }], default: 'create' };
    for (;;) {
      const ans = await asker.ask(m);
      if ('value' in ans) return ans.value === 'create';
    }
  } finally {
    asker.close();
  }
}

function sayInterrupted(say: (s?: string) => void, created: { type: DatasetType; arn: string }[]): void {
  if (created.length === 0) {
    say('Stopped: no import job was created.');
    return;
  }
  say(`Stopped watching. ${created.length === 1 ? 'This import job exists and keeps' : `These ${created.length} import jobs exist and keep`} running in AWS (import jobs cannot be stopped):`);
  for (const c of created) say(`  ${TYPE_WORD[c.type].padEnd(13)} ${c.arn}`);
  say('Follow one with: personalize-import status <job-arn>');
}
