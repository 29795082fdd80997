// `personalize-import import --individually` / `--resume <report>`: the record-by-record path of
// the import command. import.ts hands over its parsed flags and a way to connect (createDeps), so
// this module stays free of the SDK: validate (bulk-only rules left out) → say what differs from a
// bulk import → event tracker (interactions) → send with a progress line → summary + report.
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AppError, asAppError, formatError, usageError } from '../core/errors.js';
import { EXIT } from '../core/exit-codes.js';
import type { Io, PersonalizeApi, PersonalizeCreateApi } from '../core/ports.js';
import { DATASET_TYPES, type DatasetType, type Domain } from '../core/resources.js';
import { parseSchema, validateCsv, type SchemaModel } from '../validate/index.js';
import { issueTotal } from '../validate/issues.js';
import type { RecordsApi } from './ports.js';
import { writeFitted } from '../core/fit.js';
import { timingText } from './summary.js';
import { checkReportPath, pendingLines, problemLines, readReport, unknownLine, type RecordsReport } from './report.js';
import { importRecords, type ImportRecordsResult, type UnknownResume } from './run.js';
import { STOPPING_TEXT, type SendProgress } from './send.js';
import { BULK_ONLY_CODES, describeDuration, differenceText, influenceText, SMALL_FILE_RECORDS, TRACKER_TEXT, unknownAdvice, unknownResumeText } from './texts.js';
import { isSupportedType } from './convert.js';
import { shellQuote } from '../access/render.js';
import { withCommas } from '../core/with-commas.js';

export { HELP } from './help.js';

/** The import flags this path reads (import.ts passes all of its parsed values). */
export interface IndividuallyFlags {
  individually?: boolean;
  resume?: string;
  'skip-unknown'?: boolean;
  report?: string;
  'create-event-tracker'?: boolean;
  'dataset-arn'?: string;
  'dataset-group'?: string;
  'dataset-type'?: string;
  csv?: string;
  'data-location'?: string;
  bucket?: string;
  prefix?: string;
  mode?: string;
  'role-arn'?: string;
  'job-name'?: string;
  'no-wait'?: boolean;
  'skip-validation'?: boolean;
  yes?: boolean;
  json?: boolean;
  region?: string;
  'aws-profile'?: string;
  sandbox?: boolean;
  debug?: boolean;
}

export interface Connected {
  /** with the create calls for --create (import's createDeps has them; plain mode names an existing dataset) */
  personalize: PersonalizeApi & Partial<PersonalizeCreateApi>;
  records: RecordsApi;
  close(): Promise<void>;
}

export type Connect = (o: { region?: string; awsProfile?: string; sandbox?: boolean; debug?: boolean; io: Io }) => Promise<Connected>;

/** import --create (checked by import-flags.ts's createFlags): the group and dataset to create when missing */
export interface CreateWith {
  groupName: string;
  datasetType: DatasetType;
  domain?: Domain;
  kmsKeyArn?: string;
  schemaFile?: string;
  /** why this dataset type, when it was worked out from the CSV's columns (not given by --dataset-type) */
  typeReason?: string;
}

/** thrown by the check before creating when the file is invalid (already said): nothing was created */
const INVALID = Symbol('invalid');


/** how many records of a resume were `unknown` in its report */
function unknownOf(u: UnknownResume | undefined): number {
  return u ? u.resent + u.heldBack : 0;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function bar(p: SendProgress, width = 24): string {
  // decided: sent, rejected, or cut in flight (unknown)
  const decided = p.sent + p.rejected + p.unknown;
  const done = p.total ? decided / p.total : 1;
  const fill = Math.round(done * width);
  return `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${decided}/${p.total} · ${p.sent} sent · ${p.rejected} rejected${p.unknown ? ` · ${p.unknown} unknown` : ''} · ${p.calls} calls`;
}

async function askYesNo(io: Io, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, output: io.stdout as NodeJS.WritableStream });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/**
 * @param opts.confirm asks a yes/no question (plain mode's prompter); default: a line on io.stdin
 * @param opts.create --create: a missing group / dataset is created first (ensureForImport, as the bulk path)
 */
