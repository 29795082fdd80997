// The engine's public shapes: what it reads (CsvSource), how it is asked (ValidateOptions) and what
// it answers (ValidationReport). Types only, imported by every other file of the engine and by
// modes.ts: nothing here imports the engine, so no file of it imports another in a circle.
import type { Worker } from 'node:worker_threads';
import type { Placement } from '../core/ports.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import type { Issue } from './issues.js';
import type { SchemaModel } from './fields.js';

export type { Placement };

export interface CsvSource {
  /** file path or S3 key: named in issues when several sources are validated */
  name: string;
  /** a local file's path: when it is a regular file the engine reads it itself (in blocks, or split at newlines across worker threads; `open` is then not used) */
  path?: string;
  /** bytes, when known (progress, size limit) */
  size?: number;
  /** the bytes; or `open` to open lazily (e.g. one S3 object at a time) */
  stream?: AsyncIterable<Uint8Array>;
  open?: () => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>;
  /** byte ranges of a remote object (with `size`): read by ranges in parallel (remote.ts) instead of `open` */
  ranges?: RangeReader;
}


/** Reads bytes [start, end) of a remote object (an S3 GetObject with a Range header). */
export interface RangeReader {
  read(start: number, end: number, signal?: AbortSignal, into?: Placement): Promise<AsyncIterable<Uint8Array>>;
  /**
   * the object's first bytes when the caller already asks for them (validate s3://… sends that GET
   * beside HeadObject): the split's first probe uses them instead of a GET of its own when they hold
   * at least the bytes it reads (remote.ts PROBE_BYTES, or the whole object); undefined: not had
   */
  start?: Promise<Uint8Array | undefined>;
}

export interface ValidateOptions {
  schema: SchemaModel;
  /** default: inferred from the schema's record name; INTERACTIONS when that says nothing */
  datasetType?: DatasetType;
  domain?: Domain;
  /** default FULL */
  mode?: ImportMode;
  /** all sources together, when known: the size limit is checked up front and progress has a total */
  totalBytes?: number;
  /** called after each chunk with the bytes read and data rows seen so far (all sources) */
  onProgress?: (bytes: number, rows: number) => void;
  signal?: AbortSignal;
  /** occurrences kept per code (default 20); the rest are counted */
  maxIssuesPerCode?: number;
  /** "now" for TIMESTAMP_FUTURE (default: the clock) */
  now?: Date;
  /**
   * threads for a local file (a source with `path`) of at least `parallelMinBytes`: the file is split
   * at newlines and the parts are checked at once (default 1: no worker threads). Works from the
   * built bundle (dist/ or an esbuild bundle), not from TypeScript sources run by tsx/vitest.
   */
  workers?: number;
  /** default 64 MiB */
  parallelMinBytes?: number;
  /** @internal tests only: where a local file checked in parts is cut (byte offsets just after a newline, ascending) instead of into equal parts */
  splitAt?: number[];
  /**
   * @internal tests only: the least unread rest of a part that a thread done with its own parts cuts
   * and takes the second half of (steal.ts; default 8 MiB); given, the parts cut at `splitAt` are cut so too
   */
  stealMinBytes?: number;
  /**
   * check common lines in WebAssembly (src/validate/fastlane.ts) when the build has it (default
   * true); false checks every line in JS — same report, slower
   */
  fastLane?: boolean;
  /** @internal tests only: bytes a read of a local file checked on this thread (default 1 MiB), to put chunk seams in a small file */
  readBlock?: number;
  /** @internal tests only: the users and items tables' cap in slots (default 2^22), to make them overflow on a small file */
  tableSlots?: number;
  /** S3 objects read by ranges (remote.ts): bytes a range (default 8 MiB), ranges in flight a part (default 3) and, split for the workers, the bytes of each part's ring (remote-ring.ts, default 4 MiB); tests make them small. partHere false: every part of a split object on a worker thread (the engine's run again after RereadUnavailable); retainBytes: the bytes of the first part kept to be read again from on this thread (ring-read.ts, default 8 MiB) */
  remote?: { rangeBytes?: number; inFlight?: number; ringBytes?: number; partHere?: boolean; retainBytes?: number };
  /**
   * worker threads the caller started before it knew the input (parallel.ts EarlyWorkers: validate
   * s3://… starts them before it loads the SDK): the first S3 object split for the workers takes
   * them; the run ends the rest when it ends (or at once when no source will be split)
   */
  early?: { take(n: number): Worker[]; close(): void };
}

export interface ValidationStats {
  files: number;
  bytes: number;
  /** data rows (the header and blank lines excluded), bad ones included */
  rows: number;
  blankLines: number;
  /** present when the data has a USER_ID column */
  uniqueUsers?: number;
  usersWithAtLeast2Interactions?: number;
  interactionsPerUser?: { min: number; median: number; max: number };
  /** present when the data has an ITEM_ID (or ACTION_ID) column */
  uniqueItems?: number;
  /** EVENT_TYPE values with their row counts, most frequent first */
  eventTypes?: { name: string; count: number }[];
  /** TIMESTAMP (or CREATION_TIMESTAMP) range, epoch seconds, over valid values */
  timestamp?: { min: number; max: number; minIso: string; maxIso: string };
  /** non-empty share per header column */
  columns: { name: string; nonEmpty: number; completeness: number }[];
  /** total occurrences per code, kept or not */
  issueCounts: Record<string, number>;
  /**
   * the users table overflowed: usersWithAtLeast2Interactions (and uniqueUsers) count only the users
   * it holds, a lower bound; TOO_FEW_ACTIVE_USERS is then a warning that the minimum could not be
   * established, never an error
   */
  activeUsersLowerBound?: boolean;
  /** true when a bounded table filled up: unique counts / duplicate checks cover only part of the data */
  approximate?: boolean;
  /** with `approximate`: what is approximate and why, one sentence each (for the reports) */
  approximateReasons?: string[];
  elapsedMs: number;
}

export interface ValidationReport {
  /** false iff there is at least one error */
  valid: boolean;
  rows: number;
  datasetType: DatasetType;
  mode: ImportMode;
  errors: Issue[];
  warnings: Issue[];
  stats: ValidationStats;
}
