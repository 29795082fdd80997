// Loads the fast lane (src/validate/wasm/fastlane.ts, compiled to WebAssembly at build time and
// embedded as base64 by scripts/wasm.mjs) and wraps its memory. Core module: no React, no SDK.
//
// The fast lane checks the common lines of a chunk and hands back, per line, the fingerprints the
// engine's tables need; the engine (checker.ts) checks every other line itself. Without the embedded
// module (TypeScript run without the build's define) or with PERSONALIZE_IMPORT_NO_WASM=1, the engine
// checks every line in JS: same report, slower.

import { SKETCH_REGISTERS, sketchMerge } from './sketch.js';

declare const __FASTLANE_WASM__: string | undefined;
declare const __FASTLANE_MAX_PAGES__: number;

// the WebAssembly API as far as it is used here (the project's lib settings do not declare it)
export type WasmModule = object;
/** a shared WebAssembly.Memory: worker threads can receive it and read each other's sets in it */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
const WA = (globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => WasmModule;
    Instance: new (m: WasmModule, imports: object) => { exports: unknown };
    Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  };
}).WebAssembly;

/** a memory for one FastLane (made by the parent thread for a worker's) */
export function fastLaneMemory(): WasmMemory {
  return new WA.Memory({ initial: 1, maximum: typeof __FASTLANE_MAX_PAGES__ === 'number' ? __FASTLANE_MAX_PAGES__ : 32768, shared: true });
}

interface Exports {
  MAX_COLS: { value: number };
  OUT_LINES: { value: number };
  MAX_EVENT_TYPES: { value: number };
  init(): number;
  reserve(n: number): number;
  kindsPtr(): number;
  nullablePtr(): number;
  emptyPtr(): number;
  etLenPtr(): number;
  etCountPtr(): number;
  etBytesPtr(): number;
  outPtr(): number;
  stop(): number;
  low(): number;
  tsMinLo(): number;
  tsMaxHi(): number;
  configure(n: number, user: number, item: number, event: number, ts: number, mode: number, rec: number, tsLimit: number): void;
  setEventTypes(n: number): void;
  hash(s: number, e: number): number;
  fingerprint(s: number, e: number): number;
  scratch(n: number): number;
  scan(pos: number, len: number, firstLine: number, seq: number): number;
  tableInit(t: number, slots: number, maxSlots: number): number;
  tableAdd(t: number, h1: number, h2: number, n: number): void;
  tableFlush(t: number): void;
  tableParts(): number;
  tableExport(t: number, dst: number): number;
  tableMerge(t: number, src: number, n: number): void;
  tablePartPtr(t: number, part: number): number;
  tablePartSlots(t: number, part: number): number;
  tableSize(t: number): number;
  tableSaturated(t: number): number;
  tableSketchPtr(t: number): number;
  lineSetInit(slots: number, bufN: number): number;
  lineAdd(h1: number, h2: number, line: number, seq: number): void;
  lineDrain(): void;
  lineTagsPtr(): number;
  lineSaturated(): number;
  repeatsPtr(): number;
  repeatCount(): number;
  clearRepeats(): void;
  sortedInit(): number;
  sortedEnd(): void;
  lineAddTs(h1: number, h2: number, line: number, seq: number, ts: number): number;
  sortedLineCount(): number;
  firstRunTs(): number;
  lastRunTs(): number;
  firstRunPtr(): number;
  firstRunCount(): number;
  lastRunPtr(): number;
  lastRunCount(): number;
  lineSilent(on: number): void;
  cuReserve(n: number): number;
  catchUp(pos: number, len: number, cols: number, maxLines: number): number;
}

/** words a line takes in out: has, user h1 h2, item h1 h2, record h1 h2, record start end */
export const OUT_WORDS = 9;
/** out[has] bits */
export const HAS_USER = 1;
export const HAS_ITEM = 2;
export const HAS_RECORD = 4;

const EVENT_TYPE_BYTES = 256;

let compiled: WasmModule | null | undefined;

function wasmModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  compiled = typeof __FASTLANE_WASM__ === 'string' && __FASTLANE_WASM__ !== '' ? new WA.Module(Buffer.from(__FASTLANE_WASM__, 'base64')) : null;
  return compiled ?? null;
}

/** the compiled module, to hand to worker threads (null: not in this build, or switched off) */
export function fastLaneModule(): WasmModule | null {
  return process.env.PERSONALIZE_IMPORT_NO_WASM === '1' ? null : wasmModule();
}

