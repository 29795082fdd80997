// The validation engine: streams one or more CSV byte sources (sources.ts) through the byte-level
// tokenizer, one FileChecker a source (checker.ts), or a big local file split across worker threads
// (parallel.ts), and makes the report (report.ts). Core module: no React, no AWS SDK. Progress is
// reported through a callback; the result is a plain report object.
import { AppError } from '../core/errors.js';
import type { DatasetType, ImportMode } from '../core/resources.js';
import { LineSplitter } from '../csv/tokenizer.js';
import { FileChecker } from './checker.js';
import { FastLane } from './fastlane.js';
import type { SchemaModel } from './fields.js';
import { CODES, IssueCollector } from './issues.js';
import { sizeLimitFinding } from './modes.js';
import { validateFileParallel } from './parallel.js';
import { buildReport } from './report.js';
import { isRegularFile, openSource, rereadFile, sourceList } from './sources.js';
import { Totals } from './totals.js';
import type { CsvSource, ValidateOptions, ValidationReport } from './types.js';

export type { CsvSource, ValidateOptions, ValidationReport, ValidationStats } from './types.js';
export { RESERVED_EVENT_TYPES } from './values.js';
export { countSummary } from './report.js';
export { CODES };

/** The dataset type the engine will use, and whether it was inferred from the schema's record name. */
export function resolveDatasetType(schema: SchemaModel, explicit?: DatasetType): { type: DatasetType; inferred: boolean } {
  if (explicit) return { type: explicit, inferred: false };
  return { type: schema.inferredDatasetType ?? 'INTERACTIONS', inferred: true };
}

/**
 * Validates one or more CSV sources against a schema. Never throws for bad data — every problem is
 * in the report; throws AppError('interrupted') when the signal aborts, and passes on stream errors.
 */
export async function validateCsv(sources: CsvSource | CsvSource[] | AsyncIterable<Uint8Array>, options: ValidateOptions): Promise<ValidationReport> {
  const t0 = Date.now();
  const list = sourceList(sources);
  const { type } = resolveDatasetType(options.schema, options.datasetType);
  const mode: ImportMode = options.mode ?? 'FULL';
  const iss = new IssueCollector(options.maxIssuesPerCode ?? 20);
  const totals = new Totals(undefined, undefined, options.fastLane === false ? null : FastLane.create(), options.tableSlots);
  const nowSec = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let bytes = 0;
  let rows = 0;
  const sizeKnown = options.totalBytes ?? (list.every((s) => s.size !== undefined) ? list.reduce((a, s) => a + (s.size ?? 0), 0) : undefined);
  let sizeReported = false;
  const sizeIssue = (n: number) => {
    if (sizeReported || !sizeLimitFinding(n, mode)) return;
    sizeReported = true;
    iss.file = undefined;
    iss.report('SIZE_LIMIT', sizeLimitFinding(n, mode)!.message);
  };
  if (sizeKnown !== undefined) sizeIssue(sizeKnown);

  for (const [index, src] of list.entries()) {
    if (options.signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
    iss.file = list.length > 1 ? src.name : undefined;
    iss.keyBase = index * 2 ** 32;
    const workers = options.workers ?? 1;
    if (workers > 1 && (src.size ?? 0) >= (options.parallelMinBytes ?? 64 * 1024 * 1024) && isRegularFile(src)) {
      const done = await validateFileParallel(src.path, src.size!, workers, {
        iss, totals, schema: options.schema, type, domain: options.domain, nowSec, maxPerCode: options.maxIssuesPerCode ?? 20, fastLane: options.fastLane !== false, tableSlots: options.tableSlots, signal: options.signal,
        onProgress: (b, r) => options.onProgress?.(bytes + b, rows + r),
      });
      if (done) {
        bytes += done.bytes;
        rows += done.rows;
        totals.rows += done.rows;
        if (done.bom) iss.report('BOM', BOM_MESSAGE, 1);
        continue;
      }
    }
    // one regular local file: the line set may start in sorted mode, reading the file again if it
    // must end it; a stream (S3, a pipe, /dev/stdin) is read once, with the big set from the start
    totals.reread = list.length === 1 && totals.fast && isRegularFile(src) ? rereadFile(src.path, 0, Infinity) : undefined;
    const checker = new FileChecker(iss, totals, options.schema, type, options.domain, nowSec);
    const splitter = new LineSplitter(checker);
    const stream = await openSource(src);
    for await (const chunk of stream) {
      if (options.signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
      if (checker.peeking) checker.peek(chunk);
      splitter.push(chunk);
      bytes += chunk.length;
      options.onProgress?.(bytes, rows + checker.rows);
    }
    splitter.end();
    checker.finish();
    rows += checker.rows;
    totals.rows += checker.rows;
    if (splitter.bom) iss.report('BOM', BOM_MESSAGE, 1);
    if (!checker.sawHeader || (checker.headerEmpty && checker.rows === 0)) {
      iss.report('EMPTY_FILE', `${list.length > 1 ? src.name : 'The file'} is empty. Personalize needs a header row and at least one record.`);
    } else if (checker.rows === 0 && !checker.unreadable) {
      iss.report('EMPTY_FILE', `${list.length > 1 ? src.name : 'The file'} has a header but no records.`, 2);
    }
  }
  iss.file = undefined;
  sizeIssue(bytes);
  options.onProgress?.(bytes, rows);

  return buildReport(totals, iss, { type, mode, files: list.length, bytes, rows, t0 });
}

const BOM_MESSAGE = 'The file starts with a UTF-8 byte order mark (BOM). Personalize does not document whether it accepts one: save the file as UTF-8 without BOM to be safe.';
