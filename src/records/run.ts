// The record-by-record import as one call: read the CSV (or only the lines a report says did not
// go in), turn rows into records, find or create the event tracker for interactions, send, and
// write the results report. UIs (import --individually, the wizard) render its events.
import { createReadStream, rmSync } from 'node:fs';
import path from 'node:path';
import { AppError, usageError } from '../core/errors.js';
import type { DatasetType } from '../core/resources.js';
import { csvRecords } from '../csv/records.js';
import type { SchemaModel } from '../validate/schema.js';
import { converter, isSupportedType } from './convert.js';
import type { RecordsApi } from './ports.js';
import { countsOf, mergeReport, pendingLines, REPORT_KIND, writeReport, type RecordsReport } from './report.js';
import { batches, DEFAULT_RATES, sendBatches, type RecordResult, type Sendable, type SendProgress, type Sleep, unknownCause } from './send.js';
import { ensureTracker, type TrackerChoice } from './tracker.js';

/** A resume's records whose outcome was unknown (in flight at the earlier run's Ctrl-C, or left without an answer). */
export interface UnknownResume {
  /** what made them unknown last time (said in the resume's lines) */
  cause: 'stop' | 'no-answer' | 'both';
  /** sent again (the default) */
  resent: number;
  /** of those resent, events without an EVENT_ID: kept once by the service if they had gone in (same
   * timestamp and properties), which is the only thing between them and a duplicate */
  mayDuplicate: number;
  /** left out (skipUnknown): still `unknown` in the report */
  heldBack: number;
}

export type RecordsEvent =
  | { type: 'read'; records: number; toSend: number; rejectedByCheck: number; batches: number; ignoredColumns: string[]; estimateSeconds: number; unknown?: UnknownResume }
  | { type: 'tracker'; message: string }
  | { type: 'progress'; progress: SendProgress };

export interface ImportRecordsOptions {
  api: RecordsApi;
  /** local CSV path */
  file: string;
  datasetArn: string;
  datasetType: DatasetType;
  datasetGroupArn: string;
  schema: SchemaModel;
  /** where the results report goes (written even when the run stops early) */
  reportPath: string;
  /** an earlier report: only its records that did not go in are sent, and it is updated */
  resume?: RecordsReport;
  /**
   * A resume sends its `unknown` records again by default: users and items are replaced by ID, events
   * with an EVENT_ID are trained on once, and identical events (same timestamp, same properties — the
   * same CSV line sent the same way) are kept once (PERSONALIZE-FACTS.md, "Duplicates"). true leaves
   * them out instead (they stay `unknown`): for whoever would rather miss them than risk a duplicate.
   */
  skipUnknown?: boolean;
  /** INTERACTIONS, when the group has no event tracker: may one be created? */
  mayCreateTracker?: () => boolean | Promise<boolean>;
  onEvent?: (e: RecordsEvent) => void;
  signal?: AbortSignal;
  sleep?: Sleep;
  callsPerSecond?: number;
  concurrency?: number;
  /** after Ctrl-C, how long calls in flight may take to answer (send.ts STOP_GRACE_MS) */
  graceMs?: number;
  now?: () => Date;
}

export interface ImportRecordsResult {
  report: RecordsReport;
  reportPath: string;
  /** this run's results only (a resume: the resent records) */
  results: RecordResult[];
  /** a resume with skipUnknown: the earlier run's `unknown` records left out, still `unknown` in the report */
  heldBack: RecordResult[];
  /** a resume whose earlier report held `unknown` records: what became of them */
  unknownResume?: UnknownResume;
  calls: number;
  tracker?: TrackerChoice;
  /** why the run stopped early (the report holds the unsent records for --resume) */
  stopped?: AppError;
  /** wall-clock milliseconds, reading the file to the last answer; trackerMs: finding or creating the event tracker */
  ms?: number;
  trackerMs?: number;
}

/** Seconds the sending takes at our rates, roughly (for "about 13 s" before starting). */
export function estimateSeconds(type: DatasetType, calls: number): number {
  if (!isSupportedType(type)) return 0;
  return Math.ceil(calls / DEFAULT_RATES[type].callsPerSecond);
}