/** whether this build has the fast lane (and it is not switched off) */
export function fastLaneAvailable(): boolean {
  return process.env.PERSONALIZE_IMPORT_NO_WASM !== '1' && wasmModule() !== null;
}

export interface FastLaneConfig {
  kinds: Uint8Array;
  nullable: Uint8Array;
  userCol: number;
  itemCol: number;
  eventCol: number;
  tsCol: number;
  /** 0: no duplicate check, 1: the whole line, 2: the value of `recordCol` */
  recordMode: number;
  recordCol: number;
  /** the largest timestamp that is not in the future (epoch seconds) */
  tsLimit: number;
}

/** in this process (tests check that each way is really taken): lines the fast lane took, line sets started and ended in sorted mode */
export const fastLaneCounters = { lines: 0, sortedStarts: 0, sortedEnds: 0 };

export class FastLane {
  readonly maxCols: number;
  readonly outLines: number;
  readonly maxEventTypes: number;
  private readonly ex: Exports;
  private inBase: number;
  private u8!: Uint8Array;
  private i32!: Int32Array;
  private u32!: Uint32Array;
  private ncol = 0;
  /** event types known to the module (a prefix of the engine's list) */
  eventTypes = 0;
  /** no more event types can be added (one was too long): the rest go the slow way */
  private eventTypesClosed = false;

  /**
   * @param memory from fastLaneMemory() (default: a new one)
   * @param module from fastLaneModule() of another thread (default: this build's)
   */
  static create(memory?: WasmMemory, module?: WasmModule): FastLane | null {
    if (process.env.PERSONALIZE_IMPORT_NO_WASM === '1') return null;
    const mod = module ?? wasmModule();
    if (!mod) return null;
    const mem = memory ?? fastLaneMemory();
    return new FastLane(new WA.Instance(mod, { env: { memory: mem } }).exports as unknown as Exports, mem);
  }

  private constructor(ex: Exports, readonly memory: WasmMemory) {
    this.ex = ex;
    this.maxCols = ex.MAX_COLS.value;
    this.outLines = ex.OUT_LINES.value;
    this.maxEventTypes = ex.MAX_EVENT_TYPES.value;
    this.inBase = ex.init();
    this.views();
  }

  private views(): void {
    // a shared memory's buffer is a new object (longer) after the module grows it
    const buf = this.memory.buffer;
    this.u8 = new Uint8Array(buf);
    this.i32 = new Int32Array(buf);
    this.u32 = new Uint32Array(buf);
  }

  configure(c: FastLaneConfig): boolean {
    const n = c.kinds.length;
    if (n > this.maxCols) return false;
    this.ncol = n;
    if (this.u8.buffer !== this.memory.buffer) this.views();
    this.u8.set(c.kinds, this.ex.kindsPtr());
    this.u8.set(c.nullable, this.ex.nullablePtr());
    this.ex.configure(n, c.userCol, c.itemCol, c.eventCol, c.tsCol, c.recordMode, c.recordCol, Math.min(c.tsLimit, 1e11 - 1));
    this.eventTypes = 0;
    this.eventTypesClosed = false;
    return true;
  }

  /** tells the module about event types it does not know yet (bytes in the engine's list order) */
  addEventTypes(list: { bytes: Uint8Array }[]): void {
    if (this.eventTypesClosed || this.eventTypes >= list.length) return;
    if (this.u8.buffer !== this.memory.buffer) this.views();
    while (this.eventTypes < list.length && this.eventTypes < this.maxEventTypes) {
      const b = list[this.eventTypes].bytes;
      if (b.length > EVENT_TYPE_BYTES) {
        this.eventTypesClosed = true;
        break;
      }
      this.u8.set(b, this.ex.etBytesPtr() + this.eventTypes * EVENT_TYPE_BYTES);
      this.i32[(this.ex.etLenPtr() >> 2) + this.eventTypes] = b.length;
      this.eventTypes++;
    }
    this.ex.setEventTypes(this.eventTypes);
  }

  /** copies a chunk into the module's memory: scan() offsets are offsets into it */
  load(chunk: Uint8Array): void {
    // read in place (inputBuffer()): nothing to copy
    if (chunk.byteOffset === this.inBase && chunk.buffer instanceof SharedArrayBuffer && this.ownBuffer(chunk.buffer)) return;
    const at = this.ex.reserve(chunk.length);
    if (at === 0) throw new Error('fast lane: out of memory');
    if (this.u8.buffer !== this.memory.buffer) this.views();
    this.inBase = at;
    this.u8.set(chunk, at);
  }

