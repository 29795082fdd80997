// What the checks of all sources add up to: row counts, the users/items tables, the duplicate sets,
// event types, the timestamp range and column fill. One Totals a run (and one a worker thread).
import type { FastLane } from './fastlane.js';
import { WasmCountTable, type WasmLineSet } from './fastlane-tables.js';
import { BufferedTable } from './tables.js';
import type { PartitionedTagSet, TagSet } from './linesets.js';
import { fieldText } from '../csv/tokenizer.js';
import type { Reread, RereadLater } from './sources.js';
import { head } from './values.js';
import type { DotZeroCount, ReturnsCount } from './returns.js';

/** what a column adds up to: its filled values over its checked rows; an ID column's values written as 13085.0 */
export interface ColumnTotals {
  nonEmpty: number;
  rows: number;
  textual: boolean;
  dotZero?: DotZeroCount;
  /** IDs with spaces or tabs around them (" 123": ID_SPACES) */
  padded?: DotZeroCount;
  /** timestamps written as Excel serial dates (45000.5208: TIMESTAMP_SERIAL) */
  serial?: DotZeroCount;
  /** IDs in scientific notation (1.00001E+11: ID_SCIENTIFIC) */
  scientific?: DotZeroCount;
  /** the column holds IDs of users, items … (the words of ID_DECIMAL) */
  idRole?: 'user' | 'item' | 'action' | 'record';
}

/** event types counted at most; more make the report approximate */
export const MAX_EVENT_TYPES_TRACKED = 1000;

/** the JS users and items tables' cap: 2^22 slots of 12 bytes, about 3 million IDs (¾ full) */
export const TABLE_SLOTS = 1 << 22;

/**
 * the fast lane's users and items tables' cap: 2^24 slots of 8 bytes (128 MB each at the cap; a
 * table takes what it holds, 75–80 % full past ~1 M IDs: 10 M IDs ≈ 100 MB), about 13.4 million
 * IDs (4/5 full) counted exactly; one table for the worker threads and the parent (wasm/fastlane.ts)
 */
export const WASM_TABLE_SLOTS = 1 << 24;

/** the duplicate set's default size: 2^24 4-byte slots = 64 MB, about 12.5 M records (¾ full) */
export const RECORD_SLOTS = 1 << 24;

/**
 * The duplicate set's size for input of `bytes` bytes in all (undefined: not known, the default
 * size). A record takes at least two bytes (a value and its line end), so a set of one slot a byte
 * is at most half full: a small file gets a small set instead of 64 MB allocated and zeroed (most
 * of what validating a few lines cost), and the set never fills where the default would not.
 */
export function recordSlotsFor(bytes: number | undefined): number {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes >= RECORD_SLOTS) return RECORD_SLOTS;
  let slots = 1 << 16;
  while (slots < bytes) slots *= 2;
  return slots;
}

export interface EventType {
  bytes: Buffer;
  name: string;
  count: number;
}

/** Everything accumulated over all sources. */
export class Totals {
  /**
   * @param recordSlots size of the duplicate set: 2^24 4-byte slots = 64 MB, about 12.5 M records (¾ full)
   * @param tableSlots the users and items tables' cap in slots (default: TABLE_SLOTS in JS, WASM_TABLE_SLOTS in the fast lane)
   * @param shared a worker thread's: the parent's fast-lane tables (their tablePtr) in the memory `fast` shares with it
   */
  constructor(readonly recordSlots = RECORD_SLOTS, readonly lineTags?: Int32Array, readonly fast: FastLane | null = null, tableSlots?: number, shared?: { users: number; items: number }) {
    const cap = tableSlots ?? (fast ? WASM_TABLE_SLOTS : TABLE_SLOTS);
    const first = Math.min(1 << 16, cap);
    this.users = fast ? new WasmCountTable(fast, 0, first, cap, shared?.users) : new BufferedTable(first, cap);
    this.items = fast ? new WasmCountTable(fast, 1, first, cap, shared?.items) : new BufferedTable(first, cap, false);
  }
  rows = 0;
  blankLines = 0;
  /** the fast lane's tables when there is one (see fastlane.ts), else JS tables */
  users: BufferedTable | WasmCountTable;
  /** unique count only: a set */
  items: BufferedTable | WasmCountTable;
  /**
   * the duplicate sets' first size when it is less than recordSlots (input of unknown size: they
   * grow to recordSlots as records come, GROW_START_SLOTS); the JS sets only, not the fast lane's
   */
  recordStartSlots?: number;
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
  reread?: Reread;
  /** the same, waiting for the bytes (PartBytes.rereadLater): ends sorted mode after the part is checked */
  rereadLater?: RereadLater;
  hasUsers = false;
  hasItems = false;
  /** a file was not a CSV this engine can read (NOT_CSV, FILE_IS_UTF16, WRONG_SEPARATOR, NO_HEADER): its rows were counted, not checked */
  unreadable = false;
  eventTypes: EventType[] = [];
  eventTypesOverflow = false;
  tsMin = Infinity;
  tsMax = -Infinity;
  /** column name → [nonEmpty, rows]; an ID column's values written as 13085.0 (returns.ts) */
  columns = new Map<string, ColumnTotals>();
  /** interactions: rows that are returns or cancellations (returns.ts) */
  returns: ReturnsCount = { rows: 0, negative: 0, cancelled: 0 };
  metadataColumns = new Set<string>();

  /** per known event type (eventTypes order): its length and first bytes, compared before the bytes */
  readonly etLen: number[] = [];
  readonly etHead: number[] = [];

  /** counts an event type's occurrence; its name when it is a new one (undefined: known, or too many) */
  addEventType(b: Uint8Array, s: number, e: number, flag: number): string | undefined {
    const list = this.eventTypes;
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
      return undefined;
    }
    if (list.length >= MAX_EVENT_TYPES_TRACKED) {
      this.eventTypesOverflow = true;
      return undefined;
    }
    const name = fieldText(b, s, e, flag);
    list.push({ bytes: Buffer.from(b.subarray(s, e)), name, count: 1 });
    return name;
  }
}
