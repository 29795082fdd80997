// Steps 4 and 5: the CSV (a local file or s3://…), its validation against the dataset's schema,
// and what to do with the result: go on, pick another file, quit, or send it record by record.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { isAppError, usageError } from '../../core/errors.js';
import type { StorageApi } from '../../core/ports.js';
import type { DatasetType } from '../../core/resources.js';
import { recordsOffered, describeDuration, differenceText, offerIndividually } from '../../records/texts.js';
import { validateCsv, type CsvSource as VSource } from '../../validate/engine.js';
import { judgeBothModes } from '../../validate/modes.js';
import { findingLines } from '../../validate/findings.js';
import { reuseReport } from '../../validate/prepared.js';
import { issueTotal } from '../../validate/issues.js';
import { guessDatasetType } from '../../schema/guess-type.js';
import { describeSource, parseCsvSource, type CsvSource } from '../plan.js';
import { createdByRun, FLAG_FOR, frame } from './base.js';
import { headerLineOf } from './header-line.js';
import { datesAsked, withoutFlagHint } from './steps-dates.js';
import { missingBucket, missingObject } from '../s3-missing.js';

/** the check's one line: the message and what to do */
const sayMissing = (m: { message: string; hint: string }) => `${m.message} ${m.hint}`;
import type { FlowPorts, FlowState, StepDef } from './types.js';
import { withCommas } from '../../core/with-commas.js';

function csvFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && /\.csv$/i.test(d.name)).map((d) => d.name).sort();
  } catch {
    return [];
  }
}

const SAMPLE_HINT: Partial<Record<DatasetType, RegExp>> = { INTERACTIONS: /interaction/i, ITEMS: /item/i, USERS: /user/i, ACTIONS: /^actions?[^_-]*\.csv|actions\.csv/i };

/** The shipped sample for this dataset type (sandbox only), shown relative to cwd when it is under it. */
export function sampleFor(samplesDir: string | undefined, type: DatasetType | undefined, cwd: string): string | undefined {
  if (!samplesDir || !type || !SAMPLE_HINT[type]) return undefined;
  // the plain one (interactions.csv), not the deliberately broken variants (interactions-too-few.csv …)
  const files = csvFiles(samplesDir).filter((f) => SAMPLE_HINT[type]!.test(f)).sort((a, b) => a.length - b.length);
  if (!files.length) return undefined;
  const abs = join(samplesDir, files[0]);
  const rel = relative(cwd, abs);
  return rel.startsWith('..') ? abs : rel;
}

/**
 * The dataset type a CSV's header says (its first line, split at the separator exports use most:
 * , ; tab |), or undefined when it does not say (names this tool does not know) or cannot be read.
 */
