// Loads the fast lane (src/validate/wasm/fastlane.ts, compiled to WebAssembly at build time and
// embedded as base64 by scripts/wasm.mjs) and wraps its memory. Core module: no React, no SDK.
//
// The fast lane checks the common lines of a chunk and hands back, per line, the fingerprints the
// engine's tables need; the engine (checker.ts) checks every other line itself. Without the embedded
// module (TypeScript run without the build's define) or with PERSONALIZE_IMPORT_NO_WASM=1, the engine
// checks every line in JS: same report, slower.


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

/** the module's exports (wasm/fastlane.ts) */
export interface FastLaneExports {
  MAX_COLS: { value: number };
  OUT_LINES: { value: number };
  MAX_EVENT_TYPES: { value: number };
  CNT_KEEP: { value: number };
  init(): number;
  reserve(n: number): number;
  useInput(p: number): void;
  region(n: number): number;
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
  scanBig(pos: number, len: number, firstLine: number, seq: number): number;
  bigSet(): number;
  heapMark(): number;
  heapReset(mark: number): void;
  tableInit(t: number, slots: number, maxSlots: number): number;
  tablePtr(t: number): number;
  tableReserve(t: number): number;
  tableAttach(t: number, st: number): number;
  tableOverflow(t: number, h1: number, h2: number): number;
  tableAdd(t: number, h1: number, h2: number, n: number): void;
  tableFlush(t: number): void;
  tableParts(): number;
  tableExport(t: number, dst: number): number;
  tableMerge(t: number, src: number, n: number): void;
  tablePartPtr(t: number, part: number): number;
  tablePartSlots(t: number, part: number): number;
  tablePartSize(t: number, part: number): number;
  tablePartCounts(t: number, part: number, dst: number): number;
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
  lineCountShared(a: number, b: number, slots: number, from: number, to: number): number;
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

/** in this process (tests check that each way is really taken): lines the fast lane took, line sets started and ended in sorted mode, parallel runs whose workers counted into the parent's tables, scan calls with the big line set (scanBig), parts cut at run time and reruns without them (steal.ts) */
export const fastLaneCounters = { lines: 0, sortedStarts: 0, sortedEnds: 0, sharedTableRuns: 0, bigScans: 0, partsTaken: 0, stealReruns: 0, ringsInPlace: 0, partHereReruns: 0 };

export class FastLane {
  readonly maxCols: number;
  readonly outLines: number;
  readonly maxEventTypes: number;
  private readonly ex: FastLaneExports;
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
    return new FastLane(new WA.Instance(mod, { env: { memory: mem } }).exports as unknown as FastLaneExports, mem);
  }

  private constructor(ex: FastLaneExports, readonly memory: WasmMemory) {
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
    // already in this memory (read into inputBuffer(), or into a region()): scanned where it is
    if (chunk.buffer instanceof SharedArrayBuffer && this.ownBuffer(chunk.buffer)) {
      if (chunk.byteOffset !== this.inBase) {
        this.ex.useInput(chunk.byteOffset);
        this.inBase = chunk.byteOffset;
      }
      return;
    }
    const at = this.ex.reserve(chunk.length);
    if (at === 0) throw new Error('fast lane: out of memory');
    if (this.u8.buffer !== this.memory.buffer) this.views();
    this.inBase = at;
    this.u8.set(chunk, at);
  }

  /**
   * n bytes of this memory for as long as it lives (unless a heapReset() to a mark before they were
   * made gives them back), with 128 more that the scan may read past a chunk's end; null: no memory
   */
  region(n: number): Uint8Array | null {
    const at = this.ex.region(n);
    return at === 0 ? null : this.view(at, n);
  }

  /**
   * A view of bytes [at, at + n) of this memory (a region(), maybe of another thread's FastLane on
   * the same memory) that load() takes without a copy: a chunk of it is scanned where it is. The
   * chunk must stay put until the next load(), and the 128 bytes after it must be readable.
   */
  view(at: number, n: number): Uint8Array {
    const buf = this.memory.buffer as SharedArrayBuffer;
    this.inputBuffers.add(buf);
    return new Uint8Array(buf, at, n);
  }

  /** buffers of this module's memory handed out by inputBuffer() and view() (a shared memory's buffer object changes when it grows) */
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
    // interactions with the big duplicate-line set (not in time order): the scan that adds after its loop
    const ex = this.ex;
    if (!ex.bigSet()) return ex.scan(pos, len, firstLine, seq);
    fastLaneCounters.bigScans++;
    return ex.scanBig(pos, len, firstLine, seq);
  }

  /** the module's tables (set up by WasmCountTable / WasmLineSet) */
  get exports(): FastLaneExports {
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
