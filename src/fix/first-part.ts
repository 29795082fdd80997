// The first part of a two-thread fix (file.ts) on the calling thread: fixed, written and validated
// (checkPart, as the validator checks the first part of a big local file on its own thread) while
// the second part's worker thread boots (≈ 110 ms of CPU) and then alongside it. The input is read a
// 1 MiB block at a time between turns of the event loop (the wizard's screen and Ctrl-C keep
// working); once done, it appends the second part's file to its own as that part writes it.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { setImmediate as turn } from 'node:timers/promises';
import { AppError } from '../core/errors.js';
import type { SchemaModel } from '../validate/fields.js';
import { checkPart, rereadFile, type PartJob, type PartPush } from '../validate/produced.js';
import { fixPart, type FixProgress, type PartOptions, type PartResult } from './fix.js';

export interface FirstPart {
  path: string;
  end: number;
  schema: SchemaModel;
  opts: PartOptions;
  outHeader: Uint8Array;
  /** the second part's file and its join state (file.ts WorkerJob.join) */
  joinFrom: string;
  join: SharedArrayBuffer;
}

/**
 * Runs part 0 on this thread as validateParts' inline part (`post`, `stopped`: its arguments);
 * `onDone` is given the part's result and whether the second part's file was appended (before the
 * part's check result is posted, as a worker thread of file.ts posts them).
 */
export async function fixFirstInline(part: FirstPart, job: PartJob, post: Parameters<typeof checkPart>[2], stopped: () => boolean, onProgress: FixProgress, onDone: (fix: PartResult, joined: boolean) => void): Promise<void> {
  await checkPart(job, {
    async run(push: PartPush) {
      const { outHeader } = part;
      // the first part writes the header line: its checker has read it already
      let skip = outHeader.length;
      let bytes = 0;
      const readTarget: { buf?: Uint8Array } = {};
      const r = await fixPart({ name: part.path, stream: readStoppable(part.path, part.end, stopped, readTarget) }, part.schema, {
        ...part.opts,
        // (blocks read and written on this thread, a turn of the event loop between them: no hand-off to libuv's thread pool)
        syncWrites: true,
        readTarget,
        onOutput: (out) => {
          if (skip > 0) {
            const n = Math.min(skip, out.length);
            if (Buffer.compare(out.subarray(0, n), outHeader.subarray(outHeader.length - skip, outHeader.length - skip + n)) !== 0) throw new Error('the fixer wrote another header than the one its checkers read');
            skip -= n;
            out = out.subarray(n);
            if (out.length === 0) return;
          }
          bytes += out.length;
          push(out, bytes);
        },
      }, onProgress);
      const joined = !r.problem && (await followAsync(part.opts.tmp, part.joinFrom, part.join, stopped));
      onProgress(part.end, r.summary.rows);
      onDone(r, joined);
    },
    reread: rereadFile(part.opts.tmp, 0, Infinity),
  }, post, stopped);
}

/**
 * bytes [0, end) of a file, up to 1 MiB a read (straight into the fixer's work buffer when it offers
 * room: PartOptions.readTarget), a turn of the event loop before each; throws once `stopped`
 */
async function* readStoppable(path: string, end: number, stopped: () => boolean, target: { buf?: Uint8Array }): AsyncGenerator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    let own: Buffer | undefined;
    for (let pos = 0; pos < end; ) {
      await turn();
      if (stopped()) throw new AppError('interrupted', 'Interrupted: nothing was written.');
      const t = target.buf;
      target.buf = undefined;
      const into = t && t.length >= 1 << 18 ? t.subarray(0, 1 << 20) : (own ??= Buffer.allocUnsafe(1 << 20));
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
 * file.ts's follow() for this thread: appends the second part's file `from` to `to` as it is
 * written, a turn of the event loop between blocks, waiting without blocking it. False when the
 * second part failed.
 */
async function followAsync(to: string, from: string, join: SharedArrayBuffer, stopped: () => boolean): Promise<boolean> {
  const state = new Int32Array(join, 0, 2);
  const written = new Float64Array(join, 8, 1);
  const out = openSync(to, 'r+');
  let src: number | undefined;
  try {
    let at = fstatSync(out).size;
    let copied = 0;
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      if (stopped()) throw new AppError('interrupted', 'Interrupted: nothing was written.');
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
        await turn();
        continue;
      }
      if (st === 1) return true;
      if (st === 2) return false;
      await (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { value: unknown } }).waitAsync(state, 0, seq, 100).value;
    }
  } finally {
    closeSync(out);
    if (src !== undefined) closeSync(src);
  }
}
