// The per-file checker: the line sink of one source's splitter. Checks the header (header.ts) and
// every line against the schema and Personalize's rules, hands common lines to the fast lane
// (fastlane.ts) and feeds the users/items tables and the duplicate sets in batches. Core module.
import { isUtf8 } from 'node:buffer';
import type { DatasetType, Domain } from '../core/resources.js';
import { F_BAD_QUOTE, F_DOUBLED, F_QUOTED, F_UNTERMINATED, MAX_LINE_BYTES, fieldText, type LineSink, type Tokens } from '../csv/tokenizer.js';
import { decimalCommaAt, latin } from './decimal-comma.js';
import { HAS_RECORD, OUT_WORDS, fastLaneCounters, type FastLane } from './fastlane.js';
import { WasmCountTable, WasmLineSet } from './fastlane-tables.js';
import { crRecords, headerIsData, unreadableHeader } from './unreadable.js';
import { asWindows1252, looksLikeWindows1252 } from './hints.js';
import { hashWords, wordsLow } from './hash.js';
import { PartitionedTagSet, TagSet } from './linesets.js';
import type { IssueCode, IssueCollector } from './issues.js';
import { INTERACTIONS_RESERVED, type SchemaModel } from './fields.js';
import { headerNames, mapHeader } from './header.js';
import { catchUpLineSet, catchUpLineSetLater } from './catchup.js';
import { checkValues, type ColumnRules } from './rows.js';
import { continueValue, openAtEnd, reportQuoting } from './multiline.js';
import { emptyRow, noValues } from './empty-row.js';
import { addDotZero, countReturn, idRole, laneKinds, returnColumns } from './returns.js';
import type { Totals } from './totals.js';
import { K_SKIP, K_TS, RESERVED_EVENT_TYPES, head } from './values.js';

const BATCH = 64; // rows whose table updates are done together
/** bytes of a source kept to tell what an over-long line 1 is */
const PEEK_BYTES = 1 << 16;

/** Checks one source; it is the line sink of that source's splitter. */
export class FileChecker implements LineSink, ColumnRules {
  private headerDone = false;
  private ncol = 0;
  kinds: Uint8Array = new Uint8Array(0);
  nullable: Uint8Array = new Uint8Array(0);
  required: Uint8Array = new Uint8Array(0);
  /** what the dataset type is called in a message ("INTERACTIONS", "ECOMMERCE ITEMS") */
  typeLabel = '';
  /** empty values per column in checked rows (rarer than filled ones: fewer increments) */
  empty = new Float64Array(0);
  /** per column (rows.ts counts them) with the first one of each: 13085.0 IDs, padded IDs (padded-ids.ts), a spreadsheet's dates, IDs in scientific notation */
  dotZero = new Float64Array(0); dotZeroAt: ({ line: number; value: string } | undefined)[] = []; padded = new Float64Array(0); paddedAt: ({ line: number; value: string } | undefined)[] = [];
  serial = new Float64Array(0); serialAt: ({ line: number; value: string } | undefined)[] = []; scientific = new Float64Array(0); scientificAt: ({ line: number; value: string } | undefined)[] = [];
  /** interactions: the quantity and invoice columns whose returns and cancellations are counted (returns.ts; -1 none) */
  private negCol = -1; private cCol = -1;
  names: string[] = [];
  private userCol = -1; private itemCol = -1; private eventCol = -1;
  tsCol = -1;
  /** ITEMS/USERS/ACTIONS: the ID column whose repeats are duplicates */
  private recordIdCol = -1;
  rows = 0; /** the column of a quoted value still open at the end of the last line (multiline.ts; -1: none) */ openCol = -1;
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
    readonly totals: Totals,
    private readonly schema: SchemaModel,
    private readonly type: DatasetType,
    private readonly domain: Domain | undefined,
    readonly nowSec: number,
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
    if (!fl || !this.fastReady || this.openCol >= 0) return 0;
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

  /** the source's first bytes (up to PEEK_BYTES, see peek): what line 1 was when it is too long to check */
  private head: Uint8Array | null = null;
  private headLen = 0;