  /** buffers of this module's memory handed out by inputBuffer() (a shared memory's buffer object changes when it grows) */
  private readonly inputBuffers = new WeakSet<SharedArrayBuffer>();

  private ownBuffer(b: SharedArrayBuffer): boolean {
    return this.inputBuffers.has(b);
  }

  /**
   * Where to read the next chunk of up to n bytes so that load() need not copy it: a view of the
   * module's own input area (valid until the next inputBuffer() call).
   */
  inputBuffer(n: number): Uint8Array {
    const at = this.ex.reserve(n);
    if (at === 0) throw new Error('fast lane: out of memory');
    this.inBase = at;
    const buf = this.memory.buffer as SharedArrayBuffer;
    this.inputBuffers.add(buf);
    return new Uint8Array(buf, at, n);
  }

  /**
   * Checks lines of the loaded chunk from `pos` (up to `len`): returns how many it took (at most
   * outLines); `stop` is where it stopped — a line the engine must check itself, the incomplete
   * last line, or len.
   */
  scan(pos: number, len: number, firstLine: number, seq: number): number {
    return this.ex.scan(pos, len, firstLine, seq);
  }

  /** the module's tables (set up by WasmCountTable / WasmLineSet) */
  get exports(): Exports {
    return this.ex;
  }

  /** a view of the module's memory as int32s (renewed when the memory grows) */
  get uint8(): Uint8Array {
    if (this.u8.buffer !== this.memory.buffer) this.views();
    return this.u8;
  }

  get int32(): Int32Array {
    if (this.i32.buffer !== this.memory.buffer) this.views();
    return this.i32;
  }

  get stop(): number {
    return this.ex.stop();
  }

  /** per line taken by the last scan(): OUT_WORDS words from outIndex */
  get out(): Int32Array {
    return this.int32;
  }

  get outIndex(): number {
    return this.ex.outPtr() >> 2;
  }

  /** adds the empty-value counts since the last call to `into` (per column) and clears them */
  drainEmpty(into: Float64Array): void {
    if (this.u32.buffer !== this.memory.buffer) this.views();
    const u = this.u32;
    const p = this.ex.emptyPtr() >> 2;
    for (let c = 0; c < this.ncol; c++) {
      if (u[p + c] !== 0) {
        into[c] += u[p + c];
        u[p + c] = 0;
      }
    }
  }

  /** adds the event-type counts since the last call to the list's counts and clears them */
  drainEventTypes(list: { count: number }[]): void {
    if (this.u32.buffer !== this.memory.buffer) this.views();
    const u = this.u32;
    const p = this.ex.etCountPtr() >> 2;
    for (let k = 0; k < this.eventTypes; k++) {
      if (u[p + k] !== 0) {
        list[k].count += u[p + k];
        u[p + k] = 0;
      }
    }
  }

  /** the smallest and largest timestamp of the timestamp column since configure() (Infinity / -Infinity: none) */
  get tsMin(): number {
    const v = this.ex.tsMinLo();
    return v >= 9.2e18 ? Infinity : v;
  }

  get tsMax(): number {
    const v = this.ex.tsMaxHi();
    return v <= -9.2e18 ? -Infinity : v;
  }

  /**
   * The module's fingerprint of b[s, e) (copied into its memory): the first half; the second is in
   * `low`. Users, items and lines checked by the engine itself go into the module's tables by it.
   */
  fingerprint(b: Uint8Array, s: number, e: number): number {
    const n = e - s;
    const at = this.ex.scratch(n);
    if (at === 0) throw new Error('fast lane: out of memory');
    if (this.u8.buffer !== this.memory.buffer) this.views();
    this.u8.set(n === b.length ? b : b.subarray(s, e), at);
    const h = this.ex.fingerprint(at, at + n);
    this.low = this.ex.low();
    return h;
  }

  /**
   * Catching up (sorted mode ended): lines of a chunk read again go into the big set here, those
   * without quotes at least; returns how many lines were taken from `pos` (at most maxLines), `stop`
   * is where it stopped. The chunk is copied apart from the one being checked.
   */
  catchUp(chunk: Uint8Array, newChunk: boolean, pos: number, len: number, cols: number, maxLines: number): number {
    if (newChunk) {
      const at = this.ex.cuReserve(chunk.length);
      if (at === 0) throw new Error('fast lane: out of memory');
      if (this.u8.buffer !== this.memory.buffer) this.views();
      this.u8.set(chunk, at);
    }
    return this.ex.catchUp(pos, len, cols, maxLines);
  }

