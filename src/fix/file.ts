// fixFile: the whole repair of one file. A big local file (≥ 64 MiB, UTF-8, LF line ends) is split at
// a newline and both halves fixed at once on worker threads; for interactions each half's output is
// validated as it is written (validate/produced.ts: the engine's part checkers, merged as for a file
// checked in two parts); the second half's file is appended to the first's as it is written, by the
// first half's thread once that half is done (the main thread copies it if that failed), its line
// numbers made the file's. Otherwise the copy is validated with the validation engine once written. Only
// then is it given its name; rows that cannot be fixed mean nothing is left under that name unless
// --rejects was given.
import { open, rename, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError, usageError } from '../core/errors.js';
import type { ErrorKind } from '../core/errors.js';
// (the engine's modules, not validate/index.js: that re-exports schema.ts, whose Avro library (~60 ms
// to load) each worker thread, which runs this module, would load for nothing)
import { validateCsv } from '../validate/engine.js';
import { requiredFields, type SchemaModel } from '../validate/fields.js';
import type { Issue } from '../validate/issues.js';
import type { CsvSource, ValidationReport } from '../validate/types.js';
import { checkPart, rereadFile, validateWritten, type PartJob, type PartPush } from '../validate/produced.js';
import { text } from './bytes.js';
import { planHeader } from './header.js';
import { sniff } from './decode.js';
import { fixFirstInline } from './first-part.js';
import { decimalProof as decimalProofOf } from './decimal-proof.js';
import { idDecimalColumns } from './retail.js';
import { serialColumns } from '../validate/serial-dates.js';
import { serialProof } from './serial-proof.js';
import { respellAfter, respellFirst } from './event-names.js';
import { follow, readPartRange, toChecker } from './part-io.js';
import { JOIN_MAX_BYTES, leavesOpen } from './multiline.js';
import { markersLabel } from './markers.js';
import { fixPart, headerOut, type FixOptions, type FixProgress, type FixResult, type FixSummary, type PartOptions, type PartResult } from './fix.js';
import { settleBeforeExit } from '../core/settle-exit.js';
import { withCommas } from '../core/with-commas.js';
import { splitMinBytes } from '../validate/split-min.js';
import { joinFirsts } from './floats.js';

/** how two-thread fixes were joined in this thread (tests check the first part's thread did it) */
export const fixJoinCounters = { byPart: 0, byMain: 0 };

/**
 * Fixes `input` into `opts.output` (see FixOptions). Throws AppError('usage') for a --map naming no
 * field or an output that would overwrite the input; stream errors pass through.
 */
