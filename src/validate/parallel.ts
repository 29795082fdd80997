// The parallel run: one local file split at newlines (sources.ts) and its parts checked at once,
// each with its own FileChecker: the first on this thread (it starts at once, while the worker
// threads boot: one thread fewer to start), the others on worker threads; the parent merges their
// issues, tables and counts in file order and counts the lines that repeat a line of another part.
// An S3 object read into rings (remote-ring.ts) likewise: its first part is checked on this thread
// from its ring while the event loop reads the sockets (ring-read.ts), the others on worker threads
// the caller may have started before the object was known (EarlyWorkers: validate s3://… starts them
// before it loads the SDK). An object's spool file (cuts a test gives) goes to worker threads only.
// The worker threads run this module (new Worker(import.meta.url)): it must be part of built
// JavaScript (dist/ or an esbuild bundle), and the guard at its end starts workerMain there.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import { settleBeforeExit } from '../core/settle-exit.js';
import { fastLaneCounters, fastLaneMemory, fastLaneModule, type WasmMemory } from './fastlane.js';
import { WasmCountTable } from './fastlane-tables.js';
import { TagSet } from './linesets.js';
import type { IssueCollector } from './issues.js';
import { checkPart } from './part-check.js';
import { DONE_WORDS, WORKER_RECORD_SLOTS, type PartJob, type PartMessage, type PartSettings, type PostResult, type WorkerJob, type WorkerResult } from './part-types.js';
import { READ_BLOCK, readPart, readPartAsync, rereadFile, splitAtNewlines, type FileSplit } from './sources.js';
import { MAX_PARTS, PartClaims, StealConflict, checkClaimedParts } from './steal.js';
import { waitForBytes } from './remote.js';
import { ringPartHere, ringReadPart, ringReread } from './ring-read.js';
import { MAX_EVENT_TYPES_TRACKED, Totals } from './totals.js';
import { addDotZero, mergeReturns, type DotZeroCount } from './returns.js';

/** the per-column counts a part's columns carry (13085.0 IDs, padded IDs, a spreadsheet's dates, IDs in scientific notation) */
const COUNTED = ['dotZero', 'padded', 'serial', 'scientific'] as const;

export interface ParallelContext extends PartSettings {
  iss: IssueCollector;
  totals: Totals;
  signal?: AbortSignal;
  onProgress: (bytes: number, rows: number) => void;
  /** tests: the cuts (ValidateOptions.splitAt) */
  splitAt?: number[];
  /** tests: the least rest of a part worth cutting at run time (ValidateOptions.stealMinBytes) */
  stealMinBytes?: number;
  /** worker threads already started for an S3 object's parts (ValidateOptions.early) */
  early?: { take(n: number): Worker[] };
}

export { checkPart } from './part-check.js';
export type { PartBytes, PartJob, PartPush, PostResult } from './part-types.js';

/** an S3 object already split for the workers: a spool file being filled, or rings (remote-ring.ts) */
export interface RemoteParts {
  split: FileSplit;
  avail?: SharedArrayBuffer;
  rings?: SharedArrayBuffer[];
  ringBytes?: number;
  /** the rings are regions of this memory (the parent's fast lane's), at these offsets */
  ringMemory?: WasmMemory;
  ringAts?: number[];
  /** with rings: the first part is checked on this thread (false: on a worker thread too, as after RereadUnavailable) */
  here?: boolean;
  /** tests: bytes of the first part kept to be read again from on this thread (ring-read.ts RETAIN_BYTES) */
  retainBytes?: number;
  /** bytes of the object fetched again (RingSpool.fetchAgain): the first part read again on this thread once checked */
  fetchAgain?: (from: number, to: number, sink: (chunk: Uint8Array) => boolean) => Promise<void>;
}

/**
 * null when the file does not suit splitting (no header line in the first MiB): checked inline.
 * `spool`: the file is an S3 object's spool still being filled, already split (remote.ts); the
 * workers wait for their bytes.
 */