  /** the second half of the last fingerprint() */
  low = 0;

  /** hashWords() of bytes, computed by the module (tests compare the two) */
  hash(bytes: Uint8Array): [number, number] {
    this.load(bytes);
    const h = this.ex.hash(this.inBase, this.inBase + bytes.length);
    return [h, this.ex.low()];
  }
}

/** exported slots, as FingerprintTable / BufferedTable export them: [h1, h2, count] per slot, h1 0 = empty */
export interface ExportedSlots {
  parts: Int32Array[];
  stride: number;
  saturated: boolean;
  /** the HyperLogLog registers of every key counted (sketch.ts) */
  sketch: Uint8Array;
}

/** BufferedTable's interface over one of the module's count tables (0 users, 1 items) */
export class WasmCountTable {
  private readonly ex: Exports;
  constructor(private readonly fl: FastLane, private readonly t: 0 | 1, initialSlots: number, maxSlots: number) {
    this.ex = fl.exports;
    if (!this.ex.tableInit(t, initialSlots, maxSlots)) throw new Error('fast lane: out of memory');
  }

  inc(h1: number, h2: number): void {
    this.ex.tableAdd(this.t, h1, h2, 1);
  }

  /** counts the value b[s, e) (by the module's fingerprint) */
  incBytes(b: Uint8Array, s: number, e: number): void {
    const h1 = this.fl.fingerprint(b, s, e);
    this.ex.tableAdd(this.t, h1, this.fl.low, 1);
  }

  get size(): number {
    this.ex.tableFlush(this.t);
    return this.ex.tableSize(this.t);
  }

  get saturated(): boolean {
    this.ex.tableFlush(this.t);
    return this.ex.tableSaturated(this.t) !== 0 || this.extraSaturated;
  }

  /** each part's slots, in the module's memory (valid until the next call into the module) */
  private partSlots(): Int32Array[] {
    this.ex.tableFlush(this.t);
    const out: Int32Array[] = [];
    const a = this.fl.int32;
    for (let part = 0; part < this.ex.tableParts(); part++) {
      const p = this.ex.tablePartPtr(this.t, part) >> 2;
      out.push(a.subarray(p, p + this.ex.tablePartSlots(this.t, part) * 3));
    }
    return out;
  }

  forEachCount(fn: (count: number) => void): void {
    for (const a of this.partSlots()) for (let q = 0; q < a.length; q += 3) if (a[q] !== 0) fn(a[q + 2]);
  }

  /** its keys and counts, [h1, h2, count] each, in one transferable array */
  exportSlots(): ExportedSlots {
    const saturated = this.saturated;
    const at = this.ex.scratch(this.size * 12);
    if (at === 0) throw new Error('fast lane: out of memory');
    const n = this.ex.tableExport(this.t, at);
    const a = this.fl.int32;
    return { parts: [a.slice(at >> 2, (at >> 2) + n * 3)], stride: 3, saturated, sketch: this.sketch.slice() };
  }

  /** the HyperLogLog registers (a view of the module's memory: valid until the next call into it) */
  get sketch(): Uint8Array {
    const p = this.ex.tableSketchPtr(this.t);
    return this.fl.uint8.subarray(p, p + SKETCH_REGISTERS);
  }

  /** merged from a saturated table */
  private extraSaturated = false;

  mergeSlots(other: ExportedSlots): void {
    if (other.saturated) this.extraSaturated = true;
    sketchMerge(this.sketch, other.sketch);
    for (const a of other.parts) {
      if (other.stride === 3) {
        const at = this.ex.scratch(a.length * 4);
        if (at === 0) throw new Error('fast lane: out of memory');
        this.fl.int32.set(a, at >> 2);
        this.ex.tableMerge(this.t, at, a.length / 3);
      } else {
        for (let q = 0; q < a.length; q += other.stride) if (a[q] !== 0) this.ex.tableAdd(this.t, a[q], a[q + 1], 1);
      }
    }
  }
}

/** a sorted part's first and last run of lines (worker threads compare them across parts) */
export interface SortedRuns {
  lines: number;
  firstTs: number;
  lastTs: number;
  /** [h1, h2] per distinct line of the run */
  first: Int32Array;
  last: Int32Array;
}

/**
 * PartitionedTagSet's interface over the module's duplicate-line set, with sorted mode: while the
 * lines' timestamps never decrease, only the run of lines with the current timestamp is kept (a
 * repeated line has the same timestamp as the line it repeats). The first line out of order ends
 * sorted mode: the big set is set up and `catchUp(set, line)` must put every line before `line`
 * into it (addSilently), reading them again. Without catchUp, the big set is used from the start.
 * Repeats are handed to onRepeat(line, seq) by takeRepeats().
 */
