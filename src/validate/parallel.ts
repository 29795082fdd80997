// The parallel run: one local file split at newlines (sources.ts) and its parts checked at once,
// each with its own FileChecker: the first on this thread (it starts at once, while the worker
// threads boot: one thread fewer to start), the others on worker threads; the parent merges their
// issues, tables and counts in file order and counts the lines that repeat a line of another part.
// The worker threads run this module (new Worker(import.meta.url)): it must be part of built
// JavaScript (dist/ or an esbuild bundle), and the guard at its end starts workerMain there.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import type { DatasetType, Domain } from '../core/resources.js';
import { LineSplitter } from '../csv/tokenizer.js';
import { FileChecker } from './checker.js';
import { FastLane, fastLaneCounters, fastLaneMemory, fastLaneModule, type WasmMemory, type WasmModule } from './fastlane.js';
import { WasmCountTable, WasmLineSet, type SortedRuns } from './fastlane-tables.js';
import { PartitionedTagSet, TagSet } from './linesets.js';
import type { BufferedTable } from './tables.js';
import { IssueCollector } from './issues.js';
import type { SchemaModel } from './fields.js';
import { READ_BLOCK, readPart, readPartAsync, rereadFile, splitAtNewlines, type FileSplit, type Reread } from './sources.js';
import { waitForBytes } from './remote.js';
import { ringReadPart, ringReread } from './remote-ring.js';
import { MAX_EVENT_TYPES_TRACKED, Totals } from './totals.js';

/** how every part is checked (the parent's settings, handed to each worker) */
interface PartSettings {
  schema: SchemaModel;
  type: DatasetType;
  domain?: Domain;
  nowSec: number;
  maxPerCode: number;
  fastLane: boolean;
  /** the users and items tables' cap (tests) */
  tableSlots?: number;
}

export interface ParallelContext extends PartSettings {
  iss: IssueCollector;
  totals: Totals;
  signal?: AbortSignal;
  onProgress: (bytes: number, rows: number) => void;
  /** tests: the cuts (ValidateOptions.splitAt) */
  splitAt?: number[];
  keepHeap?: boolean; // the memory is not used after this run (the fixer's): what the workers allocated is not zeroed and given back (≈ 18 ms)
}

interface WorkerJob extends PartSettings {
  __personalizeImportValidate: true;
  index: number;
  path: string;
  start: number;
  end: number;
  header: Uint8Array;
  /**
   * interactions: every part's whole-line set (WORKER_RECORD_SLOTS tags on shared memory) and one
   * done flag a part. A part that has checked its lines waits for the others, then counts the
   * lines repeated across parts over its share of the set's partitions (instead of the parent
   * counting them all alone afterwards). With the fast lane the sets live in the parts' module
   * memories (`memories`, shared), at the offset each part writes next to its done flag.
   */
  lineSets?: SharedArrayBuffer[];
  /** with the fast lane: the compiled module */
  fastModule?: WasmModule;
  /** with the fast lane: one memory a part (the parts read each other's line sets in place); the parent's for all when the tables are shared */
  memories?: WasmMemory[];
  /** the parent's users and items tables (their tablePtr in the shared memory): counted there, not copied */
  sharedTables?: { users: number; items: number };
  /** per part, DONE_WORDS int32s: set checked, big set ready, sorted, sorted lines, big set's offset in the part's memory */
  done?: SharedArrayBuffer;
  /** per part: first and last timestamp of its lines (sorted mode) */
  runTimes?: SharedArrayBuffer;
  /** a spool being filled (remote.ts): per part, the offset up to which the file holds its bytes */
  avail?: SharedArrayBuffer;
  /** an S3 object's part handed over in shared memory (remote-ring.ts; no file): its channel and ring size */
  ring?: SharedArrayBuffer;
  ringBytes?: number;
}

/** int32s a part in WorkerJob.done */
const DONE_WORDS = 5;

/** a worker's duplicate-set slots: two threads share the memory budget */
const WORKER_RECORD_SLOTS = 1 << 23;

