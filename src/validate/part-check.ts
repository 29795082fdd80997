// One part of the parallel run (parallel.ts), on the thread that checks it: its lines through its own
// FileChecker (checkLines), then the lines repeated across parts (crossParts: every part waits for
// the others, then counts its share), then its result for the parent (partResult). checkPart does the
// three for a thread with one part; a thread that takes over the rest of another part (steal.ts)
// checks all its parts' lines first and only then the repeats across parts.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import { LineSplitter } from '../csv/tokenizer.js';
import { FileChecker } from './checker.js';
import { FastLane } from './fastlane.js';
import { WasmCountTable, WasmLineSet, type SortedRuns } from './fastlane-tables.js';
import { PartitionedTagSet } from './linesets.js';
import { IssueCollector } from './issues.js';
import { DONE_WORDS, WORKER_RECORD_SLOTS, type PartBytes, type PartJob, type PartPush, type PostResult, type WorkerResult } from './part-types.js';
import { READ_BLOCK } from './sources.js';
import { Totals } from './totals.js';

/** a part whose lines are checked (checkLines), waiting for the repeats across parts and its result */
export interface PartState {
  job: PartJob;
  iss: IssueCollector;
  fast: FastLane | null;
  totals: Totals;
  checker: FileChecker;
  splitter: LineSplitter;
  bytes: number;
  sharedLines?: number;
  /** of sharedLines, those between parts cut from one part of the first cut (steal.ts) */
  sharedSameOrigin?: number;
  runs?: SortedRuns;
}

/**
 * Which parts there are and in what order they lie in the file: with parts taken over at run time
 * (steal.ts) the count grows while parts are checked and part k is not the k-th in the file.
 */
export interface PartOrder {
  count(): number;
  /** part indexes in file order */
  order(n: number): number[];
  /** the part of the first cut that part k was cut from (itself when it is one) */
  origin(k: number): number;
}

/**
 * On a part's worker thread: checks the bytes `source` pushes as part `job.index` of validateParts
 * and posts the result to the parent (the message validateParts waits for). Resolves with it.
 */
export async function checkPart(job: PartJob, source: PartBytes, post: PostResult = (m, transfer) => parentPort!.postMessage(m, transfer), stopped?: () => boolean): Promise<void> {
  const st = await checkLines(job, source, post);
  await crossParts([st], stopped);
  const { result, transfer } = partResult(st);
  post({ result }, transfer);
}

/** checks the part's lines (every line's findings, the tables); `post` takes its progress */
export async function checkLines(job: PartJob, source: PartBytes, post: PostResult, onBlock?: (st: PartState) => void): Promise<PartState> {
  const iss = new IssueCollector(job.maxPerCode);
  const lineSets = job.lineSets;
  const fast = job.fastLane ? FastLane.create(job.memories?.[job.index], job.fastModule) : null;
  const totals = new Totals(WORKER_RECORD_SLOTS, lineSets ? new Int32Array(lineSets[job.index]) : undefined, fast, job.tableSlots, fast ? job.sharedTables : undefined);
  if (fast) {
    totals.reread = source.reread;
    totals.rereadLater = source.rereadLater;
  }
  // only the first part reports on the header
  const checker = new FileChecker(job.index === 0 ? iss : new IssueCollector(job.maxPerCode), totals, job.schema, job.type, job.domain, job.nowSec);
  checker.headerIsOwnLine = job.index === 0;
  const splitter = new LineSplitter(checker);
  splitter.push(job.header);
  checker.iss = iss;
  const st: PartState = { job, iss, fast, totals, checker, splitter, bytes: 0 };
  let lastReport = 0;
  const push: PartPush = (chunk, done) => {
    splitter.push(chunk);
    st.bytes = done;
    onBlock?.(st);
    if (done - lastReport >= 16 * READ_BLOCK) {
      lastReport = done;
      post({ progress: [done, checker.rows] });
    }
  };
  if (fast) {
    push.buffer = fast.inputBuffer(READ_BLOCK);
    push.view = (at, n) => fast.view(at, n);
  }
  await source.run(push);
  splitter.end();
  checker.finish();
  return st;
}

/** still in sorted mode (no big line set): a sorted part's rest may be taken over (steal.ts) */
export function partSorted(st: PartState): boolean {
  return st.totals.lines instanceof WasmLineSet && st.totals.lines.sorted;
}

/**
 * Lines repeating a line of another part, for this thread's parts `mine` (all of them checked).
 * Every part says whether it is still in sorted mode and its first and last timestamps, and waits
 * for the others. If all are sorted and in order across parts, repeats across parts can only be
 * between the last run of one part and the first run of a later one: the parent compares those.
 * Otherwise every part sets up its big set (a sorted part reads itself again), says where it is,
 * waits, and counts its share of repeats. `stopped` given (the parent's thread): waits without
 * blocking its event loop, and gives up when the run is called off.
 */
