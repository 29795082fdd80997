// Validating bytes while another module writes them: the fixer's parts (src/fix/file.ts) are checked
// as they are written, each on its own worker thread, the way validateCsv checks a big local file
// split in parts (parallel.ts: the same checkers, tables, line sets and merge in part order). The
// caller starts the threads; each runs checkPart with the bytes its part writes. The report is the
// one validateCsv gives for the finished file cut at the same places (`splitAt` in ValidateOptions).
import type { Worker } from 'node:worker_threads';
import { resolveDatasetType } from './engine.js';
import { FastLane } from './fastlane.js';
import { IssueCollector } from './issues.js';
import { sizeLimitFinding } from './modes.js';
import { validateParts, type PartJob } from './parallel.js';
import { buildReport } from './report.js';
import { Totals } from './totals.js';
import type { ValidateOptions, ValidationReport } from './types.js';

export { checkPart, type PartBytes, type PartJob, type PartPush } from './parallel.js';

/**
 * Validates one file written in `parts` parts, part k checked on the worker `start(job, k)` makes
 * (it calls checkPart(job, …) with the data lines its part writes, the header line excluded;
 * `header` is the file's line 1 with its line end). `name` names the file in messages. `inline`: part 0
 * checked on this thread instead (validateParts).
 */
export async function validateWritten(parts: number, header: Uint8Array, options: ValidateOptions, start: (job: PartJob, k: number) => Worker, inline?: Parameters<typeof validateParts>[4]): Promise<ValidationReport> {
  const t0 = Date.now();
  const { type } = resolveDatasetType(options.schema, options.datasetType);
  const mode = options.mode ?? 'FULL';
  const iss = new IssueCollector(options.maxIssuesPerCode ?? 20);
  const totals = new Totals(undefined, undefined, options.fastLane === false ? null : FastLane.create(), options.tableSlots);
  const nowSec = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const done = await validateParts(parts, header, {
    iss, totals, schema: options.schema, type, domain: options.domain, nowSec, maxPerCode: options.maxIssuesPerCode ?? 20, fastLane: options.fastLane !== false, tableSlots: options.tableSlots, signal: options.signal,
    onProgress: (b, r) => options.onProgress?.(header.length + b, r),
  }, start, inline);
  totals.rows += done.rows;
  const bytes = header.length + done.bytes;
  // what validateCsv says of a file whose header has no records after it (its one-thread path)
  if (done.rows === 0 && !totals.unreadable) iss.report('EMPTY_FILE', 'The file has a header but no records.', 2);
  const size = sizeLimitFinding(bytes, mode);
  if (size) iss.report('SIZE_LIMIT', size.message);
  options.onProgress?.(bytes, done.rows);
  return buildReport(totals, iss, { type, mode, files: 1, bytes, rows: done.rows, t0, domain: options.domain });
}
export { rereadFile } from './sources.js';
