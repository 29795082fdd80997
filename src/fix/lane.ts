// Loads the fixer's fast lane (src/fix/wasm/rewrite.ts, compiled to WebAssembly at build time and
// embedded as base64 by scripts/wasm.mjs as __FIXLANE_WASM__) and wraps its memory. Core: no React,
// no SDK. The lane rewrites the plain record lines of a block in place of RowFixer's one-pass JS
// path (rows.ts block()); it stops at any other line, which the JS path then does. Without the
// embedded module (TypeScript run without the build's define) or with PERSONALIZE_IMPORT_NO_WASM=1,
// every line is the JS path's: the same output, slower.

import { OutBuffer } from './out-buffer.js';

declare const __FIXLANE_WASM__: string | undefined;

/** what RowFixer counts (rows.ts): per change kind c values[c] and rows[c], its examples, dates read as UTC */
export interface LaneTally {
  readonly values: Float64Array;
  readonly rows: Float64Array;
  readonly examples: readonly unknown[];
  assumedUtc: number;
  readonly assumedUtcExample?: unknown;
}

interface LaneExports {
  memory: { buffer: ArrayBuffer };
  MAX_COLS: { value: number };
  layout(workSize: number, outSize: number): number;
  kindsPtr(): number;
  nullablePtr(): number;
  countsPtr(): number;
  outPtr(): number;
  stop(): number;
  written(): number;
  configure(n: number, sep: number): void;
  run(s: number, limit: number, outRoom: number, maxLine: number, exMask: number, outAt: number): number;
}

const WA = (globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (m: object, imports: object) => { exports: unknown } };
}).WebAssembly;

let compiled: object | null | undefined;

function laneModule(): object | null {
  if (process.env.PERSONALIZE_IMPORT_NO_WASM === '1') return null;
  if (compiled === undefined) compiled = typeof __FIXLANE_WASM__ === 'string' && __FIXLANE_WASM__ !== '' ? new WA.Module(Buffer.from(__FIXLANE_WASM__, 'base64')) : null;
  return compiled;
}

/** whether this build has the fixer's fast lane (and it is not switched off) */
export function fixLaneAvailable(): boolean {
  return laneModule() !== null;
}

/** lines the fast lane took in this thread (tests check that it is really taken) */
export const fixLaneCounters = { lines: 0 };

export class FixLane {
  /** the work buffer: the fixer reads its input into it, where the lane reads it (never copied) */
  readonly work: Buffer;
  /**
   * the output buffer in the module's memory (outBuffer()): a run writes where its OutBuffer is at,
   * so the fixer's output is never copied out of the lane's; other OutBuffers get a copy of what the
   * lane wrote in its scratch area after it
   */
  private readonly direct: Uint8Array;
  /** what a run may write past its outRoom (finishing a line): at most the whole work buffer, values grown by 4 bytes each */
  private readonly tail: number;
  private readonly x: LaneExports;
  private readonly out: Uint8Array;
  private readonly counts: Int32Array;
  private readonly workAt: number;
  private cols = -1;

  /**
   * a lane with a work buffer of `workSize` bytes, writing at most `outRoom` bytes a run, and an
   * output buffer of `directSize` bytes in its memory (null: no lane in this build)
   */
  static create(workSize: number, outRoom: number, directSize = 0): FixLane | null {
    const m = laneModule();
    if (!m) return null;
    const x = new WA.Instance(m, {}).exports as LaneExports;
    // a run writes up to outRoom, then finishes its line: at most the whole work buffer, values grown by 4 bytes each
    // (in the direct buffer: from where it is at, below directSize - outRoom; else in the scratch area after it)
    const scratch = outRoom + FixLane.tailOf(workSize, x);
    const at = x.layout(workSize, directSize + scratch);
    if (at === 0) return null;
    return new FixLane(x, at, workSize, directSize, scratch);
  }

  private static tailOf(workSize: number, x: LaneExports): number {
    return workSize + 4 * x.MAX_COLS.value + 64;
  }

  private constructor(x: LaneExports, at: number, workSize: number, directSize: number, scratch: number) {
    this.x = x;
    this.workAt = at;
    this.tail = FixLane.tailOf(workSize, x);
    // the memory never grows after layout(): these views stay valid
    this.work = Buffer.from(x.memory.buffer, at, workSize);
    this.direct = new Uint8Array(x.memory.buffer, x.outPtr(), directSize);
    this.out = new Uint8Array(x.memory.buffer, x.outPtr() + directSize, scratch);
    this.counts = new Int32Array(x.memory.buffer, x.countsPtr(), 17);
  }

  /** an OutBuffer over the direct buffer (one at a time: a run writes into it where it is at) */
  outBuffer(): OutBuffer {
    return new OutBuffer(this.direct);
  }

  /** the columns (in = out order) and their kinds; false when the lane cannot take them */
  configure(kinds: Int32Array, nullable: Uint8Array, sep: number): boolean {
    const n = kinds.length;
    if (n === 0 || n > this.x.MAX_COLS.value) return false;
    new Uint8Array(this.x.memory.buffer, this.x.kindsPtr(), n).set(kinds);
    new Uint8Array(this.x.memory.buffer, this.x.nullablePtr(), n).set(nullable);
    this.x.configure(n, sep);
    this.cols = n;
    return true;
  }

  /** b is this lane's work buffer */
  holds(b: Uint8Array): boolean {
    return this.cols > 0 && b.buffer === this.work.buffer && b.byteOffset === this.workAt;
  }

  /** see run() in wasm/rewrite.ts; offsets are the work buffer's (`outAt`: the direct buffer's, or none: the scratch area) */
  run(s: number, limit: number, outRoom: number, maxLine: number, exMask: number, outAt = -1): number {
    const k = this.x.run(s, limit, outRoom, maxLine, exMask, outAt < 0 ? this.direct.length : outAt);
    fixLaneCounters.lines += k;
    return k;
  }

  /**
   * Runs the lane from offset i (up to `step` bytes of output): what it wrote is appended to `out`,
   * what it changed added to `to`. A line giving an example `to` lacks is left to JS. Returns the
   * lines taken; stop() says where it stopped.
   */
  take(i: number, limit: number, step: number, maxLine: number, out: OutBuffer, to: LaneTally): number {
    let mask = to.assumedUtcExample ? 1 << 8 : 0;
    for (let c = 0; c < 8; c++) if (to.examples[c] !== undefined) mask |= 1 << c;
    // written where `out` is at when it is the direct buffer (with room for `step` and the line it finishes)
    const direct = out.buf === this.direct && out.pos + step + this.tail <= this.direct.length;
    const k = this.run(i, limit, step, maxLine, mask, direct ? out.pos : -1);
    if (k === 0) return 0;
    if (direct) out.pos += this.x.written();
    else {
      const o = this.output();
      out.ensure(o.length);
      out.buf.set(o, out.pos);
      out.pos += o.length;
    }
    const cnt = this.counts;
    for (let c = 0; c < 8; c++) {
      to.values[c] += cnt[c];
      to.rows[c] += cnt[8 + c];
    }
    to.assumedUtc += cnt[16];
    return k;
  }

  /** where the last run stopped */
  stop(): number {
    return this.x.stop();
  }

  /** what the last run wrote */
  output(): Uint8Array {
    return this.out.subarray(0, this.x.written());
  }

  /** the last run's counters: values of change kind c at [c], rows at [8 + c], dates read as UTC at [16] */
  get counters(): Int32Array {
    return this.counts;
  }
}
