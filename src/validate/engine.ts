// The validation engine: streams one or more CSV byte sources through the byte-level tokenizer and
// checks every line against the dataset's schema and Personalize's rules. Core module: no React,
// no AWS SDK. Progress is reported through a callback; the result is a plain report object.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import type { DatasetType, Domain, ImportMode } from '../core/resources.js';
import {
  F_BAD_QUOTE, F_DOUBLED, F_ESCAPE, F_QUOTED, F_UNTERMINATED, LineSplitter, MAX_LINE_BYTES, fieldText, type LineSink, type Tokens,
} from '../csv/tokenizer.js';
import { FastLane, HAS_RECORD, OUT_WORDS, WasmCountTable, WasmLineSet, fastLaneCounters, fastLaneMemory, fastLaneModule, type SortedRuns, type WasmMemory, type WasmModule } from './fastlane.js';
import { headerIsData, unreadableHeader } from './unreadable.js';
import { asWindows1252, looksLikeWindows1252, timestampHint } from './hints.js';
import { BufferedTable, PartitionedTagSet, TagSet, hashWords, wordsLow } from './hash.js';
import { CODES, IssueCollector, type Issue, type IssueCode } from './issues.js';
import { activeUsersFinding, sizeLimitFinding } from './modes.js';
import { INTERACTIONS_RESERVED, requiredFields, type SchemaField, type SchemaModel } from './fields.js';

export interface CsvSource {
  /** file path or S3 key: named in issues when several sources are validated */
  name: string;
  /** a local file's path: lets the engine split a big file at newlines across worker threads */
  path?: string;
  /** bytes, when known (progress, size limit) */
  size?: number;
  /** the bytes; or `open` to open lazily (e.g. one S3 object at a time) */
  stream?: AsyncIterable<Uint8Array>;
  open?: () => Promise<AsyncIterable<Uint8Array>> | AsyncIterable<Uint8Array>;
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
  /**
   * check common lines in WebAssembly (src/validate/fastlane.ts) when the build has it (default
   * true); false checks every line in JS — same report, slower
   */
  fastLane?: boolean;
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

// column kinds
const K_SKIP = 0;
const K_STR = 1;
const K_ID = 2;
const K_CAT = 3;
const K_TEXT = 4;
const K_INT = 5;
const K_LONG = 6;
const K_TS = 7;
const K_FLOAT = 8;
const K_BOOL = 9;

const ID_FIELDS = new Set(['USER_ID', 'ITEM_ID', 'ACTION_ID']);
const TS_FIELDS = new Set(['TIMESTAMP', 'CREATION_TIMESTAMP', 'EXPIRATION_TIMESTAMP']);
/** EVENT_TYPE values Personalize treats as keywords (the docs list no set; these read as "no value" or collide with reserved field names) */
export const RESERVED_EVENT_TYPES = new Set(['none', 'null', 'nan', 'userid', 'itemid', 'sessionid', 'eventtype', 'timestamp', 'recommendationid', 'impression']);

const ID_MAX = 256;
const CATEGORICAL_MAX = 1000;
const TEXTUAL_MAX = 20000;
const ANCIENT = 631152000; // 1990-01-01
const MAX_EVENT_TYPES_TRACKED = 1000;
/** rows whose table updates are done together */
const BATCH = 64;

interface EventType {
  bytes: Buffer;
  name: string;
  count: number;
}

/** Everything accumulated over all sources. */
class Totals {
  /** @param recordSlots size of the duplicate set: 2^24 4-byte slots = 64 MB, about 12.5 M records (¾ full) */
  constructor(readonly recordSlots = 1 << 24, readonly lineTags?: Int32Array, readonly fast: FastLane | null = null) {
    this.users = fast ? new WasmCountTable(fast, 0, 1 << 16, 1 << 22) : new BufferedTable(1 << 16, 1 << 22);
    this.items = fast ? new WasmCountTable(fast, 1, 1 << 16, 1 << 22) : new BufferedTable(1 << 16, 1 << 22, false);
  }
  rows = 0;
  blankLines = 0;
  /** the fast lane's tables when there is one (see fastlane.ts), else JS tables */
  users: BufferedTable | WasmCountTable;
  /** unique count only: a set */
  items: BufferedTable | WasmCountTable;
  /** whole-record fingerprints (interactions) or record IDs (items, users, actions): DUPLICATE_RECORD */
  records: TagSet | null = null;
  /** interactions: whole-line fingerprints, checked in deferred batches (same slots budget as `records`) */
  lines: PartitionedTagSet | WasmLineSet | null = null;
  /** where `lines` reports a repeated line: the checker of the current source */
  lineRepeat: (line: number, seq: number) => void = () => {};
  /** repeated lines found only by comparing the sets of a file's parallel parts (no line numbers) */
  duplicatesAcrossParts = 0;
  get duplicatesSaturated(): boolean {
    return (this.records?.saturated ?? false) || (this.lines?.saturated ?? false);
  }
  /**
   * reads the source (a single local file, or a worker's part with the header) again from its
   * start, handing chunks to `feed` while it answers true: lets the line set start in sorted mode
   */
  reread?: (feed: (chunk: Uint8Array) => boolean) => void;
  hasUsers = false;
  hasItems = false;
  /** a file was not a CSV this engine can read (NOT_CSV, FILE_IS_UTF16, WRONG_SEPARATOR, NO_HEADER): its rows were counted, not checked */
  unreadable = false;
  eventTypes: EventType[] = [];
  eventTypesOverflow = false;
  tsMin = Infinity;
  tsMax = -Infinity;
  /** column name → [nonEmpty, rows] */
  columns = new Map<string, { nonEmpty: number; rows: number; textual: boolean }>();
  metadataColumns = new Set<string>();
}

const PLAIN: Record<string, string> = { string: 'text', int: 'a whole number (int)', long: 'a whole number (long)', float: 'a number', double: 'a number', boolean: 'true or false' };

/** Checks one source; it is the line sink of that source's splitter. */
class FileChecker implements LineSink {
  private headerDone = false;
  private ncol = 0;
  private kinds = new Uint8Array(0);
  private nullable = new Uint8Array(0);
  /** empty values per column in checked rows (rarer than filled ones: fewer increments) */
  private empty = new Float64Array(0);
  private names: string[] = [];
  private userCol = -1;
  private itemCol = -1;
  private eventCol = -1;
  private tsCol = -1;
  /** ITEMS/USERS/ACTIONS: the ID column whose repeats are duplicates */
  private recordIdCol = -1;
  rows = 0;
  /** the header says the file is not a CSV this engine can read (see markUnreadable): rows are counted only */
  unreadable = false;
  /** the header line is this source's own line 1 (not a worker's copy of the file's header) */
  headerIsOwnLine = true;
  /** rows whose values were checked (well-formed, right column count): the base for completeness */
  checkedRows = 0;
  lines = 0;
  headerEmpty = false;

  constructor(
    public iss: IssueCollector,
    private readonly totals: Totals,
    private readonly schema: SchemaModel,
    private readonly type: DatasetType,
    private readonly domain: Domain | undefined,
    private readonly nowSec: number,
  ) {
    this.fast = totals.fast;
  }

  private readonly fast: FastLane | null;
  /** the fast lane reports record fingerprints for the engine's record set (fastApply) */
  private fastRecords = false;