export async function fixFile(input: CsvSource, schema: SchemaModel, opts: FixOptions, onProgress?: FixProgress): Promise<FixResult> {
  if (input.path && (await samePath(input.path, opts.output))) throw usageError(`-o ${opts.output} is the input file: the input is never overwritten.`, 'Name another output file with -o.');
  if (opts.rejects && ((await samePath(opts.rejects, opts.output)) || (input.path && (await samePath(opts.rejects, input.path))))) throw usageError(`--rejects ${opts.rejects} is the input or the output file.`, 'Name another file for the rejected rows.');
  const tmp = `${opts.output}.partial-${process.pid}`;
  const tmpRejects = opts.rejects ? `${opts.rejects}.partial-${process.pid}` : undefined;
  const datasetType = opts.datasetType ?? schema.inferredDatasetType ?? 'INTERACTIONS';
  // EVENT_TYPE values written again from the first pass: the names asked for (--event-names)
  const respell = respellFirst(opts, datasetType, Boolean(input.stream));
  if (respell && !opts.respell) opts = { ...opts, respell };
  let part: PartResult;
  let written: ValidationReport | undefined;
  try {
    for (;;) {
      const split = await splitPoint(input, opts);
      const two = split ? await twoThreads(input, schema, opts, { tmp, tmpRejects }, split, onProgress) : undefined;
      if (two) ({ part, report: written } = two);
      else part = await fixPart(input, schema, { ...opts, tmp, tmpRejects }, onProgress);
      // two threads, and the second part's amounts or numbers with a unit began in another currency or
      // unit than the first's (12 months where the file began with years): fixed again with the file's
      // first ones given to both, so that what is set aside is what one thread sets aside
      if (part.firstsDiffer && !opts.numberFirsts && part.numberFirsts) {
        opts = { ...opts, numberFirsts: part.numberFirsts };
        written = undefined;
        await rm(tmp, { force: true });
        if (tmpRejects) await rm(tmpRejects, { force: true });
        continue;
      }
      // a number that reads two ways (1,234) where no decimal mark was known: the columns whose values
      // prove a decimal comma (decimal-proof.ts), and the fix again with them — both threads of a big
      // file read alike. Looked for only then: most files have no such number, and pay nothing
      if (!part.twoWays || opts.decimal || opts.decimalProof) break;
      const decimalProof = await decimalProofOf(input, schema, opts);
      if (!decimalProof) break;
      opts = { ...opts, decimalProof };
      await rm(tmp, { force: true });
      if (tmpRejects) await rm(tmpRejects, { force: true });
    }
  } catch (e) {
    await rm(tmp, { force: true });
    if (tmpRejects) await rm(tmpRejects, { force: true });
    throw e;
  }
  const { summary, listed, problem } = part;
  const result: FixResult = { fixed: false, summary, rejects: { count: summary.rejected, listed } };
  if (problem || (summary.rejected > 0 && !opts.rejects)) {
    // nothing half-fixed is left behind under the output's name
    await rm(tmp, { force: true });
    if (tmpRejects) await rm(tmpRejects, { force: true });
    if (problem) result.problem = problem;
    return result;
  }
  if (!written) opts.onFixed?.();
  let report: ValidationReport;
  try {
    // two threads: each part was validated as it was written
    // (its size given: the duplicate set is sized from it — a small copy does not get 64 MB allocated and zeroed)
    report = written ?? await validateCsv({ name: opts.output, path: tmp, size: (await stat(tmp)).size, open: async () => (await import('node:fs')).createReadStream(tmp, { highWaterMark: 1 << 20 }) }, {
      schema, datasetType, domain: opts.domain, mode: opts.mode, workers: opts.workers, signal: opts.signal, now: opts.now,
    });
  } catch (e) {
    await rm(tmp, { force: true });
    if (tmpRejects) await rm(tmpRejects, { force: true });
    throw e;
  }
  // every ID of a column written as 13085.0 (a float column): fixed again, written 13085 — known only
  // once every value was seen (the copy's validation counts them); a file without such IDs pays nothing
  const ids = idDecimalColumns(report);
  // likewise a column of a spreadsheet's dates (45000: serial-dates.ts), written as epoch seconds; where
  // the first pass read some (45000.5208) and left whole ones beside them (45000, midnight), the input
  // says whether the column holds nothing else (serial-proof.ts)
  let serial = serialColumns(report);
  if (!serial.length && !opts.serialDates && !input.stream && summary.changes.some((c) => c.kind === 'timestamp-serial') && report.warnings.some((w) => w.code === 'TIMESTAMP_ANCIENT')) serial = (await serialProof(input, schema, opts)) ?? [];
  // likewise a Domain group's event type written in another case (view → View: event-names.ts)
  const again = input.stream ? undefined : respellAfter(report, opts, datasetType);
  if (((ids.length && !opts.idDecimals) || (serial.length && !opts.serialDates) || again) && !input.stream) {
    await rm(tmp, { force: true });
    if (tmpRejects) await rm(tmpRejects, { force: true });
    return fixFile(input, schema, { ...opts, ...(ids.length && !opts.idDecimals ? { idDecimals: ids } : {}), ...(serial.length && !opts.serialDates ? { serialDates: serial } : {}), ...(again ? { respell: again } : {}) }, onProgress);
  }
  await rename(tmp, opts.output);
  if (tmpRejects) {
    if (summary.rejected > 0) await rename(tmpRejects, opts.rejects!);
    else await rm(tmpRejects, { force: true });
  }
  result.output = opts.output;
  result.report = originalLines(report, part.dropped);
  result.fixed = report.valid && summary.rejected === 0;
  if (summary.rejected > 0) result.rejects.file = opts.rejects;
  return result;
}