export class WasmLineSet {
  private readonly ex: Exports;
  private readonly slots: number;
  private sortedMode = false;

  constructor(
    private readonly fl: FastLane,
    slots: number,
    private readonly onRepeat: (line: number, seq: number) => void,
    private readonly catchUp: ((set: WasmLineSet, before: number) => void) | null = null,
  ) {
    this.ex = fl.exports;
    this.slots = slots;
    if (catchUp && this.ex.sortedInit()) {
      this.sortedMode = true;
      fastLaneCounters.sortedStarts++;
    } else this.setUpBigSet();
  }

  private setUpBigSet(): void {
    // buffers: 2048 records a partition for 2^24 slots (8 MB), fewer for a worker's smaller set
    if (!this.ex.lineSetInit(this.slots, this.slots >= 1 << 24 ? 2048 : Math.max(64, this.slots >>> 14))) throw new Error('fast lane: out of memory');
  }

  /** still in sorted mode (no big set) */
  get sorted(): boolean {
    return this.sortedMode;
  }

  /** ends sorted mode: the big set, filled with the lines before line `before` (Infinity: all so far) */
  endSorted(before: number): void {
    if (!this.sortedMode) return;
    this.takeRepeats();
    this.sortedMode = false;
    fastLaneCounters.sortedEnds++;
    this.ex.sortedEnd();
    this.setUpBigSet();
    // repeats among those lines were reported while they were checked: none is listed again
    this.ex.lineSilent(1);
    try {
      this.catchUp!(this, before);
      this.ex.lineDrain();
    } finally {
      this.ex.lineSilent(0);
      this.ex.clearRepeats();
    }
  }

  add(h1: number, h2: number, line: number, seq: number): void {
    this.ex.lineAdd(h1, h2, line, seq);
    if (this.ex.repeatCount() > 0) this.takeRepeats();
  }

  /** adds the line b[s, e) (by the module's fingerprint) with its timestamp (NaN: none) */
  addBytes(b: Uint8Array, s: number, e: number, line: number, seq: number, ts: number): void {
    const h1 = this.fl.fingerprint(b, s, e);
    const h2 = this.fl.low;
    if (this.sortedMode) {
      if (Number.isSafeInteger(ts) && this.ex.lineAddTs(h1, h2, line, seq, ts) === 0) {
        if (this.ex.repeatCount() > 0) this.takeRepeats();
        return;
      }
      this.endSorted(line);
    }
    this.add(h1, h2, line, seq);
  }

  /** the module (for catching up with its fast path) */
  get lane(): FastLane {
    return this.fl;
  }

  /** catching up: a line checked earlier, into the big set without reporting */
  addSilently(b: Uint8Array, s: number, e: number): void {
    const h1 = this.fl.fingerprint(b, s, e);
    this.ex.lineAdd(h1, this.fl.low, 0, 0);
  }

  /** reports the repeats found so far */
  takeRepeats(): void {
    const n = this.ex.repeatCount();
    if (n === 0) return;
    const a = this.fl.int32;
    const p = this.ex.repeatsPtr() >> 2;
    const found = a.slice(p, p + n * 2);
    this.ex.clearRepeats();
    for (let i = 0; i < found.length; i += 2) this.onRepeat(found[i], found[i + 1]);
  }

  /** checks every waiting record */
  drain(): void {
    if (this.sortedMode) return;
    this.ex.lineDrain();
    this.takeRepeats();
  }

  /** sorted mode: the first and last run (copies) */
  runs(): SortedRuns {
    const a = this.fl.int32;
    const copy = (ptr: number, n: number) => a.slice(ptr >> 2, (ptr >> 2) + n * 2);
    return {
      lines: this.ex.sortedLineCount(),
      firstTs: this.ex.firstRunTs(),
      lastTs: this.ex.lastRunTs(),
      first: copy(this.ex.firstRunPtr(), this.ex.firstRunCount()),
      last: copy(this.ex.lastRunPtr(), this.ex.lastRunCount()),
    };
  }

  /** where the big set's tag slots are in the module's memory (bytes; PartitionedTagSet's layout) */
  get tagsOffset(): number {
    return this.ex.lineTagsPtr();
  }

  get saturated(): boolean {
    return !this.sortedMode && this.ex.lineSaturated() !== 0;
  }
}