export async function validateFileParallel(path: string, size: number, nWorkers: number, ctx: ParallelContext, spool?: RemoteParts): Promise<{ bytes: number; rows: number; bom: boolean } | null> {
  // A local file: this thread checks the first part itself (reading it between turns of the event
  // loop), and the worker threads start booting now (≈ 80 ms of their own CPU) while it cuts the
  // file and sets up the tables; their jobs follow as a message. The first part is larger by about
  // what this thread checks while they boot (HEAD_START).
  const local = !spool;
  const early = local && !ctx.splitAt ? Array.from({ length: nWorkers - 1 }, deferredWorker) : [];
  const split = spool?.split ?? splitAtNewlines(path, size, nWorkers, local ? HEAD_START : 0);
  if (!split) {
    for (const w of early) void w.terminate();
    return null;
  }
  const { header, bom } = split;
  const bounds = ctx.splitAt ? [split.bounds[0], ...ctx.splitAt, size] : split.bounds;
  // (cuts that fell together leave fewer parts than threads)
  for (const w of early.splice(bounds.length - 2)) void w.terminate();
  // the first part on this thread (a local file's, or an S3 object's from its ring); an S3 object's
  // others on worker threads: those the caller started before the object was known (EarlyWorkers,
  // booted or booting), new ones for the rest
  const here = local || (spool?.rings !== undefined && spool.here !== false);
  if (!local) early.push(...(ctx.early?.take(bounds.length - (here ? 2 : 1)) ?? []));
  const first = here ? 1 : 0;
  const start = (job: PartJob, k: number) => {
    const ringAt = spool?.ringAts?.[k];
    const part = { ...job, path, start: bounds[k], end: bounds[k + 1], avail: spool?.avail, ring: spool?.rings?.[k], ringBytes: spool?.ringBytes, ringMemory: ringAt === undefined ? undefined : spool?.ringMemory, ringAt } satisfies WorkerJob;
    if (part.ringMemory && job.memories?.[k] === part.ringMemory) fastLaneCounters.ringsInPlace++;
    const w = early[k - first];
    if (!w) return new Worker(new URL(import.meta.url), { workerData: part });
    w.postMessage({ job: part });
    return w;
  };
  // a local file's parts may be cut again at run time by a thread done with its own (steal.ts)
  const claims = local && (!ctx.splitAt || ctx.stealMinBytes !== undefined) ? PartClaims.create(bounds, ctx.stealMinBytes) : undefined;
  const inline: InlinePart | undefined = local
    ? (job, post, stopped) => job.steal ? checkClaimedParts(job, path, 0, post, stopped) : checkPart(job, {
      run: (push) => readPartAsync(path, bounds[0], bounds[1], push.buffer ?? Buffer.allocUnsafe(READ_BLOCK), push, stopped),
      reread: rereadFile(path, bounds[0], bounds[1], header),
    }, post, stopped)
    : here && spool?.rings
      ? ringPartHere({ ring: spool.rings[0], ringBytes: spool.ringBytes ?? 0, memory: spool.ringMemory, at: spool.ringAts?.[0], fetchAgain: spool.fetchAgain }, bounds[0], bounds[1], header, spool.retainBytes)
      : undefined;
  try {
    const done = await validateParts(bounds.length - 1, header, ctx, start, inline, claims);
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

/** a worker thread that boots now and waits for its job (a message) */
function deferredWorker(): Worker {
  return new Worker(new URL(import.meta.url), { workerData: { __personalizeImportValidate: true, deferred: true } satisfies DeferredJob });
}

/**
 * Worker threads started before the input is known (validate s3://…: they boot, ≈ 80 ms of CPU each,
 * while the main thread loads the AWS SDK and asks for the object, instead of after the object is
 * split). A parallel run over an S3 object takes them (`take`) and posts their jobs; `close` ends the
 * ones not taken (a small object, an error). Until taken they do not keep the process alive.
 */
export class EarlyWorkers {
  /** every worker started (tests watch them end) */
  readonly started: readonly Worker[];
  private pool: Worker[];
  /** workers that failed to boot or exited: never handed out */
  private readonly dead = new Set<Worker>();

  constructor(n: number) {
    this.started = Array.from({ length: n }, () => {
      const w = deferredWorker();
      w.unref();
      w.once('error', () => this.dead.add(w));
      w.once('exit', () => this.dead.add(w));
      return w;
    });
    this.pool = [...this.started];
  }

  /** up to n workers (booted or booting), each to be posted its job; they keep the process alive again */
  take(n: number): Worker[] {
    const out = this.pool.splice(0, n).filter((w) => !this.dead.has(w));
    for (const w of out) w.ref();
    return out;
  }

  /** ends the workers not taken */
  close(): void {
    for (const w of this.pool.splice(0)) void w.terminate();
  }
}

/** runs part 0 on the calling thread: `post` takes its messages, `stopped` says the run was called off */
type InlinePart = (job: PartJob, post: PostResult, stopped: () => boolean) => Promise<void>;


/**
 * Checks `parts` parts at once, each on a worker thread `start(job, k)` makes; that thread runs
 * checkPart(job, …) with the part's bytes (a file's range here, or bytes another module produces
 * as it writes them: the fixer). Merges their issues, tables and counts in part order into ctx.
 */
export async function validateParts(parts: number, header: Uint8Array, ctx: ParallelContext, start: (job: PartJob, k: number) => Worker, inline?: InlinePart, claims?: PartClaims): Promise<{ bytes: number; rows: number }> {
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
  // a local file's interactions in the fast lane: a thread done with its parts may cut another's rest (steal.ts), up to MAX_PARTS parts
  const steal = claims && parentLane && interactions ? claims : undefined;
  const slots = steal ? MAX_PARTS : parts;
  const progress = new Float64Array(slots * 2);
  const memories = fast ? Array.from({ length: slots }, () => parentLane?.memory ?? fastLaneMemory()) : undefined;
  const lineSets = interactions && !fast ? Array.from({ length: parts }, () => new SharedArrayBuffer(WORKER_RECORD_SLOTS * 4)) : undefined;
  const done = interactions ? new SharedArrayBuffer(slots * DONE_WORDS * 4) : undefined;
  const runTimes = interactions ? new SharedArrayBuffer(slots * 16) : undefined;
  // set when the run is called off (an error, an abort): the part on this thread stops at its next block or wait
  let stopped = false;
  const byPart = await new Promise<WorkerResult[]>((resolve, reject) => {
    const out: WorkerResult[] = new Array(slots);
    let left = parts;
    const fail = (e: unknown) => {
      stopped = true;
      for (const x of workers) void x.terminate();
      ctx.signal?.removeEventListener('abort', onAbort);
      reject(e);
    };
    const onAbort = () => fail(new AppError('interrupted', 'Validation was cancelled.'));
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    // (k: the thread's first part; `part` names another it took over)
    const onMessage = (k: number, m: PartMessage & { failed?: string }) => {
      const part = m.part ?? k;
      if (m.progress) {
        progress[part * 2] = m.progress[0];
        progress[part * 2 + 1] = m.progress[1];
        let b = 0;
        let r = 0;
        for (let j = 0; j < slots; j++) {
          b += progress[j * 2];
          r += progress[j * 2 + 1];
        }
        ctx.onProgress(b, r);
      } else if (m.result) {
        out[part] = m.result;
        if (!m.more && --left === 0) {
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
      schema: ctx.schema, type: ctx.type, domain: ctx.domain, nowSec: ctx.nowSec, maxPerCode: ctx.maxPerCode, fastLane: fast, tableSlots: ctx.tableSlots, fastModule: fastModule ?? undefined, lineSets, memories, sharedTables, done, runTimes, steal: steal?.buffer,
    });
    for (let k = inline ? 1 : 0; k < parts; k++) {
      const w = start(jobOf(k), k);
      workers.push(w);
      w.on('message', (m: PartMessage & { failed?: string }) => onMessage(k, m));
      w.on('error', fail);
    }
    // the first part on this thread, after the workers have their jobs
    inline?.(jobOf(0), (m) => onMessage(0, m), () => stopped || ctx.signal?.aborted === true).catch((e: unknown) => {
      // called off: the reason is already given
      if (!stopped) fail(e);
    });
  });
  // merge in file order
  if (steal) fastLaneCounters.partsTaken += steal.count() - parts;
  const inFileOrder = steal ? steal.order(steal.count()) : byPart.map((_, k) => k);
  const results = inFileOrder.map((k) => byPart[k]);
  const origin = (i: number) => (steal ? steal.origin(inFileOrder[i]) : i);
  const { iss, totals } = ctx;
  let lineOffset = 0;
  let rows = 0;
  for (const r of results) {
    iss.mergeBuckets(r.buckets, lineOffset);
    const partOffset = lineOffset;
    lineOffset += r.lines;
    mergeReturns(totals.returns, r.returns, partOffset);
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
      // (13085.0 IDs, IDs with spaces around them: the part's count added, its first line after the earlier parts')
      const at = (d: DotZeroCount | undefined) => d?.first && { ...d.first, line: d.first.line + partOffset };
      if (col) {
        col.nonEmpty += c.nonEmpty;
        col.rows += c.rows;
        col.idRole ??= c.idRole;
        for (const key of COUNTED) if (c[key]) addDotZero(col, c[key].count, at(c[key]), undefined, key);
      } else totals.columns.set(name, { ...c, ...Object.fromEntries(COUNTED.filter((key) => c[key]).map((key) => [key, { ...c[key]!, first: at(c[key]) }])) });
    }
    for (const m of r.metadataColumns) totals.metadataColumns.add(m);
  }
  // every worker is done with its areas of the shared memory (their results are copies)
  // (it costs nothing: what is handed out again is zeroed then — wasm/fastlane.ts, alloc)
  if (parentLane) parentLane.exports.heapReset(heapMark);
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
        if (rj.lines > 0 && rj.lastTs === rk.firstTs) {
          const n = countCommonKeys(rk.first, rj.last);
          if (n > 0 && origin(j) === origin(k)) throw new StealConflict();
          across += n;
        }
      }
    }
  } else {
    for (const r of results) {
      if (r.sharedSameOrigin) throw new StealConflict();
      across += r.sharedLines ?? 0;
    }
  }
  if (across > 0) {
    totals.duplicatesAcrossParts += across;
    iss.report('DUPLICATE_RECORD', `${across} record${across === 1 ? '' : 's'} in a later part of the file repeat${across === 1 ? 's' : ''} a record of an earlier part exactly (the file was checked in ${results.length} parts at once, so these lines are not named: validate with one thread to list them); Personalize keeps identical events once.`);
    iss.addToTotal('DUPLICATE_RECORD', across - 1);
  }
  const bytes = results.reduce((a, r) => a + r.bytes, 0);
  ctx.onProgress(bytes, rows);
  return { bytes, rows };
}