/** where to split a big local UTF-8 file with LF line ends (the byte after a newline), or undefined */
async function splitPoint(input: CsvSource, opts: FixOptions): Promise<{ at: number; header: Buffer; size: number } | undefined> {
  if (!input.path || input.stream || (opts.workers ?? 1) < 2 || opts.dropDuplicates) return undefined;
  // worker threads run built JavaScript only (dist/ or a bundle), not TypeScript run by tsx/vitest
  if (!/\.m?js$/.test(new URL(import.meta.url).pathname)) return undefined;
  const size = (await stat(input.path)).size;
  if (size < (opts.parallelMinBytes ?? splitMinBytes())) return undefined;
  const fh = await open(input.path, 'r');
  try {
    const head = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const first = head.subarray(0, bytesRead);
    const s = sniff(first);
    const lf = first.indexOf(10);
    if (s.encoding !== 'UTF-8' || lf < 0) return undefined;
    const header = Buffer.from(first.subarray(s.bom ? 3 : 0, lf + 1));
    const mid = Buffer.alloc(1 << 20);
    // (in the middle: the first part, on the calling thread, starts ≈ 100 ms before the second part's
    // thread has booted, but it fixes more slowly between the event loop's turns and then appends
    // the second part's file; 24 MiB more for it ended ≈ 50–100 ms after the worker in quiet runs)
    const cut = Math.floor(size * (opts.firstShare ?? 0.5));
    const { bytesRead: n } = await fh.read(mid, 0, mid.length, cut);
    const at = mid.subarray(0, n).indexOf(10);
    if (at < 0 || cut + at + 1 >= size) return undefined;
    // a record joined over line ends (multiline.ts) must not be cut: the cut is a record's start when
    // no line starting in the 64 KiB before it leaves a quote open (a joined record is at most that long)
    const from = Math.max(lf + 1, cut + at + 1 - JOIN_MAX_BYTES) - 1;
    const near = Buffer.alloc(cut + at + 1 - from);
    await fh.read(near, 0, near.length, from);
    if (!noOpenLine(near)) return undefined;
    return { at: cut + at + 1, header, size };
  } finally {
    await fh.close();
  }
}

/** b[1..] read after the byte b[0]: no line starting after a LF in it leaves a quote open, whatever the separator */
function noOpenLine(b: Buffer): boolean {
  for (let s = b.indexOf(10) + 1; s > 0 && s < b.length; s = b.indexOf(10, s) + 1) {
    const e = b.indexOf(10, s) < 0 ? b.length : b.indexOf(10, s);
    for (const sep of [44, 59, 9, 124]) if (leavesOpen(b, s, e, sep, sep !== 44)) return false;
  }
  return true;
}

interface FixJob {
  path: string;
  start: number;
  end: number;
  /** the input's header line, read first by a later part (not written) */
  header?: Uint8Array;
  schema: SchemaModel;
  opts: PartOptions;
}

interface WorkerJob {
  __personalizeImportFix: true;
  fix: FixJob;
  /**
   * The join, while the second part is still being fixed: the second part says here how far its file
   * is written (Int32 [0] a sequence bumped at each write, [1] 0 writing · 1 done · 2 failed; Float64
   * at byte 8 the bytes written); the first part, once done, copies them after its own (`joinTo`).
   */
  join: SharedArrayBuffer;
  /** the first part: the second part's file, to append to its own as it is written */
  joinFrom?: string;
  /** the part's checker (validate/produced.ts): what it writes is validated as it is written; none: only written */
  validate?: PartJob;
  /** the output's header line with its line end (the checkers read it first) */
  outHeader: Uint8Array;
}

/**
 * Both halves on worker threads, each fixed, written and validated in one pass (the engine's
 * checkers, merged as for a file checked in two parts); then the second half's file is appended to
 * the first's. Undefined when the header names no column for a required field (fixPart says so).
 */
