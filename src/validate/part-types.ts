// The shapes the parallel run's threads share (parallel.ts starts them and merges, part-check.ts
// checks a part): a part's job, its result and its messages. Types and constants only.
import type { DatasetType, Domain } from '../core/resources.js';
import type { WasmMemory, WasmModule } from './fastlane.js';
import type { SortedRuns } from './fastlane-tables.js';
import type { IssueCollector } from './issues.js';
import type { SchemaModel } from './fields.js';
import type { Reread, RereadLater } from './sources.js';
import type { BufferedTable } from './tables.js';
import type { ColumnTotals } from './totals.js';
import type { ReturnsCount } from './returns.js';

/** how every part is checked (the parent's settings, handed to each worker) */
export interface PartSettings {
  schema: SchemaModel;
  type: DatasetType;
  domain?: Domain;
  nowSec: number;
  maxPerCode: number;
  fastLane: boolean;
  /** the users and items tables' cap (tests) */
  tableSlots?: number;
}

export interface WorkerJob extends PartSettings {
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
  /**
   * the ring is not in `ring` but at byte `ringAt` of this memory (the parent's fast-lane memory,
   * where its sockets read the object's bytes): a part whose lane runs on that memory checks them
   * there, without copying them out
   */
  ringMemory?: WasmMemory;
  ringAt?: number;
  /** a local file's parts, which a thread done with its own may cut and take the rest of (steal.ts) */
  steal?: SharedArrayBuffer;
}

/** int32s a part in WorkerJob.done */
export const DONE_WORDS = 5;

/** a worker's duplicate-set slots: two threads share the memory budget */
export const WORKER_RECORD_SLOTS = 1 << 23;

export interface WorkerResult {
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
  /** of sharedLines, those between parts cut from one part of the first cut (steal.ts) */
  sharedSameOrigin?: number;
  /** interactions, every part sorted and in order: this part's first and last run (the parent compares them) */
  runs?: SortedRuns;
  hasUsers: boolean;
  hasItems: boolean;
  eventTypes: { name: string; bytes: Uint8Array; count: number }[];
  eventTypesOverflow: boolean;
  tsMin: number;
  tsMax: number;
  columns: [string, ColumnTotals][];
  returns: ReturnsCount;
  metadataColumns: string[];
}
/** how a part hands its messages (progress, result) to validateParts */
export type PostResult = (m: PartMessage, transfer?: ArrayBuffer[]) => void;

/**
 * a part's message: progress or its result. With parts taken over at run time (steal.ts) a thread
 * checks several: `part` says which, and `more` that the thread still has results to send.
 */
export interface PartMessage {
  progress?: [number, number];
  result?: WorkerResult;
  part?: number;
  more?: boolean;
}

/** what every part's thread is given to check its bytes (PartJob + where they are: WorkerJob) */
export type PartJob = Omit<WorkerJob, 'path' | 'start' | 'end' | 'avail' | 'ring' | 'ringBytes' | 'ringMemory' | 'ringAt'>;

/** a part's bytes for checkPart: `run` pushes them in order (the data after the header line) */
export interface PartBytes {
  run(push: PartPush): void | Promise<void>;
  /** reads the part again from its first line, header first (the line set's sorted mode needs it; a part not yet all written is read as far as it is) */
  reread?: Reread;
  /**
   * (the parent's thread) reads the part again, waiting for the bytes: the repeats across parts use
   * it once the part is checked, where `reread` cannot give them all (ring-read.ts)
   */
  rereadLater?: RereadLater;
}

/** hands a chunk to the checker (`done`: the part's bytes so far); `buffer` (fast lane) a place to read into without a copy */
export interface PartPush {
  (chunk: Uint8Array, done: number): void;
  buffer?: Uint8Array;
  /** (fast lane) a view of bytes [at, at + n) of the lane's memory: a chunk of it is checked where it is (FastLane.view) */
  view?: (at: number, n: number) => Uint8Array;
}