interface WorkerResult {
  /** the part's bytes (the header excluded) */
  bytes: number;
  /** data lines in this part (the header excluded) */
  lines: number;
  /** the header made the file unreadable (rows counted only) */
  unreadable: boolean;
  rows: number;
  checkedRows: number;
  blankLines: number;
  buckets: ReturnType<IssueCollector['exportBuckets']>;
  users: ReturnType<BufferedTable['exportSlots']>;
  items: ReturnType<BufferedTable['exportSlots']>;
  /** the part's duplicate set filled up */
  recordsSaturated?: boolean;
  /** interactions: lines of a later part repeating a line of an earlier part, over this worker's share of the set's partitions */
  sharedLines?: number;
  /** interactions, every part sorted and in order: this part's first and last run (the parent compares them) */
  runs?: SortedRuns;
  hasUsers: boolean;
  hasItems: boolean;
  eventTypes: { name: string; bytes: Uint8Array; count: number }[];
  eventTypesOverflow: boolean;
  tsMin: number;
  tsMax: number;
  columns: [string, { nonEmpty: number; rows: number; textual: boolean }][];
  metadataColumns: string[];
}

/**
 * null when the file does not suit splitting (no header line in the first MiB): checked inline.
 * `spool`: the file is an S3 object's spool still being filled, already split (remote.ts); the
 * workers wait for their bytes.
 */
export async function validateFileParallel(path: string, size: number, nWorkers: number, ctx: ParallelContext, spool?: { split: FileSplit; avail?: SharedArrayBuffer; rings?: SharedArrayBuffer[]; ringBytes?: number }): Promise<{ bytes: number; rows: number; bom: boolean } | null> {
  // A local file: this thread checks the first part itself (reading it between turns of the event
  // loop), and the worker threads start booting now (≈ 80 ms of their own CPU) while it cuts the
  // file and sets up the tables; their jobs follow as a message. The first part is larger by about
  // what this thread checks while they boot (HEAD_START).
  const local = !spool;
  const early = local && !ctx.splitAt ? Array.from({ length: nWorkers - 1 }, () => new Worker(new URL(import.meta.url), { workerData: { __personalizeImportValidate: true, deferred: true } satisfies DeferredJob })) : [];
  const split = spool?.split ?? splitAtNewlines(path, size, nWorkers, local ? HEAD_START : 0);
  if (!split) {
    for (const w of early) void w.terminate();
    return null;
  }
  const { header, bom } = split;
  const bounds = ctx.splitAt ? [split.bounds[0], ...ctx.splitAt, size] : split.bounds;
  // (cuts that fell together leave fewer parts than threads)
  for (const w of early.splice(bounds.length - 2)) void w.terminate();
  const start = (job: PartJob, k: number) => {
    const part = { ...job, path, start: bounds[k], end: bounds[k + 1], avail: spool?.avail, ring: spool?.rings?.[k], ringBytes: spool?.ringBytes } satisfies WorkerJob;
    const w = early[k - 1];
    if (!w) return new Worker(new URL(import.meta.url), { workerData: part });
    w.postMessage({ job: part });
    return w;
  };
  const inline: InlinePart | undefined = local
    ? (job, post, stopped) => checkPart(job, {
      run: (push) => readPartAsync(path, bounds[0], bounds[1], push.buffer ?? Buffer.allocUnsafe(READ_BLOCK), push, stopped),
      reread: rereadFile(path, bounds[0], bounds[1], header),
    }, post, stopped)
    : undefined;
  try {
    const done = await validateParts(bounds.length - 1, header, ctx, start, inline);
    return { bytes: size, rows: done.rows, bom };
  } finally {
    // (a failure before their jobs were sent: they would wait for one forever)
    for (const w of early) void w.terminate();
  }
}

/**
 * what this thread checks of a local file while a worker thread boots, in bytes: the first part is
 * this much larger than the others (a worker starts ≈ 80-100 ms later; this thread checks ≈ 400 MB/s alone)
 */
const HEAD_START = 24 << 20;

/** a worker thread started before its job is known: the job comes as its first message ({ job }) */
interface DeferredJob {
  __personalizeImportValidate: true;
  deferred: true;
}

/** runs part 0 on the calling thread: `post` takes its messages, `stopped` says the run was called off */
type InlinePart = (job: PartJob, post: PostResult, stopped: () => boolean) => Promise<void>;

/** how a part hands its messages (progress, result) to validateParts */
export type PostResult = (m: { progress?: [number, number]; result?: WorkerResult }, transfer?: ArrayBuffer[]) => void;

