// The fast lane's tables, as the engine sees them: the users and items count tables
// (WasmCountTable, BufferedTable's interface) and the duplicate-line set with sorted mode
// (WasmLineSet, PartitionedTagSet's interface), both in the module's memory (wasm/fastlane.ts).
// Core module: no React, no SDK.

import { fastLaneCounters, type FastLane, type FastLaneExports } from './fastlane.js';
import { SKETCH_REGISTERS, sketchMerge } from './sketch.js';

/** exported slots, as FingerprintTable / BufferedTable export them: [h1, h2, count] per slot, h1 0 = empty */
export interface ExportedSlots {
  parts: Int32Array[];
  stride: number;
  saturated: boolean;
  /** the HyperLogLog registers of every key counted (sketch.ts) */
  sketch: Uint8Array;
}

/**
 * BufferedTable's interface over one of the module's count tables (0 users, 1 items). The table is
 * in the module's memory, which worker threads share (parallel.ts): a worker's table attaches to
 * the parent's (`attach`, its tablePtr) instead of keeping a copy, and its counts are there once
 * it has flushed (exportSketch).
 */
export class WasmCountTable {
  private readonly ex: FastLaneExports;
  constructor(private readonly fl: FastLane, private readonly t: 0 | 1, initialSlots: number, maxSlots: number, attach?: number) {
    this.ex = fl.exports;
    if (!(attach ? this.ex.tableAttach(t, attach) : this.ex.tableInit(t, initialSlots, maxSlots))) throw new Error('fast lane: out of memory');
  }

  /** where the table's state is in the module's memory (for a worker's `attach`) */
  get statePtr(): number {
    return this.ex.tablePtr(this.t);
  }

  /** reserves the table's regions for its largest size now (before worker threads attach: they must not allocate them) */
  reserve(): void {
    if (!this.ex.tableReserve(this.t)) throw new Error('fast lane: out of memory');
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

  /**
   * Every key's count. A slot is [h2, h1's low 26 bits << 6 | count] (the part is h1's top 6 bits);
   * a slot count of CNT_KEEP or more may have rows moved to the overflow table (wasm/fastlane.ts).
   */
  forEachCount(fn: (count: number) => void): void {
    this.ex.tableFlush(this.t);
    const parts = this.ex.tableParts();
    let most = 0;
    for (let part = 0; part < parts; part++) most = Math.max(most, this.ex.tablePartSize(this.t, part));
    const at = this.ex.scratch(most * 4);
    if (at === 0) throw new Error('fast lane: out of memory');
    // a part a call into the module (tablePartCounts), not a call a busy user for its overflow entry
    for (let part = 0; part < parts; part++) {
      const n = this.ex.tablePartCounts(this.t, part, at);
      const a = this.fl.int32;
      for (let q = at >> 2, end = q + n; q < end; q++) fn(a[q]);
    }
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

  /** a shared table (attached): its updates applied, so only the sketch and the flag go to the parent */
  exportSketch(): ExportedSlots {
    return { parts: [], stride: 3, saturated: this.saturated, sketch: this.sketch.slice() };
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
  private readonly ex: FastLaneExports;
  private readonly slots: number;
  private sortedMode = false;

  constructor(
    private readonly fl: FastLane,
    slots: number,
    private readonly onRepeat: (line: number, seq: number) => void,
    private readonly catchUp: ((set: WasmLineSet, before: number) => void) | null = null,
    /** catchUp that waits for the bytes read again (PartBytes.rereadLater): endSortedLater uses it */
    private readonly catchUpLater: ((set: WasmLineSet, before: number) => Promise<void>) | null = null,
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
    if (!this.beginCatchUp()) return;
    try {
      this.catchUp!(this, before);
      this.ex.lineDrain();
    } finally {
      this.endCatchUp();
    }
  }

  /** endSorted, with the lines before read again by catchUpLater when there is one (the part is checked: nothing else runs on the set meanwhile) */
  async endSortedLater(before: number): Promise<void> {
    if (!this.catchUpLater) return this.endSorted(before);
    if (!this.beginCatchUp()) return;
    try {
      await this.catchUpLater(this, before);
      this.ex.lineDrain();
    } finally {
      this.endCatchUp();
    }
  }

  private beginCatchUp(): boolean {
    if (!this.sortedMode) return false;
    this.takeRepeats();
    this.sortedMode = false;
    fastLaneCounters.sortedEnds++;
    this.ex.sortedEnd();
    this.setUpBigSet();
    // repeats among those lines were reported while they were checked: none is listed again
    this.ex.lineSilent(1);
    return true;
  }

  private endCatchUp(): void {
    this.ex.lineSilent(0);
    this.ex.clearRepeats();
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