  // ---- the fast lane: common lines checked in WebAssembly, their table updates done here ----
  /** the fast lane is configured for this file's header */
  private fastReady = false;
  private fastChunk = -1;
  fastEnd = 0;

  fastLines(chunk: Uint8Array, pos: number, len: number, firstLineNo: number, chunkId: number): number {
    const fl = this.fast;
    if (!fl || !this.fastReady) return 0;
    if (chunkId !== this.fastChunk) {
      fl.load(chunk);
      this.fastChunk = chunkId;
    }
    const totals = this.totals;
    const etList = totals.eventTypes;
    if (fl.eventTypes < etList.length) fl.addEventTypes(etList);
    const lineSet = totals.lines instanceof WasmLineSet ? totals.lines : null;
    let lineNo = firstLineNo;
    let taken = 0;
    for (;;) {
      // with the line set, the lines of one scan() call are one batch (see flush): none of them
      // reports an issue, so a repeat among them is placed as if found when the batch closes
      if (lineSet && this.batchN > 0) this.flush();
      const n = fl.scan(pos, len, lineNo, this.batchId);
      pos = fl.stop;
      if (n > 0) {
        this.rows += n;
        this.checkedRows += n;
        if (this.fastRecords) this.fastApply(fl, n, lineNo, chunk);
        lineNo += n;
        taken += n;
      }
      if (lineSet) {
        lineSet.takeRepeats();
        this.flush();
      }
      if (n < fl.outLines) break;
    }
    if (taken > 0) {
      fastLaneCounters.lines += taken;
      fl.drainEmpty(this.empty);
      fl.drainEventTypes(etList);
      if (fl.tsMin < totals.tsMin) totals.tsMin = fl.tsMin;
      if (fl.tsMax > totals.tsMax) totals.tsMax = fl.tsMax;
      this.lines = lineNo - 1;
    }
    this.fastEnd = pos;
    return taken;
  }

  /**
   * The engine's record set (items/users/actions duplicates) for n lines the fast lane checked:
   * what line() does after its checks, batch for batch, so both lanes report in the same order.
   */
  private fastApply(fl: FastLane, n: number, firstLineNo: number, chunk: Uint8Array): void {
    const out = fl.out;
    const bf = this.bFlags;
    let o = fl.outIndex;
    for (let i = 0; i < n; i++, o += OUT_WORDS) {
      const has = out[o];
      const k = this.batchN;
      this.bR1[k] = out[o + 5];
      this.bR2[k] = out[o + 6];
      if (has & HAS_RECORD) {
        this.bS[k] = out[o + 7];
        this.bE[k] = out[o + 8];
        this.bFlag[k] = 0;
        this.bBuf[k] = chunk;
      }
      if (has !== 0) {
        bf[k] = has;
        this.bLine[k] = firstLineNo + i;
        if (++this.batchN === BATCH) this.flush();
      }
    }
  }

  tooLong(lineNo: number): void {
    this.lines = lineNo;
    if (lineNo === 1) this.headerDone = true;
    if (this.iss.note('LINE_TOO_LONG')) {
      this.iss.add('LINE_TOO_LONG', `Line ${lineNo} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB; it was skipped. Personalize reads one record a line: look for a missing line break or an unclosed quote just before it.`, lineNo);
    }
  }