/** what every part's thread is given to check its bytes (PartJob + where they are: WorkerJob) */
export type PartJob = Omit<WorkerJob, 'path' | 'start' | 'end' | 'avail' | 'ring' | 'ringBytes'>;

/**
 * Checks `parts` parts at once, each on a worker thread `start(job, k)` makes; that thread runs
 * checkPart(job, …) with the part's bytes (a file's range here, or bytes another module produces
 * as it writes them: the fixer). Merges their issues, tables and counts in part order into ctx.
 */
export async function validateParts(parts: number, header: Uint8Array, ctx: ParallelContext, start: (job: PartJob, k: number) => Worker, inline?: InlinePart): Promise<{ bytes: number; rows: number }> {
  const progress = new Float64Array(parts * 2);
  const workers: Worker[] = [];
  const interactions = ctx.type === 'INTERACTIONS' || ctx.type === 'ACTION_INTERACTIONS';
  // the compiled fast lane goes to the workers with one memory each
  const fastModule = ctx.fastLane ? fastLaneModule() : null;
  const fast = fastModule !== null;
  // with the parent's tables in the fast lane, every part runs on the parent's memory and counts
  // into those tables (one table, not a copy a thread plus the parent's merge); what the workers
  // allocate there besides is given back once they are done
  const parentLane = fast && ctx.totals.fast && ctx.totals.users instanceof WasmCountTable && ctx.totals.items instanceof WasmCountTable ? ctx.totals.fast : null;
  if (parentLane) {
    (ctx.totals.users as WasmCountTable).reserve();
    (ctx.totals.items as WasmCountTable).reserve();
  }
  const sharedTables = parentLane ? { users: (ctx.totals.users as WasmCountTable).statePtr, items: (ctx.totals.items as WasmCountTable).statePtr } : undefined;
  const heapMark = parentLane ? parentLane.exports.heapMark() : 0;
  if (parentLane) fastLaneCounters.sharedTableRuns++;
  const memories = fast ? Array.from({ length: parts }, () => parentLane?.memory ?? fastLaneMemory()) : undefined;
  const lineSets = interactions && !fast ? Array.from({ length: parts }, () => new SharedArrayBuffer(WORKER_RECORD_SLOTS * 4)) : undefined;
  const done = interactions ? new SharedArrayBuffer(parts * DONE_WORDS * 4) : undefined;
  const runTimes = interactions ? new SharedArrayBuffer(parts * 16) : undefined;
  // set when the run is called off (an error, an abort): the part on this thread stops at its next block or wait
  let stopped = false;
  const results = await new Promise<WorkerResult[]>((resolve, reject) => {
    const out: WorkerResult[] = new Array(parts);
    let left = parts;
    const fail = (e: unknown) => {
      stopped = true;
      for (const x of workers) void x.terminate();
      ctx.signal?.removeEventListener('abort', onAbort);
      reject(e);
    };
    const onAbort = () => fail(new AppError('interrupted', 'Validation was cancelled.'));
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    const onMessage = (k: number, m: { progress?: [number, number]; result?: WorkerResult; failed?: string }) => {
      if (m.progress) {
        progress[k * 2] = m.progress[0];
        progress[k * 2 + 1] = m.progress[1];
        let b = 0;
        let r = 0;
        for (let j = 0; j < parts; j++) {
          b += progress[j * 2];
          r += progress[j * 2 + 1];
        }
        ctx.onProgress(b, r);
      } else if (m.result) {
        out[k] = m.result;
        if (--left === 0) {
          ctx.signal?.removeEventListener('abort', onAbort);
          resolve(out);
        }
      } else if (m.failed !== undefined) {
        // the part's bytes could not be produced (checkPart's caller says why; it reports its own error)
        fail(new Error(m.failed));
      }
    };
    const jobOf = (k: number): PartJob => ({
      __personalizeImportValidate: true, index: k, header,
      schema: ctx.schema, type: ctx.type, domain: ctx.domain, nowSec: ctx.nowSec, maxPerCode: ctx.maxPerCode, fastLane: fast, tableSlots: ctx.tableSlots, fastModule: fastModule ?? undefined, lineSets, memories, sharedTables, done, runTimes,
    });
    for (let k = inline ? 1 : 0; k < parts; k++) {
      const w = start(jobOf(k), k);
      workers.push(w);
      w.on('message', (m: { progress?: [number, number]; result?: WorkerResult; failed?: string }) => onMessage(k, m));
      w.on('error', fail);
    }
    // the first part on this thread, after the workers have their jobs
    inline?.(jobOf(0), (m) => onMessage(0, m), () => stopped || ctx.signal?.aborted === true).catch((e: unknown) => {
      // called off: the reason is already given
      if (!stopped) fail(e);
    });
  });
  // merge in file order
  const { iss, totals } = ctx;
  let lineOffset = 0;
  let rows = 0;
  for (const r of results) {
    iss.mergeBuckets(r.buckets, lineOffset);
    lineOffset += r.lines;
    rows += r.rows;
    totals.blankLines += r.blankLines;
    totals.users.mergeSlots(r.users);
    totals.items.mergeSlots(r.items);
    // duplicates are found within each part; across parts only saturation is carried over
    if (r.recordsSaturated) {
      totals.records ??= new TagSet(1 << 4);
      totals.records.saturated = true;
    }
    if (r.hasUsers) totals.hasUsers = true;
    if (r.hasItems) totals.hasItems = true;
    if (r.unreadable) totals.unreadable = true;
    for (const e of r.eventTypes) {
      const known = totals.eventTypes.find((x) => x.name === e.name);
      if (known) known.count += e.count;
      else if (totals.eventTypes.length < MAX_EVENT_TYPES_TRACKED) totals.eventTypes.push({ name: e.name, bytes: Buffer.from(e.bytes), count: e.count });
      else totals.eventTypesOverflow = true;
    }
    if (r.eventTypesOverflow) totals.eventTypesOverflow = true;
    if (r.tsMin < totals.tsMin) totals.tsMin = r.tsMin;
    if (r.tsMax > totals.tsMax) totals.tsMax = r.tsMax;
    for (const [name, c] of r.columns) {
      const col = totals.columns.get(name);
      if (col) {
        col.nonEmpty += c.nonEmpty;
        col.rows += c.rows;
      } else totals.columns.set(name, { ...c });
    }
    for (const m of r.metadataColumns) totals.metadataColumns.add(m);
  }
  // every worker is done with its areas of the shared memory (their results are copies)
  if (parentLane && !ctx.keepHeap) parentLane.exports.heapReset(heapMark);
  // a line repeating a line of an earlier part is not seen by either thread: count such lines from the
  // parts' sets; they are reported without line numbers and make the report approximate
  let across = 0;
  if (results.every((r) => r.runs)) {
    // sorted parts in order: a line can only repeat one of an earlier part with the same timestamp,
    // in that part's last run and this part's first run
    for (let k = 1; k < results.length; k++) {
      const rk = results[k].runs!;
      if (rk.lines === 0) continue;
      for (let j = 0; j < k; j++) {
        const rj = results[j].runs!;
        if (rj.lines > 0 && rj.lastTs === rk.firstTs) across += countCommonKeys(rk.first, rj.last);
      }
    }
  } else for (const r of results) across += r.sharedLines ?? 0;
  if (across > 0) {
    totals.duplicatesAcrossParts += across;
    iss.report('DUPLICATE_RECORD', `${across} record${across === 1 ? '' : 's'} in a later part of the file repeat${across === 1 ? 's' : ''} a record of an earlier part exactly (the file was checked in ${parts} parts at once, so these lines are not named: validate with one thread to list them); Personalize keeps identical events once.`);
    iss.addToTotal('DUPLICATE_RECORD', across - 1);
  }
  const bytes = results.reduce((a, r) => a + r.bytes, 0);
  ctx.onProgress(bytes, rows);
  return { bytes, rows };
}