function headerType(abs: string): DatasetType | undefined {
  const line = headerLineOf({ kind: 'local', path: abs })?.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (line === undefined) return undefined;
  const sep = [',', ';', '\t', '|'].map((c) => [c, line.split(c).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  return guessDatasetType(line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1')))?.type;
}

/** when `f` (in `dir`) was last written, in ms (0: unknown) */
function writtenAt(dir: string, f: string): number {
  try {
    return statSync(join(dir, f)).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The CSV step's suggestions: the *.csv files in cwd, and with the sandbox its sample for this
 * dataset type. The files whose header says this dataset's type come first, then those whose header
 * does not say — the first of them suggested: a shop's orders, products and customers exports in one
 * folder, the items dataset chosen: Enter took customers_export.csv (first by name) and checked it
 * against the items schema. Within each, the newest file first (by name when written in the same
 * minute): a folder that gathers a monthly export (export-2026-10.csv, export-2026-11.csv …) suggested
 * the oldest by name, one already imported, to someone back with this month's.
 * On the sandbox the user's own files come before its sample — someone trying their own export
 * pressed Enter and checked the sample instead — and the sample before files of another type.
 */
export function csvChoices(p: Pick<FlowPorts, 'cwd' | 'samplesDir' | 'context' | 'sandboxDefaults'>, type: DatasetType | undefined): { files: string[]; sample?: string } {
  const sandbox = Boolean(p.context.sandbox || p.sandboxDefaults);
  const sample = sandbox ? sampleFor(p.samplesDir, type, p.cwd) : undefined;
  const own = csvFiles(p.cwd).filter((f) => f !== sample);
  const kinds = new Map(type ? own.map((f) => [f, headerType(resolve(p.cwd, f))]) : []);
  // by the minute they were written: files written together (one export run, a backfill, a test's
  // fixtures) keep their name order, which the stable sort keeps from csvFiles
  const at = new Map(own.map((f) => [f, Math.floor(writtenAt(p.cwd, f) / 60_000)]));
  // newest first
  const newest = (files: string[]) => [...files].sort((a, b) => at.get(b)! - at.get(a)!);
  const says = newest(own.filter((f) => type !== undefined && kinds.get(f) === type));
  const silent = newest(own.filter((f) => kinds.get(f) === undefined));
  const others = own.filter((f) => !says.includes(f) && !silent.includes(f));
  return sample ? { files: [...says, ...silent, sample, ...others], sample } : { files: [...says, ...silent, ...others] };
}

/** undefined when the source can be imported; else what is wrong, naming it. */
export async function checkSource(src: CsvSource, cwd: string, s3: Pick<StorageApi, 'head' | 'list'>): Promise<string | undefined> {
  if (src.kind === 'local') {
    if (!src.path) return 'Type a path to a CSV file, or pick one of the files listed.';
    // "s3://" alone (or "s3:/…"): an S3 location begun, not a local file named so
    if (/^s3:\/*$/i.test(src.path) || /^s3:\/\/?$/i.test(src.path)) return 'Type the S3 location as s3://bucket/key (a folder ends in “/”); Tab lists your buckets.';
    const abs = resolve(cwd, src.path);
    if (!existsSync(abs)) return `${src.path} does not exist (looked in ${dirname(abs)}).`;
    const st = statSync(abs);
    if (!st.isFile()) return `${src.path} is not a file; pick a .csv file.`;
    if (st.size === 0) return `${src.path} is empty.`;
    return undefined;
  }
  if (!src.key || src.key.endsWith('/')) {
    const objs = await s3.list(src.bucket, src.key).catch((e: unknown) => {
      if (isAppError(e) && e.kind === 'not-found') return undefined;
      throw e;
    });
    if (!objs) return sayMissing(missingBucket(src.bucket));
    return objs.some((o) => o.size > 0 && !o.key.endsWith('/')) ? undefined : `Nothing to import under ${describeSource(src)}.`;
  }
  const h = await s3.head(src.bucket, src.key);
  // a HEAD cannot tell a missing bucket from a missing object (404, no body): the listing can, and
  // shows what is there instead (the key in another case, the folder's CSVs)
  if (!h) return sayMissing(await missingObject(s3, src.bucket, src.key));
  if (h.size === 0) return `${describeSource(src)} is empty.`;
  return undefined;
}

export const csvStep: StepDef = {
  id: 'csv',
  screen: 'csv',
  kind: 'input',
  async model(s, p) {
    const a = s.answers;
    const { files, sample } = csvChoices(p, a.datasetType);
    const current = a.source ? describeSource(a.source) : undefined;
    const from = s.presetFrom.csv;
    return frame('csv', 'csv', 'input', 'CSV file (a local path, or s3://bucket/key or s3://bucket/prefix/)', {
      lines: [{ text: 'A local file (uploaded in step 6) or s3://bucket/key — a folder ends in “/”.', tone: 'dim' }],
      choices: files.map((f) => ({ value: f, label: f, ...(f === sample ? { description: `the sandbox’s sample ${a.datasetType?.toLowerCase()}` } : {}) })),
      default: current ?? files[0],
      complete: 'path', choicesTitle: 'CSV files here (↑↓ to pick):', placeholder: 'path/to/file.csv or s3://bucket/key',
      // data already in S3 named by a flag is checked by the validation (or, skipped, by the preflight: exit 1)
      ...(from && a.source?.kind === 's3' ? {} : { check: async (v: string) => checkSource(parseCsvSource(v), p.cwd, p.s3) }),
      flag: FLAG_FOR.csv,
      ...(from && current ? { preset: { value: current, from } } : {}),
      unattended: { error: `import: which data? Pass ${FLAG_FOR.csv}.` },
    });
  },
  async answer(s, v, p) {
    const src = parseCsvSource(v);
    // paths are read relative to where the run was started
    const stored: CsvSource = src.kind === 'local' && resolve(p.cwd) !== process.cwd() ? { kind: 'local', path: resolve(p.cwd, src.path) } : src;
    s.answers.source = stored;
    Object.assign(s.loaded, { report: undefined, reportsByMode: undefined, validationSkipped: undefined, upload: undefined });
    return undefined;
  },
};

async function validationSources(src: CsvSource, s3: StorageApi): Promise<VSource[]> {
  if (src.kind === 'local') {
    const size = (await stat(src.path)).size;
    // path: the engine may split a big file across threads, and read it again (sorted mode)
    return [{ name: src.path, path: src.path, size, open: () => createReadStream(src.path, { highWaterMark: 1 << 20 }) }];
  }
  if (src.key === '' || src.key.endsWith('/')) {
    const objects = (await s3.list(src.bucket, src.key).catch((e: unknown) => {
      if (isAppError(e) && e.kind === 'not-found') {
        const m = missingBucket(src.bucket);
        throw usageError(`import: ${m.message}`, m.hint);
      }
      throw e;
    })).filter((o) => !o.key.endsWith('/') && o.size > 0);
    if (!objects.length) throw usageError(`import: nothing to import under ${describeSource(src)}.`, 'Check the bucket and prefix (a folder ends in /).');
    return objects.map((o) => ({ name: `s3://${src.bucket}/${o.key}`, size: o.size, open: () => s3.read(src.bucket, o.key) }));
  }
  const head = await s3.head(src.bucket, src.key);
  if (!head) {
    const m = await missingObject(s3, src.bucket, src.key);
    throw usageError(`import: ${m.message}`, m.hint);
  }
  return [{ name: describeSource(src), size: head?.size, open: () => s3.read(src.bucket, src.key) }];
}

export const validateStep: StepDef = {
  id: 'validate',
  screen: 'validate',
  kind: 'run',
  async model() {
    return frame('validate', 'validate', 'run', 'Validating');
  },
  async run(s, p, ctx) {
    const a = s.answers;
    const details = s.loaded.details!;
    const source = describeSource(a.source!);
    if (p.skipValidation) {
      s.doc.validation = { skipped: true };
      s.loaded.validationSkipped = 'flag';
      ctx.emit({ type: 'validation-skipped', loud: true, reason: `${source} was NOT checked against the schema of ${details.dataset.name}. A mistake in it will show only as a failed import job, after the wait.` });
      return undefined;
    }
    if (!details.schema) {
      s.doc.validation = { skipped: true, reason: "the dataset's schema could not be read" };
      s.loaded.validationSkipped = 'schema';
      ctx.emit({ type: 'validation-skipped', loud: false, reason: `the schema of ${details.dataset.name} could not be read, so the file was not checked; the import job will check it.` });
      return undefined;
    }
    // with bulk data in the dataset and the mode still open, two findings depend on it (size limit,
    // active users): validate once, judge for both
    const undecided = details.rules.hasBulkData && !s.presetFrom.mode;
    const mode = undecided ? 'INCREMENTAL' : (a.importMode ?? details.rules.defaultMode ?? 'FULL');
    // the same check made before the flow (import --create): taken once, not the file read again
    const prepared = s.loaded.prepared;
    s.loaded.prepared = undefined;
    const path = a.source!.kind === 'local' ? resolve(p.cwd, a.source!.path) : undefined;
    const reused = path ? reuseReport(prepared, { path, schema: details.schema, datasetType: details.dataset.datasetType, domain: a.domain, mode }) : undefined;
    const sources = reused ? [] : await validationSources(a.source!, p.s3);
    const total = sources.reduce((n, x) => n + (x.size ?? 0), 0);
    if (!reused) ctx.emit({ type: 'validating', source, dataset: details.dataset.name, total });
    let last = 0;
    let report = reused ?? await validateCsv(sources, {
      schema: details.schema, datasetType: details.dataset.datasetType, domain: a.domain,
      mode, totalBytes: total, signal: ctx.signal,
      workers: p.workers ?? Math.min(2, availableParallelism()),
      onProgress: (bytes: number, rows: number) => {
        const now = Date.now();
        if (now - last < 100) return;
        last = now;
        ctx.emit({ type: 'validation-progress', bytes, rows, total });
      },
    });
    let otherFails: string | undefined;
    s.loaded.reportsByMode = undefined;
    if (undecided) {
      const judged = judgeBothModes(report, a.importMode ?? 'INCREMENTAL');
      s.loaded.reportsByMode = judged.byMode;
      report = judged.shown;
      const rest = judged.otherFails;
      if (rest && report.valid) otherFails = `An ${rest} import would fail: ${judged.byMode[rest].errors.map((e) => e.message).join(' ')} Only ${report.mode} can take this file.`;
    }
    s.loaded.report = report;
    s.loaded.validationSkipped = undefined;
    s.doc.validation = { skipped: false, valid: report.valid, rows: report.rows, datasetType: report.datasetType, mode: report.mode, errors: report.errors, warnings: report.warnings, ...(reused ? { checked: prepared!.when } : {}) };
    // dates in numbers only, asked next ("How are the dates written?"): the findings no longer say "pass --dates"
    if (datesAsked(s)) s.loaded.report = report = withoutFlagHint(report);
    ctx.emit({ type: 'validated', report, source, otherFails, ...(reused ? { checkedBefore: prepared!.when } : {}) });
    return undefined;
  },
};

function canRecords(s: FlowState, p: FlowPorts): boolean {
  return recordsOffered({ datasetType: s.answers.datasetType, report: s.loaded.report, local: s.answers.source?.kind === 'local', available: Boolean(p.recordsAvailable && s.loaded.details?.schema) });
}

function recordsEnd(s: FlowState) {
  return { end: { exitCode: 0, reason: 'records' as const, lines: [], individually: { file: (s.answers.source as { path: string }).path, datasetArn: s.answers.datasetArn! } } };
}

/** Lists every finding again, each error with the warning that explains it (issue #16 item 3). */
const SHOW_ALL = { value: 'all', label: 'Show all findings', description: 'every error and warning, related ones together' };

/** After validation: errors (another file / quit / record by record), warnings (continue?), or no schema. */
export const verdictStep: StepDef = {
  id: 'verdict',
  screen: 'validate',
  kind: 'choose',
  applies: (s) => Boolean((s.loaded.report && (!s.loaded.report.valid || s.loaded.report.warnings.length)) || s.loaded.validationSkipped === 'schema'),
  async model(s, p) {
    const r = s.loaded.report;
    if (!r) {
      return frame('verdict', 'validate', 'choose', 'The file could not be checked here. Go on?', {
        label: 'Validation',
        choices: [{ value: 'go', label: 'Continue without validation' }, { value: 'again', label: 'Pick another file' }],
        default: 'go', unattended: { value: 'go' },
      });
    }
    if (!r.valid) {
      return frame('verdict', 'validate', 'choose', 'The file has errors; nothing was uploaded. What now?', {
        // the answered step's name in the summary ("✔ Warnings Quit…" after a file with errors misled)
        label: 'Errors',
        choices: [
          { value: 'again', label: 'Pick another file (or fix this one and pick it again)' },
          { value: 'quit', label: 'Quit (fix the file first)' },
          // only bulk-job minimums failed (e.g. < 1000 interactions): records can still go in one by one
          ...(canRecords(s, p) ? [{ value: 'records', label: 'Import record by record instead', description: 'no minimum, no S3, no import job' }] : []),
          SHOW_ALL,
        ],
        default: 'again',
        unattended: { value: 'quit' },
      });
    }
    const n = issueTotal(r.warnings, r.stats.issueCounts);
    const warned = `${withCommas(n)} warning${n > 1 ? 's' : ''}`;
    return frame('verdict', 'validate', 'choose', `Continue with ${warned}?`, {
      choices: [{ value: 'go', label: `Continue anyway (${warned})` }, { value: 'again', label: 'Pick another file' }, SHOW_ALL],
      default: 'go', unattended: { value: 'go' },
      describe: (v) => (v === 'go' ? `${n} accepted` : v),
    });
  },
  async answer(s, v, _p, ctx) {
    if (v === 'all') {
      // every error (each with the warning that explains it) and every warning, then the same question
      const r = s.loaded.report!;
      for (const l of findingLines(r.errors, r.warnings).lines) ctx.emit({ type: 'note', text: `  ${' '.repeat(l.indent)}${l.text}`, tone: l.tone === 'error' ? 'error' : l.tone === 'dim' ? 'dim' : 'warn' });
      return { goto: 'verdict' };
    }
    if (v === 'again') return { goto: 'csv' };
    if (v === 'records') return recordsEnd(s);
    if (v === 'quit') return { end: { exitCode: 1, reason: 'quit', lines: [`The CSV has errors; nothing was uploaded${createdByRun(s).length ? ' and no import job was created' : ' or created'}. Fix the lines listed above and run this again.`, ...createdByRun(s)] } };
    return undefined;
  },
};

/** A small valid local file: record by record (no S3, no role, no job) or the bulk job. */
export const howStep: StepDef = {
  id: 'how',
  screen: 'upload',
  kind: 'choose',
  applies: (s, p) => Boolean(s.loaded.report?.valid) && canRecords(s, p),
  async model(s) {
    const type = s.answers.datasetType!;
    const rows = s.loaded.report!.rows;
    const users = s.loaded.report!.stats.uniqueUsers;
    const offer = offerIndividually({ datasetType: type, records: rows, hasBulkData: Boolean(s.loaded.details?.rules.hasBulkData), users });
    return {
      ...frame('how', 'upload', 'choose', 'How should the records go in?', {
        lines: [{ text: offer.why }, ...differenceText(type, s.answers.domain).map((t) => ({ text: `  ${t}`, tone: 'dim' as const }))],
        choices: [
          { value: 'records', label: 'Import record by record', description: `no S3, no role, ${describeDuration(type, rows, users)}${type === 'INTERACTIONS' ? ' of sending' : ''}` },
          { value: 'bulk', label: 'Bulk import job', description: 'upload to S3, then an import job' },
        ],
        default: 'records',
        unattended: { value: 'bulk' },
      }),
      title: 'Bulk job or record by record',
      purpose: 'A small file can go straight into the dataset, record by record: no S3, no role, no import job.',
    };
  },
  async answer(s, v) {
    return v === 'records' ? recordsEnd(s) : undefined;
  },
};
