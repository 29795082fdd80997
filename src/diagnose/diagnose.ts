// `diagnose` as data: describe the job, match its failureReason, run preflight on its data
// location / role / group, validate the data in place (streamed from S3). Core: ports only.
import { isAppError } from '../core/errors.js';
import type { Dataset, DatasetGroup, DatasetSchema, ImportJob } from '../core/resources.js';
import { matchFailure, withHeader, type MatchResult } from './catalogue.js';
import { factsOfJob, statusCommand } from './known.js';
import { headerOf } from './message.js';
import { parsePasted, type ParsedError } from './parse.js';
import type { PreflightPorts } from './ports.js';
import { CHECK_TITLES, runPreflight, type PreflightCheck, type PreflightResult } from './preflight.js';
import { issueTotal } from '../validate/issues.js';
import { withCommas } from '../core/with-commas.js';

export interface ValidationSummary {
  valid: boolean;
  rows: number;
  files: number;
  bytes: number;
  datasetType: string;
  errors: { code: string; message: string; line?: number; column?: string; file?: string; count?: number }[];
  warnings: { code: string; message: string; line?: number; column?: string; file?: string; count?: number }[];
}

export interface Diagnosis {
  job: ImportJob;
  region: string;
  account?: string;
  dataset?: Dataset;
  datasetGroup?: DatasetGroup;
  match: MatchResult;
  /** the failure reason read by the same parser as pasted text (a reason may carry a wrapper) */
  parsed?: ParsedError;
  preflight: PreflightResult;
  /** every check, preflight's plus "data-valid" */
  checks: PreflightCheck[];
  validation?: ValidationSummary;
  /** facts that could not be read (dataset, group, schema), with why */
  notes: string[];
}

export interface DiagnoseOptions {
  /** validate the data in place (default true) */
  validate?: boolean;
  /** region of the job (from its ARN) */
  region: string;
  signal?: AbortSignal;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function rethrowFatal(e: unknown): void {
  if (isAppError(e) && ['no-credentials', 'expired-token', 'region-missing', 'interrupted'].includes(e.kind)) throw e;
}

const ISSUE_LIMIT = 10;

async function validateInPlace(ports: PreflightPorts, pre: PreflightResult, schema: DatasetSchema | undefined, dataset: Dataset | undefined, group: DatasetGroup | undefined, job: ImportJob, signal?: AbortSignal): Promise<{ check: PreflightCheck; summary?: ValidationSummary }> {
  const title = CHECK_TITLES['data-valid'];
  if (!schema) return { check: { id: 'data-valid', title, status: 'CANT_CHECK', detail: "The dataset's schema could not be read, so the data was not validated." } };
  if (!pre.bucket || pre.objects.length === 0) return { check: { id: 'data-valid', title, status: 'CANT_CHECK', detail: 'No data found at the location to validate.' } };
  const { validateCsv, parseSchema } = await import('../validate/index.js');
  const bucket = pre.bucket;
  try {
    const model = parseSchema(schema.raw, `the schema ${schema.name}`);
    const report = await validateCsv(
      pre.objects.map((o) => ({ name: pre.objects.length > 1 ? o.key : `s3://${bucket}/${o.key}`, size: o.size, open: () => ports.s3.read(bucket, o.key) })),
      { schema: model, datasetType: dataset?.datasetType, domain: group?.domain, mode: job.importMode ?? 'FULL', totalBytes: pre.objects.reduce((n, o) => n + o.size, 0), signal },
    );
    const pick = (xs: typeof report.errors) => xs.slice(0, ISSUE_LIMIT).map((i) => ({ code: i.code, message: i.message, ...(i.line !== undefined ? { line: i.line } : {}), ...(i.column ? { column: i.column } : {}), ...(i.file ? { file: i.file } : {}), ...(i.count !== undefined ? { count: i.count } : {}) }));
    const summary: ValidationSummary = { valid: report.valid, rows: report.rows, files: report.stats.files, bytes: report.stats.bytes, datasetType: report.datasetType, errors: pick(report.errors), warnings: pick(report.warnings) };
    const where = `${report.rows} row${report.rows === 1 ? '' : 's'} in ${report.stats.files} file${report.stats.files === 1 ? '' : 's'} checked against ${schema.name} (${report.datasetType})`;
    const first = report.errors[0];
    // every finding counted, and its kinds (the report keeps the first 20 of a kind: "20 error kind(s)" was 20 of one)
    const said = (xs: typeof report.errors, what: string) => {
      const n = issueTotal(xs, report.stats.issueCounts);
      const kinds = new Set(xs.map((i) => i.code)).size;
      return `${withCommas(n)} ${what}${n === 1 ? '' : 's'} (${kinds} kind${kinds === 1 ? '' : 's'})`;
    };
    const check: PreflightCheck = report.valid
      ? { id: 'data-valid', title, status: 'PASS', detail: `${where}: no errors${report.warnings.length ? `, ${said(report.warnings, 'warning')}` : ''}.` }
      : { id: 'data-valid', title, status: 'FAIL', detail: `${where}: ${said(report.errors, 'error')}; first: ${first.message}${first.line && !new RegExp(`\\bline ${first.line}\\b`, 'i').test(first.message) ? ` (line ${first.line}${first.file ? ` of ${first.file}` : ''})` : first.file ? ` (${first.file})` : ''}.`, fix: 'Fix the rows the validation names (see the list), upload the file again and create a new import job.' };
    return { check, summary };
  } catch (e) {
    rethrowFatal(e);
    if (isAppError(e) && e.kind === 'access-denied') {
      return { check: { id: 'data-valid', title, status: 'CANT_CHECK', detail: `Not allowed to read the data (s3:GetObject on s3://${bucket}/…), so it was not validated.`, deniedAction: 's3:GetObject' } };
    }
    return { check: { id: 'data-valid', title, status: 'CANT_CHECK', detail: `Validation could not run: ${errText(e)}` } };
  }
}

/** The first line of the first object at the job's location (≤ 64 KB read), for a missing-columns failure. */
async function headerAtLocation(ports: PreflightPorts, pre: PreflightResult): Promise<string[] | undefined> {
  const first = pre.objects[0];
  if (!pre.bucket || !first) return undefined;
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const c of await ports.s3.read(pre.bucket, first.key)) {
      chunks.push(c);
      size += c.length;
      if (size >= 64 * 1024 || Buffer.from(c).includes(10)) break;
    }
    return headerOf(Buffer.concat(chunks).subarray(0, 64 * 1024).toString('utf8'));
  } catch (e) {
    rethrowFatal(e);
    return undefined;
  }
}