function workerMain(job: WorkerJob): void {
  if (job.ring) {
    // an S3 object's part from the parent's shared ring (remote-ring.ts); read again through it too
    const { ring, ringBytes = 0 } = job;
    void checkPart(job, {
      run(push) {
        ringReadPart(ring, ringBytes, job.start, job.end, push.buffer ?? Buffer.allocUnsafe(READ_BLOCK), push);
      },
      reread: ringReread(ring, ringBytes, job.start, job.end, job.header),
    });
    return;
  }
  void checkPart(job, {
    run(push) {
      // with the fast lane, read straight into its memory (no copy)
      const buf = push.buffer ?? Buffer.allocUnsafe(READ_BLOCK);
      readPart(job.path, job.start, job.end, buf, push, job.avail ? (pos) => waitForBytes(job.avail!, job.index, pos) : undefined);
    },
    reread: rereadFile(job.path, job.start, job.end, job.header),
  });
}

/** a part's bytes for checkPart: `run` pushes them in order (the data after the header line) */
export interface PartBytes {
  run(push: PartPush): void | Promise<void>;
  /** reads the part again from its first line, header first (the line set's sorted mode needs it; a part not yet all written is read as far as it is) */
  reread?: Reread;
}

/** hands a chunk to the checker (`done`: the part's bytes so far); `buffer` (fast lane) a place to read into without a copy */
export interface PartPush {
  (chunk: Uint8Array, done: number): void;
  buffer?: Uint8Array;
}