function workerMain(job: WorkerJob): void {
  // (after its last message: Node's end of the thread can deadlock otherwise, core/settle-exit.ts)
  void checkJob(job).finally(settleBeforeExit);
}

function checkJob(job: WorkerJob): Promise<void> {
  if (job.ring) {
    // an S3 object's part from the parent's shared ring (remote-ring.ts); read again through it too
    const { ring, ringBytes = 0, ringMemory, ringAt } = job;
    return checkPart(job, {
      run(push) {
        // a ring in the memory this part's lane runs on is checked where the sockets read it
        const inPlace = ringMemory !== undefined && push.view !== undefined && job.memories?.[job.index] === ringMemory;
        const external = ringMemory && ringAt !== undefined ? (inPlace ? push.view!(ringAt, ringBytes) : new Uint8Array(ringMemory.buffer, ringAt, ringBytes)) : undefined;
        ringReadPart(ring, ringBytes, job.start, job.end, push.buffer ?? Buffer.allocUnsafe(READ_BLOCK), push, external, inPlace);
      },
      reread: ringReread(ring, ringBytes, job.start, job.end, job.header),
    });
  }
  if (job.steal) {
    // a local file's part, and the rests of others it may take over (steal.ts)
    return checkClaimedParts(job, job.path, job.index, (m, transfer) => parentPort!.postMessage(m, transfer));
  }
  return checkPart(job, {
    run(push) {
      // with the fast lane, read straight into its memory (no copy)
      const buf = push.buffer ?? Buffer.allocUnsafe(READ_BLOCK);
      readPart(job.path, job.start, job.end, buf, push, job.avail ? (pos) => waitForBytes(job.avail!, job.index, pos) : undefined);
    },
    reread: rereadFile(job.path, job.start, job.end, job.header),
  });
}

if (!isMainThread && (workerData as Partial<WorkerJob> | undefined)?.__personalizeImportValidate) {
  if ((workerData as Partial<DeferredJob>).deferred) parentPort!.once('message', (m: { job: WorkerJob }) => workerMain(m.job));
  else workerMain(workerData as WorkerJob);
}

/** how many [h1, h2] keys of `a` are also in `b` (both without repeats) */
function countCommonKeys(a: Int32Array, b: Int32Array): number {
  const keys = new Set<string>();
  for (let i = 0; i < b.length; i += 2) keys.add(`${b[i]},${b[i + 1]}`);
  let n = 0;
  for (let i = 0; i < a.length; i += 2) if (keys.has(`${a[i]},${a[i + 1]}`)) n++;
  return n;
}