  line(b: Uint8Array, lineNo: number, t: Tokens): void {
    this.lines = lineNo;
    if (!this.headerDone) {
      this.headerDone = true;
      this.header(b, lineNo, t);
      return;
    }
    const n = t.count;
    const starts = t.starts;
    const ends = t.ends;
    if (n === 1 && starts[0] === ends[0] && t.flags[0] === 0) {
      this.totals.blankLines++;
      return;
    }
    // not a CSV this engine can read (said once, at the header): every row would be an error, so
    // rows are only counted (in UTF-16 LE the last line break leaves a lone NUL byte: not a row)
    if (this.unreadable) {
      if (!(n === 1 && ends[0] - starts[0] === 1 && b[starts[0]] === 0)) this.rows++;
      return;
    }
    this.rows++;
    const iss = this.iss;
    const lineStart = starts[0] - (t.flags[0] & F_QUOTED);
    if (t.hi & 0x80 && !isUtf8(b.subarray(lineStart, t.lineEnd))) {
      if (iss.note('INVALID_UTF8')) {
        let col = -1;
        for (let c = 0; c < n; c++) if (!isUtf8(b.subarray(starts[c], ends[c]))) { col = c; break; }
        const bad = col >= 0 ? b.subarray(starts[col], ends[col]) : b.subarray(lineStart, t.lineEnd);
        iss.add('INVALID_UTF8', `Line ${lineNo}${col >= 0 ? `, column ${this.colName(col)}` : ''}: bytes that are not UTF-8${looksLikeWindows1252(bad) ? ` (${JSON.stringify(asWindows1252(bad))} if read as Windows-1252, which Excel's plain "CSV (Comma delimited)" writes). Save the file as "CSV UTF-8", or convert it: iconv -f WINDOWS-1252 -t UTF-8` : '. Save the file as UTF-8'} (Personalize requires UTF-8 for any non-ASCII text).`, lineNo, col >= 0 ? this.colName(col) : undefined);
      }
    }
    const all = t.allFlags;
    if (all & (F_UNTERMINATED | F_BAD_QUOTE | F_DOUBLED)) {
      if (this.quoting(b, lineNo, t)) return;
    }
    if (n !== this.ncol) {
      if (iss.note('COLUMN_COUNT')) {
        iss.add('COLUMN_COUNT', `Line ${lineNo} has ${n} value${n === 1 ? '' : 's'} but the header has ${this.ncol} columns. Quote values that contain commas ("a,b"), and check for a missing or extra comma.`, lineNo);
      }
      return;
    }
    this.checkedRows++;
    /** the timestamp column's value (NaN: none): sorted mode of the line set needs it */
    let lineTs = NaN;
    const kinds = this.kinds;
    const nullable = this.nullable;
    const empty = this.empty;
    const flags = t.flags;
    for (let c = 0; c < n; c++) {
      const s = starts[c];
      const e = ends[c];
      const kind = kinds[c];
      if (s === e) {
        empty[c]++;
        if (kind !== K_SKIP && nullable[c] === 0 && iss.note('REQUIRED_VALUE_MISSING')) {
          iss.add('REQUIRED_VALUE_MISSING', `Line ${lineNo}, column ${this.names[c]}: empty, but the schema does not allow null here. Fill in a value, or make the field optional (["null", …]) in the schema.`, lineNo, this.names[c]);
        }
        continue;
      }
      switch (kind) {
        case K_SKIP:
        case K_STR:
          break;
        case K_ID:
          if (e - s > ID_MAX && charLength(b, s, e, flags[c]) > ID_MAX && iss.note('ID_TOO_LONG')) {
            iss.add('ID_TOO_LONG', `Line ${lineNo}, column ${this.names[c]}: the ID is ${charLength(b, s, e, flags[c])} characters; Personalize allows at most ${ID_MAX}. Shorten it (e.g. hash long IDs).`, lineNo, this.names[c]);
          }
          break;
        case K_CAT:
          if (e - s > CATEGORICAL_MAX && charLength(b, s, e, flags[c]) > CATEGORICAL_MAX && iss.note('CATEGORICAL_TOO_LONG')) {
            iss.add('CATEGORICAL_TOO_LONG', `Line ${lineNo}, column ${this.names[c]}: the categorical value is ${charLength(b, s, e, flags[c])} characters (| separators included); the import job fails over ${CATEGORICAL_MAX}. Drop some values or shorten them.`, lineNo, this.names[c]);
          }
          break;
        case K_TEXT:
          if (e - s > TEXTUAL_MAX && charLength(b, s, e, flags[c]) > TEXTUAL_MAX && iss.note('TEXTUAL_TOO_LONG')) {
            iss.add('TEXTUAL_TOO_LONG', `Line ${lineNo}, column ${this.names[c]}: the text is ${charLength(b, s, e, flags[c])} characters; Personalize keeps only the first ${TEXTUAL_MAX} (7,000 for Chinese and Japanese). Shorten it if the end matters.`, lineNo, this.names[c]);
          }
          break;
        case K_INT: {
          const v = parseInteger(b, s, e);
          if ((v !== v || v > 2147483647 || v < -2147483648) && iss.note('TYPE_INT')) this.typeIssue('TYPE_INT', b, lineNo, c, flags[c], 'a whole number between -2147483648 and 2147483647');
          break;
        }
        case K_LONG: {
          const v = parseInteger(b, s, e);
          if (v !== v && iss.note('TYPE_LONG')) this.typeIssue('TYPE_LONG', b, lineNo, c, flags[c], 'a whole number (long)');
          break;
        }
        case K_TS: {
          const v = parseInteger(b, s, e);
          if (c === this.tsCol) lineTs = v;
          if (v !== v) {
            if (iss.note('TYPE_LONG')) this.typeIssue('TYPE_LONG', b, lineNo, c, flags[c], 'Unix epoch seconds, a whole number like 1596238243', timestampHint);
          } else if (v >= 1e11 || v <= -1e11) {
            if (iss.note('TIMESTAMP_MILLISECONDS')) {
              const micro = Math.abs(v) >= 1e14;
              iss.add('TIMESTAMP_MILLISECONDS', `Line ${lineNo}, column ${this.names[c]}: ${v} looks like ${micro ? 'microseconds' : 'milliseconds'}; Personalize reads epoch seconds, so it would import as a date thousands of years ahead. Divide by ${micro ? '1000000' : '1000'}.`, lineNo, this.names[c]);
            }
          } else {
            if (c === this.tsCol) {
              if (v < this.totals.tsMin) this.totals.tsMin = v;
              if (v > this.totals.tsMax) this.totals.tsMax = v;
            }
            if (v > this.nowSec + 86400) {
              if (iss.note('TIMESTAMP_FUTURE')) iss.add('TIMESTAMP_FUTURE', `Line ${lineNo}, column ${this.names[c]}: ${v} (${iso(v)}) is in the future. Check the clock or the conversion that produced it.`, lineNo, this.names[c]);
            } else if (v < ANCIENT && iss.note('TIMESTAMP_ANCIENT')) {
              iss.add('TIMESTAMP_ANCIENT', `Line ${lineNo}, column ${this.names[c]}: ${v} (${iso(v)}) is before 1990. Check that it is epoch seconds and not a placeholder such as 0.`, lineNo, this.names[c]);
            }
          }
          break;
        }
        case K_FLOAT:
          if (!isFloat(b, s, e) && iss.note('TYPE_FLOAT')) this.typeIssue('TYPE_FLOAT', b, lineNo, c, flags[c], 'a number such as 4.5 (a dot for decimals, no thousands separators)');
          break;
        case K_BOOL:
          if (!isBool(b, s, e) && iss.note('TYPE_BOOLEAN')) this.typeIssue('TYPE_BOOLEAN', b, lineNo, c, flags[c], 'lowercase true or false');
          break;
      }
    }
    // users/items/lines tables buffer their updates themselves; ID duplicates are batched (see flush)
    const k = this.batchN;
    const bf = this.bFlags;
    let has = 0;
    const dv = t.view;
    const totals = this.totals;
    let c = this.userCol;
    // with the fast lane, the tables are the module's and take its fingerprints
    const fast = this.fast !== null;
    if (c >= 0 && starts[c] !== ends[c]) {
      if (fast) (totals.users as WasmCountTable).incBytes(b, starts[c], ends[c]);
      else totals.users.inc(hashWords(dv, b, starts[c], ends[c]), wordsLow);
      has |= 1;
    }
    c = this.itemCol;
    if (c >= 0 && starts[c] !== ends[c]) {
      if (fast) (totals.items as WasmCountTable).incBytes(b, starts[c], ends[c]);
      else totals.items.inc(hashWords(dv, b, starts[c], ends[c]), wordsLow);
      has |= 2;
    }
    c = this.eventCol;
    if (c >= 0 && starts[c] !== ends[c]) {
      // a known event type is matched here (length, first four bytes, the rest); eventType() adds new ones
      const s = starts[c];
      const len = ends[c] - s;
      const lens = this.etLen;
      const heads = this.etHead;
      const etList = totals.eventTypes;
      const h = len >= 4 ? b[s] | (b[s + 1] << 8) | (b[s + 2] << 16) | (b[s + 3] << 24) : head(b, s, s + len);
      let k = 0;
      const nk = lens.length;
      outer: for (; k < nk; k++) {
        if (lens[k] !== len || heads[k] !== h) continue;
        const eb = etList[k].bytes;
        for (let i = 4; i < len; i++) if (eb[i] !== b[s + i]) continue outer;
        break;
      }
      if (k < nk) etList[k].count++;
      else this.eventType(b, s, ends[c], flags[c], lineNo);
    }
    const lines = totals.lines;
    if (lines) {
      // the whole line; a repeat found later is placed as if found when this batch is flushed
      if (lineStart !== t.lineEnd) {
        if (lines instanceof WasmLineSet) lines.addBytes(b, lineStart, t.lineEnd, lineNo, this.batchId, lineTs);
        else lines.add(hashWords(dv, b, lineStart, t.lineEnd), wordsLow, lineNo, this.batchId);
        has |= 4;
      }
    } else if (totals.records) {
      let s: number;
      let e: number;
      if (this.recordIdCol >= 0) {
        s = starts[this.recordIdCol];
        e = ends[this.recordIdCol];
      } else {
        // the whole line
        s = lineStart;
        e = t.lineEnd;
      }
      this.bR1[k] = hashWords(dv, b, s, e);
      this.bR2[k] = wordsLow;
      if (s !== e) {
        has |= 4;
        this.bS[k] = s;
        this.bE[k] = e;
        this.bFlag[k] = this.recordIdCol >= 0 ? flags[this.recordIdCol] : 0;
        this.bBuf[k] = b;
      }
    }
    if (has !== 0) {
      bf[k] = has;
      this.bLine[k] = lineNo;
      if (++this.batchN === BATCH) this.flush();
    }
  }

  /** the batch being filled (counts flushes), and the collector's `created` at each flush where it changed */
  private batchId = 0;
  private lastSeq = -1;
  private readonly seqBatch: number[] = [];
  private readonly seqValue: number[] = [];

  /** repeats found in the batch still being filled: reported when it is flushed */
  private readonly pendingRepeats: number[] = [];

  private lineRepeated(line: number, seq: number): void {
    this.iss.noteLate('DUPLICATE_RECORD', seq, line, () => `Line ${line} repeats an earlier record exactly; Personalize keeps identical events once.`);
  }

  /** `created` when batch `id` was flushed: where an immediate check of its lines would have reported */
  seqOfBatch(id: number): number {
    const ids = this.seqBatch;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ids[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    return this.seqValue[lo] ?? this.iss.created;
  }

  // Batched table updates: the user, item and record tables are bigger than the caches, so each
  // lookup is a cache miss. Touching the home slots of a whole batch first lets those misses
  // overlap; the updates that follow hit the cache.
  private batchN = 0;
  private readonly bFlags = new Uint8Array(BATCH);
  private readonly bR1 = new Int32Array(BATCH);
  private readonly bR2 = new Int32Array(BATCH);
  private readonly bLine = new Int32Array(BATCH);
  private readonly bS = new Int32Array(BATCH);
  private readonly bE = new Int32Array(BATCH);
  private readonly bFlag = new Uint8Array(BATCH);
  private readonly bBuf: (Uint8Array | null)[] = new Array(BATCH).fill(null);
  /** keeps the touch loop from being optimized away */
  touched = 0;

  chunkDone(): void {
    if (this.batchN > 0) this.flush();
  }

  private flush(): void {
    const n = this.batchN;
    const iss = this.iss;
    if (iss.created !== this.lastSeq) {
      this.lastSeq = iss.created;
      this.seqBatch.push(this.batchId);
      this.seqValue.push(iss.created);
    }
    this.batchId++;
    this.batchN = 0;
    if (this.pendingRepeats.length > 0) {
      for (const line of this.pendingRepeats) this.lineRepeated(line, iss.created);
      this.pendingRepeats.length = 0;
    }
    const records = this.totals.records;
    if (!records || this.totals.lines) return;
    const bf = this.bFlags;
    let x = 0;
    for (let k = 0; k < n; k++) if (bf[k] & 4) x ^= records.touch(this.bR1[k]);
    this.touched ^= x;
    for (let k = 0; k < n; k++) {
      const f = bf[k];
      if (f & 4 && records.add(this.bR1[k], this.bR2[k]) > 1 && iss.note('DUPLICATE_RECORD')) {
        const lineNo = this.bLine[k];
        const idCol = this.recordIdCol;
        iss.add('DUPLICATE_RECORD', idCol >= 0
          ? `Line ${lineNo}: ${this.names[idCol]} ${JSON.stringify(fieldText(this.bBuf[k]!, this.bS[k], this.bE[k], this.bFlag[k]))} appeared on an earlier line; Personalize keeps only the last record with the same ID.`
          : `Line ${lineNo} repeats an earlier record exactly; Personalize keeps identical events once.`, lineNo, idCol >= 0 ? this.names[idCol] : undefined);
      }
      bf[k] = 0;
      this.bBuf[k] = null;
    }
  }

  /** Reports quoting problems; true when the line is too broken to check further. */
  private quoting(b: Uint8Array, lineNo: number, t: Tokens): boolean {
    const iss = this.iss;
    let broken = false;
    for (let c = 0; c < t.count; c++) {
      const f = t.flags[c];
      if (f & F_UNTERMINATED) {
        broken = true;
        if (iss.note('UNTERMINATED_QUOTE')) {
          const endsWithBackslash = t.ends[c] > t.starts[c] && b[t.ends[c] - 1] === 92;
          iss.add('UNTERMINATED_QUOTE', `Line ${lineNo}, column ${this.colName(c)}: a quoted value is not closed before the end of the line (at import this shows up as a misleading "Length cannot be more than …" failure). Personalize reads one record a line: remove line breaks inside values and close the quote${endsWithBackslash ? ' (a backslash before the closing quote escapes it: write \\\\ for a literal backslash)' : ''}.`, lineNo, this.colName(c));
        }
      } else if (f & F_BAD_QUOTE) {
        broken = true;
        if (iss.note('BAD_QUOTING')) {
          iss.add('BAD_QUOTING', f & F_QUOTED
            ? `Line ${lineNo}, column ${this.colName(c)}: text follows the closing quote. Wrap the whole value in quotes and escape inner quotes as \\".`
            : `Line ${lineNo}, column ${this.colName(c)}: a double quote inside an unquoted value. Wrap the value in quotes and escape the inner quote as \\".`, lineNo, this.colName(c));
        }
      } else if (f & F_DOUBLED) {
        if (iss.note('QUOTE_DOUBLED')) {
          iss.add('QUOTE_DOUBLED', `Line ${lineNo}, column ${this.colName(c)}: a doubled quote ("") inside a quoted value. Personalize escapes quotes with a backslash and may read this value differently: write \\" instead.`, lineNo, this.colName(c));
        }
      }
    }
    return broken;
  }

  private typeIssue(code: 'TYPE_INT' | 'TYPE_LONG' | 'TYPE_FLOAT' | 'TYPE_BOOLEAN', b: Uint8Array, lineNo: number, c: number, flag: number, want: string, hint?: (value: string) => string): void {
    const v = fieldText(b, this.cur.starts[c], this.cur.ends[c], flag);
    const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
    this.iss.add(code, `Line ${lineNo}, column ${this.names[c]}: ${JSON.stringify(shown)} is not ${want}.${hint?.(v) ?? ''}`, lineNo, this.names[c]);
  }

  private get cur(): Tokens {
    return this.tokens!;
  }

  tokens: Tokens | null = null;

  /** per known event type (totals.eventTypes order): its length and first bytes, compared before the bytes */
  private readonly etLen: number[] = [];
  private readonly etHead: number[] = [];

  private eventType(b: Uint8Array, s: number, e: number, flag: number, lineNo: number): void {
    const list = this.totals.eventTypes;
    const len = e - s;
    const lens = this.etLen;
    const heads = this.etHead;
    while (lens.length < list.length) {
      const eb = list[lens.length].bytes;
      heads.push(head(eb, 0, eb.length));
      lens.push(eb.length);
    }
    const h = head(b, s, e);
    outer: for (let k = 0; k < lens.length; k++) {
      if (lens[k] !== len || heads[k] !== h) continue;
      const eb = list[k].bytes;
      for (let i = 4; i < len; i++) if (eb[i] !== b[s + i]) continue outer;
      list[k].count++;
      return;
    }
    if (list.length >= MAX_EVENT_TYPES_TRACKED) {
      this.totals.eventTypesOverflow = true;
      return;
    }
    const name = fieldText(b, s, e, flag);
    list.push({ bytes: Buffer.from(b.subarray(s, e)), name, count: 1 });
    if (RESERVED_EVENT_TYPES.has(name.toLowerCase()) && this.iss.note('RESERVED_VALUE')) {
      this.iss.add('RESERVED_VALUE', `Line ${lineNo}, column ${this.names[this.eventCol]}: ${JSON.stringify(name)} is a reserved word, not a usable event type. Rename the event type (e.g. "click", "purchase").`, lineNo, this.names[this.eventCol]);
    }
  }

  private colName(c: number): string {
    return this.names[c] ?? `#${c + 1}`;
  }

  /** the header showed the file is not a CSV this engine can read: the one finding; rows are only counted from here */
  private markUnreadable(finding: { code: IssueCode; message: string }): void {
    this.iss.report(finding.code, finding.message, 1);
    this.unreadable = true;
    this.totals.unreadable = true;
  }

  private header(b: Uint8Array, lineNo: number, t: Tokens): void {
    const iss = this.iss;
    const n = t.count;
    const raw = b.subarray(t.starts[0] - (t.flags[0] & F_QUOTED), t.lineEnd);
    const unreadable = unreadableHeader(raw, this.schema);
    if (unreadable) return this.markUnreadable(unreadable);
    if (t.hi & 0x80 && !isUtf8(raw)) {
      iss.report('INVALID_UTF8', 'Line 1 (the header): bytes that are not UTF-8. Save the file as UTF-8.', 1);
    }
    const names: string[] = [];
    for (let c = 0; c < n; c++) {
      const name = fieldText(b, t.starts[c], t.ends[c], t.flags[c]).trim();
      names.push(name);
      if (t.flags[c] & F_QUOTED) iss.report('HEADER_QUOTED', `Line 1: the column name ${JSON.stringify(name)} is quoted. Personalize expects bare column names in the header: remove the quotes.`, lineNo, name);
    }
    this.headerEmpty = n === 1 && names[0] === '';
    const data = this.headerEmpty ? undefined : headerIsData(names, this.schema);
    if (data) {
      // line 1 is one of the records (a worker's copy of another part's header is not)
      if (this.headerIsOwnLine) this.rows++;
      return this.markUnreadable(data);
    }
    this.names = names;
    this.ncol = n;
    this.kinds = new Uint8Array(n);
    this.nullable = new Uint8Array(n).fill(1);
    this.empty = new Float64Array(n);
    const byName = new Map(this.schema.fields.map((f) => [f.name, f]));
    const byUpper = new Map(this.schema.fields.map((f) => [f.name.toUpperCase(), f]));
    const seen = new Map<string, number>();
    const mapped: SchemaField[] = [];
    for (let c = 0; c < n; c++) {
      const name = names[c];
      let field = byName.get(name);
      if (!field && name !== '') {
        field = byUpper.get(name.toUpperCase());
        if (field) iss.report('HEADER_CASE', `Line 1: column ${JSON.stringify(name)} matches schema field ${field.name} only when case is ignored. Personalize does not document case-insensitive headers: rename it ${field.name}.`, 1, name);
      }
      const key = field ? field.name : name;
      if (seen.has(key)) {
        iss.report('HEADER_DUPLICATE_COLUMN', `Line 1: column ${name || '(empty)'} appears twice (columns ${seen.get(key)! + 1} and ${c + 1}). Remove one of them.`, 1, name);
        continue;
      }
      seen.set(key, c);
      if (!field) {
        iss.report('HEADER_UNKNOWN_COLUMN', name === ''
          ? `Line 1: column ${c + 1} has no name. Name it after a schema field or remove the column (check for a trailing comma).`
          : `Line 1: column ${name} is not in the schema (${this.schema.fields.map((f) => f.name).join(', ')}). Remove it or add it to the schema; Personalize does not document what it does with extra columns.`, 1, name);
        continue;
      }
      mapped.push(field);
      this.nullable[c] = field.nullable ? 1 : 0;
      this.kinds[c] = kindOf(field);
      if (field.name === 'USER_ID') this.userCol = c;
      if (field.name === 'ITEM_ID' || (field.name === 'ACTION_ID' && this.itemCol < 0)) this.itemCol = c;
      if (field.name === 'EVENT_TYPE') this.eventCol = c;
      if (field.name === 'TIMESTAMP' || (field.name === 'CREATION_TIMESTAMP' && this.tsCol < 0)) this.tsCol = c;
      if (this.type === 'INTERACTIONS' && !INTERACTIONS_RESERVED.has(field.name)) this.totals.metadataColumns.add(field.name);
      const col = this.totals.columns.get(field.name);
      if (!col) this.totals.columns.set(field.name, { nonEmpty: 0, rows: 0, textual: field.textual });
    }
    if (this.type === 'INTERACTIONS' || this.type === 'ACTION_INTERACTIONS') {
      if (this.userCol >= 0) this.totals.hasUsers = true;
      if (this.itemCol >= 0) this.totals.hasItems = true;
    } else {
      const idName = this.type === 'ITEMS' ? 'ITEM_ID' : this.type === 'USERS' ? 'USER_ID' : 'ACTION_ID';
      this.recordIdCol = seen.has(idName) && byName.has(idName) ? seen.get(idName)! : -1;
      if (this.type === 'ITEMS' && this.itemCol >= 0) this.totals.hasItems = true;
      if (this.type === 'USERS' && this.userCol >= 0) this.totals.hasUsers = true;
    }
    // allocated at their cap: no growth spike, and the OS only makes touched pages resident
    if (this.type === 'INTERACTIONS' || this.type === 'ACTION_INTERACTIONS') {
      const totals = this.totals;
      const onRepeat = (line: number, seq: number) => totals.lineRepeat(line, seq);
      // sorted mode (see WasmLineSet) needs a timestamp on every line and a source it can read again
      const sortable = totals.reread !== undefined && this.tsCol >= 0 && this.kinds[this.tsCol] === K_TS;
      totals.lines ??= totals.fast
        ? new WasmLineSet(totals.fast, totals.recordSlots, onRepeat, sortable ? (set, before) => this.catchUp(set, before) : null)
        : new PartitionedTagSet(totals.recordSlots, onRepeat, 3, totals.lineTags);
      totals.lineRepeat = (line, batch) => {
        if (batch === this.batchId) this.pendingRepeats.push(line);
        else this.lineRepeated(line, this.seqOfBatch(batch));
      };
    } else if (!this.totals.records && this.recordIdCol >= 0) this.totals.records = new TagSet(this.totals.recordSlots);
    // missing: required for the dataset type / domain, or not nullable in the schema
    const required = new Set(requiredFields(this.type, this.domain));
    for (const f of this.schema.fields) if (!f.nullable) required.add(f.name);
    for (const name of required) {
      if (seen.has(name) && (byName.has(name) || byUpper.has(name))) continue;
      if ([...seen.keys()].includes(name)) continue;
      const inSchema = byName.has(name);
      iss.report('HEADER_MISSING_COLUMN', inSchema
        ? `Line 1: the header has no ${name} column, and the schema requires it (not nullable). Add the column${byName.get(name)!.nullable ? '' : ', or make the field optional in the schema'}.`
        : `Line 1: the header has no ${name} column; ${this.domain ? `${this.domain} ` : ''}${this.type} datasets require it (it is not in the schema either).`, 1, name);
    }
    this.configureFastLane();
    // order: the schema order of the columns present
    const schemaOrder = this.schema.fields.filter((f) => mapped.includes(f)).map((f) => f.name);
    const headerOrder = mapped.map((f) => f.name);
    if (schemaOrder.join(',') !== headerOrder.join(',')) {
      iss.report('HEADER_ORDER', `Line 1: the columns are in a different order than the schema (header: ${headerOrder.join(', ')}; schema: ${schemaOrder.join(', ')}). Personalize maps by name, but its docs ask for the same order: reorder the columns to be safe.`, 1);
    }
  }

  /**
   * Sorted mode ended at line `before`: reads the source again and puts every line before it that
   * line() put in the line set (same rules: not blank, quoting not broken, the header's column
   * count) into the big set.
   */
  private catchUp(set: WasmLineSet, before: number): void {
    const ncol = this.ncol;
    let done = false;
    const fl = set.lane;
    let lastChunk = -1;
    const splitter = new LineSplitter({
      // lines without quotes: counted and added by the fast lane
      fastLines(chunk, pos, len, firstLineNo, chunkId) {
        if (firstLineNo < 2 || firstLineNo >= before) return 0;
        const n = fl.catchUp(chunk, chunkId !== lastChunk, pos, len, ncol, Math.min(before - firstLineNo, 1 << 30));
        lastChunk = chunkId;
        this.fastEnd = fl.stop;
        return n;
      },
      fastEnd: 0,
      line(b, lineNo, t) {
        if (lineNo >= before) {
          done = true;
          return;
        }
        if (lineNo === 1) return;
        const n = t.count;
        if (n === 1 && t.starts[0] === t.ends[0] && t.flags[0] === 0) return;
        if (t.allFlags & (F_UNTERMINATED | F_BAD_QUOTE) || n !== ncol) return;
        const lineStart = t.starts[0] - (t.flags[0] & F_QUOTED);
        if (lineStart !== t.lineEnd) set.addSilently(b, lineStart, t.lineEnd);
      },
      tooLong() {},
    });
    try {
      this.totals.reread!((chunk) => {
        splitter.push(chunk);
        return !done;
      });
    } catch (e) {
      throw new AppError('usage', `The file could not be read a second time while it was being checked (${(e as Error).message}). Make sure nothing moves or changes it during validation, and run it again.`);
    }
    if (!done) splitter.end();
  }

  private configureFastLane(): void {
    const fl = this.fast;
    if (!fl) return;
    const totals = this.totals;
    // duplicates: whole lines in the module's line set (1), or the record ID (2) / whole line (3) for the engine's set
    const recordMode = totals.lines instanceof WasmLineSet ? 1 : totals.records ? (this.recordIdCol >= 0 ? 2 : 3) : 0;
    this.fastRecords = recordMode >= 2;
    this.fastReady = fl.configure({
      kinds: this.kinds, nullable: this.nullable, userCol: this.userCol, itemCol: this.itemCol, eventCol: this.eventCol, tsCol: this.tsCol,
      recordMode, recordCol: recordMode === 2 ? this.recordIdCol : -1, tsLimit: this.nowSec + 86400,
    });
  }

  /** after the source ended: fold per-file counters into the totals */
  finish(): void {
    if (this.batchN > 0) this.flush();
    this.totals.lines?.drain();
    for (let c = 0; c < this.ncol; c++) {
      if (this.kinds[c] === K_SKIP && !this.totals.columns.has(this.names[c])) continue;
      const col = this.totals.columns.get(this.names[c]);
      if (!col) continue;
      col.nonEmpty += this.checkedRows - this.empty[c];
      col.rows += this.checkedRows;
    }
  }

  get sawHeader(): boolean {
    return this.headerDone;
  }
}

/** the first (up to) four bytes of [s, e) as one number */
function head(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n >= 4) return b[s] | (b[s + 1] << 8) | (b[s + 2] << 16) | (b[s + 3] << 24);
  let h = 0;
  for (let i = 0; i < n; i++) h |= b[s + i] << (8 * i);
  return h;
}

function kindOf(f: SchemaField): number {
  switch (f.type) {
    case 'int':
      return K_INT;
    case 'long':
      return TS_FIELDS.has(f.name) ? K_TS : K_LONG;
    case 'float':
    case 'double':
      return K_FLOAT;
    case 'boolean':
      return K_BOOL;
    default:
      if (ID_FIELDS.has(f.name)) return K_ID;
      if (f.textual) return K_TEXT;
      if (f.categorical || f.name === 'IMPRESSION') return K_CAT;
      return K_STR;
  }
}

/** characters (not bytes) of a value: UTF-8 continuation bytes and escape backslashes don't count */
function charLength(b: Uint8Array, s: number, e: number, flag: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if ((c & 0xc0) !== 0x80) n++;
    if (c === 92 && flag & F_ESCAPE) {
      i++;
    }
  }
  return n;
}

/** optional '-', 1–19 digits; NaN otherwise (the value is exact up to 2^53, enough for the checks) */
function parseInteger(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  }
  if (i === e || e - i > 19) return NaN;
  let v = 0;
  for (; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  if (v > 9223372036854775807) return NaN;
  return neg ? -v : v;
}

/** [-+]?(digits[.digits?] | .digits)([eE][-+]?digits)? */
function isFloat(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (b[i] === 45 || b[i] === 43) i++;
  let digits = 0;
  while (i < e && b[i] >= 48 && b[i] <= 57) {
    i++;
    digits++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e && b[i] >= 48 && b[i] <= 57) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    if (i < e && (b[i] === 45 || b[i] === 43)) i++;
    let ed = 0;
    while (i < e && b[i] >= 48 && b[i] <= 57) {
      i++;
      ed++;
    }
    if (ed === 0) return false;
  }
  return i === e;
}

function isBool(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n === 4) return b[s] === 116 && b[s + 1] === 114 && b[s + 2] === 117 && b[s + 3] === 101;
  if (n === 5) return b[s] === 102 && b[s + 1] === 97 && b[s + 2] === 108 && b[s + 3] === 115 && b[s + 4] === 101;
  return false;
}

