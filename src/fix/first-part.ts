// The first part of a two-thread fix (file.ts) on the calling thread: fixed, written and validated
// (checkPart, as the validator checks the first part of a big local file on its own thread) while
// the second part's worker thread boots (≈ 110 ms of CPU) and then alongside it. The input is read a
// block (2 MiB, the work buffer) at a time between turns of the event loop (the wizard's screen and
// Ctrl-C keep working); once done, it appends the second part's file to its own as that part writes it.
import { setImmediate as turn } from 'node:timers/promises';
import { AppError } from '../core/errors.js';
import type { SchemaModel } from '../validate/fields.js';
import { checkPart, rereadFile, type PartJob, type PartPush } from '../validate/produced.js';
import { fixPart, type FixProgress, type PartOptions, type PartResult } from './fix.js';
import { follow, readPartRange, toChecker } from './part-io.js';

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
  // a turn of the event loop before each block read or appended, and the stop checked
  const between = async () => {
    await turn();
    if (stopped()) throw new AppError('interrupted', 'Interrupted: nothing was written.');
  };
  await checkPart(job, {
    async run(push: PartPush) {
      const readTarget: { buf?: Uint8Array } = {};
      const r = await fixPart({ name: part.path, stream: readPartRange(part.path, 0, part.end, undefined, readTarget, between) }, part.schema, {
        ...part.opts,
        // (blocks read and written on this thread, a turn of the event loop between them: no hand-off to libuv's thread pool)
        syncWrites: true,
        readTarget,
        // the first part writes the header line: its checker has read it already
        onOutput: toChecker(part.outHeader, part.outHeader.length, push),
      }, onProgress);
      // (256 KiB a step, a copy that stays in the core's cache: 4 MiB steps cost ≈ 0.3 s more CPU in
      // all, the other thread's too; 1 MiB ones measured no better)
      const joined = !r.problem && (await follow(part.opts.tmp, part.joinFrom, new Int32Array(part.join, 0, 2), new Float64Array(part.join, 8, 1), 1 << 18, between));
      onProgress(part.end, r.summary.rows);
      onDone(r, joined);
    },
    reread: rereadFile(part.opts.tmp, 0, Infinity),
  }, post, stopped);
}