export async function crossParts(mine: PartState[], stopped?: () => boolean, partOrder?: PartOrder): Promise<void> {
  const { job } = mine[0];
  // (every part has the same header: when it made the file unreadable, no part has a line set)
  if (!job.done || !job.runTimes || mine[0].checker.unreadable) return;
  const done = new Int32Array(job.done);
  const times = new Float64Array(job.runTimes);
  const order = partOrder ?? { count: () => done.length / DONE_WORDS, order: (n: number) => Array.from({ length: n }, (_, k) => k), origin: (k: number) => k };
  const at = (k: number, w: number) => k * DONE_WORDS + w;
  for (const st of mine) {
    const lines = st.totals.lines;
    if (lines instanceof WasmLineSet && lines.sorted) {
      const runs = (st.runs = lines.runs());
      const k = st.job.index;
      done[at(k, 2)] = 1;
      done[at(k, 3)] = runs.lines;
      times[k * 2] = runs.firstTs;
      times[k * 2 + 1] = runs.lastTs;
    }
  }
  // every part of this thread says it is there, then waits for every part (their count final once all are)
  const barrier = async (w: number): Promise<number> => {
    for (const st of mine) {
      Atomics.store(done, at(st.job.index, w), 1);
      Atomics.notify(done, at(st.job.index, w));
    }
    let n: number;
    do {
      n = order.count();
      for (let k = 0; k < n; k++) {
        while (Atomics.load(done, at(k, w)) === 0) {
          if (!stopped) Atomics.wait(done, at(k, w), 0);
          else if (stopped()) throw new AppError('interrupted', 'Validation was cancelled.');
          else await waitAsync(done, at(k, w), 0, 100);
        }
      }
    } while (order.count() !== n);
    return n;
  };
  const parts = await barrier(0);
  let ordered = true;
  let lastTs = -Infinity;
  for (const k of order.order(parts)) {
    if (done[at(k, 2)] === 0) ordered = false;
    else if (done[at(k, 3)] > 0) {
      if (times[k * 2] < lastTs) ordered = false;
      lastTs = times[k * 2 + 1];
    }
    if (!ordered) break;
  }
  if (ordered) return;
  for (const st of mine) {
    st.runs = undefined;
    const lines = st.totals.lines;
    if (lines instanceof WasmLineSet) {
      // (on the parent's thread, a part that keeps only its first bytes is fetched again: rereadLater)
      if (stopped) await lines.endSortedLater(Infinity);
      else lines.endSorted(Infinity);
      done[at(st.job.index, 4)] = lines.tagsOffset;
    }
  }
  await barrier(1);
  for (const st of mine) {
    const { fast } = st;
    const index = st.job.index;
    const from = Math.floor((PartitionedTagSet.PARTS * index) / parts);
    const to = Math.floor((PartitionedTagSet.PARTS * (index + 1)) / parts);
    let shared = 0;
    let same = 0;
    if (fast && job.sharedTables) {
      // every part's set is in the one memory this thread runs on: the module compares them (the same count, ≈ 5× faster),
      // a partition a call: WebAssembly has no on-stack replacement, so one call over every partition ran wholly in
      // V8's baseline code (≈ 10 % of a shuffled file's time with two workers); the optimised code takes over after a few calls
      for (let k = 1; k < parts; k++) for (let j = 0; j < k; j++) for (let p = from; p < to; p++) {
        const n = fast.exports.lineCountShared(done[at(j, 4)], done[at(k, 4)], WORKER_RECORD_SLOTS, p, p + 1);
        if (n < 0) throw new Error('fast lane: out of memory');
        shared += n;
        if (order.origin(j) === order.origin(k)) same += n;
      }
    } else {
      const sets = job.memories
        ? job.memories.slice(0, parts).map((m, k) => new Int32Array(m.buffer, done[at(k, 4)], WORKER_RECORD_SLOTS))
        : job.lineSets!.map((x) => new Int32Array(x));
      for (let k = 1; k < parts; k++) for (let j = 0; j < k; j++) shared += PartitionedTagSet.countShared(sets[j], sets[k], from, to);
    }
    st.sharedLines = shared;
    st.sharedSameOrigin = same;
  }
}

/** the part's result for the parent, and the buffers to transfer with it */
export function partResult(st: PartState): { result: WorkerResult; transfer: ArrayBuffer[] } {
  const { job, totals, checker, splitter, iss, runs } = st;
  // shared tables: this thread's updates applied to them; only its sketch and the flag are sent
  const shared = job.sharedTables && totals.users instanceof WasmCountTable && totals.items instanceof WasmCountTable;
  const users = shared ? (totals.users as WasmCountTable).exportSketch() : totals.users.exportSlots();
  const items = shared ? (totals.items as WasmCountTable).exportSketch() : totals.items.exportSlots();
  const result: WorkerResult = {
    bytes: st.bytes,
    lines: splitter.lineNo - 1,
    unreadable: checker.unreadable,
    rows: checker.rows,
    checkedRows: checker.checkedRows,
    blankLines: totals.blankLines,
    buckets: iss.exportBuckets(),
    users,
    items,
    recordsSaturated: totals.duplicatesSaturated,
    sharedLines: st.sharedLines,
    sharedSameOrigin: st.sharedSameOrigin,
    runs,
    hasUsers: totals.hasUsers,
    hasItems: totals.hasItems,
    eventTypes: totals.eventTypes.map((e) => ({ name: e.name, bytes: new Uint8Array(e.bytes), count: e.count })),
    eventTypesOverflow: totals.eventTypesOverflow,
    tsMin: totals.tsMin,
    tsMax: totals.tsMax,
    columns: [...totals.columns],
    returns: totals.returns,
    metadataColumns: [...totals.metadataColumns],
  };
  const transfer = [...users.parts, ...items.parts, ...(runs ? [runs.first, runs.last] : [])];
  return { result, transfer: transfer.map((a) => a.buffer as ArrayBuffer) };
}

/** Atomics.waitAsync (the project's lib settings do not declare it) */
function waitAsync(a: Int32Array, index: number, value: number, ms: number): Promise<unknown> | unknown {
  return (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { value: unknown } }).waitAsync(a, index, value, ms).value;
}