/** The whole diagnosis of one job. Throws only for the job itself (not found, credentials). */
export async function diagnoseJob(ports: PreflightPorts, jobArn: string, opts: DiagnoseOptions): Promise<Diagnosis> {
  const job = await ports.personalize.describeImportJob(jobArn);
  const notes: string[] = [];
  const account = /^arn:[^:]+:personalize:[^:]*:(\d{12}):/.exec(jobArn)?.[1];

  let dataset: Dataset | undefined;
  let group: DatasetGroup | undefined;
  let schema: DatasetSchema | undefined;
  if (job.datasetArn) {
    try {
      dataset = await ports.personalize.describeDataset(job.datasetArn);
    } catch (e) {
      rethrowFatal(e);
      notes.push(`The dataset ${job.datasetArn} could not be described: ${errText(e)}`);
    }
  }
  if (dataset) {
    const [g, s] = await Promise.all([
      ports.personalize.describeDatasetGroup(dataset.datasetGroupArn).catch((e: unknown) => { rethrowFatal(e); notes.push(`The dataset group could not be described: ${errText(e)}`); return undefined; }),
      dataset.schemaArn ? ports.personalize.describeSchema(dataset.schemaArn).catch((e: unknown) => { rethrowFatal(e); notes.push(`The schema could not be described: ${errText(e)}`); return undefined; }) : Promise.resolve(undefined),
    ]);
    group = g;
    schema = s;
  }

  // (the job's location, dataset, group, role and region fill in the commands the fix prints)
  const known = factsOfJob(job, { datasetGroup: group?.name, region: opts.region });
  const match: MatchResult = job.status !== 'CREATE FAILED' && !job.failureReason
    ? {
      known: false, id: 'not-failed', message: '', checks: [],
      title: job.status === 'ACTIVE' ? 'The job succeeded (ACTIVE)' : `The job has not finished (${job.status})`,
      cause: job.status === 'ACTIVE' ? 'The import finished without a failure.' : 'The job is still running, so there is no failure reason yet.',
      fix: job.status === 'ACTIVE' ? 'Nothing to fix. The checks below show whether the next import from this location would pass too.' : `Follow it with \`${statusCommand(known)}\`; the checks below show what could still make it fail.`,
    }
    : matchFailure(job.failureReason, known);
  const preflight = await runPreflight(ports, {
    dataLocation: job.dataLocation ?? '',
    roleArn: job.roleArn,
    datasetGroup: group ?? dataset?.datasetGroupArn,
    region: opts.region,
    mode: job.importMode,
    ignoreJobArn: job.arn,
    purpose: 'diagnose',
  });

  // "missing the following columns": read the file's header — a case-only difference is the usual cause
  const refined = match.known && match.id === 'missing-columns' ? withHeader(match, await headerAtLocation(ports, preflight)) : match;

  let validation: ValidationSummary | undefined;
  let dataCheck: PreflightCheck;
  if (opts.validate === false) {
    dataCheck = { id: 'data-valid', title: CHECK_TITLES['data-valid'], status: 'CANT_CHECK', detail: 'Skipped (--no-validate).' };
  } else {
    const v = await validateInPlace(ports, preflight, schema, dataset, group, job, opts.signal);
    dataCheck = v.check;
    validation = v.summary;
  }
  return { job, region: opts.region, ...(account ? { account } : {}), ...(dataset ? { dataset } : {}), ...(group ? { datasetGroup: group } : {}), match: refined, ...(job.failureReason ? { parsed: parsePasted(job.failureReason, true) } : {}), preflight, checks: [...preflight.checks, dataCheck], ...(validation ? { validation } : {}), notes };
}

/** Checks the catalogue entry points at, failing ones first: what to read first. */
export function relevantChecks(d: Diagnosis): PreflightCheck[] {
  const wanted = new Set(d.match.checks);
  return d.checks.filter((c) => wanted.has(c.id));
}
