// The validation engine: streams one or more CSV byte sources (sources.ts) through the byte-level
// tokenizer, one FileChecker a source (checker.ts), or a big local file split across worker threads
// (parallel.ts), and makes the report (report.ts). Core module: no React, no AWS SDK. Progress is
// reported through a callback; the result is a plain report object.
import { AppError } from '../core/errors.js';
import type { DatasetType, ImportMode } from '../core/resources.js';
import { LineSplitter } from '../csv/tokenizer.js';
import { FileChecker } from './checker.js';
import { FastLane, fastLaneCounters } from './fastlane.js';
import type { SchemaModel } from './fields.js';
import { CODES, IssueCollector } from './issues.js';
import { sizeLimitFinding } from './modes.js';
import { validateFileParallel } from './parallel.js';
export { EarlyWorkers } from './parallel.js';
import { StealConflict } from './steal.js';
import { buildReport } from './report.js';
import { fileChunks, isRegularFile, openSource, READ_BLOCK, RereadUnavailable, rereadFile, sourceList, type FileSplit } from './sources.js';
import { Spool, splitRemote } from './remote.js';
export { PROBE_BYTES } from './remote.js';
import { RingRegions, RingSpool } from './remote-ring.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { Totals, recordSlotsFor } from './totals.js';
import { GROW_START_SLOTS } from './linesets.js';
import type { CsvSource, ValidateOptions, ValidationReport } from './types.js';
import { splitMinBytes } from './split-min.js';

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
  const sizeKnown = options.totalBytes ?? (list.every((s) => s.size !== undefined) ? list.reduce((a, s) => a + (s.size ?? 0), 0) : undefined);
  const totals = new Totals(recordSlotsFor(sizeKnown), undefined, options.fastLane === false ? null : FastLane.create(), options.tableSlots);
  // a stream of unknown size (stdin): the JS duplicate sets start small instead of at 64 MiB
  if (sizeKnown === undefined) totals.recordStartSlots = GROW_START_SLOTS;
  const nowSec = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let bytes = 0;
  let rows = 0;
  let sizeReported = false;
  const sizeIssue = (n: number) => {
    if (sizeReported || !sizeLimitFinding(n, mode)) return;
    sizeReported = true;
    iss.file = undefined;
    iss.report('SIZE_LIMIT', sizeLimitFinding(n, mode)!.message);
  };
  if (sizeKnown !== undefined) sizeIssue(sizeKnown);

  const workers = options.workers ?? 1;
  const parallelFor = (src: CsvSource) => workers > 1 && (src.size ?? 0) >= (options.parallelMinBytes ?? splitMinBytes());
  // S3 objects: read by ranges into a spool file the checkers follow (remote.ts). Under a folder
  // prefix, the next object is already downloading while one is checked (at most two spools).
  // Split for the worker threads, an object goes to them through shared memory (remote-ring.ts), not a file.
  const remote = new Map<number, Promise<{ split: FileSplit | null; spool?: Spool; ring?: RingSpool }>>();
  // worker threads started by the caller before the input was known: no use unless an S3 object is split for them
  if (!list.some((s) => s.ranges && parallelFor(s))) options.early?.close();
  // the rings in the parent's lane memory, which the workers' lanes check in place (no copy out of them)
  const lane = totals.fast;
  const regionPool = lane ? new RingRegions((n) => lane.region(n), options.remote?.ringBytes) : undefined;
  const prepare = (i: number) => {
    const src = list[i];
    if (!src?.ranges || src.size === undefined || remote.has(i)) return;
    const ranges = src.ranges;
    const size = src.size;
    // (now: a region made after a part's heap mark would be given back at its end while in use)
    const regions = parallelFor(src) && !options.splitAt ? regionPool?.take(workers) : undefined;
    const p = (async () => {
      const split = parallelFor(src) ? await splitRemote(ranges, size, workers, options.signal) : null;
      if (split && !options.splitAt) {
        const ring = new RingSpool(ranges, size, [0, ...split.bounds.slice(1, -1)], options.signal, { ...options.remote, regions });
        void ring.disposed.then(() => regionPool?.give(regions));
        return { split, ring };
      }
      regionPool?.give(regions);
      return { split, spool: new Spool(ranges, size, split ? [0, ...split.bounds.slice(1, -1)] : [0], options.signal, options.remote) };
    })();
    p.catch(() => regionPool?.give(regions));
    remote.set(i, p);
  };
  try {
    for (const [index, src] of list.entries()) {
      if (options.signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
      iss.file = list.length > 1 ? src.name : undefined;
      iss.keyBase = index * 2 ** 32;
      const parallel = parallelFor(src);
      let spool: Spool | undefined;
      let ring: RingSpool | undefined;
      let filePath = isRegularFile(src) ? src.path : undefined;
      try {
        let split = null;
        prepare(index);
        if (remote.has(index)) {
          ({ split, spool, ring } = await remote.get(index)!);
          remote.delete(index);
          filePath = spool?.file ?? '';
          prepare(index + 1);
        }
        if (parallel && (filePath || ring) && (!spool || split)) {
          let done;
          try {
            done = await validateFileParallel(filePath ?? '', src.size!, workers, {
              iss, totals, schema: options.schema, type, domain: options.domain, nowSec, maxPerCode: options.maxIssuesPerCode ?? 20, fastLane: options.fastLane !== false, tableSlots: options.tableSlots, signal: options.signal, splitAt: options.splitAt,
              // parts cut again at run time (steal.ts) only for one file: a conflict runs it again, which a stream before it could not be
              stealMinBytes: list.length === 1 ? options.stealMinBytes : Infinity,
              early: options.early,
              onProgress: (b, r) => options.onProgress?.(bytes + b, rows + r),
            }, ring && split ? { split, rings: ring.channels, ringBytes: ring.ringBytes, ringMemory: ring.regions && lane?.memory, ringAts: ring.regions?.map((r) => r.byteOffset), here: options.remote?.partHere !== false, retainBytes: options.remote?.retainBytes, fetchAgain: (from, to, sink) => ring!.fetchAgain(from, to, sink) } : spool && split ? { split, avail: spool.avail } : undefined);
          } catch (e) {
            // lines repeated across a cut made at run time: checked again without such cuts (the report must not depend on where they fell)
            if (e instanceof StealConflict) {
              fastLaneCounters.stealReruns++;
              return validateCsv(sources, { ...options, stealMinBytes: Infinity });
            }
            // the object's first part, checked on this thread, had to be read again past the bytes it
            // keeps (ring-read.ts): checked again with every part on a worker thread (rare: time
            // order ending deep into the part, or a later part out of it)
            if (e instanceof RereadUnavailable) {
              fastLaneCounters.partHereReruns++;
              await ring?.dispose();
              return validateCsv(sources, { ...options, remote: { ...options.remote, partHere: false } });
            }
            // a failed download is the error to report, not the worker's (a ring's download has
            // failed by the time its worker does; else it may be waiting for the worker's room)
            await spool?.done;
            if (ring) await Promise.race([ring.done, Promise.resolve()]);
            throw e;
          }
          if (done) {
            bytes += done.bytes;
            rows += done.rows;
            totals.rows += done.rows;
            if (done.bom) iss.report('BOM', BOM_MESSAGE, 1);
            continue;
          }
        }
        // one regular local file (or an object's spool): the line set may start in sorted mode, reading
        // the file again if it must end it; a stream (a pipe, /dev/stdin) is read once, with the big set from the start
        totals.reread = list.length === 1 && filePath && totals.fast ? rereadFile(filePath, 0, Infinity) : undefined;
        // a regular local file is read here into two reused buffers (fileChunks), not through open()
        const stream = spool ? followSpool(spool) : filePath ? fileChunks(filePath, options.readBlock) : await openSource(src);
        const r = await checkStream(stream, src);
        bytes += r.bytes;
        rows += r.rows;
      } finally {
        await spool?.dispose();
        await ring?.dispose();
      }
    }
  } finally {
    // an error or an interrupt: the download started ahead goes too, and the early workers not taken
    options.early?.close();
    for (const p of remote.values()) await p.then((r) => (r.ring ?? r.spool)?.dispose(), () => {});
  }
  iss.file = undefined;
  sizeIssue(bytes);
  options.onProgress?.(bytes, rows);

  return buildReport(totals, iss, { type, mode, files: list.length, bytes, rows, t0, domain: options.domain });

  /** one source through one checker on this thread */
  async function checkStream(stream: AsyncIterable<Uint8Array>, src: CsvSource): Promise<{ bytes: number; rows: number }> {
    let bytesHere = 0;
    const checker = new FileChecker(iss, totals, options.schema, type, options.domain, nowSec);
    const splitter = new LineSplitter(checker);
    for await (const chunk of stream) {
      if (options.signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
      if (checker.peeking) checker.peek(chunk);
      splitter.push(chunk);
      bytesHere += chunk.length;
      options.onProgress?.(bytes + bytesHere, rows + checker.rows);
    }
    splitter.end();
    checker.finish();
    totals.rows += checker.rows;
    if (splitter.bom) iss.report('BOM', BOM_MESSAGE, 1);
    if (!checker.sawHeader || (checker.headerEmpty && checker.rows === 0)) {
      iss.report('EMPTY_FILE', `${list.length > 1 ? src.name : 'The file'} is empty. Personalize needs a header row and at least one record.`);
    } else if (checker.rows === 0 && !checker.unreadable) {
      iss.report('EMPTY_FILE', `${list.length > 1 ? src.name : 'The file'} has a header but no records.`, 2);
    }
    return { bytes: bytesHere, rows: checker.rows };
  }
}

/** A spool's bytes in order, as they arrive (the engine's own loop follows it like a stream). */
async function* followSpool(spool: Spool): AsyncGenerator<Uint8Array> {
  const fd = openSync(spool.file, 'r');
  try {
    for (let pos = 0; pos < spool.size; ) {
      const buf = Buffer.allocUnsafe(READ_BLOCK);
      await spool.until(0, Math.min(spool.size, pos + READ_BLOCK));
      const n = readSync(fd, buf, 0, Math.min(READ_BLOCK, spool.size - pos), pos);
      if (n === 0) break;
      pos += n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

const BOM_MESSAGE = 'The file starts with a UTF-8 byte order mark (BOM). Personalize does not document whether it accepts one: save the file as UTF-8 without BOM to be safe.';