async function twoThreads(input: CsvSource, schema: SchemaModel, opts: FixOptions, files: { tmp: string; tmpRejects?: string }, split: { at: number; header: Buffer; size: number }, onProgress?: FixProgress): Promise<{ part: PartResult; report?: ValidationReport } | undefined> {
  const datasetType = opts.datasetType ?? schema.inferredDatasetType ?? 'INTERACTIONS';
  let he = split.header.length - 1;
  const crlf = he > 0 && split.header[he - 1] === 13;
  if (crlf) he--;
  const plan = planHeader(text(split.header, 0, he), schema, { map: opts.map, dropUnknown: opts.dropUnknown, leaveOut: opts.leaveOut, required: requiredFields(datasetType, opts.domain), add: opts.add });
  if (plan.missing.length) return undefined;
  const outHeader = Buffer.concat([headerOut(split.header, 0, he, plan), Buffer.from(crlf ? '\r\n' : '\n')]);
  const tmp2 = `${files.tmp}.2`;
  const tmpRejects2 = files.tmpRejects ? `${files.tmpRejects}.2` : undefined;
  const { signal, onFixed, now: _n, ...plain } = opts;
  const jobs: FixJob[] = [
    { path: input.path!, start: 0, end: split.at, schema, opts: { ...plain, ...files } },
    { path: input.path!, start: split.at, end: split.size, header: split.header, schema, opts: { ...plain, tmp: tmp2, tmpRejects: tmpRejects2, noHeader: true } },
  ];
  const done: PartResult[] = [];
  let failure: AppError | undefined;
  const progress = [0, 0, 0, 0];
  const workers: Worker[] = [];
  const join = new SharedArrayBuffer(16);
  let joined = false;
  let inlineRun: Promise<void> | undefined;
  let removing: Promise<boolean> | undefined;
  const start = (k: number, job?: PartJob) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { __personalizeImportFix: true, fix: jobs[k], validate: job, outHeader, join, joinFrom: k === 0 ? tmp2 : undefined } satisfies WorkerJob });
    workers.push(w);
    w.on('message', (m: { fixProgress?: [number, number]; fix?: PartResult; joined?: boolean; error?: { kind: ErrorKind; message: string; hint?: string } }) => {
      if (m.fixProgress) {
        [progress[k * 2], progress[k * 2 + 1]] = m.fixProgress;
        onProgress?.(progress[0] + progress[2], progress[1] + progress[3]);
      } else if (m.fix) {
        done[k] = m.fix;
        if (k === 0 && m.joined) joined = true;
      }
      else if (m.error) failure ??= new AppError(m.error.kind, m.error.message, { hint: m.error.hint });
    });
    return w;
  };
  // Items, users, actions: the engine's two parts would not see an ID repeated across them, so
  // those copies are validated whole afterwards (on one thread, exact), the parts only written here
  const interactions = datasetType === 'INTERACTIONS' || datasetType === 'ACTION_INTERACTIONS';
  try {
    let report: ValidationReport | undefined;
    try {
      // the first part on this thread (first-part.ts) while the second part's thread boots and runs
      if (interactions) report = await validateWritten(2, outHeader, { schema, datasetType, domain: opts.domain, mode: opts.mode, signal, now: opts.now }, (job, k) => start(k, job), (job, post, stopped) => {
        const run = fixFirstInline({ path: input.path!, end: split.at, schema, opts: { ...jobs[0].opts, signal }, outHeader, joinFrom: tmp2, join }, job, post, stopped, (read, rows) => {
          [progress[0], progress[1]] = [read, rows];
          onProgress?.(progress[0] + progress[2], progress[1] + progress[3]);
        }, (fix, j) => {
          done[0] = fix;
          joined = j;
          // appended: its file is removed while the checkers end and the report is made (freeing its
          // pages of the page cache took ≈ 15 ms)
          // (failed: tried again below, where a failure is thrown)
          if (j) removing = rm(tmp2, { force: true }).then(() => true, () => false);
        });
        inlineRun = run.catch(() => undefined);
        return run;
      });
      else {
        const onAbort = () => workers.forEach((w) => void w.terminate());
        signal?.addEventListener('abort', onAbort);
        try {
          await Promise.all([0, 1].map((k) => new Promise<void>((resolveK, rejectK) => {
            const w = start(k);
            w.on('message', (m: { fix?: PartResult; error?: unknown }) => (m.fix ? resolveK() : m.error ? rejectK(new Error('failed')) : undefined));
            w.on('error', rejectK);
            w.on('exit', () => rejectK(new Error("the fixer's worker thread stopped")));
          })));
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      }
    } catch (e) {
      if (signal?.aborted) throw new AppError('interrupted', 'Interrupted: nothing was written.');
      throw failure ?? e;
    }
    const [a, b] = done;
    if (!a || !b) throw failure ?? new Error("the fixer's worker threads ended without a result");
    if (report) onFixed?.();
    if (a.problem) return { part: a, report };
    const offset = a.lines - 1;
    // (the first part's thread appended the second part's file as it was written, unless that failed)
    if (joined) fixJoinCounters.byPart++;
    else {
      fixJoinCounters.byMain++;
      await append(files.tmp, tmp2);
    }
    if (files.tmpRejects && tmpRejects2) await appendRenumbered(files.tmpRejects, tmpRejects2, offset);
    return { part: merge(a, b, offset), report };
  } finally {
    // (called off: the first part's writes end before its files are removed)
    await inlineRun;
    // the worker ended and the second part's files removed at once (its copy's removal begun when it was appended)
    await Promise.all([...workers.map((w) => w.terminate()), removing?.then((gone) => (gone ? undefined : rm(tmp2, { force: true }))) ?? rm(tmp2, { force: true }), tmpRejects2 && rm(tmpRejects2, { force: true })]);
  }
}