export async function importRecords(o: ImportRecordsOptions): Promise<ImportRecordsResult> {
  const type = o.datasetType;
  if (!isSupportedType(type)) {
    throw usageError(`Record-by-record import takes Users, Items and Interactions datasets; this one is ${type}.`, 'Import it with a bulk import job (leave out --individually).');
  }
  const now = o.now ?? (() => new Date());
  const startedAt = now().toISOString();
  // what the summary says it took (#16 item 13: the estimate left out creating the tracker)
  const t0 = performance.now();
  let trackerMs: number | undefined;
  const file = path.resolve(o.file);
  const only = o.resume ? pendingLines(o.resume) : undefined;
  if (o.resume && o.resume.datasetArn !== o.datasetArn) {
    throw usageError(`--resume: the report is for ${o.resume.datasetArn}, not ${o.datasetArn}.`, 'Resume into the dataset the report names (leave out --dataset-arn, or pass that one).');
  }

  // read and convert
  const sendable: Sendable[] = [];
  const results: RecordResult[] = [];
  const wasUnknown = new Map((o.resume?.records ?? []).filter((x) => x.status === 'unknown').map((x) => [x.line, x] as const));
  const heldBack: RecordResult[] = [];
  const causes = new Set([...wasUnknown.values()].map((x) => unknownCause(x.reason)));
  const unknown: UnknownResume = { cause: causes.size > 1 ? 'both' : causes.has('no-answer') ? 'no-answer' : 'stop', resent: 0, mayDuplicate: 0, heldBack: 0 };
  let conv: ReturnType<typeof converter> | undefined;
  let total = 0;
  try {
    for await (const rec of csvRecords(createReadStream(file))) {
      if (!conv) {
        conv = converter(type, o.schema, rec.fields);
        continue;
      }
      if (only && !only.has(rec.line)) continue;
      total++;
      const c = conv.convert(rec.fields, rec.line);
      if (only && only.get(rec.line) !== c.id) {
        throw usageError(
          `--resume: line ${rec.line} of ${path.basename(file)} now holds ${c.id || '(no ID)'}, but the report says it held ${only.get(rec.line)}: lines moved since the report was written.`,
          'Edit rejected records in place (same line), or run a fresh --individually import of just the records to send.',
        );
      }
      const before = wasUnknown.get(rec.line);
      if (before && c.ok) {
        if (o.skipUnknown) {
          heldBack.push(before);
          unknown.heldBack++;
          continue;
        }
        unknown.resent++;
        if (c.kind === 'INTERACTIONS' && !c.record.eventId) unknown.mayDuplicate++;
      }
      if (c.ok) sendable.push(c);
      else results.push({ line: c.line, id: c.id, status: 'rejected', reason: c.reason, by: 'check' });
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw usageError(`Cannot read ${o.file}: no such file.`, 'Check the --csv path.');
    throw e;
  }
  if (!conv) throw usageError(`${o.file} is empty: there is no header.`, 'A CSV starts with a header row naming the columns.');
  if (only && total < only.size) {
    throw usageError(`--resume: ${path.basename(file)} has fewer lines than the report names (${only.size - total} missing).`, 'Pass the same CSV the report was written for (--csv), with rejected records edited in place.');
  }
  const planned = batches(sendable);
  o.onEvent?.({ type: 'read', records: total, toSend: sendable.length, rejectedByCheck: results.length, batches: planned.length, ignoredColumns: conv.ignored, estimateSeconds: estimateSeconds(type, planned.length), ...(wasUnknown.size ? { unknown } : {}) });

  // The report is written now (a path that cannot be written stops the run before anything is
  // sent), then as results come in, and at the end: a crash or a kill leaves the records that did not
  // go in marked `unsent`, and --resume sends them.
  let tracker: TrackerChoice | undefined;
  const decided = new Map<number, RecordResult>();
  for (const r of results) decided.set(r.line, r);
  const snapshot = (calls: number, stopped?: string): RecordsReport => {
    const soFar = [...decided.values()];
    if (o.resume) return mergeReport(o.resume, soFar, { calls, finishedAt: now().toISOString(), ...(stopped ? { stopped } : {}), eventTrackerArn: tracker?.arn });
    const pending = sendable.filter((c) => !decided.has(c.line)).map((c): RecordResult => ({ line: c.line, id: c.id, status: 'unsent', reason: 'not sent yet when the report was written' }));
    const all = [...soFar, ...pending].sort((a, b) => a.line - b.line);
    return {
      kind: REPORT_KIND, version: 1, file, datasetArn: o.datasetArn, datasetType: type, datasetGroupArn: o.datasetGroupArn,
      ...(tracker ? { eventTrackerArn: tracker.arn } : {}), startedAt, finishedAt: now().toISOString(), calls, counts: countsOf(all),
      ...(stopped ? { stopped } : {}), records: all,
    };
  };
  writeReport(o.reportPath, snapshot(0, 'running (or ended without a final report)'));
  let lastWrite = Date.now();
  let callsSoFar = 0;

  // event tracker
  if (type === 'INTERACTIONS' && planned.length > 0) {
    const tt = performance.now();
    try {
      tracker = await ensureTracker({
        api: o.api,
        datasetGroupArn: o.datasetGroupArn,
        mayCreate: o.mayCreateTracker ?? (() => false),
        onStatus: (message) => o.onEvent?.({ type: 'tracker', message }),
        sleep: o.sleep,
        signal: o.signal,
      });
    } catch (e) {
      // nothing was sent: a new report would only say "running" about records never tried, so it
      // goes; a resumed report stays, saying why this run stopped
      if (o.resume) writeReport(o.reportPath, snapshot(0, e instanceof Error ? e.message : String(e)));
      else rmSync(o.reportPath, { force: true });
      throw e;
    }
    trackerMs = performance.now() - tt;
  }

  const outcome = await sendBatches({
    api: o.api,
    target: type === 'INTERACTIONS' ? { kind: type, trackingId: tracker?.trackingId ?? '' } : { kind: type, datasetArn: o.datasetArn },
    batches: planned,
    signal: o.signal,
    sleep: o.sleep,
    callsPerSecond: o.callsPerSecond,
    concurrency: o.concurrency,
    graceMs: o.graceMs,
    onProgress: (progress) => {
      callsSoFar = progress.calls;
      o.onEvent?.({ type: 'progress', progress: { ...progress, total: progress.total + results.length, rejected: progress.rejected + results.length } });
    },
    onResults: (rs) => {
      for (const r of rs) decided.set(r.line, r);
      if (Date.now() - lastWrite < 500) return;
      lastWrite = Date.now();
      // a failed write mid-run must not count as a failed send: the final write says it
      try {
        writeReport(o.reportPath, snapshot(callsSoFar, 'running (or ended without a final report)'));
      } catch {
        /* reported by the final write */
      }
    },
  });
  const all = [...results, ...outcome.results].sort((a, b) => a.line - b.line);
  const finishedAt = now().toISOString();
  const report: RecordsReport = o.resume
    ? mergeReport(o.resume, all, { calls: outcome.calls, finishedAt, stopped: outcome.stopped?.message, eventTrackerArn: tracker?.arn })
    : {
        kind: REPORT_KIND,
        version: 1,
        file,
        datasetArn: o.datasetArn,
        datasetType: type,
        datasetGroupArn: o.datasetGroupArn,
        ...(tracker ? { eventTrackerArn: tracker.arn } : {}),
        startedAt,
        finishedAt,
        calls: outcome.calls,
        counts: countsOf(all),
        ...(outcome.stopped ? { stopped: outcome.stopped.message } : {}),
        records: all,
      };
  writeReport(o.reportPath, report);
  return { report, reportPath: o.reportPath, results: all, heldBack, ...(wasUnknown.size ? { unknownResume: unknown } : {}), calls: outcome.calls, ...(tracker ? { tracker } : {}), ...(outcome.stopped ? { stopped: outcome.stopped } : {}), ms: performance.now() - t0, ...(trackerMs !== undefined ? { trackerMs } : {}) };
}
