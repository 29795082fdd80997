// The bytes the fixer writes next (the copy, the rejects file), grown when a line needs more room:
// RowFixer and the fast lane write into it, fixPart flushes it to the file.

export class OutBuffer {
  buf: Uint8Array;
  pos = 0;
  /** a new buffer of `size` bytes, or the given one (the fast lane's, in its memory: lane.ts) */
  constructor(size: number | Uint8Array) {
    this.buf = typeof size === 'number' ? new Uint8Array(size) : size;
  }
  /** room for n more bytes (grows; the caller flushes between lines) */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}