/** bytes [start, end) of a file in 1 MiB blocks (after `prefix`); the next block is read while the caller works on one */
async function* readRange(path: string, start: number, end: number, prefix?: Uint8Array): AsyncGenerator<Uint8Array> {
  if (prefix) yield prefix;
  const fh = await open(path, 'r');
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    const bufs = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
    let pos = start;
    const next = (k: number) => (pos < end ? fh.read(bufs[k], 0, Math.min(bufs[k].length, end - pos), pos) : Promise.resolve({ bytesRead: 0 }));
    pending = next(0);
    for (let k = 0; ; k ^= 1) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      pos += bytesRead;
      pending = next(k ^ 1);
      yield bufs[k].subarray(0, bytesRead);
    }
  } finally {
    await pending?.catch(() => undefined);
    await fh.close();
  }
}

/** appends file `from` to file `to` */
async function append(to: string, from: string): Promise<void> {
  const out = await open(to, 'a');
  try {
    for await (const chunk of readRange(from, 0, Infinity)) await out.write(chunk);
  } finally {
    await out.close();
  }
}

/** appends the second part's rejects (`N,"reason","record"` a line) with N made the file's line number */
async function appendRenumbered(to: string, from: string, offset: number): Promise<void> {
  const out = await open(to, 'a');
  try {
    let carry = '';
    for await (const chunk of readRange(from, 0, Infinity)) {
      const text = carry + Buffer.from(chunk).toString('utf8');
      const end = text.lastIndexOf('\n') + 1;
      carry = text.slice(end);
      await out.write(text.slice(0, end).replace(/^(\d+),/gm, (_, n: string) => `${Number(n) + offset},`));
    }
    if (carry) await out.write(carry);
  } finally {
    await out.close();
  }
}

/** the two parts' results as one; the second part's line numbers moved by `offset` */
function merge(a: PartResult, b: PartResult, offset: number): PartResult {
  const sa = a.summary;
  const sb = b.summary;
  const moved = <T extends { line: number }>(x: T | undefined): T | undefined => (x ? { ...x, line: x.line + offset } : undefined);
  const changes = sa.changes.map((c) => ({ ...c }));
  for (const c of sb.changes) {
    if (c.kind === 'header') continue;
    // (one change a column for some kinds: missing-value markers, markers.ts)
    const mine = changes.find((x) => x.kind === c.kind && x.column === c.column);
    if (mine) {
      mine.rows += c.rows;
      mine.values += c.values;
      mine.example ??= moved(c.example);
      if (mine.spellings && c.spellings) {
        for (const [v, n] of Object.entries(c.spellings)) mine.spellings[v] = (mine.spellings[v] ?? 0) + n;
        mine.label = markersLabel(mine.spellings);
      }
    } else changes.push({ ...c, example: moved(c.example) });
  }
  // the separator change counts the header once
  const utc = (sa.assumedUtc?.values ?? 0) + (sb.assumedUtc?.values ?? 0);
  const summary: FixSummary = {
    ...sa,
    rows: sa.rows + sb.rows,
    written: sa.written + sb.written,
    rejected: sa.rejected + sb.rejected,
    duplicates: sa.duplicates + sb.duplicates,
    changes: changes.map((c) => (c.kind === 'separator' || c.kind === 'encoding' ? { ...c, rows: c.rows - 1 } : c)),
    assumedUtc: utc ? { values: utc, example: sa.assumedUtc?.example ?? moved(sb.assumedUtc?.example) } : undefined,
    notes: sa.notes.map((n) => (/read as UTC/.test(n) ? `${withCommas(utc)} date${utc === 1 ? '' : 's'} named no time zone and were read as UTC.` : n)),
  };
  if (!sa.notes.some((n) => /read as UTC/.test(n)) && utc) summary.notes.push(`${withCommas(utc)} date${utc === 1 ? '' : 's'} named no time zone and were read as UTC.`);
  const dropped = new Int32Array(a.dropped.length + b.dropped.length);
  dropped.set(a.dropped);
  for (let i = 0; i < b.dropped.length; i++) dropped[a.dropped.length + i] = b.dropped[i] + offset;
  const listed = [...a.listed, ...b.listed.map((x) => ({ ...x, line: x.line + offset }))].slice(0, Math.max(a.listed.length, 100));
  const firsts = joinFirsts(a.numberFirsts, b.numberFirsts);
  return { summary, listed, dropped, lines: a.lines + b.lines - 1, problem: a.problem ?? b.problem, twoWays: (a.twoWays ?? 0) + (b.twoWays ?? 0), numberFirsts: firsts.firsts, firstsDiffer: firsts.differ };
}

