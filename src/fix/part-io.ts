// What the parts of a two-thread fix (file.ts) do alike, on a worker thread or on the calling thread
// (first-part.ts): read their input range, hand their output to their checker, and — the first part —
// append the second part's file to its own as that part writes it. `between`, given on the calling
// thread, runs before each read and each step of the append (a turn of the event loop, a stop check):
// the wizard's screen and Ctrl-C keep working; on a worker thread nothing runs between them.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { PartPush } from '../validate/produced.js';

/** what runs between two blocks on the calling thread (it may throw to stop) */
export type Between = () => Promise<void>;

/**
 * bytes [start, end) of a file after `prefix`, read straight into the fixer's work buffer when it
 * offers room (PartOptions.readTarget: 2 MiB, a turn of the calling thread's event loop every ≈ 8 ms —
 * 1 MiB reads there cost ≈ 3 % more CPU and time), else into a 1 MiB buffer of its own
 */
export async function* readPartRange(path: string, start: number, end: number, prefix: Uint8Array | undefined, target: { buf?: Uint8Array }, between?: Between): AsyncGenerator<Uint8Array> {
  if (prefix) yield prefix;
  const fd = openSync(path, 'r');
  try {
    let own: Buffer | undefined;
    for (let pos = start; pos < end; ) {
      await between?.();
      const t = target.buf;
      target.buf = undefined;
      const into = t && t.length >= 1 << 18 ? t : (own ??= Buffer.allocUnsafe(1 << 20));
      const n = readSync(fd, into, 0, Math.min(into.length, end - pos), pos);
      if (n === 0) return;
      pos += n;
      yield into.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * the part's output as its checker takes it: without the header line, which the first part writes
 * and its checker has read already (`skip`: the header's length for the first part, else 0)
 */
export function toChecker(outHeader: Uint8Array, skip: number, push: PartPush): (out: Uint8Array) => void {
  let bytes = 0;
  return (out) => {
    if (skip > 0) {
      const n = Math.min(skip, out.length);
      if (Buffer.compare(out.subarray(0, n), outHeader.subarray(outHeader.length - skip, outHeader.length - skip + n)) !== 0) throw new Error('the fixer wrote another header than the one its checkers read');
      skip -= n;
      out = out.subarray(n);
      if (out.length === 0) return;
    }
    bytes += out.length;
    push(out, bytes);
  };
}

/**
 * On the first part's thread, its own file `to` written: appends the second part's file `from` as
 * that part writes it (`state`, `written`: file.ts WorkerJob.join), `block` bytes at a time, until
 * the second part is done. False when the second part failed (what was appended does not matter
 * then: the copy is removed).
 */
export async function follow(to: string, from: string, state: Int32Array, written: Float64Array, block: number, between?: Between): Promise<boolean> {
  const out = openSync(to, 'r+');
  let src: number | undefined;
  try {
    let at = fstatSync(out).size;
    let copied = 0;
    const buf = Buffer.allocUnsafe(block);
    for (;;) {
      await between?.();
      const seq = Atomics.load(state, 0);
      const st = Atomics.load(state, 1);
      // (read after the state: a part that says it is done has said its final size before)
      const avail = written[0];
      if (avail > copied) {
        src ??= openSync(from, 'r');
        const n = readSync(src, buf, 0, Math.min(buf.length, avail - copied), copied);
        if (n === 0) throw new Error(`${from} is shorter than its part says`);
        for (let w = 0; w < n; ) w += writeSync(out, buf, w, n - w, at + w);
        at += n;
        copied += n;
        continue;
      }
      if (st === 1) return true;
      if (st === 2) return false;
      // waiting for more: blocking a worker thread, without blocking the calling thread's event loop
      if (between) await (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { value: unknown } }).waitAsync(state, 0, seq, 100).value;
      else Atomics.wait(state, 0, seq, 100);
    }
  } finally {
    closeSync(out);
    if (src !== undefined) closeSync(src);
  }
}