function iso(sec: number): string {
  const d = new Date(sec * 1000);
  return Number.isNaN(d.getTime()) ? String(sec) : d.toISOString().replace('.000Z', 'Z');
}

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
  const list: CsvSource[] = Array.isArray(sources) ? sources : isSource(sources) ? [sources] : [{ name: 'input', stream: sources as AsyncIterable<Uint8Array> }];
  const { type } = resolveDatasetType(options.schema, options.datasetType);
  const mode: ImportMode = options.mode ?? 'FULL';
  const iss = new IssueCollector(options.maxIssuesPerCode ?? 20);
  const totals = new Totals(undefined, undefined, options.fastLane === false ? null : FastLane.create());
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
    if (workers > 1 && src.path && (src.size ?? 0) >= (options.parallelMinBytes ?? 64 * 1024 * 1024)) {
      const done = await validateFileParallel(src.path, src.size!, workers, {
        iss, totals, schema: options.schema, type, domain: options.domain, nowSec, maxPerCode: options.maxIssuesPerCode ?? 20, fastLane: options.fastLane !== false, signal: options.signal,
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
    // one local file: the line set may start in sorted mode, reading the file again if it must end it
    totals.reread = list.length === 1 && src.path && totals.fast ? rereadFile(src.path, 0, Infinity) : undefined;
    const checker = new FileChecker(iss, totals, options.schema, type, options.domain, nowSec);
    const splitter = new LineSplitter(checker);
    checker.tokens = splitter.tokens;
    const stream = src.stream ?? (src.open ? await src.open() : undefined);
    if (!stream) throw new Error(`source ${src.name} has neither stream nor open()`);
    for await (const chunk of stream) {
      if (options.signal?.aborted) throw new AppError('interrupted', 'Validation was cancelled.');
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

  // file-wide checks
  const active = { users: 0, active: 0, min: 0, median: 0, max: 0 };
  if (totals.hasUsers) Object.assign(active, countSummary(totals.users));
  // an unreadable file's only finding is why (counting its records short would only add noise)
  if (type === 'INTERACTIONS' && !totals.unreadable) {
    if (rows < 1000) {
      iss.report('TOO_FEW_INTERACTIONS', `The file has ${rows} interaction record${rows === 1 ? '' : 's'}; every import job into an Interactions dataset needs at least 1000. Add more interactions before importing.`);
    } else if (totals.hasUsers && (rows < 50000 || active.users < 1000)) {
      iss.report('FEW_INTERACTIONS_FOR_QUALITY', `The data has ${rows} interactions from ${active.users} users; Personalize's data insights recommend at least 50,000 interactions and 1,000 users for good recommendations.`);
    }
    if (totals.hasUsers && active.active < 25 && rows > 0) {
      const f = activeUsersFinding(active.active, mode)!;
      iss.report(f.code, f.message, undefined, f.column, f.severity);
    }
    const nTypes = totals.eventTypes.length;
    const nMeta = totals.metadataColumns.size;
    if (nTypes + nMeta > 10) {
      iss.report('TOO_MANY_EVENT_TYPES', `The data has ${totals.eventTypesOverflow ? `more than ${nTypes}` : nTypes} distinct event types and ${nMeta} optional metadata column${nMeta === 1 ? '' : 's'}; Personalize allows at most 10 together. Merge event types or drop columns.`, undefined, 'EVENT_TYPE');
    }
  }
  // data insights
  const columns: ValidationStats['columns'] = [];
  for (const [name, col] of totals.columns) {
    const completeness = col.rows > 0 ? col.nonEmpty / col.rows : 1;
    columns.push({ name, nonEmpty: col.nonEmpty, completeness: Math.round(completeness * 10000) / 10000 });
    if (col.rows === 0) continue;
    if (col.textual && completeness < 0.85) {
      iss.report('SPARSE_TEXTUAL', `Column ${name} is filled in ${pct(completeness)} of records; Personalize recommends textual fields at least 85 % complete. Fill in more descriptions.`, undefined, name);
    } else if (completeness < 0.7) {
      iss.report('SPARSE_COLUMN', `Column ${name} is filled in ${pct(completeness)} of records; Personalize's data insights flag columns under 70 % complete. Fill it in or drop it.`, undefined, name);
    }
  }
  if (rows >= 2 && totals.tsMin === totals.tsMax && totals.tsMin !== Infinity && !totals.unreadable) {
    iss.report('SAME_TIMESTAMP', `Every record has the same timestamp (${totals.tsMin}, ${iso(totals.tsMin)}). Personalize learns from the order of events: use the time each event happened.`, undefined, type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS' ? 'TIMESTAMP' : undefined);
  }

  const { errors, warnings } = iss.result();
  const stats: ValidationStats = {
    files: list.length,
    bytes,
    rows,
    blankLines: totals.blankLines,
    columns,
    issueCounts: iss.totals(),
    elapsedMs: Date.now() - t0,
  };
  if (totals.hasUsers) {
    stats.uniqueUsers = active.users;
    if (type === 'INTERACTIONS' || type === 'ACTION_INTERACTIONS') {
      stats.usersWithAtLeast2Interactions = active.active;
      stats.interactionsPerUser = { min: active.min, median: active.median, max: active.max };
    }
  }
  if (totals.hasItems) stats.uniqueItems = totals.items.size;
  if (totals.eventTypes.length > 0) stats.eventTypes = totals.eventTypes.map((e) => ({ name: e.name, count: e.count })).sort((a, b) => b.count - a.count);
  if (totals.tsMin !== Infinity) stats.timestamp = { min: totals.tsMin, max: totals.tsMax, minIso: iso(totals.tsMin), maxIso: iso(totals.tsMax) };
  const reasons: string[] = [];
  if (totals.users.saturated) reasons.push('The users table is full (about 3 million distinct users): users counted later are left out of the user counts and interactions per user.');
  if (totals.items.saturated) reasons.push('The items table is full (about 3 million distinct items): the item count covers the items seen first.');
  if (totals.duplicatesSaturated) reasons.push('Duplicates are checked among the first records only (about 12.5 million, 6 million a thread): repeats of later records are not found.');
  if (totals.duplicatesAcrossParts > 0) reasons.push('The file was checked in two parts at once: repeats of a line of the other part are counted, not located.');
  if (totals.eventTypesOverflow) reasons.push(`More than ${MAX_EVENT_TYPES_TRACKED} event types: only the first ${MAX_EVENT_TYPES_TRACKED} are counted.`);
  if (reasons.length) {
    stats.approximate = true;
    stats.approximateReasons = reasons;
  }
  return { valid: errors.length === 0, rows, datasetType: type, mode, errors, warnings, stats };
}

const BOM_MESSAGE = 'The file starts with a UTF-8 byte order mark (BOM). Personalize does not document whether it accepts one: save the file as UTF-8 without BOM to be safe.';

// ---- worker threads: one local file split at newlines (Personalize reads one record a line, so
// every part starts at a record) ----

/** how every part is checked (the parent's settings, handed to each worker) */
interface PartSettings {
  schema: SchemaModel;
  type: DatasetType;
  domain?: Domain;
  nowSec: number;
  maxPerCode: number;
  fastLane: boolean;
}

interface ParallelContext extends PartSettings {
  iss: IssueCollector;
  totals: Totals;
  signal?: AbortSignal;
  onProgress: (bytes: number, rows: number) => void;
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
  /** with the fast lane: one memory a part (the parts read each other's line sets in place) */
  memories?: WasmMemory[];
  /** per part, DONE_WORDS int32s: set checked, big set ready, sorted, sorted lines, big set's offset in the part's memory */
  done?: SharedArrayBuffer;
  /** per part: first and last timestamp of its lines (sorted mode) */
  runTimes?: SharedArrayBuffer;
}

/** int32s a part in WorkerJob.done */
const DONE_WORDS = 5;

/** a worker's duplicate-set slots: two threads share the memory budget */
const WORKER_RECORD_SLOTS = 1 << 23;

interface WorkerResult {
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

const READ_BLOCK = 1 << 20;

/** Totals.reread for bytes [start, end) of a local file, after `prefix` (a worker part's header) */
function rereadFile(path: string, start: number, end: number, prefix?: Uint8Array): (feed: (chunk: Uint8Array) => boolean) => void {
  return (feed) => {
    if (prefix && !feed(prefix)) return;
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(READ_BLOCK);
      let pos = start;
      while (pos < end) {
        const n = readSync(fd, buf, 0, Math.min(READ_BLOCK, end - pos), pos);
        if (n === 0) break;
        pos += n;
        if (!feed(n === buf.length ? buf : buf.subarray(0, n))) break;
      }
    } finally {
      closeSync(fd);
    }
  };
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.allocUnsafe(len);
  const n = readSync(fd, b, 0, len, pos);
  return b.subarray(0, n);
}

/** null when the file does not suit splitting (no header line in the first MiB): checked inline */
async function validateFileParallel(path: string, size: number, nWorkers: number, ctx: ParallelContext): Promise<{ bytes: number; rows: number; bom: boolean } | null> {
  const fd = openSync(path, 'r');
  let header: Buffer;
  let bom = false;
  const bounds: number[] = [];
  try {
    const head = readAt(fd, 0, READ_BLOCK + 3);
    bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
    const nl = head.indexOf(10, bom ? 3 : 0);
    if (nl < 0 || nl + 1 >= size) return null;
    header = Buffer.from(head.subarray(bom ? 3 : 0, nl + 1));
    bounds.push(nl + 1);
    for (let k = 1; k < nWorkers; k++) {
      const pos = bounds[0] + Math.floor(((size - bounds[0]) * k) / nWorkers);
      if (pos <= bounds[bounds.length - 1]) continue;
      const block = readAt(fd, pos, READ_BLOCK);
      const i = block.indexOf(10);
      if (i < 0 || pos + i + 1 >= size) continue;
      bounds.push(pos + i + 1);
    }
    bounds.push(size);
  } finally {
    closeSync(fd);
  }
  const parts = bounds.length - 1;
  const progress = new Float64Array(parts * 2);
  const workers: Worker[] = [];
  const interactions = ctx.type === 'INTERACTIONS' || ctx.type === 'ACTION_INTERACTIONS';
  // the compiled fast lane goes to the workers with one memory each
  const fastModule = ctx.fastLane ? fastLaneModule() : null;
  const fast = fastModule !== null;
  const memories = fast ? Array.from({ length: parts }, () => fastLaneMemory()) : undefined;
  const lineSets = interactions && !fast ? Array.from({ length: parts }, () => new SharedArrayBuffer(WORKER_RECORD_SLOTS * 4)) : undefined;
  const done = interactions ? new SharedArrayBuffer(parts * DONE_WORDS * 4) : undefined;
  const runTimes = interactions ? new SharedArrayBuffer(parts * 16) : undefined;
  const results = await new Promise<WorkerResult[]>((resolve, reject) => {
    const out: WorkerResult[] = new Array(parts);
    let left = parts;
    const onAbort = () => {
      for (const w of workers) void w.terminate();
      reject(new AppError('interrupted', 'Validation was cancelled.'));
    };
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    for (let k = 0; k < parts; k++) {
      const job: WorkerJob = {
        __personalizeImportValidate: true, index: k, path, start: bounds[k], end: bounds[k + 1], header,
        schema: ctx.schema, type: ctx.type, domain: ctx.domain, nowSec: ctx.nowSec, maxPerCode: ctx.maxPerCode, fastLane: fast, fastModule: fastModule ?? undefined, lineSets, memories, done, runTimes,
      };
      const w = new Worker(new URL(import.meta.url), { workerData: job });
      workers.push(w);
      w.on('message', (m: { progress?: [number, number]; result?: WorkerResult }) => {
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
        }
      });
      w.on('error', (e) => {
        for (const x of workers) void x.terminate();
        reject(e);
      });
    }
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
  ctx.onProgress(size, rows);
  return { bytes: size, rows, bom };
}

function workerMain(job: WorkerJob): void {
  const iss = new IssueCollector(job.maxPerCode);
  const lineSets = job.lineSets;
  const fast = job.fastLane ? FastLane.create(job.memories?.[job.index], job.fastModule) : null;
  const totals = new Totals(WORKER_RECORD_SLOTS, lineSets ? new Int32Array(lineSets[job.index]) : undefined, fast);
  if (fast) totals.reread = rereadFile(job.path, job.start, job.end, job.header);
  // only the first part reports on the header
  const checker = new FileChecker(job.index === 0 ? iss : new IssueCollector(job.maxPerCode), totals, job.schema, job.type, job.domain, job.nowSec);
  checker.headerIsOwnLine = job.index === 0;
  const splitter = new LineSplitter(checker);
  checker.tokens = splitter.tokens;
  splitter.push(job.header);
  checker.iss = iss;
  const fd = openSync(job.path, 'r');
  // with the fast lane, read straight into its memory (no copy)
  const buf = fast ? fast.inputBuffer(READ_BLOCK) : Buffer.allocUnsafe(READ_BLOCK);
  let pos = job.start;
  let lastReport = pos;
  while (pos < job.end) {
    const n = readSync(fd, buf, 0, Math.min(READ_BLOCK, job.end - pos), pos);
    if (n === 0) break;
    splitter.push(n === buf.length ? buf : buf.subarray(0, n));
    pos += n;
    if (pos - lastReport >= 16 * READ_BLOCK) {
      lastReport = pos;
      parentPort!.postMessage({ progress: [pos - job.start, checker.rows] });
    }
  }
  closeSync(fd);
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
    const barrier = (w: number) => {
      Atomics.store(done, at(job.index, w), 1);
      Atomics.notify(done, at(job.index, w));
      for (let k = 0; k < parts; k++) while (Atomics.load(done, at(k, w)) === 0) Atomics.wait(done, at(k, w), 0);
    };
    barrier(0);
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
      barrier(1);
      const from = Math.floor((PartitionedTagSet.PARTS * job.index) / parts);
      const to = Math.floor((PartitionedTagSet.PARTS * (job.index + 1)) / parts);
      const sets = job.memories
        ? job.memories.map((m, k) => new Int32Array(m.buffer, done[at(k, 4)], WORKER_RECORD_SLOTS))
        : lineSets!.map((x) => new Int32Array(x));
      sharedLines = 0;
      for (let k = 1; k < parts; k++) for (let j = 0; j < k; j++) sharedLines += PartitionedTagSet.countShared(sets[j], sets[k], from, to);
    }
  }
  const users = totals.users.exportSlots();
  const items = totals.items.exportSlots();
  const result: WorkerResult = {
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
  parentPort!.postMessage({ result }, transfer.map((a) => a.buffer as ArrayBuffer));
}

if (!isMainThread && (workerData as Partial<WorkerJob> | undefined)?.__personalizeImportValidate) workerMain(workerData as WorkerJob);

/**
 * Users, users with 2 or more rows, and min / median / max rows a user, from the users table:
 * counts below 4096 are tallied (no sort of 200 k numbers), larger ones sorted.
 */
export function countSummary(users: { forEachCount(fn: (n: number) => void): void }): { users: number; active: number; min: number; median: number; max: number } {
  const SMALL = 4096;
  const tally = new Float64Array(SMALL);
  const big: number[] = [];
  let n = 0;
  users.forEachCount((c) => {
    n++;
    if (c < SMALL) tally[c]++;
    else big.push(c);
  });
  if (n === 0) return { users: 0, active: 0, min: 0, median: 0, max: 0 };
  big.sort((a, b) => a - b);
  /** the k-th smallest count (0-based) */
  const nth = (k: number): number => {
    for (let c = 0; c < SMALL; c++) {
      if (k < tally[c]) return c;
      k -= tally[c];
    }
    return big[k];
  };
  const mid = n >> 1;
  return {
    users: n,
    active: n - tally[0] - tally[1],
    min: nth(0),
    max: big.length > 0 ? big[big.length - 1] : nth(n - 1),
    median: n % 2 ? nth(mid) : (nth(mid - 1) + nth(mid)) / 2,
  };
}

/** how many [h1, h2] keys of `a` are also in `b` (both without repeats) */
function countCommonKeys(a: Int32Array, b: Int32Array): number {
  const keys = new Set<string>();
  for (let i = 0; i < b.length; i += 2) keys.add(`${b[i]},${b[i + 1]}`);
  let n = 0;
  for (let i = 0; i < a.length; i += 2) if (keys.has(`${a[i]},${a[i + 1]}`)) n++;
  return n;
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}

function isSource(x: unknown): x is CsvSource {
  return typeof x === 'object' && x !== null && 'name' in x && ('stream' in x || 'open' in x);
}

export { CODES };