async function workerMain({ fix: job, validate, outHeader, join, joinFrom }: WorkerJob): Promise<void> {
  const first = job.start === 0;
  const joinState = new Int32Array(join, 0, 2);
  const joinBytes = new Float64Array(join, 8, 1);
  try {
    const part = {
      async run(push?: PartPush) {
        let written = 0;
        let last = 0;
        const readTarget: { buf?: Uint8Array } = {};
        // (blocks read with readSync on the thread itself: no hand-off to libuv's thread pool and back for each)
        // the first part writes the header line: its checker has read it already
        const check = push && toChecker(outHeader, first ? outHeader.length : 0, push);
        const r = await fixPart({ name: job.path, stream: readPartRange(job.path, job.start, job.end, job.header, readTarget) }, job.schema, {
          ...job.opts,
          syncWrites: true,
          readTarget,
          onOutput: (out) => {
            if (!first) {
              // the second part: its file is written this far (the first part's thread follows it)
              written += out.length;
              joinBytes[0] = written;
              Atomics.add(joinState, 0, 1);
              Atomics.notify(joinState, 0);
            }
            check?.(out);
          },
        }, (read, rows) => {
          if (read - last >= 8 << 20) {
            last = read;
            parentPort!.postMessage({ fixProgress: [read, rows] });
          }
        });
        if (!first) {
          joinBytes[0] = written;
          Atomics.store(joinState, 1, 1);
          Atomics.add(joinState, 0, 1);
          Atomics.notify(joinState, 0);
        }
        // the first part: the second part's file appended to its own as it is written (instead of
        // after both parts are done, on the main thread)
        const joined = first && joinFrom !== undefined && !r.problem && (await follow(job.opts.tmp, joinFrom, joinState, joinBytes, 4 << 20));
        parentPort!.postMessage({ fixProgress: [job.end - job.start, r.summary.rows] });
        parentPort!.postMessage({ fix: r, joined });
      },
      // the line set's sorted mode may read the part again: as far as it is written, header first
      reread: first ? rereadFile(job.opts.tmp, 0, Infinity) : rereadFile(job.opts.tmp, 0, Infinity, outHeader),
    };
    if (validate) await checkPart(validate, part);
    else await part.run();
  } catch (e) {
    if (!first) {
      Atomics.store(joinState, 1, 2);
      Atomics.add(joinState, 0, 1);
      Atomics.notify(joinState, 0);
    }
    parentPort!.postMessage({ error: isAppError(e) ? { kind: e.kind, message: e.message, hint: e.hint } : { kind: 'internal', message: (e as Error)?.message ?? String(e) } });
    // the checkers' side: validateWritten stops the other part too
    parentPort!.postMessage({ failed: (e as Error)?.message ?? String(e) });
  }
}

// (after its last message: Node's end of the thread can deadlock otherwise, core/settle-exit.ts)
if (!isMainThread && (workerData as Partial<WorkerJob> | undefined)?.__personalizeImportFix) void workerMain(workerData as WorkerJob).finally(settleBeforeExit);

/** the same file: the same path, or (when both exist) the same inode (a link, another spelling) */
async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/** the output's line numbers → the input's (rows dropped before a line shift it) */
export function originalLines(report: ValidationReport, dropped: Int32Array): ValidationReport {
  if (dropped.length === 0) return report;
  const map = (line: number) => {
    let orig = line;
    for (let k = 0; k < dropped.length && dropped[k] <= orig; k++) orig++;
    return orig;
  };
  const fix = (i: Issue): Issue => (i.line === undefined ? i : { ...i, line: map(i.line), message: i.message.replace(/^Line \d+/, `Line ${map(i.line)}`) });
  return { ...report, errors: report.errors.map(fix), warnings: report.warnings.map(fix) };
}
