// Sorted mode of the line set (see WasmLineSet in fastlane.ts) keeps only the run of lines with the
// current timestamp. When it ends, the big set must hold every line before: the source is read again
// from its start and those lines are added, by the rules FileChecker.line() uses to add them.
import { AppError } from '../core/errors.js';
import { F_BAD_QUOTE, F_QUOTED, F_UNTERMINATED, LineSplitter } from '../csv/tokenizer.js';
import type { WasmLineSet } from './fastlane-tables.js';
import { RereadUnavailable, type Reread, type RereadLater } from './sources.js';

/**
 * Sorted mode ended at line `before`: reads the source again (`reread`) and puts every line before
 * it that line() put in the line set (not blank, quoting not broken, the header's `ncol` columns)
 * into the big set.
 */
export function catchUpLineSet(set: WasmLineSet, before: number, ncol: number, reread: Reread): void {
  const c = catchingUp(set, before, ncol);
  try {
    reread(c.feed);
  } catch (e) {
    throw readAgainError(e);
  }
  c.end();
}

/** catchUpLineSet with a source read again that waits for its bytes (RereadLater) */
export async function catchUpLineSetLater(set: WasmLineSet, before: number, ncol: number, reread: RereadLater): Promise<void> {
  const c = catchingUp(set, before, ncol);
  try {
    await reread(c.feed);
  } catch (e) {
    throw readAgainError(e);
  }
  c.end();
}

function readAgainError(e: unknown): unknown {
  // (an S3 error, a cancel: as it is)
  if (e instanceof RereadUnavailable || e instanceof AppError) return e;
  return new AppError('usage', `The file could not be read a second time while it was being checked (${(e as Error).message}). Make sure nothing moves or changes it during validation, and run it again.`);
}

/** the lines before `before` of the chunks fed, into the big set; `feed` answers whether it wants more */
function catchingUp(set: WasmLineSet, before: number, ncol: number): { feed: (chunk: Uint8Array) => boolean; end(): void } {
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
  return {
    feed(chunk) {
      splitter.push(chunk);
      return !done;
    },
    end() {
      if (!done) splitter.end();
    },
  };
}