/**
 * On a part's worker thread: checks the bytes `source` pushes as part `job.index` of validateParts
 * and posts the result to the parent (the message validateParts waits for). Resolves with it.
 */
export async function checkPart(job: PartJob, source: PartBytes, post: PostResult = (m, transfer) => parentPort!.postMessage(m, transfer), stopped?: () => boolean): Promise<void> {
  const iss = new IssueCollector(job.maxPerCode);
  const lineSets = job.lineSets;
  const fast = job.fastLane ? FastLane.create(job.memories?.[job.index], job.fastModule) : null;
  const totals = new Totals(WORKER_RECORD_SLOTS, lineSets ? new Int32Array(lineSets[job.index]) : undefined, fast, job.tableSlots, fast ? job.sharedTables : undefined);
  if (fast) totals.reread = source.reread;
  // only the first part reports on the header
  const checker = new FileChecker(job.index === 0 ? iss : new IssueCollector(job.maxPerCode), totals, job.schema, job.type, job.domain, job.nowSec);
  checker.headerIsOwnLine = job.index === 0;
  const splitter = new LineSplitter(checker);
  splitter.push(job.header);
  checker.iss = iss;
  let lastReport = 0;
  let bytes = 0;
  const push: PartPush = (chunk, done) => {
    splitter.push(chunk);
    bytes = done;
    if (done - lastReport >= 16 * READ_BLOCK) {
      lastReport = done;
      post({ progress: [done, checker.rows] });
    }
  };
  if (fast) push.buffer = fast.inputBuffer(READ_BLOCK);
  await source.run(push);
  splitter.end();
  checker.finish();
  let sharedLines: number | undefined;
  let runs: SortedRuns | undefined;
  // (every part has the same header: when it made the file unreadable, no part has a line set)
  if (job.done && job.runTimes && !checker.unreadable) {
    // Lines repeating a line of another part. Every part says whether it is still in sorted mode and
    // its first and last timestamps, and waits for the others. If all are sorted and in order
    // across parts, repeats across parts can only be between the last run of one part and the first
    // run of a later one: the parent compares those. Otherwise every part sets up its big set (a
    // sorted part reads itself again), says where it is, waits, and counts its share of repeats.
    const done = new Int32Array(job.done);
    const times = new Float64Array(job.runTimes);
    const parts = done.length / DONE_WORDS;
    const at = (k: number, w: number) => k * DONE_WORDS + w;
    const mine = totals.lines;
    if (mine instanceof WasmLineSet && mine.sorted) {
      runs = mine.runs();
      done[at(job.index, 2)] = 1;
      done[at(job.index, 3)] = runs.lines;
      times[job.index * 2] = runs.firstTs;
      times[job.index * 2 + 1] = runs.lastTs;
    }
    // (on the parent's thread, `stopped` given: waits without blocking its event loop, and gives up when the run is called off)
    const barrier = async (w: number) => {
      Atomics.store(done, at(job.index, w), 1);
      Atomics.notify(done, at(job.index, w));
      for (let k = 0; k < parts; k++) {
        while (Atomics.load(done, at(k, w)) === 0) {
          if (!stopped) Atomics.wait(done, at(k, w), 0);
          else if (stopped()) throw new AppError('interrupted', 'Validation was cancelled.');
          else await waitAsync(done, at(k, w), 0, 100);
        }
      }
    };
    await barrier(0);
    let ordered = true;
    let lastTs = -Infinity;
    for (let k = 0; k < parts && ordered; k++) {
      if (done[at(k, 2)] === 0) ordered = false;
      else if (done[at(k, 3)] > 0) {
        if (times[k * 2] < lastTs) ordered = false;
        lastTs = times[k * 2 + 1];
      }
    }
    if (!ordered) {
      runs = undefined;
      if (mine instanceof WasmLineSet) {
        mine.endSorted(Infinity);
        done[at(job.index, 4)] = mine.tagsOffset;
      }
      await barrier(1);
      const from = Math.floor((PartitionedTagSet.PARTS * job.index) / parts);
      const to = Math.floor((PartitionedTagSet.PARTS * (job.index + 1)) / parts);
      sharedLines = 0;
      if (fast && job.sharedTables) {
        // every part's set is in the one memory this thread runs on: the module compares them (the same count, ≈ 5× faster),
        // a partition a call: WebAssembly has no on-stack replacement, so one call over every partition ran wholly in
        // V8's baseline code (≈ 10 % of a shuffled file's time with two workers); the optimised code takes over after a few calls
        for (let k = 1; k < parts; k++) for (let j = 0; j < k; j++) for (let p = from; p < to; p++) {
          const n = fast.exports.lineCountShared(done[at(j, 4)], done[at(k, 4)], WORKER_RECORD_SLOTS, p, p + 1);
          if (n < 0) throw new Error('fast lane: out of memory');
          sharedLines += n;
        }
      } else {
        const sets = job.memories
          ? job.memories.map((m, k) => new Int32Array(m.buffer, done[at(k, 4)], WORKER_RECORD_SLOTS))
          : lineSets!.map((x) => new Int32Array(x));
        for (let k = 1; k < parts; k++) for (let j = 0; j < k; j++) sharedLines += PartitionedTagSet.countShared(sets[j], sets[k], from, to);
      }
    }
  }
  // shared tables: this thread's updates applied to them; only its sketch and the flag are sent
  const shared = job.sharedTables && totals.users instanceof WasmCountTable && totals.items instanceof WasmCountTable;
  const users = shared ? (totals.users as WasmCountTable).exportSketch() : totals.users.exportSlots();
  const items = shared ? (totals.items as WasmCountTable).exportSketch() : totals.items.exportSlots();
  const result: WorkerResult = {
    bytes,
    lines: splitter.lineNo - 1,
    unreadable: checker.unreadable,
    rows: checker.rows,
    checkedRows: checker.checkedRows,
    blankLines: totals.blankLines,
    buckets: iss.exportBuckets(),
    users,
    items,
    recordsSaturated: totals.duplicatesSaturated,
    sharedLines,
    runs,
    hasUsers: totals.hasUsers,
    hasItems: totals.hasItems,
    eventTypes: totals.eventTypes.map((e) => ({ name: e.name, bytes: new Uint8Array(e.bytes), count: e.count })),
    eventTypesOverflow: totals.eventTypesOverflow,
    tsMin: totals.tsMin,
    tsMax: totals.tsMax,
    columns: [...totals.columns],
    metadataColumns: [...totals.metadataColumns],
  };
  const transfer = [...users.parts, ...items.parts, ...(runs ? [runs.first, runs.last] : [])];
  post({ result }, transfer.map((a) => a.buffer as ArrayBuffer));
}

if (!isMainThread && (workerData as Partial<WorkerJob> | undefined)?.__personalizeImportValidate) {
  if ((workerData as Partial<DeferredJob>).deferred) parentPort!.once('message', (m: { job: WorkerJob }) => workerMain(m.job));
  else workerMain(workerData as WorkerJob);
}

/** Atomics.waitAsync (the project's lib settings do not declare it) */
function waitAsync(a: Int32Array, index: number, value: number, ms: number): Promise<unknown> | unknown {
  return (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { value: unknown } }).waitAsync(a, index, value, ms).value;
}

/** how many [h1, h2] keys of `a` are also in `b` (both without repeats) */
function countCommonKeys(a: Int32Array, b: Int32Array): number {
  const keys = new Set<string>();
  for (let i = 0; i < b.length; i += 2) keys.add(`${b[i]},${b[i + 1]}`);
  let n = 0;
  for (let i = 0; i < a.length; i += 2) if (keys.has(`${a[i]},${a[i + 1]}`)) n++;
  return n;
}