export async function runIndividually(values: IndividuallyFlags, io: Io, connect: Connect, opts: { confirm?: (question: string) => Promise<boolean>; create?: CreateWith } = {}): Promise<number> {
  const json = Boolean(values.json);
  const out = (json ? io.stderr : io.stdout) as NodeJS.WritableStream;
  // fitted, so record IDs and service reasons from the data have their control characters escaped
  const say = (s = '') => writeFitted(out, `${s}\n`);
  const doc: Record<string, unknown> = {};
  const ac = new AbortController();
  // set while records are being sent: Ctrl-C then says what it waits for (the calls in flight)
  let onStopSending: (() => void) | undefined;
  const onSigint = () => {
    if (!ac.signal.aborted) onStopSending?.();
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  let deps: Connected | undefined;
  try {
    // flags that belong to bulk jobs
    for (const f of ['data-location', 'bucket', 'prefix', 'mode', 'role-arn', 'job-name', 'no-wait'] as const) {
      if (values[f] !== undefined && values[f] !== false) throw usageError(`import: --${f} is for bulk import jobs; --individually sends records straight from a local --csv.`, `Leave out --${f}, or leave out --individually for a bulk import.`);
    }
    let resume: RecordsReport | undefined;
    if (values.resume) resume = readReport(path.resolve(io.cwd, values.resume));
    if (resume && pendingLines(resume).size === 0) {
      // every record went in: nothing to read, validate or send, and the report stays as it is
      Object.assign(doc, { datasetArn: resume.datasetArn, datasetType: resume.datasetType, file: resume.file, report: path.resolve(io.cwd, values.resume!), counts: resume.counts, calls: 0, notSent: [] });
      say(`Nothing to resume: all ${resume.counts.total} record${resume.counts.total === 1 ? '' : 's'} of ${path.basename(resume.file)} went in, as ${values.resume} says; nothing was sent.`);
      return EXIT.OK;
    }
    const file = values.csv ? path.resolve(io.cwd, values.csv) : resume?.file;
    if (!file) throw usageError('import --individually: which file? --csv <file> is missing.', 'Pass the local CSV to send, e.g. --csv items.csv.');
    try {
      statSync(file);
    } catch {
      throw usageError(`import: cannot read ${values.csv ?? file}: no such file.`, 'Check the --csv path.');
    }

    // where the report goes, checked before anything is read, validated or sent
    let reportPath = values.report ? path.resolve(io.cwd, values.report) : values.resume ? path.resolve(io.cwd, values.resume) : path.join(io.cwd, `${path.basename(file, path.extname(file))}-records-${stamp(new Date())}.json`);
    // a made-up name never replaces a file (two runs in one second): the next free -2, -3 …
    if (!values.report && !values.resume) for (let n = 2, base = reportPath.slice(0, -5); existsSync(reportPath); n++) reportPath = `${base}-${n}.json`;
    // a resumed report is updated in place; any other existing file is refused
    checkReportPath(reportPath, { mayReplace: Boolean(values.resume) && reportPath === path.resolve(io.cwd, values.resume!) });
    const resumeCmdOf = (p: string) => `personalize-import import --individually --resume ${path.relative(io.cwd, p) || p}`;

    // the dataset named by group and type (checked before connecting: a type record by record does
    // not take is refused before anything is created)
    let datasetArn = values['dataset-arn'] ?? resume?.datasetArn;
    const groupName = datasetArn ? undefined : opts.create?.groupName ?? values['dataset-group'];
    let wantType: DatasetType | undefined = opts.create?.datasetType;
    if (groupName && !wantType) {
      if (!values['dataset-type']) throw usageError('import: --dataset-group needs --dataset-type (users, items or interactions).');
      wantType = values['dataset-type'].toUpperCase().replace(/-/g, '_') as DatasetType;
      if (!DATASET_TYPES.includes(wantType)) throw usageError(`import: --dataset-type '${values['dataset-type']}' is not a dataset type.`, 'Use users, items or interactions.');
    }
    if (groupName && wantType && !isSupportedType(wantType)) throw usageError(`import: --individually takes Users, Items and Interactions datasets, not ${wantType}${opts.create ? '; nothing was created' : ''}.`, 'Leave out --individually for a bulk import job.');

    // validation (the bulk-only minimums do not apply to records sent one by one); false = invalid (said)
    const validate = async (schema: SchemaModel, type: DatasetType, creating: boolean): Promise<boolean> => {
      const report = await validateCsv({ name: path.basename(file), path: file, size: statSync(file).size, open: () => createReadStream(file) }, { schema, datasetType: type, mode: 'INCREMENTAL', signal: ac.signal });
      const errors = report.errors.filter((e) => !BULK_ONLY_CODES.has(e.code));
      // (every finding counted: the report keeps the first 20 of each kind)
      const nErrors = issueTotal(errors, report.stats.issueCounts);
      const nWarnings = issueTotal(report.warnings, report.stats.issueCounts);
      doc.validation = { rows: report.rows, errors: nErrors, warnings: nWarnings };
      if (errors.length) {
        say(`${path.basename(file)} has ${withCommas(nErrors)} problem${nErrors === 1 ? '' : 's'} that would fail these records${creating ? ' (against the schema above)' : ''}:`);
        for (const e of errors.slice(0, 10)) say(`  ${e.message}`);
        say(`Nothing was ${creating ? 'created or ' : ''}sent. Fix the file (personalize-import validate shows every issue), or pass --skip-validation to send what the service accepts.`);
        doc.error = { message: 'The data is invalid.', code: EXIT.FAILED };
        return false;
      }
      say(`Validated ${report.rows} record${report.rows === 1 ? '' : 's'} of ${path.basename(file)}: no errors${nWarnings ? `, ${withCommas(nWarnings)} warning${nWarnings === 1 ? '' : 's'}` : ''}.`);
      if (!resume && report.rows > SMALL_FILE_RECORDS) say(`Note: ${report.rows} records is more than ${SMALL_FILE_RECORDS}; sending them takes ${describeDuration(type, report.rows)}. A bulk import job may suit better.`);
      return true;
    };
    let validated = false;
    // interactions: may the group's event tracker be created? (asked once: before creating, or when sending)
    let trackerConsent: boolean | undefined;
    const mayCreateTracker = async () => {
      if (trackerConsent !== undefined) return trackerConsent;
      for (const l of TRACKER_TEXT) say(l);
      if (values['create-event-tracker'] || values.yes) return true;
      if (opts.confirm) return opts.confirm('Create the event tracker now?');
      if (!io.isTTY || json) return false;
      return askYesNo(io, 'Create the event tracker now?');
    };

    deps = await connect({ region: values.region, awsProfile: values['aws-profile'], sandbox: values.sandbox, debug: values.debug, io });
    const connected = deps;
    const createApi = (): PersonalizeApi & PersonalizeCreateApi => {
      const p = connected.personalize;
      if (!p.createDatasetGroup) throw new AppError('internal', 'This connection cannot create a dataset group or dataset.');
      return p as PersonalizeApi & PersonalizeCreateApi;
    };

    let created: { datasetGroupArn?: string; schemaArn?: string; datasetArn?: string; eventTrackerArn?: string } | undefined;
    if (groupName && wantType) {
      const t = wantType;
      const { ensureForImport, offerCreate } = await import('../commands/create-missing.js');
      let create = opts.create;
      if (!create && io.isTTY && !json) {
        // on a terminal a missing group or dataset is offered (nothing is created without a yes)
        const yes = await offerCreate(createApi(), { groupName, datasetType: t }, async (question, what) => {
          say(what);
          return opts.confirm ? opts.confirm(question) : askYesNo(io, question);
        });
        if (yes) create = { groupName, datasetType: t };
      }
      const { systemClock } = await import('../job/clock.js');
      let r;
      try {
        r = await ensureForImport({
          personalize: createApi(), out, clock: systemClock, signal: ac.signal, create: Boolean(create),
          groupName, datasetType: t, ...(create?.typeReason ? { typeReason: create.typeReason } : {}), domain: create?.domain, kmsKeyArn: create?.kmsKeyArn, schemaFile: create?.schemaFile,
          noFixStep: true,
          csv: { name: values.csv ?? file, open: async () => createReadStream(file, { highWaterMark: 1 << 20 }) },
          // what would fail the run after creating is checked first: the file against the new schema, the event tracker's consent
          beforeCreate: async (avro, groupArn) => {
            if (!values['skip-validation']) {
              if (!(await validate(parseSchema(JSON.stringify(avro), `the schema for ${path.basename(file)}`), t, true))) throw INVALID;
              validated = true;
            }
            if (t === 'INTERACTIONS' && !(groupArn && (await connected.records.listEventTrackers(groupArn)).length)) {
              trackerConsent = await mayCreateTracker();
              if (!trackerConsent) {
                throw usageError(`import: interactions go in only through the dataset group's event tracker, and ${groupArn ? `${groupName} has none` : `the new group ${groupName} would have none`}; nothing was created.`, 'Allow creating it too: add --create-event-tracker (or --yes), or answer yes on a terminal.');
              }
            }
          },
        });
      } catch (e) {
        if (e === INVALID) return EXIT.FAILED;
        const err = asAppError(e);
        if (!create && err?.kind === 'usage' && / has no \S+ dataset yet\.$/.test(err.message)) {
          // a group without the dataset: --create, or the other ways to make it
          const schemaFile = `${path.basename(file).replace(/\.[^.]*$/, '')}-schema.json`;
          throw new AppError('usage', err.message, { hint: `${err.hint} Or create it in the wizard (personalize-import, then ＋ Create the dataset from my CSV), or: personalize-import schema infer ${shellQuote(file)} --dataset-type ${t.toLowerCase().replace(/_/g, '-')} > ${shellQuote(schemaFile)}, then aws personalize create-schema and create-dataset — or pick another --dataset-type.` });
        }
        throw e;
      }
      datasetArn = r.datasetArn;
      if (create) created = doc.created = r.created;
    }
    if (!datasetArn) throw usageError('import --individually: which dataset? Pass --dataset-arn, or --dataset-group with --dataset-type.');
    const dataset = await deps.personalize.describeDataset(datasetArn);
    const type = dataset.datasetType;
    if (!isSupportedType(type)) throw usageError(`import: --individually takes Users, Items and Interactions datasets; ${dataset.name} is ${type}.`, 'Leave out --individually for a bulk import job.');
    const schema = parseSchema((await deps.personalize.describeSchema(dataset.schemaArn ?? '')).raw, `the schema of ${dataset.name}`);
    // a Domain group's recommenders retrain themselves: what the records do then is said for them
    const domain = (await deps.personalize.describeDatasetGroup(dataset.datasetGroupArn).catch(() => undefined))?.domain;
    Object.assign(doc, { datasetArn, datasetType: type, file });

    if (values['skip-validation']) {
      say('Validation skipped (--skip-validation): the service rejects bad records one by one; they are reported with their lines.');
    } else if (!validated && !(await validate(schema, type, false))) {
      return EXIT.FAILED;
    }
    say();
    for (const line of differenceText(type, domain)) say(`  ${line}`);
    say();

    say(`The report is written as the records go: ${path.relative(io.cwd, reportPath) || reportPath}`);
    let lastDraw = 0;
    let progress: SendProgress | undefined;
    onStopSending = () => {
      if (!progress) return;
      if (io.isTTY && !json) out.write('\r\x1b[K');
      say(STOPPING_TEXT);
    };
    const draw = (force = false) => {
      if (!progress || !io.isTTY || json) return;
      const now = Date.now();
      if (!force && now - lastDraw < 100) return;
      lastDraw = now;
      out.write(`\r${bar(progress)}\x1b[K`);
    };
    let result: ImportRecordsResult;
    result = await importRecords({
      api: deps.records,
      file,
      datasetArn,
      datasetType: type,
      datasetGroupArn: dataset.datasetGroupArn,
      schema,
      reportPath,
      resume,
      skipUnknown: Boolean(values['skip-unknown']),
      signal: ac.signal,
      mayCreateTracker,
      onEvent: (e) => {
        if (e.type === 'read') {
          say(`${resume ? `Resuming: ${e.records} record${e.records === 1 ? '' : 's'} did not go in last time${unknownOf(e.unknown) ? ` (${unknownOf(e.unknown)} of them ${e.unknown?.cause === 'no-answer' ? 'without an answer' : e.unknown?.cause === 'both' ? 'in flight at its Ctrl-C or without an answer' : 'in flight at its Ctrl-C'}: outcome unknown)` : ''}` : `${e.records} records`}; ${e.toSend} to send in ${e.batches} call${e.batches === 1 ? '' : 's'} (${e.estimateSeconds <= 1 ? 'about a second' : `about ${e.estimateSeconds} s`})${e.rejectedByCheck ? `, ${e.rejectedByCheck} rejected before sending` : ''}.`);
          if (e.ignoredColumns.length) say(`Columns not in the schema, not sent: ${e.ignoredColumns.join(', ')}.`);
          if (e.unknown && resume) for (const l of unknownResumeText(type, e.unknown, resumeCmdOf(reportPath))) say(l);
        } else if (e.type === 'tracker') say(e.message);
        else {
          progress = e.progress;
          draw(progress.sent + progress.rejected === progress.total);
        }
      },
    });
    onStopSending = undefined;
    draw(true);
    if (io.isTTY && !json && progress) out.write('\n');

    const c = result.report.counts;
    const rejected = result.results.filter((x) => x.status !== 'sent');
    Object.assign(doc, { report: result.reportPath, counts: c, calls: result.calls, ...(result.unknownResume ? { unknownResume: { ...result.unknownResume, heldBack: result.heldBack } } : {}), ...(result.tracker ? { eventTracker: { arn: result.tracker.arn, name: result.tracker.name, created: result.tracker.created } } : {}), notSent: rejected });
    say(`Sent ${result.results.filter((x) => x.status === 'sent').length} of ${result.results.length} record${result.results.length === 1 ? '' : 's'} in ${result.calls} call${result.calls === 1 ? '' : 's'}${timingText(result)}${resume ? ` (all runs: ${c.sent} of ${c.total} in)` : ''}.`);
    for (const l of problemLines(result.results)) say(l);
    if (result.results.some((x) => x.status === 'unknown')) say(`  ${unknownAdvice(type)}`);
    if (result.heldBack.length) say(`Left out (--skip-unknown): ${unknownLine(result.heldBack)}; to send them: ${resumeCmdOf(result.reportPath)}`);
    say(`Report: ${result.reportPath}`);
    if (created && result.tracker?.created) created.eventTrackerArn = result.tracker.arn;
    const made = [created?.datasetGroupArn && 'dataset group', created?.schemaArn && 'schema', created?.datasetArn && 'dataset', result.tracker?.created && `event tracker ${result.tracker.name}`].filter(Boolean);
    if (made.length) say(`Created for this run: ${made.join(', ')}${created?.datasetArn ? ` (${created.datasetArn})` : ''}.`);
    const resumeCmd = resumeCmdOf(result.reportPath);
    if (result.results.some((x) => x.status === 'rejected')) say(`Fix the rejected lines in place, then send just what did not go in: ${resumeCmd}`);
    else if (rejected.length) say(`Send the rest: ${resumeCmd}`);
    if (result.stopped) {
      say(formatError(result.stopped));
      doc.error = { message: result.stopped.message, ...(result.stopped.hint ? { hint: result.stopped.hint } : {}), code: result.stopped.exitCode };
      return result.stopped.exitCode;
    }
    if (c.sent > 0) say(`Next: ${influenceText(type, domain)} Filters see the records within about 15–20 minutes.`);
    return rejected.length ? EXIT.FAILED : EXIT.OK;
  } catch (e) {
    const err = asAppError(e) ?? new AppError('internal', e instanceof Error ? e.message : String(e), { cause: e });
    (json ? io.stderr : io.stderr).write(`${formatError(err)}\n`);
    doc.error = { message: err.message, ...(err.hint ? { hint: err.hint } : {}), code: err.exitCode };
    return err.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    if (json) io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    await deps?.close();
  }
}