  /** the engine hands each chunk here before the splitter while the first PEEK_BYTES are not complete */
  peek(chunk: Uint8Array): void {
    const n = Math.min(chunk.length, PEEK_BYTES - this.headLen);
    if (n <= 0) return;
    this.head ??= new Uint8Array(PEEK_BYTES);
    this.head.set(chunk.subarray(0, n), this.headLen);
    this.headLen += n;
  }

  get peeking(): boolean {
    return this.headLen < PEEK_BYTES && !this.headerDone;
  }

  tooLong(lineNo: number): void {
    this.lines = lineNo;
    if (lineNo === 1) {
      this.headerDone = true;
      // a line 1 over 1 MiB: another format, or lines ended by CR alone, rather than one long header
      const head = (this.head ?? new Uint8Array(0)).subarray(0, this.headLen);
      const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
      const finding = unreadableHeader(head.subarray(start), this.schema);
      if (finding) return this.markUnreadable(finding);
    }
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
    if (this.openCol >= 0 && continueValue(this, b, lineNo, t, this.ncol, (c) => this.colName(c))) return;
    const n = t.count, starts = t.starts, ends = t.ends;
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
    if ((starts[0] === ends[0] || b[starts[0]] === 32 || b[starts[0]] === 9) && noValues(b, t)) return emptyRow(this.iss, lineNo); // separators only: no record (empty-row.ts)
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
      if (reportQuoting(iss, b, lineNo, t, (c) => this.colName(c))) return void (this.openCol = openAtEnd(b, t));
    }
    if (n !== this.ncol) {
      if (iss.note('COLUMN_COUNT')) {
        const split = n === this.ncol + 1 ? decimalCommaAt(b, starts, ends, t.flags, n) : -1;
        const why = split >= 0
          ? `: ${JSON.stringify(`${latin(b, starts[split], ends[split])},${latin(b, starts[split + 1], ends[split + 1])}`)} (from column ${this.colName(split)} on) looks like a number written with a decimal comma. Write decimals with a point (${latin(b, starts[split], ends[split])}.${latin(b, starts[split + 1], ends[split + 1])}), or quote such values.`
          : '. Quote values that contain commas ("a,b"), and check for a missing or extra comma.';
        iss.add('COLUMN_COUNT', `Line ${lineNo} has ${n} value${n === 1 ? '' : 's'} but the header has ${this.ncol} column${this.ncol === 1 ? '' : 's'}${why}`, lineNo, split >= 0 ? this.colName(split) : undefined);
      }
      return;
    }
    this.checkedRows++;
    /** the timestamp column's value (NaN: none): sorted mode of the line set needs it */
    const lineTs = checkValues(this, b, lineNo, t);
    if (this.negCol >= 0 || this.cCol >= 0) countReturn(this.totals.returns, this.negCol, this.cCol, b, lineNo, t, this.iss.file);
    const flags = t.flags;
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
      const lens = totals.etLen;
      const heads = totals.etHead;
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

  private eventType(b: Uint8Array, s: number, e: number, flag: number, lineNo: number): void {
    const name = this.totals.addEventType(b, s, e, flag);
    if (name !== undefined && RESERVED_EVENT_TYPES.has(name.toLowerCase()) && this.iss.note('RESERVED_VALUE')) {
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
    const raw = b.subarray(t.starts[0] - (t.flags[0] & F_QUOTED), t.lineEnd);
    const unreadable = unreadableHeader(raw, this.schema);
    if (unreadable) {
      // lines ended by CR alone are all in line 1: its records are counted from it
      if (unreadable.code === 'CR_LINE_ENDINGS' && this.headerIsOwnLine) this.rows += crRecords(raw);
      return this.markUnreadable(unreadable);
    }
    if (t.hi & 0x80 && !isUtf8(raw)) {
      iss.report('INVALID_UTF8', 'Line 1 (the header): bytes that are not UTF-8. Save the file as UTF-8.', 1);
    }
    const names = headerNames(b, t, iss);
    this.headerEmpty = names.length === 1 && names[0] === '';
    const data = this.headerEmpty ? undefined : headerIsData(names, this.schema);
    if (data) {
      // line 1 is one of the records (a worker's copy of another part's header is not)
      if (this.headerIsOwnLine) this.rows++;
      return this.markUnreadable(data);
    }
    const layout = mapHeader(names, this.schema, this.type, this.domain, iss);
    this.names = names;
    this.ncol = names.length;
    this.kinds = layout.kinds;
    this.nullable = layout.nullable;
    this.required = layout.required;
    this.typeLabel = `${this.domain ? `${this.domain} ` : ''}${this.type}`;
    this.empty = new Float64Array(names.length);
    [this.dotZero, this.dotZeroAt, this.padded, this.paddedAt] = [new Float64Array(names.length), new Array(names.length).fill(undefined), new Float64Array(names.length), new Array(names.length).fill(undefined)];
    [this.serial, this.serialAt, this.scientific, this.scientificAt] = [new Float64Array(names.length), new Array(names.length).fill(undefined), new Float64Array(names.length), new Array(names.length).fill(undefined)];
    this.userCol = layout.userCol;
    this.itemCol = layout.itemCol;
    this.eventCol = layout.eventCol;
    this.tsCol = layout.tsCol;
    this.recordIdCol = layout.recordIdCol;
    const totals = this.totals;
    const interactions = this.type === 'INTERACTIONS' || this.type === 'ACTION_INTERACTIONS';
    for (const { field } of layout.mapped) {
      if (this.type === 'INTERACTIONS' && !INTERACTIONS_RESERVED.has(field.name)) totals.metadataColumns.add(field.name);
      if (!totals.columns.has(field.name)) totals.columns.set(field.name, { nonEmpty: 0, rows: 0, textual: field.textual, idRole: idRole(field.name) });
    }
    if (this.type === 'INTERACTIONS') [this.negCol, this.cCol] = returnColumns(names, totals.returns, this.kinds); // an order export's returns (each row an event)
    if (interactions || this.type === 'USERS') totals.hasUsers ||= this.userCol >= 0;
    if (interactions || this.type === 'ITEMS') totals.hasItems ||= this.itemCol >= 0;
    // allocated at their cap (no growth spike, and the OS only makes touched pages resident) unless the size is not known
    if (interactions) {
      const onRepeat = (line: number, seq: number) => totals.lineRepeat(line, seq);
      // sorted mode (see WasmLineSet) needs a timestamp on every line and a source it can read again
      const { reread, rereadLater } = totals;
      const sortable = reread !== undefined && this.tsCol >= 0 && this.kinds[this.tsCol] === K_TS;
      const ncol = this.ncol;
      totals.lines ??= totals.fast
        ? new WasmLineSet(totals.fast, totals.recordSlots, onRepeat, sortable ? (set, before) => catchUpLineSet(set, before, ncol, reread) : null, sortable && rereadLater ? (set, before) => catchUpLineSetLater(set, before, ncol, rereadLater) : null)
        : new PartitionedTagSet(totals.recordSlots, onRepeat, 3, totals.lineTags, totals.recordStartSlots);
      totals.lineRepeat = (line, batch) => {
        if (batch === this.batchId) this.pendingRepeats.push(line);
        else this.lineRepeated(line, this.seqOfBatch(batch));
      };
    } else if (!totals.records && this.recordIdCol >= 0) totals.records = new TagSet(totals.recordSlots, 3, totals.recordStartSlots);
    this.configureFastLane();
  }

  private configureFastLane(): void {
    const fl = this.fast;
    if (!fl) return;
    const totals = this.totals;
    // duplicates: whole lines in the module's line set (1), or the record ID (2) / whole line (3) for the engine's set
    const recordMode = totals.lines instanceof WasmLineSet ? 1 : totals.records ? (this.recordIdCol >= 0 ? 2 : 3) : 0;
    this.fastRecords = recordMode >= 2;
    this.fastReady = fl.configure({
      ...laneKinds(this.kinds, this.nullable, this.negCol, this.cCol), userCol: this.userCol, itemCol: this.itemCol, eventCol: this.eventCol, tsCol: this.tsCol,
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
      for (const [key, n, at] of [['dotZero', this.dotZero, this.dotZeroAt], ['padded', this.padded, this.paddedAt], ['serial', this.serial, this.serialAt], ['scientific', this.scientific, this.scientificAt]] as const) if (n[c] > 0) addDotZero(col, n[c], at[c], this.iss.file, key);
    }
  }

  get sawHeader(): boolean {
    return this.headerDone;
  }
}

